"""A writer builds a whole story in one page of the admin: every block edited in place, placed by moving, saved once."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles import services
from articles.models import Article, Author, Section
from tests.browser.editor import add_block, block_of_kind, blocks, move_up

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"


@pytest.fixture
def newsroom(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    people = {}
    for username, group in (("wren", "Writer"), ("ed", "Editor")):
        user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        Author.objects.create(name=f"{username.title()} Example", slug=username, user=user)
        people[username] = user
    Section.objects.create(name="World", slug="world")
    return people


def sign_in(page, live_server, username: str, path: str) -> None:
    page.goto(f"{live_server.url}{path}")
    page.get_by_label("Username:", exact=True).fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def start_story(page, live_server, headline: str) -> None:
    sign_in(page, live_server, "wren", "/admin/articles/article/add/")
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()
    page.get_by_label("Headline:", exact=True).press_sequentially(headline)
    page.locator("#id_section + .select2").click()
    page.locator(".select2-container--open .select2-search__field").fill("Wor")
    page.get_by_role("option", name="World", exact=True).click()


def kinds_in_page_order(page) -> list[str]:
    """Each block's kind and first words, in the order the page holds them (which is the order it shows)."""
    return blocks(page).evaluate_all(
        """els => els.filter(el => !el.classList.contains('for-deletion')).map(el => {
            const kind = el.querySelector(':scope > h3 > b').textContent.replace(/:\\s*$/, '').trim();
            const first = el.querySelector('input[type=text]:not([name$="-heading"]), textarea');
            return kind + ' ' + (first ? first.value : '');
        })"""
    )


def test_a_whole_story_is_written_in_one_page_placed_by_moving_and_saved_once(live_server, newsroom, page):
    page.set_default_timeout(10_000)
    start_story(page, live_server, "Three ports sign a fishing pact")
    page.get_by_label("Summary:", exact=True).fill("Three harbour towns agree to share one catch limit.")
    page.get_by_label("Dateline place:", exact=True).fill("Lima, Peru")
    page.get_by_label("Dateline date:", exact=True).fill("2026-03-02")

    # Nothing saved yet: a text section, a table of three rows, two callouts and three FAQ entries.
    add_block(page, "text", body="The ports signed after two days of talks.")
    add_block(page, "table", title="Who signed", rows=[
        ("Ana Torres", "Callao", "Harbour master"), ("Ben Ruiz", "Paita", "Mayor"), ("Cai Lin", "Ilo", "Port chief"),
    ])
    add_block(page, "callout", label="Did You Know?", body="The three ports land a fifth of the catch.")
    second_callout = add_block(page, "callout", label="Pro Tip", body="Fish markets open at five.")
    first_faq = add_block(page, "faq", question="When does it start?", answer="In July.")
    add_block(page, "faq", question="Who checks it?", answer="A joint board.")
    add_block(page, "faq", question="Is it binding?", answer="For three years.")
    # A block between two others, and one moved up.
    add_block(page, "prompt", above=first_faq, text="Should other ports join?")
    move_up(second_callout)
    expect(page.get_by_role("status").filter(has_text="moved up")).to_contain_text("Callout moved up")

    shown = kinds_in_page_order(page)
    assert shown == [
        "Text section <p>The ports signed after two days of talks.</p>", "Participant table Who signed",
        "Callout Pro Tip", "Callout Did You Know?",
        "Discussion prompt Should other ports join?", "FAQ entry When does it start?", "FAQ entry Who checks it?",
        "FAQ entry Is it binding?",
    ]
    # Leaving now warns; staying keeps everything.
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Home", exact=True).click()
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()
    assert dialogs == ["beforeunload"]
    assert kinds_in_page_order(page) == shown

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get()
    assert article.participant_tables.get().participants.count() == 3
    services.article_publish(article=article, by=newsroom["ed"], acknowledge_warnings=True)
    public = page.context.new_page()
    public.goto(live_server.url + article.get_absolute_url())
    body = public.locator("article").inner_text()
    order = [
        "The ports signed after two days of talks.", "Cai Lin", "Fish markets open at five.",
        "The three ports land a fifth of the catch.", "Should other ports join?", "When does it start?",
        "Who checks it?", "Is it binding?",
    ]
    places = [body.find(text) for text in order]
    assert -1 not in places and places == sorted(places), list(zip(order, places, strict=True))
    # The rows keep the order they were typed in.
    rows = public.get_by_role("table", name="Who signed").get_by_role("row")
    expect(rows.nth(1)).to_contain_text("Ana Torres")
    expect(rows.nth(3)).to_contain_text("Cai Lin")


def test_a_block_removed_comes_back_with_undo_and_goes_only_on_save(live_server, newsroom, page):
    page.set_default_timeout(10_000)
    start_story(page, live_server, "Undo keeps a block")
    keep = add_block(page, "callout", label="Keep", body="This one stays.")
    drop = add_block(page, "callout", label="Drop", body="This one goes.")
    drop.locator(":scope > .block-tools .block-remove").click()
    expect(drop.locator(":scope > .block-tools")).to_contain_text("Removed when you save.")
    drop.locator(":scope > .block-tools .block-undo").click()
    expect(drop.locator(":scope > .block-tools .block-removed-note")).to_be_hidden()
    keep.locator(":scope > .block-tools .block-remove").click()

    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert [callout.label for callout in Article.objects.get().callouts.all()] == ["Drop"]
    expect(block_of_kind(page, "callout").get_by_label("Label:", exact=True)).to_have_value("Drop")


def test_moving_a_block_with_the_keyboard(live_server, newsroom, page):
    page.set_default_timeout(10_000)
    start_story(page, live_server, "Keys move blocks")
    add_block(page, "callout", label="First", body="One.")
    second = add_block(page, "callout", label="Second", body="Two.")
    second.get_by_label("Label:", exact=True).focus()
    page.keyboard.press("Alt+Shift+ArrowUp")
    assert kinds_in_page_order(page) == ["Callout Second", "Callout First"]
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    assert [callout.label for callout in Article.objects.get().body_blocks()] == ["Second", "First"]


def test_a_colleagues_save_first_shows_both_versions_side_by_side_and_merges(live_server, newsroom, browser):
    article = Article.objects.create(
        headline="Ferries return", slug="ferries-return", section=Section.objects.get(), created_by=newsroom["wren"],
        summary="Boats sail again.",
    )
    from articles.models import Callout

    Callout.objects.create(article=article, position=10, label="Ferry times", body="Every hour from seven.")
    path = f"/admin/articles/article/{article.pk}/change/"
    wren, ed = (browser.new_context().new_page() for _ in range(2))
    for tab, username in ((wren, "wren"), (ed, "ed")):
        tab.set_default_timeout(10_000)
        sign_in(tab, live_server, username, path)
        expect(tab.get_by_role("heading", level=1)).to_contain_text("Change article")

    # The editor saves first: a new headline and the callout's times.
    ed.get_by_label("Headline:", exact=True).fill("Night ferries return")
    block_of_kind(ed, "callout").get_by_label("Body:", exact=True).fill("Every half hour from six.")
    ed.get_by_role("button", name="Save and continue editing").click()
    expect(ed.locator(".messagelist")).to_contain_text("was changed successfully")

    # The writer, on the page opened before, changes the summary and saves: refused, both versions shown.
    wren.get_by_label("Summary:", exact=True).fill("Boats sail again from Tuesday.")
    wren.get_by_role("button", name="Save and continue editing").click()
    panel = wren.get_by_role("region", name="Someone else saved first")
    expect(panel).to_contain_text("Night ferries return")
    expect(panel).to_contain_text("Every half hour from six.")
    expect(panel).to_contain_text("Boats sail again from Tuesday.")
    panel.get_by_role("group", name="Headline", exact=True).get_by_label("Take theirs").check()
    panel.get_by_role("group", name="Callout “Ferry times”", exact=True).get_by_label("Take theirs").check()
    panel.get_by_role("button", name="Apply my choices").click()
    expect(wren.get_by_text("Nothing is saved yet")).to_be_visible()
    wren.get_by_role("button", name="Save and continue editing").click()
    expect(wren.locator(".messagelist")).to_contain_text("was changed successfully")

    article.refresh_from_db()
    assert (article.headline, article.summary) == ("Night ferries return", "Boats sail again from Tuesday.")
    assert article.callouts.get().body == "Every half hour from six."
