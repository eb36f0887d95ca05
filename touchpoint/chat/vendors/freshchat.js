// Freshchat (Freshworks web messenger), from its Web SDK documentation:
//   https://developers.freshchat.com/web-sdk/  (v1: https://developers.freshchat.com/web-sdk/v1/)
// window.fcWidget is created by the widget script (wchat.freshchat.com/js/widget.js, or the
// fw-cdn.com loader) and started with fcWidget.init({token, host, ...}); it offers open(),
// close(), show(), hide(), isOpen(), isLoaded(), isInitialized(), destroy(), user.*, and
// on(event, fn) / off(...) with the events widget:loaded, widget:opened, widget:closed,
// widget:destroyed, user:created, user:cleared, user:statechange, message:sent, message:received,
// unreadCount:notify, dialog:opened, dialog:closed, csat:received, csat:updated,
// conversation:resolved, frame:statechange.
//
// message:sent / message:received carry the message as {message: {...}} (sometimes inside
// {data: {message}}), in Freshchat's message model: messageFragments [{fragmentType, content}]
// (the text, possibly HTML), messageUserType (0 = the user), messageType (1 normal, 2 bot,
// 3 Freddy bot), messageUserName, flowStepId (set on bot-flow steps); the names are those Freshchat's
// own SDKs and public integrations read, the SDK page itself does not spell the payload out.
// Bots (Freddy, bot flows) are marked bot; a bot's name is often "Freddy", which classify.py also
// knows. Freshchat documents no call that sends a message (open({replyText}) only pre-fills the
// composer), so the question is typed into the widget: iframe#fc_widget inside div#fc_frame.
__tpChat.register('freshchat', (() => {
  const V = 'freshchat';
  const BOT_TYPES = new Set([2, 3]);
  const plain = (html) => String(html == null ? '' : html)
    .replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>\s*<p[^>]*>/gi, '\n').replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .trim();
  const messageOf = (resp) => {
    if (!resp || typeof resp !== 'object') return null;
    if (resp.data && resp.data.message) return resp.data.message;
    if (resp.message && typeof resp.message === 'object') return resp.message;
    return resp.messageFragments || resp.message_parts ? resp : null;
  };
  const textOf = (m) => {
    const parts = m.messageFragments || m.message_parts || [];
    const texts = parts.map((p) => (p && (typeof p.content === 'string' ? p.content : p.text && p.text.content)) || '').filter(Boolean);
    return plain(texts.length ? texts.join('\n') : (m.text || m.content || ''));
  };
  const authorOf = (m, sent) => {
    const actor = String(m.actorType || m.actor_type || '').toLowerCase();
    if (sent || m.messageUserType === 0 || actor === 'user') return 'visitor';
    if (BOT_TYPES.has(Number(m.messageType)) || m.flowStepId || actor === 'bot' || m.botsPrivateNote) return 'bot';
    if (actor === 'system') return 'system';
    return 'agent';
  };
  const seen = new Set();
  const onMessage = (resp, sent) => {
    const m = messageOf(resp);
    if (!m) return;
    const id = m.messageId || m.id || m.alias;
    if (id !== undefined && id !== null) { const key = `${sent ? 's' : 'r'}${id}`; if (seen.has(key)) return; seen.add(key); }
    const text = textOf(m);
    if (!text) return;
    const author = authorOf(m, sent);
    const name = author === 'visitor' ? '' : String(m.messageUserName || m.actorFirstName || m.actor_first_name || '').trim();
    const meta = {messageType: m.messageType, messageUserType: m.messageUserType};
    if (author === 'bot') meta.bot = true;
    __tpChat.message(V, author, text, {name, meta});
  };
  const hook = (w) => {
    if (typeof w.on !== 'function') return;
    const on = (name, fn) => { try { w.on(name, (resp) => { try { fn(resp); } catch (err) { __tpChat.errors.push(`freshchat ${name}: ${err}`); } }); } catch (err) { __tpChat.errors.push(`freshchat on ${name}: ${err}`); } };
    on('widget:loaded', () => __tpChat.state(V, 'loaded'));
    on('widget:opened', () => __tpChat.state(V, 'open'));
    on('message:sent', (resp) => onMessage(resp, true));
    on('message:received', (resp) => onMessage(resp, false));
    on('conversation:resolved', () => __tpChat.state(V, 'closed', 'conversation resolved'));
    on('widget:destroyed', () => __tpChat.state(V, 'closed', 'widget destroyed'));
  };
  return {
    signature: {globals: ['fcWidget', 'fcSettings', 'fcWidgetMessengerConfig'], scripts: [/wchat(\.[a-z]+)?\.freshchat\.com/, /fw-cdn\.com/], frames: [/fc_widget/, /freshchat/i]},
    install() { __tpChat.trap('fcWidget', hook); },
    present() {
      const w = window.fcWidget;
      if (!w || typeof w.open !== 'function') return false;
      try { if (typeof w.isLoaded === 'function' && w.isLoaded()) return true; } catch (err) { /* not yet */ }
      return !!document.querySelector('#fc_frame, iframe#fc_widget');
    },
    status() { return ''; },  // the Web SDK documents no agent-availability status
    // window.fcWidget.isOpen() is documented; so are hide() and show(), but no "is hidden".
    state() {
      const w = window.fcWidget;
      let open = null;
      try { open = w && typeof w.isOpen === 'function' ? !!w.isOpen() : null; } catch (err) { open = null; }
      return {status: '', open};
    },
    open() { window.fcWidget.open(); },
    send() { return false; },
    ui: {frame: 'iframe#fc_widget', input: 'textarea, [contenteditable="true"]', button: ''},
  };
})());
