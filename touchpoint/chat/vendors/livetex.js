// LiveTex (livetex.ru). No documentation of its JavaScript API could be found from here (the
// "LiveTex Widgets API 3.0" pages are not in any stored corpus), so this adapter follows what public
// sites' code shows:
//   - the embed snippet: var liveTex = true, liveTexID = <id>, liveTex_object = true; an optional
//     var LiveTex = {onLiveTexReady: function () {...}} the script calls once its API is attached to
//     that object; then //cs15.livetex.ru/js/client.js loaded async;
//   - the API sites call on window.LiveTex: addEventListener(LiveTex.Event.X, fn) -> descriptor
//     (removeEventListener), with X among CONVERSATION_STARTED, EMPLOYEE_MESSAGE_SENT,
//     OFFLINE_MESSAGE_SENT, WELCOME_WINDOW_SHOWN, INVITATION_WINDOW_SHOWN, INVITATION_WINDOW_CLOSE,
//     X_WINDOW_SHOWN, CALL_STARTED, CALL_ESTABLISHED, CALLBACK_SENT (the handler gets data.event);
//     showActiveWindow() ("opens the active window: bot, operator chat or offline form"), hideLabel(),
//     setConversationAttributes(visible, hidden), setName, reinit(); markup with lt- classes
//     (.lt-label, .lt-invite, .lt-welcome, .lt-offline ...).
// None of those events carries a message's text or author, so - as for any undocumented widget -
// the messages are read from the widget's DOM: this script runs in every frame (before the page's
// scripts), and wherever a LiveTex chat is drawn (the page or the widget's own frame) a
// MutationObserver reports each new message node, its author guessed from its classes (employee /
// operator -> agent, bot -> bot, visitor / client -> visitor, system / service -> system). The API
// events give the states; EMPLOYEE_MESSAGE_SENT is only noted, as it is not known whether bots
// raise it too. There is no known call to send a message: it is typed into the chat frame.
__tpChat.register('livetex', (() => {
  const V = 'livetex';
  let registered = false;
  let joined = false;
  const ROOT = '.lt-chat, .lt-wrapper, [class*="livetex" i], [id*="livetex" i]';
  const FRAME = 'iframe[id^="lt-"], iframe[name*="livetex" i], iframe[src*="livetex" i], iframe[title*="livetex" i]';
  const onEvent = (key, data) => {
    if (key === 'CONVERSATION_STARTED') __tpChat.state(V, 'open', 'conversation started');
    else if (key === 'WELCOME_WINDOW_SHOWN') __tpChat.state(V, 'open', 'welcome window');
    else if (key === 'OFFLINE_MESSAGE_SENT') __tpChat.state(V, 'offline', 'offline message sent');
    else if (key === 'EMPLOYEE_MESSAGE_SENT' && !joined) { joined = true; __tpChat.state(V, 'agent-joined', 'EMPLOYEE_MESSAGE_SENT'); }
  };
  const registerEvents = () => {
    const lt = window.LiveTex;
    if (registered) return true;
    if (!lt || typeof lt.addEventListener !== 'function' || !lt.Event || typeof lt.Event !== 'object') return false;
    registered = true;
    for (const key of Object.keys(lt.Event)) {
      try { lt.addEventListener(lt.Event[key], (data) => onEvent(key, data)); } catch (err) { __tpChat.errors.push(`${V} ${key}: ${err}`); }
    }
    return true;
  };
  const poll = (tries) => { if (!registerEvents() && tries > 0) setTimeout(() => poll(tries - 1), 200); };
  // -- the widget's DOM ---------------------------------------------------------------------------
  const tokens = (el) => String((el && el.getAttribute && (el.getAttribute('class') || '')) || '').toLowerCase().split(/[\s_-]+/);
  const AUTHORS = [['bot', /^(bot|chatbot|robot|auto)$/], ['system', /^(system|service|info|notice|status)$/],
    ['visitor', /^(visitor|client|user|customer|guest|me|own|out|outgoing)$/], ['agent', /^(employee|operator|agent|admin|staff|manager)$/]];
  const authorOf = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const ts = tokens(e).concat(String(e.getAttribute('data-author') || e.getAttribute('data-sender') || e.getAttribute('data-type') || '').toLowerCase());
      for (const [author, re] of AUTHORS) if (ts.some((t) => re.test(t))) return author;
      if (e.matches && e.matches(ROOT)) break;
    }
    return '';
  };
  const isMessage = (el) => el.nodeType === 1 && /(^|\s)lt-(message|msg)(\s|$)/.test(el.getAttribute('class') || '');
  const seen = new WeakSet();
  const report = (el, retries) => {
    if (seen.has(el) || !el.isConnected || !el.closest(ROOT)) return;
    const nameEl = el.querySelector('[class*="author" i], [class*="name" i]');
    const textEl = el.querySelector('[class*="text" i], [class*="body" i], [class*="content" i]');
    const name = nameEl ? nameEl.textContent.trim() : '';
    const text = (textEl ? textEl.textContent : el.textContent.replace(name, '')).trim();
    if (!text && retries > 0) { setTimeout(() => report(el, retries - 1), 100); return; }
    seen.add(el);
    const author = authorOf(el) || 'agent';
    __tpChat.message(V, author, text, {name: author === 'visitor' || author === 'system' ? '' : name,
      meta: Object.assign({class: el.getAttribute('class') || '', frame: window === window.top ? 'page' : 'widget'}, author === 'bot' ? {bot: true} : {})});
  };
  const scan = (node) => {
    if (node.nodeType !== 1) return;
    if (isMessage(node)) report(node, 5);
    for (const el of node.querySelectorAll('.lt-message, .lt-msg')) report(el, 5);
    if (node.matches('.lt-offline') || node.querySelector('.lt-offline')) __tpChat.state(V, 'offline', 'offline form shown');
  };
  let windowEl = null;
  const watchWindow = () => {
    if (window !== window.top) return;
    const el = document.querySelector(FRAME) || document.querySelector('.lt-chat');
    if (el) windowEl = el;
    else if (windowEl && !windowEl.isConnected) { windowEl = null; __tpChat.state(V, 'closed', 'the chat window went'); }
  };
  // A frame's first document (about:blank) hands its window, and so this script's state, to the
  // document the frame then loads: whenever window.document changes, observe the new one.
  let observed = null;
  const observe = () => {
    if (document === observed) return;
    observed = document;
    if (document.documentElement) scan(document.documentElement);
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) scan(n);
      watchWindow();
    }).observe(document, {childList: true, subtree: true});
  };
  return {
    signature: {globals: ['LiveTex', 'liveTexID', 'liveTex_object'], scripts: [/livetex\.ru/], frames: [/livetex/i, /^lt-/]},
    install() {
      __tpChat.trap('LiveTex', (lt) => {
        __tpChat.chain(lt, 'onLiveTexReady', () => { __tpChat.state(V, 'loaded'); registerEvents(); });
        poll(300);  // some builds never call onLiveTexReady: wait for the API on the object instead
      });
      observe();
      setInterval(observe, 100);
    },
    present() {
      const lt = window.LiveTex;
      return !!(lt && typeof lt.showActiveWindow === 'function');
    },
    status() {
      const off = document.querySelector('.lt-offline');
      return off && off.offsetParent !== null ? 'offline' : '';
    },
    open() { window.LiveTex.showActiveWindow(); },
    send() { return false; },
    ui: {frame: FRAME, input: 'textarea', button: '.lt-chat-send, button[type=submit]'},
  };
})());
