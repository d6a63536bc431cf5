"""The gate's structural checks: empty tables and FAQ entries, byline and dateline, notes left for colleagues."""

from datetime import date

import pytest

from articles import services
from articles.quality import Document, Finding, Part, Table, check_document
from tests.factories import ArticleFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory


def stored(**fields) -> Document:
    """A complete stored story: byline, dateline, a clean paragraph; fields override any of it."""
    values = dict(
        headline="Harbour ferry returns after winter repairs",
        stored=True,
        bylines=["Lena Ortiz"],
        dateline_place="Bergen, Norway",
        dateline_date=date(2026, 4, 2),
        parts=[Part("section 1", "The ferry carried its first passengers of the season on Thursday.")],
    )
    return Document(**{**values, **fields})


def found(doc: Document, rule: str) -> list[Finding]:
    return [f for f in check_document(doc) if f.rule == rule]


def test_a_complete_story_passes_the_structural_checks():
    assert check_document(stored()) == []


# Empty tables and FAQ entries


def test_a_participant_table_without_rows_is_an_error():
    doc = stored(tables=[Table("Crew on board", 0)])
    [finding] = found(doc, "empty-block")
    assert (finding.severity, finding.label, finding.text) == ("error", "participant table 1", "Crew on board")
    assert "no rows" in finding.message


def test_a_table_with_rows_is_not_empty():
    doc = stored(tables=[Table("Crew on board", 2)],
                 participants=[("Lena Ortiz", "Norway", "Captain"), ("Ivar Dahl", "Norway", "Engineer")])
    assert found(doc, "empty-block") == []


def test_an_faq_entry_with_neither_question_nor_answer_is_an_error():
    doc = stored(faq=[("When does the ferry run?", "Every hour."), ("  ", "")])
    [finding] = found(doc, "empty-block")
    assert (finding.severity, finding.label) == ("error", "FAQ 2 question")


# Byline and dateline


def test_a_stored_story_without_a_byline_gets_a_warning():
    [finding] = found(stored(bylines=[]), "no-byline")
    assert (finding.severity, finding.label) == ("warning", "byline")


@pytest.mark.parametrize(
    ("place", "when", "missing"),
    [("", None, "place and date"), ("", date(2026, 4, 2), "place"), ("Bergen, Norway", None, "date")],
)
def test_a_stored_story_without_a_full_dateline_gets_a_warning(place, when, missing):
    [finding] = found(stored(dateline_place=place, dateline_date=when), "no-dateline")
    assert (finding.severity, finding.label) == ("warning", "dateline")
    assert missing in finding.message


def test_a_pasted_text_is_not_asked_for_a_byline_or_a_dateline():
    """A scraped page or a draft file carries no byline field: its absence says nothing about the story."""
    doc = stored(stored=False, bylines=[], dateline_place="", dateline_date=None)
    assert found(doc, "no-byline") == found(doc, "no-dateline") == []


# Notes for colleagues left in public fields


@pytest.mark.parametrize(
    ("field", "text", "note"),
    [
        ("summary", "Ferry back in service. TODO add passenger numbers", "TODO add passenger numbers"),
        ("summary", "Ferry back in service (fixme: wrong pier?)", "fixme: wrong pier?"),
        ("subheadline", "NOTE TO EDITOR: hold until the mayor confirms", "NOTE TO EDITOR"),
        ("subheadline", "Repairs cost more than planned [ed: verify the figure]", "[ed: verify the figure]"),
        ("summary", "Repairs took four months. Check with desk before running.", "Check with desk"),
        ("summary", "Internal: the council has not published the invoice yet.", "Internal:"),
        ("image_caption", "The ferry at the pier. Note to subs: crop the crane", "Note to subs"),
        ("image_alt", "A ferry at a pier <<replace with final photo>>", "<<replace with final photo>>"),
        ("summary", "Ferry back in service. Please confirm with the news desk.", "confirm with the news desk"),
        ("subheadline", "Service resumes on Friday — DO NOT PUBLISH before 6am", "DO NOT PUBLISH"),
    ],
)
def test_a_note_for_colleagues_in_a_public_field_is_an_error(field, text, note):
    extra = {"has_image": True, "image_alt": "A ferry at a pier."} if field.startswith("image") else {}
    doc = stored(**{**extra, field: text})
    [finding] = found(doc, "internal-note")
    assert finding.severity == "error"
    assert note.casefold() in finding.text.casefold()


@pytest.mark.parametrize(
    "text",
    [
        "Editor's note: this story was updated to correct the ferry's name.",
        "The harbour master said crews would check with the coastguard each morning.",
        "A to-do list for the new season includes longer evening sailings.",
        "Notes from the first crossing: calm seas and a full car deck.",
        "The council's internal review found no fault with the repairs.",
        "Passengers were told to check the timetable before setting out.",
        "Super Bowl XXX is remembered in the town for a ferry-side party.",
    ],
)
def test_ordinary_public_wording_is_no_internal_note(text):
    assert found(stored(summary=text, subheadline=text), "internal-note") == []


def test_a_note_already_reported_as_a_placeholder_is_reported_once():
    findings = check_document(stored(summary="Ferry back in service [TODO]."))
    assert [(f.rule, f.text) for f in findings] == [("placeholder", "[TODO]")]


def test_body_notes_stay_with_the_placeholder_rule():
    """The body has its own placeholder rule; press releases quoted in it may say “note to editors”."""
    doc = stored(parts=[Part("section 1", "The statement ended: “Note to editors: photos are available.”")])
    assert found(doc, "internal-note") == []


# The same checks on stored articles, through the service that the admin and the workflow use


@pytest.mark.django_db
def test_stored_article_with_an_empty_table_and_no_dateline_is_found():
    article = ArticleFactory(dateline_place="", dateline_date=None)
    table = ParticipantTableFactory(article=article, title="Crew on board")
    result = {(f.severity, f.rule, f.label) for f in services.article_check(article=article)}
    assert result == {("error", "empty-block", "participant table 1"), ("warning", "no-dateline", "dateline")}
    ParticipantFactory(table=table, name="Lena Ortiz")
    assert {f.rule for f in services.article_check(article=article)} == {"no-dateline"}


@pytest.mark.django_db
def test_stored_article_without_byline_and_with_a_note_in_the_caption_is_found():
    article = ArticleFactory(authors=[], dateline_place="Bergen, Norway", dateline_date=date(2026, 4, 2),
                             lead_image_caption="The new gangway. TODO: credit the harbour authority")
    FaqEntryFactory(article=article, question="When does it run?", answer="Every hour.")
    result = {(f.severity, f.rule, f.label) for f in services.article_check(article=article)}
    assert result == {("warning", "no-byline", "byline"), ("error", "internal-note", "lead image caption")}
