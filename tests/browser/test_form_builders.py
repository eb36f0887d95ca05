"""Forms as the common builders really render them: Contact Form 7, Tilda, a Bitrix24 CRM form,
a HubSpot inline form, a Typeform embed, a Russian-style callback pop-up, and forms the server
accepts with HTTP 200 while the page says the request failed.

Each page imitates its builder's own markup and script closely enough that an audit able to use
the real thing can use the copy: CF7 5.x posts FormData to its REST route and fires `wpcf7*` DOM
events, Tilda validates and posts from a click handler and fires a non-bubbling
`tildaform:aftersuccess`, Bitrix24 and HubSpot render after the page has loaded and keep the
values in their own state (Vue / React: only input events count), Typeform lives in a frame
from another origin. The server records every submission, so each test can say the shopper's
details arrived exactly once.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

from touchpoint.attempts.form_journey import FormResult, use_form
from touchpoint.attempts.shopper import Identity
from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.demo.server import LoopbackServer

WHO = Identity(
    name="Alex Morgan",
    phone="+447911123456",
    reply_to="alex+tpqrs789@shopper.example",
    token="TP-QRS789",
    subject="A question [TP-QRS789]",
    message="How much is a boiler service? (TP-QRS789)",
)

# --- Contact Form 7 (WordPress), markup as CF7 5.9 prints it --------------------------------

CF7_CSS = """
.screen-reader-response{position:absolute;overflow:hidden;clip:rect(1px,1px,1px,1px);clip-path:inset(50%);
  height:1px;width:1px;margin:-1px;padding:0;border:0;word-wrap:normal!important}
.wpcf7 .hidden-fields-container{display:none}
.wpcf7 form .wpcf7-response-output{margin:2em .5em 1em;padding:.2em 1em;border:2px solid #00a0d2}
.wpcf7 form.init .wpcf7-response-output,.wpcf7 form.resetting .wpcf7-response-output,
.wpcf7 form.submitting .wpcf7-response-output{display:none}
.wpcf7 form.sent .wpcf7-response-output{border-color:#46b450}
.wpcf7 form.failed .wpcf7-response-output,.wpcf7 form.aborted .wpcf7-response-output{border-color:#dc3232}
.wpcf7 form.invalid .wpcf7-response-output,.wpcf7 form.unaccepted .wpcf7-response-output{border-color:#ffb900}
.wpcf7-form-control-wrap{position:relative}
.wpcf7-not-valid-tip{color:#dc3232;font-size:1em;font-weight:normal;display:block}
.wpcf7-spinner{visibility:hidden;display:inline-block;background-color:#23282d;opacity:.75;width:24px;height:24px;
  border:none;border-radius:100%;padding:0;margin:0 24px;position:relative}
.wpcf7 form.submitting .wpcf7-spinner{visibility:visible}
"""

# An imitation of CF7 5.x's index/init/submit/reset/status modules (no jQuery since 5.4).
CF7_JS = r"""
var wpcf7 = {"api": {"root": location.origin + "/wp-json/", "namespace": "contact-form-7\/v1"}};
(function () {
  var STATUSES = {init: 'init', validation_failed: 'invalid', acceptance_missing: 'unaccepted', spam: 'spam',
    aborted: 'aborted', mail_sent: 'sent', mail_failed: 'failed', submitting: 'submitting',
    resetting: 'resetting', validating: 'validating', payment_required: 'payment-required'};
  function setStatus(form, status) {
    if (STATUSES[status]) status = STATUSES[status];
    var prev = form.getAttribute('data-status');
    form.wpcf7.status = status;
    form.setAttribute('data-status', status);
    form.classList.add(status);
    if (prev && prev !== status) form.classList.remove(prev);
    return status;
  }
  function triggerEvent(target, name, detail) {
    target.dispatchEvent(new CustomEvent('wpcf7' + name, {bubbles: true, detail: detail}));
  }
  function apiFetch(endpoint, options) {
    var url = wpcf7.api.root + wpcf7.api.namespace + '/' + endpoint;
    options = Object.assign({credentials: 'same-origin', headers: {Accept: 'application/json, */*;q=0.1'}}, options);
    return fetch(url, options).then(function (r) {
      if (r.status >= 200 && r.status < 300) return r.json();
      return r.json().then(function (body) { throw body; });
    });
  }
  function clearResponse(form) {
    form.wpcf7.parent.querySelector('.screen-reader-response [role="status"]').innerText = '';
    form.wpcf7.parent.querySelector('.screen-reader-response ul').innerText = '';
    form.querySelectorAll('.wpcf7-not-valid-tip').forEach(function (s) { s.remove(); });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.setAttribute('aria-invalid', 'false'); });
    form.querySelectorAll('.wpcf7-form-control').forEach(function (c) {
      c.removeAttribute('aria-describedby'); c.classList.remove('wpcf7-not-valid');
    });
    form.querySelectorAll('.wpcf7-response-output').forEach(function (d) { d.innerText = ''; });
  }
  function details(form) {
    var formData = new FormData(form);
    return {contactFormId: form.wpcf7.id, pluginVersion: form.wpcf7.pluginVersion,
      contactFormLocale: form.wpcf7.locale, unitTag: form.wpcf7.unitTag,
      containerPostId: form.wpcf7.containerPost, status: form.wpcf7.status,
      inputs: Array.from(formData, function (v) { return /^_/.test(v[0]) ? false : {name: v[0], value: v[1]}; })
        .filter(function (v) { return v !== false; }),
      formData: formData};
  }
  function reset(form) {
    var detail = details(form);
    clearResponse(form);
    setStatus(form, 'resetting');
    apiFetch('contact-forms/' + form.wpcf7.id + '/refill', {method: 'GET'}).then(function (response) {
      if (form.wpcf7.resetOnMailSent) { delete form.wpcf7.resetOnMailSent; setStatus(form, 'mail_sent'); }
      else setStatus(form, 'init');
      detail.apiResponse = response;
      triggerEvent(form, 'reset', detail);
    }).catch(function (e) { console.error(e); });
  }
  function submit(form, submitter) {
    var detail = details(form);
    var formData = detail.formData;
    if (submitter && submitter.name) formData.append(submitter.name, submitter.value);
    clearResponse(form);
    triggerEvent(form, 'beforesubmit', detail);
    setStatus(form, 'submitting');
    apiFetch('contact-forms/' + form.wpcf7.id + '/feedback', {method: 'POST', body: formData})
      .then(function (response) {
        var status = setStatus(form, response.status);
        detail.status = response.status;
        detail.apiResponse = response;
        if (['invalid', 'unaccepted', 'spam', 'aborted'].indexOf(status) >= 0) triggerEvent(form, status, detail);
        else if (['sent', 'failed'].indexOf(status) >= 0) triggerEvent(form, 'mail' + status, detail);
        triggerEvent(form, 'submit', detail);
        return response;
      }).then(function (response) {
        if (response.posted_data_hash) {
          form.querySelector('input[name="_wpcf7_posted_data_hash"]').value = response.posted_data_hash;
        }
        if (response.status === 'mail_sent') { form.reset(); form.wpcf7.resetOnMailSent = true; }
        (response.invalid_fields || []).forEach(function (error) {
          var li = document.createElement('li');
          li.setAttribute('id', error.error_id);
          li.insertAdjacentText('beforeend', error.message);
          form.wpcf7.parent.querySelector('.screen-reader-response ul').appendChild(li);
        });
        (response.invalid_fields || []).forEach(function (error) {
          var wrap = form.querySelector(error.into);
          var control = wrap.querySelector('.wpcf7-form-control');
          control.classList.add('wpcf7-not-valid');
          control.setAttribute('aria-describedby', error.error_id);
          var tip = document.createElement('span');
          tip.setAttribute('class', 'wpcf7-not-valid-tip');
          tip.setAttribute('aria-hidden', 'true');
          tip.insertAdjacentText('beforeend', error.message);
          wrap.appendChild(tip);
          wrap.querySelectorAll('[aria-invalid]').forEach(function (e) { e.setAttribute('aria-invalid', 'true'); });
        });
        form.wpcf7.parent.querySelector('.screen-reader-response [role="status"]')
          .insertAdjacentText('beforeend', response.message);
        form.querySelectorAll('.wpcf7-response-output').forEach(function (d) { d.innerText = response.message; });
      }).catch(function (e) { console.error(e); });
  }
  function init(form) {
    var fd = new FormData(form);
    form.wpcf7 = {id: parseInt(fd.get('_wpcf7'), 10), status: form.getAttribute('data-status'),
      pluginVersion: fd.get('_wpcf7_version'), locale: fd.get('_wpcf7_locale'),
      unitTag: fd.get('_wpcf7_unit_tag'), containerPost: parseInt(fd.get('_wpcf7_container_post'), 10),
      parent: form.closest('.wpcf7')};
    form.querySelectorAll('.has-spinner').forEach(function (e) {
      e.insertAdjacentHTML('afterend', '<span class="wpcf7-spinner"></span>');
    });
    var checkAcceptance = function () {  // the submit button stays disabled until every acceptance is ticked
      var accepted = true;
      form.querySelectorAll('.wpcf7-acceptance').forEach(function (parent) {
        if (!accepted || parent.classList.contains('optional')) return;
        var box = parent.querySelector('input[type="checkbox"]');
        if (parent.classList.contains('invert') ? box.checked : !box.checked) accepted = false;
      });
      form.querySelectorAll('.wpcf7-submit').forEach(function (b) { b.disabled = !accepted; });
    };
    checkAcceptance();
    form.addEventListener('change', checkAcceptance);
    form.addEventListener('reset', function () { reset(form); });
    form.addEventListener('submit', function (event) { submit(form, event.submitter); event.preventDefault(); });
    apiFetch('contact-forms/' + form.wpcf7.id + '/feedback/schema', {method: 'GET'})
      .then(function (s) { form.wpcf7.schema = s; });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.wpcf7 > form').forEach(function (form) {
      init(form);
      form.closest('.wpcf7').classList.replace('no-js', 'js');
    });
  });
})();
"""


def cf7_page(form_id: int, post_id: int, *, tel_required: bool, subject: bool) -> str:
    unit = f"wpcf7-f{form_id}-p{post_id}-o1"
    tel_class = "wpcf7-validates-as-required " if tel_required else ""
    tel_aria = 'aria-required="true" ' if tel_required else ""
    tel_label = "Your phone" if tel_required else "Your phone (optional)"
    subject_field = """<p><label> Subject<br />
<span class="wpcf7-form-control-wrap" data-name="your-subject"><input size="40" maxlength="400"
 class="wpcf7-form-control wpcf7-text wpcf7-validates-as-required" aria-required="true" aria-invalid="false"
 value="" type="text" name="your-subject" /></span> </label></p>"""
    return f"""<!doctype html><html lang="en-GB"><head><meta charset="UTF-8">
<title>Contact &#8211; Harbour Heating</title><style>{CF7_CSS}</style></head>
<body class="page-template-default page page-id-{post_id} wp-embed-responsive">
<header class="site-header"><p class="site-title"><a href="/">Harbour Heating</a></p>
<form role="search" method="get" class="search-form" action="/"><label>
<span class="screen-reader-text">Search for:</span>
<input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label>
<input type="submit" class="search-submit" value="Search"></form></header>
<main id="main" class="site-main"><article id="post-{post_id}" class="post-{post_id} page type-page status-publish">
<header class="entry-header"><h1 class="entry-title">Contact us</h1></header>
<div class="entry-content"><p>Questions about a service or a quote? Send us a message.</p>
<div class="wpcf7 no-js" id="{unit}" lang="en-GB" dir="ltr" data-wpcf7-id="{form_id}">
<div class="screen-reader-response"><p role="status" aria-live="polite" aria-atomic="true"></p> <ul></ul></div>
<form action="/contact/#{unit}" method="post" class="wpcf7-form init" aria-label="Contact form" novalidate="novalidate"
 data-status="init">
<fieldset class="hidden-fields-container"><input type="hidden" name="_wpcf7" value="{form_id}" />
<input type="hidden" name="_wpcf7_version" value="5.9.8" /><input type="hidden" name="_wpcf7_locale" value="en_GB" />
<input type="hidden" name="_wpcf7_unit_tag" value="{unit}" />
<input type="hidden" name="_wpcf7_container_post" value="{post_id}" />
<input type="hidden" name="_wpcf7_posted_data_hash" value="" /></fieldset>
<p><label> Your name<br />
<span class="wpcf7-form-control-wrap" data-name="your-name"><input size="40" maxlength="400"
 class="wpcf7-form-control wpcf7-text wpcf7-validates-as-required" autocomplete="name" aria-required="true"
 aria-invalid="false" value="" type="text" name="your-name" /></span> </label></p>
<p><label> Your email<br />
<span class="wpcf7-form-control-wrap" data-name="your-email"><input size="40" maxlength="400"
 class="wpcf7-form-control wpcf7-email wpcf7-validates-as-required wpcf7-text wpcf7-validates-as-email"
 autocomplete="email" aria-required="true" aria-invalid="false" value="" type="email" name="your-email" /></span>
 </label></p>
<p><label> {tel_label}<br />
<span class="wpcf7-form-control-wrap" data-name="your-tel"><input size="40" maxlength="400"
 class="wpcf7-form-control wpcf7-tel {tel_class}wpcf7-text wpcf7-validates-as-tel" autocomplete="tel"
 {tel_aria}aria-invalid="false" value="" type="tel" name="your-tel" /></span> </label></p>
{subject_field if subject else ""}
<p><label> Your message (optional)<br />
<span class="wpcf7-form-control-wrap" data-name="your-message"><textarea cols="40" rows="10" maxlength="2000"
 class="wpcf7-form-control wpcf7-textarea" aria-invalid="false" name="your-message"></textarea></span> </label></p>
<p><span class="wpcf7-form-control-wrap" data-name="acceptance-1"><span class="wpcf7-form-control wpcf7-acceptance">
<span class="wpcf7-list-item"><label><input type="checkbox" name="acceptance-1" value="1" aria-invalid="false" />
<span class="wpcf7-list-item-label">I agree to the <a href="/privacy-policy/">privacy policy</a>.</span></label>
</span></span></span></p>
<p><input class="wpcf7-form-control wpcf7-submit has-spinner" type="submit" value="Submit" /></p>
<div class="wpcf7-response-output" aria-hidden="true"></div>
</form></div></div></article></main>
<footer class="site-footer"><p>&copy; Harbour Heating Ltd</p></footer>
<script>{CF7_JS}</script></body></html>"""


# --- Tilda, a t678 form block as Tilda publishes it ---------------------------------------------

# An imitation of tilda-forms-1.0.js: delegated click on the submit button (which prevents the
# native submission, so the browser's own constraint checks never run), its own validation, an
# XHR to forms.tildacdn.com/procces/ (here the loopback /procces/), a non-bubbling
# `tildaform:aftersuccess` on the form, then the success box and the block's success callback.
TILDA_JS = r"""
(function () {
  var DICT = {success: 'Спасибо! Данные успешно отправлены.', req: 'Пожалуйста, заполните все обязательные поля',
    reqfield: 'Обязательное поле', phone: 'Укажите, пожалуйста, корректный номер телефона',
    name: 'Укажите, пожалуйста, имя', emptyfill: 'Ни одно поле не заполнено'};
  window.tildaForm = {versionLib: '02.001', endpoint: 'forms.tildacdn.com'};
  function triggerEvent(el, name) { el.dispatchEvent(new CustomEvent(name)); }  // as t_triggerEvent: no bubbling
  function serialize(form) {
    var out = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || ['file', 'reset', 'submit', 'button'].indexOf(el.type) > -1) return;
      if (['checkbox', 'radio'].indexOf(el.type) > -1 && !el.checked) return;
      out.push(encodeURIComponent(el.name) + '=' + encodeURIComponent(el.value));
    });
    return out.join('&').replace(/%20/g, '+');
  }
  function validate(form) {
    var errors = [], empty = true;
    form.querySelectorAll('.js-tilda-rule').forEach(function (input) {
      var value = (input.value || '').trim(), noSpace = (input.value || '').replace(/\s/g, ''), types = [];
      var rule = input.getAttribute('data-tilda-rule') || 'none';
      if (value) empty = false;
      if (input.getAttribute('data-tilda-req') === '1' && !value) types.push('req');
      else if (rule === 'phone' && noSpace && !/^[0-9()+-]+$/.test(noSpace)) types.push('phone');
      else if (rule === 'name' && value && /[0-9:;!?%@#$^&*\[\]{}<>]/.test(value)) types.push('name');
      if (types.length) errors.push({obj: input, type: types});
    });
    if (empty && !errors.length) errors = [{obj: 'none', type: ['emptyfill']}];
    return errors;
  }
  function hideErrors(form) {
    form.querySelectorAll('.js-errorbox-all, .js-rule-error').forEach(function (e) { e.style.display = 'none'; });
    form.querySelectorAll('.js-successbox').forEach(function (e) { e.style.display = 'none'; });
    form.querySelectorAll('.t-input-error').forEach(function (e) { e.innerHTML = ''; });
    form.querySelectorAll('.js-error-control-box').forEach(function (e) {
      e.classList.remove('js-error-control-box');
    });
    form.classList.remove('js-send-form-error', 'js-send-form-success');
  }
  function showCommonError(form, text) {
    form.querySelectorAll('.js-errorbox-all').forEach(function (box) {
      var all = box.querySelector('.js-rule-error-all');
      all.innerHTML = text; all.style.display = 'block'; box.style.display = 'block';
    });
    form.classList.add('js-send-form-error');
  }
  function showErrors(form, errors) {
    if (!errors.length) return false;
    errors.forEach(function (error) {
      error.type.forEach(function (type) {
        var item = form.querySelector('.js-rule-error-' + type);
        if (item) { if (!item.textContent) item.innerHTML = DICT[type] || ''; item.style.display = 'block'; }
        if (error.obj !== 'none') {
          var group = error.obj.closest(form.getAttribute('data-inputbox') || '.blockinput');
          group.classList.add('js-error-control-box');
          group.querySelector('.t-input-error').innerHTML = DICT[type + 'field'] || DICT[type] || '';
        }
      });
    });
    form.querySelectorAll('.js-errorbox-all').forEach(function (box) { box.style.display = 'block'; });
    form.classList.add('js-send-form-error');
    return true;
  }
  function hidden(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      form.insertAdjacentHTML('beforeend', '<input type="hidden" name="' + name + '" value="">');
      input = form.querySelector('input[name="' + name + '"]');
    }
    input.value = value;
  }
  function successEnd(form) {
    var box = form.querySelector('.js-successbox');
    if (box) { if (!box.textContent.trim()) box.innerHTML = DICT.success; box.style.display = 'block'; }
    form.classList.add('js-send-form-success');
    var callback = form.getAttribute('data-success-callback');
    if (callback && typeof window[callback] === 'function') window[callback](form);
    form.querySelectorAll('input[type="text"], input[type="tel"], textarea').forEach(function (e) { e.value = ''; });
  }
  function send(form, btn) {
    var all = document.getElementById('allrecords');
    var key = all.getAttribute('data-tilda-formskey');
    hidden(form, 'tildaspec-cookie', document.cookie);
    hidden(form, 'tildaspec-referer', location.href);
    hidden(form, 'tildaspec-formid', form.id);
    if (key) hidden(form, 'tildaspec-formskey', key);
    hidden(form, 'tildaspec-version-lib', window.tildaForm.versionLib);
    hidden(form, 'tildaspec-pageid', all.getAttribute('data-tilda-page-id'));
    hidden(form, 'tildaspec-projectid', all.getAttribute('data-tilda-project-id'));
    hidden(form, 'tildaspec-lang', 'RU');
    hidden(form, 'tildaspec-fp', 'st0w' + innerWidth + 'h' + innerHeight);
    var good = form.querySelector('.js-form-spec-comments');
    if (good) good.value = '';
    triggerEvent(form, 'tildaform:beforesend');
    var xhr = new XMLHttpRequest();
    xhr.open('POST', '/procces/', true);  // really 'https://' + window.tildaForm.endpoint + '/procces/'
    xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded; charset=UTF-8');
    xhr.setRequestHeader('Accept', 'application/json, text/javascript, */*; q=0.01');
    xhr.onreadystatechange = function () {
      if (xhr.readyState !== 4) return;
      btn.classList.remove('t-btn_sending');
      btn.tildaSendingStatus = '0';
      if (xhr.status >= 200 && xhr.status < 400) {
        var data = JSON.parse(xhr.responseText || '{}');
        if (data.error) { showCommonError(form, '' + data.error); triggerEvent(form, 'tildaform:aftererror'); return; }
        triggerEvent(form, 'tildaform:aftersuccess');
        successEnd(form);
      } else {
        showCommonError(form, '[' + xhr.status + '] Unknown error. Please, try again later.');
        triggerEvent(form, 'tildaform:aftererror');
      }
    };
    xhr.send(serialize(form));
  }
  function onClick(event) {
    var btn = event.target.closest('[type="submit"]');
    if (!btn) return;
    var form = btn.closest('.js-form-proccess');
    if (!form) return;
    event.preventDefault();
    if (btn.tildaSendingStatus && btn.tildaSendingStatus >= 1) return;
    btn.classList.add('t-btn_sending');
    btn.tildaSendingStatus = '1';
    hideErrors(form);
    if (showErrors(form, validate(form))) {
      btn.classList.remove('t-btn_sending');
      btn.tildaSendingStatus = '0';
      return;
    }
    send(form, btn);
  }
  function onSubmit(event) {
    var btn = event.target.querySelector('[type="submit"]');
    if (btn) btn.click();
    event.preventDefault();
  }
  document.querySelectorAll('.r').forEach(function (rec) {
    rec.querySelectorAll('.js-form-proccess[data-formactiontype]').forEach(function (form) {
      if (form.getAttribute('data-formactiontype') !== '1' && !form.querySelector('input[name="form-spec-comments"]')) {
        form.insertAdjacentHTML('beforeend',
          '<div style="position: absolute; left: -5000px; bottom: 0; display: none;">'
          + '<input type="text" name="form-spec-comments" value="Its good" class="js-form-spec-comments"'
          + ' tabindex="-1"></div>');
      }
      form.addEventListener('submit', onSubmit);
    });
    rec.addEventListener('click', onClick);
  });
})();
function t678_onSuccess(form) {
  var box = form.querySelector('.t-form__inputsbox');
  if (box) box.classList.add('t678__inputsbox_hidden');
}
"""

TILDA_PAGE = (
    """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">
<title>Ремонт квартир под ключ</title><meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
.t-body{margin:0}.t-container{max-width:960px;margin:0 auto}.t-input{width:100%;height:60px;padding:0 20px;
 box-sizing:border-box;font-size:16px}.t-input-group{margin-bottom:20px}.t-submit{height:60px;padding:0 30px;
 font-size:16px;color:#fff;background:#000;border:0;cursor:pointer}.t-form__successbox{text-align:center;
 padding:20px;color:#fff;background:#62c584}.t-form__errorbox-wrapper{background:#f95d51;color:#fff;padding:10px}
.t-input-error{color:red;font-size:13px}.t678__inputsbox_hidden{display:none}
</style></head>
<body class="t-body">
<div id="allrecords" data-tilda-export="yes" class="t-records" data-hook="blocks-collection-content-node"
 data-tilda-project-id="4567890" data-tilda-page-id="34567890" data-tilda-formskey="5b7e0f1c2d3a4e5f6a7b8c9d0e1f2a3b"
 data-tilda-project-lang="RU">
<div id="rec612345678" class="r t-rec t-rec_pt_75 t-rec_pb_75" data-record-type="678">
<div class="t678"><div class="t-section__container t-container"><div class="t-col t-col_12">
<div class="t-section__topwrapper t-align_center"><div class="t-section__title t-title t-title_xs">Оставьте заявку</div>
<div class="t-section__descr t-descr t-descr_xl t-margin_auto">Перезвоним и рассчитаем стоимость ремонта</div>
</div></div></div>
<div class="t-container"><div class="t-col t-col_8 t-prefix_2"><div>
<form id="form612345678" name="form612345678" role="form" action="" method="POST" data-formactiontype="2"
 data-inputbox=".t-input-group" class="t-form js-form-proccess t-form_inputs-total_2"
 data-success-callback="t678_onSuccess">
<input type="hidden" name="formservices[]" value="3f6b9a1e0c2d4e5f6a7b8c9d0e1f2a3b" class="js-formaction-services">
<input type="hidden" name="tildaspec-formname" tabindex="-1" value="Заявка">
<div class="js-successbox t-form__successbox t-text t-text_md" aria-live="polite" style="display:none;">"""
    """Спасибо! Данные успешно отправлены.</div>
<div class="t-form__inputsbox">
<div class="t-input-group t-input-group_nm" data-input-lid="1495810359387" data-field-type="nm">
<label for="input_1495810359387" class="t-input-title t-descr t-descr_md" id="field-title_1495810359387"
 data-redactor-toolbar="no" field="li_title__1495810359387">Ваше имя</label>
<div class="t-input-block"><input type="text" autocomplete="name" name="Name" id="input_1495810359387"
 class="t-input js-tilda-rule" value="" placeholder="Иван Иванов" data-tilda-req="1" aria-required="true"
 data-tilda-rule="name" aria-describedby="error_1495810359387" style="color:#000;border:1px solid #c9c9c9;">
<div class="t-input-error" aria-live="polite" id="error_1495810359387"></div></div></div>
<div class="t-input-group t-input-group_ph" data-input-lid="1495810410810" data-field-type="ph">
<label for="input_1495810410810" class="t-input-title t-descr t-descr_md" id="field-title_1495810410810"
 data-redactor-toolbar="no" field="li_title__1495810410810">Телефон</label>
<div class="t-input-block"><input type="tel" autocomplete="tel" name="Phone" id="input_1495810410810"
 class="t-input js-tilda-rule" value="" placeholder="+7 (999) 999-99-99" data-tilda-req="1" aria-required="true"
 data-tilda-rule="phone" pattern="[0-9]*" aria-describedby="error_1495810410810"
 style="color:#000;border:1px solid #c9c9c9;">
<div class="t-input-error" aria-live="polite" id="error_1495810410810"></div></div></div>
<div class="t-form__errorbox-middle"><div class="js-errorbox-all t-form__errorbox-wrapper" style="display:none;"
 aria-live="polite"><div class="t-form__errorbox-text t-text t-text_md">
<p class="t-form__errorbox-item js-rule-error js-rule-error-all"></p>
<p class="t-form__errorbox-item js-rule-error js-rule-error-req"></p>
<p class="t-form__errorbox-item js-rule-error js-rule-error-email"></p>
<p class="t-form__errorbox-item js-rule-error js-rule-error-name"></p>
<p class="t-form__errorbox-item js-rule-error js-rule-error-phone"></p>
<p class="t-form__errorbox-item js-rule-error js-rule-error-emptyfill"></p>
</div></div></div>
<div class="t-form__submit"><button type="submit" class="t-submit">Отправить</button></div>
</div></form>
<div class="t678__form-bottom-text t-text t-text_xs">Нажимая на кнопку, вы даете согласие на обработку
персональных данных и соглашаетесь c политикой конфиденциальности</div>
</div></div></div></div></div>
</div>
<script>""" + TILDA_JS + """</script></body></html>"""
)

# --- Bitrix24 CRM form, inline embed: the loader renders the Vue form after its script arrives ----

B24_LOADER_JS = r"""
(function () {
  var anchor = document.querySelector('script[data-b24-form="inline/12/ab3cde"]');
  var uid = 'b24-' + String(Math.random()).slice(2, 14);
  function field(key, kind, label, type, autocomplete) {
    return '<div class="b24-form-field b24-form-field-' + kind + ' b24-form-control-string"><div><div>'
      + '<div class="b24-form-control-container b24-form-control-icon-after">'
      + '<input name="' + key + '" autocomplete="' + autocomplete + '" type="' + type + '" class="b24-form-control"> '
      + '<div class="b24-form-control-label">' + label + ' <span class="b24-form-control-required">*</span></div> '
      + '<div class="b24-form-control-alert-message" style="display: none;">Field is required</div>'
      + '</div></div></div></div>';
  }
  var html = '<div id="' + uid + '" data-styles-apllied="true" class="">'
    + '<div class="b24-form-wrapper b24-form-shadow b24-form-border-bottom">'
    + '<div class="b24-form-header b24-form-padding-side"><div class="b24-form-header-title">Request a callback</div>'
    + '<div class="b24-form-header-description">Leave your number and our manager will call you</div></div>'
    + '<div class="b24-form-content b24-form-padding-side"><form method="post" novalidate="novalidate"><div>'
    + field('name', 'name', 'Name', 'string', 'given-name')
    + field('phone', 'phone', 'Phone', 'tel', 'tel')
    + '</div><div><div class="b24-form-field b24-form-field-agreement b24-form-control-agreement"><div>'
    + '<label class="b24-form-control-container"><input type="checkbox" onclick="this.blur()"> '
    + '<span class="b24-form-control-desc"><a href="/privacy" target="_blank" class="b24-form-field-agreement-link">'
    + 'I agree to the processing of my personal data</a></span> <span class="b24-form-control-required">*</span>'
    + '<div class="b24-form-control-alert-message" style="display: none;">Field is required</div>'
    + '</label></div></div></div>'
    + '<div class="b24-form-btn-container"><div class="b24-form-btn-block">'
    + '<button type="submit" class="b24-form-btn">Send</button></div></div></form></div>'
    + '<div class="b24-form-state-container"><div class="b24-form-loader" style="display: none;">'
    + '<div class="b24-form-loader-icon"></div></div>'
    + '<div class="b24-form-state b24-form-success" style="display: none;"><div class="b24-form-state-inner">'
    + '<div class="b24-form-state-icon b24-form-success-icon"></div>'
    + '<div class="b24-form-state-text"><p>Thank you!</p> <p>Our manager will call you back shortly.</p></div>'
    + '</div><div class="b24-form-inner-box"></div></div>'
    + '<div class="b24-form-state b24-form-error" style="display: none;"><div class="b24-form-state-inner">'
    + '<div class="b24-form-state-icon b24-form-error-icon"></div><div class="b24-form-state-text"><p></p></div>'
    + '<button class="b24-form-btn b24-form-btn-border b24-form-btn-tight">Try again</button></div></div>'
    + '</div><div class="b24-form-sign"><div class="b24-form-sign-text">Powered by</div>'
    + '<div class="b24-form-sign-bx">Bitrix</div><div class="b24-form-sign-24">24</div></div></div></div>';
  var root = document.createElement('div');
  root.className = 'b24-form';
  root.innerHTML = html;
  anchor.parentNode.insertBefore(root, anchor.nextSibling);

  var form = root.querySelector('form');
  var model = {name: '', phone: '', agreement: false};  // v-model: only input/change events reach it
  ['name', 'phone'].forEach(function (key) {
    var input = form.querySelector('input[name="' + key + '"]');
    input.addEventListener('input', function () {
      model[key] = input.value;
      input.classList.toggle('b24-form-control-not-empty', !!input.value);
    });
  });
  var agreement = form.querySelector('.b24-form-field-agreement input[type="checkbox"]');
  agreement.addEventListener('change', function () { model.agreement = agreement.checked; });
  var loader = root.querySelector('.b24-form-loader');
  var success = root.querySelector('.b24-form-success');
  var failure = root.querySelector('.b24-form-error');
  var api = {identification: {type: 'inline', id: 12, sec: 'ab3cde', address: location.origin}};
  function emit(type, data) {
    window.dispatchEvent(new CustomEvent('b24:form:' + type, {detail: {object: api, data: data}}));
  }
  function alert(el, on) {
    var f = el.closest('.b24-form-field');
    f.classList.toggle('b24-form-control-alert', on);
    f.querySelector('.b24-form-control-alert-message').style.display = on ? '' : 'none';
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var ok = true;
    ['name', 'phone'].forEach(function (key) {
      var bad = !model[key].trim();
      alert(form.querySelector('input[name="' + key + '"]'), bad);
      if (bad) ok = false;
    });
    alert(agreement, !model.agreement);
    if (!model.agreement) ok = false;
    if (!ok) return;
    loader.style.display = '';
    emit('send', {});
    var fd = new FormData();
    fd.append('values', JSON.stringify({LEAD_NAME: [model.name], LEAD_PHONE: [model.phone]}));
    fd.append('properties', JSON.stringify({}));
    fd.append('consents', JSON.stringify({AGREEMENT_3: 'Y'}));
    fd.append('recaptcha', '');
    fd.append('timeZoneOffset', String(new Date().getTimezoneOffset()));
    fd.append('id', '12');
    fd.append('sec', 'ab3cde');
    fd.append('lang', 'en');
    fd.append('trace', JSON.stringify({url: location.href, ref: document.referrer}));
    fd.append('entities', '[]');
    fetch('/bitrix/services/main/ajax.php?action=crm.site.form.fill', {method: 'POST', body: fd})
      .then(function (r) { return r.json(); })
      .then(function (res) {
        loader.style.display = 'none';
        if (res.status === 'success' && res.data && res.data.result === 'success') {
          success.style.display = '';
          emit('send:success', res.data);
        } else {
          var first = (res.errors && res.errors[0]) || {};
          failure.querySelector('.b24-form-state-text p').textContent = first.message || '';
          failure.style.display = '';
          emit('send:error', res);
        }
      })
      .catch(function () { loader.style.display = 'none'; failure.style.display = ''; emit('send:error', {}); });
  });
  emit('init', {});
  emit('show', {});
})();
"""

B24_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Warehouse racks – Request a call</title>
<style>.b24-form{max-width:560px}.b24-form-wrapper{position:relative;padding:20px;border:1px solid #ddd}
.b24-form-control-container{position:relative;margin-bottom:14px}.b24-form-control{width:100%;height:54px;
 padding:20px 12px 4px;box-sizing:border-box}.b24-form-control-label{position:absolute;top:6px;left:12px;
 font-size:12px;color:#888;pointer-events:none}.b24-form-btn{height:52px;width:100%;background:#0f58d0;
 color:#fff;border:0}.b24-form-state-container .b24-form-state{position:absolute;inset:0;background:#fff;
 display:flex;align-items:center;justify-content:center}.b24-form-control-alert-message{color:#d00;font-size:12px}
</style></head>
<body><header><a href="/">Rack &amp; Shelf Ltd</a></header>
<main><h1>Warehouse racking</h1><p>Tell us about your warehouse and we will call you back.</p>
<script data-b24-form="inline/12/ab3cde" data-skip-moving="true">
(function(w,d,u){var s=d.createElement('script');s.async=true;s.src=u+'?'+(Date.now()/180000|0);
var h=d.getElementsByTagName('script')[0];h.parentNode.insertBefore(s,h);})
(window,document,'/b24/upload/crm/form/loader_12_ab3cde.js');
</script>
</main></body></html>"""

# --- HubSpot, embed v2 inline: form definition fetched after load, React-held values ------------

HS_PORTAL = "1234567"
HS_GUID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
HS_DEFINITION_DELAY_S = 0.3  # forms.hsforms.com answers after the page's load event

HS_EMBED_JS = r"""
(function () {
  function post(eventName, id, data) {
    window.postMessage({type: 'hsFormCallback', eventName: eventName, id: id, data: data || {}}, '*');
  }
  function field(inst, name, kind, label, type, required, autocomplete) {
    var id = name + '-' + inst;
    var control = kind === 'textarea'
      ? '<textarea id="' + id + '" class="hs-input hs-fieldtype-textarea" name="' + name + '"></textarea>'
      : '<input id="' + id + '" name="' + name + '"' + (required ? ' required=""' : '') + ' placeholder="" type="'
        + type + '" class="hs-input" inputmode="' + type + '" autocomplete="' + autocomplete + '" value="">';
    return '<fieldset class="form-columns-1"><div class="hs_' + name + ' hs-' + name + ' hs-fieldtype-' + kind
      + ' field hs-form-field"><label id="label-' + id + '" class="" placeholder="Enter your ' + label + '" for="' + id
      + '"><span>' + label + '</span>' + (required ? '<span class="hs-form-required">*</span>' : '') + '</label>'
      + '<legend class="hs-field-desc" style="display: none;"></legend><div class="input">' + control
      + '</div></div></fieldset>';
  }
  function render(root, opts, inst, definition) {
    var guid = opts.formId;
    root.innerHTML = '<form novalidate="" accept-charset="UTF-8" action="https://forms.hsforms.com/submissions/v3/'
      + 'public/submit/formsnext/multipart/' + opts.portalId + '/' + guid + '" enctype="multipart/form-data" '
      + 'id="hsForm_' + guid + '" method="POST" class="hs-form-private hsForm_' + guid + ' hs-form-' + guid
      + ' hs-form-' + guid + '_' + inst + ' hs-form stacked hs-custom-form" target="target_iframe_' + guid + '" '
      + 'data-instance-id="' + inst + '" data-form-id="' + guid + '" data-portal-id="' + opts.portalId + '">'
      + field(inst, 'firstname', 'text', 'First name', 'text', true, 'given-name')
      + field(inst, 'email', 'text', 'Email', 'email', true, 'email')
      + field(inst, 'phone', 'phonenumber', 'Phone number', 'tel', false, 'tel')
      + field(inst, 'message', 'textarea', 'Message', 'text', false, 'off')
      + '<fieldset class="form-columns-0"><div class="legal-consent-container"><div class="hs-richtext"><p>By clicking '
      + 'submit below, you consent to allow Northwind to store and process the personal information submitted above '
      + 'to provide you the content requested.</p></div></div></fieldset>'
      + '<div class="hs_submit hs-submit"><div class="hs-field-desc" style="display: none;"></div><div class="actions">'
      + '<input type="submit" class="hs-button primary large" value="Submit"></div></div>'
      + '<input name="hs_context" type="hidden" value="{}"></form>'
      + '<iframe name="target_iframe_' + guid + '" style="display: none;"></iframe>';
    var form = root.querySelector('form');
    var state = {};  // React state: what the form will send
    form.querySelectorAll('.hs-input').forEach(function (input) {
      state[input.name] = '';
      var update = function () { state[input.name] = input.value; };
      input.addEventListener('input', update);
      input.addEventListener('change', update);
    });
    function errorList(text) {
      return '<ul class="no-list hs-error-msgs inputs-list" role="alert"><li>'
        + '<label class="hs-error-msg hs-main-font-element">' + text + '</label></li></ul>';
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      form.querySelectorAll('.hs-error-msgs, .hs_error_rollup').forEach(function (e) { e.remove(); });
      form.querySelectorAll('.hs-input.invalid').forEach(function (e) { e.classList.remove('invalid', 'error'); });
      var bad = false;
      form.querySelectorAll('.hs-input[required]').forEach(function (input) {
        var value = (state[input.name] || '').trim(), message = '';
        if (!value) message = 'Please complete this required field.';
        else if (input.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
          message = 'Email must be formatted correctly.';
        }
        if (message) {
          bad = true;
          input.classList.add('invalid', 'error');
          input.closest('.hs-form-field').insertAdjacentHTML('beforeend', errorList(message));
        }
      });
      if (bad) {
        form.querySelector('.hs_submit').insertAdjacentHTML('beforebegin',
          '<div class="hs_error_rollup">' + errorList('Please complete all required fields.') + '</div>');
        return;
      }
      var values = Object.keys(state).map(function (k) { return {name: k, value: state[k]}; });
      post('onBeforeFormSubmit', guid, values);
      post('onFormSubmit', guid, values);
      var fd = new FormData();
      Object.keys(state).forEach(function (k) { fd.append(k, state[k]); });
      fd.append('hs_context', JSON.stringify({embedAtTimestamp: String(Date.now()),
        formDefinitionUpdatedAt: '1700000000000', pageUrl: location.href, pageTitle: document.title,
        source: 'FormsNext-static-5.1001', isHubSpotCmsGeneratedPage: false}));
      var url = '/submissions/v3/public/submit/formsnext/multipart/' + opts.portalId + '/' + guid;
      fetch(url, {method: 'POST', body: fd})
        .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
        .then(function (res) {
          if (!res.ok) {
            form.querySelector('.hs_submit').insertAdjacentHTML('beforebegin', '<div class="hs_error_rollup">'
              + errorList('We\'re sorry, something went wrong. Please try again later.') + '</div>');
            return;
          }
          var done = document.createElement('div');
          done.className = 'submitted-message hs-main-font-element hs-form-' + guid + ' hs-form-' + guid + '_' + inst;
          done.setAttribute('data-instance-id', inst);
          done.innerHTML = res.body.inlineMessage || definition.inlineMessage;
          form.replaceWith(done);
          post('onFormSubmitted', guid, {redirectUrl: '', submissionValues: Object.assign({}, state)});
        });
    });
    post('onFormReady', guid, {});
  }
  window.hbspt = {forms: {create: function (opts) {
    var script = document.currentScript;
    var inst = 'a' + String(Math.random()).slice(2, 10) + '-0b1c-4d2e-8f3a-' + String(Math.random()).slice(2, 14);
    var root = document.createElement('div');
    root.className = 'hbspt-form';
    root.id = 'hbspt-form-' + inst;
    root.setAttribute('data-hs-forms-root', 'true');
    script.parentNode.insertBefore(root, script.nextSibling);
    post('onBeforeFormInit', opts.formId, {});
    fetch('/embed/v3/form/' + opts.portalId + '/' + opts.formId + '/json?hs_static_app=forms-embed')
      .then(function (r) { return r.json(); })
      .then(function (definition) { render(root, opts, inst, definition); });
  }}};
})();
"""

HS_PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contact sales – Northwind</title>
<style>.hs-form-field{{margin-bottom:14px}}.hs-input{{width:100%;padding:8px;box-sizing:border-box}}
.hs-error-msg{{color:#f2545b}}.hs-button{{padding:12px 24px;background:#ff7a59;color:#fff;border:0}}</style></head>
<body><header><a href="/">Northwind Software</a></header>
<main><h1>Talk to our team</h1><p>Tell us what you need and we will get back to you within one business day.</p>
<script charset="utf-8" type="text/javascript" src="/hs/forms/embed/v2.js"></script>
<script>
  hbspt.forms.create({{region: "na1", portalId: "{HS_PORTAL}", formId: "{HS_GUID}"}});
</script>
</main></body></html>"""

# --- Typeform: embed SDK puts an iframe to form.typeform.com (here: another loopback origin) ---

TF_EMBED_JS = r"""
(function () {
  document.querySelectorAll('[data-tf-widget]').forEach(function (el) {
    var id = el.getAttribute('data-tf-widget');
    var wrap = document.createElement('div');
    wrap.className = 'tf-v1-widget';
    wrap.setAttribute('data-testid', 'tf-v1-widget');
    var iframe = document.createElement('iframe');
    iframe.src = '__FRAME_ORIGIN__/to/' + id + '?typeform-embed=embed-widget&typeform-source=' + location.hostname
      + '&typeform-medium=embed-sdk&typeform-medium-version=next&embed-opacity=100&typeform-embed-id='
      + String(Math.random()).slice(2, 10);
    iframe.setAttribute('data-testid', 'iframe');
    iframe.setAttribute('allow', 'microphone; camera');
    iframe.setAttribute('title', 'Contact us');
    iframe.style.cssText = 'border: 0px; width: 100%; height: 100%;';
    wrap.appendChild(iframe);
    el.appendChild(wrap);
  });
})();
"""

TF_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contact – Bright Dental</title></head>
<body><header><a href="/">Bright Dental</a></header>
<main><h1>Contact us</h1><p>Book a consultation or ask a question using the form below.</p>
<div data-tf-widget="abc123" data-tf-opacity="100" data-tf-iframe-props="title=Contact us"
 data-tf-transitive-search-params data-tf-medium="snippet" style="width:100%;height:520px;"></div>
<script src="/tf/embed.js"></script>
</main></body></html>"""

TF_FRAME = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contact us</title>
<style>body{font-family:sans-serif;background:#fff}input{display:block;font-size:24px;border:0;
border-bottom:1px solid #0445af;width:100%;margin-bottom:24px}</style></head>
<body><div id="root"><div data-qa="question-wrapper">
<h1 data-qa="question-title">What's your name?*</h1>
<input type="text" placeholder="Type your answer here..." aria-label="What's your name?" data-qa="name">
<h2>And your phone number?</h2>
<input type="tel" placeholder="07400 123456" aria-label="Phone number" data-qa="phone">
<h2>How can we help?</h2>
<input type="text" placeholder="Type your answer here..." aria-label="How can we help?" data-qa="message">
<button type="button" data-qa="submit-button">Submit</button></div>
<div class="thanks" hidden>Thanks for completing this typeform</div></div>
<script>
  var embed = new URLSearchParams(location.search).get('typeform-embed-id');
  parent.postMessage({type: 'form-ready', embedId: embed}, '*');
  document.querySelector('[data-qa="submit-button"]').addEventListener('click', function () {
    var answers = {};
    document.querySelectorAll('input').forEach(function (i) { answers[i.getAttribute('data-qa')] = i.value; });
    fetch('/forms/abc123/complete-submission', {method: 'POST', headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({answers: answers})}).then(function () {
      document.querySelector('.thanks').hidden = false;
      parent.postMessage({type: 'form-submit', embedId: embed}, '*');
    });
  });
</script></body></html>"""

# --- A Russian site's "Заказать звонок" pop-up -------------------------------------------------

CALLBACK_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>СервисПлюс — ремонт бытовой техники на дому</title>
<style>
.modal{display:none;position:fixed;inset:0;background:rgba(0,0,0,.55);z-index:1000}
.modal.is-open{display:flex;align-items:center;justify-content:center}
.modal__dialog{background:#fff;padding:32px;width:380px;position:relative}
.modal__close{position:absolute;top:8px;right:12px;border:0;background:none;font-size:24px}
.callback-form input{display:block;width:100%;margin-bottom:12px;padding:10px;box-sizing:border-box}
.btn{padding:10px 18px;background:#e30613;color:#fff;border:0;cursor:pointer}
</style></head>
<body>
<header class="header"><div class="header__logo"><a href="/">СервисПлюс</a></div>
<form class="header__search" action="/search/" method="get"><input type="search" name="q"
 placeholder="Поиск по сайту"><button type="submit">Найти</button></form>
<div class="header__contacts"><a class="header__phone" href="tel:+74951234567">+7 (495) 123-45-67</a>
<button type="button" class="btn btn--callback js-callback-open" data-modal="callback">Заказать звонок</button>
</div></header>
<main><h1>Ремонт бытовой техники на дому</h1><p>Выезд мастера в день обращения. Гарантия на работы 1 год.</p></main>
<footer class="footer"><form class="subscribe" action="/subscribe/" method="post">
<label>Подпишитесь на новости и акции <input type="email" name="email" placeholder="Ваш e-mail"></label>
<button type="submit" class="btn">Подписаться</button></form><p>© 2024 СервисПлюс</p></footer>
<div class="modal" id="callback" role="dialog" aria-modal="true" aria-labelledby="callback-title">
<div class="modal__dialog"><button type="button" class="modal__close js-modal-close" aria-label="Закрыть">×</button>
<div class="modal__title" id="callback-title">Обратный звонок</div>
<p class="modal__text">Оставьте номер — перезвоним в течение 15 минут</p>
<form class="callback-form js-callback-form" action="/ajax/callback.php" method="post">
<input type="hidden" name="form_id" value="callback">
<input type="text" name="name" placeholder="Ваше имя" required>
<input type="tel" name="phone" placeholder="+7 (___) ___-__-__" required>
<label class="checkbox"><input type="checkbox" name="agree" value="Y" checked required>
 Я согласен на обработку персональных данных</label>
<button type="submit" class="btn btn--primary">Перезвоните мне</button>
</form>
<div class="callback-success" hidden>Спасибо, мы перезвоним вам в течение 15 минут</div>
</div></div>
<script>
  var modal = document.getElementById('callback');
  document.querySelector('.js-callback-open').addEventListener('click', function () {
    modal.classList.add('is-open');
  });
  document.querySelector('.js-modal-close').addEventListener('click', function () {
    modal.classList.remove('is-open');
  });
  var form = document.querySelector('.js-callback-form');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    fetch(form.getAttribute('action'), {method: 'POST', body: new FormData(form)})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.success) {
          form.style.display = 'none';
          modal.querySelector('.callback-success').hidden = false;
        } else {
          alert(data.message || 'Ошибка отправки');
        }
      });
  });
</script></body></html>"""

# --- A hand-made form: HTTP 200, but the page says the request failed --------------------------

ERROR_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contact – Oak &amp; Pine</title>
<style>.form-status.error{color:#b00020;border:1px solid #b00020;padding:8px}</style></head>
<body><header><a href="/">Oak &amp; Pine Joinery</a></header>
<main><h1>Get in touch</h1>
<form id="contact-form" class="contact-form" action="/api/contact" method="post" novalidate>
<p><label>Your name <input type="text" name="name" required></label></p>
<p><label>Email <input type="email" name="email" required></label></p>
<p><label>Message <textarea name="message" rows="6" required></textarea></label></p>
<p><button type="submit">Send message</button></p>
<div class="form-status" role="alert" aria-live="polite"></div>
</form></main>
<script>
  var form = document.getElementById('contact-form');
  var statusBox = form.querySelector('.form-status');  // not `status`: that is window.status, a string
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    statusBox.className = 'form-status';
    statusBox.textContent = 'Sending…';
    fetch(form.action, {method: 'POST', body: new FormData(form)})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.success) { statusBox.textContent = 'Thank you! We will be in touch.'; form.reset(); }
        else { statusBox.classList.add('error'); statusBox.textContent = data.message; }
      });
  });
</script></body></html>"""

CF7_SENT = "Thank you for your message. It has been sent."
CF7_INVALID = "One or more fields have an error. Please check and try again."
UK_TEL = "Please enter a UK phone number, e.g. 020 7946 0000."


@dataclass
class Site:
    base: str
    frame: str
    submissions: dict[str, list[dict[str, str]]] = field(default_factory=lambda: defaultdict(list))

    def one(self, key: str) -> dict[str, str]:
        got = self.submissions[key]
        assert len(got) == 1, f"{key}: the server received {len(got)} submissions: {got}"
        return got[0]


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html")


async def _fields(request: web.Request) -> dict[str, str]:
    data = await request.post()
    return {k: v if isinstance(v, str) else "<file>" for k, v in data.items()}


def _site_app(site: Site) -> web.Application:
    pages = {
        "/contact/": cf7_page(123, 45, tel_required=False, subject=False),
        "/enquiry/": cf7_page(789, 61, tel_required=False, subject=True),  # CF7's default template
        "/support/": cf7_page(456, 12, tel_required=True, subject=False),
        "/tilda/": TILDA_PAGE,
        "/racks/": B24_PAGE,
        "/sales/": HS_PAGE,
        "/dental/": TF_PAGE,
        "/remont/": CALLBACK_PAGE,
        "/joinery/": ERROR_PAGE,
    }

    async def page(request: web.Request) -> web.StreamResponse:
        return _html(pages[request.path])

    async def cf7_schema(request: web.Request) -> web.StreamResponse:
        return web.json_response({"version": "Contact Form 7 SWV Schema 2024-02", "locale": "en_GB", "rules": []})

    async def cf7_refill(request: web.Request) -> web.StreamResponse:
        return web.json_response({})

    async def cf7_feedback(request: web.Request) -> web.StreamResponse:
        form_id = int(request.match_info["form_id"])
        fields = await _fields(request)
        site.submissions[f"cf7-{form_id}"].append(fields)
        unit = fields.get("_wpcf7_unit_tag", "")
        invalid: list[dict[str, Any]] = []

        def bad(name: str, message: str) -> None:
            invalid.append(
                {
                    "field": name,
                    "message": message,
                    "idref": None,
                    "error_id": f"{unit}-ve-{name}",
                    "into": f'span.wpcf7-form-control-wrap[data-name = "{name}"]',
                }
            )

        required = ["your-name", "your-email"] + (["your-subject"] if form_id == 789 else [])
        required += ["your-tel"] if form_id == 456 else []
        for name in required:
            if not fields.get(name, "").strip():
                bad(name, "Please fill out this field.")
        email = fields.get("your-email", "")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            bad("your-email", "Please enter an email address.")
        if form_id == 456 and fields.get("your-tel") and not re.fullmatch(r"0\d{3} ?\d{3} ?\d{4}", fields["your-tel"]):
            bad("your-tel", UK_TEL)  # the site's own wpcf7_validate_tel* filter: national numbers only
        base = {"contact_form_id": form_id, "posted_data_hash": "", "into": f"#{unit}", "invalid_fields": invalid}
        if invalid:
            return web.json_response({**base, "status": "validation_failed", "message": CF7_INVALID})
        if fields.get("acceptance-1") != "1":
            message = "You must accept the terms and conditions before sending your message."
            return web.json_response({**base, "status": "acceptance_missing", "message": message})
        sent = {
            **base,
            "status": "mail_sent",
            "message": CF7_SENT,
            "posted_data_hash": "9d1c2a7e5b3f4e6a8c0d1b2e3f4a5b6c",
        }
        return web.json_response(sent)

    async def tilda_procces(request: web.Request) -> web.StreamResponse:
        site.submissions["tilda"].append(await _fields(request))
        return web.json_response({"message": "OK", "results": ["612345678:4567890123"]})

    async def b24_loader(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.3)  # the loader comes from Bitrix24's CDN
        return web.Response(text=B24_LOADER_JS, content_type="application/javascript")

    async def b24_fill(request: web.Request) -> web.StreamResponse:
        fields = await _fields(request)
        values = json.loads(fields.get("values", "{}"))
        site.submissions["b24"].append({k: v[0] if v else "" for k, v in values.items()} | {"_raw": fields["values"]})
        data = {"result": "success", "message": "", "resultId": "L_5821", "pay": False, "redirect": {"url": ""}}
        return web.json_response({"status": "success", "data": data, "errors": []})

    async def hs_embed(request: web.Request) -> web.StreamResponse:
        return web.Response(text=HS_EMBED_JS, content_type="application/javascript")

    async def hs_definition(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(HS_DEFINITION_DELAY_S)
        return web.json_response({"guid": HS_GUID, "inlineMessage": "<p>Thanks for submitting the form.</p>"})

    async def hs_submit(request: web.Request) -> web.StreamResponse:
        site.submissions["hubspot"].append(await _fields(request))
        return web.json_response({"inlineMessage": "<p>Thanks for submitting the form.</p>", "errors": []})

    async def tf_embed(request: web.Request) -> web.StreamResponse:
        return web.Response(text=TF_EMBED_JS.replace("__FRAME_ORIGIN__", site.frame), content_type="text/javascript")

    async def callback(request: web.Request) -> web.StreamResponse:
        site.submissions["callback"].append(await _fields(request))
        return web.json_response({"success": True})

    async def subscribe(request: web.Request) -> web.StreamResponse:
        site.submissions["subscribe"].append(await _fields(request))
        return _html("<p>Subscribed</p>")

    async def contact_api(request: web.Request) -> web.StreamResponse:
        site.submissions["joinery"].append(await _fields(request))
        return web.json_response({"success": False, "message": "Please fill in the required fields"})

    app = web.Application()
    for path in pages:
        app.router.add_get(path, page)
    feedback = "/wp-json/contact-form-7/v1/contact-forms/{form_id}/feedback"
    app.router.add_get(feedback + "/schema", cf7_schema)
    app.router.add_get("/wp-json/contact-form-7/v1/contact-forms/{form_id}/refill", cf7_refill)
    app.router.add_post(feedback, cf7_feedback)
    app.router.add_post("/procces/", tilda_procces)
    app.router.add_get("/b24/upload/crm/form/loader_12_ab3cde.js", b24_loader)
    app.router.add_post("/bitrix/services/main/ajax.php", b24_fill)
    app.router.add_get("/hs/forms/embed/v2.js", hs_embed)
    app.router.add_get(f"/embed/v3/form/{HS_PORTAL}/{HS_GUID}/json", hs_definition)
    app.router.add_post(f"/submissions/v3/public/submit/formsnext/multipart/{HS_PORTAL}/{HS_GUID}", hs_submit)
    app.router.add_get("/tf/embed.js", tf_embed)
    app.router.add_post("/ajax/callback.php", callback)
    app.router.add_post("/api/contact", contact_api)
    app.router.add_post("/subscribe/", subscribe)
    return app


def _frame_app(site: Site) -> web.Application:
    async def frame(request: web.Request) -> web.StreamResponse:
        return _html(TF_FRAME)

    async def complete(request: web.Request) -> web.StreamResponse:
        site.submissions["typeform"].append({"body": await request.text()})
        return web.json_response({"signature": "x"})

    app = web.Application()
    app.router.add_get("/to/abc123", frame)
    app.router.add_post("/forms/abc123/complete-submission", complete)
    return app


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    built = Site(base="", frame="")
    with LoopbackServer(_frame_app(built)) as frame, LoopbackServer(_site_app(built)) as main:
        built.frame = frame.base_url.rstrip("/")  # another origin: form.typeform.com's stand-in
        built.base = main.base_url.rstrip("/")
        yield built


def run(chromium: str, url: str, channel: str) -> FormResult:
    def go() -> FormResult:
        session = BrowserSession.launch(chromium)
        try:
            context = session.new_context(DEVICES["desktop"])
            return use_form(context, url, channel, WHO, submit=True, timeout_ms=15_000)
        finally:
            session.close()

    with ThreadPoolExecutor(1) as pool:  # one Playwright sync session a thread
        return pool.submit(go).result()


def posted(result: FormResult, path: str, status: int = 200) -> bool:
    return any(method == "POST" and path in url and code == status for method, url, code in result.network)


def confirmed(result: FormResult, text: str, event: str) -> bool:
    """The page's own confirmation text, or the builder's success event, was seen."""
    ok_events = [e for e in result.events if e.get("ok")]
    return text in result.confirmation or any(event in json.dumps(e, ensure_ascii=False) for e in ok_events)


def refused(result: FormResult, text: str, event: str | None = None) -> bool:
    """The page's own error text, or the builder's failure event, was seen."""
    bad_events = [e for e in result.events if not e.get("ok")]
    said = text in result.message or text in result.confirmation
    return said or (event is not None and any(event in json.dumps(e, ensure_ascii=False) for e in bad_events))


def shown(result: FormResult) -> str:
    return repr({k: v for k, v in vars(result).items() if k not in ("before", "after")})


def test_contact_form_7_is_filled_accepted_and_sent(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/contact/", "form")
    assert result.state == "sent", shown(result)
    assert ("consent", "check") in result.filled, shown(result)
    assert posted(result, "/wp-json/contact-form-7/v1/contact-forms/123/feedback"), shown(result)
    assert confirmed(result, CF7_SENT, "wpcf7mailsent"), shown(result)
    got = site.one("cf7-123")
    assert got["your-name"] == WHO.name and got["your-email"] == WHO.reply_to and got["your-tel"] == WHO.phone
    assert WHO.message in got["your-message"] and got["acceptance-1"] == "1", got


def test_cf7_default_template_gets_the_shoppers_subject(site: Site, chromium: str) -> None:
    """CF7's own default form asks for a required Subject; the shopper has one to give."""
    result = run(chromium, site.base + "/enquiry/", "form")
    assert result.state == "sent", shown(result)
    assert posted(result, "/wp-json/contact-form-7/v1/contact-forms/789/feedback"), shown(result)
    assert confirmed(result, CF7_SENT, "wpcf7mailsent"), shown(result)
    got = site.one("cf7-789")
    assert got["your-name"] == WHO.name and got["your-email"] == WHO.reply_to and got["your-subject"] == WHO.subject
    assert WHO.message in got["your-message"], got


def test_a_tilda_form_is_sent_through_its_click_handler(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/tilda/", "callback")
    assert result.state == "sent", shown(result)
    assert ("phone", WHO.phone) in result.filled, shown(result)
    assert posted(result, "/procces/"), shown(result)
    assert confirmed(result, "Спасибо! Данные успешно отправлены.", "tildaform:aftersuccess"), shown(result)
    got = site.one("tilda")
    assert got["Name"] == WHO.name and got["Phone"] == WHO.phone and got["tildaspec-formid"] == "form612345678"


def test_a_bitrix24_crm_form_rendered_after_load_is_sent(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/racks/", "callback")
    assert result.state == "sent", shown(result)
    assert ("phone", WHO.phone) in result.filled, shown(result)
    assert posted(result, "/bitrix/services/main/ajax.php?action=crm.site.form.fill"), shown(result)
    assert confirmed(result, "Thank you!", "b24:form:send:success"), shown(result)
    got = site.one("b24")
    assert got["LEAD_NAME"] == WHO.name and got["LEAD_PHONE"] == WHO.phone, got


def test_a_hubspot_inline_form_is_sent(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/sales/", "form")
    assert result.state == "sent", shown(result)
    assert posted(result, f"/submissions/v3/public/submit/formsnext/multipart/{HS_PORTAL}/{HS_GUID}"), shown(result)
    assert confirmed(result, "Thanks for submitting the form.", "onFormSubmitted"), shown(result)
    got = site.one("hubspot")
    assert got["firstname"] in (WHO.name, WHO.name.split()[0]) and got["email"] == WHO.reply_to, got
    assert got["phone"] == WHO.phone and WHO.message in got["message"], got


def test_a_typeform_embed_is_left_to_a_person(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/dental/", "form")
    assert result.state == "needs-person", shown(result)
    assert re.search(r"typeform|frame|hosted|embedded|another site|third.party", result.message, re.I), shown(result)
    assert result.filled == [] and not any(m == "POST" for m, _, _ in result.network), shown(result)
    assert site.submissions["typeform"] == []


def test_a_russian_callback_popup_is_opened_filled_and_sent(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/remont/", "callback")
    assert result.state == "sent", shown(result)
    assert 'opened the form with the "Заказать звонок" button' in result.notes, shown(result)
    assert ("phone", WHO.phone) in result.filled, shown(result)
    assert posted(result, "/ajax/callback.php"), shown(result)
    assert "Спасибо, мы перезвоним вам в течение 15 минут" in result.confirmation, shown(result)
    got = site.one("callback")
    assert got["name"] == WHO.name and got["phone"] == WHO.phone and got["agree"] == "Y", got
    assert site.submissions["subscribe"] == []


def test_cf7_validation_failed_with_http_200_is_not_a_success(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/support/", "form")
    assert result.state == "failed", shown(result)
    assert posted(result, "/wp-json/contact-form-7/v1/contact-forms/456/feedback"), shown(result)
    assert refused(result, CF7_INVALID, "wpcf7invalid") or UK_TEL in result.message, shown(result)
    got = site.one("cf7-456")
    assert got["your-name"] == WHO.name and got["your-email"] == WHO.reply_to and got["your-tel"] == WHO.phone


def test_an_error_shown_after_http_200_is_not_a_success(site: Site, chromium: str) -> None:
    result = run(chromium, site.base + "/joinery/", "form")
    assert result.state == "failed", shown(result)
    assert posted(result, "/api/contact"), shown(result)
    assert refused(result, "Please fill in the required fields"), shown(result)
    got = site.one("joinery")
    assert got["name"] == WHO.name and got["email"] == WHO.reply_to and WHO.message in got["message"], got
