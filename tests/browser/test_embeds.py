"""A reader sees an embedded video as a card, and the player comes from its provider only once they ask for it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, EmbedFactory

pytestmark = pytest.mark.browser

PLAYER = "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
# Every host a YouTube video could be fetched from; none of them may be asked for anything before the click.
YOUTUBE_HOSTS = re.compile(r"^https?://([^/]*\.)?(youtube(-nocookie)?\.com|youtu\.be|ytimg\.com|googlevideo\.com)/")


@pytest.fixture
def story(live_server):
    article = ArticleFactory(headline="Porthaven votes for its night ferry")
    EmbedFactory(article=article, title="The vote, filmed from the public gallery", caption="The vote took four minutes.")
    return article


def test_the_player_is_loaded_from_the_provider_only_when_the_reader_asks(live_server, story, page):
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    # The machine is offline: the provider's player is answered here, after the browser's own CSP check let it through.
    page.route(YOUTUBE_HOSTS, lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!DOCTYPE html><title>Player</title><p>The provider's player</p>",
    ))

    page.goto(live_server.url + story.get_absolute_url())

    card = page.get_by_role("figure").filter(has_text="The vote took four minutes.")
    expect(card.get_by_role("link", name="The vote, filmed from the public gallery")).to_have_attribute(
        "href", "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    )
    load = card.get_by_role("button", name="Load the video from YouTube")
    expect(load).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert asked and not [url for url in asked if YOUTUBE_HOSTS.match(url)], asked

    load.click()

    player = card.locator("iframe")
    expect(player).to_have_attribute("src", PLAYER)
    expect(player).to_have_attribute("title", "The vote, filmed from the public gallery")
    expect(load).to_have_count(0)
    expect(page.frame_locator("figure.embed iframe").get_by_text("The provider's player")).to_be_visible()
    assert [url for url in asked if YOUTUBE_HOSTS.match(url)] == [PLAYER]


def test_without_scripts_the_card_is_a_plain_link(live_server, story, browser):
    page = browser.new_context(java_script_enabled=False).new_page()

    page.goto(live_server.url + story.get_absolute_url())

    card = page.get_by_role("figure").filter(has_text="The vote took four minutes.")
    expect(card.get_by_role("link", name="The vote, filmed from the public gallery")).to_be_visible()
    expect(card.get_by_role("button")).to_have_count(0)
    expect(card.locator("iframe")).to_have_count(0)
    page.context.close()
