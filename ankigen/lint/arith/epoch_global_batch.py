"""Steps per epoch divided by one device's batch where the note says a step takes the global one.

A note that says "each optimizer step consumes one global batch" of G samples (G = devices x
per-device batch) pins the step: an epoch over N samples is N / G steps. A calculation of the
steps that divides N by a smaller batch whose multiple G is (the per-device one) is right as
arithmetic but uses the wrong operand (AG102).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, find_numbers, format_number

# "each optimizer step consumes one global batch", "one step uses the whole global batch"
_STEP_IS_GLOBAL = lazy_regex(
    r"\b(?:each|every|one|an?)[ \t\n]+(?:optimi[sz]er[ \t\n]+|training[ \t\n]+)?"
    r"(?:step|update|iteration)[ \t\n]+(?:consumes|uses|takes|processes|sees|covers|is)[ \t\n]+"
    r"(?:(?:one|the|a|whole|full|entire)[ \t\n]+){0,2}global[ \t\n]+batch\b",
    re.IGNORECASE,
)
# ... or says a step takes the whole of a number of samples ("one step processes all 256
# images across the GPUs", "every update sees the full 1,024 sequences"), pinned where that
# number is the global batch.
_STEP_TAKES_ALL = lazy_regex(
    rf"\b(?:each|every|one|an?)[ \t\n]+(?:optimi[sz]er[ \t\n]+|training[ \t\n]+)?"
    rf"(?:step|update|iteration)[ \t\n]+(?:consumes|uses|takes|processes|sees|covers)[ \t\n]+"
    rf"(?:all|the[ \t\n]+(?:whole|full|entire))[ \t\n]+(?:(?:of[ \t\n]+)?the[ \t\n]+)?"
    rf"(?P<s>{NUMBER_PATTERN})[ \t\n]+(?:images|samples|examples|sequences|rows|items"
    r"|records|clips|frames|sentences|pairs)\b",
    re.IGNORECASE,
)
_TIMES = r"[\N{MULTIPLICATION SIGN}x*\N{MIDDLE DOT}]"
# A factor maybe with its noun: "64 per replica", "4 replicas", "8 GPUs"
_FACTOR = rf"{NUMBER_PATTERN}(?:[ \t]+(?:per[ \t]+)?[A-Za-z]+)?"
# "the global batch is 8 x 256 = 2,048", "a global batch of 512", "global batch: 512",
# "global batch = 64 per replica * 4 replicas = 256"
_GLOBAL = lazy_regex(
    rf"\bglobal[ \t\n]+batch(?:[ \t\n]+size)?[ \t\n]*(?:is|of|:|=)?[ \t\n]*"
    rf"(?:(?:{_FACTOR}[ \t]*{_TIMES}[ \t]*)+{_FACTOR}[ \t]*=[ \t]*)?"
    rf"(?P<g>{NUMBER_PATTERN})(?![ \t]*{_TIMES})",
    re.IGNORECASE,
)
# "640,000 / 64 = 10,000"
_DIVISION = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})[ \t]*(?:/|\N{{DIVISION SIGN}}|\\div)[ \t]*(?P<b>{NUMBER_PATTERN})"
    rf"[ \t]*(?:=|\N{{ALMOST EQUAL TO}})[ \t]*[*_]*(?P<c>{NUMBER_PATTERN})"
)
# A non-whole quotient rounded on the same line: "→ round up → **32**", ", so 32", "≈ 32"
_ROUNDED = lazy_regex(
    r"[ \t]*(?:(?:->|→|⇒|=|≈|,|;|so|i\.e\.|rounded|round(?:ed)?[ \t]+(?:up|down)|ceil\w*"
    rf"|floor\w*|gives|to|[*_])[ \t]*)+(?P<r>{NUMBER_PATTERN})\b",
    re.IGNORECASE,
)
# The line names steps of an epoch, and not one device's share of the data or a hypothesis.
_STEPS_LABEL = lazy_regex(r"\b(?:steps|iterations|updates)\b", re.IGNORECASE)
_NOT_STEPS = lazy_regex(
    r"\b(?:samples|images|examples|per[ \t-](?:GPU|device|rank|replica|core)|shard|would|if"
    r"|instead|wrong|not|naive\w*|mistak\w*|total)\b|n't\b",
    re.IGNORECASE,
)


def _number(text: str, match: re.Match[str], group: str) -> Fraction | None:
    number = next(find_numbers(text, match.start(group), match.end(group)), None)
    return None if number is None else number.value


def global_batch_findings(document: LintDocument) -> Iterator[Finding]:
    """Steps per epoch worked out with one device's batch where a step takes the global one."""
    text, body = document.text, document.body_offset
    sizes = {
        value
        for match in _GLOBAL.finditer(text, body)
        if (value := _number(text, match, "g")) is not None
    }
    if len(sizes) != 1:
        return  # no global batch, or several: which one a step takes is not said
    size = next(iter(sizes))
    taken = {_number(text, match, "s") for match in _STEP_TAKES_ALL.finditer(text, body)}
    if _STEP_IS_GLOBAL.search(text, body) is None and taken != {size}:
        return
    for match in _DIVISION.finditer(text, body):
        n, b, c = (_number(text, match, group) for group in "nbc")
        if n is None or b is None or c is None or b >= size or size % b or n < size:
            continue
        start, end, shown = match.start("c"), match.end("c"), match.group("c")
        if c == n / b and c.denominator != 1:
            # "2,000 / 64 = 31.25 → round up → **32 steps**": the count is the rounded one
            rounded = _ROUNDED.match(text, end)
            if rounded is None:
                continue
            start, end, shown = rounded.start("r"), rounded.end("r"), rounded.group("r")
            c = _number(text, rounded, "r")
        if c not in (math.floor(n / b), math.ceil(n / b)):
            continue  # a wrong division is AG101's
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = text[line_start : match.start()]
        if not _STEPS_LABEL.search(label) or _NOT_STEPS.search(label):
            continue
        exact = n / size
        steps = format_number(Fraction(math.ceil(exact)), True)
        calculation = f"{format_number(n, True)} / {format_number(size, True)}"
        if exact.denominator != 1:
            calculation = f"⌈{calculation}⌉"
        yield Finding(
            start,
            end,
            f"each step consumes one global batch of {format_number(size, True)}: an epoch is "
            f"{calculation} = {steps} steps, not {shown} (divided by "
            f"{format_number(b)}, one device's batch): correct the count",
        )
