"""Checks ``[tool.ankigen.lint.rules]`` against the rules' own option models, up front.

A run should stop before linting on a table that names no rule, a rule without options, or a
bad value, with the key that is wrong, instead of failing on the first document.
"""

from __future__ import annotations

import difflib

from pydantic import ValidationError

from ankigen.lint.registry import ALL_RULES
from ankigen.lint.rule import LintConfig, Rule


def _rule_named(key: str) -> Rule | None:
    return next((rule for rule in ALL_RULES if key in (rule.code, rule.name)), None)


def _did_you_mean(key: str) -> str:
    names = [name for rule in ALL_RULES if rule.options for name in (rule.code, rule.name)]
    close = difflib.get_close_matches(key, names, n=1)
    return f"did you mean {close[0]}? " if close else ""


def _with_options() -> str:
    return ", ".join(f"{rule.code} ({rule.name})" for rule in ALL_RULES if rule.options)


def option_problems(config: LintConfig) -> list[str]:
    """What is wrong in the per-rule tables, one message per problem, in key order."""
    problems = []
    seen: dict[str, str] = {}
    for key in sorted(config.rules):
        where = f"rules.{key}"
        rule = _rule_named(key)
        if rule is None:
            problems.append(
                f"{where}: no rule has that code or name ({_did_you_mean(key)}"
                f"rules with options: {_with_options()})"
            )
            continue
        if rule.options is None:
            problems.append(
                f"{where}: {rule.code} ({rule.name}) has no options "
                f"(rules with options: {_with_options()})"
            )
            continue
        if rule.code in seen:
            problems.append(
                f"{where}: {rule.code} is also configured as rules.{seen[rule.code]}; "
                "keep one of the two tables"
            )
            continue
        seen[rule.code] = key
        try:
            config.options_for(rule)
        except ValidationError as error:
            problems += [
                f"{where}.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
            ]
    return problems
