"""The gate's rules as declared: ids, severities, examples, overrides, and `lint_article --list-rules`."""

import io

import pytest
from django.core.management import call_command

from articles.quality import Document, GateConfig, all_rules, check_document, document_from_text
from articles.quality.registry import rule

HEADLINE = "Council approves budget"


def example_document(text: str) -> Document:
    """An example is a story (headline, blank line, body) or, on one line, a body under a plain headline."""
    return document_from_text(text if "\n" in text else f"{HEADLINE}\n\n{text}")


EXAMPLES = [
    pytest.param(spec.id, text, flagged, id=f"{spec.id}-{index}")
    for spec in all_rules() for index, (text, flagged) in enumerate(spec.examples)
]


@pytest.mark.parametrize(("rule_id", "text", "flagged"), EXAMPLES)
def test_every_rule_example_is_flagged_or_passed_as_declared(rule_id, text, flagged):
    found = {finding.rule for finding in check_document(example_document(text))}
    assert (rule_id in found) is flagged


def test_every_blocking_family_has_examples_both_ways():
    for spec in all_rules():
        if spec.severity == "error" and spec.id not in {"empty-block"}:
            assert any(flag for _, flag in spec.examples), spec.id


def test_a_rule_id_cannot_be_declared_twice():
    with pytest.raises(ValueError, match="declared twice"):
        rule("placeholder", severity="error", description="again")(lambda ctx: iter(()))


def placeholder_story() -> Document:
    return document_from_text(f"{HEADLINE}\n\nThe council approved [insert amount] for roads.")


def test_a_rule_turned_off_reports_nothing():
    assert [f.rule for f in check_document(placeholder_story())] == ["placeholder"]
    assert check_document(placeholder_story(), config=GateConfig({"placeholder": "off"})) == []


def test_a_rule_can_be_made_a_warning_or_an_error():
    lowered = check_document(placeholder_story(), config=GateConfig({"placeholder": "warning"}))
    assert [(f.rule, f.severity) for f in lowered] == [("placeholder", "warning")]
    story = document_from_text(f"{HEADLINE}\n\nThe vote passed.Both sides agreed.")
    raised = check_document(story, config=GateConfig({"missing-space": "error"}))
    assert [(f.rule, f.severity) for f in raised] == [("missing-space", "error")]


def test_unknown_rules_and_levels_are_named():
    problems = GateConfig({"no-such-rule": "off", "placeholder": "loud"}).problems()
    assert problems == [
        "unknown rule “no-such-rule”", "unknown level “loud” for “placeholder” (use error, warning or off)",
    ]
    assert GateConfig({"placeholder": "warning"}).problems() == []


def test_findings_carry_typed_locations_and_a_display_label():
    finding = check_document(placeholder_story())[0]
    paragraph = "The council approved [insert amount] for roads."
    assert (finding.location.field, finding.location.paragraph) == ("body", 0)
    assert paragraph[finding.location.start : finding.location.end] == "[insert amount]"
    assert finding.label == "body"
    assert finding.key == ("placeholder", "", "body", "[insert amount]")


def test_a_finding_key_survives_an_edit_elsewhere_in_the_story():
    before = check_document(placeholder_story())[0]
    edited = document_from_text(f"{HEADLINE}\n\nA new first paragraph.\n\nThe council approved [insert amount] for roads.")
    after = [f for f in check_document(edited) if f.rule == "placeholder"][0]
    assert after.location != before.location
    assert after.key == before.key


def test_list_rules_prints_every_rule_with_its_severity_description_and_examples():
    out = io.StringIO()
    call_command("lint_article", "--list-rules", stdout=out)
    text = out.getvalue()
    for spec in all_rules():
        assert f"{spec.id}: {spec.severity}" in text
        assert spec.description in text
    assert "flags: 'The council approved [insert amount here] for the works.'" in text



def test_list_rules_shows_the_sites_overrides(settings):
    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "off"}
    out = io.StringIO()
    call_command("lint_article", "--list-rules", stdout=out)
    if "missing-space: off (default warning)" not in out.getvalue():
        pytest.fail("the site's override is not shown (settings are read by articles.services.gate_config)")


def test_the_gate_s_documentation_describes_every_rule():
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "quality-gate.md").read_text(encoding="utf-8")
    missing = [spec.id for spec in all_rules() if f"| `{spec.id}` | {spec.severity} |" not in docs]
    assert missing == []
