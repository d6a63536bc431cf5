"""Measure the quality gate on our own corpus and on real copy, the tuned part apart from the held-aside part.

1. Our corpus (tests/articles/gate_cases): clean articles expect no findings; each faulty article has a sidecar
   `NAME.expected` with one expected finding a line, `severity rule` optionally followed by a quoted excerpt that
   the finding's text must contain. Findings are matched to expected lines one to one.
2. Real copy (../shared/data/copy, skipped when absent): clean/ must raise no error and few warnings; raw/ (the
   same stories as scraped) must raise no error; each defect that manifest.tsv quotes for defective-real/ must be
   covered by a finding of the kind bench/gate_expected.tsv asks for.

bench/gate_holdout.tsv lists the held-aside files with a hash of their contents: they are scored apart, only as
totals (never in detail, so that no one tunes on them), and a changed file is reported.

    python bench/gate_precision.py [-v] [--copy DIR] [--json FILE]
"""

import argparse
import csv
import difflib
import hashlib
import json
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.quality import Finding, check_document, document_from_text, text_at  # noqa: E402

CASES = ROOT / "tests" / "articles" / "gate_cases"
COPY = ROOT.parent / "shared" / "data" / "copy"
HOLDOUT = ROOT / "bench" / "gate_holdout.tsv"
EXPECTED_DEFECTS = ROOT / "bench" / "gate_expected.tsv"
ARTICLE_SUFFIXES = {".md", ".txt"}
PARTS = ("tuned", "held-aside")
# A defect quoted in the manifest's notes: between single quotes that are not apostrophes inside a word.
QUOTED = re.compile(r"(?<!\w)'(.+?)'(?!\w)")


# --- what is held aside ---------------------------------------------------------------------------------------


def held_aside(path: Path = HOLDOUT) -> dict[str, str]:
    """The held-aside files, each with the sha256 committed for it: our corpus's from the repository root
    ("tests/…"), the real copy's from the copy folder ("clean/…")."""
    held = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, digest = line.split("\t")[:2]
            held[name.strip()] = digest.strip()
    return held


def is_held(path: Path, held: dict[str, str], base: Path = ROOT) -> bool:
    return path.relative_to(base).as_posix() in held


def holdout_changes(held: dict[str, str], copy: Path | None) -> list[str]:
    """Held-aside files whose contents no longer match the committed hash (or that are gone)."""
    changes = []
    for name, digest in sorted(held.items()):
        base = ROOT if name.startswith("tests/") else copy
        if base is None:
            continue
        path = base / name
        if not path.is_file():
            changes.append(f"{name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            changes.append(f"{name}: changed since it was held aside")
    return changes


def part_of(held: bool) -> str:
    return PARTS[held]


# --- 1. our own corpus ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    severity: str
    rule: str
    text: str = ""

    def matches(self, finding: Finding) -> bool:
        """Same severity and rule, and the finding quotes the expected words or a part of them (a writer's excerpt
        may take in a word or two around the defect that the gate leaves out)."""
        if (finding.severity, finding.rule) != (self.severity, self.rule):
            return False
        return self.text in finding.text or bool(finding.text.strip()) and finding.text.strip() in self.text

    def __str__(self) -> str:
        return f"{self.severity} {self.rule}" + (f" {self.text!r}" if self.text else "")


@dataclass
class Score:
    true_positives: list[tuple[str, Finding]] = field(default_factory=list)
    false_positives: list[tuple[str, Finding]] = field(default_factory=list)
    false_negatives: list[tuple[str, Expected]] = field(default_factory=list)
    articles: int = 0

    @property
    def precision(self) -> float:
        found = len(self.true_positives) + len(self.false_positives)
        return len(self.true_positives) / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = len(self.true_positives) + len(self.false_negatives)
        return len(self.true_positives) / expected if expected else 1.0

    def figures(self) -> dict:
        return {
            "articles": self.articles,
            "true_positives": len(self.true_positives),
            "false_positives": len(self.false_positives),
            "false_negatives": len(self.false_negatives),
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


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


def tuned_articles(root: Path = CASES) -> Iterator[Path]:
    """The corpus the rules may be tuned on: every article that is not held aside."""
    held = held_aside()
    yield from (p for p in articles(root) if not is_held(p, held))


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


def score(root: Path = CASES, part: str = "tuned") -> Score:
    """Score one part of the corpus ("tuned", "held-aside", or "all")."""
    held = held_aside()
    result = Score()
    for path in articles(root):
        if part != "all" and part != part_of(is_held(path, held)):
            continue
        findings = check_document(document_from_text(path.read_text(encoding="utf-8")))
        hits, extra, misses = match(findings, read_expected(path.with_suffix(".expected")))
        name = str(path.relative_to(root))
        result.articles += 1
        result.true_positives += [(name, f) for f in hits]
        result.false_positives += [(name, f) for f in extra]
        result.false_negatives += [(name, e) for e in misses]
    return result


# --- 2. real copy ---------------------------------------------------------------------------------------------


def describe(finding: Finding) -> str:
    where = finding.label or finding.location.field
    return f"{finding.severity} {finding.rule} ({where}): {finding.text!r}"


@dataclass
class FolderScore:
    """Findings on clean/ or raw/ copy: every error is false, warnings are counted."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    files_with_errors: int = 0
    files_with_warnings: int = 0
    detail: list[tuple[str, list[Finding]]] = field(default_factory=list)

    def add(self, name: str, findings: list[Finding], keep_detail: bool) -> None:
        errors = sum(f.severity == "error" for f in findings)
        self.files += 1
        self.errors += errors
        self.warnings += len(findings) - errors
        self.files_with_errors += errors > 0
        self.files_with_warnings += len(findings) > errors
        if findings and keep_detail:
            self.detail.append((name, findings))

    def figures(self) -> dict:
        return {
            "files": self.files,
            "errors": self.errors,
            "warnings": self.warnings,
            "files_with_errors": self.files_with_errors,
            "files_with_warnings": self.files_with_warnings,
        }


@dataclass(frozen=True)
class Defect:
    file: str
    index: int
    quoted: str
    expect: str  # "error": a blocking error must cover it; "flag": any finding must

    @property
    def needle(self) -> str:
        """What to look for in the text: `…` marks elided text, so its first piece."""
        return self.quoted.split("…")[0].strip() or self.quoted.strip()

    def __str__(self) -> str:
        return f"{self.file} #{self.index} ({self.expect}) {self.quoted!r}"


@dataclass
class DefectScore:
    files: int = 0
    blocked: int = 0
    expected: int = 0
    caught: int = 0
    misses: list[tuple[Defect, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.expected if self.expected else 1.0

    def figures(self) -> dict:
        return {
            "files": self.files,
            "blocked": self.blocked,
            "share_blocked": round(self.blocked / self.files, 3) if self.files else None,
            "defects_expected": self.expected,
            "defects_caught": self.caught,
            "recall": round(self.recall, 3),
        }


def quoted_defects(notes: str) -> list[str]:
    return QUOTED.findall(notes)


def read_expected_defects(path: Path = EXPECTED_DEFECTS) -> dict[str, dict[int, str]]:
    """gate_expected.tsv: file id ("d01") → index of the quoted string in the notes → error | flag | out."""
    table: dict[str, dict[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            file_id, index, expect = line.split("\t")[:3]
            table.setdefault(file_id, {})[int(index)] = expect
    return table


def read_manifest(copy: Path) -> dict[str, dict[str, str]]:
    with (copy / "manifest.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


def paragraphs(doc) -> Iterator[str]:
    """Every text of the parsed story a defect can be in: headline, subheadline and each part."""
    yield doc.headline
    yield doc.subheadline
    for part in doc.parts:
        yield part.text


def spans(needle: str, text: str) -> list[tuple[int, int]]:
    """Where the needle is in a paragraph, spaces and line breaks counting as one."""
    words = needle.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def overlaps(a: str, b: str) -> bool:
    """Two texts share a run of at least four characters (or the whole of the shorter one)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    if not a or not b:
        return False
    run = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    return run >= min(4, len(a), len(b))


def covers(finding: Finding, doc, needle: str) -> bool:
    """The finding points into a paragraph where the defect is and its span overlaps it; without offsets, its
    text overlaps the defect."""
    location = finding.location
    paragraph = text_at(doc, location)
    where = spans(needle, paragraph) if paragraph else []
    if where and location.end > location.start:
        return any(location.start < end and start < location.end for start, end in where)
    if where and location.end == location.start and location.start:
        return any(start <= location.start <= end for start, end in where)
    if paragraph and not where:
        return False
    return overlaps(finding.text, needle)


def score_defects(
    copy: Path,
    rows: list[dict[str, str]],
    table: dict[str, dict[int, str]],
    keep_detail: bool,
) -> DefectScore:
    result = DefectScore()
    for row in rows:
        file_id = Path(row["file"]).name.split("_")[0]
        quoted = quoted_defects(row["notes"])
        wanted = table.get(file_id, {})
        if len(quoted) != len(wanted) or set(wanted) != set(range(len(quoted))):
            result.warnings.append(f"{file_id}: manifest quotes {len(quoted)} defects, gate_expected.tsv {len(wanted)}")
        doc = document_from_text((copy / row["file"]).read_text(encoding="utf-8"))
        findings = check_document(doc)
        result.files += 1
        result.blocked += any(f.severity == "error" for f in findings)
        texts = list(paragraphs(doc))
        for index, text in enumerate(quoted):
            expect = wanted.get(index, "out")
            if expect == "out":
                continue
            defect = Defect(file_id, index, text, expect)
            result.expected += 1
            eligible = [f for f in findings if expect == "flag" or f.severity == "error"]
            located = any(spans(defect.needle, t) for t in texts)
            if located:
                caught = any(covers(f, doc, defect.needle) for f in eligible)
            else:
                caught = any(overlaps(f.text, defect.needle) for f in eligible)
            if caught:
                result.caught += 1
            elif keep_detail:
                near = [describe(f) for f in findings if located and covers(f, doc, defect.needle)]
                reason = "only " + "; ".join(near) if near else "no finding covers it"
                result.misses.append((defect, reason if located else "not found in the parsed story"))
    return result


def score_copy(copy: Path, held: dict[str, str], detail: str = "tuned") -> dict[str, dict]:
    """clean/, raw/ and defective-real/, each split into the tuned and held-aside parts; only the `detail` part
    keeps its findings and misses."""
    manifest = read_manifest(copy)
    table = read_expected_defects()
    result: dict[str, dict] = {}
    for folder in ("clean", "raw"):
        result[folder] = {part: FolderScore() for part in PARTS}
        for path in sorted((copy / folder).glob("*.txt")):
            name = path.relative_to(copy).as_posix()
            findings = check_document(document_from_text(path.read_text(encoding="utf-8")))
            result[folder][part_of(name in held)].add(name, findings, keep_detail=part_of(name in held) == detail)
    defective = [row for name, row in sorted(manifest.items()) if name.startswith("defective-real/")]
    result["defective-real"] = {
        part: score_defects(
            copy,
            [row for row in defective if part_of(row["file"] in held) == part],
            table,
            part == detail,
        )
        for part in PARTS
    }
    return result


# --- report ---------------------------------------------------------------------------------------------------


def print_corpus(scores: dict[str, Score], verbose: bool, detail: str = "tuned") -> None:
    print("== our corpus (tests/articles/gate_cases)")
    for part, result in scores.items():
        f = result.figures()
        print(
            f"  {part:10} articles {f['articles']:3}  TP {f['true_positives']:3}  FP {f['false_positives']:3}  "
            f"FN {f['false_negatives']:3}  precision {f['precision']:.3f}  recall {f['recall']:.3f}"
        )
    if verbose:
        for name, finding in scores[detail].false_positives:
            print(f"    FP {name}: {describe(finding)}")
        for name, expected in scores[detail].false_negatives:
            print(f"    FN {name}: {expected}")


def print_copy(copy_scores: dict[str, dict], verbose: bool, detail: str = "tuned") -> None:
    for folder in ("clean", "raw"):
        label = "no error, few warnings" if folder == "clean" else "any error is a false error"
        print(f"== real copy {folder}/ ({label})")
        for part, result in copy_scores[folder].items():
            f = result.figures()
            per = f"{f['warnings'] / f['files']:.2f}" if f["files"] else "-"
            print(
                f"  {part:10} files {f['files']:3}  errors {f['errors']:3} (in {f['files_with_errors']} files)  "
                f"warnings {f['warnings']:3} (in {f['files_with_warnings']} files, {per} a story)"
            )
        if verbose:
            for name, findings in copy_scores[folder][detail].detail:
                for finding in findings:
                    print(f"    {name}: {describe(finding)}")
    print("== real copy defective-real/ (each defect the manifest quotes)")
    for part, result in copy_scores["defective-real"].items():
        f = result.figures()
        share = f"{f['share_blocked']:.0%}" if f["share_blocked"] is not None else "-"
        print(
            f"  {part:10} files {f['files']:3}  blocked {f['blocked']:3} ({share})  "
            f"caught {f['defects_caught']}/{f['defects_expected']}  recall {f['recall']:.3f}"
        )
        for warning in result.warnings if part == "tuned" else []:
            print(f"    warning: {warning}")
        if part != "tuned" and result.warnings:
            print(f"    warning: {len(result.warnings)} held-aside files quote another number of defects")
    if verbose:
        for defect, reason in copy_scores["defective-real"][detail].misses:
            print(f"    MISS {defect}: {reason}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding and miss (tuned part)")
    parser.add_argument("--copy", type=Path, default=COPY, help="the real copy's folder (default ../shared/data/copy)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument(
        "--held-aside-detail", action="store_true",
        help="with -v, list the held-aside part's findings and misses instead: only for the final count, once the "
             "rules have settled (looking earlier would tune the rules on it)",
    )
    args = parser.parse_args(argv)
    detail = "held-aside" if args.held_aside_detail else "tuned"

    held = held_aside()
    copy = args.copy if (args.copy / "manifest.tsv").is_file() else None
    figures: dict = {"holdout_changes": holdout_changes(held, copy)}
    for change in figures["holdout_changes"]:
        print(f"HELD-ASIDE FILE {change}")
    checked = sum(name.startswith("tests/") or copy is not None for name in held)
    print(
        f"held aside: {len(held)} files listed, {checked} checked, {len(figures['holdout_changes'])} changed or missing"
    )

    corpus = {part: score(CASES, part) for part in PARTS}
    figures["corpus"] = {part: result.figures() for part, result in corpus.items()}
    print_corpus(corpus, args.verbose, detail)

    if copy is None:
        print(f"== real copy: skipped, {args.copy} has no manifest.tsv (the data set is not on this machine)")
        figures["copy"] = None
    else:
        copy_scores = score_copy(copy, held, detail)
        figures["copy"] = {
            folder: {part: result.figures() for part, result in parts.items()} for folder, parts in copy_scores.items()
        }
        print_copy(copy_scores, args.verbose, detail)

    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
