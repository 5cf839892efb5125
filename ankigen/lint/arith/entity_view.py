"""The note's text as its card shows HTML entities, for the arithmetic rules (AG101, AG102).

ankigen's format renders a well-formed entity: "300 &times; 100 + 100 = 30,100" shows
"300 x 100 + 100 = 30,100" and "12&nbsp;000 / 40 = 300" shows "12 000 / 40 = 300". Read
raw, the first is "100 + 100 = 30,100" and the second "000 / 40". The view keeps every offset
(findings point at the source): an operator entity becomes its sign padded with spaces, and a
number grouped by space entities is written grouped by plain spaces, padded before it. AG170
still says that the entity is pasted markup.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_SIGNS = {
    "times": "\N{MULTIPLICATION SIGN}",
    "#215": "\N{MULTIPLICATION SIGN}",
    "#xd7": "\N{MULTIPLICATION SIGN}",
    "divide": "÷",
    "#247": "÷",
    "minus": "\N{MINUS SIGN}",
    "#8722": "\N{MINUS SIGN}",
    "middot": "\N{MIDDLE DOT}",
    "sdot": "\N{DOT OPERATOR}",
    "asymp": "\N{ALMOST EQUAL TO}",
    "approx": "\N{ALMOST EQUAL TO}",
    "rarr": "\N{RIGHTWARDS ARROW}",
    "rArr": "\N{RIGHTWARDS DOUBLE ARROW}",
    "le": "≤",
    "ge": "≥",
}
_SPACE = r"&(?:nbsp|#160|#xa0|thinsp|#8201|#x2009|nnbsp|#8239|#x202f);"
_ENTITY = lazy_regex(r"&(?P<name>[A-Za-z]\w{0,7}|#\d{1,5}|#x[0-9a-fA-F]{1,4});")
_GROUPED = lazy_regex(rf"(?<![\d.,])\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)", re.IGNORECASE)
_SPACES = lazy_regex(_SPACE, re.IGNORECASE)


def _grouped(match: re.Match[str]) -> str:
    shown = _SPACES.sub(" ", match.group())
    return " " * (len(match.group()) - len(shown)) + shown


def _sign(match: re.Match[str]) -> str:
    name = match.group("name")
    sign = _SIGNS.get(name) or _SIGNS.get(name.lower())
    if sign is None:
        return " " * len(match.group()) if _SPACES.fullmatch(match.group()) else match.group()
    pad = len(match.group()) - 1
    return " " * (pad // 2) + sign + " " * (pad - pad // 2)


def shown_entities(text: str) -> str:
    """``text`` with the entities above as the card shows them, every offset kept."""
    if "&" not in text:
        return text
    return _ENTITY.sub(_sign, _GROUPED.sub(_grouped, text))


def entities_read(document: LintDocument) -> LintDocument:
    """The document with its text's entities read (itself when it has none)."""
    if "&" not in document.text:
        return document

    def view() -> LintDocument:
        text = shown_entities(document.text)
        return document if text == document.text else replace(document, text=text)

    return document.memo("arithmetic-entities", view)
