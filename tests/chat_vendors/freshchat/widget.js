// A stand-in for Freshchat's web messenger script (wchat.freshchat.com/js/widget.js), following the
// Web SDK documentation: https://developers.freshchat.com/web-sdk/ (v1: .../web-sdk/v1/).
// It creates window.fcWidget with init({token, host, ...}), open({name, replyText}), close(),
// show(), hide(), isOpen(), isLoaded(), isInitialized(), destroy(), setExternalId(), user.{setFirstName,
// setEmail, setProperties, get, clear}, on(event, fn) and off(event, fn); events as documented:
// widget:loaded, widget:opened, widget:closed, widget:destroyed, user:created, message:sent,
// message:received, unreadCount:notify ({count}), conversation:resolved. Message events carry
// {message: {...}} in Freshchat's message model: messageId, conversationId, channelId, createdMillis,
// messageUserType (0 user, 1 agent side), messageType (1 normal, 2 bot, 3 Freddy bot),
// messageUserName, messageUserAlias, messageFragments [{fragmentType: 1, contentType: 'text/html',
// content}], flowStepId on bot-flow messages. There is no send call (open({replyText}) pre-fills).
// The widget is Freshchat's: div#fc_frame holding iframe#fc_widget (title "Chat") with a textarea
// (Enter sends).
//
// Behaviour: Freddy (the bot) greets; when the visitor writes, Freddy answers at once, then an agent
// with a human name answers after `agent` s. close=N resolves the conversation and the widget goes.
// Knobs (query string): greet, agent ("never"), status (online | offline), close, throw.
// Every message shown is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('freshchat: widget failed to initialise');
  const status = q.get('status') || 'online';
  const handlers = {};
  let initialized = false;
  let loaded = false;
  let opened = false;
  let frameBox = null;
  let doc = null;
  let unread = 0;
  let nextId = 1000;
  let conversationId = 0;
  let userCreated = false;
  let pendingOpen = null;
  const user = {firstName: '', email: '', properties: {}};

  const fire = (name, payload) => { for (const fn of (handlers[name] || []).slice()) { try { fn(payload); } catch (err) { console.error(err); } } };
  const model = (messageUserType, messageType, name, text, extra) => Object.assign({
    messageId: nextId++, alias: `m${nextId}`, conversationId, channelId: 301, createdMillis: Date.now(),
    messageUserType, messageType, messageUserName: name, messageUserAlias: name ? `a-${name.toLowerCase()}` : 'u-1',
    messageFragments: [{fragmentType: 1, contentType: 'text/html', content: text}],
  }, extra || {});
  const render = (who, text) => {
    const p = doc.createElement('p');
    p.className = who === 'You' ? 'h-message-text user-message' : 'h-message-text agent-message';
    p.textContent = `${who}: ${text}`;
    doc.getElementById('log').appendChild(p);
  };
  const receive = (m, truthAuthor) => {
    const text = m.messageFragments[0].content;
    truth(truthAuthor, text);
    render(m.messageUserName || 'Team', text);
    fire('message:received', {message: m});
    if (!opened) { unread += 1; fire('unreadCount:notify', {count: unread}); }
  };
  const visitorWrites = (text) => {
    if (!conversationId) conversationId = 99120;
    if (!userCreated) { userCreated = true; fire('user:created', {success: true, status: 200, data: {restoreId: 'r-5f1', externalId: ''}}); }
    truth('visitor', text);
    render('You', text);
    fire('message:sent', {message: model(0, 1, '', text)});
    if (visitorWrites.started) return;
    visitorWrites.started = true;
    setTimeout(() => receive(model(1, 3, 'Freddy', status === 'online'
      ? "Thanks! I'm Freddy, the virtual assistant. Let me get you to someone from our team."
      : "I'm Freddy. Our team is away right now; we'll reply by email.", {flowStepId: 'step-handoff'}), 'bot'), 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => receive(model(1, 1, 'Maria', 'Hi, this is Maria. A service is £89.'), 'agent'), agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => { fire('conversation:resolved', {conversationId}); widget.destroy(); }, close * 1000);
    }
  };

  const build = () => {
    frameBox = document.createElement('div');
    frameBox.id = 'fc_frame';
    frameBox.className = 'fc-widget-normal';
    frameBox.style.cssText = 'position:fixed;right:16px;bottom:16px;width:64px;height:64px;z-index:2147483000';
    const iframe = document.createElement('iframe');
    iframe.id = 'fc_widget';
    iframe.name = 'fc_widget';
    iframe.title = 'Chat';
    iframe.style.cssText = 'width:100%;height:100%;border:0;background:#fff';
    frameBox.appendChild(iframe);
    document.body.appendChild(frameBox);
    doc = iframe.contentDocument;
    doc.open();
    doc.write('<body style="font:14px sans-serif;margin:0"><div id="app-conversation" style="display:none">' +
      '<div id="log" class="message-list" style="height:400px;overflow:auto;padding:8px"></div>' +
      '<textarea id="app-conversation-editor" placeholder="Type your message and hit enter" style="width:95%"></textarea></div>' +
      '<div id="chat-icon" role="button" aria-label="Open chat">Chat</div></body>');
    doc.close();
    const box = doc.getElementById('app-conversation-editor');
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); const t = box.value.trim(); box.value = ''; if (t) visitorWrites(t); }
    });
    doc.getElementById('chat-icon').addEventListener('click', () => widget.open());
  };

  const widget = {
    init(config) {
      if (initialized) return;
      if (!config || !config.token) { console.error('Freshchat: token is required'); return; }
      initialized = true;
      build();
      setTimeout(() => {
        loaded = true;
        fire('widget:loaded', {success: true, status: 200});
        if (config.open || pendingOpen) widget.open(pendingOpen || undefined);
      }, 50);
    },
    open(opts) {
      if (!loaded) { pendingOpen = opts || {}; return; }  // opening before the widget loaded waits for it
      if (opened) return;
      opened = true; unread = 0;
      frameBox.style.width = '380px'; frameBox.style.height = '520px';
      doc.getElementById('app-conversation').style.display = 'block';
      doc.getElementById('chat-icon').style.display = 'none';
      if (opts && opts.replyText) doc.getElementById('app-conversation-editor').value = opts.replyText;
      fire('widget:opened', {success: true, status: 200});
      const greet = num('greet', 0.3);
      if (greet !== null && !widget._greeted) {
        widget._greeted = true;
        setTimeout(() => receive(model(1, 3, 'Freddy', "Hi there! I'm Freddy. How can we help?", {flowStepId: 'step-welcome'}), 'greeting'), greet * 1000);
      }
    },
    close() {
      if (!opened) return;
      opened = false;
      frameBox.style.width = '64px'; frameBox.style.height = '64px';
      doc.getElementById('app-conversation').style.display = 'none';
      doc.getElementById('chat-icon').style.display = 'block';
      fire('widget:closed', {success: true, status: 200});
    },
    show() { if (frameBox) frameBox.style.display = 'block'; },
    hide() { if (frameBox) frameBox.style.display = 'none'; },
    isOpen() { return opened; },
    isLoaded() { return loaded; },
    isInitialized() { return initialized; },
    destroy() {
      if (!frameBox) return;
      frameBox.remove(); frameBox = null; loaded = false; opened = false; initialized = false;
      fire('widget:destroyed', {success: true, status: 200});
    },
    setExternalId() {},
    setTags() {},
    setConfig() {},
    trackPage() {},
    track() {},
    user: {
      setFirstName(v) { user.firstName = v; },
      setLastName() {},
      setEmail(v) { user.email = v; },
      setPhone() {},
      setProperties(p) { Object.assign(user.properties, p); },
      update(u) { Object.assign(user, u); },
      get(cb) { const r = {success: true, status: 200, data: Object.assign({}, user)}; if (typeof cb === 'function') cb(r); return Promise.resolve(r); },
      clear() { return Promise.resolve({success: true, status: 200}); },
    },
    on(name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
    off(name, fn) { handlers[name] = (handlers[name] || []).filter((h) => h !== fn); },
  };
  window.fcWidget = widget;
})();
