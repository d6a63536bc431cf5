// Names for the controls the admin draws without one, on the article page: select2's boxes over the autocompletes
// (their name is the label of the select they stand for, then the chosen value) and the inputs of tabular
// inlines (the byline), which have a column heading but no label. Loaded as a file: the admin's
// Content-Security-Policy allows no inline scripts.
"use strict";
(function () {
  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + CSS.escape(select.id) + '"]');
    if (!label) return null;
    label.id = label.id || select.id + "-label";
    return label;
  }

  // "Author (row 2)" for a control in a tabular inline, from its column's heading.
  function columnName(control) {
    var cell = control.closest("td");
    var table = cell && cell.closest("table");
    var row = cell && cell.closest("tr");
    if (!table || !row) return "";
    var headings = table.querySelectorAll("thead th");
    var heading = headings[Array.prototype.indexOf.call(row.children, cell)];
    var text = heading ? heading.textContent.replace(/[\s:?]+$/, "").replace(/\s+/g, " ").trim() : "";
    var rows = Array.prototype.filter.call(row.parentNode.children, function (item) {
      return item.classList.contains("form-row") && !item.classList.contains("empty-form");
    });
    var number = rows.indexOf(row) + 1;
    return text && number > 0 ? text + " (row " + number + ")" : text;
  }

  function hasName(control) {
    return control.getAttribute("aria-label") || control.getAttribute("aria-labelledby") ||
      (control.id && document.querySelector('label[for="' + CSS.escape(control.id) + '"]')) || control.closest("label");
  }

  function nameSelect2(select) {
    var box = select.nextElementSibling;
    if (!box || !box.classList.contains("select2")) return;
    var label = labelOf(select);
    var name = label ? "" : columnName(select);
    var single = box.querySelector(".select2-selection--single");
    if (single) {
      var shown = single.querySelector(".select2-selection__rendered");
      // The chosen value is text inside the combobox (as select2 4.1 has it), not a field of its own without a name.
      if (shown) { shown.removeAttribute("role"); shown.removeAttribute("aria-readonly"); }
      if (label && shown && shown.id) single.setAttribute("aria-labelledby", label.id + " " + shown.id);
      else if (name) { single.removeAttribute("aria-labelledby"); single.setAttribute("aria-label", name); }
    }
    box.querySelectorAll(".select2-search__field").forEach(function (search) {
      if (label) search.setAttribute("aria-labelledby", label.id);
      else if (name) search.setAttribute("aria-label", name);
    });
  }

  function nameAll() {
    document.querySelectorAll("select.select2-hidden-accessible").forEach(nameSelect2);
    document.querySelectorAll(".tabular tr.form-row:not(.empty-form) td input:not([type=hidden]), " +
                              ".tabular tr.form-row:not(.empty-form) td select:not(.select2-hidden-accessible), " +
                              ".tabular tr.form-row:not(.empty-form) td textarea").forEach(function (control) {
      if (!hasName(control)) {
        var name = columnName(control);
        if (name) control.setAttribute("aria-label", name);
      }
    });
  }

  function soon() {
    window.setTimeout(nameAll, 0);
  }

  // After Django's own scripts have built the select2 boxes (on ready, and for each row added).
  if (document.readyState === "complete") soon();
  else window.addEventListener("load", soon);
  document.addEventListener("formset:added", soon);
  // select2 draws its dropdown's search box when it opens: it searches the field that opened it.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("select2:open", function (event) {
      var label = labelOf(event.target);
      var search = document.querySelector(".select2-container--open .select2-search--dropdown .select2-search__field");
      if (search) search.setAttribute("aria-label", label ? label.textContent.replace(/:\s*$/, "") : columnName(event.target));
    });
  }
})();
