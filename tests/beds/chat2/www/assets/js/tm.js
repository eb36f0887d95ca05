/*
 * A small tag manager for the chat bed's sites, shaped like Google Tag Manager: the page's snippet pushes
 * {event: 'tm.js'} to window.dataLayer and loads /assets/js/tm.js?id=<container>; the container (JSON) lists
 * tags, each an HTML fragment fired on a trigger: 'tm.js' (container loaded), 'tm.dom' (DOM ready),
 * 'tm.load' (window loaded), 'timer' (delay_ms after window loaded) or any event name pushed to dataLayer.
 * Scripts in a fragment are re-created so that they run, as GTM's Custom HTML tags do.
 */
(function () {
  'use strict';
  var me = document.currentScript;
  var params = new URL(me ? me.src : location.href, location.href).searchParams;
  var id = params.get('id') || '';
  var layerName = params.get('l') || 'dataLayer';
  var layer = window[layerName] = window[layerName] || [];
  var tags = null, fired = {}, seen = [];

  function inject(tag) {
    var holder = document.createElement('div');
    holder.innerHTML = tag.html;
    Array.prototype.slice.call(holder.childNodes).forEach(function (node) {
      if (node.nodeName === 'SCRIPT') {
        var script = document.createElement('script');
        Array.prototype.forEach.call(node.attributes, function (a) { script.setAttribute(a.name, a.value); });
        script.text = node.text;
        document.body.appendChild(script);
      } else {
        document.body.appendChild(node);
      }
    });
  }

  function fire(eventName) {
    if (!tags) { seen.push(eventName); return; }
    tags.forEach(function (tag, index) {
      if (fired[index]) return;
      var trigger = tag.trigger === 'timer' ? 'tm.load' : tag.trigger;
      if (trigger !== eventName) return;
      fired[index] = true;
      setTimeout(function () { inject(tag); }, tag.delay_ms || 0);
    });
  }

  var push = layer.push;
  layer.push = function () {
    var result = push.apply(layer, arguments);
    for (var i = 0; i < arguments.length; i++) {
      if (arguments[i] && arguments[i].event) fire(arguments[i].event);
    }
    return result;
  };

  fetch('/assets/tm/' + encodeURIComponent(id) + '.json')
    .then(function (response) { return response.json(); })
    .then(function (container) {
      tags = container.tags || [];
      var pending = seen.slice();
      seen = [];
      ['tm.js'].concat(pending).forEach(fire);
      layer.forEach(function (item) { if (item && item.event && item.event !== 'tm.js') fire(item.event); });
    });

  function domReady() { layer.push({event: 'tm.dom'}); }
  function windowLoaded() { layer.push({event: 'tm.load'}); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', domReady);
  else domReady();
  if (document.readyState === 'complete') windowLoaded();
  else window.addEventListener('load', windowLoaded);
})();
