"""“Check again” in Chromium: the findings follow what the writer typed, and the typed text stays on the page."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


def test_check_again_finds_a_typed_placeholder_and_keeps_the_edit(live_server, settings, page):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_superuser("jo", "jo@example.com", PASSWORD)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Ministers agree on a fisheries pact")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username:", exact=True).fill("jo")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")
    findings = page.locator("#newsroom-findings")
    expect(findings).not_to_contain_text("Unresolved placeholder")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))

    summary = page.get_by_label("Summary:", exact=True)
    summary.fill("Ministers agree on quotas worth [TBD] a year.")
    page.get_by_role("button", name="Check again").click()

    expect(findings).to_contain_text("Checked as the form stands now")
    expect(findings).to_contain_text("Unresolved placeholder")
    expect(findings).to_contain_text("[TBD]")
    expect(summary).to_have_value("Ministers agree on quotas worth [TBD] a year.")
    assert dialogs == []  # the page was never left
    article.refresh_from_db()
    assert "[TBD]" not in article.summary
