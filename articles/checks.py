"""System checks of the articles app's settings."""

from collections.abc import Mapping

from django.conf import settings
from django.core import checks


@checks.register()
def quality_rules_setting(app_configs=None, **kwargs):
    """A mistyped rule id or severity would otherwise leave a rule at a severity nobody chose, without a word."""
    from . import quality

    overrides = getattr(settings, "NEWSROOM_QUALITY_RULES", {})
    if isinstance(overrides, Mapping):
        problems = quality.GateConfig(severities=dict(overrides)).problems()
    else:
        problems = [f"it must map rule ids to a severity, not be a {type(overrides).__name__}"]
    known = ", ".join(sorted(spec.id for spec in quality.all_rules()))
    return [
        checks.Error(
            f"NEWSROOM_QUALITY_RULES: {problem}.",
            hint=f'The rules are: {known}. Example: NEWSROOM_QUALITY_RULES="missing-space=off,date-mismatch=error".',
            id="articles.E001",
        )
        for problem in problems
    ]
