"""A reader finds the seed story from the front page and reads it in Chromium."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

HEADLINE = re.compile(r"^Japan’s New Cabinet Initiates First Foreign Ministers’ Meeting")
SEED_URL = "/news/japans-new-cabinet-first-foreign-ministers-meeting/"


def test_reader_follows_the_front_page_to_the_seed_story_and_sees_every_part(live_server, demo, page, tmp_path):
    page.goto(live_server.url)
    page.get_by_role("link", name=HEADLINE).click()

    expect(page).to_have_url(live_server.url + SEED_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("listitem")).to_have_text(
        ["Home", "Economy", HEADLINE]
    )
    expect(page.get_by_text("South Korea and Japan Strengthen Diplomatic Ties in First Ministerial")).to_be_visible()
    expect(page.get_by_text("Gyeongju, South Korea – October 29, 2025")).to_be_visible()

    table = page.get_by_role("table", name="Key Participants")
    expect(table.get_by_role("columnheader")).to_have_text(["Name", "Representing", "Role"])
    expect(table.get_by_role("rowheader")).to_have_text(["Cho Hyun", "Toshimitsu Motegi", "Marco Rubio"])
    expect(table.get_by_role("row").filter(has_text="Marco Rubio")).to_contain_text("United States")

    expect(page.get_by_role("complementary", name="Did You Know?")).to_contain_text("share a complex history")
    expect(page.get_by_role("complementary", name="Pro Tip")).to_contain_text("Following developments in Northeast")

    prompts = page.get_by_role("complementary", name="Questions for readers")
    expect(prompts.get_by_role("heading", name="Over to you")).to_be_visible()
    expect(prompts).to_contain_text("How will these strengthened diplomatic ties impact regional trade")

    faq = page.get_by_role("region", name=re.compile("Frequently Asked questions", re.IGNORECASE))
    expect(faq.get_by_role("heading", level=2)).to_be_visible()
    expect(faq.get_by_role("term")).to_have_count(5)
    expect(faq.get_by_role("definition")).to_have_count(5)
    first_question = re.compile("primary goal of the recent Korea-Japan talks", re.IGNORECASE)
    expect(faq.get_by_role("term").first).to_have_text(first_question)

    related = page.get_by_role("region", name="You may also like")
    expect(related.get_by_role("heading", name="You may also like", level=2)).to_be_visible()
    expect(related.get_by_role("article")).not_to_have_count(0)
    expect(related.get_by_role("link", name="Osaka exporters weigh the gains of a weaker yen")).to_be_visible()

    page.screenshot(path=tmp_path / "seed-article.png", full_page=True)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(live_server, demo, page):
    page.goto(live_server.url + SEED_URL)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    # The next stop after the skip is inside the story, not back in the masthead.
    expect(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home")).to_be_focused()
