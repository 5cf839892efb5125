"""The formula judge for worked step counts on several devices (issue #12): a note whose batch
is one device's ("2 samples per GPU", ``samples_per_gpu: 2``, Lightning's ``batch_size=16``
beside ``devices=4``) on several devices, and a line that works one epoch's iterations out by
dividing the data by the batch alone or by the devices alone ("3,712 / 8 = 464").

Each rank sees 1/g of the data in batches of b, so an epoch is N / (b * g) iterations (rounded
either way unless the note states ``drop_last``). A chain whose divisor is b or g alone and
whose result is that quotient rounded gives a count no reading of the set-up gives: a warning
(the batch's scope is read from words).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import body_lines

_THOUSANDS = lazy_regex(r"(?<=\d)[,_\u202f\u2009 ](?=\d{3}\b)")
# one device's batch
_PER_DEVICE = lazy_regex(
    r"(?:samples|imgs|images|clips|videos)_per_gpu\s*[:=]\s*(?P<a>\d+)"
    r"|batch_size_per_(?:gpu|device)\s*[:=]\s*(?P<b>\d+)"
    r"|\bbatch(?:[ _]size)?\s*[=:]?\s*`?(?P<c>\d+)`?\s*(?:per|/|each)\s*(?:gpu|device|rank)\b"
    r"|\b(?P<d>\d+)\s*(?:samples?|clips?|images?|videos?|cases?)?\s*(?:per|/)\s*(?:gpu|device|rank)\b"
    r"|\bbs\s*(?P<e>\d+)\s*/\s*gpu\b",
    re.I,
)
# Lightning's batch is the device's: ``batch_size=16`` beside ``devices=4``
_LIGHTNING_BATCH = lazy_regex(r"\bbatch_size\s*=\s*(?P<v>\d+)")
_DEVICES = lazy_regex(
    r"\bdevices\s*=\s*(?P<a>\d+)|\bnum_gpus\s*[:=]\s*(?P<b>\d+)"
    r"|\b(?P<c>\d+)\s*(?:x\s*)?(?:gpus|devices|ranks)\b|\bover\s+(?P<d>\d+)\s+gpus\b",
    re.I,
)
# a line that works out one epoch's iterations (not optimizer updates, not a total)
_ITERATIONS = lazy_regex(
    r"\b(?:iterations?|iters?|steps?|batches)\b(?:\s*/\s*|\s+per\s+)(?:rank\s*/\s*)?epoch"
    r"|\blen\(\s*\w*loader\s*\)|\bbatches\s*/\s*rank",
    re.I,
)
_NOT_ONE_EPOCH = lazy_regex(
    r"optimi[sz]er|update|accum|total|warmup|\bglobal\b|schedul|effective", re.I
)
_CHAIN = lazy_regex(
    r"(?<![\d.])(?P<n>\d+)\s*(?:/|\u00f7|//)\s*(?P<d>\d+)\s*=\s*[*_`]*(?P<r>\d+)(?![\d.])"
)


@dataclass(frozen=True)
class _SetUp:
    batch: int
    devices: int


def step_chain_findings(document: LintDocument, reported: set[int]) -> Iterator[Finding]:
    lines = body_lines(document, code=True)
    text = _THOUSANDS.sub("", "\n".join(written for _, _, written in lines))
    setup = _setup(text)
    if setup is None:
        return
    for line, offset, written in lines:
        plain = _THOUSANDS.sub("", written)
        if line in reported or not _ITERATIONS.search(plain) or _NOT_ONE_EPOCH.search(plain):
            continue
        chains = list(_CHAIN.finditer(plain))
        if len(chains) != 1:
            continue
        chain = chains[0]
        if re.search(r"\d", plain[chain.end() :]):
            continue  # the quotient is a step on the way ("= 32,000 samples -> 1,000 batches")
        size, divisor, result = (int(chain[group]) for group in ("n", "d", "r"))
        whole = setup.batch * setup.devices
        if divisor not in (setup.batch, setup.devices) or divisor == whole:
            continue
        if result not in (size // divisor, math.ceil(size / divisor)):
            continue  # the arithmetic is wrong: AG101's
        if text.count(str(size)) < 2 or size < whole:
            continue  # the data size is not stated on its own
        span = _result_span(written, chain["r"])
        if span is None:
            continue
        reported.add(line)
        right = sorted({size // whole, math.ceil(size / whole)})
        shown = " or ".join(f"{count:,}" for count in right)
        yield Finding(
            offset + span[0],
            offset + span[1],
            f"an epoch on {setup.devices} devices with a batch of {setup.batch} each is "
            f"{size:,} / ({setup.batch} x {setup.devices}) = {shown} iterations, not {result:,}: "
            "divide by the batch of every device",
            severity=Severity.WARNING,
        )


def _setup(text: str) -> _SetUp | None:
    """The one per-device batch and the one device count the note states."""
    batches = {int(next(v for v in match.groups() if v)) for match in _PER_DEVICE.finditer(text)}
    devices = {int(next(v for v in match.groups() if v)) for match in _DEVICES.finditer(text)}
    if not batches and len(devices) == 1:
        batches = {int(match["v"]) for match in _LIGHTNING_BATCH.finditer(text)}
    if len(batches) != 1 or len(devices) != 1:
        return None
    batch, count = batches.pop(), devices.pop()
    return _SetUp(batch, count) if batch > 1 and count > 1 else None


def _result_span(written: str, result: str) -> tuple[int, int] | None:
    """Where the chain's result stands on the written line (thousands marks kept)."""
    pattern = r"[,_\u202f\u2009 ]?".join(re.escape(digit) for digit in result)
    matches = list(re.finditer(rf"(?<![\d.]){pattern}(?!\d|\.\d)", written))
    return matches[-1].span() if matches else None
