"""Results of calculations that are no parameter count, for AG104's solver: an output size, a
padding or a length worked out in a note that also counts parameters ("the stem outputs
⌊(224 + 6 - 7)/2⌋ + 1 = 112", "| 50 - 3 + 1 = 48 |" under an "output length" column), and a
sum of counts the note states before it ("Total = 90,100 + 120,100 + 602 = 210,802"), whose
terms the readings judge one by one and whose addition is AG101's to check."""

from __future__ import annotations

import re

from ankigen.lint.arith.tables import tables
from ankigen.lint.lazy_pattern import lazy_regex

# words of a spatial size, a padding or a sequence length
_SIZE_WORDS = lazy_regex(
    r"\b(?:outputs?|padding|padded|pads?|length|steps|shape|spatial|resolution|pixels|"
    r"[HWL]_?\{?out\}?|height|maps?|output\s+size)\b",
    re.I,
)
# words that make a calculation a count
_COUNT_WORDS = lazy_regex(r"param|weight|bias|\bcount|learnable|trainable|#", re.I)
# a size column's header ("output length", "H_out", "shape"), not a parameter column
_SIZE_HEADER = lazy_regex(r"output|length|shape|\bsize\b|spatial|^\W*[hwl]\W*$|_out", re.I)
# a rounding of a calculation: floor or ceiling brackets, in Unicode or LaTeX, or a call
_ROUNDING = lazy_regex(
    r"[\N{LEFT FLOOR}\N{LEFT CEILING}]|\\l(?:floor|ceil)\b|\b(?:math\.)?(?:floor|ceil)\("
)
# the output-size formula's shape: a difference divided by the stride, plus one
# ("(28 - 5) / 1 + 1 =", "\frac{28 - 5}{1} + 1 ="); a parameter count never divides
_SIZE_FORMULA = lazy_regex(
    r"(?:-|\N{MINUS SIGN})[^=\n]*(?:/|\\frac|\}\s*\{)[^=\n]*\+\s*1\s*(?:\$\s*)?=\s*(?:\$\s*)?$"
    r"|\\frac\s*\{[^=\n]*(?:-|\N{MINUS SIGN})[^=\n]*\+\s*1\s*=\s*$"
)
# where the sentence or cell of a result starts
_SENTENCE_START = lazy_regex(r"[.!?;:](?=\s)|\n|\|")
# a sum written out: numbers joined by plus signs only, ending in "="
_SUM = lazy_regex(
    r"(?P<terms>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*\+\s*(?:\d{1,3}(?:,\d{3})+|\d+))+)\s*=\s*$"
)
# a count stated before: a calculation's result ("= 90,100") or a table cell of its own
_STATED = lazy_regex(
    r"(?:=|\|)[ \t]*(?:\*\*)?[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)(?![\d,]*\d)(?![ \t]*[^\s|.,;*)])"
)


def _size_cells(text: str, floor: int) -> list[tuple[int, int]]:
    """The cells of every table column headed by a size rather than a count."""
    cells: list[tuple[int, int]] = []
    for table in tables(text, floor, len(text)):
        for column, header in enumerate(table.header):
            if not _SIZE_HEADER.search(header) or _COUNT_WORDS.search(header):
                continue
            cells += [
                (row[column].start, row[column].end) for row in table.rows if column < len(row)
            ]
    return cells


def size_result(text: str, start: int, floor: int) -> bool:
    """Whether the calculation result at ``start`` is an output size, padding or length: its
    cell is under a size column, its calculation rounds (a floor or a ceiling, as output sizes
    do and counts never), or its sentence speaks of sizes and of no count."""
    if any(a <= start < b for a, b in _size_cells(text, floor)):
        return True
    sentence_start = floor
    for match in _SENTENCE_START.finditer(text, max(floor, start - 300), start):
        sentence_start = match.end()
    following = _SENTENCE_START.search(text, start, min(len(text), start + 300))
    sentence = text[sentence_start : following.start() if following else len(text)]
    if _ROUNDING.search(text, sentence_start, start) or _SIZE_FORMULA.search(
        text, sentence_start, start
    ):
        return True
    if _other_quantity(text, start, sentence_start, floor):
        return True
    return bool(_SIZE_WORDS.search(sentence)) and not _COUNT_WORDS.search(sentence)


# what a calculation may count other than parameters: "- patches: 14 x 14 = 196",
# "| tokens | 14 x 14 + 1 = 197 |", "= 3,136 positions"
_OTHER_QUANTITY = (
    r"(?:tokens?|patch(?:es)?|positions|pixels|frames|elements|activations|FLOPs|MACs|"
    r"mult(?:iply)?[- ]adds|bytes|samples|steps|batches|iterations|updates|sequence\s+length)"
)
_OTHER_LABEL = lazy_regex(rf"(?:^|[\s|*(-]){_OTHER_QUANTITY}[\s*`|]*[:=|]?[\s*`|]*$", re.I)
# a label that opens with a size: "- length with 'valid' padding:", "| output size |"
_SIZE_LABEL = lazy_regex(
    r"[\s>*+|`\d.)-]*(?:the\s+)?(?:(?:output|input|spatial|sequence|padded|new)\s+)?"
    r"(?:length|size|shape|height|width|resolution|padding)\b",
    re.I,
)
_OTHER_NOUN_AFTER = lazy_regex(rf"[\s$*`]*{_OTHER_QUANTITY}\b", re.I)
# "\text{tokens} = 14 \cdot 14 + 1 = 197": the quantity named right before its calculation
_OTHER_NAMED_BEFORE = lazy_regex(
    rf"\b{_OTHER_QUANTITY}\}}?\s*[:=]\s*(?:[\d\s,.()+*/^{{}}-]|\\cdot|\\times|\\,|"
    r"\N{MULTIPLICATION SIGN}|\N{MIDDLE DOT}|\N{DOT OPERATOR})*=\s*\$?\s*$",
    re.I,
)


def _other_quantity(text: str, start: int, sentence_start: int, floor: int) -> bool:
    """Whether the result's own label (its list item's or row's, up to the colon or cell
    border before its calculation) names a size or another quantity and no count ("- length
    with 'valid' padding: 250 - 7 + 1 = 244"), or the noun right after it names one."""
    number_end = start
    while number_end < len(text) and (text[number_end].isdigit() or text[number_end] == ","):
        number_end += 1
    if _OTHER_NOUN_AFTER.match(text, number_end):
        return True
    line_start = text.rfind("\n", floor, start) + 1
    if _OTHER_NAMED_BEFORE.search(text, max(line_start, start - 120), start):
        return True
    label_end = max(line_start, sentence_start - 1)
    label = text[line_start:label_end]
    named = _OTHER_LABEL.search(label) is not None or _SIZE_LABEL.match(label) is not None
    return bool(label.strip()) and named and not _COUNT_WORDS.search(label)


def sum_of_stated(text: str, start: int, floor: int) -> bool:
    """Whether the result at ``start`` ends a sum whose every term the note states before
    as a result or a cell of its own: counts already given, added up (not weights plus a
    bias vector that is only an operand, "2 x 128", before)."""
    line_start = text.rfind("\n", floor, start) + 1
    found = _SUM.search(text, line_start, start)
    if found is None:
        return False
    earlier = {m.group("n") for m in _STATED.finditer(text, floor, found.start())}
    terms = re.split(r"\s*\+\s*", found.group("terms"))
    return all(term in earlier for term in terms)
