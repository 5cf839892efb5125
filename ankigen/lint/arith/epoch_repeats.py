"""A data set repeated a stated number of times within an epoch (AG102).

"repeat: 2" in a config, ``ds.repeat(3)``, ``repeat=2``, "repeated twice": the loader then
passes over the data that many times before its epoch ends, so an epoch of N samples at batch
B is ⌈R·N / B⌉ steps (or R·⌈N / B⌉ when each pass is batched on its own), not ⌈N / B⌉. Only a
stated factor is read: an endless ``.repeat()`` sets no length (the readers set it aside).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex

_FACTOR = lazy_regex(
    r"\brepeat(?:s|_count|_factor)?[ \t]*(?:[:=][ \t]*|\([ \t]*(?:count[ \t]*=[ \t]*)?)"
    r"(?P<n>\d{1,3})\b"
    r"|\brepeated[ \t]+(?:(?P<times>\d{1,3})[ \t]+times|(?P<word>twice|thrice))\b",
    re.IGNORECASE,
)
_WORDS = {"twice": 2, "thrice": 3}


def repeat_factors(note: str) -> set[int]:
    """The repeat factors above 1 that ``note`` states."""
    if "repeat" not in note.lower():
        return set()  # the common note: no pattern run
    found = set()
    for match in _FACTOR.finditer(note):
        word = match.group("word")
        factor = _WORDS[word.lower()] if word else int(match.group("n") or match.group("times"))
        if factor > 1:
            found.add(factor)
    return found


def repeated_counts(
    samples: Fraction, batch: Fraction, factors: set[int], epochs: Fraction = Fraction(1)
) -> set[Fraction]:
    """The step counts of ``epochs`` epochs over the data repeated by each factor."""
    counts: set[Fraction] = set()
    if batch <= 0:
        return counts
    for factor in factors:
        whole = samples * factor / batch
        per_pass = samples / batch
        for value in (whole, per_pass * factor):
            counts.add(value * epochs)
        counts.add(Fraction(math.ceil(whole)) * epochs)
        counts.add(Fraction(math.floor(whole)) * epochs)
        counts.add(Fraction(math.ceil(per_pass) * factor) * epochs)
        counts.add(Fraction(math.floor(per_pass) * factor) * epochs)
    return counts
