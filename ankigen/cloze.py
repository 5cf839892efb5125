"""Cloze markers: found once on the source text, carried through rendering as placeholders.

Markdown and Pygments never see ``{{c1::…}}``: each marker becomes one private-use character
that both pass through untouched, and the exact markers are put back after rendering. The
markers are found with Anki's own rule (a cloze opens at ``{{cN::`` and ends at the first
``}}``), so the deck means what Anki will read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "\ue000"
HINT = "\ue001"
CLOSE = "\ue002"
PLACEHOLDERS = (OPEN, HINT, CLOSE)

_MARKER = re.compile(r"\{\{c(\d+)::|::|\}\}")


@dataclass(frozen=True)
class ClozeProblem:
    offset: int  # character offset in the scanned text
    message: str


@dataclass(frozen=True)
class ProtectedText:
    text: str
    numbers: tuple[int, ...]  # cloze number of each OPEN, in order
    problems: tuple[ClozeProblem, ...]


def protect(text: str) -> ProtectedText:
    """Replace cloze markers by placeholders; report unclosed clozes and bad numbers."""
    pieces: list[str] = []
    numbers: list[int] = []
    problems: list[ClozeProblem] = []
    stack: list[tuple[int, bool]] = []  # (offset of the opening, hint seen)
    last = 0
    for match in _MARKER.finditer(text):
        token = match.group(0)
        if match.group(1) is not None:
            number = int(match.group(1))
            if number < 1:
                problems.append(ClozeProblem(match.start(), "cloze numbers start at c1"))
            numbers.append(number)
            stack.append((match.start(), False))
            replacement = OPEN
        elif token == "::" and stack and not stack[-1][1]:
            stack[-1] = (stack[-1][0], True)
            replacement = HINT
        elif token == "}}" and stack:
            stack.pop()
            replacement = CLOSE
        else:
            continue
        pieces.append(text[last : match.start()])
        pieces.append(replacement)
        last = match.end()
    pieces.append(text[last:])
    for offset, _ in stack:
        problems.append(
            ClozeProblem(offset, "cloze is never closed: add '}}' after the hidden text")
        )
    return ProtectedText("".join(pieces), tuple(numbers), tuple(problems))


_BRACE_PAIR = re.compile(r"([{}])(?=\1)")


def restore(html: str, numbers: tuple[int, ...]) -> str | None:
    """Put the markers back. None when rendering lost or moved a marker (e.g. in a link URL)."""
    if html.count(OPEN) != len(numbers) or html.count(CLOSE) != len(numbers):
        return None
    # Braces that rendering produced next to each other must not read as markers to Anki.
    html = _BRACE_PAIR.sub(lambda m: "&#123;" if m.group(1) == "{" else "&#125;", html)
    opened = iter(numbers)
    return re.sub(
        "[\ue000-\ue002]",
        lambda m: (
            f"{{{{c{next(opened)}::"
            if m.group(0) == OPEN
            else ("::" if m.group(0) == HINT else "}}")
        ),
        html,
    )


def strip_markers(text: str) -> str:
    """The text with every placeholder removed and hints dropped, as a learner reads the answer."""
    return re.sub(f"{HINT}[^{CLOSE}]*{CLOSE}|[{OPEN}{CLOSE}]", "", text)
