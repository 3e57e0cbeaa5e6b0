// Live reload for oops serve: added to pages by the server, never written
// to a build. It reloads the page once a rebuild is complete, keeping the
// scroll position, and shows an overlay with the errors of a broken save.
(function () {
  "use strict";
  var key = "oops-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = Number(saved);
    var restore = function () { window.scrollTo(0, y); };
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore);
  }

  var overlay = null;
  function clear() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function el(tag, css, text) {
    var e = document.createElement(tag);
    if (css) e.style.cssText = css;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function show(errors) {
    clear();
    overlay = el("div", "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);" +
      "color:#f4f4f5;font:15px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2rem");
    overlay.id = "oops-error-overlay";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-label", "Build error");
    var title = el("h2", "font:700 20px system-ui,sans-serif;margin:0 0 1rem;color:#ff8a80",
      errors.length === 1 ? "The last save did not build" : "The last save did not build: " + errors.length + " errors");
    overlay.appendChild(title);
    overlay.appendChild(el("p", "font:14px system-ui,sans-serif;margin:0 0 1.5rem;color:#c4c4c8",
      "The page below is the last good build. Fix the file and save: this closes by itself."));
    errors.forEach(function (e) {
      var box = el("section", "margin:0 0 1.5rem;padding:1rem;border-left:4px solid #ff8a80;background:#26262b");
      var where = e.file + (e.line ? ":" + e.line + (e.col ? ":" + e.col : "") : "");
      box.appendChild(el("div", "color:#8ab4f8;margin-bottom:.4rem", where));
      box.appendChild(el("div", "white-space:pre-wrap;margin-bottom:.6rem", e.message));
      if (e.context && e.context.length) {
        var pre = el("pre", "margin:0;padding:.6rem;background:#1b1b1f;overflow:auto");
        e.context.forEach(function (l) {
          var row = el("div", l.number === e.line ? "background:#4a1d1a" : "",
            String(l.number).padStart(5, " ") + "  " + l.text);
          pre.appendChild(row);
        });
        box.appendChild(pre);
      }
      overlay.appendChild(box);
    });
    (document.body || document.documentElement).appendChild(overlay);
  }

  var source = new EventSource("/_oops/events");
  source.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  source.addEventListener("errors", function (ev) { show(JSON.parse(ev.data)); });
})();
