"""A bias counted for a layer the note says has none (AG104).

The note turns the bias off (``bias=False``, ``use_bias=False``, "no bias", "without bias"),
and says so nowhere the other way ("with bias", ``bias=True``): then a count worked as
"weights + one bias per output" adds what the layer does not hold. The layer is the one whose
set-up line turns the bias off (a line that works no count out): the added outputs must be a
number of that line.

    The shortcut is a 1x1 conv, 64 → 128, ``bias=False``, then BatchNorm(128).
    Total: 64·128 + 128 + 2·128 = 8,576      (the layer holds 64·128 + 2·128 = 8,448)

The bias term is read as in ``dropped_biases``: a product of the layer's weights followed by
"+ n", n the product's first or last factor (its outputs), not itself multiplied. The line's
claimed result must be what the written terms give, so that only the stray term is at fault;
a line that names a bias ("+ 128 if the bias were on") is a scenario and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.dropped_biases import normalised_text
from ankigen.lint.rules.layers.slip_claims import claims, note_lines, raw_body

_NO_BIAS = lazy_regex(
    r"\b(?:use_)?bias\s*=\s*False\b|\bno\s+bias|\bwithout\s+(?:a\s+|any\s+)?bias", re.I
)
_SOME_BIAS = lazy_regex(
    r"\bwith\s+(?:a\s+|its\s+|the\s+)?bias|\b(?:use_)?bias\s*=\s*True\b|\bbiases\s+on\b"
    # "with and without biases": both scenarios, each line under its own
    r"|\bwith\s+(?:and|or)\s+without\b",
    re.I,
)
_BIAS_WORD = lazy_regex(r"\bbias", re.I)
# "64 * 128 + 128 + 2 * 128 = 8576": the weights' product, then a bare "+ n"
_PRODUCT_PLUS = lazy_regex(
    r"(?<![\w*.+(])(?P<product>\d+(?:\s*\*\s*\d+)+)\s*\+\s*(?P<c>\d+)(?![\w*^.(]|\s*\*)"
)
_SUM = lazy_regex(r"(?<![\w*.(])\d+(?:\s*[*+]\s*\d+)+\s*=\s*(?P<result>\d+)\b")


def _terms_value(expression: str) -> int:
    """The value of "a * b + c + 2 * d"."""
    return sum(_product(term) for term in expression.split("+"))


def _product(term: str) -> int:
    value = 1
    for factor in term.split("*"):
        value *= int(factor)
    return value


def stray_bias_findings(document: LintDocument) -> Iterator[Finding]:
    body = raw_body(document)
    if not _NO_BIAS.search(body) or _SOME_BIAS.search(body):
        return
    # the widths of the layers whose bias is off: the numbers of the lines that say so
    off = {
        int(number)
        for line in body.splitlines()
        # (a set-up line: a row that works its own count out, "Dense (use_bias=False): 16 * 8
        # = 128", turns off that row's bias only)
        if _NO_BIAS.search(line) and "=" not in _NO_BIAS.sub("", line)
        for number in re.findall(r"(?<![\d.,])\d+(?![\d.,]\d)", normalised_text(line))
    }
    for line in note_lines(document):
        if _BIAS_WORD.search(line.text):
            continue
        text = normalised_text(line.text)
        for total in _SUM.finditer(text):
            expression = total.group()[: total.start("result") - total.start()].rstrip(" =")
            stray = _PRODUCT_PLUS.search(expression)
            if stray is None:
                continue
            factors = re.findall(r"\d+", stray["product"])
            outputs = int(stray["c"])
            if stray["c"] not in (factors[0], factors[-1]) or outputs < 2 or outputs not in off:
                continue  # (another layer's bias, where the note turns off one layer's)
            claimed = int(total["result"])
            if _terms_value(expression) != claimed:
                continue  # the sum is wrong too: the arithmetic's to report
            found = next((c for c in claims(line, minimum=2) if c.value == claimed), None)
            if found is None:
                continue
            yield Finding(
                found.start,
                found.end,
                f"the note turns this layer's bias off, but the count adds one bias per output "
                f"(+ {outputs:,}): without it the count is {claimed - outputs:,}, not "
                f"{claimed:,}: correct the count",
            )
            break
