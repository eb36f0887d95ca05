// LiveChat (livechat.com), from its Chat Widget JS API (v2 snippet and later):
//   https://platform.text.com/docs/extending-chat-widget/javascript-api
//   (formerly https://developers.livechat.com/docs/extending-chat-widget/javascript-api; the types in
//   https://github.com/livechat/chat-widget-adapters packages/widget-core/src/types.ts say the same)
// The page's tracking code creates LiveChatWidget = {_q, _h, on, once, off, get, call, init}; calls made
// before tracking.js loads are queued in _q, and get() throws until it has loaded. Callbacks:
// on('ready', {state, customerData}), on('availability_changed', {availability: 'online' | 'offline'}),
// on('visibility_changed', {visibility: 'maximized' | 'minimized' | 'hidden'}),
// on('customer_status_changed', {status: 'queued' | 'chatting' | 'invited' | 'browsing'}),
// on('new_event', {timestamp, type: 'message' | 'rich_message' | 'file', author: {id, type: 'customer' |
// 'agent'}, greeting?: {id, uniqueId}}), on('greeting_displayed' | 'greeting_hidden', {id, uniqueId});
// call('maximize'), get('state') -> {availability, visibility}.
//
// What the docs leave open, and what this adapter does about it:
// - new_event carries no text and no name: author.type says customer or agent, `greeting` marks a
//   greeting (an automated targeted message, sent under an agent's identity: reported as "bot" with
//   meta.greeting). The text and the agent's name are read from the widget's iframe when it can be read
//   (same origin), best effort; otherwise the message is reported without text.
// - agents and bots (e.g. a ChatBot.com bot routed as an agent) both have author.type "agent": the JS API
//   cannot tell them apart, so a bot that is not a greeting is reported as "agent" (classify.py still
//   judges it by name and speed).
// - system messages (queue notices, "chat closed") are not new_event types: they are not reported.
// - the chat ending is customer_status_changed going back to "browsing" from "chatting" or "queued":
//   reported as "closed".
// - no documented call sends a message (maximize's messageDraft only fills the box), so the question is
//   typed into the widget (iframe#chat-widget) and sent with Enter.
__tpChat.register('livechat', (() => {
  const V = 'livechat';
  let hooked = null;
  let lastStatus = '';
  const clean = (s) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
  const widget = () => window.LiveChatWidget;
  const frameDoc = () => {
    const f = document.querySelector('iframe#chat-widget, iframe[name="chat-widget"]');
    try { return f && f.contentDocument; } catch (err) { return null; } // cross-origin: not readable
  };
  // The newest message the widget shows from "agent" or "customer", best effort (the markup is not documented).
  const lastShown = (side) => {
    const doc = frameDoc();
    if (!doc) return null;
    const items = doc.querySelectorAll('[data-author-type], [class*="message" i]');
    for (let i = items.length - 1; i >= 0; i--) {
      const el = items[i];
      const who = el.getAttribute('data-author-type') || (/customer|visitor|own/i.test(el.className) ? 'customer' : /agent|operator/i.test(el.className) ? 'agent' : '');
      if (who !== side) continue;
      const textEl = el.querySelector('[class*="text" i], [data-testid*="text" i]') || el;
      const nameEl = el.querySelector('[class*="name" i], [class*="author" i]');
      return {text: clean(textEl.textContent), name: nameEl ? clean(nameEl.textContent) : '', el};
    }
    return null;
  };
  const seenEls = new WeakSet();
  // Read the widget until it shows the new message (it may be drawn after the callback), at most 1 s.
  const settle = (side, done, tries = 0) => {
    const seen = lastShown(side);
    if (seen && !seenEls.has(seen.el)) { seenEls.add(seen.el); done(seen); return; }
    if (tries >= 10 || !frameDoc()) { done({text: '', name: ''}); return; }
    setTimeout(() => settle(side, done, tries + 1), 100);
  };
  const heard = new Set();

  const onNewEvent = (e) => {
    if (!e || !e.author) return;
    // the same event twice (e.g. if the handler got registered twice): once
    const key = [e.timestamp, e.author.id, e.type, e.greeting && e.greeting.uniqueId].join('|');
    if (e.timestamp && heard.has(key)) return;
    heard.add(key);
    const at = Date.now();
    const side = e.author.type === 'customer' ? 'customer' : 'agent';
    settle(side, (seen) => {
      const meta = {type: e.type, author_id: e.author.id, timestamp: e.timestamp};
      if (side === 'customer') {
        __tpChat.message(V, 'visitor', seen.text, {at, meta});
      } else if (e.greeting) {
        __tpChat.message(V, 'bot', seen.text, {at, name: seen.name,
          meta: Object.assign(meta, {bot: true, greeting: e.greeting, why: 'a LiveChat greeting (new_event.greeting)'})});
      } else {
        __tpChat.message(V, 'agent', seen.text, {at, name: seen.name, meta});
      }
    });
  };
  const hook = (lc) => {
    if (hooked === lc || typeof lc.on !== 'function') return;
    hooked = lc;
    lc.on('ready', (data) => {
      const availability = data && data.state ? data.state.availability : '';
      __tpChat.state(V, 'loaded', availability);
      if (availability) __tpChat.state(V, availability === 'online' ? 'online' : 'offline', availability);
    });
    lc.on('availability_changed', (data) => {
      const a = data && data.availability;
      __tpChat.state(V, a === 'online' ? 'online' : 'offline', a);
    });
    lc.on('visibility_changed', (data) => { if (data && data.visibility === 'maximized') __tpChat.state(V, 'open'); });
    lc.on('customer_status_changed', (data) => {
      const status = data && data.status;
      if (status === 'browsing' && (lastStatus === 'chatting' || lastStatus === 'queued')) __tpChat.state(V, 'closed', 'the chat ended (customer status back to browsing)');
      lastStatus = status || lastStatus;
    });
    lc.on('new_event', onNewEvent);
  };

  return {
    signature: {globals: ['LiveChatWidget', '__lc'], scripts: [/cdn\.livechatinc\.com\/tracking\.js/], frames: [/chat-widget/, /livechat/i]},
    install() { __tpChat.trap('LiveChatWidget', hook); },
    present() {
      const lc = widget();
      if (!lc || typeof lc.get !== 'function' || typeof lc.call !== 'function') return false;
      try { return !!lc.get('state'); } catch (err) { return false; } // get() throws until tracking.js has loaded
    },
    status() {
      const state = widget().get('state');
      const a = state && state.availability;
      return a === 'online' ? 'online' : a ? 'offline' : '';
    },
    // get('state') is documented as {availability: "online" | "offline", visibility: "maximized" |
    // "minimized" | "hidden"}: hidden means the site hid the widget (call('hide')).
    state() {
      let state = null;
      try { state = widget().get('state'); } catch (err) { state = null; }
      const v = state && state.visibility;
      return {status: this.status(), hidden: v ? v === 'hidden' : null, open: v ? v === 'maximized' : null};
    },
    open() { widget().call('maximize'); },
    send() { return false; },
    ui: {frame: 'iframe#chat-widget', input: 'textarea', button: ''},
  };
})());
