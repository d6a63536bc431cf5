"""The gate's rules, each declared once with its id, default severity, description and examples.

Like Django's system checks: a decorator fills the registry, every rule has a stable id, and settings (passed in
as a `GateConfig`, since this package imports nothing from Django) can change a rule's severity or turn it off.
"""

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Literal

from .document import Severity

Level = Literal["error", "warning", "off"]
LEVELS: tuple[Level, ...] = ("error", "warning", "off")


@dataclasses.dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity
    description: str
    # (text, whether the rule flags it): shown by `lint_article --list-rules` and checked by the tests.
    examples: tuple[tuple[str, bool], ...]
    check: Callable[[Any], Iterator[Any]]


@dataclasses.dataclass(frozen=True)
class GateConfig:
    """Severity overrides by rule id: "error", "warning" or "off"."""

    severities: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def level(self, spec: RuleSpec) -> str:
        return self.severities.get(spec.id, spec.severity)

    def problems(self) -> list[str]:
        """What is wrong with the overrides: unknown rule ids or levels."""
        known = {spec.id for spec in rules()}
        problems = [f"unknown rule “{rule_id}”" for rule_id in self.severities if rule_id not in known]
        problems += [
            f"unknown level “{level}” for “{rule_id}” (use error, warning or off)"
            for rule_id, level in self.severities.items() if level not in LEVELS
        ]
        return problems


_REGISTRY: dict[str, RuleSpec] = {}


def rule(
    rule_id: str, *, severity: Severity, description: str, examples: tuple[tuple[str, bool], ...] = (),
) -> Callable[[Callable[[Any], Iterator[Any]]], Callable[[Any], Iterator[Any]]]:
    """Register a rule: a function of the gate's context that yields hits."""

    def register(check: Callable[[Any], Iterator[Any]]) -> Callable[[Any], Iterator[Any]]:
        if rule_id in _REGISTRY:
            raise ValueError(f"Quality rule {rule_id!r} is declared twice.")
        _REGISTRY[rule_id] = RuleSpec(rule_id, severity, description, tuple(examples), check)
        return check

    return register


def rules() -> list[RuleSpec]:
    """Every registered rule, in the order the rule modules declare them."""
    return list(_REGISTRY.values())
