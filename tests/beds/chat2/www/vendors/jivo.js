/*
 * Jivo (JivoChat / JivoSite) STAND-IN for the chat bed. It is not Jivo's code: it was written from Jivo's public
 * documentation and from how the real widget looks on real sites, without reading the adapters under test.
 *
 * Documentation followed:
 *  - https://www.jivochat.com/docs/widget/ (Widget API; the same page as https://www.jivo.ru/docs/widget/):
 *    callbacks jivo_onLoadCallback, jivo_onOpen, jivo_onClose, jivo_onChangeState(state: 'chat' | 'call' |
 *    'chat/call' | 'label' | 'chat/min'), jivo_onMessageSent (first visitor message, only with no history),
 *    jivo_onClientStartChat (visitor started the chat and no proactive invitation was shown), jivo_onIntroduction
 *    (visitor filled the contacts form), jivo_onAccept (an agent accepted the chat), jivo_onMessageReceived (a new
 *    message from the agent), jivo_onCallStart, jivo_onCallEnd, jivo_onResizeCallback, jivo_onWidgetDestroy;
 *    methods jivo_api.open({start}), close(), chatMode() -> 'online' | 'offline', showProactiveInvitation(text,
 *    department_id), setWidgetColor, startCall, sendOfflineMessage({name, email, phone, description, message}),
 *    sendPageTitle, setContactInfo, setClientAttributes, setCustomData, setUserToken, setRules, getContactInfo()
 *    -> {client_name, email, phone, description}, getVisitorNumber(cb(err, n)), getUnreadMessagesCount(), getUtm(),
 *    isCallbackEnabled(cb), clearHistory(); jivo_init(), jivo_destroy(). Methods return {result: 'ok' | 'fail'}.
 *    "Call the methods from jivo_onLoadCallback": jivo_api exists once the widget is initialised.
 *  - https://www.jivochat.com/docs/bot/ (Bot API): a connected chatbot answers the client's messages in the chat;
 *    https://docs.graphlogic.ai/jivo-152: "For interlocutors, bots in Jivo look like operators (virtual employees)".
 * Docs are silent on the callbacks' arguments except jivo_onChangeState/jivo_onCallEnd: the others are called here
 * with no argument, as the documentation's examples declare them.
 *
 * Where the docs are silent this follows saved pages of real sites running Jivo (public GitHub files):
 *  the snippet is <script src="//code.jivo.ru/widget/<id>" async></script> (or code.jivosite.com); the widget adds
 *  <div id="jivo-iframe-container" style="opacity: 0; visibility: hidden; width: 0px; height: 0px; overflow: hidden;">
 *  <iframe src="" role="presentation" allow="autoplay" title="Jivochat" name="jivo_container" id="jivo_container">,
 *  then <jdiv><jdiv class="globalClass_xxxx ..."> with CSS-module class names (label_a2ed, container__kI0xW ...),
 *  the label <jdiv id="jvLabelWrap"> with its text ("Send us a message" when offline, class __isOffline__),
 *  <jdiv id="jivo-player">, and the chat window <jdiv id="jcont"> holding <jdiv id="jivo_action"> and
 *  <jdiv id="jivo_close_button">. A proactive invitation opens the chat window by itself (jivo_onOpen: "open both
 *  automatically (via proactive invitation) and manually"). Custom label: Jivo draws no label, the site opens the
 *  window with jivo_api.open() from its own button.
 */
(function () {
  'use strict';
  var INLINE = /*@@BED_INLINE@@*/null;
/*@@BED_TRUTH@@*/
  var W = window, D = document;
  var WIDGET_ID = String(INLINE.account);
  var C = null;                                 // the widget's configuration, from Jivo's servers
  var root = null, label = null, win = null, iframeBox = null, styleEl = null;
  var opened = false, invitationShown = false, visitorMessages = 0, agentAccepted = false, unread = 0, botTurn = 0;
  var history = [];                             // [{kind, name, text}]
  var contact = {client_name: null, email: null, phone: null, description: null};
  var view = 'chat';                            // chat | offline | offline-sent
  var destroyed = false;
  BED.state('loading');

  // CSS-module names of this build (the real ones change with every release)
  var K = {
    global: 'globalClass_e4f1', theme: 'global__h2JHv __light__QfzQm', labelBox: 'notranslate',
    label: 'label_a2ed _bottom_f236 __show_c3bb', labelText: 'text__YK8jZ', offline: '__isOffline__XFFG7',
    online: '__isOnline__p0Wq2', player: 'player__GKVya', window: 'wrap__oIQUj', close: 'closeButton__gM163',
    header: 'header__Lm3a1', agentName: 'agentName__df21', agentTitle: 'agentTitle__b7e0', messages: 'messagesWrap__q8Zt1',
    message: 'message__R1c0d', fromAgent: '__agent__Tt4aa', fromClient: '__client__Hh2bb', system: 'systemMessage__Ws9cc',
    author: 'name__Ke1dd', text: 'text__Jp5ee', input: 'inputField__Nz4ZY', inputWrap: 'inputContainer__Vq6ff',
    send: 'sendButton__r2Hh1', form: 'offlineForm__Yd3gg', field: 'field__Cx7hh', submit: 'submit__Bn8ii',
    invitation: 'proactive__Qm9jj', typing: 'typing__Za1kk'
  };

  function agentDelayMs() {
    var n = parseFloat(new URLSearchParams(location.search).get('agent'));
    return (isNaN(n) || n < 0 ? 4 : n) * 1000;
  }

  function callback(name, arg) {
    var fn = W[name];
    if (typeof fn !== 'function') return;
    try {
      if (arguments.length > 1) fn(arg); else fn();
    } catch (error) { if (W.console) W.console.error(error); }
  }

  function el(tag, className, text) {
    var node = D.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function css(color) {
    return [
      'jdiv{display:block;box-sizing:border-box;font-family:Arial,Helvetica,sans-serif}',
      '#jvLabelWrap{position:fixed;bottom:0;right:40px;z-index:2147483646;background:linear-gradient(95deg,' + color + ' 20%,' + color +
        ' 80%);color:#fff;border-radius:8px 8px 0 0;padding:12px 22px;font-size:15px;cursor:pointer;max-width:calc(100vw - 80px)}',
      '#jcont{position:fixed;bottom:0;right:30px;width:360px;height:480px;z-index:2147483647;background:#fff;border-radius:10px 10px 0 0;' +
        'box-shadow:0 6px 28px rgba(0,0,0,.25);display:none;flex-direction:column}',
      '#jcont.jv-open{display:flex}',
      '.' + K.header.split(' ')[0] + '{background:' + color + ';color:#fff;padding:14px 44px 14px 16px;border-radius:10px 10px 0 0;min-height:58px}',
      '.' + K.agentName.split(' ')[0] + '{font-weight:bold;font-size:15px} .' + K.agentTitle.split(' ')[0] + '{font-size:12px;opacity:.9}',
      '#jivo_close_button{position:absolute;top:14px;right:14px;width:24px;height:24px;border-radius:50%;background:#fff;color:#222;text-align:center;line-height:24px;cursor:pointer}',
      '.' + K.messages.split(' ')[0] + '{flex:1;overflow-y:auto;padding:12px;background:#f4f6f8}',
      '.' + K.message.split(' ')[0] + '{margin:6px 0;max-width:80%}',
      '.' + K.fromClient.split(' ')[0] + '{margin-left:auto;text-align:right}',
      '.' + K.fromClient.split(' ')[0] + ' .' + K.text.split(' ')[0] + '{background:' + color + ';color:#fff}',
      '.' + K.text.split(' ')[0] + '{display:inline-block;background:#fff;border-radius:12px;padding:8px 12px;font-size:14px;color:#222}',
      '.' + K.author.split(' ')[0] + '{font-size:11px;color:#777;margin:0 4px 2px}',
      '.' + K.system.split(' ')[0] + '{text-align:center;color:#888;font-size:12px;margin:8px 0}',
      '.' + K.typing.split(' ')[0] + '{font-size:12px;color:#888;font-style:italic;padding:0 12px;min-height:16px}',
      '.' + K.inputWrap.split(' ')[0] + '{display:flex;align-items:center;border-top:1px solid #e5e5e5;padding:8px}',
      '.' + K.input.split(' ')[0] + '{flex:1;border:0;resize:none;outline:none;font:14px Arial,sans-serif;height:38px}',
      '.' + K.send.split(' ')[0] + '{width:34px;height:34px;border-radius:50%;background:' + color + ';color:#fff;text-align:center;line-height:34px;cursor:pointer}',
      '.' + K.form.split(' ')[0] + '{padding:14px;overflow-y:auto;flex:1}',
      '.' + K.form.split(' ')[0] + ' input,.' + K.form.split(' ')[0] + ' textarea{width:100%;box-sizing:border-box;border:1px solid #ccc;border-radius:6px;padding:8px;margin:4px 0 10px;font:14px Arial,sans-serif}',
      '.' + K.form.split(' ')[0] + ' textarea{height:80px;resize:none}',
      '.' + K.form.split(' ')[0] + ' button{width:100%;padding:10px;border:0;border-radius:6px;background:' + color + ';color:#fff;font-size:15px;cursor:pointer}',
      '.' + K.invitation.split(' ')[0] + '{position:fixed;right:40px;bottom:56px;width:300px;background:#fff;border-radius:10px;box-shadow:0 4px 20px rgba(0,0,0,.2);padding:12px;z-index:2147483646;cursor:pointer}'
    ].join('\n');
  }

  // ---- rendering -------------------------------------------------------------------------
  function headerHtmlFill(header) {
    header.innerHTML = '';
    var who = C.mode === 'bot' ? C.bot : (agentAccepted || invitationShown) && (C.agent || C.greeting_agent) ? (agentAccepted ? C.agent : C.greeting_agent) : null;
    header.appendChild(el('jdiv', K.agentName, who ? who.name : C.name));
    header.appendChild(el('jdiv', K.agentTitle, who ? (who.title || C.name) : (C.online ? 'We are online' : 'We are offline')));
  }

  function messageNode(entry) {
    if (entry.kind === 'system') return el('jdiv', K.system, entry.text);
    var node = el('jdiv', K.message + ' ' + (entry.kind === 'client' ? K.fromClient : K.fromAgent));
    if (entry.kind !== 'client') node.appendChild(el('jdiv', K.author, entry.name));
    node.appendChild(el('jdiv', K.text, entry.text));
    return node;
  }

  function renderWindow() {
    win.innerHTML = '';
    var action = el('jdiv', K.window);
    action.id = 'jivo_action';
    action.setAttribute('dir', 'ltr');
    var close = el('jdiv', K.close, '\u00d7');
    close.id = 'jivo_close_button';
    close.addEventListener('click', function () { api.close(); });
    action.appendChild(close);
    win.appendChild(action);
    var header = el('jdiv', K.header);
    headerHtmlFill(header);
    win.appendChild(header);
    if (view === 'offline') {
      var form = el('form', K.form);
      form.noValidate = true;
      form.innerHTML = '<jdiv style="font-weight:bold;font-size:16px;margin-bottom:6px"></jdiv><jdiv style="font-size:13px;color:#555;margin-bottom:10px"></jdiv>' +
        '<label>Name<input name="name" type="text" autocomplete="name"></label>' +
        '<label>E-mail<input name="email" type="email" autocomplete="email"></label>' +
        '<label>Phone<input name="phone" type="tel" autocomplete="tel"></label>' +
        '<label>Message<textarea name="message"></textarea></label>' +
        '<jdiv class="formError" style="color:#c92a2a;font-size:12px;margin-bottom:6px"></jdiv><button type="submit" class="' + K.submit + '">Send message</button>';
      form.querySelectorAll('jdiv')[0].textContent = C.offline_title || 'We are offline';
      form.querySelectorAll('jdiv')[1].textContent = C.offline_text || 'Leave a message.';
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var data = {
          name: form.elements.name.value.trim(), email: form.elements.email.value.trim(),
          phone: form.elements.phone.value.trim(), message: form.elements.message.value.trim()
        };
        if (!data.name || (!/.+@.+\..+/.test(data.email) && !data.phone) || !data.message) {
          form.querySelector('.formError').textContent = 'Please enter your name, an e-mail or phone, and a message.';
          return;
        }
        contact.client_name = data.name;
        contact.email = data.email || null;
        contact.phone = data.phone || null;
        view = 'offline-sent';
        renderWindow();
        BED.state('offline message left', data);
        BED.say('system', 'Thank you! Your message has been sent. We will contact you soon.');
        callback('jivo_onIntroduction');
      });
      win.appendChild(form);
      return;
    }
    if (view === 'offline-sent') {
      var done = el('jdiv', K.messages);
      done.appendChild(el('jdiv', K.system, 'Thank you! Your message has been sent. We will contact you soon.'));
      win.appendChild(done);
      return;
    }
    var list = el('jdiv', K.messages);
    list.id = 'jivo_chat_messages';
    history.forEach(function (entry) { list.appendChild(messageNode(entry)); });
    win.appendChild(list);
    win.appendChild(el('jdiv', K.typing));
    var wrap = el('jdiv', K.inputWrap);
    var input = el('textarea', K.input);
    input.setAttribute('placeholder', 'Type your message here');
    input.setAttribute('maxlength', '1000');
    input.setAttribute('rows', '1');
    input.setAttribute('enterkeyhint', 'send');
    var send = el('jdiv', K.send, '\u27a4');
    send.setAttribute('title', 'Send message');
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        submit(input);
      }
    });
    send.addEventListener('click', function () { submit(input); });
    wrap.appendChild(input);
    wrap.appendChild(send);
    win.appendChild(wrap);
    list.scrollTop = list.scrollHeight;
  }

  function append(entry) {
    history.push(entry);
    if (view !== 'chat') return;
    var list = win.querySelector('.' + K.messages.split(' ')[0]);
    if (list) {
      list.appendChild(messageNode(entry));
      list.scrollTop = list.scrollHeight;
    }
    if (entry.kind === 'agent') {
      var header = win.querySelector('.' + K.header.split(' ')[0]);
      if (header) headerHtmlFill(header);
    }
    if (!opened && entry.kind === 'agent') unread += 1;
  }

  function typing(text) {
    var box = win.querySelector('.' + K.typing.split(' ')[0]);
    if (box) box.textContent = text || '';
  }

  function renderLabel() {
    if (C.custom_label) return;            // Jivo draws no label: the site is meant to call jivo_api.open()
    label = el('jdiv', K.label + ' notranslate ' + (C.online ? K.online : K.offline));
    label.id = 'jvLabelWrap';
    label.setAttribute('translate', 'no');
    label.appendChild(el('jdiv', K.labelText, C.online ? (C.label_online || 'Chat with us, we are online!') : (C.label_offline || 'Send us a message')));
    label.addEventListener('click', function () { api.open(); });
    var holder = el('jdiv', K.labelBox);
    holder.setAttribute('translate', 'no');
    holder.appendChild(label);
    root.firstChild.appendChild(holder);
  }

  function setOpen(value, why) {
    if (destroyed || opened === value) return {result: 'ok'};
    opened = value;
    win.className = value ? 'notranslate jv-open' : 'notranslate';
    if (label) label.style.display = value ? 'none' : '';
    var invitation = D.querySelector('.' + K.invitation.split(' ')[0]);
    if (invitation && value) invitation.remove();
    BED.state(value ? 'opened' : 'closed', why ? {by: why} : undefined);
    if (value) {
      unread = 0;
      callback('jivo_onOpen');
      callback('jivo_onChangeState', 'chat');
      var input = win.querySelector('textarea');
      if (input) input.focus();
    } else {
      callback('jivo_onClose');
      callback('jivo_onChangeState', 'label');
    }
    callback('jivo_onResizeCallback');
    return {result: 'ok'};
  }

  // ---- the conversation ------------------------------------------------------------------
  function submit(input) {
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    var first = visitorMessages === 0 && !history.some(function (e) { return e.kind === 'client'; });
    append({kind: 'client', text: text});
    BED.say('visitor', text);
    if (first) {
      callback('jivo_onMessageSent');
      if (!invitationShown) callback('jivo_onClientStartChat');
    }
    operator();
  }

  function agentSays(who, text, author) {
    typing('');
    append({kind: 'agent', name: who.name, text: text});
    BED.say(author, text, {name: who.name});
    callback('jivo_onMessageReceived');
  }

  function systemSays(text) {
    append({kind: 'system', text: text});
    BED.say('system', text);
  }

  function operator() {
    visitorMessages += 1;
    if (C.mode === 'bot') {
      var replies = C.bot_replies || ['Hello!'];
      var reply = replies[Math.min(botTurn, replies.length - 1)];
      botTurn += 1;
      setTimeout(function () { typing(C.bot.name + ' is typing...'); }, 200);
      setTimeout(function () { agentSays(C.bot, reply, 'bot'); }, 700);
      return;
    }
    if (!C.online || !C.agent) return;
    if (visitorMessages === 1) {
      if (C.ack) setTimeout(function () { systemSays(C.ack); }, 300);
      var delay = agentDelayMs();
      setTimeout(function () {
        agentAccepted = true;
        callback('jivo_onAccept');
        var header = win.querySelector('.' + K.header.split(' ')[0]);
        if (header) headerHtmlFill(header);
        typing(C.agent.name + ' is typing...');
      }, Math.max(400, delay - 1200));
      setTimeout(function () { agentSays(C.agent, C.reply, 'agent'); }, Math.max(800, delay));
    } else if (agentAccepted && C.followup) {
      setTimeout(function () { typing(C.agent.name + ' is typing...'); }, 500);
      setTimeout(function () { agentSays(C.agent, C.followup, 'agent'); }, 2500);
    }
  }

  function proactive(text, departmentId) {
    if (destroyed || !C.online || view !== 'chat') return {result: 'fail', reason: 'Widget is offline'};
    var who = C.greeting_agent || C.agent || {name: C.name};
    invitationShown = true;
    append({kind: 'agent', name: who.name, text: text});
    BED.say('greeting', text, {name: who.name, department_id: departmentId || null});
    setOpen(true, 'proactive invitation');
    return {result: 'ok'};
  }

  // ---- the API ---------------------------------------------------------------------------
  var api = {
    open: function (params) {
      if (params && params.start === 'call') return {result: 'fail', reason: 'Callback is disabled'};
      return setOpen(true, 'api');
    },
    close: function () { return setOpen(false); },
    chatMode: function () { return C.online ? 'online' : 'offline'; },
    showProactiveInvitation: function (text, departmentId) { return proactive(String(text), departmentId); },
    setWidgetColor: function (color) {
      styleEl.textContent = css(color);
      return {result: 'ok'};
    },
    startCall: function () { return {result: 'fail', reason: 'Callback is disabled'}; },
    sendOfflineMessage: function (data) {
      if (C.online) return {result: 'fail', error: 'Widget is online'};
      data = data || {};
      contact.client_name = data.name || contact.client_name;
      contact.email = data.email || contact.email;
      contact.phone = data.phone || contact.phone;
      BED.state('offline message left', {name: data.name, email: data.email, phone: data.phone, message: data.message, by: 'api'});
      return {result: 'ok'};
    },
    sendPageTitle: function () { return {result: 'ok'}; },
    setContactInfo: function (info) {
      info = info || {};
      contact.client_name = info.name || contact.client_name;
      contact.email = info.email || contact.email;
      contact.phone = info.phone || contact.phone;
      contact.description = info.description || contact.description;
      return {result: 'ok'};
    },
    setClientAttributes: function () { return {result: 'ok'}; },
    setCustomData: function () { return {result: 'ok'}; },
    setUserToken: function () { return {result: 'ok'}; },
    setRules: function () { return {result: 'ok'}; },
    getContactInfo: function () {
      return {client_name: contact.client_name, email: contact.email, phone: contact.phone, description: contact.description};
    },
    getVisitorNumber: function (cb) { setTimeout(function () { cb(null, 48213); }, 0); },
    getUnreadMessagesCount: function () { return unread; },
    getUtm: function () { return {content: null, campaign: null, source: null, medium: null, term: null}; },
    isCallbackEnabled: function (cb) { cb({result: 'fail', reason: 'Callback is disabled'}); },
    clearHistory: function () {
      history = [];
      if (view === 'chat') renderWindow();
      return {result: 'ok'};
    }
  };

  function destroy() {
    if (destroyed) return;
    destroyed = true;
    [root, iframeBox, styleEl].forEach(function (node) { if (node && node.parentNode) node.parentNode.removeChild(node); });
    BED.state('destroyed');
    callback('jivo_onWidgetDestroy');
  }

  function init(config) {
    C = config;
    W.jivo_config = {widget_id: WIDGET_ID, site_id: 1184203, widget_color: C.color, locale: 'en_EU', chat_mode: C.online ? 'online' : 'offline'};
    styleEl = el('style');
    styleEl.textContent = css(C.color);
    (D.head || D.documentElement).appendChild(styleEl);
    iframeBox = el('div');
    iframeBox.id = 'jivo-iframe-container';
    iframeBox.setAttribute('style', 'opacity: 0; visibility: hidden; width: 0px; height: 0px; overflow: hidden;');
    iframeBox.innerHTML = '<iframe src="" role="presentation" allow="autoplay" title="Jivochat" name="jivo_container" id="jivo_container" frameborder="no"></iframe>';
    D.body.appendChild(iframeBox);
    root = el('jdiv');
    var global = el('jdiv', K.global + ' ' + K.theme + ' jv-chrome jv-desktop');
    root.appendChild(global);
    var player = el('jdiv', K.player);
    player.id = 'jivo-player';
    global.appendChild(player);
    win = el('jdiv', 'notranslate');
    win.id = 'jcont';
    win.setAttribute('translate', 'no');
    global.appendChild(win);
    D.body.appendChild(root);
    view = C.online ? 'chat' : 'offline';
    renderLabel();
    renderWindow();
    W.jivo_api = api;
    W.jivo_init = function () { if (destroyed) { destroyed = false; init(C); } };
    W.jivo_destroy = destroy;
    BED.state(C.online ? 'online' : 'offline');
    if (!C.online) BED.state('offline form shown');
    if (C.custom_label) BED.state('hidden', {why: 'custom label: Jivo draws no label'});
    BED.state('loaded');
    callback('jivo_onLoadCallback');
    if (C.online && C.greeting && C.mode !== 'bot') {
      setTimeout(function () { if (!opened || history.length === 0) proactive(C.greeting); }, 1500);
    }
  }

  function load() {
    fetch(location.origin + '/code.jivosite.com/script/widget/config/' + encodeURIComponent(WIDGET_ID), {credentials: 'omit'})
      .then(function (response) { return response.text(); })
      .then(function (text) {
        try {
          return JSON.parse(text);
        } catch (error) {
          BED.state('failed to load', {error: String(error)});
          throw error;
        }
      })
      .then(function (config) {
        if (D.body) init(config);
        else D.addEventListener('DOMContentLoaded', function () { init(config); });
      });
  }

  load();
})();
