"""A written calculation of one process's steps that forgets the data is sharded.

Under data parallelism (a ``DistributedSampler``, "each GPU gets its own shard") every one of
W processes sees ⌈N / W⌉ samples, so a process runs ⌈N / (W·B)⌉ steps at a per-process batch
B. A note that writes "every process runs ⌈N / B⌉ = C steps" has correct arithmetic (nothing
for AG101) and a wrong setting: the count of one process is W times too large. This module
judges such a calculation against the note's own device count.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from fractions import Fraction

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

_HOLDER = r"(?:GPUs?|processe?s?|ranks?|replicas?|devices?|workers?|accelerators?|TPU[ \t]+cores?)"
# The note gives each process its own part of the data.
_SHARDED = lazy_regex(
    r"\bDistributed[ _]?Sampler\b|\bshard(?:s|ed|ing)?\b"
    rf"|\b(?:each|every|per)[ \t-]+{_HOLDER}\b[^.\n]{{0,40}}?\b(?:sees?|receives?|gets?|reads?"
    r"|handles?|processes|works[ \t]+on|its[ \t]+own)\b",
    re.I,
)
# ... unless it says that each process reads the whole data set after all.
_WHOLE_SET = lazy_regex(
    r"\b(?:no|without(?:[ \t]+an?)?)[ \t]+`?Distributed[ _]?Sampler"
    r"|\b(?:whole|full|entire|complete)[ \t]+(?:data[ \t]?set|training[ \t]+set|corpus)",
    re.I,
)
# The count is one process's: "every process runs", "steps per GPU", "each rank takes".
_PER_PROCESS = lazy_regex(rf"\b(?:each|every|per|one)[ \t-]+{_HOLDER}(?![\w-])", re.I)
# A sentence about another setting: a single device, no DDP, a supposition.
_OTHER_SETTING = lazy_regex(
    r"\b(?:single|one|1)[ \t-]+(?:GPU|device|process)\b|\bwithout\b|\bnon-?distributed\b"
    r"|\bwould\b|\bif\b|\bwere\b|\binstead\b|\bmistake|\bwrong|\bnaive|\bforget|\bignor",
    re.I,
)
_SENTENCE_END = lazy_regex(r"[.!?](?=[ \t\n*_)$]|$)|\n[ \t]*\n")


def shards_by_sampler(note: str) -> bool:
    """Whether the note's loader reads through a ``DistributedSampler`` (and does not say that
    each process reads the whole set): its ``batch_size`` is then one replica's batch, since
    the sampler hands every replica ⌈N / W⌉ samples (measured: scripts/epoch_facts.py)."""
    return _DISTRIBUTED.search(note) is not None and _WHOLE_SET.search(note) is None


_DISTRIBUTED = lazy_regex(r"\bDistributed[ _]?Sampler\(", re.I)


def _sentence(text: str, start: int, end: int) -> str:
    begin = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)),
        default=max(0, start - 400),
    )
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def unsharded_count(
    note: str,
    text: str,
    claim: tuple[int, int, Fraction],
    divided: Iterable[Fraction],
    sizes: Iterable[Fraction],
    devices: Iterable[Fraction],
    global_batches: Iterable[Fraction] = (),
) -> str | None:
    """The message for a claimed per-process count that is ⌈N / B⌉ of the whole data set N in
    a note whose W processes shard it; None when the note does not shard, the calculation
    involves a device count, or the claim is W's count after all. ``divided``: the
    calculation's numbers, in order; ``sizes`` and ``devices``: the note's data set sizes and
    device counts; ``global_batches``: the batches the note names global, whose division is
    every process's count already ("2.4M / 512" with 4 GPUs at 128 each)."""
    start, end, value = claim
    numbers = list(divided)
    counts = {d for d in devices if d > 1 and d == int(d)}
    if len(numbers) != 2 or not counts or counts & set(numbers) or not _SHARDED.search(note):
        return None
    if _WHOLE_SET.search(note):
        return None
    size, batch = numbers
    if size not in set(sizes) or batch <= 1 or size <= batch or batch in set(global_batches):
        return None
    if any(size * world in set(sizes) for world in counts):
        return None  # one process's shard of a stated data set ("50,000 / 4 = 12,500")
    if value not in (Fraction(math.ceil(size / batch)), Fraction(math.floor(size / batch))):
        return None  # the arithmetic is wrong: AG101's
    sentence = _sentence(text, start, end)
    if not _PER_PROCESS.search(sentence) or _OTHER_SETTING.search(sentence):
        return None
    right: set[Fraction] = set()
    for world in counts:
        share = math.ceil(size / world)
        right |= {Fraction(math.ceil(share / batch)), Fraction(math.floor(size / (world * batch)))}
    if value in right:
        return None
    world = min(counts)
    share = math.ceil(size / world)
    steps = math.ceil(share / batch)
    return (
        f"{format_number(value, value >= 10_000)} steps divide the whole data set by one "
        f"process's batch, but each of the {format_number(world)} processes sees only its shard "
        f"of ⌈{format_number(size, size >= 10_000)} / {format_number(world)}⌉ = "
        f"{format_number(Fraction(share), share >= 10_000)} samples: "
        f"⌈{format_number(Fraction(share), share >= 10_000)} / {format_number(batch)}⌉ = "
        f"{format_number(Fraction(steps), steps >= 10_000)} steps per process; correct the count"
    )
