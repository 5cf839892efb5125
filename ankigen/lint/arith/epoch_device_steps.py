"""A data-parallel run's steps scaled by its device count (AG102).

Under data parallelism every device takes every optimizer step together (the gradients are
all-reduced, then each replica applies the same update), so the run's S steps per epoch are
each device's S as well. A written calculation that divides the note's own count of steps by
the devices ("each GPU runs 2,344 / 8 = 293 steps") or multiplies a total of them by the
devices ("977 x 3 x 4 GPUs = 11,724 steps") is right as arithmetic and counts the devices
twice: the data set was already shared out when the steps were counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epoch_device_batches import data_parallel, device_counts
from ankigen.lint.arith.step_divisions import long_products, step_divisions
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

_STEPS = lazy_regex(r"\b(?:steps?|iterations?|iters|updates)\b", re.IGNORECASE)
# Not a count of steps: samples, compute per device, a supposition or a named mistake.
_NOT_STEPS = lazy_regex(
    r"\b(?:samples?|images?|examples?|tokens?|hours?|seconds?|minutes?|passes|gradients?"
    r"|FLOPs?|would|if|instead|wrong\w*|mistak\w*|naive\w*|not|without|shards?)\b|n't\b"
    r"|\bGPU-\w+|\bdevice-\w+",
    re.IGNORECASE,
)


def _step_counts(document: LintDocument) -> set[Fraction]:
    """The steps per epoch the note works out itself ("⌈600,000 / 256⌉ = 2,344 steps")."""
    return {
        division.result
        for division in step_divisions(document)
        if division.is_exact()
        and _STEPS.search(f"{division.before} {division.after}")
        and division.result > 1
    }


def device_step_findings(document: LintDocument) -> Iterator[Finding]:
    """Steps of a data-parallel run divided or multiplied by its device count."""
    if not data_parallel(document):
        return
    devices = device_counts(document)
    if len(devices) != 1:
        return  # no devices, or several scenarios
    world = next(iter(devices))
    steps = _step_counts(document)
    if not steps:
        return
    for division in step_divisions(document):
        label = f"{division.before} {division.after}"
        if division.divisor != world or division.dividend not in steps or not division.is_exact():
            continue
        if not _STEPS.search(label) or _NOT_STEPS.search(label):
            continue
        yield Finding(
            division.start,
            division.end,
            f"every one of the {format_number(world)} devices takes each of the run's "
            f"{format_number(division.dividend, True)} steps (the data was shared out when "
            f"they were counted): not {division.result_text}, the steps divided by the devices "
            f"again: correct the count",
        )
    for product in long_products(document):
        factors = list(product.all_factors)
        label = f"{product.before} {product.after}"
        if world not in factors or not steps & set(factors) or len(factors) < 2:
            continue
        if not _STEPS.search(label) or _NOT_STEPS.search(label):
            continue
        factors.remove(world)
        right = Fraction(1)
        for factor in factors:
            right *= factor
        yield Finding(
            product.start,
            product.end,
            f"every one of the {format_number(world)} devices takes each step together, so "
            f"the run has {format_number(right, True)} steps, not {product.result_text} (the "
            f"steps multiplied by the devices): correct the count",
        )
