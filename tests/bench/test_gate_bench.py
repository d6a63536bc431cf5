"""The quality gate's bench, so `make bench-gate` cannot quietly measure the wrong thing: the defects quoted in a
manifest are read one by one, located in the parsed story and counted caught only where a finding covers them,
held-aside files are scored apart and a changed one is reported."""

import hashlib

from bench import gate_precision as bench
from bench import gate_speed

STORY = """Harbour wall repairs to start in spring
QUAYTON, Feb. 3 (Reuters) -

The harbour board approved £2 million of repairs to the north wall on Monday, the chair [TBD] said.

Fishing boats will use the south quay while the work goes on.
"""


def test_quoted_defects_keep_apostrophes_inside_a_quote():
    notes = (
        "placeholder '[Mayor's name]'; unclosed spintax '{big|small'; heading ending in '|' ('Plans Approved|'); "
        "the writers' own 'Read more' line"
    )
    assert bench.quoted_defects(notes) == ["[Mayor's name]", "{big|small", "|", "Plans Approved|", "Read more"]


def test_an_elided_defect_is_searched_by_its_first_piece_across_line_breaks():
    defect = bench.Defect("d99", 0, "I cannot write this story … Please send the notes.", "error")
    assert defect.needle == "I cannot write this story"
    assert bench.spans(defect.needle, "Sorry. I cannot\nwrite this story today.") == [(7, 32)]


def copy_folder(tmp_path, notes: str):
    (tmp_path / "defective-real").mkdir()
    (tmp_path / "defective-real" / "d99_placeholder_harbour.txt").write_text(STORY, encoding="utf-8")
    header = "file\tkind\toutlet\turl\ttopic\tnotes\n"
    row = f"defective-real/d99_placeholder_harbour.txt\tdefective-real\tX\thttps://example.org\tlocal\t{notes}\n"
    (tmp_path / "manifest.tsv").write_text(header + row, encoding="utf-8")
    return tmp_path


def test_a_defect_counts_as_caught_only_where_a_finding_of_the_required_kind_covers_it(tmp_path):
    copy = copy_folder(tmp_path, "placeholder '[TBD]'; nothing wrong with 'the south quay'; style of 'Harbour wall'")
    rows = list(bench.read_manifest(copy).values())
    table = {"d99": {0: "error", 1: "flag", 2: "out"}}
    result = bench.score_defects(copy, rows, table, keep_detail=True)
    assert (result.files, result.blocked, result.expected, result.caught) == (1, 1, 2, 1)
    assert [(d.index, reason) for d, reason in result.misses] == [(1, "no finding covers it")]
    assert result.warnings == []


def test_a_different_count_of_quoted_defects_is_reported(tmp_path):
    copy = copy_folder(tmp_path, "placeholder '[TBD]'")
    rows = list(bench.read_manifest(copy).values())
    result = bench.score_defects(copy, rows, {"d99": {0: "error", 1: "flag"}}, keep_detail=False)
    assert result.warnings == ["d99: manifest quotes 1 defects, gate_expected.tsv 2"]
    assert result.misses == []


def test_held_aside_files_are_checked_against_their_hash(tmp_path):
    (tmp_path / "clean").mkdir()
    kept, edited = tmp_path / "clean" / "c1.txt", tmp_path / "clean" / "c2.txt"
    kept.write_text("One.\n")
    edited.write_text("Two.\n")
    held = {
        "clean/c1.txt": hashlib.sha256(b"One.\n").hexdigest(),
        "clean/c2.txt": hashlib.sha256(b"Two, before.\n").hexdigest(),
        "clean/c3.txt": "0" * 64,
    }
    assert bench.holdout_changes(held, tmp_path) == [
        "clean/c2.txt: changed since it was held aside",
        "clean/c3.txt: missing",
    ]


def test_our_corpus_parts_split_on_the_holdout_list_and_its_hashes_hold():
    held = bench.held_aside()
    ours = [name for name in held if name.startswith("tests/")]
    tuned, kept = bench.score(part="tuned"), bench.score(part="held-aside")
    assert kept.articles == len([name for name in ours if not name.endswith(".expected")]) > 0
    assert tuned.articles + kept.articles == len(list(bench.articles()))
    assert bench.holdout_changes({name: held[name] for name in ours}, None) == []


def test_the_speed_story_is_long_enough():
    story, words, paragraphs = gate_speed.compose(600)
    assert words >= 600 and paragraphs == story.count("\n\n") + 1
