// "Check again" runs the quality gate on the article form as it stands: it posts the form (with its CSRF token)
// to the check, which saves nothing, and puts the findings it sends back in place of the old ones. The writer's
// edits stay on the page. Loaded as a file: the admin's Content-Security-Policy allows no inline scripts.
"use strict";
(function () {
  var button = document.getElementById("newsroom-check-again");
  if (!button || !window.fetch) {
    return;
  }
  var form = document.getElementById(button.dataset.form);
  if (!form) {
    return;
  }
  var label = button.textContent;

  function showProblem(text) {
    var current = document.getElementById("newsroom-findings");
    var note = document.createElement("p");
    note.className = "errornote";
    note.textContent = text;
    current.replaceChildren(note);
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    button.textContent = "Checking…";
    fetch(button.dataset.url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {"X-Requested-With": "fetch"},
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("newsroom-findings");
      var current = document.getElementById("newsroom-findings");
      if (!fresh || !current) {
        throw new Error("no findings in the answer");
      }
      current.replaceWith(document.importNode(fresh, true));
      document.dispatchEvent(new CustomEvent("newsroom:findings-replaced"));
    }).catch(function () {
      showProblem("The check could not run just now (are you still signed in?). Your edits are still here; try again.");
    }).finally(function () {
      button.disabled = false;
      button.textContent = label;
    });
  });
})();
