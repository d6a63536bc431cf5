"""Read an HTML form's current values the way a browser would submit them, for admin POSTs in tests."""

from articles.formdata import form_data

__all__ = ["form_data"]
