// "Rate this article" without a page reload. The form works without this script (POST, redirect).
(function () {
  "use strict";
  if (!window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  document.querySelectorAll("form[data-rating-form]").forEach(function (form) {
    var status = form.querySelector("[data-rating-status]");
    var section = form.closest(".rating");
    var text = section && section.querySelector("[data-rating-text]");
    var words = section && section.querySelector("[data-rating-words]");
    var button = form.querySelector("button[type=submit]");

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!form.querySelector("input[name=stars]:checked")) {
        status.textContent = "Choose from 1 to 5 stars before sending your rating.";
        return;
      }
      button.disabled = true;
      status.textContent = "Sending your rating…";
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
        credentials: "omit",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          });
        })
        .then(function (result) {
          if (!result.ok) {
            status.textContent = result.data.error || "Your rating could not be sent.";
            return;
          }
          status.textContent = result.data.message;
          if (result.data.rating && text && words) {
            text.textContent = result.data.rating.text;
            words.textContent = " — " + result.data.rating.words;
          }
        })
        .catch(function () {
          status.textContent = "Your rating could not be sent. Please try again.";
        })
        .then(function () {
          button.disabled = false;
        });
    });
  });
})();
