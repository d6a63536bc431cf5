"""The article's add and change pages, whole and with the body editor running, are valid HTML (Nu HTML Checker) and
have no serious or critical accessibility violation (axe): every block kind, a table with rows, the autocompletes,
the prose editor, the block menu and the gate's findings with their "Go to" buttons."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, Author
from tests.browser.conftest import browser_type_launch_args, page  # noqa: F401  (Chromium set-up for the axe test)
from tests.checkers import (
    BLOCKING_IMPACTS, assert_no_html_errors, axe_results, describe_violation, html_errors, require_axe, sign_in_to_admin,
)
from tests.factories import (
    ArticleFactory, CalloutFactory, DiscussionPromptFactory, EmbedFactory, FaqEntryFactory, InlineImageFactory,
    ParticipantFactory, ParticipantTableFactory, PullQuoteFactory, TextSectionFactory,
)

PASSWORD = "pw-for-checker-tests"


@pytest.fixture
def article_pages(db, django_user_model, settings, tmp_path) -> dict[str, str]:
    """The add page and the change page of a story that uses every block kind, as its writer sees them."""
    settings.MEDIA_ROOT = tmp_path / "media"
    writer = django_user_model.objects.create_user("wendy", password=PASSWORD, is_staff=True, first_name="Wendy",
                                                   last_name="Desk")
    writer.groups.add(Group.objects.get(name="Writer"))
    author = Author.objects.create(name="Wendy Desk", slug="wendy-desk", user=writer)
    story = ArticleFactory(
        headline="Ferry returns to the fjord", status=Article.Status.DRAFT, published_at=None, created_by=writer,
        authors=[author], tags=["Ferries"], faq_title="Questions",
        # A placeholder, so the gate's panel lists findings with their "Go to" buttons.
        summary="The ferry runs again from [TBD].",
    )
    TextSectionFactory(article=story, heading="What changes", body="<p>The ferry <em>runs</em> again.</p><h3>When</h3>"
                       "<ul><li>Every hour.</li></ul>")
    table = ParticipantTableFactory(article=story, title="Crew")
    for name in ("Lena Ortiz", "Ari Berg", "Kim Dahl"):
        ParticipantFactory(table=table, name=name)
    CalloutFactory(article=story)
    DiscussionPromptFactory(article=story)
    FaqEntryFactory(article=story)
    InlineImageFactory(article=story)
    PullQuoteFactory(article=story)
    EmbedFactory(article=story)
    return {
        "add page": reverse("admin:articles_article_add"),
        "change page of a full story": reverse("admin:articles_article_change", args=[story.pk]),
    }


def test_the_article_pages_are_valid_html(client, article_pages, django_user_model, tmp_path):
    client.force_login(django_user_model.objects.get(username="wendy"))
    documents = {}
    for name, url in article_pages.items():
        response = client.get(url)
        assert response.status_code == 200, f"{name} {url}"
        documents[name] = response.content.decode()

    errors = html_errors(documents, tmp_path)

    assert_no_html_errors(errors)


@pytest.mark.browser
@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_the_article_pages_have_no_serious_accessibility_violations(live_server, article_pages, page):  # noqa: F811
    require_axe()
    sign_in_to_admin(page, live_server, "wendy", PASSWORD)
    blocking, reported = [], []
    for name, url in article_pages.items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{name} {url}"
        # The page as the writer works in it: the body editor built, every block's tools and the prose editors in.
        page.locator(".order-machine").wait_for()
        page.locator(".block-add-end").wait_for()
        if "change" in name:
            page.locator(".order-machine .inline-related:not(.empty-form) .ProseMirror").first.wait_for(state="attached")
            page.locator("#newsroom-findings .finding-go").first.wait_for()
        # The block menu open, as a writer inserting a block sees it.
        page.locator(".block-add-end").click()
        results = axe_results(page)
        for violation in results["violations"]:
            line = f"{name}: {describe_violation(violation)}"
            (blocking if violation["impact"] in BLOCKING_IMPACTS else reported).append(line)

    print("\n".join(["axe, minor and moderate (not failing):", *reported]) if reported else "axe: nothing to report")
    assert not blocking, "\n".join(blocking)
