"""Readers comment and reply in Chromium; a moderator works the queue in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, TextSectionFactory

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-browser-tests"


@pytest.fixture
def story(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    article = ArticleFactory(headline="Ferry timetable changes from Monday")
    TextSectionFactory(article=article, body="<p>The ferry will leave every 20 minutes.</p>")
    CommentFactory(article=article, author_name="Rita", author_email="rita@example.com",
                   body="I take this ferry every day.")
    return article


def write_comment(page, *, name: str, email: str, body: str) -> None:
    form = page.locator("#comment-form")
    form.get_by_role("textbox", name="Name").fill(name)
    form.get_by_role("textbox", name="E-mail").fill(email)
    form.get_by_role("textbox", name="Comment").fill(body)


def test_reader_is_refused_too_quickly_keeps_the_text_then_posts_and_replies(live_server, story, page, settings):
    settings.COMMENTS_RATE_LIMITS = []  # the reply follows within 15 seconds; flood control has its own tests
    page.goto(live_server.url + story.get_absolute_url())
    text = "Twenty minutes is a big improvement for commuters like me."
    write_comment(page, name="Rita", email="rita@example.com", body=text)
    page.get_by_role("button", name="Post comment").click()

    # Sent within three seconds of opening the page: refused, and nothing typed is lost.
    expect(page.locator("#comment-form")).to_contain_text("That was very quick")
    # The page opens at the form, not at the top of the article, with the summary of what went wrong in view.
    assert page.url.endswith("#comment-form")
    expect(page.get_by_role("alert")).to_be_in_viewport()
    expect(page.locator("#comment-form").get_by_role("textbox", name="Comment")).to_have_value(text)
    expect(page.locator("#comment-form").get_by_role("textbox", name="Name")).to_have_value("Rita")

    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("your comment is published")
    expect(page.locator(".comment-list")).to_contain_text(text)

    page.locator(".comment").filter(has_text=text).get_by_role("link", name="Reply to Rita").first.click()
    expect(page.get_by_role("heading", name="Reply to Rita")).to_be_visible()
    # The form's token is fetched when the reader starts writing (the page itself may come from the cache).
    write_comment(page, name="Rita", email="rita@example.com", body="Replying to myself: also on Sundays?")
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("status")).to_contain_text("your comment is published")
    reply = page.locator(".comment-replies .comment").filter(has_text="also on Sundays?")
    expect(reply).to_be_visible()
    assert Comment.objects.get(body__startswith="Replying").parent.body == text


def test_first_time_reader_waits_for_a_moderator(live_server, story, page, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    page.goto(live_server.url + story.get_absolute_url())
    write_comment(page, name="Newcomer Ned", email="ned@example.com", body="First time here, hello.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("status")).to_contain_text("awaits moderation")
    expect(page.locator("#comments").get_by_role("status")).to_be_in_viewport()
    expect(page.locator(".comment-list")).not_to_contain_text("First time here")


def test_moderator_approves_one_and_marks_two_as_spam_in_bulk(live_server, story, page, django_user_model):
    moderator = django_user_model.objects.create_user("mo", password=PASSWORD, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderator"))
    CommentFactory(article=story, status="pending", author_name="Good Gail", body="Will bikes still be allowed?")
    for n in range(2):
        CommentFactory(article=story, status="pending", author_name=f"Spammer {n}",
                       body=f"Cheap watches at http://spam{n}.example")

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username:").fill("mo")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Comments", exact=True).first.click()

    expect(page.get_by_role("link", name="Pending (3)")).to_be_visible()
    page.get_by_role("row").filter(has_text="Will bikes still be allowed?").get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option("approve")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("1 comment approved")

    for row in page.get_by_role("row").filter(has_text="Cheap watches").all():
        row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option("mark_spam")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text("2 comments marked as spam")
    expect(page.get_by_role("link", name="Spam (2)")).to_be_visible()

    page.goto(live_server.url + story.get_absolute_url())
    expect(page.locator(".comment-list")).to_contain_text("Will bikes still be allowed?")
    expect(page.locator(".comment-list")).not_to_contain_text("Cheap watches")


def test_form_controls_use_the_sans_font_filled_in_or_empty(live_server, story, page):
    page.goto(live_server.url + story.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_role("textbox", name="Name").fill("Rita")

    fonts = form.locator("input, textarea, button").evaluate_all(
        "elements => elements.filter(e => e.type !== 'hidden').map(e => [e.name, getComputedStyle(e).fontFamily])"
    )
    label_font = form.locator("label[for=id_name]").evaluate("e => getComputedStyle(e).fontFamily")

    assert "sans-serif" in label_font
    assert {name: font for name, font in fonts if font != label_font} == {}


def test_the_field_to_correct_is_a_tab_and_enter_away_when_the_page_comes_back(live_server, story, page, settings):
    settings.COMMENTS_MIN_SECONDS = 0
    page.goto(live_server.url + story.get_absolute_url())
    write_comment(page, name="Ned", email="ned@example", body="My words stay.")
    # Past the browser's own check, to see the server's answer.
    page.locator("#comment-form").get_by_role("textbox", name="E-mail").evaluate("e => e.type = 'text'")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("alert")).to_contain_text("E-mail: Enter a valid email address.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("alert").get_by_role("link", name="E-mail: Enter a valid email address.")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#comment-form").get_by_role("textbox", name="E-mail")).to_be_focused()
    expect(page.locator("#comment-form").get_by_role("textbox", name="E-mail")).to_be_in_viewport()


def test_moderator_decides_on_a_comments_own_page(live_server, story, page, django_user_model):
    moderator = django_user_model.objects.create_user("mo", password=PASSWORD, is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderator"))
    CommentFactory(article=story, status="pending", author_name="Careful Cora", body="Is the night ferry kept?",
                   reasons=["first_time_commenter: First comment from this e-mail address."])

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username:").fill("mo")
    page.get_by_label("Password:").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Comments", exact=True).first.click()
    page.get_by_role("row").filter(has_text="Is the night ferry kept?").get_by_role("link").first.click()

    expect(page.get_by_text("First-time commenter: First comment from this e-mail address.")).to_be_visible()
    expect(page.get_by_role("button", name="Save")).to_have_count(0)
    page.get_by_label("Reason (optional):").fill("Polite question.")
    page.screenshot(path="/tmp/comment-page.png", full_page=True)
    page.get_by_role("button", name="Approve").click()

    expect(page.locator(".messagelist")).to_contain_text("approved")
    expect(page.get_by_role("link", name="Pending (0)")).to_be_visible()
    page.screenshot(path="/tmp/queue.png", full_page=True)
    page.goto(live_server.url + story.get_absolute_url())
    expect(page.locator(".comment-list")).to_contain_text("Is the night ferry kept?")


def test_reader_comments_through_a_cached_article_page(live_server, story, page, settings, browser):
    """The page comes from the page cache without the reader's tokens; the script fetches them as they write."""
    settings.NEWSROOM_PAGE_CACHE = True
    caches["default"].clear()
    url = live_server.url + story.get_absolute_url()
    other_reader = browser.new_page()
    assert other_reader.goto(url).headers["x-cache"] == "miss"
    other_reader.close()

    assert page.goto(url).headers["x-cache"] == "hit"
    form = page.locator("#comment-form")
    expect(form.locator('input[name="token"]')).to_have_value("")
    text = "Read from the cache, written by me."
    write_comment(page, name="Rita", email="rita@example.com", body=text)
    expect(form.locator('input[name="token"]')).not_to_have_value("")
    expect(form.locator('input[name="csrfmiddlewaretoken"]')).not_to_have_value("")
    page.wait_for_timeout(3200)
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("status")).to_contain_text("your comment is published")
    expect(page.locator(".comment-list")).to_contain_text(text)
    assert Comment.objects.filter(body=text, status=Comment.Status.APPROVED).count() == 1
    next_reader = browser.new_page()
    next_reader.goto(url)
    expect(next_reader.locator(".comment-list")).to_contain_text(text)
    next_reader.close()
