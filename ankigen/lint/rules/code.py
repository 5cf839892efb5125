"""Python code blocks (AG120 to AG126): the rules live in the ``python`` package; this module
keeps the names that ``registry.py`` and the tests import from here."""

from __future__ import annotations

from ankigen.lint.rules.python.apis import load_removed_apis
from ankigen.lint.rules.python.rules import RULES

__all__ = ["RULES", "load_removed_apis"]
