// A stand-in for LiveChat's tracking.js (https://cdn.livechatinc.com/tracking.js), following LiveChat's
// Chat Widget JS API docs (https://platform.text.com/docs/extending-chat-widget/javascript-api, and the
// types in github.com/livechat/chat-widget-adapters, packages/widget-core/src/types.ts):
// - it takes over the LiveChatWidget object the page's snippet made: sets its _h handler, which the
//   snippet's on / once / off / get / call forward to as _h(method, args), and runs the calls queued in
//   _q before it loaded; window.__lc.license is read as the license;
// - getters: get('state') -> {availability: 'online' | 'offline', visibility: 'maximized' | 'minimized' |
//   'hidden'}, get('customer_data') -> {id, name, email, isReturning, status, sessionVariables},
//   get('chat_data') -> {chatId, threadId};
// - methods: call('maximize' [, {messageDraft}]), 'minimize', 'hide', 'destroy', 'hide_greeting',
//   'set_customer_name', 'set_customer_email', 'set_session_variables', 'update_session_variables',
//   'trigger_sales_tracker';
// - callbacks with the documented payloads: ready {state, customerData} (at once for late subscribers),
//   availability_changed {availability}, visibility_changed {visibility}, customer_status_changed
//   {status}, new_event {timestamp, type, author: {id, type: 'customer' | 'agent'}, greeting?: {id,
//   uniqueId}} (no text: the docs give none), greeting_displayed / greeting_hidden {id, uniqueId};
// - the widget is a container div#chat-widget-container holding iframe#chat-widget (name "chat-widget",
//   title "LiveChat chat widget") and a minimized iframe#chat-widget-minimized, as LiveChat's; inside the
//   chat window a textarea sends on Enter.
// The greeting is a LiveChat greeting: a new_event from the agent's identity with `greeting` set, and the
// customer status "invited". After the visitor writes, the chat starts (status "chatting") and a system
// line appears in the window only (system messages are not new_event types). close=N ends the chat as an
// agent closing it does: a system line, customer status back to "browsing", and the widget hides.
//
// Knobs (query string): greet (s after maximizing until the greeting), agent (s after the visitor writes
// until the agent answers; "never"), status (online | offline), close (s after the visitor writes until
// the chat ends), throw (1: the script throws while loading).
// Every message shown is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('LiveChat: tracking.js failed to initialise');
  const lc = window.LiveChatWidget;
  if (!lc || !Array.isArray(lc._q)) throw new Error('LiveChat: the tracking code snippet is missing');
  const license = String((window.__lc || {}).license || '');

  const state = {availability: q.get('status') === 'offline' ? 'offline' : 'online', visibility: 'minimized'};
  const customer = {id: 'c0ffee42-customer', name: '', email: '', isReturning: false, status: 'browsing', sessionVariables: {}};
  const chat = {chatId: '', threadId: ''};
  const agent = {id: 'maria@shop.example', name: 'Maria'};
  const handlers = {};
  let loaded = false;
  const emit = (name, data) => {
    for (const h of (handlers[name] || []).slice()) {
      if (h.once) handlers[name] = handlers[name].filter((x) => x !== h);
      try { h.fn(data); } catch (err) { setTimeout(() => { throw err; }); }
    }
  };
  const setStatus = (status) => { if (customer.status !== status) { customer.status = status; emit('customer_status_changed', {status}); } };

  // The widget: a container with the minimized button and the chat window, each an iframe.
  const container = document.createElement('div');
  container.id = 'chat-widget-container';
  container.style.cssText = 'position:fixed;right:16px;bottom:16px;z-index:2147483639';
  const mini = document.createElement('iframe');
  mini.id = 'chat-widget-minimized'; mini.name = 'chat-widget-minimized'; mini.title = 'LiveChat chat widget';
  mini.style.cssText = 'width:220px;height:44px;border:0;display:block';
  const win = document.createElement('iframe');
  win.id = 'chat-widget'; win.name = 'chat-widget'; win.title = 'LiveChat chat widget';
  win.style.cssText = 'width:360px;height:460px;border:1px solid #ccc;background:#fff;display:none';
  container.append(mini, win);
  document.body.appendChild(container);
  const write = (frame, html) => { const d = frame.contentDocument; d.open(); d.write(html); d.close(); return d; };
  const miniDoc = write(mini, '<body style="margin:0;font:14px sans-serif"><button id="open" style="width:100%;height:44px">Chat now</button></body>');
  const doc = write(win, '<body style="margin:0;font:14px sans-serif"><div id="log" role="log" style="height:380px;overflow:auto;padding:8px"></div>' +
    '<textarea id="chat-widget-input" aria-label="Write a message…" placeholder="Write a message…" style="width:95%"></textarea></body>');
  const log = doc.getElementById('log');
  const box = doc.querySelector('textarea');
  const show = (who, name, text) => {
    const m = doc.createElement('div');
    m.className = `lc-message lc-message--${who}`;
    m.setAttribute('data-author-type', who);
    if (name) { const n = doc.createElement('div'); n.className = 'lc-message-name'; n.textContent = name; m.appendChild(n); }
    const t = doc.createElement('div'); t.className = 'lc-message-text'; t.textContent = text; m.appendChild(t);
    log.appendChild(m);
  };

  const setVisibility = (visibility) => {
    if (state.visibility === visibility) return;
    state.visibility = visibility;
    win.style.display = visibility === 'maximized' ? 'block' : 'none';
    mini.style.display = visibility === 'minimized' ? 'block' : 'none';
    emit('visibility_changed', {visibility});
  };
  let greeted = false;
  const calls = {
    maximize(opts) {
      setVisibility('maximized');
      if (opts && opts.messageDraft && !box.value) box.value = String(opts.messageDraft);
      const greet = num('greet', 0.3);
      if (greeted || greet === null) return;
      greeted = true;
      setTimeout(() => {
        const greeting = {id: 12, uniqueId: 'gr-7f3a9c'};
        const t = 'Hi! Looking for a service? Ask us anything.';
        truth('greeting', t);
        show('agent', agent.name, t);
        setStatus('invited');
        emit('new_event', {timestamp: Date.now(), type: 'message', author: {id: agent.id, type: 'agent'}, greeting});
        emit('greeting_displayed', greeting);
      }, greet * 1000);
    },
    minimize() { setVisibility('minimized'); },
    hide() { setVisibility('hidden'); },
    destroy() { container.remove(); },
    hide_greeting() {},
    set_customer_name(name) { customer.name = String(name); },
    set_customer_email(email) { customer.email = String(email); },
    set_session_variables(vars) { customer.sessionVariables = Object.assign({}, vars); },
    update_session_variables(vars) { Object.assign(customer.sessionVariables, vars); },
    trigger_sales_tracker() {},
  };
  const getters = {
    state: () => Object.assign({}, state),
    customer_data: () => Object.assign({}, customer, {sessionVariables: Object.assign({}, customer.sessionVariables)}),
    chat_data: () => Object.assign({}, chat),
  };

  // The snippet forwards every call as _h(method, args).
  const handle = (method, args) => {
    const [name, arg] = args || [];
    switch (method) {
      case 'on':
      case 'once':
        (handlers[name] = handlers[name] || []).push({fn: arg, once: method === 'once'});
        if (name === 'ready' && loaded) emit('ready', {state: getters.state(), customerData: getters.customer_data()});
        return undefined;
      case 'off':
        handlers[name] = (handlers[name] || []).filter((h) => h.fn !== arg);
        return undefined;
      case 'get':
        if (!getters[name]) throw new Error(`[LiveChatWidget] Unknown getter: ${name}`);
        return getters[name]();
      case 'call':
        if (!calls[name]) throw new Error(`[LiveChatWidget] Unknown method: ${name}`);
        return calls[name](arg);
      default:
        return undefined;
    }
  };

  miniDoc.getElementById('open').addEventListener('click', () => calls.maximize());
  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    e.preventDefault();
    const text = box.value.trim();
    box.value = '';
    if (!text) return;
    if (!chat.chatId) { chat.chatId = 'RX7Q2'; chat.threadId = 'RX7Q3'; }
    truth('visitor', text);
    show('customer', '', text);
    emit('new_event', {timestamp: Date.now(), type: 'message', author: {id: customer.id, type: 'customer'}});
    if (state.availability === 'online') setStatus('chatting');
    setTimeout(() => {
      const t = state.availability === 'online' ? 'Thank you! An agent will be with you in a moment.' : 'Our agents are not available right now. We will reply by email.';
      truth('system', t);
      show('system', '', t);
    }, 200);
    const after = num('agent', 3);
    if (state.availability === 'online' && after !== null) {
      setTimeout(() => {
        if (!container.isConnected || customer.status !== 'chatting') return;
        const t = 'Hi, Maria here. A service is £89.';
        truth('agent', t);
        show('agent', agent.name, t);
        emit('new_event', {timestamp: Date.now(), type: 'message', author: {id: agent.id, type: 'agent'}});
      }, after * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        show('system', '', `${agent.name} closed the chat.`);
        setStatus('browsing');
        calls.hide();
      }, close * 1000);
    }
  });

  // Loaded: take over the snippet's object, run what was queued, say ready.
  setTimeout(() => {
    lc._h = handle;
    const queued = lc._q.splice(0);
    for (const n of queued) { try { handle(n[0], n[1]); } catch (err) { setTimeout(() => { throw err; }); } }
    loaded = true;
    mini.setAttribute('data-license', license);
    emit('ready', {state: getters.state(), customerData: getters.customer_data()});
  }, 50);
})();
