// Find the forms a customer could use to ask for a callback or write to the business, what each
// field is for, and whether a CAPTCHA guards them. Marks each form and field with data-tp-*
// attributes so Python can fill them by selector. Reads only; fills nothing.
() => {
  const ROLES = [
    ['email', /e-?mail|почт|el\.?\s?pa|paštas|elektroninis/i],
    ['phone', /phone|tel|mobile|телефон|номер|telefon|mob\.|numeris/i],
    ['name', /(^|[\s_\-\[])(name|first|fio|фио|имя|vardas|pavard)/i],
    ['subject', /subject|topic|тема|tema(\b|_)|antrašt/i],
    ['message', /message|comment|question|enquiry|inquiry|details|job|сообщени|вопрос|коммент|žinut|klausim|komentar|aprašym/i],
  ];
  const CONSENT = /privacy|consent|agree|terms|gdpr|персональн|соглас|политик|sutinku|privatum|taisykl/i;
  const MARKETING = /newsletter|news|offers|marketing|subscribe|рассылк|акци|naujien|pasiūlym/i;
  const visible = (el) => {
    if (!el || !el.getClientRects().length) return false;
    if (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const labelOf = (input) => {
    const bits = [];
    if (input.id) {
      const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
      if (label) bits.push(label.innerText);
    }
    const wrap = input.closest('label');
    if (wrap) bits.push(wrap.innerText);
    bits.push(input.getAttribute('aria-label') || '', input.getAttribute('placeholder') || '');
    return bits.join(' ').replace(/\s+/g, ' ').trim().slice(0, 160);
  };
  const roleOf = (input, label) => {
    const type = (input.getAttribute('type') || '').toLowerCase();
    const auto = (input.getAttribute('autocomplete') || '').toLowerCase();
    if (type === 'email' || auto === 'email') return 'email';
    if (type === 'tel' || auto === 'tel' || auto.startsWith('tel')) return 'phone';
    if (auto === 'name' || auto === 'given-name' || auto === 'family-name') return 'name';
    if (type === 'checkbox') return CONSENT.test(label) && !MARKETING.test(label) ? 'consent' : 'other';
    if (input.tagName === 'TEXTAREA') return 'message';
    if (['hidden', 'submit', 'button', 'image', 'file', 'password', 'search', 'radio', 'reset'].includes(type)) return type || 'other';
    const words = `${input.name || ''} ${input.id || ''} ${label}`;
    for (const [role, re] of ROLES) if (re.test(words)) return role;
    return 'other';
  };
  const captchaIn = (root) => {
    const q = (s) => root.querySelector(s);
    if (q('.g-recaptcha:not([data-size=invisible]), iframe[src*="recaptcha/api2/anchor"], iframe[src*="recaptcha/enterprise/anchor"]')) return 'reCAPTCHA';
    if (q('.h-captcha, iframe[src*="hcaptcha.com"]')) return 'hCaptcha';
    if (q('.cf-turnstile, iframe[src*="challenges.cloudflare.com"]')) return 'Cloudflare Turnstile';
    if (q('.smart-captcha, iframe[src*="smartcaptcha.yandexcloud.net"], [data-sitekey][class*="captcha"]')) return 'Yandex SmartCaptcha';
    if (q('img[src*="captcha" i], input[name*="captcha" i]')) return 'an image CAPTCHA';
    return '';
  };
  const builderOf = (el) => {
    // Class tokens, not substrings: a site's own "contact-form" is not Tilda's "t-form".
    if (el.closest('.wpcf7, .wpcf7-form')) return 'Contact Form 7';
    if (el.closest('.t-form, .js-form-proccess, .t-rec')) return 'Tilda';
    if (el.closest('.b24-form, [data-b24-form]')) return 'Bitrix24';
    if (el.closest('.hs-form, .hbspt-form')) return 'HubSpot';
    return '';
  };
  const text = (el) => {
    const own = (el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 200);
    let heading = '';
    for (let node = el; node && !heading; node = node.parentElement) {
      const h = node.querySelector && node.querySelector('h1, h2, h3, h4, legend, .t-title');
      if (h) heading = (h.innerText || '').trim();
    }
    return `${heading.slice(0, 120)} | ${own}`;
  };

  // Marks from an earlier look (the page may have drawn its forms since) would point twice.
  for (const el of document.querySelectorAll('[data-tp-form], [data-tp-field], [data-tp-submit], [data-tp-trigger]')) {
    for (const a of ['data-tp-form', 'data-tp-field', 'data-tp-submit', 'data-tp-trigger']) el.removeAttribute(a);
  }
  const roots = [...document.querySelectorAll('form')];
  for (const el of document.querySelectorAll('.b24-form, .hbspt-form, [data-tf-widget], .typeform-widget, iframe[src*="typeform.com"]')) {
    // A builder's container counts only when it holds no <form> of its own (that is already a root).
    if (!el.closest('form') && !el.querySelector('form')) roots.push(el);
  }
  const pageCaptcha = captchaIn(document);
  const invisibleRecaptcha = !!document.querySelector('.grecaptcha-badge, .g-recaptcha[data-size=invisible]');
  const forms = roots.map((root, i) => {
    root.setAttribute('data-tp-form', String(i));
    const hosted = root.matches('[data-tf-widget], .typeform-widget, iframe[src*="typeform.com"]') ||
      !!root.querySelector('iframe[src*="typeform.com"], iframe[src*="hsforms"], iframe[src*="bitrix24"]');
    const inputs = [...root.querySelectorAll('input, textarea, select')];
    const fields = inputs.map((input, j) => {
      input.setAttribute('data-tp-field', `${i}.${j}`);
      const label = labelOf(input);
      return {
        selector: `[data-tp-field="${i}.${j}"]`, tag: input.tagName.toLowerCase(),
        type: (input.getAttribute('type') || '').toLowerCase(), name: input.getAttribute('name') || '',
        label, role: roleOf(input, label), required: input.required || input.getAttribute('aria-required') === 'true',
        visible: visible(input),
        first_option: input.tagName === 'SELECT' ? (([...input.options].find((o) => o.value && !o.disabled) || {}).value || '') : '',
      };
    });
    const submit = root.querySelector('button[type=submit], input[type=submit], button:not([type]), input[type=image], .t-submit, .b24-form-btn, [type=submit]');
    if (submit) submit.setAttribute('data-tp-submit', String(i));
    return {
      index: i, selector: `[data-tp-form="${i}"]`, action: root.action || '', method: (root.method || '').toLowerCase(),
      builder: hosted ? 'hosted' : builderOf(root), visible: visible(root), text: text(root), fields,
      submit: submit ? `[data-tp-submit="${i}"]` : '', submit_visible: visible(submit),
      captcha: captchaIn(root), password: inputs.some((x) => x.type === 'password'),
      search: root.getAttribute('role') === 'search' || inputs.some((x) => x.type === 'search' || /^(q|s|search)$/.test(x.name || '')),
    };
  });
  // Buttons that open a callback or contact pop-up, for when no suitable form is visible.
  const TRIGGER = /call\s?back|request a call|order a call|contact us|get a quote|перезвон|заказать (обратный )?звонок|обратный звонок|оставить заявку|užsakyti skambutį|susisiekite|paskambinkite man/i;
  const triggers = [...document.querySelectorAll('a, button, [role=button]')]
    .filter((b) => visible(b) && TRIGGER.test((b.innerText || b.getAttribute('aria-label') || '').trim()) &&
      !(b.getAttribute('href') || '').match(/^(tel:|mailto:|https?:)/))
    .slice(0, 5)
    .map((b, k) => { b.setAttribute('data-tp-trigger', String(k)); return {selector: `[data-tp-trigger="${k}"]`, text: (b.innerText || '').trim().slice(0, 80)}; });
  return {forms, triggers, page_captcha: pageCaptcha, invisible_recaptcha: invisibleRecaptcha};
}
