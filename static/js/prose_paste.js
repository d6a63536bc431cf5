// A prose-editor extension: what is pasted into a text section's body is cleaned to the body's schema (see
// paste_cleaner.js), and what could not come along is said next to the editor. Every editor built from the
// field's configuration gets it, including those of text sections added to the page later.
import { Extension, Plugin } from "django-prose-editor/editor";

import { cleanPastedHTML, describeDropped } from "./paste_cleaner.js";

const notices = new WeakMap();

/** The polite status line under an editor, created with the editor so that screen readers already know the
 * region when a paste fills it. */
function noticeFor(editor) {
  let notice = notices.get(editor);
  if (!notice) {
    notice = document.createElement("p");
    notice.className = "newsroom-paste-notice";
    notice.setAttribute("role", "status");
    const frame = editor.view.dom.closest(".prose-editor") || editor.view.dom.parentElement;
    frame.after(notice);
    notices.set(editor, notice);
  }
  return notice;
}

/** What the editor's schema holds, in the cleaner's terms. */
function schemaOptions(editor) {
  const schema = editor.schema;
  const heading = editor.extensionManager.extensions.find((extension) => extension.name === "heading");
  const link = editor.extensionManager.extensions.find((extension) => extension.name === "link");
  const protocols = (link?.options.protocols || []).map((protocol) => protocol.scheme || protocol);
  return {
    headingLevels: schema.nodes.heading ? heading?.options.levels || [1, 2, 3, 4, 5, 6] : [],
    marks: Object.keys(schema.marks),
    nodes: Object.keys(schema.nodes),
    protocols: protocols.length ? protocols : ["http", "https", "mailto"],
  };
}

export const PasteCleanup = Extension.create({
  name: "pasteCleanup",

  onCreate() {
    noticeFor(this.editor);
  },

  onDestroy() {
    notices.get(this.editor)?.remove();
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const say = (text) => {
      noticeFor(editor).textContent = text;
    };
    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            // A new paste replaces what the last one reported, also when it brings plain text only.
            paste: () => {
              say("");
              return false;
            },
            drop: () => {
              say("");
              return false;
            },
          },
          transformPastedHTML(html) {
            // Copied from a prose editor on this site: already in the body's schema, with ProseMirror's own
            // slice information that cleaning would lose.
            if (html.includes("data-pm-slice")) {
              return html;
            }
            const cleaned = cleanPastedHTML(html, schemaOptions(editor));
            say(describeDropped(cleaned.dropped));
            return cleaned.html;
          },
        },
      }),
    ];
  },
});
