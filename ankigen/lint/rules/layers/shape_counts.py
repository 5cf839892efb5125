"""A parameter tensor's shape written beside its count: the count is the product of the shape.

``named_parameters()`` or ``state_dict()`` listings, weight tables and list items put a
tensor's name, its shape and its number of values side by side::

    fc1.weight   torch.Size([256, 784])   200,704
    | `conv1.weight` | (16, 3, 3, 3) | 432 |

Whatever layer the tensor belongs to, its count is the product of its dimensions: no
convention, bias or framework changes that. A row that names a layer instead of a tensor
("| conv1 | weight shape (64, 3, 3, 3) | params 1,792 |") may add the layer's bias, one per
output channel (the first dimension in PyTorch, the last in Keras). Only shapes of plain
integers are read: a printed activation shape ("(None, 128)", a torchinfo row's
"[1, 64, 56, 56]") names no tensor and is left to the summary readers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)(?![\w]|[.,]\d)"
_DIMS = r"\d+(?:\s*,\s*\d+)*\s*,?"
# torch.Size([256, 784]), TensorShape([3, 3, 64]), [256, 784], (256, 784), (256,), 256 x 784
_SHAPE = lazy_regex(
    rf"(?:torch\.Size|TensorShape)\(\s*[\[(]\s*(?P<a>{_DIMS})\s*[\])]\s*\)"
    # not a call's arguments: "Linear(512, 10)", "x[2, 3]"
    rf"|(?<![\w\])])\[\s*(?P<b>{_DIMS})\s*\]|(?<![\w\])])\(\s*(?P<c>{_DIMS})\s*\)"
    r"|(?<![\w.,])(?P<d>\d+(?:\s*[x\N{MULTIPLICATION SIGN}]\s*\d+)+)(?![\w.,]|\s*[=+*/^-])"
)
# a name of one parameter tensor: PyTorch's ``fc1.weight``, ``weight_ih_l0``, Keras'
# ``dense/kernel:0``, a norm's ``gamma`` or running statistics
_TENSOR = lazy_regex(
    r"(?<![\w])[\w./-]*(?:weight|bias|kernel|gamma|beta|running_(?:mean|var)|"
    r"moving_(?:mean|variance)|embeddings)(?:_[a-z]{1,3}(?:_l\d+)?(?:_reverse)?)?(?::\d+)?"
    r"(?![\w])",
    re.I,
)
# a row that names a layer, not a tensor: its count may include the bias
_LAYER_WORD = lazy_regex(r"conv|linear|dense|fc\d*\b|layer", re.I)
# a count scaled or in other units is not the product ("200k", "800 KB")
_SCALED = lazy_regex(r"\s*(?:[kKMB]\b|thousand|million|%|\s*bytes|\s*MB|\s*KB)")
_UNIT_WORDS = r"(?:params?|parameters?|values?|elements?|weights?|entries|numbers?|scalars?)"
# what may stand between the shape and its count on a line ("->", ":", "|", "numel=")
_BETWEEN = lazy_regex(
    rf"^[\s|:=,;`*]*(?:(?:->|\N{{RIGHTWARDS ARROW}}|=>|numel(?:\(\))?|count|size|{_UNIT_WORDS})"
    r"[\s|:=,;`*]*)*$",
    re.I,
)
_AFTER = lazy_regex(rf"^[\s|`*.,;]*(?:{_UNIT_WORDS}\b[\s|`*.,;]*)?(?:#.*)?$", re.I)
# a table column of shapes (not of activations) and one of counts
_SHAPE_HEADER = lazy_regex(r"\bshape\b|\bdims?\b|\bdimensions\b|\bsize\b", re.I)
_ACTIVATION_HEADER = lazy_regex(r"\boutput\b|\binput\b|\bactivation|\bfeature\s+map", re.I)
# a column of the layer's settings ("kernel size", "window", "pool size"): its "3 x 5" is a
# kernel's extent, not a tensor's shape; "kernel shape" (Keras' weight) stays a tensor
_SETTING_HEADER = lazy_regex(
    r"^(?!.*\b(?:shape|tensor|weights?)\b).*\b(?:kernel|filter\s+size|window|pool|patch|stride)",
    re.I,
)
# a shape cell that adds its biases itself: "1x1x64x64 (+64 bias)", "3x3x8 + 8 biases"
_BIAS_AFTER = lazy_regex(rf"[\s`*]*\(?\s*\+\s*(?P<n>{_N})\s*bias(?:es)?\s*\)?[\s`*]*", re.I)
_COUNT_HEADER = lazy_regex(
    r"\bparam|\bnumel\b|\bcount\b|#|\belements\b|\bvalues\b|\bweights\b|\bentries\b", re.I
)
_NOT_COUNT_HEADER = lazy_regex(r"\bbytes?\b|\bmb\b|\bkb\b|\bmemory\b|\bflops?\b|\bmacs?\b|%", re.I)


@dataclass(frozen=True)
class _Shape:
    dims: tuple[int, ...]
    start: int
    end: int


def _shapes(text: str, start: int, end: int) -> list[_Shape]:
    found = []
    for match in _SHAPE.finditer(text, start, end):
        group = next(g for g in "abcd" if match.group(g) is not None)
        dims = tuple(int(d) for d in re.findall(r"\d+", match.group(group)))
        found.append(_Shape(dims, match.start(), match.end()))
    return found


def _number(text: str) -> int:
    return int(text.replace(",", "").replace("_", ""))


def _allowed(shape: _Shape, layer_row: bool) -> set[int]:
    product = math.prod(shape.dims)
    if not layer_row or len(shape.dims) < 2:
        return {product}
    return {product, product + shape.dims[0], product + shape.dims[-1]}


def _finding(shape: _Shape, count: tuple[int, int, str], allowed: set[int]) -> CountFinding:
    start, end, said = count
    dims = " \N{MULTIPLICATION SIGN} ".join(str(d) for d in shape.dims)
    product = math.prod(shape.dims)
    shown = f"({', '.join(str(d) for d in shape.dims)}{',' if len(shape.dims) == 1 else ''})"
    return CountFinding(
        start,
        end,
        f"a tensor of shape {shown} holds {dims} = {product:,} values, not {said}: "
        "correct the count or the shape",
        expected=tuple(sorted(allowed)),
    )


def _biased_finding(shape: _Shape, count: tuple[int, int, str], biases: int) -> CountFinding:
    start, end, said = count
    product = math.prod(shape.dims)
    return CountFinding(
        start,
        end,
        f"a weight of shape {' x '.join(str(d) for d in shape.dims)} holds {product:,} values "
        f"and the cell adds {biases:,} biases: {product + biases:,} in all, not {said}: "
        "correct the count",
        expected=(product + biases,),
    )


def _line_findings(document: LintDocument, text: str) -> Iterator[CountFinding]:
    """Listing lines and list items: a tensor's name, one shape, one count after it."""
    for line in re.finditer(r"^[^\n]*$", text[document.body_offset :], re.M):
        start, end = line.start() + document.body_offset, line.end() + document.body_offset
        content = text[start:end]
        if content.lstrip().startswith("|") or "None" in content:
            continue  # table rows are read by their columns; "None" is a batch axis
        names = list(_TENSOR.finditer(text, start, end))
        shapes = _shapes(text, start, end)
        if len(names) != 1 or len(shapes) != 1 or names[0].end() > shapes[0].start:
            continue
        shape = shapes[0]
        counts = list(re.finditer(_N, text[shape.end : end]))
        if len(counts) != 1:
            continue
        count = counts[0]
        count_start, count_end = shape.end + count.start(), shape.end + count.end()
        if not _BETWEEN.match(text[shape.end : count_start]):
            continue
        if not _AFTER.match(text[count_end:end]) or _SCALED.match(text, count_end):
            continue
        value = _number(count.group())
        allowed = _allowed(shape, False)
        if value not in allowed:
            yield _finding(shape, (count_start, count_end, count.group()), allowed)


def _one_count(cell: Cell) -> int | None:
    match = re.fullmatch(rf"[*`\s]*({_N})[*`\s]*", cell.text)
    return _number(match.group(1)) if match else None


def _table_findings(document: LintDocument, text: str) -> Iterator[CountFinding]:
    """Tables with a column of parameter shapes and a column of counts."""
    for table in tables(text, document.body_offset, len(text)):
        shape_columns = [
            i
            for i, name in enumerate(table.header)
            if _SHAPE_HEADER.search(name)
            and not _ACTIVATION_HEADER.search(name)
            and not _SETTING_HEADER.search(name)
        ]
        count_columns = [
            i
            for i, name in enumerate(table.header)
            if _COUNT_HEADER.search(name)
            and not _NOT_COUNT_HEADER.search(name)
            and i not in shape_columns
        ]
        if len(shape_columns) != 1 or len(count_columns) != 1:
            continue
        for row in table.rows:
            if len(row) != len(table.header):
                continue
            shape_cell, count_cell = row[shape_columns[0]], row[count_columns[0]]
            shapes = _shapes(text, shape_cell.start, shape_cell.end)
            value = _one_count(count_cell)
            if len(shapes) != 1 or value is None or "None" in shape_cell.text:
                continue
            bias = _BIAS_AFTER.fullmatch(text, shapes[0].end, shape_cell.end)
            rest = re.sub(r"[`*\s]", "", text[shape_cell.start : shapes[0].start])
            rest += re.sub(r"[`*\s]", "", text[shapes[0].end : shape_cell.end]) if not bias else ""
            if rest:
                continue  # the cell says more than a shape ("3x3 kernel, 64 filters")
            others = " ".join(c.text for c in row if c is not shape_cell and c is not count_cell)
            names_tensor = _TENSOR.search(others) is not None
            layer_row = not names_tensor and (
                _LAYER_WORD.search(others) is not None
                or _LAYER_WORD.search(" ".join(table.header)) is not None
                or bool(others.strip())
            )
            allowed = _allowed(shapes[0], layer_row)
            if bias is not None:  # "3x3x64 (+64 bias)": the cell adds its biases itself
                allowed = {math.prod(shapes[0].dims) + _number(bias.group("n"))}
            if value not in allowed:
                match = re.search(_N, count_cell.text)
                assert match is not None
                start = count_cell.start + match.start()
                said = (start, start + len(match.group()), match.group())
                if bias is not None:
                    yield _biased_finding(shapes[0], said, _number(bias.group("n")))
                else:
                    yield _finding(shapes[0], said, allowed)


def shape_count_findings(document: LintDocument) -> Iterator[CountFinding]:
    """Every tensor count that is not the product of the shape written beside it."""
    text = document.text
    yield from _line_findings(document, text)
    yield from _table_findings(document, text)
