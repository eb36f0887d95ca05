/* Stand-in for gtag.js: a page_view beacon on config, an event beacon per gtag('event', ...). */
(function () {
  var HOST = "{{ELSEWHERE}}";
  var ids = [];
  var cid = Math.floor(Math.random() * 2147483647) + "." + Math.floor(Date.now() / 1000);
  var seq = 0;
  function send(tid, name, params) {
    var q = new URLSearchParams({
      v: "2", tid: tid, gtm: "45je4a20", _p: String(Date.now()), cid: cid,
      ul: (navigator.language || "").toLowerCase(), sr: screen.width + "x" + screen.height,
      _s: String(++seq), dl: location.href, dt: document.title, en: name
    });
    Object.keys(params || {}).forEach(function (key) { q.append("ep." + key, String(params[key])); });
    navigator.sendBeacon(HOST + "/g/collect?" + q.toString());
  }
  function handle(args) {
    if (args[0] === "config") { ids.push(args[1]); send(args[1], "page_view", {}); }
    else if (args[0] === "event") { ids.forEach(function (tid) { send(tid, args[1], args[2] || {}); }); }
  }
  var dl = window.dataLayer = window.dataLayer || [];
  dl.forEach(handle);
  var push = dl.push.bind(dl);
  dl.push = function () { Array.prototype.forEach.call(arguments, handle); return push.apply(null, arguments); };
})();
