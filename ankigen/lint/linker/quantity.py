"""One stated quantity with its role (``roles`` reads them)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Quantity:
    """A size the note states for ``role``: its value per axis, where it stands (file offset
    and line) and whether a table cell, a code call or the words gave it its role."""

    role: str
    values: tuple[Fraction, ...]
    start: int
    end: int
    line: int
    source: str  # "words", "cell" or "call"
