"""Proper names the gate expects capitalised: places and peoples from pycountry and our own lists, and the names
an article declares."""

import functools
import re
from collections.abc import Iterable, Iterator

import pycountry

from .text import in_address

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
    Welsh Yemeni Zimbabwean
""".split()

_REGIONS = [
    "Asia", "Africa", "Europe", "Oceania", "Antarctica", "Americas", "Latin America",
    "Latin American", "Middle East", "Middle Eastern", "Indo-Pacific", "Asia-Pacific",
    "Caribbean", "Mediterranean", "Scandinavia", "Balkans", "Atlantic", "Sahara",
    "Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Korea",
    "United Kingdom", "United States", "United Nations", "European Union",
]
# Only these compass words are part of the name; “the east Korean coast” is a direction.
_COMPASS_REGIONS = {
    "Asia": ["East", "Southeast", "South", "Central", "Northeast"],
    "Africa": ["North", "West", "East", "South", "Central"],
    "America": ["North", "South", "Central"],
    "Korea": ["North", "South"],
}

# Everyday lower-case phrases that contain a place name; written this way they are not errors.
LOWERCASE_USAGES = (
    "bone china", "fine china", "china cabinet", "china clay", "china plate", "china shop",
    "french fries", "french toast", "french braid", "french kiss", "french press", "french window",
    "brussels sprouts", "swiss chard", "dutch oven", "india ink", "india rubber", "panama hat", "bermuda shorts",
)

# A lower-case name is shown with the geographic noun it belongs to (“korean Peninsula”).
GEO_NOUNS = frozenset("peninsula sea ocean strait straits gulf bay island islands coast basin river channel".split())


@functools.cache
def builtin_names() -> tuple[str, ...]:
    """Countries (pycountry's names and common names, without the formal ones with commas), nationalities,
    regions and the compass names of regions."""
    countries = []
    for country in pycountry.countries:
        for name in (getattr(country, "common_name", ""), country.name):
            if name and "," not in name and "(" not in name and name.casefold() not in _COMMON_WORDS:
                countries.append(name)
    compass = [f"{point} {region}{suffix}" for region, points in _COMPASS_REGIONS.items()
               for point in points for suffix in ("", "n")]
    return tuple(dict.fromkeys([*countries, *_NATIONALITIES, *_REGIONS, *compass]))


class Names:
    """The proper names an article must capitalise, matched case-insensitively."""

    def __init__(self, names: Iterable[str]) -> None:
        self.canonical: dict[str, str] = {}
        for name in names:
            name = " ".join(name.split())
            if len(name) >= 3 and any(ch.isupper() for ch in name):
                self.canonical.setdefault(name.casefold(), name)
        alternatives = sorted(self.canonical.values(), key=len, reverse=True)
        body = "|".join(r"[\s\u00a0]+".join(re.escape(word) for word in name.split()) for name in alternatives)
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if body else None

    def miswritten(self, text: str) -> Iterator[re.Match[str]]:
        """Yield each name in text written with a lower-case letter where the name has a capital."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            if self._is_miswritten(text, match):
                yield match

    def miswritten_at(self, text: str, offset: int) -> bool:
        match = self.pattern.match(text, offset) if self.pattern else None
        return match is not None and self._is_miswritten(text, match)

    def canonical_of(self, written: str) -> str:
        return self.canonical[" ".join(written.split()).casefold()]

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
