"""The inventory's first consumer (generalisation study §6.5 step 5): a claim of steps per epoch
or of total steps checked against the training set-up the note states as ``Quantity`` nodes.

Every reading the set-up allows is tried: the last batch kept or dropped, the batch per device
or global where devices are named, micro-batches or optimizer steps where accumulation is, each
stated data size and batch. A claim is reported only when the set-up is complete for its kind
(a data size and a batch; and epochs for a total) and no reading gives it, as its wording
allows (``claims.wording``: "about 390" is judged at its precision, "not 390" never). It is an
error only where each quantity has one stated value, no devices or accumulation leave a choice,
and the claim's own label names its kind; otherwise a warning (``lint.grounds``).

Not wired into AG102: measured as a fallback (on a note neither AG101 nor AG102 reports) by
``scripts/step_consumer.py``, it gained no dev positive and added no finding on a correct note
(docs/generalisation-study.md §6.6), so it stays off until the quantities it reads are complete.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from fractions import Fraction

from ankigen.lint.claims.inventory import inventory
from ankigen.lint.claims.model import Claim, Kind
from ankigen.lint.claims.quantities import Quantity, Role, quantities
from ankigen.lint.claims.wording import ABOUT, EXACT, SILENT, fits, precision
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import Ground, severity_of
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

_STEP_KINDS = (Kind.STEPS_PER_EPOCH, Kind.TOTAL_STEPS)


def step_findings(document: LintDocument) -> Iterator[Finding]:
    claims = [c for c in inventory(document) if c.kind in _STEP_KINDS and not c.kind_from_header]
    if not claims:
        return
    stated = quantities(document)
    values = {role: sorted({q.value for q in stated if q.role is role}) for role in Role}
    if not values[Role.DATA] or not values[Role.BATCH]:
        return  # the set-up is incomplete: nothing to judge
    per_epoch = _per_epoch(values)
    if not per_epoch:
        return  # no data size above a batch: the roles were misread
    totals = {int(steps * epochs) for steps in per_epoch for epochs in values[Role.EPOCHS]}
    # a k-fold run trains k models: its steps may be counted over all folds
    totals |= {int(steps * folds) for steps in totals for folds in values[Role.FOLDS]}
    # "600 iterations", "16 steps": a count's noun does not always say whether it counts one
    # epoch or the run, so either stands
    allowed = per_epoch | totals
    inputs = {q.value for q in stated}
    for claim in claims:
        if claim.value in inputs or not _judged(claim) or _calculated(document, claim):
            continue
        if _OTHER_UNIT.match(document.text, claim.end) or _SPACED.search(claim.text):
            continue
        if _fits(claim, allowed):
            continue
        yield Finding(
            claim.start,
            claim.end,
            f"{_set_up(stated)} give {_listed(per_epoch)} steps per epoch"
            f"{f' and {_listed(totals)} in all' if totals else ''}, not {claim.text}: "
            "correct the count",
            severity=severity_of(_grounds(claim, values)),
        )


def _per_epoch(values: dict[Role, list[Fraction]]) -> set[int]:
    """Steps of one epoch under every reading of the set-up."""
    devices = [Fraction(1), *values[Role.DEVICES]]
    accumulation = [Fraction(1), *values[Role.ACCUMULATION]]
    found: set[int] = set()
    for data in _trained_parts(values):
        for batch in values[Role.BATCH]:
            for shared in devices:  # the batch per device (times the devices) or global
                for size in {batch, batch * shared}:
                    if data <= size:
                        continue  # "a last batch of 2 slices" is no data set
                    loader = {math.ceil(data / size), math.floor(data / size)}
                    for micro in accumulation:  # optimizer steps over micro-batches
                        found |= {math.ceil(n / micro) for n in loader}
                        found |= {math.floor(n / micro) for n in loader}
    return {steps for steps in found if steps > 0}


# A written calculation before the claim on its line: "1,600,000 / 64 = 25,000",
# "0.06 x 20,000 = 1,200", "$\\frac{8000}{32} = 250$".
_CALCULATION_BEFORE = lazy_regex(
    r"(?:\d[ \t]*(?:[/*\u00d7\u00f7\u00b7x]|\\times|\\cdot|\\div)|\\frac|\\lceil|\\lfloor"
    r"|[\u2308\u230a])[^\n]*(?:=|\u2248|\u2192|->)[^=\u2248\u2192\n]*$"
)


def _calculated(document: LintDocument, claim: Claim) -> bool:
    """The claim ends a calculation written on its line: AG101 judges its arithmetic and
    AG102's readers its operands' roles; the fallback judges only counts stated without one
    (a cloze, a bold answer, a table cell, a printed line, a sentence)."""
    line_start = document.offset_of_line(claim.line)
    return _CALCULATION_BEFORE.search(document.text, line_start, claim.start) is not None


def _trained_parts(values: dict[Role, list[Fraction]]) -> set[Fraction]:
    """The data an epoch may pass over: each stated size, what is left of one after another
    (a held-out part, "9,000 images, 900 for validation"), after a stated share, and the
    training part and one fold of a k-fold split."""
    sizes = set(values[Role.DATA])
    parts = set(sizes)
    parts |= {whole - part for whole in sizes for part in sizes if part < whole}
    for share in values[Role.SHARE]:
        fraction = share / 100 if share >= 1 else share
        if 0 < fraction < 1:
            for size in sizes:
                parts |= {size * fraction, size * (1 - fraction)}
    for folds in values[Role.FOLDS]:
        if folds.denominator == 1 and folds > 1:
            for size in sizes:
                parts |= {size / folds, size * (folds - 1) / folds}
                # folds of whole samples: the sizes round either way
                parts |= {Fraction(math.floor(size / folds)), Fraction(math.ceil(size / folds))}
                parts |= {size - math.floor(size / folds), size - math.ceil(size / folds)}
    return {part for part in parts if part > 0}


# A label longer than this is a sentence or a question, not the claim's own noun.
_OWN_LABEL_WORDS = 6


def _judged(claim: Claim) -> bool:
    """A whole count worded as a claim, labelled by its own words: not negated, compared or
    hypothetical."""
    if claim.label is not None and len(claim.label.split()) > _OWN_LABEL_WORDS:
        return False
    return claim.wording.kind != SILENT and claim.value.denominator == 1 and claim.value > 0


def _fits(claim: Claim, allowed: Iterable[int]) -> bool:
    """Whether a reading gives the claim as worded: a count written out in full ("130") must
    be exact; one written with a scale ("12.3k", "3.7M") or worded "about" is rounded to its
    digits; a bound holds on its side."""
    kind = claim.wording.kind
    if kind == EXACT and not _SCALED.search(claim.text):
        return claim.value in set(allowed)
    stated = precision(claim.text)
    if stated is None:
        return True  # a number the wording cannot be read against: left alone
    value, unit = stated
    return any(fits(ABOUT if kind == EXACT else kind, value, unit, actual) for actual in allowed)


# The claim's own unit is no count of steps: "iterations: 72 hours of logs", "4 GB".
_OTHER_UNIT = lazy_regex(
    r"[ \t]*(?:hours?|h\b|minutes?|min\b|seconds?|s\b|days?|weeks?|[kmgt]i?b\b|bytes?|%"
    r"|epochs?\b|samples?\b|images?\b|tokens?\b)",
    re.I,
)
# Digits grouped by a plain space: thousands, or two printed values ("100 124") the inventory
# joined; the value is not sure enough to judge.
_SPACED = lazy_regex(r"\d \d")
_SCALED = lazy_regex(r"\d[ \t]*(?:[kKMB]|bn|thousand|million|billion)\b")


def _grounds(claim: Claim, values: dict[Role, list[Fraction]]) -> list[Ground]:
    needed = [Role.DATA, Role.BATCH] + ([Role.EPOCHS] if claim.kind is Kind.TOTAL_STEPS else [])
    grounds = []
    if values[Role.FOLDS] or values[Role.SHARE] or any(len(values[role]) > 1 for role in needed):
        grounds.append(Ground.CHOICE)  # several data sizes, batches, epochs, or a split
    if values[Role.DEVICES] or values[Role.ACCUMULATION]:
        grounds.append(Ground.CHOICE)  # per device or global, micro-batches or updates
    if not claim.label:
        grounds.append(Ground.LABEL)
    return grounds


def _set_up(stated: Iterable[Quantity]) -> str:
    shown: list[str] = []
    for quantity in stated:
        text = f"{format_number(quantity.value)} ({quantity.role})"
        if text not in shown:
            shown.append(text)
    return ", ".join(shown)


def _listed(allowed: Iterable[int]) -> str:
    ordered = sorted(allowed)
    shown = [format_number(Fraction(n), True) for n in ordered[:4]]
    return " or ".join(shown) + (" (or others)" if len(ordered) > 4 else "")
