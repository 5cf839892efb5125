"""Digit gates: a pattern every match of which holds a digit is not run on a stretch without one.

The layer and epoch rules search big quantity patterns (a size, a kernel, a claimed output)
sentence by sentence, and nearly every sentence of a note has no number at all. Whether every
match of a pattern needs a digit is read from its parse tree (``requires_digit``), so a gate
can never hide a match: it only skips searches that would find nothing.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from typing import Any

from ankigen.lint.lazy_pattern import lazy_regex

# re's own parser (private but stable since Python 3.11), as in lint/prefilter.py.
_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")

_DIGIT = lazy_regex(r"\d")  # str.isdecimal: every digit any pattern's \d or [0-9] matches


def _is_digit(code: int) -> bool:
    return chr(code).isdecimal()


def _class_avoids_digits(items: list[tuple[Any, Any]]) -> bool:
    """Whether a character class matches some character that is not a digit."""
    for op, value in items:
        if op is _constants.LITERAL and not _is_digit(value):
            return True
        if op is _constants.RANGE and not all(
            _is_digit(code) for code in range(value[0], value[1] + 1)
        ):
            return True
        if op is _constants.CATEGORY and value is not _constants.CATEGORY_DIGIT:
            return True
        if op not in (_constants.LITERAL, _constants.RANGE, _constants.CATEGORY):
            return True  # a negated class, and anything not read here
    return False


def _avoids_digits(items: Any) -> bool:
    """Whether a sequence of items can match a text without a digit."""
    nodes = items.data if hasattr(items, "data") else items
    return all(_node_avoids_digits(op, value) for op, value in nodes)


def _node_avoids_digits(op: Any, value: Any) -> bool:
    if op is _constants.LITERAL:
        return not _is_digit(value)
    if op is _constants.IN:
        return _class_avoids_digits(value)
    if op is _constants.SUBPATTERN:
        return _avoids_digits(value[3])
    if op is _constants.ATOMIC_GROUP:
        return _avoids_digits(value)
    if op is _constants.BRANCH:
        return any(_avoids_digits(alternative) for alternative in value[1])
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
        return value[0] == 0 or _avoids_digits(value[2])
    # zero width (anchors, look-arounds), any character, back-references, conditionals:
    # nothing known, so assume no digit is needed
    return True


def requires_digit(pattern: str, flags: int = 0) -> bool:
    """Whether every match of ``pattern`` holds a digit in the text it consumes."""
    return not _avoids_digits(_parser.parse(pattern, flags))


# Every gate made, for tests/test_digits.py to check each one's claim with ``requires_digit``.
GATES: list[DigitGated] = []


class DigitGated:
    """A compiled pattern every match of which holds a digit, searched in ``text[start:end]``
    only when that stretch has one: the same matches, found faster. The claim is checked by
    the tests (``requires_digit``), not at run time, where parsing the big patterns again
    would cost more than a short lint saves."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        GATES.append(self)

    def finditer(
        self, text: str, start: int = 0, end: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if _DIGIT.search(text, start, end) is None:
            return iter(())
        return self.pattern.finditer(text, start, end)
