"""Pre-publish quality gate: pure checks for what must not go out in an article.

Nothing here imports Django, so the rules run (and are tested) without a database; `document_from_article` reads
a model instance only through its attributes. Errors block publishing; warnings are shown and an editor either
fixes them or acknowledges them with a reason.

- `document`: the typed parts of a story and the findings with their typed locations;
- `story` and `dates`: reading a story (pasted, scraped, stored) into those parts; the dateline parser the
  importers share;
- `registry` and `rules/`: one module per family of rules, each rule declared once with its id and severity.
"""

from . import rules  # noqa: F401  (registers the rules)
from .dates import Dateline, date_from_text, dateline_alone, parse_dateline
from .document import Document, FaqItem, Finding, Location, Part, Person, Severity, Table
from .engine import ARTICLE_FORM_FIELDS, check_document, in_severity_order, text_at
from .registry import GateConfig, RuleSpec, rules as all_rules
from .story import document_from_article, document_from_text, html_to_text, rich_text_parts

__all__ = [
    "ARTICLE_FORM_FIELDS", "Dateline", "Document", "FaqItem", "Finding", "GateConfig", "Location", "Part", "Person",
    "RuleSpec", "Severity", "Table", "all_rules", "check_document", "date_from_text", "dateline_alone",
    "document_from_article",
    "document_from_text", "html_to_text", "in_severity_order", "parse_dateline", "rich_text_parts", "text_at",
]
