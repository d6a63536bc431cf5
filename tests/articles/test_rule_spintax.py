"""The spintax rule: alternatives a rewriting tool left unresolved, and slashes and pipes that are plain English."""

import pytest

from articles.quality import Document, Part, check_document


def found(*paragraphs: str, headings: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    parts = [Part("section 1 heading", text, "heading") for text in headings]
    parts += [Part("body", text) for text in paragraphs]
    doc = Document(headline="Ferry timetable changes", parts=parts)
    return [(f.severity, f.text) for f in check_document(doc) if f.rule == "spintax"]


@pytest.mark.parametrize(
    ("text", "spun"),
    [
        ("The ferry {leaves|departs|sails} at dawn.", "{leaves|departs|sails}"),
        ("The ferry { leaves | departs } at dawn.", "{ leaves | departs }"),
        ("Passengers were {furious|angry at the delay, the operator said.", "{furious|angry at the delay"),
        ("Passengers were {furious/upset about the delay.", "{furious/upset about the delay"),
        ("Its|Their new timetable starts in May.", "Its|Their"),
        ("The crossing takes ninety minutes on the new boat/vessel/ship.", "boat/vessel/ship"),
        ("Captains Ahmed/Jones/Patel will share the route.", "Ahmed/Jones/Patel"),
        ("The change will cut/will trim/will reduce the wait.", "cut/will trim/will reduce"),
        ("A drinking fountain/water tap/refill point will be added.", "fountain/water tap/refill point"),
        ("Crew members kept calm/the passengers safe throughout.", "calm/the passengers safe"),
        ("The vote went to the islanders/a late amendment on Friday.", "islanders/a late amendment"),
    ],
)
def test_spintax_is_an_error(text, spun):
    assert found(text) == [("error", spun)]


def test_a_heading_ending_in_a_pipe_is_spintax():
    assert found("The ferry sails at dawn.", headings=("Timetable Shake-Up Angers Islanders|",)) == [
        ("error", "Islanders|"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Passengers and/or crew may use the lounge.",
        "Each passenger must show his/her ticket, and he/she may be asked for ID.",
        "The ferry sails at 30 km/h and the office is open 24/7.",
        "The new timetable starts on 12/05/2025.",
        "AC/DC played on the car deck, and it was either/or for the band.",
        "Details are at https://example.org/ferries/timetable/may and in /docs/timetable/2025.",
        "Sailings rose by 1/2 in Q3/Q4, w/o any new boats.",
        "The input/output figures for the port were published.",
        "The boat was built in a co-production (2019, Norway/Denmark/Sweden).",
        "Crossings run Mon/Wed/Fri in winter.",
        "Tickets: adult | child | senior, as the board shows.",
        "Also Read | Island ferries to get new berths",
        "Read {{ page.title|upper }} in the app.",
        "The port's owned/operated berths are busy.",
        "Home|Ferries|Timetables|Contact",
        "Dear Mr/Mrs/Ms Jones, your sailing has moved.",
        "The council and their/its contractors will decide.",
        "The timetable app runs from .venv/bin/ferry and saves to ~/timetables/summer/2025.",
        "The operator's code sets `mode = {fast|slow}` for each boat.",
    ],
)
def test_ordinary_slashes_and_pipes_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "spun"),
    [
        ('Coffee comes from "Harbour Roasters"|Roaster Name on the quay.', '"Harbour Roasters"|Roaster Name'),
        ("Tea comes from the “Quay Cafe”|“Harbour Cafe” stall.", "“Quay Cafe”|“Harbour Cafe”"),
    ],
    ids=["quoted then title", "both quoted"],
)
def test_quoted_alternatives_joined_by_a_pipe_are_spintax(text, spun):
    assert found(text) == [("error", spun)]


@pytest.mark.parametrize(
    "text",
    [
        'Timetable | "Winter sailings" | Fares',
        'The operator said "no change" | the union disagreed.',
    ],
    ids=["spaced menu", "spaced separator"],
)
def test_spaced_pipes_beside_quotes_pass(text):
    assert found(text) == []


def test_countries_with_a_country_code_are_co_producers_not_spintax():
    assert found("The film, a UK/France/Belgium co-production, opens the festival.") == []
