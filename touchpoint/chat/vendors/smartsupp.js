// Smartsupp, from its chat box JavaScript API:
//   https://docs.smartsupp.com/chat-box/javascript-api/  (events, methods; config via _smartsupp)
//   legacy: https://docs.smartsupp.com/chat-box/v1/javascript-api/events.html
// The page's snippet sets var _smartsupp = {key, ...} and a queueing stub
// (o=smartsupp=function(){o._.push(arguments)};o._=[]) before loader.js replaces it with the real
// smartsupp() and replays the queue. Commands: smartsupp('chat:open'), ('chat:close'),
// ('chat:send', text) ("send custom text in conversation"), ('chat:message', text) (pre-fill only),
// ('on', event, fn). Events: message (model, message) "when visitor, agent or trigger sends a
// message into the chat", with message.type 'visitor' | 'agent', message.triggeredBy set on
// automatic (trigger) messages, message.content; agent.join (model, agent {id, nickname, note});
// agent.leave (model, agent); status (status: 'online' | 'offline'); sent (message); startup;
// render; rendered; event (category, action, label).
// Triggers (automatic messages) are marked as bots. Smartsupp documents no chat-ended event: the
// chat counts as ended when the widget leaves the page (#smartsupp-widget-container /
// #chat-application-iframe). Sending uses chat:send and is confirmed by the visitor's message
// event; if that never comes (one version of the docs lists chat:send under the legacy API), it
// returns false and the question is typed into the widget popup (iframe#widgetPopupFrame).
__tpChat.register('smartsupp', (() => {
  const V = 'smartsupp';
  const isTop = window === window.top;
  const WIDGET = '#smartsupp-widget-container, #chat-application-iframe, #chat-application';
  let subscribed = false;
  let status = '';
  let ended = false;
  let widgetSeen = false;
  const agents = {};
  let lastAgent = '';
  const sentWaiters = [];

  const textOf = (content) => {
    if (content == null) return '';
    if (typeof content === 'string') return content;
    return String(content.text || (content.data && content.data.text) || content.body || '');
  };
  const get = (obj, key) => (obj && typeof obj.get === 'function' ? obj.get(key) : obj && obj[key]);
  const onMessage = (model, message) => {
    const type = String(get(message, 'type') || '').toLowerCase();
    const subType = String(get(message, 'subType') || '').toLowerCase();
    const text = textOf(get(message, 'content')).trim();
    if (!text) return;
    const trigger = get(message, 'triggeredBy');
    const agentId = get(message, 'agentId');
    const meta = {type, subType};
    if (type === 'visitor' || type === 'contact') {
      __tpChat.message(V, 'visitor', text, {meta});
      for (const w of sentWaiters.splice(0)) w(text);
    } else if (trigger || type === 'bot' || subType === 'bot' || type === 'trigger') {
      __tpChat.message(V, 'bot', text, {name: agents[agentId] || '', meta: Object.assign(meta, {bot: true, trigger: trigger || ''})});
    } else if (type === 'system' || subType === 'system') {
      __tpChat.message(V, 'system', text, {meta});
    } else {
      __tpChat.message(V, 'agent', text, {name: agents[agentId] || lastAgent, meta});
    }
  };
  const subscribe = () => {
    const s = window.smartsupp;
    if (subscribed || typeof s !== 'function') return;
    subscribed = true;
    const on = (name, fn) => { try { s('on', name, (...args) => { try { fn(...args); } catch (err) { __tpChat.errors.push(`smartsupp ${name}: ${err}`); } }); } catch (err) { __tpChat.errors.push(`smartsupp on ${name}: ${err}`); } };
    on('message', onMessage);
    on('status', (st) => { status = String(st || ''); __tpChat.state(V, status === 'online' ? 'online' : 'offline', status); });
    on('agent.join', (model, agent) => {
      const name = (agent && (agent.nickname || agent.name)) || '';
      if (agent && agent.id != null) agents[agent.id] = name;
      lastAgent = name || lastAgent;
      __tpChat.state(V, 'agent-joined', name);
    });
    on('startup', () => __tpChat.state(V, 'loaded'));
    if (isTop) {
      setInterval(() => {
        if (document.querySelector(WIDGET)) widgetSeen = true;
        else if (widgetSeen && !ended) { ended = true; __tpChat.state(V, 'closed', 'the chat box left the page'); }
      }, 250);
    }
  };
  return {
    signature: {globals: ['smartsupp', '_smartsupp'], scripts: [/smartsuppchat\.com\/loader\.js/, /smartsuppcdn\.com/], frames: [/widgetPopupFrame/, /chat-application-iframe/, /widgetButtonFrame/],
      markers: ['#smartsupp-widget-container', '#chat-application']},
    install() {
      // The snippet assigns the stub before it gives it its queue (o=smartsupp=function...;o._=[]),
      // so subscribe a moment later, through whatever smartsupp() is then (the queue is replayed by
      // the loader); a later replacement by the real function is not subscribed again.
      __tpChat.trap('smartsupp', () => { Promise.resolve().then(subscribe); });
    },
    present() { return typeof window.smartsupp === 'function' && !!document.querySelector(WIDGET); },
    status() { return status; },
    open() { window.smartsupp('chat:open'); __tpChat.state(V, 'open'); },
    send(text) {
      return new Promise((resolve) => {
        let done = false;
        const finish = (ok) => { if (!done) { done = true; resolve(ok); } };
        sentWaiters.push((shown) => { if (shown === String(text).trim()) finish(true); });
        setTimeout(() => finish(false), 4000);
        try { window.smartsupp('chat:send', text); } catch (err) { __tpChat.errors.push(`smartsupp chat:send: ${err}`); finish(false); }
      });
    },
    ui: {frame: 'iframe#widgetPopupFrame', input: 'textarea', button: ''},
  };
})());
