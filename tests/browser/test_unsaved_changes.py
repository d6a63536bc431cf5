"""A writer is warned before leaving an article with unsaved changes, and colleagues see when they have left."""

import threading

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles import presence
from articles.models import Article
from articles.presence import clear_editing
from tests.browser.editor import add_block, block_of_kind
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def article(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for username, first_name in [("jo", "Jo"), ("sam", "Sam")]:
        get_user_model().objects.create_superuser(
            username, f"{username}@example.com", PASSWORD, first_name=first_name, last_name="Reporter",
        )
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Ministers agree on a fisheries pact")


def open_article(page, live_server, article, username="jo"):
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username:", exact=True).fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")


def record_dialogs(page, accept: bool) -> list[str]:
    """Answer every dialog (leave, or stay when accept is False) and note its kind."""
    seen = []

    def answer(dialog):
        seen.append(dialog.type)
        dialog.accept() if accept else dialog.dismiss()

    page.on("dialog", answer)
    return seen


def leave_for_home(page, live_server):
    page.get_by_role("link", name="Home", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/")


def body_editor(page):
    return page.locator(".ProseMirror").filter(visible=True).first


def test_leaving_without_changes_does_not_warn(live_server, article, page):
    open_article(page, live_server, article)
    dialogs = record_dialogs(page, accept=True)
    # Clicking into fields gives the page the user activation a browser needs before it may warn at all.
    page.get_by_label("Headline:", exact=True).click()
    body_editor(page).click()

    leave_for_home(page, live_server)

    assert dialogs == []


def test_a_change_in_the_prose_editor_warns_and_staying_keeps_it(live_server, article, page):
    open_article(page, live_server, article)
    dialogs = record_dialogs(page, accept=False)
    body_editor(page).click()
    page.keyboard.press("End")
    page.keyboard.type(" The quota starts in July.")

    page.get_by_role("link", name="Home", exact=True).click()

    expect(body_editor(page)).to_contain_text("The quota starts in July.")
    assert dialogs == ["beforeunload"]
    assert "/change/" in page.url


def test_a_new_inline_row_warns_until_it_is_saved(live_server, article, page):
    open_article(page, live_server, article)
    dialogs = record_dialogs(page, accept=True)
    add_block(page, "faq", question="When does the quota start?", answer="On the first of July.")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert dialogs == [], "saving is not leaving: no warning"
    leave_for_home(page, live_server)
    assert dialogs == [], "after the save nothing is unsaved"

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")
    block_of_kind(page, "faq").get_by_label("Question:", exact=True).fill("Who signed?")
    leave_for_home(page, live_server)
    assert dialogs == ["beforeunload"]


def test_a_row_added_and_left_blank_does_not_warn(live_server, article, page):
    open_article(page, live_server, article)
    dialogs = record_dialogs(page, accept=True)
    add_block(page, "faq")

    leave_for_home(page, live_server)

    assert dialogs == []


def test_leaving_the_article_clears_being_edited_for_a_colleague(live_server, article, browser, monkeypatch):
    jo = browser.new_context().new_page()
    sam = browser.new_context().new_page()
    for tab in (jo, sam):
        tab.set_default_timeout(10_000)
    open_article(jo, live_server, article, "jo")
    open_article(sam, live_server, article, "sam")
    expect(sam.get_by_role("status")).to_contain_text("Being edited by Jo Reporter")

    # Browsers send the beacon as the page goes away and tools do not see it, so the test waits for the
    # server to have handled it before looking again.
    left = threading.Event()
    monkeypatch.setattr(presence, "clear_editing", lambda **kwargs: (clear_editing(**kwargs), left.set()))
    leave_for_home(jo, live_server)
    assert left.wait(timeout=10), "Jo's page sent no word that it was left"

    sam.reload()
    expect(sam.get_by_role("heading", level=1)).to_contain_text("Change article")
    expect(sam.get_by_text("Being edited by")).to_have_count(0)
