// A stand-in for LiveTex's client.js (//cs15.livetex.ru/js/client.js). No LiveTex JS API
// documentation could be found; this follows what public sites' code shows of the API:
//   - the snippet's globals liveTex, liveTexID, liveTex_object and an optional
//     var LiveTex = {onLiveTexReady}: the script attaches its API to that object and calls
//     LiveTex.onLiveTexReady();
//   - LiveTex.Event.{CONVERSATION_STARTED, EMPLOYEE_MESSAGE_SENT, OFFLINE_MESSAGE_SENT,
//     WELCOME_WINDOW_SHOWN, INVITATION_WINDOW_SHOWN, INVITATION_WINDOW_CLOSE, X_WINDOW_SHOWN,
//     CALL_STARTED, CALL_ESTABLISHED, CALLBACK_SENT}; LiveTex.addEventListener(event, fn) returns a
//     descriptor for removeEventListener; handlers get {event}; showActiveWindow(), hideLabel(),
//     setConversationAttributes(), setName(), reinit(), on('chat_open', fn);
//   - lt- prefixed markup: the label (.lt-label) on the page, the offline form (.lt-offline).
// The chat window is an iframe (#lt-chat-frame, name "livetex-chat") holding frame.html; its message
// markup (.lt-message with .lt-message_employee / _bot / _visitor / _system, .lt-message-author,
// .lt-message-text) is this stand-in's guess in LiveTex's lt- style, not LiveTex's documented markup.
// The greeting is a system line, the first answer the LiveTex bot's, then an employee with a name.
//
// Knobs (query string): greet (s after the window opens until the greeting), agent (s after the
// visitor writes until the employee answers; "never" for silence), status (online | offline: the
// active window is then the offline form), close (s after the visitor writes until the
// conversation ends and the window goes), throw (1: the script throws while loading). Every message
// the page sends is reported with its true time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('livetex: client.js failed to initialise');
  const online = (q.get('status') || 'online') === 'online';
  const lt = window.LiveTex = window.LiveTex || {};
  const KEYS = ['CONVERSATION_STARTED', 'EMPLOYEE_MESSAGE_SENT', 'OFFLINE_MESSAGE_SENT', 'WELCOME_WINDOW_SHOWN', 'INVITATION_WINDOW_SHOWN',
    'INVITATION_WINDOW_CLOSE', 'X_WINDOW_SHOWN', 'CALL_STARTED', 'CALL_ESTABLISHED', 'CALLBACK_SENT'];
  const listeners = new Map();
  const named = {};
  let descriptor = 0;
  let frame = null;
  let doc = null;
  let started = false;
  const emit = (key) => {
    for (const [, l] of listeners) if (l.type === lt.Event[key]) { try { l.fn({event: key}); } catch (err) { setTimeout(() => { throw err; }); } }
  };

  // -- the markup -----------------------------------------------------------------------------------
  const label = document.createElement('div');
  label.className = 'lt-label lt-label-online';
  label.innerHTML = '<span class="lt-label-text">Онлайн-консультант</span>';
  label.style.cssText = 'position:fixed;right:0;bottom:120px;padding:12px 8px;background:#2a7ae2;color:#fff;cursor:pointer;writing-mode:vertical-rl';
  const wrapper = document.createElement('div');
  wrapper.className = 'lt-wrapper';
  wrapper.style.cssText = 'position:fixed;right:24px;bottom:24px;width:340px;height:420px;display:none';
  const say = (cls, who, text) => {
    const m = doc.createElement('div');
    m.className = `lt-message lt-message_${cls}`;
    m.innerHTML = '<div class="lt-message-author"></div><div class="lt-message-text"></div>';
    m.firstChild.textContent = who;
    m.lastChild.textContent = text;
    doc.querySelector('.lt-messages').appendChild(m);
  };
  const visitorWrites = (text) => {
    truth('visitor', text);
    say('visitor', 'Вы', text);
    if (!online) {
      emit('OFFLINE_MESSAGE_SENT');
      setTimeout(() => { const t = 'Спасибо! Мы ответим на ваш email в рабочее время.'; truth('system', t); say('system', '', t); }, 200);
      return;
    }
    if (!started) { started = true; emit('CONVERSATION_STARTED'); }
    setTimeout(() => { const t = 'Я бот-помощник. Передаю ваш вопрос консультанту.'; truth('bot', t); say('bot', 'Бот LiveTex', t); }, 200);
    const agent = num('agent', 3);
    if (agent !== null) {
      setTimeout(() => {
        const t = 'Здравствуйте, меня зовут Ольга. Обслуживание стоит 4 500 ₽.';
        truth('agent', t);
        say('employee', 'Ольга', t);
        emit('EMPLOYEE_MESSAGE_SENT');
      }, agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        const t = 'Консультант завершил диалог.';
        truth('system', t);
        say('system', '', t);
        setTimeout(() => { wrapper.remove(); label.remove(); }, 50);
      }, close * 1000);
    }
  };
  const windowLoaded = () => {
    doc = frame.contentDocument;
    if (!online) {
      const off = doc.createElement('div');
      off.className = 'lt-offline';
      off.textContent = 'Сейчас никого нет на месте. Оставьте сообщение.';
      doc.querySelector('.lt-chat').insertBefore(off, doc.querySelector('.lt-chat-form'));
    }
    doc.querySelector('.lt-chat-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const box = doc.querySelector('.lt-chat-input');
      const t = box.value;
      box.value = '';
      if (t.trim()) visitorWrites(t);
    });
    emit(online ? 'WELCOME_WINDOW_SHOWN' : 'X_WINDOW_SHOWN');
    (named.chat_open || []).forEach((fn) => fn());
    const greet = num('greet', 0.3);
    if (greet !== null) {
      setTimeout(() => {
        const t = online ? 'Здравствуйте! Консультанты на связи, задайте ваш вопрос.' : 'Консультанты сейчас не в сети.';
        truth('greeting', t);
        say('system', '', t);
      }, greet * 1000);
    }
  };

  // -- the API --------------------------------------------------------------------------------------
  lt.Event = {};
  KEYS.forEach((k) => { lt.Event[k] = k; });
  lt.addEventListener = (type, fn) => { descriptor += 1; listeners.set(descriptor, {type, fn}); return descriptor; };
  lt.removeEventListener = (d) => listeners.delete(d);
  lt.on = (name, fn) => { (named[name] = named[name] || []).push(fn); };
  lt.showActiveWindow = () => {
    wrapper.style.display = 'block';
    if (frame) return;
    frame = document.createElement('iframe');
    frame.id = 'lt-chat-frame';
    frame.name = 'livetex-chat';
    frame.title = 'LiveTex chat';
    frame.style.cssText = 'width:100%;height:100%;border:1px solid #ccc;background:#fff';
    frame.addEventListener('load', windowLoaded, {once: true});
    frame.src = `frame.html${location.search}`;
    wrapper.appendChild(frame);
  };
  lt.hideLabel = () => { label.style.display = 'none'; };
  lt.showLabel = () => { label.style.display = ''; };
  lt.setName = () => {};
  lt.setConversationAttributes = () => {};
  lt.setManyPrechatFields = () => {};
  lt.setVisitorAttributes = () => {};
  lt.showInvitation = () => emit('INVITATION_WINDOW_SHOWN');
  lt.reinit = () => {};

  // -- load -----------------------------------------------------------------------------------------
  const boot = () => {
    document.body.appendChild(label);
    document.body.appendChild(wrapper);
    label.addEventListener('click', () => lt.showActiveWindow());
    setTimeout(() => { if (typeof lt.onLiveTexReady === 'function') lt.onLiveTexReady(); }, 50);
  };
  if (document.body) boot(); else document.addEventListener('DOMContentLoaded', boot);
})();
