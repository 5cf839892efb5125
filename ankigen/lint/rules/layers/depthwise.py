"""AG104 for depthwise and depthwise-separable convolutions, whose parameters follow their own
formulas: a depthwise convolution with a k_h x k_w kernel over C channels and depth multiplier M
has k_h·k_w·C·M weights and C·M biases; a separable one adds a 1x1 pointwise convolution to F
filters (C·M·F weights, F biases). A sentence with one parameter count that names such a layer
(``DepthwiseConv2D(3)``, "a 3x3 depthwise convolution", ``SeparableConv2D(64, 3)``) is checked
when its kernel and channels are stated in it, its paragraph or the question. A PyTorch
convolution in g groups (``nn.Conv2d(C, F, k, groups=g)``) has (k_h·k_w·C/g + 1)·F."""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.quantities import NO_BIAS, Quantity, distinct, find, parse_total
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.scope import layer_blocks, question_elsewhere, sentence_scopes

_NAMES = lazy_regex(
    r"\b(?:Depthwise|Separable)Conv[12]D\b|\bdepth-?wise\b|\bseparable\s+conv|\bgroups\s*=",
    re.IGNORECASE,
)
_DEPTHWISE = lazy_regex(
    r"\b(?:Depthwise|Separable)Conv[12]D\b|\bdepth-?wise\b|\bseparable\s+conv", re.IGNORECASE
)
# A PyTorch convolution split into groups: ``nn.Conv2d(32, 32, 3, groups=32)``.
_GROUPED = lazy_regex(r"\bConv(?P<dims>[12])d\((?P<args>[^()]*\bgroups\s*=[^()]*)\)")
_SEPARABLE = lazy_regex(r"\bSeparableConv[12]D\b|\bseparable\b|\bpoint-?wise\b", re.IGNORECASE)
_CALL = lazy_regex(r"\b(?P<name>Depthwise|Separable)Conv(?P<dims>[12])D\((?P<args>[^()]*)\)")
_MULTIPLIER = lazy_regex(
    r"\bdepth[_ ]multiplier\s*(?:=|:|of|is)?\s*(?P<value>\d+)\b", re.IGNORECASE
)
_CHANNELS = lazy_regex(
    r"\b(?:on|over|for|across|with|of|has|have|takes?)\s+(?:an?\s+|the\s+|its\s+)?"
    r"(?:input\s+(?:with\s+|of\s+)?)?(?P<value>\d{1,3}(?:,\d{3})+|\d+)\s+(?:input\s+)?"
    r"channels\b",
    re.IGNORECASE,
)
# A count said to be one group's: "2,304 weights per group", "each group holds 2,304".
_PER_GROUP = lazy_regex(r"\b(?:per|each|one|every|a\s+single)\s+group\b", re.IGNORECASE)
_BIAS = lazy_regex(r"\bbias(?:es)?\b|\buse_bias\s*[=:]\s*True\b", re.IGNORECASE)
# A sentence that compares the layer with another one: its count may be the other's.
_COMPARES = lazy_regex(
    r"\b(?:standard|regular|ordinary|normal|plain|full|vanilla|instead|compared?|versus|vs|"
    r"than|whereas|while|saves?|saving|reduc\w*|per\s+(?:filter|channel\s+(?:weights|params)))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Layer:
    """What the note states of one depthwise or separable convolution."""

    kernel: tuple[int, ...]
    channels: int
    multiplier: int
    filters: int | None  # the pointwise filters of a separable convolution
    bias: bool | None  # None: the note does not say

    def kernel_fields(self) -> tuple[tuple[int, ...], int, int, int | None]:
        return self.kernel, self.channels, self.multiplier, self.filters

    def counts(self) -> list[tuple[int, str]]:
        """Every count a reading of the note makes right, with its calculation; the first is
        the libraries' default (Keras and PyTorch: with biases)."""
        size = 1
        for side in self.kernel:
            size *= side
        kernel = f" {TIMES} ".join(map(str, self.kernel))
        mult = f" {TIMES} {self.multiplier}" if self.multiplier != 1 else ""
        depth = self.channels * self.multiplier
        weights = size * depth
        how = f"{kernel} {TIMES} {self.channels}{mult}"
        options: list[tuple[int, str]] = []
        if self.filters is None:
            if self.bias is not False:
                options.append(
                    (weights + depth, f"{how} + {depth:,} = {weights + depth:,} parameters")
                )
            if self.bias is not True:
                options.append((weights, f"{how} = {weights:,} parameters without biases"))
            return options
        pointwise = depth * self.filters
        both = weights + pointwise
        how = f"{how} (depthwise) + {depth:,} {TIMES} {self.filters} (pointwise)"
        if self.bias is not False:
            total = both + self.filters
            options.append((total, f"{how} + {self.filters} = {total:,} parameters"))
            options.append(
                (total + depth, f"{how} + {depth + self.filters:,} = {total + depth:,} parameters")
            )
        if self.bias is not True:
            options.append((both, f"{how} = {both:,} parameters without biases"))
        return options


def depthwise_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    if not _NAMES.search(prose, document.body_offset):
        return
    blocks = layer_blocks(document)
    for start, end, block_start, block_end in sentence_scopes(document, _NAMES, True):
        totals = list(find("total", prose, start, end))
        if len(totals) != 1 or _COMPARES.search(prose, start, end):
            continue
        question = question_elsewhere(document, block_start, block_end)
        scopes = [(start, end), (block_start, block_end)] + ([question] if question else [])
        if not _NAMES.search(prose, start, end) and not _only_in_question(prose, blocks, question):
            continue  # the count's sentence, or the question alone, must name the layer
        grouped = _one_match(_GROUPED, prose, scopes)
        if grouped is not None:
            per_group = _PER_GROUP.search(prose, start, end) is not None
            finding = _grouped_check(grouped, totals[0], per_group)
        elif not any(_DEPTHWISE.search(prose, *scope) for scope in scopes):
            continue  # "groups=2" in prose, with no call: a grouped conv, not a depthwise one
        else:
            layer = _layer(prose, scopes)
            finding = _check(layer, totals[0]) if layer is not None else None
        if finding is not None:
            yield finding


def _only_in_question(
    prose: str, blocks: list[tuple[int, int]], question: tuple[int, int] | None
) -> bool:
    """Whether the question names the layer and no paragraph of the answer names one."""
    if question is None or not _NAMES.search(prose, *question):
        return False
    return not any(_NAMES.search(prose, *block) for block in blocks if block[0] > question[1])


def _grouped_check(call: re.Match[str], total: Quantity, per_group: bool) -> Finding | None:
    """``nn.Conv2d(C, F, k, groups=g)``: each filter sees C / g channels, (k·k·C/g + 1)·F."""
    arguments = _call_arguments(call)
    stated = parse_total(total.text)
    if arguments is None or stated is None:
        return None
    channels, filters = (
        arguments.get("in_channels", arguments.get("0")),
        arguments.get("out_channels", arguments.get("1")),
    )
    groups, bias = arguments.get("groups"), arguments.get("bias", True)
    kernel = _torch_kernel(arguments.get("kernel_size", arguments.get("2")), int(call["dims"]))
    numbers = (channels, filters, groups)
    if kernel is None or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        return None
    assert isinstance(channels, int) and isinstance(filters, int) and isinstance(groups, int)
    if not isinstance(bias, bool) or groups < 1 or channels % groups or filters % groups:
        return None
    size = math.prod(kernel)
    weights = size * (channels // groups) * filters
    options = [weights + filters] if bias else [weights]
    if bias and total.mode == "weights":
        options.append(weights)  # a count of weights may leave the biases out
    if per_group:  # "2,304 weights per group": one group's share of the layer
        options += [option // groups for option in options]
    value, unit = stated
    if any(abs(option - value) <= unit // 2 for option in options):
        return None
    shape = f" {TIMES} ".join(map(str, kernel))
    plus = " + 1" if bias else ""
    how = f"({shape} {TIMES} {channels}/{groups}{plus}) {TIMES} {filters} = {options[0]:,}"
    return Finding(
        total.start,
        total.end,
        f"a convolution in {groups} groups has {how} parameters, not {total.text}: "
        "correct the count",
    )


def _torch_kernel(value: object, dims: int) -> tuple[int, ...] | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * dims
    if isinstance(value, tuple) and len(value) == dims and all(isinstance(v, int) for v in value):
        return tuple(int(v) for v in value)
    return None


def _check(layer: _Layer, total: Quantity) -> Finding | None:
    stated = parse_total(total.text)
    if stated is None:
        return None
    value, unit = stated
    options = layer.counts()
    allowed = [option for option, _how in options]
    if total.mode == "weights" and layer.bias is not False:
        # "576 weights, plus 64 biases = 640": a count of weights leaves the biases out
        allowed += [_Layer(*layer.kernel_fields(), False).counts()[0][0]]
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    how = options[0][1]
    what = "separable" if layer.filters is not None else "depthwise"
    return Finding(
        total.start,
        total.end,
        f"a {what} convolution has {how}, not {total.text}: correct the count",
    )


def _layer(prose: str, scopes: list[tuple[int, int]]) -> _Layer | None:
    call = _one_match(_CALL, prose, scopes)
    arguments = _call_arguments(call) if call is not None else None
    if call is not None and arguments is None:
        return None
    separable = (
        call.group("name") == "Separable"
        if call is not None
        else any(_SEPARABLE.search(prose, *scope) for scope in scopes[:1])
    )
    kernel = _call_kernel(call, arguments) if call is not None and arguments else None
    if kernel is None:
        found = _one_quantity("kernel", prose, scopes, _plausible_kernel)
        kernel = found.values if found is not None and found.values else None
    channels = _channels(prose, scopes)
    if kernel is None or channels is None or len(kernel) > 2:
        return None
    multiplier = arguments.get("depth_multiplier", 1) if arguments is not None else 1
    if arguments is None or "depth_multiplier" not in arguments:
        stated = _one_match(_MULTIPLIER, prose, scopes)
        multiplier = int(stated.group("value")) if stated is not None else 1
    if not isinstance(multiplier, int) or isinstance(multiplier, bool) or multiplier < 1:
        return None
    filters = None
    if separable:
        filters = _separable_filters(prose, scopes, arguments)
        if filters is None:
            return None
    return _Layer(kernel, channels, multiplier, filters, _bias(prose, scopes, arguments))


def _one_match(
    pattern: re.Pattern[str], prose: str, scopes: list[tuple[int, int]]
) -> re.Match[str] | None:
    """The one match in the first scope that has any; None when it is written differently
    twice there."""
    for scope in scopes:
        found = list(pattern.finditer(prose, *scope))
        if found:
            return found[0] if len({match.group(0) for match in found}) == 1 else None
    return None


def _one_quantity(
    kind: str,
    prose: str,
    scopes: list[tuple[int, int]],
    keep: Callable[[Quantity], bool] = lambda quantity: True,
) -> Quantity | None:
    """The quantity of the first scope that names one (that ``keep`` accepts); None when it
    has two values there."""
    for scope in scopes:
        found = [quantity for quantity in find(kind, prose, *scope) if keep(quantity)]
        if found:
            return distinct(found)
    return None


# A depthwise kernel is a few taps on a side: "64 x 64 = 4,096" in a pointwise line is a
# product of channels, not a kernel of 64 x 64.
_LARGEST_KERNEL_SIDE = 31


def _plausible_kernel(quantity: Quantity) -> bool:
    return all(0 < side <= _LARGEST_KERNEL_SIDE for side in quantity.values)


def _call_arguments(call: re.Match[str]) -> dict[str, object] | None:
    """A call's literal arguments: positions as "0", "1", keywords by name."""
    try:
        parsed = ast.parse(f"f({call.group('args')})", mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(parsed, ast.Call):
        return None
    arguments: dict[str, object] = {}
    try:
        for index, node in enumerate(parsed.args):
            arguments[str(index)] = ast.literal_eval(node)
        for keyword in parsed.keywords:
            if keyword.arg is not None:
                arguments[keyword.arg] = ast.literal_eval(keyword.value)
    except ValueError:
        return None
    return arguments


def _call_kernel(call: re.Match[str], arguments: dict[str, object]) -> tuple[int, ...] | None:
    position = "0" if call.group("name") == "Depthwise" else "1"
    value = arguments.get("kernel_size", arguments.get(position))
    dims = int(call.group("dims"))
    if isinstance(value, int) and not isinstance(value, bool):
        return (value,) * dims
    if isinstance(value, tuple) and len(value) == dims and all(isinstance(v, int) for v in value):
        return tuple(int(v) for v in value)
    return None


def _channels(prose: str, scopes: list[tuple[int, int]]) -> int | None:
    for scope in scopes:
        found = {q.values for q in find("in_channels", prose, *scope) if len(q.values) == 1}
        found |= {
            (int(m.group("value").replace(",", "")),) for m in _CHANNELS.finditer(prose, *scope)
        }
        if found:
            return found.pop()[0] if len(found) == 1 else None
    return None


def _separable_filters(
    prose: str, scopes: list[tuple[int, int]], arguments: dict[str, object] | None
) -> int | None:
    if arguments is not None:
        value = arguments.get("filters", arguments.get("0"))
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    found = _one_quantity("filters", prose, scopes)
    if found is not None and len(found.values) == 1:
        return found.values[0]
    return None


def _bias(
    prose: str, scopes: list[tuple[int, int]], arguments: dict[str, object] | None
) -> bool | None:
    if arguments is not None and isinstance(arguments.get("use_bias"), bool):
        return bool(arguments["use_bias"])
    if any(NO_BIAS.search(prose, *scope) for scope in scopes):
        return False
    if any(_BIAS.search(prose, *scope) for scope in scopes):
        return True
    return None
