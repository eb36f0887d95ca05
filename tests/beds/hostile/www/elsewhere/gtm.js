/* Stand-in for a Google Tag Manager container (GTM-GRNLF7) as a site might configure it:
   - a GA4 configuration tag (page_view on load);
   - a "Form Submission" trigger firing a GA4 event tag 'generate_lead' whose event parameters are
     DOM-element variables reading the form's email and phone fields. (Google's policy forbids
     sending PII to Analytics; sites still configure this.) */
(function () {
  var HOST = "{{ELSEWHERE}}";
  var TID = "G-GRNLF7Q2";
  var cid = Math.floor(Math.random() * 2147483647) + "." + Math.floor(Date.now() / 1000);
  var seq = 0;
  function send(name, params) {
    var q = new URLSearchParams({
      v: "2", tid: TID, gtm: "45je4a20", _p: String(Date.now()), cid: cid, _s: String(++seq),
      dl: location.href, dt: document.title, en: name
    });
    Object.keys(params).forEach(function (key) { q.append("ep." + key, params[key]); });
    navigator.sendBeacon(HOST + "/g/collect?" + q.toString());
  }
  (window.dataLayer = window.dataLayer || []).push({ event: "gtm.load" });
  send("page_view", {});
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) { return; }
    var form = event.target;
    var email = form.querySelector('input[type=email], input[name*="mail" i]');
    var phone = form.querySelector('input[type=tel], input[name*="phone" i]');
    send("generate_lead", {
      form_id: form.id || "",
      user_email: email ? email.value : "",
      user_phone: phone ? phone.value : ""
    });
  });
})();
