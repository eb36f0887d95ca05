// The bridge between a chat widget and the audit, installed in every frame before any page
// script runs. Vendor adapters (touchpoint/chat/vendors/*.js) register here and install their
// hooks at once, before the vendor's own script loads; every message or state change they see
// is emitted with the browser's own clock (Date.now()) to Python through the __tpChatEvent
// binding. Events are normalised:
//   {type: "message", vendor, author: "agent" | "bot" | "visitor" | "system", name, text, at, meta}
//   {type: "state", vendor, state: "loaded" | "online" | "offline" | "open" | "closed" | "error" | "agent-joined", detail, at}
(() => {
  if (window.__tpChat) return;
  const tp = window.__tpChat = {adapters: {}, events: [], errors: []};
  tp.emit = (event) => {
    const e = Object.assign({at: Date.now(), frame: window === window.top ? 'top' : location.href}, event);
    tp.events.push(e);
    try { if (typeof window.__tpChatEvent === 'function') window.__tpChatEvent(e); } catch (err) { tp.errors.push(String(err)); }
  };
  tp.message = (vendor, author, text, extra) => tp.emit(Object.assign(
    {type: 'message', vendor, author, text: String(text == null ? '' : text).slice(0, 4000)}, extra || {}));
  tp.loaded = {};  // vendor -> true once its documented "loaded" callback has fired
  tp.state = (vendor, state, detail) => {
    if (state === 'loaded') tp.loaded[vendor] = true;
    tp.emit({type: 'state', vendor, state, detail: detail == null ? '' : String(detail).slice(0, 500)});
  };
  // Is an element showing on the page (not display:none, hidden, transparent, zero-sized or off screen)?
  tp.visible = (el) => {
    if (!el || !el.isConnected) return false;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) < 0.05) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width >= 8 && r.height >= 8 && r.right > 0 && r.bottom > 0 && r.left < innerWidth + 1 && r.top < innerHeight + 1;
  };
  const frameText = (f) => ['title', 'src', 'id', 'name', 'class'].map((a) => f.getAttribute(a) || '').join(' ');
  // The vendor's own elements on the page: its iframes and DOM markers (signature.frames, .markers).
  tp.parts = (adapter) => {
    const sig = adapter.signature || {};
    const found = Array.from(document.querySelectorAll('iframe')).filter((f) => (sig.frames || []).some((re) => re.test(frameText(f))));
    for (const selector of sig.markers || []) {
      try { found.push(...document.querySelectorAll(selector)); } catch (err) { /* a selector this browser lacks */ }
    }
    return found;
  };
  // How the page shows the vendor, whether or not its API works: a global its snippet sets, its
  // script (by its CDN address, when not self-hosted or proxied), its frames or its DOM markers.
  const lookup = (g) => g.split('.').reduce((o, k) => (o == null ? undefined : o[k]), window);
  // What the adapters' own hooks put in the globals before any page script ran: not the page's.
  tp.base = new Map();
  tp.seal = () => {
    for (const adapter of Object.values(tp.adapters)) {
      for (const g of (adapter.signature || {}).globals || []) { try { tp.base.set(g, lookup(g)); } catch (err) { /* none */ } }
    }
  };
  tp.seen = (adapter) => {
    const sig = adapter.signature || {};
    const has = (g) => { const v = lookup(g); return v !== undefined && !(tp.base.has(g) && tp.base.get(g) === v); };
    if ((sig.globals || []).some(has)) return 'its global ' + (sig.globals || []).find(has);
    const script = Array.from(document.scripts).find((el) => (sig.scripts || []).some((re) => re.test(el.src || '')));
    if (script) return 'its script ' + script.src;
    if (tp.parts(adapter).length) return 'its widget on the page';
    return '';
  };
  // Every vendor the page shows, and whether its widget is ready: its documented "loaded" callback
  // fired, or its API is usable and its widget is drawn (adapter.ready, else adapter.present).
  tp.scan = () => {
    const found = [];
    for (const [vendor, adapter] of Object.entries(tp.adapters)) {
      let how = '', ready = false;
      try { how = adapter.signature ? tp.seen(adapter) : ''; } catch (err) { how = ''; }
      try { ready = !!(adapter.ready ? adapter.ready() : adapter.present && adapter.present()); } catch (err) { ready = false; }
      if (how || ready) found.push({vendor, how: how || 'its widget', ready});
    }
    return found;
  };
  // The widget's state as its vendor's documented API tells it, and whether a visitor can see it:
  // {status: "online" | "away" | "offline" | "", hidden: true | false | null (the API's word),
  //  open: true | false | null, shown: true | false | null (does any part of it show on the page)}.
  tp.stateOf = (vendor) => {
    const adapter = tp.adapters[vendor];
    const own = adapter.state ? adapter.state() : {};
    const status = own.status !== undefined ? own.status : (adapter.status ? adapter.status() : '');
    const parts = tp.parts(adapter);
    return {status: String(status || ''), hidden: own.hidden === undefined ? null : own.hidden,
      open: own.open === undefined ? null : own.open, shown: parts.length ? parts.some(tp.visible) : null};
  };
  // Call `onSet(value)` whenever the page assigns the global `name` (and at once if it already
  // exists), keeping the page's own value: how a hook gets in before a vendor's snippet replaces
  // an object or a queue such as $crisp.
  tp.trap = (name, onSet) => {
    let value = window[name];
    const seen = new WeakSet();
    const fire = (v) => { if (v && (typeof v === 'object' || typeof v === 'function') && !seen.has(v)) { seen.add(v); try { onSet(v); } catch (err) { tp.errors.push(`${name}: ${err}`); } } };
    try {
      Object.defineProperty(window, name, {configurable: true, enumerable: true,
        get() { return value; }, set(v) { value = v; fire(v); }});
    } catch (err) { tp.errors.push(`trap ${name}: ${err}`); }
    fire(value);
  };
  // Wrap a callback property so the page's own handler (if any, set before or after) still runs.
  tp.chain = (obj, prop, ours) => {
    let theirs = obj[prop];
    try {
      Object.defineProperty(obj, prop, {configurable: true, enumerable: true,
        get() { return (...args) => { try { ours(...args); } catch (err) { tp.errors.push(`${prop}: ${err}`); } if (typeof theirs === 'function') return theirs(...args); }; },
        set(v) { theirs = v; }});
    } catch (err) { tp.errors.push(`chain ${prop}: ${err}`); }
  };
  tp.register = (vendor, adapter) => {
    tp.adapters[vendor] = adapter;
    try { if (adapter.install) adapter.install(); } catch (err) { tp.errors.push(`${vendor} install: ${err}`); }
  };
  // Which adapters see their vendor on this page, and what the page loads.
  tp.detect = () => {
    const found = [];
    for (const [vendor, adapter] of Object.entries(tp.adapters)) {
      try { if (adapter.present && adapter.present()) found.push(vendor); } catch (err) { /* not this one */ }
    }
    return found;
  };
})();
