"""Serve uploaded pictures and their renditions from the default file storage, for when no web server or CDN does.

Whitenoise serves static files only (it indexes them at start-up); uploads arrive while the site runs. This view
reads them through the storage API, so it works with local files and any other backend alike. Set
NEWSROOM_SERVE_MEDIA off when nginx or a CDN serves MEDIA_URL instead (see the README).
"""

from functools import cache
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
from django.views.decorators.http import require_safe

from articles import images

# Only these are sent as what they are; anything else stored is offered as a download, never shown.
PICTURE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
                 ".gif": "image/gif"}
# Rendition names change whenever their picture or recipe does; originals are removed when replaced or cleared,
# so browsers and caches check back within the hour.
RENDITION_CACHE = "public, max-age=31536000, immutable"
ORIGINAL_CACHE = "public, max-age=3600"


@cache
def public_folders() -> frozenset[str]:
    """The top folders uploads are written to (from every file field's upload_to), and the renditions' folder."""
    folders = {images.FOLDER}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, models.FileField):
                continue
            # A plain string, or a callable naming its folder (articles.fields.RandomName).
            folder = field.upload_to if isinstance(field.upload_to, str) else getattr(field.upload_to, "folder", "")
            if folder:
                folders.add(PurePosixPath(folder).parts[0])
    return frozenset(folders)


def stored_name(path: str) -> str | None:
    """The storage name for a requested path, or None unless it is a plain file name inside a public folder."""
    if not path or "\\" in path or "\x00" in path:
        return None
    parts = path.split("/")
    if any(not part or part.startswith(".") for part in parts) or len(parts) < 2:
        return None
    if parts[0] not in public_folders():
        return None
    return path


@require_safe
def serve(request, path: str):
    """One stored file: pictures as pictures, anything else as a download; cached, with conditional GET."""
    name = stored_name(path)
    if not settings.NEWSROOM_SERVE_MEDIA or name is None:
        raise Http404("No such file.")
    try:
        size = default_storage.size(name)
        modified = default_storage.get_modified_time(name)
        handle = default_storage.open(name, "rb") if request.method == "GET" else None
    except (OSError, SuspiciousFileOperation, NotImplementedError):
        # Missing, a folder, or outside the storage's root.
        raise Http404("No such file.") from None
    etag = f'"{size:x}-{int(modified.timestamp() * 1_000_000):x}"'
    last_modified = int(modified.timestamp())
    if not_modified := get_conditional_response(request, etag=etag, last_modified=last_modified):
        if handle:
            handle.close()
        return not_modified
    content_type = PICTURE_TYPES.get(PurePosixPath(name).suffix.lower())
    filename = PurePosixPath(name).name
    if handle is None:
        response = HttpResponse(content_type=content_type or "application/octet-stream")
        response["Content-Disposition"] = content_disposition_header(content_type is None, filename)
    else:
        response = FileResponse(
            handle, content_type=content_type or "application/octet-stream", as_attachment=content_type is None,
            filename=filename,
        )
    response["Content-Length"] = str(size)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = RENDITION_CACHE if name.startswith(f"{images.FOLDER}/") else ORIGINAL_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, a stored file may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
