"""Claims in the prose lines of a note (every line outside code blocks, tables included): after
a connective (``relations``), in bold or a cloze on their own ("**61,035 steps**",
"{{c1::157}}"), a heading's "→ N", and a bare list item under a result header ("Parameters
per layer:" then "- conv2: 2,416")."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.claims import labels, lexicon, relations
from ankigen.lint.claims.flat import Flat, Token, flatten, numbers
from ankigen.lint.claims.model import RESULT_KINDS, Claim, Kind, Surface
from ankigen.lint.claims.place import placed
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_HEADING = lazy_regex(r"[ \t]{0,3}#{1,6}[ \t]+")
_LIST_ITEM = lazy_regex(r"[ \t>]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
_QUOTE = lazy_regex(r"[ \t]*>[ \t]?")
_BOLD = lazy_regex(r"\*\*(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\*\*|__(?=\S)(?P<under>[^_\n]+?)(?<=\S)__")
_CLOZE = lazy_regex(r"\{\{c\d+::(?P<inner>.*?)(?:::[^{}\n]*)?\}\}")
_OPERATOR_BEFORE = lazy_regex(r"[\u00d7*/+\u00f7\u00b7^-][ \t]*$")
_SEPARATOR = lazy_regex(r"[ \t]*(?:[:=\u2192\u2013\u2014]|[ \t]-)?[ \t]*$")
_COMPUTATION = lazy_regex(r"\d[ \t]*[\u00d7x*/+\u00f7\u00b7^-][ \t]*\d")


@dataclass(frozen=True)
class _Line:
    number: int  # the file's 1-based line
    start: int
    end: int
    heading: bool
    item: bool
    content: int  # where the text after a heading's hashes or a list marker begins


def _code_lines(document: LintDocument) -> set[int]:
    lines: set[int] = set()
    for token in document.tokens:
        if token.type in ("fence", "code_block", "html_block") and token.map:
            first = document.note.body_line + token.map[0]
            lines.update(range(first, document.note.body_line + token.map[1]))
    return lines


def prose_lines(document: LintDocument) -> list[_Line]:
    text = document.text
    code = _code_lines(document)
    first = document.position(document.body_offset)[0]
    found = []
    for number in range(first, len(document.line_starts) + 1):
        if number in code:
            continue
        start = document.offset_of_line(number)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        quote = _QUOTE.match(text, start, end)
        content = quote.end() if quote else start
        heading = _HEADING.match(text, content, end)
        item = _LIST_ITEM.match(text, content, end)
        content = heading.end() if heading else item.end() if item else content
        found.append(_Line(number, start, end, bool(heading), bool(item), content))
    return found


def prose_claims(document: LintDocument) -> Iterator[Claim]:
    lines = prose_lines(document)
    for index, line in enumerate(lines):
        flat = flatten(document.text, line.content, line.end)
        tokens = numbers(flat)
        if not tokens:
            continue
        surface = Surface.HEADING if line.heading else Surface.RELATION
        claimed: set[int] = set()
        for found in relations.claims(flat.text, tokens, 0, len(flat.text)):
            claimed.add(found.start)
            yield placed(document, flat, found, surface)
        header = _header_above(document, lines, index)
        for pattern, wrapper in ((_BOLD, Surface.BOLD), (_CLOZE, Surface.CLOZE)):
            for match in pattern.finditer(document.text, line.start, line.end):
                yield from _wrapped(document, flat, tokens, match, wrapper, header, claimed)
        if line.item and not claimed:
            yield from _item(document, flat, tokens, _intro(document, lines, index))


def _view_range(flat: Flat, start: int, end: int) -> tuple[int, int]:
    """The view offsets of the file span ``start:end``."""
    inside = [i for i, offset in enumerate(flat.offsets) if start <= offset < end]
    return (inside[0], inside[-1] + 1) if inside else (0, 0)


def _wrapped(
    document: LintDocument,
    flat: Flat,
    tokens: list[Token],
    match: re.Match[str],
    surface: Surface,
    header: str | None,
    claimed: set[int],
) -> Iterator[Claim]:
    """A bold span or a cloze that holds one number or one shape and a few words."""
    lo, hi = _view_range(flat, match.start(), match.end())
    inside = [token for token in tokens if lo <= token.start and token.end <= hi]
    if not inside or any(token.start in claimed for token in inside):
        return
    content = flat.text[lo:hi]
    if _COMPUTATION.search(content) and not _is_shape(flat.text, inside):
        return  # a calculation in bold: its result, if any, follows a connective
    if len(inside) > 1 and not _is_shape(flat.text, inside):
        return
    words = re.sub(r"[\d,._]+", " ", content).split()
    if len(words) > 5:
        return  # a bold sentence, not an answer
    last = inside[-1]
    after = labels.after(flat.text, last.end, len(flat.text))
    before = labels.before(flat.text, 0, inside[0].start)
    label = labels.best(flat.text, [after, before])
    named = lexicon.reading(flat.text[label[0] : label[1]] if label else None)
    if named in (lexicon.SETTING, lexicon.NOT_A_COUNT):
        return
    kind = lexicon.kind_of(flat.text[label[0] : label[1]]) if label else Kind.UNKNOWN
    text_label = None
    if kind in (Kind.OTHER, Kind.UNKNOWN) and header is not None:
        kind, text_label = lexicon.header_kind(header), header
    if len(inside) > 1 and kind in (Kind.OTHER, Kind.UNKNOWN):
        kind = Kind.OUTPUT_SIZE
    for token in inside:
        found = relations.Found(token.start, token.end, token.value, label, kind)
        yield placed(document, flat, found, surface, text_label)


def _is_shape(text: str, tokens: list[Token]) -> bool:
    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(tokens)]
    return bool(gaps) and all(re.fullmatch(r"[ \t]*[\u00d7xX,][ \t]*", gap) for gap in gaps)


def _item(
    document: LintDocument, flat: Flat, tokens: list[Token], intro: str | None
) -> Iterator[Claim]:
    """A list item's last number or shape, when what stands before it is a label and what
    follows a few words: "- conv2: 2,416", "- 512 → 256: 131,072", "- 7,168"."""
    last = len(tokens) - 1
    first = last
    while first > 0 and re.fullmatch(
        r"[ \t]*[\u00d7xX,][ \t]*", flat.text[tokens[first - 1].end : tokens[first].start]
    ):
        first -= 1
    start, end = tokens[first].start, tokens[last].end
    head = flat.text[:start]
    if _OPERATOR_BEFORE.search(head) or not _SEPARATOR.search(head):
        return
    if relations.goes_on(flat.text, end):
        return
    after = labels.after(flat.text, end, len(flat.text))
    rest = len(flat.text.rstrip(" \t.;,)]"))
    if rest > end and (after is None or after[1] < rest):
        return  # a sentence goes on after the number
    own = head.rstrip(" \t:=-\u2192\u2013\u2014").strip()
    label_text = flat.text[after[0] : after[1]] if after else own or None
    named = lexicon.reading(label_text)
    if named in (lexicon.SETTING, lexicon.NOT_A_COUNT):
        return
    header_kind = lexicon.header_kind(intro) if intro else Kind.UNKNOWN
    under_result = header_kind in RESULT_KINDS or bool(intro and lexicon.names_result(intro))
    if named not in RESULT_KINDS and not under_result:
        return
    kind = Kind(named) if named in RESULT_KINDS else header_kind
    label = after
    text_label = None
    if label is None:
        text_label = own if own and named in RESULT_KINDS else intro
    if first < last and kind in (Kind.OTHER, Kind.UNKNOWN):
        kind = Kind.OUTPUT_SIZE
    for token in tokens[first : last + 1]:
        found = relations.Found(token.start, token.end, token.value, label, kind)
        yield placed(document, flat, found, Surface.LIST_ITEM, text_label)


def _line_text(document: LintDocument, line: _Line) -> str:
    return document.text[line.content : line.end].strip()


def _intro(document: LintDocument, lines: list[_Line], index: int) -> str | None:
    """The line a list hangs under: the nearest line above that is no item and not blank,
    when it is a heading or ends with a colon."""
    for line in reversed(lines[:index]):
        text = _line_text(document, line)
        if line.item or not text:
            continue
        if line.heading or text.endswith(":") or text.endswith(":**"):
            return text
        return None
    return None


def _header_above(document: LintDocument, lines: list[_Line], index: int) -> str | None:
    """The nearest heading above a line (or on it), or the line introducing its list."""
    for line in reversed(lines[: index + 1]):
        text = _line_text(document, line)
        if line.heading or (line is not lines[index] and text.endswith(":")):
            return text
    return None
