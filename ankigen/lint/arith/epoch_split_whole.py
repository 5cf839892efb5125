"""Steps per epoch of a Keras ``fit(..., validation_split=s)`` counted over the whole arrays
(issue #12): Keras holds the last share s of the arrays out before it batches the rest, so an
epoch is ⌈⌊N·(1 - s)⌋ / B⌉ steps. A count of training steps that is ⌈N / B⌉ of a size N the note
states, and that the trained part does not give, divided the arrays before the split: the
progress bar's "1563/1563", "train steps/epoch = 782", written or worked.

The split must be the note's own (not a clause that supposes it), the batch one stated value,
and the count on a line that counts steps (or a progress bar) and names no held-out part and
no other scenario. A warning: which size is the arrays' is read from the numbers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.diagnostics import Severity
from ankigen.lint.arith.epochs import supposed_setting
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import fenced_lines
from ankigen.lint.numbers import find_numbers, format_number

_VALIDATION_SPLIT = lazy_regex(r"\bvalidation_split`?[ \t]*[=:][ \t]*`?(?P<s>0?\.\d+)\b")
_BATCH = lazy_regex(
    r"\bbatch(?:_size)?`?\s*[=:]\s*`?(?P<b>\d+)\b|\bbatch size (?:of )?(?P<c>\d+)\b"
)
# a line that counts training steps of an epoch, or Keras' progress bar ("1563/1563 ━━━")
_STEPS_WORDS = lazy_regex(r"\b(?:steps?|iterations?|batches)\b.*\bepoch|steps/epoch", re.I)
_PROGRESS = lazy_regex(r"^\s*(?:#|//)?\s*(?P<bar>\d[\d,]*)/(?P=bar)\b")
# the count of the held-out part, another scenario, or a mistake the note names
_OTHER = lazy_regex(
    r"\b(?:val\w*|held|hold\w*|test\w*|would|if|without|instead|naive\w*|mistak\w*|wrong\w*"
    r"|not|forg[eo]t\w*|before)\b|n't\b",
    re.I,
)


def split_whole_findings(document: LintDocument) -> Iterator[Finding]:
    """A training count of steps that divides the arrays before Keras' validation split."""
    text, body = document.text, document.body_offset
    if "validation_split" not in document.body or "validation_data" in document.body:
        return  # (cheap: no Keras split; fit(validation_data=...) makes Keras ignore it)
    shares = {
        Fraction(match["s"])
        for match in _VALIDATION_SPLIT.finditer(text, body)
        if not supposed_setting(text, match.start(), match.end())
    }
    batches = {int(m["b"] or m["c"]) for m in _BATCH.finditer(text, body)}
    if len(shares) != 1 or len(batches) != 1:
        return
    (share,), (batch,) = shares, batches
    if not 0 < share < 1 or batch < 2:
        return
    sizes = {
        number.value
        for number in find_numbers(text, body)
        if number.value.denominator == 1 and number.value > 2 * batch
    }
    for _line, offset, line_text, _ in fenced_lines(document):
        bar = _PROGRESS.match(line_text)
        if not bar and (not _STEPS_WORDS.search(line_text) or _OTHER.search(line_text)):
            continue
        for number in find_numbers(line_text):
            if bar and number.start != bar.start("bar"):
                continue
            yield from _judged(
                number.value, sizes, share, batch, offset + number.start, offset + number.end
            )
            break


def _judged(
    claimed: Fraction, sizes: set[Fraction], share: Fraction, batch: int, start: int, end: int
) -> Iterator[Finding]:
    wholes = [n for n in sizes if math.ceil(n / batch) == claimed]
    if len(wholes) != 1:
        return
    parts = {math.floor(n * (1 - share)) for n in sizes}
    if wholes[0] in parts or any(math.ceil(Fraction(p, batch)) == claimed for p in parts):
        return  # the size is the trained part the note states ("8,000 training examples")
    (whole,) = wholes
    trained = math.floor(whole * (1 - share))
    steps = math.ceil(Fraction(trained, batch))
    if steps == claimed:
        return
    yield Finding(
        start,
        end,
        f"validation_split={format_number(share)} holds the last {format_number(share * 100)} % "
        f"of the {format_number(whole, True)} samples out before batching, so an epoch trains "
        f"on {trained:,}: ⌈{trained:,} / {batch}⌉ = {steps:,} steps, not "
        f"{format_number(claimed, True)} (the whole arrays divided by the batch): "
        "correct the count",
        severity=Severity.WARNING,
    )
