"""Where the layer rules look for quantities: the prose view (inline code and inline math that
state sizes put back), its blocks and sentences, and ``Lookup``, which finds one kind of
quantity in a sentence, or failing that once in its paragraph, the question or the answer."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.inline import arith_prose, text_blocks, underscored_thousands
from ankigen.lint.arith.quantities import (
    Quantity,
    distinct,
    find,
)
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.comment_listings import with_comment_listings

# A sentence ends at . ! ? ; followed by a space: "0.5" and "e.g.," stay inside.
_SENTENCE_END = lazy_regex(r"(?<=[.!?;])\s+(?=\S)")


# Pooling, also by its older names ("subsampling layer", "downsampling window").
POOL = lazy_regex(r"pool|sub-?sampl|down-?sampling[- ](?:layer|window|step)", re.I)


# A sentence whose layer comes after another one ("the following 3x3 pool", "the next conv"):
# its input is that step's result, not a size the note stated before both.
FOLLOWING_STEP = lazy_regex(r"\b(?:following|subsequent|succeeding|next)\b", re.I)


# Inline math that only writes sizes: "$7 \times 7$", "$224{,}000$".
_INLINE_MATH = lazy_regex(r"(?<![$\\])\$([^$\n]+)\$(?!\$)")


_SIZE_ONLY = lazy_regex(r"[\d\s,.xX\N{MULTIPLICATION SIGN}*]+")


# "$W = 100$", "$K = 3, S = 1$": symbols given values, as the formula's variables.
_ASSIGNMENTS = lazy_regex(r"[A-Za-z](?:_?\w+)?\s*=\s*\d+(?:\s*,\s*[A-Za-z](?:_?\w+)?\s*=\s*\d+)*")


# "$T \times H \times W = 16 \times 112 \times 112$": a shape after its axes' letters.
_AXES_THEN_SIZE = lazy_regex(
    r"[A-Za-z](?:\s*[\N{MULTIPLICATION SIGN}xX]\s*[A-Za-z])+\s*=\s*"
    r"(?P<size>\d+(?:\s*[\N{MULTIPLICATION SIGN}xX]\s*\d+)+)"
)


_EMPHASIS = lazy_regex(r"\*\*(?=\S)|(?<=\S)\*\*|(?<![\w*])__(?=\S)|(?<=\S)__(?![\w*])")


def layer_prose(document: LintDocument) -> str:
    """The prose view, with inline math that only writes sizes put back as text: numbers in
    "a $7 \times 7$ convolution" are quantities of the sentence."""
    return document.memo(
        "layer-prose",
        lambda: underscored_thousands(
            _label_lines(
                _EMPHASIS.sub("  ", with_comment_listings(document, _with_padding_modes(document)))
            )
        ),
    )


# A padding mode written alone as code: `"valid"`, `'same'` (the prose view blanks the span).
_MODE_CODE = lazy_regex(r"`[\"']?(same|valid|causal)[\"']?`", re.IGNORECASE)


def _with_padding_modes(document: LintDocument) -> str:
    """The size-math view with a padding mode written as a bare code span put back as its
    word: "- `"valid"`: … = 112" labels its item's padding. Same length."""
    prose = _with_size_math(document)
    if "`" not in document.text:
        return prose
    for match in _MODE_CODE.finditer(document.text, document.body_offset):
        if prose[match.start() : match.end()].strip():
            continue  # the view kept the span
        word = match.group(1).center(match.end() - match.start())
        prose = prose[: match.start()] + word + prose[match.end() :]
    return prose


# "Input: 64x64" on a line of its own (not a list item or a table row), before another such line.
_LABEL_LINE = lazy_regex(
    r"^[ \t]*[A-Za-z][\w ()/-]{0,30}:[ \t]*\S[^\n]*\n(?=[ \t]*[A-Za-z][\w ()/-]{0,30}:)", re.M
)


def _label_lines(prose: str) -> str:
    """Consecutive "Label: value" lines end like clauses, so that a value is never read with
    the next line's label ("64x64 Kernel" is no kernel of 64x64). Same length."""
    if ":" not in prose:
        return prose
    return _LABEL_LINE.sub(lambda match: match.group(0)[:-1] + ";", prose)


def _size_text(latex: str) -> str:
    text = re.sub(r"\\(?:times|cdot)(?![A-Za-z])", TIMES, latex)
    return text.replace("{,}", ",").replace("\\,", "").replace("{", "").replace("}", "").strip()


def _with_size_math(document: LintDocument) -> str:
    prose = arith_prose(document)
    if "$" not in document.text[document.body_offset :]:
        return prose
    pieces, position = [], 0
    for match in _INLINE_MATH.finditer(document.text, document.body_offset):
        plain = _size_text(match.group(1))
        if not plain or prose[match.start()] != " ":
            continue
        named = _AXES_THEN_SIZE.fullmatch(plain)
        if named is not None:
            plain = named["size"].strip()  # "T x H x W = 16 x 112 x 112": the size only
        elif not _SIZE_ONLY.fullmatch(plain) and not _ASSIGNMENTS.fullmatch(plain):
            continue
        width = match.end() - match.start()
        pieces += [prose[position : match.start()], f" {plain}".ljust(width)]
        position = match.end()
    pieces.append(prose[position:])
    return "".join(pieces)


def layer_blocks(document: LintDocument) -> list[tuple[int, int]]:
    return text_blocks(layer_prose(document), document.body_offset)


def _sentences(prose: str, start: int, end: int) -> list[tuple[int, int]]:
    sentences = []
    for match in _SENTENCE_END.finditer(prose, start, end):
        sentences.append((start, match.start()))
        start = match.end()
    sentences.append((start, end))
    return sentences


def sentence_scopes(
    document: LintDocument, words: re.Pattern[str], labelled_lists: bool = False
) -> Iterator[tuple[int, int, int, int]]:
    """(sentence start, end, block start, end) of each sentence in a block naming ``words``,
    or of every block when the question names them. With ``labelled_lists`` a run of list
    items that each label one quantity ("- Kernel: 5x5") is one sentence."""
    prose = layer_prose(document)
    question = document.question
    in_question = question is not None and words.search(prose, *question) is not None
    blocks = layer_blocks(document)
    if labelled_lists:
        blocks = _merge_labelled_items(prose, blocks)
    for block_start, block_end in blocks:
        if not in_question and not words.search(prose, block_start, block_end):
            continue
        for start, end in _sentences(prose, block_start, block_end):
            yield start, end, block_start, block_end


# "- Kernel: 5x5", "* **Stride:** 2": a list item that labels one quantity.
_LABELLED_ITEM = lazy_regex(
    r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+[*_]*[A-Za-z][\w ()/-]{0,30}?[*_]*[ \t]*[:=][*_]*[ \t]*\S"
)


_LAYER_WORD = lazy_regex(r"\b(?:conv\w*|\w*pool\w*|dense|linear|fully|flatten|layers?)\b", re.I)


def _merge_labelled_items(prose: str, blocks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of labelled list items, each run one block, unless it names several layers."""
    runs: list[list[tuple[int, int]]] = []
    joinable = False
    for start, end in blocks:
        one_line = "\n" not in prose[start:end].strip()
        labelled = one_line and _LABELLED_ITEM.match(prose, start) is not None
        if labelled and joinable and prose[runs[-1][-1][1] : start].count("\n") == 1:
            runs[-1].append((start, end))
        else:
            runs.append([(start, end)])
        joinable = labelled
    merged: list[tuple[int, int]] = []
    for run in runs:
        layers = sum(1 for start, end in run if _LAYER_WORD.search(prose, start, end))
        merged += [(run[0][0], run[-1][1])] if layers <= 1 else run
    return merged


def outside_of(quantities: Sequence[Quantity], taken: Sequence[Quantity]) -> list[Quantity]:
    return [q for q in quantities if not any(t.start < q.end and q.start < t.end for t in taken)]


@dataclass(frozen=True)
class Lookup:
    """Finds one kind of quantity in a sentence, or failing that once in its paragraph, the
    question, or the whole answer (list items that each state one fact of one layer)."""

    prose: str
    sentence: tuple[int, int]
    block: tuple[int, int]
    taken: tuple[Quantity, ...]
    block_allowed: bool = True  # False when the paragraph describes several layers
    question: tuple[int, int] | None = None  # the question heading, when it is elsewhere
    answer: tuple[int, int] | None = None  # the whole answer, when it describes one layer

    def mentions(self, kind: str, scope: tuple[int, int]) -> list[Quantity]:
        return outside_of(list(find(kind, self.prose, *scope)), self.taken)

    def one(self, kind: str) -> tuple[Quantity | None, bool]:
        """The quantity and whether it is ambiguous (named with different values)."""
        scopes = [self.sentence]
        if self.block_allowed:
            scopes += [self.block] if self.question is None else [self.block, self.question]
            scopes += [self.answer] if self.answer is not None else []
        for scope in scopes:
            found = self.mentions(kind, scope)
            if found:
                unique = distinct(found)
                return unique, unique is None
        return None, False


def spatial_sizes(values: tuple[int, ...]) -> tuple[int, ...]:
    """The height and width of a shape: HWC "224x224x3" or CHW "3x224x224"; of four sizes the
    two equal ones at the end, "3x16x112x112" (C, T, H, W) or "16x112x112x3" (T, H, W, C)."""
    if len(values) >= 4 and values[0] != values[1]:
        if values[-1] == values[-2]:
            return values[-2:]
        if values[-2] == values[-3]:
            return values[-3:-1]
    if len(values) >= 3 and values[0] != values[1] and values[1] == values[2]:
        return values[1:3]
    return values[:2]


def per_axis(quantity: Quantity | None, axes: int) -> list[int | None]:
    if quantity is None or not quantity.values:
        return [None] * axes
    values = quantity.values
    return [values[min(axis, len(values) - 1)] for axis in range(axes)]


def question_elsewhere(document: LintDocument, start: int, end: int) -> tuple[int, int] | None:
    """The question heading, when it is not in the block: it may name the layer."""
    question = document.question
    if question is None or start <= question[0] < end:
        return None
    return question


def disjoint(quantities: Sequence[Quantity]) -> list[Quantity]:
    """One quantity per span: "a 44x44 output" is found by two patterns."""
    kept: list[Quantity] = []
    for quantity in sorted(quantities, key=lambda q: (q.start, -q.end)):
        if not any(k.start < quantity.end and quantity.start < k.end for k in kept):
            kept.append(quantity)
    return kept


def answer_start(prose: str, question_end: int) -> int:
    """Where the answer's first paragraph starts: after the question line and blank lines."""
    match = re.compile(r"[^\n]*\n(?:[ \t]*\n)*").match(prose, question_end)
    return match.end() if match is not None else question_end
