"""Every public page is valid HTML (Nu HTML Checker) and has no serious accessibility problem (axe-core)."""

from datetime import date, timedelta

import pytest
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, Section
from articles.previews import preview_url
from comments.services import unsubscribe_token
from tests.browser.conftest import browser_type_launch_args, page  # noqa: F401  (Chromium set-up for the axe test)
from tests.checkers import BLOCKING_IMPACTS, assert_no_html_errors, axe_results, describe_violation, html_errors, require_axe, require_vnu
from tests.comments.conftest import comment_data
from articles.demo_content import DEMO_FULL_STORY
from tests.factories import (
    ArticleFactory, CommentFactory, EmbedFactory, FaqEntryFactory, InlineImageFactory, PullQuoteFactory,
    TextSectionFactory, image_file,
)

# A document vnu must reject, checked in the same run, so a checker that silently checks nothing fails the test.
BROKEN_HTML = '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><p id="x" id="x"></body></html>'


@pytest.fixture
def public_pages(demo, settings) -> dict[str, tuple[str, int]]:
    """Name every kind of public page with its address and status: demo newsroom, photo story, page 2, preview."""
    economy = Section.objects.get(slug="economy")
    # One more than a page of stories, so the section has a page 2.
    ArticleFactory.create_batch(settings.NEWSROOM_PAGE_SIZE, section=economy)
    photo_story = ArticleFactory(
        headline="Harbour cranes return to work after the strike",
        subheadline="Dockers accepted the offer by a narrow margin.",
        section=economy,
        published_at=timezone.now() - timedelta(minutes=1),
        lead_image=image_file("cranes.jpg"),
        lead_image_alt="Two container cranes over a ship at dawn",
        lead_image_caption="The first ship unloaded since March.",
        lead_image_credit="Photo: Newsroom",
        dateline_place="Busan, South Korea",
        dateline_date=date(2026, 3, 4),
        tags=["Ports"],
    )
    # Renditions as the admin makes them on save, so the <picture> markup with srcset and sizes is checked too.
    services.article_make_renditions(article=photo_story)
    # FAQ entries split by a text section make two FAQ parts on one page, which must not repeat an id.
    FaqEntryFactory(article=photo_story, position=10)
    TextSectionFactory(article=photo_story, position=20, heading="What was agreed", body="<p>A 4% rise this year.</p>")
    FaqEntryFactory(article=photo_story, position=30)
    # The body's media: a picture (with its renditions, and a decorative one), a pull quote, and embeds of a video
    # and of a post that stays a link, so the card, its hidden button and the figures are checked too.
    InlineImageFactory(article=photo_story, position=40)
    InlineImageFactory(article=photo_story, position=50, decorative=True, alt="", caption="", credit="")
    PullQuoteFactory(article=photo_story, position=60)
    EmbedFactory(article=photo_story, position=70)
    EmbedFactory(article=photo_story, position=80, url="https://bsky.app/profile/porthaven.bsky.social/post/3l6oveex3ii2l",
                 title="The harbour board's post about the offer", caption="")
    services.article_make_block_renditions(article=photo_story)
    draft = ArticleFactory(headline="Talks resume", section=economy, status=Article.Status.DRAFT, published_at=None)
    shared_preview, _ = preview_url(article_id=draft.pk)
    # A thread with a reply, so comment markup (nested lists, reply and report links, the form) is checked too.
    commented = Article.objects.get(slug="seoul-council-extends-late-night-bus-routes")
    comment = CommentFactory(article=commented, body="Good news for night-shift workers.\n\nAbout time.")
    reply = CommentFactory(article=commented, parent=comment, body="Agreed, the 2 a.m. bus saves me a taxi.",
                           notify_replies=True)
    return {
        "front page": ("/", 200),
        "section": ("/section/economy/", 200),
        "section, page 2": ("/section/economy/?page=2", 200),
        "tag": ("/tag/japan/", 200),
        "author": ("/author/mina-park/", 200),
        "seed article": ("/news/japans-new-cabinet-first-foreign-ministers-meeting/", 200),
        "demo article with comments": (commented.get_absolute_url(), 200),
        "replying to a comment": (f"{commented.get_absolute_url()}?reply_to={comment.pk}", 200),
        "reporting a comment": (reverse("comments:report", args=[comment.pk]), 200),
        "comment privacy notice": (reverse("comments:privacy"), 200),
        "stopping reply e-mails": (reverse("comments:unsubscribe", args=[unsubscribe_token(reply)]), 200),
        "article with a lead image": (photo_story.get_absolute_url(), 200),
        "demo story with every kind of block": (
            Article.objects.get(headline=DEMO_FULL_STORY["page"].headline).get_absolute_url(), 200,
        ),
        "shared preview of a draft": (shared_preview, 200),
        "search results": ("/search/?q=Motegi", 200),
        "search without results": ("/search/?q=quokka", 200),
        "empty search": ("/search/?q=", 200),
        "page not found": ("/news/no-such-story/", 404),
    }


def test_every_public_page_is_valid_html(client, settings, public_pages, tmp_path):
    """One vnu run over every public page, the 500 page and a broken canary."""
    require_vnu()
    # Readers never see Django's debug pages; with DEBUG off a missing page renders the project's 404.html.
    settings.DEBUG = False
    documents = {}
    for name, (url, status) in public_pages.items():
        response = client.get(url)
        assert response.status_code == status, f"{name} {url}"
        if status == 404:
            assert "404.html" in [template.name for template in response.templates], "not the project's own 404 page"
        documents[name] = response.content.decode()
    documents["server error"] = get_template("500.html").render()
    # A refused comment comes back on its article with the error summary above the form and the reader's text.
    commented = Article.objects.get(slug="seoul-council-extends-late-night-bus-routes")
    refused = client.post(reverse("comments:post", args=[commented.pk]),
                          comment_data(commented, name="", email="not-an-address", body="Kept."))
    assert refused.status_code == 400
    documents["refused comment"] = refused.content.decode()
    documents["canary"] = BROKEN_HTML

    errors = html_errors(documents, tmp_path)

    assert errors.pop("canary"), "vnu did not report the broken canary document: is it checking anything?"
    assert_no_html_errors(errors)


@pytest.mark.browser
@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_every_public_page_has_no_serious_accessibility_violations(live_server, public_pages, page):  # noqa: F811
    """axe-core in Chromium over every public page and the 500 page; minor and moderate findings are printed."""
    require_axe()
    blocking, reported = [], []
    documents = [(name, url, status) for name, (url, status) in public_pages.items()]
    documents.append(("server error", None, None))
    for name, url, status in documents:
        if url is None:
            # The 500 page is never served on purpose; show it on the site's origin so its stylesheet loads.
            page.set_content(get_template("500.html").render())
        else:
            response = page.goto(live_server.url + url)
            assert response.status == status, f"{name} {url}"
        results = axe_results(page)
        # Contrast is the rule most likely to regress; make sure it really looked at text on every page.
        assert "color-contrast" in {rule["id"] for rule in results["passes"]}, f"axe checked no text contrast on {name}"
        for violation in results["violations"]:
            line = f"{name}: {describe_violation(violation)}"
            (blocking if violation["impact"] in BLOCKING_IMPACTS else reported).append(line)

    print("\n".join(["axe, minor and moderate (not failing):", *reported]) if reported else "axe: nothing to report")
    assert not blocking, "\n".join(blocking)
