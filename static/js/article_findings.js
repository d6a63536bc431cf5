// A finding of the quality gate leads the writer to where it is typed: "Go to …" finds the block by its stable uid
// (saved or not), opens it if it is collapsed, focuses the field and selects the words the finding quotes. The
// field is marked and described by the finding until the next "Go to" or check.
"use strict";
(function () {
  var MARK = "finding-marked";

  function blockWithUid(uid) {
    var inputs = document.querySelectorAll("input.block-uid");
    for (var i = 0; i < inputs.length; i++) {
      var block = inputs[i].closest(".inline-related");
      if (inputs[i].value === uid && block) return {block: block, uidInput: inputs[i]};
    }
    var marked = document.querySelector('.inline-related[data-block-uid="' + CSS.escape(uid) + '"]');
    return marked ? {block: marked, uidInput: marked.querySelector("input.block-uid")} : null;
  }

  function fieldFor(uid, name) {
    if (!uid) return document.getElementById("id_" + name);
    var found = blockWithUid(uid);
    if (!found) return null;
    if (found.uidInput && /-uid$/.test(found.uidInput.name)) {
      // A block form's fields are `<prefix>-<n>-<field>`: the uid input gives the block's `<prefix>-<n>-`.
      var full = found.uidInput.name.slice(0, -"uid".length) + name;
      var exact = found.block.querySelector('[name="' + CSS.escape(full) + '"]');
      if (exact) return exact;
    }
    return found.block.querySelector('[name$="-' + CSS.escape(name) + '"]');
  }

  function expand(field) {
    var block = field.closest(".order-machine .inline-related");
    if (block && block.classList.contains("collapsed")) {
      var header = block.querySelector(":scope > h3");
      if (header) header.click();
      block.classList.remove("collapsed");
    }
    for (var details = field.closest("details"); details; details = details.parentElement.closest("details")) {
      details.open = true;
    }
  }

  // What the writer sees and works in for this field: the prose editor over a rich-text textarea, select2's box
  // over an autocomplete, or the field itself.
  function surface(field) {
    var scope = field.closest(".prose-editor") || (field.parentElement && field.parentElement.closest(".form-row, div"));
    var prose = scope && scope.querySelector(".ProseMirror[contenteditable]");
    if (prose) return {prose: prose};
    if (field.classList.contains("select2-hidden-accessible")) {
      var box = field.parentElement.querySelector(".select2-selection");
      if (box) return {element: box};
    }
    return {element: field};
  }

  function findIn(value, text) {
    if (!text) return -1;
    var at = value.indexOf(text);
    return at !== -1 ? at : value.toLowerCase().indexOf(text.toLowerCase());
  }

  function selectInField(field, text) {
    if (typeof field.setSelectionRange !== "function" || typeof field.value !== "string") return;
    var at = findIn(field.value, text);
    if (at === -1) return;
    try {
      field.setSelectionRange(at, at + text.length);
    } catch (error) {
      // Some inputs (email, number) have no text selection; the focus is enough there.
    }
  }

  function selectInProse(prose, text) {
    if (!text) return;
    var walker = document.createTreeWalker(prose, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var joined = "";
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({node: node, start: joined.length});
      joined += node.data.replace(/\u00a0/g, " ");
    }
    var at = findIn(joined, text.replace(/\u00a0/g, " "));
    if (at === -1) return;
    var end = at + text.length;
    var range = document.createRange();
    nodes.forEach(function (item) {
      var length = item.node.data.length;
      if (at >= item.start && at <= item.start + length) range.setStart(item.node, at - item.start);
      if (end >= item.start && end <= item.start + length) range.setEnd(item.node, end - item.start);
    });
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function unmark() {
    document.querySelectorAll("." + MARK).forEach(function (element) {
      element.classList.remove(MARK);
      var before = element.dataset.findingDescribedby;
      if (before) element.setAttribute("aria-describedby", before);
      else element.removeAttribute("aria-describedby");
      delete element.dataset.findingDescribedby;
    });
  }

  function mark(element, describe) {
    element.classList.add(MARK);
    var before = element.getAttribute("aria-describedby") || "";
    element.dataset.findingDescribedby = before;
    if (describe && document.getElementById(describe)) {
      element.setAttribute("aria-describedby", (before + " " + describe).trim());
    }
  }

  function goTo(button) {
    var field = fieldFor(button.dataset.blockUid || "", button.dataset.field || "");
    var status = document.getElementById("newsroom-finding-status");
    if (!field) {
      if (status) status.textContent = "That field is no longer in the form: it may have been removed since the check.";
      return;
    }
    if (status) status.textContent = "";
    unmark();
    expand(field);
    var target = surface(field);
    var element = target.prose || target.element;
    mark(element, button.dataset.describe);
    element.scrollIntoView({block: "center"});
    element.focus({preventScroll: true});
    if (target.prose) selectInProse(target.prose, button.dataset.text || "");
    else selectInField(field, button.dataset.text || "");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("#newsroom-findings .finding-go");
    if (!button) return;
    event.preventDefault();
    goTo(button);
  });
  // A fresh check replaces the findings the marks point at.
  document.addEventListener("newsroom:findings-replaced", unmark);
})();
