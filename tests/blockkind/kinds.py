"""The pull quote kind: everything the site needs to know about it, in one class.

The module is named `kinds`, not `blocks`, so the articles app does not register it at start-up: the tests that
need it register it themselves, and the rest of the suite sees only the newsroom's own kinds.
"""

from articles.blocks import BlockKind
from articles.quality import Part

from .models import PullQuote


class PullQuoteKind(BlockKind):
    name = "pullquote"
    model = PullQuote
    template = "blockkind/_pull_quote.html"
    admin_fields = ["quote", "attribution"]

    def search_text(self, block):
        return [block.quote, block.attribution]

    def gate(self, doc, block, *, number, article):
        doc.parts.append(Part(f"pull quote {number}", block.quote, aside=True))

