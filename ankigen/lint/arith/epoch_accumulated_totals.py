"""A run's optimizer updates worked out from the loader's micro-batches (AG102).

With gradients accumulated over k micro-batches an epoch of M micro-batches makes M / k
optimizer updates, and a run of E epochs (M / k)·E of them. A note that works out M from the
data ("48,000 / 64 = 750") and then writes the run's updates (a ``global_step``,
``estimated_stepping_batches``, a scheduler's ``total_steps`` stepped per update) as
"M x E = C" has the right arithmetic and the wrong operand: the micro-batches, not the updates.

Authors also state the run's total without the product ("total over 10 epochs: 8,000
updates", "in all, **8,000** optimizer steps"): a stated count of updates over the run that
equals M·E (and not (M / k)·E) is the same slip.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epoch_accumulation import accumulation_factor
from ankigen.lint.arith.epoch_solver import EPOCHS, stated_numbers
from ankigen.lint.arith.step_divisions import body_lines, step_divisions, step_products
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number

# The product counts the optimizer's updates ...
_UPDATES = lazy_regex(
    r"\b(?:optimi[sz](?:er|ation)[ \t]+(?:steps?|updates?)|(?:weight|parameter)?[ \t]*updates?"
    r"|global_step|estimated_stepping_batches|optimizer\.step)\b",
    re.IGNORECASE,
)
# ... or a schedule's length where the note steps the scheduler once per update.
_SCHEDULE = lazy_regex(r"\b(?:total_steps|num_training_steps|T_max|max_steps)\b")
_SCHEDULER_PER_UPDATE = lazy_regex(
    r"\bstep(?:s|ped)?\b[^.\n]{0,30}?\b(?:after|per|with)[ \t]+(?:each|every|one)?[ \t]*"
    r"(?:optimi[sz]er[ \t]+(?:update|step)|update|`?optimizer\.step\(\)`?)",
    re.IGNORECASE,
)
# The loader's own counts, and supposed or named-wrong ones.
_NOT_UPDATES = lazy_regex(
    r"\b(?:micro-?batch\w*|forward|backward|passes|loader|samples?|examples?|tokens?|would|if"
    r"|instead|wrong\w*|naive\w*|mistak\w*|not)\b|n't\b",
    re.IGNORECASE,
)
# A division whose result counts the loader's batches ("micro-batches per epoch: 48,000 / 64")
_LOADER_COUNT = lazy_regex(r"\bbatch(?:es)?\b|\bmicro-?batch|\blen\(", re.IGNORECASE)
_UPDATE_WORDS = lazy_regex(r"\bupdates?\b|\boptimi[sz]er\b", re.IGNORECASE)
# A stated count of updates: "8,000 updates", "**8,000** optimizer steps"
_STATED_UPDATES = lazy_regex(
    rf"(?<![\w.,])(?P<c>{DIGITS_PATTERN})[ \t*_}}]*(?:optimi[sz]er[ \t]+(?:steps|updates)"
    r"|(?:weight[ \t]+|parameter[ \t]+|gradient[ \t]+)?updates)\b",
    re.IGNORECASE,
)
# ... over the whole run
_RUN_TOTAL = lazy_regex(
    r"\btotal\b|\bin[ \t]+all\b|\boverall\b|\b(?:whole|entire|full)[ \t]+run\b"
    r"|\bover[ \t]+(?:all[ \t]+)?(?:the[ \t]+)?(?:\d+[ \t]+)?epochs\b",
    re.IGNORECASE,
)


def _micro_batch_counts(document: LintDocument, factor: Fraction) -> set[Fraction]:
    """The counts of micro-batches per epoch the note works out: a division's result that
    the note divides by the accumulation, or one its label calls batches."""
    divisions = list(step_divisions(document))
    divided = {d.dividend for d in divisions if d.divisor == factor}
    counts = {count for count in divided if count > factor}
    for division in divisions:
        if division.divisor == factor or division.result <= factor:
            continue
        label = f"{division.before} {division.after}"
        loader = _LOADER_COUNT.search(label) and not _UPDATE_WORDS.search(label)
        if loader:
            counts.add(division.result)
    return counts


def accumulated_total_findings(document: LintDocument) -> Iterator[Finding]:
    """A run's updates written as the micro-batches per epoch times the epochs."""
    factor = accumulation_factor(document)
    if factor is None:
        return
    epochs = {s.value for s in stated_numbers(document) if EPOCHS in s.roles and s.value > 1}
    if not epochs or factor in epochs:
        return  # a product by the epochs or by the factor would read the same
    micro = _micro_batch_counts(document, factor)
    if not micro:
        return
    note = document.text[document.body_offset :]
    per_update = _SCHEDULER_PER_UPDATE.search(note) is not None
    reported: set[int] = set()
    for product, previous in step_products(document):
        a, b = product.factors
        count, run = (a, b) if a in micro and b in epochs else (b, a)
        if count not in micro or run not in epochs or (count / factor).denominator != 1:
            continue
        own = f"{product.before} {product.after}"
        if _NOT_UPDATES.search(own):
            continue
        label = own if _UPDATES.search(own) or _SCHEDULE.search(own) else f"{previous} {own}"
        if not (_UPDATES.search(label) or (per_update and _SCHEDULE.search(label))):
            continue
        reported.add(document.text.count("\n", 0, product.start))
        yield Finding(product.start, product.end, _message(factor, count, run, product.result_text))
    yield from _stated_totals(document, factor, micro, epochs, reported)


def _stated_totals(
    document: LintDocument,
    factor: Fraction,
    micro: set[Fraction],
    epochs: set[Fraction],
    reported: set[int],
) -> Iterator[Finding]:
    """A run's updates stated without their product, equal to the micro-batches' total."""
    for line, offsets in body_lines(document):
        if not _RUN_TOTAL.search(line) or _NOT_UPDATES.search(line):
            continue
        for match in _STATED_UPDATES.finditer(line):
            number = next(find_numbers(line, match.start("c"), match.end("c")), None)
            start = offsets[match.start("c")]
            if number is None or document.text.count("\n", 0, start) in reported:
                continue
            for count in sorted(micro):
                runs = [e for e in epochs if count * e == number.value]
                if runs and (count / factor).denominator == 1:
                    yield Finding(
                        start,
                        offsets[match.end("c") - 1] + 1,
                        _message(factor, count, runs[0], number.text),
                    )
                    break


def _message(factor: Fraction, count: Fraction, run: Fraction, claimed: str) -> str:
    updates = count / factor
    return (
        f"with gradients accumulated over {format_number(factor)} micro-batches an epoch of "
        f"{format_number(count, True)} micro-batches makes {format_number(count, True)} / "
        f"{format_number(factor)} = {format_number(updates, True)} optimizer updates: "
        f"{format_number(updates, True)} \N{MULTIPLICATION SIGN} {format_number(run)} = "
        f"{format_number(updates * run, True)}, not {claimed} (the micro-batches "
        f"counted): correct the count"
    )
