"""AG103 for chains of repeated stages whose sizes the note claims: a note that sets up its
convolutions and its poolings once ("all convs are 3x3, stride 1, padding 1; every block ends
with a 2x2 max-pool, stride 2") and then either walks the chain ("conv -> 56x56x256, pool ->
28x28x256") or counts the stages ("after the five pools the map is 7x7", "after four stride-2
stages"). Each claimed size is computed from the size before it by the stage its words name;
a chain whose stages the note does not set up completely is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint import stage_trace
from ankigen.lint.arith.quantities import SMALL_NUMBER_WORDS
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import fold
from ankigen.lint.rules.layers.setting_reader import (
    SIZE,
    Setting,
    may_name_a_kind,
    note_view,
    read_prose,
    values_of,
)

_COUNT = r"(?P<n>\d|one|two|three|four|five|six|seven|eight)"
_ARROW_TO_SIZE = lazy_regex(rf"(?:->|\N{{RIGHTWARDS ARROW}})\s*(?P<s>{SIZE})")
# "after the five pools", "after 4 stride-2 stages", "after all five max-pooling layers"
_AFTER_COUNT = lazy_regex(
    rf"\bafter\s+(?:the\s+|all\s+|its\s+)?(?:(?:first|last)\s+)?{_COUNT}\s+(?:{SIZE}\s+)?"
    r"(?P<what>(?:max[- ]?|average[- ]?|avg[- ]?)?pool\w*(?:\s+layers)?|"
    r"stride[- ]2\s+(?:stages?|convs?|convolutions?|layers?|blocks?|downsampl\w*)|"
    r"downsampl\w+(?:\s+(?:stages?|steps?|layers?|blocks?))?)",
    re.I,
)
_CLAUSE = lazy_regex(r"[;\n]|[.!?](?=\s)")
_KEEPS = lazy_regex(
    r"\bkeeps?\s+the\s+(?:spatial\s+)?(?:size|resolution)|\bsize[- ]preserving\b|\bsame\b", re.I
)
# "the convolutions use 'same' padding", "all convs keep the spatial size"
_CONVS_KEEP = lazy_regex(
    r"\bconv\w*\b[^.;\n]{0,60}?(?:\bsame\b|\bkeeps?\s+the\s+(?:spatial\s+)?(?:size|resolution))",
    re.I,
)
_REPEAT = lazy_regex(r"(?P<r>\d)\s*[x\N{MULTIPLICATION SIGN}]\s*conv", re.I)


@dataclass(frozen=True)
class _Stage:
    kernel: int
    stride: int
    padding: int | str  # a number or "same"


def _square(values: tuple[int, ...]) -> int | None:
    """The side of a square spatial size (HxW, HxWxC or CxHxW)."""
    if len(values) == 2 and values[0] == values[1]:
        return values[0]
    if len(values) == 3 and values[0] == values[1]:
        return values[0]
    if len(values) == 3 and values[1] == values[2]:
        return values[1]
    return None


def _outputs(stage: _Stage, n: int) -> set[int]:
    stage_trace.note_setup(stage_trace.CONV)
    if stage.padding == "same":
        return {-(-n // stage.stride)}
    assert isinstance(stage.padding, int)
    span = n + 2 * stage.padding - stage.kernel
    if span < 0:
        return set()
    return {span // stage.stride + 1, -(-span // stage.stride) + 1}


def _stage_of(setting: Setting, view: str, start: int, end: int, pool: bool) -> _Stage | None:
    """The one stage a clause sets up, or None when it leaves a quantity open."""
    kernels = {item.values for item in setting.of("kernel") if isinstance(item.values, tuple)}
    if not kernels and not pool:  # "all convs are 3x3, stride 1": a small square is the kernel
        kernels = {
            item.values[:1]
            for item in setting.of("size")
            if isinstance(item.values, tuple) and _square(item.values) and item.values[0] <= 11
        }
    strides = {item.values for item in setting.of("stride") if isinstance(item.values, tuple)}
    paddings = {item.values for item in setting.of("padding")}
    if len(kernels) != 1 or len(strides) > 1 or len(paddings) > 1:
        return None
    kernel = next(iter(kernels))[0]
    stride = next(iter(strides))[0] if strides else (kernel if pool else 1)
    padding: int | str
    if paddings:
        value = next(iter(paddings))
        if value in ("same", "causal"):
            padding = "same"
        elif value == "valid":
            padding = 0
        elif isinstance(value, tuple):
            padding = value[0]
        else:
            return None
    elif pool:
        padding = 0
    elif _KEEPS.search(view, start, end) and stride == 1:
        padding = "same"
    else:
        return None
    return _Stage(kernel, stride, padding)


def _stages(view: str, body: int) -> tuple[_Stage | None, _Stage | None, bool]:
    """The note's convolution and pooling stage (None when unset or set twice), and whether
    the note sets either of them more than one way."""
    convs: set[_Stage] = set()
    pools: set[_Stage] = set()
    start = body
    folded = fold(view)  # (the same length as the view)
    for match in [*_CLAUSE.finditer(view, body), None]:
        end = match.start() if match else len(view)
        clause = view[start:end]
        # (a clause naming no layer kind sets no stage: most clauses, so not read at all)
        if may_name_a_kind(folded, start, end) and not _ARROW_TO_SIZE.search(clause):
            setting = Setting()
            read_prose(view, start, end, setting)
            if setting.kinds == {"pool"}:
                found = _stage_of(setting, view, start, end, pool=True)
                if found:
                    pools.add(found)
            elif setting.kinds == {"conv"}:
                found = _stage_of(setting, view, start, end, pool=False)
                if found:
                    convs.add(found)
        start = match.end() if match else len(view)
    several = len(convs) > 1 or len(pools) > 1
    return (
        next(iter(convs)) if len(convs) == 1 else None,
        next(iter(pools)) if len(pools) == 1 else None,
        several,
    )


_INPUT = lazy_regex(
    rf"(?P<s>{SIZE})(?:\s*[x\N{{MULTIPLICATION SIGN}}]\s*\d+)?\s+(?:input|image)s?\b"
    rf"|\binputs?\s*(?:[:=]|\bof\b|\bis\b)?\s*(?:an?\s+)?(?P<t>{SIZE})",
    re.I,
)


def _input(view: str, body: int, before: int) -> int | None:
    """The side of the note's one stated input, before ``before``."""
    sides = set()
    for match in _INPUT.finditer(view, body, before):
        side = _square(values_of(match.group("s") or match.group("t")))
        if side is not None:
            sides.add(side)
    if not sides:  # else the one size of the heading ("this 256x256 encoder"), not a kernel
        heading = re.match(r"[ \t]*#[^\n]*", view[body:])
        end = body + heading.end() if heading else body
        for match in re.finditer(SIZE, view[body:end]):
            side = _square(values_of(match.group(0)))
            if side is not None and side > 11:
                sides.add(side)
    return next(iter(sides)) if len(sides) == 1 else None


def _finding(view: str, start: int, end: int, sides: set[int], given: int, what: str) -> Finding:
    said = " ".join(view[start:end].split())
    shown = " or ".join(f"{side}x{side}" for side in sorted(sides))
    return Finding(
        start,
        end,
        f"{what} of the chain: {shown} from {given}x{given}, not {said}: apply each stage "
        "with the kernel, stride and padding the note sets up for it",
    )


@dataclass(frozen=True)
class _Step:
    """One walked step: the words that name its stage and the span of the size it claims."""

    label: str
    start: int
    end: int


def _arrow_steps(view: str, body: int) -> list[_Step]:
    """The steps written with arrows ("conv -> 56x56x256, pool -> 28x28x256")."""
    steps = []
    previous_end = body
    for arrow in _ARROW_TO_SIZE.finditer(view, body):
        line_start = view.rfind("\n", 0, arrow.start()) + 1
        label = view[max(line_start, previous_end) : arrow.start()]
        label = re.split(r",\s", label)[-1] if "," in label else label
        steps.append(_Step(label, *arrow.span("s")))
        previous_end = arrow.end()
    return steps


_TABLE_ROW = lazy_regex(r"^[ \t]*\|(?P<label>[^|\n]*)\|(?P<rest>[^\n]*)$", re.M)
_NUMBER = lazy_regex(r"\d+")


def _table_steps(view: str, body: int) -> list[list[_Step]]:
    """The rows of each table that names a row's stage in its first cell and its size, the
    row's only number, in the others ("| block 4 (pool) | 14 x 14 x 512 |"): a row with a
    kernel or stride beside its size is left to the readers of such tables."""
    tables: list[list[_Step]] = []
    previous_end = -1
    for row in _TABLE_ROW.finditer(view, body):
        if row.start() != previous_end + 1:
            tables.append([])  # another table starts
        previous_end = row.end()
        rest = row.group("rest")
        sizes = list(re.finditer(SIZE, rest))
        if len(sizes) != 1 or _NUMBER.search(rest[: sizes[0].start()] + rest[sizes[0].end() :]):
            continue
        start = row.start("rest") + sizes[0].start()
        tables[-1].append(_Step(row.group("label"), start, start + len(sizes[0].group(0))))
    return tables


def _walked(
    view: str, body: int, conv: _Stage | None, pool: _Stage
) -> Iterator[Finding | tuple[int, int]]:
    """The claims of a walked chain: arrows ("conv -> 56x56x256, pool -> 28x28x256") or the
    rows of a table of stages."""
    for steps in (_arrow_steps(view, body), *_table_steps(view, body)):
        if len(steps) >= 2:
            yield from _walk(view, body, steps, conv, pool)


_INPUT_LABEL = lazy_regex(r"^\W*(?:the\s+)?input\W*$", re.I)
# a block or stage holds convolutions before its pooling
_BLOCK = lazy_regex(r"\b(?:block|stage)s?\b", re.I)


def _walk(
    view: str, body: int, steps: list[_Step], conv: _Stage | None, pool: _Stage
) -> Iterator[Finding | tuple[int, int]]:
    current = _input(view, body, steps[0].start)
    convs_keep = (conv is not None and _outputs(conv, 64) == {64}) or _CONVS_KEEP.search(
        view, body
    ) is not None
    for step in steps:
        side = _square(values_of(view[step.start : step.end]))
        if side is None:
            current = None
            continue
        if _INPUT_LABEL.match(step.label):
            current = side
            continue
        stage = pool if re.search(r"pool", step.label, re.I) else None
        if stage is not None and _BLOCK.search(step.label) and not convs_keep:
            stage = None  # the block's convolutions change the size too
            current = None
        repeats = 1
        if stage is None and re.search(r"conv", step.label, re.I):
            stage = conv
            repeat = _REPEAT.search(step.label)
            repeats = int(repeat.group("r")) if repeat else 1
        if stage is not None and _own_settings(step.label):
            # "| conv 3x3, stride 2, pad 1 | 8x8 |": the row sets up its own stage
            stage = _label_stage(step.label, stage, pool=stage is pool)
            repeats = 1
        if stage is not None and current is not None:
            sides = {current}
            for _ in range(repeats):
                sides = {out for n in sides for out in _outputs(stage, n)}
            if sides and side not in sides:
                kind = "the pooling" if stage is pool else "the convolution"
                yield _finding(view, step.start, step.end, sides, current, kind)
                current = None  # the next stated size starts the chain again
                continue
            floored = {current}
            for _ in range(repeats):
                floored = {min(_outputs(stage, n), default=0) for n in floored}
            if side in floored:
                # right, also for the other readers; a size only rounding up gives is left
                # to them (rounding up is right only where the note says so)
                yield step.start, step.end
        current = side


# A stride, padding or kernel size written in a step's own label
_OWN_SETTING = lazy_regex(
    r"\b(?:stride|strides|pad|padding|s|p)\s*[=:]?\s*\d|\d\s*[x\N{MULTIPLICATION SIGN}]\s*\d", re.I
)


def _own_settings(label: str) -> bool:
    return _OWN_SETTING.search(label) is not None


def _label_stage(label: str, note_stage: _Stage, pool: bool) -> _Stage | None:
    """The stage a step's label sets up in full; else the note's, when the label only
    restates its kernel ("| conv 3x3 | … |" under "all convs are 3x3, padding 1"); else None."""
    setting = Setting()
    read_prose(label, 0, len(label), setting)
    own = _stage_of(setting, label, 0, len(label), pool)
    if own is not None:
        return own
    kernels = {item.values[0] for item in setting.of("kernel") if isinstance(item.values, tuple)}
    if setting.of("stride") or setting.of("padding") or kernels - {note_stage.kernel}:
        return None
    return note_stage


def _counted(
    view: str, body: int, conv: _Stage | None, pool: _Stage | None
) -> Iterator[Finding | tuple[int, int]]:
    """The claims after a counted number of stages ("after the five pools the map is 7x7")."""
    keeps = (conv is not None and _outputs(conv, 64) == {64}) or _CONVS_KEEP.search(
        view, body
    ) is not None
    for match in _AFTER_COUNT.finditer(view, body):
        count = match.group("n").lower()
        times = int(count) if count.isdigit() else SMALL_NUMBER_WORDS[count]
        what = match.group("what").lower()
        stage = pool if "pool" in what else _Stage(3, 2, "same")
        if stage is None or ("pool" in what and not keeps):
            continue
        end = _CLAUSE.search(view, match.end())
        claim = re.compile(SIZE).search(view, match.end(), end.start() if end else len(view))
        given = _input(view, body, match.start())
        if claim is None or given is None:
            continue
        side = _square(values_of(claim.group(0)))
        if side is None:
            continue
        sides = {given}
        for _ in range(times):
            # a stride-2 stage with any usual padding rounds up or down
            halved = {n // 2 for n in sides} if "pool" not in what else set()
            sides = {out for n in sides for out in _outputs(stage, n)} | halved
        if sides and side not in sides:
            yield _finding(view, *claim.span(), sides, given, f"{times} stages")
        elif sides:
            yield claim.span()


def chain_judgements(document: LintDocument) -> Iterator[Finding | tuple[int, int]]:
    """Each claimed size of a chain of repeated stages: a finding when the stages do not give
    it, its span when they do (other readers, which see one stage, leave it alone then)."""
    if document.code_blocks:
        return  # chains in code are followed by the code readers
    view = note_view(document)
    body = document.body_offset
    conv, pool, several = _stages(view, body)
    if several:
        return
    if pool is not None:
        yield from _walked(view, body, conv, pool)
    yield from _counted(view, body, conv, pool)
