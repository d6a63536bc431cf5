"""A new article's autosave, never saved by its writer, is offered and restored in a browser that never saw it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article, Author, Autosave, Section
from tests.browser.editor import add_block, block_of_kind

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"

@pytest.fixture
def writer(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests wait for the autosave request itself, never for a time: a short interval only keeps them quick.
    settings.NEWSROOM_AUTOSAVE_SECONDS = 0.5
    user = get_user_model().objects.create_user("wanda", "wanda@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Writer"))
    Author.objects.create(name="Wanda Writer", slug="wanda-writer", user=user)
    Section.objects.create(name="World", slug="world")
    return user


def sign_in_to_add_page(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.get_by_label("Username:", exact=True).fill("wanda")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()


def choose_section(page, name: str) -> None:
    page.locator("#id_section + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(name[:3])
    page.get_by_role("option", name=name, exact=True).click()


def test_a_new_articles_autosave_is_restored_in_a_fresh_browser_and_saved(live_server, writer, browser):
    first = browser.new_context().new_page()
    first.set_default_timeout(10_000)
    sign_in_to_add_page(first, live_server)
    first.get_by_label("Headline:", exact=True).press_sequentially("Harbour reopens after the storm")
    choose_section(first, "World")
    add_block(first, "text", heading="What reopens", body="The north quay opens first.")
    add_block(first, "table", title="Who decided", rows=[("Mair Hughes", "Harbour board", "Chair")])
    last_answer = "Every hour from seven."
    with first.expect_response(
        lambda response: response.url.endswith("/autosave/") and last_answer in (response.request.post_data or ""),
    ) as autosaved:
        add_block(first, "faq", question="When do ferries run?", answer=last_answer)
    assert autosaved.value.ok
    expect(first.locator("#newsroom-autosave-status")).to_contain_text("Autosaved at")
    assert not Article.objects.exists()

    # Another browser: nothing of the first one's storage, a sign-in of its own.
    second = browser.new_context().new_page()
    second.set_default_timeout(10_000)
    sign_in_to_add_page(second, live_server)
    offer = second.get_by_role("region", name="Unsaved work")
    expect(offer).to_contain_text("You have unsaved work from")
    offer.get_by_role("link", name="Restore it").click()

    expect(second.get_by_role("note")).to_contain_text("Restored your autosaved text from")
    expect(second.get_by_label("Headline:", exact=True)).to_have_value("Harbour reopens after the storm")
    expect(second.locator("#id_section + .select2")).to_contain_text("World")
    expect(block_of_kind(second, "text").locator(".ProseMirror[contenteditable]")).to_have_text(
        "The north quay opens first.")
    table = block_of_kind(second, "table")
    expect(table.locator('input[name$="-title"]')).to_have_value("Who decided")
    expect(table.locator('input[name$="-rows-0-name"]')).to_have_value("Mair Hughes")
    expect(block_of_kind(second, "faq").get_by_label("Question:", exact=True)).to_have_value("When do ferries run?")

    second.get_by_role("button", name="Save and continue editing").click()

    expect(second.locator(".messagelist")).to_contain_text("was added successfully")
    article = Article.objects.get()
    assert article.headline == "Harbour reopens after the storm"
    assert article.section.name == "World"
    assert [section.heading for section in article.text_sections.all()] == ["What reopens"]
    assert "The north quay opens first." in article.text_sections.get().body
    assert [table.title for table in article.participant_tables.all()] == ["Who decided"]
    assert [(row.name, row.represents, row.role) for row in article.participant_tables.get().participants.all()] == [
        ("Mair Hughes", "Harbour board", "Chair"),
    ]
    assert [(entry.question, entry.answer) for entry in article.faq_entries.all()] == [
        ("When do ferries run?", last_answer),
    ]
    assert not Autosave.objects.exists()
