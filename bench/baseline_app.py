"""The benchmark's baseline: a one-file Django site that answers with bytes captured from the real site.

bench/pages.py fetches each page under test once and writes a manifest (BASELINE_MANIFEST: a JSON object mapping
path-with-query to {"file", "status", "headers"}); this app returns exactly those bytes, with the same status and
Content-Type (and Content-Encoding, Location when present), through SecurityMiddleware and CommonMiddleware only,
under the same gunicorn settings as the site. A POST answers as the site acknowledges a comment: a redirect.

    BASELINE_MANIFEST=/tmp/pages.json gunicorn bench.baseline_app:application
"""

import json
import os
from pathlib import Path

from django.conf import settings

settings.configure(
    DEBUG=False,
    SECRET_KEY="baseline-only",  # noqa: S106 - signs nothing
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware"],
    INSTALLED_APPS=[],
    USE_TZ=True,
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse, HttpResponseNotFound  # noqa: E402
from django.urls import re_path  # noqa: E402

PASSED_ON = ("content-type", "content-encoding", "location", "vary")


def load(manifest: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    if not manifest:
        return {}
    entries = json.loads(Path(manifest).read_text())
    return {
        path: (entry["status"], {k: v for k, v in entry["headers"].items() if k.lower() in PASSED_ON},
               Path(entry["file"]).read_bytes())
        for path, entry in entries.items()
    }


PAGES = load(os.environ.get("BASELINE_MANIFEST", ""))


def page(request, rest=""):
    if request.path == "/healthz":
        return HttpResponse(b"ok", content_type="text/plain")
    key = request.get_full_path()
    if request.method == "POST":
        key = "POST " + request.path
    if key not in PAGES:
        return HttpResponseNotFound(b"not captured", content_type="text/plain")
    status, headers, body = PAGES[key]
    response = HttpResponse(body, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


urlpatterns = [re_path(r"^(?P<rest>.*)$", page)]
application = get_wsgi_application()
