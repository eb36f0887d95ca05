// Find a cookie or consent overlay and accept it the way a visitor would: the banner's own
// "accept" button. Known consent platforms first, then any fixed or modal box that talks about
// cookies and has a button with an accepting word. Returns what it saw; never fills anything in.
() => {
  const KNOWN = [
    ['OneTrust', '#onetrust-accept-btn-handler'],
    ['Cookiebot', '#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll, #CybotCookiebotDialogBodyButtonAccept'],
    ['Didomi', '#didomi-notice-agree-button'],
    ['Quantcast', '.qc-cmp2-summary-buttons button[mode=primary]'],
    ['TrustArc', '#truste-consent-button'],
    ['Google Funding Choices', '.fc-cta-consent'],
    ['CookieYes', '.cky-btn-accept, #cookie_action_close_header'],
    ['Cookie Notice', '#cn-accept-cookie'],
    ['Complianz', '.cmplz-accept'],
    ['Osano', '.osano-cm-accept-all'],
    ['Termly', '[data-tid=banner-accept]'],
    ['cookieconsent', '.cc-allow, .cc-dismiss, .cc-btn.cc-accept-all'],
    ['Borlabs', '#BorlabsCookieBox a[data-cookie-accept-all]'],
    ['iubenda', '.iubenda-cs-accept-btn'],
    ['Usercentrics', '#usercentrics-root >>> [data-testid=uc-accept-all-button]'],
    ['Klaro', '.klaro .cm-btn-accept-all, .klaro .cm-btn-success'],
    ['CookieScript', '#cookiescript_accept'],
    ['GDPR Cookie Compliance', '.moove-gdpr-infobar-allow-all'],
    ['Real Cookie Banner', '[data-rcb-accept-all], .rcb-btn-accept-all'],
    ['CookieFirst', '[data-cookiefirst-action=accept]'],
    ['Axeptio', '#axeptio_btn_acceptAll'],
  ];
  // "host >>> selector": a banner drawn in an open shadow root (Usercentrics).
  const find = (selector) => {
    const [host, inner] = selector.split(' >>> ');
    if (!inner) return document.querySelector(selector);
    const root = document.querySelector(host);
    return root && root.shadowRoot ? root.shadowRoot.querySelector(inner) : null;
  };
  const ABOUT = /cookie|consent|gdpr|privacy|slapuk|privatum|куки|cookie-файл|персональн|конфиденциальн|согласие/i;
  const ACCEPT = /^\s*(accept( all)?( cookies)?|allow( all)?( cookies)?|agree( to all)?|i agree|got it|ok(ay)?|i understand|continue|yes|принять( все)?( cookie| куки| файлы cookie)?|принимаю|согласен|согласна|соглашаюсь|согласиться|понятно|хорошо|ок|sutinku|sutikti|priimti( visus)?( slapukus)?|leisti( visus)?( slapukus)?|gerai|supratau|akceptuoju|zgadzam się|akceptuję|alle akzeptieren|akzeptieren|tout accepter|j'accepte|aceptar( todo)?)\s*[.!]?\s*$/i;
  const visible = (el) => {
    if (!el || !el.getClientRects().length) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  for (const [vendor, selector] of KNOWN) {
    const button = find(selector);
    if (visible(button)) {
      const text = (button.innerText || button.value || '').trim().slice(0, 60);
      button.click();
      return {found: true, vendor, accepted: true, button: text};
    }
  }
  const boxes = [...document.querySelectorAll('body *')].filter((el) => {
    const style = getComputedStyle(el);
    const overlay = style.position === 'fixed' || style.position === 'sticky' ||
      el.getAttribute('role') === 'dialog' || el.getAttribute('aria-modal') === 'true';
    return overlay && visible(el) && ABOUT.test((el.innerText || '').slice(0, 3000));
  });
  for (const box of boxes) {
    const buttons = [...box.querySelectorAll('button, a, [role=button], input[type=button], input[type=submit]')];
    const button = buttons.find((b) => visible(b) && ACCEPT.test(b.innerText || b.value || b.getAttribute('aria-label') || ''));
    if (button) {
      const text = (button.innerText || button.value || '').trim().slice(0, 60);
      button.click();
      return {found: true, vendor: '', accepted: true, button: text};
    }
  }
  if (boxes.length) return {found: true, vendor: '', accepted: false, button: ''};
  return {found: false, vendor: '', accepted: false, button: ''};
}
