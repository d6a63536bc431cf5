"""Measure the quality gate's precision and recall on the test corpus in tests/articles/gate_cases.

Clean articles expect no findings; each faulty article has a sidecar `NAME.expected` with one
expected finding a line: `severity rule` optionally followed by a quoted excerpt that the
finding's text must contain. Findings are matched to expected lines one to one.

    python bench/gate_precision.py [-v]
"""

import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.quality import Finding, check_document, document_from_text  # noqa: E402

CASES = ROOT / "tests" / "articles" / "gate_cases"
ARTICLE_SUFFIXES = {".md", ".txt"}


@dataclass(frozen=True)
class Expected:
    severity: str
    rule: str
    text: str = ""

    def matches(self, finding: Finding) -> bool:
        return (finding.severity, finding.rule) == (self.severity, self.rule) and self.text in finding.text

    def __str__(self) -> str:
        return f"{self.severity} {self.rule}" + (f" {self.text!r}" if self.text else "")


@dataclass
class Score:
    true_positives: list[tuple[str, Finding]]
    false_positives: list[tuple[str, Finding]]
    false_negatives: list[tuple[str, Expected]]

    @property
    def precision(self) -> float:
        found = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.true_positives) + len(self.false_negatives)
        return len(self.true_positives) / expected if expected else 1.0


def read_expected(path: Path) -> list[Expected]:
    """Read a sidecar; a missing sidecar means the article must be clean."""
    if not path.is_file():
        return []
    expected = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            expected.append(Expected(*shlex.split(line)))
    return expected


def articles(root: Path = CASES) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*") if p.suffix in ARTICLE_SUFFIXES)


def match(findings: list[Finding], expected: list[Expected]) -> tuple[list[Finding], list[Finding], list[Expected]]:
    """Pair findings with expected lines one to one, most specific expectations first."""
    unmatched = list(findings)
    hits, misses = [], []
    for want in sorted(expected, key=lambda e: not e.text):
        found = next((f for f in unmatched if want.matches(f)), None)
        if found is None:
            misses.append(want)
        else:
            unmatched.remove(found)
            hits.append(found)
    return hits, unmatched, misses


def score(root: Path = CASES) -> Score:
    result = Score([], [], [])
    for path in articles(root):
        findings = check_document(document_from_text(path.read_text(encoding="utf-8")))
        hits, extra, misses = match(findings, read_expected(path.with_suffix(".expected")))
        name = str(path.relative_to(root))
        result.true_positives += [(name, f) for f in hits]
        result.false_positives += [(name, f) for f in extra]
        result.false_negatives += [(name, e) for e in misses]
    return result


def main(argv: list[str]) -> int:
    result = score()
    count = sum(1 for _ in articles())
    print(f"articles: {count}")
    print(f"true positives: {len(result.true_positives)}")
    print(f"false positives: {len(result.false_positives)}")
    print(f"false negatives: {len(result.false_negatives)}")
    print(f"precision: {result.precision:.3f}")
    print(f"recall: {result.recall:.3f}")
    if "-v" in argv:
        for name, finding in result.false_positives:
            print(f"  FP {name}: {finding.severity} {finding.rule} {finding.field}: {finding.text!r}")
        for name, expected in result.false_negatives:
            print(f"  FN {name}: {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
