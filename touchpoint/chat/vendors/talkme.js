// Talk-Me (talk-me.ru; the same widget as Verbox / "Онлайн-чат"). Its JavaScript API reference
// (talk-me.ru/kb/api/widget/..., "Интеграция и API - Javascript API" in the cabinet) could not be
// read from here, so this adapter follows what public material shows of it:
//   - the embed snippet: window.supportAPIMethod = 'TalkMe'; window.TalkMe = a stub queueing its
//     calls in TalkMe.q until lcab.talk-me.ru/support/support.js?h=<id> loads; window.TalkMeSetup
//     {language, clientId, domain} set before it;
//   - calls seen in sites' code: TalkMe('openSupport'), TalkMe('closeSupport'), TalkMe('sendMessage',
//     text), TalkMe('setClientInfo', {...}), TalkMe('openTab', n), TalkMe('hideTrigger'), and
//     TalkMe('setCallback', name, fn) with the names openSupport, closeSupport, clientSendMessage,
//     contactsUpdated; the vendor's own mobile SDK (OnlineChatSdk, which wraps the same web widget)
//     lists the widget's events operatorSendMessage ("an operator sent the visitor a message"),
//     clientSendMessage, clientMakeSubscribe, contactsUpdated, sendRate, clientId, closeSupport and
//     the methods setClientInfo, setTarget, openReviewsTab, openTab, sendMessage ("a message on the
//     client's behalf"), receiveMessage, setOperator, getContacts;
//   - markers: div.online-chat-root-TalkMe, button #supportTrigger, window.TalkMeIsInitialized.
// The shape of operatorSendMessage's data is not public: the adapter reads the fields of Talk-Me's
// REST message (text, whoSend operator/bot, messageType such as autoMessage, operator {login, name})
// and tolerates others. A setCallback probably keeps one function a name, so the adapter
// registers one dispatcher a name and routes the page's own setCallback calls through it (a Proxy
// on the TalkMe function): the page's callbacks keep working and so do the adapter's.
__tpChat.register('talkme', (() => {
  const V = 'talkme';
  const NAME = 'TalkMe';
  let value;
  const proxies = new WeakMap();
  const dispatched = new Set();
  const pageFns = {};
  const str = (x) => (x == null ? '' : String(x));
  const textOf = (d) => {
    if (typeof d === 'string') return d;
    if (!d || typeof d !== 'object') return '';
    const m = d.message && typeof d.message === 'object' ? d.message : d;
    return str(m.text != null ? m.text : (typeof m.message === 'string' ? m.message : (m.content && m.content.text) || m.body || ''));
  };
  const operatorMessage = (d) => {
    const m = (d && typeof d === 'object' && d.message && typeof d.message === 'object') ? d.message : (d || {});
    const op = (m.operator && typeof m.operator === 'object') ? m.operator : {};
    const name = str(op.name || m.operatorName || m.name || op.login || m.login);
    const who = str(m.whoSend || m.sender || m.senderType || m.from);
    const kind = str(m.messageType || m.type);
    const meta = {whoSend: who, messageType: kind};
    if (/bot/i.test(who) || /bot/i.test(kind) || m.isBot === true) {
      __tpChat.message(V, 'bot', textOf(m), {name, meta: Object.assign(meta, {bot: true})});
    } else if (/auto/i.test(kind)) {
      // an auto message is sent on an operator's behalf, by a rule: not a person writing
      __tpChat.message(V, 'bot', textOf(m), {name, meta: Object.assign(meta, {bot: true, auto: true})});
    } else if (/system|service|notice|info/i.test(kind) || /system/i.test(who)) {
      __tpChat.message(V, 'system', textOf(m), {meta});
    } else {
      __tpChat.message(V, 'agent', textOf(m), {name, meta});
    }
  };
  const ours = {
    openSupport: () => __tpChat.state(V, 'open'),
    closeSupport: () => __tpChat.state(V, 'closed', 'chat window closed'),
    clientSendMessage: (d) => __tpChat.message(V, 'visitor', textOf(d)),
    operatorSendMessage: operatorMessage,
    clientId: () => __tpChat.state(V, 'loaded', 'clientId'),
  };
  const dispatcher = (name) => (...args) => {
    if (ours[name]) { try { ours[name](...args); } catch (err) { __tpChat.errors.push(`${V} ${name}: ${err}`); } }
    for (const fn of pageFns[name] || []) fn(...args);
  };
  const ensure = (name) => {
    if (dispatched.has(name) || typeof value !== 'function') return;
    dispatched.add(name);
    try { value('setCallback', name, dispatcher(name)); } catch (err) { __tpChat.errors.push(`${V} setCallback ${name}: ${err}`); }
  };
  const wrap = (fn) => {
    if (typeof fn !== 'function') return fn;
    if (!proxies.has(fn)) {
      proxies.set(fn, new Proxy(fn, {
        apply(target, thisArg, args) {
          if (args[0] === 'setCallback' && typeof args[1] === 'string' && typeof args[2] === 'function') {
            (pageFns[args[1]] = pageFns[args[1]] || []).push(args[2]);
            ensure(args[1]);
            return undefined;
          }
          return Reflect.apply(target, thisArg, args);
        },
      }));
    }
    return proxies.get(fn);
  };
  const api = () => window[typeof window.supportAPIMethod === 'string' && window.supportAPIMethod ? window.supportAPIMethod : NAME];
  return {
    signature: {globals: ['TalkMe', 'TalkMeSetup', 'TalkMeIsInitialized'], scripts: [/lcab\.talk-me\.ru\/support/, /site-chat\.me\/support/], frames: [/talk-me/i]},
    install() {
      // Like __tpChat.trap, but the getter hands out the Proxy so the page's setCallback calls pass
      // through the adapter's dispatchers (through the snippet's stub, they queue until support.js).
      value = window[NAME];
      try {
        Object.defineProperty(window, NAME, {configurable: true, enumerable: true,
          get() { return wrap(value); },
          set(v) { value = v; Object.keys(ours).forEach(ensure); }});
      } catch (err) { __tpChat.errors.push(`${V} trap: ${err}`); }
      if (typeof value === 'function') Object.keys(ours).forEach(ensure);
    },
    present() {
      return typeof api() === 'function' && (window.TalkMeIsInitialized === true || !!document.querySelector('.online-chat-root-TalkMe #supportTrigger'));
    },
    status() { return ''; },
    open() { api()('openSupport'); },
    send(text) { api()('sendMessage', text); return true; },
    ui: {frame: '', input: '.online-chat-root-TalkMe textarea', button: '.online-chat-root-TalkMe button[type=submit]'},
  };
})());
