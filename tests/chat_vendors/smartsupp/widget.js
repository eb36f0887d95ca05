// A stand-in for Smartsupp's loader (www.smartsuppchat.com/loader.js), following the chat box
// JavaScript API documentation: https://docs.smartsupp.com/chat-box/javascript-api/ (events and
// methods; legacy: https://docs.smartsupp.com/chat-box/v1/javascript-api/events.html).
// It takes over from the snippet's stub: reads window._smartsupp ({key, ...}), replaces
// window.smartsupp with the real command function and replays the stub's queue (smartsupp._).
// Commands: 'on' (event, fn), 'chat:open', 'chat:close', 'chat:show', 'chat:hide', 'chat:send'
// (text), 'chat:message' (pre-fill), 'name', 'email', 'variables', 'language', 'group'.
// Events, with the documented arguments: startup (), render (), rendered (), status (status),
// message (model, message) for every message, visitor's, agent's or a trigger's, with message.type
// 'visitor' | 'agent', message.content, message.triggeredBy on automatic messages; sent (message);
// agent.join (model, agent {id, nickname, note}); agent.leave (model, agent); model.get('lang').
// The widget's markup is Smartsupp's current one: the hidden iframe#chat-application-iframe (title
// "Smartsupp") and div#smartsupp-widget-container holding the button iframe#widgetButtonFrame and,
// when open, the popup iframe#widgetPopupFrame with a textarea (Enter sends).
//
// Behaviour: an automatic message (trigger "on open") greets; when the visitor writes, a trigger
// ("when a visitor sends a message") answers at once, then an agent joins and answers after `agent` s.
// Smartsupp has no documented chat-ended event: close=N makes the agent leave (if one joined) and the
// chat box goes from the page.
// Knobs (query string): greet, agent ("never"), status (online | offline), close, throw.
// Every message shown is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('smartsupp: chat box failed to load');
  const status = q.get('status') || 'online';
  const config = window._smartsupp || {};
  const queue = (window.smartsupp && window.smartsupp._) || [];
  const handlers = {};
  const attrs = {lang: config.language || 'en', key: config.key};
  const model = {get: (k) => attrs[k], set: (k, v) => { attrs[k] = v; }};
  const AGENT = {id: 86665, nickname: 'Maria', note: 'Customer care'};
  let opened = false;
  let chatting = false;
  let agentIn = false;
  let nextId = 1;
  let popupDoc = null;

  const fire = (name, ...args) => { for (const fn of (handlers[name] || []).slice()) { try { fn(...args); } catch (err) { console.error(err); } } };

  // the widget
  const app = document.createElement('iframe');
  app.id = 'chat-application-iframe';
  app.title = 'Smartsupp';
  app.setAttribute('aria-hidden', 'true');
  app.style.cssText = 'display:block;position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;border:none;z-index:-1;pointer-events:none';
  document.body.appendChild(app);
  const container = document.createElement('div');
  container.id = 'smartsupp-widget-container';
  container.innerHTML = '<div data-testid="widgetButtonFrame" style="position:fixed;bottom:24px;right:12px;width:56px;height:56px;z-index:10000000">' +
    '<iframe allowfullscreen="" scrolling="no" id="widgetButtonFrame" title="Smartsupp widget button" style="width:100%;height:100%;border:none"></iframe></div>';
  document.body.appendChild(container);
  const bdoc = container.querySelector('#widgetButtonFrame').contentDocument;
  bdoc.open(); bdoc.write('<body style="margin:0"><button aria-label="Open chat" style="width:56px;height:56px;border-radius:28px">Chat</button></body>'); bdoc.close();
  bdoc.querySelector('button').addEventListener('click', () => open());

  const render = (who, text) => {
    if (!popupDoc) return;
    const p = popupDoc.createElement('p');
    p.className = who ? 'message message-agent' : 'message message-visitor';
    p.textContent = `${who || 'You'}: ${text}`;
    popupDoc.getElementById('log').appendChild(p);
  };
  const message = (type, content, extra) => Object.assign({id: `m${nextId++}`, type, content, createdAt: new Date().toISOString()}, extra || {});
  const agentSide = (m, truthAuthor, who) => { truth(truthAuthor, m.content); render(who, m.content); fire('message', model, m); };

  const visitorWrites = (text) => {
    const m = message('visitor', text, {visitorId: 'viJqfKK4RIOh'});
    truth('visitor', text); render('', text);
    fire('message', model, m); fire('sent', m);
    if (chatting) return;
    chatting = true;
    setTimeout(() => agentSide(message('agent', status === 'online'
      ? 'Thanks for your message! One of us will be with you in a moment.'
      : "We're offline right now. Leave us your email and we'll get back to you.", {triggeredBy: 'trigger-visitor-message'}), 'bot', 'Shop'), 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => { agentIn = true; fire('agent.join', model, Object.assign({}, AGENT)); }, agent * 500);
      setTimeout(() => agentSide(message('agent', 'Hi, this is Maria. A service is £89.', {agentId: AGENT.id}), 'agent', AGENT.nickname), agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        if (agentIn) fire('agent.leave', model, Object.assign({}, AGENT));
        container.remove(); app.remove();
      }, close * 1000);
    }
  };

  function open() {
    if (opened) return;
    opened = true;
    const popup = document.createElement('div');
    popup.setAttribute('data-testid', 'widgetPopupFrame');
    popup.style.cssText = 'position:fixed;bottom:90px;right:12px;width:360px;height:480px;z-index:10000000;background:#fff;border:1px solid #ccc';
    popup.innerHTML = '<iframe allowfullscreen="" id="widgetPopupFrame" title="Smartsupp widget popup" style="width:100%;height:100%;border:none"></iframe>';
    container.appendChild(popup);
    popupDoc = popup.querySelector('iframe').contentDocument;
    popupDoc.open();
    popupDoc.write('<body style="font:14px sans-serif;margin:0"><div id="log" style="height:400px;overflow:auto;padding:8px"></div>' +
      '<textarea placeholder="Write a message..." style="width:95%"></textarea></body>');
    popupDoc.close();
    const box = popupDoc.querySelector('textarea');
    if (attrs.prefill) box.value = attrs.prefill;
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); const t = box.value.trim(); box.value = ''; if (t) visitorWrites(t); }
    });
    fire('event', 'Chat', 'chat_open', '');
    const greet = num('greet', 0.3);
    if (greet !== null) setTimeout(() => agentSide(message('agent', 'Hi! Do you need any help?', {triggeredBy: 'trigger-welcome'}), 'greeting', 'Shop'), greet * 1000);
  }
  const close = () => { const p = container.querySelector('[data-testid="widgetPopupFrame"]'); if (p) p.remove(); opened = false; popupDoc = null; };

  function smartsupp(cmd, ...args) {
    switch (cmd) {
      case 'on': (handlers[args[0]] = handlers[args[0]] || []).push(args[1]); break;
      case 'chat:open': open(); break;
      case 'chat:close': close(); break;
      case 'chat:show': container.style.display = ''; break;
      case 'chat:hide': container.style.display = 'none'; break;
      case 'chat:send': if (typeof args[0] === 'string' && args[0]) { open(); visitorWrites(args[0]); } break;
      case 'chat:message': attrs.prefill = args[0]; if (popupDoc) popupDoc.querySelector('textarea').value = args[0]; break;
      case 'name': case 'email': case 'variables': case 'language': case 'group': attrs[cmd] = args[0]; break;
      default: break;
    }
  }
  window.smartsupp = smartsupp;
  for (const args of queue) smartsupp(...args);
  fire('startup');
  fire('render');
  fire('rendered');
  fire('status', status);
})();
