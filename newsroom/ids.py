"""Read a database id from what a browser sent: the one way views, forms and templates parse request integers."""

import re

# ASCII digits only: str.isdigit() also accepts "²" and "١", which int() refuses or reads as another number.
_DIGITS = re.compile(r"[0-9]{1,19}")
# The largest id any of our tables can hold (a signed 64-bit integer, as BigAutoField on PostgreSQL).
MAX_ID = 2**63 - 1


def parse_id(value) -> int | None:
    """Return the positive id a request value names, or None for anything else (text, signs, spaces, huge numbers)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= MAX_ID else None
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None
