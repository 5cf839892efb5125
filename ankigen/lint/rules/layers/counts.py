"""A stated parameter count (its value and tolerance), the counts a layer allows (with or
without biases), the count that opens an answer, and the message for a dense layer."""

from __future__ import annotations

import re

from ankigen.lint import stage_trace
from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import (
    dense_parameters,
)
from ankigen.lint.arith.quantities import (
    Quantity,
    find,
    parse_total,
)
from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.scope import answer_start, layer_prose, outside_of

_HOW_MANY_PARAMETERS = lazy_regex(
    r"\b(?:how\s+many|number\s+of|(?:what\s+is\s+the\s+)?(?:number|count)\s+of|count)\s+"
    r"(?:the\s+)?(?:trainable\s+|learnable\s+|free\s+)?(?P<word>parameters|params|weights)\b"
    r"|\b(?P<count>parameter|param|weight)\s+count\b",
    re.IGNORECASE,
)


# The answer's first words: a count alone ("896.", "**896**: ...", "896 in total").
_LEADING_COUNT = lazy_regex(
    r"[\s*_]*(?P<count>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+\s*[kKM]|\s*[kKM])?)[*_]*"
    r"(?=\s*(?:(?:trainable\s+|learnable\s+)?(?:parameters|params)\b|[.:;(]|,(?!\d)|"
    r"\N{EN DASH}|\N{EM DASH}|-\s|in\s+total\b|total\b|$))"
)


_LIST_MARKER = lazy_regex(r"[ \t]*\d+[.)][ \t]")
# An operator after a number makes it a term of a calculation: "parameters: 3 x 3 x 32 x 64".
_OPERATOR_AFTER = lazy_regex(
    r"[ \t]*[xX*+/\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}\N{MIDDLE DOT}\N{MINUS SIGN}-][ \t]*\(?\d"
)


def first_term(prose: str, total: Quantity) -> bool:
    """Whether a count is the first number of a calculation, not a count."""
    return _OPERATOR_AFTER.match(prose, total.end) is not None


def answer_totals(document: LintDocument, start: int, end: int) -> list[Quantity]:
    """The count that opens the answer to "How many parameters …?"."""
    question = document.question
    prose = layer_prose(document)
    if question is None or start != answer_start(prose, question[1]):
        return []
    asked = _HOW_MANY_PARAMETERS.search(prose, *question)
    if asked is None:
        return []
    if _LIST_MARKER.match(prose, start):
        return []  # "1. ``Dense(64)``: …" opens a numbered list, not with a count
    match = _LEADING_COUNT.match(prose, start, end)
    if match is None:
        return []
    text = match.group("count")
    word = (asked.group("word") or asked.group("count")).lower()
    mode = "weights" if word.startswith("weight") else "parameters"
    return [Quantity("total", *match.span("count"), (), mode, text)]


_APPROXIMATE = lazy_regex(
    r"(?:\b(?:about|approximately|approx\.?|roughly|around|nearly|almost|some|over|under|"
    r"circa|close\s+to|just\s+(?:over|under)|more\s+than|less\s+than)|[~\N{ALMOST EQUAL TO}])"
    r"\s*[*_]*\s*$",
    re.IGNORECASE,
)


def stated_count(prose: str, total: Quantity) -> tuple[int, int] | None:
    """The stated count and its tolerance unit; "about 7,800" may be 5% off."""
    stated = parse_total(total.text)
    if stated is None:
        return None
    value, unit = stated
    if _APPROXIMATE.search(prose[max(0, total.start - 20) : total.start]):
        unit = max(unit, value // 10)
    return value, unit


def allowed_counts(
    counts: set[int], total: Quantity, bias_free: bool, weights_only: int
) -> set[int]:
    """A count of "weights", or one next to "without bias", may leave out the biases."""
    stage_trace.note_setup(stage_trace.PARAMS)
    return counts | {weights_only} if total.mode == "weights" or bias_free else counts


PARAMETER_COLUMN = lazy_regex(r"\b(?:param(?:eter)?s?|weights|#\s*params)\b")


LIST_ITEM = lazy_regex(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]")


def asks_parameters(document: LintDocument) -> bool:
    """Whether the question heading asks for a count of parameters (or weights)."""
    question = document.question
    prose = layer_prose(document)
    return question is not None and _HOW_MANY_PARAMETERS.search(prose, *question) is not None


# "- `Dense(32)`: 672", "- with bias: 295,040", "2. conv2: 3 x 3 x 16 x 32 + 32 = 4,640": a
# list item whose label names a layer or a count, its count the number that ends the item.
_ITEM_COUNT = lazy_regex(
    r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<label>[^\n:]{1,80}?)[ \t]*(?::|[ \t]\N{EM DASH})[ \t]*"
    r"(?:[^\n]*?=[ \t]*)?"
    r"[*_]*(?P<count>\d{1,3}(?:,\d{3})+|\d+)[*_]*[ \t]*"
    r"(?:(?:trainable\s+|learnable\s+)?(?:parameters|params))?[ \t]*[.;]?[ \t]*$",
    re.MULTILINE,
)
_COUNTED_LABEL = lazy_regex(
    r"\b(?:Dense|Linear|Conv[123][dD]|conv\w*|dense|linear|fully[- ]connected|param\w*|total|"
    r"count|(?:with|without|no)\s+(?:an?\s+|the\s+|any\s+)?bias(?:es)?|use_bias)\b",
    re.IGNORECASE,
)
# A label that names a size, not a count: "- output channels: 64", "- input features: 20".
_SIZE_LABEL = lazy_regex(
    r"\b(?:inputs?|outputs?|units|neurons|nodes|filters|kernel|stride|padding|channels|shape|"
    r"size|features|classes|width|height|depth|length|dim\w*|weights|biases|epochs?|batch)\b"
    r"(?![^()]*\))",
    re.IGNORECASE,
)


def item_count(prose: str, start: int, end: int) -> Quantity | None:
    """The count a labelled list item states without a noun ("- ``Dense(16)``: 528"), when its
    label names a layer or a count and no size."""
    match = _ITEM_COUNT.match(prose, start, end)
    if match is None:
        return None
    label = match.group("label")
    if not _COUNTED_LABEL.search(label) or _SIZE_LABEL.search(label):
        return None
    return Quantity("total", *match.span("count"), (), "parameters", match.group("count"))


def layer_widths(prose: str, start: int, end: int) -> list[Quantity]:
    """The units of the dense layers named in ``prose[start:end]``, not their inputs."""
    inputs = list(find("inputs", prose, start, end))
    return outside_of(list(find("units", prose, start, end)), inputs)


def dense_finding(
    total: Quantity, n: int, m: int, bias_free: bool, prose: str = ""
) -> Finding | None:
    stated = stated_count(prose, total) if prose else parse_total(total.text)
    if stated is None:
        return None
    value, unit = stated
    allowed = allowed_counts(
        {dense_parameters(n, m, True)}, total, bias_free, dense_parameters(n, m, False)
    )
    if any(abs(count - value) <= unit // 2 for count in allowed):
        return None
    right = dense_parameters(n, m, True)
    return CountFinding(
        total.start,
        total.end,
        f"a dense layer with {n} inputs and {m} units has {n} {TIMES} {m} + {m} = {right:,} "
        f"parameters, not {total.text}: correct the count",
        expected=tuple(sorted(allowed)),
    )
