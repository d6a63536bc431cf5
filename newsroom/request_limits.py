"""Refuse request bodies by their declared size, before any of them is read.

Django reads a multipart body (every upload) whole, into memory or a temporary file, before a view can look at
it; a form's own size check comes after that. This middleware looks only at the request's headers: a body
longer than its kind of page accepts gets 413 and a short page, and a body sent in chunks without a declared
length gets 411 (Django would read none of it anyway, so the form would silently arrive empty).

Pages of the admin whose model (or one of its inlines) stores files take a picture's size plus room for the
article around it; every other page takes little. Under ASGI the server reads the body before Django runs:
put a size limit in the proxy in front (see the README).
"""

from django.conf import settings
from django.db import models
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.urls import Resolver404, resolve


def _stores_files(model) -> bool:
    return any(isinstance(field, models.FileField) for field in model._meta.get_fields())


def _view(path: str):
    try:
        return resolve(path).func
    except Resolver404:
        return None


def takes_uploads(path: str) -> bool:
    """Whether the page at this path is an admin page of something that stores files (lead images, photos)."""
    model_admin = getattr(_view(path), "model_admin", None)
    if model_admin is None:
        return False
    return _stores_files(model_admin.model) or any(_stores_files(inline.model) for inline in model_admin.inlines)


def limit_for(path: str) -> int:
    # A view that takes more than a small form says which setting holds its limit (the article autosave).
    own_limit = getattr(_view(path), "request_max_bytes_setting", None)
    if own_limit:
        return getattr(settings, own_limit)
    if takes_uploads(path):
        return settings.NEWSROOM_UPLOAD_REQUEST_MAX_BYTES
    return settings.NEWSROOM_REQUEST_MAX_BYTES


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or ""
        if not declared:
            if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
                return render(request, "413.html", {"length_required": True}, status=411)
            return self.get_response(request)
        try:
            length = int(declared)
        except ValueError:
            return self.get_response(request)
        # Most requests are small: the address is only looked up for a body over the everyday limit.
        if length > settings.NEWSROOM_REQUEST_MAX_BYTES and length > limit_for(request.path_info):
            context = {
                "size": filesizeformat(length),
                "limit": filesizeformat(limit_for(request.path_info)),
                "image_limit": filesizeformat(settings.NEWSROOM_IMAGE_MAX_BYTES),
            }
            return render(request, "413.html", context, status=413)
        return self.get_response(request)
