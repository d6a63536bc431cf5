import sys

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.csrf import csrf_failure as django_csrf_failure

from . import outages


def _view_name(request) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def csrf_failure(request, reason=""):
    """A reader whose form went stale keeps their comment; every other form gets Django's own page."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match and match.view_name == "comments:post":
        from comments.views import comment_form_expired

        return comment_form_expired(request, **match.kwargs)
    return django_csrf_failure(request, reason=reason)


def outage_response(request, template: str, context: dict) -> HttpResponse:
    """A 503 page in the site's design, rendered with no context processor: nothing on it may ask the database."""
    context = {
        "request": request, "site_name": settings.NEWSROOM_SITE_NAME, "csrf_token": get_token(request), **context,
    }
    response = HttpResponse(render_to_string(template, context), status=503)
    response["Retry-After"] = str(settings.NEWSROOM_RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # The outage is logged once when it starts (newsroom.outages), not once more for every page that meets it.
    response._has_been_logged = True
    return response


def database_unavailable(request) -> HttpResponse:
    """The database is out of reach: say so and when to try again; a reader's comment comes back to send again."""
    if request.method == "POST" and _view_name(request) == "comments:post":
        from comments.views import comment_not_stored

        return comment_not_stored(request, **resolve(request.path_info).kwargs)
    return outage_response(request, "503.html", {"sent": request.method not in {"GET", "HEAD", "OPTIONS"}})


def server_error(request):
    """Errors outside a view (a middleware's query) come here: an unreachable database is a 503 there too."""
    error = sys.exc_info()[1]
    if error is not None and outages.is_database_outage(error):
        outages.database.failed(error, "answering 503 until it returns")
        return database_unavailable(request)
    return defaults.server_error(request)
