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

from ankigen.lint.arith.quantities import SMALL_NUMBER_WORDS
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.setting_reader import (
    SIZE,
    Setting,
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
    for match in [*_CLAUSE.finditer(view, body), None]:
        end = match.start() if match else len(view)
        clause = view[start:end]
        if not _ARROW_TO_SIZE.search(clause):
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


def _walked(
    view: str, body: int, conv: _Stage | None, pool: _Stage
) -> Iterator[Finding | tuple[int, int]]:
    """The claims of a walked chain ("conv -> 56x56x256, pool -> 28x28x256")."""
    arrows = list(_ARROW_TO_SIZE.finditer(view, body))
    if len(arrows) < 2:
        return
    current = _input(view, body, arrows[0].start())
    previous_end = body
    for arrow in arrows:
        line_start = view.rfind("\n", 0, arrow.start()) + 1
        label_start = max(line_start, previous_end)
        label = view[label_start : arrow.start()]
        label = re.split(r",\s", label)[-1] if "," in label else label
        side = _square(values_of(arrow.group("s")))
        previous_end = arrow.end()
        if side is None:
            current = None
            continue
        stage = pool if re.search(r"pool", label, re.I) else None
        repeats = 1
        if stage is None and re.search(r"conv", label, re.I):
            stage = conv
            repeat = _REPEAT.search(label)
            repeats = int(repeat.group("r")) if repeat else 1
        if stage is not None and current is not None:
            sides = {current}
            for _ in range(repeats):
                sides = {out for n in sides for out in _outputs(stage, n)}
            if sides and side not in sides:
                kind = "the pooling" if stage is pool else "the convolution"
                yield _finding(view, *arrow.span("s"), sides, current, kind)
                current = None  # the next stated size starts the chain again
                continue
            if sides:
                yield arrow.span("s")
        current = side


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
