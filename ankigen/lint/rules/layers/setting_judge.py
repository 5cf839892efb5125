"""AG103 by the note-level setting (``setting_reader``): when a note, or the sentence of a
claimed result, describes ONE convolution, pooling or transposed convolution layer and states
every quantity its output formula needs, each size the note claims after the stated input is
checked against every convention that could apply (floor or ceil for pooling, each library's
defaults and transposed formulas, channels first or last). A claim no convention explains is
reported; a scope with two kernels, strides, paddings or inputs, or words of several layers, is
left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint import stage_trace
from ankigen.lint.arith.quantities import REPEATED_LAYER
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.layer_statements import calls_another
from ankigen.lint.rules.layers.remedies import in_remedy
from ankigen.lint.rules.layers.setting_reader import (
    BATCH,
    CALL,
    LAYER_NAME,
    Setting,
    Stated,
    layer_names,
    note_view,
    read_span,
)

# Words of a note about several layers or a whole network: its sizes are not one layer's.
_SEVERAL = lazy_regex(
    r"\b(?:networks?|models?|architectures?|CNNs?|throughout|overall|in\s+total|"
    r"later|afterwards|subsequent\w*|next|previous|preceding|stages?|"
    r"then|followed\s+by|after\s+(?:that|it|this)|next\s+layer|stack\w*|blocks|stages|"
    r"in\s+a\s+row|repeated\w*|twice|both|convolutions|convs|layers(?![.\w])|"
    r"(?:two|three|four|five|six|several|multiple)\s+"
    r"(?:[\w\N{MULTIPLICATION SIGN}-]+\s+){0,2}(?:conv\w*|pool\w*))",
    re.I,
)
# "then" opening a step of arithmetic ("then +1", "then add one", "then floor it").
_THEN_ARITHMETIC = lazy_regex(
    r"then\s*(?:[-+\N{MINUS SIGN}\N{MULTIPLICATION SIGN}/]\s*\d|(?:add|adding|plus|subtract\w*|"
    r"divide\w*|multipl\w*|floor\w*|ceil\w*|round\w*)\b)",
    re.I,
)
_DILATION_WORD = lazy_regex(r"dilat|atrous", re.I)
_NO_DILATION = lazy_regex(r"\b(?:no|without)\s+dilation\b|\bundilated\b", re.I)
# A claim in another scenario than the stated one: hypothetical, contrasted, negated.
_OTHER_SCENARIO = lazy_regex(
    r"\b(?:would|could|might|if|instead|otherwise|whereas|unlike|compared|rather|versus|vs|"
    r"not|without\s+the|with\s+the\s+default|had)\b",
    re.I,
)
# Where a sentence (a heading, list item, table cell, label line) ends.
_BREAK = lazy_regex(
    r"(?<!i\.e)(?<!e\.g)(?<!\bvs)[.!?](?=\s)|\n[ \t]*\n"
    r"|\n(?=[ \t]*(?:[-*+]\s|\d+[.)]\s|#|\|))|\||\n(?=[ \t]*[A-Z][\w ]{0,25}:)"
)
# The words just before a size that make it the layer's input ("on a 28x28 image", "shrinks
# the 55x55 map", "Input: 16 frames of 112x112") or its result ("gives", "to", "i.e.", "=").
_INPUT_MARK = lazy_regex(
    # "the input is 64x64" first: the bare noun alone would leave its "is" to read as a result
    r"\b(?:clip|video|input|image|sequence|signal)s?"
    r"(?:[ \t]+(?:shape|size|dims?|resolution|tensor))?\s+(?:is|are|has|holds|was)\s+"
    r"(?:an?\s+|of\s+(?:shape\s+|size\s+)?)?$|"
    # "input: 28x28", "- input shape: 28x28x3": a labelled input, whatever its label's noun
    r"\binputs?(?:[ \t]+(?:shape|size|dims?|dimensions?|resolution|tensor))?\b(?:\s*[:=]\s*$)?|"
    # "- in: 31x31x24": the short label of a list of in, layer, out
    r"(?:^|(?<=[\s>*_`-]))in\s*:\s*$|"
    r"\b(?:padded|truncated|cropped|resized)\s+to\s+$|"
    r"\b(?:signal|sequence|image|audio|clip|text)\s+(?:length|size|shape)\s*[:=]?\s*$|"
    r"\b(?P<k>on|for|from|of|at|takes?|given|applied\s+to|fed\s+(?:with|to)|do(?:es)?\s+to|"
    r"passed\s+to|shrinks?|shrinking|reduces?|reducing|turns?|maps?|downsamples?|upsamples?|"
    r"splits?|halves|doubles|brings?)\s+(?:an?\s+|the\s+|one\s+|each\s+|its\s+)?(?:[\w'-]+[\s-]+){0,2}$",
    re.I,
)
_CLAIM_MARK = lazy_regex(
    r"\b(?:outputs?|results?|gives?|giving|yields?|produces?|producing|get|gets|becomes?|"
    r"returns?|to|into|is|are|has|so|that\s+is|leaves?|ends?\s+up\s+(?:with|at)|"
    r"comes?\s+out\s+(?:at|as))\b|\bi\.e\.|->|→|=|:",
    re.I,
)
# A size that is a setting, not a result: "receptive field of one output: 9 samples".
# Between the two sizes of a change: "64x64 to 62x62", "100 -> 50".
_CHANGE_TO = lazy_regex(
    r"\s*(?:to|into|->|\N{RIGHTWARDS ARROW}|becomes?|gives?)\s+(?:an?\s+)?(?=\(?\d)", re.I
)
_SETTING_MARK = lazy_regex(
    r"\b(?:receptive\s+field|effective|kernel|window|span|filter)\b"
    r"(?:(?!\b(?:produces?|gives?|yields?|returns?)\b)[^,;]){0,25}$",  # "each filter gives"
    re.I,
)
# What a dilated kernel reaches, even when counted in input steps: a setting, no input.
_SPAN_MARK = lazy_regex(
    r"\b(?:spans?|(?:spread|reach)\w*(?:\s+\S+){0,3}?\s+(?:over|across)|receptive\s+field|"
    r"effective\s+(?:extent|size|width|kernel))\b[^.;\n]{0,30}$",
    re.I,
)
# The axes a shape is written in, then its values: "C x T x H x W = ", "(N, C, L) = ".
_LAYOUT_EQUALS = lazy_regex(
    r"\(?\s*(?:[A-Z]\s*[x\N{MULTIPLICATION SIGN},]\s*){1,4}[A-Z]\s*\)?\s*=\s*$"
)
_INPUT_RIGHT = lazy_regex(
    r"\s*(?:[\w-]+\s+)?(?:inputs?|images?|tiles?|clips?|batch|photos?|pictures?|signals?|audio)\b",
    re.I,
)
# A result named by what the layer returns ("returns a sequence of 96 steps", "gives a map of
# 30x30"): the "of" is the result's, not an input's.
_RESULT_OF = lazy_regex(
    r"\b(?:returns?|gives?|yields?|produces?|outputs?|leaves?)\s+(?:an?\s+|the\s+)?"
    r"(?:[\w-]+\s+){1,2}of\s+$",
    re.I,
)
_CLAIM_CLAUSE = lazy_regex(r"\b(?:outputs?|results?)\b[^.\n]{0,30}$", re.I)
_STEP_COUNT = lazy_regex(
    r"(?<![\w.,\N{MULTIPLICATION SIGN}])(?P<v>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?![\w\N{MULTIPLICATION SIGN}]|[.,]\d)",
    re.I,
)
_INPUT_LENGTH = lazy_regex(r"\binput\s+length\s*$", re.I)
# The rest of a calculation after its first number, and its result: " - 3 + 1 = 62".
_CALCULATED = lazy_regex(
    r"(?:\s*[-+*/\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}]\s*\(?\s*\d+(?:,\d{3})*"
    r"\s*\)?)+\s*=\s*(?P<v>\d{1,3}(?:,\d{3})+|\d+)(?![\w.,]\d|\s*[-+*/(])"
)
_LENGTH_LABEL = lazy_regex(
    r"\b(?:length|steps|positions|frames|samples)(?:\s*(?:[:=]|\bis\b|\bof\b)\s*|-)$"
    # a length's symbol with an "out" subscript: "L_out = ", "$L_{\text{out}} =$"
    r"|\b[LNT][\s_{]*(?:text\s*)?\{?\s*out\s*\}*\s*=\s*$",
    re.I,
)
# A length written as the size of what the layer slides over: "a 256-tick window", "on a
# 500-token sequence" (the noun between counts the steps, whatever it is).
_COUNTED_SPAN = lazy_regex(
    r"\s*[- ][A-Za-z]+\s+(?:windows?|sequences?|signals?|series|segments?|contexts?)\b", re.I
)


@dataclass(frozen=True)
class _Layer:
    """What the formula needs: one value per role (``None`` where the library's default or
    several usual values apply)."""

    kind: str
    library: str
    kernel: tuple[int, ...] | None
    stride: tuple[int, ...] | None
    padding: tuple[int, ...] | str | None
    dilation: tuple[int, ...]
    output_padding: tuple[int, ...] | str
    ceil: str  # "true", "false" or ""
    filters: int | None
    dims: int | None


def _distinct(items: Sequence[Stated]) -> list[tuple[int, ...] | str]:
    seen: list[tuple[int, ...] | str] = []
    for item in items:
        value = item.values
        if value == "valid":
            value = (0,)
        if isinstance(value, tuple) and value and all(v == value[0] for v in value):
            value = value[:1]
        if value not in seen:
            seen.append(value)
    return seen


def _one(items: Sequence[Stated]) -> tuple[bool, tuple[int, ...] | str | None]:
    """(whether the role has at most one value, that value)."""
    values = _distinct(items)
    return len(values) <= 1, (values[0] if values else None)


def _library_default(item: Stated, library: str, kind: str) -> Stated:
    """A padding stated as "the default" read as the named library's own default (Flax pads
    convolutions 'SAME', every library pools unpadded), so that a note contrasting it with
    another padding has two paddings, not one."""
    if item.values != "default" or not library:
        return item
    value = "same" if library == "flax" and kind != "pool" else "valid"
    return Stated(item.role, value, item.start, item.end)


def _layer(setting: Setting) -> _Layer | None:
    """The one layer the setting describes, or None (several layers, or none)."""
    if len({*setting.calls}) > 1 or len(setting.libraries) > 1:
        return None
    kinds = setting.kinds
    if len(setting.call_kinds) == 1:
        kind = next(iter(setting.call_kinds))
    elif setting.call_kinds:
        return None
    elif "transposed" in kinds and "pool" in kinds:
        return None  # a pooling and a transposed layer
    elif "transposed" in kinds:
        kind = "transposed"
    elif "pool" in kinds and "conv" in kinds:
        return None  # a convolution and a pooling layer
    else:
        kind = "pool" if "pool" in kinds else "conv"
    library = next(iter(setting.libraries), "")
    roles = {}
    for role in ("kernel", "stride", "padding", "dilation", "filters"):
        items = setting.of(role)
        if role == "padding":
            items = [_library_default(item, library, kind) for item in items]
        single, value = _one(items)
        if not single:
            return None
        roles[role] = value
    output_paddings = [item for item in setting.of("output_padding") if item.values != "some"]
    single, output_padding = _one(output_paddings)
    if not single:
        return None
    if output_padding is None:
        output_padding = "some" if setting.of("output_padding") else ""  # not stated
    if output_padding == "none":
        output_padding = (0,)
    ceil_values = {item.values for item in setting.of("ceil")}
    if len(ceil_values) > 1:
        return None
    filters = roles["filters"]
    kernel = roles["kernel"]
    stride = roles["stride"]
    padding = roles["padding"]
    dilation = roles["dilation"]
    if isinstance(kernel, str) or isinstance(stride, str) or isinstance(dilation, str):
        return None
    if padding == "default":
        padding = None  # the default of no named library: the judge supplies the usual one
    if len(setting.dims) > 1:
        return None
    return _Layer(
        kind=kind,
        library=library,
        kernel=kernel,
        stride=stride,
        padding=padding,
        dilation=dilation or (1,),
        output_padding=output_padding,
        ceil=str(next(iter(ceil_values), "")),
        filters=filters[0] if isinstance(filters, tuple) and len(filters) == 1 else None,
        dims=next(iter(setting.dims), None),
    )


def _per_axis(value: tuple[int, ...] | None, axes: int) -> list[int] | None:
    if value is None:
        return None
    if len(value) == 1:
        return [value[0]] * axes
    if len(value) == axes:
        return list(value)
    return None


def _regular(n: int, k: int, s: int, p: int, d: int, ceil: bool) -> int | None:
    span = n + 2 * p - d * (k - 1) - 1
    if span < 0 or s <= 0:
        return None
    return (-(-span // s) if ceil else span // s) + 1


def _axis_outputs(layer: _Layer, n: int, axis: int, axes: int) -> set[int] | None:
    """Every output the conventions that may apply give along one axis; None when the setting
    lacks a quantity no default supplies."""
    stage_trace.note_setup(stage_trace.CONV)
    kernel = _per_axis(layer.kernel, axes)
    k = kernel[axis] if kernel else None
    if k is None and layer.kind == "pool" and layer.library == "keras":
        k = 2  # Keras pools 2 wide by default
    stated_stride = _per_axis(layer.stride, axes)
    if stated_stride is not None:
        strides = {stated_stride[axis]}
    elif layer.library and k is not None:
        pooled = layer.kind == "pool" and layer.library != "flax"
        strides = {k if pooled else 1}
    elif k is not None:
        strides = {1, 2, k}
    elif layer.kind == "pool":
        return None  # a pool's stride defaults to its unstated window
    else:
        strides = {1}
    padding = layer.padding
    if padding is None:
        if layer.library == "flax":
            padding = "valid" if layer.kind == "pool" else "same"
        elif layer.library or layer.kind == "pool":
            padding = (0,)
        else:
            return None  # a convolution described in prose needs its padding stated
    dilation = _per_axis(layer.dilation, axes)
    d = dilation[axis] if dilation else 1
    outputs: set[int] = set()
    for s in strides:
        if layer.kind == "transposed":
            found = _transposed(layer, n, k, s, padding, d, axis, axes)
            if found is None:
                return None
            outputs |= found
            continue
        if padding in ("same", "causal"):
            outputs.add(-(-n // s))
            continue
        paddings = _per_axis(padding if isinstance(padding, tuple) else None, axes)
        if paddings is None or k is None:
            return None
        ceils = {False}
        if layer.ceil == "true":
            ceils = {True}
        elif layer.kind == "pool" and not layer.library and layer.ceil != "false":
            ceils = {False, True}
        for ceil in ceils:
            out = _regular(n, k, s, paddings[axis], d, ceil)
            if out is not None:
                outputs.add(out)
                if ceil and (out - 1) * s >= n + paddings[axis]:
                    outputs.add(out - 1)  # PyTorch drops a last window starting in the padding
    return outputs


def _transposed(
    layer: _Layer,
    n: int,
    k: int | None,
    s: int,
    padding: tuple[int, ...] | str,
    d: int,
    axis: int,
    axes: int,
) -> set[int] | None:
    if k is None:
        return {n * s} if padding == "same" else None
    if layer.output_padding == "some":
        extras = set(range(max(s, 1)))
    else:
        stated = _per_axis(
            layer.output_padding if isinstance(layer.output_padding, tuple) else None, axes
        )
        extras = {stated[axis]} if stated else {0}
    outputs: set[int] = set()
    stated_extra = layer.output_padding != ""
    if padding == "same":
        outputs.add(n * s)
        if stated_extra:  # Keras with an output padding: (n - 1)s + k - 2(k // 2) + extra
            outputs |= {(n - 1) * s + k - 2 * (k // 2) + e for e in extras}
        return outputs
    paddings = _per_axis(padding if isinstance(padding, tuple) else None, axes)
    if paddings is None:
        return None
    p = paddings[axis]
    if layer.library in ("", "torch"):
        outputs |= {(n - 1) * s - 2 * p + d * (k - 1) + e + 1 for e in extras}
    if layer.library in ("", "keras", "flax") and p == 0:
        outputs.add(n * s + max(k - s, 0))
        if stated_extra:
            outputs |= {(n - 1) * s + k + e for e in extras}
    return outputs


# --------------------------------------------------------------------------- layouts


@dataclass(frozen=True)
class _Layout:
    spatial: tuple[int, ...]
    channel: int | None
    batch: int | None


def _layouts(count: int, dims: int, library: str, written_as_tuple: bool) -> list[_Layout]:
    first = not written_as_tuple or library in ("", "torch")
    last = not written_as_tuple or library in ("", "keras", "flax")
    found: list[_Layout] = []
    if count == dims:
        found.append(_Layout(tuple(range(dims)), None, None))
    elif count == dims + 1:
        if last:
            found.append(_Layout(tuple(range(dims)), dims, None))
        if first:
            found.append(_Layout(tuple(range(1, dims + 1)), 0, None))
    elif count == dims + 2:
        if last:
            found.append(_Layout(tuple(range(1, dims + 1)), dims + 1, 0))
        if first:
            found.append(_Layout(tuple(range(2, dims + 2)), 1, 0))
    if library == "torch":
        found.reverse()  # PyTorch's channels first: the reading a finding shows first
    return found


def _shown(outputs: Sequence[set[int] | None], spatial: Sequence[int]) -> str:
    """What the layer gives, per axis ("14x14", "16 or 17"), from what input."""
    axes = ["/".join(str(v) for v in sorted(found or ())) for found in outputs]
    given = "x".join(str(n) for n in spatial)
    return f"{'x'.join(axes)} from {given}"


def _explained(
    layer: _Layer, source: Stated, claim: Stated, text: str, equal_judged: bool = False
) -> tuple[bool | None, str]:
    """Whether some convention gives the claim from the input; None when it cannot be told
    (also when the claim repeats the input, unless ``equal_judged``: a table row's input is
    the row above, so a row that keeps the size claims it)."""
    given, said = source.values, claim.values
    if not isinstance(given, tuple) or not isinstance(said, tuple):
        return None, ""
    crossed = text[claim.start] != "(" and text[source.start] != "("  # "13x13", not a tuple
    if layer.dims:
        dims_options = [layer.dims]
    elif claim.role == "count" and source.role == "count":
        dims_options = [1]  # "180 samples" to "87 values": a length
    elif per_axis := [
        len(value)
        for value in (layer.kernel, layer.stride, layer.padding, layer.dilation)
        if isinstance(value, tuple) and len(value) > 1
    ]:
        dims_options = [max(per_axis)]  # a setting written per axis: "strides (1, 2, 2)"
    else:
        dims_options = [2, 3] if crossed else [1, 2, 3]
    judged = ""
    for dims in dims_options:
        for into, out in itertools.product(
            _layouts(len(given), dims, layer.library, text[source.start] == "("),
            _layouts(len(said), dims, layer.library, text[claim.start] == "("),
        ):
            spatial = [given[i] for i in into.spatial]
            claimed = [said[i] for i in out.spatial]
            if BATCH in spatial or BATCH in claimed:
                continue
            if spatial == claimed and layer.kind != "transposed" and not equal_judged:
                return None, ""  # the input restated, or a layer that keeps the size
            outputs = [_axis_outputs(layer, n, axis, dims) for axis, n in enumerate(spatial)]
            if any(found is None for found in outputs):
                continue
            judged = judged or _shown(outputs, spatial)
            if not all(
                value in found
                for value, found in zip(claimed, outputs, strict=True)
                if found is not None
            ):
                continue
            if out.channel is not None:
                expected = (
                    layer.filters
                    if layer.kind != "pool"
                    else (given[into.channel] if into.channel is not None else None)
                )
                if expected is not None and said[out.channel] != expected:
                    continue
            batches = (
                (said[out.batch], given[into.batch])
                if out.batch is not None and into.batch is not None
                else (BATCH, BATCH)
            )
            if BATCH not in batches and batches[0] != batches[1]:
                continue
            return True, ""
    return (False, judged) if judged else (None, "")


# --------------------------------------------------------------------------- claims


def _sentence(view: str, position: int, body: int) -> tuple[int, int]:
    starts = [m.end() for m in _BREAK.finditer(view, body, position)]
    start = starts[-1] if starts else body
    end_match = _BREAK.search(view, position)
    return start, end_match.start() if end_match else len(view)


def _closed_operand(line: str, position: int) -> bool:
    """Whether the word at ``position`` of ``line`` is an operand inside brackets closed
    before the line's end: "(input - effective kernel) / stride + 1 = 62" names the formula's
    operand, not the quantity the number after it is."""
    depth = line[:position].count("(") - line[:position].count(")")
    return depth > 0 and line[position:].count(")") >= depth


def _role_of_size(view: str, item: Stated, body: int, text: str = "") -> str:
    """ "input", "claim" or "" for a size by the words around it (and, given the note's
    ``text``, by the emphasis of a size that stands alone on its line)."""
    if _CHANGE_TO.match(view, item.end):
        return "input"  # "maps 64x64 to 62x62"
    column = _column_role(view, item, body)
    if column:
        return column  # a cell alone under an "in" header
    if text and _bare_answer(view, text, item, body):
        return "claim"
    line_start = max(view.rfind("\n", body, item.start) + 1, body)
    left = view[max(line_start, item.start - 45) : item.start]
    left = re.split(r"(?<!i\.e)(?<!e\.g)[.!?;](?=\s)", left)[-1]
    layout = _LAYOUT_EQUALS.search(left)
    if layout is not None:
        left = left[: layout.start()]  # "a clip of shape C x D x H x W = 3 x 16 x 112 x 112"
    line = view[line_start : item.start]

    def marks_setting(pattern: re.Pattern[str]) -> bool:
        found = pattern.search(left)
        return found is not None and not _closed_operand(
            line, len(line) - len(left) + found.start()
        )

    if marks_setting(_SPAN_MARK):
        return ""  # "a span of 4 x (3 - 1) + 1 = 9 input steps": the kernel's reach
    if _INPUT_RIGHT.match(view, item.end, min(len(view), item.end + 30)):
        return "input"
    if marks_setting(_SETTING_MARK):
        return ""
    if _CLAIM_CLAUSE.search(left) or _RESULT_OF.search(left):
        return "claim"
    marks = list(_INPUT_MARK.finditer(left))
    # a result's word inside the input's own words ("applied to", "padded to") is none
    after = (
        marks[-1].end("k") if marks and marks[-1].group("k") else (marks[-1].end() if marks else 0)
    )
    claims = [m.start() for m in _CLAIM_MARK.finditer(left) if not marks or m.start() >= after]
    if marks and not claims:
        return "input"
    return "claim" if claims else ""


# A table row and its cells; the header words of an input column. (A size alone under an
# output header is no claim of its own here: read that way, it gave a false error on a correct
# note of a batch nobody here has read, and caught none of its slips; session 19.)
_ROW_LINE = lazy_regex(r"^[ \t]*\|")
_RULE_LINE = lazy_regex(r"^[ \t]*\|?[ \t]*:?-{2,}")
_IN_HEADER = lazy_regex(r"^(?:[A-Za-z]\s)?\s*(?:in|inputs?(?:\s+(?:size|shape))?|before)$", re.I)


def _column_role(view: str, item: Stated, body: int) -> str:
    """ "input" for a size that fills a table cell under an input header ("in", "input",
    "before"), else ""."""
    line_start = view.rfind("\n", body, item.start) + 1
    line_end = view.find("\n", item.end)
    line = view[line_start : len(view) if line_end < 0 else line_end]
    if not _ROW_LINE.match(line):
        return ""
    left = view[line_start : item.start]
    right = view[item.end : len(view) if line_end < 0 else line_end]
    if not left.rstrip().endswith("|") or not right.lstrip().startswith("|"):
        return ""  # the size shares its cell with other words
    index = left.count("|")
    lines = view[body:line_start].split("\n")[:-1]
    header = None
    for above, following in zip(reversed(lines[:-1]), reversed(lines[1:]), strict=True):
        if not _ROW_LINE.match(above):
            break
        if _RULE_LINE.match(following):
            header = above
            break
    if header is None:
        return ""
    cells = header.split("|")
    if index >= len(cells):
        return ""
    return "input" if _IN_HEADER.match(" ".join(cells[index].split())) else ""


# A size alone on its line, bold or a cloze in the note's text: "- **31x31**", "{{c1::92}}".
_BARE_LEFT = lazy_regex(r"^[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?(?:\*\*|__|\{\{c\d+::)$")
_BARE_RIGHT = lazy_regex(r"^[.!]?(?:\*\*|__|\}\})[.!]?[ \t]*$")


def _bare_answer(view: str, text: str, item: Stated, body: int) -> bool:
    """Whether a size stands alone on its line as an emphasised answer (the text, not the
    view, says bold or cloze), right under the question or under a line that leads to it
    with a colon ("… applied to 64x64:")."""
    line_start = view.rfind("\n", body, item.start) + 1
    line_end = view.find("\n", item.end)
    if not (
        _BARE_LEFT.match(text[line_start : item.start])
        and _BARE_RIGHT.match(text[item.end : len(text) if line_end < 0 else line_end])
    ):
        return False
    above = [line for line in text[body:line_start].split("\n") if line.strip()]
    return bool(above) and (above[-1].rstrip().endswith(":") or above[-1].startswith("# "))


def _change_source(view: str, claim: Stated, pool: Sequence[Stated]) -> Stated | None:
    """The size a claim is written as the change of ("64x64 to 62x62", "20 -> 10")."""
    for item in pool:
        if item.end < claim.start and _CHANGE_TO.fullmatch(view, item.end, claim.start):
            return item
    return None


def _counts(
    view: str, start: int, end: int, body: int, taken: Sequence[tuple[int, int]] = ()
) -> list[Stated]:
    """1-D sizes: counts of steps, samples or positions, and values after a length label."""
    found = []
    for match in _STEP_COUNT.finditer(view, start, end):
        left = view[max(body, match.start() - 30) : match.start()]
        right = view[match.end() : match.end() + 30]
        unit = re.match(
            r"\s*\)?\s*(?:[\w-]+\s+)?(?:time[- ]?steps?|steps|samples|frames|positions|tokens|"
            r"outputs|windows|values)\b",
            right,
            re.I,
        )
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue  # a kernel, stride, padding or dilation
        if _SPAN_MARK.search(left):
            continue  # "spread over 5 input positions": the dilated kernel's reach, a setting
        labelled = _LENGTH_LABEL.search(left) or _INPUT_LENGTH.search(left)
        result = _CALCULATED.match(view, match.end(), end) if labelled else None
        if result is not None:
            # "output length is 64 - 3 + 1 = 62": the labelled calculation claims its result
            value = int(result.group("v").replace(",", ""))
            found.append(Stated("count", (value,), *result.span("v")))
        elif unit or labelled or _COUNTED_SPAN.match(view, match.end()):
            found.append(
                Stated("count", (int(match.group("v").replace(",", "")),), *match.span("v"))
            )
    return found


def _restates(longer: tuple[int, ...] | str, shorter: tuple[int, ...] | str) -> bool:
    """Whether a shape writes another one's values in order, with more axes around them."""
    if not isinstance(longer, tuple) or not isinstance(shorter, tuple):
        return False
    size = len(shorter)
    return len(longer) > size and any(
        longer[i : i + size] == shorter for i in range(len(longer) - size + 1)
    )


def _several_layers(view: str, scope: tuple[int, int], claim: Stated, body: int) -> bool:
    """Whether the scope speaks of several layers where it can bear on the claim: a remark
    after the claim's sentence that states no number ("the last row is then not covered")
    sets up no layer of its own."""
    own_end = _sentence(view, claim.start, body)[1]
    for match in _SEVERAL.finditer(view, *scope):
        if _THEN_ARITHMETIC.match(view, match.start()):
            continue  # "38.5 -> floor 38, then +1": a step of a calculation, not a layer
        if match.start() < own_end:
            return True
        sentence = _sentence(view, match.start(), body)
        if re.search(r"\d", view[sentence[0] : sentence[1]]):
            return True
    return False


def _judge_in(
    document: LintDocument, view: str, scope: tuple[int, int], claim: Stated, setting: Setting
) -> tuple[bool | None, str]:
    """The verdict of one scope on one claim: True (explained), False (wrong), None (the scope
    does not describe one layer completely)."""
    body = document.body_offset
    if _several_layers(view, scope, claim, body):
        return None, ""
    layer = _layer(setting)
    if layer is None:
        return None, ""
    one_d = claim.role == "count"
    pool = setting.of("count") if one_d else setting.of("size")
    own = _sentence(view, claim.start, body)
    source = _change_source(view, claim, pool)
    if source is not None:  # the claim is written as the change of one size
        return _explained(layer, source, claim, document.text)
    before = [item for item in pool if item.start < claim.start]
    roles = {item.start: _role_of_size(view, item, body, document.text) for item in before}
    # the input of the claim's own sentence first ("- 225 x 225 -> 113 x 113"), then the scope's
    for candidates in ([item for item in before if item.start >= own[0]], before):
        inputs = [item for item in candidates if roles[item.start] == "input"]
        unmarked = [item for item in candidates if roles[item.start] == ""]
        if not inputs and candidates is before and len({item.values for item in unmarked}) == 1:
            # no size is named as the input: the one size stated without a result's words is
            inputs = unmarked[:1]
        if inputs:
            break
    if not before and _bare_answer(view, document.text, claim, body):
        # the answer first ("**28x28.**"), the layer and its input explained after it: the one
        # input named after the claim is its input
        after = [
            item
            for item in pool
            if item.start > claim.end and _role_of_size(view, item, body) == "input"
        ]
        inputs = after[:1] if len({item.values for item in after}) == 1 else []
    # the input restated with its batch and channels ("i.e. shape (N, 3, 16, 112, 112)")
    inputs += [
        item
        for item in before
        if item not in inputs and any(_restates(item.values, known.values) for known in inputs)
    ]
    if not inputs or any(_restates(claim.values, known.values) for known in inputs):
        return None, ""
    verdicts: list[tuple[bool | None, str]] = []
    arities = {len(item.values) for item in inputs}
    chosen = [item for item in inputs if len(item.values) == len(claim.values)] or inputs
    if len({item.values for item in chosen}) > 1 and len(arities) == 1:
        return None, ""  # two inputs: two scenarios
    for source in chosen:
        verdicts.append(_explained(layer, source, claim, document.text))
    if any(verdict is True for verdict, _ in verdicts):
        return True, ""
    wrong = [shown for verdict, shown in verdicts if verdict is False]
    return (False, wrong[0]) if wrong else (None, "")


# Where the claim's clause ends: what follows it ("…, and max pooling then keeps one value")
# is a later step, not the claim's layer.
_CLAUSE_END = lazy_regex(r",\s+(?:and|then|which|while|so)\b|;|[.!?](?=\s)|\n[ \t]*\n")
_PARAGRAPH_START = lazy_regex(r"\n[ \t]*\n")


def _named_layer_verdict(
    document: LintDocument, view: str, claim: Stated, own: tuple[int, int]
) -> tuple[bool | None, str]:
    """A claim that names its layer ("Output of pool1: 8 x 56 x 56") judged by the one earlier
    sentence that sets that layer up ("pool1 uses kernel 1x2x2 and stride 1x2x2"), on the last
    size stated before that sentence (the layer before it gives it, "conv1 keeps 16x112x112")."""
    body = document.body_offset
    names = layer_names(view, own[0], claim.start)
    if len(names) != 1:
        return None, ""
    name = names.pop()
    set_up = {
        _sentence(view, match.start(), body)
        for match in LAYER_NAME.finditer(view, body, own[0])
        if match.group(0).lower() == name
    }
    set_up = {span for span in set_up if read_span(document, view, *span).of("kernel")}
    if len(set_up) != 1:
        return None, ""
    sentence = set_up.pop()
    setting = read_span(document, view, *sentence)
    if setting.of("size") or setting.of("count") or layer_names(view, *sentence) != {name}:
        return None, ""  # a size or another layer in the set-up: not the layer alone
    layer = _layer(setting)
    before = read_span(document, view, body, sentence[0]).of("size")
    if layer is None or not before:
        return None, ""
    source = max(before, key=lambda item: item.start)
    between = (_sentence(view, source.start, body)[1], sentence[0])
    if layer_names(view, *between) or read_span(document, view, *between).of("kernel"):
        return None, ""  # a layer between the stated size and the named one
    return _explained(layer, source, claim, document.text)


_SETTING_ROLES = frozenset(("kernel", "stride", "padding", "dilation", "ceil"))
# The words of a sentence that sets two scenarios side by side, neither hypothetical.
_COMPARING = frozenset(("vs", "versus", "compared"))
_CLAUSE_MARK = lazy_regex(r"[,:;?]\s|[,:;?]$")


def _compared_clauses(view: str, position: int, body: int) -> list[tuple[int, int]] | None:
    """The clauses around the comparison words of the sentence at ``position`` when it only
    compares scenarios ("kernel 3, stride 2: SAME vs VALID?", "output with the default padding
    vs. with 'same'"), else None (a hypothetical, a remedy, or no comparison)."""
    span = _sentence(view, position, body)
    words = list(_OTHER_SCENARIO.finditer(view, *span))
    clauses = []
    for word in words:
        if word.group(0).lower() not in _COMPARING:
            continue
        before = [m.end() for m in _CLAUSE_MARK.finditer(view, span[0], word.start())]
        after = _CLAUSE_MARK.search(view, word.end(), span[1])
        clauses.append((before[-1] if before else span[0], after.start() if after else span[1]))
    if not clauses or in_remedy(view, position, body):
        return None
    # another scenario word outside the compared clauses is a hypothetical of its own
    if any(not any(a <= m.start() < b for a, b in clauses) for m in words):
        return None
    return clauses


def _compared(view: str, item: Stated, body: int) -> bool:
    """Whether ``item`` stands in the clause around a comparison word: one of the values
    compared ("padding='same' vs 'valid'")."""
    clauses = _compared_clauses(view, item.start, body) or []
    return any(a <= item.start < b for a, b in clauses)


def _shared_by_comparison(view: str, item: Stated, body: int) -> bool:
    """Whether ``item`` belongs to a sentence that only compares scenarios and is not one of
    the values compared: every scenario shares it."""
    return _compared_clauses(view, item.start, body) is not None and not _compared(view, item, body)


def _roles_in(setting: Setting, span: tuple[int, int]) -> set[str]:
    return {
        item.role
        for item in setting.stated
        if item.role in _SETTING_ROLES and span[0] <= item.start < span[1]
    }


def _own_scenario_roles(view: str, setting: Setting, own: tuple[int, int], body: int) -> set[str]:
    """The settings a claim's own sentence names for a scenario of its own ("- VALID: (6, 63,
    63)", "with ``padding="same"`` it is 16x16"): roles it states while stating no input
    of its own (a sentence with its own input is a layer of its own, judged alone)."""
    roles = _roles_in(setting, own)
    sizes = [
        item
        for item in setting.stated
        if item.role in ("size", "count") and own[0] <= item.start < own[1]
    ]
    return roles if len(sizes) <= 1 else set()


def _other_scenario_value(
    view: str, setting: Setting, item: Stated, own_roles: set[str], body: int
) -> bool:
    """Whether ``item`` states another scenario's value of a role the claim's sentence names
    itself: a sibling sentence that sets no other role ("- SAME: (7, 64, 64)"), or the values
    a comparison sets side by side ("SAME vs VALID?")."""
    if item.role not in own_roles:
        return False
    span = _sentence(view, item.start, body)
    if _roles_in(setting, span) <= own_roles:
        return True
    listed = {
        other.values
        for other in setting.stated
        if other.role == item.role and span[0] <= other.start < span[1]
    }
    if len(listed) > 1:
        return True  # one sentence listing the scenarios' values ("for p=1 and p=0")
    return _compared(view, item, body)


def _this_scenario(view: str, setting: Setting, own: tuple[int, int], body: int) -> Setting:
    """The setting without what other scenarios' sentences set ("with ``ceil_mode=True`` you
    get 7x7 instead", "if the stride were 2"): a value of another scenario is no second value
    of the claim's layer. A role the claim's own sentence states for a scenario of its own is
    that sentence's alone ("- VALID: 6x63x63" under a heading asking "SAME vs VALID?")."""
    own_roles = _own_scenario_roles(view, setting, own, body)
    setting.stated = [
        item
        for item in setting.stated
        if item.role not in _SETTING_ROLES
        or own[0] <= item.start < own[1]
        or (
            not _other_scenario_value(view, setting, item, own_roles, body)
            and (
                not (
                    _OTHER_SCENARIO.search(view, *_sentence(view, item.start, body))
                    or in_remedy(view, item.start, body)
                )
                or _shared_by_comparison(view, item, body)
            )
        )
    ]
    return setting


def _scenario_line(note: Setting, own: tuple[int, int]) -> bool:
    """Whether a claim's own line sets a setting the note gives several values ("- p=0:"
    where the note also says "p=1"): the line is one of the note's scenarios."""
    for role in _roles_in(note, own):
        values = {item.values for item in note.of(role)}
        if len(values) > 1:
            return True
    return False


def _own_span(view: str, sentence: tuple[int, int]) -> tuple[int, int]:
    """Where a claim's own scenario is written: its sentence, or its whole row in a table (a
    row's cells state the row's settings)."""
    line_start = view.rfind("\n", 0, sentence[0]) + 1
    if not view[line_start : sentence[0]].lstrip().startswith("|"):
        return sentence
    line_end = view.find("\n", sentence[0])
    return line_start, len(view) if line_end < 0 else line_end


def _paragraph_up_to(view: str, claim: Stated, body: int) -> tuple[int, int]:
    """The claim's paragraph up to the end of the claim's clause: a layer set up in the
    sentences before the claim and judged without the steps written after it."""
    starts = [m.end() for m in _PARAGRAPH_START.finditer(view, body, claim.start)]
    end = _CLAUSE_END.search(view, claim.end)
    return (starts[-1] if starts else body), (end.start() if end else len(view))


def _complete(setting: Setting) -> bool:
    """Whether a part of the note states its layer's kernel, stride and padding itself (or
    calls the layer, whose library supplies the defaults): the heading may state the rest."""
    return bool(setting.calls) or all(setting.of(role) for role in ("kernel", "stride", "padding"))


_LAYER_CODE_WORD = lazy_regex(r"conv|pool|Output Shape", re.I)


def _single_code_call(document: LintDocument) -> tuple[int, int] | None:
    """The file span of the one code line that calls a conv or pooling layer, where no other
    code line of the note speaks of one (no model, no applied module, no shape comment)."""
    found: list[tuple[int, int]] = []
    for block in document.code_blocks:
        first = document.offset_of_line(block.first_line)
        lines = document.text[first:].split("\n")[: block.code.count("\n") + 1]
        offset = first
        for line in lines:
            if _LAYER_CODE_WORD.search(line):
                if "#" in line or not CALL.search(line):
                    return None  # a comment may claim a shape, a line may apply a module
                found.append((offset, offset + len(line)))
            offset += len(line) + 1
    return (
        found[0]
        if len(found) == 1 and len(list(CALL.finditer(document.text[slice(*found[0])]))) == 1
        else None
    )


def _call_arguments(text: str, start: int) -> bool:
    """Whether the bracket at ``start`` opens the argument list of a call (a name before it)."""
    return (
        text.startswith("(", start)
        and start > 0
        and (text[start - 1].isalnum() or text[start - 1] == "_")
    )


def setting_findings(document: LintDocument) -> Iterator[Finding]:
    """Claimed sizes of a one-layer note (or sentence) that no convention gives."""
    view = note_view(document)
    body = document.body_offset
    single = _single_code_call(document)
    if single is not None:
        # one layer call in code and the claims in prose: the call is the note's layer
        view = view[: single[0]] + document.text[single[0] : single[1]] + view[single[1] :]
    elif any(
        re.search(r"conv|pool|Output Shape", block.code, re.I) for block in document.code_blocks
    ):
        return  # layer sequences in code are followed by the code readers
    note = read_span(document, view, body, len(view))
    if not (note.of("kernel") or note.calls or note.of("padding")):
        return
    if (
        _DILATION_WORD.search(view, body)
        and not note.of("dilation")
        and not _NO_DILATION.search(view, body)
    ):
        return  # a dilation named but not read ("dilation rate d = 3") would be taken as none
    taken = [(item.start, item.end) for item in note.stated if item.role != "size"]
    for item in _counts(view, body, len(view), body, taken):
        note.stated.append(item)
    claims = [
        item
        for item in note.stated
        if item.role in ("size", "count")
        and _role_of_size(view, item, body, document.text) == "claim"
    ]
    # the settings a comparison sets side by side ("SAME vs VALID?"): each claim names its own
    compared = {
        item.role
        for item in note.stated
        if item.role in _SETTING_ROLES and _compared(view, item, body)
    }
    if stage_trace.on():
        for item in note.stated:  # one layer's settings: a set-up of the output sizes
            if item.role in ("kernel", "input"):
                stage_trace.record("setup", stage_trace.CONV, item.start, document=document)
    for claim in claims:
        stage_trace.record("claim", stage_trace.CONV, claim.start, document=document)
        if _call_arguments(document.text, claim.start):
            continue  # "nn.MaxPool2d(3, 2, 1)": a call's arguments, not a size
        sentence = _sentence(view, claim.start, body)
        if _OTHER_SCENARIO.search(view, sentence[0], claim.end) or any(
            match.group(0).lower() != "not"
            for match in _OTHER_SCENARIO.finditer(view, claim.end, sentence[1])
        ):
            continue  # a "not" after the claim negates something else ("…, not exactly 2x")
        if REPEATED_LAYER.search(view, sentence[0], claim.start):
            continue  # "a second one gives 3x3": the size after the layer is applied again
        if calls_another(document.text, sentence):
            continue  # "`torch.stft(…)` returns 101 frames": that call's result, not the layer's
        own = _own_span(view, sentence)
        if compared - _roles_in(read_span(document, view, *own), own):
            continue  # the note compares a setting this claim's own line does not name
        verdict: bool | None = None
        paragraph = _paragraph_up_to(view, claim, body)
        # the claim's sentence up to its clause's end: "…, which then feeds the decoder" is a
        # later step, not a second layer of the claim's own
        clause = (sentence[0], min(sentence[1], paragraph[1]))
        # a line of one of the note's scenarios ("- p=0: 24x89x159"): judged on the note up
        # to its clause, remarks after it ("odd sizes then break the skip-add on the way back
        # up") being later steps, not layers of the claim's own
        so_far = (body, clause[1])
        # (each scope with whether it must state its layer completely: the whole note need
        # not, even where a claim on its last line makes it span what the partial ones span)
        scopes = [(clause, False), (paragraph, True), ((body, len(view)), False)]
        if _scenario_line(note, own):
            scopes.insert(2, (so_far, True))
        for scope, partial in scopes:
            setting = _this_scenario(view, read_span(document, view, *scope), own, body)
            if (partial or scope == paragraph) and not _complete(setting):
                continue
            if claim.role == "count":
                setting.stated += _counts(view, scope[0], scope[1], body, taken)
            verdict, shown = _judge_in(document, view, scope, claim, setting)
            if verdict is not None:
                break
        if verdict is None and claim.role == "size":
            verdict, shown = _named_layer_verdict(document, view, claim, sentence)
        if verdict is True:
            reason = "another convention accepted"  # some convention or layout gives it
            stage_trace.judged(stage_trace.CONV, claim.start, reason, document)
        if verdict is False:
            said = " ".join(document.text[claim.start : claim.end].split())
            yield Finding(
                claim.start,
                claim.end,
                f"the one layer this note describes gives {shown}, not {said}: no convention "
                "(floor or ceil, the library's defaults, channels first or last) gives the "
                "stated result from the stated input, kernel, stride and padding",
            )
