"""Truncation: a body that stops before its end, and paragraphs cut or split inside it."""

import pytest

from articles.quality import Document, Part, check_document, document_from_text
from articles.quality.story import open_quotation

OPENING = "The regional rail operator will add four evening trains to the coastal line from next month."


def found(text: str, rule: str) -> list[tuple[str, str]]:
    doc = document_from_text(f"Evening trains added\n\n{OPENING}\n\n{text}\n")
    return [(f.severity, f.text) for f in check_document(doc) if f.rule == rule]


def rules_of(text: str) -> set[str]:
    doc = document_from_text(f"Evening trains added\n\n{OPENING}\n\n{text}\n")
    return {f.rule for f in check_document(doc)}


# The body's end


@pytest.mark.parametrize(
    ("ending", "excerpt"),
    [
        (
            "Passengers will also be able to buy tickets on board, though the operator has not said whether",
            "not said whether",
        ),
        ("Tickets go on sale at stations and through the", "and through the"),
        ("The first of the new trains leaves at 9.40pm,", "leaves at 9.40pm,"),
        ("The operator said the change was a response to “rising demand from", "“rising demand from"),
        ("Fares will be set by the transport author-", "the transport author-"),
        ("Details of the timetable will be published on the operator's website later th", "website later th"),
        (
            "The mayor welcomed the move and said: “This is what commuters asked for.",
            "“This is what commuters asked for.",
        ),
        (
            "Refunds are being offered to anyone who bought a season ticket and https://example.org/refunds-page",
            "season ticket and https://example.org/refunds-page",
        ),
    ],
    ids=[
        "conjunction",
        "article",
        "comma",
        "inside a quote",
        "hyphen",
        "cut word",
        "quote never closed",
        "conjunction before a pasted address",
    ],
)
def test_a_body_that_stops_before_its_end_is_an_error(ending, excerpt):
    assert found(ending, "truncated-ending") == [("error", excerpt)]


@pytest.mark.parametrize(
    "ending",
    [
        "The new trains start on the first Monday of the month.",
        "“We listened to our passengers,” the operator's director said.",
        "He called it ''a fair deal for the coast'' and left.",
        "This is a developing story",
        "More trains will follow in the spring. ― Coastal Wire",
        "Timetables are at www.example.org/trains.",
        "(Additional reporting by Lena Roos)",
        "Fares: unchanged\n\nFirst train: 6.10am\n\nLast train: 11.45pm (weekdays only)",
        "Evening trains\n\nThe first runs on March 2.",
    ],
    ids=[
        "full stop",
        "closed quote",
        "doubled apostrophes",
        "editor's line",
        "inline credit",
        "address in a sentence",
        "credit in brackets",
        "list of lines",
        "subheads",
    ],
)
def test_a_body_that_ends_properly_is_not_truncated(ending):
    assert found(ending, "truncated-ending") == []


def test_a_body_ending_on_a_list_item_is_truncated_only_when_clearly_cut():
    items = Document("Trains", parts=[Part("body", "New stops:"), Part("body", "Harbour Road", list_item=True)])
    cut = Document("Trains", parts=[Part("body", "New stops:"), Part("body", "Harbour Road and", list_item=True)])
    assert [f.rule for f in check_document(items)] == []
    assert [f.text for f in check_document(cut) if f.rule == "truncated-ending"] == ["Harbour Road and"]


# Inside the body


@pytest.mark.parametrize(
    ("paragraphs", "excerpt"),
    [
        (
            "The director said the trains were “only the first step in a plan that\n\nServices start on March 2.",
            "in a plan that",
        ),
        (
            "The timetable was drawn up after months of talks with the unions, and\n\nServices start on March 2.",
            "with the unions, and",
        ),
        (
            "Commuters have waited a long time for this. It was a\n\nlong campaign by residents' groups.",
            "this. It was a",
        ),
        (
            "Tickets will be cheaper for students, pensioners and the\n\nServices start on March 2.",
            "students, pensioners and the",
        ),
    ],
    ids=["quote cut off", "conjunction", "sentence split by a blank line", "article"],
)
def test_a_paragraph_cut_off_inside_the_body_is_an_error(paragraphs, excerpt):
    assert found(paragraphs, "cut-paragraph") == [("error", excerpt)]


def test_a_drop_cap_split_from_its_word_is_an_error():
    assert found("W\n\nhen the trains start, fares stay the same.", "cut-paragraph") == [("error", "W")]


@pytest.mark.parametrize(
    "paragraphs",
    [
        "The director said: “We have listened.\n\n“These trains are the result.”",
        "Three changes stand out:\n\n- later trains;\n\n- lower fares.",
        "What changes for passengers\n\nServices start on March 2.",
        "Where to buy tickets for\n\nServices start on March 2.",
        "A\n\nB\n\nServices start on March 2 in both of the options above.",
        "The operator set out its reasons,\n\n“Demand has doubled since 2019,” it said.",
    ],
    ids=[
        "quote over two paragraphs",
        "list after a colon",
        "subhead",
        "subhead ending on a preposition",
        "lettered options",
        "comma before a quotation",
    ],
)
def test_look_alikes_inside_the_body_are_not_cut(paragraphs):
    assert "cut-paragraph" not in rules_of(paragraphs)


def test_a_long_paragraph_without_a_full_stop_is_a_warning_but_a_short_line_is_not():
    long = (
        "The operator said the four extra trains would run every evening from Monday to Saturday, with a fifth on "
        "Sundays during the summer months. It would review the timetable after a year of service Thanks"
    )
    assert found(f"{long}\n\nServices start on March 2.", "unfinished-paragraph") == [("warning", "of service Thanks")]
    assert found("New timetable\n\nServices start on March 2.", "unfinished-paragraph") == []


@pytest.mark.parametrize(
    ("text", "open_at"),
    [
        ("He said “yes.", 8),
        ("He said “yes.”", None),
        ('He said "yes."', None),
        ('"Yes,” he said.', None),
        ("It's ''fine'' now.", None),
        ('He said "no', 8),
    ],
)
def test_open_quotations_are_found_whatever_marks_the_writer_mixes(text, open_at):
    assert open_quotation(text) == open_at


def test_a_paragraph_under_a_subhead_at_the_end_is_still_judged():
    assert found("What comes next\n\nThe operator will review the timetable after a year", "truncated-ending") == [
        ("error", "after a year")
    ]


def test_a_closing_list_line_may_end_on_a_preposition_or_verb():
    doc = Document("Trains", parts=[Part("body", "To book a seat:"), Part("body", "Sign in", list_item=True)])
    assert [f.rule for f in check_document(doc) if f.rule == "truncated-ending"] == []


@pytest.mark.parametrize(
    ("paragraphs", "excerpt"),
    [
        (
            "Drivers had asked for the late trains for years, citing the cost of\n\n"
            "taxis home from the coast after the last departure.\n\nThe first runs on May 4.",
            "citing the cost of",
        ),
        (
            "The operator will run the trains with carriages borrowed from\n\n"
            "a neighbouring line until new ones arrive.\n\nThe first runs on May 4.",
            "carriages borrowed from",
        ),
        (
            "Station staff will be on duty until the last train leaves every night\n\n"
            "under an agreement reached with the union.\n\nThe first runs on May 4.",
            "every night",
        ),
    ],
    ids=["preposition", "short paragraph read as a heading", "no function word"],
)
def test_a_paragraph_whose_sentence_goes_on_below_in_lower_case_is_cut(paragraphs, excerpt):
    [(severity, flagged)] = found(paragraphs, "cut-paragraph")
    assert severity == "error" and flagged.endswith(excerpt)


@pytest.mark.parametrize(
    "paragraphs",
    [
        "Why?\n\nbecause, the operator said, demand has doubled since the spring.\n\nThe first runs on May 4.",
        "Timetable changes\n\nThe first train leaves at 6.10pm.\n\nThe first runs on May 4.",
        "Sign up for alerts\n\niPhone users can download the app now.\n\nThe first runs on May 4.",
    ],
    ids=["one-word paragraph", "subhead then sentence", "brand in lower case"],
)
def test_lower_case_look_alikes_are_not_cut(paragraphs):
    assert found(paragraphs, "cut-paragraph") == []


def test_a_story_may_end_on_a_contact_address():
    assert found("Questions about the timetable? Email timetables@rail.example.org", "truncated-ending") == []
    assert found("The operator said it would run more trains if demand grew, and example.org/rail", "truncated-ending")


@pytest.mark.parametrize(
    "ending",
    [
        "The first train leaves at 6.10pm.\n\nRead the operator's full timetable here",
        "The first train leaves at 6.10pm.\n\nMina Osei is our transport correspondent",
    ],
    ids=["call to action", "author's note"],
)
def test_a_closing_call_to_action_or_author_note_is_not_truncated(ending):
    assert found(ending, "truncated-ending") == []


@pytest.mark.parametrize(
    "ending",
    [
        "The first train was welcomed by the mayor, the operator's chief executive and Mr.",
        "The first train leaves at 6.10pm.\n\nRead the operator's full timetable in",
    ],
    ids=["title cut from its name", "call to action cut"],
)
def test_endings_cut_after_a_title_or_inside_a_call_to_action_are_errors(ending):
    [(severity, _)] = found(ending, "truncated-ending")
    assert severity == "error"


def test_a_models_metadata_after_the_story_is_not_read_as_its_cut_off_end():
    from articles.quality import check_document, document_from_text

    doc = document_from_text(
        "Factory adds jobs\n\nThe factory will add 200 jobs, the company said.\n\n"
        "Generated by gpt-4o-mini · temperature 0.7 · prompt v2 \"regional news\""
    )
    assert [f.rule for f in check_document(doc)] == ["machine-text"]


def test_a_paragraph_that_stops_on_a_preposition_inside_the_body_is_cut():
    from articles.quality import check_document, document_from_text

    doc = document_from_text(
        "Rents frozen\n\nThe city froze rents on Monday.\n\nThe opposition called the freeze welcome but late, and "
        "officials said the repairs would be paid for out of\n\n"
        "Tenant groups welcomed the freeze."
    )
    assert [(f.rule, f.text) for f in check_document(doc)] == [("cut-paragraph", "paid for out of")]


def test_a_paragraph_stopping_on_would_is_cut_and_one_ending_on_a_slot_is_left_to_the_placeholder_rule():
    from articles.quality import check_document, document_from_text

    cut = document_from_text(
        "Storm weakens\n\nThe storm hit on Monday.\n\nThe agency said aid had been sent, and that the government would\n\n"
        "The storm is expected to weaken by Friday."
    )
    assert [(f.rule, f.text) for f in check_document(cut)] == [("cut-paragraph", "that the government would")]
    slot = document_from_text(
        "Camps to close\n\nThe camps will close next year, officials said on Monday after months of talks with the "
        "families who still live in them <<QUOTE FROM MINISTER>>\n\nThe families were told on Monday."
    )
    assert [f.rule for f in check_document(slot)] == ["placeholder"]


def test_a_paragraph_stopping_on_a_verb_like_be_before_a_subheading_is_cut():
    from articles.quality import check_document, document_from_text

    doc = document_from_text(
        "# Dam plan approved\n\nThe dam plan was approved on Monday.\n\n"
        "Campaigners warned that the effect on the wetlands downstream of the new wall would be\n\n"
        "## Financing\n\nBanks will lend most of the money."
    )
    found = check_document(doc)
    assert [f.rule for f in found] == ["cut-paragraph"]
    assert found[0].text.endswith("would be")
