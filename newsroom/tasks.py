"""Work the site hands to `manage.py db_worker`, off the request path."""

import json
import logging
import urllib.request

from django.conf import settings
from django.tasks import task

logger = logging.getLogger(__name__)


@task
def purge_cdn(tags: list[str]) -> int:
    """Tell the CDN in front which page tags changed (POST {"tags": [...]} to NEWSROOM_CDN_PURGE_URL)."""
    url = settings.NEWSROOM_CDN_PURGE_URL
    if not url:
        return 0
    if not url.startswith(("https://", "http://")):
        raise ValueError("NEWSROOM_CDN_PURGE_URL must be an http(s) address.")
    # The scheme is checked above: only http(s) addresses are opened.
    request = urllib.request.Request(  # noqa: S310
        url, data=json.dumps({"tags": sorted(tags)}).encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310  # nosec B310
        return answer.status
