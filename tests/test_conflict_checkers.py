"""The edit-conflict panel (their version and yours, with a choice per item) is valid HTML (Nu HTML Checker) and has
no serious accessibility problem (axe). The article form around it is checked where it is built."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article
from tests.browser.conftest import browser_type_launch_args, page  # noqa: F401  (Chromium set-up for the axe test)
from tests.checkers import (
    BLOCKING_IMPACTS, assert_no_html_errors, describe_violation, html_errors, require_axe, require_vnu, section_document, sign_in_to_admin,
)
from tests.factories import ArticleFactory, CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory
from tests.formdata import form_data

PASSWORD = "pw-for-checker-tests"


@pytest.fixture
def story(db, django_user_model):
    """A writer's draft with a callout, an FAQ entry and a table; the writer is returned signed-in-able."""
    user = django_user_model.objects.create_user("wendy", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Writer"))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=user, headline="Harbour reopens")
    CalloutFactory(article=article, position=10, label="Ferry times", body="Ferries run every hour.")
    FaqEntryFactory(article=article, position=20, question="When does it open?", answer="On Monday.")
    table = ParticipantTableFactory(article=article, position=30, title="Who spoke")
    ParticipantFactory(table=table, order=0, name="Ana Costa", represents="Harbour board", role="Chair")
    return article, user


def someone_else_saves(article: Article) -> None:
    """A colleague's save: new words in the headline and a callout, one table row fewer, the version moved on."""
    article.callouts.update(body="Ferries run every half hour.")
    article.participant_tables.get().participants.all().delete()
    saved = Article.objects.get(pk=article.pk)
    saved.headline = "Harbour reopens after the storm"
    saved.save()


def test_conflict_panel_is_valid_html(client, story, tmp_path):
    require_vnu()
    article, user = story
    client.force_login(user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    mine = form_data(client.get(url).content.decode())
    someone_else_saves(article)
    mine["faq_entries-0-answer"] = ["On Monday at six."]
    page_html = client.post(url, mine).content.decode()
    assert 'id="newsroom-conflict"' in page_html

    errors = html_errors({"conflict panel": section_document(page_html, "#newsroom-conflict")}, tmp_path)

    assert_no_html_errors(errors)


@pytest.mark.browser
@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_conflict_panel_has_no_serious_accessibility_violations(live_server, story, page):  # noqa: F811
    require_axe()
    article, _user = story
    sign_in_to_admin(page, live_server, "wendy", PASSWORD)
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    page.get_by_label("Summary:", exact=True).fill("Boats sailed again on Monday morning.")
    someone_else_saves(article)
    page.get_by_role("button", name="Save", exact=True).click()

    panel = page.get_by_role("region", name="Someone else saved first")
    panel.wait_for()
    panel.get_by_role("group", name="Headline", exact=True).get_by_label("Take theirs").check()
    panel.get_by_role("group", name="Callout “Ferry times”", exact=True).get_by_label("Take theirs").check()
    page.add_script_tag(path=str(require_axe()))
    results = page.evaluate("() => axe.run({include: [['#newsroom-conflict']]}, {resultTypes: ['violations']})")
    blocking = [describe_violation(violation) for violation in results["violations"]
                if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(blocking)

    panel.get_by_role("button", name="Apply my choices").click()
    page.get_by_text("Nothing is saved yet").wait_for()
    assert page.get_by_label("Headline:", exact=True).input_value() == "Harbour reopens after the storm"
    assert page.get_by_label("Summary:", exact=True).input_value() == "Boats sailed again on Monday morning."

    # The merged page saves like any page: their headline and callout, the writer's summary and table (kept mine).
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("was changed successfully").wait_for()
    article.refresh_from_db()
    assert (article.headline, article.summary) == ("Harbour reopens after the storm", "Boats sailed again on Monday morning.")
    assert article.callouts.get().body == "Ferries run every half hour."
    assert [row.name for row in article.participant_tables.get().participants.all()] == ["Ana Costa"]
