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
from ankigen.lint.prefilter import GatedPattern

# The factor as the note states it: "accumulated over 4 micro-batches",
# "gradient_accumulation_steps=4", "accumulate_grad_batches: 4", "4 accumulation steps".
# Gated: most notes say nothing of accumulation, and a scan for a number before
# "accumulation" tries every digit of the note.
_FACTOR = GatedPattern(
    rf"\baccumulat\w*[ \t\n]+(?:the[ \t\n]+)?(?:gradients?[ \t\n]+)?(?:over|across|for)[ \t\n]+"
    rf"(?P<a>{NUMBER_PATTERN})[ \t\n]+(?:micro-?|mini-?)?(?:batches|steps)\b"
    rf"|\b(?:gradient_accumulation_steps|accumulate_grad_batches|accum(?:ulation)?_steps"
    rf"|grad_accum(?:_steps)?)`?[ \t]*[=:][ \t]*`?(?P<b>\d+)\b"
    rf"|(?P<c>{NUMBER_PATTERN})[ \t\n]+(?:gradient[ \t\n]+)?accumulation[ \t\n]+steps\b"
    # a table row or a list label: "| accumulation steps | 5 |", "accumulation factor: 5"
    rf"|\b(?:gradient[ \t]+)?accumulation[ \t]+(?:steps|factor)[*_`]*[ \t]*[|:=][ \t]*[*_`]*"
    rf"(?P<d>\d+)\b"
    # a loop's own setting ("accum = 8") and the update's rhythm said in prose ("an update
    # happens once every 8 micro-batches")
    rf"|\baccum`?[ \t]*=[ \t]*`?(?P<e>\d+)\b"
    # (or the call that makes the update: "`optimizer.step()` once every 4 batches")
    rf"|\b(?:updat\w*\b|optimi[sz]er\w*\b(?:`?\.step\(\)`?)?)[^.\n]{{0,30}}?"
    rf"\bonce[ \t]+(?:every|per)[ \t]+"
    rf"(?P<f>\d+)[ \t]+(?:micro-?|mini-?|loader[ \t]+)?batches\b"
    # terse set-up lists: "grad accum 2", "gradient accumulation of 4", "grad-accum x4"
    rf"|\bgrad(?:ient)?[ \t-]+accum(?:ulation)?(?:[ \t]+of)?[ \t]*[\N{{MULTIPLICATION SIGN}}x]?"
    rf"[ \t]*(?P<g>\d+)\b(?![.,]\d|[ \t]*(?:%|bits?|epochs)\b)",
    re.IGNORECASE,
)
# The update's rhythm around a number, for the readers that give numbers roles: the words
# before it ("we call `optimizer.step()` once every", "the optimizer steps only after every")
# and the batches after it; "every 100 steps" after an optimizer may count a log's interval.
UPDATE_RHYTHM_BEFORE = lazy_regex(
    r"(?<![\w-])optimi[sz]er(?:`?\.step\(\)`?)?[^.\n\d]{0,30}?\b(?:(?:only|just)[ \t]+)?"
    r"(?:once[ \t]+)?(?:after[ \t]+)?every[ \t]*$",
    re.IGNORECASE,
)
UPDATE_RHYTHM_AFTER = lazy_regex(r"[ \t]*(?:micro-?|mini-?|loader[ \t]+)?batches\b", re.IGNORECASE)
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


def _values(
    pattern: re.Pattern[str] | GatedPattern, text: str, start: int, groups: str
) -> set[Fraction]:
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


# Counts named by the words after them: the loader's micro-batches or the optimizer's updates.
_MICRO_COUNT = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})[*_]*[ \t\n]+(?:micro-?batches|forward(?:[ \t]*/[ \t]*backward)?"
    r"[ \t\n]+passes|loader[ \t\n]+batches)\b",
    re.IGNORECASE,
)
_UPDATE_COUNT = lazy_regex(
    rf"(?P<n>{NUMBER_PATTERN})[*_]*[ \t\n]+(?:optimi[sz]er[ \t\n]+(?:steps|updates)"
    r"|(?:weight[ \t\n]+|parameter[ \t\n]+)?updates)\b",
    re.IGNORECASE,
)
_BLOCK_END = lazy_regex(r"\n[ \t]*\n")
_SUPPOSED = lazy_regex(
    r"\b(?:would|could|if|instead|wrong|wrongly|naive\w*|mistak\w*|not|total|overall|whole"
    r"|epochs)\b|n't\b",
    re.IGNORECASE,
)


def _stated_counts(
    text: str, pattern: re.Pattern[str], start: int, end: int
) -> Iterator[tuple[re.Match[str], Fraction]]:
    for match in pattern.finditer(text, start, end):
        value = _number(text, match, "n")
        if value is not None:
            yield match, value


def _prose_findings(document: LintDocument, factor: Fraction) -> Iterator[Finding]:
    """ "the 2,500 micro-batches of an epoch give 10,000 optimizer updates": in one block, an
    update count that is the micro-batch count times the factor."""
    text, position = document.text, document.body_offset
    while position < len(text):
        stop = _BLOCK_END.search(text, position)
        end = stop.start() if stop else len(text)
        micro = {value for _, value in _stated_counts(text, _MICRO_COUNT, position, end)}
        for match, value in _stated_counts(text, _UPDATE_COUNT, position, end):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if _SUPPOSED.search(line):
                continue
            for count in micro:
                if count > factor and count * factor == value:
                    yield _finding(match.start("n"), match.end("n"), count, factor, match["n"])
        position = stop.end() if stop else len(text)


def _finding(start: int, end: int, micro: Fraction, factor: Fraction, shown: str) -> Finding:
    updates = format_number(Fraction(math.ceil(micro / factor)), True)
    shown_micro = format_number(micro, True)
    shown_factor = format_number(factor)
    return Finding(
        start,
        end,
        f"with gradients accumulated over {shown_factor} micro-batches the optimizer "
        f"steps once per {shown_factor} of them: {shown_micro} / {shown_factor} = "
        f"{updates} updates, not {shown}: divide by the accumulation",
    )


def _factors(document: LintDocument) -> frozenset[Fraction]:
    """Every accumulation factor the note states (read once: three readers ask)."""
    return document.memo(
        "epoch_accumulation.factors",
        lambda: frozenset(_values(_FACTOR, document.text, document.body_offset, "abcdefg")),
    )


def accumulation_factor(document: LintDocument) -> Fraction | None:
    """The note's one accumulation factor (2 or more); None without one or with several."""
    factors = _factors(document)
    factor = next(iter(factors)) if len(factors) == 1 else None
    return factor if factor is not None and factor >= 2 else None


def accumulation_findings(document: LintDocument) -> Iterator[Finding]:
    """Updates worked out as micro-batches times the note's one accumulation factor."""
    text, body = document.text, document.body_offset
    factors = _factors(document)
    if len(factors) != 1:
        return  # no accumulation, or several settings: which one a line uses is not said
    factor = next(iter(factors))
    if factor < 2 or factor in _values(_EPOCHS_OR_DEVICES, text, body, "nm"):
        return  # a product by the epochs or the devices would read the same
    reported: set[int] = set()
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
        reported.add(match.start("z"))
        yield _finding(match.start("z"), match.end("z"), micro, factor, match.group("z"))
    for finding in _prose_findings(document, factor):
        if finding.start not in reported:
            reported.add(finding.start)
            yield finding
