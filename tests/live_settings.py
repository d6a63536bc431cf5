"""The production settings for a live server started by tests and the fault bench, except that pages link static
files from the source folders, as in-process tests do: nothing needs `collectstatic` first."""

from newsroom.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
