"""The shortcode rule: WordPress-style tags the site does not render, and brackets that are no such tag."""

import pytest

from articles.quality import Document, Part, check_document
from articles.quality.rules import shortcode


def found(*paragraphs: str) -> list[tuple[str, str]]:
    doc = Document(headline="Museum reopens after refit", parts=[Part("body", text) for text in paragraphs])
    return [(f.severity, f.text) for f in check_document(doc) if f.rule == "shortcode"]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("The museum reopened on Monday. [ad_3]", "[ad_3]"),
        ("[gallery ids=\"41,42,57\"] Visitors queued from dawn.", "[gallery ids=\"41,42,57\"]"),
        ("[gallery ids='41,42'] Visitors queued.", "[gallery ids='41,42']"),
        ("Visitors queued. [chart id=”museum-visits-2024″]", "[chart id=”museum-visits-2024″]"),
        ("Visitors queued. [map zoom=12 lat=51.5]", "[map zoom=12 lat=51.5]"),
        ("Sign up below. [contact-form-7 id=\"880\" title=\"Newsletter\"]",
         "[contact-form-7 id=\"880\" title=\"Newsletter\"]"),
        ("[caption id=\"attachment_12\" width=\"800\"]The new atrium.[/caption] The museum reopened.",
         "[caption id=\"attachment_12\" width=\"800\"]The new atrium.[/caption]"),
        ("Watch the tour: [embed]https://video.example.org/tour[/embed]",
         "[embed]https://video.example.org/tour[/embed]"),
        ("The new atrium, lit from above.[/caption]", "[/caption]"),
        ("Visitors queued. [vc_row]", "[vc_row]"),
    ],
)
def test_shortcodes_are_errors(text, tag):
    assert found(text) == [("error", tag)]


@pytest.mark.parametrize(
    "text",
    [
        "“The roof [sic] was leaking for years,” the curator said.",
        "“We cried [laughs], then we reopened,” she said.",
        "Visitor numbers doubled [1].",
        "The curator told [Reuters] the refit was late.",
        "“We asked [the mayor] to open it,” he said.",
        "The guide is [online](https://example.org/guide).",
        "[Update: the café opens next week.]",
        "Children can tick [x] on the quiz sheet.",
        "The exhibit is in room [b2] on the map.",
        "“It was a [long-term] loan,” the director said.",
        "The web team removed the `[gallery]` tag from old pages.",
    ],
)
def test_brackets_that_are_no_shortcode_pass(text):
    assert found(text) == []


def test_shortcodes_the_site_renders_can_be_allowed():
    text = 'Highlights: [gallery ids="3,4"] and [ad_1]'
    assert [text[a:b] for a, b in shortcode.shortcode_spans(text, allowed=frozenset({"gallery"}))] == ["[ad_1]"]
    assert shortcode.ALLOWED_SHORTCODES == frozenset()  # our site renders none


def test_a_shortcode_is_not_also_reported_as_a_placeholder():
    doc = Document(headline="Museum reopens", parts=[Part("body", "The atrium.[/caption] [video] It reopened.")])
    assert sorted(f.rule for f in check_document(doc) if f.severity == "error") == ["shortcode", "shortcode"]


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("The museum reopened on Monday. [related]", "[related]"),
        ("The museum reopened on Monday. [newsletter-signup]", "[newsletter-signup]"),
        ("The museum reopened on Monday. [promo_box title=\"Tickets\"]", "[promo_box title=\"Tickets\"]"),
    ],
)
def test_tags_named_with_a_cms_word_are_shortcodes(text, tag):
    assert tag in [flagged for _, flagged in found(text)]


def test_an_editors_hyphenated_insertion_is_not_a_shortcode():
    assert found("“The [long-term] plan is working,” the curator said.") == []
