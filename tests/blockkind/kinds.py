"""The key figure kind (a number set large, and what it counts): everything the site needs to know, in one class.

The module is named `kinds`, not `blocks`, so the articles app does not register it at start-up: the tests that
need it register it themselves, and the rest of the suite sees only the newsroom's own kinds.
"""

from articles.blocks import BlockKind
from articles.quality import Part

from .models import KeyFigure


class KeyFigureKind(BlockKind):
    name = "keyfigure"
    model = KeyFigure
    template = "blockkind/_key_figure.html"
    admin_fields = ["figure", "label"]

    def search_text(self, block):
        return [block.figure, block.label]

    def gate(self, doc, block, *, number, article):
        doc.parts.append(Part(f"key figure {number}", f"{block.figure} {block.label}".strip(), aside=True))
