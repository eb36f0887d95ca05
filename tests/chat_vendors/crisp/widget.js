// A stand-in for Crisp's chatbox script (https://client.crisp.chat/l.js), following Crisp's $crisp SDK
// docs (https://docs.crisp.chat/guides/chatbox-sdks/web-sdk/dollar-crisp/; crisp-sdk-web,
// https://github.com/crisp-im/crisp-sdk-web, sends the same commands):
// - it takes over window.$crisp, the queue the page's snippet made, and runs the queued commands:
//   ["on", event, fn] (several handlers per event), ["off", event] (removes all of that event's
//   handlers), ["do", action, args], ["set", key, args], ["config", key, args], ["safe", bool];
// - $crisp.is("website:available" | "chat:opened" | "chat:closed" | "chat:visible" | "chat:hidden" |
//   "session:ongoing") and $crisp.get("chat:unread:count" | "session:identifier" | "user:nickname" ...);
// - actions: chat:open, chat:close, chat:show, chat:hide, chat:toggle, message:send [type, content],
//   message:show [type, content], message:read, session:reset;
// - events: session:loaded(session_id), chat:initiated, chat:opened, chat:closed,
//   website:availability:changed(is_available), message:sent(message), message:received(message), with
//   a message as Crisp's are: {type, from: "user" | "operator", origin, content, fingerprint, timestamp,
//   user: {user_id, nickname, avatar}, automated?};
// - the chatbox is drawn in the page (no iframe) in div.crisp-client > div#crisp-chatbox, with a
//   textarea that sends on Enter.
// The greeting is a trigger: an automated message sent under an operator's name. Right after the visitor
// writes, Crisp's AI agent (Hugo) answers, automated; then the operator Maria after `agent` seconds.
// Crisp documents no "conversation ended" event: close=N closes the chatbox (chat:closed) and removes it
// from the page.
//
// Knobs (query string): greet (s after the chatbox opens until the greeting), agent (s after the visitor
// writes until the operator answers; "never"), status (online | offline), close (s after the visitor
// writes until the chat ends), throw (1: the script throws while loading).
// Every message shown is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('Crisp: the chatbox failed to load');
  const queue = Array.isArray(window.$crisp) ? window.$crisp.slice() : [];
  const available = q.get('status') !== 'offline';
  const handlers = {};
  const fire = (event, ...args) => {
    for (const fn of (handlers[event] || []).slice()) { try { fn(...args); } catch (err) { setTimeout(() => { throw err; }); } }
  };
  const sessionId = 'session_700c65e1-85e2-465a-b9ac-ecb5ec2c9881';
  const visitor = {user_id: sessionId, nickname: 'visitor3714'};
  const maria = {user_id: 'f0c4e1c2-5b64-4a8e-9d7c-5c1f2a4ee0b1', nickname: 'Maria', avatar: ''};
  const hugo = {user_id: 'hugo', nickname: 'Hugo', avatar: ''};
  let opened = false;
  let visible = true;
  let unread = 0;
  let greeted = false;
  let initiated = false;
  let fingerprint = 163000000000000;

  const client = document.createElement('div');
  client.className = 'crisp-client';
  const box = document.createElement('div');
  box.id = 'crisp-chatbox';
  box.setAttribute('data-chat-status', 'initial');
  box.setAttribute('data-visible', 'true');
  box.setAttribute('data-availability', available ? 'online' : 'away');
  box.style.cssText = 'position:fixed;right:20px;bottom:20px;width:340px;font:14px sans-serif;z-index:1000000';
  box.innerHTML = '<a class="cc-launcher" role="button" aria-label="Open chat" style="display:block;background:#1972f5;color:#fff;padding:10px;cursor:pointer">Chat</a>' +
    '<div class="cc-chat" style="display:none;background:#fff;border:1px solid #ddd"><div class="cc-log" style="height:320px;overflow:auto;padding:8px"></div>' +
    '<textarea name="message_field" placeholder="Compose your message..." style="width:95%"></textarea></div>';
  client.appendChild(box);
  document.body.appendChild(client);
  const chatEl = box.querySelector('.cc-chat');
  const log = box.querySelector('.cc-log');
  const input = box.querySelector('textarea');
  const show = (who, name, text) => {
    const m = document.createElement('div');
    m.className = `cc-message cc-message--${who}`;
    m.textContent = name ? `${name}: ${text}` : text;
    log.appendChild(m);
  };
  const message = (from, user, content, extra) => Object.assign({
    type: 'text', from, origin: 'chat', content, fingerprint: fingerprint += 17, timestamp: Date.now(), user: Object.assign({}, user),
  }, extra || {});
  const operator = (truthAuthor, user, content, automated) => {
    if (!client.isConnected) return;
    truth(truthAuthor, content);
    show('operator', user.nickname, content);
    if (!opened) unread += 1;
    fire('message:received', message('operator', user, content, automated ? {automated: true} : {}));
  };

  const actions = {
    'chat:open'() {
      if (!opened) { opened = true; unread = 0; chatEl.style.display = 'block'; fire('chat:opened'); }
      const greet = num('greet', 0.3);
      if (greeted || greet === null) return;
      greeted = true;
      setTimeout(() => operator('greeting', maria, 'Hi! 👋 Anything we can help you with?', true), greet * 1000);
    },
    'chat:close'() { if (opened) { opened = false; chatEl.style.display = 'none'; fire('chat:closed'); } },
    'chat:show'() { visible = true; box.setAttribute('data-visible', 'true'); box.style.display = 'block'; },
    'chat:hide'() { visible = false; box.setAttribute('data-visible', 'false'); box.style.display = 'none'; },
    'chat:toggle'() { if (opened) actions['chat:close'](); else actions['chat:open'](); },
    'message:send'(type, content) { if (type === 'text') visitorWrites(String(content)); },
    'message:show'(type, content) { show('operator', '', String(content)); },
    'message:read'() { unread = 0; },
    'session:reset'() {},
  };
  const visitorWrites = (text) => {
    if (!client.isConnected || !text.trim()) return;
    truth('visitor', text);
    show('visitor', '', text);
    box.setAttribute('data-chat-status', 'ongoing');
    fire('message:sent', message('user', visitor, text));
    if (initiated) return;
    initiated = true;
    fire('chat:initiated');
    setTimeout(() => operator('bot', hugo, available
      ? 'I\'m Hugo, the AI agent. An operator will reply here shortly.'
      : 'The team is away right now; we will answer by email.', true), 200);
    const after = num('agent', 3);
    if (available && after !== null) setTimeout(() => operator('agent', maria, 'Hi, Maria here. A service is 89 €.', false), after * 1000);
    const close = num('close', null);
    if (close !== null) setTimeout(() => { actions['chat:close'](); client.remove(); }, close * 1000);
  };
  const is = (what) => ({
    'website:available': available,
    'chat:opened': opened, 'chat:closed': !opened,
    'chat:visible': visible, 'chat:hidden': !visible,
    'session:ongoing': initiated,
  })[what] === true;
  const get = (what) => ({
    'chat:unread:count': unread,
    'session:identifier': sessionId,
    'user:nickname': visitor.nickname,
    'message:text': input.value,
  })[what];
  const run = (command) => {
    if (!Array.isArray(command)) return;
    const [verb, name, args] = command;
    if (verb === 'on' && typeof args === 'function') (handlers[name] = handlers[name] || []).push(args);
    else if (verb === 'off') delete handlers[name];
    else if (verb === 'do' && actions[name]) actions[name](...(Array.isArray(args) ? args : []));
    // "set", "config" and "safe" change nothing this page looks at
  };

  box.querySelector('.cc-launcher').addEventListener('click', () => actions['chat:open']());
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    e.preventDefault();
    const text = input.value;
    input.value = '';
    visitorWrites(text);
  });

  window.$crisp = {push(...commands) { for (const c of commands) run(c); return 0; }, is, get};
  for (const c of queue) run(c);
  setTimeout(() => fire('session:loaded', sessionId), 50);
})();
