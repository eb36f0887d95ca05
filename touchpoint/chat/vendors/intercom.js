// Intercom Messenger, from its JavaScript API and installation docs:
//   https://developers.intercom.com/installing-intercom/web/methods
//   https://developers.intercom.com/installing-intercom/web/installation
// The page's snippet makes a stub Intercom(...) that queues its arguments in Intercom.q until the
// widget script replaces it with the real function (which sets Intercom.booted once booted). Commands:
// boot, update, shutdown, show, hide, showMessages, showNewMessage(content), getVisitorId, trackEvent,
// onShow(fn), onHide(fn), onUnreadCountChange(fn(count)), onUserEmailSupplied(fn), ready(fn).
//
// Intercom documents no event that carries a message, nothing that tells whether the team is available,
// no "conversation ended" event and no call that sends a message. So:
// - messages are read from the Messenger's own iframe (iframe[name="intercom-messenger-frame"], same
//   origin) with a MutationObserver: every new conversation part (.intercom-conversation-part) is
//   reported when it appears. Parts with the -user class are the visitor's; the others are a teammate's,
//   unless the Messenger marks them as a bot ("Bot ·" in .intercom-conversation-part-metadata, an
//   "AI Agent" / "Bot" badge, a -bot class) or they come from Fin, Intercom's AI agent: those are "bot".
//   This markup is Intercom's, not a documented API: it is best effort.
// - onShow is "open"; onHide is only the Messenger being minimised, not the end of a conversation.
// - "closed" is reported when the Messenger (#intercom-container) leaves the page after having been
//   there, as Intercom('shutdown') does.
// - open() calls Intercom('showNewMessage') (the composer of a new conversation); the question is typed
//   into the composer's textarea and sent with Enter.
__tpChat.register('intercom', (() => {
  const V = 'intercom';
  const FRAME = 'iframe[name="intercom-messenger-frame"]';
  const BOT_NAME = /^(fin|operator)\b|\b(bot|ai agent)\b/i;
  let registered = false;
  let watching = false;
  let container = null;
  let closed = false;
  let loaded = false;
  const docs = new WeakSet();
  const parts = new WeakSet();
  const heard = new Set();
  const clean = (s) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim();

  const read = (part) => {
    const visitor = /intercom-conversation-part-user\b/.test(part.className) || !!part.querySelector('.intercom-comment-container-user');
    const img = part.querySelector('img[alt]');
    const nameEl = part.querySelector('[class*="author" i], [class*="admin-name" i]');
    const name = clean((img && img.getAttribute('alt')) || (nameEl && nameEl.textContent) || '');
    const metaEl = part.querySelector('.intercom-conversation-part-metadata');
    const metadata = clean(metaEl ? metaEl.textContent : '');
    const badgeEl = part.querySelector('[class*="badge" i], [class*="label" i]');
    const badge = clean(badgeEl ? badgeEl.textContent : '');
    const bodyEl = part.querySelector('.intercom-comment, .intercom-block, [class*="comment" i]');
    const text = clean((bodyEl || part).textContent);
    const bot = !visitor && (/(^|\s)bot\s*·/i.test(metadata) || /\b(ai agent|bot)\b/i.test(badge)
      || /-bot\b/.test(part.className) || BOT_NAME.test(name));
    return {visitor, name, text, bot, metadata, badge};
  };
  // Report a part when it appears; its text is read once it stops changing (Fin streams its answers).
  const report = (part) => {
    if (parts.has(part)) return;
    parts.add(part);
    const at = Date.now();
    let last = null;
    let tries = 0;
    const step = () => {
      const now = read(part);
      if (last && now.text === last.text && now.text) { emit(now, at); return; }
      last = now;
      if (++tries > 8) { emit(now, at); return; }
      setTimeout(step, 150);
    };
    step();
  };
  const emit = (p, at) => {
    const key = [p.visitor, p.name, p.text].join('|');
    if (heard.has(key)) return; // the same part drawn again
    heard.add(key);
    if (p.visitor) { __tpChat.message(V, 'visitor', p.text, {at}); return; }
    const meta = p.bot ? {bot: true, why: `the Messenger marks it as a bot (${p.metadata || p.badge || p.name})`} : {};
    __tpChat.message(V, p.bot ? 'bot' : 'agent', p.text, {name: p.name, at, meta});
  };
  const partsIn = (node) => {
    if (!node || node.nodeType !== 1) return [];
    const found = node.matches('.intercom-conversation-part') ? [node] : [];
    return found.concat(Array.from(node.querySelectorAll('.intercom-conversation-part')));
  };
  const attach = (frame) => {
    let doc = null;
    try { doc = frame.contentDocument; } catch (err) { doc = null; }
    if (!frame.__tpIntercom) {
      frame.__tpIntercom = true;
      frame.addEventListener('load', () => attach(frame));
    }
    if (!doc || docs.has(doc)) return;
    docs.add(doc);
    for (const part of partsIn(doc.documentElement)) parts.add(part); // history, shown before we looked
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) for (const part of partsIn(n)) report(part);
    }).observe(doc, {childList: true, subtree: true});
  };
  const scan = () => {
    for (const frame of document.querySelectorAll(FRAME)) attach(frame);
    const c = document.getElementById('intercom-container');
    if (c) container = c;
    if (container && !container.isConnected && !closed) {
      closed = true;
      __tpChat.state(V, 'closed', 'the Messenger left the page (Intercom shutdown)');
    }
  };
  const watch = () => {
    if (watching) return;
    watching = true;
    new MutationObserver(scan).observe(document, {childList: true, subtree: true});
    scan();
  };
  const hook = (ic) => {
    watch();
    if (registered || typeof ic !== 'function') return;
    registered = true;
    ic('onShow', () => __tpChat.state(V, 'open'));
  };

  return {
    signature: {globals: ['Intercom', 'intercomSettings'], scripts: [/widget\.intercom\.io\/widget/, /js\.intercomcdn\.com/], frames: [/intercom/i]},
    install() { __tpChat.trap('Intercom', hook); },
    present() {
      const ic = window.Intercom;
      const ok = typeof ic === 'function' && ic.booted === true;
      if (ok && !loaded) { loaded = true; __tpChat.state(V, 'loaded'); }
      if (ok) scan();
      return ok;
    },
    status() { return ''; },
    open() { window.Intercom('showNewMessage'); },
    send() { return false; },
    ui: {frame: FRAME, input: 'textarea[name="message"], textarea, [contenteditable="true"]', button: ''},
  };
})());
