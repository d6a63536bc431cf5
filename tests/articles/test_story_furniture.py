"""Reading a scraped page: the site's furniture is left out and never ends the story; datelines in every form."""

from datetime import date

import pytest

from articles.quality import check_document, dateline_alone, document_from_text, parse_dateline

STORY = [
    "Harbour authorities closed the northern pier on Monday after storms cracked two of its supporting columns.",
    "Engineers will inspect the remaining columns this week before deciding whether the pier can reopen.",
    "Fishing crews that use the pier have been told to moor at the southern basin until further notice.",
]


def page(*blocks: str, headline: str = "Storm damage shuts the northern pier") -> str:
    return headline + "\n\n" + "\n\n".join(blocks) + "\n"


def body_texts(text: str) -> list[str]:
    return [part.text for part in document_from_text(text).parts]


# Furniture around and inside the story


@pytest.mark.parametrize(
    "furniture",
    [
        [
            "Sponsored",
            "Storm damage shuts the northern pier",
            "By Maria Lindqvist",
            "March 3 2024, 9.12am (updated 10.05am)",
        ],
        ["Brand logo", "Logo", "04 Mar 2024 07:45PM (Updated: 08:02PM)", "By Coastal News Agency"],
        ["2 March 2024", "Harbour Gazette (Bristol)"],
        ["Waves break over the pier wall on Sunday evening (Photo: Jon Ek/Harbour Gazette)"],
        ["Cracked columns under the pier, seen at low tide HARBOURPIX/Ann Sole"],
        ["Text size: A A A"],
    ],
    ids=["dek-like labels", "logo and stamp", "date and outlet", "photo credit", "agency credit", "text size"],
)
def test_furniture_before_the_story_is_not_its_body_or_headline(furniture):
    doc = document_from_text(page(*furniture, *STORY))
    assert doc.headline == "Storm damage shuts the northern pier"
    assert [p.text for p in doc.parts] == STORY
    assert doc.subheadline == ""


def test_furniture_above_the_headline_is_not_the_headline():
    doc = document_from_text(
        "Advertisement\n\nHome | Local | Weather | Opinion\n\nNews Sport Travel\n\n" + page(*STORY)
    )
    assert (doc.headline, [p.text for p in doc.parts]) == ("Storm damage shuts the northern pier", STORY)


@pytest.mark.parametrize(
    "inside",
    [
        "Also Read | Ferry timetable changes for the spring: what passengers should know",
        "You will need to change your cookie settings to see this content.",
        "Sorry, this feature is not available on your device.",
        "This article was published 3 years ago",
        "Share this story",
        "Advertisement",
        "Read more: Storms batter the coast for a third day",
    ],
)
def test_furniture_inside_the_story_is_dropped_and_the_story_goes_on(inside):
    text = page(STORY[0], inside, STORY[1], STORY[2])
    assert body_texts(text) == STORY


def test_a_share_line_mid_page_does_not_end_the_story_so_its_end_is_still_checked():
    text = page(STORY[0], "Share this story", STORY[1], "Fishing crews have been told to moor at the")
    findings = check_document(document_from_text(text))
    assert [(f.severity, f.rule) for f in findings] == [("error", "truncated-ending")]


@pytest.mark.parametrize(
    "tail",
    [
        [
            "Harbour Gazette",
            "Read the original story on Harbour Gazette.",
            "Tagged:",
            "Copyright © 2024 Harbour Gazette.",
        ],
        ["Join the Conversation", "To comment, read our community guidelines first", "Comments"],
        ["Reader Comments", "Guidelines: Keep it polite and on topic. Personal attacks will be removed."],
        ["Related stories", "Coastal Path Reopens After Landslide", "Council Backs New Sea Wall Plan", "Home", "Sport"],
        ["Ferry delays: operators warn of a slow week ahead", "Leave a comment"],
        ["Enditem"],
        ["Source: Coastal News Agency"],
        ["K.Lund--HG"],
        ["ab/cd"],
        ["The pier before the storm.", "A view of the pier from the beach last summer (Jon Ek/Harbour Gazette)"],
        ["MARINEX 12.40 +0.3%"],
    ],
    ids=[
        "source and copyright",
        "comment form",
        "comment guidelines",
        "link lists",
        "related link",
        "end item",
        "source line",
        "desk signature",
        "initials",
        "caption pair",
        "ticker",
    ],
)
def test_page_furniture_after_the_story_is_no_part_of_it(tail):
    doc = document_from_text(page(*STORY, *tail))
    assert [p.text for p in doc.parts] == STORY
    assert [f for f in check_document(doc) if f.severity == "error"] == []


def test_real_paragraphs_after_a_furniture_line_are_still_the_story():
    late = "The harbour master said repairs could take until the end of the summer season, at a cost of millions."
    assert body_texts(page(*STORY, "Read more", late)) == [*STORY, late]


def test_a_cut_sentence_before_the_furniture_is_still_the_end_of_the_story():
    cut = "Fishing crews have been told they may moor at the southern basin, and"
    doc = document_from_text(page(STORY[0], cut, "Related Stories", "Sea Wall Plan Backed"))
    assert [p.text for p in doc.parts] == [STORY[0], cut]


def test_captions_look_alikes_in_the_story_are_kept():
    kept = [
        "Photographs taken by the coastguard show two columns split from top to bottom.",
        "The agency's photo desk said the pictures were taken on Sunday (before the second storm).",
        "Tagged boats must leave the basin by Friday, the harbour master said.",
        "By the end of the week, inspectors will have looked at every column.",
    ]
    assert body_texts(page(*kept)) == kept


def test_a_sentence_broken_across_lines_is_joined_but_lines_of_a_page_stay_paragraphs():
    text = (
        "Pier shut\n\nThe harbour will stay shut until engineers\nhave checked every column.\nCrews moor elsewhere.\n"
    )
    assert body_texts(text) == [
        "The harbour will stay shut until engineers have checked every column.",
        "Crews moor elsewhere.",
    ]


def test_a_placeholder_is_never_taken_for_furniture():
    assert body_texts(page(*STORY, "[Add harbour master quote]")) == [*STORY, "[Add harbour master quote]"]


# Datelines


@pytest.mark.parametrize(
    ("line", "place", "agency", "month_day"),
    [
        ("SKAGEN, Denmark (AP) -", "SKAGEN, Denmark", "AP", None),
        ("OSLO Mar 4", "OSLO", "", (3, 4)),
        ("RIGA, Mar 4 ―", "RIGA", "", (3, 4)),
        ("TALLINN :", "TALLINN", "", None),
        ("Pune, Mar 4 (PTI)", "Pune", "PTI", (3, 4)),
        ("HANOI, Mar. 4 (Xinhua) --", "HANOI", "Xinhua", (3, 4)),
        ("Nelson:", "Nelson", "", None),
        ("Kisumu -", "Kisumu", "", None),
        ("Arusha.", "Arusha", "", None),
        ("PORTLAND, Maine --", "PORTLAND, Maine", "", None),
        ("IPOH, Mar 4 (Bernama) —", "IPOH", "Bernama", (3, 4)),
    ],
)
def test_a_dateline_on_its_own_line_is_read(line, place, agency, month_day):
    found = dateline_alone(line)
    assert (found.place, found.agency, found.month_day, found.date) == (place, agency, month_day, None)
    doc = document_from_text(page(line, *STORY))
    assert (doc.dateline_place, doc.dateline_month_day, doc.subheadline) == (place, month_day, "")
    assert [p.text for p in doc.parts] == STORY


@pytest.mark.parametrize(
    "line",
    ["Work under way", "Analysis:", "Updated.", "The pier is shut.", "Storm damage", "What happens next?"],
)
def test_a_subhead_is_not_a_dateline(line):
    assert dateline_alone(line) is None


@pytest.mark.parametrize(
    ("line", "place", "rest"),
    [
        (
            "SKAGEN, Denmark (AP) - Harbour crews worked overnight.",
            "SKAGEN, Denmark",
            "Harbour crews worked overnight.",
        ),
        ("Pune, Mar 4 (PTI) Harbour crews worked overnight.", "Pune", "Harbour crews worked overnight."),
        ("TALLINN : Harbour crews worked overnight.", "TALLINN", "Harbour crews worked overnight."),
        ("KISUMU - Harbour crews worked overnight.", "KISUMU", "Harbour crews worked overnight."),
    ],
)
def test_a_dateline_running_into_the_first_paragraph_is_read(line, place, rest):
    found = parse_dateline(line)
    assert (found.place, found.rest) == (place, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Oslo:Harbour crews worked overnight.",
        "Anne-Marie Berg, the harbour master, said so.",
        "Norway - Denmark talks resumed on Monday.",
        "Harbour crews - tired and cold - kept working.",
        "Berg said: Harbour crews kept working.",
    ],
)
def test_an_ordinary_sentence_is_not_a_dateline(line):
    assert parse_dateline(line) is None


def test_a_yearless_dateline_takes_the_year_from_the_page_stamp_and_keeps_its_month_and_day():
    doc = document_from_text(page("04 Mar 2024 07:45PM", "OSLO, Mar 4 (Reuters) - " + STORY[0], *STORY[1:]))
    assert (doc.dateline_place, doc.dateline_date, doc.dateline_month_day) == ("OSLO", date(2024, 3, 4), (3, 4))
    assert parse_dateline("OSLO, Mar 4 (Reuters) - Text.", year=2023).date == date(2023, 3, 4)


def test_a_yearless_dateline_without_a_year_nearby_has_no_date():
    doc = document_from_text(page("OSLO Mar 4", *STORY, "The pier was built in 1931."))
    assert (doc.dateline_date, doc.dateline_month_day) == (None, (3, 4))


def test_a_short_last_paragraph_before_a_trailing_caption_is_kept():
    last = "The pier was last repaired in 1998, the council said."
    closing = "Nobody was hurt."
    doc = document_from_text(page(*STORY, last, closing, "Gulls on the broken rail (Jon Ek/Harbour Gazette)"))
    assert [p.text for p in doc.parts] == [*STORY, last, closing]


def test_a_list_of_the_story_own_after_mid_page_furniture_is_kept():
    entries = ["Best boat: The Heron, from Skagen (1931, oak)", "Runner-up: Sea Lark, from Riga (1950, pine)"]
    doc = document_from_text(page(*STORY, "Winners", "Story continues below advertisement", *entries))
    assert [p.text for p in doc.parts] == [*STORY, "Winners", *entries]
    assert [f for f in check_document(doc) if f.severity == "error"] == []


def test_a_shortcode_under_the_headline_stays_in_the_body_for_its_rule():
    doc = document_from_text(page("[slideshow id=12]", *STORY))
    assert (doc.subheadline, doc.parts[0].text) == ("", "[slideshow id=12]")


def test_a_leftover_shaped_like_furniture_is_still_blocked():
    page = (
        "Harbour wall repaired after storm\n\n"
        "Advertisement\n\n"
        "PORTHAVEN, Wales (Coastwire) - Engineers finished repairs to the harbour wall on Friday, a week early.\n\n"
        "Photo: [add credit] / Coastwire\n\n"
        "The council said the wall would be inspected again in the spring.\n\n"
        "Share this story\n\n"
        "Model: gpt-4o-mini"
    )
    doc = document_from_text(page)
    assert all("Advertisement" not in part.text and "Share this" not in part.text for part in doc.parts)
    assert "Model: gpt-4o-mini" in doc.furniture
    found = {(finding.rule, finding.text) for finding in check_document(doc) if finding.severity == "error"}
    assert ("placeholder", "[add credit]") in found
    assert any(rule == "machine-text" and "gpt-4o-mini" in text for rule, text in found)


def test_the_furniture_itself_raises_nothing():
    page = (
        "Harbour wall repaired after storm\n\n"
        "By Coastwire staff\n\n"
        "PORTHAVEN, Wales (Coastwire) - Engineers finished repairs to the harbour wall on Friday, a week early.\n\n"
        "The council said the wall would be inspected again in the spring.\n\n"
        "Share this story\n\nRead more\n\nHome | News | Sport\n\n© 2026 Coastwire. All rights reserved."
    )
    doc = document_from_text(page)
    assert doc.furniture
    assert check_document(doc) == []


@pytest.mark.parametrize("marker", ["Enditem", "ENDS", "(END)", "-30-"])
def test_a_wire_end_marker_run_on_to_the_last_sentence_is_dropped(marker):
    doc = document_from_text(
        "Probe lands on the far side\n\nXIAN, Jan. 20 (Wire) -- A probe landed on the far side of the moon.\n\n"
        f"Scientists will study the samples, the agency said. {marker}"
    )
    assert doc.parts[-1].text == "Scientists will study the samples, the agency said."
    assert check_document(doc) == []


def test_an_end_word_inside_a_sentence_stays():
    doc = document_from_text("Strike talks\n\nThe strike ends.\n\nUnions say the dispute never ENDS")
    assert doc.parts[-1].text == "Unions say the dispute never ENDS"
