// A stand-in for Tidio's widget script (//code.tidio.co/<public key>.js), following Tidio's widget
// JavaScript API docs (https://docs.tidio.com/ "Listeners / Events";
// https://developers.tidio.com/docs/widget-other-methods):
// - the script itself creates window.tidioChatApi with on(event, fn), open(), close(), show(), hide(),
//   display(bool), messageFromVisitor(text), messageFromOperator(text), setVisitorData(),
//   setContactProperties(), addVisitorTags(), track(), setColorPalette();
// - once loaded it dispatches the "tidioChat-ready" event on document and fires "ready", then
//   "setStatus" with "online" or "offline"; it fires "open" / "close" when the chat window opens or
//   closes (open() and close() too, as the docs warn), "conversationStart" on the visitor's first
//   message, "messageFromVisitor" and "messageFromOperator" for each message. The docs give no payload for
//   the message events; pages read data.message, so they get {message};
// - the widget is div#tidio-chat holding iframe#tidio-chat-iframe (title "Tidio Chat"), as Tidio's;
//   inside it each operator message shows the sender's name (and Lyro's "AI Agent" label) above the text,
//   and a textarea sends on Enter.
// Lyro, Tidio's AI agent, greets when the chat opens and answers right after the visitor writes; then a
// person ("Maria") after `agent` seconds. The docs name no "conversation ended" event ("close" is the
// window closing): close=N closes the window and removes the widget from the page.
//
// Knobs (query string): greet (s after the chat opens until Lyro's greeting), agent (s after the visitor
// writes until Maria answers; "never"), status (online | offline), close (s after the visitor writes
// until the chat ends), throw (1: the script throws while loading).
// Every message shown is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('Tidio: the widget failed to load');
  const status = q.get('status') === 'offline' ? 'offline' : 'online';
  const listeners = {};
  const fire = (event, data) => {
    for (const fn of (listeners[event] || []).slice()) { try { fn(data); } catch (err) { setTimeout(() => { throw err; }); } }
  };
  let isReady = false;
  let opened = false;
  let started = false;
  let greeted = false;

  const root = document.createElement('div');
  root.id = 'tidio-chat';
  const frame = document.createElement('iframe');
  frame.id = 'tidio-chat-iframe';
  frame.title = 'Tidio Chat';
  // Closed, Tidio's iframe is its round launcher button (94 x 94); open, it grows into the chat window.
  const CLOSED = 'width:94px;height:94px', OPEN = 'width:360px;height:480px';
  frame.style.cssText = `position:fixed;right:16px;bottom:16px;${CLOSED};border:0;z-index:999999999;background:#fff;display:block`;
  root.appendChild(frame);
  document.body.appendChild(root);
  const doc = frame.contentDocument;
  doc.open();
  doc.write('<body style="margin:0;font:14px sans-serif"><div class="widget">' +
    '<div class="chat-header" style="padding:8px;background:#0566ff;color:#fff">' + (status === 'online' ? 'We are online' : 'We are offline') + '</div>' +
    '<div class="conversation" role="log" style="height:380px;overflow:auto;padding:8px"></div>' +
    '<div class="input-group"><textarea id="new-message-textarea" placeholder="Enter your message..." style="width:95%"></textarea></div></div></body>');
  doc.close();
  const log = doc.querySelector('.conversation');
  const box = doc.querySelector('textarea');
  const show = (side, text, name, badge) => {
    const m = doc.createElement('div');
    m.className = `message message-${side}`;
    if (name) {
      const header = doc.createElement('div');
      header.className = 'message-header';
      const n = doc.createElement('span'); n.className = 'operator-name'; n.textContent = name; header.appendChild(n);
      if (badge) { const b = doc.createElement('span'); b.className = 'operator-badge'; b.textContent = badge; header.append(' ', b); }
      m.appendChild(header);
    }
    const c = doc.createElement('div'); c.className = 'message-content'; c.textContent = text; m.appendChild(c);
    log.appendChild(m);
  };
  const operator = (truthAuthor, text, name, badge) => {
    if (!root.isConnected) return;
    truth(truthAuthor, text);
    show('operator', text, name, badge);
    fire('messageFromOperator', {message: text});
  };
  const lyro = (truthAuthor, text) => operator(truthAuthor, text, 'Lyro', 'AI Agent');

  const visitorWrites = (text) => {
    if (!root.isConnected || !String(text).trim()) return;
    text = String(text);
    truth('visitor', text);
    show('visitor', text);
    fire('messageFromVisitor', {message: text});
    if (started) return;
    started = true;
    fire('conversationStart');
    setTimeout(() => lyro('bot', status === 'online'
      ? 'Great question! I\'m handing you over to our team, someone will reply shortly.'
      : 'Our team is offline right now. Leave your email and we will get back to you.'), 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) setTimeout(() => operator('agent', 'Hi, Maria here. A service is $89.', 'Maria', ''), agent * 1000);
    const close = num('close', null);
    if (close !== null) setTimeout(() => { api.close(); root.remove(); }, close * 1000);
  };

  const api = window.tidioChatApi = {
    on(event, fn) {
      if (typeof fn !== 'function') return;
      (listeners[event] = listeners[event] || []).push(fn);
      if (event === 'ready' && isReady) fn();
    },
    open() {
      if (!opened) { opened = true; frame.style.cssText = frame.style.cssText.replace(/width:[^;]+;\s*height:[^;]+/, OPEN); fire('open'); }
      const greet = num('greet', 0.3);
      if (greeted || greet === null) return;
      greeted = true;
      setTimeout(() => lyro('greeting', 'Hi there! 👋 I\'m Lyro, an AI Agent. How can I help you today?'), greet * 1000);
    },
    close() { if (opened) { opened = false; frame.style.cssText = frame.style.cssText.replace(/width:[^;]+;\s*height:[^;]+/, CLOSED); fire('close'); } },
    show() { root.style.display = 'block'; },
    hide() { root.style.display = 'none'; },
    display(visible) { root.style.display = visible ? 'block' : 'none'; },
    messageFromVisitor(text) { visitorWrites(text); },
    messageFromOperator(text) { show('operator', String(text)); fire('messageFromOperator', {message: String(text)}); },
    setVisitorData() {}, setContactProperties() {}, addVisitorTags() {}, track() {}, setColorPalette() {},
  };
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    e.preventDefault();
    const text = box.value;
    box.value = '';
    visitorWrites(text);
  });

  setTimeout(() => {
    isReady = true;
    document.dispatchEvent(new Event('tidioChat-ready'));
    fire('ready');
    fire('setStatus', status);
  }, 50);
})();
