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

  // Photos are shrunk before they are sent: a phone's 5 MB camera photo
  // becomes a JPEG of at most 1600 px a side (a few hundred KB), turned
  // upright, which a slow connection sends in seconds. Without this script
  // (or a browser that cannot read the file) the photo goes as it is and
  // the server, which takes up to 12 MB, shrinks it.
  var side = 1600;
  function shrink(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (img) {
      var k = Math.min(1, side / Math.max(img.width, img.height));
      var c = document.createElement("canvas");
      c.width = Math.max(1, Math.round(img.width * k));
      c.height = Math.max(1, Math.round(img.height * k));
      var g = c.getContext("2d");
      g.fillStyle = "#fff";
      g.fillRect(0, 0, c.width, c.height);
      g.drawImage(img, 0, 0, c.width, c.height);
      return new Promise(function (done) { c.toBlob(done, "image/jpeg", 0.82); });
    }).then(function (blob) {
      if (!blob || blob.size >= file.size) return file;
      return new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" });
    });
  }
  document.querySelectorAll("input[type=file][data-shrink]").forEach(function (input) {
    var form = input.form, shrunk = false;
    if (!form || !window.createImageBitmap || !window.DataTransfer) return;
    form.addEventListener("submit", function (ev) {
      var file = input.files && input.files[0];
      if (shrunk || !file || !/^image\//.test(file.type)) return;
      ev.preventDefault();
      var button = ev.submitter;
      if (button) button.disabled = true;
      shrink(file).then(function (small) {
        var dt = new DataTransfer();
        dt.items.add(small);
        input.files = dt.files;
      }).catch(function () { /* sent as it is; the server shrinks it */ }).then(function () {
        shrunk = true;
        if (button) button.disabled = false;
        if (form.requestSubmit) form.requestSubmit(button); else form.submit();
      });
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
