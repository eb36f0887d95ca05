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
  tp.state = (vendor, state, detail) => tp.emit({type: 'state', vendor, state, detail: detail == null ? '' : String(detail).slice(0, 500)});
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
