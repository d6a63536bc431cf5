"""The placeholder rule: gaps and template slots in every bracket and template form, and what only looks like one."""

import pytest

from articles.quality import Document, Part, check_document


def found(*paragraphs: str, headline: str = "Harbour festival returns") -> list[tuple[str, str]]:
    doc = Document(headline=headline, parts=[Part("body", text) for text in paragraphs])
    return [(f.severity, f.text) for f in check_document(doc) if f.rule == "placeholder"]


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        # Editor words in every kind of bracket, any case and spacing.
        ("The opening speech was given by [ insert speaker ] on the quay.", "[ insert speaker ]"),
        ("Stalls line the promenade. <ADD MAP>", "<ADD MAP>"),
        ("Pupils from {name of academy} sang the anthem.", "{name of academy}"),
        ("The crowd was the largest in a decade (source?).", "(source?)"),
        ("Fireworks start at [tk] on Saturday.", "[tk]"),
        ("Fireworks start at <<CONFIRM TIME>> on Saturday.", "<<CONFIRM TIME>>"),
        ("The parade is led by (INSERT BAND) this year.", "(INSERT BAND)"),
        ("Tickets are on sale at the kiosk (details TK).", "(details TK)"),
        ("Tickets are on sale at the kiosk [tbc].", "[tbc]"),
        ("Organisers thanked {MAIN SPONSOR TK} for its support.", "{MAIN SPONSOR TK}"),
        ("The prize went to [WINNER NAME] of Leith.", "[WINNER NAME]"),
        ("A plaque will be unveiled on [date].", "[date]"),
        ("Highlights are in the gallery <photo>.", "<photo>"),
        ("The lifeboat crew posed for photos. [Hero Image]", "[Hero Image]"),
        # A bracketed phrase ending in a generic slot noun.
        ("The festival's director, [Director’s Name], opened the event.", "[Director’s Name]"),
        ("Visitors can read [Guidebook Title] at the stand.", "[Guidebook Title]"),
        ("The regatta was won by [rowing club name].", "[rowing club name]"),
        ("The regatta was won by [opposing team] in record time.", "[opposing team]"),
        ("Stalls were run by [sponsor] and the council.", "[sponsor]"),
        ("Full details are at [link to programme].", "[link to programme]"),
        ("The festival closes on March XX with a concert.", "March XX"),
        ("Entries close on XX/XX/2025.", "XX/XX/2025"),
        ("The festival was founded in 19XX by fishermen.", "19XX"),
        # Slots written out in running text.
        ("Your Caption Here", "Your Caption Here"),
        ("The Festival opened with a speech. Insert Quote Here", "Insert Quote Here"),
        ("The award went to the Restaurant Name for its seafood.", "Restaurant Name"),
        # Anonymised stand-ins.
        ("The catering deal went to Company Y after a tender.", "Company Y"),
        ("Team C finished the rowing race first.", "Team C"),
        ("Candidate Z won the vote for festival king.", "Candidate Z"),
        ("The licence was signed by Official B of the council.", "Official B"),
        # Template variables.
        ("Dear %%FIRST_NAME%%, the festival is back.", "%%FIRST_NAME%%"),
        ("The festival is in $TOWN_NAME this year.", "$TOWN_NAME"),
        ("The festival is in ${town} this year.", "${town}"),
        ("The festival is in {host_town} this year.", "{host_town}"),
        ("The festival is in [[town]] this year.", "[[town]]"),
        ("Tickets cost {{ ticket.price }} at the gate.", "{{ ticket.price }}"),
        # Filler text, also its tail alone.
        ("Quis autem vel eum, dolor sit amet, consectetur adipiscing.", "dolor sit amet"),
    ],
)
def test_placeholders_are_errors(text, gap):
    assert found(text) == [("error", gap)]


@pytest.mark.parametrize(
    "text",
    [
        # Editors' insertions and transcript notes inside quotations.
        "“We asked [the council] for a licence in May,” the organiser said.",
        "“Their [sic] permit came late,” she wrote.",
        "“It was chaos [laughs], but worth it,” he said.",
        "“We sold the rights to [Harbour Leisure Company] last year,” he said.",
        "“[His] team worked through the night,” she said.",
        "“We will [update] the plans,” the chair said.",
        # Footnotes, links, credits and notes in round brackets.
        "Attendance rose by a fifth [2].",
        "The full programme is [here](https://example.org/programme).",
        "Boats gather in the harbour (AP) at dawn.",
        "Crowds on the quay (file photo).",
        "The final will be played on Sunday (time TBA).",
        "The lifeboat (pictured) led the parade.",
        "One visitor (name withheld) complained about the noise.",
        "Prices were shown as (PHOTO: Harbour Trust).",
        "Editors' notes such as [Update: the route has changed] stay.",
        # Codes, letters and numbers that are real names.
        "Both crews qualified from Group A, and Plan B was never needed.",
        "Hepatitis B and Vitamin C stalls were run by the health board.",
        "A Category 5 storm was forecast, so Stage 4 and Pool A were moved.",
        "AC/DC tribute bands played on the main stage.",
        "In the maths tent, children worked out what $X would buy.",
        "The Type 2 diabetes clinic was open all weekend.",
        "Super Bowl XXX was screened in the beer tent.",
        "The festival ran from 12/05/2025 to 14/05/2025 with XL tents.",
        "Malcolm X's speeches were read on the Saturday.",
        # An anonymised person where the story says why.
        "Witness statements named Person A, who cannot be named for legal reasons.",
        "Suppose Company A buys Company B: the festival keeps its licence.",
        # Ordinary words near slot nouns.
        "The brand name on the tent was misspelt.",
        "The Domain Name System outage did not affect ticket sales.",
        "Click here for tickets.",
        "Shoppers queued outside (TK Maxx) before dawn.",
        "“The boats leave at six [local time],” she said.",
        "“We were moved to [an undisclosed location],” he said, “and then to [another site].”",
        "Crowds on the harbour wall. [AP Photo] [File Photo]",
        "Read Full Text Here",
        "Officials identified Company A and Company B in the charging documents.",
        "The app greets each visitor with `{first_name}` filled in from the booking.",
        'Its config lists ["username", "email address"] as required.',
    ],
)
def test_look_alikes_pass(text):
    assert found(text) == []


def test_a_bracketed_gap_and_the_tk_inside_it_are_one_finding():
    assert found("The raffle raised (amount TK) for the lifeboat.") == [("error", "(amount TK)")]


def test_a_placeholder_in_the_headline_blocks_too():
    assert found("A clean paragraph.", headline="[Town Name] festival returns") == [("error", "[Town Name]")]


@pytest.mark.parametrize(
    ("paragraphs", "gap"),
    [
        (("The fireworks will be launched from Name of Venue at nine.",), "Name of Venue"),
        (("Stalls open on INSERT DATE, the organisers said.",), "INSERT DATE"),
        (("The parade starts at ADD START TIME from the quay.",), "ADD START TIME"),
        (("The crowd filled the quay.", "Caption here", "Fireworks followed."), "Caption here"),
        (("The crowd filled the quay.", "Image goes here.", "Fireworks followed."), "Image goes here."),
    ],
    ids=["name of venue", "insert date", "add start time", "caption here", "image goes here"],
)
def test_slots_written_out_in_running_text_are_errors(paragraphs, gap):
    assert found(*paragraphs) == [("error", gap)]


@pytest.mark.parametrize(
    "text",
    [
        "The book club read The Name of the Rose over the winter.",
        "The harbour master said: “Check the date on your ticket.”",
        "INSERT COIN TO PLAY, the old arcade sign reads.",
        "Readers can find the caption here on the museum's wall, beside the photograph.",
        "FIREWORKS START AT NINE: ADD THIS DATE TO YOUR DIARY",
    ],
    ids=["book title", "quoted instruction in lower case", "no slot noun", "caption in a sentence", "shouted line"],
)
def test_slot_look_alikes_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "gap"),
    [
        ("The parade was led by Councillor [Surname].", "[Surname]"),
        ("Entries to [EMAIL ADDRESS] by Friday.", "[EMAIL ADDRESS]"),
        ("Fireworks start on DATE TBC.", "DATE TBC"),
        ("Organiser NAME SURNAME thanked the volunteers.", "NAME SURNAME"),
        ("“Quote from the organiser goes here,” she said.", "Quote from the organiser goes here"),
        ("The concert will be held at Venue X.", "Venue X"),
        ("Mr. Z, the organiser, thanked the volunteers.", "Mr. Z"),
        ("The stage was built by Firm Name Ltd.", "Firm Name Ltd"),
        ("The tug of war ended 3 to XX.", "3 to XX"),
        ("The prize was handed over by Councillor ___ on the quay.", "___"),
        ("Stewards said John Doe had found the lost dog.", "John Doe"),
    ],
)
def test_more_unfilled_slots_are_errors(text, gap):
    assert found(text) == [("error", gap)]


@pytest.mark.parametrize(
    "text",
    [
        "A steward, Mr. B (not his real name), said the crowd was calm.",
        "A man, known as Mr X in court, cannot be named for legal reasons.",
        "The vote was 34 to 12.",
        "Super Bowl XX was played in New Orleans.",
        "Kick-off time is to be confirmed.",
        "Room A and Room B were used for the judging.",
    ],
)
def test_more_slot_look_alikes_pass(text):
    assert found(text) == []


def test_a_player_whose_name_the_story_says_it_changed_is_anonymised_not_a_slot():
    assert found("Player X (name changed) told us the club had not paid him since March.") == []
    assert found("Player X told us the club had not paid him since March.") == [("error", "Player X")]


@pytest.mark.parametrize(
    ("sentence", "slot"),
    [
        ("Unemployment fell by XX per cent over the year.", "XX per cent"),
        ("She finished first (add lap times from the timing firm). Then she rested.", "(add lap times from the timing firm)"),
        ("The owner, [COMPANY NAME – check spelling], declined to comment.", "[COMPANY NAME – check spelling]"),
    ],
)
def test_slots_with_notes_and_instructions_in_round_brackets_are_placeholders(sentence, slot):
    from articles.quality import document_from_text

    found = check_document(document_from_text(f"Council approves budget\n\nThe council met.\n\n{sentence}"))
    assert slot in [f.text for f in found if f.rule == "placeholder"]


@pytest.mark.parametrize(
    "sentence",
    ["Shoppers can add to basket online.", "Prices (add VAT at 20%) rose in May.", "He said [THE BOARD – not us] would pay."],
)
def test_instructions_with_figures_and_capitals_in_quotes_pass(sentence):
    from articles.quality import document_from_text

    found = check_document(document_from_text(f"Council approves budget\n\nThe council met.\n\n{sentence}"))
    assert [f for f in found if f.rule == "placeholder"] == []


def test_a_lower_case_tk_left_by_a_writer_is_a_placeholder_but_a_web_address_is_not():
    from articles.quality import document_from_text

    def placeholders(sentence):
        doc = document_from_text(f"Council approves budget\n\nThe council met.\n\n{sentence}")
        return [f.text for f in check_document(doc) if f.rule == "placeholder"]

    assert placeholders("The final cost is tk until the audit ends.") == ["tk"]
    assert placeholders("The club's page at example.tk lists the fixtures.") == []


@pytest.mark.parametrize(
    ("sentence", "slot"),
    [("Bonuses will be reviewed in [MONTH].", "[MONTH]"), ("He put demand at XX megawatts for the winter.", "XX")],
)
def test_a_bracketed_month_and_bare_xs_for_a_figure_are_placeholders(sentence, slot):
    from articles.quality import document_from_text

    found = check_document(document_from_text(f"Council approves budget\n\nThe council met.\n\n{sentence}"))
    assert [f.text for f in found if f.rule == "placeholder"] == [slot]


def test_roman_numerals_after_a_name_are_no_placeholder():
    from articles.quality import document_from_text

    found = check_document(document_from_text("Council approves budget\n\nThe council met.\n\nFans recalled Super Bowl XX fondly."))
    assert [f for f in found if f.rule == "placeholder"] == []
