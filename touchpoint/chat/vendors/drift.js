// Drift (drift.com, now Salesloft), from its Widget API:
//   https://devdocs.drift.com/docs/drift-events      (drift.on('ready', (api, payload{chatOpen, widgetVisible,
//       isOnline, teamAvailability})), startConversation {conversationId, inboxId}, message {conversationId,
//       inboxId, teamMember {id, name}, playbookId?, interactionId?, campaignId?} - "the user receives a
//       message from a team member", message:sent {conversationId, inboxId}, chatOpen / chatClose
//       (sidebarOpen / sidebarClose on the legacy widget), welcomeMessage:open, awayMessage:open,
//       conversation:playbookFired / conversation:firstInteraction / conversation:buttonClicked
//       {conversationId, messageId, createdAt, authorId, playbookId, interactionId, campaignId})
//   https://devdocs.drift.com/docs/start-a-chat-with-a-link  (drift.api.startInteraction, drift.api.openChat)
//   the payload shapes as typed in public code (an analytics plugin's DriftEventPayloads).
// The snippet makes window.drift (= window.driftt) a queue of calls the script replays, so the
// adapter's drift.on(...) calls made before the script loads are kept.
// Drift's bots (playbooks) write as a bot user: its author id is learnt from the playbook events
// (authorId), and a team member with that id - or a name saying bot - is reported as a bot.
// The message event carries no text: the adapter reads the last message from the chat frame when
// that frame is readable (same origin), and reports "" otherwise. There is no documented call to
// send a message as the visitor: it is typed into the chat frame.
__tpChat.register('drift', (() => {
  const V = 'drift';
  let registered = false;
  let online = null;
  const botIds = new Set();
  const frameSel = 'iframe#drift-widget, iframe.drift-frame-chat, #drift-frame-chat iframe, iframe[title*="Drift Widget Chat Window" i]';
  const lastText = () => {
    for (const f of document.querySelectorAll(frameSel)) {
      try {
        const d = f.contentDocument;
        if (!d) continue;
        const nodes = d.querySelectorAll('[class*="message-text"], [class*="message-body"], [class*="message-content"], [class*="message"] p');
        for (let i = nodes.length - 1; i >= 0; i--) {
          const t = (nodes[i].textContent || '').trim();
          if (t) return t;
        }
      } catch (err) { /* another origin: Drift's own frame on a real site */ }
    }
    return '';
  };
  const ids = (e) => {
    const meta = {};
    for (const k of ['conversationId', 'inboxId', 'messageId', 'playbookId', 'interactionId', 'campaignId', 'authorId']) {
      if (e && e[k] != null) meta[k] = String(e[k]);
    }
    return meta;
  };
  const hook = (d) => {
    d.on('ready', (api, payload) => {
      const p = (payload && (payload.data || payload)) || {};
      online = typeof p.isOnline === 'boolean' ? p.isOnline : null;
      __tpChat.state(V, 'loaded', online === null ? '' : (online ? 'online' : 'offline'));
      if (online !== null) __tpChat.state(V, online ? 'online' : 'offline', 'isOnline');
      if (p.chatOpen || p.sidebarOpen) __tpChat.state(V, 'open');
    });
    const on = (name, fn) => d.on(name, (...args) => { try { fn(...args); } catch (err) { __tpChat.errors.push(`${V} ${name}: ${err}`); } });
    on('chatOpen', () => __tpChat.state(V, 'open'));
    on('sidebarOpen', () => __tpChat.state(V, 'open', 'sidebar'));
    on('chatClose', () => __tpChat.state(V, 'closed', 'chat window closed'));
    on('sidebarClose', () => __tpChat.state(V, 'closed', 'sidebar closed'));
    on('awayMessage:open', () => __tpChat.state(V, 'offline', 'away message'));
    on('startConversation', (e) => __tpChat.state(V, 'open', `conversation ${(e && e.conversationId) || ''}`));
    on('message:sent', (e) => __tpChat.message(V, 'visitor', '', {meta: ids(e)}));
    on('conversation:playbookFired', (e) => {
      if (e && e.authorId != null) botIds.add(String(e.authorId));
      __tpChat.message(V, 'bot', lastText(), {meta: Object.assign(ids(e), {bot: true, playbook: true})});
    });
    on('conversation:buttonClicked', (e) => { if (e && e.authorId != null) botIds.add(String(e.authorId)); });
    on('message', (e) => {
      const tm = (e && e.teamMember) || {};
      const name = tm.name || '';
      const bot = (tm.id != null && botIds.has(String(tm.id))) || /\bbot\b|bot$/i.test(name);
      __tpChat.message(V, bot ? 'bot' : 'agent', e && typeof e.body === 'string' ? e.body : lastText(),
        {name, meta: Object.assign(ids(e), {teamMemberId: tm.id == null ? '' : String(tm.id)}, bot ? {bot: true} : {})});
    });
  };
  const register = (d, tries) => {
    if (registered) return;
    if (!d || typeof d.on !== 'function') {
      if (tries > 0) setTimeout(() => register(window.drift, tries - 1), 20);
      return;
    }
    registered = true;
    hook(d);
  };
  const api = () => (window.drift && window.drift.api) || null;
  return {
    signature: {globals: ['drift', 'driftt'], scripts: [/js\.driftt\.com/, /drift\.com/], frames: [/drift/i]},
    install() { __tpChat.trap('drift', (d) => register(d, 250)); },
    present() {
      const a = api();
      return !!(a && (typeof a.openChat === 'function' || (a.sidebar && typeof a.sidebar.open === 'function')));
    },
    status() { return online === null ? '' : (online ? 'online' : 'offline'); },
    open() {
      const a = api();
      if (typeof a.openChat === 'function') a.openChat(); else a.sidebar.open();
    },
    send() { return false; },
    ui: {frame: frameSel, input: 'textarea', button: ''},
  };
})());
