"""The kinds of block an article body is made of, each declared once and found through one registry.

A kind is one `BlockKind` subclass: its model, admin inline, template, searchable text, quality-gate parts,
revision-compare lines and (where it has any) structured data. Pages, search, the gate, revisions, roles, the
admin and the demo loader iterate `registry` and never name a kind, so adding one touches its own module, its
template and its migration. Another app adds a kind by calling `registry.register()` (or decorating the class with
`@register`) in a `blocks` module, which the articles app imports at start-up.
"""

from .base import BlockKind, Registry, Renditions, Rows, register, registry

__all__ = ["BlockKind", "Registry", "Renditions", "Rows", "register", "registry"]

# The newsroom's own kinds, in the order the admin lists them.
from . import kinds  # noqa: E402,F401  (registers on import)
