"""The admin pages the desk adds to are valid HTML (Nu HTML Checker) with no serious accessibility problem (axe)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.browser.conftest import browser_type_launch_args, page  # noqa: F401  (Chromium set-up for the axe test)
from tests.checkers import (
    BLOCKING_IMPACTS, assert_no_html_errors, axe_results, describe_violation, html_errors, require_axe, require_vnu, section_document,
)
from tests.factories import ArticleFactory, TextSectionFactory

PASSWORD = "pw-for-checker-tests"


@pytest.fixture
def desk_pages(db, django_user_model) -> dict[str, tuple[str, str]]:
    """Name each desk page with the person who sees it: dashboards, a sent-back draft, a submission, history, list."""
    people = {}
    for name, group in [("wendy", "Writer"), ("ed", "Editor")]:
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True, first_name=name.title(),
                                                     last_name="Desk")
        user.groups.add(Group.objects.get(name=group))
        people[name] = user
    wendy, ed = people["wendy"], people["ed"]

    def draft(headline):
        article = ArticleFactory(headline=headline, status=Article.Status.DRAFT, published_at=None, created_by=wendy)
        TextSectionFactory(article=article, body="<p>The council approved the budget on Tuesday.</p>")
        return article

    sent_back, submitted = draft("Bus routes extended"), draft("Budget approved")
    services.article_submit(article=sent_back, by=wendy, note="Ready")
    services.article_send_back(article=sent_back, by=ed, note="Name the second source, please.")
    services.article_submit(article=submitted, by=wendy)
    ArticleFactory(headline="Out already")
    change = lambda article: reverse("admin:articles_article_change", args=[article.pk])  # noqa: E731
    # The article's pages are checked whole: the form, the body editor and the desk's parts.
    return {
        "writer's desk": ("wendy", reverse("admin:index"), None),
        "new article with the byline offer": ("wendy", reverse("admin:articles_article_add"), None),
        "sent-back draft, as its writer": ("wendy", change(sent_back), None),
        "submission, as its writer": ("wendy", change(submitted), None),
        "editor's desk": ("ed", reverse("admin:index"), None),
        "article list": ("ed", reverse("admin:articles_article_changelist"), None),
        "history with workflow steps": ("ed", reverse("admin:articles_article_history", args=[sent_back.pk]), None),
    }


def part_of(html: str, selector: str) -> str:
    # The panel's step buttons belong to the article form (their form="article_form"), so an empty one stands in.
    return section_document(html, selector, also='<form id="article_form"></form>')


def axe_part(browser_page, selector: str) -> dict:
    """axe-core's default rules on one part of the page."""
    browser_page.add_script_tag(path=str(require_axe()))
    return browser_page.evaluate("(selector) => axe.run({include: [selector]}, {resultTypes: ['violations']})", selector)


def test_desk_pages_are_valid_html(client, desk_pages, tmp_path, django_user_model):
    require_vnu()
    documents = {}
    for name, (username, url, selector) in desk_pages.items():
        client.force_login(django_user_model.objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, f"{name} {url}"
        html = response.content.decode()
        documents[name] = part_of(html, selector) if selector else html

    errors = html_errors(documents, tmp_path)

    assert_no_html_errors(errors)


@pytest.mark.browser
@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_desk_pages_have_no_serious_accessibility_violations(live_server, desk_pages, page):  # noqa: F811
    require_axe()
    blocking, reported, signed_in = [], [], None
    for name, (username, url, selector) in desk_pages.items():
        if username != signed_in:
            page.context.clear_cookies()
            page.goto(live_server.url + "/admin/login/")
            page.get_by_label("Username:", exact=True).fill(username)
            page.get_by_label("Password:", exact=True).fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            page.wait_for_url(live_server.url + "/admin/")
            signed_in = username
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{name} {url}"
        results = axe_results(page) if selector is None else axe_part(page, selector)
        for violation in results["violations"]:
            line = f"{name}: {describe_violation(violation)}"
            (blocking if violation["impact"] in BLOCKING_IMPACTS else reported).append(line)

    print("\n".join(["axe, minor and moderate (not failing):", *reported]) if reported else "axe: nothing to report")
    assert not blocking, "\n".join(blocking)
