"""The history's compare page and the revert summary are valid HTML (Nu HTML Checker) with no serious axe violation."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import Article, Participant
from tests.browser.conftest import browser_type_launch_args, page  # noqa: F401  (Chromium set-up for the axe test)
from tests.checkers import (
    BLOCKING_IMPACTS, assert_no_html_errors, axe_results, describe_violation, html_errors, require_axe, require_vnu, section_document,
    sign_in_to_admin,
)
from tests.factories import ArticleFactory, CalloutFactory, ParticipantFactory, ParticipantTableFactory, TextSectionFactory

PASSWORD = "pw-for-checker-tests"


def save_revision(article):
    with reversion.create_revision():
        reversion.add_to_revision(Article.objects.get(pk=article.pk))
    return Version.objects.get_for_object(article).first()


@pytest.fixture
def history_pages(db, django_user_model) -> dict[str, tuple[str, str | None]]:
    """The compare of two revisions that differ in every way, and the revert form's summary (its own part only)."""
    ed = django_user_model.objects.create_user("ed", password=PASSWORD, is_staff=True, first_name="Ed")
    ed.groups.add(Group.objects.get(name="Editor"))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=ed, body=False)
    section = TextSectionFactory(article=article, position=10, body="<p>One two three.</p><ul><li>Item</li></ul>")
    table = ParticipantTableFactory(article=article, position=20, title="Delegates")
    ParticipantFactory(table=table, name="Cho Hyun")
    ParticipantFactory(table=table, name="Iwaya Takeshi")
    CalloutFactory(article=article, position=30, label="Pro Tip")
    older = save_revision(article)
    type(section).objects.filter(pk=section.pk).update(body="<p>One four three.</p><ul><li>Item</li><li>New</li></ul>")
    Participant.objects.filter(name="Iwaya Takeshi").delete()
    article.callouts.all().delete()
    CalloutFactory(article=article, position=5, label="Warning <b>")
    newer = save_revision(article)
    compare = reverse("admin:articles_article_compare", args=[article.pk]) + f"?from={older.pk}&to={newer.pk}"
    return {
        "compare": (compare, None),
        "revert summary": (reverse("admin:articles_article_revision", args=[article.pk, older.pk]), "#revert-summary"),
    }


def test_history_pages_are_valid_html(client, history_pages, tmp_path, django_user_model):
    require_vnu()
    client.force_login(django_user_model.objects.get(username="ed"))
    documents = {}
    for name, (url, selector) in history_pages.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} {url}"
        html = response.content.decode()
        documents[name] = section_document(html, selector) if selector else html

    errors = html_errors(documents, tmp_path)

    assert_no_html_errors(errors)


@pytest.mark.browser
@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_history_pages_have_no_serious_accessibility_violations(live_server, history_pages, page):  # noqa: F811
    require_axe()
    sign_in_to_admin(page, live_server, "ed", PASSWORD)
    blocking, reported = [], []
    for name, (url, selector) in history_pages.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{name} {url}"
        if selector:
            page.add_script_tag(path=str(require_axe()))
            results = page.evaluate("(s) => axe.run({include: [s]}, {resultTypes: ['violations']})", selector)
        else:
            results = axe_results(page)
        for violation in results["violations"]:
            line = f"{name}: {describe_violation(violation)}"
            (blocking if violation["impact"] in BLOCKING_IMPACTS else reported).append(line)

    print("\n".join(["axe, minor and moderate (not failing):", *reported]) if reported else "axe: nothing to report")
    assert not blocking, "\n".join(blocking)
