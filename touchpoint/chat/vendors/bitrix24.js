// Bitrix24 Open Lines live chat (the website widget / site button), from Bitrix24's documentation of
// the widget's JavaScript interface:
//   https://helpdesk.bitrix24.com/open/8772927/  (Website widget: advanced settings)
//   https://helpdesk.bitrix24.com/open/20303858/ (the same subscribe() with SubscriptionType)
// and, for the payloads, the widget's published source (bitrix/modules/imopenlines, the LiveChat
// widget: public.js, widget.js, the pull and REST answer handlers).
// The site button's loader (cdn.bitrix24.*/b<portal>/crm/site_button/loader_*.js) builds
// window.BX.SiteButton and loads the live chat, which sets BX.LiveChatWidget (with
// BX.LiveChatWidget.SubscriptionType) and the legacy window.BX.LiveChat {openLiveChat,
// closeLiveChat}; each widget instance then dispatches the window event 'onBitrixLiveChat' with
// event.detail.widget. The widget offers open(), close(), subscribe({type, callback}),
// getUserData(), setUserRegisterData(), setCustomData(), addLocalize(), start().
// Subscriptions used here (callbacks get the event's data; 'every' gets {type, data}):
//   configLoaded, widgetOpen, widgetClose, sessionStart {sessionId}, sessionOperatorChange
//   {operator: {id, name, firstName, lastName, workPosition, avatar, online}}, sessionFinish
//   {sessionId, sessionStatus}, userMessage {id, text} (the visitor's own, after it is saved), and
//   operatorMessage: every message in the chat not sent by the visitor, with the IM pull params
//   {chatId, dialogId, message: {id, senderId, system ('Y' | 'N'), date, text, params}, users:
//   {<id>: {name, bot, ...}}}. So operatorMessage is a system line when message.system is 'Y' or
//   senderId is 0 (Open Lines' automatic messages), a bot when users[senderId].bot, else a person.
// There is no documented call that sends a message: the question is typed into the widget, which
// Bitrix24 renders in the page itself (.bx-livechat-wrapper, textarea.bx-im-textarea-input,
// .bx-im-textarea-send-button).
__tpChat.register('bitrix24', (() => {
  const V = 'bitrix24';
  let widget = null;
  let operator = '';
  const hooked = new WeakSet();
  const plain = (text) => String(text == null ? '' : text)
    .replace(/\[br\]/gi, '\n').replace(/<br\s*\/?>/gi, '\n').replace(/\[\/?[a-z*]+(=[^\]]*)?\]/gi, '').replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .trim();
  const operatorName = (op) => (op && (op.name || [op.firstName || op.first_name, op.lastName || op.last_name].filter(Boolean).join(' '))) || '';
  const onEvent = (type, data) => {
    data = data || {};
    if (type === 'configLoaded') __tpChat.state(V, 'loaded');
    else if (type === 'widgetOpen') __tpChat.state(V, 'open');
    else if (type === 'sessionOperatorChange') { operator = operatorName(data.operator); if (operator) __tpChat.state(V, 'agent-joined', operator); }
    else if (type === 'sessionFinish') __tpChat.state(V, 'closed', `session ${data.sessionId || ''} finished (status ${data.sessionStatus || ''})`);
    else if (type === 'userMessage') { const t = plain(data.text); if (t) __tpChat.message(V, 'visitor', t, {meta: {id: data.id}}); }
    else if (type === 'operatorMessage') {
      const m = data.message || {};
      const text = plain(m.text);
      if (!text) return;
      const senderId = String(m.senderId == null ? '' : m.senderId);
      const users = data.users || {};
      const sender = users[senderId] || users[Number(senderId)] || null;
      const meta = {id: m.id, senderId, system: m.system};
      if (m.system === 'Y' || m.system === true || senderId === '0' || senderId === '') {
        __tpChat.message(V, 'system', text, {meta});
      } else if (sender && (sender.bot === true || sender.bot === 'Y')) {
        __tpChat.message(V, 'bot', text, {name: operatorName(sender), meta: Object.assign(meta, {bot: true})});
      } else {
        __tpChat.message(V, 'agent', text, {name: operatorName(sender) || operator, meta});
      }
    }
  };
  const hook = (w) => {
    if (!w || typeof w.subscribe !== 'function' || hooked.has(w)) return;
    hooked.add(w);
    widget = w;
    const types = (window.BX && window.BX.LiveChatWidget && window.BX.LiveChatWidget.SubscriptionType) || {};
    try {
      w.subscribe({type: types.every || 'every', callback: (e) => {
        try { if (e && e.type) onEvent(e.type, e.data); } catch (err) { __tpChat.errors.push(`bitrix24 ${e && e.type}: ${err}`); }
      }});
    } catch (err) { __tpChat.errors.push(`bitrix24 subscribe: ${err}`); }
  };
  return {
    signature: {globals: ['BX.SiteButton', 'BX.LiveChatWidget', 'BX.LiveChat'], scripts: [/bitrix24\.[a-z.]+\/b\d+\/crm\/site_button\/loader_/, /crm\/site_button\/loader_/], frames: []},
    install() {
      window.addEventListener('onBitrixLiveChat', (event) => { try { hook(event.detail && event.detail.widget); } catch (err) { __tpChat.errors.push(`bitrix24 hook: ${err}`); } });
    },
    present() {
      if (widget) return true;
      const BX = window.BX;
      return !!(BX && BX.LiveChat && typeof BX.LiveChat.openLiveChat === 'function' && BX.SiteButton);
    },
    status() { return ''; },  // the widget documents no online/offline getter or event
    open() {
      if (widget && typeof widget.open === 'function') widget.open();
      else window.BX.LiveChat.openLiveChat();
    },
    send() { return false; },
    ui: {frame: '', input: '.bx-livechat-wrapper textarea.bx-im-textarea-input', button: '.bx-livechat-wrapper .bx-im-textarea-send-button'},
  };
})());
