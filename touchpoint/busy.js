// Installed before any page script: is the page still building itself? Counts the short timers
// (up to 2 s) and the fetch/XHR requests the page's own scripts start, and when the last of them
// ran, so the crawl reads a page once its script-built contacts are there and no sooner, and
// does not wait on a page that has nothing more to do. Long timers, timers after the first 10 s
// and timer chains that keep re-arming (polling loops) are not counted.
(() => {
  if (window.__tpBusy) return;
  const timers = new Set();
  let inflight = 0, fired = 0, last = performance.now();
  const touch = () => { last = performance.now(); };
  const setT = window.setTimeout, clearT = window.clearTimeout;
  window.setTimeout = function (fn, ms, ...rest) {
    if (typeof fn !== 'function' || (Number(ms) || 0) > 2000 || fired > 40 || performance.now() > 10000) {
      return setT.call(window, fn, ms, ...rest);
    }
    const id = setT.call(window, function (...args) {
      timers.delete(id); fired++; touch();
      return fn.apply(this, args);
    }, ms, ...rest);
    timers.add(id);
    return id;
  };
  window.clearTimeout = function (id) { timers.delete(id); return clearT.call(window, id); };
  const fetchF = window.fetch;
  if (fetchF) {
    window.fetch = function (...args) {
      inflight++; touch();
      return fetchF.apply(window, args).finally(() => { inflight--; touch(); });
    };
  }
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    inflight++; touch();
    this.addEventListener('loadend', () => { inflight--; touch(); }, {once: true});
    return send.apply(this, args);
  };
  Object.defineProperty(window, '__tpBusy', {
    value: () => ({timers: timers.size, inflight, quiet: performance.now() - last}), enumerable: false,
  });
})();
