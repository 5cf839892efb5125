"""A size of memory restated in another unit where the restatement goes on past a line break
or stands in a plain-text fence: "- bytes: … = 15 360 000 B" then "- ≈ 15.36 MiB" on the next
item, or "2.5e8 x 16 B = 4.0e9 B = 40 GB" in a ```text block.

``memory_restatements`` reads one line of prose. Authors who work a memory figure out step by
step put the conversion on its own line, opened by the relation sign, or put the whole chain in
a fence that only keeps it monospaced. The reading here makes such text one line of prose at
the same length (the break, a list marker and a fence's own lines become spaces) and gives it
to ``memory_restatements``; only what the plain text did not already show is new. A line that
does not open with "=", "≈" or "~" is never joined, and fences in a programming language stay
code. A restatement on the next line is read from the layout, so its finding is a warning; one
on a line of a plain-text fence is as sure as on a line of prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.arith.memory_restatements import memory_restatements
from ankigen.lint.lazy_pattern import lazy_regex

# a line break, a list marker or quote and the relation sign that continues the line above
_CONTINUED = lazy_regex(
    r"\n[ \t]*(?:[-*+>][ \t]+|\d+[.)][ \t]+)?(?=(?:=|\N{ALMOST EQUAL TO}|~|\\approx)[ \t]*\d)"
)
_PLAIN_FENCE = lazy_regex(
    r"^(?P<open>[ \t]*(?P<mark>```|~~~)[ \t]*(?:text|txt|plain|plaintext|math)?[ \t]*\n)"
    r"(?P<body>.*?)^(?P<close>[ \t]*(?P=mark)[ \t]*)$",
    re.M | re.S,
)
_BYTES_HINT = lazy_regex(r"\d[ \t]*(?:[kKMGT]i?B|B|bytes?)\b")


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def memory_continuations(text: str, start: int) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, message, joined) of each size of memory whose restatement on the next line
    or in a plain-text fence does not match it; the start is where the restatement's line
    opens, and ``joined`` says the two stood on two lines."""
    if not _BYTES_HINT.search(text, start):
        return
    view = text
    joins: list[int] = []
    for fence in _PLAIN_FENCE.finditer(text, start):
        view = _blank(view, *fence.span("open"))
        view = _blank(view, *fence.span("close"))
    for match in _CONTINUED.finditer(view, start):
        joins.append(match.end())
        view = _blank(view, *match.span())
    if view == text:
        return
    plain = {(s, e) for s, e, _ in memory_restatements(text, start)}
    for first, end, message in memory_restatements(view, start):
        if (first, end) in plain or _in_code(text, first, start):
            continue
        shown = max((join for join in joins if first < join <= end), default=first)
        yield shown, end, message, shown != first


def _in_code(text: str, offset: int, start: int) -> bool:
    """Whether ``offset`` stands in a fence of a programming language."""
    for fence in re.finditer(r"^[ \t]*(```|~~~)([^\n]*)\n.*?^[ \t]*\1[ \t]*$", text, re.M | re.S):
        if fence.start() <= offset < fence.end():
            return not _PLAIN_FENCE.match(text, fence.start())
    return False
