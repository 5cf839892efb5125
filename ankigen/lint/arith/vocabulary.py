"""The word lists of the arithmetic rules (``data/arithmetic.yaml``) and how a number is shown
in their messages."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from ankigen.lint.data_files import ArithmeticWords, data_yaml
from ankigen.lint.numbers import Number, format_number


@cache
def data() -> dict[str, Any]:
    return dict(data_yaml("arithmetic.yaml", ArithmeticWords))


def words(entries: Sequence[str]) -> str:
    """An alternation of phrases, longest first, that never starts or ends inside a word.

    One look-behind and one look-ahead around the whole alternation match exactly what a pair
    around each phrase would (alternatives are tried in the same order), and cost re one pair
    to compile instead of one per phrase."""
    ordered = sorted(entries, key=len, reverse=True)
    return rf"(?<![A-Za-z])(?:{'|'.join(ordered)})(?![A-Za-z])"


def shown(number: Number) -> str:
    """A number as a message shows it: as written, but in digits ("fifty" -> "50")."""
    return number.text if number.text[0].isdigit() else format_number(number.value)
