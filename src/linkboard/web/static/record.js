// Photos stay blurred until the analyst reveals them; "always show" is remembered per browser.
(function () {
  "use strict";
  var KEY = "linkboard.revealPhotos";

  function setRevealed(figure, revealed) {
    var img = figure.querySelector(".photo-img");
    var button = figure.querySelector(".reveal");
    if (!img || !button) { return; }
    img.classList.toggle("blurred", !revealed);
    img.classList.toggle("revealed", revealed);
    button.setAttribute("aria-pressed", String(revealed));
    button.textContent = (revealed ? "Blur " : "Reveal ") + button.textContent.replace(/^(Reveal|Blur) /, "");
  }

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figures = Array.prototype.slice.call(document.querySelectorAll(".photo"));
    var always = document.getElementById("reveal-always");
    var reveal = stored();
    figures.forEach(function (figure) {
      setRevealed(figure, reveal);
      var button = figure.querySelector(".reveal");
      button.addEventListener("click", function () {
        setRevealed(figure, button.getAttribute("aria-pressed") !== "true");
      });
    });
    if (always) {
      always.checked = reveal;
      always.addEventListener("change", function () {
        try { window.localStorage.setItem(KEY, always.checked ? "1" : "0"); } catch (e) { /* private mode */ }
        figures.forEach(function (figure) { setRevealed(figure, always.checked); });
      });
    }
  });
})();
