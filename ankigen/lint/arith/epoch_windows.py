"""Sliding windows cut from one series, counted as if every stride started a whole window
(AG102).

A series of N points cut into windows of W points that start every S points holds
⌊(N - W) / S⌋ + 1 whole windows without padding (``torch.Tensor.unfold``, a window loop that
stops at the last full window), one more where a last partial window is kept (⌈(N - W) / S⌉
+ 1). Authors who divide the series by the stride ("windows = 10,000 / 10 = 1,000") count the
windows a padded series would give. Where the note does not say the series is unpadded, the
padded counts (N / S rounded either way, and ⌊N / S⌋ + 1 for a centred window) are readings
too, so only a note that rules padding out is judged.

The reader gathers the series length, the window length and the stride wherever the note
states them (prose, list items, inline code: "series of 10,000 points", "window length 100",
``window=100``, "stride 10", "hop of 10 steps"), each stated once, and reads the final result
of a calculation (or a sentence) whose label counts windows ("Windows = ...", "number of
windows:", "... = 991 windows"). A hedged claim is left alone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.arith.epochs import hedge_of
from ankigen.lint.arith.inline import epoch_prose
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import DIGITS_PATTERN, find_numbers, format_number

_N = rf"(?P<n>{DIGITS_PATTERN})"
_M = rf"(?P<m>{DIGITS_PATTERN})"  # the number of a pattern's second form
_JOIN = r"[ \t]*(?:[=:]|\bof\b|\bis\b)?[ \t]*[*_`]*[ \t]*"
# "a series of 10,000 points", "10,000 time steps", "series length: 10,000"
_LENGTH = lazy_regex(
    rf"(?<![\w.,]){_N}[ \t-]*(?:data[ \t-]+)?(?:points|time[ \t-]?steps|timesteps|readings"
    r"|observations)\b"
    rf"|\b(?:series|signal|sequence)[ \t_-]+length{_JOIN}{_M}",
    re.I,
)
# "window length 100", "window_size=100", "windows of 100 points", "a 100-point window"
_WINDOW = lazy_regex(
    rf"\bwindow(?:[ \t_-]*(?:length|size|len))?{_JOIN}{_N}"
    rf"|\bwindows[ \t]+of[ \t]+(?P<k>{DIGITS_PATTERN})"
    rf"|(?<![\w.,]){_M}[ \t-]*(?:point|step|sample|reading)[ \t-]+windows?\b",
    re.I,
)
# "window stride 10", "stride=10", "a hop of 10", "step size 10"
_STRIDE = lazy_regex(
    rf"\b(?:window[ \t_-]+)?(?:stride|hop(?:[ \t_-]?(?:length|size))?|step[ \t_-]?size)"
    rf"{_JOIN}{_N}",
    re.I,
)
# The series is not padded: only whole windows count
_UNPADDED = lazy_regex(
    r"\bno[ \t-]+padding\b|\bwithout[ \t]+padding\b|\bunpadded\b|\bnot[ \t]+padded\b"
    r"|\bpadding[ \t]*[=:][ \t]*(?:0|False|none|\"valid\"|'valid')|\bunfold\(",
    re.I,
)
# A claim: the final result of a line whose label counts windows
_WINDOW_LABEL = lazy_regex(
    r"(?:^|[\s(*])(?:number[ \t]+of[ \t]+|num[ \t_]+|n[ \t_]+|#[ \t]*|total[ \t]+)?windows"
    r"(?:[ \t]+(?:per[ \t]+series|in[ \t]+total|total))?[ \t*_]*(?:=|:)",
    re.I,
)
_RESULT = lazy_regex(
    rf"(?:=|≈|→|=>)[ \t]*(?:\*\*|\{{\{{c\d+::)?[ \t]*{_N}"
    r"(?![\d.,]*[ \t]*[\u00d7x*/·÷+-][ \t]*[\d(])"  # (no operand of a longer chain)
)
_OTHER_SETTING = lazy_regex(
    r"\bwould\b|\bif\b|\binstead\b|\bnaive\w*|\bwrong|\bmistak\w*|\bnot\b|\bpadd(?:ed|ing)\b", re.I
)


def _one(pattern: re.Pattern[str], prose: str, other: Fraction | None = None) -> Fraction | None:
    """The one value a pattern states in the note (``other`` aside: the window's own length in
    "windows of 600 readings"), or None where it states none or several."""
    values = set()
    for match in pattern.finditer(prose):
        group = next(name for name, value in match.groupdict().items() if value)
        number = next(find_numbers(prose, match.start(group), match.end(group)), None)
        if number is not None:
            values.add(number.value)
    values.discard(other)
    return next(iter(values)) if len(values) == 1 else None


def _counts(n: Fraction, w: Fraction, s: Fraction, unpadded: bool) -> set[int]:
    counts = {math.floor((n - w) / s) + 1, math.ceil((n - w) / s) + 1}
    if not unpadded:
        counts |= {math.floor(n / s), math.ceil(n / s), math.floor(n / s) + 1}
    return counts


def window_count_findings(document: LintDocument) -> Iterator[Finding]:
    """Counts of windows cut from one series that no reading of its sizes gives."""
    text = document.text
    if "window" not in text.lower():
        return
    prose = epoch_prose(document)
    w, s = _one(_WINDOW, prose), _one(_STRIDE, prose)
    n = _one(_LENGTH, prose, w)
    if n is None or w is None or s is None or not (0 < w < n and 0 < s <= w):
        return
    unpadded = _UNPADDED.search(prose) is not None
    counts = _counts(n, w, s, unpadded)
    position = document.body_offset
    for line in text[position:].split("\n"):
        label = _WINDOW_LABEL.search(line)
        if label is not None and not _OTHER_SETTING.search(line, label.start()):
            results = list(_RESULT.finditer(line, label.end()))
            claim = results[-1] if results else None
            if claim is not None:
                number = next(find_numbers(line, claim.start("n"), claim.end("n")), None)
                start = position + claim.start("n")
                if (
                    number is not None
                    and number.value not in counts
                    and hedge_of(text, start, start + len(number.text)) is None
                    and "≈" not in claim.group(0)
                ):
                    right = math.floor((n - w) / s) + 1
                    yield Finding(
                        start,
                        position + claim.end("n"),
                        f"{number.text} windows do not fit the series: {_f(n)} points in windows"
                        f" of {_f(w)} every {_f(s)} give ⌊({_f(n)} \N{MINUS SIGN} {_f(w)}) / "
                        f"{_f(s)}⌋ + 1 = {_f(Fraction(right))} whole windows"
                        f"{'' if unpadded else ' without padding'}: correct the count",
                    )
        position += len(line) + 1


def _f(value: Fraction) -> str:
    return format_number(value, value >= 1_000)
