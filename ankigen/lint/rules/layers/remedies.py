"""A sentence that proposes a fix for the layer it describes ("Use ``padding=2`` to keep the
length at 64", "To preserve 1,024 steps you would need padding 4 per side"): the settings it
names belong to the fixed layer, another scenario, not to the layer whose output the note
derives. AG103's readers leave such settings out of the claim's layer unless the claim stands
in that very sentence.
"""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex

# A purpose of keeping or restoring a size, with a verb of advice or need in the same sentence.
_PURPOSE = lazy_regex(
    r"\bto\s+(?:keep|preserve|maintain|retain|restore|get\s+back|recover)\b", re.I
)
_ADVICE = lazy_regex(
    r"\b(?:use|set|add|apply|pass|choose|pick|need|needs|needed|require[sd]?|must|should|"
    r"would|could)\b",
    re.I,
)
# Where a sentence, list item or line ends.
_END = lazy_regex(r"(?<!i\.e)(?<!e\.g)[.!?](?=\s)|\n")


def _bounds(text: str, position: int, low: int) -> tuple[int, int]:
    starts = [match.end() for match in _END.finditer(text, low, position)]
    end = _END.search(text, position)
    return (starts[-1] if starts else low), (end.start() if end else len(text))


def in_remedy(text: str, position: int, low: int = 0) -> bool:
    """Whether ``position`` stands in a sentence that advises a setting to keep a size."""
    start, end = _bounds(text, position, low)
    return bool(_PURPOSE.search(text, start, end) and _ADVICE.search(text, start, end))


def same_sentence(text: str, first: int, second: int, low: int = 0) -> bool:
    """Whether two positions stand in one sentence."""
    return _bounds(text, first, low) == _bounds(text, second, low)
