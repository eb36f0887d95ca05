// HubSpot live chat, from the Conversations SDK (chat widget SDK):
//   https://developers.hubspot.com/docs/api/conversation/chat-widget-sdk
//   (also https://developers.hubspot.com/docs/reference/api/conversations/chat-widget-sdk)
// The API is window.HubSpotConversations, created by the HubSpot tracking code; pages defer to it
// with window.hsConversationsOnReady = [fn, ...]. It offers widget.load({widgetOpen}),
// widget.open(), widget.close(), widget.remove(), widget.refresh(), widget.status() -> {loaded},
// clear(), on(event, handler) / off(...), with the events conversationStarted ({conversation:
// {conversationId}}), conversationClosed (same), userSelectedThread, unreadConversationCountChanged
// ({unreadCount}), contactAssociated, userInteractedWithWidget, widgetLoaded, widgetClosed,
// quickReplyButtonClick.
//
// No documented event or call carries a message's text or author, and there is no documented way
// to send a message. So the chat is read from the widget itself: init scripts run in every frame,
// and in HubSpot's widget frame (iframe#hubspot-conversations-iframe, data-test-id
// "chat-widget-iframe", served from app.hubspot.com/conversations-visitor/...) this adapter watches
// the message history (aria-label "Message History") with a MutationObserver and emits through the
// same bridge. The in-frame markup is not documented: the message text is taken from
// [data-test-id="message-bubble-body"] elements, the author from the message group's actor id where
// it is present (HubSpot's Conversations API actor ids: A- agent, V- visitor, B- bot, S- system,
// I- integration) or else from class / data-test-id words, the name from a sender-name element.
// The question is typed into the widget's textarea ([data-test-id="widget-textarea"]) and sent with
// Enter.
__tpChat.register('hubspot', (() => {
  const V = 'hubspot';
  const inWidgetFrame = window !== window.top &&
    (/(^|\.)hubspot\.com$/i.test(location.hostname) || /\/conversations-visitor\b/.test(location.pathname));

  // -- in the page: the documented SDK -----------------------------------------------------------
  const hooked = new WeakSet();
  const hook = (api) => {
    if (!api || typeof api.on !== 'function' || hooked.has(api)) return;
    hooked.add(api);
    const on = (name, fn) => { try { api.on(name, (payload) => { try { fn(payload || {}); } catch (err) { __tpChat.errors.push(`hubspot ${name}: ${err}`); } }); } catch (err) { __tpChat.errors.push(`hubspot on ${name}: ${err}`); } };
    on('widgetLoaded', () => __tpChat.state(V, 'loaded'));
    on('conversationStarted', (p) => __tpChat.state(V, 'open', `conversation ${(p.conversation && p.conversation.conversationId) || ''}`));
    on('conversationClosed', (p) => __tpChat.state(V, 'closed', `conversation ${(p.conversation && p.conversation.conversationId) || ''} closed`));
    on('unreadConversationCountChanged', () => {});
  };

  // -- in HubSpot's widget frame: the message history ----------------------------------------------
  const BODY = '[data-test-id="message-bubble-body"], [data-test-id="message-text"]';
  const GROUP = '[data-actor-id], [data-sender-id], [data-test-id*="message-group"], [class*="message-group" i], [class*="MessageGroup"]';
  const NAME = '[data-test-id="sender-name"], [data-test-id*="sender-name"], [class*="sender-name" i], [class*="SenderName"]';
  const ACTORS = {A: 'agent', V: 'visitor', B: 'bot', S: 'system', I: 'bot', E: 'agent'};
  const done = new WeakSet();
  const authorOf = (el) => {
    const group = el.closest(GROUP);
    const actor = group ? (group.getAttribute('data-actor-id') || group.getAttribute('data-sender-id') || '') : '';
    const m = /^([AVBSIE])-/.exec(actor);
    if (m) return {author: ACTORS[m[1]], group, actor};
    let words = '';
    for (let n = el; n && n !== document.body; n = n.parentElement) {
      words += ` ${n.getAttribute('class') || ''} ${n.getAttribute('data-test-id') || ''}`;
    }
    words = words.toLowerCase();
    if (/visitor|contact-message|outgoing|\bsent\b|\bself\b/.test(words)) return {author: 'visitor', group, actor};
    if (/\bbot\b|bot-message|chatbot/.test(words)) return {author: 'bot', group, actor};
    if (/system|status-message|info-message/.test(words)) return {author: 'system', group, actor};
    return {author: 'agent', group, actor};
  };
  const read = (el) => {
    if (done.has(el)) return;
    const text = String(el.innerText || el.textContent || '').trim();
    if (!text) return;
    done.add(el);
    const {author, group, actor} = authorOf(el);
    const nameEl = group && group.querySelector(NAME);
    const name = author === 'visitor' ? '' : String((nameEl && nameEl.textContent) || '').trim();
    const meta = {actor};
    if (author === 'bot') meta.bot = true;
    __tpChat.message(V, author, text, {name, meta});
  };
  const scan = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return;
    const body = el.closest(BODY);
    if (body) read(body);
    el.querySelectorAll(BODY).forEach(read);
  };
  const watchFrame = () => {
    if (!document.body) { setTimeout(watchFrame, 30); return; }
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'characterData') scan(r.target);
        else { scan(r.target); r.addedNodes.forEach(scan); }
      }
    }).observe(document.body, {childList: true, subtree: true, characterData: true});
    scan(document.body);
  };

  const api = () => window.HubSpotConversations;
  return {
    signature: {globals: ['HubSpotConversations', 'hsConversationsOnReady', 'hsConversationsSettings'],
      scripts: [/js(-[a-z0-9]+)?\.hs-scripts\.com/, /js\.usemessages\.com/], frames: [/conversations-visitor/, /hubspot-conversations-iframe/]},
    install() {
      if (inWidgetFrame) { watchFrame(); return; }
      __tpChat.trap('HubSpotConversations', hook);
      // keep a callback of ours in whatever hsConversationsOnReady array the page sets
      __tpChat.trap('hsConversationsOnReady', (list) => { if (Array.isArray(list)) list.push(() => hook(api())); });
      if (window.hsConversationsOnReady === undefined) window.hsConversationsOnReady = [];
    },
    present() { const a = api(); return !!(a && a.widget && typeof a.widget.open === 'function'); },
    status() { return ''; },  // the SDK documents no availability status (widget.status() is {loaded})
    open() {
      const w = api().widget;
      const st = typeof w.status === 'function' ? w.status() : null;
      if (st && st.loaded === false && typeof w.load === 'function') w.load({widgetOpen: true});
      else w.open();
      __tpChat.state(V, 'open');
    },
    send() { return false; },
    ui: {frame: '#hubspot-conversations-iframe', input: '[data-test-id="widget-textarea"], textarea', button: ''},
  };
})());
