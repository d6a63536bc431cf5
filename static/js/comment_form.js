// The comment form in a page every reader is served alike (the page cache) comes without the reader's own tokens:
// fetched from the site when the reader starts on the form, or at the latest when they send it. Without this
// script, the form sent without them comes back with the reader's text kept and the tokens filled in.
(function () {
  "use strict";

  function setUp(form) {
    var pending = null;

    function filled() {
      return form.elements.token.value && form.elements.csrfmiddlewaretoken.value;
    }

    function fill() {
      if (filled()) {
        return Promise.resolve();
      }
      if (!pending) {
        pending = fetch(form.dataset.formTokenUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (answer) {
            if (!answer.ok) {
              throw new Error("form token: " + answer.status);
            }
            return answer.json();
          })
          .then(function (data) {
            form.elements.csrfmiddlewaretoken.value = data.csrf;
            form.elements.token.value = data.token;
            // The name and address this reader last commented under, where they have not typed anything yet.
            ["name", "email"].forEach(function (field) {
              if (data[field] && form.elements[field] && !form.elements[field].value) {
                form.elements[field].value = data[field];
              }
            });
          })
          .catch(function () {
            pending = null;
          });
      }
      return pending;
    }

    form.addEventListener("focusin", fill);
    form.addEventListener("input", fill);
    form.addEventListener("submit", function (event) {
      if (filled()) {
        return;
      }
      event.preventDefault();
      // Sent even if the tokens could not be fetched: the site then gives the text back with a fresh form.
      fill().then(function () {
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  document.querySelectorAll("form[data-form-token-url]").forEach(setUp);
})();
