// A stand-in for Tawk.to's embed script, reproducing its documented JavaScript API surface
// (https://developer.tawk.to/jsapi/): the Tawk_API object the page's snippet creates gets
// maximize(), getStatus(), isChatMaximized(); the page's callbacks are called as Tawk.to calls
// them: onLoad, onStatusChange, onChatMaximized, onChatStarted, onAgentJoinChat({name, position,
// image, id}), onChatMessageSystem(message), onChatMessageAgent(message),
// onChatMessageVisitor(message), onChatEnded. The widget is an iframe (title "chat widget") with
// a textarea and a send button, as Tawk's is.
//
// Knobs (query string): greet (s before the system greeting), agent (s after the visitor writes
// until the agent answers; "never" for silence), status (online | offline), close (s after the
// visitor writes until the chat ends), throw (1: the widget throws while loading).
// Every message the page sends is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const api = window.Tawk_API = window.Tawk_API || {};
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('tawk: widget failed to initialise');
  const status = q.get('status') || 'online';
  let maximized = false;
  const frame = document.createElement('iframe');
  frame.title = 'chat widget';
  frame.id = 'tawk-chat-iframe';
  frame.style.cssText = 'position:fixed;right:16px;bottom:16px;width:340px;height:420px;border:1px solid #ccc;display:none;background:#fff';
  document.body.appendChild(frame);
  // The minimised widget: tawk's bubble, an iframe of its own with the same title, shown until maximised.
  const bubble = document.createElement('iframe');
  bubble.title = 'chat widget';
  bubble.style.cssText = 'position:fixed;right:16px;bottom:16px;width:64px;height:64px;border:0;border-radius:32px;background:#03a84e';
  document.body.appendChild(bubble);
  const doc = frame.contentDocument;
  doc.open();
  doc.write('<body style="font:14px sans-serif;margin:0"><div id="log" style="height:330px;overflow:auto;padding:8px"></div>' +
    '<form id="f"><textarea style="width:70%"></textarea><button type="submit">Send</button></form></body>');
  doc.close();
  const log = (who, text) => { const p = doc.createElement('p'); p.textContent = `${who}: ${text}`; doc.getElementById('log').appendChild(p); };
  const call = (name, arg) => { if (typeof api[name] === 'function') api[name](arg); };
  api.getStatus = () => status;
  api.isChatMaximized = () => maximized;
  api.maximize = () => {
    maximized = true; frame.style.display = 'block'; bubble.style.display = 'none'; call('onChatMaximized');
    const greet = num('greet', 0.3);
    if (greet !== null) setTimeout(() => { const t = 'Welcome to Tawk! How can we help?'; truth('greeting', t); log('System', t); call('onChatMessageSystem', t); }, greet * 1000);
  };
  doc.getElementById('f').addEventListener('submit', (e) => {
    e.preventDefault();
    const box = doc.querySelector('textarea');
    const text = box.value; box.value = '';
    truth('visitor', text); log('You', text); call('onChatStarted'); call('onChatMessageVisitor', text);
    setTimeout(() => { const t = 'Thanks! We have received your message.'; truth('system', t); log('System', t); call('onChatMessageSystem', t); }, 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => { call('onAgentJoinChat', {name: 'Maria', position: 'Support', image: '', id: 'a1'}); }, agent * 500);
      setTimeout(() => { const t = 'Hi, this is Maria. A service is £89.'; truth('agent', t); log('Maria', t); call('onChatMessageAgent', t); }, agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) setTimeout(() => { call('onChatEnded'); frame.remove(); }, close * 1000);
  });
  setTimeout(() => { call('onLoad'); call('onStatusChange', status); }, 50);
})();
