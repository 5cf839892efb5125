"""How many identical copies of a layer a parameter count's own sentence says it counts.

"Stacking two of them gives 73,856", "three such layers have 49,536", "a stack of 4x this
layer": the count is the one layer's times the copies, not one layer's. "The two layers each
hold 36,928" is one copy's count again, so a word of each copy between them keeps it too.
"""

from __future__ import annotations

import re

from ankigen.lint.arith.quantities import SMALL_NUMBER_WORDS
from ankigen.lint.lazy_pattern import lazy_regex

# The readers' shared number words, and the counts a multiplicity phrase adds ("twice").
_NUMBER_WORDS = {**SMALL_NUMBER_WORDS, "twelve": 12, "twice": 2, "thrice": 3}
_HOW_MANY = r"(?<![\d.,])(two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2})"

# The multiplicity phrases authors write before a count of copies of the one layer.
COPIES_PHRASE = lazy_regex(
    # "stacking two of them", "a stack of three", "stacked four times", "repeating it 3 times"
    rf"\b(?:stack(?:ing|ed|s)?|repeat(?:ing|ed|s)?(?:\s+(?:it|this|that))?)\s+(?:of\s+)?"
    rf"(?:(?:the\s+)?(?:layer|block|conv\w*)\s+)?{_HOW_MANY}\b"
    r"(?!\s*[x\N{MULTIPLICATION SIGN}]\s*\d)"
    # "two of them", "three such layers", "four identical convs", "2 copies", "3 of these"
    rf"|\b{_HOW_MANY}\s+(?:of\s+(?:them|these|those|it)\b|(?:such|identical|copies|"
    r"stacked\s+copies)\b)"
    # "4x this layer", "3 x the same conv" (also with the multiplication sign)
    rf"|(?<![\w.,]){_HOW_MANY}\s*[x\N{{MULTIPLICATION SIGN}}]\s*(?:this|that|the\s+same|such)\b"
    # "twice that", "three times this layer" ("2.8 times as many" compares, it counts no copies)
    rf"|\b(twice|thrice)\b(?!\s+as\b)|\b{_HOW_MANY}\s+times\s+(?:this|that|it)\b",
    re.I,
)
# A word of each copy between the phrase and the count, or right after the count: the count
# is one copy's ("the two layers each hold 36,928", "two of them, 36,928 parameters each").
# ("the first layer has …", "one of them has …": one copy named again)
_EACH = lazy_regex(
    r"\b(?:each|per|apiece|every|first|second|third|last|single|one\s+(?:of|layer|copy))\b",
    re.I,
)
_EACH_AFTER = lazy_regex(
    r"\s*(?:(?:trainable|learnable)\s+)?(?:parameters|params|weights)?\s*(?:each|apiece|per)\b",
    re.I,
)


_LOOSE = lazy_regex(
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d{1,2})\s+of\s+\w+", re.I
)


def _value(match: re.Match[str]) -> int:
    word = next(group for group in match.groups() if group)
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def copies_before(text: str, start: int, claim: int, claim_end: int) -> tuple[int, bool] | None:
    """The copies a phrase in ``text[start:claim]`` counts, and whether the count may also be
    one copy's ("each"); None when the span names no copies."""
    matches = list(COPIES_PHRASE.finditer(text, start, claim))
    if not matches:
        return None
    last = matches[-1]
    copies = _value(last)
    if copies < 2:
        return None
    each = _EACH.search(text, last.end(), claim) or _EACH_AFTER.match(text, claim_end)
    # "two of them" alone may count something else than copies of the layer ("it holds two
    # of them, weights and biases: 36,928"): one layer's count stays a reading too
    loose = _LOOSE.fullmatch(last.group(0)) is not None
    return copies, each is not None or loose


_SENTENCE_END = lazy_regex(r"[.!?;](?=\s)|\n\s*\n")


def copies_in_sentence(text: str, floor: int, start: int, end: int) -> tuple[int, bool] | None:
    """``copies_before`` over the claim's own sentence (from ``floor`` at the earliest)."""
    begin = floor
    for match in _SENTENCE_END.finditer(text, floor, start):
        begin = match.end()
    return copies_before(text, begin, start, end)
