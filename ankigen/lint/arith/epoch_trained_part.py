"""Steps of an epoch over the part a sentence says the model trains on (AG102).

A k-fold or held-out set-up trains each run on a part M of the N samples ("in 5-fold CV on
12,500 samples each fold trains on 10,000"), and an epoch of that run is ⌈M / B⌉ steps
(⌊M / B⌋ with the last batch dropped). The readings of the whole note leave fold notes alone,
since a final refit on all N samples is also a run of the note; this reading stays inside one
sentence (or clause: ``;`` ends one) that names the trained part, the batch and the claimed
steps of one epoch, so the part is the claim's own. A claim that is hedged, supposed, over
several epochs, or under accumulation or several devices (another divisor) is left alone.

Notes written with symbols make the same slip in their own notation: with ``N_{train} =
8{,}000`` and ``N_{val} = 2{,}000`` defined, "Steps per epoch: ⌈N_{val} / 64⌉ = 32" divides
the held-out part. A division of the held-out symbol labelled as (training) steps, whose
result is that part's, is judged on the training symbol's value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.step_divisions import body_lines
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number

_OPEN = r"(?:\{\{c\d+::)?[*_]*"
_CLOSE = r"[*_]*(?:::[^}\n]*)?(?:\}\})?[*_]*"
_NUM = DIGITS_PATTERN
# A sentence or a clause: ends at ". ", "; ", a line break or the end.
_CLAUSE = lazy_regex(r"[^\n;]+?(?:[.!?;](?=[ \t]|$)|(?=\n)|$)", re.MULTILINE)
# "trains on 10,000 samples", "training on {{c1::45,000}} images"
_TRAINED = lazy_regex(
    rf"\btrain(?:s|ing|ed)?[ \t]+on[ \t]+(?:only[ \t]+|the[ \t]+remaining[ \t]+)?{_OPEN}"
    rf"(?P<m>{_NUM}){_CLOSE}[ \t]+(?:training[ \t]+)?(?:samples|examples|images|rows|records"
    r"|items|sequences|points|instances|clips|sentences|documents)\b",
    re.IGNORECASE,
)
# "batch size 50", "batch_size=50", "batches of 48", "a batch of 32"
_BATCH = lazy_regex(
    rf"\bbatch(?:es[ \t]+of|[ \t_-]?size(?:[ \t]+of|[ \t]+is)?|[ \t]+of)?[ \t]*[=:]?[ \t]*"
    rf"{_OPEN}(?P<b>{_NUM}){_CLOSE}",
    re.IGNORECASE,
)
_CLAIM = lazy_regex(
    rf"{_OPEN}(?P<c>{_NUM}){_CLOSE}[ \t]*(?:training[ \t]+|gradient[ \t]+|optimi[sz]er[ \t]+)?"
    r"(?:steps|iterations|updates|batches)\b",
    re.IGNORECASE,
)
_ONE_EPOCH = lazy_regex(r"\bepoch\b", re.IGNORECASE)
_OTHER_SETTING = lazy_regex(
    r"\b(?:epochs|total|overall|in[ \t]+all|would|could|if|instead|without|wrong\w*|mistak\w*"
    r"|naive\w*|not|accumulat\w*|GPUs?|devices?|replicas?|ranks?|about|roughly|around"
    r"|approximately|nearly|almost|some)\b|[~≈]|n't\b",
    re.IGNORECASE,
)


def _value(text: str, match: re.Match[str], group: str) -> Fraction | None:
    number = next(find_numbers(text, match.start(group), match.end(group)), None)
    return None if number is None else number.value


def trained_part_findings(document: LintDocument) -> Iterator[Finding]:
    """Steps of one epoch that the clause's own trained part and batch do not give."""
    text = document.text
    for clause in _CLAUSE.finditer(text, document.body_offset):
        words = clause.group()
        if not _ONE_EPOCH.search(words) or _OTHER_SETTING.search(words):
            continue
        trained = list(_TRAINED.finditer(text, clause.start(), clause.end()))
        if len(trained) != 1:
            continue
        batches = list(_BATCH.finditer(text, trained[0].end(), clause.end())) or list(
            _BATCH.finditer(text, clause.start(), trained[0].start())
        )
        sizes = {_value(text, m, "b") for m in batches}
        part = _value(text, trained[0], "m")
        if len(sizes) != 1 or part is None:
            continue
        batch = next(iter(sizes))
        if batch is None or batch < 2 or batch >= part:
            continue
        exact = part / batch
        right = {Fraction(math.ceil(exact)), Fraction(math.floor(exact))}
        start = max(trained[0].end(), *(m.end() for m in batches))
        for claim in _CLAIM.finditer(text, start, clause.end()):
            value = _value(text, claim, "c")
            if value is None or value in right or value in (part, batch):
                continue
            steps = format_number(Fraction(math.ceil(exact)), True)
            calculation = f"{format_number(part, True)} / {format_number(batch, True)}"
            shown = f"⌈{calculation}⌉" if exact.denominator != 1 else calculation
            yield Finding(
                claim.start("c"),
                claim.end("c"),
                f"the model trains on {format_number(part, True)} samples here, so at batch "
                f"size {format_number(batch, True)} an epoch is {shown} = {steps} steps, not "
                f"{claim['c']}: correct the count",
            )


# "N_{val}", "N_val", "N_{\\text{val}}": a symbol of the held-out or the trained part
_SYMBOL = r"N_\{?(?:\\(?:text|mathrm)\{)?(?P<part>PARTS)\}?\}?"
_HELD_OUT = lazy_regex(
    _SYMBOL.replace("PARTS", "val|valid|validation|test|held|hold") + rf"[ \t]*/[ \t]*(?P<b>{_NUM})"
)
_TRAIN_VALUE = lazy_regex(
    _SYMBOL.replace("PARTS", "train|training|tr")
    + r"[ \t]*=(?P<equation>[^\n]*?)(?=,[ \t]|\\quad|N_|$)"
)
_HELD_VALUE = lazy_regex(
    _SYMBOL.replace("PARTS", "val|valid|validation|test|held|hold")
    + r"[ \t]*=(?P<equation>[^\n]*?)(?=,[ \t]|\\quad|N_|$)"
)
_ANY_SYMBOL = lazy_regex(_SYMBOL.replace("PARTS", r"\w+"))
_RESULT = lazy_regex(rf"=[ \t]*[⌈⌊]?[ \t]*(?P<v>{_NUM})(?![ \t]*[⌉⌋])")
_STEP_LABEL = lazy_regex(r"\b(?:steps?|iterations?|iters|updates?)\b", re.IGNORECASE)
_HELD_OUT_LABEL = lazy_regex(r"\b(?:valid\w*|val|eval\w*|test\w*|held|inference)\b", re.I)


def _last_value(equation: str) -> Fraction | None:
    numbers = list(find_numbers(equation))
    return numbers[-1].value if numbers else None


def held_out_symbol_findings(document: LintDocument) -> Iterator[Finding]:
    """Training steps divided from the held-out part's symbol."""
    trained: set[Fraction] = set()
    held: set[Fraction] = set()
    lines = list(body_lines(document))
    for line, _ in lines:
        for match in _TRAIN_VALUE.finditer(line):
            value = _last_value(match["equation"])
            if value is not None:
                trained.add(value)
        for match in _HELD_VALUE.finditer(line):
            value = _last_value(match["equation"])
            if value is not None:
                held.add(value)
    if len(trained) != 1 or len(held) != 1:
        return
    part, out = next(iter(trained)), next(iter(held))
    for line, offsets in lines:
        for division in _HELD_OUT.finditer(line):
            label = _ANY_SYMBOL.sub("", line[: division.start()])  # the words, not "N_{val}"
            if not _STEP_LABEL.search(label) or _HELD_OUT_LABEL.search(label):
                continue
            stop = re.search(r"[,;]|\.(?!\d)", line[division.end() :])
            tail_end = division.end() + (stop.start() if stop else len(line) - division.end())
            results = list(_RESULT.finditer(line, division.end(), tail_end))
            batch = next(find_numbers(line, *division.span("b")), None)
            if not results or batch is None or batch.value < 2:
                continue
            result = results[-1]
            claimed = next(find_numbers(line, *result.span("v")), None)
            exact = out / batch.value
            if claimed is None or claimed.value not in (math.ceil(exact), math.floor(exact)):
                continue  # not the held-out part's count: another slip, or a hedge
            steps = Fraction(math.ceil(part / batch.value))
            shown = f"{format_number(part, True)} / {batch.text}"
            shown = shown if (part / batch.value).denominator == 1 else f"⌈{shown}⌉"
            yield Finding(
                offsets[result.start("v")],
                offsets[result.end("v") - 1] + 1,
                f"an epoch trains on the training part, {format_number(part, True)} samples, "
                f"not N_{division['part']}: {shown} = {format_number(steps, True)} steps, "
                f"not {claimed.text} (the held-out part divided by the batch): correct the count",
            )
