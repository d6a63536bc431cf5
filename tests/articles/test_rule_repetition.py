"""A paragraph repeated word for word or in other words."""

import pytest

from articles.quality import Document, Part, check_document
from articles.quality.rules.repetition import REPHRASED_SIMILARITY, content_words, similarity


def body(*paragraphs: str, **flags) -> Document:
    return Document(headline="Library extends its hours", parts=[Part("body", text, **flags) for text in paragraphs])


def flagged(doc: Document) -> list[str]:
    return [f.text for f in check_document(doc) if f.rule == "repeated-paragraph"]


FIRST = "The central library will stay open until nine on weekdays from next month, the council said."
FILLER = "Staff numbers will not change, and volunteers will help at the front desk in the evenings."


@pytest.mark.parametrize(
    "again",
    [
        FIRST,
        FIRST.upper(),
        "From next month the central library will stay open on weekdays until nine, according to the council.",
        "The council said the central library would remain open until nine on weekdays starting next month.",
    ],
    ids=["verbatim", "case and punctuation", "reordered", "reworded"],
)
def test_a_paragraph_said_twice_is_flagged(again):
    found = flagged(body(FIRST, FILLER, again))
    assert len(found) == 1 and found[0].split()[0].casefold() in {"the", "from"}


@pytest.mark.parametrize(
    "paragraphs",
    [
        (FIRST, FILLER, "The branch library in the harbour district will also open later, from the spring."),
        (
            "The library opens until nine on Mondays from next month, the council said.",
            "The library opens until eight on Fridays from next month, the council said.",
        ),
        ("Read more.", "Read more."),
    ],
    ids=["different paragraphs", "parallel facts", "short lines"],
)
def test_distinct_paragraphs_parallel_facts_and_short_lines_pass(paragraphs):
    assert flagged(body(*paragraphs)) == []


def test_list_items_and_asides_are_not_compared():
    assert flagged(body(FIRST, FIRST, list_item=True)) == []
    doc = Document(headline="Library", parts=[Part("body", FIRST), Part("callout", FIRST, aside=True)])
    assert flagged(doc) == []


def test_the_threshold_lies_between_rewording_and_different_paragraphs():
    reworded = "From next month the central library will stay open on weekdays until nine, according to the council."
    assert similarity(content_words(FIRST), content_words(reworded)) >= REPHRASED_SIMILARITY
    assert similarity(content_words(FIRST), content_words(FILLER)) < REPHRASED_SIMILARITY
