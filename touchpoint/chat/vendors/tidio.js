// Tidio, from its widget JavaScript API (Widget SDK):
//   https://docs.tidio.com/ ("Listeners / Events": the tidioChat-ready document event and
//   tidioChatApi.on("ready" | "open" | "close" | "setStatus" | "messageFromOperator" |
//   "messageFromVisitor" | "conversationStart" | "preFormFilled" | "resize", fn))
//   https://developers.tidio.com/docs/widget-other-methods (tidioChatApi.open(), close(), show(), hide(),
//   display(bool), messageFromVisitor(text), messageFromOperator(text))
// Tidio's script creates window.tidioChatApi itself (the page's code is only a <script> tag), and fires
// tidioChat-ready on document, and "ready" on the API, once it has loaded.
//
// What the docs leave open, and what this adapter does about it:
// - the payload of messageFromOperator / messageFromVisitor is not documented (pages read data.message):
//   the text is taken from data.message (or data.text, or a plain string);
// - operator messages include Tidio's bots (Lyro, its AI agent, and Flows), and nothing documented tells
//   them from a person. If the payload names the sender or flags a bot, that is used; otherwise the
//   sender is read from the widget's iframe (iframe#tidio-chat-iframe, same origin) next to the message's
//   text, best effort: a name like Lyro, or an "AI Agent" / "Bot" label, makes it "bot", else "agent".
// - tidioChatApi.messageFromOperator(text) lets the page itself show an "operator" message (the docs
//   sell it for automatic messages per page): texts the page sent that way are reported as "bot".
// - "close" is the chat window being closed, not the conversation ending, and no event says that a
//   conversation ended: "closed" is reported when the widget (#tidio-chat) leaves the page.
// - send(text) uses the documented tidioChatApi.messageFromVisitor(text).
__tpChat.register('tidio', (() => {
  const V = 'tidio';
  const BOT = /\b(lyro|bot|ai agent|tidio ai|flows?)\b/i;
  let ready = false;
  let hooked = null;
  let status = '';
  let watching = false;
  let root = null;
  let closed = false;
  const pageMade = new Set();
  const clean = (s) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
  const api = () => window.tidioChatApi;
  const textOf = (data) => {
    if (typeof data === 'string') return clean(data);
    if (data && typeof data === 'object') return clean(data.message || data.text || data.content || '');
    return '';
  };
  const frameDoc = () => {
    const f = document.querySelector('iframe#tidio-chat-iframe');
    try { return f && f.contentDocument; } catch (err) { return null; }
  };
  // Who sent `text`, as the widget shows it: the nearest name shown before the text (in the message or
  // its group), and any label (e.g. "AI Agent") between that name and the text.
  const senderShown = (text) => {
    const doc = frameDoc();
    if (!doc || !text) return {name: '', label: ''};
    const leaves = Array.from(doc.querySelectorAll('body *')).filter((n) => n.children.length === 0 && clean(n.textContent) === text);
    const node = leaves[leaves.length - 1];
    const before = (el, after) => !el.contains(node) && (el.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)
      && (!after || (after.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
    for (let up = node, i = 0; up && up !== doc.body && i < 5; up = up.parentElement, i++) {
      const nameEl = Array.from(up.querySelectorAll('[class*="name" i], [class*="author" i], [class*="sender" i], img[alt]')).filter((el) => before(el)).pop();
      if (!nameEl) continue;
      const labelEl = Array.from(up.querySelectorAll('[class*="badge" i], [class*="label" i], [class*="tag" i]')).filter((el) => before(el, nameEl)).pop();
      const name = clean(nameEl.tagName === 'IMG' ? nameEl.getAttribute('alt') : nameEl.textContent);
      return {name, label: labelEl ? clean(labelEl.textContent) : ''};
    }
    return {name: '', label: ''};
  };

  const onReady = () => {
    if (ready) return;
    ready = true;
    __tpChat.state(V, 'loaded');
  };
  const fromOperator = (data) => {
    const at = Date.now();
    const text = textOf(data);
    const given = data && typeof data === 'object' ? data : {};
    const who = given.operator || given.author || given.sender || {};
    let name = clean(typeof who === 'string' ? who : who.name || given.name || '');
    let label = '';
    if (!name) ({name, label} = senderShown(text));
    if (pageMade.has(text)) {
      __tpChat.message(V, 'bot', text, {name, at, meta: {bot: true, auto: true, why: 'the page sent it with tidioChatApi.messageFromOperator'}});
      return;
    }
    const flagged = given.isBot === true || given.bot === true || /bot|ai/i.test(String(given.type || given.author_type || ''));
    const bot = flagged || BOT.test(name) || BOT.test(label);
    __tpChat.message(V, bot ? 'bot' : 'agent', text, {name, at,
      meta: bot ? {bot: true, why: `Tidio shows it as ${[name, label].filter(Boolean).join(', ') || 'a bot'}`} : {}});
  };
  const hook = (tidio) => {
    watch();
    if (hooked === tidio || typeof tidio.on !== 'function') return;
    hooked = tidio;
    const own = tidio.messageFromOperator;
    if (typeof own === 'function') {
      try {
        tidio.messageFromOperator = function (text, ...rest) { pageMade.add(clean(text)); return own.call(this, text, ...rest); };
      } catch (err) { __tpChat.errors.push(`tidio: ${err}`); }
    }
    tidio.on('ready', onReady);
    tidio.on('open', () => __tpChat.state(V, 'open'));
    tidio.on('setStatus', (s) => {
      status = String(s || '');
      __tpChat.state(V, status === 'online' ? 'online' : 'offline', status);
    });
    tidio.on('messageFromOperator', fromOperator);
    tidio.on('messageFromVisitor', (data) => __tpChat.message(V, 'visitor', textOf(data)));
  };
  const scan = () => {
    const el = document.getElementById('tidio-chat');
    if (el) root = el;
    if (root && !root.isConnected && !closed) {
      closed = true;
      __tpChat.state(V, 'closed', 'the widget left the page');
    }
    if (api() && hooked !== api()) hook(api());
  };
  const watch = () => {
    if (watching) return;
    watching = true;
    new MutationObserver(scan).observe(document, {childList: true, subtree: true});
  };

  return {
    signature: {globals: ['tidioChatApi'], scripts: [/code\.tidio\.co\//], frames: [/tidio-chat/]},
    install() {
      __tpChat.trap('tidioChatApi', hook);
      document.addEventListener('tidioChat-ready', () => { if (api()) hook(api()); onReady(); });
    },
    present() {
      const t = api();
      return ready && !!t && typeof t.open === 'function' && typeof t.messageFromVisitor === 'function';
    },
    status() { return status === 'online' ? 'online' : status ? 'offline' : ''; },
    open() { api().open(); },
    send(text) {
      api().messageFromVisitor(text);
      return true;
    },
    ui: {frame: 'iframe#tidio-chat-iframe', input: 'textarea', button: ''},
  };
})());
