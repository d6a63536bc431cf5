"""Demo stories written for trying Newsroom out; every one is tagged “Demo content”.

All of it is our own writing, so a fresh checkout shows what the CMS does without the seed page beside it.
"""

import io

from PIL import Image, ImageDraw

from .importers import Callout, EmbedLink, Faq, Page, Picture, Prompt, Prose, Quote, Table

DEMO_SECTIONS = ["Economy", "Politics", "Technology", "Sport", "Culture"]

DEMO_AUTHORS = {
    "Newsroom Desk": "Reporting from the Newsroom desk. Demo author.",
    "Mina Park": "Covers trade and diplomacy in East Asia. Demo author.",
    "Tom Ellery": "Technology and science correspondent. Demo author.",
    "Ana Ruiz": "Sport and culture writer. Demo author.",
}

# username, password, superuser, groups
DEMO_USERS = [
    ("admin", "newsroom-admin", True, []),
    ("writer", "newsroom-writer", False, ["Writer"]),
    ("editor", "newsroom-editor", False, ["Editor"]),
    ("moderator", "newsroom-moderator", False, ["Moderator"]),
]

DEMO_STORIES = [
    {
        "section": "Economy",
        "authors": ["Mina Park"],
        "tags": ["Japan", "Trade"],
        "hours_ago": 5,
        "summary": "Demo story: exporters in Osaka weigh a weaker yen against higher costs for imported parts.",
        "text": """Osaka exporters weigh the gains of a weaker yen

Demo article: a short story to fill the Economy section

Osaka, Japan – March 3, 2026 – Small manufacturers around Osaka say a weaker yen has lifted their overseas orders, while the cost of imported parts has risen just as fast.

Orders up, margins flat

Machine-tool makers reported a rise of 4.5% in foreign orders over the quarter, according to the regional chamber of commerce. Several owners said the extra sales barely cover higher prices for chips and steel.

“We sell more, but we keep about the same,” said one owner, who asked not to be named.

This is demo content for trying out Newsroom.
""",
    },
    {
        "section": "Politics",
        "authors": ["Mina Park", "Newsroom Desk"],
        "tags": ["South Korea", "Diplomacy"],
        "hours_ago": 9,
        "summary": "Demo story: Seoul’s city council votes to extend late-night bus routes after a year-long trial.",
        "text": """Seoul council extends late-night bus routes

Demo article: a short story to fill the Politics section

Seoul, South Korea – March 2, 2026 – The city council voted 31 to 12 on Monday to keep the late-night “owl” bus routes that began as a trial last year.

What changes

Four routes become permanent and two new ones will start in the autumn. Council members said ridership had grown every month of the trial.

This is demo content for trying out Newsroom.
""",
    },
    {
        "section": "Technology",
        "authors": ["Tom Ellery"],
        "tags": ["Energy", "Research"],
        "hours_ago": 20,
        "summary": "Demo story: a university lab reports a sodium battery cell that keeps 90% of its capacity after 3,000 cycles.",
        "text": """Sodium battery cell passes 3,000 charge cycles

Demo article: a short story to fill the Technology section

Lund, Sweden – March 1, 2026 – Researchers at a Swedish university say a sodium-ion cell they built kept 90% of its capacity after 3,000 charge cycles.

Why it matters

Sodium is cheaper and more plentiful than lithium. The team said the cell would suit grid storage first, rather than phones or cars.

This is demo content for trying out Newsroom.
""",
    },
    {
        "section": "Sport",
        "authors": ["Ana Ruiz"],
        "tags": ["Football"],
        "hours_ago": 30,
        "summary": "Demo story: a late header sends the home side into the cup semi-finals.",
        "text": """Late header sends home side into cup semi-finals

Demo article: a short story to fill the Sport section

Leeds, England – February 28, 2026 – A header in the 88th minute gave the home side a 2-1 win and a place in the semi-finals.

The decisive minutes

The visitors had equalised from a penalty just after the hour. The winner came from a corner that the goalkeeper could only push onto the crossbar.

This is demo content for trying out Newsroom.
""",
    },
    {
        "section": "Culture",
        "authors": ["Ana Ruiz"],
        "tags": ["Japan", "Film"],
        "hours_ago": 44,
        "summary": "Demo story: a retrospective of Japanese post-war cinema opens with restored prints.",
        "text": """Restored prints open a season of Japanese post-war cinema

Demo article: a short story to fill the Culture section

London, England – February 27, 2026 – A season of 24 Japanese films from the 1950s opens this week, most of them shown in newly restored prints.

On the programme

The season runs until April and includes several films never before screened in Britain.

This is demo content for trying out Newsroom.
""",
    },
    {
        "section": "Politics",
        "authors": ["Newsroom Desk"],
        "tags": ["Transport"],
        "hours_ago": 2,
        "summary": "Demo story: live coverage of a harbour strike, with a warning of the quality check acknowledged.",
        "text": """The Latest: harbour pilots strike halts ferries

Demo article: live coverage repeats its key facts with each update, so an editor acknowledged the check's warning

Porthaven, Wales – March 4, 2026 – Ferries stayed in port on Wednesday as harbour pilots walked out over night-shift pay.

Update, 9:00

Harbour pilots walked out at dawn over night-shift pay, and no ferry has left Porthaven since.

The port authority said talks would resume at noon.

Update, 13:00

Harbour pilots walked out at dawn over night-shift pay, and no ferry has left Porthaven since.

Talks ended without agreement; the pilots' union said the strike would last until Friday.

This is demo content for trying out Newsroom.
""",
        # Shown in the admin's quality check as acknowledged, with who did it and why.
        "acknowledge": {
            "rule": "repeated-paragraph",
            "reason": "Live coverage repeats the key facts at the top of each update, as our live style asks.",
        },
    },
]

# One story that uses every kind of block, with pictures the loader draws; its dateline date is the load day.
DEMO_FULL_STORY = {
    "section": "Politics",
    "authors": ["Newsroom Desk"],
    "tags": ["Transport", "Local government"],
    "hours_ago": 2,
    "summary": "Demo story: councillors in a harbour town vote to bring back the night ferry on a two-year trial.",
    "image": {
        "alt": "A drawing of a small ferry with lit windows crossing a harbour under a full moon.",
        "caption": "The night ferry is due to cross every 40 minutes from May.",
        "credit": "Illustration drawn by the Newsroom demo loader",
    },
    "page": Page(
        headline="Harbour town brings back its night ferry after a year without one",
        subheadline="Demo article: a full story that uses every kind of block Newsroom offers",
        dateline_place="Porthaven, Wales",
        blocks=[
            Prose(items=[
                ("p", "Councillors in Porthaven voted 9 to 4 to restore the night ferry across the estuary, "
                      "a year after the service stopped for lack of crew."),
                ("p", "The boat will run from seven in the evening until one in the morning, on a two-year trial "
                      "paid for jointly by the harbour board and the county."),
            ]),
            Table("Key participants", "Representing", [
                ("Carys Morgan", "Harbour ward", "Council leader, voted for"),
                ("Owen Price", "Quay ward", "Transport lead, voted for"),
                ("Delyth Rees", "Hill ward", "Opposition leader, voted against"),
            ]),
            Callout("Did You Know?", "The first ferry across the estuary was a rowing boat that charged a penny "
                                     "a crossing."),
            Prose(heading="What changes for passengers", items=[
                ("p", "The timetable keeps the daytime crossings as they are and adds the evening ones on top."),
                ("ul", [
                    "Boats every 40 minutes until one in the morning.",
                    "Bicycles carried free of charge.",
                    "Tickets bought on board or with the county bus pass.",
                ]),
            ]),
            Picture(
                name="quay-timetable.png", draw=lambda: draw_timetable_board(),
                alt="A drawing of the timetable board on the quay: evening crossings every 40 minutes, the last at "
                    "one in the morning.",
                caption="The evening crossings as the new board on the quay lists them.",
                credit="Illustration drawn by the Newsroom demo loader",
            ),
            Callout("Pro Tip", "A night ferry ticket is also valid on the last bus from the quay, so one fare "
                               "covers the whole journey home."),
            Prose(heading="Why it stopped", items=[
                ("p", "The operator could not find a second skipper for the late shift, and the council would not "
                      "pay overtime on a route that carried few passengers in winter."),
                ("p", "“People told us they stayed at home rather than risk the last bus,” said Carys Morgan, "
                      "who leads the council."),
            ]),
            Quote("People told us they stayed at home rather than risk the last bus.", "Carys Morgan, council leader"),
            EmbedLink(
                "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "Big Buck Bunny, an open film by the Blender Foundation",
                "Demo content: an openly licensed short film stands in for the council's recording of the vote.",
            ),
            Prompt("Would a night ferry change how you get home in the evening?"),
            Prompt("If the trial runs at a loss, what should the town cut first?"),
            Faq("Frequently asked questions", [
                ("When does the night ferry start?", "On the first Friday in May."),
                ("How much does a crossing cost?", "Two pounds, or nothing with a county bus pass."),
                ("What happens after the trial?", "The council decides on the passenger figures whether to keep it."),
            ]),
            Prose(items=[("p", "This is demo content for trying out Newsroom.")]),
        ],
    ),
}

# A draft the quality gate refuses to publish: a note left in the summary, an unfilled figure, an empty table,
# spintax and a shortcode left by a content pipeline, a paragraph cut off mid-sentence and a chatbot's closing offer. Open it in the admin and press “Check again” to see the findings.
DEMO_BLOCKED_DRAFT = {
    "section": "Politics",
    "authors": ["Newsroom Desk"],
    "tags": ["Transport"],
    "summary": "TODO: one-line summary once the closure dates are confirmed.",
    "page": Page(
        headline="Coast road to close for bridge repairs",
        subheadline="Demo draft: the quality gate blocks it until the writer fixes it",
        dateline_place="Porthaven, Wales",
        blocks=[
            Prose(items=[
                ("p", "The coast road will close for [TK] weeks while engineers replace the bridge deck."),
            ]),
            Table("Key participants", "Representing", []),
            Prose(items=[
                ("p", "Residents called the plan a {welcome|overdue|costly} step at Tuesday's meeting."),
                ("p", "[ad_slot position=\"middle\"]"),
            ]),
            Prose(heading="Diversions", items=[("p", "Buses will run through the hill villages and")]),
            Prose(items=[("p", "Let me know if you would like a shorter version of this article for social media.")]),
        ],
    ),
}


def draw_timetable_board(width: int = 1000, height: int = 640) -> bytes:
    """The quay's timetable board, drawn with Pillow (a PNG), so the demo's picture in the body downloads nothing."""
    image = Image.new("RGB", (width, height), (28, 42, 58))
    draw = ImageDraw.Draw(image)
    draw.rectangle([40, 40, width - 40, height - 40], outline=(230, 200, 90), width=6)
    draw.rectangle([40, 40, width - 40, 130], fill=(230, 200, 90))
    for row in range(9):  # the evening crossings: one lit line each, the last one shorter
        top = 170 + row * 48
        draw.rectangle([90, top, 220, top + 26], fill=(245, 240, 220))
        draw.rectangle([260, top, width - (300 if row == 8 else 120), top + 26], fill=(120, 170, 210))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
