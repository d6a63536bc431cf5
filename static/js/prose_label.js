// A prose editor takes its accessible name from its field's label, as the textarea it stands in for did.
import { Extension, Plugin } from "django-prose-editor/editor";

export const FieldLabel = Extension.create({
  name: "fieldLabel",

  addProseMirrorPlugins() {
    const textarea = this.editor.options.element?.querySelector?.("textarea");
    const label = textarea?.id && document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
    if (!label) {
      return [];
    }
    label.id ||= `${textarea.id}-label`;
    return [new Plugin({ props: { attributes: { "aria-labelledby": label.id } } })];
  },
});
