// A stand-in for HubSpot's tracking code and chat widget (js.hs-scripts.com/<portal>.js, which
// loads the conversations embed), following the Conversations SDK documentation:
//   https://developers.hubspot.com/docs/api/conversation/chat-widget-sdk
// In the page it builds window.HubSpotConversations = {widget: {load({widgetOpen}), refresh(),
// open(), close(), remove(), status() -> {loaded}}, clear(), on(event, handler), off(event,
// handler)}, honours window.hsConversationsSettings.loadImmediately and calls every function in
// window.hsConversationsOnReady once the API is ready. Events, with the documented payloads:
// widgetLoaded ({message}), conversationStarted ({conversation: {conversationId}}),
// unreadConversationCountChanged ({unreadCount}), conversationClosed ({conversation:
// {conversationId}}), widgetClosed ({message}). The SDK documents no message event and no send call.
//
// The widget is HubSpot's: div#hubspot-messages-iframe-container holding
// iframe#hubspot-conversations-iframe (data-test-id "chat-widget-iframe", title "Chat Widget"), a
// document of its own (conversations-visitor.html here, app.hubspot.com/conversations-visitor/...
// there) that talks to the page with postMessage. Inside it (the same script, in "frame" mode): a
// message history (aria-label "Message History"), the textarea [data-test-id="widget-textarea"]
// (Enter sends) and [data-test-id="chat-send-button"], as seen on HubSpot widgets; the markup of a
// message ([data-test-id="message-group"] with data-actor-id "A-"/"V-"/"B-"/"S-" after HubSpot's
// actor ids, [data-test-id="sender-name"], [data-test-id="message-bubble-body"]) is this stand-in's
// assumption, since HubSpot documents none.
//
// Behaviour: the chatflow's bot greets; when the visitor writes, the bot answers at once (chatflows
// bot), then an agent with a human name answers after `agent` s.
// Knobs (query string): greet, agent ("never"), status (online | offline), close, throw.
// Every message shown is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  const TAG = 'hubspot-conversations-stand-in';
  const frameMode = window !== window.top && /conversations-visitor/.test(location.pathname);

  if (!frameMode) {
    // ---------------------------------------------------------------- the page: loader and SDK
    if (q.get('throw') === '1') throw new Error('hubspot: conversations embed failed to initialise');
    const settings = window.hsConversationsSettings || {};
    const handlers = {};
    let container = null;
    let iframe = null;
    let loaded = false;
    let openWhenReady = false;
    const fire = (name, payload) => { for (const fn of (handlers[name] || []).slice()) { try { fn(payload); } catch (err) { console.error(err); } } };
    const post = (msg) => { if (iframe && iframe.contentWindow) iframe.contentWindow.postMessage(Object.assign({tag: TAG}, msg), '*'); };
    const size = (open) => { if (container) container.style.cssText = open
      ? 'position:fixed;right:16px;bottom:16px;width:376px;height:560px;z-index:2147483647'
      : 'position:fixed;right:16px;bottom:16px;width:100px;height:96px;z-index:2147483647'; };

    const widget = {
      load(opts) {
        if (container) return;
        openWhenReady = openWhenReady || !!(opts && opts.widgetOpen);
        container = document.createElement('div');
        container.id = 'hubspot-messages-iframe-container';
        container.className = 'widget-align-right';
        iframe = document.createElement('iframe');
        iframe.id = 'hubspot-conversations-iframe';
        iframe.setAttribute('data-test-id', 'chat-widget-iframe');
        iframe.title = 'Chat Widget';
        iframe.setAttribute('allowfullscreen', '');
        iframe.style.cssText = 'width:100%;height:100%;border:0';
        const params = new URLSearchParams(location.search);
        params.set('uuid', 'a1b2c3'); params.set('mobile', 'false'); params.set('domain', location.hostname);
        iframe.src = `conversations-visitor.html?${params}`;
        container.appendChild(iframe);
        size(false);
        document.body.appendChild(container);
      },
      refresh(opts) { if (container) post({type: 'refresh', opts: opts || {}}); else widget.load(); },
      open() { if (!loaded) { openWhenReady = true; if (!container) widget.load(); return; } size(true); post({type: 'open'}); },
      close() { if (loaded) { size(false); post({type: 'close'}); fire('widgetClosed', {message: 'The user has closed the widget'}); } },
      remove() { if (container) { container.remove(); container = null; iframe = null; loaded = false; } },
      status() { return {loaded}; },
    };
    const api = {
      widget,
      clear(opts) { if (opts && opts.resetWidget) { widget.remove(); widget.load(); } },
      on(name, fn) { (handlers[name] = handlers[name] || []).push(fn); },
      off(name, fn) { handlers[name] = (handlers[name] || []).filter((h) => h !== fn); },
    };
    window.addEventListener('message', (e) => {
      const d = e.data;
      if (!d || d.tag !== TAG || !iframe || e.source !== iframe.contentWindow) return;
      if (d.type === 'ready') {
        loaded = true;
        fire('widgetLoaded', {message: 'Widget has loaded'});
        if (openWhenReady) { openWhenReady = false; widget.open(); }
      } else if (d.type === 'event') {
        fire(d.name, d.payload);
      } else if (d.type === 'ended') {
        widget.remove();
      }
    });
    window.HubSpotConversations = api;
    for (const fn of (Array.isArray(window.hsConversationsOnReady) ? window.hsConversationsOnReady : [])) {
      try { fn(); } catch (err) { console.error(err); }
    }
    if (settings.loadImmediately !== false) widget.load();
    return;
  }

  // ---------------------------------------------------------------------- the widget's own frame
  const status = q.get('status') || 'online';
  const toPage = (msg) => window.parent.postMessage(Object.assign({tag: TAG}, msg), '*');
  document.body.innerHTML =
    '<div data-test-id="chat-widget" class="VizExExpandedChat" style="display:none;height:100vh;flex-direction:column">' +
    '<header data-test-id="chat-widget-header" style="padding:8px;background:#ff7a59;color:#fff">Shop ' +
    '<button data-test-id="header-close-button" aria-label="Close live chat">×</button></header>' +
    '<div aria-label="Message History" role="log" data-test-id="message-history" style="flex:1;overflow:auto;padding:8px"></div>' +
    '<div style="display:flex"><textarea data-test-id="widget-textarea" aria-label="Write a message" style="flex:1"></textarea>' +
    '<button data-test-id="chat-send-button" aria-label="Send">Send</button></div></div>' +
    '<button data-test-id="icon-launcher" aria-label="Open live chat" style="position:fixed;right:8px;bottom:8px;width:60px;height:60px;border-radius:30px">Chat</button>';
  const chat = document.querySelector('[data-test-id="chat-widget"]');
  const history = document.querySelector('[aria-label="Message History"]');
  const box = document.querySelector('[data-test-id="widget-textarea"]');
  let opened = false;
  let conversationId = 0;
  let unread = 0;
  let greeted = false;

  const show = (actorId, name, text, truthAuthor) => {
    truth(truthAuthor, text);
    const group = document.createElement('div');
    group.setAttribute('data-test-id', 'message-group');
    group.setAttribute('data-actor-id', actorId);
    group.className = actorId.startsWith('V-') ? 'message-group visitor-message' : 'message-group';
    group.innerHTML = (name ? '<div data-test-id="sender-name"></div>' : '') + '<div data-test-id="message-bubble-body"></div>';
    if (name) group.querySelector('[data-test-id="sender-name"]').textContent = name;
    group.querySelector('[data-test-id="message-bubble-body"]').textContent = text;
    history.appendChild(group);
    if (!actorId.startsWith('V-') && !opened) { unread += 1; toPage({type: 'event', name: 'unreadConversationCountChanged', payload: {unreadCount: unread}}); }
  };
  const visitorWrites = (text) => {
    show('V-5011', '', text, 'visitor');
    if (conversationId) return;
    conversationId = 8120433;
    toPage({type: 'event', name: 'conversationStarted', payload: {conversation: {conversationId}}});
    setTimeout(() => show('B-1001', 'ShopBot', status === 'online'
      ? 'Thanks! Someone from our team will be with you shortly.'
      : "We're away right now. Leave your email and we'll get back to you.", 'bot'), 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => show('A-2002', 'Maria', 'Hi, this is Maria. A service is £89.', 'agent'), agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        show('S-0', '', 'The chat has ended.', 'system');
        toPage({type: 'event', name: 'conversationClosed', payload: {conversation: {conversationId}}});
        toPage({type: 'ended'});
      }, close * 1000);
    }
  };
  const submit = () => { const t = box.value.trim(); box.value = ''; if (t) visitorWrites(t); };
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(); } });
  document.querySelector('[data-test-id="chat-send-button"]').addEventListener('click', submit);
  const open = () => {
    opened = true; unread = 0;
    chat.style.display = 'flex';
    document.querySelector('[data-test-id="icon-launcher"]').style.display = 'none';
    const greet = num('greet', 0.3);
    if (!greeted && greet !== null) {
      greeted = true;
      setTimeout(() => show('B-1001', 'ShopBot', 'Hi there! Have a question? Ask us here.', 'greeting'), greet * 1000);
    }
  };
  document.querySelector('[data-test-id="icon-launcher"]').addEventListener('click', () => { toPage({type: 'event', name: 'userInteractedWithWidget', payload: {message: 'User interacted with widget'}}); open(); });
  document.querySelector('[data-test-id="header-close-button"]').addEventListener('click', () => { opened = false; chat.style.display = 'none'; });
  window.addEventListener('message', (e) => {
    const d = e.data;
    if (!d || d.tag !== TAG || e.source !== window.parent) return;
    if (d.type === 'open') open();
    else if (d.type === 'close') { opened = false; chat.style.display = 'none'; }
  });
  toPage({type: 'ready'});
})();
