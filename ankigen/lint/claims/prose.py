"""Claims in the prose lines of a note (every line outside code blocks, tables included): after
a connective (``relations``), in bold or a cloze on their own ("**61,035 steps**",
"{{c1::157}}"), a heading's "→ N", and a bare list item under a result header ("Parameters
per layer:" then "- conv2: 2,416")."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
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
_TABLE_ROW = lazy_regex(r"[ \t]*\|")
_BOLD = lazy_regex(r"\*\*(?=\S)(?P<inner>[^*\n]+?)(?<=\S)\*\*|__(?=\S)(?P<under>[^_\n]+?)(?<=\S)__")
_CLOZE = lazy_regex(r"\{\{c\d+::(?P<inner>.*?)(?:::[^{}\n]*)?\}\}")
_OPERATOR_BEFORE = lazy_regex(r"[\u00d7*/+\u00f7\u00b7^-][ \t]*$")
_SEPARATOR = lazy_regex(r"[ \t]*(?:[:=\u2192\u2013\u2014]|[ \t]-)?[ \t]*$")
_ANSWER_END = lazy_regex(r"[ \t*_]*(?:[:,\u2014]|\.(?!\d)|$)")
_SEPARATOR_WRITTEN = lazy_regex(r"(?:[:=\u2192\u2013\u2014]|[ \t]-)[ \t]*$")
_COMPUTATION = lazy_regex(r"\d[ \t]*[\u00d7x*/+\u00f7\u00b7^-][ \t]*\d")


@dataclass(frozen=True)
class _Unit:
    """A heading, a table row, a list item with its continuation lines, or a paragraph."""

    line: int  # the file's 1-based line of its first line
    start: int  # where its text begins (after a heading's hashes or a list marker)
    end: int
    heading: bool
    item: bool


def _code_lines(document: LintDocument) -> set[int]:
    lines: set[int] = set()
    for token in document.tokens:
        if token.type in ("fence", "code_block", "html_block") and token.map:
            first = document.note.body_line + token.map[0]
            lines.update(range(first, document.note.body_line + token.map[1]))
    return lines


def prose_units(document: LintDocument) -> list[_Unit]:
    """The prose of the body, unit by unit (code blocks left out)."""
    text = document.text
    code = _code_lines(document)
    first = document.position(document.body_offset)[0]
    units: list[_Unit] = []
    joinable = False  # whether a plain line goes on the unit before it
    for number in range(first, len(document.line_starts) + 1):
        start = document.offset_of_line(number)
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if number in code or not text[start:end].strip():
            joinable = False
            continue
        quote = _QUOTE.match(text, start, end)
        content = quote.end() if quote else start
        heading = _HEADING.match(text, content, end)
        item = _LIST_ITEM.match(text, content, end)
        row = _TABLE_ROW.match(text, content, end)
        if joinable and not (heading or item or row):
            last = units[-1]
            units[-1] = _Unit(last.line, last.start, end, last.heading, last.item)
            continue
        content = heading.end() if heading else item.end() if item else content
        units.append(_Unit(number, content, end, bool(heading), bool(item)))
        joinable = not (heading or row)
    return units


def prose_claims(document: LintDocument) -> Iterator[Claim]:
    units = prose_units(document)
    for index, unit in enumerate(units):
        flat = flatten(document.text, unit.start, unit.end)
        tokens = numbers(flat)
        if not tokens:
            continue
        surface = Surface.HEADING if unit.heading else Surface.RELATION
        claimed: set[int] = set()
        header = _header_above(document, units, index)
        intro = _intro(document, units, index) if unit.item else None
        question = unit.heading and document.question is not None
        question = question and unit.start <= document.question[0] < unit.end  # type: ignore[index]
        for found in relations.claims(flat.text, tokens, 0, len(flat.text), question):
            claimed.add(found.start)
            yield placed(document, flat, found, surface, header=intro or header, bound=bool(intro))
        for found in _scoped_totals(flat, tokens, claimed):
            claimed.add(found.start)
            yield placed(document, flat, found, surface, header=intro or header)
        for pattern, wrapper in ((_BOLD, Surface.BOLD), (_CLOZE, Surface.CLOZE)):
            for match in pattern.finditer(document.text, unit.start, unit.end):
                yield from _wrapped(document, flat, tokens, match, wrapper, header, claimed)
        if claimed or unit.heading:
            continue
        if unit.item:
            yield from _bare(document, flat, tokens, intro, True)
        elif index > 0:
            yield from _bare(document, flat, tokens, header, False)
            yield from _answer_first(document, flat, tokens, header)


# A total stated after its scope, its verb left out: "and over all folds 20,000 optimiser
# steps", "in total 6,000 updates", "over the whole run 9,000 iterations".
_TOTAL_SCOPE = lazy_regex(
    r"(?:\b(?:in[ \t]+total|in[ \t]+all|overall|altogether)|\bover[ \t]+(?:all[ \t]+(?:the[ \t]+)?"
    r"(?:folds|epochs|runs|splits)|the[ \t]+(?:whole|full|entire)[ \t]+(?:run|training|job)))"
    r"[ \t,]*(?:that[ \t]+is[ \t]+|that's[ \t]+)?$",
    re.I,
)
# (the scope is a few words right before the count: look no further back)
_SCOPE_REACH = 80
_STEP_NOUN = lazy_regex(
    r"[ \t]+(?:(?:optimi[sz]er|training|gradient|weight|SGD)[ \t]+)?"
    r"(?:steps|updates|iterations|iters)\b",
    re.I,
)


def _scoped_totals(flat: Flat, tokens: list[Token], claimed: set[int]) -> Iterator[relations.Found]:
    """Counts of steps whose clause opens with the scope of a total and has no verb."""
    for token in tokens:
        scope = max(0, token.start - _SCOPE_REACH)
        if token.start in claimed or not _TOTAL_SCOPE.search(flat.text, scope, token.start):
            continue
        noun = _STEP_NOUN.match(flat.text, token.end)
        if noun is not None:
            label = (token.end + len(noun[0]) - len(noun[0].lstrip()), noun.end())
            yield relations.Found(token.start, token.end, token.value, label, Kind.TOTAL_STEPS)


def _view_range(flat: Flat, start: int, end: int) -> tuple[int, int]:
    """The view offsets of the file span ``start:end``."""
    # (the offsets never decrease: the view's characters inside the span are one run)
    lo, hi = bisect_left(flat.offsets, start), bisect_left(flat.offsets, end)
    return (lo, hi) if lo < hi else (0, 0)


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
    inside = list(
        itertools.takewhile(
            lambda token: token.end <= hi,
            itertools.islice(tokens, bisect_left(tokens, lo, key=_start), None),
        )
    )
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
    if lexicon.names_input(flat.text[label[0] : label[1]] if label else None):
        return
    kind = lexicon.kind_of(flat.text[label[0] : label[1]]) if label else Kind.UNKNOWN
    if len(inside) > 1 and kind in (Kind.OTHER, Kind.UNKNOWN):
        kind = Kind.OUTPUT_SIZE
    for token in inside:
        found = relations.Found(token.start, token.end, token.value, label, kind)
        yield placed(document, flat, found, surface, header=header)


def _start(token: Token) -> int:
    return token.start


def _is_shape(text: str, tokens: list[Token]) -> bool:
    gaps = [text[a.end : b.start] for a, b in itertools.pairwise(tokens)]
    return bool(gaps) and all(re.fullmatch(r"[ \t]*[\u00d7xX,][ \t]*", gap) for gap in gaps)


def _bare(
    document: LintDocument, flat: Flat, tokens: list[Token], header: str | None, item: bool
) -> Iterator[Claim]:
    """A list item's last number or shape, when what stands before it is a label and what
    follows a few words ("- conv2: 2,416", "- 512 → 256: 131,072", "- 7,168"), under a header
    that names a result; or a paragraph that is only a number or a shape ("30x30.")."""
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
    if not item and len(own.split()) > 1:
        return  # a paragraph, not a bare value
    if item and len(own.split()) > 3 and not _SEPARATOR_WRITTEN.search(head):
        return  # "- each point repeated 1440 times": a sentence, not a label and its value
    label_text = flat.text[after[0] : after[1]] if after else own or None
    named = lexicon.reading(label_text)
    if lexicon.names_input(label_text):
        return
    header_kind = lexicon.header_kind(header) if header else Kind.UNKNOWN
    under_result = header_kind in RESULT_KINDS or bool(header and lexicon.names_result(header))
    if item and named not in RESULT_KINDS and not under_result:
        return
    kind = lexicon.kind_of(label_text)
    if first < last and kind not in RESULT_KINDS:
        kind = Kind.OUTPUT_SIZE
    text_label = own if after is None and own else None
    surface = Surface.LIST_ITEM if item else Surface.BARE
    for token in tokens[first : last + 1]:
        found = relations.Found(token.start, token.end, token.value, after, kind)
        yield placed(document, flat, found, surface, text_label, header, bound=item)


def _answer_first(
    document: LintDocument, flat: Flat, tokens: list[Token], header: str | None
) -> Iterator[Claim]:
    """A paragraph that opens with its answer: "16,448: a 1x1 kernel is …", "12,740
    parameters: that is the price of …", "5,000 parameters in total."."""
    first = tokens[0]
    if flat.text[: first.start].strip(" \t*_"):
        return
    end = first.end
    after = labels.after(flat.text, end, len(flat.text))
    stop = after[1] if after else end
    if not _ANSWER_END.match(flat.text, stop) or relations.goes_on(flat.text, end):
        return
    label_text = flat.text[after[0] : after[1]] if after else None
    if lexicon.names_input(label_text) or lexicon.reading(label_text) == Kind.SAMPLES:
        return  # "50,000 images: …" opens with a given
    kind = lexicon.kind_of(label_text)
    found = relations.Found(first.start, first.end, first.value, after, kind)
    yield placed(document, flat, found, Surface.BARE, header=header)


def _unit_text(document: LintDocument, unit: _Unit) -> str:
    return document.text[unit.start : unit.end].strip()


def _intro(document: LintDocument, units: list[_Unit], index: int) -> str | None:
    """The unit a list hangs under: the nearest unit above that is no item, when it is a
    heading or ends with a colon."""
    for unit in reversed(units[:index]):
        if unit.item:
            continue
        text = _unit_text(document, unit)
        if unit.heading or text.endswith(":") or text.endswith(":**"):
            return text
        return None
    return None


def _header_above(document: LintDocument, units: list[_Unit], index: int) -> str | None:
    """The nearest heading above a unit (or the unit itself), or the unit introducing its list."""
    for unit in reversed(units[: index + 1]):
        text = _unit_text(document, unit)
        if unit.heading or (unit is not units[index] and text.endswith(":")):
            return text
    return None
