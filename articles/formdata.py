"""Read an HTML form's values the way a browser would submit them: name -> values, in document order."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The values of the inputs in the form with this id (or of the whole fragment, without one)."""

    def __init__(self, form_id: str | None = None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, form_id is None, {}
        self._textarea = self._select = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_id is not None and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside and self.form_id is not None:
            self.inside = False
        elif tag == "textarea" and self._textarea:
            # A browser drops the one line break that follows <textarea>.
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value[1:] if value.startswith("\n") else value
            self._textarea = None
        elif tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected]
            self.data.setdefault(self._select, []).extend(chosen)
            self._select = None


def form_data(html: str, form_id: str | None = "article_form") -> dict[str, list[str]]:
    reader = FormReader(form_id)
    reader.feed(html)
    reader.close()
    return {name: values for name, values in reader.data.items()}
