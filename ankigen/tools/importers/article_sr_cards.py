"""Cards written for a spaced-repetition plugin inside ordinary notes (Obsidian, RemNote).

Two notations hide the question from the line shapes of ``article_questions``:

- a one-line card, the front and the back parted by ``::`` (``:::`` for a card that is also
  asked the other way round): ``What is a Kripke structure?::A transition system …``;
- a card of several lines whose sides a line holding only ``?`` (``??``) parts, often under a
  heading that only titles the card::

      ## 4. Signals and variables
      What is the difference between a signal and a variable?
      ?
      A signal assignment is scheduled; a variable assignment is immediate.

A one-line card becomes a labelled question line with its answer after it
(``**Q: What is …?** A transition …``). In a card of several lines the heading right above
the front gives way to the front (its number stays); without such a heading the front's first
line becomes a labelled question line. The ``?`` line and the other front lines are blanked, not
removed, so that line numbers in warnings still point into the article. The plugin's tag lines
(``#flashcards/vhdl``) go too. A page needs two cards before either notation is read: one
``a::b`` in prose (or a lone ``?``) is no deck.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT
from ankigen.tools.importers.article_questions import prompts

__all__ = ["read_spaced_repetition_cards"]

_INLINE_CODE = re.compile(r"`[^`]*`|\$[^$]*\$")
# "front::back" and "front:::back", but not "std::vector" or "Vec::new" (a word on both sides).
_SEPARATOR = re.compile(r"(?<!:):{2,3}(?!:)")
_SIDE_BREAK = re.compile(r"^\s*\?{1,2}\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(?:(\d{1,4}[.)]\s+))?\S")
_TAG_LINE = re.compile(r"^\s*#[^\s#]+(?:\s+#[^\s#]+)*\s*$")
_NOT_A_FRONT = re.compile(r"^\s*(?:[-*+>|]\s|\d+[.)]\s|```|~~~|<)")


def read_spaced_repetition_cards(lines: list[str], kinds: list[str]) -> int:
    """Rewrite, in place, the cards of both notations; the number of cards read."""
    one_line = [(i, side) for i in range(len(lines)) if (side := _one_line_card(lines, kinds, i))]
    breaks = [i for i in range(len(lines)) if kinds[i] == TEXT and _SIDE_BREAK.match(lines[i])]
    several = [(i, above) for i in breaks if (above := _front_lines(lines, kinds, i))]
    several = [(i, above) for i, above in several if _has_back(lines, kinds, i)]
    if len(one_line) + len(several) < 2:
        return 0
    for index, (asked, answer) in one_line:
        lines[index] = f"**Q: {asked}** {answer}"
    for index, above in several:
        _rewrite_front(lines, kinds, index, above)
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and _TAG_LINE.match(line):
            lines[index] = ""  # "#flashcards/vhdl": the plugin's deck name, no content
    return len(one_line) + len(several)


def _one_line_card(lines: list[str], kinds: list[str], index: int) -> tuple[str, str] | None:
    line = lines[index]
    if kinds[index] != TEXT or _HEADING.match(line) or _NOT_A_FRONT.match(line):
        return None
    # Separators inside inline code or math ("$\varphi ::= p$") part nothing.
    masked = _INLINE_CODE.sub(lambda code: "x" * len(code.group(0)), line)
    for separator in _SEPARATOR.finditer(masked):
        start, end = separator.span()
        if start and end < len(masked) and masked[start - 1].isalnum() and masked[end].isalnum():
            continue  # "std::vector"
        front, back = line[:start].strip(), line[end:].strip()
        if front and back and prompts(_plain(front)):
            return front, back
        return None
    return None


def _front_lines(lines: list[str], kinds: list[str], index: int) -> list[int]:
    """The lines of the front above the ``?`` line at ``index`` (up to a blank or a heading)."""
    front: list[int] = []
    above = index - 1
    while above >= 0 and kinds[above] == TEXT and lines[above].strip():
        if _HEADING.match(lines[above]) or _NOT_A_FRONT.match(lines[above]):
            break
        front.insert(0, above)
        above -= 1
    return front


def _has_back(lines: list[str], kinds: list[str], index: int) -> bool:
    below = index + 1
    return below < len(lines) and bool(lines[below].strip())


def _rewrite_front(lines: list[str], kinds: list[str], index: int, front: list[int]) -> None:
    text = " ".join(lines[i].strip() for i in front)
    above = front[0] - 1
    heading = _HEADING.match(lines[above]) if above >= 0 and kinds[above] == TEXT else None
    if heading is not None:
        # "## 4. Signals and variables" only titles the card: the front asks.
        lines[above] = f"{heading.group(1)} {heading.group(2) or ''}{text}"
        lines[front[0]] = ""
    else:
        lines[front[0]] = f"**Q: {text}**"
    for i in front[1:]:
        lines[i] = ""
    lines[index] = ""


def _plain(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip()
