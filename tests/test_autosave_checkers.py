"""What autosave adds to the article page (the offer, the restored notice, the status line) is valid HTML (Nu HTML
Checker) with no serious accessibility problem (axe). The article form around it is checked where it is built."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.browser.conftest import browser_type_launch_args, page  # noqa: F401  (Chromium set-up for the axe test)
from tests.checkers import (
    BLOCKING_IMPACTS, assert_no_html_errors, describe_violation, html_errors, require_axe, require_vnu, section_document, sign_in_to_admin,
)

PASSWORD = "pw-for-checker-tests"
ADD = reverse("admin:articles_article_add")
PARTS = [".newsroom-autosave-offer", ".newsroom-autosave-restored", "#newsroom-autosave-status"]


@pytest.fixture
def autosaved(db, django_user_model, client):
    """A writer with an autosave of a new article, signed in."""
    user = django_user_model.objects.create_user("wendy", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Writer"))
    client.force_login(user)
    body = {"data": [["headline", "Harbour reopens"], ["summary", "Boats sail again."]]}
    response = client.post(reverse("admin:articles_article_autosave_new"), json.dumps(body),
                           content_type="application/json")
    assert response.status_code == 200
    return user


def paragraph_document(html: str, marker: str) -> str:
    start = html.rindex("<p", 0, html.index(marker))
    part = html[start:html.index("</p>", start) + len("</p>")]
    return f'<!DOCTYPE html><html lang="en"><head><title>Part</title></head><body><main>{part}</main></body></html>'


def test_autosave_parts_are_valid_html(client, autosaved, tmp_path):
    require_vnu()
    offered = client.get(ADD).content.decode()
    restored = client.get(ADD, {"restore": "1"}).content.decode()
    assert re.search(r'id="newsroom-autosave-status"', offered)

    errors = html_errors({
        "offer": section_document(offered, ".newsroom-autosave-offer"),
        "restored notice": paragraph_document(restored, 'class="newsroom-autosave-restored"'),
        "status line": paragraph_document(offered, 'id="newsroom-autosave-status"'),
    }, tmp_path)

    assert_no_html_errors(errors)


@pytest.mark.browser
@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_autosave_parts_have_no_serious_accessibility_violations(live_server, autosaved, page):  # noqa: F811
    require_axe()
    sign_in_to_admin(page, live_server, "wendy", PASSWORD)
    blocking, checked = [], 0
    for url in (ADD, ADD + "?restore=1"):
        assert page.goto(live_server.url + url).status == 200
        page.add_script_tag(path=str(require_axe()))
        present = [selector for selector in PARTS if page.locator(selector).count()]
        checked += len(present)
        results = page.evaluate(
            "(parts) => axe.run({include: parts.map((part) => [part])}, {resultTypes: ['violations']})", present,
        )
        blocking += [f"{url}: {describe_violation(violation)}" for violation in results["violations"]
                     if violation["impact"] in BLOCKING_IMPACTS]

    assert checked == 4  # the offer and the status line, then the notice and the status line
    assert not blocking, "\n".join(blocking)
