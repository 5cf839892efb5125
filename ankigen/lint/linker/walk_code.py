"""A layer's output shape in code (issue #12): a front end of ``walks`` for a note whose code
sets up one layer, states the tensor it is given and the tensor it returns as shapes:

    x = torch.randn(B, 64, 200)               # or a comment "# (B, C, T) = (B, 64, 200)"
    conv = nn.Conv1d(64, 64, kernel_size=3, dilation=4)
    y = conv(x)                               # -> (B, 64, 192)

The input is the shape stated last before the layer is applied (a comment's shape, or a
tensor made with its shape: ``randn``, ``zeros``, ``Input(shape=...)``), or the one shape a
comment labels the input; the output is the shape in the comment of the line that applies
the layer (by the name it is bound to) or of the comment lines right after it, or, where the
code never applies it, a line after the call labelled the output ("Output: (batch, 127, 127,
32)"). Axes written as names (a batch ``B``, channels ``C``) stand in both shapes at the same
places and are left out. Every finding is a warning: which tensor is the input is read from
the code's order, not stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.note_lines import fenced_lines
from ankigen.lint.linker.walks import Layer, Stage, Transition, axis_sizes, wrong_transitions

_SHAPE = lazy_regex(
    r"[(\[]\s*(?P<items>(?:[A-Za-z_]\w*|\d+)(?:\s*,\s*(?:[A-Za-z_]\w*|\d+)){1,4})\s*,?\s*[)\]]"
)
_MAKER = lazy_regex(
    r"\b(?:randn|rand|zeros|ones|empty|full|normal|uniform|Input|placeholder)\s*\(\s*(?:shape\s*=\s*)?$"
)
_COMMENT = lazy_regex(r"(?:#|//)(?P<text>.*)$")
_INPUT_LABEL = lazy_regex(r"\binput\b|\bin:", re.I)
_OUTPUT_LABEL = lazy_regex(r"^\s*[*_`]*(?:output|out|y)(?:\s+shape)?[*_`]*\s*[:=]", re.I)
_TARGETS = lazy_regex(r"[A-Za-z_]\w*")
_NAMED = lazy_regex(r"\s*(?P<name>[A-Za-z_]\w*)(?:\.shape)?\s*[:=]")
_ASSIGNED = lazy_regex(r"(?P<name>[A-Za-z_]\w*)\s*=\s*$")


@dataclass(frozen=True)
class _Shape:
    items: tuple[str, ...]  # each axis: digits or a name
    start: int
    end: int
    line: int

    @property
    def sizes(self) -> tuple[int, ...]:
        return tuple(int(item) for item in self.items if item.isdigit())

    @property
    def names(self) -> tuple[int, ...]:
        return tuple(i for i, item in enumerate(self.items) if not item.isdigit())


def code_transitions(
    document: LintDocument, calls: Sequence[tuple[int, int, Layer]]
) -> Iterator[Transition]:
    """The transition of the note's one layer call in code (``calls``: every layer call of
    the note, its file span and layer) whose stated output its stated input does not give."""
    if len(calls) != 1:
        return
    call_start, call_end, layer = calls[0]
    lines = fenced_lines(document)
    code = {line for line, _, _, in_code in lines if in_code}
    call_line = document.position(call_start)[0]
    end_line = document.position(call_end)[0]
    if call_line not in code:
        return
    line_start = document.offset_of_line(call_line)
    bound = _ASSIGNED.search(document.text[line_start:call_start])
    applied = _applied_line(document, lines, bound["name"] if bound else None, call_end, end_line)
    output = _output(document, lines, applied, end_line)
    if output is None:
        return
    source = _input(document, lines, call_start, call_end, applied or end_line, output)
    if source is None:
        return
    source, output = _batched(source), _batched(output)  # Keras' "(None, 64, 64, 16)"
    if source.names != output.names or len(source.items) != len(output.items):
        return
    if not source.sizes or (source.sizes == output.sizes and applied is None):
        return
    stage = Stage(layer, output.sizes, output.start, output.end, output.line, input=source.sizes)
    if any(wrong_transitions([stage], None)):
        yield Transition(stage, source.sizes, _expected(layer, source.sizes, output.sizes), False)


def _batched(shape: _Shape) -> _Shape:
    """The shape without a leading batch axis written as a name (``Input(shape=...)`` states
    none, the summary's comment a ``None``)."""
    if shape.items and shape.items[0] in ("None", "B", "batch", "N") and len(shape.items) > 2:
        return _Shape(shape.items[1:], shape.start, shape.end, shape.line)
    return shape


def _applied_line(
    document: LintDocument,
    lines: Sequence[tuple[int, int, str, bool]],
    name: str | None,
    call_end: int,
    end_line: int,
) -> int | None:
    """The code line that applies the layer: by its name, or the call applied at once."""
    if re.match(r"\s*\(", document.text[call_end:]):
        return end_line  # nn.Conv1d(...)(x)
    if name is None:
        return None
    applying = re.compile(rf"\b{re.escape(name)}\s*(?:\.\s*(?:apply|init_with_output)\s*)?\(")
    for line, _, text, in_code in lines:
        if line > end_line and in_code and applying.search(text.split("#")[0]):
            return line
    return None


def _shapes(text: str, offset: int, line: int, code: bool) -> list[_Shape]:
    """The shapes of a line: a comment's (or a prose line's), else a tensor made with one."""
    comment = _COMMENT.search(text) if code else None
    found = []
    if comment is not None or not code:
        start = comment.start("text") if comment else 0
        found = [_shape(match, offset, line) for match in _SHAPE.finditer(text, start)]
        found = [shape for shape in found if shape.sizes]
    if found or not code:
        return found
    for match in _SHAPE.finditer(text):
        if _MAKER.search(text[: match.start() + 1]) or _MAKER.search(text[: match.start()]):
            found.append(_shape(match, offset, line))
    return [shape for shape in found if shape.sizes]


def _shape(match: re.Match[str], offset: int, line: int) -> _Shape:
    items = tuple(item.strip() for item in match["items"].split(","))
    return _Shape(items, offset + match.start(), offset + match.end(), line)


def _output(
    document: LintDocument,
    lines: Sequence[tuple[int, int, str, bool]],
    applied: int | None,
    end_line: int,
) -> _Shape | None:
    """The shape the note says the layer returns."""
    after = [entry for entry in lines if entry[0] >= (applied or end_line + 1)]
    if applied is not None:
        results = set(_TARGETS.findall(after[0][2].split("=")[0])) if "=" in after[0][2] else set()
        for line, offset, text, in_code in after:
            comment_only = text.strip().startswith(("#", "//"))
            if line != applied and not (in_code and comment_only):
                return None
            comment = _COMMENT.search(text)
            named = _NAMED.match(comment["text"]) if comment else None
            if named and named["name"] not in results | {"out", "output", "shape", "y"}:
                return None  # "# x: (4, 3, 64, 64) is unchanged": another tensor's shape
            shapes = _shapes(text, offset, line, in_code)
            if shapes:
                return shapes[-1] if len(shapes) == 1 or "=" in text else None
        return None
    for line, offset, text, in_code in after[:4]:
        comment = _COMMENT.search(text) if in_code else None
        words = comment["text"] if comment else text
        if _OUTPUT_LABEL.search(words) or re.search(r"(?:->|\u2192)\s*[(\[]", words):
            shapes = _shapes(text, offset, line, in_code)
            return shapes[-1] if len(shapes) == 1 else None
    return None


def _input(
    document: LintDocument,
    lines: Sequence[tuple[int, int, str, bool]],
    call_start: int,
    call_end: int,
    before_line: int,
    output: _Shape,
) -> _Shape | None:
    """The shape the note gives the layer: the one a comment labels the input, else the last
    one stated before the layer is applied (none inside the call itself)."""
    found: list[_Shape] = []
    labelled: list[_Shape] = []
    for line, offset, text, in_code in lines:
        if line > max(before_line, output.line):
            break
        for shape in _shapes(text, offset, line, in_code):
            if call_start <= shape.start < call_end or shape.start >= output.start:
                continue
            if _INPUT_LABEL.search(text):
                labelled.append(shape)
            if line <= before_line and (in_code or line < document.position(call_start)[0]):
                found.append(shape)
    if len(labelled) == 1:
        return labelled[0]
    return found[-1] if found and not labelled else None


def _expected(layer: Layer, source: tuple[int, ...], claimed: tuple[int, ...]) -> tuple[int, ...]:
    """The size the alignment nearest the claim gives (the axes a channel count keeps)."""
    best: tuple[tuple[int, int], tuple[int, ...]] | None = None
    rank = layer.rank or len(layer.kernel)
    for start in range(0, len(source) - rank + 1):
        shown = list(claimed)
        for axis in range(rank):
            sizes = axis_sizes(layer, axis, source[start + axis])
            if not sizes:
                break
            shown[start + axis] = min(sizes, key=lambda size: abs(size - claimed[start + axis]))
        else:
            differing = sum(1 for a, b in zip(shown, claimed, strict=True) if a != b)
            block = range(start, start + rank)
            changed = sum(1 for i, a in enumerate(source) if i not in block and a != claimed[i])
            if best is None or (differing, changed) < best[0]:
                best = ((differing, changed), tuple(shown))
    return best[1] if best else claimed
