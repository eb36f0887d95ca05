/* Stand-in for the Meta Pixel's fbevents.js: one image request per fbq('track', ...). */
(function () {
  var HOST = "{{ELSEWHERE}}";
  var fbq = window.fbq;
  var pixels = [];
  function call(method, a, b) {
    if (method === "init") { pixels.push(a); return; }
    if (method === "track" || method === "trackCustom") {
      pixels.forEach(function (id) {
        var q = new URLSearchParams({
          id: id, ev: a, dl: location.href, rl: document.referrer, if: "false",
          ts: String(Date.now()), sw: String(screen.width), sh: String(screen.height), v: "2.9.156", r: "stable"
        });
        new Image().src = HOST + "/tr?" + q.toString();
      });
    }
  }
  fbq.callMethod = function () { call.apply(null, arguments); };
  (fbq.queue || []).forEach(function (args) { call.apply(null, args); });
  fbq.queue = [];
})();
