"""AG103 on layer sequences stated outside runnable code (``sequence_reader``): each layer is
applied, with the code tracker's formulas and library defaults, to the shape the note states
just before it (the row or line above, or the stated input), and its stated output must be
what the layer gives. Chaining through the stated shapes means one wrong row gives one finding.

A summary row names only a layer type; it is paired with the layer calls the note writes, in
order, when the note writes exactly as many calls of that type (first those in code blocks,
then those in prose) as the summary has rows of it. A shape written without its batch
("64 x 56 x 56") may put the channels first or last: a finding needs both readings wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from ankigen.lint.arith.code_layers import Tensor, layer_output, shape_agrees
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.sequence_reader import (
    Stated,
    Step,
    named_calls,
    sequences,
    written_calls,
)

_DIMS = lazy_regex(r"(?P<dims>[123])$")


def sequence_findings(document: LintDocument) -> Iterator[Finding]:
    for output, message in judgements(document):
        if message is not None:
            yield Finding(output.start, output.end, f"{message}: correct the shape")


def judgements(document: LintDocument) -> list[tuple[Stated, str | None]]:
    """Every stated output the sequences let us judge, with what is wrong with it (None: it
    is right). A judged line needs no other reading: its layer call says its dimensions."""
    return document.memo("layer-sequence-judgements", lambda: list(_judge(document)))


def _judge(document: LintDocument) -> Iterator[tuple[Stated, str | None]]:
    found = sequences(document)
    if not found:
        return
    sources = _note_calls(document)
    paddings = _prose_paddings(document)
    for sequence in found:
        calls = _paired(sequence, sources, _SHARED.search(document.text) is not None)
        previous: Stated | None = None
        # after a wrong row, the next may build on the right shape instead of the stated one
        right: list[Tensor] = []
        for step, call in zip(sequence, calls, strict=True):
            given = step.given or previous
            judged: str | None = None
            readings = _readings(call, paddings) if call is not None else []
            if call is None and given is not None:
                readings = _counted_convolutions(step, given)
            if readings and given is not None:
                extra = [] if step.given else right
                judged, right = _problem(readings, step, given, extra)
                if judged is not None:
                    yield step.output, judged or None
            if judged is None or judged == "":
                right = []
            previous = step.output


def _note_calls(document: LintDocument) -> list[list[tuple[str, str]]]:
    """The layer calls the note writes: those in code blocks, then those in prose."""
    body = document.body_offset
    text = document.text
    in_code: list[tuple[str, str]] = []
    for block in document.code_blocks:
        in_code.extend(_applied_calls(block.code))
    spans = [
        (
            document.offset_of_line(block.first_line),
            document.offset_of_line(block.first_line) + len(block.code) + block.indent,
        )
        for block in document.code_blocks
    ]
    in_prose = [
        (kind, call)
        for kind, call, at in written_calls(text[body:])
        if not any(start <= body + at < end for start, end in spans)
    ]
    return [in_code, in_prose]


def _counted_convolutions(step: Step, given: Stated) -> list[str]:
    """The convolutions a summary row without a written call may be: its kernel from its
    parameter count (k^d x C_in x C_out, plus C_out with a bias) and the channels of the row
    above, with any usual stride (1, 2) and padding ("valid"/"same", none or half the kernel)."""
    kind = re.fullmatch(r"conv(?P<dims>[123])", step.kind)
    if kind is None or step.params is None or step.output.crossed or given.crossed:
        return []
    dims = int(kind.group("dims"))
    if len(step.output.sizes) != dims + 2 or len(given.sizes) != dims + 2:
        return []
    # PyTorch's summaries write shapes in square brackets, channels first; Keras in round ones
    torch = step.output.text.startswith("[") and not step.output.text.startswith("[(")
    place = 1 if torch else -1
    inputs, filters = given.sizes[place], step.output.sizes[place]
    if inputs is None or filters is None or inputs <= 0 or filters <= 0:
        return []
    kernels = []
    for bias in (filters, 0):
        volume, left = divmod(step.params - bias, inputs * filters)
        side = round(volume ** (1 / dims)) if volume > 0 and not left else 0
        if side > 0 and side**dims == volume:
            kernels.append(side)
    calls = []
    for side in sorted(set(kernels)):
        if torch:
            calls += [
                f"nn.Conv{dims}d({inputs}, {filters}, {side}, stride={stride}, padding={pad})"
                for stride in (1, 2)
                for pad in sorted({0, side // 2, (side - 1) // 2})
            ]
        else:
            calls += [
                f"Conv{dims}D({filters}, {side}, strides={stride}, padding={pad!r})"
                for stride in (1, 2)
                for pad in ("valid", "same")
            ]
    return calls


def _applied_calls(code: str) -> list[tuple[str, str]]:
    """The layer calls of a code block, a layer built once under a name and applied n times
    (``self.pool`` in ``forward``) n times, when it is its block's only layer of its type."""
    calls = [(kind, call) for kind, call, _at in written_calls(code)]
    kinds = Counter(kind for kind, _call in calls)
    uses = {
        value: len(re.findall(rf"(?<![\w]){re.escape(name)}\(", code))
        for name, value in named_calls(code).items()
    }
    applied: list[tuple[str, str]] = []
    for kind, call in calls:
        times = uses.get((kind, call), 1) if kinds[kind] == 1 else 1
        applied.extend([(kind, call)] * max(times, 1))
    return applied


# One call said to stand for every layer of its type: "both pools are ``MaxPooling2D(2)``".
_SHARED = lazy_regex(
    r"\b(?:both|all|each|every)\s+(?:of\s+the\s+)?(?:\w+\s+)?(?:pool\w*|conv\w*|layers)\b", re.I
)


def _paired(
    sequence: Sequence[Step], sources: Sequence[list[tuple[str, str]]], shared: bool = False
) -> list[str | None]:
    """Each step's layer call: its own, or for a summary row the note's call of its type in
    the same order, when the counts agree. With ``shared`` ("both pools are
    ``MaxPooling2D(2)``") one call written once stands for every row of its type."""
    rows = Counter(step.kind for step in sequence if step.call is None and step.kind != "input")
    taken: dict[str, list[str]] = {}
    for source in sources:
        written = Counter(kind for kind, _call in source)
        for kind, count in rows.items():
            if kind not in taken and written[kind] == count:
                taken[kind] = [call for called, call in source if called == kind]
            elif kind not in taken and shared and written[kind] == 1:
                taken[kind] = [call for called, call in source if called == kind] * count
    calls: list[str | None] = []
    for step in sequence:
        if step.call is not None or step.kind == "input":
            calls.append(step.call)
            continue
        listed = taken.get(step.kind)
        calls.append(listed.pop(0) if listed else None)
    return calls


# A padding the prose states for the layers: "same" padding, "padding 1", "padding=1".
_SAME = lazy_regex(r"\bsame\W{0,3}\s*padding|\bpadding\W{0,3}\s*(?:=\s*|of\s+)?\W?same\b", re.I)
_PADDING_NUMBER = lazy_regex(r"\bpadding\s*(?:=|of|:)?\s*(?P<n>\d)\b", re.I)


def _prose_paddings(document: LintDocument) -> list[str]:
    """The paddings the note's prose states, as call arguments: a call that leaves its
    padding out may have the one the prose gives all layers ("3x3 convolutions with 'same'
    padding")."""
    prose = document.prose[document.body_offset :]
    found = ["'same'"] if _SAME.search(prose) else []
    found += sorted({match.group("n") for match in _PADDING_NUMBER.finditer(prose)})
    return found


def _readings(call: str, paddings: Sequence[str]) -> list[str]:
    """The call as written, and with each prose padding when the call names none."""
    if "padding" in call or not paddings or call.rstrip().endswith("()"):
        return [call]
    return [call, *(f"{call.rstrip()[:-1]}, padding={padding})" for padding in paddings)]


def _problem(
    calls: Sequence[str], step: Step, given: Stated, right: Sequence[Tensor]
) -> tuple[str | None, list[Tensor]]:
    """What is wrong with ``output`` for the call applied to ``given`` (or to ``right``, what
    the row above should have been): "" when some reading (of the call's padding or of where
    the stated shapes put their channels) agrees, None when the library's own reading of the
    input cannot be followed (no judgement); and the right outputs, for the next row."""
    dims, output = _DIMS.search(step.kind), step.output
    if dims is None:
        return None, []
    parts = tuple("None" if size is None else str(size) for size in output.sizes)
    messages: list[str] = []
    computed: list[Tensor] = []
    for call in calls:
        torch = call.startswith(("nn.", "torch.")) or call.split("(", 1)[0].endswith("d")
        readings = _inputs(given, int(dims.group("dims")), torch, step.per_axis)
        for index, tensor in enumerate([*readings, *right]):
            result = layer_output(call, tensor)
            if result is None:
                if index == 0:
                    return None, []  # the usual reading is not followed: no judgement
                continue
            expected, how = result
            if _agrees(parts, expected):
                return "", []
            computed.append(expected)
            if index >= len(readings):
                continue  # the message speaks of the stated input
            name = call.split("(", 1)[0].rsplit(".", 1)[-1]
            why = f": {how}" if how else ""
            shown = (tensor.shown(), expected.shown())
            if step.per_axis:
                shown = ("x".join(map(str, tensor.spatial)), "x".join(map(str, expected.spatial)))
            messages.append(f"{name} on {shown[0]} outputs {shown[1]}, not {output.text}{why}")
    return (messages[0] if messages else None), computed[:1]


def _agrees(parts: tuple[str, ...], expected: Tensor) -> bool:
    if len(parts) == len(expected.written()) and parts[0] not in ("None", expected.batch):
        parts = (expected.batch, *parts[1:])  # a batch written as -1, 1 or 32: any batch
    return shape_agrees(parts, expected)


def _inputs(given: Stated, dims: int, torch: bool, per_axis: bool) -> list[Tensor]:
    """The tensor of the stated shape, once per reading of it (the library's first); a prose
    layer's sizes per axis get one channel, its output states none either."""
    sizes = given.sizes
    if len(sizes) == dims + 2 and not given.crossed:
        unknown = "N" if torch else "None"
        batch = unknown if sizes[0] is None or sizes[0] < 0 else str(sizes[0])
        rest = [size for size in sizes[1:] if size is not None]
        if len(rest) != dims + 1:
            return []
        if torch:
            return [Tensor(tuple(rest[1:]), rest[0], True, batch)]
        return [Tensor(tuple(rest[:-1]), rest[-1], False, batch)]
    known = [size for size in sizes if size is not None and size > 0]
    if per_axis and len(known) == dims == len(sizes):
        return [Tensor(tuple(known), 1, torch, "N" if torch else "None")]
    if len(known) != dims + 1 or len(sizes) != dims + 1:
        return []
    first = Tensor(tuple(known[1:]), known[0], torch, "N" if torch else "None")
    last = Tensor(tuple(known[:-1]), known[-1], torch, "N" if torch else "None")
    return [first, last] if torch else [last, first]
