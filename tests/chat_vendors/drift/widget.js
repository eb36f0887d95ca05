// A stand-in for Drift's widget script (js.driftt.com/include/…), reproducing its documented Widget
// API (https://devdocs.drift.com/docs/drift-events, https://devdocs.drift.com/docs/start-a-chat-with-a-link):
// it takes over the snippet's queue (window.drift = window.driftt = an array of [method, ...args]
// calls) and replays it on the real object; drift.on(event, fn) listeners get the documented
// events with the documented payloads (as typed in public code): ready (api, {sidebarOpen,
// chatOpen, widgetVisible, isOnline, teamAvailability}), chatOpen, chatClose, welcomeMessage:open,
// awayMessage:open, startConversation {conversationId, inboxId}, message:sent {conversationId,
// inboxId}, message {conversationId, inboxId, teamMember {id, name}} (no text: Drift does not
// send it), conversation:playbookFired {conversationId, playbookId, interactionId, campaignId,
// messageId, createdAt, authorId}; drift.api offers openChat, hideChat, toggleChat, sidebar.open /
// close / toggle, widget.show / hide, startInteraction, show/hide Welcome / Away message.
// Markup as Drift's: div#drift-frame-controller > iframe.drift-frame-controller (title "Drift Widget
// Chat Controller", the launcher) and div#drift-frame-chat > iframe.drift-frame-chat (title "Drift
// Widget Chat Window") with a textarea that sends on Enter. The bot writes as "Drift Bot" (a bot
// user whose id is the playbook messages' authorId); the person as a team member with a name.
//
// Knobs (query string): greet (s after opening until the playbook's welcome), agent (s after the
// visitor writes until a team member answers; "never" for silence), status (online | offline),
// close (s after the visitor writes until the chat is closed and the widget goes), throw (1: the
// script throws while loading). Every message the page sends is reported with its true time to
// POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('drift: widget failed to initialise');
  const isOnline = (q.get('status') || 'online') === 'online';
  const queue = Array.isArray(window.drift) ? window.drift.slice() : [];
  const listeners = {};
  const BOT = {id: 9001, name: 'Drift Bot'};
  const AGENT = {id: 4242, name: 'Sarah Miller'};
  const INBOX = 31337;
  let ready = false;
  let chatOpen = false;
  let conversationId = null;
  let messageId = 880000;
  const emit = (name, ...args) => (listeners[name] || []).slice().forEach((fn) => { try { fn(...args); } catch (err) { setTimeout(() => { throw err; }); } });
  const flags = () => ({sidebarOpen: chatOpen, chatOpen, widgetVisible: true, isOnline, teamAvailability: {111: {isOnline}}});

  // -- the markup -----------------------------------------------------------------------------------
  const controller = document.createElement('div');
  controller.id = 'drift-frame-controller';
  controller.className = 'drift-conductor-item drift-frame-controller';
  controller.innerHTML = '<iframe class="drift-frame-controller" title="Drift Widget Chat Controller" style="position:fixed;right:24px;bottom:24px;width:64px;height:64px;border:0"></iframe>';
  const chat = document.createElement('div');
  chat.id = 'drift-frame-chat';
  chat.className = 'drift-conductor-item drift-frame-chat drift-frame-chat-align-right';
  chat.style.cssText = 'position:fixed;right:24px;bottom:100px;width:370px;height:480px;display:none';
  chat.innerHTML = '<iframe class="drift-frame-chat" title="Drift Widget Chat Window" style="width:100%;height:100%;border:1px solid #ccc;background:#fff"></iframe>';
  let doc = null;
  const bubble = (who, cls, text) => {
    const m = doc.createElement('div');
    m.className = `drift-widget-message ${cls}`;
    m.innerHTML = '<div class="drift-widget-message-author"></div><div class="drift-widget-message-text"></div>';
    m.firstChild.textContent = who;
    m.lastChild.textContent = text;
    doc.getElementById('messages').appendChild(m);
  };
  const newConversation = () => { if (conversationId === null) conversationId = 1800000000 + Math.floor(Math.random() * 1000000); };
  const teamMessage = (member, text, author) => {
    newConversation();
    truth(author, text);
    bubble(member.name, member === BOT ? 'drift-widget-message--bot' : 'drift-widget-message--team-member', text);
    emit('message', Object.assign({conversationId, inboxId: INBOX, teamMember: {id: member.id, name: member.name}}, flags(), {data: flags()}));
  };

  // -- the API --------------------------------------------------------------------------------------
  const openChat = () => {
    if (!doc || chatOpen) return;
    chatOpen = true;
    chat.style.display = 'block';
    emit('chatOpen');
    const greet = num('greet', 0.3);
    if (greet === null) return;
    setTimeout(() => {
      if (!isOnline) {
        const t = "We're away right now. Leave a message and we'll get back to you.";
        truth('greeting', t);
        bubble('Acme', 'drift-widget-message--away', t);
        emit('awayMessage:open');
        return;
      }
      const t = 'Hi there! 👋 What brings you to Acme today?';
      truth('greeting', t);
      newConversation();
      bubble(BOT.name, 'drift-widget-message--bot', t);
      emit('welcomeMessage:open');
      emit('conversation:playbookFired', {conversationId, playbookId: 5501, interactionId: 660011, campaignId: 77001, messageId: ++messageId, createdAt: Date.now(), authorId: BOT.id});
    }, greet * 1000);
  };
  const closeChat = () => {
    if (!chatOpen) return;
    chatOpen = false;
    chat.style.display = 'none';
    emit('chatClose');
  };
  const api = {
    openChat,
    hideChat: closeChat,
    toggleChat: () => (chatOpen ? closeChat() : openChat()),
    sidebar: {open: openChat, close: closeChat, toggle: () => (chatOpen ? closeChat() : openChat())},
    widget: {show: () => { controller.style.display = ''; }, hide: () => { controller.style.display = 'none'; }},
    startInteraction: () => openChat(),
    showWelcomeMessage: () => {}, hideWelcomeMessage: () => {}, showAwayMessage: () => {}, hideAwayMessage: () => {},
    showWelcomeOrAwayMessage: () => {}, goToConversation: openChat, goToConversationList: openChat, goToNewConversation: openChat,
    setUserAttributes: () => {}, scheduleMeeting: () => {},
    on: (name, fn) => drift.on(name, fn), off: (name, fn) => drift.off(name, fn),
  };
  const drift = {
    SNIPPET_VERSION: (window.drift && window.drift.SNIPPET_VERSION) || '0.3.1',
    hasInitialized: true, apiReady: false, chatReady: false, invoked: true, init: true,
    on(name, fn) {
      (listeners[name] = listeners[name] || []).push(fn);
      if (name === 'ready' && ready) setTimeout(() => fn(api, Object.assign(flags(), {data: flags()})));
      return drift;
    },
    off(name, fn) { listeners[name] = (listeners[name] || []).filter((f) => f !== fn); return drift; },
    identify() {}, config() {}, track() {}, reset() {}, debug() {}, ping() {}, page() {}, load() {},
    show() { api.widget.show(); }, hide() { api.widget.hide(); },
  };

  const visitorWrites = (text) => {
    newConversation();
    truth('visitor', text);
    bubble('You', 'drift-widget-message--end-user', text);
    if (!listeners.__started) { listeners.__started = true; emit('startConversation', {conversationId, inboxId: INBOX}); }
    emit('message:sent', Object.assign({conversationId, inboxId: INBOX}, {data: flags()}));
    if (isOnline) setTimeout(() => teamMessage(BOT, "Thanks! I'm getting someone from our team to help you.", 'bot'), 200);
    else setTimeout(() => { const t = "We'll reply by email as soon as we're back."; truth('system', t); bubble('Acme', 'drift-widget-message--away', t); }, 200);
    const agent = num('agent', 3);
    if (isOnline && agent !== null) setTimeout(() => teamMessage(AGENT, "Hi, I'm Sarah. A service is $89 - want me to book one?", 'agent'), agent * 1000);
    const close = num('close', null);
    if (close !== null) setTimeout(() => { closeChat(); chat.remove(); controller.remove(); }, close * 1000);
  };

  // -- load -----------------------------------------------------------------------------------------
  const boot = () => {
    document.body.appendChild(controller);
    document.body.appendChild(chat);
    const cdoc = controller.querySelector('iframe').contentDocument;
    cdoc.open();
    cdoc.write('<body style="margin:0"><button id="launcher" aria-label="Open chat" style="width:64px;height:64px;border-radius:50%;border:0;background:#0176ff"></button></body>');
    cdoc.close();
    cdoc.getElementById('launcher').addEventListener('click', () => api.toggleChat());
    doc = chat.querySelector('iframe').contentDocument;
    doc.open();
    doc.write('<body style="font:14px sans-serif;margin:0"><div id="root"><main class="drift-widget-chat">' +
      '<div id="messages" class="drift-widget-message-list" style="height:400px;overflow:auto;padding:8px"></div>' +
      '<div class="drift-widget-composer"><textarea class="drift-widget-composer-input" aria-label="Type your message…" style="width:95%"></textarea></div>' +
      '</main></div></body>');
    doc.close();
    const box = doc.querySelector('textarea');
    box.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.shiftKey) return;
      e.preventDefault();
      const t = box.value;
      box.value = '';
      if (t.trim()) visitorWrites(t);
    });
    window.drift = window.driftt = drift;
    for (const call of queue) {
      const [method, ...args] = Array.isArray(call) ? call : [];
      if (typeof drift[method] === 'function') drift[method](...args);
    }
    setTimeout(() => {
      ready = true;
      drift.api = api;
      drift.apiReady = drift.chatReady = true;
      emit('ready', api, Object.assign(flags(), {data: flags()}));
    }, 50);
  };
  if (document.body) boot(); else document.addEventListener('DOMContentLoaded', boot);
})();
