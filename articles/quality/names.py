"""Proper names the gate expects capitalised: places, peoples, languages and organisations from pycountry and our
own lists, the names an article declares, and the names it writes with a capital itself."""

import functools
import re
from collections.abc import Iterable, Iterator

import pycountry

from .text import in_address, sentence_starts

# Country names that are also everyday words in lower case (“turkey”, “chile”, “jersey”).
_COMMON_WORDS = frozenset("turkey chad chile guinea jersey guernsey reunion niger jordan georgia man".split())

_NATIONALITIES = """
    American Argentine Argentinian Asian Australian Austrian African Arab Arabic Bangladeshi
    Belgian Brazilian British Bulgarian Canadian Chilean Chinese Colombian Croatian Cuban Czech
    Dutch Egyptian English Estonian Ethiopian European Filipino Finnish French German Ghanaian
    Greek Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Japanese
    Jordanian Kenyan Korean Kuwaiti Lebanese Libyan Lithuanian Malaysian Mexican Mongolian
    Moroccan Nigerian Norwegian Pakistani Palestinian Peruvian Portuguese Qatari Romanian Russian
    Rwandan Saudi Scandinavian Scottish Serbian Singaporean Somali Spanish Sudanese Swedish Swiss
    Syrian Taiwanese Thai Tunisian Turkish Ugandan Ukrainian Uruguayan Venezuelan Vietnamese
    Welsh Yemeni Zimbabwean Afghan Albanian Algerian Angolan Armenian Azerbaijani Bahraini Belarusian
    Bolivian Bosnian Cambodian Cameroonian Congolese Cypriot Ecuadorian Emirati Eritrean Guatemalan Haitian
    Jamaican Kazakh Latvian Liberian Malawian Malian Maltese Mozambican Namibian Nepalese Nepali Omani
    Panamanian Paraguayan Senegalese Slovak Slovenian Tanzanian Tibetan Uzbek Zambian Catalan Flemish
    Hispanic Latino Maori Māori Inuit Kurdish Muslim Jewish Hindu Sikh Buddhist Islamic
""".split()

# Languages that are not also a nationality above.
_LANGUAGES = """
    Cantonese Hindi Urdu Bengali Punjabi Tamil Telugu Marathi Gujarati Swahili Hebrew Persian Farsi
    Pashto Amharic Yoruba Igbo Hausa Zulu Xhosa Afrikaans Malay Tagalog Esperanto Gaelic Sanskrit
""".split()

# Major cities whose names are no everyday word (no Nice, Reading, Bath, Mobile, Split, Wellington, Cologne).
_CITIES = [
    "London", "Paris", "Berlin", "Madrid", "Rome", "Tokyo", "Beijing", "Shanghai", "Seoul", "Moscow",
    "New York", "Los Angeles", "Chicago", "San Francisco", "Washington", "Boston", "Miami", "Houston",
    "Toronto", "Montreal", "Vancouver", "Ottawa", "Sydney", "Melbourne", "Brisbane", "Auckland", "Delhi",
    "New Delhi", "Mumbai", "Kolkata", "Chennai", "Bengaluru", "Bangalore", "Hyderabad", "Karachi", "Lahore",
    "Islamabad", "Dhaka", "Kathmandu", "Colombo", "Kabul", "Tehran", "Baghdad", "Riyadh", "Jeddah", "Dubai",
    "Abu Dhabi", "Doha", "Beirut", "Damascus", "Amman", "Jerusalem", "Tel Aviv", "Ankara", "Istanbul",
    "Cairo", "Lagos", "Abuja", "Accra", "Nairobi", "Kampala", "Kigali", "Addis Ababa", "Khartoum",
    "Johannesburg", "Cape Town", "Pretoria", "Harare", "Lusaka", "Maputo", "Luanda", "Kinshasa", "Dakar",
    "Tripoli", "Tunis", "Algiers", "Casablanca", "Rabat", "Jakarta", "Manila", "Bangkok", "Hanoi",
    "Ho Chi Minh City", "Kuala Lumpur", "Taipei", "Osaka", "Kyoto", "Shenzhen", "Guangzhou", "Kyiv", "Kiev",
    "Warsaw", "Vienna", "Prague", "Budapest", "Bucharest", "Belgrade", "Zagreb", "Athens", "Lisbon",
    "Barcelona", "Milan", "Munich", "Frankfurt", "Hamburg", "Amsterdam", "Rotterdam", "Brussels", "Geneva",
    "Zurich", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Dublin", "Edinburgh", "Glasgow", "Cardiff",
    "Belfast", "Manchester", "Liverpool", "Birmingham", "Marseille", "Lyon", "Minsk", "Vilnius", "Riga",
    "Tallinn", "Mexico City", "São Paulo", "Sao Paulo", "Rio de Janeiro", "Buenos Aires", "Santiago",
    "Bogotá", "Bogota", "Caracas", "Havana", "Brasília", "Brasilia",
    # More of Britain, North America, Europe, Asia, Africa, Oceania and Latin America; towns whose names are
    # everyday words in lower case (Derby, Hull, Stoke, Oxford, Phoenix, Charlotte, Bordeaux, Lima) are left out.
    "Bristol", "Leeds", "Sheffield", "Newcastle", "Nottingham", "Leicester", "Southampton", "Portsmouth", "Brighton",
    "Plymouth", "Aberdeen", "Dundee", "Inverness", "Swansea", "Coventry", "Cambridge", "Norwich", "Exeter",
    "Bradford", "Wolverhampton", "Sunderland", "Preston", "Blackpool", "Middlesbrough", "Milton Keynes",
    "Seattle", "Denver", "Atlanta", "Dallas", "Philadelphia", "Detroit", "Baltimore", "Minneapolis", "Pittsburgh",
    "Cleveland", "Cincinnati", "Sacramento", "San Diego", "San Jose", "Nashville", "Memphis", "New Orleans",
    "Las Vegas", "Honolulu", "Milwaukee", "Indianapolis", "Tampa", "Orlando", "St. Louis", "Kansas City",
    "Salt Lake City", "Albuquerque", "Naples", "Turin", "Florence", "Venice", "Genoa", "Bologna", "Seville",
    "Valencia", "Bilbao", "Porto", "Toulouse", "Strasbourg", "Lille", "Stuttgart", "Düsseldorf", "Dusseldorf",
    "Leipzig", "Dresden", "Antwerp", "Ghent", "Krakow", "Kraków", "Gdansk", "Bratislava", "Ljubljana", "Sarajevo",
    "Skopje", "Tirana", "Reykjavik", "Gothenburg", "Chongqing", "Tianjin", "Wuhan", "Chengdu", "Nanjing",
    "Hangzhou", "Hong Kong", "Macau", "Busan", "Incheon", "Pyongyang", "Yokohama", "Nagoya", "Sapporo", "Fukuoka",
    "Hiroshima", "Nagasaki", "Gyeongju", "Phnom Penh", "Vientiane", "Yangon", "Ulaanbaatar", "Almaty", "Tashkent",
    "Baku", "Tbilisi", "Yerevan", "Kandahar", "Peshawar", "Chittagong", "Pune", "Ahmedabad", "Jaipur", "Lucknow",
    "Mombasa", "Kisumu", "Dar es Salaam", "Zanzibar", "Mwanza", "Arusha", "Bamako", "Niamey", "Ouagadougou",
    "Abidjan", "Freetown", "Monrovia", "Conakry", "Kano", "Ibadan", "Port Harcourt", "Durban", "Bulawayo",
    "Windhoek", "Gaborone", "Lilongwe", "Antananarivo", "Mogadishu", "Asmara", "Juba", "Bangui", "Brazzaville",
    "Yaoundé", "Douala", "Libreville", "Perth", "Adelaide", "Canberra", "Hobart", "Christchurch", "Quito",
    "La Paz", "Montevideo", "Asunción", "Medellín", "Medellin", "Guadalajara", "Monterrey", "Tijuana",
    "Port-au-Prince", "Santo Domingo", "Guatemala City", "Managua", "San Salvador", "Tegucigalpa", "Recife",
    "Fortaleza", "Porto Alegre", "Curitiba", "Belo Horizonte", "Manaus",
]

# International organisations and bodies that are always written with capitals.
_ORGANISATIONS = [
    "NATO", "UNESCO", "UNICEF", "UNHCR", "OPEC", "ASEAN", "FIFA", "UEFA", "Interpol", "Europol", "Oxfam",
    "Greenpeace", "World Bank", "International Monetary Fund", "World Health Organization",
    "World Health Organisation", "World Trade Organization", "World Trade Organisation", "World Food Programme",
    "European Commission", "European Parliament", "European Central Bank", "African Union",
    "Amnesty International", "Human Rights Watch", "International Court of Justice", "International Olympic Committee", "Federal Reserve",
]


_REGIONS = [
    "Asia", "Africa", "Europe", "Oceania", "Antarctica", "Americas", "Latin America",
    "Latin American", "Middle East", "Middle Eastern", "Indo-Pacific", "Asia-Pacific",
    "Caribbean", "Mediterranean", "Scandinavia", "Balkans", "Atlantic", "Sahara",
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Korea",
    "United Kingdom", "United States", "United Nations", "European Union",
]
# Only these compass words are part of the name; “the east Korean coast” is a direction.
# Regions of Africa and Asia (“west Africa”, “south-east Asia”) are lower case in some house styles, so only the
# names that are countries or continents in every style are held to their capitals.
_COMPASS_REGIONS = {
    "Africa": ["South"],
    "America": ["North", "South", "Central"],
    "Korea": ["North", "South"],
}

# Everyday lower-case phrases that contain a place name; written this way they are not errors.
LOWERCASE_USAGES = (
    "bone china", "fine china", "china cabinet", "china clay", "china plate", "china shop",
    "french fries", "french toast", "french braid", "french kiss", "french press", "french window",
    "brussels sprouts", "swiss chard", "dutch oven", "india ink", "india rubber", "panama hat", "bermuda shorts",
    "brazil nut", "turkish delight", "danish pastry", "swedish massage", "swiss roll", "go dutch", "double dutch",
    "persian cat", "persian rug", "persian carpet",
)

# A lower-case name is shown with the geographic noun it belongs to (“korean Peninsula”).
GEO_NOUNS = frozenset("peninsula sea ocean strait straits gulf bay island islands coast basin river channel".split())


@functools.cache
def builtin_names() -> tuple[str, ...]:
    """Countries (pycountry's names and common names, without the formal ones with commas), nationalities,
    languages, regions and the compass names of regions, major cities and international organisations."""
    countries = []
    for country in pycountry.countries:
        for name in (getattr(country, "common_name", ""), country.name):
            if name and "," not in name and "(" not in name and name.casefold() not in _COMMON_WORDS:
                countries.append(name)
    compass = [f"{point} {region}{suffix}" for region, points in _COMPASS_REGIONS.items()
               for point in points for suffix in ("", "n")]
    return tuple(dict.fromkeys(
        [*countries, *_NATIONALITIES, *_LANGUAGES, *_REGIONS, *compass, *_CITIES, *_ORGANISATIONS],
    ))


class _Layer:
    """One set of names, matched case-insensitively by one pattern compiled once."""

    def __init__(self, names: Iterable[str]) -> None:
        self.canonical: dict[str, str] = {}
        for name in names:
            name = " ".join(name.split())
            if len(name) >= 3 and any(ch.isupper() for ch in name):
                self.canonical.setdefault(name.casefold(), name)
        body = _trie_pattern([name.casefold().split() for name in self.canonical.values()])
        self.pattern = re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE) if self.canonical else None


_SPACE = " "


def _trie_pattern(names: list[list[str]]) -> str:
    """One regular expression for many names, shared prefixes factored out (a plain alternation of several hundred
    names is four times slower to scan); the longest name matches, words are joined by any run of spaces."""
    trie: dict = {}
    for words in names:
        node = trie
        for ch in _SPACE.join(words):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    # Children start with distinct characters, so their order does not matter; ending a name is tried last.
    branches = [
        (r"[\s\u00a0]+" if ch == _SPACE else re.escape(ch)) + _node_pattern(child) for ch, child in node.items() if ch
    ]
    if "" in node:
        branches.append("")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


@functools.cache
def _builtin_layer() -> _Layer:
    # Compiled once per process: the built-in names are several hundred.
    return _Layer(builtin_names())


class Names:
    """The proper names an article must capitalise, matched case-insensitively: the built-in names and the
    article's own (a longer match wins where the two overlap)."""

    def __init__(self, names: Iterable[str], *, builtin: bool = False) -> None:
        own = _Layer(names)
        self.layers = [_builtin_layer(), own] if builtin else [own]

    def miswritten(self, text: str) -> Iterator[re.Match[str]]:
        """Yield each name in text written with a lower-case letter where the name has a capital."""
        found: list[re.Match[str]] = []
        for layer in self.layers:
            if layer.pattern is not None:
                found += layer.pattern.finditer(text)
        end = -1
        for match in sorted(found, key=lambda m: (m.start(), -m.end())):
            if match.start() >= end:
                end = match.end()
                if self._is_miswritten(text, match):
                    yield match

    def miswritten_at(self, text: str, offset: int) -> bool:
        for layer in self.layers:
            match = layer.pattern.match(text, offset) if layer.pattern else None
            if match is not None and self._is_miswritten(text, match):
                return True
        return False

    def canonical_of(self, written: str) -> str:
        key = " ".join(written.split()).casefold()
        for layer in reversed(self.layers):
            if key in layer.canonical:
                return layer.canonical[key]
        raise KeyError(written)

    def _is_miswritten(self, text: str, match: re.Match[str]) -> bool:
        canonical = self.canonical_of(match.group())
        wrong = any(
            want[:1].isupper() and got[:1].islower()
            for want, got in zip(re.split(r"[\s-]+", canonical), re.split(r"[\s\u00a0-]+", match.group()), strict=False)
        )
        return wrong and not in_address(text, match.start(), match.end()) and not lowercase_usage(text, match)


def lowercase_usage(text: str, match: re.Match[str]) -> bool:
    """True if the match is part of an everyday phrase such as “french fries” or “fine china”."""
    word = match.group().casefold()
    folded = text.casefold()
    for usage in LOWERCASE_USAGES:
        at = usage.find(word)
        if at != -1 and folded.startswith(usage, match.start() - at):
            return True
    return False


def used_as_proper_name(name: str, prose: list[str]) -> bool:
    """True if the article itself capitalises the name in mid-sentence, so it is not an ordinary word."""
    name = " ".join(name.split())
    if not name or not name[0].isupper():
        return False
    pattern = re.compile(rf"(?<=[a-z0-9,] )(?:{re.escape(name)})(?!\w)")
    return any(pattern.search(text) for text in prose)


# A word this rare in pyspellchecker's English frequency list (or absent from it) is taken for a name when the
# article capitalises it: the list carries many surnames and towns at low counts (“hughes” 133, “sheffield” 61)
# beside everyday words (“marsh” 1,524, “mills” 2,122). Chosen on the tuned real copy (see capitals.py).
ORDINARY_MIN_FREQUENCY = 300
# British spellings the (American) list lacks are looked up in their American form.
_BRITISH_TO_AMERICAN = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"tre(s|d)?$", r"ter\1"), (r"our(s|ed|ing|able|ite|ites)?$", r"or\1"),
        (r"is(e|ed|es|ing|ation|ations|er|ers)$", r"iz\1"), (r"ys(e|ed|es|ing)$", r"yz\1"), (r"ence$", "ense"),
        (r"mme(s)?$", r"m\1"), (r"ll(ed|ing|er|ers)$", r"l\1"), (r"ae", "e"), (r"oe", "e"), (r"ogue$", "og"),
    )
)
# Everyday words of news copy missing from the list or rare in it, among them the offices and bodies that a
# title capitalises (“the Ombudsman said”) and the text may not (“an ombudsman”).
_MORE_ORDINARY = frozenset(
    """
    telecom telecoms rollout wildland eyewall passcode upfield microbiota coronavirus covid ombudsman
    gubernatorial assemblyman assemblywoman premiership synod canton oblast emirate sultanate caliphate
    inspectorate legislator statehouse secretariat directorate constabulary governorate garda gardaí sharia
    ayatollah mph kph kmh rpm bpm psi kwh mwh gwh ppm mbps gbps
    """.split()
)


@functools.cache
def _frequencies() -> dict[str, int]:
    from spellchecker import SpellChecker  # noqa: PLC0415  (loaded on first use: 0.2 s)

    return SpellChecker(language="en", distance=1).word_frequency.dictionary


# Bounded: a long-running server meets every capitalised word of every story it checks.
@functools.lru_cache(maxsize=65536)
def ordinary_word(word: str) -> bool:
    """True if word (any case, possibly hyphenated) is an everyday English word, so a capital on it may only
    mark a title or a sentence start; false for names such as “Ardern”, “Eskom” or “Brexit”."""
    parts = [part for part in re.split(r"[-'’]", word.casefold()) if part]
    return all(_ordinary_part(part) for part in parts)


def dictionary_word(word: str) -> bool:
    """True if every part of word is in the word list at all, however rare (“semiconductor”, not “Ardern”)."""
    counts = _frequencies()
    parts = [part for part in re.split(r"[-'’]", word.casefold()) if part]
    return bool(parts) and all(
        counts.get(part, 0) > 0
        or any(counts.get(pattern.sub(replacement, part), 0) > 0 for pattern, replacement in _BRITISH_TO_AMERICAN)
        for part in parts
    )


def _ordinary_part(part: str) -> bool:
    if not part.isalpha() or part in _MORE_ORDINARY:
        return True
    counts = _frequencies()
    if counts.get(part, 0) >= ORDINARY_MIN_FREQUENCY:
        return True
    for pattern, replacement in _BRITISH_TO_AMERICAN:
        american = pattern.sub(replacement, part)
        if american != part and counts.get(american, 0) >= ORDINARY_MIN_FREQUENCY:
            return True
    return False


# A capitalised word, possessive apart (“Ardern’s”), or an acronym; not inside a handle, hashtag or address.
_CAPITALISED = re.compile(r"(?<![\w@#/.&-])(?P<word>[A-Z]\w*(?:-\w+|['’][A-Za-z]\w*)*?)(?:['’]s)?(?![\w@/'’-])")
_ACRONYM = re.compile(r"[A-Z]{3,6}")
# Every part of a compound capitalised (“Al-Shabaab”, “Covid-19”), or it may be the slip itself (“Korea-japan”).
_TITLE_CASE = re.compile(r"[A-Z][a-zà-ÿ]+(?:-(?:[A-Z][a-zà-ÿ]+|\d+))*")
# Only a space joins the words of one name.
_NAME_GAP = re.compile(r"[ \u00a0]")
_OPENERS = "“‘\"'([{:;—–-"


# Words of offices and bodies: a run of them before “said” is a title or an institution, not a person.
_OFFICE_WORDS = frozenset(
    """
    minister ministers president presidents secretary governor mayor chancellor commissioner chairman chairwoman
    chair chief director officer spokesman spokeswoman spokesperson police council court judge justice king queen
    prince princess pope bishop general captain coach manager ministry department office government party board
    committee agency authority service union league club bank company group university college school hospital
    trust foundation house senate parliament assembly state city county district federal national royal
    master inspector superintendent constable sergeant detective professor doctor curator editor leader head dean
    rector principal headteacher port harbour airport council's deputy assistant acting interim vice senior
    commission commissioner tribunal inquiry regulator police prosecutor prosecutors ombudsman watchdog
    """.split()
)
_DETERMINERS = frozenset("the a an this that these those its his her their our my your every each".split())
# A verb of saying right after a name: what stands before it is someone who speaks.
_SPEAKS = re.compile(r"\s*,?\s+(?:said|says|told|added|wrote|explained|insisted|argued|warned)\b")


def _speaker(text: str, run: list[re.Match[str]]) -> str | None:
    """The two-word name before a verb of saying (“Curator Helen Marsh said”), as a whole, even when each word is
    also an everyday word: only the full name is then expected in capitals, never “marsh” alone."""
    if len(run) < 2 or not _SPEAKS.match(text, run[-1].end()):
        return None
    first, last = run[-2]["word"], run[-1]["word"]
    if not (_TITLE_CASE.fullmatch(first) and _TITLE_CASE.fullmatch(last)):
        return None
    if {first.casefold(), last.casefold()} & _OFFICE_WORDS or first.casefold() in _DETERMINERS:
        return None
    return f"{first} {last}"


def names_in_text(texts: Iterable[str]) -> list[str]:
    """The names an article writes with capitals itself: words no everyday English word, capitalised in
    mid-sentence at the end of a run of capitalised words (“Prime Minister Jacinda Ardern”, “Eskom said”) or
    forming a run of two or more such words anywhere (“Jacinda Ardern said”), and acronyms (“NHS”).

    A word that precedes an ordinary capitalised word belongs to a title or an organisation (“Telecom
    Minister”), and a lone word opening a sentence or quotation may be capitalised only for that, so neither
    counts. Each run is returned whole and word by word."""
    found: list[str] = []
    for text in texts:
        starts = set(sentence_starts(text))
        runs: list[list[re.Match[str]]] = []
        for match in _CAPITALISED.finditer(text):
            if _maybe_address(text, match.start(), match.end()) and in_address(text, match.start(), match.end()):
                continue
            previous = runs[-1][-1] if runs else None
            if previous is not None and _NAME_GAP.fullmatch(text[previous.end() : match.start()]) and not (
                previous.group().endswith(("’s", "'s"))
            ):
                runs[-1].append(match)
            else:
                runs.append([match])
        for run in runs:
            found += _names_in_run(text, run, starts)
            if (speaker := _speaker(text, run)) is not None:
                found.append(speaker)
    return found


def _maybe_address(text: str, start: int, end: int) -> bool:
    """A cheap first test: an address, handle or hashtag has one of these characters in its chunk of text."""
    chunk_end = text.find(" ", end)
    chunk = text[text.rfind(" ", 0, start) + 1 : chunk_end if chunk_end != -1 else len(text)]
    return any(ch in chunk for ch in "@/#.")


def _names_in_run(text: str, run: list[re.Match[str]], starts: set[int]) -> list[str]:
    names: list[str] = []
    for match in run:
        word = match["word"]
        if _ACRONYM.fullmatch(word) and not ordinary_word(word):
            names.append(word)
    # The name is the run's last stretch of words that are no everyday word.
    tail: list[re.Match[str]] = []
    for match in reversed(run):
        word = match["word"]
        if not _TITLE_CASE.fullmatch(word) or ordinary_word(word):
            break
        tail.insert(0, match)
    if not tail:
        return names
    first = tail[0].start()
    opens = first in starts or text[:first].rstrip()[-1:] in _OPENERS or not text[:first].strip()
    if len(tail) == 1 and opens:
        return names
    # A word after an acronym belongs to an institution's name (“the SE Semiconductor index”, “BBC Sport”): a
    # dictionary word there is a common noun, not a name of its own.
    before = run[run.index(tail[0]) - 1]["word"] if run.index(tail[0]) > 0 else ""
    if len(tail) == 1 and re.fullmatch(r"[A-Z]{2,6}", before) and dictionary_word(tail[0]["word"]):
        return names
    words = [match["word"] for match in tail]
    names.append(" ".join(words))
    if len(words) > 1:
        names += words
    return names
