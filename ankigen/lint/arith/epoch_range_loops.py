"""Iterations of a hand-written minibatch loop over ``range(0, N, B)`` (AG102).

``for i in range(0, N, B)`` visits every start 0, B, 2B, … below N: ⌈N / B⌉ of them, the last
slice ``X[i:i+B]`` shorter when B does not divide N. No loader drops anything here, so this is
no convention a note may choose: "range(0, 1000, 64) stops before 1000, so the partial batch is
skipped: 15 iterations" mistakes the stop for a drop. A count of iterations (steps, batches,
passes of the loop) in the paragraph or code comment of a ``range`` whose start, stop and step
are all written as numbers must be ⌈N / B⌉; counts of "full" batches, hedged or supposed ones
are left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number

_NUM = r"\d[\d_,]*"
_RANGE = lazy_regex(
    rf"\brange\([ \t]*0[ \t]*,[ \t]*(?P<n>{_NUM})[ \t]*,[ \t]*(?P<b>{_NUM})[ \t]*\)"
)
# The range's paragraph: up to a blank line (a code block's lines and the prose after it are
# one paragraph only when nothing blank stands between).
_PARAGRAPH_END = lazy_regex(r"\n[ \t]*\n|\n```")
_CLAIM = lazy_regex(
    rf"(?<![\w.,])[*_]*(?P<c>{DIGITS_PATTERN})[*_]*[ \t]+(?:loop[ \t]+)?"
    r"(?:iterations|steps|batches|mini-?batches|passes)\b",
    re.IGNORECASE,
)
_NOT_ALL = lazy_regex(
    r"\b(?:full|complete|whole|would|could|if|instead|wrong\w*|mistak\w*|naive\w*|not"
    r"|about|roughly|around|approximately|epochs|total)\b|[~≈]|n't\b",
    re.IGNORECASE,
)


def _value(text: str, start: int, end: int) -> Fraction | None:
    number = next(find_numbers(text.replace("_", ","), start, end), None)
    return None if number is None else number.value


def range_loop_findings(document: LintDocument) -> Iterator[Finding]:
    """Iterations of ``range(0, N, B)`` counted other than ⌈N / B⌉."""
    text = document.text
    for loop in _RANGE.finditer(text, document.body_offset):
        size, batch = _value(text, *loop.span("n")), _value(text, *loop.span("b"))
        if size is None or batch is None or not 1 < batch < size:
            continue
        starts = Fraction(math.ceil(size / batch))
        stop = _PARAGRAPH_END.search(text, loop.end())
        end = stop.start() if stop else len(text)
        for claim in _CLAIM.finditer(text, loop.end(), end):
            line_start = text.rfind("\n", 0, claim.start()) + 1
            line_end = text.find("\n", claim.end())
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if _NOT_ALL.search(line):
                continue
            value = _value(text, *claim.span("c"))
            if value is None or value == starts or value < 2:
                continue
            yield Finding(
                claim.start("c"),
                claim.end("c"),
                f"range(0, {loop['n']}, {loop['b']}) visits every start below "
                f"{loop['n']}: ⌈{format_number(size, True)} / {format_number(batch, True)}⌉ = "
                f"{format_number(starts, True)} iterations (the last slice shorter, not "
                f"skipped), not {claim['c']}: correct the count",
            )
