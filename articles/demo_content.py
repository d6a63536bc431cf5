"""Demo stories written for trying Newsroom out; every one is tagged “Demo content”."""

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
]
