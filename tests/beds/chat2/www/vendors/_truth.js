  // ---- chat bed: the answer key's reporter. NOT part of any vendor's widget. ----------------
  // Every message the widget shows is reported when it is shown: {author, text, at}, author one of
  // greeting | bot | system | visitor | agent; state facts as {type: "state", state, at}.
  var BED = (function () {
    var post = window.fetch ? window.fetch.bind(window) : null;
    var vendor = INLINE && INLINE.vendor;
    function caseId() {
      var asked = new URLSearchParams(location.search).get('case');
      if (asked) return asked;
      return (location.pathname.split('/').pop() || 'index').replace(/\.html?$/, '');
    }
    function send(event, extra) {
      event.vendor = vendor;
      if (extra) for (var key in extra) if (Object.prototype.hasOwnProperty.call(extra, key)) event[key] = extra[key];
      if (!post) return;
      try {
        post('/__truth?case=' + encodeURIComponent(caseId()), {
          method: 'POST', body: JSON.stringify(event), keepalive: true
        }).catch(function () {});
      } catch (ignored) { /* the page goes on */ }
    }
    return {
      say: function (author, text, extra) { send({author: author, text: text, at: Date.now()}, extra); },
      state: function (state, extra) { send({type: 'state', state: state, at: Date.now()}, extra); }
    };
  })();
  // ---------------------------------------------------------------------------------------
