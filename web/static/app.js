// Peduli's only script besides htmx: copy buttons. Pages work without it;
// buttons marked data-copy stay hidden until this runs.
document.querySelectorAll("[data-copy]").forEach(function (b) {
  if (!navigator.clipboard) return;
  b.hidden = false;
  b.addEventListener("click", function () {
    var el = document.getElementById(b.dataset.copy);
    navigator.clipboard.writeText(el.value).then(function () { b.textContent = b.dataset.done; });
  });
});
