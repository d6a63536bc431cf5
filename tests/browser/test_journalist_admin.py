"""A journalist writes and publishes a structured article in the Django admin, then reads it on the site."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Author, Section
from tests.browser.editor import add_block, block_of_kind

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def journalist(live_server, settings):
    """A staff superuser with an author profile, and a section to file under."""
    # The live server reads settings per request; a fast hasher saves a second per password hash.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = get_user_model().objects.create_superuser("jo", "jo@example.com", PASSWORD)
    Author.objects.create(name="Jo Reporter", slug="jo-reporter", user=user)
    Section.objects.create(name="World", slug="world")
    return user


def choose_in_autocomplete(page, select_id: str, typed: str, option: str) -> None:
    """Open the admin's select2 autocomplete next to a select, type, and pick the option it offers."""
    page.locator(f"#{select_id} + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.get_by_role("option", name=option, exact=True).click()
    expect(page.locator(f"#{select_id} + .select2")).to_contain_text(option)


def test_journalist_publishes_a_structured_article_from_the_admin(live_server, journalist, page):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username:", exact=True).fill("jo")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("banner")).to_contain_text("Welcome, jo")

    page.get_by_role("row", name="Articles").get_by_role("link", name="Add").click()
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()
    # Typed key by key, as a person does, so the admin fills in the slug from the headline.
    page.get_by_label("Headline:", exact=True).press_sequentially("Ministers agree on a fisheries pact")
    expect(page.get_by_label("Slug:", exact=True)).to_have_value("ministers-agree-on-a-fisheries-pact")
    page.get_by_label("Subheadline:", exact=True).fill("Three countries share one quota for the first time.")
    choose_in_autocomplete(page, "id_section", "Wor", "World")
    page.get_by_label("Summary:", exact=True).fill("Three fisheries ministers signed a shared quota in Lima.")
    # Where and when it was filed: without a dateline the gate asks the editor to acknowledge a warning.
    page.get_by_label("Dateline place:", exact=True).fill("Lima, Peru")
    page.get_by_label("Dateline date:", exact=True).fill("2026-03-02")

    choose_in_autocomplete(page, "id_bylines-0-author", "Jo", "Jo Reporter")

    # The whole story in one page before any save: a table's rows are filled inside the table block.
    add_block(page, "text", body="The ministers signed the pact after two days of talks.")
    add_block(page, "table", title="Who signed", rows=[("Ana Torres", "Peru", "Minister of Production")])
    add_block(page, "faq", question="When does the quota start?", answer="On the first of July.")

    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")
    public_url = live_server.url + "/news/ministers-agree-on-a-fisheries-pact/"
    assert page.request.get(public_url).status == 404, "readers must not see the article before it is published"
    expect(block_of_kind(page, "table").locator('input[name$="-rows-0-name"]')).to_have_value("Ana Torres")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("is now published")

    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ministers agree on a fisheries pact")
    expect(page.get_by_text("Three countries share one quota for the first time.")).to_be_visible()
    expect(page.get_by_role("link", name="Jo Reporter")).to_be_visible()
    expect(page.get_by_text("The ministers signed the pact after two days of talks.")).to_be_visible()
    row = page.get_by_role("table", name="Who signed").get_by_role("row", name="Ana Torres")
    expect(row.get_by_role("cell")).to_have_text(["Peru", "Minister of Production"])
    faq_part = page.get_by_role("region", name="Frequently asked questions")
    expect(faq_part.get_by_role("term")).to_have_text(["When does the quota start?"])
    expect(faq_part.get_by_role("definition")).to_have_text(["On the first of July."])
