"""One module per family of rules; importing this package registers them all, in this order."""

from . import (  # noqa: F401
    placeholder,
    spintax,
    shortcode,
    machine_text,
    truncation,
    gaps,
    grammar,
    structure,
    spacing,
    capitals,
    date_mismatch,
    repetition,
    internal_note,
)
