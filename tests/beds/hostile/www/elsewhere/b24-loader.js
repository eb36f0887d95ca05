/* Stand-in for a Bitrix24 CRM web-form loader (crm/form/loader_32.js), served from the CDN host.
   Renders the form inline after its <script data-b24-form> tag and sends it to the portal. */
(function () {
  var HOST = "{{ELSEWHERE}}";
  var tag = document.querySelector('script[data-b24-form^="inline/32/"]');
  if (!tag) { return; }
  var sec = tag.getAttribute("data-b24-form").split("/")[2];
  var fields = [
    { code: "LEAD_NAME", label: "Name", type: "text", autocomplete: "given-name" },
    { code: "LEAD_EMAIL", label: "E-mail", type: "email", autocomplete: "email" },
    { code: "LEAD_PHONE", label: "Phone", type: "tel", autocomplete: "tel" },
    { code: "LEAD_COMMENTS", label: "Comment", type: "textarea" }
  ];
  var root = document.createElement("div");
  root.className = "b24-form";
  root.innerHTML =
    '<div class="b24-form-wrapper b24-form-border-bottom">' +
    '<div class="b24-form-header b24-form-padding-side"><div class="b24-form-header-title">Request a callback</div></div>' +
    '<div class="b24-form-content b24-form-padding-side"><form novalidate></form>' +
    '<div class="b24-form-state-container" hidden><div class="b24-form-state-text"></div></div></div>' +
    '<div class="b24-form-sign"><span class="b24-form-sign-text">Powered by</span> <span class="b24-form-sign-bx">Bitrix</span><span class="b24-form-sign-24">24</span></div>' +
    "</div>";
  var form = root.querySelector("form");
  fields.forEach(function (field, index) {
    var id = "b24-field-" + index;
    var control = field.type === "textarea"
      ? '<textarea class="b24-form-control" id="' + id + '"></textarea>'
      : '<input class="b24-form-control" id="' + id + '" type="' + field.type + '"' +
        (field.autocomplete ? ' autocomplete="' + field.autocomplete + '"' : "") + ">";
    var wrap = document.createElement("div");
    wrap.className = "b24-form-field b24-form-field-" + field.type;
    wrap.innerHTML = '<div class="b24-form-control-container">' +
      '<label class="b24-form-control-label" for="' + id + '">' + field.label +
      (field.code === "LEAD_COMMENTS" ? "" : ' <span class="b24-form-control-required">*</span>') + "</label>" +
      control + '<div class="b24-form-control-alert-message" hidden></div></div>';
    form.appendChild(wrap);
  });
  var btnWrap = document.createElement("div");
  btnWrap.className = "b24-form-btn-container";
  btnWrap.innerHTML = '<div class="b24-form-btn-block"><button class="b24-form-btn" type="submit">Send</button></div>';
  form.appendChild(btnWrap);
  tag.parentNode.insertBefore(root, tag.nextSibling);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var values = {};
    var missing = false;
    fields.forEach(function (field, index) {
      var el = document.getElementById("b24-field-" + index);
      var value = el.value.trim();
      var alert = el.parentNode.querySelector(".b24-form-control-alert-message");
      alert.hidden = true;
      if (!value && field.code !== "LEAD_COMMENTS") {
        alert.textContent = "Field is required";
        alert.hidden = false;
        missing = true;
      }
      values[field.code] = [value];
    });
    if (missing) { return; }
    var body = new FormData();
    body.append("values", JSON.stringify(values));
    body.append("properties", JSON.stringify({}));
    body.append("consents", JSON.stringify({}));
    body.append("recaptcha", "");
    body.append("timeZoneOffset", String(new Date().getTimezoneOffset()));
    body.append("id", "32");
    body.append("sec", sec);
    body.append("lang", "en");
    body.append("trace", JSON.stringify({ url: location.href, ref: document.referrer, device: {} }));
    body.append("entities", "[]");
    var button = form.querySelector(".b24-form-btn");
    button.disabled = true;
    fetch(HOST + "/bitrix/services/main/ajax.php?action=crm.site.form.fill", { method: "POST", body: body })
      .then(function (response) { return response.json(); })
      .then(function (json) {
        if (json.status !== "success") { throw new Error("fill failed"); }
        form.hidden = true;
        var state = root.querySelector(".b24-form-state-container");
        state.hidden = false;
        state.querySelector(".b24-form-state-text").textContent = json.data.message;
      })
      .catch(function () {
        button.disabled = false;
        var state = root.querySelector(".b24-form-state-container");
        state.hidden = false;
        state.querySelector(".b24-form-state-text").textContent = "Error. Please try again later.";
      });
  });
})();
