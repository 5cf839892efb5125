"""A reading of AG131's class: a pager, the line a site or course player puts under a page to
go to the page before and the page after.

Read by the line's role, not its words: a line of its own, not a sentence, that points both
ways between titles ("« Previous: Law of total expectation | Next: Conditional independence
»", "← Lecture 4: Backpropagation | Lecture 6: Training →", "<< Prev · Index · Next >>"). Either
it opens with a backward mark and ends with a forward one, or one of its parts opens with a
backward mark or word and another with a forward one. Nothing on such a line is about the
card's subject: it names other pages. One direction alone ("x → y", "Input ← output") is how
prose writes a mapping, and a formula, inline code or a table row is never a pager.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.lazy_pattern import lazy_regex

# Marks and words that point to the page before, and to the page after.
_BACK = r"(?:←|⬅\ufe0f?|«|\u2039|◀\ufe0f?|⟵|<<|<-|(?:previous|prev\.?|back)\b)"
_FORWARD = r"(?:→|➡\ufe0f?|»|\u203a|▶\ufe0f?|⟶|>>|->|next\b)"
_BACK_MARK = r"(?:←|⬅\ufe0f?|«|\u2039|◀\ufe0f?|⟵|<<|<-)"
_FORWARD_MARK = r"(?:→|➡\ufe0f?|»|\u203a|▶\ufe0f?|⟶|>>|->)"
# Parts of a pager: a bar, a middle dot or bullet, a slash between spaces, or a wide gap.
_SEPARATOR = lazy_regex(r"[ \t]+[|·•‖/][ \t]+|[ \t]{3,}")
_BOTH_ENDS = lazy_regex(rf"^{_BACK_MARK}.*{_FORWARD_MARK}$")
_OPENS_BACK = lazy_regex(rf"^{_BACK}", re.IGNORECASE)
_OPENS_FORWARD = lazy_regex(rf"^(?:{_FORWARD}|[^|·•‖/]*{_FORWARD_MARK}$)", re.IGNORECASE)
# What a pager never holds: math, code, a sentence that goes on after a full stop.
_NOT_A_PAGER = lazy_regex(r"[$`]|[.!?][ \t]+[a-z]")
_LEAD = " \t>*_-+"  # a quote, a list item, emphasis
_TRAIL = " \t*_"
_MAX_WORDS = 24  # longer than any pair of page titles


def pager(line: str) -> bool:
    """Whether ``line`` (one line of prose) is a pager between pages."""
    text = line.lstrip(_LEAD + "\u00a0").rstrip(_TRAIL + "\u00a0")
    if not text or text.startswith("|") or _NOT_A_PAGER.search(text):
        return False
    if len(text.split()) > _MAX_WORDS:
        return False
    parts = [part.strip(_TRAIL) for part in _SEPARATOR.split(text)]
    if len(parts) < 2 or not _titles(parts):
        return False
    if _BOTH_ENDS.match(text):
        return True
    back = [i for i, part in enumerate(parts) if _OPENS_BACK.match(part)]
    forward = [i for i, part in enumerate(parts) if _OPENS_FORWARD.match(part)]
    return bool(back and forward and min(back) < max(forward))


_DIRECTION = lazy_regex(
    rf"^(?:{_BACK}|{_FORWARD})?[ \t]*(?:(?:lesson|lecture|chapter|section|page|post|part|"
    rf"article|video|unit|module|step)\b)?[ \t]*:?[ \t]*|[ \t]*(?:{_BACK_MARK}|{_FORWARD_MARK})$",
    re.IGNORECASE,
)


def _titles(parts: list[str]) -> bool:
    """Whether the parts, without their marks, are page titles ("Lecture 4: Backpropagation",
    "Index") or nothing at all ("« Previous | Next »"): "← input tokens | output tokens →"
    is a diagram of a data flow."""
    rests = [_DIRECTION.sub("", part).strip() for part in parts]
    return all(not rest for rest in rests) or any(
        rest[:1].isupper() or rest[:1].isdigit() for rest in rests
    )


def pager_lines(prose: str, text: str, start: int) -> Iterator[tuple[int, int]]:
    """The spans of the pager lines from ``start`` on: ``prose`` (code blanked) says which
    lines are prose, ``text`` is read, so math and inline code are seen as written."""
    for line in re.finditer(r"^.*$", prose[start:], re.MULTILINE):
        begin, end = start + line.start(), start + line.end()
        if line.group(0).strip() and pager(text[begin:end]):
            yield begin, end


# A video's timestamp at the start of a line: a transcript's "[00:04:12] so now …", or one
# line of a chapter list ("0:00 Intro" over "03:15 - Loading the data").
_TIMESTAMP = r"(?:\d{1,2}:)?[0-5]?\d:[0-5]\d"
_BRACKETED_STAMP = lazy_regex(rf"[ \t>*_-]*[\[(]{_TIMESTAMP}[\])][ \t]*[^\W\d_]")
_CHAPTER_STAMP = lazy_regex(rf"[ \t>*_-]*{_TIMESTAMP}[ \t]*(?:[-\u2013\u2014|:][ \t]*)?[^\W\d_]")
_ZERO_STAMP = lazy_regex(r"[ \t>*_-]*(?:0?0:)?0?0:00[ \t]*(?:[-\u2013\u2014|:][ \t]*)?[^\W\d_]")


# A chat log's line: a clock time (no seconds), then who speaks ("[10:02] dev1: …",
# "[14:31] <alice> …"): a conversation written as the note, not a video's transcript.
_CHAT_TURN = lazy_regex(
    r"[ \t>*_-]*\[(?:[01]?\d|2[0-3]):[0-5]\d\][ \t]*"
    r"(?:<(?P<nick>[\w.-]{1,24})>|(?P<name>[\w.-]{1,24}):)[ \t]"
)


def _chat_log(text: str, lines: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The lines of a chat log among ``lines``: two turns or more, by two speakers or more."""
    turns = {}
    for begin, end in lines:
        turn = _CHAT_TURN.match(text, begin, end)
        if turn is not None:
            turns[(begin, end)] = (turn["nick"] or turn["name"]).lower()
    return set(turns) if len(set(turns.values())) >= 2 else set()


def timestamp_lines(prose: str, text: str, start: int) -> Iterator[tuple[int, int]]:
    """Lines of a video's transcript or chapter list: a bracketed timestamp opening a line of
    words, or a chapter list, lines in a row that each open with a timestamp, the first at
    0:00 (where a video's chapters start), reported on that first line. "At 02:00 the job
    runs" opens with a word, and durations or a log's times do not start at zero."""
    lines = [
        (start + m.start(), start + m.end())
        for m in re.finditer(r"^.*$", prose[start:], re.MULTILINE)
        if m.group(0).strip()
    ]
    chat = _chat_log(text, lines)
    for index, (begin, end) in enumerate(lines):
        if (_BRACKETED_STAMP.match(text, begin, end) and (begin, end) not in chat) or (
            _ZERO_STAMP.match(text, begin, end)
            and index + 1 < len(lines)
            and text.count("\n", end, lines[index + 1][0]) == 1
            and _CHAPTER_STAMP.match(text, *lines[index + 1])
        ):
            yield begin, end
