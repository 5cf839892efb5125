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
# "= 56.5, which PyTorch rounds up to 57", "= 7.5, rounded up to **8**"
_ROUNDED_UP = lazy_regex(
    r"=\s*(?P<fraction>\d+\.\d+)\b[^.\n]{0,50}?\bround(?:s|ed|ing)?\s+(?:it\s+)?up\s+"
    r"(?:to\s+)?(?:[*_]{1,2}|\{\{c\d+::)?(?P<claim>\d+)\b",
    re.I,
)


def rounded_up_findings(document: LintDocument) -> Iterator[Finding]:
    """A fractional output size rounded up where the note's layer call floors it."""
    text = document.text
    body = document.body_offset
    if not _LAYER_CALL.search(text, body) or _ROUNDS_UP_ALLOWED.search(text, body):
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
