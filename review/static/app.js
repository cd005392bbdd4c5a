// Keyboard shortcuts. Queue: j/k move the selection, Enter opens it.
// Pair view: c confirm, r reject, n needs more work, j/k next/previous pair.
(function () {
  function typing(e) { var t = e.target; return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA"); }
  var rows = Array.prototype.slice.call(document.querySelectorAll("#queue tbody tr[data-href]"));
  var at = rows.length ? 0 : -1;
  function select(i) {
    if (!rows.length) return;
    at = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle("selected", j === at); });
    rows[at].scrollIntoView({ block: "nearest" });
  }
  rows.forEach(function (r, i) {
    r.addEventListener("click", function (e) { if (e.target.tagName !== "INPUT") window.location = r.dataset.href; });
  });
  if (rows.length) select(0);
  document.addEventListener("keydown", function (e) {
    if (typing(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (rows.length) {
      if (e.key === "j") { select(at + 1); e.preventDefault(); }
      else if (e.key === "k") { select(at - 1); e.preventDefault(); }
      else if (e.key === "Enter" && at >= 0) { window.location = rows[at].dataset.href; }
      return;
    }
    var target = document.querySelector('[data-key="' + e.key + '"]');
    if (!target) return;
    e.preventDefault();
    if (target.tagName === "BUTTON") {
      var form = target.form, input = document.createElement("input");
      input.type = "hidden"; input.name = target.name; input.value = target.value;
      form.appendChild(input); form.submit();
    } else { window.location = target.href; }
  });
})();
