// A stand-in for Zendesk's snippet (static.zdassets.com/ekr/snippet.js) with the messaging Web
// Widget, reproducing its documented JavaScript API:
//   https://developer.zendesk.com/api-reference/widget-messaging/web/core/
//   https://developer.zendesk.com/api-reference/widget-messaging/web/events/
//   https://developer.zendesk.com/documentation/zendesk-web-widget-sdks/sdks/web/behavioral-customization/
// - the global zE(): zE('messenger', 'open' | 'close' | 'show' | 'hide'), zE('messenger',
//   'sendMessage', {content: {type: 'text', text}, metadata}, conversationId, cb(error, result)),
//   zE('messenger:on', event, cb) returning an unsubscribe function, zE('messenger:set',
//   'beforeMessageDisplay', fn(message, data)) (one delegate, the last set wins; returning null hides
//   the message), zE('messenger:set', 'locale' | 'zIndex' | 'cookies', ...), zE(callback).
// - events with the documented event objects {id, createdAt, type}: open (messagingOpened), close
//   (messagingClosed), unreadMessages (the count), conversationStarted, conversationWithAgentRequested,
//   conversationWithAgentAssigned, conversationServedByAgent ({conversationId, agentId}).
// - messages shaped as Sunshine Conversations messages: {id, received, author: {type: 'user' |
//   'business', subtypes: ['AI'] for the AI agent, ['activity'] for activity lines, displayName,
//   avatarUrl}, content: {type: 'text', text}, metadata}.
// - the widget as iframes titled as Zendesk's are: "Button to launch messaging window" (id launcher)
//   and "Messaging window", the latter with a textarea (Enter sends) and a send button.
// - the web classic API (zE('webWidget', ...)) is not there: it only warns, as with messaging on.
//
// Behaviour: the AI agent ("Zendesk AI") greets; when the visitor writes, the AI agent answers at once
// and asks for a person (conversationWithAgentRequested), then an agent is assigned and answers after
// `agent` s. An internal message (metadata.internal_only) is sent too; the page's own delegate hides it.
// Knobs (query string): greet, agent ("never"), status (online | offline), close, throw.
// Every message shown is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('zendesk: snippet failed to initialise');
  const status = q.get('status') || 'online';
  const uuid = () => (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2));
  const handlers = {};
  let delegate = null;
  let opened = false;
  let unread = 0;
  let conversationId = '';
  let started = false;

  const fire = (name, payload) => { for (const fn of (handlers[name] || []).slice()) { try { fn(payload); } catch (err) { console.error(err); } } };
  const event = (type, extra) => Object.assign({id: uuid(), createdAt: Date.now(), type}, extra || {});

  // the widget: a launcher iframe and the messaging window iframe
  const launcher = document.createElement('iframe');
  launcher.id = 'launcher';
  launcher.title = 'Button to launch messaging window';
  launcher.style.cssText = 'position:fixed;right:16px;bottom:16px;width:64px;height:64px;border:0;z-index:999999';
  const win = document.createElement('iframe');
  win.title = 'Messaging window';
  win.name = 'Messaging window';
  win.style.cssText = 'position:fixed;right:16px;bottom:90px;width:360px;height:480px;border:1px solid #ccc;background:#fff;display:none;z-index:999999';
  document.body.appendChild(launcher);
  document.body.appendChild(win);
  const ldoc = launcher.contentDocument;
  ldoc.open(); ldoc.write('<body style="margin:0"><button aria-label="Open messaging window" style="width:64px;height:64px;border-radius:32px">Chat</button></body>'); ldoc.close();
  ldoc.querySelector('button').addEventListener('click', () => api('messenger', 'open'));
  const doc = win.contentDocument;
  doc.open();
  doc.write('<body style="font:14px sans-serif;margin:0"><div role="log" aria-live="polite" id="log" style="height:390px;overflow:auto;padding:8px"></div>' +
    '<div style="display:flex"><textarea aria-label="Type a message" placeholder="Type a message" style="flex:1"></textarea>' +
    '<button type="button" aria-label="Send message">Send</button></div></body>');
  doc.close();

  const show = (message, truthAuthor) => {
    let shown = message;
    if (typeof delegate === 'function') shown = delegate(message, {conversationId});
    if (!shown) return false;
    const text = shown.content && shown.content.text;
    truth(truthAuthor, text);
    const p = doc.createElement('p');
    p.setAttribute('data-author-type', shown.author.type);
    p.textContent = `${shown.author.displayName || 'You'}: ${text}`;
    doc.getElementById('log').appendChild(p);
    if (shown.author.type === 'business' && !opened) { unread += 1; fire('unreadMessages', unread); }
    return true;
  };
  const business = (text, author, metadata) => ({id: uuid(), received: Date.now() / 1000,
    author: Object.assign({type: 'business', avatarUrl: ''}, author), content: {type: 'text', text}, metadata: metadata || {}});

  const visitorWrites = (text, metadata) => {
    if (!conversationId) conversationId = uuid();
    const message = {id: uuid(), received: Date.now() / 1000, author: {type: 'user', userId: 'u1'}, content: {type: 'text', text}, metadata: metadata || {}};
    if (metadata && metadata.internal_only) { show(message, 'visitor'); return message; }
    show(message, 'visitor');
    if (!started) { started = true; fire('conversationStarted', event('conversationStarted', {conversationId})); }
    else return message;
    // an internal workflow message from the AI agent, which the page's delegate hides
    setTimeout(() => show(business('workflow_triggered', {subtypes: ['AI'], displayName: 'Zendesk AI'}, {internal_only: true}), 'bot'), 50);
    setTimeout(() => {
      const t = status === 'online'
        ? "I'm Zendesk's AI agent. I'll pass you to a member of our team."
        : "I'm Zendesk's AI agent. Our team is away right now; we'll reply by email.";
      show(business(t, {subtypes: ['AI'], displayName: 'Zendesk AI'}), 'bot');
      if (status === 'online') fire('conversationWithAgentRequested', event('conversationWithAgentRequested', {conversationId}));
    }, 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => fire('conversationWithAgentAssigned', event('conversationWithAgentAssigned', {conversationId})), agent * 500);
      setTimeout(() => {
        show(business('Hi, this is Maria. A service is £89.', {displayName: 'Maria'}), 'agent');
        fire('conversationServedByAgent', event('conversationServedByAgent', {conversationId, agentId: 'agent-1'}));
      }, agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        show(business('This conversation has ended.', {subtypes: ['activity'], displayName: ''}), 'system');
        fire('close', event('messagingClosed'));
        launcher.remove(); win.remove();
      }, close * 1000);
    }
    return message;
  };
  const box = doc.querySelector('textarea');
  const submit = () => { const text = box.value.trim(); box.value = ''; if (text) visitorWrites(text); };
  box.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(); } });
  doc.querySelector('button').addEventListener('click', submit);

  const open = () => {
    if (opened) return;
    opened = true; win.style.display = 'block'; unread = 0;
    fire('open', event('messagingOpened'));
    const greet = num('greet', 0.3);
    if (greet !== null) {
      setTimeout(() => show(business('Hi there! How can we help today?', {subtypes: ['AI'], displayName: 'Zendesk AI'}), 'greeting'), greet * 1000);
    }
  };
  const close = () => { if (opened) { opened = false; win.style.display = 'none'; fire('close', event('messagingClosed')); } };

  function api(ns, cmd, ...args) {
    if (typeof ns === 'function') { setTimeout(ns, 0); return undefined; }
    if (ns === 'messenger') {
      if (cmd === 'open') open();
      else if (cmd === 'close') close();
      else if (cmd === 'show') launcher.style.display = 'block';
      else if (cmd === 'hide') { launcher.style.display = 'none'; win.style.display = 'none'; }
      else if (cmd === 'sendMessage') {
        const [message, , cb] = args;
        const text = message && message.content && message.content.text;
        if (typeof text !== 'string' || !text) { if (typeof cb === 'function') cb(new Error('invalid message')); return undefined; }
        const sent = visitorWrites(text, message.metadata);
        if (typeof cb === 'function') cb(null, {id: sent.id});
      }
      return undefined;
    }
    if (ns === 'messenger:on') {
      const fn = args[0];
      (handlers[cmd] = handlers[cmd] || []).push(fn);
      return () => { handlers[cmd] = (handlers[cmd] || []).filter((h) => h !== fn); };
    }
    if (ns === 'messenger:set') { if (cmd === 'beforeMessageDisplay') delegate = args[0]; return undefined; }
    if (ns === 'messenger:get') return undefined;
    if (typeof ns === 'string' && ns.startsWith('webWidget')) { console.warn(`zE('${ns}', '${cmd}') is a Web Widget (Classic) command; this account uses messaging`); return undefined; }
    console.warn(`zE: unknown command ${ns} ${cmd}`);
    return undefined;
  }
  window.zE = api;
})();
