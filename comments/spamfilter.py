"""Learned spam filter: naive Bayes over comment tokens, trained on moderators' decisions and labelled CSV files.

Naive Bayes runs locally in pure Python, needs no network service, and learns from every approve/spam
decision a moderator makes, so the filter adapts to the spam this site actually receives.

Storage: the counts live in the single `SpamFilterState` row (pk=1) as JSON, which every app server reads;
each process caches the parsed model keyed by the row's `updated_at`.
"""

import csv
import html
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from .models import SpamFilterState

STATE_PK = 1
TOKEN_LIMIT = 50_000
PRUNE_TO = 0.9
MIN_EXAMPLES = 20
DEFAULT_SPAM_THRESHOLD = 0.9
DEFAULT_HOLD_THRESHOLD = 0.6
REASON_WORDS = 3
FORMAT_VERSION = 1

URL_TOKEN = "__url__"
DOMAIN_PREFIX = "__domain__:"
NUMBER_TOKEN = "__num__"
CAPS_TOKEN = "__caps__"
BANG_TOKEN = "__bang__"
MONEY_TOKEN = "__money__"
EMOJI_TOKEN = "__emoji__"

_TLDS = "com|net|org|info|biz|ly|be|gl|me|tv|co|io|us|uk|ru|de|fr|in|pl|ro|es|it|nl|xyz|site|online|club|top"
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    rf"|\b(?:[a-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2060\ufeff]")
_BANGS = re.compile(r"!{2,}")
_MONEY = re.compile(r"\$+")
_EMOJI = re.compile(r"[^\x00-\x7f\w\s]+")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_SECOND_LEVEL = {"co", "com", "net", "org", "ac", "gov"}

_FEATURE_NAMES = {
    URL_TOKEN: "a link",
    NUMBER_TOKEN: "a number",
    CAPS_TOKEN: "capitals",
    BANG_TOKEN: "!!",
    MONEY_TOKEN: "$",
    EMOJI_TOKEN: "emoji",
}


def _domain(url: str) -> str:
    """Reduce a web address to its registrable domain, so every page of one site counts as one token."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.lower())
    host = re.split(r"[/?#:]", host, maxsplit=1)[0].strip(".")
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def tokenize(text: str) -> list[str]:
    """Lower-cased words and word bigrams, plus tokens for links, domains, numbers, capitals, !!, $ and emoji."""
    text = unicodedata.normalize("NFKC", html.unescape(text))
    text = _INVISIBLE.sub("", text)
    tokens: list[str] = []
    for match in _URL.finditer(text):
        tokens += [URL_TOKEN, DOMAIN_PREFIX + _domain(match.group())]
    text = _TAG.sub(" ", _URL.sub(" ", text))
    tokens += [BANG_TOKEN] * len(_BANGS.findall(text))
    tokens += [MONEY_TOKEN] * len(_MONEY.findall(text))
    tokens += [EMOJI_TOKEN] * len(_EMOJI.findall(text))
    words: list[str] = []
    for word in _WORD.findall(text):
        if word.isdigit():
            words.append(NUMBER_TOKEN)
            continue
        if len(word) >= 3 and word.isupper():
            tokens.append(CAPS_TOKEN)
        words.append(word.lower().replace("'", ""))
    tokens += words
    tokens += [f"{first} {second}" for first, second in zip(words, words[1:], strict=False)]
    return tokens


def display_token(token: str) -> str:
    """How a token reads in a moderator's reason: feature tokens in words, domains bare, numbers in a pair as #."""
    if token.startswith(DOMAIN_PREFIX):
        return token.removeprefix(DOMAIN_PREFIX)
    if " " in token:
        return " ".join("#" if word == NUMBER_TOKEN else word for word in token.split(" "))
    return _FEATURE_NAMES.get(token, token)


class NaiveBayes:
    """Multinomial naive Bayes with Laplace smoothing over the distinct tokens of each comment.

    A token repeated within one comment counts once, so a single shouted word cannot outweigh the rest;
    tokens never seen in training carry no evidence either way. When more than `max_tokens` distinct
    tokens are known, the least frequent are dropped down to 90% of the limit (ties: the least one-sided
    first), which keeps the stored JSON near 1 MB and makes pruning rare rather than per comment.
    """

    def __init__(self, max_tokens: int = TOKEN_LIMIT) -> None:
        self.max_tokens = max_tokens
        self.counts: dict[str, list[int]] = {}
        self.docs = [0, 0]
        self.totals = [0, 0]

    @staticmethod
    def features(text: str) -> set[str]:
        """The distinct tokens of a comment: presence, not frequency, is what the model counts."""
        return set(tokenize(text))

    @property
    def spam_docs(self) -> int:
        return self.docs[0]

    @property
    def ham_docs(self) -> int:
        return self.docs[1]

    @property
    def vocabulary_size(self) -> int:
        return len(self.counts)

    def train(self, text: str, *, spam: bool) -> None:
        """Count one labelled comment."""
        side = 0 if spam else 1
        self.docs[side] += 1
        for token in self.features(text):
            pair = self.counts.setdefault(token, [0, 0])
            pair[side] += 1
            self.totals[side] += 1
        if len(self.counts) > self.max_tokens:
            self.prune(int(self.max_tokens * PRUNE_TO))

    def untrain(self, text: str, *, spam: bool) -> None:
        """Undo `train` for a reversed decision; counts never drop below zero, even for pruned tokens."""
        side = 0 if spam else 1
        self.docs[side] = max(0, self.docs[side] - 1)
        for token in self.features(text):
            pair = self.counts.get(token)
            if pair is None or pair[side] == 0:
                continue
            pair[side] -= 1
            self.totals[side] -= 1
            if pair == [0, 0]:
                del self.counts[token]

    def prune(self, keep: int) -> None:
        """Keep the `keep` most frequent tokens; totals shrink with them so probabilities stay consistent."""
        if len(self.counts) <= keep:
            return
        ranked = sorted(self.counts.items(), key=lambda item: (-sum(item[1]), -abs(item[1][0] - item[1][1]), item[0]))
        self.counts = dict(ranked[:keep])
        self.totals = [sum(pair[0] for pair in self.counts.values()), sum(pair[1] for pair in self.counts.values())]

    def _evidence(self, tokens: Iterable[str]) -> list[tuple[str, float]]:
        """Each known token's log-likelihood ratio, spam over ham; positive points to spam."""
        vocabulary = len(self.counts)
        spam_denominator = self.totals[0] + vocabulary
        ham_denominator = self.totals[1] + vocabulary
        evidence = []
        for token in tokens:
            pair = self.counts.get(token)
            if pair is not None:
                ratio = math.log((pair[0] + 1) / spam_denominator) - math.log((pair[1] + 1) / ham_denominator)
                evidence.append((token, ratio))
        return evidence

    def spam_log_odds(self, text: str) -> float:
        """Log odds of spam: smoothed class prior plus each known token's evidence."""
        prior = math.log((self.docs[0] + 1) / (self.docs[1] + 1))
        return prior + sum(ratio for _, ratio in self._evidence(self.features(text)))

    def spam_probability(self, text: str) -> float:
        """Probability in [0, 1] that the comment is spam; 0.5 until both spam and ham have been seen."""
        if not (self.docs[0] and self.docs[1]):
            return 0.5
        log_odds = self.spam_log_odds(text)
        if log_odds >= 0:
            return 1 / (1 + math.exp(-log_odds))
        odds = math.exp(log_odds)
        return odds / (1 + odds)

    def strongest_tokens(self, text: str, *, towards_spam: bool = True, limit: int = REASON_WORDS) -> list[str]:
        """The known tokens that push hardest towards spam (or towards ham), strongest first."""
        sign = 1 if towards_spam else -1
        evidence = [(token, sign * ratio) for token, ratio in self._evidence(self.features(text)) if sign * ratio > 0]
        evidence.sort(key=lambda item: (-item[1], item[0]))
        return [token for token, _ in evidence[:limit]]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts: {"version", "docs": [spam, ham], "tokens": {token: [spam, ham]}}."""
        tokens = {token: list(pair) for token, pair in self.counts.items()}
        return {"version": FORMAT_VERSION, "docs": list(self.docs), "tokens": tokens}

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, max_tokens: int = TOKEN_LIMIT) -> "NaiveBayes":
        """Rebuild from `to_dict` output; an empty dict (the row's default) is an empty filter."""
        model = cls(max_tokens=max_tokens)
        if not data:
            return model
        spam_docs, ham_docs = data["docs"]
        model.docs = [int(spam_docs), int(ham_docs)]
        model.counts = {str(token): [int(pair[0]), int(pair[1])] for token, pair in data["tokens"].items()}
        model.totals = [sum(p[0] for p in model.counts.values()), sum(p[1] for p in model.counts.values())]
        return model


def verdict_for(probability: float, *, spam_threshold: float, hold_threshold: float) -> str:
    """"spam" at or above the spam threshold, "hold" at or above the hold threshold, otherwise "approve"."""
    if probability >= spam_threshold:
        return "spam"
    if probability >= hold_threshold:
        return "hold"
    return "approve"


def _percent(probability: float) -> str:
    """A percentage that never rounds a near-certainty up to 100% or down to 0%."""
    if 0.99 < probability < 1:
        return "over 99%"
    if 0 < probability < 0.01:
        return "under 1%"
    return f"{probability:.0%}"


def check_with(
    model: NaiveBayes, text: str, *, spam_threshold: float, hold_threshold: float
) -> tuple[str, str, float]:
    """Judge `text` with a given model: (verdict, reason for the moderator, spam probability)."""
    probability = model.spam_probability(text)
    if model.spam_docs < MIN_EXAMPLES or model.ham_docs < MIN_EXAMPLES:
        reason = (
            f"Learned filter: not enough decisions learned yet ({model.spam_docs} spam, "
            f"{model.ham_docs} approved; it votes after {MIN_EXAMPLES} of each)"
        )
        return "approve", reason, probability
    verdict = verdict_for(probability, spam_threshold=spam_threshold, hold_threshold=hold_threshold)
    words = [display_token(t) for t in model.strongest_tokens(text, towards_spam=verdict != "approve")]
    because = f"words: {', '.join(words)}" if words else "no words it has learned"
    return verdict, f"Learned filter: {_percent(probability)} likely spam ({because})", probability


def learned_filter_check(
    text: str, *, spam_threshold: float | None = None, hold_threshold: float | None = None
) -> tuple[str, str, float]:
    """Judge a comment with the stored filter; thresholds default to settings COMMENTS_SPAM/HOLD_THRESHOLD."""
    if spam_threshold is None:
        spam_threshold = getattr(settings, "COMMENTS_SPAM_THRESHOLD", DEFAULT_SPAM_THRESHOLD)
    if hold_threshold is None:
        hold_threshold = getattr(settings, "COMMENTS_HOLD_THRESHOLD", DEFAULT_HOLD_THRESHOLD)
    return check_with(load_filter(), text, spam_threshold=spam_threshold, hold_threshold=hold_threshold)


_cache: tuple[datetime, NaiveBayes] | None = None


def load_filter() -> NaiveBayes:
    """The stored filter, re-parsed only when the row's `updated_at` moved; treat the result as read-only."""
    global _cache
    updated_at = SpamFilterState.objects.filter(pk=STATE_PK).values_list("updated_at", flat=True).first()
    if updated_at is None:
        return NaiveBayes()
    cached = _cache
    if cached is not None and cached[0] == updated_at:
        return cached[1]
    row = SpamFilterState.objects.filter(pk=STATE_PK).values_list("data", "updated_at").first()
    if row is None:
        return NaiveBayes()
    model = NaiveBayes.from_dict(row[0])
    _cache = (row[1], model)
    return model


def _update(change: Iterable[tuple[str, bool]], *, forget: bool = False, reset: bool = False) -> tuple[int, int]:
    """Apply (un)training to the locked row so concurrent moderators on several servers never lose counts."""
    spam = ham = 0
    with transaction.atomic():
        state, _ = SpamFilterState.objects.select_for_update().get_or_create(pk=STATE_PK)
        model = NaiveBayes() if reset else NaiveBayes.from_dict(state.data)
        for text, is_spam in change:
            if forget:
                model.untrain(text, spam=is_spam)
            else:
                model.train(text, spam=is_spam)
            spam += is_spam
            ham += not is_spam
        state.data = model.to_dict()
        state.save(update_fields=["data", "updated_at"])
    return spam, ham


def learn(text: str, *, spam: bool) -> None:
    """Teach the stored filter one moderator decision."""
    _update([(text, spam)])


def unlearn(text: str, *, spam: bool) -> None:
    """Forget a decision a moderator has reversed; pass the label it was learned with."""
    _update([(text, spam)], forget=True)


def learn_many(rows: Iterable[tuple[str, bool]], *, reset: bool = False) -> tuple[int, int]:
    """Teach many labelled comments in one transaction, after forgetting everything if `reset`; returns (spam, ham)."""
    return _update(rows, reset=reset)


SPAM_LABELS = {"1", "spam", "true"}
HAM_LABELS = {"0", "ham", "false"}


def read_labelled_csv(
    path: str | Path, *, text_column: str = "CONTENT", label_column: str = "CLASS"
) -> list[tuple[str, bool]]:
    """Read (text, is_spam) rows from a UTF-8 CSV; labels 1/spam/true and 0/ham/false, any case."""
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            raise ValueError(f"{path.name}: the file is empty; expected a header with {text_column} and {label_column}")
        reader.fieldnames = [name.strip() for name in reader.fieldnames]
        missing = [column for column in (text_column, label_column) if column not in reader.fieldnames]
        if missing:
            raise ValueError(
                f"{path.name}: missing column(s) {', '.join(missing)}; the header has {', '.join(reader.fieldnames)}"
            )
        rows = []
        for record in reader:
            text = record[text_column] or ""
            label = (record[label_column] or "").strip().lower()
            if label in SPAM_LABELS:
                is_spam = True
            elif label in HAM_LABELS:
                is_spam = False
            else:
                raise ValueError(f"{path.name}, line {reader.line_num}: label {label!r} is not spam (1) or ham (0)")
            # A blank comment would teach only the class prior, skewing it without any words to learn from.
            if text.strip():
                rows.append((text, is_spam))
        return rows
