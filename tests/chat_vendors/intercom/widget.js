// A stand-in for Intercom's widget script (https://widget.intercom.io/widget/<app_id>), following
// Intercom's JavaScript API and installation docs
// (https://developers.intercom.com/installing-intercom/web/methods,
//  https://developers.intercom.com/installing-intercom/web/installation):
// - it replaces the snippet's stub window.Intercom with the real command function, runs the commands the
//   stub queued in Intercom.q, boots with window.intercomSettings (app_id) and sets Intercom.booted;
// - commands: boot, update, shutdown, show, hide, showMessages, showSpace, showNewMessage(content),
//   getVisitorId, trackEvent, reattach_activator, and the listeners onShow(fn), onHide(fn),
//   onUnreadCountChange(fn(unreadCount)), onUserEmailSupplied(fn), ready(fn). As documented, no listener
//   carries a message, nothing reports the team's availability and no command sends a message;
// - the Messenger is drawn as Intercom's is: div#intercom-container.intercom-namespace holding
//   iframe.intercom-launcher-frame (name "intercom-launcher-frame") and iframe[name="intercom-messenger-frame"]
//   (title "Intercom live chat"), plus the hidden iframe#intercom-frame; inside the Messenger the
//   conversation parts use Intercom's classes (.intercom-conversation-part, -user / -admin,
//   .intercom-comment, .intercom-block-paragraph, .intercom-conversation-part-metadata whose text starts
//   "Bot · " for a bot's part, as Intercom's Messenger writes it) and the composer is
//   textarea[name="message"] with button.intercom-composer-send-button; Enter sends.
// Fin, Intercom's AI agent, greets a new conversation and answers right after the visitor writes; then a
// teammate ("Maria") replies after `agent` seconds. Intercom documents no "conversation ended" event:
// close=N shuts the Messenger down as Intercom('shutdown') does (it leaves the page; onHide listeners run).
//
// Knobs (query string): greet (s after the Messenger opens until Fin's greeting), agent (s after the
// visitor writes until the teammate answers; "never"), status (online | offline: the team is away and
// nobody answers), close (s after the visitor writes until the Messenger shuts down), throw (1: the
// script throws while loading).
// Every message shown is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('Intercom: the Messenger failed to load');
  const online = q.get('status') !== 'offline';
  const stub = window.Intercom;
  const queued = stub && Array.isArray(stub.q) ? stub.q.slice() : [];
  const settings = Object.assign({}, window.intercomSettings || {});
  const listeners = {onShow: [], onHide: [], onUnreadCountChange: [], onUserEmailSupplied: [], ready: []};
  const fire = (kind, ...args) => {
    for (const fn of listeners[kind].slice()) { try { fn(...args); } catch (err) { setTimeout(() => { throw err; }); } }
  };
  const visitorId = 'a1b2c3d4-visitor';
  let container = null;
  let messenger = null;
  let doc = null;
  let shown = false;
  let unread = 0;
  let greeted = false;
  let wrote = false;

  const part = (kind, name, text, bot) => {
    const p = doc.createElement('div');
    p.className = `intercom-conversation-part intercom-conversation-part-${kind}`;
    const c = doc.createElement('div');
    c.className = `intercom-comment-container intercom-comment-container-${kind}`;
    if (kind === 'admin') {
      const av = doc.createElement('div');
      av.className = 'intercom-comment-container-admin-avatar';
      const img = doc.createElement('img');
      img.className = 'intercom-admin-avatar';
      img.alt = name;
      av.appendChild(img);
      c.appendChild(av);
    }
    const comment = doc.createElement('div');
    comment.className = 'intercom-comment';
    comment.innerHTML = '<div class="intercom-blocks"><div class="intercom-block intercom-block-paragraph"></div></div>';
    comment.querySelector('.intercom-block-paragraph').textContent = text;
    c.appendChild(comment);
    p.appendChild(c);
    const meta = doc.createElement('div');
    meta.className = 'intercom-conversation-part-metadata';
    meta.innerHTML = '<span class="intercom-conversation-part-metadata-save-state"></span>';
    meta.firstChild.textContent = kind === 'user' ? 'Just now. Not seen yet' : `${bot ? 'Bot · ' : ''}Just now.`;
    p.appendChild(meta);
    doc.querySelector('.intercom-conversation-parts').appendChild(p);
  };
  const fromTeam = (truthAuthor, name, text, bot) => {
    if (!doc) return;
    truth(truthAuthor, text);
    part('admin', name, text, bot);
    if (!shown) { unread += 1; fire('onUnreadCountChange', unread); }
  };

  const boot = (opts) => {
    Object.assign(settings, opts || {});
    if (Intercom.booted) return;
    container = document.createElement('div');
    container.id = 'intercom-container';
    container.className = 'intercom-namespace';
    container.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483000';
    const launcher = document.createElement('iframe');
    launcher.className = 'intercom-launcher-frame';
    launcher.name = 'intercom-launcher-frame';
    launcher.title = 'Intercom live chat';
    launcher.style.cssText = 'width:60px;height:60px;border:0;display:block';
    messenger = document.createElement('iframe');
    messenger.name = 'intercom-messenger-frame';
    messenger.title = 'Intercom live chat';
    messenger.style.cssText = 'width:370px;height:520px;border:1px solid #ddd;background:#fff;display:none';
    container.append(messenger, launcher);
    document.body.appendChild(container);
    const hidden = document.createElement('iframe');
    hidden.id = 'intercom-frame';
    hidden.title = 'Intercom';
    hidden.setAttribute('aria-hidden', 'true');
    hidden.tabIndex = -1;
    hidden.style.cssText = 'position:absolute;width:1px;height:1px;top:-100px;border:0';
    document.body.appendChild(hidden);
    const ld = launcher.contentDocument;
    ld.open(); ld.write('<body style="margin:0"><div class="intercom-launcher" role="button" aria-label="Open Intercom Messenger" style="width:60px;height:60px;border-radius:50%;background:#1f8ceb"></div></body>'); ld.close();
    ld.querySelector('.intercom-launcher').addEventListener('click', () => show());
    doc = messenger.contentDocument;
    doc.open();
    doc.write('<body style="margin:0;font:14px sans-serif"><div class="intercom-messenger">' +
      '<div class="intercom-header" style="padding:8px;background:#1f8ceb;color:#fff">' + (online ? 'We typically reply in a few minutes' : 'We\'ll be back online tomorrow') + '</div>' +
      '<div class="intercom-conversation" style="height:400px;overflow:auto;padding:8px"><div class="intercom-conversation-parts" role="log"></div></div>' +
      '<div class="intercom-composer"><textarea name="message" class="intercom-composer-textarea" aria-label="Message…" placeholder="Message…" style="width:75%"></textarea>' +
      '<button type="button" class="intercom-composer-send-button" aria-label="Send a message…">Send</button></div></div></body>');
    doc.close();
    const box = doc.querySelector('textarea[name="message"]');
    const submit = () => { const t = box.value.trim(); box.value = ''; if (t) visitorWrites(t); };
    box.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(); } });
    doc.querySelector('.intercom-composer-send-button').addEventListener('click', submit);
    Intercom.booted = true;
    for (const fn of listeners.ready.splice(0)) { try { fn(); } catch (err) { setTimeout(() => { throw err; }); } }
  };
  const show = () => {
    if (!Intercom.booted || shown) return;
    shown = true; unread = 0;
    messenger.style.display = 'block';
    fire('onShow');
  };
  const hide = () => {
    if (!shown) return;
    shown = false;
    messenger.style.display = 'none';
    fire('onHide');
  };
  const shutdown = () => {
    if (!Intercom.booted) return;
    hide();
    container.remove();
    const hidden = document.getElementById('intercom-frame');
    if (hidden) hidden.remove();
    container = null; messenger = null; doc = null;
    Intercom.booted = false;
  };
  const newConversation = (content) => {
    show();
    if (!doc) return;
    if (content) doc.querySelector('textarea[name="message"]').value = String(content);
    const greet = num('greet', 0.3);
    if (greeted || greet === null) return;
    greeted = true;
    setTimeout(() => fromTeam('greeting', 'Fin', 'Hi there 👋 I\'m Fin, an AI agent. How can I help?', true), greet * 1000);
  };
  const visitorWrites = (text) => {
    truth('visitor', text);
    part('user', '', text, false);
    const first = !wrote;
    wrote = true;
    setTimeout(() => fromTeam('bot', 'Fin', online
      ? 'Thanks! I\'m passing this to the team. They\'ll reply here in a few minutes.'
      : 'The team is offline right now. They\'ll get back to you by email.', true), 200);
    const agent = num('agent', 3);
    if (online && agent !== null && first) setTimeout(() => fromTeam('agent', 'Maria', 'Hi, this is Maria. A service is £89.', false), agent * 1000);
    const close = num('close', null);
    if (close !== null && first) setTimeout(shutdown, close * 1000);
  };

  const Intercom = function (command, ...args) {
    switch (command) {
      case 'boot': boot(args[0]); return undefined;
      case 'update': Object.assign(settings, args[0] || {}); return undefined;
      case 'shutdown': shutdown(); return undefined;
      case 'show': case 'showMessages': case 'showSpace': show(); return undefined;
      case 'showNewMessage': newConversation(args[0]); return undefined;
      case 'hide': hide(); return undefined;
      case 'getVisitorId': return visitorId;
      case 'onShow': case 'onHide': case 'onUnreadCountChange': case 'onUserEmailSupplied':
        if (typeof args[0] === 'function') listeners[command].push(args[0]);
        return undefined;
      case 'ready':
        if (typeof args[0] === 'function') { if (Intercom.booted) args[0](); else listeners.ready.push(args[0]); }
        return undefined;
      default: return undefined; // trackEvent, startTour, showArticle, startSurvey, reattach_activator ...
    }
  };
  Intercom.booted = false;
  window.Intercom = Intercom;
  for (const args of queued) Intercom(...Array.from(args));
  if (settings.app_id && !Intercom.booted) boot(settings);
})();
