"""Optimizer updates worked out by multiplying by the accumulation factor (AG102).

With gradients accumulated over K micro-batches the optimizer steps once per K of them, so an
epoch of M micro-batches makes M / K updates. A line that labels a product "M x K = C" as the
optimizer's updates (or steps) is right as arithmetic but divides the wrong way: it names the
note's own accumulation factor as the factor it multiplies by.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, find_numbers, format_number

# The factor as the note states it: "accumulated over 4 micro-batches",
# "gradient_accumulation_steps=4", "accumulate_grad_batches: 4", "4 accumulation steps".
_FACTOR = lazy_regex(
    rf"\baccumulat\w*[ \t\n]+(?:the[ \t\n]+)?(?:gradients?[ \t\n]+)?(?:over|across|for)[ \t\n]+"
    rf"(?P<a>{NUMBER_PATTERN})[ \t\n]+(?:micro-?|mini-?)?(?:batches|steps)\b"
    rf"|\b(?:gradient_accumulation_steps|accumulate_grad_batches|accum(?:ulation)?_steps"
    rf"|grad_accum(?:_steps)?)`?[ \t]*[=:][ \t]*`?(?P<b>\d+)\b"
    rf"|(?P<c>{NUMBER_PATTERN})[ \t\n]+(?:gradient[ \t\n]+)?accumulation[ \t\n]+steps\b",
    re.IGNORECASE,
)
# "2,500 x 4 = 10,000": a product of two numbers and its result.
_PRODUCT = lazy_regex(
    rf"(?P<x>{NUMBER_PATTERN})[ \t]*"
    rf"(?:[\N{{MULTIPLICATION SIGN}}x*\N{{MIDDLE DOT}}]|\\times|\\cdot)[ \t]*"
    rf"(?P<y>{NUMBER_PATTERN})[ \t]*=[ \t]*[*_]*(?P<z>{NUMBER_PATTERN})"
)
# The label of the line or row: the optimizer's updates or steps, not the loader's passes.
_UPDATES = lazy_regex(
    r"\b(?:optimi[sz](?:er|ation)[ \t]+(?:steps|updates)|(?:weight|parameter|optimi[sz]er)?"
    r"[ \t]*updates)\b",
    re.IGNORECASE,
)
_NOT_UPDATES = lazy_regex(
    r"\b(?:pass(?:es)?|micro-?batch\w*|forward|backward|samples?|examples?|tokens?|images?"
    # (a total over the run may multiply by the epochs, which can equal the factor)
    r"|total|overall|whole|run|in[ \t]+all|epochs|over|across"
    r"|batch[ \t]+size|effective|GPUs?|devices?|would|if|instead|wrong|not|n't)\b",
    re.IGNORECASE,
)
_EPOCHS_OR_DEVICES = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})[ \t\n]+(?:epochs|GPUs|TPUs|devices|nodes|replicas|workers)\b"
    r"|\b(?:epochs|num_train_epochs|max_epochs|devices|gpus)`?[ \t]*[=:][ \t]*`?(?P<m>\d+)\b",
    re.IGNORECASE,
)


def _values(pattern: re.Pattern[str], text: str, start: int, groups: str) -> set[Fraction]:
    values: set[Fraction] = set()
    for match in pattern.finditer(text, start):
        group = next(name for name in groups if match.group(name) is not None)
        number = next(find_numbers(text, match.start(group), match.end(group)), None)
        if number is not None:
            values.add(number.value)
    return values


def _number(text: str, match: re.Match[str], group: str) -> Fraction | None:
    number = next(find_numbers(text, match.start(group), match.end(group)), None)
    return None if number is None else number.value


def accumulation_findings(document: LintDocument) -> Iterator[Finding]:
    """Updates worked out as micro-batches times the note's one accumulation factor."""
    text, body = document.text, document.body_offset
    factors = _values(_FACTOR, text, body, "abc")
    if len(factors) != 1:
        return  # no accumulation, or several settings: which one a line uses is not said
    factor = next(iter(factors))
    if factor < 2 or factor in _values(_EPOCHS_OR_DEVICES, text, body, "nm"):
        return  # a product by the epochs or the devices would read the same
    for match in _PRODUCT.finditer(text, body):
        x, y, z = (_number(text, match, group) for group in "xyz")
        if x is None or y is None or z is None or x * y != z or factor not in (x, y):
            continue
        micro = x if y == factor else y
        if micro == factor or micro < factor:
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = text[line_start : match.start()]
        if not _UPDATES.search(label) or _NOT_UPDATES.search(label):
            continue
        updates = format_number(Fraction(math.ceil(micro / factor)), True)
        shown_micro = format_number(micro, True)
        shown_factor = format_number(factor)
        yield Finding(
            match.start("z"),
            match.end("z"),
            f"with gradients accumulated over {shown_factor} micro-batches the optimizer "
            f"steps once per {shown_factor} of them: {shown_micro} / {shown_factor} = "
            f"{updates} updates, not {match.group('z')}: divide by the accumulation",
        )
