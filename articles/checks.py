"""System checks of the articles app's settings."""

from django.conf import settings
from django.core import checks

SEVERITIES = ("error", "warning", "off")


def quality_rule_problems(overrides) -> list[str]:
    """What is wrong with a NEWSROOM_QUALITY_RULES value, one sentence per problem (none when it is usable)."""
    from . import quality

    if not isinstance(overrides, dict):
        return [f"NEWSROOM_QUALITY_RULES must map rule ids to a severity, not be a {type(overrides).__name__}."]
    known = sorted(rule.id for rule in quality.rules())
    problems = []
    for rule, severity in overrides.items():
        if rule not in known:
            problems.append(f"NEWSROOM_QUALITY_RULES names “{rule}”, which is no rule of the quality gate.")
        elif severity not in SEVERITIES:
            problems.append(
                f"NEWSROOM_QUALITY_RULES sets “{rule}” to “{severity}”: a rule is “error”, “warning” or “off”."
            )
    return problems


@checks.register()
def quality_rules_setting(app_configs=None, **kwargs):
    """A mistyped rule id or severity would otherwise leave a rule at a severity nobody chose, without a word."""
    from . import quality

    known = ", ".join(sorted(rule.id for rule in quality.rules()))
    return [
        checks.Error(
            problem,
            hint=f'The rules are: {known}. Example: NEWSROOM_QUALITY_RULES="missing-space=off,date-mismatch=error".',
            id="articles.E001",
        )
        for problem in quality_rule_problems(getattr(settings, "NEWSROOM_QUALITY_RULES", {}))
    ]
