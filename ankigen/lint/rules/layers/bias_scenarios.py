"""A bias setting that belongs to another scenario of the note: AG104 leaves the claim alone.

"`Dense(120)` on 400 inputs has 48,120 parameters; with `use_bias=False` it keeps 48,000."
states two scenarios, each with its count. A reading that takes the no-bias flag as the whole
note's judges the first count without biases and reports a correct note. A claim whose own
sentence says nothing about biases, in a note whose every bias setting sits in a sentence
that states a count of its own, may be the other scenario's: which one is meant is not said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ankigen.lint.arith.quantities import NO_BIAS
from ankigen.lint.document import Finding
from ankigen.lint.lazy_pattern import lazy_regex

_SENTENCE_BREAK = lazy_regex(r"[.!?;](?=\s|$)|\n")
_BIAS_SETTING = lazy_regex(
    rf"{NO_BIAS.pattern}|\b(?:use_)?bias\s*=\s*True\b|\bwith\s+(?:a\s+|the\s+)?bias(?:es)?\b",
    re.I,
)
# A count the sentence states after its setting: "it keeps 48,000", "640 weights".
_COUNT = lazy_regex(
    r"(?<![\w.,(=])(?:\d{1,3}(?:,\d{3})+|\d{4,})(?![\w,]|\.\d)"
    r"|(?<![\w.,(=])\d+(?=\s*(?:trainable\s+)?(?:param(?:eter)?s|weights)\b)",
    re.I,
)


def _sentence(prose: str, offset: int) -> tuple[int, int]:
    start = 0
    for match in _SENTENCE_BREAK.finditer(prose, max(0, offset - 400), offset):
        start = match.end()
    end = _SENTENCE_BREAK.search(prose, offset)
    return start, end.start() if end is not None else len(prose)


def other_scenario(prose: str, floor: int, start: int) -> bool:
    """Whether the claim at ``start`` says nothing of biases while every bias setting of the
    note comes with a count of its own, and nothing else, in another sentence."""
    own = _sentence(prose, start)
    if _BIAS_SETTING.search(prose, *own):
        return False
    settings = list(_BIAS_SETTING.finditer(prose, floor))
    if not settings:
        return False
    for setting in settings:
        sentence = _sentence(prose, setting.start())
        if sentence == own or not _COUNT.search(prose, setting.end(), sentence[1]):
            return False
        if _ONE_PART.search(prose, *sentence):
            return False  # "per gate with bias: 29,184" is a step of the same layer's count
        # the other scenario is the same layer's ("with use_bias=False it keeps 48,000"): its
        # sentence names no layer of its own, no call and no size besides its count
        numbers = _NUMBER.findall(prose, *sentence)
        if _CALL.search(prose, *sentence) or len(numbers) != 1:
            return False
    return True


_NUMBER = lazy_regex(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?")
# A sentence about one gate, unit or filter of the layer: a step, no scenario of its own.
_ONE_PART = lazy_regex(r"\b(?:per|each|every|one)\s+(?:gate|unit|neuron|filter|head|cell)\b", re.I)
_CALL = lazy_regex(r"\w\(|\b(?:layer|conv\w*|dense|linear|projection|head)\b", re.I)


def own_scenario(prose: str, floor: int, findings: Iterable[Finding]) -> Iterator[Finding]:
    """The findings whose claim is not possibly another bias scenario's."""
    for finding in findings:
        if not other_scenario(prose, floor, finding.start):
            yield finding
