// A stand-in for Talk-Me's support.js (lcab.talk-me.ru/support/support.js?h=<id>). Talk-Me's own JS
// API reference could not be read from here; this follows what public material shows of it:
//   - the embed snippet (window.supportAPIMethod = 'TalkMe'; a stub queueing calls in TalkMe.q,
//     replayed by the script; window.TalkMeSetup read on load);
//   - the calls sites make: TalkMe('openSupport'), ('closeSupport'), ('sendMessage', text),
//     ('setClientInfo', {...}), ('openTab', n), ('hideTrigger'), ('setCallback', name, fn) - one
//     function a name (a later setCallback for the same name replaces the earlier);
//   - the widget's events as the vendor's OnlineChatSdk lists them: operatorSendMessage,
//     clientSendMessage, clientMakeSubscribe, contactsUpdated, sendRate, clientId, closeSupport, and
//     openSupport seen in sites' code;
//   - its markers: div.online-chat-root-TalkMe holding button#supportTrigger; window.TalkMeIsInitialized.
// Payloads (not public): clientSendMessage gets {text, dateTime}; operatorSendMessage gets a
// message as Talk-Me's REST API returns them: {text, dateTime, whoSend: operator | bot, messageType:
// message | autoMessage, operator: {login, name}}. The greeting is an auto message (sent on an
// operator's behalf), the first answer the chat bot's, then an operator with a name.
// The chat window is drawn in the page, under div.online-chat-root-TalkMe.
//
// Knobs (query string): greet (s after opening until the auto message), agent (s after the visitor
// writes until the operator answers; "never" for silence), status (online | offline), close (s after
// the visitor writes until the chat window closes and the widget goes), throw (1: the script throws
// while loading). Every message the page sends is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('talk-me: support.js failed to initialise');
  const online = (q.get('status') || 'online') === 'online';
  const method = window.supportAPIMethod || 'TalkMe';
  const queued = (window[method] && window[method].q) || [];
  const callbacks = {};
  const OPERATOR = {login: 'anna.k', name: 'Анна'};
  const BOT = {login: 'bot', name: 'Бот'};
  let isOpen = false;
  const call = (name, data) => { if (typeof callbacks[name] === 'function') callbacks[name](data); };
  const now = () => new Date().toISOString().replace('T', ' ').slice(0, 19);

  // -- the markup -----------------------------------------------------------------------------------
  const root = document.createElement('div');
  root.className = 'online-chat-root-TalkMe';
  root.innerHTML =
    '<button id="supportTrigger" type="button" style="position:fixed;right:24px;bottom:24px;width:60px;height:60px;border-radius:50%;border:0;background:#4a90e2">Чат</button>' +
    '<div id="supportWindow" class="online-chat-window" style="position:fixed;right:24px;bottom:96px;width:340px;height:440px;border:1px solid #ccc;background:#fff;display:none;font:14px sans-serif">' +
    '<div class="online-chat-messages" style="height:360px;overflow:auto;padding:8px"></div>' +
    '<form class="online-chat-form"><textarea name="message" placeholder="Введите сообщение" style="width:75%"></textarea><button type="submit">Отправить</button></form>' +
    '</div>';
  const list = root.querySelector('.online-chat-messages');
  const show = (cls, who, text) => {
    const m = document.createElement('div');
    m.className = `online-chat-message online-chat-message_${cls}`;
    m.textContent = who ? `${who}: ${text}` : text;
    list.appendChild(m);
  };
  const fromOperator = (op, whoSend, messageType, text, author) => {
    truth(author, text);
    show(whoSend, op.name, text);
    call('operatorSendMessage', {text, dateTime: now(), whoSend, messageType, operator: Object.assign({}, op)});
  };

  // -- the API --------------------------------------------------------------------------------------
  const openSupport = () => {
    if (isOpen) return;
    isOpen = true;
    root.querySelector('#supportWindow').style.display = 'block';
    call('openSupport', {});
    const greet = num('greet', 0.3);
    if (greet !== null) {
      setTimeout(() => fromOperator(OPERATOR, 'operator', 'autoMessage',
        online ? 'Здравствуйте! Подскажу по любому вопросу.' : 'Сейчас операторы не в сети. Оставьте вопрос, мы ответим позже.', 'greeting'), greet * 1000);
    }
  };
  const closeSupport = () => {
    if (!isOpen) return;
    isOpen = false;
    root.querySelector('#supportWindow').style.display = 'none';
    call('closeSupport', {});
  };
  const clientWrites = (text) => {
    if (!isOpen) openSupport();
    truth('visitor', text);
    show('client', 'Вы', text);
    call('clientSendMessage', {text, dateTime: now()});
    if (online) setTimeout(() => fromOperator(BOT, 'bot', 'message', 'Спасибо! Подключаю свободного оператора.', 'bot'), 200);
    else setTimeout(() => { const t = 'Ваше сообщение получено. Операторы ответят в рабочее время.'; truth('system', t); show('system', '', t); }, 200);
    const agent = num('agent', 3);
    if (online && agent !== null) setTimeout(() => fromOperator(OPERATOR, 'operator', 'message', 'Добрый день! Это Анна. Обслуживание стоит 4 500 ₽.', 'agent'), agent * 1000);
    const close = num('close', null);
    if (close !== null) setTimeout(() => { closeSupport(); root.remove(); }, close * 1000);
  };
  const TalkMe = function (name, ...args) {
    switch (name) {
      case 'setCallback': if (typeof args[0] === 'string') callbacks[args[0]] = args[1]; break;
      case 'openSupport': openSupport(); break;
      case 'closeSupport': closeSupport(); break;
      case 'sendMessage': if (args[0] != null && String(args[0]).trim()) clientWrites(String(args[0])); break;
      case 'hideTrigger': root.querySelector('#supportTrigger').style.display = 'none'; break;
      case 'showTrigger': root.querySelector('#supportTrigger').style.display = ''; break;
      case 'openTab': openSupport(); break;
      default: break;  // setClientInfo, setTarget, setOperator, setPosition, openReviewsTab, ...: nothing to show here
    }
  };

  // -- load -----------------------------------------------------------------------------------------
  const boot = () => {
    document.body.appendChild(root);
    root.querySelector('#supportTrigger').addEventListener('click', () => (isOpen ? closeSupport() : openSupport()));
    root.querySelector('form').addEventListener('submit', (e) => {
      e.preventDefault();
      const box = root.querySelector('textarea');
      const t = box.value;
      box.value = '';
      if (t.trim()) clientWrites(t);
    });
    window[method] = TalkMe;
    window.supportAPI = {openSupport, closeSupport, destroy: () => root.remove()};
    for (const args of queued) TalkMe(...Array.from(args));
    setTimeout(() => { window.TalkMeIsInitialized = true; call('clientId', {clientId: 'c0ffee00c0ffee00c0ffee00c0ffee00'}); }, 50);
  };
  if (document.body) boot(); else document.addEventListener('DOMContentLoaded', boot);
})();
