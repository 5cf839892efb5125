"""Rule family 'names' (being written)."""

from __future__ import annotations

from ankigen.lint.rule import Rule

RULES: tuple[Rule, ...] = ()
