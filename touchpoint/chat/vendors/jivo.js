// Jivo (jivo.ru, jivochat.com, formerly jivosite), from its Widget API:
//   https://www.jivo.ru/docs/widget/   (English: https://www.jivochat.com/docs/widget/)
// Jivo calls global functions the page declares, by name, when something happens: jivo_onLoadCallback,
// jivo_onOpen, jivo_onClose, jivo_onChangeState(state), jivo_onMessageSent (the visitor's first message,
// only when there is no history), jivo_onClientStartChat, jivo_onAccept (an operator accepted the chat, or
// started one himself), jivo_onMessageReceived (a new message from the operator), jivo_onWidgetDestroy;
// jivo_api offers open({start}), close(), chatMode() ("online" | "offline"), getUnreadMessagesCount().
//
// What the docs leave open, and what this adapter does about it:
// - jivo_onMessageReceived is documented without arguments, so the text and the sender's name are read
//   from the widget, which Jivo draws in the page itself in <jdiv> elements (best effort: the markup is
//   not documented); if Jivo passes an object or a string with the text, that is used instead.
// - a message from the operator's side before any jivo_onAccept (the welcome line or a proactive
//   invitation, which Jivo shows under an operator's name, or a chatbot) is automatic: author "bot" with
//   meta.auto; once jivo_onAccept has fired, a person has the chat and messages are "agent".
// - no callback says that a chat ended: jivo_onWidgetDestroy (the widget removed, as jivo_destroy() does)
//   is reported as "closed".
// - no call to send a message is documented (jivo_api.sendMessage is not in the docs; old pages used it
//   for the offline form), so the question is typed into the widget's text box and sent with Enter.
// - the docs declare the callbacks as `function jivo_onX() {}`; such a top-level declaration replaces the
//   accessor __tpChat.chain put on window, so the wrappers are put back by assignment whenever they are
//   found replaced (when jivo_api appears, on DOMContentLoaded and load, when the session polls, and twice
//   a second while Jivo is on the page).
__tpChat.register('jivo', (() => {
  const V = 'jivo';
  let accepted = false;
  let lastText = '';
  let ticking = false;
  const clean = (s) => String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
  const api = () => window.jivo_api;
  const chatMode = () => { try { return api() && api().chatMode ? String(api().chatMode() || '') : ''; } catch (err) { return ''; } };

  // The newest message the widget shows from one side ("operator" or "client"), best effort.
  const lastShown = (side) => {
    const items = document.querySelectorAll('jdiv[class*="message" i]');
    for (let i = items.length - 1; i >= 0; i--) {
      const el = items[i];
      const client = /client|visitor|user/i.test(el.className);
      if ((side === 'client') !== client) continue;
      const textEl = el.querySelector('[class*="text" i]') || el;
      const nameEl = el.querySelector('[class*="name" i]');
      return {text: clean(textEl.textContent), name: nameEl ? clean(nameEl.textContent) : ''};
    }
    return {text: '', name: ''};
  };
  // Read the widget until it shows a new message (Jivo may draw it just after the callback), at most 1 s.
  const settle = (side, done, tries = 0) => {
    const seen = lastShown(side);
    if ((seen.text && seen.text !== lastText) || tries >= 10) { done(seen); return; }
    setTimeout(() => settle(side, done, tries + 1), 100);
  };
  const textOf = (arg) => {
    if (typeof arg === 'string') return clean(arg);
    if (arg && typeof arg === 'object') return clean(arg.text || arg.message || arg.body || '');
    return '';
  };

  const on = {
    jivo_onLoadCallback: () => {
      const mode = chatMode();
      __tpChat.state(V, 'loaded', mode);
      if (mode) __tpChat.state(V, mode === 'online' ? 'online' : 'offline', mode);
    },
    jivo_onOpen: () => __tpChat.state(V, 'open'),
    jivo_onAccept: () => {
      accepted = true;
      __tpChat.state(V, 'agent-joined', 'jivo_onAccept');
    },
    jivo_onMessageReceived: (arg) => {
      const at = Date.now();
      const person = accepted;
      const given = textOf(arg);
      settle('operator', (seen) => {
        const text = given || seen.text;
        lastText = text;
        const name = clean(arg && typeof arg === 'object' ? (arg.name || arg.agent_name || '') : '') || seen.name;
        __tpChat.message(V, person ? 'agent' : 'bot', text, {name, at,
          meta: person ? {} : {bot: true, auto: true, why: 'no operator had accepted the chat (jivo_onAccept)'}});
      });
    },
    jivo_onMessageSent: (arg) => {
      const at = Date.now();
      const given = textOf(arg);
      if (given) { __tpChat.message(V, 'visitor', given, {at}); return; }
      setTimeout(() => __tpChat.message(V, 'visitor', lastShown('client').text, {at}), 50);
    },
    jivo_onWidgetDestroy: () => __tpChat.state(V, 'closed', 'the widget was removed (jivo_onWidgetDestroy)'),
  };

  const wrapped = new WeakSet();
  const ensure = () => {
    for (const [name, ours] of Object.entries(on)) {
      const d = Object.getOwnPropertyDescriptor(window, name);
      if (d && d.get) continue; // the accessor from __tpChat.chain is still in place
      const theirs = window[name];
      if (typeof theirs === 'function' && wrapped.has(theirs)) continue;
      const wrapper = function (...args) {
        try { ours(...args); } catch (err) { __tpChat.errors.push(`${name}: ${err}`); }
        if (typeof theirs === 'function') return theirs.apply(this, args);
        return undefined;
      };
      wrapped.add(wrapper);
      try { window[name] = wrapper; } catch (err) { __tpChat.errors.push(`${name}: ${err}`); }
    }
  };
  const tick = () => {
    ensure();
    if (!ticking) { ticking = true; setInterval(ensure, 500); }
  };

  return {
    // Jivo draws its widget in the page itself, in <jdiv> elements under #jcont / jivo-iframe-container.
    signature: {globals: ['jivo_api', 'jivo_config'], scripts: [/code\.jivo(site)?\.(ru|com)\/widget/, /code\.jivochat\.com/], frames: [/jivo/i],
      markers: ['jdiv', '#jivo-iframe-container', '#jcont', '[class*="__jivo" i]']},
    ready() {
      if (__tpChat.loaded.jivo) { tick(); return true; }
      return this.present() && !!document.querySelector('jdiv, #jcont');
    },
    state() {
      const mode = chatMode();
      return {status: mode === 'online' ? 'online' : mode ? 'offline' : ''};
    },
    install() {
      for (const [name, ours] of Object.entries(on)) __tpChat.chain(window, name, ours);
      __tpChat.trap('jivo_api', tick);
      document.addEventListener('DOMContentLoaded', ensure);
      window.addEventListener('load', ensure);
    },
    present() {
      const a = api();
      if (!(a && typeof a.open === 'function' && typeof a.chatMode === 'function')) return false;
      tick();
      return true;
    },
    status() {
      ensure();
      const mode = chatMode();
      return mode === 'online' ? 'online' : mode ? 'offline' : '';
    },
    open() { ensure(); return api().open({start: 'chat'}); },
    send() { return false; },
    ui: {frame: '', input: 'jdiv textarea', button: ''},
  };
})());
