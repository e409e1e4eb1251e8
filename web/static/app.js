// Peduli's only script besides htmx. Pages work without it.
(function () {
  "use strict";
  if (window.peduliApp) return; // a page may load it twice
  window.peduliApp = true;

  // Copy buttons: buttons marked data-copy stay hidden until this runs.
  document.querySelectorAll("[data-copy]").forEach(function (b) {
    if (!navigator.clipboard) return;
    b.hidden = false;
    b.addEventListener("click", function () {
      var el = document.getElementById(b.dataset.copy);
      navigator.clipboard.writeText(el.value).then(function () { b.textContent = b.dataset.done; });
    });
  });

  // A failed htmx request (no connection, timeout, server fault or refusal)
  // swaps nothing, so what was entered stays; say so above the form, in the
  // page's language (the words come from the layout's #request-error).
  var words = document.getElementById("request-error");
  if (!words) return;
  function place(elt) {
    return (elt && elt.closest && (elt.closest("form") || elt)) || document.getElementById("main");
  }
  function show(elt, text) {
    var at = place(elt);
    var p = at.previousElementSibling;
    if (!p || !p.hasAttribute("data-request-error")) {
      p = document.createElement("p");
      p.className = "flash error";
      p.setAttribute("role", "alert");
      p.setAttribute("data-request-error", "");
      at.parentNode.insertBefore(p, at);
    }
    p.textContent = text;
    p.scrollIntoView({ block: "nearest" });
  }
  function clear(elt) {
    var p = place(elt).previousElementSibling;
    if (p && p.hasAttribute("data-request-error")) p.remove();
  }
  function problem(xhr) {
    try {
      if ((xhr.getResponseHeader("Content-Type") || "").indexOf("json") >= 0) {
        var b = JSON.parse(xhr.responseText);
        return b.detail || b.title || "";
      }
    } catch (e) { /* not a problem document */ }
    return "";
  }
  document.body.addEventListener("htmx:beforeRequest", function (ev) { clear(ev.detail.elt); });
  document.body.addEventListener("htmx:sendError", function (ev) { show(ev.detail.elt, words.dataset.offline); });
  document.body.addEventListener("htmx:timeout", function (ev) { show(ev.detail.elt, words.dataset.offline); });
  document.body.addEventListener("htmx:responseError", function (ev) {
    var xhr = ev.detail.xhr;
    if (xhr.status >= 500) { show(ev.detail.elt, words.dataset.server); return; }
    var why = problem(xhr);
    show(ev.detail.elt, words.dataset.refused + (why ? " (" + why + ")" : ""));
  });
})();
