"""The page importer reads datelines with the gate's parser: one parser for every form newsrooms use."""

from datetime import date

import pytest

from articles.importers import parse_page


@pytest.mark.parametrize(
    ("opening", "place", "when", "first_words"),
    [
        ("Porthaven, Wales – March 3, 2026 – The ferry returned.", "Porthaven, Wales", date(2026, 3, 3), "The ferry"),
        ("KESWICK, England (Newswire) — Walkers were rescued.", "KESWICK, England", None, "Walkers were"),
        ("OSLO, Feb. 9 (Nordpress) -- Fares rose again.", "OSLO", None, "Fares rose"),
        ("Harrogate: The market reopens on Friday.", "Harrogate", None, "The market"),
    ],
)
def test_a_dateline_opening_the_first_paragraph_is_read_in_every_common_form(opening, place, when, first_words):
    page = parse_page(f"Ferry returns\n\n{opening}\n\nA second paragraph follows.", subheadline=False)
    assert (page.dateline_place, page.dateline_date) == (place, when)
    assert page.blocks[0].items[0][1].startswith(first_words)


def test_a_dateline_on_its_own_line_is_read_and_not_kept_as_text():
    page = parse_page("Ferry returns\n\nTROMSO, Jan 12 (Nordpress) -\n\nThe ferry came back to port.", subheadline=False)
    assert page.dateline_place == "TROMSO"
    assert page.blocks[0].items == [("p", "The ferry came back to port.")]


def test_a_sentence_with_a_dash_is_not_a_dateline():
    page = parse_page("Ferry returns\n\nThe crew – tired but happy – came ashore.", subheadline=False)
    assert page.dateline_place == ""
    assert page.blocks[0].items == [("p", "The crew – tired but happy – came ashore.")]


def test_only_the_first_paragraph_can_carry_the_dateline():
    page = parse_page("Ferry returns\n\nThe ferry came back.\n\nLONDON — Officials said more.", subheadline=False)
    assert page.dateline_place == ""
