"""Batches of a DataLoader over a data set whose length the note states (AG102).

``DataLoader(ds, batch_size=B)`` yields ⌈len(ds) / B⌉ batches an epoch (⌊ ⌋ with
``drop_last=True``), whatever the data set was made from: a data set of patches, crops or
windows cut from fewer source items is as long as its own ``__len__``. Where the note states
that length (``len(patches) == 6400``, "len(ds) is 6,400") for the one loader it builds, a
count of its iterations, steps or batches per epoch must follow from it; counting the source
items ("400 images, each tiled into 16 patches ... 50 iterations per epoch" at batch 8) is
the slip. Other samplers, several devices or accumulation (other divisors), hedged and
supposed counts are left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number

_LOADER = lazy_regex(
    r"\bDataLoader\([ \t]*(?P<ds>[A-Za-z_]\w*)[ \t]*,(?P<args>[^)]*?)\bbatch_size[ \t]*=[ \t]*"
    r"(?P<b>\d[\d_]*)\b(?P<rest>[^)]*)\)"
)
_LENGTH = r"\blen\([ \t]*{}[ \t]*\)[ \t]*(?:==|=|is|:)[ \t]*(?P<n>{})"
_CLAIM = lazy_regex(
    rf"(?<![\w.,])(?P<c>{DIGITS_PATTERN})[ \t]+(?:iterations|steps|batches)[ \t]+"
    r"(?:per|each|an?|every)[ \t]+epoch\b",
    re.IGNORECASE,
)
_OTHER_DIVISOR = lazy_regex(
    r"\bsampler[ \t]*=|\bDistributed\w*|\baccumulat\w*|\bDDP\b|\btorchrun\b|\bworld_size\b",
    re.IGNORECASE,
)
_NOT_THE_COUNT = lazy_regex(
    r"\b(?:would|could|if|instead|wrong\w*|mistak\w*|naive\w*|not|about|roughly|around"
    r"|approximately|optimi[sz]er|updates?)\b|[~≈]|n't\b",
    re.IGNORECASE,
)


def loader_length_findings(document: LintDocument) -> Iterator[Finding]:
    """Per-epoch counts of the note's one loader that its data set's stated length does not
    give."""
    text, body = document.text, document.body_offset
    loaders = list(_LOADER.finditer(text, body))
    if len(loaders) != 1 or _OTHER_DIVISOR.search(text, body):
        return
    loader = loaders[0]
    length = re.compile(_LENGTH.format(re.escape(loader["ds"]), DIGITS_PATTERN))
    sizes = {
        number.value
        for match in length.finditer(text, body)
        for number in find_numbers(text.replace("_", ","), match.start("n"), match.end("n"))
    }
    batch = Fraction(loader["b"].replace("_", ""))
    if len(sizes) != 1 or batch < 2:
        return
    size = next(iter(sizes))
    exact = size / batch
    drops = re.search(r"drop_last[ \t]*=[ \t]*True", loader["args"] + loader["rest"])
    right = {Fraction(math.floor(exact)) if drops else Fraction(math.ceil(exact))}
    right.add(Fraction(math.floor(exact)))  # (a note may count full batches only)
    for claim in _CLAIM.finditer(text, body):
        line_start = text.rfind("\n", 0, claim.start()) + 1
        line_end = text.find("\n", claim.end())
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if _NOT_THE_COUNT.search(line):
            continue
        value = next(find_numbers(text, claim.start("c"), claim.end("c")), None)
        if value is None or value.value in right or value.value < 2:
            continue
        steps = Fraction(math.floor(exact)) if drops else Fraction(math.ceil(exact))
        shown = f"{format_number(size, True)} / {format_number(batch, True)}"
        if exact.denominator != 1:
            shown = f"⌊{shown}⌋" if drops else f"⌈{shown}⌉"
        yield Finding(
            claim.start("c"),
            claim.end("c"),
            f"the loader batches {loader['ds']}, whose length the note gives as "
            f"{format_number(size, True)}: an epoch is {shown} = {format_number(steps, True)} "
            f"batches, not {value.text}: correct the count",
        )
