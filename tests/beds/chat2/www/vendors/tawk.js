/*
 * tawk.to STAND-IN for the chat bed. It is not tawk.to's code: it was written from tawk.to's public
 * documentation and from how the real widget looks on real sites, without reading the adapters under test.
 *
 * Documentation followed:
 *  - https://developer.tawk.to/jsapi/ (JavaScript API): Tawk_API / Tawk_LoadStart, callbacks onLoad,
 *    onStatusChange(status: 'online' | 'away' | 'offline'), onBeforeLoad, onChatMaximized, onChatMinimized,
 *    onChatHidden, onChatStarted, onChatEnded, onPrechatSubmit(data), onOfflineSubmit(data), onChatMessageVisitor,
 *    onChatMessageAgent, onChatMessageSystem, onAgentJoinChat(data), onAgentLeaveChat(data), onUnreadCountChanged;
 *    methods maximize, minimize, toggle, popup, getWindowType, showWidget, hideWidget, toggleVisibility,
 *    getStatus, isChatMaximized, isChatMinimized, isChatHidden, isChatOngoing, isVisitorEngaged, endChat,
 *    setAttributes, addEvent, addTags, removeTags, visitor, autoStart, start, shutdown, customStyle.
 *  - https://github.com/tawk/tawk-messenger-vue-3/blob/master/docs/api-reference.md (the same API, written out):
 *    onOfflineSubmit gets {name, email, message, questions: []}; onAgentJoinChat gets {name, position, image, id};
 *    onAgentLeaveChat gets {name, id}; onLoaded / onBeforeLoaded are booleans once loaded.
 *  - tawk's own wrappers (tawk/tawk-messenger-vue, -react, -angular) listen to window CustomEvents named
 *    'tawkLoad', 'tawkStatusChange' (detail: status), 'tawkChatMessageAgent' (detail: message), ...: the
 *    widget fires them next to the Tawk_API callbacks, so this does too.
 *  - https://docs.tawk.help/article/how-do-settings-and-interactions-change-the-widgets-appearance
 *    (Chat card; with cards the visitor clicks "New Conversation"; the Pre-Chat Form comes before the chat).
 *  - https://community.tawk.to/t/ai-assist-how-to-teach-apollo-ai-to-transfer-chats-to-human-agents/2534
 *    (tawk's AI Assist bot is called Apollo).
 *
 * A real site's SELF-HOSTED copy of the embed script (github.com/kissy2/Php-company-website-template,
 * assets/js/chatbot.js, read as reference, not copied) shows what the embed script carries inline: the globals
 * $_Tawk_AccountKey, $_Tawk_WidgetId, $_Tawk_Unstable, $_Tawk.widgetSettings (pos, offlineForm with fields Name,
 * Email, Message; prechatForm) and the widget's strings ("#n has joined the conversation", "Your message was sent
 * successfully!", "Start Chat", "Submit", ...); this stand-in sets the same globals and uses those strings.
 * Where the docs are silent this follows saved pages of real sites running tawk.to (public GitHub files):
 *  the embed script adds <script async charset="UTF-8" src="https://embed.tawk.to/_s/v4/app/<build>/languages/en.js">,
 *  then a <div id="<random><timestamp>" class="widget-visible"> holding three <iframe src="about:blank"
 *  title="chat widget"> (bubble 64x60, chat panel 350px wide with display:none until maximized, message preview),
 *  styled with long "!important" rules; hidden, the container's class is "widget-hidden". Inside the frames:
 *  tawk-* classes (tawk-min-container, tawk-button, tawk-message-block, tawk-chat-bubble tawk-agent-chat-bubble /
 *  tawk-visitor-chat-bubble, textarea.tawk-chatinput-editor "Type here and press enter..",
 *  .tawk-chatinput-send-container button.tawk-chatinput-send).
 * NOT documented, chosen here (see README): the message callbacks get the message text (a string); the
 * welcome message (greeting) fires no message callback; AI Assist replies come through onChatMessageAgent;
 * onPrechatSubmit gets [{label, answer}, ...]; the order at start is onBeforeLoad, onStatusChange, onLoad.
 */
(function () {
  'use strict';
  var INLINE = /*@@BED_INLINE@@*/null;
/*@@BED_TRUTH@@*/
  var W = window, D = document;
  var SETTINGS = INLINE.settings || {};
  var P = SETTINGS.property || {};
  var ids = String(INLINE.account).split('/');
  W.$_Tawk_AccountKey = ids[0];
  W.$_Tawk_WidgetId = ids[1] || 'default';
  W.$_Tawk_Unstable = false;
  W.$_Tawk = W.$_Tawk || {};
  var API = W.Tawk_API = W.Tawk_API || {};
  BED.state('loading');

  var theme, position;
  try {
    theme = SETTINGS.widget.theme;           // a property published without its widget block throws here
    position = SETTINGS.widget.position || 'br';
    W.$_Tawk.widgetSettings = {
      t: 'inline', pos: position, lc: 'en', thm: {aBblBg: theme.color, vBblBg: '#e5e5e5'},
      offlineForm: {shortMessage: 'Send message', fields: [
        {label: 'Name', isRequired: true, type: 'name'}, {label: 'Email', isRequired: true, type: 'email'},
        {label: 'Message', isRequired: true, type: 'message'}]},
      prechatForm: P.prechat ? {fields: [{label: 'Name', isRequired: true, type: 'name'}, {label: 'Email', isRequired: true, type: 'email'}]} : null
    };
  } catch (error) {
    BED.state('failed to load', {error: String(error)});
    throw error;
  }

  var BUILD = '6549ac0173e';
  var T = {};                                 // strings from the language chunk
  var status = 'offline';
  var frames = {};
  var container = null;
  var hidden = false, maximized = false, started = false, ongoing = false, engaged = false;
  var view = 'chat';                          // chat | home | prechat | offline | offline-sent
  var visitorMessages = 0, agentJoined = false, unread = 0, botTurn = 0;
  var chatLog = [];                           // [{kind, html}] rendered into the panel
  var greetingShown = false;

  function agentDelayMs() {
    var n = parseFloat(new URLSearchParams(location.search).get('agent'));
    return (isNaN(n) || n < 0 ? 4 : n) * 1000;
  }

  function fire(name, arg) {
    var fn = API[name];
    if (typeof fn === 'function') {
      try { fn.call(API, arg); } catch (error) { if (W.console) W.console.error(error); }
    }
    try { W.dispatchEvent(new CustomEvent('tawk' + name.slice(2), {detail: arg})); } catch (ignored) { /* old browsers */ }
  }

  function randomId() {
    return Math.random().toString(36).slice(2, 14) + Date.now();
  }

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }

  function clock() {
    var d = new Date();
    return ('0' + d.getHours()).slice(-2) + ':' + ('0' + d.getMinutes()).slice(-2);
  }

  // ---- frames --------------------------------------------------------------------------
  var FRAME_BASE = 'outline:none !important; visibility:visible !important; resize:none !important; ' +
    'box-shadow:none !important; overflow:visible !important; background:none !important; opacity:1 !important; ' +
    'position:fixed !important; border:0 !important; padding:0 !important; margin:0 !important; ' +
    'transition-property:none !important; transform:none !important; background-color:transparent !important; ' +
    'float:none !important; pointer-events:auto !important; clip:auto !important; color-scheme:light !important;';

  function side() {
    return position === 'bl' ? 'left:20px !important; right:auto !important;' : 'right:20px !important; left:auto !important;';
  }

  function frameStyle(width, height, bottom, shown, z, radius) {
    return FRAME_BASE + ' top:auto !important; bottom:' + bottom + 'px !important; ' + side() +
      ' width:' + width + 'px !important; height:' + height + 'px !important; min-width:' + width +
      'px !important; min-height:' + height + 'px !important; max-width:' + width + 'px !important; max-height:' +
      height + 'px !important; display:' + (shown ? 'block' : 'none') + ' !important; z-index:' + z +
      ' !important; border-radius:' + (radius || 'unset') + ' !important;';
  }

  var CSS = [
    '*{box-sizing:border-box} html,body{margin:0;padding:0;font-family:Lato,Helvetica,Arial,sans-serif;font-size:14px;color:#222;background:transparent}',
    '.tawk-button{border:0;cursor:pointer;font:inherit}',
    '.tawk-min-container .tawk-button-circle{width:60px;height:60px;border-radius:50%;background:' + theme.color + ';color:#fff;display:flex;align-items:center;justify-content:center}',
    '.tawk-min-container .tawk-button-circle svg{width:30px;height:30px;fill:#fff}',
    '.tawk-card{background:#fff;border-radius:18px;box-shadow:0 4px 24px rgba(0,0,0,.18);height:100%;display:flex;flex-direction:column;overflow:hidden}',
    '.tawk-header{background:' + theme.color + ';color:#fff;padding:14px 16px;display:flex;align-items:center;justify-content:space-between}',
    '.tawk-header-title{font-weight:700;font-size:16px} .tawk-header-status{font-size:12px;opacity:.9}',
    '.tawk-header .tawk-button{background:transparent;color:#fff;font-size:20px}',
    '.tawk-body{flex:1;overflow-y:auto;padding:12px;background:#f7f7f7}',
    '.tawk-message-block{display:flex;align-items:flex-end;margin-bottom:8px}',
    '.tawk-message-group{flex:1} .tawk-margin-auto-left{margin-left:auto}',
    '.tawk-visitor-chat{justify-content:flex-end;display:flex;align-items:flex-end}',
    '.tawk-agent-chat{display:flex;align-items:flex-end}',
    '.tawk-chat-bubble{padding:8px 12px;border-radius:14px;max-width:240px;word-wrap:break-word}',
    '.tawk-chat-bubble p{margin:0}',
    '.tawk-visitor-chat-bubble{background:' + theme.color + ';color:#fff}',
    '.tawk-agent-chat-bubble{background:#fff;color:#222;border:1px solid #e3e3e3}',
    '.tawk-time-display{font-size:10px;color:#999;margin:0 4px}',
    '.tawk-avatar-small{width:28px;height:28px;border-radius:50%;background:#ccc;color:#fff;font-size:12px;display:flex;align-items:center;justify-content:center;margin-right:6px;flex:none}',
    '.tawk-message-author{font-size:11px;color:#777;margin:2px 0 0 4px}',
    '.tawk-ai-label{display:inline-block;background:#6741d9;color:#fff;border-radius:4px;padding:0 4px;font-size:10px;margin-left:4px}',
    '.tawk-message-system{text-align:center;font-size:12px;color:#777;margin:8px 0}',
    '.tawk-typing{font-size:12px;color:#777;font-style:italic;padding:4px 8px;display:none}',
    '.tawk-chatinput-container{display:flex;border-top:1px solid #e3e3e3;background:#fff;padding:8px}',
    '.tawk-chatinput-editor{flex:1;border:0;resize:none;font:inherit;height:40px;outline:none}',
    '.tawk-chatinput-editor:disabled{background:#f0f0f0}',
    '.tawk-chatinput-send{background:transparent;color:' + theme.color + ';font-size:20px}',
    '.tawk-form{padding:12px;display:flex;flex-direction:column;gap:8px}',
    '.tawk-form label{font-size:12px;color:#555} .tawk-input,.tawk-textarea{width:100%;border:1px solid #ccc;border-radius:6px;padding:8px;font:inherit}',
    '.tawk-textarea{height:90px;resize:none}',
    '.tawk-button-primary{background:' + theme.color + ';color:#fff;border-radius:6px;padding:10px}',
    '.tawk-preview{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.2);padding:12px;margin:4px;cursor:pointer}',
    '.tawk-preview .tawk-text-bold{font-weight:700;font-size:12px;margin-bottom:4px}',
    '.tawk-home-card{background:#fff;border-radius:12px;padding:14px;margin-bottom:10px;border:1px solid #e3e3e3}',
    '.tawk-branding{text-align:center;font-size:10px;color:#aaa;padding:4px;background:#fff}'
  ].join('\n');

  function makeFrame(width, height, bottom, shown, z, radius) {
    var iframe = D.createElement('iframe');
    iframe.src = 'about:blank';
    iframe.setAttribute('frameborder', '0');
    iframe.setAttribute('scrolling', 'no');
    iframe.setAttribute('width', width + 'px');
    iframe.setAttribute('height', height + 'px');
    iframe.setAttribute('style', frameStyle(width, height, bottom, shown, z, radius));
    iframe.id = randomId();
    iframe.className = '';
    iframe.title = 'chat widget';
    container.appendChild(iframe);
    var doc = iframe.contentDocument;
    doc.open();
    doc.write('<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><style>' + CSS + '</style></head><body></body></html>');
    doc.close();
    return {el: iframe, doc: doc, width: width, height: height, bottom: bottom, z: z, radius: radius};
  }

  function showFrame(frame, shown) {
    frame.shownWanted = shown;
    frame.el.setAttribute('style', frameStyle(frame.width, frame.height, frame.bottom, shown && !hidden, frame.z, frame.radius));
  }

  // ---- rendering -------------------------------------------------------------------------
  function statusText() {
    return status === 'online' ? (T.online || 'We are online') : status === 'away' ? (T.away || 'We are away') : (T.offline || 'We are offline');
  }

  function renderBubble() {
    var doc = frames.bubble.doc;
    doc.body.innerHTML =
      '<div class="tawk-min-container"><button type="button" class="tawk-custom-color tawk-outline tawk-button-circle tawk-button tawk-button-large" aria-label="' +
      (maximized ? 'Minimize chat widget' : 'Open chat widget') + '">' +
      (maximized
        ? '<svg viewBox="0 0 24 24"><path d="M7 10l5 5 5-5z"/></svg>'
        : '<svg viewBox="0 0 24 24"><path d="M4 4h16v12H7l-3 3z"/></svg>') +
      '</button></div>';
    doc.querySelector('button').addEventListener('click', function () { API.toggle(); });
  }

  function messageHtml(entry) {
    if (entry.kind === 'system') {
      return '<div class="tawk-message-system tawk-text-regular-2">' + esc(entry.text) + '</div>';
    }
    if (entry.kind === 'visitor') {
      return '<div class="tawk-margin-small-bottom tawk-flex tawk-flex-bottom tawk-message-block">' +
        '<div class="tawk-message-group tawk-flex-1 tawk-margin-auto-left"><div><div id="messageId-' + entry.id +
        '" class="tawk-message-bubble"><div class="tawk-flex tawk-flex-bottom tawk-visitor-chat">' +
        '<div class="tawk-flex-none" style="min-width: 40px;"><time class="tawk-timeago tawk-time-display">' + entry.time +
        '</time></div><div class="tawk-message-body tawk-margin-xsmall-left"><div class="tawk-chat-bubble tawk-visitor-chat-bubble tawk-text-regular-3"><p><span>' +
        esc(entry.text) + '</span></p></div></div></div></div></div></div></div>';
    }
    var initials = entry.name.split(/\s+/).map(function (w) { return w.charAt(0); }).join('').slice(0, 2);
    return '<div class="tawk-margin-small-bottom tawk-flex tawk-flex-bottom tawk-message-block">' +
      '<div class="tawk-avatar tawk-avatar-small tawk-message-profile tawk-flex-none"><div class="tawk-avatar-image">' + esc(initials) +
      '</div></div><div class="tawk-message-group tawk-flex-1"><div><div id="messageId-' + entry.id +
      '" class="tawk-message-bubble"><div class="tawk-flex tawk-flex-bottom tawk-agent-chat"><div class="tawk-message-body tawk-margin-xsmall-left tawk-margin-xsmall-right">' +
      '<div class="tawk-chat-bubble tawk-agent-chat-bubble tawk-text-regular-3"><p><span>' + esc(entry.text) +
      '</span></p></div></div><div class="tawk-flex-none" style="min-width: 40px;"><time class="tawk-timeago tawk-time-display">' + entry.time +
      '</time></div></div></div></div><p class="tawk-margin-xsmall-left tawk-text-regular-2 tawk-text-truncate tawk-message-author">' + esc(entry.name) +
      (entry.ai ? '<span class="tawk-ai-label" title="AI Assist">AI</span>' : '') + '</p></div></div>';
  }

  function renderPanel() {
    var doc = frames.panel.doc;
    var head = '<div class="tawk-header"><div><div class="tawk-header-title">' + esc(P.name || '') +
      '</div><div class="tawk-header-status">' + esc(statusText()) + '</div></div>' +
      '<button type="button" class="tawk-button tawk-header-minimize" aria-label="Minimize">&#8722;</button></div>';
    var body;
    if (view === 'offline') {
      body = '<div class="tawk-body"><form class="tawk-form tawk-offline-form" novalidate>' +
        '<div class="tawk-text-bold">' + esc(P.offline_title || 'We are not online right now') + '</div>' +
        '<div class="tawk-text-regular-2">' + esc(P.offline_text || T.OfflineFormMessage || 'Leave us a message.') + '</div>' +
        '<label for="tawk-offline-name">Name</label><input id="tawk-offline-name" class="tawk-input" name="name" type="text" autocomplete="name">' +
        '<label for="tawk-offline-email">Email</label><input id="tawk-offline-email" class="tawk-input" name="email" type="email" autocomplete="email">' +
        '<label for="tawk-offline-message">Message</label><textarea id="tawk-offline-message" class="tawk-textarea" name="message"></textarea>' +
        '<div class="tawk-form-error" style="color:#c92a2a;font-size:12px"></div>' +
        '<button type="submit" class="tawk-button tawk-button-primary">' + esc(T.SubmitButton || 'Submit') + '</button></form></div>';
    } else if (view === 'offline-sent') {
      body = '<div class="tawk-body"><div class="tawk-message-system">' + esc(sentText()) + '</div></div>';
    } else if (view === 'home') {
      body = '<div class="tawk-body"><div class="tawk-home-card"><div class="tawk-text-regular-3">' + esc(greetingShown ? (P.greeting || '') : '') +
        '</div></div><button type="button" class="tawk-button tawk-button-primary tawk-button-block tawk-new-conversation" style="width:100%">' +
        esc(T.newConversation || 'New Conversation') + '</button></div>';
    } else if (view === 'prechat') {
      var visitor = API.visitor || {};
      body = '<div class="tawk-body"><form class="tawk-form tawk-prechat-form" novalidate>' +
        '<div class="tawk-text-regular-2">' + esc(T.PreChatFormMessage || 'Please fill out the form below.') + '</div>' +
        '<label for="tawk-prechat-name">Name</label><input id="tawk-prechat-name" class="tawk-input" name="name" type="text" value="' + esc(visitor.name || '') + '">' +
        '<label for="tawk-prechat-email">Email</label><input id="tawk-prechat-email" class="tawk-input" name="email" type="email" value="' + esc(visitor.email || '') + '">' +
        '<div class="tawk-form-error" style="color:#c92a2a;font-size:12px"></div>' +
        '<button type="submit" class="tawk-button tawk-button-primary">' + esc(T.StartChatButton || 'Start Chat') + '</button></form>' +
        '</div><div class="tawk-chatinput-container"><textarea class="tawk-chatinput-editor" disabled placeholder="' +
        esc(T.chatInputPlaceholder || 'Type here and press enter..') + '"></textarea>' +
        '<div class="tawk-chatinput-send-container"><button type="button" class="tawk-button tawk-chatinput-send" disabled aria-label="Send">&#10148;</button></div></div>';
    } else {
      body = '<div class="tawk-body tawk-chat-panel">' + chatLog.map(messageHtml).join('') +
        '<div class="tawk-typing"></div></div>' +
        '<div class="tawk-chatinput-container"><textarea class="tawk-chatinput-editor" placeholder="' +
        esc(T.chatInputPlaceholder || 'Type here and press enter..') + '" aria-label="Chat message"></textarea>' +
        '<div class="tawk-chatinput-send-container"><button type="button" class="tawk-button tawk-chatinput-send" aria-label="Send">&#10148;</button></div></div>';
    }
    doc.body.innerHTML = '<div class="tawk-card tawk-max-container">' + head + body +
      '<div class="tawk-branding">Powered by tawk.to</div></div>';
    doc.querySelector('.tawk-header-minimize').addEventListener('click', function () { API.minimize(); });
    wirePanel(doc);
    var scroller = doc.querySelector('.tawk-body');
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }

  function wirePanel(doc) {
    var editor = doc.querySelector('.tawk-chatinput-editor');
    var sendButton = doc.querySelector('.tawk-chatinput-send');
    if (editor && !editor.disabled) {
      editor.addEventListener('keydown', function (event) {
        if (event.key === 'Enter' && !event.shiftKey) {
          event.preventDefault();
          submitText(editor);
        }
      });
      sendButton.addEventListener('click', function () { submitText(editor); });
    }
    var start = doc.querySelector('.tawk-new-conversation');
    if (start) start.addEventListener('click', function () {
      view = P.prechat ? 'prechat' : 'chat';
      if (view === 'prechat') BED.state('prechat form shown');
      renderPanel();
    });
    var offline = doc.querySelector('.tawk-offline-form');
    if (offline) offline.addEventListener('submit', function (event) {
      event.preventDefault();
      var data = {
        name: offline.elements.name.value.trim(),
        email: offline.elements.email.value.trim(),
        message: offline.elements.message.value.trim(),
        questions: []
      };
      var problem = formProblem(data.name, data.email, data.message);
      if (problem) {
        offline.querySelector('.tawk-form-error').textContent = problem;
        return;
      }
      view = 'offline-sent';
      renderPanel();
      BED.state('offline message left', {name: data.name, email: data.email, message: data.message});
      BED.say('system', sentText());
      fire('onOfflineSubmit', data);
    });
    var prechat = doc.querySelector('.tawk-prechat-form');
    if (prechat) prechat.addEventListener('submit', function (event) {
      event.preventDefault();
      var name = prechat.elements.name.value.trim(), email = prechat.elements.email.value.trim();
      var problem = formProblem(name, email, null);
      if (problem) {
        prechat.querySelector('.tawk-form-error').textContent = problem;
        return;
      }
      view = 'chat';
      renderPanel();
      BED.state('prechat submitted', {name: name, email: email});
      BED.state('composer enabled');
      fire('onPrechatSubmit', [{label: 'Name', answer: name}, {label: 'Email', answer: email}]);
      var editor2 = frames.panel.doc.querySelector('.tawk-chatinput-editor');
      if (editor2) editor2.focus();
    });
  }

  function sentText() {
    return P.offline_sent || T.OfflineMessageSent || 'Your message was sent successfully!';
  }

  function formProblem(name, email, message) {
    if (!name) return T.NameErrorMessage || 'Name must be provided.';
    if (!/.+@.+\..+/.test(email)) return T.EmailErrorMessage || 'Invalid email address.';
    if (message !== null && (!message || message.length > 500)) return T.MessageErrorMessage || 'Message is required.';
    return '';
  }

  function renderPreview(entry) {
    var doc = frames.preview.doc;
    doc.body.innerHTML = '<div class="tawk-preview" id="tawk-message-preview"><div class="tawk-text-bold">' + esc(entry.name) +
      '</div><div class="tawk-text-regular-2">' + esc(entry.text) + '</div></div>';
    doc.querySelector('.tawk-preview').addEventListener('click', function () { API.maximize(); });
    showFrame(frames.preview, !maximized);
  }

  function add(entry) {
    entry.id = randomId();
    entry.time = clock();
    chatLog.push(entry);
    if (view === 'chat') {
      var doc = frames.panel.doc;
      var scroller = doc.querySelector('.tawk-chat-panel');
      if (scroller) {
        var holder = doc.createElement('div');
        holder.innerHTML = messageHtml(entry);
        scroller.insertBefore(holder.firstChild, scroller.querySelector('.tawk-typing'));
        scroller.scrollTop = scroller.scrollHeight;
      }
    }
    if (!maximized && entry.kind !== 'visitor') {
      if (entry.kind !== 'system') renderPreview(entry);
      unread += 1;
      fire('onUnreadCountChanged', unread);
    }
  }

  function typing(text) {
    var box = frames.panel.doc.querySelector('.tawk-typing');
    if (!box) return;
    box.textContent = text || '';
    box.style.display = text ? 'block' : 'none';
  }

  // ---- the conversation ------------------------------------------------------------------
  function submitText(editor) {
    var text = editor.value.trim();
    if (!text) return;
    editor.value = '';
    if (!ongoing) {
      ongoing = true;
      engaged = true;
      fire('onChatStarted');
    }
    add({kind: 'visitor', text: text});
    BED.say('visitor', text);
    fire('onChatMessageVisitor', text);
    operator(text);
  }

  function systemSay(text) {
    add({kind: 'system', text: text});
    BED.say('system', text);
    fire('onChatMessageSystem', text);
  }

  function agentSay(who, text, author, ai) {
    typing('');
    add({kind: 'agent', name: who.name, text: text, ai: !!ai});
    BED.say(author, text, {name: who.name});
    fire('onChatMessageAgent', text);
  }

  function operator() {
    visitorMessages += 1;
    if (P.mode === 'bot') {
      var bot = P.bot || {name: 'Apollo'};
      var replies = P.bot_replies || ['I am an AI assistant.'];
      var reply = replies[Math.min(botTurn, replies.length - 1)];
      botTurn += 1;
      setTimeout(function () { typing(bot.name + ' is typing...'); }, 250);
      setTimeout(function () { agentSay(bot, reply, 'bot', true); }, 900);
      return;
    }
    if (status !== 'online' || !P.agent) return;
    if (visitorMessages === 1) {
      if (P.ack) setTimeout(function () { systemSay(P.ack); }, 300);
      var delay = agentDelayMs();
      setTimeout(function () {
        agentJoined = true;
        var joined = {name: P.agent.name, position: P.agent.position || '', image: '', id: P.agent.id || ''};
        systemSay((T.AGENT_JOIN_CONVERSATION || '#n has joined the conversation').replace('#n', P.agent.name));
        fire('onAgentJoinChat', joined);
        typing(P.agent.name + ' is typing...');
      }, Math.max(400, delay - 1500));
      setTimeout(function () { agentSay(P.agent, P.reply, 'agent'); }, Math.max(800, delay));
    } else if (agentJoined && P.followup) {
      setTimeout(function () { typing(P.agent.name + ' is typing...'); }, 600);
      setTimeout(function () { agentSay(P.agent, P.followup, 'agent'); }, 2500);
    }
  }

  function showGreeting() {
    if (greetingShown || !P.greeting || status !== 'online' || hidden) return;   // shown once the widget is
    greetingShown = true;
    var from = P.mode === 'bot' && P.bot ? P.bot : {name: P.name};
    if (view === 'home') {
      renderPanel();
      renderPreview({name: from.name, text: P.greeting});
    } else {
      add({kind: 'agent', name: from.name, text: P.greeting, ai: P.mode === 'bot'});
    }
    BED.say('greeting', P.greeting, {name: from.name});
  }

  // ---- the API ---------------------------------------------------------------------------
  function setHidden(value) {
    hidden = value;
    container.className = value ? 'widget-hidden' : 'widget-visible';
    showFrame(frames.bubble, true);
    showFrame(frames.panel, maximized);
    showFrame(frames.preview, frames.preview.shownWanted && !maximized);
    BED.state(value ? 'hidden' : 'shown');
    if (value) fire('onChatHidden');
    else if (!greetingShown && P.greeting && status === 'online') setTimeout(showGreeting, 1200);
  }

  function setMaximized(value) {
    if (hidden && value) setHidden(false);
    if (maximized === value) return;
    maximized = value;
    showFrame(frames.panel, value);
    if (value) {
      showFrame(frames.preview, false);
      unread = 0;
      fire('onUnreadCountChanged', 0);
    }
    renderBubble();
    BED.state(value ? 'opened' : 'closed');
    fire(value ? 'onChatMaximized' : 'onChatMinimized');
    if (value) {
      var editor = frames.panel.doc.querySelector('.tawk-chatinput-editor');
      if (editor && !editor.disabled) editor.focus();
    }
  }

  function defineApi() {
    API.maximize = function () { setMaximized(true); };
    API.minimize = function () { setMaximized(false); };
    API.toggle = function () { setMaximized(!maximized); };
    API.popup = function () { setMaximized(true); };
    API.getWindowType = function () { return 'inline'; };
    API.showWidget = function () { if (hidden) setHidden(false); };
    API.hideWidget = function () { if (!hidden) setHidden(true); };
    API.toggleVisibility = function () { setHidden(!hidden); };
    API.getStatus = function () { return status; };
    API.isChatMaximized = function () { return maximized; };
    API.isChatMinimized = function () { return !maximized; };
    API.isChatHidden = function () { return hidden; };
    API.isChatOngoing = function () { return ongoing; };
    API.isVisitorEngaged = function () { return engaged; };
    API.widgetPosition = function () { return position; };
    API.endChat = function () {
      if (!ongoing) return;
      ongoing = false;
      systemSay('The chat has ended.');
      fire('onChatEnded');
    };
    API.setAttributes = function (attributes, callback) { if (typeof callback === 'function') callback(); };
    API.addEvent = function (name, metadata, callback) {
      var cb = typeof metadata === 'function' ? metadata : callback;
      if (typeof cb === 'function') cb();
    };
    API.addTags = function (tags, callback) { if (typeof callback === 'function') callback(); };
    API.removeTags = function (tags, callback) { if (typeof callback === 'function') callback(); };
    API.shutdown = function () { if (container) container.style.display = 'none'; };
    API.start = function (options) {
      if (!started) boot();
      if (options && options.showWidget) API.showWidget();
    };
    API.switchWidget = function (data, callback) { if (typeof callback === 'function') callback(); };
  }

  function boot() {
    started = true;
    fire('onBeforeLoad');
    API.onBeforeLoaded = true;
    status = P.status === 'away' ? 'away' : P.status === 'online' ? 'online' : 'offline';
    view = status === 'offline' ? 'offline' : P.cards ? 'home' : 'chat';
    container = D.createElement('div');
    container.id = randomId();
    container.className = 'widget-visible';
    (D.body || D.documentElement).appendChild(container);
    frames.bubble = makeFrame(64, 60, 20, true, 1000003, '');
    frames.panel = makeFrame(350, 520, 98, false, 1000002, '18px');
    frames.preview = makeFrame(360, 110, 90, false, 1000001, '');
    var zIndex = API.customStyle && API.customStyle.zIndex;
    if (zIndex) container.style.zIndex = String(zIndex);
    renderBubble();
    renderPanel();
    if (API.autoStart === false) setHidden(true);
    fire('onStatusChange', status);
    BED.state(status);
    if (view === 'offline') BED.state('offline form shown');
    BED.state('loaded');
    fire('onLoad');
    API.onLoaded = true;
    if (status === 'online' && P.greeting) setTimeout(showGreeting, 1200);
  }

  function loadLanguage() {
    var script = D.createElement('script');
    script.async = true;
    script.charset = 'UTF-8';
    script.src = location.origin + '/embed.tawk.to/_s/v4/app/' + BUILD + '/languages/en.js';
    script.onload = function () {
      T = (W.$_Tawk_i18n && W.$_Tawk_i18n.en) || {};
      defineApi();
      if (API.autoStart !== false) boot();
    };
    script.onerror = function () { BED.state('failed to load', {error: 'language chunk did not load'}); };
    (D.body || D.head || D.documentElement).appendChild(script);
  }

  if (D.readyState === 'loading') D.addEventListener('DOMContentLoaded', loadLanguage);
  else loadLanguage();
})();
