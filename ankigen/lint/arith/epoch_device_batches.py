"""Steps per epoch of a data-parallel run divided by a part of its global batch (AG102).

Under data parallelism (DDP, a ``DistributedSampler``, ``torchrun`` ranks) W devices each take
a batch of b samples per step, so one step consumes the global batch G = W·b and an epoch over
N samples is ⌈N / G⌉ steps, on every device alike. A written division of the steps per epoch
that divides the whole data set by a proper part of G (one device's batch, one node's) is right
as arithmetic and forgets the other devices. This differs from ``epoch_shards`` (a count said to
be one process's) and ``epoch_global_batch`` (a note that says a step takes the global batch):
here the note states the devices and their batch, and the division is labelled steps per epoch.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epoch_solver import BATCH, DEVICES, GLOBAL, PER_DEVICE, stated_numbers
from ankigen.lint.arith.step_divisions import (
    body_lines,
    long_products,
    stated_values,
    step_divisions,
)
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number
from ankigen.lint.prefilter import GatedPattern

# The run is data parallel: every device takes its own batch of different samples.
_DATA_PARALLEL = GatedPattern(
    r"\bDDP\b|\bDistributed(?:DataParallel|[ _]?Sampler)\b|\btorchrun\b|\bnproc_per_node\b"
    r"|\bdata[ -]parallel\b|\ball-?reduce\w*|\bworld[ _]size\b",
    re.IGNORECASE,
)
# PyTorch's own data parallelism, whose loader's ``batch_size`` is always one process's
_TORCH_DDP = GatedPattern(
    r"\bDDP\b|\bDistributed(?:DataParallel|[ _]?Sampler)\b|\btorchrun\b|\bnproc_per_node\b"
)
# A launcher's or a config's process count: "--nproc_per_node=4", "world_size: 8", "gpus=2"
_DEVICE_KEY = lazy_regex(
    r"\b(?:nproc_per_node|num_processes|world_size|gpus|devices)`?[ \t]*[=:][ \t]*`?(?P<n>\d+)\b"
)
_NODES_KEY = lazy_regex(r"\bnnodes`?[ \t]*[=:][ \t]*`?(?P<n>\d+)\b")
# Accumulated micro-batches make a global batch of several loader batches: not modelled here.
_ACCUMULATION = lazy_regex(r"accumulat|grad_accum", re.IGNORECASE)
_TIMES = r"[ \t]*[\N{MULTIPLICATION SIGN}x*\N{MIDDLE DOT}][ \t]*"
# "global batch = 8 x 256 = 2048", "the global batch is 512", "global batch: 1,024"
_GLOBAL_BATCH = lazy_regex(
    r"\b(?:global|effective|total)[ \t]+batch(?:[ \t]+size)?[ \t]*(?:is|of|:|=)?[ \t]*"
    rf"(?:{DIGITS_PATTERN}(?:{_TIMES}{DIGITS_PATTERN})+[ \t]*=[ \t]*)?(?P<g>{DIGITS_PATTERN})"
    rf"(?!{_TIMES})",
    re.IGNORECASE,
)
_STEPS = lazy_regex(r"\b(?:steps?|iterations?|iters|updates)\b", re.IGNORECASE)
# A single-device run, one device's share of the data, a supposition or a named mistake.
# (every rank of a data-parallel run takes the same steps: "each rank runs" is the run's count)
_OTHER_SETTING = lazy_regex(
    r"\b(?:single|one|1)[ \t-]+(?:GPU|device|process|node)\b|\bwithout\b"
    r"|\bnon-?distributed\b|\bwould\b|\bif\b|\bwere\b|\binstead\b|\bmistak\w*|\bwrong\w*"
    r"|\bnaive\w*|\bforg[eo]t\w*|\bignor\w*|\bnot\b|n't\b|\bshards?\b|\bsamples\b",
    re.IGNORECASE,
)
_CLAUSE_START = lazy_regex(r".*[,;]|.*\.[ \t]")


def device_counts(document: LintDocument) -> set[Fraction]:
    """The device counts (2 or more) the note states: "4 GPUs", "2 nodes x 8 GPUs",
    ``--nproc_per_node=4`` (times ``--nnodes``), ``world_size: 8``."""
    stated = stated_numbers(document)
    devices = {s.value for s in stated if DEVICES in s.roles and s.value > 1}
    keyed = {Fraction(m["n"]) for m in _DEVICE_KEY.finditer(document.text, document.body_offset)}
    nodes = {Fraction(m["n"]) for m in _NODES_KEY.finditer(document.text, document.body_offset)}
    devices |= {d * n for d in keyed for n in nodes or {Fraction(1)} if d * n > 1}
    # (the result of a calculation beside "GPUs" is no count of them: "4 GPUs = 11,724")
    results = {p.result for p in long_products(document)}
    results |= {d.result for d in step_divisions(document)}
    return devices - results


def data_parallel(document: LintDocument) -> bool:
    """Whether the note's run is data parallel (DDP, a sampler, a launcher, an all-reduce)."""
    return _DATA_PARALLEL.search(document.text, document.body_offset) is not None


def _global_batches(document: LintDocument) -> set[Fraction]:
    """The global batches the note states or implies (devices x per-device batch)."""
    stated = stated_numbers(document)
    devices = device_counts(document)
    torch = _TORCH_DDP.search(document.text, document.body_offset) is not None
    per_device = {
        s.value
        for s in stated
        if GLOBAL not in s.roles and (PER_DEVICE in s.roles or (torch and BATCH in s.roles))
    }
    found = {w * b for w in devices for b in per_device}
    found |= {s.value for s in stated if GLOBAL in s.roles}
    for line, _ in body_lines(document):
        for match in _GLOBAL_BATCH.finditer(line):
            number = next(find_numbers(line, match.start("g"), match.end("g")), None)
            if number is not None:
                found.add(number.value)
    return {value for value in found if value > 1 and value.denominator == 1}


def device_batch_findings(document: LintDocument) -> Iterator[Finding]:
    """Steps per epoch of a data-parallel run that divide the data by a part of the global
    batch."""
    note = document.text[document.body_offset :]
    if _DATA_PARALLEL.search(note) is None or _ACCUMULATION.search(note) is not None:
        return
    divisions = [d for d in step_divisions(document) if d.divisor > 1 and d.is_exact()]
    if not divisions:
        return
    batches = _global_batches(document)
    if len(batches) != 1:
        return  # no global batch, or several scenarios
    size = next(iter(batches))
    largest = max(stated_values(document), default=Fraction(0))
    for division in divisions:
        whole, divisor = division.dividend, division.divisor
        if whole != largest or divisor >= size or size % divisor or whole < size:
            continue  # not the whole set, or not a part of the global batch
        clause = _CLAUSE_START.match(division.before)
        label = f"{division.before[clause.end() :] if clause else division.before} {division.after}"
        if not _STEPS.search(label) or _OTHER_SETTING.search(label):
            continue
        exact = whole / size
        rounded = math.floor(exact) if division.floored else math.ceil(exact)
        steps = format_number(Fraction(rounded), True)
        calculation = f"{format_number(whole, True)} / {format_number(size, True)}"
        if exact.denominator != 1:
            calculation = f"⌊{calculation}⌋" if division.floored else f"⌈{calculation}⌉"
        yield Finding(
            division.start,
            division.end,
            f"every step of the data-parallel run consumes the global batch of "
            f"{format_number(size, True)} samples, on all devices at once: an epoch is "
            f"{calculation} = {steps} steps, not {division.result_text} (divided by "
            f"{format_number(divisor)}, a part of the global batch): correct the count",
        )
