// A stand-in for the Bitrix24 site button loader (cdn.bitrix24.*/b<portal>/crm/site_button/loader_*.js)
// and the Open Lines live chat it loads, following Bitrix24's documentation of the widget's
// JavaScript interface (https://helpdesk.bitrix24.com/open/8772927/, .../open/20303858/) and, for
// names and payloads, the widget's published source (imopenlines LiveChat widget: public.js,
// widget.js, const.js, the pull-command and REST-answer handlers):
// - window.BX.SiteButton (the button: init, show, hide, wm.showById) and the button's markup
//   (.b24-widget-button-wrapper, a.b24-widget-button-social-item.b24-widget-button-openline_livechat);
// - BX.LiveChatWidget (the public manager class) with BX.LiveChatWidget.SubscriptionType
//   {configLoaded, widgetOpen, widgetClose, sessionStart, sessionOperatorChange, sessionFinish,
//   operatorMessage, userForm, userMessage, userFile, userVote, every}, VoteType, LocationStyle;
//   the window events 'onBitrixLiveChatSourceLoaded' and 'onBitrixLiveChat' ({detail: {widget,
//   widgetCode, widgetHost}}); the legacy window.BX.LiveChat {openLiveChat, closeLiveChat,
//   addEventListener(el, 'message', fn)};
// - widget.open(), close(), subscribe({type, callback}) -> unsubscribe (callbacks get data; 'every'
//   gets {type, data}), getUserData(), setUserRegisterData(), setCustomData(), addLocalize(), start();
// - payloads: userMessage {id, text}; operatorMessage = the IM pull 'messageChat' params {chatId,
//   dialogId, message: {id, chatId, senderId, recipientId, system, date, text, params}, users: {id:
//   {id, name, first_name, last_name, work_position, bot, ...}}}, for every message not the visitor's
//   (Open Lines' automatic messages are system messages from sender 0); sessionStart {sessionId};
//   sessionOperatorChange {operator: {id, name, firstName, lastName, workPosition, avatar, online}};
//   sessionFinish {sessionId, sessionStatus} (60 = closed);
// - the chat rendered in the page, as Bitrix24 does: .bx-livechat-wrapper.bx-livechat-show, messages,
//   textarea.bx-im-textarea-input (Enter sends) and .bx-im-textarea-send-button.
//
// Behaviour: the line's welcome message (system) greets; when the visitor writes, the session starts
// and the line's automatic answer (system) comes at once; an operator with a human name takes the
// session after agent/2 s and answers after `agent` s. close=N finishes the session.
// Knobs (query string): greet, agent ("never"), status (online | offline), close, throw.
// Every message shown is reported with its true time to POST /__truth.
(() => {
  const q = new URLSearchParams(location.search);
  const num = (k, d) => (q.has(k) ? (q.get(k) === 'never' ? null : Number(q.get(k))) : d);
  const truth = (author, text) => fetch('/__truth', {method: 'POST', body: JSON.stringify({author, text, at: Date.now()})});
  if (q.get('throw') === '1') throw new Error('bitrix24: site button loader failed to initialise');
  const online = (q.get('status') || 'online') === 'online';
  const HOST = 'https://shop.bitrix24.com';
  const BX = window.BX = window.BX || {};

  // ------------------------------------------------------------------ the live chat "source"
  const SubscriptionType = Object.freeze({configLoaded: 'configLoaded', widgetOpen: 'widgetOpen', widgetClose: 'widgetClose',
    sessionStart: 'sessionStart', sessionOperatorChange: 'sessionOperatorChange', sessionFinish: 'sessionFinish',
    operatorMessage: 'operatorMessage', userForm: 'userForm', userMessage: 'userMessage', userFile: 'userFile',
    userVote: 'userVote', every: 'every'});
  const VoteType = Object.freeze({none: 'none', like: 'like', dislike: 'dislike'});
  const LocationStyle = Object.freeze({1: 'top-left', 2: 'top-center', 3: 'top-right', 6: 'bottom-left', 5: 'bottom-center', 4: 'bottom-right'});
  const VISITOR_ID = 4211;
  const OPERATOR = {id: 15, name: 'Maria Ivanova', firstName: 'Maria', lastName: 'Ivanova', workPosition: 'Support', avatar: '', online: true};

  class Widget {
    constructor(config) {
      this.code = config.code; this.host = config.host;
      this.subscribers = {};
      this.localize = {};
      this.customData = [];
      this.wrapper = null;
      this.sessionId = 0;
      this.chatId = 3301;
      this.messageId = 70000;
      this.greeted = false;
    }
    subscribe(params) {
      if (!params || typeof params !== 'object') { console.error('LiveChatWidget.subscribe: params is not a object'); return false; }
      if (!Object.values(SubscriptionType).includes(params.type)) { console.error(`LiveChatWidget.subscribe: subscription type is not correct (${params.type})`); return false; }
      if (typeof params.callback !== 'function') { console.error('LiveChatWidget.subscribe: callback is not a function'); return false; }
      (this.subscribers[params.type] = this.subscribers[params.type] || []).push(params.callback);
      return () => { this.subscribers[params.type] = this.subscribers[params.type].filter((cb) => cb !== params.callback); };
    }
    sendEvent(params) {
      const data = params.data && typeof params.data === 'object' ? params.data : {};
      for (const cb of (this.subscribers[params.type] || []).slice()) { try { cb(data); } catch (err) { console.error(err); } }
      for (const cb of (this.subscribers[SubscriptionType.every] || []).slice()) { try { cb({type: params.type, data}); } catch (err) { console.error(err); } }
      return true;
    }
    open() {
      if (this.wrapper) return true;
      const w = this.wrapper = document.createElement('div');
      w.className = 'bx-livechat-wrapper bx-livechat-show bx-livechat-position-bottom-right';
      w.style.cssText = 'position:fixed;right:16px;bottom:90px;width:360px;height:480px;background:#fff;border:1px solid #ccc;z-index:9999;display:flex;flex-direction:column';
      w.innerHTML = '<div class="bx-livechat-head"><span class="bx-livechat-title">Chat with us</span>' +
        `<span class="bx-livechat-user-name">${online ? 'Online' : 'Our operators are offline; we will reply by email.'}</span>` +
        '<span class="bx-livechat-control-btn bx-livechat-control-btn-close" title="Close"></span></div>' +
        '<div class="bx-livechat-body" style="flex:1;overflow:auto;padding:8px"><div class="bx-im-dialog-list"></div></div>' +
        '<div class="bx-livechat-textarea"><div class="bx-im-textarea" style="display:flex">' +
        '<textarea class="bx-im-textarea-input" placeholder="Enter message..." style="flex:1"></textarea>' +
        '<button class="bx-im-textarea-send-button bx-im-textarea-send-button-bright-arrow" title="Send message"></button></div></div>';
      document.body.appendChild(w);
      const box = w.querySelector('.bx-im-textarea-input');
      const submit = () => { const t = box.value.trim(); box.value = ''; if (t) this.userWrites(t); };
      box.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); submit(); } });
      w.querySelector('.bx-im-textarea-send-button').addEventListener('click', submit);
      w.querySelector('.bx-livechat-control-btn-close').addEventListener('click', () => this.close());
      this.sendEvent({type: SubscriptionType.widgetOpen, data: {}});
      const greet = num('greet', 0.3);
      if (greet !== null && !this.greeted) {
        this.greeted = true;
        setTimeout(() => this.lineMessage(0, 'Welcome! Ask us anything, an operator will answer shortly.', 'greeting'), greet * 1000);
      }
      return true;
    }
    close() {
      if (!this.wrapper) return false;
      this.wrapper.remove(); this.wrapper = null;
      this.sendEvent({type: SubscriptionType.widgetClose, data: {}});
      return true;
    }
    render(who, text) {
      if (!this.wrapper) return;
      const m = document.createElement('div');
      m.className = who === 'visitor' ? 'bx-im-message bx-im-message-self' : 'bx-im-message bx-im-message-opponent';
      m.innerHTML = '<div class="bx-im-message-content"><span class="bx-im-message-content-name"></span> <span class="bx-im-message-content-text"></span></div>';
      m.querySelector('.bx-im-message-content-name').textContent = who === 'visitor' ? '' : who;
      m.querySelector('.bx-im-message-content-text').textContent = text;
      this.wrapper.querySelector('.bx-im-dialog-list').appendChild(m);
    }
    // a message from the line (senderId 0: Open Lines' system messages) or from an operator
    lineMessage(senderId, text, truthAuthor) {
      const message = {id: ++this.messageId, chatId: this.chatId, senderId, recipientId: `chat${this.chatId}`,
        system: senderId === 0 ? 'Y' : 'N', date: new Date().toISOString(), text, params: {}};
      const users = {};
      if (senderId) users[senderId] = {id: senderId, name: OPERATOR.name, first_name: OPERATOR.firstName, last_name: OPERATOR.lastName,
        work_position: OPERATOR.workPosition, color: '#df532d', avatar: '', bot: false, connector: false, extranet: false};
      truth(truthAuthor, text);
      this.render(senderId ? OPERATOR.name : '', text);
      this.sendEvent({type: SubscriptionType.operatorMessage, data: {chatId: this.chatId, dialogId: `chat${this.chatId}`, message, users, files: {}}});
    }
    userWrites(text) {
      const id = ++this.messageId;
      truth('visitor', text);
      this.render('visitor', text);
      this.sendEvent({type: SubscriptionType.userMessage, data: {id, text}});
      if (this.sessionId) return;
      this.sessionId = 5120;
      this.sendEvent({type: SubscriptionType.sessionStart, data: {sessionId: this.sessionId}});
      setTimeout(() => this.lineMessage(0, online
        ? 'Thank you for contacting us! Our operators will reply shortly.'
        : 'Our operators are offline right now. We will answer as soon as we can.', 'system'), 200);
      const agent = num('agent', 3);
      if (online && agent !== null) {
        setTimeout(() => this.sendEvent({type: SubscriptionType.sessionOperatorChange, data: {operator: OPERATOR}}), agent * 500);
        setTimeout(() => this.lineMessage(OPERATOR.id, 'Hi, this is Maria. A service is £89.', 'agent'), agent * 1000);
      }
      const close = num('close', null);
      if (close !== null) {
        setTimeout(() => {
          this.sendEvent({type: SubscriptionType.sessionFinish, data: {sessionId: this.sessionId, sessionStatus: 60}});
          this.close();
          site.hide();
        }, close * 1000);
      }
    }
    getUserData() { return {id: VISITOR_ID, hash: 'a3f1c0de5b6e7f8091a2b3c4d5e6f708', name: '', firstName: '', lastName: '', avatar: '', email: '', phone: '', www: '', gender: 'M', position: ''}; }
    setUserRegisterData() { return true; }
    setCustomData(params) { this.customData.push(params); return true; }
    addLocalize(phrases) { Object.assign(this.localize, phrases || {}); return true; }
    start() { return true; }
    showNotification() { return false; }
  }
  class WidgetPublicManager {
    constructor(config) {
      this.developerInfo = 'Do not use private methods.';
      this.__privateMethods__ = new Widget(config);
      if (typeof window.BX.LiveChat === 'undefined') {
        window.BX.LiveChat = {
          openLiveChat: () => { this.open({openFromButton: true}); },
          closeLiveChat: () => { this.close(); },
          addEventListener: (el, eventName, handler) => {
            if (eventName === 'message') this.subscribe({type: SubscriptionType.userMessage, callback: (event) => handler({origin: HOST, data: JSON.stringify({action: 'sendMessage'}), event})});
          },
          setCookie: () => {}, getCookie: () => {}, sourceDomain: HOST,
        };
      }
    }
    open(params) { return this.__privateMethods__.open(params); }
    close() { return this.__privateMethods__.close(); }
    showNotification(params) { return this.__privateMethods__.showNotification(params); }
    getUserData() { return this.__privateMethods__.getUserData(); }
    setUserRegisterData(params) { return this.__privateMethods__.setUserRegisterData(params); }
    setCustomData(params) { return this.__privateMethods__.setCustomData(params); }
    mutateTemplateComponent() { return false; }
    addLocalize(phrases) { return this.__privateMethods__.addLocalize(phrases); }
    subscribe(params) { return this.__privateMethods__.subscribe(params); }
    start() { return this.__privateMethods__.start(); }
  }
  BX.LiveChatWidget = WidgetPublicManager;
  BX.LiveChatWidget.VoteType = VoteType;
  BX.LiveChatWidget.SubscriptionType = SubscriptionType;
  BX.LiveChatWidget.LocationStyle = LocationStyle;
  window.dispatchEvent(new CustomEvent('onBitrixLiveChatSourceLoaded', {detail: {}}));

  // ------------------------------------------------------------------ the site button
  const button = document.createElement('div');
  button.className = 'b24-widget-button-wrapper b24-widget-button-position-bottom-right b24-widget-button-visible';
  button.innerHTML = '<div class="b24-widget-button-social">' +
    '<a class="b24-widget-button-social-item b24-widget-button-openline_livechat" data-b24-crm-button-widget="openline_livechat" title="Live chat" href="#">Chat</a></div>' +
    '<div class="b24-widget-button-inner-container"><div class="b24-widget-button-icon-container" data-b24-crm-button-icon="openline" style="position:fixed;right:16px;bottom:16px;width:60px;height:60px;border-radius:30px;background:#2fc6f6"></div></div>';
  document.body.appendChild(button);
  let livechat = null;
  const site = BX.SiteButton = {
    init() {},
    show() { button.style.display = ''; },
    hide() { button.style.display = 'none'; button.remove(); },
    wm: {showById: (id) => { if (id === 'openline_livechat' && livechat) livechat.open({openFromButton: true}); }},
  };
  button.querySelector('.b24-widget-button-openline_livechat').addEventListener('click', (e) => { e.preventDefault(); if (livechat) livechat.open({openFromButton: true}); });

  livechat = new BX.LiveChatWidget({host: HOST, code: 'x7k2qp', language: 'en', copyright: true, location: 4, styles: {backgroundColor: '#2fc6f6', iconColor: '#ffffff'}});
  window.dispatchEvent(new CustomEvent('onBitrixLiveChat', {detail: {widget: livechat, widgetCode: 'x7k2qp', widgetHost: HOST}}));
  setTimeout(() => livechat.__privateMethods__.sendEvent({type: SubscriptionType.configLoaded, data: {}}), 50);
})();
