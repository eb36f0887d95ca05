// A stand-in for Jivo's widget script (code.jivo.ru/widget/<id>), following Jivo's Widget API docs
// (https://www.jivo.ru/docs/widget/, in English https://www.jivochat.com/docs/widget/):
// - it creates jivo_api with the documented methods: open({start}) and close() returning {result},
//   chatMode() ("online" | "offline"), getUnreadMessagesCount(), getContactInfo(), setContactInfo(),
//   setCustomData(), setUserToken(), showProactiveInvitation(), sendOfflineMessage(), clearHistory() ...,
//   and the global jivo_init() / jivo_destroy();
// - it calls the page's global callbacks by name, as Jivo does: jivo_onLoadCallback once loaded,
//   jivo_onOpen / jivo_onClose, jivo_onChangeState('chat' | 'chat/min'), jivo_onMessageSent and
//   jivo_onClientStartChat for the visitor's first message, jivo_onAccept when the operator takes the
//   chat, jivo_onMessageReceived (documented without arguments, so called with none) for every message
//   from the operator's side, and jivo_onWidgetDestroy when the widget is removed;
// - the widget is drawn in the page itself in <jdiv> elements with hashed class names, as Jivo's is
//   (no iframe), with a textarea that sends on Enter.
// Jivo shows its welcome line under an operator's name before anyone has taken the chat; here it comes
// through jivo_onMessageReceived like any operator-side message (the docs do not say whether it does).
// After the visitor writes, a system line appears in the widget only (Jivo has no callback for it).
// Jivo documents no "chat ended" callback: close=N removes the widget as jivo_destroy() does
// (jivo_onWidgetDestroy).
//
// Knobs (query string): greet (s after opening until the welcome line), agent (s after the visitor
// writes until the operator answers; "never"), status (online | offline), close (s after the visitor
// writes until the chat ends), throw (1: the script throws while loading).
// Every message shown is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('jivo: widget failed to initialise');
  const mode = q.get('status') === 'offline' ? 'offline' : 'online';
  const call = (name, ...args) => { if (typeof window[name] === 'function') window[name](...args); };
  const el = (cls, text) => { const e = document.createElement('jdiv'); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };

  window.jivo_config = {widget_id: 'TEST123', chat_mode: mode, widget_color: '#1b8a5a'};
  const root = el('globalClass_ET');
  root.style.cssText = 'position:fixed;right:16px;bottom:16px;width:340px;font:14px sans-serif;z-index:2147483647';
  const label = el('label_39 __jivoDesktopButton', mode === 'online' ? 'Напишите нам, мы онлайн!' : 'Оставьте сообщение');
  label.style.cssText = 'display:block;background:#1b8a5a;color:#fff;padding:8px;cursor:pointer';
  const chat = el('chat_ZT');
  chat.style.cssText = 'display:none;background:#fff;border:1px solid #ccc';
  const header = el('header_Ac', 'Jivo');
  const log = el('log_3L');
  log.style.cssText = 'display:block;height:300px;overflow:auto;padding:8px';
  const inputWrap = el('inputWrap_Dj');
  const box = document.createElement('textarea');
  box.className = 'inputField_nH';
  box.placeholder = 'Введите сообщение';
  box.style.cssText = 'width:95%';
  inputWrap.appendChild(box);
  chat.append(header, log, inputWrap);
  root.append(label, chat);
  document.body.appendChild(root);

  let opened = false;
  let unread = 0;
  let visitorWrote = false;
  let greeted = false;
  const show = (side, name, text) => {
    const m = el(`message_ZR ${side === 'client' ? 'client_Qx' : 'operator_k2'}`);
    if (name) m.appendChild(el('name_6d', name));
    m.appendChild(el('text_Dv', text));
    m.style.cssText = 'display:block;margin:4px 0';
    log.appendChild(m);
  };
  const system = (text) => { const s = el('system_Kb', text); s.style.cssText = 'display:block;color:#888'; log.appendChild(s); };
  const fromOperator = (truthAuthor, name, text) => {
    truth(truthAuthor, text);
    show('operator', name, text);
    if (!opened) unread += 1;
    call('jivo_onMessageReceived');
  };

  const api = window.jivo_api = {
    open(params) {
      if (!root.isConnected) return {result: 'fail', reason: 'widget destroyed'};
      opened = true; unread = 0;
      label.style.display = 'none'; chat.style.display = 'block';
      call('jivo_onOpen'); call('jivo_onChangeState', (params && params.start === 'call') ? 'call' : 'chat'); call('jivo_onResizeCallback');
      const greet = num('greet', 0.3);
      if (!greeted && greet !== null) {
        greeted = true;
        setTimeout(() => fromOperator('greeting', 'Мария', 'Здравствуйте! Чем могу помочь?'), greet * 1000);
      }
      return {result: 'ok'};
    },
    close() {
      opened = false; chat.style.display = 'none'; label.style.display = 'block';
      call('jivo_onClose'); call('jivo_onChangeState', 'chat/min'); call('jivo_onResizeCallback');
      return {result: 'ok'};
    },
    chatMode: () => mode,
    getUnreadMessagesCount: () => unread,
    getContactInfo: () => ({client_name: null, email: null, phone: null, description: null}),
    setContactInfo() {}, setCustomData() {}, setUserToken() {}, setClientAttributes() {}, setRules() {},
    setWidgetColor() {}, sendPageTitle() {}, clearHistory() {},
    getUtm: () => ({}),
    getVisitorNumber(cb) { setTimeout(() => cb(null, 1), 0); },
    isCallbackEnabled(cb) { setTimeout(() => cb({result: 'fail', reason: 'callback is not configured'}), 0); },
    startCall: () => ({result: 'fail', reason: 'callback is not configured'}),
    sendOfflineMessage: () => ({result: 'ok'}),
    showProactiveInvitation(text) { fromOperator('greeting', 'Мария', String(text)); },
  };
  window.jivo_destroy = () => {
    if (!root.isConnected) return;
    root.remove();
    call('jivo_onWidgetDestroy');
  };
  window.jivo_init = () => { if (!root.isConnected) document.body.appendChild(root); };
  label.addEventListener('click', () => api.open());

  box.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey) return;
    e.preventDefault();
    const text = box.value.trim();
    box.value = '';
    if (!text) return;
    truth('visitor', text);
    show('client', '', text);
    if (!visitorWrote) { visitorWrote = true; call('jivo_onMessageSent'); call('jivo_onClientStartChat'); }
    setTimeout(() => {
      const t = mode === 'online' ? 'Спасибо! Оператор скоро подключится к диалогу.' : 'Сейчас никого нет в сети. Мы ответим на почту.';
      truth('system', t); system(t);
    }, 200);
    const agent = num('agent', 3);
    if (mode === 'online' && agent !== null) {
      setTimeout(() => { if (root.isConnected) call('jivo_onAccept'); }, agent * 500);
      setTimeout(() => { if (root.isConnected) fromOperator('agent', 'Мария', 'Это Мария. Обслуживание стоит 89 €.'); }, agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) setTimeout(() => { system('Диалог завершён'); window.jivo_destroy(); }, close * 1000);
  });

  setTimeout(() => call('jivo_onLoadCallback'), 50);
})();
