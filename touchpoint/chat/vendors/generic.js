// The adapter of last resort: a chat widget no vendor adapter knows (a self-hosted chat, a CMS
// plug-in, a small regional vendor). It documents nothing, so everything here is read from the DOM:
//   - present(): a visible, floating element or iframe that looks like a chat launcher or window
//     (id / class / title / name / aria-label / src with chat, messenger, livechat, widget-chat,
//     онлайн-консультант, consultant, jivo ...), seen for a moment, and no other adapter present -
//     nor, for a while, any other vendor's script, global or frame on the page: a real vendor that
//     is still loading must not be shadowed by this one (the session takes the first vendor found).
//   - open(): clicks the launcher when no chat window is showing, and from then on (only then: on a
//     page with a known vendor this adapter stays silent) observes the chat window with a
//     MutationObserver - in the page, or inside the widget's iframe (this script runs in every frame;
//     the page tells the widget's frame to start through postMessage) - reporting each new message
//     node with its author guessed from its and its parents' classes and data- attributes:
//     agent / operator / admin / staff -> agent, bot / auto -> bot, visitor / client / user /
//     customer / me / own / outgoing -> visitor, system / info / notice -> system; unknown -> agent
//     (meta.guessed), for the classifier's other checks to weigh.
//   - send(): false; `ui` points the session at the widget's text box and send button (marked with
//     data-tp-generic when the frame is readable).
__tpChat.register('generic', (() => {
  const V = 'generic';
  const isTop = window === window.top;
  const CHAT_RE = /chat|messenger|livechat|widget-chat|онлайн[-\s]?(консультант|чат)|consultant|консультант|jivo|чат/i;
  const PRE = ['chat', 'messenger', 'consult', 'консульт', 'jivo', 'чат'].map((k) =>
    ['id', 'class', 'title', 'name', 'aria-label'].map((a) => `[${a}*="${k}" i]`).join(',')).join(',') + ',iframe[src*="chat" i]';
  const TEXT_SEL = 'textarea, [contenteditable="true"], input[type="text"], input:not([type])';
  let active = false;
  let firstSeen = 0;
  let firstOther = 0;
  let windowEl = null;
  let observing = null;  // the element or document being observed

  // -- what the page shows ------------------------------------------------------------------------
  const attrs = (el) => ['id', 'class', 'title', 'name', 'aria-label', el.tagName === 'IFRAME' ? 'src' : '']
    .filter(Boolean).map((a) => el.getAttribute(a) || '').join(' ');
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 8 || r.height < 8) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.05;
  };
  const floating = (el) => {
    for (let e = el; e && e.nodeType === 1 && e !== document.body; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === 'fixed' || p === 'sticky') return true;
    }
    return false;
  };
  const candidates = () => Array.from(document.querySelectorAll(PRE))
    .filter((el) => CHAT_RE.test(attrs(el)) && visible(el) && (el.tagName === 'IFRAME' || floating(el)));
  const hasBox = (el) => Array.from(el.querySelectorAll(TEXT_SEL)).some(visible);
  const chatWindow = () => {
    const c = candidates();
    const frame = c.find((el) => el.tagName === 'IFRAME' && el.getBoundingClientRect().height >= 150);
    if (frame) return frame;
    return c.filter((el) => el.tagName !== 'IFRAME' && hasBox(el)).sort((a, b) => a.querySelectorAll('*').length - b.querySelectorAll('*').length)[0] || null;
  };
  const launcher = () => {
    const safe = (el) => el.tagName !== 'A' || /^(#|javascript:|$)/i.test(el.getAttribute('href') || '');
    const c = candidates().filter((el) => el.tagName !== 'IFRAME' && safe(el));
    return c.find((el) => el.matches('button, [role="button"]')) || c.find((el) => el.querySelector('button, [role="button"]')) || c[0] || null;
  };
  const othersLoading = () => Object.entries(__tpChat.adapters).some(([name, a]) => name !== V && a && a.signature && __tpChat.seen(a));

  // -- messages -----------------------------------------------------------------------------------
  const MSG_TOKEN = /(^|[-_])(message|msg|bubble|replica|реплика|сообщение)$/i;
  const isMessage = (el) => el.nodeType === 1 && (el.matches('[data-author], [data-sender], [data-from]') ||
    String(el.getAttribute('class') || '').split(/\s+/).some((t) => t && t.indexOf('__') < 0 && MSG_TOKEN.test(t)));
  const AUTHORS = [
    ['bot', /^(bot|chatbot|robot|auto|autoreply|autoanswer|ai)$/],
    ['system', /^(system|info|notice|service|note|status|event)$/],
    ['visitor', /^(visitor|client|user|customer|guest|me|own|mine|self|outgoing|out|outbound|sent)$/],
    ['agent', /^(agent|operator|admin|staff|employee|manager|consultant|specialist)$/],
  ];
  const tokens = (el) => ['class', 'data-author', 'data-sender', 'data-from', 'data-role', 'data-type', 'data-direction']
    .map((a) => el.getAttribute(a) || '').join(' ').toLowerCase().split(/[\s_-]+/).filter(Boolean);
  const authorOf = (el) => {
    let e = el;
    for (let depth = 0; e && e.nodeType === 1 && depth < 4; depth++, e = e.parentElement) {
      const ts = tokens(e);
      for (const [author, re] of AUTHORS) if (ts.some((t) => re.test(t))) return author;
    }
    return '';
  };
  const part = (el, re) => Array.from(el.querySelectorAll('*')).find((c) => re.test(String(c.getAttribute('class') || '')) && c.textContent.trim());
  const seen = new WeakSet();
  const report = (el, retries) => {
    if (seen.has(el) || !el.isConnected) return;
    if (Array.from(el.querySelectorAll('*')).some(isMessage)) return;  // a group of messages, not one
    const nameEl = part(el, /author|name|sender|nick|login|who/i);
    const textEl = part(el, /text|body|content/i);
    const name = String(el.getAttribute('data-name') || el.getAttribute('data-author-name') || el.getAttribute('data-sender-name') ||
      (nameEl ? nameEl.textContent : '')).trim();
    let text = textEl ? textEl.textContent.trim() : el.textContent.trim();
    if (!textEl && name && text.indexOf(name) === 0) text = text.slice(name.length).replace(/^[\s:—-]+/, '');
    if (!text && retries > 0) { setTimeout(() => report(el, retries - 1), 100); return; }
    seen.add(el);
    const author = authorOf(el);
    const who = author || 'agent';
    __tpChat.message(V, who, text, {name: who === 'visitor' || who === 'system' ? '' : name,
      meta: Object.assign({class: String(el.getAttribute('class') || '')}, author ? {} : {guessed: true}, who === 'bot' ? {bot: true} : {})});
  };
  const scan = (node) => {
    if (!node || node.nodeType !== 1) return;
    if (isMessage(node)) report(node, 5);
    node.querySelectorAll('*').forEach((el) => { if (isMessage(el)) report(el, 5); });
  };
  // `root` is an element (an in-page chat window) or null: the whole current document (a frame).
  // A frame's first document (about:blank) hands its window - and this script's state - to the
  // document the frame then loads, so the frame side re-attaches whenever window.document changes.
  let observedDoc = null;
  const observe = (root) => {
    const target = root || document;
    if (observing === target) return;
    observing = target;
    if (!root) observedDoc = document;
    if (root) scan(root); else if (document.documentElement) scan(document.documentElement);
    new MutationObserver((records) => {
      if (!active) return;
      for (const r of records) for (const n of r.addedNodes) scan(n);
    }).observe(target, {childList: true, subtree: true});
  };

  // -- switching the frames on --------------------------------------------------------------------
  const tellChildren = () => {
    for (let i = 0; i < window.frames.length; i++) { try { window.frames[i].postMessage({__tpGeneric: 'on'}, '*'); } catch (err) { /* gone */ } }
  };
  const chatFrameOf = (source) => Array.from(document.querySelectorAll('iframe')).find((f) => f.contentWindow === source && CHAT_RE.test(attrs(f)));
  const frameSide = () => {
    // in a frame: once switched on, follow the frame's current document
    if (active && document !== observedDoc) { observe(null); tellChildren(); }
  };
  const track = () => {
    // the page: find the chat window (it may come up only after the launcher's click) and tell its
    // frame to report (a document the frame loads later asks, and is answered)
    const tick = () => {
      const w = chatWindow();
      if (w && w !== windowEl) {
        windowEl = w;
        if (w.tagName !== 'IFRAME') observe(w);
        else { try { w.contentWindow.postMessage({__tpGeneric: 'on'}, '*'); } catch (err) { /* not yet */ } }
      }
      setTimeout(tick, windowEl ? 500 : 150);
    };
    tick();
    // the chat ends for the audit when its window goes
    new MutationObserver(() => { if (windowEl && !windowEl.isConnected) { windowEl = null; __tpChat.state(V, 'closed', 'the chat window went'); } })
      .observe(document, {childList: true, subtree: true});
  };

  return {
    signature: {globals: [], scripts: [], frames: []},
    install() {
      window.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d !== 'object' || !d.__tpGeneric) return;
        if (d.__tpGeneric === 'on' && !isTop && e.source === window.parent) { active = true; frameSide(); }
        if (d.__tpGeneric === 'ask' && active && e.source) {
          if (!isTop || chatFrameOf(e.source)) { try { e.source.postMessage({__tpGeneric: 'on'}, '*'); } catch (err) { /* gone */ } }
        }
      });
      if (!isTop) {
        // a document with a text box asks its parent once (a page that is switched on answers, if
        // this frame is its chat window); one that is already on follows document changes itself
        let asked = null;
        setInterval(() => {
          if (document !== asked && document.readyState !== 'loading' && document.querySelector(TEXT_SEL)) {
            asked = document;
            try { window.parent.postMessage({__tpGeneric: 'ask'}, '*'); } catch (err) { /* no parent */ }
          }
          frameSide();
        }, 100);
      }
    },
    present() {
      if (!isTop) return false;
      for (const [name, a] of Object.entries(__tpChat.adapters)) {
        if (name === V) continue;
        try { if (a && a.present && a.present()) { firstSeen = 0; return false; } } catch (err) { /* not that one */ }
      }
      if (!candidates().length) { firstSeen = 0; return false; }
      const now = Date.now();
      if (!firstSeen) firstSeen = now;
      if (now - firstSeen < 1500) return false;
      if (othersLoading()) {
        if (!firstOther) firstOther = now;
        if (now - firstOther < 6000) return false;
      }
      return true;
    },
    status() { return ''; },
    open() {
      if (active) return;
      active = true;
      if (!chatWindow()) { const l = launcher(); if (l) l.click(); }
      track();
    },
    send() { return false; },
    get ui() {
      const w = windowEl && windowEl.isConnected ? windowEl : chatWindow();
      if (!w) return {frame: '', input: TEXT_SEL, button: ''};
      const mark = (doc, scope) => {
        const box = Array.from(scope.querySelectorAll(TEXT_SEL)).filter((el) => el.getClientRects().length).pop();
        if (!box) return null;
        box.setAttribute('data-tp-generic', 'input');
        const form = box.closest('form') || scope;
        const send = Array.from(form.querySelectorAll('button, [role="button"], input[type="submit"]')).find((b) =>
          b.getAttribute('type') === 'submit' || /send|submit|отправ|➤|→/i.test(`${b.textContent} ${attrs(b)} ${b.getAttribute('value') || ''}`));
        if (send) send.setAttribute('data-tp-generic', 'send');
        return {input: '[data-tp-generic="input"]', button: send ? '[data-tp-generic="send"]' : ''};
      };
      if (w.tagName === 'IFRAME') {
        w.setAttribute('data-tp-generic', 'frame');
        let marked = null;
        try { if (w.contentDocument && w.contentDocument.body) marked = mark(w.contentDocument, w.contentDocument.body); } catch (err) { /* another origin */ }
        return Object.assign({frame: 'iframe[data-tp-generic="frame"]', input: TEXT_SEL, button: ''}, marked || {});
      }
      return Object.assign({frame: '', input: TEXT_SEL, button: ''}, mark(document, w) || {});
    },
  };
})());
