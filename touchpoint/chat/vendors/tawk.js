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
    on('onChatEnded', () => __tpChat.state(V, 'closed', 'chat ended'));
    on('onAgentJoinChat', (data) => { agent = (data && data.name) || ''; __tpChat.state(V, 'agent-joined', agent); });
    on('onChatMessageAgent', (message) => __tpChat.message(V, 'agent', message, {name: agent}));
    on('onChatMessageSystem', (message) => __tpChat.message(V, 'system', message));
    on('onChatMessageVisitor', (message) => __tpChat.message(V, 'visitor', message));
    on('onOfflineSubmit', () => __tpChat.state(V, 'offline', 'offline form submitted'));
  };
  return {
    signature: {globals: ['Tawk_API'], scripts: [/embed\.tawk\.to/], frames: [/tawk/i]},
    install() { __tpChat.trap('Tawk_API', hook); },
    present() { return !!(window.Tawk_API && typeof window.Tawk_API.maximize === 'function'); },
    status() { return window.Tawk_API.getStatus ? window.Tawk_API.getStatus() : ''; },
    open() { window.Tawk_API.maximize(); },
    send() { return false; },
    ui: {frame: 'iframe[title*="chat" i]', input: 'textarea', button: 'button[type=submit], .tawk-chatinput-send'},
  };
})());
