// Keyboard navigation for every list of .kbd-item rows: j/k move, o/Enter open, r reviews.
(function () {
  "use strict";
  var current = -1;

  function items() { return Array.prototype.slice.call(document.querySelectorAll(".kbd-item")); }

  function focusItem(index) {
    var all = items();
    if (!all.length) { return; }
    current = Math.max(0, Math.min(index, all.length - 1));
    all[current].focus();
    all[current].scrollIntoView({ block: "nearest" });
  }

  function activeIndex() {
    var all = items();
    var el = document.activeElement;
    while (el && !(el.classList && el.classList.contains("kbd-item"))) { el = el.parentElement; }
    var found = el ? all.indexOf(el) : -1;
    return found >= 0 ? found : current;
  }

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function toggleHelp() {
    var help = document.getElementById("keys-help");
    var button = document.querySelector(".help-toggle");
    if (!help) { return; }
    help.hidden = !help.hidden;
    if (button) { button.setAttribute("aria-expanded", String(!help.hidden)); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var all = items();
    var index = activeIndex();
    if (event.key === "j") { focusItem(index + 1); event.preventDefault(); }
    else if (event.key === "k") { focusItem(index < 0 ? 0 : index - 1); event.preventDefault(); }
    else if ((event.key === "o" || event.key === "Enter") && index >= 0 && all[index]) {
      if (event.key === "Enter" && event.target.tagName === "A") { return; }
      var link = all[index].querySelector("a.open");
      var href = link ? link.getAttribute("href") : all[index].getAttribute("data-href");
      if (href) { window.location.href = href; event.preventDefault(); }
    } else if (event.key === "r") {
      var scope = index >= 0 && all[index] ? all[index] : document;
      var button = scope.querySelector(".mark-btn");
      if (button) { button.click(); event.preventDefault(); }
    } else if (event.key === "/") {
      var box = document.getElementById("q") || document.getElementById("quick-q");
      if (box) { box.focus(); event.preventDefault(); }
    } else if (event.key === "?") { toggleHelp(); event.preventDefault(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector(".help-toggle");
    if (button) { button.addEventListener("click", toggleHelp); }
  });

  // After htmx swaps in a new mark button, keep the row's reviewed state in step.
  document.addEventListener("htmx:afterSwap", function (event) {
    var row = event.target.closest ? event.target.closest(".kbd-item") : null;
    var button = row ? row.querySelector(".mark-btn") : null;
    if (row && button) {
      row.classList.toggle("is-reviewed", button.classList.contains("is-reviewed"));
      row.focus();
    }
  });
})();
