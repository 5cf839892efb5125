"""Step counts stated as labelled values (issue #12): a loader's length in a code comment
(``print(len(loader))  # 782``), a scheduler's length in a config or a call
(``total_steps: 37400``, ``decay_steps=79_800``, ``num_training_steps = ... # 3,125``), a
table row (``| `max_steps` | 3,570 |``, ``| total (30 ep) | 79,170 |``), a warm-up given in
epochs ("Warmup = 5 epochs = 1,255 steps"), judged against the set-up the note states in any
notation (``setups.read_setup``).

An epoch of N samples in batches of b on g devices is N / b or N / (b * g) steps (the batch's
scope read from words, else either), rounded down when the note drops the last batch, up
when it keeps it, else either way; a total is that times the epochs its line or the note
states, a warm-up that times its epochs. A note that shares, splits, caps, repeats or
accumulates its data is left to the readers that know those (a warning: roles from words).
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
    EFFECTIVE,
    EPOCHS,
    PER_DEVICE,
    SAMPLES,
    Setup,
    read_setup,
)
from ankigen.lint.linker.update_counts import ROUGH as _ROUGH
from ankigen.lint.linker.update_counts import labelled_claim
from ankigen.lint.linker.walk_notations import body_lines

# one epoch's steps, the whole run's, a warm-up's
_EPOCH = lazy_regex(
    r"\blen\(\s*\w*(?:loader|dl)\w*\s*\)|\b(?:steps?|iter(?:ation)?s?|batches)\s*(?:/|per)\s*"
    r"epoch\b",
    re.I,
)
_RUN = lazy_regex(
    r"\b(?:total_steps|max_steps|num_training_steps|num_train_steps|decay_steps|train_steps)\b"
    r"|^\W*total\s*\(\s*\d+\s*(?:ep|epochs?)\s*\)",
    re.I,
)
_WARMUP = lazy_regex(r"\bwarm-?up\b", re.I)
_NOT_A_COUNT = lazy_regex(
    r"%|\blr\b|learning rate|\bwould\b|\bif\b|\binstead\b|\bwithout\b|\bwrong|\bmistake"
    r"|\bnot\b|\bforget|\bforgot|\bor\b|\bper (?:gpu|rank|device|node)",
    re.I,
)
# data that is shared, split, capped, repeated or resampled: other readers' business
_SHARED = lazy_regex(
    r"validation|\bval\b|val_|held[- ]?out|hold[- ]?out|\bfolds?\b|shards?|subset|%|per ?cent"
    r"|fraction|limit_|sampler|bucket|repeat|num_samples|(?<!train )\bsplit\b|(?<!no )accumulat"
    r"|\bcrops?\b|augment|oversampl|steps_per_epoch|sequence_stride|sampling_rate|\bstride\b",
    re.I,
)
_SENTENCES = lazy_regex(r"(?<=[.!?])\s+|\n")
_SUPPOSED = lazy_regex(
    r"^\W*(?:with|if|without|when)\b|\b(?:would|could|instead|otherwise|unless)\b", re.I
)
_EPOCHS_HERE = lazy_regex(r"(?<![\d.])(?P<e>\d+(?:\.\d+)?)\s*(?:ep\b|epochs?\b)", re.I)
_DROPS = lazy_regex(r"drop_(?:last|remainder)\s*[=:]\s*`?(?:True|true)\b|\bdrop_last\b(?!\s*[=:])")
_KEEPS = lazy_regex(r"drop_(?:last|remainder)\s*[=:]\s*`?(?:False|false)\b")


def step_label_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    text = "\n".join(written for _, _, written in lines)
    if _SHARED.search(text):
        return
    roundings = _roundings(text)
    for line, offset, written in lines[1:]:  # the heading asks
        if line in reported:
            continue
        label = _RUN.search(written) or _WARMUP.search(written) or _EPOCH.search(written)
        if label is None:
            continue
        claim = labelled_claim(written, label, _NOT_A_COUNT)
        if claim is None:
            continue
        value, span = claim
        if _ROUGH.search(written):
            continue  # "roughly 500 steps per epoch": a rounded figure
        if _EPOCH.fullmatch(label[0]) and re.search(r"[=*\u00d7]", written[: label.start()]):
            continue  # "T_max = epochs * len(train_loader) = 78,200": a total, worked
        setup = read_setup(lines, skip=(line, span[0], span[1]))
        if not _own_data(written[: span[0]], setup):
            continue
        epochs = _EPOCHS_HERE.findall(written[: span[0]])
        per_epoch = _per_epoch(setup, roundings)
        if per_epoch is None:
            continue
        if _WARMUP.fullmatch(label[0]):
            if len(epochs) != 1:
                continue
            counts = _times(per_epoch, Fraction(epochs[0]))
        elif _RUN.fullmatch(label[0]):
            stated = {Fraction(e) for e in epochs} or {Fraction(e) for e in setup.get(EPOCHS, ())}
            if len(stated) != 1:
                continue
            counts = _times(per_epoch, stated.pop())
        else:
            counts = per_epoch
        if Fraction(value) in counts:
            continue
        reported.add(line)
        nearest = sorted(counts, key=lambda count: (abs(count - value), count))[:2]
        shown = " or ".join(f"{int(count):,}" for count in sorted(nearest))
        yield Finding(
            offset + span[0],
            offset + span[1],
            f"no reading of the note's data size, batch and devices gives {value:,} steps "
            f"for {label[0].strip(' |')} (the nearest readings give {shown}): correct the count",
            severity=Severity.WARNING,
        )


def _own_data(before: str, setup: Setup) -> bool:
    """Whether a chain written before the claim ("⌈50,000 / 64⌉ = 782") starts from the data
    size the note states (a chain over other data is its own set-up)."""
    chain = re.search(r"(?P<n>\d[\d,_\u202f\u2009]*)\s*(?:/|\u00f7|//|\\div)\s*\(?\s*\d", before)
    if chain is None:
        return True
    return int(re.sub(r"\D", "", chain["n"])) in setup.get(SAMPLES, set())


def _roundings(text: str) -> tuple[str, ...]:
    """The note's own rounding: a flag it sets, not one a sentence only supposes ("With
    `drop_last=True`, `len(loader)` is 390")."""
    stated = " ".join(s for s in _SENTENCES.split(text) if not _SUPPOSED.search(s))
    drops, keeps = bool(_DROPS.search(stated)), bool(_KEEPS.search(stated))
    if drops != keeps:
        return ("floor",) if drops else ("ceil",)
    return ("floor", "ceil")


def _per_epoch(setup: Setup, roundings: tuple[str, ...]) -> set[Fraction] | None:
    """One epoch's steps under every admissible scope of the batch, or None when the note
    does not state one data size and one batch (or accumulates)."""
    samples, batches = setup.get(SAMPLES, set()), setup.get(BATCH, set())
    devices = setup.get(DEVICES, set()) or {1}
    if ACCUMULATION in setup or len(samples) != 1 or len(devices) > 1:
        return None
    widths = set()
    if len(batches) == 1:
        (b,) = batches
        (g,) = devices
        widths = {b * g} if PER_DEVICE in setup else {b, b * g}
    elif not batches and len(setup.get(EFFECTIVE, set())) == 1:
        widths = set(setup[EFFECTIVE])
    if not samples or not widths:
        return None
    counts = set()
    for n, width in product(samples, widths):
        if "floor" in roundings:
            counts.add(Fraction(n // width))
        if "ceil" in roundings:
            counts.add(Fraction(math.ceil(n / width)))
    return counts


def _times(counts: set[Fraction], epochs: Fraction) -> set[Fraction]:
    """A count over several epochs, whole or rounded either way."""
    return {Fraction(rounded(c * epochs)) for c in counts for rounded in (math.floor, math.ceil)}
