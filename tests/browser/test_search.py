"""A reader searches from the header's search box and lands on the seed story."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HEADLINE = re.compile(r"^Japan’s New Cabinet Initiates First Foreign Ministers’ Meeting")
SEED_URL = "/news/japans-new-cabinet-first-foreign-ministers-meeting/"


def test_reader_searches_for_motegi_from_the_header_and_reaches_the_seed_story(live_server, demo, page):
    page.goto(live_server.url)

    box = page.get_by_role("search", name="Search the site").get_by_role("searchbox", name="Search stories")
    box.fill("Motegi")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=Motegi$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("status")).to_contain_text("1 story matches “Motegi”")
    result = page.get_by_role("listitem").filter(has=page.get_by_role("link", name=HEADLINE))
    expect(result.locator("mark").first).to_have_text("Motegi")
    result.get_by_role("link", name=HEADLINE).click()

    expect(page).to_have_url(live_server.url + SEED_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(page.get_by_role("table", name="Key Participants").get_by_role("rowheader")).to_contain_text(
        ["Toshimitsu Motegi"]
    )


def test_search_page_keeps_the_words_and_answers_an_empty_search_calmly(live_server, demo, page):
    page.goto(live_server.url + "/search/?q=")

    expect(page.get_by_role("status")).to_contain_text("Type a word or two")
    again = page.get_by_role("search", name="Search again").get_by_role("searchbox")
    again.fill("quokka")
    again.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("No stories match “quokka”")
    expect(page.get_by_role("search", name="Search again").get_by_role("searchbox")).to_have_value("quokka")
