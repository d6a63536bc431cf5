"""Time the quality gate on a story of about 2,000 words, against a baseline measured in the same run.

The story is composed from the body paragraphs of our clean corpus (tests/articles/gate_cases/clean, held-aside
stories left out), repeated only if they run out. The gate's check is timed on the parsed story; the baselines are
parsing the same text (`document_from_text`) and reading the same story as HTML (`html_to_text`), so the ratio
says how the gate compares with work the editor's save does anyway, whatever the machine. No time is asserted.

    python bench/gate_speed.py [--words 2000] [--runs 200]
"""

import argparse
import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.quality import check_document, document_from_text, html_to_text  # noqa: E402
from bench.gate_precision import CASES, tuned_articles  # noqa: E402

HEAD = [
    "# Council sets out ten-year plan for the city centre",
    "Housing, transport and parks take most of the money",
    "DERBY – March 12, 2025 – The city council on Wednesday published a ten-year plan for the city centre.",
]


def body_paragraphs() -> list[str]:
    """Body paragraphs of the tuned clean stories: no headings, headlines or datelines, no scraped furniture."""
    found = []
    for path in tuned_articles(CASES / "clean"):
        if path.suffix != ".md":
            continue
        paragraphs = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        # The first three are the headline, the subheadline and the datelined lede.
        found += [p for p in paragraphs[3:] if not p.startswith("#") and not p.startswith("*")]
    return found


def compose(words: int) -> tuple[str, int, int]:
    """A Markdown story of at least `words` words; also its word and paragraph counts."""
    source = body_paragraphs()
    paragraphs = list(HEAD)
    count, index = sum(len(p.split()) for p in paragraphs), 0
    while count < words:
        paragraph = source[index % len(source)]
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        index += 1
    return "\n\n".join(paragraphs) + "\n", count, len(paragraphs)


def as_html(story: str) -> str:
    return "".join(f"<p>{html.escape(p.lstrip('# '))}</p>" for p in story.split("\n\n") if p.strip())


def timings(call: Callable[[], object], runs: int) -> list[float]:
    call()  # a first call fills the caches (compiled patterns, name lists)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) >= 2 else times[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words", type=int, default=2000, help="length of the story (default 2000)")
    parser.add_argument("--runs", type=int, default=200, help="timed runs of each call (default 200)")
    args = parser.parse_args(argv)

    story, words, paragraphs = compose(args.words)
    doc = document_from_text(story)
    markup = as_html(story)
    findings = check_document(doc)
    print(f"story: {words} words, {paragraphs} paragraphs, {len(findings)} findings; {args.runs} runs of each call")

    results = {
        "check_document (parsed story)": timings(lambda: check_document(doc), args.runs),
        "document_from_text + check": timings(lambda: check_document(document_from_text(story)), args.runs),
        "baseline: document_from_text": timings(lambda: document_from_text(story), args.runs),
        "baseline: html_to_text": timings(lambda: html_to_text(markup), args.runs),
    }
    for name, times in results.items():
        print(f"  {name:31} median {statistics.median(times):8.2f} ms   p95 {p95(times):8.2f} ms")
    check = statistics.median(results["check_document (parsed story)"])
    for name in ("baseline: document_from_text", "baseline: html_to_text"):
        if base := statistics.median(results[name]):
            print(f"  check / {name.removeprefix('baseline: ')}: {check / base:.1f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
