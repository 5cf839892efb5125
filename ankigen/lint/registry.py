"""The rule catalog: an explicit list, in code order. Codes are unique (a test checks)."""

from __future__ import annotations

from ankigen.lint.rule import ProjectRule, Rule
from ankigen.lint.rules import (
    arithmetic,
    code,
    duplicates,
    layers,
    leftovers,
    markup,
    names,
    prose,
    quality,
    spelling,
    structure,
)

ALL_RULES: tuple[Rule, ...] = tuple(
    sorted(
        (
            *arithmetic.RULES,
            *layers.RULES,
            *names.RULES,
            *spelling.RULES,
            *code.RULES,
            *leftovers.RULES,
            *prose.RULES,
            *markup.RULES,
            *duplicates.RULES,
            *quality.RULES,
            *structure.RULES,
        ),
        key=lambda rule: rule.code,
    )
)
RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in ALL_RULES}
# The rules across notes, whose per-note inputs are cached with the notes' findings.
PROJECT_RULES: dict[str, ProjectRule] = {
    rule.code: rule for rule in ALL_RULES if isinstance(rule, ProjectRule)
}
