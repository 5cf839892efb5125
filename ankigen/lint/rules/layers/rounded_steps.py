"""AG103 for a worked size step that rounds a fractional quotient UP where the note's formula
floors it: "(112 - 3)/2 = 54.5, rounded up -> 55 + 1 = 56", "(16,000 - 400)/160 + 1 = 97.5 + 1,
round up => 99 frames" (tests/fixtures/rules/AG103.rounding18.yml).

A convolution (and, by default, a pooling) drops the last partial window: the quotient of
``(n + 2p - d(k - 1) - 1) / s`` is rounded down before the ``+ 1``. A line that works a
quotient out to a fraction, says it rounds it up and ends in a claimed size that the rounded-up
quotient gives (with or without the ``+ 1``) is reported when the note states the floor
(``⌊ ⌋``, ``floor``, "round down") and nothing that lets the size round up: ``ceil_mode``,
Caffe, "same" padding, a ceiling anywhere in the note. A hedged or hypothetical line is left
alone. The same holds for a step that rounds up without saying so, its quotient left as a
fraction: "(12 - 3)/2 + 1 = 6" under "out = floor((in + 2p - k)/s) + 1" (4.5 floors to 4).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern

# "= 54.5, rounded up → 55 + 1 = 56": the fraction, the words that round it up, the claim
_ROUNDED_UP = lazy_regex(
    r"=\s*\$?\s*(?P<q>\d{1,3}(?:,\d{3})*\.\d+)\b(?P<between>[^\n]*?)"
    r"\b(?:round(?:ed|ing|s)?\s+(?:it\s+)?up|ceil(?:ing|ed)?)\b"
    r"(?P<rest>[^\n]*)"
)
_CLAIM_NUMBER = lazy_regex(
    r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w.]|,\d)|(?<![\w.,])\d+(?![\w.]|,\d)"
)
_FLOOR = GatedPattern(r"\\lfloor|\N{LEFT FLOOR}|\bfloor\b|\bround(?:ed|s|ing)?\s+down\b|//", re.I)
_MAY_ROUND_UP = lazy_regex(
    r"ceil_mode|\bcaffe\b|\bsame\b|\\lceil|\N{LEFT CEILING}|\bceil(?:ing)?\s*(?:\(|mode)",
    re.I,
)
# "(12 - 3)/2 + 1 = 6": a bracketed difference over a stride, plus one, and its result
_SILENT_STEP = lazy_regex(
    r"(?<![\w.\N{LEFT FLOOR}\N{LEFT CEILING}])"
    r"\(\s*(?P<top>\d+(?:\s*[-+\N{MINUS SIGN}]\s*\d+)+)\s*\)"
    r"\s*/\s*(?P<s>\d+)\s*\+\s*1\s*=\s*(?P<claim>\d+)(?![\d.,])"
)
_LAYER_WORDS = lazy_regex(r"conv|pool|kernel|stride|frame|window", re.I)
_NOT_OWN = lazy_regex(
    r"\b(?:would|if|instead|mistak\w*|wrong\w*|incorrect\w*|naive\w*|suppose|otherwise|"
    r"error|typo|bug|pitfall)\b|n't|\\approx|\N{ALMOST EQUAL TO}",
    re.I,
)


def rounded_up_findings(document: LintDocument) -> Iterator[Finding]:
    """Claims that round a fractional quotient up under a formula that floors it."""
    body = document.body_offset
    text = document.text
    note = text[body:]
    if not _FLOOR.search(note) or _MAY_ROUND_UP.search(note) or not _LAYER_WORDS.search(note):
        return
    yield from _silent_steps(text, body)
    for match in _ROUNDED_UP.finditer(text, body):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _NOT_OWN.search(line):
            continue
        claims = list(_CLAIM_NUMBER.finditer(match["rest"]))
        if not claims:
            continue
        last = claims[-1]
        claim = int(last.group().replace(",", ""))
        quotient = float(match["q"].replace(",", ""))
        if quotient == int(quotient):
            continue
        up, down = math.ceil(quotient), math.floor(quotient)
        # the "+ 1" may follow the fraction ("97.5 + 1") or the rounded value ("55 + 1")
        if claim not in (up, up + 1):
            continue
        right = down + (claim - up)
        start = match.start("rest") + last.start()
        yield Finding(
            start,
            start + len(last.group()),
            f"the note's formula floors the quotient: {match['q']} rounds down to {down}, so "
            f"the size is {right}, not {claim} (rounding up needs ceil_mode or 'same' "
            "padding): correct the output size",
        )


def _silent_steps(text: str, body: int) -> Iterator[Finding]:
    """Steps that round a fractional quotient up without a word, in a note that floors it."""
    for match in _SILENT_STEP.finditer(text, body):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        if _NOT_OWN.search(text, line_start, line_end if line_end >= 0 else len(text)):
            continue
        top = sum(
            int(term.replace(" ", "").replace("\N{MINUS SIGN}", "-"))
            for term in re.findall(r"[-+\N{MINUS SIGN}]?\s*\d+", match["top"])
        )
        stride, claim = int(match["s"]), int(match["claim"])
        if stride <= 1 or top % stride == 0 or top < 0:
            continue
        down = top // stride + 1
        if claim != -(-top // stride) + 1:
            continue  # a result the rounding up does not explain: the arithmetic's to judge
        yield Finding(
            match.start("claim"),
            match.end("claim"),
            f"the note's formula floors the quotient: ({match['top']})/{stride} = "
            f"{top / stride:g} rounds down, so the size is {down}, not {claim} (rounding up "
            "needs ceil_mode or 'same' padding): correct the output size",
        )
