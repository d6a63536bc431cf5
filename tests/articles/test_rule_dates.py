"""Dates and weekdays in the body that contradict the dateline for the same event."""

from datetime import date

import pytest

from articles.quality import Document, Part, check_document

# A Wednesday.
FILED = date(2025, 4, 16)


def body(*paragraphs: str, **fields) -> Document:
    fields.setdefault("headline", "Regional council adopts water plan")
    fields.setdefault("dateline_date", FILED)
    return Document(parts=[Part("body", text) for text in paragraphs], **fields)


def flagged(doc: Document) -> list[str]:
    return [f.text for f in check_document(doc) if f.rule == "date-mismatch"]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("The council voted on Friday to adopt the plan.", "Friday"),
        ("At the hearing on Monday, the inspector backed the scheme.", "Monday"),
        ("The meeting, held on Sunday afternoon, ran late.", "Sunday"),
        ("Councillors met on April 14 to settle the final text.", "April 14"),
        ("The vote was held on April 18, 2025 after a long debate.", "April 18, 2025"),
    ],
)
def test_another_day_for_the_reported_event_is_flagged(text, excerpt):
    doc = body("The regional council adopted its water plan on Wednesday.", text)
    assert flagged(doc) == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        # The dateline's day, or the day before for copy filed the next morning.
        "The council voted on Wednesday after a long debate.",
        "The meeting was held on Tuesday evening.",
        # Other events: before, after, recurring, or announced.
        "A consultation that began on Friday runs until May.",
        "The previous meeting, held on Monday, was adjourned.",
        "The next session will be held on Friday.",
        "Committees meet on Mondays and Thursdays.",
        "Reservoir levels fell on Saturday, the agency said.",
        "The plan, first proposed on April 11, was amended twice.",
        "Officials met in Bern on March 3, 2024 to start the talks.",
    ],
)
def test_other_events_and_the_filing_days_pass(text):
    doc = body("The regional council adopted its water plan on Wednesday.", text)
    assert flagged(doc) == []


def test_nothing_is_read_without_a_dated_dateline_or_an_event_on_its_day():
    assert flagged(body("The council voted today.", "It met on Friday to vote.", dateline_date=None)) == []
    assert flagged(body("The council adopted a plan.", "It met on Friday to vote.")) == []


def test_a_dateline_without_a_year_is_compared_in_the_body_dates_own_year():
    doc = body("The council met today to adopt the plan.", "The meeting was held on June 11.", dateline_date=None)
    doc.dateline_month_day = (6, 9)
    assert flagged(doc) == ["June 11"]
    doc.dateline_month_day = (6, 11)
    assert flagged(doc) == []


def test_a_weekday_next_to_a_full_date_is_judged_by_the_date():
    doc = body("The council met today.", "The meeting was held on Wednesday, April 16, 2025, at noon.")
    assert flagged(doc) == []


def test_the_day_of_a_statement_does_not_set_the_reported_event_on_it():
    doc = body("Officials said on Wednesday that the committee, which met on Monday, had backed the plan.")
    assert flagged(doc) == []
    doc = body("The committee voted on Wednesday.", "The vote was held on Monday after a short debate.")
    assert flagged(doc) == ["Monday"]


def _story(opening: str):
    from articles.quality import document_from_text

    return document_from_text(f"Council approves budget\n\n{opening}")


@pytest.mark.parametrize(
    ("opening", "flagged_text"),
    [
        ("KESWICK – June 3, 2026 – Rangers said on Monday, June 3, that the path would reopen.", "Monday, June 3"),
        ("KESWICK – June 3, 2026 – The fair opens on Thursday 5 June, organisers said.", "Thursday 5 June"),
    ],
)
def test_a_weekday_beside_a_date_must_be_that_date_s_weekday(opening, flagged_text):
    from articles.quality import check_document

    texts = [f.text for f in check_document(_story(opening)) if f.rule == "date-mismatch"]
    assert texts == [flagged_text]


@pytest.mark.parametrize(
    "opening",
    [
        "KESWICK – June 3, 2026 – Rangers said on Wednesday, June 3, that the path would reopen.",
        "KESWICK – Dec. 30, 2026 – The fair opens on Saturday, Jan. 2, organisers said.",
    ],
)
def test_a_weekday_that_matches_its_date_passes_across_the_new_year(opening):
    from articles.quality import check_document

    assert [f for f in check_document(_story(opening)) if f.rule == "date-mismatch"] == []


def test_a_past_event_dated_after_the_dateline_is_flagged_and_a_later_plan_passes():
    from articles.quality import check_document

    past = _story("DERBY – Sept. 10, 2026 – A builder who cheated customers was fined at Derby Crown Court on Sept. 16.")
    plan = _story("DERBY – Sept. 10, 2026 – He was charged in May, and his trial starts on Sept. 16.")
    limit = _story("DERBY – Sept. 10, 2026 – Tenants were told to leave by Sept. 16.")
    assert [f.text for f in check_document(past) if f.rule == "date-mismatch"] == ["Sept. 16"]
    assert [f for f in check_document(plan) + check_document(limit) if f.rule == "date-mismatch"] == []
