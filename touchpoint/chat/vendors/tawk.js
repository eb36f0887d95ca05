// Tawk.to, from its JavaScript API (https://developer.tawk.to/jsapi/): the page's Tawk_API
// object takes callbacks onLoad, onStatusChange(status), onChatMaximized, onChatStarted,
// onChatEnded, onAgentJoinChat(data{name,...}), onAgentLeaveChat, onChatMessageVisitor(message),
// onChatMessageAgent(message), onChatMessageSystem(message), onOfflineSubmit; and offers
// maximize(), getStatus() ("online" | "away" | "offline"), isChatMaximized(). There is no
// documented call to send a message: it is typed into the widget.
__tpChat.register('tawk', (() => {
  const V = 'tawk';
  let agent = '';
  const hook = (api) => {
    const on = (name, fn) => __tpChat.chain(api, name, fn);
    on('onLoad', () => __tpChat.state(V, 'loaded', api.getStatus ? api.getStatus() : ''));
    on('onStatusChange', (status) => __tpChat.state(V, status === 'online' ? 'online' : 'offline', status));
    on('onChatMaximized', () => __tpChat.state(V, 'open'));
    on('onChatHidden', () => __tpChat.state(V, 'hidden'));
    on('onChatEnded', () => __tpChat.state(V, 'closed', 'chat ended'));
    on('onAgentJoinChat', (data) => { agent = (data && data.name) || ''; __tpChat.state(V, 'agent-joined', agent); });
    on('onChatMessageAgent', (message) => __tpChat.message(V, 'agent', message, {name: agent}));
    on('onChatMessageSystem', (message) => __tpChat.message(V, 'system', message));
    on('onChatMessageVisitor', (message) => __tpChat.message(V, 'visitor', message));
    on('onOfflineSubmit', () => __tpChat.state(V, 'offline', 'offline form submitted'));
  };
  return {
    // The real widget draws its iframes (title "chat widget") in a div the loader adds to <body>.
    signature: {globals: ['Tawk_API', 'Tawk_LoadStart'], scripts: [/embed\.tawk\.to/], frames: [/tawk/i, /chat widget/i],
      markers: ['[id^="tawk" i]', '.widget-visible iframe']},
    install() { __tpChat.trap('Tawk_API', hook); },
    present() { return !!(window.Tawk_API && typeof window.Tawk_API.maximize === 'function'); },
    // Ready once onLoad fired ("invoked right after the widget is rendered"), or its API works and
    // its frames are drawn: a loader that crashed leaves the snippet's bare Tawk_API and no widget.
    ready() {
      const api = window.Tawk_API;
      if (__tpChat.loaded.tawk) return true;
      return !!(api && typeof api.maximize === 'function' && typeof api.getStatus === 'function' && __tpChat.parts(this).length);
    },
    state() {
      const api = window.Tawk_API || {};
      const call = (name) => { try { return typeof api[name] === 'function' ? api[name]() : undefined; } catch (err) { return undefined; } };
      const hidden = call('isChatHidden');
      const open = call('isChatMaximized');
      return {status: call('getStatus') || '', hidden: hidden === undefined ? null : !!hidden, open: open === undefined ? null : !!open};
    },
    status() { return window.Tawk_API.getStatus ? window.Tawk_API.getStatus() : ''; },
    open() { window.Tawk_API.maximize(); },
    send() { return false; },
    ui: {frame: 'iframe[title*="chat" i]', input: 'textarea', button: 'button[type=submit], .tawk-chatinput-send'},
  };
})());
