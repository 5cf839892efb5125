"""A worked output size with a fraction, then rounded up, where the note's own layer rounds down.

"(112 + 2·1 - 3)/2 + 1 = 56.5, which PyTorch rounds up to 57" on ``nn.MaxPool2d(3, 2, 1)``:
PyTorch and Keras floor a convolution's or pooling layer's output; only ``ceil_mode=True`` (or
Caffe, or "same" padding, which has no fraction) rounds up. The note pins the convention by
its call, so the rounded-up size is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

# A layer written as a PyTorch or Keras call
_LAYER_CALL = lazy_regex(
    r"\b(?:nn\.)?(?:Conv[123]d|Conv[123]D|(?:Max|Avg)Pool[123]d|(?:Max|Average)Pooling[123]D)\("
)
# What lets a size round up: the note's own setting, another library, or a hypothetical
_ROUNDS_UP_ALLOWED = lazy_regex(
    r"ceil(?!_mode\s*=\s*False)|\N{LEFT CEILING}|\bcaffe\b|\bsame\b|"
    r"\bwould\b|\bif\s+\w+\s+rounded\b|\binstead\b|transpos",
    re.I,
)
# What lets a size round up wherever the note says it: its own setting, another library
_NOTE_ROUNDS_UP = lazy_regex(
    r"ceil(?!_mode\s*=\s*False)|\N{LEFT CEILING}|\bcaffe\b|\bsame\b|transpos", re.I
)
# "= 56.5, which PyTorch rounds up to 57", "= 7.5, rounded up to **8**"
_ROUNDED_UP = lazy_regex(
    r"=\s*(?P<fraction>\d+\.\d+)\b[^.\n]{0,50}?\bround(?:s|ed|ing)?\s+(?:it\s+)?up\s+"
    r"(?:to\s+)?(?:[*_]{1,2}|\{\{c\d+::)?(?P<claim>\d+)\b",
    re.I,
)


# "= 37.5 and PyTorch rounds that up (…), so the pooled map is 16x38x38": the rounded size
# stated later in the sentence, as one axis of a shape
_ROUNDS_THAT_UP = lazy_regex(
    r"=\s*(?P<fraction>\d+\.\d+)\b[^.\n]{0,50}?\bround(?:s|ed|ing)?\s+(?:it|that|this|them)\s+"
    r"up\b(?P<rest>[^\n]{0,140})",
    re.I,
)
_CLAUSE_START = lazy_regex(r"[.;!?]\s|\bbut\b|\n", re.I)
_HYPOTHETICAL = lazy_regex(r"\bwould\b|\bif\b|\binstead\b|\bsuppose\b|\bexpected\b", re.I)


def rounded_up_findings(document: LintDocument) -> Iterator[Finding]:
    """A fractional output size rounded up where the note's layer call floors it."""
    text = document.text
    body = document.body_offset
    if not _LAYER_CALL.search(text, body):
        return
    yield from _later_claims(document)
    if _ROUNDS_UP_ALLOWED.search(text, body):
        return
    for match in _ROUNDED_UP.finditer(text, body):
        fraction, claim = float(match["fraction"]), int(match["claim"])
        if claim != math.ceil(fraction) or claim == math.floor(fraction):
            continue
        yield Finding(
            match.start("claim"),
            match.end("claim"),
            f"the note's layer call rounds its output down (no ceil_mode=True): "
            f"⌊{match['fraction']}⌋ = {math.floor(fraction)}, not {claim}: "
            "correct the output size",
        )


def _later_claims(document: LintDocument) -> Iterator[Finding]:
    """ "= 37.5 and PyTorch rounds that up …, so the map is 16x38x38" under a call that floors:
    the first size after the rounding that holds the rounded-up value is the claim."""
    text = document.text
    body = document.body_offset
    if _NOTE_ROUNDS_UP.search(text, body):
        return
    for match in _ROUNDS_THAT_UP.finditer(text, body):
        fraction = float(match["fraction"])
        up, down = math.ceil(fraction), math.floor(fraction)
        if up == down:
            continue
        starts = [m.end() for m in _CLAUSE_START.finditer(text, body, match.start())]
        clause = text[starts[-1] if starts else body : match.end()]
        if _HYPOTHETICAL.search(clause):
            continue
        rest = match["rest"]
        found = re.search(rf"(?<![\d.,]){up}(?![\d.,]\d|\d)", rest)
        if found is None or re.search(rf"(?<![\d.,]){down}(?![\d.]|\d)", rest[: found.start()]):
            continue
        start = match.start("rest") + found.start()
        yield Finding(
            start,
            start + len(str(up)),
            f"the note's layer call rounds its output down (no ceil_mode=True): "
            f"⌊{match['fraction']}⌋ = {down}, not {up}: correct the output size",
        )
