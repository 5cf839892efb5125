"""Flashcards whose two sides a separator line parts, under a heading per card.

Tools that turn Markdown notes into Anki decks mark where a card flips with a line of its
own: a lone ``%`` or an HTML comment such as ``<!-- md2apkg split -->``. The heading only
names the card ("## Flashcard A"); the text above the separator is the front and the text
below it the back. So the front's words become the heading's text and the separator goes:
the card reads like any question heading over its answer. Lines are blanked, not removed, so
that line numbers in warnings still point into the article.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["read_split_cards", "read_typed_cards"]

_HEADING = re.compile(r"^(#{1,6})\s+\S")
# "%" alone, or a comment that says the card flips: "<!-- split -->", "<!-- md2apkg split -->".
_SEPARATOR = re.compile(r"^\s*(?:%|<!--\s*(?:[\w.-]+\s+)?(?:split|flip|back)\s*-->)\s*$", re.I)
_PLAIN_LINE = re.compile(r"^\s*[^\s#>|`~<\-*+]")  # prose, not a list, quote, table or code


def read_split_cards(lines: list[str], kinds: list[str]) -> frozenset[int]:
    """Rewrite, in place, each heading whose section holds one separator line below a front
    of prose lines: the heading asks the front's words; the front and the separator go.

    An article with such cards is a deck: every other heading below the title that has a
    body is a card too (a multiple-choice card needs no separator). Those headings are set to
    one level and returned, so that each becomes a note whatever its words."""
    headings = [i for i, line in enumerate(lines) if kinds[i] == TEXT and _HEADING.match(line)]
    split: list[int] = []
    for at, heading in enumerate(headings):
        end = headings[at + 1] if at + 1 < len(headings) else len(lines)
        separators = [i for i in range(heading + 1, end) if _SEPARATOR.match(lines[i])]
        if len(separators) != 1:
            continue
        front = [i for i in range(heading + 1, separators[0]) if lines[i].strip()]
        if not front or not all(kinds[i] == TEXT and _PLAIN_LINE.match(lines[i]) for i in front):
            continue
        level = _HEADING.match(lines[heading])
        assert level is not None
        words = " ".join(lines[i].strip() for i in front)
        lines[heading] = f"{level.group(1)} {words}"
        for index in (*front, separators[0]):
            lines[index] = ""
        split.append(heading)
    if not split:
        return frozenset()
    cards = [
        heading
        for at, heading in enumerate(headings)
        if not lines[heading].startswith("# ")
        and any(
            line.strip()
            for line in lines[heading + 1 : headings[at + 1] if at + 1 < len(headings) else None]
        )
    ]
    for heading in cards:
        lines[heading] = "## " + lines[heading].lstrip("#").strip()
    return frozenset(cards)


# "flashcard", "multiple_choice", "fill_in_the_blanks": a card type alone on its line.
_TYPE_WORD = re.compile(r"^[a-z]+(?:_[a-z]+)*$")
_MIN_TYPED = 2  # one such word is a stray line, not a deck


def read_typed_cards(lines: list[str], kinds: list[str]) -> frozenset[int]:
    """Headings right below a card-type word ("multiple_choice" / "# Pick the stable sort"),
    in a deck of at least two such cards: each heading is a card whatever its words. The type
    words go; the headings are set to one level and returned."""
    typed: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        if kinds[index] != TEXT or not _TYPE_WORD.match(line):
            continue
        heading = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        if heading is not None and kinds[heading] == TEXT and _HEADING.match(lines[heading]):
            typed.append((index, heading))
    if len(typed) < _MIN_TYPED:
        return frozenset()
    for word, heading in typed:
        lines[word] = ""
        lines[heading] = "## " + lines[heading].lstrip("#").strip()
    return frozenset(heading for _, heading in typed)
