"""Warm-up steps: a warm-up ratio r of a run of T optimizer steps is r · T steps (rounded
either way: Hugging Face rounds up, other schedulers down or to nearest), a warm-up of w
epochs is w times one epoch's steps.

T is any total the note states ("6,250 total steps", ``num_training_steps=6250``) or any
reading of the run the epoch solver finds from the note's data set, batch, devices,
accumulation and epochs. A claimed warm-up is reported only when the note states its ratio or
its epochs, some run length is known, and no reading gives the claim.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epoch_solver import run_lengths
from ankigen.lint.arith.epochs import hedge_allows, hedge_of
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import NUMBER_PATTERN, format_number, parse_number

_WARM = r"warm[ _-]?ups?"
_RATE = r"(?P<rate>\d*\.\d+|\d+(?:\.\d+)?[ \t]*%)"
_NUMBER = rf"(?P<n>{NUMBER_PATTERN})"
_GAP = r"[ \t`*_$]*"
# "warmup_ratio=0.1", "a 6 % warm-up", "warm up over the first 10% of training"
_RATIOS = (
    lazy_regex(
        rf"\b{_WARM}[ _-]?(?:ratio|fraction|proportion|pct){_GAP}(?:=|:|of|is)?{_GAP}{_RATE}", re.I
    ),
    lazy_regex(rf"(?<![\w.]){_RATE}{_GAP}(?:linear[ \t]+)?{_WARM}\b", re.I),
    lazy_regex(
        rf"\b{_WARM}\b[^.\n]{{0,40}}?(?<![\w.]){_RATE}(?=[ \t]+of[ \t]+(?:the[ \t]+)?(?:training"
        r"|total|all|the[ \t]+run|steps|optimi[sz]ation|updates))",
        re.I,
    ),
)
# "warmup_epochs=2", "2 epochs of warm-up", "warm up for the first 3 epochs"
_EPOCHS = (
    # (also a list label or a table row: "warm-up epochs: 2", "| warm-up epochs | 2 |")
    lazy_regex(rf"\b{_WARM}[ _-]?epochs[ \t`*_$|]*(?:=|:|of|is)?[ \t`*_$|]*{_NUMBER}", re.I),
    # "2 warm-up epochs"
    lazy_regex(rf"(?<![\w.]){_NUMBER}[ \t]+(?:linear[ \t]+)?{_WARM}[ \t]+epochs?\b", re.I),
    lazy_regex(
        rf"{_NUMBER}[ \t]+(?:{_WARM}[ \t]+)?epochs?[ \t]+of[ \t]+(?:linear[ \t]+)?{_WARM}", re.I
    ),
    lazy_regex(
        rf"\b{_WARM}\b[^.\n\d]{{0,20}}?\b(?:for|over|during|of|lasting|spanning)[ \t]+"
        rf"(?:the[ \t]+first[ \t]+)?{_NUMBER}[ \t]+epochs?\b",
        re.I,
    ),
)
# The claimed warm-up: "num_warmup_steps=625", "625 warm-up steps", "a warm-up of 625 steps"
_CLAIMS: tuple[re.Pattern[str], ...] = (
    lazy_regex(
        rf"\b(?:num_)?{_WARM}[ _-]?(?:steps|iters|iterations|updates){_GAP}"
        rf"(?:=|:|is|of|to|becomes|gives|will[ \t]+be)?{_GAP}{_NUMBER}(?![ \t]*%|[\w.]\d)",
        re.I,
    ),
    lazy_regex(
        rf"(?<![\w.]){_NUMBER}{_GAP}(?:linear[ \t]+)?{_WARM}[ \t]+(?:steps|iterations|updates)\b",
        re.I,
    ),
    lazy_regex(
        rf"\b{_WARM}[ \t]+(?:of|lasts|takes|covers|is|spans|runs(?:[ \t]+for)?)[ \t]+(?:the[ \t]+"
        rf"first[ \t]+)?{_NUMBER}[ \t]+(?:optimi[sz]er[ \t]+)?(?:steps|iterations|updates)\b",
        re.I,
    ),
)
_CLAIMS += (
    # "its first 500 steps of warm-up", "300 iterations as warmup"
    lazy_regex(
        rf"(?<![\w.]){_NUMBER}[ \t]+(?:optimi[sz]er[ \t]+)?(?:steps|iterations|updates)[ \t]+"
        rf"(?:of|for|as|in)[ \t]+(?:linear[ \t]+|the[ \t]+)?{_WARM}\b",
        re.I,
    ),
)
_CLOZE_OPEN = r"(?:\{\{c\d+::)?"
_CLOZE_CLOSE = r"(?:::[^}\n]*)?(?:\}\})?"
_CLAIMS += (
    # "the scheduler warms up for 500 steps", "warming up over the first {{c1::500}} updates"
    lazy_regex(
        rf"\bwarm(?:s|ed|ing)?[ \t-]+up[ \t]+(?:for|over|during)[ \t]+(?:the[ \t]+first[ \t]+)?"
        rf"{_GAP}{_CLOZE_OPEN}{_NUMBER}{_CLOZE_CLOSE}{_GAP}[ \t]+(?:optimi[sz]er[ \t]+)?"
        r"(?:steps|iterations|updates)\b",
        re.I,
    ),
)
_CLAIMS += (
    # a list label or a table row over a worked product: "- warm-up: 5 x 1,251 = 6,255 steps",
    # "3. Warm-up: $3 \times 176 = 528$ steps", "**Warm-up:** 528 steps"
    lazy_regex(
        # (or an equation: "warmup = 2 epochs = {{c2::1,460}} iters")
        rf"\b{_WARM}{_GAP}[:|=][ \t`*_$|]*(?:[^=\N{{ALMOST EQUAL TO}}:\n]{{1,40}}?"
        rf"(?:=|\N{{ALMOST EQUAL TO}}|\\approx){_GAP})?{_CLOZE_OPEN}{_NUMBER}{_CLOZE_CLOSE}{_GAP}"
        r"(?:optimi[sz]er[ \t]+)?(?:steps|iterations|iters|updates)\b",
        re.I,
    ),
)
# A run written as its epochs and their steps: "8 epochs of 1,250 steps" (8 x 1,250 in all)
_EPOCHS_OF_STEPS = lazy_regex(
    rf"(?<![\w.])(?P<e>\d+)[ \t]+epochs[ \t]+of[ \t]+(?P<n>{NUMBER_PATTERN})[ \t]+"
    r"(?:optimi[sz]er[ \t]+)?(?:steps|iterations|updates|batches)\b",
    re.I,
)
# Stated run lengths: "6,250 total steps", "num_training_steps=6250", "total steps: 6,250"
_TOTALS = (
    lazy_regex(
        rf"(?<![\w.]){_NUMBER}{_GAP}(?:total|training|optimi[sz](?:er|ation))[ \t]+"
        r"(?:training[ \t]+)?(?:steps|iterations|updates)\b",
        re.I,
    ),
    lazy_regex(
        rf"\b(?:num_training_steps|total_steps|max_steps|t_total|total[ \t]+(?:training[ \t]+)?"
        rf"(?:steps|iterations|updates)){_GAP}(?:=|:|is|of)?{_GAP}{_NUMBER}(?![\w.]\d)",
        re.I,
    ),
)
# The decay that follows the warm-up and ends the run lasts the run's steps less the warm-up's
# (epoch_formulas.warmup_decay_steps): "1,256 cosine decay steps", "decay steps: 1,256",
# "| cosine decay steps | 1,256 |"; only where the note orders the two phases (a scheduler's
# T_max is a setting, which may span the warm-up too, not a count).
_DECAY = r"(?:(?:cosine|linear)[ \t]+)?(?:decay|annealing)"
_TABLE_GAP = r"[ \t`*_$|]*"
_DECAY_CLAIMS = (
    lazy_regex(
        rf"(?<![\w.]){_CLOZE_OPEN}{_NUMBER}{_CLOZE_CLOSE}{_GAP}(?:cosine[ \t]+)?{_DECAY}[ \t]+"
        r"(?:steps|iterations|updates)\b",
        re.I,
    ),
    lazy_regex(
        rf"\b{_DECAY}[ \t]+(?:steps|iterations|updates){_TABLE_GAP}(?:=|:|is|of)?{_TABLE_GAP}"
        rf"{_NUMBER}(?![\w.]\d)",
        re.I,
    ),
)
# The decay comes after the warm-up: "a warm-up over 2 epochs, then cosine decay", "the decay
# after warm-up"
_WITHIN = r"(?:[^.\n]|\n(?![ \t]*\n))"  # a sentence's text, wrapped lines included
_ORDERED = lazy_regex(
    rf"\b{_WARM}\b{_WITHIN}{{0,100}}?\b(?:then|followed[ \t\n]+by|after[ \t\n]+which"
    rf"|afterwards)\b{_WITHIN}{{0,40}}?\b(?:decay|anneal)"
    rf"|\b(?:decay|anneal)\w*{_WITHIN}{{0,30}}?\bafter[ \t\n]+(?:the[ \t\n]+)?{_WARM}\b",
    re.I,
)
# A warm-up of a supposed run, or a count the author rounds on purpose
_SUPPOSED = lazy_regex(r"\b(?:if|would|suppose|say|e\.g\.|for[ \t]+example|instead)\b", re.I)
# A warm-up of a cited run, another than the note's: "Smith et al. (2021) warmed up for 4,000
# steps", "the original paper used 10,000 warm-up steps for pre-training"
_CITED_RUN = lazy_regex(
    r"\bet[ \t]+al\b|\(\d{4}\)|\boriginal[ \t]+(?:paper|run|recipe|setup)\b|\bpre-?training\b",
    re.I,
)


def _value(written: str) -> Fraction | None:
    number = parse_number(written.strip())
    return None if number is None else number.value


def _rate(written: str) -> Fraction:
    if written.rstrip().endswith("%"):
        return Fraction(written.rstrip()[:-1].strip()) / 100
    return Fraction(written)


def warm_up_findings(document: LintDocument) -> Iterator[Finding]:
    """Claimed warm-up steps that no stated ratio or number of warm-up epochs gives over any
    reading of the run."""
    body = document.text[document.body_offset :]
    if not re.search(rf"\b{_WARM}\b", body, re.I):
        return
    offset = document.body_offset
    rates = {_rate(m["rate"]) for p in _RATIOS for m in p.finditer(body)}
    rates = {rate for rate in rates if 0 < rate < 1}
    warm_epochs = {
        w
        for w in (_value(m["n"]) for p in _EPOCHS for m in p.finditer(body))
        if w is not None and 0 < w == int(w) and w < 100
    }
    if len(rates) > 1 or len(warm_epochs) > 1 or not (rates or warm_epochs):
        return  # no warm-up setting, or several (a comparison)
    claims = {(m.start("n"), m.end("n")): m["n"] for p in _CLAIMS for m in p.finditer(body)}
    decays = any(p.search(body) for p in _DECAY_CLAIMS)
    if not (claims or decays) or len(claims) > 3:
        return
    lengths = run_lengths(document)
    totals = set(lengths[1]) if lengths else set()
    per_epoch = set(lengths[0]) if lengths else set()
    claimed = {value for value in (_value(w) for w in claims.values()) if value is not None}
    for match in (m for p in _TOTALS for m in p.finditer(body)):
        total = _value(match["n"])
        if total is not None and total not in claimed:
            totals.add(total)
    for match in _EPOCHS_OF_STEPS.finditer(body):
        steps = _value(match["n"])
        if steps is not None:
            totals.add(int(match["e"]) * steps)
            per_epoch.add(steps)
    right: set[Fraction] = set()
    for rate in rates:
        for total in totals:
            exact = rate * total
            right |= {exact, Fraction(math.floor(exact)), Fraction(math.ceil(exact))}
            right.add(Fraction(round(exact)))
    for warm in warm_epochs:
        right |= {warm * steps for steps in per_epoch}
    if not right:
        return
    yield from _decay_findings(document, body, totals, right | warm_steps(body, right))
    for start, end, written in _unallowed(body, claims, right):
        yield Finding(offset + start, offset + end, _message(written, rates, warm_epochs, right))


def _unallowed(
    body: str, claims: dict[tuple[int, int], str], right: set[Fraction]
) -> Iterator[tuple[int, int, str]]:
    """The claims (span and text) that no right value allows: counts of 2 or more, not in a
    supposed scenario's sentence, not hedged into agreement."""
    for (start, end), written in sorted(claims.items()):
        value = _value(written)
        if value is None or value < 2:
            continue
        sentence_start = max(body.rfind(".", 0, start), body.rfind("\n\n", 0, start))
        if _SUPPOSED.search(body, sentence_start + 1, start):
            continue
        if _CITED_RUN.search(body, sentence_start + 1, start):
            continue
        if not hedge_allows(hedge_of(body, start, end), value, written, right):
            yield start, end, written


def warm_steps(body: str, right: set[Fraction]) -> set[Fraction]:
    """The warm-up step counts the note claims that its setting gives."""
    found = (_value(m["n"]) for p in _CLAIMS for m in p.finditer(body))
    return {value for value in found if value is not None and value in right}


def _decay_findings(
    document: LintDocument, body: str, totals: set[Fraction], warm_ups: set[Fraction]
) -> Iterator[Finding]:
    """Claimed decay steps after the warm-up that are no run length less a warm-up."""
    if not totals or not _ORDERED.search(body):
        return
    right = {total - warm for total in totals for warm in warm_ups if 0 < warm < total}
    if not right:
        return
    claims = {(m.start("n"), m.end("n")): m["n"] for p in _DECAY_CLAIMS for m in p.finditer(body)}
    for start, end, written in _unallowed(body, claims, right):
        whole = sorted(r for r in right if r == int(r))[:3]
        shown = ", ".join(format_number(r, r >= 10_000) for r in whole)
        yield Finding(
            document.body_offset + start,
            document.body_offset + end,
            f"{written} decay steps after the warm-up are not the run's steps less the "
            f"warm-up's: the note's sizes give {shown}: correct the count",
        )


def _message(
    written: str, rates: set[Fraction], warm_epochs: set[Fraction], right: set[Fraction]
) -> str:
    whole = sorted({r for r in right if r == int(r)})
    shown = ", ".join(format_number(r, r >= 10_000) for r in whole[:3])
    if rates:
        rate = next(iter(rates))
        setting = f"a warm-up ratio of {format_number(rate * 100)} % of the run's steps"
    else:
        setting = f"{format_number(next(iter(warm_epochs)))} warm-up epochs"
    return (
        f"{written} warm-up steps do not follow from {setting}: the note's sizes give "
        f"{shown}: correct the count"
    )
