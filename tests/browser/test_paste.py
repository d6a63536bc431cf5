"""Pasting from Google Docs or Word into a text section keeps the story's structure and says what it left out.

The clipboard samples in clipboard/ have the markup each program puts on the clipboard (our own words inside).
"""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article, TextSection
from tests.browser.editor import add_block
from tests.checkers import BLOCKING_IMPACTS, describe_violation, require_axe
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"
CLIPBOARD = Path(__file__).parent / "clipboard"
CLEANER = "/static/js/paste_cleaner.js"


@pytest.fixture
def writer(live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_superuser("jo", "jo@example.com", PASSWORD)


def log_in_at(page, url):
    page.goto(url)
    page.get_by_label("Username:", exact=True).fill("jo")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def add_text_section(page):
    """Add a text section to the body; return its part of the page. The one step that knows how the editor adds
    a block."""
    return add_block(page, "text")


def body_editor(section):
    editor = section.locator(".ProseMirror[contenteditable]")
    expect(editor).to_be_visible()
    return editor


def paste(editor, sample: str) -> None:
    """Paste as a browser does: a paste event on the focused editor carrying the clipboard's HTML and text."""
    editor.focus()
    editor.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", new DOMParser().parseFromString(html, "text/html").body.textContent);
            element.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        (CLIPBOARD / sample).read_text(encoding="utf-8"),
    )


def texts(editor, selector: str) -> list[str]:
    return editor.locator(selector).all_inner_texts()


def test_a_google_docs_paste_keeps_headings_lists_links_and_emphasis(live_server, writer, page):
    log_in_at(page, f"{live_server.url}/admin/articles/article/add/")
    expect(page.get_by_role("heading", name="Add article")).to_be_visible()
    section = add_text_section(page)
    editor = body_editor(section)

    paste(editor, "google_docs.html")

    # The body allows h3 and h4: the document's title and sections (h1, h2) are h3, its h3 is h4.
    expect(editor.locator("h3")).to_have_text(["Night ferries return to the harbour", "What changes"])
    expect(editor.locator("h4")).to_have_text(["Who pays"])
    expect(editor.locator("h1, h2, h5, h6")).to_have_count(0)
    expect(editor.locator("ul > li > p")).to_have_text(
        ["Boats leave every hour after ten at night", "The last boat leaves at one in the morning",
         "Tickets cost the same as by day"],
    )
    expect(editor.locator("ul > li > ul > li")).to_have_text(["The last boat leaves at one in the morning"])
    expect(editor.locator("ol > li")).to_have_text(["Buy a ticket at the pier", "Show it when you board"])
    expect(editor.locator("a")).to_have_count(1)
    expect(editor.locator("a")).to_have_attribute("href", "https://example.org/council/minutes")
    expect(editor.locator("a")).to_have_text("council’s minutes")
    # Docs wraps the whole copy in a <b> that is not bold: only the words bold in the document are.
    assert texts(editor, "strong") == ["nine to two", "port authority"]
    assert texts(editor, "em") == ["night ferries", "port authority"]
    expect(editor.locator("u")).to_have_count(0)  # the link's underline is the link's, not the writer's
    expect(editor.locator("s")).to_have_text("not")
    expect(editor.locator("img, table, b, span[style]")).to_have_count(0)
    expect(editor.locator("p").first).to_have_text(
        "The harbour council voted nine to two on Tuesday to bring back night ferries from May. "
        "The council’s minutes list the new timetable."
    )
    notice = section.get_by_role("status")
    expect(notice).to_have_text(
        "1 image and 1 table were not pasted: add pictures as image blocks and tables as participant tables."
    )

    # The next paste, with nothing to leave out, clears what the last one said.
    editor.press("Control+End")
    editor.press("Enter")
    paste(editor, "google_docs_sentence.html")
    expect(editor.locator("p").last).to_have_text("The ferry company hires four crews.")
    expect(notice).to_have_text("")


def test_a_word_paste_becomes_real_lists_and_is_saved_with_its_structure(live_server, writer, page):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, headline="Fisheries pact")
    log_in_at(page, f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Change article")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    section = add_text_section(page)
    editor = body_editor(section)

    paste(editor, "word.html")

    expect(editor.locator("h3")).to_have_text(["Ministers agree on a fisheries pact", "What the pact says"])
    expect(editor.locator("h4")).to_have_text(["Reactions"])
    # Word's list paragraphs, markers and all, become a bulleted list with a nested one, and a numbered list.
    expect(editor.locator("ul > li > p")).to_have_text(
        ["Boats may fish in all three zones", "Each country keeps its own licences", "Catches are reported every week"],
    )
    expect(editor.locator("ul > li > ul > li")).to_have_text(["Each country keeps its own licences"])
    expect(editor.locator("ol > li")).to_have_text(
        ["The ministers sign in March", "Parliaments ratify it by June", "The shared quota applies from July"],
    )
    expect(editor).not_to_contain_text("·")
    expect(editor.locator("p", has_text="The pact starts in three steps:")).to_have_count(1)
    assert texts(editor, "strong") == ["one quota", "every week"]
    assert texts(editor, "em") == ["said"]
    # The javascript: link keeps its words and loses the link.
    expect(editor.locator("a")).to_have_count(1)
    expect(editor.locator("a")).to_have_attribute("href", "https://example.org/fisheries/pact")
    expect(editor.locator("p", has_text="Fishers’ unions called the pact overdue")).to_have_count(1)
    expect(editor.locator("img, table")).to_have_count(0)
    expect(editor).not_to_contain_text("Share of the quota")
    # Word's empty paragraphs and its style sheet are not text.
    expect(editor.locator("p:empty")).to_have_count(0)
    expect(editor).not_to_contain_text("mso-")
    expect(section.get_by_role("status")).to_have_text(
        "2 images and 1 table were not pasted: add pictures as image blocks and tables as participant tables."
    )

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert dialogs == []

    body = TextSection.objects.filter(article=article).order_by("position", "pk").last().body
    assert body.startswith("<h3>Ministers agree on a fisheries pact</h3><p>Three countries will share <strong>one quota")
    assert (
        "<ul><li><p>Boats may fish in all three zones</p><ul><li><p>Each country keeps its own licences</p></li></ul>"
        "</li><li><p>Catches are reported <strong>every week</strong></p></li></ul>"
    ) in body
    assert "<li><p>The ministers sign in March</p></li><li><p>Parliaments ratify it by June</p></li>" in body
    assert '<a href="https://example.org/fisheries/pact" rel="noopener">full text of the pact</a>' in body
    assert "<h4>Reactions</h4>" in body
    assert "javascript" not in body and "<img" not in body and "<table" not in body
    assert body.endswith("<p>The next meeting is in Santiago.</p>")


def test_a_text_section_added_later_cleans_its_paste_too(live_server, writer, page):
    log_in_at(page, f"{live_server.url}/admin/articles/article/add/")
    first = add_text_section(page)
    body_editor(first)
    second = add_text_section(page)
    editor = body_editor(second)

    paste(editor, "google_docs.html")

    expect(editor.locator("h3").first).to_have_text("Night ferries return to the harbour")
    expect(second.get_by_role("status")).to_contain_text("1 image and 1 table were not pasted")
    expect(first.get_by_role("status")).to_have_text("")


@pytest.mark.browser_context_args(bypass_csp=True)  # axe is injected inline; the site's CSP rightly blocks that
def test_the_notice_and_the_pasted_body_pass_axe(live_server, writer, page):
    require_axe()
    log_in_at(page, f"{live_server.url}/admin/articles/article/add/")
    section = add_text_section(page)
    paste(body_editor(section), "word.html")
    expect(section.get_by_role("status")).not_to_be_empty()

    page.add_script_tag(path=str(require_axe()))
    results = page.evaluate("(id) => axe.run({include: [id]}, {resultTypes: ['violations']})", f"#{section.get_attribute('id')}")

    blocking = [describe_violation(v) for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, "\n".join(blocking)


@pytest.fixture
def cleaner(live_server, page):
    """Run the cleaner on its own in Chromium: clean(html, options) returns {html, dropped, notice}."""
    page.goto(f"{live_server.url}/static/js/paste_cleaner.js")

    def clean(html, **options):
        return page.evaluate(
            """async ([url, html, options]) => {
                const cleaner = await import(url);
                const result = cleaner.cleanPastedHTML(html, options);
                return {...result, notice: cleaner.describeDropped(result.dropped)};
            }""",
            [CLEANER, html, options],
        )

    return clean


@pytest.mark.parametrize(
    ("pasted", "cleaned"),
    [
        # Links: http, https and mailto stay; javascript: and in-document links leave their words.
        ('<p><a href="mailto:desk@example.org">desk</a> <a href="javascript:alert(1)">x</a> <a href="#_Toc1">y</a></p>',
         '<p><a href="mailto:desk@example.org">desk</a> x y</p>'),
        # Some Google Docs copies send links through Google's redirect.
        ('<p><a href="https://www.google.com/url?q=https://example.org/a&amp;sa=D">a</a></p>',
         '<p><a href="https://example.org/a">a</a></p>'),
        # A span's own font-weight decides, whatever tag it sits in.
        ('<b style="font-weight:normal"><span style="font-weight:700">bold</span> <span>plain</span></b>',
         "<p><strong>bold</strong> plain</p>"),
        ('<p><strong><span style="font-weight:400">plain</span></strong> <span style="font-style:italic">it</span></p>',
         "<p>plain <em>it</em></p>"),
        ('<p>H<span style="vertical-align:sub">2</span>O, 10<sup>3</sup></p>', "<p>H<sub>2</sub>O, 10<sup>3</sup></p>"),
        # Headings deeper than the body's deepest level take that level; bold inside a heading is its style.
        ("<h5><b>Deep</b></h5><h2>Top</h2>", "<h4>Deep</h4><h3>Top</h3>"),
        # Word without its style sheet: the marker tells numbered from bulleted, and a new run is a new list.
        ("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>"
         "a)<span> </span></span><![endif]>First</p><p class=MsoNormal>Between</p>"
         "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>"
         "-<span> </span></span><![endif]>Dash</p>",
         "<ol><li><p>First</p></li></ol><p>Between</p><ul><li><p>Dash</p></li></ul>"),
        # Word's numbered heading keeps its heading and loses the number.
        ("<h1 style='mso-list:l2 level1 lfo3'><![if !supportLists]><span style='mso-list:Ignore'>1.</span><![endif]>"
         "Scope</h1>", "<h3>Scope</h3>"),
        # Line breaks inside a paragraph stay; one between blocks is no paragraph of its own.
        ("<p>One<br>two</p><br><p>Three</p>", "<p>One<br>two</p><p>Three</p>"),
    ],
)
def test_the_cleaner_on_its_own(cleaner, pasted, cleaned):
    assert cleaner(pasted, headingLevels=[3, 4])["html"] == cleaned


def test_the_cleaner_follows_the_schema_it_is_given(cleaner):
    without_headings_or_lists = cleaner("<h2>Title</h2><ul><li>One</li></ul>", headingLevels=[], nodes=["hardBreak"])
    assert without_headings_or_lists["html"] == "<p>Title</p><p>One</p>"
    assert cleaner("<p><u>under</u> <s>struck</s></p>", marks=["bold"])["html"] == "<p>under struck</p>"


def test_the_notice_counts_what_was_left_out(cleaner):
    assert cleaner('<p>a<img src="x.png"></p>')["notice"] == (
        "1 image was not pasted: add pictures as image blocks."
    )
    assert cleaner("<table><tr><td>a</td></tr></table><table></table>")["notice"] == (
        "2 tables were not pasted: add tables as participant tables."
    )
    assert cleaner("<p>nothing left out</p>")["notice"] == ""
