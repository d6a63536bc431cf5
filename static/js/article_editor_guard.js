// The article editor keeps a writer's work: it warns before leaving a page with unsaved changes, and tells the
// server when the writer leaves, so "Being edited by" clears for colleagues. Loaded as a file: the admin's
// Content-Security-Policy allows no inline scripts.
"use strict";
(function () {
  var script = document.currentScript;
  var form = document.getElementById(script.dataset.form);
  if (!form) {
    return;
  }

  // Fields that change without the writer changing anything: the token, the formset counters, and the
  // hidden template row the admin copies when a row is added.
  function isBookkeeping(name) {
    return name === "csrfmiddlewaretoken" || name.indexOf("__prefix__") !== -1 ||
      /-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name);
  }

  // What the form would send, as a comparable text. Empty values are left out, and so is a field of an added
  // row that still holds the blank row's default: the admin does not save such a row, so adding one (or
  // removing it again) is not a change; clearing a filled field still is.
  function snapshot() {
    var data = new FormData(form);
    var blankRow = {};
    var initialForms = {};
    data.forEach(function (value, name) {
      var template = /^(.+)-__prefix__-([^-]+)$/.exec(name);
      if (template) {
        blankRow[template[1] + " " + template[2]] = String(value);
      }
      var counter = /^(.+)-INITIAL_FORMS$/.exec(name);
      if (counter) {
        initialForms[counter[1]] = parseInt(value, 10) || 0;
      }
    });
    var entries = [];
    data.forEach(function (value, name) {
      if (isBookkeeping(name)) {
        return;
      }
      if (typeof value !== "string") {
        value = value.name ? "file:" + value.name + ":" + value.size : "";
      }
      var row = /^(.+)-(\d+)-([^-]+)$/.exec(name);
      if (row && Number(row[2]) >= (initialForms[row[1]] || 0) && blankRow[row[1] + " " + row[3]] === value) {
        return;
      }
      // A block new to the page gets its identity and place from the editor, not from the writer.
      if (row && Number(row[2]) >= (initialForms[row[1]] || 0) && /^(uid|region|ordering)$/.test(row[3])) {
        return;
      }
      if (value !== "") {
        entries.push(name + "=" + value);
      }
    });
    return entries.sort().join("\n");
  }

  // A form shown again after a refused or invalid save holds text that is not saved yet.
  var unsavedOnArrival = script.dataset.unsaved === "true";
  var saved = snapshot();
  var submitting = false;

  form.addEventListener("submit", function () {
    submitting = true;
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || (!unsavedOnArrival && snapshot() === saved)) {
      return;
    }
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set; the text itself is not shown.
    event.returnValue = "";
  });

  // A page restored from the back-forward cache can be submitted again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      submitting = false;
    }
  });

  var leaveUrl = script.dataset.leaveUrl;
  var presencePage = script.dataset.presencePage;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (leaveUrl && presencePage && token && navigator.sendBeacon) {
    // pagehide fires for closing the tab, following a link and submitting the form alike; the server forgets
    // only this page view, so the page a save leads to keeps the writer listed.
    window.addEventListener("pagehide", function () {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", token.value);
      data.append("page", presencePage);
      navigator.sendBeacon(leaveUrl, data);
    });
  }
})();
