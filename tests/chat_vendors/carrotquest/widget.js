// A stand-in for Carrot quest's api.min.js, reproducing its documented JavaScript API surface:
//   https://developers.carrotquest.io/libs/js/ (the snippet's stubs queue name, arguments pairs in
//   window.carrotquestasync; the script replaces them), .../libs/js/onready (onReady(fn) after load),
//   .../libs/js/addcallback (topics conversation_started {id, body}, messenger_opened,
//   messenger_closed, user_replied {id, body, message}, conversation_opened {id, message, type, parts}),
//   .../libs/js/open (open({conversation: 'new'})).
// Operators' and bots' replies arrive as the Realtime Services API delivers them
// (https://developers.carrotquest.io/rts/channels/: conversation_reply.{app_id}.{user_id}) with a
// ConversationPart as message (https://developers.carrotquest.io/objects/conversationpart: type
// reply_admin / chat_bot_admin / auto_reply / assigned / closed / reply_user, from = Admin {id, name,
// type}, sent_via message_auto for auto messages), handed to carrotquest.realtimeServices.onMessage
// as the real widget does (seen in integrators' public code, not documented). The status
// carrotquest.data.app.status_operators is from the widget's own code, not documented.
// Markup as the real messenger's: #carrotquest-messenger-collapsed-container with the iframe
// #carrot-messenger-collapsed-frame (the launcher), and the opened messenger in the iframe
// #carrot-messenger-frame with textarea#opened-textfield and button.opened-send-button.
//
// Knobs (query string): greet (s after opening until the auto message), agent (s after the visitor
// writes until the operator answers; "never" for silence), status (online | offline), close (s after
// the visitor writes until the conversation is closed), throw (1: the script throws while loading).
// Every message the page sends is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('carrotquest: api.min.js failed to initialise');
  const status = q.get('status') || 'online';
  const APP = 12345;
  const USER = 777000111;
  const cq = window.carrotquest = window.carrotquest || {};
  const queued = window.carrotquestasync || [];
  const callbacks = {};
  const readyFns = [];
  let isReady = false;
  let conversation = null;
  let started = false;
  let partId = 1000;
  const fire = (topic, data) => (callbacks[topic] || []).slice().forEach((fn) => { try { fn(data); } catch (err) { setTimeout(() => { throw err; }); } });

  // -- the markup -----------------------------------------------------------------------------------
  const collapsed = document.createElement('div');
  collapsed.id = 'carrotquest-messenger-collapsed-container';
  collapsed.className = 'carrotquest-css-reset carrotquest-messenger-right_bottom';
  collapsed.innerHTML = '<div id="chat-container"><div id="icon-container"><iframe id="carrot-messenger-collapsed-frame" name="carrot-messenger-collapsed-frame" class="carrot-messenger-collapsed-frame" style="position:fixed;right:16px;bottom:16px;width:60px;height:60px;border:0"></iframe></div></div>';
  const opened = document.createElement('div');
  opened.className = 'carrot-messenger-frame-container carrotquest-messenger-right_bottom';
  opened.style.cssText = 'position:fixed;right:16px;bottom:90px;width:360px;height:460px;display:none';
  opened.innerHTML = '<iframe id="carrot-messenger-frame" name="carrot-messenger-frame" class="carrot-messenger-frame" style="width:100%;height:100%;border:1px solid #ccc;background:#fff"></iframe>';
  let doc = null;
  const log = (cls, who, text) => {
    if (!doc) return;
    const p = doc.createElement('div');
    p.className = `conversation-part ${cls}`;
    p.textContent = who ? `${who}: ${text}` : text;
    doc.getElementById('parts').appendChild(p);
  };

  // -- the Realtime Services API, as the widget receives it -----------------------------------------
  cq.realtimeServices = {
    onMessage(e) {  // the widget's own handler: shows the part in the messenger
      const m = e && e.message;
      if (!m || !/^conversation_reply\./.test(e.channel)) return;
      if (m.type === 'reply_admin' || /^chat_bot/.test(m.type)) log(`part-${m.type}`, m.from && m.from.name, m.body);
      else if (m.type === 'reply_user') log('part-reply_user', 'Вы', m.body);
      else if (m.type === 'auto_reply' || m.type === 'service') log(`part-${m.type}`, '', m.body);
      else if (m.type === 'closed') log('part-closed', '', 'Диалог закрыт');
    },
  };
  const rts = (type, body, extra) => {
    const message = Object.assign({id: ++partId, created: Math.floor(Date.now() / 1000), conversation: conversation, body: body || '', body_json: {}, type, direction: type === 'reply_user' ? 'u2a' : 'a2u'}, extra || {});
    cq.realtimeServices.onMessage({channel: `conversation_reply.${APP}.${USER}`, message});
  };
  const ADMIN = {id: 3101, name: 'Анна Смирнова', avatar: '', type: 'admin'};
  const BOT = {id: 3000, name: 'Бот', avatar: '', type: 'bot'};

  // -- the documented API ---------------------------------------------------------------------------
  cq.data = {app: {id: APP, status_operators: status}, user: {id: USER}};
  cq.connect = () => {};
  cq.track = () => {};
  cq.identify = () => {};
  cq.auth = () => {};
  cq.trackMessageInteraction = () => {};
  cq.onReady = (fn) => { if (isReady) setTimeout(fn); else readyFns.push(fn); };
  cq.addCallback = (topic, fn) => { (callbacks[topic] = callbacks[topic] || []).push(fn); };
  cq.removeCallback = (topic, fn) => { callbacks[topic] = (callbacks[topic] || []).filter((f) => f !== fn); };
  cq.open = (opts) => {
    if (!doc) return;
    opened.style.display = 'block';
    fire('messenger_opened', {});
    if (!conversation || (opts && opts.conversation === 'new')) {
      conversation = 2155668332815057000 + Math.floor(Math.random() * 1000);
      started = false;
      fire('conversation_opened', {id: conversation, message: null, type: 'chat', parts: []});
      const greet = num('greet', 0.3);
      if (greet !== null) {
        setTimeout(() => {
          const t = 'Здравствуйте! Чем можем помочь?';
          truth('greeting', t);
          rts('reply_admin', t, {from: ADMIN, sent_via: 'message_auto'});
        }, greet * 1000);
      }
    }
  };

  const visitorWrites = (text) => {
    truth('visitor', text);
    rts('reply_user', text, {from: USER, sent_via: 'web_user'});
    if (!started) { started = true; fire('conversation_started', {id: conversation, body: text}); } else fire('user_replied', {id: conversation, body: text, message: null});
    setTimeout(() => {
      const t = status === 'online' ? 'Спасибо за обращение! Оператор ответит в течение нескольких минут.' : 'Сейчас мы не в сети. Ответим, как только появимся.';
      truth('system', t);
      rts('auto_reply', t, {from: BOT});
    }, 200);
    const agent = num('agent', 3);
    if (status === 'online' && agent !== null) {
      setTimeout(() => rts('assigned', '', {from: ADMIN, assignee: ADMIN}), agent * 500);
      setTimeout(() => { const t = 'Добрый день, это Анна. Обслуживание стоит 4 500 ₽.'; truth('agent', t); rts('reply_admin', t, {from: ADMIN, sent_via: 'web_panel'}); }, agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        rts('closed', '', {from: ADMIN});
        opened.style.display = 'none';
        fire('messenger_closed', {});
        opened.remove();
        collapsed.remove();
      }, close * 1000);
    }
  };

  // -- load: render, then replay the snippet's queue and call onReady -------------------------------
  const boot = () => {
    document.body.appendChild(collapsed);
    document.body.appendChild(opened);
    const cdoc = collapsed.querySelector('iframe').contentDocument;
    cdoc.open();
    cdoc.write('<body style="margin:0"><div id="carrotquest-messenger-collapsed-img-cont" style="width:60px;height:60px;border-radius:50%;background:#ef7c2f;cursor:pointer"></div></body>');
    cdoc.close();
    cdoc.getElementById('carrotquest-messenger-collapsed-img-cont').addEventListener('click', () => cq.open());
    doc = opened.querySelector('iframe').contentDocument;
    doc.open();
    doc.write('<body style="font:14px sans-serif;margin:0"><div id="carrotquest-messenger-body-big-cont">' +
      '<div id="parts" class="carrotquest-messenger-conversation-ul" style="height:380px;overflow:auto;padding:8px"></div>' +
      '<form id="reply"><textarea id="opened-textfield" placeholder="Напишите сообщение..." style="width:75%"></textarea>' +
      '<button type="submit" class="button button_xs opened-send-button accent">Отправить</button></form></div></body>');
    doc.close();
    doc.getElementById('reply').addEventListener('submit', (e) => {
      e.preventDefault();
      const box = doc.getElementById('opened-textfield');
      const t = box.value;
      box.value = '';
      if (t.trim()) visitorWrites(t);
    });
    for (let i = 0; i + 1 < queued.length; i += 2) {
      const fn = cq[queued[i]];
      if (typeof fn === 'function') fn.apply(cq, Array.from(queued[i + 1] || []));
    }
    queued.length = 0;
    setTimeout(() => { isReady = true; readyFns.splice(0).forEach((fn) => fn()); }, 50);
  };
  if (document.body) boot(); else document.addEventListener('DOMContentLoaded', boot);
})();
