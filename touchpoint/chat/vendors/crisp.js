// Crisp, from its $crisp chatbox SDK docs:
//   https://docs.crisp.chat/guides/chatbox-sdks/web-sdk/dollar-crisp/
//   (and crisp-sdk-web, which wraps the same commands: https://github.com/crisp-im/crisp-sdk-web; the
//   message fields are those of Crisp's conversation messages, as in https://github.com/crisp-im/node-crisp-api
//   lib/resources/WebsiteConversation.ts)
// The page's snippet sets window.$crisp = [] (a queue) and CRISP_WEBSITE_ID; the chatbox script (l.js)
// takes over $crisp and runs what was queued: ["on", event, fn], ["off", event], ["do", action, args],
// ["set", ...], ["config", ...]; $crisp.is(...) and $crisp.get(...) exist once it has loaded.
// Events used: session:loaded, chat:opened, chat:closed, website:availability:changed(is_available),
// message:sent(message) and message:received(message), a message being {type, from: "user" | "operator",
// origin: "chat" | "email" | "urn:...", content, fingerprint, timestamp, user: {user_id, nickname,
// avatar}, automated?}. Actions: ["do", "chat:open"], ["do", "message:send", ["text", text]];
// $crisp.is("website:available").
//
// What the adapter decides:
// - an operator-side message that is automated (automated: true: triggers, bot scenarios, the AI agent)
//   or comes from a plugin (an "urn:" origin) is "bot"; "event" and "note" messages are "system"; other
//   operator messages are "agent", named by user.nickname. Messages are told apart by fingerprint.
// - ["off", event] removes every handler of that event (crisp-sdk-web sends it before each "on"), ours
//   too: whenever the page pushes an "off" for an event we listen to, ours is pushed again right after.
// - Crisp documents no "conversation ended" event (chat:closed is the chatbox window being closed, not the
//   end of the conversation): "closed" is reported when the chatbox (.crisp-client) leaves the page.
// - send(text) uses the documented ["do", "message:send", ["text", text]].
__tpChat.register('crisp', (() => {
  const V = 'crisp';
  const heard = new Set();
  let queued = false;
  let live = null;
  let watching = false;
  let root = null;
  let closed = false;
  const textOf = (m) => {
    if (typeof m.content === 'string') return m.content;
    const c = m.content || {};
    return String(c.text || c.name || c.url || '');
  };
  const fresh = (m) => {
    const key = m.fingerprint != null ? `f${m.fingerprint}` : [m.from, m.timestamp, textOf(m)].join('|');
    if (heard.has(key)) return false;
    heard.add(key);
    return true;
  };
  const crisp = () => window.$crisp;
  const status = () => {
    const c = crisp();
    if (!c || typeof c.is !== 'function') return '';
    try { return c.is('website:available') ? 'online' : 'offline'; } catch (err) { return ''; }
  };

  const on = {
    'session:loaded': () => {
      __tpChat.state(V, 'loaded');
      const s = status();
      if (s) __tpChat.state(V, s, s);
    },
    'chat:opened': () => __tpChat.state(V, 'open'),
    'website:availability:changed': (available) => __tpChat.state(V, available ? 'online' : 'offline', String(available)),
    'message:sent': (m) => {
      if (m && fresh(m)) __tpChat.message(V, 'visitor', textOf(m), {meta: {type: m.type, origin: m.origin}});
    },
    'message:received': (m) => {
      if (!m || !fresh(m)) return;
      const name = (m.user && m.user.nickname) || '';
      const meta = {type: m.type, origin: m.origin, fingerprint: m.fingerprint, user_id: m.user && m.user.user_id};
      if (m.from === 'user') { __tpChat.message(V, 'visitor', textOf(m), {meta}); return; }
      if (m.type === 'event' || m.type === 'note') { __tpChat.message(V, 'system', textOf(m), {name, meta}); return; }
      const automated = m.automated === true || /^urn:/i.test(String(m.origin || ''));
      if (automated) {
        __tpChat.message(V, 'bot', textOf(m), {name, meta: Object.assign(meta, {bot: true,
          why: m.automated === true ? 'Crisp marks it as automated' : `sent by a plugin (${m.origin})`})});
      } else {
        __tpChat.message(V, 'agent', textOf(m), {name, meta});
      }
    },
  };

  const register = (target, push) => { for (const [event, fn] of Object.entries(on)) push.call(target, ['on', event, fn]); };
  // Put ours back after the page unbinds an event we listen to.
  const guard = (target, push) => function (...commands) {
    const result = push.apply(this, commands);
    for (const c of commands) {
      if (Array.isArray(c) && c[0] === 'off' && on[c[1]]) push.call(this, ['on', c[1], on[c[1]]]);
    }
    return result;
  };
  const scan = () => {
    const el = document.querySelector('.crisp-client');
    if (el) root = el;
    if (root && !root.isConnected && !closed) {
      closed = true;
      __tpChat.state(V, 'closed', 'the chatbox left the page');
    }
  };
  const watch = () => {
    if (watching) return;
    watching = true;
    new MutationObserver(scan).observe(document, {childList: true, subtree: true});
  };
  const hook = (c) => {
    watch();
    if (typeof c.push !== 'function') return;
    if (Array.isArray(c) && typeof c.is !== 'function') { // the snippet's queue
      if (c.__tpCrisp) return;
      c.__tpCrisp = true;
      const push = c.push;
      register(c, push);
      queued = true;
      try { c.push = guard(c, push); } catch (err) { __tpChat.errors.push(`crisp: ${err}`); }
      return;
    }
    if (live === c) return; // the chatbox's own $crisp: it runs the queue, ours included
    live = c;
    const push = c.push;
    if (!queued) register(c, push);
    try { c.push = guard(c, push); } catch (err) { __tpChat.errors.push(`crisp: ${err}`); }
  };

  return {
    signature: {globals: ['$crisp', 'CRISP_WEBSITE_ID'], scripts: [/client\.crisp\.chat\/l\.js/], frames: [/crisp/i],
      markers: ['.crisp-client', '#crisp-chatbox']},
    ready() {
      if (__tpChat.loaded.crisp) return true;
      return this.present() && !!document.querySelector('.crisp-client, #crisp-chatbox');
    },
    // $crisp.is("website:available") (a person is there), is("chat:hidden") / is("chat:visible")
    // (chat:hide was called), is("chat:opened"); each only once the chatbox has loaded.
    state() {
      const c = crisp();
      const is = (what) => { try { return c && typeof c.is === 'function' ? !!c.is(what) : undefined; } catch (err) { return undefined; } };
      const hidden = is('chat:hidden');
      const visible = is('chat:visible');
      const open = is('chat:opened');
      return {status: status(), hidden: hidden === undefined ? (visible === undefined ? null : !visible) : hidden, open: open === undefined ? null : open};
    },
    install() { __tpChat.trap('$crisp', hook); },
    present() {
      const c = crisp();
      return !!c && typeof c.is === 'function' && typeof c.push === 'function' && typeof c.get === 'function';
    },
    status,
    open() { crisp().push(['do', 'chat:open']); },
    send(text) {
      crisp().push(['do', 'message:send', ['text', text]]);
      return true;
    },
    ui: {frame: '', input: '.crisp-client textarea', button: ''},
  };
})());
