"""The optimizer-update reading (issue #12): a count the note labels as the optimizer's steps
or updates ("optimizer updates / epoch | 750", "trainer.global_step after 30 epochs -> 56_250",
"→ 10,000 optimizer steps", `num_training_steps`), judged against the set-up the note states
in any notation (a table row, a list item, a code keyword, a clause of prose, the heading).

Under gradient accumulation the optimizer steps once every ``a`` micro-batches, so an epoch of
N samples in micro-batches of b on g devices makes about N / (b * g * a) updates, and E epochs
E times that. The set-up is read as labelled values and counted nouns
(``setups.read_setup``); every admissible convention is tried (the batch per device or
global, floor or ceiling at either division, the epoch's micro-batches stated directly, a
total or one epoch's count), so a claim no convention gives counts micro-batches, or forgets
the accumulation or the devices: a warning, because the roles are read from words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction
from itertools import product

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.setups import (
    ACCUMULATION,
    BATCH,
    DEVICES,
    EPOCHS,
    MICRO_BATCHES,
    PER_DEVICE,
    SAMPLES,
    SEQUENCE,
    TOKENS,
    Setup,
    last_number,
    read_setup,
)
from ankigen.lint.linker.walk_notations import body_lines

# a line that counts the optimizer's updates (not a quantity "per optimizer step")
_UPDATES = lazy_regex(
    r"(?<!per )(?<!per\s)\b(?:optimi[sz]er|weight|parameter)\s*(?:\([^)]*\)\s*)?"
    r"(?:steps?|updates?)\b"
    r"|(?<!per )\bupdates\b|\bglobal_step\b|\btotal_steps\b|\bnum_training_steps\b"
    r"|\bestimated_stepping_batches\b|\bscheduler\s+steps\b",
    re.I,
)
# a count of something else on the line, or a line that only imagines a setting
_NOT_A_COUNT = lazy_regex(
    r"\bper\s+(?:optimi[sz]er\s+)?(?:step|update)|\bmicro|\bwarm-?up|%|\blr\b|learning rate"
    r"|\beffective\b|\btokens?\b|\bsamples?\b|\bwould\b|\bif\b|\binstead\b|\bwithout\b"
    r"|\bwrong|\bmistake|\bnot\b|\bforget|\bforgot",
    re.I,
)
# what links a count to its subject before it: "=", "→", "is", "makes", "comes to"
_LINK = lazy_regex(
    r"[=\u2192\u2248>:~]|\b(?:is|are|makes?|gives?|takes?|comes to|runs?|performs?|does|totals?)\b",
    re.I,
)
ROUGH = lazy_regex(r"\u2248|~|\babout\b|\broughly\b|\bapprox|\baround\b|\bsome\b", re.I)
_TOTAL = lazy_regex(r"\btotal|\bafter\b|\bepochs\b|\bglobal_step\b|\bnum_training_steps\b", re.I)


def update_count_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    for line, offset, written in lines:
        if line in reported or not _UPDATES.search(written):
            continue
        claim = _claim(written)
        if claim is None:
            continue
        value, span = claim
        setup = read_setup(lines, skip=(line, span[0], span[1]))
        counts = _admissible(setup, total=bool(_TOTAL.search(written)))
        if counts is None or Fraction(value) in counts:
            continue
        if ROUGH.search(written) and any(abs(value - c) <= c / 10 for c in counts):
            continue  # "about 1,526": a rounded figure
        reported.add(line)
        one = _one_epoch(setup)
        shown = f" (one epoch gives {int(one):,})" if one is not None else ""
        yield Finding(
            offset + span[0],
            offset + span[1],
            f"no reading of the note's data size, batch, devices and gradient accumulation "
            f"gives {value:,} optimizer updates{shown}: the optimizer steps once every "
            f"{_one(setup, ACCUMULATION)} micro-batches",
            severity=Severity.WARNING,
        )


def _claim(written: str) -> tuple[int, tuple[int, int]] | None:
    """The count the line states for the updates."""
    label = _UPDATES.search(written)
    assert label is not None
    if written.count(label[0]) > 1:
        return None
    return labelled_claim(written, label, _NOT_A_COUNT)


def labelled_claim(
    written: str, label: re.Match[str], not_a_count: re.Pattern[str]
) -> tuple[int, tuple[int, int]] | None:
    """The count a line states for its label: the number before the label ("→ 10,000
    optimizer steps") or the number after the label's last link ("= 2,000 / 4 = 500",
    "| 750", "-> 56_250", ": ≈ 61,036", a code comment's "# 782"), alone but for the
    count's unit."""
    before = re.search(
        r"(?<![\d.])(?P<n>\d[\d,_\u202f\u2009]*\d|\d)[*_`}]*\s*$",
        written[: label.start()].rstrip(),
    )
    if before is not None and _LINK.search(written[: before.start()]):
        if not_a_count.search(written[before.start() :]):
            return None
        number = last_number(before["n"])
        if number is not None:
            return number[0], before.span("n")
    if not_a_count.search(written):
        return None
    tail = written[label.end() :].rstrip(" |.*_`,")
    # a code line's own value first ("decay_steps=79_800,  # 150 epochs"), else its comment
    value_part, hashed, _ = tail.partition(" #")
    if hashed and last_number(value_part) is not None:
        tail = value_part.rstrip(" ,")
    link = max((m.end() for m in re.finditer(r"[=:|#\u2192\u2248~]|->", tail)), default=-1)
    if link < 0:
        return None
    rest = tail[link:]
    after = last_number(rest)
    if after is None or re.sub(
        r"[\d,_\u202f\u2009\s{}]|c\d+::|optimi[sz]er|steps?|updates?|per|epochs?|total|/",
        "",
        rest,
        flags=re.I,
    ):
        return None
    value, (start, end) = after
    return value, (label.end() + link + start, label.end() + link + end)


def _one(setup: Setup, role: str) -> int | None:
    values = setup.get(role, set())
    return next(iter(values)) if len(values) == 1 else None


def _one_epoch(setup: Setup) -> Fraction | None:
    counts = _admissible(setup, total=False, rounded=("floor",))
    return min(counts) if counts and len(counts) == 1 else None


def _admissible(
    setup: Setup, total: bool, rounded: tuple[str, ...] = ("floor", "ceil")
) -> set[Fraction] | None:
    """Every update count a convention gives, or None when the set-up is not one the note
    states plainly (one accumulation factor above 1, a data size and a batch or the epoch's
    micro-batches)."""
    accumulation = _one(setup, ACCUMULATION)
    if accumulation is None or accumulation < 2:
        return None
    micro: set[Fraction] = set()  # one epoch's micro-batches, each convention
    samples: set[int] = set(setup.get(SAMPLES, set()))
    tokens, sequence = setup.get(TOKENS, set()), setup.get(SEQUENCE, set())
    for t, s in product(tokens, sequence):
        samples |= {t // s, math.ceil(t / s)}
    batches = setup.get(BATCH, set())

    def widths(b: int, g: int) -> set[int]:
        # one device's batch when the note says so; else either scope
        return {b * g} if PER_DEVICE in setup else {b, b * g}

    devices = setup.get(DEVICES, set()) or {1}
    if len(samples) > 2 or len(batches) > 1 or len(devices) > 1:
        return None
    for n, b, g in product(samples, batches, devices):
        for width in widths(b, g):
            micro |= {Fraction(n // width), Fraction(math.ceil(n / width))}
    for stated in setup.get(MICRO_BATCHES, set()):
        micro |= {Fraction(stated), Fraction(stated // max(devices))}
        micro.add(Fraction(math.ceil(stated / max(devices))))
    counts: set[Fraction] = set()
    for each in micro:
        quotient = each / accumulation
        for rounding in rounded:
            counts.add(
                Fraction(math.floor(quotient) if rounding == "floor" else math.ceil(quotient))
            )
    if not counts or not ((samples and batches) or setup.get(MICRO_BATCHES)):
        return None
    if total:
        epochs = setup.get(EPOCHS, set())
        if not epochs or len(epochs) > 2:
            return None
        counts |= {c * e for c in counts for e in epochs}
        for n, b, g, e in product(samples, batches, devices, epochs):
            for width in widths(b, g):
                counts |= {Fraction(n * e // (width * accumulation))}
                counts.add(Fraction(math.ceil(n * e / (width * accumulation))))
    return counts
