"""The page cache for anonymous readers (newsroom.pagecache): what is stored, for whom, and what makes it go.

Every event that changes what a page shows must invalidate that page, and a page that does not show it must stay
stored. Changes happen in a transaction whose commit is run (`committed`), as in production.
"""

import json
import re
import socket
import threading
import uuid
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services as article_services
from articles.models import Article, Byline, Correction
from articles.previews import preview_url
from comments import services as comment_services
from comments.models import Comment
from newsroom import pagecache
from tests.faultproxy import FaultProxy
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    SectionFactory,
    TextSectionFactory,
)

CHANGELIST = reverse("admin:comments_comment_changelist")


@pytest.fixture
def page_cache(settings, db):
    settings.NEWSROOM_PAGE_CACHE = True
    caches["default"].clear()
    pagecache._known_tags.clear()
    yield
    caches["default"].clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and its on-commit work (the invalidation), as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def reader() -> Client:
    return Client()


def fetch(url: str, client: Client | None = None, **extra):
    return (client or reader()).get(url, **extra)


def cached(url: str) -> bool:
    """Whether an anonymous reader is answered from the cache now."""
    return fetch(url)["X-Cache"] == "hit"


def settle() -> None:
    """What the test's setup changed counts as committed (its invalidations done) before pages are stored."""
    from django.db import connection

    pending = getattr(connection, "_page_cache_pending", None)
    if pending is not None:
        pending()


def warm(*urls: str) -> None:
    settle()
    for url in urls:
        first = fetch(url)
        assert first.status_code == 200, url
        assert first["X-Cache"] in {"miss", "hit"}, url
        assert cached(url), url


@pytest.fixture
def story(page_cache):
    return ArticleFactory(headline="Harbour budget approved")


@pytest.fixture
def other(page_cache):
    """A story that shares nothing with `story`: its own section, author, no tags."""
    return ArticleFactory(headline="Library opens late")


# --- what is stored, for whom ----------------------------------------------------------------------------------------


def test_a_second_anonymous_reader_is_answered_from_the_cache_with_the_same_bytes(story, django_assert_num_queries):
    settle()
    first = fetch(story.get_absolute_url())
    with django_assert_num_queries(0):
        second = fetch(story.get_absolute_url())

    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert first.content == second.content
    assert "csrftoken" not in second.cookies and "Set-Cookie" not in second


def test_cached_pages_carry_no_csp_nonce_and_no_reader_tokens(story):
    fetch(story.get_absolute_url())
    hit = fetch(story.get_absolute_url())
    body = hit.content.decode()

    assert hit["X-Cache"] == "hit"
    assert "nonce" not in body and "nonce-" not in hit["Content-Security-Policy"]
    assert 'name="csrfmiddlewaretoken" value=""' in body
    assert re.search(r'name="token" value=""|name="token"(?![^>]*value=)', body)
    assert "js/comment_form.js" in body


def test_tracking_parameters_and_parameter_order_share_one_entry(story, other):
    fetch("/search/?q=harbour&page=1")
    assert fetch("/search/?page=1&q=harbour&utm_source=news&utm_medium=social&fbclid=x1&gclid=y2")["X-Cache"] == "hit"
    assert fetch("/search/?q=library")["X-Cache"] == "miss"

    fetch("/?utm_campaign=launch")
    page = fetch("/")
    assert page["X-Cache"] == "hit" and "utm_campaign" not in page.content.decode()


def test_staff_are_never_served_a_cached_page_and_never_fill_the_cache(story, client, editor):
    client.force_login(editor)
    staff_view = client.get(story.get_absolute_url())
    assert staff_view["X-Cache"] == "bypass"
    assert "private" in staff_view["Cache-Control"] and "no-store" in staff_view["Cache-Control"]

    assert fetch(story.get_absolute_url())["X-Cache"] == "miss"  # the staff view was not stored
    assert cached(story.get_absolute_url())
    assert client.get(story.get_absolute_url())["X-Cache"] == "bypass"  # nor served to staff once stored


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_readers_with_a_session_or_a_waiting_message_bypass_the_cache(story, cookie):
    warm(story.get_absolute_url())
    browser = reader()
    browser.cookies[cookie] = "something"

    assert fetch(story.get_absolute_url(), browser)["X-Cache"] == "bypass"


def test_requests_with_credentials_bypass_the_cache(story):
    warm(story.get_absolute_url())

    assert fetch(story.get_absolute_url(), HTTP_AUTHORIZATION="Basic eDp5")["X-Cache"] == "bypass"


def test_preview_links_are_never_cached(page_cache):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    url, _expires = preview_url(article_id=draft.pk)

    for _ in range(2):
        response = fetch(url)
        assert response.status_code == 200 and response["X-Cache"] == "bypass"
        assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_pages_not_found_are_not_stored(page_cache):
    assert fetch("/news/no-such-story/").status_code == 404
    assert fetch("/news/no-such-story/")["X-Cache"] != "hit"


def test_the_cache_can_be_switched_off(story, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    for _ in range(2):
        response = fetch(story.get_absolute_url())
        assert response["X-Cache"] == "bypass" and response["Cache-Control"].startswith("public")


# --- HTTP caching ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "home", "article", "section", "tag", "author", "search", "feed", "feed_atom", "section_feed", "sitemap",
    "news_sitemap", "robots",
])
def test_public_pages_tell_a_cdn_how_long_to_keep_them(story, name, settings):
    story.tags.add("harbour")
    tag = story.tags.get()
    urls = {
        "home": "/", "article": story.get_absolute_url(), "section": story.section.get_absolute_url(),
        "tag": reverse("articles:tag", args=[tag.slug]), "author": story.byline[0].get_absolute_url(),
        "search": "/search/?q=harbour", "feed": "/feed/", "feed_atom": "/feed/atom/",
        "section_feed": reverse("articles:section_feed", args=[story.section.slug]), "sitemap": "/sitemap.xml",
        "news_sitemap": "/sitemap-news.xml", "robots": "/robots.txt",
    }
    response = fetch(urls[name])

    assert response.status_code == 200
    assert response["Cache-Control"] == (
        f"public, max-age=0, s-maxage={settings.NEWSROOM_CDN_MAX_AGE}, "
        f"stale-while-revalidate={settings.NEWSROOM_CDN_STALE_SECONDS}"
    )
    assert response["ETag"].startswith('"') and "nav" in response["Surrogate-Key"].split()
    assert cached(urls[name])


def test_the_surrogate_key_lists_what_the_page_shows(story, other):
    keys = fetch("/")["Surrogate-Key"].split()

    assert {"home", f"article:{story.pk}", f"article:{other.pk}", f"section:{story.section_id}"} <= set(keys)
    assert f"author:{story.byline[0].pk}" in keys


def test_everything_else_is_private_and_never_stored(story, client, editor):
    answers = [
        fetch("/admin/login/"),
        fetch(reverse("comments:privacy")),
        fetch(reverse("comments:form_token", args=[story.pk])),
        reader().post(reverse("comments:post", args=[story.pk]), {}),
    ]
    for response in answers:
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"], response
        assert "public" not in response["Cache-Control"]


def test_a_reader_holding_the_page_gets_304_from_the_cache(story):
    etag = fetch(story.get_absolute_url())["ETag"]

    answer = fetch(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert answer.status_code == 304 and answer["X-Cache"] == "hit" and answer["ETag"] == etag
    assert answer.content == b""
    assert fetch(story.get_absolute_url(), HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_reader_holding_the_page_gets_304_without_the_cache_too(story, settings):
    settings.NEWSROOM_PAGE_CACHE = False
    etag = fetch(story.get_absolute_url())["ETag"]

    answer = fetch(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert answer.status_code == 304 and answer["X-Cache"] == "bypass"


def test_a_stale_etag_gets_the_new_page_after_a_change(story, committed):
    etag = fetch(story.get_absolute_url())["ETag"]
    with committed():
        story.headline = "Harbour budget approved after all-night session"
        story.save()

    answer = fetch(story.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert answer.status_code == 200 and "all-night session" in answer.content.decode()


# --- invalidation: content ---------------------------------------------------------------------------------------------


def test_publishing_shows_the_story_on_its_lists_and_leaves_other_pages_stored(page_cache, other, editor, committed):
    section, author = SectionFactory(), AuthorFactory()
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None, section=section, authors=[author])
    warm("/", section.get_absolute_url(), author.get_absolute_url(), "/feed/", "/sitemap.xml",
         other.get_absolute_url())

    with committed():
        article_services.article_transition(article=draft, by=editor, action="publish", acknowledge_warnings=True)

    for url in ("/", section.get_absolute_url(), author.get_absolute_url(), "/feed/", "/sitemap.xml"):
        assert not cached(url), url
        assert draft.headline in fetch(url).content.decode() or url == "/sitemap.xml", url
    assert cached(other.get_absolute_url())


def test_an_update_renders_the_story_and_its_cards_again(story, other, committed):
    warm(story.get_absolute_url(), "/", other.get_absolute_url())

    with committed():
        story.headline = "Harbour budget approved, with changes"
        story.save()

    assert "with changes" in fetch(story.get_absolute_url()).content.decode()
    assert "with changes" in fetch("/").content.decode()
    assert cached(other.get_absolute_url())


def test_a_correction_shows_at_once(story, other, editor, committed):
    warm(story.get_absolute_url(), other.get_absolute_url())

    with committed():
        article_services.article_add_correction(article=story, by=editor, text="The budget is 2 million, not 3.")

    assert "2 million, not 3" in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_a_correction_deleted_goes_at_once(story, other, editor, committed):
    correction = Correction.objects.create(article=story, text="A correction that was itself wrong.")
    warm(story.get_absolute_url(), other.get_absolute_url())

    with committed():
        correction.delete()

    assert "itself wrong" not in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_unpublishing_takes_the_story_off_every_page(story, other, editor, committed):
    warm(story.get_absolute_url(), "/", story.section.get_absolute_url(), "/feed/", other.get_absolute_url())

    with committed():
        article_services.article_transition(article=story, by=editor, action="unpublish", note="Legal")

    assert fetch(story.get_absolute_url()).status_code == 404
    for url in ("/", story.section.get_absolute_url(), "/feed/"):
        assert story.headline not in fetch(url).content.decode(), url
    assert cached(other.get_absolute_url())


def test_a_deleted_story_goes_from_every_page(story, other, committed):
    warm(story.get_absolute_url(), "/", other.get_absolute_url())

    with committed():
        Article.objects.get(pk=story.pk).delete()

    assert fetch(story.get_absolute_url()).status_code == 404
    assert story.headline not in fetch("/").content.decode()
    assert cached(other.get_absolute_url())


def test_an_edited_block_shows_at_once(story, other, committed):
    block = TextSectionFactory(article=story, body="<p>First draft of the paragraph.</p>")
    warm(story.get_absolute_url(), other.get_absolute_url())

    with committed():
        block.body = "<p>Second thoughts on the paragraph.</p>"
        block.save()

    assert "Second thoughts" in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_a_renamed_section_shows_on_its_pages_and_in_the_header(story, other, committed):
    warm(story.get_absolute_url(), story.section.get_absolute_url(), "/")

    with committed():
        story.section.name = "Harbour Affairs"
        story.section.save()

    assert "Harbour Affairs" in fetch(story.get_absolute_url()).content.decode()
    assert "Harbour Affairs" in fetch(story.section.get_absolute_url()).content.decode()
    assert "Harbour Affairs" in fetch("/").content.decode()


def test_a_renamed_subsection_leaves_unrelated_pages_stored(story, other, committed):
    child = SectionFactory(parent=story.section, name="Ports")
    warm(story.get_absolute_url(), other.get_absolute_url(), other.section.get_absolute_url())

    with committed():
        child.name = "Ports and Docks"
        child.save()

    assert not cached(story.section.get_absolute_url())
    assert cached(other.get_absolute_url()) and cached(other.section.get_absolute_url())


def test_a_renamed_author_shows_on_their_stories(story, other, committed):
    author = story.byline[0]
    warm(story.get_absolute_url(), author.get_absolute_url(), other.get_absolute_url())

    with committed():
        author.name = "Ana Harbourmaster"
        author.save()

    assert "Ana Harbourmaster" in fetch(story.get_absolute_url()).content.decode()
    assert "Ana Harbourmaster" in fetch(author.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_a_renamed_tag_shows_on_its_stories(story, other, committed):
    story.tags.add("harbour")
    tag = story.tags.get()
    tag_url = reverse("articles:tag", args=[tag.slug])
    warm(story.get_absolute_url(), tag_url, other.get_absolute_url())

    with committed():
        tag.name = "Harbours"
        tag.save()

    assert "Harbours" in fetch(story.get_absolute_url()).content.decode()
    assert not cached(tag_url)
    assert cached(other.get_absolute_url())


def test_a_byline_change_updates_both_authors_pages(story, other, committed):
    old_author, new_author = story.byline[0], AuthorFactory(name="Ben Newcomer")
    warm(old_author.get_absolute_url(), new_author.get_absolute_url(), story.get_absolute_url(),
         other.byline[0].get_absolute_url())

    with committed():
        Byline.objects.filter(article=story).delete()
        Byline.objects.create(article=story, author=new_author)

    assert story.headline not in fetch(old_author.get_absolute_url()).content.decode()
    assert story.headline in fetch(new_author.get_absolute_url()).content.decode()
    assert "Ben Newcomer" in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.byline[0].get_absolute_url())


def test_changed_tags_update_the_old_and_the_new_tag_pages(story, other, committed):
    story.tags.add("harbour")
    other.tags.add("library")
    old_url = reverse("articles:tag", args=["harbour"])
    warm(old_url, reverse("articles:tag", args=["library"]))

    with committed():
        story.tags.set(["budget"])

    assert story.headline not in fetch(old_url).content.decode()
    assert story.headline in fetch(reverse("articles:tag", args=["budget"])).content.decode()
    assert cached(reverse("articles:tag", args=["library"]))


def test_moving_a_story_to_another_section_updates_both(story, other, committed):
    old_section, new_section = story.section, SectionFactory(name="Waterfront")
    warm(old_section.get_absolute_url(), new_section.get_absolute_url(), other.section.get_absolute_url())

    with committed():
        story.section = new_section
        story.save()

    assert story.headline not in fetch(old_section.get_absolute_url()).content.decode()
    assert story.headline in fetch(new_section.get_absolute_url()).content.decode()
    assert cached(other.section.get_absolute_url())


def test_editing_a_draft_leaves_the_public_lists_stored(story, committed):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    warm("/", story.section.get_absolute_url())

    with committed():
        draft.headline = "Still a draft"
        draft.save()

    assert cached("/") and cached(story.section.get_absolute_url())


# --- invalidation: comments --------------------------------------------------------------------------------------------


def comment_on(article, **kwargs) -> Comment:
    return CommentFactory(article=article, **kwargs)


def test_an_approved_comment_shows_on_the_article_and_its_cards(story, other, moderator, committed):
    held = comment_on(story, status=Comment.Status.PENDING, body="Held at first, then approved.")
    warm(story.get_absolute_url(), "/", other.get_absolute_url())

    with committed():
        comment_services.comment_approve(comment=held, by=moderator)

    assert "Held at first, then approved." in fetch(story.get_absolute_url()).content.decode()
    assert "1 comment" in fetch("/").content.decode()
    assert cached(other.get_absolute_url())


def test_a_held_comment_leaves_the_page_stored(story, committed):
    warm(story.get_absolute_url())

    with committed():
        comment_on(story, status=Comment.Status.PENDING)

    assert cached(story.get_absolute_url())


@pytest.mark.parametrize("decision", ["comment_remove", "comment_mark_spam", "comment_reject"])
def test_a_comment_taken_down_goes_at_once(story, other, moderator, committed, decision):
    shown = comment_on(story, status=Comment.Status.APPROVED, body="Soon to be taken down.")
    warm(story.get_absolute_url(), other.get_absolute_url())

    with committed():
        getattr(comment_services, decision)(comment=shown, by=moderator)

    assert "Soon to be taken down." not in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_an_erased_commenter_is_erased_from_cached_pages(story, other, moderator, committed):
    comment_on(story, status=Comment.Status.APPROVED, author_email="erase@example.com", body="Personal words.")
    warm(story.get_absolute_url(), other.get_absolute_url())

    with committed():
        comment_services.commenter_erase(email="erase@example.com", by=moderator)

    assert "Personal words." not in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_a_comment_hidden_by_reports_goes_at_once(story, committed, settings):
    settings.COMMENTS_REPORTS_TO_HIDE = 1
    shown = comment_on(story, status=Comment.Status.APPROVED, body="Reported by readers.")
    warm(story.get_absolute_url())

    with committed():
        comment_services.comment_flag(comment=shown, reason="abuse", ip="192.0.2.7")

    assert "Reported by readers." not in fetch(story.get_absolute_url()).content.decode()


def test_a_comment_posted_and_published_at_once_shows_to_the_next_reader(story, other, committed, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    # A commenter whose earlier comment was approved is published at once (comments.checks).
    comment_on(ArticleFactory(), status=Comment.Status.APPROVED, author_email="ana@example.com", author_name="Ana Reader")
    warm(story.get_absolute_url(), other.get_absolute_url())
    commenter = reader()
    token = commenter.get(reverse("comments:form_token", args=[story.pk])).json()["token"]

    with committed():
        answer = commenter.post(reverse("comments:post", args=[story.pk]), {
            "name": "Ana Reader", "email": "ana@example.com", "body": "Published straight away, I hope.",
            "token": token, "website": "", "parent": "",
        })

    assert answer.status_code == 302
    assert "Published straight away" in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


@pytest.mark.parametrize("action", ["approve", "remove", "mark_spam"])
def test_moderation_bulk_actions_invalidate_the_articles_they_touch(story, other, client, moderator, committed, action):
    status = Comment.Status.PENDING if action == "approve" else Comment.Status.APPROVED
    comments = [comment_on(story, status=status, body=f"Bulk {n}.") for n in range(2)]
    warm(story.get_absolute_url(), other.get_absolute_url())
    client.force_login(moderator)

    with committed():
        answer = client.post(f"{CHANGELIST}?queue=all", {"action": action, "_selected_action": [c.pk for c in comments]})

    assert answer.status_code == 302
    page = fetch(story.get_absolute_url())
    assert page["X-Cache"] == "miss"
    assert ("Bulk 0." in page.content.decode()) == (action == "approve")
    assert cached(other.get_absolute_url())


# --- time --------------------------------------------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """Moves time forward for the site (django.utils.timezone.now) without sleeping."""
    moments = [timezone.now()]
    monkeypatch.setattr(timezone, "now", lambda: moments[0])

    def forward(**delta):
        moments[0] = moments[0] + timedelta(**delta)

    return forward


def test_a_scheduled_story_appears_when_its_time_comes_without_anyone_saving(page_cache, other, editor, clock):
    scheduled = ArticleFactory(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(minutes=30))
    warm("/", scheduled.section.get_absolute_url(), other.get_absolute_url())
    assert scheduled.headline not in fetch("/").content.decode()

    clock(minutes=20)
    assert cached("/")
    clock(minutes=11)

    assert scheduled.headline in fetch("/").content.decode()
    assert scheduled.headline in fetch(scheduled.section.get_absolute_url()).content.decode()
    assert fetch(scheduled.get_absolute_url()).status_code == 200


def test_scheduling_a_story_shortens_the_life_of_pages_stored_after(page_cache, editor, committed, clock):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    warm("/")
    with committed():
        article_services.article_transition(
            article=draft, by=editor, action="schedule", at=timezone.now() + timedelta(hours=1),
            acknowledge_warnings=True,
        )
    warm("/")

    clock(minutes=61)

    assert draft.headline in fetch("/").content.decode()


def test_comments_close_on_a_cached_page_when_their_time_comes(page_cache, settings, clock):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 2
    story = ArticleFactory(published_at=timezone.now() - timedelta(days=2) + timedelta(minutes=30))
    warm(story.get_absolute_url())
    assert "Leave a comment" in fetch(story.get_absolute_url()).content.decode()

    clock(minutes=20)
    assert cached(story.get_absolute_url())
    clock(minutes=11)

    page = fetch(story.get_absolute_url())
    assert page["X-Cache"] == "miss" and "Comments are closed." in page.content.decode()


# --- the comment form on a cached page --------------------------------------------------------------------------------


def comment_fields(page: str) -> dict:
    form = page.split('id="comment-form"', 1)[1]
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)"(?: value="([^"]*)")?', form))


def test_a_reader_posts_through_a_cached_page_with_the_token_endpoint(story, settings, committed):
    settings.COMMENTS_MIN_SECONDS = 0
    warm(story.get_absolute_url())
    browser = Client(enforce_csrf_checks=True)
    page = fetch(story.get_absolute_url(), browser)
    assert page["X-Cache"] == "hit"
    assert comment_fields(page.content.decode()) == {"csrfmiddlewaretoken": "", "token": "", "parent": ""}

    tokens = browser.get(reverse("comments:form_token", args=[story.pk]))
    assert tokens["Content-Type"] == "application/json" and "no-store" in tokens["Cache-Control"]
    data = tokens.json()
    assert browser.cookies["csrftoken"].value and data["token"]
    with committed():
        answer = browser.post(reverse("comments:post", args=[story.pk]), {
            "csrfmiddlewaretoken": data["csrf"], "token": data["token"], "name": "Ana Reader",
            "email": "ana@example.com", "body": "Posted through a cached page.", "website": "", "parent": "",
        })

    assert answer.status_code == 302
    assert Comment.objects.get().body == "Posted through a cached page."


def test_the_token_endpoint_refuses_an_article_readers_cannot_see(page_cache):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)

    assert fetch(reverse("comments:form_token", args=[draft.pk])).status_code == 404


def test_without_javascript_the_text_comes_back_with_the_tokens_to_send_it_again(story, settings, committed):
    settings.COMMENTS_MIN_SECONDS = 0
    warm(story.get_absolute_url())
    browser = Client(enforce_csrf_checks=True)
    fields = comment_fields(fetch(story.get_absolute_url(), browser).content.decode())
    typed = {"name": "Ana Reader", "email": "ana@example.com", "body": "No script on my phone.", "website": ""}

    first = browser.post(reverse("comments:post", args=[story.pk]), fields | typed)

    assert first.status_code == 403 and "No script on my phone." in first.content.decode()
    again = comment_fields(first.content.decode())
    assert again["csrfmiddlewaretoken"] and again["token"]
    with committed():
        second = browser.post(reverse("comments:post", args=[story.pk]), again | typed)
    assert second.status_code == 302 and Comment.objects.filter(body="No script on my phone.").exists()


def test_a_missing_form_token_with_a_valid_csrf_token_keeps_the_text(story, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    browser = reader()

    answer = browser.post(reverse("comments:post", args=[story.pk]), {
        "name": "Ana Reader", "email": "ana@example.com", "body": "Sent before the script ran.", "token": "",
        "website": "", "parent": "",
    })

    page = answer.content.decode()
    assert answer.status_code == 400 and "Sent before the script ran." in page
    assert "please send it again" in page and comment_fields(page)["token"]


def test_two_readers_get_byte_identical_pages(story, other):
    first, second = fetch(story.get_absolute_url()), fetch(story.get_absolute_url())

    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert first.content == second.content


# --- the CDN purge hook ------------------------------------------------------------------------------------------------


class _PurgeReceiver(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 - the standard library's name
        length = int(self.headers["Content-Length"])
        self.received.append((self.headers["Content-Type"], json.loads(self.rfile.read(length))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_invalidations_are_sent_to_the_cdn_purge_hook(story, other, settings, committed):
    server = HTTPServer(("127.0.0.1", 0), _PurgeReceiver)
    _PurgeReceiver.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        settle()
        settings.NEWSROOM_CDN_PURGE_URL = f"http://127.0.0.1:{server.server_port}/purge"
        surrogate = fetch(story.get_absolute_url())["Surrogate-Key"].split()
        with committed():
            story.headline = "Sent to the CDN too"
            story.save()
    finally:
        server.shutdown()
        server.server_close()

    assert len(_PurgeReceiver.received) == 1
    content_type, body = _PurgeReceiver.received[0]
    assert content_type == "application/json"
    assert f"article:{story.pk}" in body["tags"] and f"article:{story.pk}" in surrogate
    assert f"article:{other.pk}" not in body["tags"]


# --- Redis: shared, or out of reach ------------------------------------------------------------------------------------

TEST_REDIS = ("127.0.0.1", 6379, "5")


def redis_cache(address: str) -> dict:
    return {"default": {
        "BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": f"redis://{address}/{TEST_REDIS[2]}",
        "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }}


@pytest.fixture
def redis_address():
    host, port, _database = TEST_REDIS
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        pytest.skip(f"no Redis answers at {host}:{port}; CI runs one")
    return f"{host}:{port}"


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_pages_are_shared_through_redis(story, other, settings, redis_address, committed):
    settings.CACHES = redis_cache(redis_address)
    warm(story.get_absolute_url(), other.get_absolute_url())

    with committed():
        story.headline = "Changed where every server sees it"
        story.save()

    assert "every server sees it" in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_without_redis_pages_are_served_uncached_and_the_outage_logged_once(story, settings, caplog):
    settings.CACHES = redis_cache(f"127.0.0.1:{unused_port()}")

    answers = [fetch(story.get_absolute_url()) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert {answer["X-Cache"] for answer in answers} == {"bypass"}
    assert answers[0]["Cache-Control"].startswith("public")
    outages = [r.getMessage() for r in caplog.records if r.name == "newsroom.outages" and "unreachable" in r.getMessage()]
    assert len(outages) == 1


def test_a_new_generation_begins_when_redis_returns(story, settings, redis_address, committed, monkeypatch):
    """Nothing stored before the outage is served after it: the invalidation lost meanwhile cannot leave it stale."""
    from newsroom import cache as resilient

    now = [1000.0]
    monkeypatch.setattr(resilient, "_clock", lambda: now[0])
    host, port = redis_address.split(":")
    with FaultProxy(host, int(port)) as proxy:
        settings.CACHES = redis_cache(proxy.address)
        warm(story.get_absolute_url())

        proxy.cut()
        assert fetch(story.get_absolute_url())["X-Cache"] == "bypass"
        with committed():  # its invalidation cannot reach Redis
            story.headline = "Changed during the outage"
            story.save()
        during = fetch(story.get_absolute_url())
        assert during["X-Cache"] == "bypass" and "during the outage" in during.content.decode()

        proxy.restore()
        now[0] += 60
        after = fetch(story.get_absolute_url())

    assert after["X-Cache"] == "miss" and "during the outage" in after.content.decode()


def test_closing_comments_on_a_section_renders_its_stories_again(story, other, committed):
    from comments.models import CommentPolicy

    warm(story.get_absolute_url(), other.get_absolute_url())
    with committed():
        CommentPolicy.objects.create(section=story.section, mode="closed")

    assert "Comments are closed." in fetch(story.get_absolute_url()).content.decode()
    assert cached(other.get_absolute_url())


def test_pages_stored_by_another_release_of_the_site_are_not_served(story, settings):
    warm(story.get_absolute_url())
    settings.NEWSROOM_RELEASE = "next-release"
    pagecache.release.cache_clear()
    try:
        assert fetch(story.get_absolute_url())["X-Cache"] == "miss"
    finally:
        pagecache.release.cache_clear()


def test_the_token_endpoint_remembers_the_name_a_reader_commented_under(story, settings, committed):
    settings.COMMENTS_MIN_SECONDS = 0
    browser = reader()
    assert "name" not in browser.get(reverse("comments:form_token", args=[story.pk])).json()
    token = browser.get(reverse("comments:form_token", args=[story.pk])).json()["token"]
    with committed():
        browser.post(reverse("comments:post", args=[story.pk]), {
            "name": "Ana Reader", "email": "ana@example.com", "body": "Remember me.", "token": token, "website": "",
            "parent": "",
        })

    remembered = browser.get(reverse("comments:form_token", args=[story.pk])).json()
    assert remembered["name"] == "Ana Reader" and remembered["email"] == "ana@example.com"
    assert browser.cookies["commenter"]["httponly"]
    # The name stays out of the page itself, which readers still share.
    browser.cookies.pop("messages", None)
    settle()
    fetch(story.get_absolute_url())
    page = fetch(story.get_absolute_url(), browser)
    assert page["X-Cache"] == "hit" and "ana@example.com" not in page.content.decode()


def test_a_forged_commenter_cookie_is_ignored(story):
    browser = reader()
    browser.cookies["commenter"] = '{"name": "Someone Else", "email": "x@example.com"}'

    assert "name" not in browser.get(reverse("comments:form_token", args=[story.pk])).json()


# --- a read replica behind the primary -------------------------------------------------------------------------------


def test_with_a_replica_a_page_rendered_just_after_a_change_lives_no_longer_than_the_replica_may_lag(
    story, other, committed, clock, settings,
):
    """Pages read from a replica a moment after a change may show the old version: kept only as long as it may lag.
    A page whose things changed long before is kept as usual."""
    settings.DATABASE_ROUTERS = ["newsroom.db_router.ReplicaRouter"]
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 5
    settle()
    clock(minutes=1)
    with committed():
        Correction.objects.create(article=story, text="The vote was on Tuesday.")
    warm(story.get_absolute_url(), other.get_absolute_url())

    clock(seconds=6)

    assert not cached(story.get_absolute_url())
    assert cached(other.get_absolute_url())


def test_without_a_replica_a_page_rendered_just_after_a_change_is_kept_as_usual(story, committed, clock):
    settle()
    with committed():
        Correction.objects.create(article=story, text="The vote was on Tuesday.")
    warm(story.get_absolute_url())

    clock(seconds=6)

    assert cached(story.get_absolute_url())
