// Zendesk: one adapter for both of Zendesk's web widgets, which share the global zE() and the
// snippet (static.zdassets.com/ekr/snippet.js); which one a page runs is decided by the account.
//
// Messaging Web Widget, from its documented JavaScript API:
//   https://developer.zendesk.com/api-reference/widget-messaging/web/core/
//   https://developer.zendesk.com/api-reference/widget-messaging/web/events/
//   https://developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/messaging_events
//   https://developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/behavioral-customization/
//   zE('messenger', 'open'), zE('messenger:on', 'open' | 'close' | 'unreadMessages', cb); the
//   extended events conversationWithAgentRequested / conversationWithAgentAssigned /
//   conversationServedByAgent (names as Zendesk's SDK events list them); and the
//   beforeMessageDisplay delegate, zE('messenger:set', 'beforeMessageDisplay', fn(message, data)),
//   which is the one documented hook that sees every message with its author
//   (author.type 'user' | 'business', author.subtypes 'AI' | 'activity', author.displayName;
//   the Sunshine Conversations Author object) and content.text. Sending:
//   zE('messenger', 'sendMessage', {content: {type: 'text', text}}, conversationId, cb(error, result)).
//   A page may set its own beforeMessageDisplay; zE is wrapped so the page's delegate is kept and
//   chained (and a message the page hides, by returning null, is not reported either).
//
// Web Widget (Classic), from https://developer.zendesk.com/api-reference/widget/introduction/,
//   .../widget/core/ and .../widget/chat-api/: zE('webWidget', 'open'), zE('webWidget',
//   'chat:send', text), zE('webWidget:on', 'open' | 'close' | 'userEvent' | 'chat:connected' |
//   'chat:start' | 'chat:end' | 'chat:status' | 'chat:unreadMessages', cb). No documented event of
//   the classic widget carries a message's text or author, so the chat log is read from the widget's
//   own iframe (iframe#webWidget, same-origin) with a MutationObserver: its message bubbles carry the
//   data-testid values of Zendesk's embeddable framework (chat-msg-user, chat-msg-agent,
//   chat-msg-answer-bot, chat-msg-event); the agent's name comes from the 'Chat Served by Operator'
//   userEvent or the "<name> joined the chat" event line.
//
// The chat counts as ended on chat:end (classic) or when the widget's iframes leave the page.
__tpChat.register('zendesk', (() => {
  const V = 'zendesk';
  const isTop = window === window.top;
  const MESSAGING = 'iframe[title="Messaging window"], iframe[title^="Button to launch messaging window"]';
  const CLASSIC = 'iframe#webWidget, iframe[data-product="web_widget"]';
  let raw = null;            // the vendor's zE, as the snippet assigned it
  let wrapped = null;        // what the page sees: raw, with beforeMessageDisplay calls chained
  let hooked = false;
  let pageDelegate = null;   // the page's own beforeMessageDisplay, if any
  let status = '';
  let agentRequested = false;
  let agentAssigned = false;
  let classicAgent = '';
  let widgetSeen = false;
  let ended = false;
  const seenIds = new Set();
  const sentWaiters = [];

  const flavour = () => {
    if (document.querySelector(MESSAGING)) return 'messaging';
    if (document.querySelector(CLASSIC)) return 'classic';
    return '';
  };
  const call = (...args) => { try { return raw && raw(...args); } catch (err) { __tpChat.errors.push(`zendesk ${args[0]} ${args[1]}: ${err}`); return undefined; } };
  const end = (detail) => { if (!ended) { ended = true; __tpChat.state(V, 'closed', detail); } };

  // -- messaging: every message passes through beforeMessageDisplay ------------------------------
  const textOf = (m) => {
    const c = m.content || {};
    return String(c.text || c.altText || m.text || '').trim();
  };
  const report = (m) => {
    if (!m || typeof m !== 'object') return;
    const id = m.id || m._id;
    if (id) { if (seenIds.has(id)) return; seenIds.add(id); }
    const text = textOf(m);
    if (!text) return;
    const author = m.author || {};
    const type = author.type || (m.role === 'appUser' ? 'user' : m.role ? 'business' : '');
    const subtypes = Array.isArray(author.subtypes) ? author.subtypes : [];
    const name = author.displayName || m.name || '';
    const meta = {flavour: 'messaging', id: id || '', authorType: type, subtypes};
    if (type === 'user') {
      __tpChat.message(V, 'visitor', text, {meta});
      for (const w of sentWaiters.splice(0)) w(text);
    } else if (subtypes.includes('activity')) {
      __tpChat.message(V, 'system', text, {name, meta});
    } else if (subtypes.includes('AI')) {
      __tpChat.message(V, 'bot', text, {name, meta: Object.assign(meta, {bot: true})});
    } else if (agentRequested && !agentAssigned) {
      // a hand-off to a person was asked for and no agent is assigned yet: the bot is talking
      __tpChat.message(V, 'bot', text, {name, meta: Object.assign(meta, {bot: true, why: 'before agent assignment'})});
    } else {
      __tpChat.message(V, 'agent', text, {name, meta});
    }
  };
  const ourDelegate = function (message, data) {
    let shown = message;
    if (typeof pageDelegate === 'function') {
      try { shown = pageDelegate.call(this, message, data); } catch (err) { __tpChat.errors.push(`zendesk page delegate: ${err}`); shown = message; }
    }
    try { if (shown) report(shown); } catch (err) { __tpChat.errors.push(`zendesk report: ${err}`); }
    return shown;
  };

  // -- classic: the chat log inside iframe#webWidget ---------------------------------------------
  const joinedAgent = (name) => {
    if (!name || name === classicAgent) return;
    classicAgent = name;
    __tpChat.state(V, 'agent-joined', name);
  };
  let classicDoc = null;
  let classicObserver = null;
  const seenNodes = new WeakSet();
  const classicNode = (el) => {
    if (seenNodes.has(el)) return;
    seenNodes.add(el);
    const id = el.getAttribute('data-testid');
    const text = String(el.innerText || el.textContent || '').trim();
    if (!text) return;
    const meta = {flavour: 'classic', testid: id};
    if (id === 'chat-msg-user') __tpChat.message(V, 'visitor', text, {meta});
    else if (id === 'chat-msg-answer-bot') __tpChat.message(V, 'bot', text, {name: 'Answer Bot', meta: Object.assign(meta, {bot: true})});
    else if (id === 'chat-msg-event') {
      const joined = /^(.+?) joined the chat\.?$/i.exec(text);
      if (joined) joinedAgent(joined[1]);
      __tpChat.message(V, 'system', text, {meta});
    } else if (id === 'chat-msg-agent') __tpChat.message(V, 'agent', text, {name: classicAgent, meta});
  };
  const SEL = '[data-testid="chat-msg-user"], [data-testid="chat-msg-agent"], [data-testid="chat-msg-answer-bot"], [data-testid="chat-msg-event"]';
  const scan = (root) => {
    if (root.nodeType !== 1) return;
    if (root.matches(SEL)) classicNode(root);
    root.querySelectorAll(SEL).forEach(classicNode);
  };
  const attachClassic = () => {
    const frame = document.querySelector('iframe#webWidget');
    let doc = null;
    try { doc = frame && frame.contentDocument; } catch (err) { doc = null; }
    if (!doc || !doc.body || doc === classicDoc) return;
    classicDoc = doc;
    if (classicObserver) classicObserver.disconnect();
    classicObserver = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) scan(n);
    });
    classicObserver.observe(doc.body, {childList: true, subtree: true});
    scan(doc.body);
  };

  // -- subscribing, once, through the vendor's zE -------------------------------------------------
  const watch = () => {
    if (!isTop) return;
    setInterval(() => {
      if (document.querySelector(MESSAGING) || document.querySelector(CLASSIC)) { widgetSeen = true; attachClassic(); }
      else if (widgetSeen) end('the widget left the page');
    }, 250);
  };
  const hook = () => {
    if (hooked || typeof raw !== 'function') return;
    hooked = true;
    watch();
    // messaging
    call('messenger:on', 'open', () => __tpChat.state(V, 'open', 'messaging'));
    call('messenger:on', 'conversationWithAgentRequested', () => { agentRequested = true; });
    call('messenger:on', 'conversationWithAgentAssigned', () => { agentAssigned = true; });
    call('messenger:on', 'conversationServedByAgent', (e) => { agentAssigned = true; __tpChat.state(V, 'agent-joined', (e && e.agentId) || ''); });
    call('messenger:set', 'beforeMessageDisplay', ourDelegate);
    // classic
    call('webWidget:on', 'open', () => __tpChat.state(V, 'open', 'classic'));
    call('webWidget:on', 'chat:connected', () => __tpChat.state(V, 'loaded', 'classic'));
    call('webWidget:on', 'chat:status', (s) => { status = String(s || ''); __tpChat.state(V, status === 'online' ? 'online' : 'offline', status); });
    call('webWidget:on', 'chat:end', () => end('chat:end'));
    call('webWidget:on', 'userEvent', (e) => {
      if (e && e.action === 'Chat Served by Operator') {
        joinedAgent((e.properties && (e.properties.agent || e.properties.name)) || '');
      }
    });
  };
  const wrap = (fn) => new Proxy(fn, {
    apply(target, self, args) {
      if (args[0] === 'messenger:set' && args[1] === 'beforeMessageDisplay' && args[2] !== ourDelegate) {
        pageDelegate = args[2];
        args = [args[0], args[1], ourDelegate].concat(args.slice(3));
      }
      return Reflect.apply(target, self, args);
    },
  });

  return {
    // The launcher is an iframe of its own: #launcher (Web Widget classic), "Button to launch messaging window".
    signature: {globals: ['zE', 'zESettings'], scripts: [/static\.zdassets\.com\/ekr\/snippet\.js/, /ekr\.zdassets\.com/], frames: [/Messaging window/, /webWidget/],
      markers: ['iframe#launcher', 'iframe[title*="launch messaging" i]']},
    install() {
      // Like __tpChat.trap, but the page must get a wrapped zE (to chain its beforeMessageDisplay),
      // so the property returns the wrapper rather than the value assigned.
      const initial = window.zE;
      try {
        Object.defineProperty(window, 'zE', {configurable: true, enumerable: true,
          get() { return wrapped; },
          set(v) {
            if (typeof v === 'function') { raw = v; wrapped = wrap(v); try { hook(); } catch (err) { __tpChat.errors.push(`zendesk hook: ${err}`); } }
            else { raw = null; wrapped = v; }
          }});
      } catch (err) { __tpChat.errors.push(`zendesk trap: ${err}`); }
      if (initial !== undefined) window.zE = initial;
    },
    present() { return typeof window.zE === 'function' && flavour() !== ''; },
    status() { return status; },
    open() {
      if (flavour() === 'messaging') call('messenger', 'open');
      else { call('webWidget', 'show'); call('webWidget', 'open'); }
    },
    send(text) {
      if (flavour() === 'classic') { call('webWidget', 'chat:send', text); return true; }
      // messaging: sendMessage, confirmed by its callback or by the message showing; otherwise the
      // session types it into the widget
      return new Promise((resolve) => {
        let done = false;
        const finish = (ok) => { if (!done) { done = true; resolve(ok); } };
        sentWaiters.push((shown) => { if (shown === String(text).trim()) finish(true); });
        setTimeout(() => finish(false), 5000);
        try {
          raw('messenger', 'sendMessage', {content: {type: 'text', text}}, undefined, (error) => finish(!error));
        } catch (err) { __tpChat.errors.push(`zendesk sendMessage: ${err}`); finish(false); }
      });
    },
    get ui() {
      return flavour() === 'classic'
        ? {frame: 'iframe#webWidget', input: 'textarea', button: ''}
        : {frame: 'iframe[title="Messaging window"]', input: 'textarea', button: ''};
    },
  };
})());
