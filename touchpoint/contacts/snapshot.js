// What a visitor could find on the page, collected in the page itself: every link, every piece
// of text that may hold a phone or an email, Cloudflare-protected emails, forms, and for each
// where it sits (header, navigation, footer, ...), whether it is visible and whether something
// covers it. Returns plain JSON; Python does the interpreting (touchpoint/contacts/snapshot.py).
(limits) => {
  const MAX_HTML = limits.maxHtml, MAX_TEXT = limits.maxText, MAX_ITEMS = limits.maxItems;
  const vw = window.innerWidth, vh = window.innerHeight;
  const REGION_TAGS = {HEADER: 'header', NAV: 'nav', FOOTER: 'footer', ASIDE: 'aside', MAIN: 'main'};
  const REGION_ROLES = {banner: 'header', navigation: 'nav', contentinfo: 'footer', complementary: 'aside', main: 'main'};
  const COMPONENT_FOOTER = new RegExp(limits.componentFooter, 'gi');
  // Class and id words that name a region: Python's (touchpoint.contacts.snapshot.REGION_WORDS),
  // which the static reader uses too.
  const REGION_WORDS = limits.regionWords.map(([source, region]) => [new RegExp(source, 'i'), region]);
  // Web components keep their markup in shadow roots, which selectors and tree walkers do not
  // enter: collect the open ones, so a header built as <site-header> is read like any other.
  const roots = [document];
  const collectRoots = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot && roots.length < 500) { roots.push(el.shadowRoot); collectRoots(el.shadowRoot); }
    }
  };
  collectRoots(document);
  const deepAll = (selector) => roots.flatMap((root) => [...root.querySelectorAll(selector)]);
  const parentOf = (node) => node.parentElement || (node.parentNode && node.parentNode.host) || null;
  const regionCache = new Map();
  const regionOf = (el) => {
    const seen = [];
    let found = 'content';
    for (let node = el; node && node.nodeType === 1; node = parentOf(node)) {
      if (regionCache.has(node)) { found = regionCache.get(node); break; }
      seen.push(node);
      const role = node.getAttribute('role');
      if (role && REGION_ROLES[role]) { found = REGION_ROLES[role]; break; }
      // A <header> or <footer> inside an article, a quote or <main> is that part's own, not the page's.
      const scoped = (node.tagName === 'HEADER' || node.tagName === 'FOOTER') && parentOf(node) &&
        parentOf(node).closest && parentOf(node).closest('article, blockquote, main');
      if (REGION_TAGS[node.tagName] && !scoped) { found = REGION_TAGS[node.tagName]; break; }
      const words = ((typeof node.className === 'string' ? node.className : '') + ' ' + (node.id || ''))
        .slice(0, 200).replace(COMPONENT_FOOTER, ' ');  // a quote's or a card's footer is not the page's
      const hit = words.trim() && REGION_WORDS.find(([re]) => re.test(words));
      if (hit) { found = hit[1]; break; }
    }
    if (found === 'content') {
      // No landmark, class or role says where it is (page builders such as Tilda): the top of
      // the page is its header, the bottom its footer, as a visitor sees them.
      const r = el.getBoundingClientRect(), top = r.top + scrollY, docH = document.documentElement.scrollHeight;
      if (r.height && top + r.height <= 160) found = 'header';
      else if (r.height && docH > 1.5 * vh && top >= docH - Math.max(400, 0.15 * docH)) found = 'footer';
      return found;  // positions are per element: not cached for its ancestors
    }
    for (const node of seen) regionCache.set(node, found);
    return found;
  };
  const rectOf = (r) => ({x: Math.round(r.left + scrollX), y: Math.round(r.top + scrollY), w: Math.round(r.width), h: Math.round(r.height)});
  // Hidden: the page itself hides it (display:none, visibility:hidden, opacity:0, a closed
  // <details>, hidden ancestors). Drawn: it has a box of more than a pixel; a link whose content is
  // an icon that did not draw (icon font or image not loaded, which the crawl blocks) has none.
  const hiddenEl = (el) => !el.getClientRects().length ||
    (el.checkVisibility && !el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}));
  const hasBox = (r) => r.width > 1 && r.height > 1;
  const coveredAt = (el, r) => {
    // Only measurable inside the viewport: is the element (or its child) what a tap at its middle hits?
    const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= vw || y >= vh) return null;
    const root = el.getRootNode();
    const top = (root.elementFromPoint ? root : document).elementFromPoint(x, y);
    if (!top) return null;
    return !(top === el || el.contains(top) || top.contains(el));
  };
  // Text shows nothing without a box (a collapsed or clipped block): not visible. A link without
  // one is still offered (`drawn: false`): its own box, else its first drawn child's, places it.
  const describe = (el, isLink) => {
    let r = el.getBoundingClientRect();
    const hidden = hiddenEl(el);
    let drawn = !hidden && hasBox(r);
    if (!hidden && !drawn && isLink) {
      const child = [...el.querySelectorAll('*')].slice(0, 20).find((c) => hasBox(c.getBoundingClientRect()) && !hiddenEl(c));
      if (child) { r = child.getBoundingClientRect(); drawn = true; }
    }
    const visible = isLink ? !hidden : drawn;
    return {region: regionOf(el), rect: rectOf(r), visible, drawn, covered: drawn ? coveredAt(el, r) : null};
  };
  const clip = (s, n) => (s || '').replace(/\s+/g, ' ').trim().slice(0, n);

  const anchors = [];
  const linkOf = (el, href, raw) => ({
    href, raw: raw.slice(0, 500), text: clip(el.innerText || el.textContent, 200),
    aria: clip(el.getAttribute('aria-label'), 200), title: clip(el.getAttribute('title'), 200),
    rel: el.getAttribute('rel') || '', img_alt: clip([...el.querySelectorAll('img[alt]')].map((i) => i.alt).join(' '), 100),
    cls: clip((typeof el.className === 'string' ? el.className : '') + ' ' + (el.id || ''), 120),
    tag: el.tagName.toLowerCase(), ...describe(el, true),
  });
  for (const a of deepAll('a[href], area[href]')) {
    if (anchors.length >= MAX_ITEMS) break;
    const raw = a.getAttribute('href') || '';
    if (!raw || raw.startsWith('javascript:')) continue;
    anchors.push(linkOf(a, a.href || raw, raw));
  }
  // Buttons and other elements that go somewhere when clicked: an href or data-href on a
  // non-link, or a click handler that sets location / opens a window with a literal address.
  const NAVIGATES = /(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\(|window\.open\()\s*['"]([^'"]+)['"]/;
  for (const el of deepAll('button[href], [data-href], [onclick*="location"], [onclick*="open("]')) {
    if (anchors.length >= MAX_ITEMS) break;
    if ((el.tagName === 'A' || el.tagName === 'AREA') && el.hasAttribute('href')) continue;
    const handler = NAVIGATES.exec(el.getAttribute('onclick') || '');
    const raw = (el.getAttribute('href') || el.getAttribute('data-href') || (handler && handler[1]) || '').trim();
    if (!raw || raw.startsWith('javascript:') || raw.startsWith('#')) continue;
    let href = raw;
    try { href = new URL(raw, document.baseURI).href; } catch (e) { continue; }
    anchors.push(linkOf(el, href, raw));
  }

  // Text that may hold a phone, an email or an address: any digit, an @, or the spelled-out forms.
  // The pattern is Python's (touchpoint.contacts.snapshot.TEXT_HINT): the static reader uses the same.
  const TEXT_HINT = new RegExp(limits.textHint, 'i');
  const texts = [];
  const textNodes = function* () {
    for (const root of roots) {
      const walker = document.createTreeWalker(root === document ? (document.body || document.documentElement) : root, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => {
          const p = n.parentElement;
          if (!p || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(p.tagName)) return NodeFilter.FILTER_REJECT;
          return TEXT_HINT.test(n.nodeValue) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
        },
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) yield n;
    }
  };
  const blocks = new Set();
  for (const n of textNodes()) {
    if (texts.length >= MAX_ITEMS) break;
    // The text of the smallest block around the node: a number split over <span>s reads whole.
    let block = n.parentElement;
    while (block && block.parentElement && getComputedStyle(block).display === 'inline' && block.tagName !== 'A') block = block.parentElement;
    if (!block || blocks.has(block)) continue;
    blocks.add(block);
    // A value in a table cell or a <dd> reads with its label: "ИНН | 9726045812" says what it is.
    let label = '';
    if (block.tagName === 'TD' || block.tagName === 'TH') {
      let cell = block.previousElementSibling;
      while (cell && label.length < 60) { label = clip(cell.innerText, 60) + ' ' + label; cell = cell.previousElementSibling; }
    } else if (block.tagName === 'DD' && block.previousElementSibling && block.previousElementSibling.tagName === 'DT') {
      label = clip(block.previousElementSibling.innerText, 60) + ' ';
    }
    texts.push({text: clip(label + (block.innerText || block.textContent), 460), tag: block.tagName.toLowerCase(), ...describe(block, false)});
  }

  const addresses = [];
  for (const el of deepAll('address, [itemprop=address], .h-adr, .p-adr')) {
    if (addresses.length >= 50) break;
    addresses.push({text: clip(el.innerText || el.textContent, 400), ...describe(el, false)});
  }

  const cfemails = [];
  for (const el of deepAll('[data-cfemail]')) {
    if (cfemails.length >= MAX_ITEMS) break;
    cfemails.push({hex: el.getAttribute('data-cfemail'), ...describe(el, el.tagName === 'A')});
  }

  const forms = [];
  for (const f of deepAll('form')) {
    if (forms.length >= 50) break;
    const fields = [...f.querySelectorAll('input, textarea, select')].slice(0, 40).map((i) => ({
      tag: i.tagName.toLowerCase(), type: (i.getAttribute('type') || '').toLowerCase(), name: i.getAttribute('name') || '',
      autocomplete: i.getAttribute('autocomplete') || '', placeholder: clip(i.getAttribute('placeholder'), 80),
    }));
    forms.push({action: f.action || '', method: (f.method || 'get').toLowerCase(), fields,
                submit: !!f.querySelector('button, input[type=submit], input[type=image]'), ...describe(f, false)});
  }

  const headings = [...document.querySelectorAll('h1, h2, h3')].slice(0, 40).map((h) => clip(h.innerText || h.textContent, 200));

  const html = document.documentElement.outerHTML;
  const shadowText = roots.slice(1).map((root) => [...root.children].map((c) => c.innerText || '').join('\n')).join('\n');
  const text = ((document.body && document.body.innerText) || '') + (shadowText.trim() ? '\n' + shadowText : '');
  return {
    url: location.href, title: clip(document.title, 300), lang: document.documentElement.lang || '',
    viewport: {w: vw, h: vh}, scroll: {w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight},
    html: html.slice(0, MAX_HTML), html_truncated: html.length > MAX_HTML,
    text: text.slice(0, MAX_TEXT), headings, anchors, texts, addresses, cfemails, forms,
  };
}
