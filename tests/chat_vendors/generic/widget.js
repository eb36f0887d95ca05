// A home-made chat widget (no vendor, no documentation: the kind of chat a shop's developers write
// themselves), for the generic adapter. A floating launcher button (.chat-launcher, "Онлайн-
// консультант") opens an iframe (#sitechat-frame.widget-chat, title "Онлайн-консультант") holding
// frame.html: messages are div.chat-message with .bot / .system / .client / .operator, the operator's
// name in .chat-message__author and the text in .chat-message__text; a textarea and a send button.
// The greeting is the bot's, the first answer an automatic bot line, then a system line that the
// operator joined, then the operator (a person with a name).
//
// Knobs (query string): greet (s after the window opens until the greeting), agent (s after the
// visitor writes until the operator answers; "never" for silence), status (online | offline), close
// (s after the visitor writes until the chat ends and the widget goes), throw (1: the script throws
// while loading: no launcher, no window). Every message the page sends is reported with its true
// time to POST /__truth, for the tests.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('sitechat: failed to start');
  const online = (q.get('status') || 'online') === 'online';
  let frame = null;
  let doc = null;

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.id = 'sitechat-launcher';
  launcher.className = 'chat-launcher';
  launcher.setAttribute('aria-label', 'Открыть онлайн-консультант');
  launcher.textContent = 'Онлайн-консультант';
  launcher.style.cssText = 'position:fixed;right:20px;bottom:20px;padding:12px 18px;border:0;border-radius:24px;background:#1b9e5a;color:#fff;cursor:pointer';

  const post = (cls, who, text) => {
    const m = doc.createElement('div');
    m.className = `chat-message ${cls}`;
    if (who) {
      const a = doc.createElement('span');
      a.className = 'chat-message__author';
      a.textContent = who;
      m.appendChild(a);
    }
    const t = doc.createElement('div');
    t.className = 'chat-message__text';
    t.textContent = text;
    m.appendChild(t);
    const time = doc.createElement('span');
    time.className = 'chat-message__time';
    time.textContent = new Date().toTimeString().slice(0, 5);
    m.appendChild(time);
    doc.querySelector('.chat-messages').appendChild(m);
  };
  const visitorWrites = (text) => {
    truth('visitor', text);
    post('client', '', text);
    setTimeout(() => {
      const t = online ? 'Спасибо за вопрос! Передаю его оператору.' : 'Сейчас никого нет. Ответим на ваш email утром.';
      truth('bot', t);
      post('bot', 'Помощник', t);
    }, 200);
    const agent = num('agent', 3);
    if (online && agent !== null) {
      setTimeout(() => { const t = 'Оператор Екатерина подключилась к чату'; truth('system', t); post('system', '', t); }, agent * 500);
      setTimeout(() => { const t = 'Здравствуйте! Это Екатерина. Обслуживание стоит 4 500 ₽.'; truth('agent', t); post('operator', 'Екатерина', t); }, agent * 1000);
    }
    const close = num('close', null);
    if (close !== null) {
      setTimeout(() => {
        const t = 'Чат завершён. Спасибо за обращение!';
        truth('system', t);
        post('system', '', t);
        setTimeout(() => { frame.remove(); launcher.remove(); }, 50);
      }, close * 1000);
    }
  };
  const loaded = () => {
    doc = frame.contentDocument;
    doc.querySelector('.chat-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const box = doc.querySelector('.chat-input');
      const t = box.value;
      box.value = '';
      if (t.trim()) visitorWrites(t);
    });
    const greet = num('greet', 0.3);
    if (greet !== null) {
      setTimeout(() => {
        const t = online ? 'Здравствуйте! Я виртуальный помощник магазина. Чем помочь?' : 'Операторы сейчас не в сети. Оставьте вопрос.';
        truth('greeting', t);
        post(online ? 'bot' : 'system', online ? 'Помощник' : '', t);
      }, greet * 1000);
    }
  };
  const openChat = () => {
    if (frame) { frame.style.display = frame.style.display === 'none' ? 'block' : 'none'; return; }
    frame = document.createElement('iframe');
    frame.id = 'sitechat-frame';
    frame.className = 'widget-chat';
    frame.title = 'Онлайн-консультант';
    frame.style.cssText = 'position:fixed;right:20px;bottom:80px;width:340px;height:420px;border:1px solid #ccc;background:#fff';
    frame.addEventListener('load', loaded, {once: true});
    frame.src = `frame.html${location.search}`;
    document.body.appendChild(frame);
  };
  const boot = () => {
    document.body.appendChild(launcher);
    launcher.addEventListener('click', openChat);
  };
  if (document.body) boot(); else document.addEventListener('DOMContentLoaded', boot);
})();
