"""A layer sequence stated outside runnable code, read line by line into steps: what each layer
is (a layer call written on its line, or the type a model summary names) and the shape the note
states it outputs.

Two presentation forms give the same steps:

* model summaries (Keras 2 and 3, torchinfo, torchsummary, or such a summary as a Markdown
  table): each row names a layer type ("conv2d (Conv2D)", "├─Conv2d: 1-1", "Conv2d-1") and its
  output shape; a second shape on the row is its input (torchinfo's input column);
* lines that write a layer call and, after it, the shape it gives ("- ``Conv3d(3, 64, 3,
  padding=1)`` → 64 x 16 x 112 x 112", "| ``nn.MaxPool2d(2)`` | 16x16x16 |").

Consecutive step lines form one sequence (a summary's rule and header lines do not break it),
and a line before them that names an input and states one shape ("Input: 3 x 32 x 32",
"``input_shape=(32, 32, 3)``") is the sequence's input. The layer calls the note writes elsewhere
(in prose or in code) are collected per layer type, so that a summary's rows can be paired
with them. Nothing here computes a size: ``sequence_shapes`` does, with the code tracker's
formulas. The reader knows no rule, so the parameter-count rule could read summaries with it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

# A written shape: a tuple or list of sizes ("(None, 30, 30, 32)", "[1, 16, 60, 60]",
# "[(None, 32, 32, 3)]"), or sizes joined by a multiplication sign ("64 x 16 x 112 x 112").
_DIM = r"(?:None|-1|\d+)"
SHAPE = lazy_regex(
    rf"\[?[(\[]\s*(?P<tuple>{_DIM}(?:\s*,\s*{_DIM}){{1,4}})\s*,?\s*[)\]]\]?"
    rf"|(?<![\w.,])(?P<cross>\d+(?:\s*[{TIMES}xX]\s*\d+){{1,4}})(?![\w,]|\.\d)"
)
# A layer call: ``nn.Conv2d(3, 16, 5)``, ``layers.MaxPooling2D(2)``, ``Conv3d(…)``.
_LAYER_NAME = (
    r"Conv[123][dD](?:Transpose)?|ConvTranspose[123]d|(?:Depthwise|Separable)Conv[12]D"
    r"|(?:Max|Average|Avg)Pool(?:ing)?[123][dD]|ZeroPadding[123]D|ZeroPad[123]d"
    r"|Global(?:Max|Average|Avg)Pool(?:ing)?[123]D|AdaptiveAvgPool[123]d"
)
_CALL_START = lazy_regex(rf"(?<![\w.])(?:[A-Za-z_]\w*\.)*(?P<name>{_LAYER_NAME})\(")
# A summary row's layer type: "conv2d (Conv2D)", "├─Conv2d: 1-1", "Conv2d-1", "| Conv2D |".
_ROW_TYPE = lazy_regex(
    r"(?:^|[\s|│├└─]|\w)\((?P<keras>[A-Z]\w*)\)"
    r"|(?:^|[\s|│├└─])(?P<torch>[A-Z]\w*)(?::\s*(?P<depth>\d+)-\d+|-\d+)(?=\s)"
    r"|^\s*\|\s*(?P<cell>[A-Z]\w*)\s*\|"
)
# What a summary writes between its rows: rules, headers, totals are not rows but no break.
_DECORATION = lazy_regex(
    r"^[\s=\-─━┃│┏┓┗┛┡┩┠┨┳┻╇╈┼┬┴├┤└┘┌┐|:+]*$|layer\s*\(type|output\s+shape|param\s*#", re.I
)
# The word that makes a lone shape the sequence's input.
_INPUT = lazy_regex(r"\binput(?:_shape|\s+shape|\s+size)?\b|\b(?:randn|rand|zeros|ones)\(", re.I)
# Before a line's claimed shape: an arrow, a colon, a cell border or a verb of result.
_RESULT_CUE = lazy_regex(
    r"(?:->|\N{RIGHTWARDS ARROW}|=>|:|\||\bgives\b|\boutputs?\b|\breturns\b|\bbecomes\b)"
    r"[\s*`]*$"
)
# Words that make a shape a setting of the layer, not its result.
_SETTING = lazy_regex(r"\b(?:kernel|filter|window|stride|pool\s+size|receptive)\w*\s*$", re.I)


@dataclass(frozen=True)
class Stated:
    """A shape as the note writes it: its sizes (None for an unknown batch) and where."""

    sizes: tuple[int | None, ...]
    text: str
    start: int  # file offsets
    end: int
    crossed: bool  # "64 x 56 x 56": no batch, channels first or last


@dataclass(frozen=True)
class Step:
    """One line of a sequence: a layer (its call, or only its type) and the shape it gives."""

    kind: str  # normalised layer type ("conv2", "maxpool2"); "input" for a stated input
    call: str | None  # the call written on the line
    output: Stated
    given: Stated | None = None  # an input stated on the same line
    per_axis: bool = False  # a prose layer's sizes, without batch or channels ("16x112x112")
    params: int | None = None  # a summary row's parameter count


def layer_kind(name: str) -> str:
    """One name per layer type across libraries: Conv2D/Conv2d -> "conv2", MaxPooling2D/
    MaxPool2d -> "maxpool2", Conv2DTranspose/ConvTranspose2d -> "convtranspose2"."""
    lowered = name.lower().replace("pooling", "pool").replace("average", "avg")
    transposed = re.fullmatch(r"conv(\d)dtranspose|convtranspose(\d)d", lowered)
    if transposed is not None:
        return f"convtranspose{transposed.group(1) or transposed.group(2)}"
    return re.sub(r"([123])d$", r"\1", lowered)


def stated_shape(text: str, match: re.Match[str], offset: int) -> Stated | None:
    sizes: list[int | None] = []
    crossed = match.group("cross") is not None
    raw = match.group("cross") or match.group("tuple")
    for part in re.split(rf"\s*[{TIMES}xX,]\s*", raw.strip()):
        sizes.append(int(part) if part.isdigit() else None)
    if any(size == 0 for size in sizes):
        return None
    start, end = match.span()
    return Stated(tuple(sizes), text[start:end], offset + start, offset + end, crossed)


def _call_at(text: str, start: int) -> str | None:
    """The call that opens at ``start`` (its name) up to its closing bracket."""
    depth = 0
    for index in range(text.index("(", start), len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return text[start : index + 1]
    return None


def written_calls(text: str) -> list[tuple[str, str, int]]:
    """The layer calls in ``text``: (kind, call, offset of the call in ``text``)."""
    calls = []
    for match in _CALL_START.finditer(text):
        call = _call_at(text, match.start())
        if call is not None and "\n\n" not in call:
            calls.append((layer_kind(match.group("name")), call, match.start()))
    return calls


def _claimed(line: str, after: int, offset: int) -> Stated | None:
    """The shape a line states after ``after``, as a result (behind an arrow, a colon or a
    cell border), when it is the line's last shape."""
    shapes = [m for m in SHAPE.finditer(line, after)]
    if not shapes:
        return None
    last = shapes[-1]
    before = line[after : last.start()]
    if not _RESULT_CUE.search(before) or _SETTING.search(before):
        return None
    if _WORKED_OUT.match(line, last.end()):
        return None  # "→ 4 x 64 x 49 = 12,544": a product worked out, a count, no shape
    border = line.find("|", last.end())
    if (
        line.lstrip().startswith("|")
        and border >= 0
        and _FLAT_OUTPUT.search(line, 0, after)
        and _NUMBER_CELL.match(line, border)
    ):
        # "| GlobalMaxPooling2D() | 7x7x3 | 3 |": a layer whose output keeps no spatial axis,
        # its result (a lone size) in a later cell: this shape is the row's input
        return None
    return stated_shape(line, last, offset)


_FLAT_OUTPUT = lazy_regex(r"Global\w*Pool|Flatten")
_WORKED_OUT = lazy_regex(r"[ \t$]*=[ \t$]*\d")
_NUMBER_CELL = lazy_regex(r"\|\s*[*_`]*\d[\d,]*[*_`]*\s*\|")


def _summary_step(line: str, offset: int) -> Step | None:
    row = _ROW_TYPE.search(line)
    if row is None or row.group("depth") not in (None, "1"):
        return None
    name = row.group("keras") or row.group("torch") or row.group("cell")
    shapes = [m for m in SHAPE.finditer(line, row.end()) if m.group("tuple")]
    if not shapes or len(shapes) > 2:
        return None
    states = [stated_shape(line, m, offset) for m in shapes]
    if any(state is None for state in states):
        return None
    output = states[-1]
    assert output is not None
    kind = "input" if name == "InputLayer" else layer_kind(name)
    count = _PARAMS.match(line, shapes[-1].end())
    params = int(count.group("n").replace(",", "")) if count is not None else None
    return Step(kind, None, output, states[0] if len(states) == 2 else None, params=params)


# A summary row's count after its shape: "   896", " │  18,496 │".
_PARAMS = lazy_regex(r"[\s│|]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)[\s│|]*$")


# Between a stated input and its output on one line: "turns (…) into (…)", "64x64 -> 32x32".
_CHANGE = lazy_regex(r"\b(?:into|to|gives|becomes)\b|->|\N{RIGHTWARDS ARROW}|=>", re.I)


def _call_step(line: str, offset: int) -> Step | None:
    calls = written_calls(line)
    if len(calls) != 1:
        return None
    kind, call, at = calls[0]
    return _step_after(line, at + len(call), offset, kind, call)


def _step_after(line: str, after: int, offset: int, kind: str, call: str) -> Step | None:
    """The step a line states after a layer: its result, and its input when the line writes
    the change ("turns ``(None, 64, 64, 3)`` into ``(None, 30, 30, 16)``")."""
    shapes = list(SHAPE.finditer(line, after))
    if len(shapes) == 2 and _CHANGE.search(line, shapes[0].end(), shapes[1].start()):
        given = stated_shape(line, shapes[0], offset)
        output = stated_shape(line, shapes[1], offset)
        if given is not None and output is not None:
            return Step(kind, call, output, given)
    output = _claimed(line, after, offset)
    return None if output is None else Step(kind, call, output)


# A layer built under a name: ``self.pool = nn.MaxPool2d(2)``, ``(conv1): Conv2d(…)`` as
# ``print(model)`` shows it.
_NAMED = lazy_regex(r"(?:\bself\.|\()?(?P<name>[A-Za-z_]\w*)\)?\s*[=:]\s*$")


def named_calls(text: str) -> dict[str, tuple[str, str]]:
    """Layer calls by the names they are built under: name -> (kind, call). A name built twice
    with different calls is dropped."""
    named: dict[str, tuple[str, str]] = {}
    dropped: set[str] = set()
    for kind, call, at in written_calls(text):
        line_start = text.rfind("\n", 0, at) + 1
        match = _NAMED.search(text, line_start, at)
        if match is None:
            continue
        name = match.group("name")
        if named.get(name, (kind, call)) != (kind, call):
            dropped.add(name)
        named[name] = (kind, call)
    return {name: value for name, value in named.items() if name not in dropped}


def _named_step(line: str, offset: int, names: dict[str, tuple[str, str]]) -> Step | None:
    """A prose line about one layer the note built under a name ("- after conv2: 64 x 7 x 7")."""
    if written_calls(line):
        return None
    found = [
        (match, name)
        for name in names
        for match in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w(])", line)
    ]
    if len(found) != 1:
        return None
    match, name = found[0]
    kind, call = names[name]
    return _step_after(line, match.end(), offset, kind, call)


def _input_step(line: str, offset: int) -> Step | None:
    cue = _INPUT.search(line)
    if cue is None:
        return None
    for _kind, call, at in written_calls(line):  # "Conv2D(32, 3)" states no shape
        line = line[:at] + " " * len(call) + line[at + len(call) :]
    shapes = list(SHAPE.finditer(line, cue.start()))
    if len(shapes) != 1 or len(SHAPE.findall(line)) != 1:
        return None
    output = stated_shape(line, shapes[0], offset)
    return None if output is None else Step("input", None, output)


# A layer described in prose by its class or its kind, with its number of axes.
_DESCRIBED = lazy_regex(
    r"\b(?:nn\.)?(?P<kind>Conv|MaxPool|AvgPool)(?P<dims>[123])[dD]\b(?!\()"
    r"|\b(?P<words>(?P<wdims>[123])-?D\s+(?P<wkind>conv\w*|max[- ]pool\w*|average[- ]pool\w*))",
    re.I,
)
_VALUE = r"(?:\(\s*\d+(?:\s*,\s*\d+){1,2}\s*\)|\d+(?:\s*[x\N{MULTIPLICATION SIGN}]\s*\d+){0,2})"
_SETTING_VALUE = {
    "kernel_size": lazy_regex(
        rf"\b(?:kernel|window)(?:[ _]size)?\s*(?:of\s+|=\s*|:\s*)?(?P<v>{_VALUE})", re.I
    ),
    "stride": lazy_regex(rf"\bstrides?\s*(?:of\s+|=\s*|:\s*)?(?P<v>{_VALUE})", re.I),
    "padding": lazy_regex(rf"\bpadding\s*(?:of\s+|=\s*|:\s*)?(?P<v>{_VALUE})", re.I),
    "dilation": lazy_regex(rf"\bdilation\s*(?:of\s+|=\s*|:\s*)?(?P<v>{_VALUE})", re.I),
}


def _axes(value: str) -> str:
    """A setting as a call argument: "(1, 2, 2)" stays, "3x7x7" becomes "(3, 7, 7)"."""
    sizes = re.findall(r"\d+", value)
    return sizes[0] if len(sizes) == 1 else f"({', '.join(sizes)})"


def _described_step(line: str, offset: int) -> Step | None:
    """A prose line that describes one layer with a setting per axis ("A Conv3d with kernel (3,
    7, 7), stride (1, 2, 2) and padding (1, 3, 3) on a 16x112x112 clip becomes 14x56x56"), as
    the PyTorch call it describes; a convolution needs its padding stated (pooling pads none)."""
    described = list(_DESCRIBED.finditer(line))
    if len(described) != 1:
        return None
    match = described[0]
    dims = int(match.group("dims") or match.group("wdims"))
    kind = (match.group("kind") or match.group("wkind")).lower().replace("-", "").replace(" ", "")
    pooling = "pool" in kind
    settings = {}
    for name, pattern in _SETTING_VALUE.items():
        found = list(pattern.finditer(line))
        if len(found) > 1:
            return None
        if found:
            settings[name] = _axes(found[0].group("v"))
    if "kernel_size" not in settings or not any("(" in v for v in settings.values()):
        return None  # the phrase readings read settings given once for every axis
    if not pooling and "padding" not in settings:
        return None
    name = ("MaxPool" if kind.startswith("max") else "AvgPool") if pooling else "Conv"
    arguments = ", ".join(f"{key}={value}" for key, value in settings.items())
    if not pooling:
        arguments = f"1, 1, {arguments}"  # channels are not what the sentence is about
    call = f"nn.{name}{dims}d({arguments})"
    settings_end = max(m.end() for p in _SETTING_VALUE.values() for m in p.finditer(line))
    step = _step_after(line, max(settings_end, match.end()), offset, f"{name.lower()}{dims}", call)
    if step is None or step.given is None:
        return None
    spatial = all(len(shape.sizes) == dims for shape in (step.given, step.output))
    return replace(step, per_axis=True) if spatial else None


def sequences(document: LintDocument) -> list[list[Step]]:
    """The note's layer sequences, each with its stated input (a step of kind "input") first:
    the one stated on a line before it, else the note's only stated input, else a shape the
    heading states alone ("… on 1x28x28")."""
    body = document.body_offset
    lines = document.text[body:].split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=body))
    # a summary may leave blank lines between its rows (Keras 2): inside a code block they
    # break nothing; code lines are the code tracker's, prose lines may name a built layer
    first = document.position(body)[0]
    in_code = {
        block.first_line - first + index
        for block in document.code_blocks
        for index in range(block.code.count("\n"))
    }
    names = named_calls(document.text[body:])
    inputs = [
        (index, step)
        for index, line in enumerate(lines)
        if (step := _input_step(line, starts[index])) is not None
    ]
    fallback = inputs[0][1] if len(inputs) == 1 else _heading_input(lines, body)
    found: list[list[Step]] = []
    current: list[Step] = []
    for index, line in enumerate(lines):
        if not line.strip() and index in in_code:
            continue
        offset = starts[index]
        step = _summary_step(line, offset) or _call_step(line, offset)
        if step is None and names and index not in in_code:
            step = _named_step(line, offset, names)
        if step is None and index not in in_code:
            step = _described_step(line, offset)
        if step is not None:
            if not current and step.kind != "input" and step.given is None:
                before = [s for at, s in inputs if at < index]
                start = before[-1] if before else fallback
                current.extend([start] if start is not None else [])
            current.append(step)
        elif not _DECORATION.search(line) or not line.strip():
            if len(current) > 1 or (current and current[0].kind != "input"):
                found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def _heading_input(lines: list[str], body: int) -> Step | None:
    """The one shape a heading states, with no layer call: the input its question is about."""
    heading = lines[0] if lines else ""
    if not heading.startswith("#") or written_calls(heading):
        return None
    shapes = list(SHAPE.finditer(heading))
    if len(shapes) != 1:
        return None
    output = stated_shape(heading, shapes[0], body)
    return None if output is None else Step("input", None, output)
