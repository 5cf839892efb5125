"""Binomial coefficients written in words, "(12 choose 4)", "8 choose 4": the number of ways is
put in their place (same length), so a chain such as "(12 choose 4)·(8 choose 4) = 495·70 =
34,650" is read as the calculation it is, not as "4 = 495·70" ("4" the last number before
"="), and a slip in a binomial's value ("12 choose 4 = 459") is a wrong result like any other.
"""

from __future__ import annotations

import math
import re

from ankigen.lint.lazy_pattern import lazy_regex

# "(12 choose 4)" with its brackets, or "12 choose 4" alone; never a number of a longer one.
_CHOOSE = lazy_regex(
    r"(?P<open>\([ \t]*)?(?<![\w.,])(?P<n>\d{1,3})[ \t]+choose[ \t]+(?P<k>\d{1,3})(?![\w.,]\d|\w)"
    r"(?P<close>[ \t]*\))?",
    re.IGNORECASE,
)


def binomials_as_values(text: str) -> str:
    """The text with each binomial written in words replaced by its value (same length); one
    whose value does not fit its span is left as written."""
    if "choose" not in text.lower():
        return text
    return _CHOOSE.sub(_value, text)


def _value(match: re.Match[str]) -> str:
    n, k = int(match["n"]), int(match["k"])
    if k > n:
        return match.group(0)
    value = str(math.comb(n, k))
    opening, closing = match["open"] or "", match["close"] or ""
    if bool(opening) != bool(closing):
        return match.group(0)  # a bracket that opens or closes something else
    width = match.end() - match.start() - len(opening.strip()) - len(closing.strip())
    if len(value) > width:
        return match.group(0)
    inner = value.ljust(width)
    return f"({inner})" if opening else inner
