"""A finding of the gate leads the writer to the block and field it is about, with the words selected."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
PLACEHOLDER = "[Insert name - research needed]"


@pytest.fixture
def change_page(live_server, settings, page):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_user_model().objects.create_superuser("jo", "jo@example.com", PASSWORD)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Ferry returns to the fjord")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Username:", exact=True).fill("jo")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")
    return page


def _add_block(page, kind: str):
    page.get_by_role("button", name="Add a block at the end").click()
    page.locator(".plugin-buttons .plugin-button").filter(has_text=kind).first.click()
    return page.locator(".order-machine .inline-related:not(.empty-form)").last


def test_go_to_selects_a_placeholder_in_a_callout_not_saved_yet(change_page):
    page = change_page
    callout = _add_block(page, "Callout")
    callout.locator('input[name$="-label"]').fill("Tickets")
    body = callout.locator('textarea[name$="-body"]')
    body.fill(f"Call {PLACEHOLDER} at the harbour office.")
    # Away from the field, so the test shows that the finding brings the writer back.
    page.get_by_label("Headline:", exact=True).focus()

    page.get_by_role("button", name="Check again").click()
    findings = page.locator("#newsroom-findings")
    expect(findings).to_contain_text("Checked as the form stands now")
    go = findings.get_by_role("button", name="Go to callout 1", exact=True)
    expect(go).to_have_attribute("data-block-uid", callout.locator("input.block-uid").input_value())
    go.click()

    expect(body).to_be_focused()
    selected = body.evaluate("field => field.value.slice(field.selectionStart, field.selectionEnd)")
    assert selected == PLACEHOLDER
    expect(body).to_have_class(re.compile(r"\bfinding-marked\b"))
    described = body.get_attribute("aria-describedby")
    assert "Unresolved placeholder" in page.locator(f"#{described.split()[-1]}").inner_text()


def test_go_to_selects_the_words_in_a_text_section_s_prose_editor(change_page):
    page = change_page
    section = page.locator(".order-machine .inline-related:not(.empty-form)").first
    editor = section.locator(".ProseMirror[contenteditable]")
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" Fares rise by [TBD] next year.")
    page.get_by_label("Headline:", exact=True).focus()

    page.get_by_role("button", name="Check again").click()
    page.locator("#newsroom-findings").get_by_role("button", name="Go to section 1", exact=True).click()

    expect(editor).to_be_focused()
    assert page.evaluate("() => window.getSelection().toString()") == "[TBD]"
