// A stand-in for Zendesk's snippet (static.zdassets.com/ekr/snippet.js) with the Web Widget
// (Classic) and its integrated Chat, reproducing the documented JavaScript API:
//   https://developer.zendesk.com/api-reference/widget/introduction/
//   https://developer.zendesk.com/api-reference/widget/core/
//   https://developer.zendesk.com/api-reference/widget/chat-api/
// - the global zE(): zE('webWidget', 'open' | 'close' | 'show' | 'hide' | 'toggle'),
//   zE('webWidget', 'chat:send', message) (starts a chat if none is in progress; non-strings are an
//   error), zE('webWidget', 'chat:end'), zE('webWidget:get', 'display' | 'chat:isChatting'),
//   zE('webWidget:on', 'open' | 'close' | 'userEvent' | 'chat:connected' | 'chat:start' |
//   'chat:end' | 'chat:status' | 'chat:unreadMessages', cb), zE(callback); window.zESettings is read.
// - chat:status callbacks get 'online' | 'away' | 'offline'; chat:unreadMessages the count;
//   userEvent {category, action, properties}, e.g. 'Web Widget Opened', 'Chat Served by Operator'
//   with properties {agent}.
// - the widget as Zendesk's: iframe#launcher (data-product="web_widget") and iframe#webWidget
//   (same-origin) whose chat log uses the embeddable framework's data-testid values:
//   chat-msg-answer-bot, chat-msg-user, chat-msg-agent, chat-msg-event ("Chat started",
//   "<name> joined the chat"), and a textarea (Enter sends).
// - the messaging API (zE('messenger', ...)) is not there: it only warns.
//
// Behaviour: Answer Bot greets when the widget opens; when the visitor writes, the chat starts
// (event line "Chat started"), an agent joins after agent/2 s and answers after `agent` s.
// Knobs (query string): greet, agent ("never"), status (online | offline), close, throw.
// Every message shown is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('zendesk: web widget failed to initialise');
  const status = q.get('status') || 'online';
  const handlers = {};
  let opened = false;
  let chatting = false;
  let connected = false;
  let unread = 0;

  const fire = (name, ...args) => { for (const fn of (handlers[name] || []).slice()) { try { fn(...args); } catch (err) { console.error(err); } } };

  const launcher = document.createElement('iframe');
  launcher.id = 'launcher';
  launcher.setAttribute('data-product', 'web_widget');
  launcher.title = 'Opens a widget where you can chat to one of our agents';
  launcher.style.cssText = 'position:fixed;right:16px;bottom:16px;width:110px;height:50px;border:0;z-index:999999';
  const frame = document.createElement('iframe');
  frame.id = 'webWidget';
  frame.setAttribute('data-product', 'web_widget');
  frame.title = 'Find more information here';
  frame.style.cssText = 'position:fixed;right:16px;bottom:80px;width:360px;height:480px;border:1px solid #ccc;background:#fff;display:none;z-index:999999';
  document.body.appendChild(launcher);
  document.body.appendChild(frame);
  const ldoc = launcher.contentDocument;
  ldoc.open(); ldoc.write('<body style="margin:0"><button data-testid="launcher">Chat</button></body>'); ldoc.close();
  ldoc.querySelector('button').addEventListener('click', () => open());
  const doc = frame.contentDocument;
  doc.open();
  doc.write('<body style="font:14px sans-serif;margin:0"><main data-testid="scroll-container-content" id="log" style="height:390px;overflow:auto;padding:8px"></main>' +
    '<textarea name="chatBox" placeholder="Type a message here..." style="width:95%"></textarea></body>');
  doc.close();

  const line = (testid, text, who) => {
    const el = doc.createElement('div');
    el.setAttribute('data-testid', testid);
    el.textContent = text;
    if (who) { const n = doc.createElement('span'); n.textContent = who; doc.getElementById('log').appendChild(n); }
    doc.getElementById('log').appendChild(el);
    if ((testid === 'chat-msg-agent' || testid === 'chat-msg-answer-bot') && !opened) { unread += 1; fire('chat:unreadMessages', unread); }
  };
  const say = (testid, text, truthAuthor, who) => { truth(truthAuthor, text); line(testid, text, who); };

  const visitorWrites = (text) => {
    say('chat-msg-user', text, 'visitor');
    if (chatting) return;
    chatting = true;
    fire('chat:start');
    setTimeout(() => say('chat-msg-event', status === 'online' ? 'Chat started' : 'Sorry, we are offline. Leave us a message.', 'system'), 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => {
        say('chat-msg-event', 'Maria joined the chat', 'system');
        fire('userEvent', {category: 'chat', action: 'Chat Served by Operator', properties: {agent: 'Maria'}});
      }, agent * 500);
      setTimeout(() => say('chat-msg-agent', 'Hi, this is Maria. A service is £89.', 'agent', 'Maria'), agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) setTimeout(() => end(), close * 1000);
  };
  const end = () => {
    if (!chatting) return;
    chatting = false;
    fire('chat:end');
    launcher.remove(); frame.remove();
  };
  const box = doc.querySelector('textarea');
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); const t = box.value.trim(); box.value = ''; if (t) visitorWrites(t); }
  });

  function open() {
    if (opened) return;
    opened = true; unread = 0; frame.style.display = 'block';
    fire('open');
    fire('userEvent', {category: 'Web Widget', action: 'Web Widget Opened', properties: {}});
    const greet = num('greet', 0.3);
    if (greet !== null) setTimeout(() => say('chat-msg-answer-bot', "Hi! I'm Answer Bot. Ask me anything, or chat with our team.", 'greeting', 'Answer Bot'), greet * 1000);
  }
  const close = () => { if (opened) { opened = false; frame.style.display = 'none'; fire('close'); } };

  function api(ns, cmd, ...args) {
    if (typeof ns === 'function') { setTimeout(ns, 0); return undefined; }
    if (ns === 'webWidget') {
      if (cmd === 'open') open();
      else if (cmd === 'close') close();
      else if (cmd === 'toggle') (opened ? close : open)();
      else if (cmd === 'show') launcher.style.display = 'block';
      else if (cmd === 'hide') { launcher.style.display = 'none'; frame.style.display = 'none'; }
      else if (cmd === 'chat:send') {
        if (typeof args[0] !== 'string') { console.error('chat:send: message must be a string'); return undefined; }
        visitorWrites(args[0]);
      } else if (cmd === 'chat:end') end();
      return undefined;
    }
    if (ns === 'webWidget:get') {
      if (cmd === 'display') return opened ? 'chat' : 'launcher';
      if (cmd === 'chat:isChatting') return chatting;
      return undefined;
    }
    if (ns === 'webWidget:on') {
      const fn = args[0];
      (handlers[cmd] = handlers[cmd] || []).push(fn);
      if (connected && cmd === 'chat:status') setTimeout(() => fn(status), 0);
      if (connected && cmd === 'chat:unreadMessages') setTimeout(() => fn(unread), 0);
      return undefined;
    }
    if (typeof ns === 'string' && ns.startsWith('messenger')) { console.warn(`zE('${ns}', '${cmd}') is a messaging command; this account uses the Web Widget (Classic)`); return undefined; }
    console.warn(`zE: unknown command ${ns} ${cmd}`);
    return undefined;
  }
  window.zE = api;
  setTimeout(() => { connected = true; fire('chat:connected'); fire('chat:status', status); }, 50);
})();
