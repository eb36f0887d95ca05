/*
 * Crisp STAND-IN for the chat bed (served as client.crisp.chat/l.js). It is not Crisp's code: it was written from
 * Crisp's public documentation and from how the real chatbox looks on real sites, without reading the adapters
 * under test.
 *
 * Documentation followed:
 *  - https://docs.crisp.chat/guides/chatbox-sdks/web-sdk/dollar-crisp/ and
 *    https://help.crisp.chat/en/article/how-to-use-dollarcrisp-javascript-sdk-10ud15y/ ($crisp, "dollar-crisp"):
 *    $crisp.push(["set", ...]), push(["do", ...]), push(["on", event, callback]), push(["off", event]),
 *    push(["config", ...]) are async-safe (queued before the chatbox loads); $crisp.get(...) and $crisp.is(...) are
 *    not (they exist once Crisp is loaded). is(): chat:opened, chat:closed, chat:visible, chat:hidden, chat:small,
 *    chat:large, session:ongoing, website:available ("true if the website support is online, else false if away").
 *    get(): chat:unread:count, message:text, session:identifier, session:data, user:email, user:phone,
 *    user:nickname, user:avatar, user:company. do: chat:open, chat:close, chat:toggle, chat:show, chat:hide,
 *    message:send [type, content], message:show [type, content], message:read, session:reset, trigger:run.
 *  - https://github.com/crisp-im/crisp-sdk-web (Crisp's own wrapper of $crisp, src/*.ts): the snippet's globals
 *    $crisp (an array until loaded), CRISP_WEBSITE_ID, CRISP_RUNTIME_CONFIG, CRISP_TOKEN_ID, the loader
 *    https://client.crisp.chat/l.js; events session:loaded, chat:initiated, chat:opened, chat:closed, message:sent,
 *    message:received, message:compose:sent, message:compose:received, website:availability:changed; config
 *    hide:on:away, hide:on:mobile, position:reverse, container:index, color:theme; Hugo is Crisp's AI agent.
 *  - https://docs.crisp.chat/references/web-hooks/v1/ and the RTM examples: a message is {type: "text", from:
 *    "user" | "operator", origin: "chat" | "urn:crisp.im:<plugin>:0", content, fingerprint, timestamp, stamped,
 *    user: {user_id, nickname}}. Real exported conversations show chatbot messages with origin "urn:crisp.im:bot:0"
 *    and human operators' with origin "chat"; that is how a bot is marked here.
 *
 * Where the docs are silent this follows saved pages of real sites running Crisp (public GitHub files): a
 * <div class="crisp-client"> with generated "cc-xxxx" classes, theme <style> blocks, and #crisp-chatbox carrying
 * data-full-view / data-position-reverse / data-visible attributes; the chatbox is drawn in the page (no iframe).
 * When support is away Crisp has no separate offline form: the visitor can still write, and the chatbox asks for
 * an email to answer to. NOT documented, chosen here (README): the launcher's aria-label "Open chat", the composer
 * textarea[name="message_field"], trigger (greeting) messages fire message:received with origin "chat" in the
 * name of the operator picked for the trigger, and chat:initiated fires the first time the chatbox opens.
 */
(function () {
  'use strict';
  var INLINE = /*@@BED_INLINE@@*/null;
/*@@BED_TRUTH@@*/
  var W = window, D = document;
  if (W.$crisp && typeof W.$crisp.is === 'function') return;         // loaded twice: Crisp ignores the second
  var WEBSITE_ID = String(W.CRISP_WEBSITE_ID || '');
  var RUNTIME = W.CRISP_RUNTIME_CONFIG || {};
  BED.state('loading');

  var S = null;                                  // the website's chatbox settings
  var handlers = {};
  var clientEl = null, box = null, launcher = null, panel = null, popup = null, list = null, composer = null;
  var opened = false, visible = true, available = false, ongoing = false, initiated = false;
  var unread = 0, visitorMessages = 0, botTurn = 0, operatorJoined = false, emailAsked = false;
  var sessionId = 'session_' + uuid();
  var user = {email: null, phone: null, nickname: null, avatar: null, company: null};
  var sessionData = {};
  var config = {hideOnAway: false, reverse: false, zIndex: 1000000};

  function uuid() {
    return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0;
      return (c === 'x' ? r : (r & 0x3 | 0x8)).toString(16);
    });
  }

  function agentDelayMs() {
    var n = parseFloat(new URLSearchParams(location.search).get('agent'));
    return (isNaN(n) || n < 0 ? 4 : n) * 1000;
  }

  function emit(event, arg) {
    (handlers[event] || []).slice().forEach(function (fn) {
      try { fn(arg); } catch (error) { if (W.console) W.console.error(error); }
    });
  }

  function el(tag, className, text) {
    var node = D.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function message(from, origin, content, who) {
    return {
      type: 'text', from: from, origin: origin, content: content,
      fingerprint: Math.floor(Math.random() * 1e13), timestamp: Date.now(), stamped: true, mentions: [],
      user: who ? {user_id: who.user_id, nickname: who.nickname} : {user_id: sessionId, nickname: user.nickname || ''}
    };
  }

  // ---- rendering -------------------------------------------------------------------------
  function theme(color) {
    return '.crisp-client{all:initial}' +
      '.crisp-client .cc-kv6t{position:fixed;bottom:20px;right:24px;z-index:' + config.zIndex + ';font-family:Helvetica,Arial,sans-serif;font-size:14px}' +
      '.crisp-client .cc-kv6t[data-position-reverse="true"]{right:auto;left:24px}' +
      '.crisp-client .cc-kv6t[data-visible="false"]{display:none !important}' +
      '.crisp-client .cc-1m2mf{display:flex;width:60px;height:60px;border-radius:50%;background:' + color + ';color:#fff;align-items:center;justify-content:center;cursor:pointer;text-decoration:none;position:relative}' +
      '.crisp-client .cc-1m2mf[data-maximized="true"]{display:none}' +
      '.crisp-client .cc-157aw{font-size:26px;line-height:1}' +
      '.crisp-client .cc-15e7b{position:absolute;top:-4px;right:-4px;background:#e03131;color:#fff;border-radius:9px;font-size:11px;padding:1px 6px}' +
      '.crisp-client .cc-1xry{display:none;flex-direction:column;width:360px;height:520px;background:#fff;border-radius:12px;box-shadow:0 6px 30px rgba(0,0,0,.25);overflow:hidden}' +
      '.crisp-client .cc-1xry[data-visible="true"]{display:flex}' +
      '.crisp-client .cc-1ybb{background-image:linear-gradient(125deg,' + color + ' -10%,#3d2410 100%);color:#fff;padding:16px;position:relative}' +
      '.crisp-client .cc-1ybb .cc-t1tle{font-weight:bold;font-size:16px;display:block}' +
      '.crisp-client .cc-1ybb .cc-av4il{font-size:12px;opacity:.9;display:block;margin-top:4px}' +
      '.crisp-client .cc-1ybb .cc-cl0se{position:absolute;top:12px;right:14px;color:#fff;font-size:20px;cursor:pointer;text-decoration:none}' +
      '.crisp-client .cc-me55{flex:1;overflow-y:auto;padding:12px;background:#f5f8fb;display:block}' +
      '.crisp-client .cc-msg{display:block;margin:6px 0;max-width:82%}' +
      '.crisp-client .cc-msg[data-from="user"]{margin-left:auto;text-align:right}' +
      '.crisp-client .cc-msg .cc-n1ck{display:block;font-size:11px;color:#777;margin:0 4px 2px}' +
      '.crisp-client .cc-msg .cc-b4dge{display:inline-block;background:#5c7cfa;color:#fff;border-radius:4px;padding:0 4px;margin-left:4px;font-size:10px}' +
      '.crisp-client .cc-msg .cc-t3xt{display:inline-block;padding:8px 12px;border-radius:14px;background:#fff;color:#222;text-align:left}' +
      '.crisp-client .cc-msg[data-from="user"] .cc-t3xt{background:' + color + ';color:#fff}' +
      '.crisp-client .cc-msg[data-type="field"] input{display:block;margin-top:6px;width:100%;box-sizing:border-box;padding:6px;border:1px solid #ccc;border-radius:6px}' +
      '.crisp-client .cc-msg[data-type="field"] button{margin-top:6px;border:0;border-radius:6px;background:' + color + ';color:#fff;padding:6px 10px;cursor:pointer}' +
      '.crisp-client .cc-typ1ng{display:block;font-size:12px;color:#888;font-style:italic;padding:0 12px;min-height:16px}' +
      '.crisp-client .cc-c0mp{display:flex;align-items:center;border-top:1px solid #e6e6e6;padding:8px;background:#fff}' +
      '.crisp-client .cc-c0mp textarea{flex:1;border:0;outline:none;resize:none;font:14px Helvetica,Arial,sans-serif;height:38px}' +
      '.crisp-client .cc-c0mp .cc-s3nd{border:0;background:' + color + ';color:#fff;width:34px;height:34px;border-radius:50%;cursor:pointer}' +
      '.crisp-client .cc-p0pup{position:absolute;bottom:72px;right:0;width:260px;background:#fff;border-radius:10px;box-shadow:0 4px 18px rgba(0,0,0,.2);padding:10px;cursor:pointer}' +
      '.crisp-client .cc-kv6t[data-position-reverse="true"] .cc-p0pup{right:auto;left:0}';
  }

  function msgNode(entry) {
    var node = el('div', 'cc-msg');
    node.setAttribute('data-from', entry.from);
    node.setAttribute('data-type', entry.type || 'text');
    if (entry.origin) node.setAttribute('data-origin', entry.origin);
    if (entry.from !== 'user' && entry.nickname) {
      var nick = el('span', 'cc-n1ck', entry.nickname);
      if (entry.badge) nick.appendChild(el('span', 'cc-b4dge', entry.badge));
      node.appendChild(nick);
    }
    node.appendChild(el('span', 'cc-t3xt', entry.text));
    return node;
  }

  function availabilityText() {
    return available ? 'Support is online' : (S.away_text ? 'Support is away' : 'Support is away');
  }

  function render() {
    clientEl = el('div', 'crisp-client');
    var styles = el('div', 'cc-l3zb');
    var style = el('style');
    style.type = 'text/css';
    style.textContent = theme(S.color || '#1972f5');
    styles.appendChild(style);
    clientEl.appendChild(styles);
    box = el('div', 'cc-kv6t');
    box.id = 'crisp-chatbox';
    box.setAttribute('lang', 'en');
    box.setAttribute('dir', 'ltr');
    box.setAttribute('data-full-view', 'false');
    box.setAttribute('data-position-reverse', String(config.reverse));
    box.setAttribute('data-availability', available ? 'online' : 'away');
    clientEl.appendChild(box);

    launcher = el('a', 'cc-1m2mf');
    launcher.setAttribute('role', 'button');
    launcher.setAttribute('href', '#');
    launcher.setAttribute('aria-label', 'Open chat');
    launcher.setAttribute('data-maximized', 'false');
    launcher.appendChild(el('span', 'cc-157aw', '\ud83d\udcac'));
    launcher.addEventListener('click', function (event) { event.preventDefault(); setOpen(true); });
    box.appendChild(launcher);

    panel = el('div', 'cc-1xry');
    panel.setAttribute('data-id', 'chat_opened');
    panel.setAttribute('data-visible', 'false');
    var header = el('div', 'cc-1ybb');
    header.appendChild(el('span', 'cc-t1tle', 'Questions? Chat with us!'));
    var availability = el('span', 'cc-av4il', availabilityText());
    availability.setAttribute('data-id', 'availability');
    header.appendChild(availability);
    if (!available && S.away_text) header.appendChild(el('span', 'cc-av4il', S.away_text));
    var close = el('a', 'cc-cl0se', '\u00d7');
    close.setAttribute('role', 'button');
    close.setAttribute('href', '#');
    close.setAttribute('aria-label', 'Close chat');
    close.addEventListener('click', function (event) { event.preventDefault(); setOpen(false); });
    header.appendChild(close);
    panel.appendChild(header);
    list = el('div', 'cc-me55');
    list.setAttribute('data-id', 'messages');
    panel.appendChild(list);
    panel.appendChild(el('span', 'cc-typ1ng'));
    var compose = el('div', 'cc-c0mp');
    composer = el('textarea');
    composer.setAttribute('name', 'message_field');
    composer.setAttribute('placeholder', 'Compose your message...');
    composer.setAttribute('aria-label', 'Compose your message...');
    composer.setAttribute('rows', '1');
    composer.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        sendFromComposer();
      }
    });
    var composing = 0;
    composer.addEventListener('input', function () {
      if (Date.now() - composing > 2000) {
        composing = Date.now();
        emit('message:compose:sent', {type: 'start', excerpt: composer.value.slice(0, 64)});
      }
    });
    var send = el('button', 'cc-s3nd', '\u27a4');
    send.type = 'button';
    send.setAttribute('aria-label', 'Send message');
    send.setAttribute('data-id', 'send');
    send.addEventListener('click', sendFromComposer);
    compose.appendChild(composer);
    compose.appendChild(send);
    panel.appendChild(compose);
    box.appendChild(panel);
    D.body.appendChild(clientEl);
    applyVisibility();
  }

  function applyVisibility() {
    if (!box) return;
    var shown = visible && !(config.hideOnAway && !available);
    box.setAttribute('data-visible', String(shown));
  }

  function setOpen(value) {
    if (!box || opened === value) return;
    if (value && !visible) return;                       // a hidden chatbox does not open
    opened = value;
    launcher.setAttribute('data-maximized', String(value));
    panel.setAttribute('data-visible', String(value));
    if (popup && value) { popup.remove(); popup = null; }
    BED.state(value ? 'opened' : 'closed');
    if (value) {
      unread = 0;
      updateUnread();
      if (!initiated) { initiated = true; emit('chat:initiated'); }
      emit('chat:opened');
      composer.focus();
    } else {
      emit('chat:closed');
    }
  }

  function setVisible(value) {
    if (visible === value) return;
    visible = value;
    if (!value && opened) setOpen(false);
    applyVisibility();
    if (box) BED.state(value ? 'shown' : 'hidden');
  }

  function updateUnread() {
    var badge = launcher.querySelector('.cc-15e7b');
    if (!unread) { if (badge) badge.remove(); return; }
    if (!badge) { badge = el('span', 'cc-15e7b'); badge.setAttribute('data-id', 'chat_unread'); launcher.appendChild(badge); }
    badge.textContent = String(unread);
  }

  function show(entry) {
    list.appendChild(msgNode(entry));
    list.scrollTop = list.scrollHeight;
    if (!opened && entry.from === 'operator') {
      unread += 1;
      updateUnread();
      if (popup) popup.remove();
      popup = el('div', 'cc-p0pup');
      popup.setAttribute('data-id', 'message_popup');
      popup.appendChild(el('span', 'cc-n1ck', entry.nickname || ''));
      popup.appendChild(el('span', 'cc-t3xt', entry.text));
      popup.addEventListener('click', function () { setOpen(true); });
      box.appendChild(popup);
    }
  }

  function typing(text) {
    var node = panel.querySelector('.cc-typ1ng');
    if (node) node.textContent = text || '';
  }

  // ---- the conversation ------------------------------------------------------------------
  function sendFromComposer() {
    var text = composer.value.trim();
    if (!text) return;
    composer.value = '';
    visitorSays(text);
  }

  function visitorSays(text) {
    ongoing = true;
    show({from: 'user', text: text, origin: 'chat'});
    BED.say('visitor', text);
    emit('message:sent', message('user', 'chat', text, null));
    operator();
  }

  function operatorSays(who, origin, text, author, badge) {
    typing('');
    show({from: 'operator', nickname: who.nickname, text: text, origin: origin, badge: badge});
    BED.say(author, text, {name: who.nickname, origin: origin});
    emit('message:compose:received', {type: 'stop', excerpt: ''});
    emit('message:received', message('operator', origin, text, who));
  }

  function composing(who, delay) {
    setTimeout(function () {
      typing(who.nickname + ' is typing...');
      emit('message:compose:received', {type: 'start', excerpt: '', user: {user_id: who.user_id, nickname: who.nickname}});
    }, delay);
  }

  function operator() {
    visitorMessages += 1;
    if (S.mode === 'bot') {
      var replies = S.bot_replies || ['Hello!'];
      var reply = replies[Math.min(botTurn, replies.length - 1)];
      botTurn += 1;
      composing(S.bot, 200);
      setTimeout(function () { operatorSays(S.bot, 'urn:crisp.im:bot:0', reply, 'bot', 'AI Agent'); }, 800);
      return;
    }
    if (!available) {
      if (emailAsked || user.email) return;
      emailAsked = true;
      setTimeout(askEmail, 600);
      return;
    }
    if (!S.agent) return;
    if (visitorMessages === 1) {
      if (S.ack && S.bot) setTimeout(function () { operatorSays(S.bot, 'urn:crisp.im:bot:0', S.ack, 'bot'); }, 300);
      var delay = agentDelayMs();
      setTimeout(function () { operatorJoined = true; }, Math.max(300, delay - 1500));
      composing(S.agent, Math.max(400, delay - 1500));
      setTimeout(function () { operatorSays(S.agent, 'chat', S.reply, 'agent'); }, Math.max(800, delay));
    } else if (operatorJoined && S.followup) {
      composing(S.agent, 500);
      setTimeout(function () { operatorSays(S.agent, 'chat', S.followup, 'agent'); }, 2500);
    }
  }

  function askEmail() {
    var text = S.email_prompt || 'How can we reach you? Leave your email.';
    var node = msgNode({from: 'operator', type: 'field', nickname: S.name, text: text, origin: 'chat'});
    var form = el('form');
    form.noValidate = true;
    var input = el('input');
    input.type = 'email';
    input.name = 'email';
    input.setAttribute('placeholder', 'Enter your email...');
    input.setAttribute('aria-label', 'Your email');
    var ok = el('button', '', 'Send');
    ok.type = 'submit';
    form.appendChild(input);
    form.appendChild(ok);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var email = input.value.trim();
      if (!/.+@.+\..+/.test(email)) { input.style.borderColor = '#e03131'; return; }
      setUserEmail(email);
      form.replaceWith(el('span', 'cc-n1ck', 'We will answer at ' + email));
      var left = Array.prototype.map.call(list.querySelectorAll('.cc-msg[data-from="user"] .cc-t3xt'), function (n) { return n.textContent; });
      BED.state('offline message left', {email: email, message: left.join('\n')});
    });
    node.appendChild(form);
    list.appendChild(node);
    list.scrollTop = list.scrollHeight;
    BED.say('system', text);
  }

  function setUserEmail(email) {
    user.email = email;
    emit('user:email:changed', email);
  }

  // ---- $crisp ----------------------------------------------------------------------------
  var DO = {
    'chat:open': function () { setOpen(true); },
    'chat:close': function () { setOpen(false); },
    'chat:toggle': function () { setOpen(!opened); },
    'chat:show': function () { setVisible(true); },
    'chat:hide': function () { setVisible(false); },
    'message:send': function (args) {
      if (args && args[0] === 'text' && args[1]) visitorSays(String(args[1]));
    },
    'message:show': function (args) {
      if (!args || args[0] !== 'text') return;
      show({from: 'operator', nickname: S.name, text: String(args[1]), origin: 'local'});
      BED.say('system', String(args[1]), {shown_by: 'message:show'});
    },
    'message:read': function () { unread = 0; updateUnread(); },
    'session:reset': function () {
      sessionId = 'session_' + uuid();
      list.innerHTML = '';
      ongoing = false;
      visitorMessages = 0;
      emit('session:loaded', sessionId);
    },
    'trigger:run': function () {},
    'helpdesk:search': function () {},
    'helpdesk:query': function () {}
  };

  var SET = {
    'message:text': function (args) { composer.value = String((args && args[0]) || ''); },
    'user:email': function (args) { setUserEmail(String(args[0])); },
    'user:phone': function (args) { user.phone = String(args[0]); emit('user:phone:changed', user.phone); },
    'user:nickname': function (args) { user.nickname = String(args[0]); emit('user:nickname:changed', user.nickname); },
    'user:avatar': function (args) { user.avatar = String(args[0]); emit('user:avatar:changed', user.avatar); },
    'user:company': function (args) { user.company = args[0]; },
    'session:data': function (args) {
      (args && args[0] || []).forEach(function (pair) { if (Array.isArray(pair)) sessionData[pair[0]] = pair[1]; });
    },
    'session:segments': function () {},
    'session:event': function () {}
  };

  var CONFIG = {
    'hide:on:away': function (args) { config.hideOnAway = !!args[0]; applyVisibility(); },
    'hide:on:mobile': function () {},
    'position:reverse': function (args) {
      config.reverse = !!args[0];
      if (box) box.setAttribute('data-position-reverse', String(config.reverse));
    },
    'container:index': function (args) { config.zIndex = Number(args[0]) || config.zIndex; },
    'color:theme': function () {},
    'availability:tooltip': function () {},
    'hide:vacation': function () {},
    'sound:mute': function () {},
    'show:operator:count': function () {}
  };

  function run(command) {
    if (!Array.isArray(command)) return;
    var kind = command[0], name = command[1], arg = command[2];
    if (kind === 'on' && typeof arg === 'function') (handlers[name] = handlers[name] || []).push(arg);
    else if (kind === 'off') delete handlers[name];
    else if (kind === 'do' && DO[name]) DO[name](arg);
    else if (kind === 'set' && SET[name]) SET[name](arg || []);
    else if (kind === 'config' && CONFIG[name]) CONFIG[name](arg || []);
  }

  var IS = {
    'chat:opened': function () { return opened; },
    'chat:closed': function () { return !opened; },
    'chat:visible': function () { return visible && !(config.hideOnAway && !available); },
    'chat:hidden': function () { return !visible || (config.hideOnAway && !available); },
    'chat:small': function () { return true; },
    'chat:large': function () { return false; },
    'session:ongoing': function () { return ongoing; },
    'website:available': function () { return available; }
  };

  var GET = {
    'chat:unread:count': function () { return unread; },
    'message:text': function () { return composer ? composer.value : ''; },
    'session:identifier': function () { return sessionId; },
    'session:data': function (key) { return key ? sessionData[key] : sessionData; },
    'user:email': function () { return user.email; },
    'user:phone': function () { return user.phone; },
    'user:nickname': function () { return user.nickname; },
    'user:avatar': function () { return user.avatar; },
    'user:company': function () { return user.company; }
  };

  function start(settings) {
    S = settings;
    available = !!S.available;
    var queue = Array.isArray(W.$crisp) ? W.$crisp.slice() : [];
    var crisp = {
      push: function () { for (var i = 0; i < arguments.length; i++) run(arguments[i]); },
      is: function (name) { return IS[name] ? !!IS[name]() : false; },
      get: function (name, key) { return GET[name] ? GET[name](key) : undefined; }
    };
    // commands queued before the chatbox loaded are applied before it is first drawn
    queue.filter(function (c) { return Array.isArray(c) && c[0] !== 'do'; }).forEach(run);
    render();
    W.$crisp = crisp;
    queue.filter(function (c) { return Array.isArray(c) && c[0] === 'do'; }).forEach(run);
    BED.state(available ? 'online' : 'offline');
    if (!IS['chat:hidden']()) BED.state('shown');
    BED.state('loaded');
    setTimeout(function () {
      emit('session:loaded', sessionId);
      if (typeof W.CRISP_READY_TRIGGER === 'function') {
        try { W.CRISP_READY_TRIGGER(); } catch (error) { if (W.console) W.console.error(error); }
      }
      if (available && S.greeting && S.trigger_sender && visitorMessages === 0) {
        setTimeout(function () {
          if (visitorMessages > 0) return;
          show({from: 'operator', nickname: S.trigger_sender.nickname, text: S.greeting, origin: 'chat'});
          BED.say('greeting', S.greeting, {name: S.trigger_sender.nickname, origin: 'chat'});
          emit('message:received', message('operator', 'chat', S.greeting, S.trigger_sender));
        }, 1500);
      }
    }, 120);
  }

  function load() {
    fetch(location.origin + '/client.crisp.chat/settings/website/' + encodeURIComponent(WEBSITE_ID) + '/', {credentials: 'omit'})
      .then(function (response) { return response.json(); })
      .then(function (payload) {
        var website, lang;
        try {
          website = payload.data.website;
          lang = (RUNTIME.locale || website.locale || 'en').split('-')[0];
        } catch (error) {
          BED.state('failed to load', {error: String(error), reason: payload && payload.reason});
          throw error;
        }
        website.lang = lang;
        if (D.body) start(payload.data.chatbox);
        else D.addEventListener('DOMContentLoaded', function () { start(payload.data.chatbox); });
      });
  }

  load();
})();
