"""Optimizer updates counted as the loader's micro-batches, or totalled by the factor (AG102).

With gradients accumulated over K micro-batches the optimizer steps once per K of them: an
epoch of M micro-batches makes M / K updates and a run of E epochs (M / K)·E. Authors slip
on this in three ways that keep the arithmetic right and break the convention:

- *the factor left out*: the updates per epoch written as the same division that counts the
  micro-batches ("optimizer updates per epoch: 24,000 / 16 = 1,500" beside "forward/backward
  passes per epoch: 24,000 / 16 = 1,500"), or divided by the micro-batch whose product with K
  the note gives as its effective batch;
- *the factor multiplied*: "4,000 x 8 = 32,000 updates per epoch", with the updates named
  after the result (``epoch_accumulation`` reads the label before it);
- *the run totalled by the factor*: "optimizer steps/epoch = 1,600 / 4 = 400" and then
  "total = 400 x 4 = 1,600 steps" where the note trains 3 epochs, not 4.

A data-parallel run (DDP, ``torchrun --nproc_per_node=D``, ``world_size``) adds a fourth: an
update takes a micro-batch b from each of K steps on each of D devices, so an epoch over N
samples is N / (b·K·D) updates; "each update sees 8 x 4 = 32 examples, so 96,000 / 32 = 3,000
updates" on 2 devices leaves them out (the division of the whole data set by b·K, labelled
updates, is reported where the note states one device count other than K).

The factor, the epochs and the micro-batch counts are the note's own (the accumulation
setting in any form ``epoch_accumulation`` reads, ``accum = 8`` included). Nothing is said
where the factor equals the epochs or the devices (a product by either would read the same),
and lines that suppose or name a mistake are left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epoch_accumulation import accumulation_factor
from ankigen.lint.arith.epoch_device_batches import data_parallel, device_counts
from ankigen.lint.arith.epoch_solver import DEVICES, EPOCHS, stated_numbers
from ankigen.lint.arith.step_divisions import (
    StepDivision,
    stated_values,
    step_divisions,
    step_products,
)
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

# Words that name the optimizer's updates ...
_UPDATES = lazy_regex(
    r"\b(?:optimi[sz](?:er|ation)[ \t]*(?:steps?|updates?)|(?:weight|parameter)?[ \t]*updates?"
    r"|global_step|optimizer\.step)\b",
    re.IGNORECASE,
)
# ... and the loader's micro-batches (a division labelled so counts them).
_LOADER = lazy_regex(
    r"\bmicro-?batch\w*|\bforward\b|\bbackward\b|\bpasses\b|\bloader\b|\bbatch(?:es)?\b"
    r"|\blen\(",
    re.IGNORECASE,
)
# A supposed, compared or named-wrong count.
_SUPPOSED = lazy_regex(
    r"\b(?:would|could|if|instead|without|wrong\w*|naive\w*|mistak\w*|not|no|vs\.?|versus)\b"
    r"|n't\b",
    re.IGNORECASE,
)
# A total over the run, and words of a run or an epoch count beside a per-epoch claim.
_TOTAL = lazy_regex(r"\b(?:total\w*|overall|whole[ \t]+run|in[ \t]+all|run)\b", re.IGNORECASE)
_OVER_EPOCHS = lazy_regex(r"\b(?:total\w*|overall|run|in[ \t]+all|epochs)\b", re.IGNORECASE)


def _micro_batch_counts(divisions: list[StepDivision], factor: Fraction) -> set[Fraction]:
    """Results of divisions labelled as the loader's batches, or divided by the factor."""
    counts = {d.dividend for d in divisions if d.divisor == factor and d.dividend > factor}
    for division in divisions:
        if division.divisor == factor or division.result <= factor:
            continue
        if _LOADER.search(division.words) and not _UPDATES.search(division.words):
            counts.add(division.result)
    return counts


def _finding(start: int, end: int, message: str) -> Finding:
    return Finding(start, end, f"with gradients accumulated over {message}: correct the count")


def update_count_findings(document: LintDocument) -> Iterator[Finding]:
    """Updates per epoch without the factor or times it, and a run totalled by the factor."""
    factor = accumulation_factor(document)
    if factor is None:
        return
    stated = stated_numbers(document)
    epochs = {s.value for s in stated if EPOCHS in s.roles and s.value > 1}
    devices = {s.value for s in stated if DEVICES in s.roles and s.value > 1}
    if factor in epochs or factor in devices:
        return  # a product by the epochs or the devices would read the same
    divisions = list(step_divisions(document))
    micro = _micro_batch_counts(divisions, factor)
    products = list(step_products(document))
    # the micro-batch sizes: "effective batch: 16 x 4 = 64" names 16 as one
    micro_batches = {
        (a if b == factor else b)
        for product, _ in products
        for a, b in [product.factors]
        if factor in (a, b) and (a if b == factor else b) > factor
    }
    shown_k = format_number(factor)
    for division in divisions:
        words = division.words
        if not _UPDATES.search(words) or _LOADER.search(words) or _SUPPOSED.search(words):
            continue
        if factor in division.divisor_terms or _OVER_EPOCHS.search(words):
            continue
        if not (division.result in micro or division.divisor in micro_batches):
            continue
        micro_count = format_number(division.result, True)
        yield _finding(
            division.start,
            division.end,
            f"{shown_k} micro-batches the optimizer steps once per {shown_k} of them: "
            f"{micro_count} / {shown_k} = {format_number(division.result / factor, True)} "
            f"updates, not {division.result_text} (the micro-batches counted)",
        )
    yield from _devices_left_out(document, factor, divisions, micro_batches)
    per_epoch_updates = {
        d.result for d in divisions if d.divisor == factor and d.dividend in micro
    } | {
        d.result
        for d in divisions
        if factor in d.divisor_terms and _UPDATES.search(d.words) and not _SUPPOSED.search(d.words)
    }
    single_epochs = next(iter(epochs)) if len(epochs) == 1 else None
    for product, _previous in products:
        a, b = product.factors
        if factor not in (a, b):
            continue
        other = a if b == factor else b
        if _SUPPOSED.search(product.before) or _SUPPOSED.search(product.after):
            continue
        if other in micro and other > factor and _UPDATES.search(product.after):
            if _OVER_EPOCHS.search(product.after) or _LOADER.search(product.after):
                continue
            shown_m = format_number(other, True)
            yield _finding(
                product.start,
                product.end,
                f"{shown_k} micro-batches the optimizer steps once per {shown_k} of them: "
                f"{shown_m} / {shown_k} = {format_number(other / factor, True)} updates per "
                f"epoch, not {shown_m} \N{MULTIPLICATION SIGN} {shown_k} = "
                f"{format_number(product.result, True)} (multiplied, not divided)",
            )
        elif (
            other in per_epoch_updates
            and single_epochs is not None
            and _TOTAL.search(product.before)
            and not _LOADER.search(f"{product.before} {product.after}")
        ):
            shown_u = format_number(other, True)
            shown_e = format_number(single_epochs)
            yield _finding(
                product.start,
                product.end,
                f"{shown_k} micro-batches an epoch makes {shown_u} optimizer updates and the "
                f"run of {shown_e} epochs {shown_u} \N{MULTIPLICATION SIGN} {shown_e} = "
                f"{format_number(other * single_epochs, True)}, not {shown_u} "
                f"\N{MULTIPLICATION SIGN} {shown_k} = {format_number(product.result, True)} "
                f"(the run multiplied by the accumulation, not the epochs)",
            )


def _devices_left_out(
    document: LintDocument,
    factor: Fraction,
    divisions: list[StepDivision],
    micro_batches: set[Fraction],
) -> Iterator[Finding]:
    """Updates of a data-parallel run that divide the data set by one device's micro-batch
    times the factor: every update takes that from each of the D devices."""
    devices = device_counts(document)
    if not data_parallel(document) or len(devices) != 1:
        return
    count = next(iter(devices))
    if count in (factor, Fraction(1)):
        return
    per_device = {b * factor for b in micro_batches}
    largest = max(stated_values(document), default=Fraction(0))
    for division in divisions:
        words = division.words
        if division.dividend != largest or division.divisor not in per_device:
            continue
        if not _UPDATES.search(words) or _LOADER.search(words) or _SUPPOSED.search(words):
            continue
        size = division.divisor * count
        exact = division.dividend / size
        calculation = f"{format_number(division.dividend, True)} / {format_number(size, True)}"
        if exact.denominator != 1:
            calculation = f"⌈{calculation}⌉"
        yield _finding(
            division.start,
            division.end,
            f"{format_number(factor)} micro-batches on each of {format_number(count)} devices "
            f"an update consumes {format_number(division.divisor, True)} \N{MULTIPLICATION SIGN} "
            f"{format_number(count)} = {format_number(size, True)} samples: an epoch is "
            f"{calculation} = {format_number(Fraction(math.ceil(exact)), True)} updates, not "
            f"{division.result_text} (the devices left out)",
        )
