"""Capitals on names: days and months, places, peoples, languages, bodies, and the article's own names."""

import pytest

from articles.quality import Document, Part, check_document, document_from_text
from articles.quality.names import names_in_text, ordinary_word


def body(*paragraphs: str, **fields) -> Document:
    fields.setdefault("headline", "Harbour works begin")
    return Document(parts=[Part("body", text) for text in paragraphs], **fields)


def flagged(doc: Document) -> list[str]:
    return [f.text for f in check_document(doc) if f.rule == "lowercase-name"]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The ferry resumes on thursday after repairs.", "thursday"),
        ("Crews will work through the weekend and into monday.", "monday"),
        ("Tenders closed in january with six bids.", "january"),
        ("The quay reopens on 3 september, the port said.", "september"),
        ("Dredging starts march 9 if the weather holds.", "march"),
        ("The last survey was in may, before the storms.", "may"),
        ("Work paused from mid-august to allow nesting.", "august"),
        ("The 12th of march deadline was missed.", "march"),
        ("Boats have waited since sept 14 for a berth.", "sept"),
    ],
)
def test_days_and_months_in_lower_case_are_flagged(text, word):
    assert flagged(body(text)) == [word]


@pytest.mark.parametrize(
    "text",
    [
        "Fishermen may march to the town hall if talks fail.",
        "The club is an august body with a long history.",
        "Voting early may be easier for shift workers.",
        "As many as 20 may lose their moorings.",
        "Children sat in the sun on the sea wall.",
        "The port's account is @harbour_may and its tag is #mondaymotivation.",
        "Details are at www.example.org/june-notice today.",
        "The board meets on Tuesday, Jan. 14, and again in March.",
        "The shop sells a danish pastry and fine china.",
        "It was the protesters' last march, and a senior mandarin watched from a persian rug.",
    ],
)
def test_verbs_adjectives_handles_and_proper_dates_pass(text):
    assert flagged(body(text)) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Engineers from japan and kenya inspected the wall.", "japan"),
        ("The contractor hired several portuguese divers.", "portuguese"),
        ("Signs are printed in english and swahili.", "swahili"),
        ("The crane was shipped from rotterdam in pieces.", "rotterdam"),
        ("A team from the world bank toured the site.", "world bank"),
        ("Divers trained by unesco catalogued the wreck.", "unesco"),
    ],
)
def test_places_peoples_languages_and_bodies_in_lower_case_are_flagged(text, word):
    assert word in flagged(body(text))


def test_a_name_the_article_capitalises_is_flagged_in_lower_case():
    doc = body(
        "Harbour master Ingrid Solberg said the work was overdue.",
        "The contractor, Vantekk, expects to finish by spring.",
        "solberg added that vantekk had kept to its budget so far.",
    )
    assert flagged(doc) == ["solberg", "vantekk"]


def test_a_full_name_in_lower_case_is_flagged_once():
    doc = body("Councillor Ingrid Solberg opened the quay.", "Residents thanked ingrid solberg for her help.")
    assert flagged(doc) == ["ingrid solberg"]


def test_a_first_name_that_is_no_everyday_word_goes_with_the_surname():
    doc = body("The quay was opened by Solberg.", "Residents thanked oddveig solberg and the crews.")
    assert flagged(doc) == ["oddveig solberg"]


def test_an_acronym_the_article_uses_is_flagged_in_lower_case():
    doc = body("The RNLI crew stood by during the works.", "An rnli spokesperson said no one was hurt.")
    assert flagged(doc) == ["rnli"]


def test_participants_and_authors_are_names():
    doc = body(
        "Mr. Okonkwo spoke first.",
        "We asked okonkwo about the delay and thanked zubeida.",
        participants=[("Emeka Okonkwo", "Port authority", "Chair")],
        bylines=["Zubeida Haroun"],
    )
    assert flagged(doc) == ["okonkwo", "zubeida"]


@pytest.mark.parametrize(
    "paragraphs",
    [
        # Everyday words capitalised in a title or a body's name are no names of their own.
        ("The Harbour Master said the Port Authority agreed.", "A harbour master is on duty; the port authority pays."),
        ("Telecom Minister Aziz opened the cable station.", "Every telecom operator will share the cable."),
        ("A complaint went to the Ombudsman last year.", "Any ombudsman would have asked the same."),
        ("Winds reached 70 MPH at the pier.", "Gusts of 50 mph are forecast."),
        # A lone word opening a sentence or a quotation may be capitalised only for that.
        ("Biochar is spread on the banks.", "The biochar comes from local mills."),
        ("“Kelpies,” she said, pointing at the statues.", "The kelpies are lit at night."),
        # Species, abbreviations, tickers and directions.
        ("Tests found E. coli near Homo sapiens remains of Au. afarensis age.", "No coli were found later."),
        (
            "Shares of Vantekk (NYSE: VTK) rose; the firm holds ISO 9001.",
            "The U.S. buyer paid at 9 a.m., e.g. in cash.",
        ),
        ("The wind came from northern England and eastern Africa.", "Sen. Ruiz (D-Calif.) agreed on Jan. 5."),
        ("Buy it on eBay or with an iPhone, said @Solberg.", "Follow #solberg and write to solberg@example.org."),
    ],
)
def test_ordinary_words_species_codes_and_addresses_pass(paragraphs):
    assert flagged(body(*paragraphs)) == []


def test_a_lower_case_name_opening_a_sentence_is_reported_once_as_a_name():
    doc = body("The pier is old. tuesday is the last day for comments.")
    assert [(f.rule, f.text) for f in check_document(doc)] == [("lowercase-name", "tuesday")]


def test_a_species_name_after_an_abbreviated_genus_is_no_sentence_start():
    story = document_from_text("Fossil gallery opens\n\nThe cast shows a skeleton of Au. afarensis, a human relative.")
    assert [f.rule for f in check_document(story)] == []


def test_names_in_text_keeps_names_and_drops_titles():
    found = names_in_text(
        ["Deputy Mayor Ingrid Solberg met Vantekk’s board and the NHS trust.", "Then Oyelaran Adebisi spoke."]
    )
    # “Ingrid” is an everyday word to the word list; a run of two rare words is a name even opening a sentence.
    assert set(found) == {"Solberg", "Vantekk", "NHS", "Oyelaran Adebisi", "Oyelaran", "Adebisi"}


@pytest.mark.parametrize(
    ("word", "ordinary"),
    [
        ("harbour", True),
        ("Centre", True),
        ("organisation", True),
        ("Telecom", True),
        ("Solberg", False),
        ("Vantekk", False),
        ("Al-Shabaab", False),
        ("Brexit", False),
    ],
)
def test_ordinary_words_are_told_from_names_in_british_spelling_too(word, ordinary):
    assert ordinary_word(word) is ordinary


def test_the_everyday_last_word_of_a_longer_name_passes_after_a_determiner():
    doc = body("Crews raced at the Dunmore Harbour Regatta on Saturday.", "It was the regatta's 90th year.")
    assert flagged(doc) == []


def test_a_word_capitalised_on_its_own_is_still_a_name_after_a_determiner():
    doc = body(
        "The Dunmore Steelers won again.", "Fans said the Steelers looked sharp, and the steelers' coach agreed."
    )
    assert flagged(doc) == ["steelers"]


def test_a_lower_case_word_after_a_personal_title_is_a_name():
    assert flagged(body("The harbour master, Ms blake, opened the quay.")) == ["blake"]
    assert flagged(body("Mr and Mrs Okafor opened the quay, and Dr. Lewis spoke.")) == []
    assert flagged(body("The delay was under 200 ms on the new line.")) == []


def test_a_speaker_s_full_name_is_expected_in_capitals_but_not_an_everyday_surname_alone():
    from articles.quality import check_document, document_from_text

    doc = document_from_text(
        "Museum reopens\n\nThe museum reopened on Monday.\n\nCurator Rose Hill said the rooms were ready.\n\n"
        "rose hill said the roof was fixed. A hill rose behind the rose garden."
    )
    assert [f.text for f in check_document(doc) if f.rule == "lowercase-name"] == ["rose hill"]


def test_an_office_before_said_is_not_taken_for_a_person():
    from articles.quality import check_document, document_from_text

    doc = document_from_text(
        "Port reopens\n\nThe port reopened on Monday.\n\nThe Harbour Master said the channel was clear.\n\n"
        "A harbour master checks it daily."
    )
    assert [f for f in check_document(doc) if f.rule == "lowercase-name"] == []


@pytest.mark.parametrize("text", ["Storks winter in west Africa.", "Trade with south-east Asia grew.", "Rain fell across central Africa."])
def test_regions_of_africa_and_asia_may_follow_a_lower_case_house_style(text):
    from articles.quality import check_document, document_from_text

    found = check_document(document_from_text(f"Birds return\n\nThe birds returned on Monday.\n\n{text}"))
    assert [f for f in found if f.rule == "lowercase-name"] == []


@pytest.mark.parametrize(("text", "name"), [("Fans travelled from bristol.", "bristol"), ("Flights to busan resumed.", "busan")])
def test_more_cities_are_held_to_their_capitals(text, name):
    from articles.quality import check_document, document_from_text

    found = check_document(document_from_text(f"Flights resume\n\nThe airline resumed flights on Monday.\n\n{text}"))
    assert [f.text for f in found if f.rule == "lowercase-name"] == [name]


def test_a_body_that_speaks_is_no_person_and_takes_no_capital_on_the():
    from articles.quality import check_document, document_from_text

    doc = document_from_text(
        "Fine for a platform\n\nThe European Commission fined a platform on Friday.\n\n"
        "The Commission said the clauses kept prices high.\n\nIt was one of the largest fines imposed by the Commission."
    )
    assert [f for f in check_document(doc) if f.rule == "lowercase-name"] == []
