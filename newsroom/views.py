from django.urls import Resolver404, resolve
from django.views.csrf import csrf_failure as django_csrf_failure


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
