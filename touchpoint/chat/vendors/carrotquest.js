// Carrot quest (carrotquest.io; Dashly is the same product abroad), from its JavaScript API:
//   https://developers.carrotquest.io/libs/js/             (the global `carrotquest`, the snippet's stubs)
//   https://developers.carrotquest.io/libs/js/onready       (carrotquest.onReady(fn): the script is loaded)
//   https://developers.carrotquest.io/libs/js/addcallback   (topics: conversation_started {id, body},
//       messenger_opened, messenger_closed, user_replied {id, body, message}, conversation_opened
//       {id, message, type, parts}, event_tracked; same list at https://developers.dashly.io/libs/js/addcallback)
//   https://developers.carrotquest.io/libs/js/open          (carrotquest.open({conversation: 'new'}))
// None of the documented topics tells of an operator's or a bot's reply. Those reach the widget
// over the Realtime Services API (https://developers.carrotquest.io/rts/channels/: channel
// conversation_reply.{app_id}.{user_id}, "new message in a conversation with the user"), whose
// message is a ConversationPart (https://developers.carrotquest.io/objects/conversationpart,
// https://developers.dashly.io/objects/conversationpart: type reply_admin = an operator,
// chat_bot_admin / chat_bot_user = the chat bot, auto_reply = an automatic reply, assigned, closed,
// service, ...; from = the Admin who wrote, with its name; sent_via message_auto = an auto
// message, https://help.carrotquest.io/article/187). The widget hands each RTS message to
// carrotquest.realtimeServices.onMessage({channel, message}) - not documented, but hooked by
// integrators in public code - so that is where the adapter listens for operators and bots.
// There is no documented call to send a message: it is typed into the messenger's frame.
__tpChat.register('carrotquest', (() => {
  const V = 'carrotquest';
  let api = null;
  let ready = false;
  let registered = false;
  const seenParts = new Set();
  const text = (p) => String((p && (p.body || (p.body_json && (p.body_json.text || p.body_json.message)))) || '');
  const fromName = (p) => (p && p.from && typeof p.from === 'object' && (p.from.name || p.from.display_name)) || '';
  const part = (p) => {
    if (!p || typeof p !== 'object') return;
    if (p.id != null) { if (seenParts.has(String(p.id))) return; seenParts.add(String(p.id)); }
    const type = String(p.type || '');
    const meta = {type, conversation: p.conversation == null ? '' : String(p.conversation), part: p.id == null ? '' : String(p.id)};
    const from = (p.from && typeof p.from === 'object') ? p.from : {};
    if (type === 'reply_admin' || type === 'article') {
      // an auto message (sent_via message_auto) is sent on an operator's behalf, but by a rule
      const auto = p.sent_via === 'message_auto';
      const bot = auto || /bot/i.test(String(from.type || '')) || from.is_bot === true;
      __tpChat.message(V, bot ? 'bot' : 'agent', text(p), {name: fromName(p), meta: Object.assign(meta, bot ? {bot: true} : {}, auto ? {auto: true} : {})});
    } else if (/^chat_bot/.test(type)) {
      __tpChat.message(V, 'bot', text(p), {name: fromName(p), meta: Object.assign(meta, {bot: true})});
    } else if (type === 'auto_reply') {
      __tpChat.message(V, 'system', text(p), {name: fromName(p), meta: Object.assign(meta, {auto: true})});
    } else if (type === 'assigned') {
      const who = (p.assignee && p.assignee.name) || '';
      __tpChat.state(V, 'agent-joined', who);
    } else if (type === 'closed' || type === 'final_closed') {
      __tpChat.state(V, 'closed', 'conversation closed');
    } else if (type === 'service' || type === 'delayed' || type === 'channel_changed' || type === 'vote') {
      if (text(p)) __tpChat.message(V, 'system', text(p), {meta});
    }
    // reply_user (the visitor's own, reported by user_replied / conversation_started), note
    // (never shown to the visitor), tag_added / tag_deleted: nothing to report.
  };
  const onRts = (e) => {
    const channel = String((e && e.channel) || '');
    const msg = e && e.message;
    if (channel.indexOf('conversation_reply') === 0) part(msg);
    else if (channel.indexOf('conversation_parts_batch') === 0) ((msg && msg.parts) || []).forEach(part);
  };
  const hookRts = (tries) => {
    const rts = api && api.realtimeServices;
    if (rts && typeof rts === 'object') { __tpChat.chain(rts, 'onMessage', onRts); return; }
    if (tries > 0) setTimeout(() => hookRts(tries - 1), 100);
  };
  const register = (obj, tries) => {
    if (registered) return;
    if (!obj || typeof obj.addCallback !== 'function' || typeof obj.onReady !== 'function') {
      if (tries > 0) setTimeout(() => register(obj, tries - 1), 20);
      return;
    }
    registered = true;
    // Through the snippet's stubs these calls wait in carrotquestasync until the script loads.
    obj.onReady(() => {
      ready = true;
      __tpChat.state(V, 'loaded', status());
      const s = status();
      if (s) __tpChat.state(V, s, 'status_operators');
      hookRts(100);
    });
    obj.addCallback('messenger_opened', () => __tpChat.state(V, 'open'));
    obj.addCallback('conversation_opened', (d) => {
      // the parts already in the conversation are history: remember them, do not report them again
      ((d && d.parts) || []).forEach((p) => { if (p && p.id != null) seenParts.add(String(p.id)); });
      __tpChat.state(V, 'open', d && d.id != null ? `conversation ${d.id}` : 'conversation');
    });
    obj.addCallback('conversation_started', (d) => __tpChat.message(V, 'visitor', (d && d.body) || '', {meta: {conversation: d && d.id != null ? String(d.id) : ''}}));
    obj.addCallback('user_replied', (d) => __tpChat.message(V, 'visitor', (d && d.body) || '', {meta: {conversation: d && d.id != null ? String(d.id) : ''}}));
  };
  const status = () => {
    try {
      const s = api && api.data && api.data.app && api.data.app.status_operators;
      return s === 'online' ? 'online' : (s ? 'offline' : '');
    } catch (err) { return ''; }
  };
  return {
    signature: {globals: ['carrotquest', 'carrotquestasync'], scripts: [/cdn\.carrotquest\.(io|app)/, /carrotquest/i], frames: [/carrot-messenger/i, /carrotquest/i]},
    install() {
      __tpChat.trap('carrotquest', (obj) => { api = obj; register(obj, 250); });
    },
    present() {
      const cq = window.carrotquest;
      return !!(cq && ready && typeof cq.open === 'function');
    },
    status,
    open() { window.carrotquest.open({conversation: 'new'}); },
    send() { return false; },
    ui: {frame: 'iframe#carrot-messenger-frame, iframe[name="carrot-messenger-frame"]', input: 'textarea#opened-textfield, textarea', button: 'button.opened-send-button, #carrotquest-messenger-innerreply-submit, button[type=submit]'},
  };
})());
