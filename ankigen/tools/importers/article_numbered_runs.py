"""Several numbered questions in one paragraph: ``**Basic:** 1. Why …? 2. What …?``.

Question banks at the end of a chapter often run their questions together, two or three to a
paragraph after a level label, wrapped wherever the editor wrapped them::

    **Basic:** 1. Why is lookup O(1) on average? 2. What does a
    collision cost?

    **Senior:** 3. Design a cache with a bounded size.

The readers key every question by its line, so such a paragraph was one question at most (or
none). A design decision: before the article is read, each such paragraph is written out as a
label line and one numbered line per question (``**Basic:**`` / ``1. Why …?`` / ``2. What does
a collision cost?``), and each new line remembers the line of the document where its text
starts, so that warnings still point into the document as written.

A paragraph is split only when it opens with a number (after a bold label, or as a list item)
and goes on with the next number after the end of a sentence, every part asking or prompting;
a paragraph that holds one labelled number is split when that number continues the numbering of
the paragraphs split before it ("**Architect:** 7. …" after "6."). Steps in prose ("1. Install
it. 2. Run it.") ask nothing and stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SplitText", "split_numbered_runs"]

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# Lines that open a block of their own, never the wrapped part of a paragraph.
_BLOCK = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d{1,4}[.)]\s|>|\||<|\$\$|!\[)")
_START = re.compile(
    r"^(?P<lead>\s{0,3})(?P<label>(?:\*\*|__)[^*_]{1,40}?(?:\*\*|__)\s*|)"
    r"(?P<number>\d{1,3})\.\s+(?=\S)"
)
# The next number after the end of a sentence: "…O(n²)? 2. What's".
_NEXT = re.compile(r"(?<=[?.!)\"\u201d])\s+(\d{1,3})\.\s+(?=[A-Z\"\u201c'(\u00bf])")
_ASKS = re.compile(
    r"^[\"\u201c']?(?:what|why|how|when|where|which|who|is|are|can|could|do|does|did|should|"
    r"would|will|explain|describe|define|name|list|compare|give|write|design|implement|walk|"
    r"prove|derive|show|solve|find|calculate|sketch|estimate|you|a|an|the|in|if|suppose)\b",
    re.I,
)


@dataclass(frozen=True)
class SplitText:
    """The text with its runs split, and for each of its lines the document's line index."""

    text: str
    origin: tuple[int, ...]


def split_numbered_runs(text: str) -> SplitText:
    lines = text.split("\n")
    out: list[str] = []
    origin: list[int] = []
    fence: str | None = None
    last_number: int | None = None  # the last number of the runs split so far
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = _FENCE.match(line)
        if fence is not None or opened:
            if opened and fence is None:
                fence = opened.group(1)[0]
            elif opened and opened.group(1)[0] == fence:
                fence = None
            out.append(line)
            origin.append(index)
            index += 1
            continue
        start = _START.match(line)
        if start is None or not line.strip():
            if line.lstrip().startswith("#"):
                last_number = None  # a new section numbers its own questions
            out.append(line)
            origin.append(index)
            index += 1
            continue
        stop = index + 1
        while stop < len(lines) and lines[stop].strip() and not _BLOCK.match(lines[stop]):
            stop += 1
        split = _split(lines, index, stop, start, last_number)
        if split is None:
            out.extend(lines[index:stop])
            origin.extend(range(index, stop))
        else:
            parts, last_number = split
            for text_line, at in parts:
                out.append(text_line)
                origin.append(at)
        index = stop
    return SplitText("\n".join(out), tuple(origin))


def _split(
    lines: list[str], first: int, stop: int, start: re.Match[str], last_number: int | None
) -> tuple[list[tuple[str, int]], int] | None:
    """The paragraph's label line and question lines with their document lines, and its last
    number; None when the paragraph is no run of numbered questions."""
    offsets: list[int] = []  # where each document line starts in the joined paragraph
    joined = ""
    for index in range(first, stop):
        if joined:
            joined += " "
        offsets.append(len(joined))
        joined += lines[index].strip()
    head = _START.match(joined)
    if head is None:
        return None
    number = int(start.group("number"))
    cuts = [(head.end(), number)]
    for found in _NEXT.finditer(joined, head.end()):
        if int(found.group(1)) != cuts[-1][1] + 1:
            continue
        cuts.append((found.end(), int(found.group(1))))
    label = head.group("label").strip()
    continues = bool(label) and last_number is not None and number == last_number + 1
    if len(cuts) < 2 and not continues:
        return None
    texts: list[tuple[str, int, int]] = []  # (text, number, offset)
    for at, (begin, item) in enumerate(cuts):
        end = len(joined) if at + 1 == len(cuts) else _number_start(joined, cuts[at + 1][0])
        texts.append((joined[begin:end].strip(), item, begin))
    if not all(_ASKS.match(text) or "?" in text for text, _, _ in texts):
        return None
    lead = start.group("lead")
    parts: list[tuple[str, int]] = []
    if label:
        parts.append((f"{lead}{label}", first))
    for text, item, begin in texts:
        line = first + max(i for i, offset in enumerate(offsets) if offset <= begin)
        parts.append((f"{lead}{item}. {text}", line))
    return parts, cuts[-1][1]


def _number_start(joined: str, after_number: int) -> int:
    """Where the number that ends at ``after_number`` starts (its digits and their dot)."""
    match = re.search(r"\d{1,3}\.\s+$", joined[:after_number])
    return match.start() if match else after_number
