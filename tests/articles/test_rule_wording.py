"""Wording a machine can judge safely: a word stripped out with its link, and “a” or “an” before the next sound."""

import pytest

from articles.quality import Document, Part, all_rules, check_document, document_from_text


def found(text: str, rule: str) -> list[tuple[str, str]]:
    doc = Document("Library reopens after repairs", parts=[Part("body", text)])
    return [(f.severity, f.text) for f in check_document(doc) if f.rule == rule]


# missing-word


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Special thanks are owed to , whose photographs open this report.", "to ,"),
        ("She shared the stage with , together with the town's brass band.", "with ,"),
        ("Readers who want more can SEE ALSO: , , ,", ": , , ,"),
        ("The grant came from and, in part, from the county.", "from and,"),
        ("The mural was painted by . It took a year.", "by ."),
        ("The line-up included the choir, , and a string quartet.", ", ,"),
        (", who chairs the board, opened the doors at nine.", ","),
        ("Full details are on the council website ( ).", "( )"),
    ],
    ids=[
        "to comma",
        "with comma",
        "colon with commas",
        "preposition and",
        "by stop",
        "double comma",
        "opening comma",
        "empty brackets",
    ],
)
def test_a_stripped_word_is_a_warning(text, excerpt):
    assert found(text, "missing-word") == [("warning", excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "Visitors rose to 1 ,200 in the first week.",
        "The library sits on the corner of Mill Lane and Bridge Street, by the river.",
        "Flights to and from the island resumed on Monday.",
        "Use the template `name, , date` to file a request.",
        "The table reads: 4, 5 and 6.",
        "Opening hours are on the council's website .",
        "You can log in .",
        "Call function() to start.",
    ],
    ids=[
        "figure with a stray space",
        "ordinary commas",
        "to and from",
        "code",
        "colon then list",
        "stray space before a stop",
        "log in",
        "code call",
    ],
)
def test_look_alikes_are_not_missing_words(text):
    assert found(text, "missing-word") == []


# article-agreement


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("It was a exciting evening for the readers.", "a exciting"),
        ("The reading room had an quiet corner.", "an quiet"),
        ("A old map hangs by the door.", "A old"),
        ("They waited a hour for the doors to open.", "a hour"),
        ("The repairs were an one-off cost.", "an one-off"),
        ("The staff formed an union last year.", "an union"),
        ("It was a unusual choice.", "a unusual"),
        ("An 5-year-old cut the ribbon.", "An 5-year-old"),
        ("The council hired a 80-year-old architect.", "a 80-year-old"),
        ("A FBI report was cited.", "A FBI"),
        ("The mayor, a MP until 2019, spoke.", "a MP"),
        ("Staff used a X-ray scanner on the old books.", "a X-ray"),
        ("It is an U.S. standard.", "an U.S."),
    ],
)
def test_the_wrong_article_is_a_warning(text, excerpt):
    assert found(text, "article-agreement") == [("warning", excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "She has been an honest critic for an hour a week.",
        "It was a one-off grant from a union and a university.",
        "A European fund paid for a U.S. architect and a URL shortener.",
        "An 8-year-old and an 11-year-old read to an 18th-century map.",
        "A 1st edition sits beside a 100-year-old desk and a 110-page guide.",
        "An FBI agent and an MP visited an NHS clinic with an X-ray machine.",
        "A NASA scientist and a SIM card and a SWAT team and a user and a eulogy.",
        "Plan A is to reopen; Exhibit A of the report shows it.",
        "It was an historic day, or a historic day, depending on the paper.",
        "Irish readers know An Garda Síochána well.",
        "See www.example.org/a-event for details.",
    ],
)
def test_right_articles_and_look_alikes_pass(text):
    assert found(text, "article-agreement") == []


MY_RULES = ("truncated-ending", "cut-paragraph", "unfinished-paragraph", "missing-word", "article-agreement")


@pytest.mark.parametrize("spec", [s for s in all_rules() if s.id in MY_RULES], ids=lambda s: s.id)
def test_each_rule_flags_its_examples_and_passes_its_look_alikes(spec):
    assert spec.examples
    for text, flags in spec.examples:
        doc = document_from_text(f"Library reopens after repairs\n\n{text}\n")
        assert any(f.rule == spec.id for f in check_document(doc)) == flags, text


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("The choir sang alongside and the town's silver band.", "alongside and"),
        ("Prizes went to the best stalls, including or the cheese tent.", "including or"),
        ("The stage was lit courtesy of and a local electrician.", "courtesy of and"),
        ("Goals: , (pen), Walsh.", ": ,"),
    ],
    ids=["alongside and", "including or", "courtesy of and", "empty scorer slot"],
)
def test_a_name_stripped_before_a_conjunction_is_a_warning(text, excerpt):
    assert found(text, "missing-word") == [("warning", excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "She played alongside Ruth and Mary, and later with the band.",
        "Tickets, including those for children, cost £5.",
        "Goals: Walsh 12, Okafor 55 (pen), Reyes 80.",
        "The vote was 12 for and 3 against, and the plan passed.",
    ],
    ids=["alongside a name", "including a phrase", "full results line", "for and against"],
)
def test_conjunction_look_alikes_pass(text):
    assert found(text, "missing-word") == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Try: ; Conversion: Evans.", ": ;"),
        ("The plaque was unveiled by and the head teacher.", "by and"),
    ],
    ids=["colon then semicolon", "by and"],
)
def test_more_stripped_names_are_warnings(text, excerpt):
    assert found(text, "missing-word") == [("warning", excerpt)]


@pytest.mark.parametrize(
    "text",
    [
        "The storm damaged the soffit the flags hung from and the gutters below it.",
        "The soldiers he served alongside and their families came to the service.",
        "By and large, the reopening went well.",
        "Tea comes with and without milk.",
    ],
    ids=["stranded from", "stranded alongside", "by and large", "with and without"],
)
def test_stranded_prepositions_pass(text):
    assert found(text, "missing-word") == []


def test_a_double_space_where_a_name_was_stripped_is_a_warning():
    assert found("The prize went to  for her work with the choir.", "missing-word") == [("warning", "to  ")]
    assert found("The prize went to Ruth for her work with the choir.", "missing-word") == []
    assert found("It is the hall she went to for her lessons.", "missing-word") == []


def test_a_name_stripped_after_told_leaves_a_gap():
    from articles.quality import check_document, document_from_text

    doc = document_from_text("Fine appealed\n\nThe firm was fined.\n\nA spokesperson told , the business daily, it would appeal.")
    assert [(f.rule, f.text) for f in check_document(doc)] == [("missing-word", "told ,")]
