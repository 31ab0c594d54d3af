// Photos stay blurred until the analyst reveals them; each reveal is noted in the audit log, and
// "always show" is a setting of the user's account, saved on the server.
(function () {
  "use strict";

  function csrf() {
    var meta = document.querySelector("meta[name='csrf-token']");
    return meta ? meta.getAttribute("content") : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: body || null,
      headers: { "X-CSRF-Token": csrf() }
    });
  }

  function setRevealed(figure, revealed) {
    var img = figure.querySelector(".photo-img");
    var button = figure.querySelector(".reveal");
    if (!img || !button) { return; }
    img.classList.toggle("blurred", !revealed);
    img.classList.toggle("revealed", revealed);
    button.setAttribute("aria-pressed", String(revealed));
    button.textContent = (revealed ? "Blur " : "Reveal ") + button.textContent.replace(/^(Reveal|Blur) /, "");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figures = Array.prototype.slice.call(document.querySelectorAll(".photo[data-reveal-url]"));
    var always = document.getElementById("reveal-always");
    figures.forEach(function (figure) {
      var button = figure.querySelector(".reveal");
      button.addEventListener("click", function () {
        var reveal = button.getAttribute("aria-pressed") !== "true";
        if (reveal) { post(figure.getAttribute("data-reveal-url")); }
        setRevealed(figure, reveal);
      });
    });
    if (always) {
      always.addEventListener("change", function () {
        var body = new FormData();
        body.append("on", always.checked ? "true" : "false");
        post("/settings/reveal-photos", body).then(function (response) {
          if (!response.ok) { always.checked = !always.checked; return; }
          figures.forEach(function (figure) { setRevealed(figure, always.checked); });
        });
      });
    }
  });
})();
