"""Training steps worked out on the wrong part of a split data set (AG102).

A note that holds a share s of its N samples out for validation (``validation_split=0.2``,
k-fold cross-validation's one fold in k) trains on N·(1 - s) of them. A written division of the
training steps per epoch that divides the whole set N, or the held-out part N·s, by the batch is
right as arithmetic and wrong in its operand. The whole set is judged so only where the note
itself states one of its parts (N·(1 - s) or N·s), which shows that N is the whole and not the
part already.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epochs import REFIT, k_folds, supposed_setting
from ankigen.lint.arith.step_divisions import StepDivision, stated_values, step_divisions
from ankigen.lint.claims.quantities import Quantity, Role, quantities
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import format_number

# "validation_split=0.2", "validation_split: 0.1" (a Keras argument or a config key)
_VALIDATION_SPLIT = lazy_regex(r"\bvalidation_split`?[ \t]*[=:][ \t]*`?(?P<s>0?\.\d+)\b")
# The division counts training steps of an epoch ...
_STEPS = lazy_regex(r"\b(?:steps?|iterations?|iters|batches|updates|bar|len\()", re.IGNORECASE)
# ... and not the validation run's, one device's, or a supposed or wrong one.
_NOT_TRAINING = lazy_regex(
    r"\b(?:valid\w*|val|eval\w*|test\w*|held|hold\w*|would|if|without|instead|naive\w*"
    r"|mistak\w*|wrong\w*|not|ignor\w*|forg[eo]t\w*|refit\w*|re-?train\w*|final|shards?"
    r"|per[ \t-](?:GPU|device|rank|replica|process))\b|n't\b",
    re.IGNORECASE,
)
_CLAUSE_START = lazy_regex(r".*[,;]|.*\.[ \t]")


def _shares(document: LintDocument) -> set[Fraction]:
    text, body = document.text, document.body_offset
    shares = {
        Fraction(match["s"])
        for match in _VALIDATION_SPLIT.finditer(text, body)
        if not supposed_setting(text, match.start(), match.end())
    }
    shares |= {split.value / 100 for split in _word_splits(document)}
    folds = k_folds(text, body)
    if folds is not None and not REFIT.search(text, body):
        shares.add(Fraction(1, folds))
    return {share for share in shares if 0 < share < 1}


def _word_splits(document: LintDocument) -> list[Quantity]:
    """A split the note writes in words as shares that add up to 100 ("split 90 % / 10 %",
    "split 80/10/10 into train/dev/test"): its held-out share, in percent."""
    return [q for q in quantities(document) if q.role is Role.SHARE and _SHARES.search(q.label)]


_SHARES = lazy_regex(r"\d[ \t]*%?[ \t]*/[ \t]*\d")


def _split_whole(document: LintDocument, size: Fraction) -> bool:
    """The size is the data set the note splits: stated in the split's own line before it
    ("120,000 clips, split 80/10/10 into train/dev/test", "The 60,000 images are split 90 % /
    10 %")."""
    splits = _word_splits(document)
    return any(
        q.role is Role.DATA
        and q.value == size
        and q.line == split.line
        and q.end <= split.start
        # "40,000 training clips (after an 80/20 split)": the part the split left
        and not _SPLIT_BEFORE.search(document.text, q.end, split.start)
        for q in quantities(document)
        for split in splits
    )


_SPLIT_BEFORE = lazy_regex(r"\b(?:after|from|following|of|by|via|post)\b", re.I)


def _label(division: StepDivision) -> str:
    """The division's own clause: the words after the last comma before it, and after it."""
    clause = _CLAUSE_START.match(division.before)
    before = division.before[clause.end() :] if clause else division.before
    return f"{before} {division.after}"


def _rounded(size: Fraction, batch: Fraction) -> str:
    exact = size / batch
    steps = format_number(Fraction(math.ceil(exact)), True)
    calculation = f"{format_number(size, True)} / {format_number(batch, True)}"
    return f"⌈{calculation}⌉ = {steps}" if exact.denominator != 1 else f"{calculation} = {steps}"


def split_part_findings(document: LintDocument) -> Iterator[Finding]:
    """Training steps per epoch divided from the whole set or the held-out part of a split."""
    shares = _shares(document)
    if len(shares) != 1:
        return  # no split, or several: which one a run holds out is not said
    share = next(iter(shares))
    values = stated_values(document)
    for division in step_divisions(document):
        if division.divisor <= 1 or not division.is_exact():
            continue
        label = _label(division)
        if not _STEPS.search(label) or _NOT_TRAINING.search(label):
            continue
        size = division.dividend
        others = values.copy()
        for term in (*division.dividend_terms, division.result):
            if term in others:
                others.remove(term)
        wholes = [n for n in (*others, *division.dividend_terms) if n > size and n * share == size]
        if wholes and share != Fraction(1, 2):
            whole, what = wholes[0], "the held-out part"
        elif size * (1 - share) in others or size * share in others or _split_whole(document, size):
            # the note states one of its parts, or splits this size in so many words
            whole, what = size, "the whole data set"
        else:
            continue
        trained = whole * (1 - share)
        if trained.denominator != 1:
            continue
        yield Finding(
            division.start,
            division.end,
            f"the note holds {format_number(share * 100)} % of the "
            f"{format_number(whole, True)} samples out, so an epoch trains on "
            f"{format_number(trained, True)}: {_rounded(trained, division.divisor)} steps, "
            f"not {division.result_text} ({what} divided by the batch): correct the count",
        )
