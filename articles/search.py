"""Site search: what an article's searchable text is, how a reader's query is read, how matches are marked.

On PostgreSQL an article's words are kept in `Article.search_vector` (headline weighted A; subheadline, summary
and tags B; the body's blocks C, each kind giving its own words) with a GIN index, and searched with its full-text search.
Elsewhere (SQLite on a laptop) every word must appear in the headline or in `Article.search_text`, and
headline hits rank first. Both columns are rebuilt by `services.article_reindex` whenever an article is saved.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CONFIG = "english"
# Private-use characters mark matches in text coming back from the database; templates turn them into <mark>.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKS = re.compile(f"{MARK_START}(.*?){MARK_END}", re.S)
EXCERPT_WORDS = 30
MAX_RESULTS = 1000


@dataclass(frozen=True)
class SearchTerms:
    """A reader's query, cleaned: no control characters, at most MAX_QUERY_LENGTH characters and MAX_WORDS words.

    `text` is what the reader sees again in the search box; `words` are what is searched for: operators, quotes
    and punctuation a reader typed mean nothing here, so no query can be malformed.
    """

    text: str
    words: tuple[str, ...]
    shortened: bool = False

    @classmethod
    def parse(cls, raw: str | None) -> "SearchTerms":
        text = "".join(
            " " if unicodedata.category(char).startswith(("C", "Z")) else char for char in (raw or "")
        )
        text = " ".join(text.split())
        shortened = len(text) > MAX_QUERY_LENGTH
        text = text[:MAX_QUERY_LENGTH].strip()
        words, seen = [], set()
        for word in re.findall(r"\w+", text):
            if word.casefold() not in seen:
                seen.add(word.casefold())
                words.append(word)
        # Single letters (the "t" of "don't") would match and mark almost everything; keep them only if alone.
        words = [word for word in words if len(word) > 1] or words
        shortened = shortened or len(words) > MAX_WORDS
        return cls(text=text, words=tuple(words[:MAX_WORDS]), shortened=shortened)

    @property
    def query(self) -> str:
        return " ".join(self.words)

    def __bool__(self) -> bool:
        return bool(self.words)


def plain_text(html: str) -> str:
    """The words of rich text, without the marks the quality gate's reading adds."""
    from .quality import html_to_text

    # html_to_text marks headings and list items for the quality gate's parser; search wants the words only.
    return re.sub(r"(?m)^(### |- )", "", html_to_text(html))


@dataclass(frozen=True)
class Document:
    """An article's searchable words, read from the article and its typed blocks."""

    headline: str
    lead: str
    body: str
    tags: str

    def weighted(self) -> dict[str, str]:
        """Words by full-text weight: headline A; subheadline, summary and tags B; the body's parts C."""
        return {"A": self.headline, "B": _joined([self.lead, self.tags]), "C": self.body}

    @property
    def text(self) -> str:
        """All but the headline in reading order, tags last: the fallback searches it and excerpts come from it."""
        return _joined([self.lead, self.body, self.tags])


def document(article) -> Document:
    """The searchable words of an article loaded with `for_article_page()`."""
    body = [text for block in article.body_blocks() for text in block.block_kind.search_text(block)]
    body.append(article.dateline_place)
    return Document(
        headline=_joined([article.headline]),
        lead=_joined([article.subheadline, article.summary]),
        body=_joined(body),
        tags=_joined([tag.name for tag in article.tags.all()]),
    )


def _joined(parts: list[str]) -> str:
    """Parts as one text; a part without closing punctuation (a heading, a table row) is set off with a dot."""
    parts = [_without_marks(part.strip()) for part in parts if part and part.strip()]
    return " ".join(part if part[-1] in ".!?:;…\"”’)" else f"{part} ·" for part in parts).removesuffix(" ·")


def _without_marks(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


def search_vector(parts: dict[str, str]) -> SearchVector:
    """The weighted vector of a document, for an UPDATE on PostgreSQL."""
    vectors = [
        SearchVector(Value(text, output_field=TextField()), config=CONFIG, weight=weight) for weight, text in parts.items()
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def uses_full_text(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def matching(queryset, terms: SearchTerms):
    """Filter and rank a queryset of articles by the terms: full-text search on PostgreSQL, the fallback elsewhere.

    Only the newest MAX_RESULTS matches are ranked: a word found in most of 100,000 stories would otherwise be
    ranked (and counted) story by story on every search, and no reader pages that far.
    """
    if not terms:
        return queryset.none()
    condition, annotations = (full_text if uses_full_text(queryset) else fallback)(terms)
    newest = queryset.filter(condition).order_by("-published_at", "-pk").values("pk")[:MAX_RESULTS]
    return queryset.filter(pk__in=newest).annotate(**annotations).order_by("-rank", "-published_at", "-pk")


def full_text(terms: SearchTerms) -> tuple[Q, dict]:
    """Every word's stem in the search vector (served by its GIN index), ranked by weight, with marked text."""
    query = SearchQuery(terms.query, config=CONFIG, search_type="plain")
    marks = {"config": CONFIG, "start_sel": MARK_START, "stop_sel": MARK_END}
    return Q(search_vector=query), {
        "rank": SearchRank(F("search_vector"), query),
        "marked_headline": SearchHeadline("headline", query, highlight_all=True, **marks),
        "marked_excerpt": SearchHeadline(
            "search_text", query, max_words=EXCERPT_WORDS, min_words=EXCERPT_WORDS // 2, max_fragments=2,
            fragment_delimiter=" … ", **marks,
        ),
    }


def fallback(terms: SearchTerms) -> tuple[Q, dict]:
    """Every word somewhere in the headline or the search text; headline hits first, then subheadline and summary."""
    found = Q()
    rank = Value(0)
    for word in terms.words:
        found &= Q(headline__icontains=word) | Q(search_text__icontains=word)
        rank = rank + Case(When(headline__icontains=word, then=Value(2)), default=Value(0), output_field=IntegerField())
        rank = rank + Case(
            When(Q(subheadline__icontains=word) | Q(summary__icontains=word), then=Value(1)),
            default=Value(0), output_field=IntegerField(),
        )
    return found, {"rank": rank}


@dataclass(frozen=True)
class Part:
    text: str
    hit: bool


def marked_parts(text: str) -> list[Part]:
    """Split text the database marked into plain and matching parts, for the template to escape and mark up."""
    parts, at = [], 0
    for match in _MARKS.finditer(text):
        if match.start() > at:
            parts.append(Part(_without_marks(text[at:match.start()]), False))
        parts.append(Part(_without_marks(match.group(1)), True))
        at = match.end()
    if at < len(text):
        parts.append(Part(_without_marks(text[at:]), False))
    return [part for part in parts if part.text]


def word_parts(text: str, words: tuple[str, ...]) -> list[Part]:
    """Split text into parts that contain one of the words (case-insensitively) and parts that do not."""
    if not words:
        return [Part(text, False)] if text else []
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.I)
    return marked_parts(pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", _without_marks(text)))


def excerpt(text: str, words: tuple[str, ...], length: int = EXCERPT_WORDS) -> str:
    """About `length` words of the text around the first word found, with an ellipsis where it was cut."""
    tokens = text.split()
    lowered = [token.casefold() for token in tokens]
    first = next(
        (i for i, token in enumerate(lowered) if any(word.casefold() in token for word in words)), 0
    )
    start = max(0, min(first - length // 3, len(tokens) - length))
    piece = " ".join(tokens[start:start + length])
    return ("… " if start > 0 else "") + piece + (" …" if start + length < len(tokens) else "")


def add_highlights(articles, terms: SearchTerms) -> None:
    """Give each result `headline_parts` and `excerpt_parts`, marked by the database or, without one, here."""
    for article in articles:
        if hasattr(article, "marked_headline"):
            article.headline_parts = marked_parts(article.marked_headline)
            article.excerpt_parts = marked_parts(article.marked_excerpt)
        else:
            article.headline_parts = word_parts(article.headline, terms.words)
            article.excerpt_parts = word_parts(excerpt(article.search_text, terms.words), terms.words)
