// What a writer pastes from Google Docs or Word, reduced to what a text section's body can hold: paragraphs,
// the body's heading levels, lists, links and emphasis. Images and tables cannot live in a text section; they
// are counted so the page can say what was left out. Pure: it reads the clipboard's HTML and returns new HTML,
// touching no page.

const ALL_MARKS = ["bold", "italic", "underline", "strike", "subscript", "superscript", "link"];
const ALL_NODES = ["bulletList", "orderedList", "blockquote", "horizontalRule", "hardBreak"];

const DEFAULTS = {
  headingLevels: [1, 2, 3, 4, 5, 6],
  marks: ALL_MARKS,
  nodes: ALL_NODES,
  protocols: ["http", "https", "mailto"],
};

// Elements whose content is never text of the document (Word's head carries its style sheet and XML settings).
const SKIPPED = new Set([
  "area", "audio", "base", "button", "canvas", "datalist", "embed", "frame", "frameset", "head", "iframe", "input",
  "link", "map", "math", "meta", "noscript", "object", "option", "script", "select", "style", "template",
  "textarea", "title", "video", "xml",
]);
const IMAGES = new Set(["img", "picture", "svg"]);
const BLOCKS = new Set([
  "address", "article", "aside", "body", "caption", "center", "dd", "details", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "header", "hgroup", "html", "li", "main", "nav", "p", "pre", "section",
  "summary",
]);
const HEADING = /^h([1-6])$/;
// Word names its title and heading paragraph styles in the class when it does not write <h1>…<h6>.
const WORD_HEADING_CLASS = /(?:^|\s)Mso(?:Heading([1-6])|Title)(?:\s|$)/;
const WORD_LIST = /mso-list:\s*(l\d+)\s+level(\d+)\s+lfo\d+/i;
// A list marker Word writes before the text: "1.", "a)", "iv.", "(2)", "1.1.". Bullets are "·", "o", "§", "-".
const NUMBER_MARKER = /^\(?(?:\d+|[a-z]|[ivxlcdm]+)(?:[.)]|(?:\.\d+)+\.?)$/i;
const MARK_TAGS = [
  ["link", "a"], ["bold", "strong"], ["italic", "em"], ["underline", "u"], ["strike", "s"],
  ["subscript", "sub"], ["superscript", "sup"],
];

/**
 * Clean clipboard HTML for a body whose schema is described by options:
 *   headingLevels: the heading levels it allows (e.g. [3, 4]); an empty list turns headings into paragraphs,
 *   marks: the marks it allows (Tiptap names: bold, italic, underline, strike, subscript, superscript, link),
 *   nodes: the other nodes it allows (bulletList, orderedList, blockquote, horizontalRule, hardBreak),
 *   protocols: the link schemes kept (others leave their words without the link).
 * Returns {html, dropped: {images, tables}}.
 */
export function cleanPastedHTML(html, options = {}) {
  const settings = { ...DEFAULTS, ...options };
  const context = {
    levels: [...settings.headingLevels].sort((a, b) => a - b),
    marks: new Set(settings.marks),
    nodes: new Set(settings.nodes),
    protocols: new Set(settings.protocols.map((scheme) => String(scheme).toLowerCase())),
    dropped: { images: 0, tables: 0 },
  };
  const doc = new DOMParser().parseFromString(html, "text/html");
  context.doc = doc;
  rebuildWordLists(doc);
  const root = doc.createElement("div");
  const writer = new Writer(context, root);
  writer.walk(doc.body, {});
  writer.closeBlock();
  return { html: root.innerHTML, dropped: context.dropped };
}

/** The heading level the body uses for a pasted h1…h6: documents keep h1 for their title and h2 for sections,
 * which the body's first level stands for; each deeper level takes the next one the body allows, and the
 * body's deepest level takes the rest. Null when the body allows no headings. */
export function headingLevelFor(level, allowedLevels) {
  const levels = [...allowedLevels].sort((a, b) => a - b);
  if (!levels.length) {
    return null;
  }
  return levels[Math.min(Math.max(level - 2, 0), levels.length - 1)];
}

/** What the page says after a paste that left something out; "" when nothing was. */
export function describeDropped(dropped) {
  const parts = [];
  const advice = [];
  if (dropped.images) {
    parts.push(`${dropped.images} ${dropped.images === 1 ? "image" : "images"}`);
    advice.push("pictures as image blocks");
  }
  if (dropped.tables) {
    parts.push(`${dropped.tables} ${dropped.tables === 1 ? "table" : "tables"}`);
    advice.push("tables as participant tables");
  }
  if (!parts.length) {
    return "";
  }
  const count = (dropped.images || 0) + (dropped.tables || 0);
  return `${parts.join(" and ")} ${count === 1 ? "was" : "were"} not pasted: add ${advice.join(" and ")}.`;
}

function styleOf(element) {
  // Read from the attribute, not element.style: the browser's CSS parser drops Word's mso- properties.
  const declarations = {};
  for (const declaration of (element.getAttribute("style") || "").split(";")) {
    const colon = declaration.indexOf(":");
    if (colon > 0) {
      declarations[declaration.slice(0, colon).trim().toLowerCase()] = declaration.slice(colon + 1).trim().toLowerCase();
    }
  }
  return declarations;
}

function isHidden(style) {
  return style.display === "none" || style["mso-hide"] === "all";
}

/** Word writes a list as paragraphs styled `mso-list:l0 level1 lfo1`, each starting with its marker inside
 * `<![if !supportLists]>…<![endif]>`; turn each run of them into nested ul/ol elements, in place. */
function rebuildWordLists(doc) {
  const formats = wordListFormats(doc);
  let expected = null;
  let stack = [];
  for (const element of doc.body.querySelectorAll("[style*='mso-list' i]")) {
    const match = WORD_LIST.exec(element.getAttribute("style"));
    if (!match) {
      continue;
    }
    const marker = takeWordMarker(element);
    if (HEADING.test(element.localName)) {
      continue; // a numbered heading stays a heading; only its number goes
    }
    if (element !== expected) {
      stack = []; // not the paragraph right after the last item: a new list
    }
    expected = nextElement(element);
    const level = Number(match[2]);
    const format = formats[`${match[1].toLowerCase()}:level${level}`];
    const ordered = format === undefined ? NUMBER_MARKER.test(marker) : format !== "bullet" && format !== "image";
    while (stack.length && stack.at(-1).level > level) {
      stack.pop();
    }
    if (stack.length && stack.at(-1).level === level && stack.at(-1).ordered !== ordered) {
      stack.pop();
    }
    if (!stack.length || stack.at(-1).level < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      const parent = stack.at(-1);
      if (parent) {
        if (!parent.item) {
          parent.item = parent.list.appendChild(doc.createElement("li"));
        }
        parent.item.append(list);
      } else {
        element.before(list);
      }
      stack.push({ list, level, ordered, item: null });
    }
    const top = stack.at(-1);
    top.item = top.list.appendChild(doc.createElement("li"));
    top.item.append(element);
  }
}

/** The number format of each Word list level the clipboard's style sheet defines: {"l0:level1": "bullet"}.
 * A level without mso-level-number-format is numbered (Word's default is decimal). */
function wordListFormats(doc) {
  const formats = {};
  const levels = /@list\s+(l\d+):(level\d+)\s*\{([^}]*)\}/gi;
  for (const style of doc.querySelectorAll("style")) {
    for (const [, list, level, body] of style.textContent.matchAll(levels)) {
      const format = /mso-level-number-format:\s*([\w-]+)/i.exec(body);
      formats[`${list.toLowerCase()}:${level.toLowerCase()}`] = format ? format[1].toLowerCase() : "decimal";
    }
  }
  return formats;
}

/** Remove Word's list marker from a list paragraph and return its text ("1.", "·"). The HTML parser reads
 * `<![if !supportLists]>` and `<![endif]>` as comments, so the marker is what lies between them; older
 * clipboards only mark it with `mso-list:Ignore`. */
function takeWordMarker(element) {
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_COMMENT);
  let text = "";
  for (let comment = walker.nextNode(); comment; comment = walker.nextNode()) {
    if (comment.data.trim().toLowerCase() !== "[if !supportlists]") {
      continue;
    }
    const remove = [comment];
    for (let node = comment.nextSibling; node; node = node.nextSibling) {
      remove.push(node);
      if (node.nodeType === Node.COMMENT_NODE && node.data.trim().toLowerCase() === "[endif]") {
        break;
      }
      text += node.textContent;
    }
    remove.forEach((node) => node.remove());
    return text.replace(/[\s\u00a0]+/g, "");
  }
  for (const span of element.querySelectorAll("span")) {
    if (styleOf(span)["mso-list"] === "ignore") {
      text += span.textContent;
      span.remove();
    }
  }
  return text.replace(/[\s\u00a0]+/g, "");
}

function nextElement(element) {
  let node = element.nextSibling;
  while (node && (node.nodeType === Node.COMMENT_NODE || (node.nodeType === Node.TEXT_NODE && !node.data.trim()))) {
    node = node.nextSibling;
  }
  return node;
}

function safeHref(href, protocols) {
  let url;
  try {
    url = new URL((href || "").trim());
  } catch {
    return null; // relative and in-document links (Word's #_Toc bookmarks) mean nothing in the body
  }
  // Links in some Google Docs copies go through Google's redirect; keep where they lead.
  if (/^(www\.)?google\.[a-z.]+$/.test(url.hostname) && url.pathname === "/url" && url.searchParams.get("q")) {
    return safeHref(url.searchParams.get("q"), protocols);
  }
  return protocols.has(url.protocol.slice(0, -1)) ? href.trim() : null;
}

/** Writes the cleaned document into one container (the root, a list item, a quotation), opening a paragraph
 * when inline content arrives outside one. */
class Writer {
  constructor(context, container) {
    this.context = context;
    this.doc = context.doc;
    this.container = container;
    this.block = null;
    this.run = null;
    this.atLineStart = true;
  }

  walk(node, marks) {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === Node.TEXT_NODE) {
        this.text(child.data, marks);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        this.element(child, marks);
      }
    }
  }

  element(element, marks) {
    const tag = element.localName;
    const style = styleOf(element);
    if (SKIPPED.has(tag) || isHidden(style) || tag === "o:p" || tag.startsWith("v:") || tag.startsWith("w:")) {
      return;
    }
    if (style["mso-spacerun"] === "yes") {
      this.text(" ", marks); // Word's run of no-break spaces where the writer typed several spaces
      return;
    }
    if (IMAGES.has(tag)) {
      this.context.dropped.images += 1;
      return;
    }
    if (tag === "table") {
      this.context.dropped.tables += 1;
      return;
    }
    const heading = HEADING.exec(tag) || WORD_HEADING_CLASS.exec(element.getAttribute("class") || "");
    if (heading) {
      this.heading(element, heading[1] ? Number(heading[1]) : 1, marks);
    } else if (tag === "ul" || tag === "ol") {
      this.list(element, tag, marks);
    } else if (tag === "blockquote" && this.context.nodes.has("blockquote")) {
      this.closeBlock();
      const quote = this.container.appendChild(this.doc.createElement("blockquote"));
      const inner = new Writer(this.context, quote);
      inner.walk(element, marks);
      inner.closeBlock();
      if (!quote.childNodes.length) {
        quote.remove();
      }
    } else if (tag === "hr") {
      this.closeBlock();
      if (this.context.nodes.has("horizontalRule")) {
        this.container.append(this.doc.createElement("hr"));
      }
    } else if (tag === "br") {
      this.lineBreak();
    } else if (BLOCKS.has(tag) || tag === "blockquote") {
      this.closeBlock();
      this.walk(element, this.marksOf(element, tag, style, marks));
      this.closeBlock();
    } else {
      this.walk(element, this.marksOf(element, tag, style, marks));
    }
  }

  /** The marks in force inside an element: its tag sets them, its own style overrides (Google Docs wraps the
   * whole copy in <b style="font-weight:normal">, and writes font-weight:400 on ordinary words). */
  marksOf(element, tag, style, marks) {
    const next = { ...marks };
    if (tag === "b" || tag === "strong") next.bold = true;
    if (tag === "i" || tag === "em" || tag === "cite" || tag === "dfn") next.italic = true;
    if (tag === "u" || tag === "ins") next.underline = true;
    if (tag === "s" || tag === "strike" || tag === "del") next.strike = true;
    if (tag === "sub") next.subscript = true;
    if (tag === "sup") next.superscript = true;
    if (tag === "a") {
      const href = element.hasAttribute("href") ? safeHref(element.getAttribute("href"), this.context.protocols) : null;
      if (href || element.hasAttribute("href")) next.link = href;
    }
    if ("font-weight" in style) {
      const weight = style["font-weight"];
      next.bold = weight === "bold" || weight === "bolder" || Number(weight) >= 600;
    }
    if ("font-style" in style) {
      next.italic = style["font-style"] === "italic" || style["font-style"] === "oblique";
    }
    const decoration = style["text-decoration-line"] ?? style["text-decoration"];
    if (decoration !== undefined) {
      next.underline = decoration.includes("underline");
      next.strike = decoration.includes("line-through");
    }
    if ("vertical-align" in style) {
      next.superscript = style["vertical-align"] === "super";
      next.subscript = style["vertical-align"] === "sub";
    }
    return next;
  }

  heading(element, level, marks) {
    this.closeBlock();
    const mapped = headingLevelFor(level, this.context.levels);
    if (mapped === null) {
      this.walk(element, this.marksOf(element, element.localName, styleOf(element), marks));
      this.closeBlock();
      return;
    }
    this.block = this.container.appendChild(this.doc.createElement(`h${mapped}`));
    // A heading is already set apart; bold inside it is the word processor's heading style, not emphasis.
    this.walk(element, { ...marks, bold: false, inHeading: true });
    this.closeBlock();
  }

  list(element, tag, marks) {
    const nodes = this.context.nodes;
    const kind = nodes.has(tag === "ol" ? "orderedList" : "bulletList") ? tag : nodes.has("orderedList") ? "ol" : nodes.has("bulletList") ? "ul" : null;
    this.closeBlock();
    if (!kind) {
      this.walk(element, marks); // items become paragraphs
      this.closeBlock();
      return;
    }
    const list = this.container.appendChild(this.doc.createElement(kind));
    let item = null;
    let writer = null;
    for (const child of [...element.childNodes]) {
      if (child.nodeType === Node.TEXT_NODE && !child.data.trim()) {
        continue;
      }
      if (child.nodeType === Node.ELEMENT_NODE && child.localName === "li") {
        writer?.closeBlock();
        item = list.appendChild(this.doc.createElement("li"));
        writer = new Writer(this.context, item);
        writer.walk(child, marks);
      } else {
        // Google Docs puts a nested list beside the items, not inside the item it belongs to.
        if (!item) {
          item = list.appendChild(this.doc.createElement("li"));
          writer = new Writer(this.context, item);
        }
        if (child.nodeType === Node.ELEMENT_NODE) {
          writer.element(child, marks);
        } else if (child.nodeType === Node.TEXT_NODE) {
          writer.text(child.data, marks);
        }
      }
    }
    writer?.closeBlock();
    for (const li of [...list.children]) {
      if (!li.childNodes.length) {
        li.remove();
      }
    }
    if (!list.childNodes.length) {
      list.remove();
    }
  }

  text(data, marks) {
    let text = data.replace(/[ \t\n\r\f]+/g, " ");
    if (this.atLineStart) {
      text = text.replace(/^ /, "");
    }
    if (!text) {
      return;
    }
    const target = this.openBlock();
    const active = MARK_TAGS.filter(([mark]) => this.context.marks.has(mark) && marks[mark] && !(
      (mark === "bold" && marks.inHeading) || (mark === "underline" && marks.link)
    ));
    const key = active.map(([mark]) => (mark === "link" ? `link ${marks.link}` : mark)).join("|");
    if (!this.run || this.run.key !== key) {
      let inner = target;
      for (const [mark, name] of active) {
        const wrapper = this.doc.createElement(name);
        if (mark === "link") {
          wrapper.setAttribute("href", marks.link);
        }
        inner = inner.appendChild(wrapper);
      }
      this.run = { key, inner };
    }
    this.run.inner.append(text);
    this.atLineStart = text.endsWith(" ");
  }

  lineBreak() {
    if (this.block && this.block.textContent.trim() && this.context.nodes.has("hardBreak")) {
      this.block.append(this.doc.createElement("br"));
      this.run = null;
      this.atLineStart = true;
    } else if (this.block && this.block.textContent.trim()) {
      this.text(" ", {});
    }
  }

  openBlock() {
    if (!this.block) {
      this.block = this.container.appendChild(this.doc.createElement("p"));
      this.run = null;
      this.atLineStart = true;
    }
    return this.block;
  }

  closeBlock() {
    const block = this.block;
    this.block = null;
    this.run = null;
    this.atLineStart = true;
    if (!block) {
      return;
    }
    while (block.lastChild?.nodeName === "BR") {
      block.lastChild.remove();
    }
    block.normalize();
    trimEdge(block, "last");
    trimEdge(block, "first");
    if (!block.textContent.replace(/[\s\u00a0]+/g, "")) {
      block.remove();
    }
  }
}

/** Remove spaces (and Word's no-break spaces) at the start or end of a block, and marks left empty by it. */
function trimEdge(block, side) {
  let node = block[`${side}Child`];
  while (node) {
    if (node.nodeType === Node.TEXT_NODE) {
      node.data = side === "last" ? node.data.replace(/[ \u00a0]+$/, "") : node.data.replace(/^[ \u00a0]+/, "");
      if (node.data) {
        return;
      }
    } else if (node.nodeName === "BR") {
      return;
    } else if (node.firstChild) {
      node = node[`${side}Child`];
      continue;
    }
    const parent = node.parentNode;
    node.remove();
    node = parent === block ? block[`${side}Child`] : parent;
  }
}
