// Autosave: while a writer changes the article form, the form as it stands is sent to the server at most once per
// interval (30 s by default, data-seconds): the first change starts the wait, later changes ride along with it.
// It is kept for this writer only, never as a revision; reopening the page offers it back. Every field the form
// would post is sent (all inline formsets, whatever their prefixes), except the CSRF token (sent as a header) and
// files. Loaded as a file: the admin's Content-Security-Policy allows no inline scripts.
"use strict";
(function () {
  var script = document.currentScript;
  var form = document.getElementById(script.dataset.form);
  var status = document.getElementById(script.dataset.status);
  var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!form || !token || !window.fetch) {
    return;
  }
  var wait = Math.max(Number(script.dataset.seconds) || 30, 0.1) * 1000;
  var timer = null;
  var sending = false;
  var changedWhileSending = false;
  var submitted = false;
  var lastSent = null;

  function fields() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken") {
        pairs.push([name, value]);
      }
    });
    return JSON.stringify({data: pairs});
  }

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function problem(response) {
    if (response.status === 413) {
      return "Too long to autosave: save the article to keep your text.";
    }
    if (response.status === 403 || response.redirected) {
      return "Autosave stopped (are you still signed in?). Save the article to keep your text.";
    }
    return "Autosave did not work just now; your text is still here, and it will try again at your next change.";
  }

  function send() {
    timer = null;
    if (submitted) {
      return;
    }
    var body = fields();
    if (body === lastSent) {
      return;
    }
    sending = true;
    fetch(script.dataset.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": token.value, "X-Requested-With": "fetch"},
    }).then(function (response) {
      if (!response.ok || response.redirected) {
        throw response;
      }
      return response.json();
    }).then(function (answer) {
      lastSent = body;
      if (!submitted) {
        say("Autosaved at " + answer.time);
      }
    }).catch(function (failure) {
      if (!submitted) {
        say(failure instanceof Response ? problem(failure) : problem({status: 0}));
      }
    }).finally(function () {
      sending = false;
      if (changedWhileSending) {
        changedWhileSending = false;
        changed();
      }
    });
  }

  function changed() {
    if (submitted) {
      return;
    }
    if (sending) {
      changedWhileSending = true;
      return;
    }
    if (timer === null) {
      timer = window.setTimeout(send, wait);
    }
  }

  // Typing in a field or a prose editor (which copies its text into its hidden textarea with an input event),
  // choosing, ticking, adding or removing an inline row; select2 tells only jQuery about a choice.
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  document.addEventListener("formset:added", changed);
  document.addEventListener("formset:removed", changed);
  if (window.django && window.django.jQuery) {
    window.django.jQuery(form).on("change", changed);
  }

  // The save keeps the text now: no autosave after it (the server clears this writer's autosave when it saves).
  form.addEventListener("submit", function () {
    submitted = true;
    window.clearTimeout(timer);
    timer = null;
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      submitted = false;
    }
  });
})();
