// The article body in the admin: django-content-editor gathers every block into one list and lets a writer
// insert anywhere and drag. This adds what a writer needs besides: each block's identity from the moment it is
// made, buttons and keys to move a block up or down, removal with an undo until the save, blocks kept in the
// page's reading order (not only shown in it), keyboard access to the block menu, and a table's rows edited
// inside the table block.
(function () {
  "use strict";

  const BLOCK = ".order-machine .inline-related:not(.empty-form)";

  function newUid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  function status() {
    let region = document.getElementById("block-editor-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "block-editor-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.querySelector(".order-machine-wrapper")?.before(region);
    }
    return region;
  }

  function announce(text) {
    const region = status();
    region.textContent = "";
    // A fresh text, so the same words said twice are read twice.
    window.setTimeout(() => { region.textContent = text; }, 30);
  }

  function changed(element) {
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function orderingInput(block) {
    return block.querySelector('.field-ordering input[name$="-ordering"]');
  }

  function blocksInOrder() {
    const blocks = Array.from(document.querySelectorAll(BLOCK));
    return blocks.sort((a, b) => (+orderingInput(a)?.value || 1e9) - (+orderingInput(b)?.value || 1e9));
  }

  function kindOf(block) {
    return block.querySelector(":scope > h3 > b")?.textContent.replace(/:\s*$/, "").trim() || "Block";
  }

  // The blocks stand in the page in the order the writer sees, so reading and tabbing follow it too. The stored
  // places are left as they are: opening a page is no change to it.
  function keepReadingOrder() {
    const blocks = blocksInOrder();
    const machine = document.querySelector(".order-machine");
    const last = machine?.querySelector(":scope > .order-machine-insert-target.last");
    for (const block of blocks) machine?.insertBefore(block, last || null);
    blocks.forEach((block, index) => {
      const position = block.querySelector(".block-position");
      if (position) position.textContent = `${index + 1} of ${blocks.length}`;
    });
  }

  function move(block, step) {
    const blocks = blocksInOrder();
    const from = blocks.indexOf(block);
    const to = from + step;
    if (from < 0 || to < 0 || to >= blocks.length) {
      announce(`${kindOf(block)} is already the ${step < 0 ? "first" : "last"} block.`);
      return;
    }
    [blocks[from], blocks[to]] = [blocks[to], blocks[from]];
    blocks.forEach((item, index) => {
      orderingInput(item).value = 10 * (index + 1);
      item.style.order = 10 * (index + 1);
    });
    keepReadingOrder();
    changed(orderingInput(block));
    announce(`${kindOf(block)} moved ${step < 0 ? "up" : "down"}: now block ${to + 1} of ${blocks.length}.`);
  }

  function deleteInput(block) {
    let input = block.querySelector('input[name$="-DELETE"]');
    if (!input) {
      // A block new to the page has no delete box: the form learns of the removal from a hidden field.
      const uid = block.querySelector("input.block-uid");
      if (!uid) return null;
      input = document.createElement("input");
      input.type = "hidden";
      input.name = uid.name.replace(/-uid$/, "-DELETE");
      input.value = "";
      input.className = "block-delete";
      uid.after(input);
    }
    return input;
  }

  function setRemoved(block, removed) {
    const input = deleteInput(block);
    if (!input) return;
    if (input.type === "checkbox") input.checked = removed;
    else input.value = removed ? "on" : "";
    block.classList.toggle("for-deletion", removed);
    block.querySelector(".block-remove").hidden = removed;
    block.querySelector(".block-undo").hidden = !removed;
    block.querySelector(".block-removed-note").hidden = !removed;
    changed(input);
    announce(removed ? `${kindOf(block)} will be removed when you save. Undo is next to it.` : `${kindOf(block)} kept.`);
    (removed ? block.querySelector(".block-undo") : block.querySelector(".block-remove")).focus();
  }

  // A button's name is its visible words, then (for screen readers only) what it acts on, so speech input can use
  // the words on screen: "Move up: text section". An arrow or plus sign before the words is not read.
  function button(className, text, about, sign) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `button ${className}`;
    if (sign) {
      const mark = document.createElement("span");
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = `${sign} `;
      element.append(mark);
    }
    element.append(text);
    if (about) {
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = `: ${about}`;
      element.append(hidden);
    }
    return element;
  }

  function addTools(block) {
    if (block.querySelector(".block-tools")) return;
    const uid = block.querySelector("input.block-uid");
    if (uid) block.dataset.blockUid = uid.value;
    const kind = kindOf(block);
    const tools = document.createElement("div");
    tools.className = "block-tools";
    tools.setAttribute("role", "group");
    tools.setAttribute("aria-label", `${kind}: place in the body`);
    const position = document.createElement("span");
    position.className = "block-position";
    const what = kind.toLowerCase();
    const undo = button("block-undo", "Undo remove", what);
    undo.hidden = true;
    const note = document.createElement("span");
    note.className = "block-removed-note";
    note.textContent = "Removed when you save.";
    note.hidden = true;
    tools.append(
      position,
      button("block-up", "Move up", what, "↑"),
      button("block-down", "Move down", what, "↓"),
      button("block-insert", "Insert a block above", what, "+"),
      button("block-remove", "Remove", what),
      note,
      undo,
    );
    block.querySelector(":scope > h3")?.after(tools);
    const box = block.querySelector('input[name$="-DELETE"]');
    if (box?.checked) setRemoved(block, true);
  }

  function openBlockMenu(block) {
    const target = block ? block.querySelector(":scope > .order-machine-insert-target")
      : document.querySelector(".order-machine-insert-target.last");
    if (!target) return;
    target.click();
    const first = document.querySelector(".plugin-buttons .plugin-button:not(.content-editor-hide)");
    first?.focus();
  }

  // The block menu's entries are links without an address: they become buttons a keyboard can reach.
  function makeMenuReachable() {
    for (const entry of document.querySelectorAll(".plugin-buttons .plugin-button")) {
      entry.setAttribute("tabindex", "0");
      entry.setAttribute("role", "button");
      entry.querySelector(".material-icons")?.setAttribute("aria-hidden", "true");
    }
    for (const icon of document.querySelectorAll(".order-machine .material-icons, .machine-collapse .material-icons")) {
      icon.setAttribute("aria-hidden", "true");
    }
    if (!document.querySelector(".block-add-end")) {
      const add = button("block-add-end", "Add a block at the end", "", "+");
      document.querySelector(".order-machine-wrapper")?.after(add);
    }
  }

  // Rows of a table inside its block.
  function rowsName(container) {
    const uid = container.closest(".inline-related")?.querySelector("input.block-uid");
    return uid ? uid.name.replace(/-uid$/, "-rows") : container.dataset.name;
  }

  function renumberRows(container) {
    const name = rowsName(container);
    container.querySelectorAll("tbody tr.block-row").forEach((row, index) => {
      for (const input of row.querySelectorAll("input[name]")) {
        const column = input.name.split("-").pop();
        input.name = `${name}-${index}-${column}`;
        const label = input.getAttribute("aria-label") || "";
        input.setAttribute("aria-label", label.replace(/^Row [^:]*:/, `Row ${index + 1}:`));
      }
      row.querySelector(".block-row-up")?.setAttribute("aria-label", `Move row ${index + 1} up`);
      row.querySelector(".block-row-down")?.setAttribute("aria-label", `Move row ${index + 1} down`);
      row.querySelector(".block-row-remove")?.setAttribute("aria-label", `Remove row ${index + 1}`);
    });
  }

  function rowsSay(container, text) {
    const region = container.querySelector(".block-rows-status");
    if (region) region.textContent = text;
  }

  function addRow(container) {
    const template = container.querySelector("template.block-rows-template");
    const body = container.querySelector("tbody");
    body.append(template.content.cloneNode(true));
    renumberRows(container);
    const row = body.lastElementChild;
    row.querySelector("input")?.focus();
    changed(row.querySelector("input"));
    rowsSay(container, `Row ${body.children.length} added.`);
  }

  function onClick(event) {
    const target = event.target.closest("button, .plugin-button");
    if (!target) return;
    const block = target.closest(".inline-related");
    if (target.matches(".block-up")) move(block, -1);
    else if (target.matches(".block-down")) move(block, 1);
    else if (target.matches(".block-remove")) setRemoved(block, true);
    else if (target.matches(".block-undo")) setRemoved(block, false);
    else if (target.matches(".block-insert")) { event.stopPropagation(); openBlockMenu(block); }
    else if (target.matches(".block-add-end")) { event.stopPropagation(); openBlockMenu(null); }
    else if (target.matches(".block-rows-add")) addRow(target.closest(".block-rows"));
    else if (target.matches(".block-row-up, .block-row-down, .block-row-remove")) {
      const container = target.closest(".block-rows");
      const row = target.closest("tr");
      const number = Array.from(row.parentNode.children).indexOf(row) + 1;
      if (target.matches(".block-row-remove")) {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumberRows(container);
        rowsSay(container, `Row ${number} removed.`);
        (next?.querySelector("input") || container.querySelector(".block-rows-add")).focus();
      } else {
        const up = target.matches(".block-row-up");
        const other = up ? row.previousElementSibling : row.nextElementSibling;
        if (!other) { rowsSay(container, `Row ${number} is already the ${up ? "first" : "last"}.`); return; }
        if (up) other.before(row); else other.after(row);
        renumberRows(container);
        target.focus();
        rowsSay(container, `Row moved ${up ? "up" : "down"}: now row ${number + (up ? -1 : 1)}.`);
      }
      changed(container.querySelector("input") || container);
    }
  }

  function onKey(event) {
    const entry = event.target.closest?.(".plugin-buttons .plugin-button");
    if (entry && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      entry.click();
      return;
    }
    if (event.altKey && event.shiftKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      const block = event.target.closest?.(BLOCK);
      if (!block) return;
      event.preventDefault();
      move(block, event.key === "ArrowUp" ? -1 : 1);
      event.target.focus();
    }
  }

  function start() {
    if (!document.querySelector(".order-machine")) return;
    for (const block of document.querySelectorAll(BLOCK)) addTools(block);
    makeMenuReachable();
    keepReadingOrder();
  }

  document.addEventListener("formset:added", (event) => {
    const block = event.target;
    const uid = block.querySelector?.("input.block-uid");
    if (uid) uid.value = newUid();
    // After django-content-editor has placed the new block.
    window.setTimeout(() => {
      addTools(block);
      keepReadingOrder();
      const blocks = blocksInOrder();
      announce(`${kindOf(block)} added: block ${blocks.indexOf(block) + 1} of ${blocks.length}.`);
    }, 0);
  });
  document.addEventListener("drop", () => window.setTimeout(keepReadingOrder, 0));
  document.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  document.addEventListener("content-editor:ready", start);
  if (window.ContentEditor && document.querySelector(".order-machine")) start();
})();
