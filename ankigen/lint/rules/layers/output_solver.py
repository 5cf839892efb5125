"""AG103's fallback: a stated conv/pool output that NO reading of the note's numbers explains.

The phrase readings of ``output_size`` need a sentence's grammar to bind each quantity; this
module does not. Every number of the note gets candidate roles from a few words around it
(its noun, its label, its keyword in a layer call), never from the sentence's structure:
input size, kernel, stride, padding, dilation, or a claimed output. Each claimed output is
then checked against every assignment of the stated candidates (and the libraries' documented
defaults) to the formula ⌊(n + 2p - d(k - 1) - 1) / s⌋ + 1, ⌈n / s⌉ for "same" padding, and
⌈…⌉ where the note lets pooling round up. A claim is reported only when an assignment exists
and none of them, over every candidate of the note, gives the claimed size: so a note that
states more scenarios only makes the check more lenient, never wrong. Anything the formula
does not describe (transposed layers, upsampling, adaptive or global pooling, hedged or
negated claims, several layers without their intermediate sizes) keeps it silent.
"""

from __future__ import annotations

import ast
import io
import itertools
import re
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import TypeVar

from ankigen.lint import stage_trace
from ankigen.lint.arith.quantities import UPSAMPLING, parse_values
from ankigen.lint.claims.wording import EXPLANATION
from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.grounds import grounded
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.layers.axis_settings import (
    anisotropic,
    axis_orders,
    axis_outputs,
    open_paddings,
)
from ankigen.lint.rules.layers.scope import FOLLOWING_STEP, layer_prose
from ankigen.lint.rules.layers.setting_reader import layer_names

# A size: "224", "16,000", "224x224", "28 * 28 * 1" (also with the multiplication sign),
# "224 by 224"; or a shape tuple.
_N = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
_CROSS = r"(?:\s*[xX\N{MULTIPLICATION SIGN}*]\s*|\s+by\s+)"
_SIZE = lazy_regex(
    rf"(?<![\w.,/$])(?<![\d\s(]-)(?:{_N}(?:{_CROSS}{_N}){{0,3}}"
    r"|\(\s*(?:None|N|B|\d+)(?:\s*,\s*(?:None|\d+)){1,4}\s*,?\s*\))"
    r"(?![\w%]|[.,]\d|\s*(?:ms|kHz|Hz|GB|MB|KB|%|s\b|sec|seconds|epochs?|years?|bits?|fps)\b)"
)

# Layer calls, in inline code or code blocks: their arguments are read with ``ast``.
_CALL = lazy_regex(
    r"\b(?:[\w.]+\.)?(?P<name>Conv[123][dD]|(?<=nn\.)Conv|DepthwiseConv2D|SeparableConv[12]D|"
    r"MaxPool(?:ing)?[123][dD]|AvgPool[123][dD]|"
    r"AveragePooling[123]D|max_pool[123]?d?|avg_pool[123]?d?)\s*\("
)

# Words that make a note one the formula does not describe: its sizes grow or are fixed.
_OTHER_FORMULA = GatedPattern(
    # (a tensor's ``.transpose(1, 2)`` swaps axes: no transposed layer)
    rf"(?<!\.){UPSAMPLING.pattern}|ConvTranspose|Conv[123]DTranspose|unpool|pixel[ _-]?shuffle|"
    r"space[ _-]to[ _-]depth|patch[ _-]merg|im2col|receptive",
    re.I,
)
_LAYER_WORD = lazy_regex(r"conv|pool|kernel|stride|patch|filter|window", re.I)
# A table row about a block or stage of several layers ("| block 2 (pool) | 56x56 |").
_BLOCK_ROW = lazy_regex(r"\b(?:blocks?|stages?)\b", re.I)
_POOL_WORD = lazy_regex(r"pool|sub-?sampl", re.I)
_CONV_WORD = lazy_regex(r"conv|kernel|filter|patch", re.I)
_FLOOR = lazy_regex(r"ceil_mode\s*=\s*False|round(?:s|ed|ing)?\s+down|floor", re.I)
_CEIL = lazy_regex(r"ceil(?!_mode\s*=\s*False)|round(?:s|ed|ing)?\s+up|caffe", re.I)

# Roles from the words just before a number ("stride of 2", "kernel_size=5", "p = 1").
_BEFORE = 40
_AFTER = 30
_STRIDE_LEFT = lazy_regex(
    r"(?:\bstrides?|\bhops?(?:[ _]length)?|\bs)\s*(?:of|=|:|is|\(|-)?\s*$", re.I
)
_PAD_LEFT = lazy_regex(
    r"(?:\bpadding|\bpad(?:ded)?(?:\s+by)?|\bp|\bpad(?:s|ded)?\b[^.;\n]{0,30}\bby)"
    r"\s*(?:of|=|:|is|\(|-)?\s*$",
    re.I,
)
_DILATION_LEFT = lazy_regex(
    r"(?:\bdilation(?:[ _]rate)?|\bdilated\s+by|\bd)\s*(?:of|=|:|is)?\s*$", re.I
)
_KERNEL_LEFT = lazy_regex(
    r"(?:\bkernel(?:[ _]size)?|\bfilter[ _]size|\bpool(?:ing)?[ _]?size|\bwindow(?:[ _]size)?|"
    r"\bpatch(?:[ _]size)?|\bpatches\s+of|\bwidth|\bk|"
    r"\b(?:kernels?|filters?|windows?)(?:\s+of)?(?:\s+(?:size|length|width))?|\bconv\w*|\bpool\w*)"
    r"\s*(?:of|=|:|is|\(|,)?\s*$",
    re.I,
)
# "a window-4 pool": a kernel joined to its size by a hyphen (not "conv-5", a layer's name)
_KERNEL_HYPHEN = lazy_regex(r"\b(?:kernel|window|filter|patch)-$", re.I)
_STRIDE_RIGHT = lazy_regex(r"^\s*-?\s*strides?\b", re.I)
# "(3x3, stride 2)", "3x3 with stride 2": a small window followed by its stride or padding.
_SETTINGS_RIGHT = lazy_regex(r"^\s*[,(]?\s*(?:with\s+)?(?:strides?|padding|pad)\b", re.I)
_KERNEL_RIGHT = lazy_regex(
    r"^[\s-]*(?:(?:(?!(?:of|grid|map|feature|output|input|image|and|or|then|the|to|from|into|"
    r"with|on|in|at|by|for|is|are|it|its|after|before|a|an)\b)[\w-]+\s+){0,2}?)"
    r"(?:conv\w*|kernels?|filters?|window\b|(?:max|avg|average|mean)?[- ]?pool\w*|"
    r"sub-?sampl\w*|patch(?:es)?(?!\s+(?:tokens|embeddings?|grid|of)\b))\b",
    re.I,
)
# A count of things that is no size: filters, channels, classes, units …
_COUNT_RIGHT = lazy_regex(
    r"^\s*(?:output\s+|input\s+)?(?:filters|kernels|channels|(?:feature|activation)[- ]maps|"
    r"classes|features|units|neurons|parameters|params|weights|layers|heads|dimensions|dims|"
    r"values|numbers|multipl\w*|operations|ops|images|examples|batches|bytes)\b",
    re.I,
)
_INPUT_LEFT = lazy_regex(r"\binputs?(?:\s+\w+)?\s*(?:is|=|:|of)\s*(?:an?|the)?\s*$", re.I)
_INPUT_RIGHT = lazy_regex(r"^\s*(?:[\w-]+\s+)?(?:input|inputs|image|images|photo|picture)\b", re.I)
# "112x112 (from 224x224)", "down to 28 from 56": the size a layer starts from is its input
_FROM_LEFT = lazy_regex(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.I)

# A claimed output: a verb or label of result just before the size, or "output" just after.
_CLAIM_LEFT = lazy_regex(
    r"(?:\b(?:gives?|giving|gave|yields?|yielding|produces?|producing|outputs?|returns?|"
    r"returning|becomes?|becoming|leaves|leaving|gets?|getting|results?\s+in|resulting\s+in|"
    r"stays?(?:\s+at)?|remains?(?:\s+at)?|keeps?\s+(?:it|them|the\s+\w+)\s+at|"
    r"shrinks?(?:\s+(?:it|them|the\s+[\w ]{1,30}?))?\s+to|"
    r"reduces?\s+(?:it|them|the\s+[\w ]{1,30}?)\s+to|"
    r"halves?\s+(?:it|them|the\s+[\w ]{1,30}?)\s+to|(?:in)?to|"
    r"(?:output|result|resulting|(?:feature\s+|activation\s+)?map)"
    r"(?:\s+(?:size|shape|length|map|width|height|volume|resolution))?"
    r"\s*(?:is|=|:|becomes|will\s+be)|we\s+get|you\s+get|"
    # "returns a sequence of length 33", "an output of length 48"
    r"(?:gives?|returns?|yields?|produces?|outputs?)\s+(?:an?\s+)?(?:\w+\s+)?(?:of\s+)?length"
    r"(?:\s+of)?|output\s+(?:of\s+)?length(?:\s+of)?|"
    r"comes?\s+out(?:\s+(?:with\s+(?:a\s+)?(?:length|size|shape)(?:\s+of)?|at|as))?|"
    r"ends?\s+up(?:\s+(?:at|as|with))?|(?:is|are)\s+(?:reduced|shrunk|downsampled|cut)\s+to|"
    # "`x` has shape (None, 96, 128)" after a layer call; never an input's shape
    r"(?<!input\s)(?<!inputs\s)(?<!image\s)(?<!input`\s)(?<!inputs`\s)has\s+(?:the\s+)?shape)"
    r"|->|\N{RIGHTWARDS ARROW}|=>"
    # "- `nn.MaxPool2d(2)`: 3x3": a listed layer call and its result
    r"|\)`?\s*:)"
    r"\s*(?:an?|the|only|just)?\s*$",
    re.I,
)
# "slides over 97 positions", "fits in 27 positions along each axis"
_SLIDE_LEFT = lazy_regex(r"\b(?:slides?|fits?|visits?)\s+(?:over|in|into|at)?\s*$", re.I)
_POSITIONS_RIGHT = lazy_regex(r"^\s*(?:positions|locations|places|offsets)\b", re.I)
# A result written before its layer: "21x21x32 is what the first layer gives", "… comes out
# of the pooling", "a 12x12 volume is produced by the 5x5 filters", "… is the output of conv2".
_RESULT_FIRST = lazy_regex(
    r"^[*_]*\s*(?:(?:feature\s+)?(?:maps?|volumes?|outputs?|grids?|tensors?)[*_]*\s+"
    # a length counted in its items: "61 values is what … leaves"
    r"|(?:values|elements|samples|frames|positions|steps|tokens)[*_]*\s+)?"
    r"(?:(?:is|are)\s+(?:exactly\s+)?what\s+[^.;:\n]{1,60}?\b"
    r"(?:gives?|produces?|outputs?|returns?|yields?|leaves?|makes?)\b"
    r"|(?:is|are)\s+(?:the\s+)?(?:output|result)\s+(?:size\s+|shape\s+)?of\b"
    r"|(?:is|are)\s+(?:produced|given|returned|output|left)\s+by\b"
    r"|comes?\s+out\s+of\b)",
    re.I,
)
# "a 44x44 output", but not "… 50 outputs length 48" (a verb)
_CLAIM_RIGHT = lazy_regex(r"^\s*(?:output\b|outputs(?=\s*[.,;:)]))", re.I)
# 1-D results are counted in these.
_STEP_NOUN = lazy_regex(
    r"^\s*(?:(?:output|time|patch)\s+)?(?:frames|positions|steps|samples|tokens|patches|"
    r"windows|outputs|elements|pixels|values\s+long|long)\b",
    re.I,
)
# Size changes that are no layer's output: resizing, cropping, explicit padding, flattening.
_NOT_LAYER_RESULT = lazy_regex(
    r"\b(?:resiz\w*|crop\w*|rescal\w*|reshap\w*|padded|pads|flatten\w*|interpolat\w*|"
    r"upscal\w*|scaled|set|fixed|truncat\w*)\b[^.;\n]{0,25}$",
    re.I,
)
# A line about another layer, or about parameters: its sizes follow other formulas.
_OTHER_LAYER = lazy_regex(
    r"\b(?:dense|linear|flatten\w*|global\w*|adaptive\w*|lstm|gru|rnn|embedding\s+layer|attention|"
    r"param\w*|weights|bias(?:es)?)\b|Global\w*Pool|Adaptive\w*Pool|\bEmbedding\s*\(",
    re.I,
)
# An explicit padding step: the padded size is no layer's output.
_PADDED = lazy_regex(
    r"\bpad(?:s|ded)?\s+(?:(?:it|them|the\s+[\w ]{1,20}?|each\s+side)\s+)?(?:to|by|with)\b|"
    r"\bzero-padded|\bZeroPad",
    re.I,
)
# A claim the note does not make as its own: hedged, negated, hypothetical, or an error.
_HEDGED = lazy_regex(
    r"\b(?:about|roughly|approximately|around|nearly|almost|approx|at\s+most|at\s+least|"
    r"up\s+to|e\.g|not|never|no\s+longer|instead|rather\s+than|n't|would\s+be|"
    r"wrong\w*|incorrect\w*|mistak\w*|typo|erroneous\w*|naive\w*|claims?|suppose|if|"
    r"adaptive\w*|global\w*|dense|linear|fully|lstm|gru|rnn|embedding\s+layer|attention|"
    r"flatten\w*|upsampl\w*|transpose\w*)\b|~|\N{ALMOST EQUAL TO}",
    re.I,
)
# A tensor's axes moved, merged or reduced (in code spans too): no layer's output.
_TENSOR_METHOD = lazy_regex(
    r"\.(?:transpose|permute|view|reshape|flatten|squeeze|unsqueeze|amax|max|mean|sum)\("
)
_LETTER_BATCH = lazy_regex(r"\(\s*[NB]\b")
_CLAUSE_BREAK = lazy_regex(r"[;.!?](?:\s|$)|\bthen\b", re.I)
_YES_NO = lazy_regex(r"\s*(?:does|do|is|are|can|could|would|will|should|did)\b", re.I)
# A note that stacks layers without stating what is between them.
_SEVERAL = lazy_regex(
    r"\b(?:two|three|four|five|several|stack\w*|twice|successive|consecutive|repeated|"
    r"blocks|stages)\b",
    re.I,
)
_SENTENCE_BREAK = lazy_regex(r"[.!?;](?:\s|$)|\n\s*\n|\n\s*[-*+|#]|\n\s*\d+[.)]\s|\|")
_NO_PADDING = lazy_regex(r"\b(?:no|without|zero)\s+(?:zero[- ])?padding\b|\bunpadded\b", re.I)
_SAME_PADDING = lazy_regex(
    r"\bsame\W{0,3}\s*padding|\bpadding\W{0,3}\s*(?:=\s*|of\s+|is\s+)?\W?same\b"
    r"|(?-i:\bSAME\b)",  # the mode's upper-case name (Flax, TensorFlow) needs no "padding"
    re.I,
)
_VALID = lazy_regex(r"\bvalid\b", re.I)
_DILATION_WORD = lazy_regex(r"dilat|atrous", re.I)
_STRIDE_NAMED = lazy_regex(r"\bstrides?\b|\bhop\b", re.I)
_IN_WORDS = lazy_regex(
    r"\b(?:strides?|padding|pad|dilation|kernel|window|pool)\w*[ -]+(?:size[ -]+)?(?:of[ -]+)?"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten)\b|"
    r"\b(?:one|two|three|four|five|six|seven|eight)[ -]+(?:pixels?|steps?|positions?)"
    r"[ -]+at[ -]+a\b",
    re.I,
)

_T = TypeVar("_T")
_MAX_COMBINATIONS = 400
_MAX_INPUTS = 40
_SMALL_KERNEL = 15


@dataclass(frozen=True)
class _Layer:
    """One way to read a layer: kernel, stride, padding ("same" or a number), dilation."""

    kernel: int | None
    stride: int
    padding: int | str
    dilation: int = 1
    ceil: bool = False
    # a PyTorch pooling call read as rounding up although its ``ceil_mode`` is left at False:
    # kept only where the note speaks of rounding up (Caffe, ceil mode)
    guessed: bool = field(default=False, compare=False)
    pooling: bool = field(default=False, compare=False)  # a pooling call's layer
    # a stride, padding or rounding the note does not state, taken at its documented default
    defaulted: bool = field(default=False, compare=False)


@dataclass
class _Roles:
    """The candidates of the note, per role."""

    # each candidate with where it is stated (-1: in a code block), so that a claim can be
    # judged by the quantities of its own sentence, row or item first
    inputs_at: dict[int, set[int]] = field(default_factory=dict)  # value -> where stated
    kernels: list[tuple[int, int]] = field(default_factory=list)
    strides: list[tuple[int, int]] = field(default_factory=list)
    paddings: list[tuple[int, int | str]] = field(default_factory=list)
    dilations: list[tuple[int, int]] = field(default_factory=list)
    call_layers: list[tuple[int, _Layer]] = field(default_factory=list)
    calls: int = 0  # conv/pool calls read: two or more form a chain
    unknown_calls: list[int] = field(default_factory=list)  # calls whose layer is unread
    kernel_kinds: dict[int, str] = field(default_factory=dict)  # where -> "pool", "conv", ""
    stride_kinds: dict[int, str] = field(default_factory=dict)  # where -> "pool", "conv", ""
    # shapes claimed in code comments: (start, end, values, offset of the line they describe)
    code_claims: list[tuple[int, int, tuple[int, ...], int]] = field(default_factory=list)
    claims: list[tuple[int, int, tuple[int, ...], bool]] = field(default_factory=list)
    # settings stated per axis with axes that differ: (where, "kernel"/"stride"/"padding", axes)
    axis_settings: list[tuple[int, str, tuple[int, ...]]] = field(default_factory=list)
    # shapes of two or more sizes the prose states, as inputs of a per-axis layer
    shapes: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)


def solver_findings(document: LintDocument) -> Iterator[Finding]:
    """Claimed conv/pool outputs of the note that no reading of its numbers gives."""
    prose = layer_prose(document)
    body = document.body_offset
    text = prose[body:]
    if not _LAYER_WORD.search(document.text, body) or _OTHER_FORMULA.search(document.text, body):
        return
    roles = _Roles()
    calls = list(_prose_calls(prose, body, roles))
    for block in document.code_blocks:
        _code_calls(document, block, roles)
    _read_numbers(document, prose, calls, roles)
    if not roles.claims and not roles.code_claims:
        return
    if not _CEIL.search(document.text, body):
        # ``nn.MaxPool2d(2)`` floors: 15 gives 7, and a note that never speaks of rounding up
        # does not get the reading that would explain 8
        roles.call_layers = [(at, layer) for at, layer in roles.call_layers if not layer.guessed]
    if _DILATION_WORD.search(document.text, body) and not roles.dilations:
        return  # dilation named but not read: a variant left alone
    if _STRIDE_NAMED.search(document.text, body) and not roles.strides and not roles.calls:
        return  # a stride named but not read ("moves two pixels at a time")
    if _IN_WORDS.search(document.text, body):
        return  # a setting written in words
    _padding_words(prose, body, roles)
    several = _SEVERAL.search(text) is not None or roles.calls >= 2
    # a 1-D layer's batch shape has one spatial axis: (N, C, L) or (N, L, C)
    sequence = _ONE_D_LAYER.search(document.text, body) is not None
    question = document.question
    derived: set[int] = set()
    for start, end, values, one_d in roles.claims:
        scope = _scope(prose, start, end)
        per_axis = _per_axis_verdict(document, prose, (start, end), values, roles)
        if per_axis is not None:
            if per_axis:
                yield Finding(start, end, per_axis)
            continue
        in_question = question is not None and question[0] <= start < question[1]
        # a result in the heading may take its input from the answer
        inputs = _inputs_without(roles, start, len(prose) if in_question else scope[1])
        own_layer = bool(_within(roles.kernels, scope)) or bool(_within(roles.call_layers, scope))
        if not in_question and own_layer and not _CHAINED.search(prose, scope[0], scope[1]):
            # a layer described in the claim's own sentence takes its input from its
            # paragraph (or table, or list) or the heading, not from another example
            low = _paragraph_start(prose, scope[0], body)
            inputs = _inputs_between(roles, start, [(low, scope[1]), question or (0, 0)])
            if _ITEM_OR_ROW.match(prose, scope[0]) and _result_first(prose, end):
                # a list item that states its result first and then its own input is one
                # example of its own, not fed by the item above ("- 15x15 comes out of … on a
                # 33x33 map")
                own = (end, scope[1])
                if any(own[0] <= at < own[1] for where in roles.inputs_at.values() for at in where):
                    inputs = _inputs_between(roles, start, [own])
        inputs -= _downstream_only(roles, prose, (start, end), scope)
        if not inputs:
            continue
        if FOLLOWING_STEP.search(prose, scope[0], start) and not _inputs_between(
            roles, start, [scope]
        ):
            continue  # "the following pool brings the map down to 56x56": fed by the step before

        layers = _layers(prose, scope, (body, len(prose)), roles, end)
        if not layers or len(layers) > _MAX_COMBINATIONS:
            continue
        stacked = several or len({layer.kernel for layer in layers}) > 1
        # what earlier claims should have been is an input too: one mistake, one finding
        explained = _explained(inputs | derived, layers, stacked)
        if explained is None:
            continue
        carried = bool(derived - inputs)  # an earlier claim's size as an input too
        derived |= explained
        tokens = _special_tokens(prose, scope) if one_d else {0}
        if not any(
            _claim_explained(tuple(v - extra for v in values), one_d, explained) for extra in tokens
        ) and not (
            sequence and len(values) == 3 and (values[1] in explained or values[2] in explained)
        ):
            finding = Finding(start, end, _message(prose[start:end], inputs, layers))
            single = len(roles.call_layers) + len(roles.kernels) == 1
            if (
                (own_layer or single)
                and not in_question
                and not stacked
                and not carried
                and tokens == {0}
                and _grounded(document, prose, (start, inputs, layers))
            ):
                finding = grounded(finding)
            yield finding
    for start, end, values, line in roles.code_claims:
        # a comment's claim is judged by the layers its line applies, after any layer of the
        # note (a module applied to the output of others whose sizes no comment states)
        layers = [layer for where, layer in roles.call_layers if where == line >= 0]
        inputs = _inputs_without(roles, start, end)
        if not layers or not inputs or len(layers) > 4 or line in roles.unknown_calls:
            continue
        if all(value == layers[0].kernel for value in values):
            continue  # "# 3x3" names the line's kernel
        every = [layer for _, layer in roles.call_layers][:_MAX_COMBINATIONS]
        before = _explained(inputs, every, False) or set()
        explained = _explained(inputs | before, layers, len(layers) > 1)
        if (
            explained is not None
            and not _claim_explained(values, False, explained)
            # a 1-D layer's (N, C, L) or (N, L, C): one of its last two axes is the length
            and not (sequence and len(values) == 3 and {values[1], values[2]} & explained)
        ):
            yield Finding(start, end, _message(document.text[start:end], inputs, layers))


def _grounded(
    document: LintDocument, prose: str, judged: tuple[int, set[int], list[_Layer]]
) -> bool:
    """Whether a claimed size no reading gives is wrong by the note's words alone: one
    input, one layer whose kernel, stride and padding the note or the call states (no
    default, no choice among stated settings), and a claim that is no bare number opening
    the answer. The caller asks that the layer be the claim's own sentence's, row's or item's
    (or the note's only one), that no earlier claim's size fed it and that it is no stack."""
    start, inputs, layers = judged
    if len(inputs) != 1 or len(layers) != 1 or layers[0].defaulted or layers[0].guessed:
        return False
    return not _opens_answer(document, prose, start)


_KERNEL_AND_STRIDE = lazy_regex(
    r"\b(?:kernel|window|pool)(?:[ _]size)?\s*(?:/|and)\s*stride\s*$", re.I
)


_PER_AXIS = "per axis"


def is_per_axis(finding: Finding) -> bool:
    """Whether the finding judged its claim axis by axis (``_per_axis_verdict``)."""
    return f": {_PER_AXIS} " in finding.message


def _per_axis_verdict(
    document: LintDocument,
    prose: str,
    span: tuple[int, int],
    values: tuple[int, ...],
    roles: _Roles,
) -> str | None:
    """A claim judged axis by axis (``axis_settings``): None where its scope states no
    per-axis setting, "" where a reading explains it (or the scope is too open), else the
    finding's message."""
    start, end = span
    scope = own = _scope(prose, start, end)
    question = document.question
    settings = [entry for entry in roles.axis_settings if scope[0] <= entry[0] < scope[1]]
    if not settings and question is not None and not question[0] <= start < question[1]:
        scope = question
        settings = [entry for entry in roles.axis_settings if scope[0] <= entry[0] < scope[1]]
    if not settings:
        return None
    axes = {len(axes) for _, _, axes in settings}
    if len(axes) != 1 or len(values) < min(axes):
        return ""
    count = axes.pop()
    text = prose[scope[0] : scope[1]]
    if _DILATION_WORD.search(text) or _SAME_PADDING.search(text) or _CHAINED_AXES.search(text):
        return ""
    if _SAME_PADDING.search(prose, *own):
        return ""  # the claim's own line pads 'same' ("- SAME -> (9, 32, 32)")
    tuple_at = {where for where, _, _ in settings}

    def stated(column: str, scalars: list[tuple[int, int]]) -> list[tuple[int, ...]]:
        found = [axes for _, kind, axes in settings if kind == column]
        found += [
            (value,) * count
            for where, value in scalars
            if scope[0] <= where < scope[1] and where not in tuple_at
        ]
        return sorted(set(found))

    kernels = stated("kernel", roles.kernels)
    strides = stated("stride", roles.strides)
    numeric = [(where, value) for where, value in roles.paddings if isinstance(value, int)]
    paddings = stated("padding", numeric)
    if len(kernels) > 1 or len(strides) > 1:
        return ""  # two layers' settings in one scope
    kernels = kernels or strides  # a pooling window strides by itself
    strides = strides or sorted({(1,) * count, *kernels})
    if not kernels:
        return ""
    # an unstated padding: none, or up to half the window on each axis
    paddings = paddings or open_paddings(kernels[0])
    claimed = axis_orders(values, count)
    outputs: set[tuple[int, ...]] = set()
    ceil = _CEIL.search(document.text, document.body_offset) is not None
    for order, claim_axes in claimed.items():
        inputs = {
            axes
            for where, shape in roles.shapes
            if where < start and shape != values
            for name, axes in axis_orders(shape, count).items()
            if name == order
        }
        found = axis_outputs(sorted(inputs), kernels, strides, paddings, ceil)
        if claim_axes in found:
            return ""
        outputs |= found
    if not outputs:
        return None
    claim = " ".join(prose[start:end].split())
    return (
        f"no reading of the note's sizes gives {claim}: {_PER_AXIS} ⌊(n + 2p - k) / s⌋ + 1 with "
        f"kernel {'x'.join(map(str, kernels[0]))} and stride {'x'.join(map(str, strides[0]))} "
        f"gives {', '.join('x'.join(map(str, shape)) for shape in sorted(outputs)[:4])}"
    )


# As ``_CHAINED``, but "compute the output size" asks for this layer's result, no earlier one's.
_CHAINED_AXES = lazy_regex(
    r"\b(?:then|follow\w*|after\s+(?:it|that|this|the)|next|subsequent\w*|"
    r"the\s+(?:map|result|feature\s+map|sequence|volume|output(?!\s+(?:size|shape)\b)))\b",
    re.I,
)


def _note_roles(document: LintDocument) -> _Roles:
    """The note's candidates: its layer calls (inline and in code) and its stated sizes."""
    prose = layer_prose(document)
    roles = _Roles()
    calls = list(_prose_calls(prose, document.body_offset, roles))
    for block in document.code_blocks:
        _code_calls(document, block, roles)
    _read_numbers(document, prose, calls, roles)
    return roles


def own_call_explains(document: LintDocument, start: int, end: int) -> bool:
    """Whether a layer call written in the claim's paragraph, before it, gives the claimed size
    from a size the note states: the call's explicit arguments outrank a number the prose names
    for another setting ("… would need padding 2 instead")."""
    prose = layer_prose(document)
    body = document.body_offset
    if _OTHER_FORMULA.search(document.text, body):
        return False
    roles: _Roles = document.memo("output-solver-roles", lambda: _note_roles(document))
    low = _paragraph_start(prose, start, body)
    ceil = _CEIL.search(document.text, body) is not None
    before = [at for at, _ in roles.call_layers if low <= at < start]
    if not before:
        return False
    # the nearest call before the claim is its layer; an earlier one is another's
    nearest = max(before)
    layers = [
        layer for at, layer in roles.call_layers if at == nearest and (ceil or not layer.guessed)
    ]
    values = parse_values(prose[start:end])
    if not values or len({(x.kernel, x.stride, x.padding, x.dilation) for x in layers}) != 1:
        return False  # no call, or one whose axes differ ("kernel_size=(1, 2, 2)")
    # its input: a size stated between the call's sentence and the claim, else the last one
    # stated before the call ("- Conv2D(…): 11x11 ⏎ - MaxPooling2D(2): 6x6" pools 11)
    stated = [(at, value) for value, where in roles.inputs_at.items() for at in where if at >= 0]
    opening = _sentence_bounds(prose, nearest, nearest)[0]
    inputs = {value for at, value in stated if opening <= at < start}
    if not inputs:
        earlier = [(at, value) for at, value in stated if low <= at < opening]
        inputs = {max(earlier)[1]} if earlier else set()
    explained = _explained(inputs, layers, False)
    # every axis given by the call (a channel axis is the phrase readings' to judge)
    return explained is not None and all(value in explained for value in values)


_ONE_D_LAYER = lazy_regex(r"Conv1[dD]|Conv1DTranspose|ConvTranspose1d|(?:Pool|Pooling)1[dD]")
_BLANK_LINE = lazy_regex(r"\n[ \t]*\n")
# A layer that takes the result of one described before it.
_CHAINED = lazy_regex(
    r"\b(?:then|follow\w*|after\s+(?:it|that|this|the)|next|subsequent\w*|"
    r"the\s+(?:map|output|result|feature\s+map|sequence|volume))\b",
    re.I,
)


def _paragraph_start(prose: str, at: int, body: int) -> int:
    """Where the paragraph (block) holding ``at`` starts."""
    # a scope may open on the blank line's second line break
    starts = [match.end() for match in _BLANK_LINE.finditer(prose, body, at + 1)]
    return starts[-1] if starts else body


def _inputs_between(roles: _Roles, start: int, spans: list[tuple[int, int]]) -> set[int]:
    """The candidate inputs stated inside ``spans`` or in code, other than the claim's own."""
    return {
        value
        for value, where in roles.inputs_at.items()
        if any(at != start and (at < 0 or any(a <= at < b for a, b in spans)) for at in where)
    }


# What leads from a claim to the next stage's result in its sentence: "gives 55x55, and the
# pool then brings it down to 27x27".
_DOWNSTREAM = lazy_regex(
    r"\b(?:then|again|afterwards|next|followed\s+by|(?:brings?|takes?|cuts?|halves|reduces?"
    r"|shrinks?)\s+(?:it|them|this|that)|down\s+to)\b",
    re.I,
)


def _downstream_only(
    roles: _Roles, prose: str, claim: tuple[int, int], scope: tuple[int, int]
) -> set[int]:
    """The candidate inputs stated only after the claim in its sentence, past a word that
    leads on to a later stage: results of the stages after the claim's, no input of its own."""
    return {
        value
        for value, where in roles.inputs_at.items()
        if (others := [at for at in where if at != claim[0]])
        and all(
            claim[1] <= at < scope[1] and _DOWNSTREAM.search(prose, claim[1], at) for at in others
        )
    }


def _inputs_without(roles: _Roles, start: int, limit: int) -> set[int]:
    """The candidate inputs: sizes stated before ``limit`` (the end of the claim's scope: a
    size only stated later belongs to another scenario) or given to a model in code, without
    the claim's own values unless another size states them too ("12x12 … 12x12 -> 6x6")."""
    return {
        value
        for value, where in roles.inputs_at.items()
        if any(at != start and at < limit for at in where)
    }


def _explained(inputs: set[int], layers: list[_Layer], several: bool) -> set[int] | None:
    """Every output a stated input gives through one candidate layer (two where the note
    stacks layers); None when there are too many combinations to judge."""
    if len(inputs) > _MAX_INPUTS:
        return None
    outputs = {out for n in inputs for layer in layers if (out := _output(n, layer)) is not None}
    if several:
        outputs |= {
            out for n in set(outputs) for layer in layers if (out := _output(n, layer)) is not None
        }
    return outputs


def _output(n: int, layer: _Layer) -> int | None:
    stage_trace.note_setup(stage_trace.CONV)
    if layer.stride <= 0:  # a 0 read from a table's padding column is no stride
        return None
    if layer.padding == "same":
        return -(-n // layer.stride)
    if layer.kernel is None or not isinstance(layer.padding, int):
        return None
    span = n + 2 * layer.padding - layer.dilation * (layer.kernel - 1) - 1
    if span < 0:
        return None
    if layer.ceil:
        return -(-span // layer.stride) + 1
    return span // layer.stride + 1


# "196 patches; plus [CLS] -> 197 tokens": a token count adds the special tokens its own line
# names (a class token, a distillation token, register tokens) to the positions a layer gives.
_SPECIAL_TOKEN = lazy_regex(
    r"(?P<cls>\[CLS\]|\bCLS\b|\bclass[- _]token|\bcls[- _]token)"
    r"|(?P<dist>\bdistillation[- _]token|\[DIST\])"
    r"|(?P<count>\d+)\s+register[- _]tokens\b",
    re.IGNORECASE,
)


def _special_tokens(prose: str, scope: tuple[int, int]) -> set[int]:
    """How many tokens a claim may add to a layer's positions: 0, or any sum of the special
    tokens its scope names."""
    amounts = {0}
    for match in _SPECIAL_TOKEN.finditer(prose, *scope):
        extra = int(match.group("count")) if match.group("count") else 1
        amounts |= {amount + extra for amount in amounts}
    return amounts


def _claim_explained(values: tuple[int, ...], one_d: bool, outputs: set[int]) -> bool:
    """A claim is explained when some reading of its axes is: a 1-D count may also be a
    square grid's number of positions (16x16 patches = 256 tokens)."""
    if one_d:
        value = values[0]
        return value in outputs or any(out * out == value for out in outputs)
    return any(all(value in outputs for value in spatial) for spatial in _spatial_readings(values))


def _spatial_readings(values: tuple[int, ...]) -> list[tuple[int, ...]]:
    """Which axes of a stated shape may be spatial: HxW, HxWxC, CxHxW, DxHxW, NCHW, NHWC, and
    a sequence's length in (N, L, C) or (N, C, L)."""
    count = len(values)
    if count <= 2:
        return [values]
    readings = [values[:2], values[1:3], values[-2:]]
    if values[0] == 0:  # a batch axis: this is a tuple
        readings += [values[1:2], values[2:3]]
    if count >= 3:
        readings.append(values[:3])
    if count >= 4:
        readings += [values[1:4], values[2:5] if count >= 5 else values[-3:]]
    return readings


def _message(claim: str, inputs: set[int], layers: list[_Layer]) -> str:
    shown = " ".join(claim.split())
    kernels = sorted({layer.kernel for layer in layers if layer.kernel is not None})
    strides = sorted({layer.stride for layer in layers})
    return (
        f"no reading of the note's sizes gives {shown}: ⌊(n + 2p - d(k - 1) - 1) / s⌋ + 1 "
        f"(⌈n / s⌉ for 'same' padding) with the stated inputs {sorted(inputs)[:6]}, kernels "
        f"{kernels[:6]} and strides {strides[:6]} gives other sizes"
    )


# --------------------------------------------------------------------------- layer calls


def _balanced(text: str, open_at: int) -> int | None:
    """The offset after the bracket that closes the one at ``open_at`` (same line)."""
    depth = 0
    for index in range(open_at, min(len(text), open_at + 300)):
        char = text[index]
        if char == "\n":
            return None
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
            if depth == 0:
                return index + 1
    return None


def _prose_calls(prose: str, body: int, roles: _Roles) -> Iterator[tuple[int, int]]:
    """Spans of layer calls written in the prose view (inline code), read into ``roles``."""
    for match in _CALL.finditer(prose, body):
        end = _balanced(prose, match.end() - 1)
        if end is None:
            continue
        try:
            tree = ast.parse(prose[match.start() : end].strip(), mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Call):
            _read_call(tree.body, roles, match.start())
        yield match.start(), end


def _code_calls(document: LintDocument, block: CodeBlock, roles: _Roles) -> None:
    """The layer calls of a code block, each at the file offset of its line (a module built
    once and applied later is read at both lines), and the shapes its comments claim."""
    code = document.clean_code(block)
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return
    lines = code.split("\n")

    def line_at(number: int) -> int:
        if number > len(lines):
            return -1
        return document.offset_of_line(block.first_line + number - 1) + block.indent

    built: dict[str, list[_Layer]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            found = _read_call(node.value, _Roles(), 0)
            if found and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                built[node.targets[0].id] = found
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            where = line_at(node.lineno)
            _read_call(node, roles, where)
            if isinstance(node.func, ast.Name) and node.func.id in built:
                roles.call_layers += [(where, layer) for layer in built[node.func.id]]
    _comment_claims(lines, line_at, roles)


# What a comment on a line of its own may open with to state the line above's result.
_RESULT_COMMENT = lazy_regex(
    r"#\s*(?:->|\N{RIGHTWARDS ARROW}|=>|out(?:put)?\b|shape\b|result\b)", re.I
)
_TARGET = lazy_regex(r"\s*(\w+)\s*=[^=]")


def _describes(comment: str, code: str) -> bool:
    """Whether a comment on its own line states the result of the code line above it: an
    arrow or "output", or the name that line assigns ("# y.shape == …", "# y: …")."""
    if _RESULT_COMMENT.match(comment):
        return True
    target = _TARGET.match(code)
    return (
        target is not None and re.match(rf"#\s*{re.escape(target.group(1))}\b", comment) is not None
    )


def _comment_claims(lines: list[str], line_at: Callable[[int], int], roles: _Roles) -> None:
    """A shape in the comment of a line that applies a layer claims that layer's output
    ("# (None, 94, 94, 16)", "# 56x56 -> 27x27"); a comment on a line of its own, the output
    of the line above. Every size of a comment is also an input of the next layer."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO("\n".join(lines)).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return
    code_line = 0
    for token in tokens:
        if token.type not in (tokenize.COMMENT, tokenize.NEWLINE, tokenize.NL):
            code_line = token.start[0]
        if token.type != tokenize.COMMENT:
            continue
        row, column = token.start
        comment = token.string.replace("[", "(").replace("]", ")")
        base = line_at(row) + column
        sizes = list(_SIZE.finditer(comment))
        for size in sizes:
            values = (
                _tuple_values(size.group(0))
                if size.group(0).startswith("(")
                else (parse_values(size.group(0)))
            )
            for value in _spatial(values, size.group(0).startswith("(")):
                if value > 1:
                    roles.inputs_at.setdefault(value, set()).add(base + size.start())
        if not sizes or _HEDGED.search(comment) or _OTHER_LAYER.search(comment):
            continue
        claim = sizes[-1]
        written = claim.group(0)
        values = _tuple_values(written) if written.startswith("(") else parse_values(written)
        if len(values) < 2 or _OPERATOR_RIGHT.match(comment[claim.end() :]):
            continue
        if _LETTER_BATCH.match(written):
            continue  # "# (N, 64, 10, 10)": judged by the code chains (shape_chains)
        owner = row if code_line == row else code_line
        if owner != row and not _describes(comment, lines[owner - 1] if owner else ""):
            continue
        roles.code_claims.append((base + claim.start(), base + claim.end(), values, line_at(owner)))


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _literal(node: ast.expr | None) -> tuple[int, ...] | str | None:
    """An int, a tuple of ints or a string argument."""
    if node is None:
        return None
    try:
        value = ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,)
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, (tuple, list)) and value and all(type(v) is int for v in value):
        return tuple(value)
    return None


# Positional parameters of each call family, by name.
_KERAS_CONV = ("filters", "kernel_size", "strides", "padding")
# Flax's ``nn.Conv`` pads "SAME" unless told otherwise
_FLAX_CONV = ("features", "kernel_size", "strides", "padding")
_TORCH_CONV = ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation")
_KERAS_POOL = ("pool_size", "strides", "padding")
_KERAS_DEPTHWISE = ("kernel_size", "strides", "padding")
_TORCH_POOL = ("kernel_size", "stride", "padding", "dilation")
_TORCH_AVG = ("kernel_size", "stride", "padding", "ceil_mode")
_FUNCTIONAL = ("input", "kernel_size", "stride", "padding")
_TF_POOL = ("input", "ksize", "strides", "padding")


def _parameters(name: str) -> tuple[tuple[str, ...], bool]:
    """(positional names, whether it is pooling)."""
    if name == "Conv":
        return _FLAX_CONV, False
    if name.startswith("Depthwise"):
        return _KERAS_DEPTHWISE, False
    if name.startswith("Separable"):
        return _KERAS_CONV, False
    if name.startswith("Conv"):
        return (_TORCH_CONV if name.endswith("d") else _KERAS_CONV), False
    if name.startswith(("max_pool", "avg_pool")):
        return _FUNCTIONAL, True
    if name.startswith("AvgPool") and name.endswith("d"):
        return _TORCH_AVG, True
    if name.endswith("d"):
        return _TORCH_POOL, True
    return _KERAS_POOL, True


def _read_call(call: ast.Call, roles: _Roles, where: int) -> list[_Layer]:
    """The layers a conv/pool call describes (one per axis), added to ``roles``."""
    name = _name(call.func)
    flax = (
        name == "Conv" and isinstance(call.func, ast.Attribute) and _name(call.func.value) == "nn"
    )
    if not flax and _CALL.fullmatch(name + "(") is None:
        _read_input_call(call, roles)
        return []
    roles.calls += 1
    before = len(roles.call_layers)
    _read_layer_call(call, name, roles, where)
    if len(roles.call_layers) == before:
        roles.unknown_calls.append(where)  # a layer whose settings are not all literal
    return [layer for _, layer in roles.call_layers[before:]]


def _read_layer_call(call: ast.Call, name: str, roles: _Roles, where: int) -> None:
    names, pooling = _parameters(name)
    if name in ("max_pool", "avg_pool") or name.endswith(("pool2d", "pool1d", "pool3d")):
        names = _TF_POOL if any(k.arg == "ksize" for k in call.keywords) else names
    arguments: dict[str, ast.expr] = dict(zip(names, call.args, strict=False))
    # "Conv1d(300, 100, K = 5)": the formula's letters written as keywords
    letters = {"K": "kernel_size", "k": "kernel_size", "S": "stride", "s": "stride"}
    letters |= {"P": "padding", "p": "padding", "D": "dilation", "d": "dilation"}
    arguments.update({letters.get(k.arg, k.arg): k.value for k in call.keywords if k.arg})
    kernel = _literal(
        arguments.get("kernel_size", arguments.get("pool_size", arguments.get("ksize")))
    )
    stride = _literal(arguments.get("stride", arguments.get("strides")))
    padding = _literal(arguments.get("padding"))
    dilation = _literal(arguments.get("dilation", arguments.get("dilation_rate")))
    if isinstance(kernel, str) or isinstance(stride, str) or isinstance(dilation, str):
        return
    if kernel is None and pooling and ("kernel_size" in arguments or "pool_size" in arguments):
        return  # a kernel the reader cannot evaluate
    if kernel is None:
        kernel = (2,) if pooling and names == _KERAS_POOL else None
    if kernel is None:
        return
    strides = stride if stride is not None else (kernel if pooling else (1,))
    if ("stride" in arguments or "strides" in arguments) and stride is None:
        return  # ``strides=None`` or a name: leave it
    default_padding: tuple[int, ...] | str = "same" if names == _FLAX_CONV else (0,)
    pads: tuple[int, ...] | str = padding if padding is not None else default_padding
    if "padding" in arguments and padding is None:
        return
    dilations = dilation if dilation is not None else (1,)
    ceil_mode = _is_true(arguments.get("ceil_mode"))
    defaulted = stride is None or padding is None or (pooling and "ceil_mode" not in arguments)
    if not isinstance(pads, str) and dilations == (1,):
        _call_axis_settings(roles, where, (kernel, strides, pads))
    for axis in range(max(len(kernel), len(strides), 1)):
        k = kernel[min(axis, len(kernel) - 1)]
        s = strides[min(axis, len(strides) - 1)]
        d = dilations[min(axis, len(dilations) - 1)]
        p: int | str = pads if isinstance(pads, str) else pads[min(axis, len(pads) - 1)]
        if isinstance(p, str) and p not in ("same", "valid"):
            return
        p = 0 if p == "valid" else p
        layer = _Layer(k, s, p, d, ceil_mode, pooling=pooling, defaulted=defaulted)
        roles.call_layers.append((where, layer))
        if pooling and name.endswith("d") and not ceil_mode and "ceil_mode" not in arguments:
            # a note may let pooling round up (Caffe, ``ceil_mode=True``) without saying so
            guess = _Layer(k, s, p, d, True, guessed=True, pooling=True)
            roles.call_layers.append((where, guess))
        if "dilation" in arguments or "dilation_rate" in arguments:
            roles.dilations.append((where, d))


def _call_axis_settings(
    roles: _Roles, where: int, settings: tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]
) -> None:
    """A call's kernel, stride and padding as per-axis settings, where one of them has axes
    that differ (``kernel_size=(1, 2, 2)``): each on every axis of the widest."""
    axes = max(len(values) for values in settings)
    if axes < 2 or not any(anisotropic(values) for values in settings):
        return
    for column, values in zip(("kernel", "stride", "padding"), settings, strict=True):
        if len(values) in (1, axes):
            roles.axis_settings.append(
                (where, column, values * axes if len(values) == 1 else values)
            )


def _is_true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _read_input_call(call: ast.Call, roles: _Roles) -> None:
    """Shapes given to a model: ``torch.randn(1, 3, 224, 224)``, ``Input(shape=(96, 96, 3))``."""
    for node in [*call.args, *(k.value for k in call.keywords)]:
        value = _literal(node)
        if isinstance(value, tuple):
            for axis in _spatial(value, True):
                if axis > 1:
                    roles.inputs_at.setdefault(axis, set()).add(-1)  # from code


# --------------------------------------------------------------------------- prose numbers


def _read_numbers(
    document: LintDocument, prose: str, calls: list[tuple[int, int]], roles: _Roles
) -> None:
    body = document.body_offset
    question = document.question
    cells = _table_cells(prose, body)
    call_index = cell_index = 0
    for match in _SIZE.finditer(prose, body):
        start, end = match.span()
        while call_index < len(calls) and calls[call_index][1] <= start:
            call_index += 1
        if call_index < len(calls) and calls[call_index][0] <= start:
            continue  # a call's arguments are read by ``_read_call``
        written = match.group(0)
        # a shape tuple keeps its axes' places: None (the batch) is 0, which nothing gives
        values = _tuple_values(written) if written.startswith("(") else parse_values(written)
        while cell_index < len(cells) and cells[cell_index][1] <= start:
            cell_index += 1
        in_cell = cell_index < len(cells) and cells[cell_index][0] <= start
        column = cells[cell_index][2] if in_cell else ""
        left = _left(prose, start)
        right = prose[end : end + _AFTER].split("\n", 1)[0]
        glued = _GLUED_STRIDE.match(right)
        if glued and len(values) >= 2 and len(set(values)) == 1 and values[0] <= _SMALL_KERNEL:
            # "a 3x3/2 max-pool", "conv 7x7/2": a window and the stride written after it
            _role(values, start, left, right, roles, "kernel")
            _role((int(glued["s"]),), end, left, right, roles, "stride")
            continue
        # "61 values is what … leaves" counts a result, not things of another kind
        counted = len(values) == 1 and _result_first(prose, end)
        role = _role(values, start, left, right, roles, column, counted)
        if not values or role or not any(values):
            continue  # a parameter ("padding 0") or no size
        for value in _spatial(values, written.startswith("(")):
            if value > 1:
                roles.inputs_at.setdefault(value, set()).add(start)
        if len(values) >= 2:
            roles.shapes.append((start, values))
        if _OPERATOR_RIGHT.match(right):
            continue  # "100 - 5 + 1 = 96" starts a calculation, it claims nothing
        if column in ("input", "summary"):
            continue
        if _is_claim(document, prose, start, end, left, right, values, question, column):
            one_d = len(values) == 1
            roles.claims.append((start, end, values, one_d))
    _read_glued_settings(prose, body, calls, roles)


# A stride written right after its window: "3x3/2".
_GLUED_STRIDE = lazy_regex(r"/(?P<s>[1-9])\b(?!\s*[\d(])")
# Settings written as a letter glued to the value, as papers' tables do: "k3 s2 p1", "3x3, s2,
# p1" (lower case: "S2" and "C3" name LeNet's layers). One alone needs a window right before
# it ("3x3 s2"); two or more together are settings by themselves.
_GLUED_ROLES = {"k": "kernel", "s": "stride", "p": "padding", "d": "dilation"}
_GLUED_RUN = lazy_regex(
    r"(?P<window>(?<![\w.])(?P<k>\d{1,2})\s*[xX\N{MULTIPLICATION SIGN}]\s*(?P=k)[ \t]*,?[ \t]*)?"
    r"(?<![\w.])(?P<run>[kspd][1-9]\d?(?:[ \t]*,?[ \t]*[kspd]\d{1,2})*)\b(?![\w.])"
)
_GLUED_ONE = lazy_regex(r"(?P<letter>[kspd])(?P<v>\d{1,2})")


def _read_glued_settings(
    prose: str, body: int, calls: list[tuple[int, int]], roles: _Roles
) -> None:
    """The settings a note writes as glued letters ("k3 s2 p1"), which ``_SIZE`` does not see
    (a number glued to a letter is no size)."""
    for match in _GLUED_RUN.finditer(prose, body):
        start = match.start("run")
        if any(a <= start < b for a, b in calls):
            continue
        tokens = list(_GLUED_ONE.finditer(match["run"]))
        letters = [token["letter"] for token in tokens]
        if len(set(letters)) != len(letters) or (len(tokens) < 2 and not match["window"]):
            continue  # "s1 s2": names, not one layer's settings
        left = _left(prose, start)
        right = prose[match.end() : match.end() + _AFTER].split("\n", 1)[0]
        for token in tokens:
            where = start + token.start()
            role = _GLUED_ROLES[token["letter"]]
            _role((int(token["v"]),), where, left, right, roles, role)


_OPERATOR_RIGHT = lazy_regex(
    r"^\s*(?:[-+*/=\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}"
    r"\N{DOT OPERATOR}]|\\cdot\b|\\times\b)"
)


def _spatial(values: tuple[int, ...], batch: bool) -> tuple[int, ...]:
    """The axes of a shape that may be spatial, as inputs of a next layer: a batch axis and
    the channels of HxWxC or CxHxW are left out ("12x12x16" is no input of size 16)."""
    if batch and (len(values) >= 4 or values[0] == 0):
        values = values[1:]
    if len(values) == 3:
        if values[0] == values[1] != values[2]:
            return values[:2]
        if values[1] == values[2] != values[0]:
            return values[1:]
    return values


def _tuple_values(written: str) -> tuple[int, ...]:
    # the batch axis: None, or the letter N or B
    parts = re.findall(r"None|\b[NB]\b|\d+", written)
    return tuple(0 if part in ("None", "N", "B") else int(part) for part in parts)


# Where the words before a number stop: a blank line, a list item, a table cell, a heading.
_LEFT_STOP = lazy_regex(r"\n[ \t]*(?:\n|[-*+>#]|\d+[.)]\s)|\|")


def _left(prose: str, start: int) -> str:
    """The words just before a number, back to its paragraph, item or cell (a line break
    inside a sentence is a space)."""
    low = max(0, start - _BEFORE)
    stops = list(_LEFT_STOP.finditer(prose, low, start))
    if stops:
        low = stops[-1].end()
    return prose[low:start].replace("\n", " ")


def _role(
    values: tuple[int, ...],
    where: int,
    left: str,
    right: str,
    roles: _Roles,
    column: str,
    counted_result: bool = False,
) -> bool:
    """Give the number a parameter role by its words or its table column; True when it is
    no size."""
    count = len(values) == 1 and _COUNT_RIGHT.match(right) and not counted_result
    if count or column == "effective":
        return True  # a count, or a column of working ("effective kernel")
    if len(values) >= 2 and _KERNEL_RIGHT.match(right) and not _INPUT_RIGHT.match(right):
        column = "kernel"  # "3x3 max pooling" after "stride:" is the window
    elif not column:
        column = _role_by_words(values, left, right)
    # the kind of layer a setting is for is named in its own clause ("all convolutions are 3x3
    # with padding 1; then max pooling …" sets up no pooling kernel of 3)
    own_left, own_right = _CLAUSE_BREAK.split(left)[-1], _CLAUSE_BREAK.split(right)[0]
    if column == "kernel":
        roles.kernels += [(where, value) for value in values]
        around = own_left + " " + own_right
        roles.kernel_kinds[where] = (
            "pool" if _POOL_WORD.search(around) else "conv" if _CONV_ONLY.search(around) else ""
        )
        if _PATCH.search(left[-12:] + right[:12]):
            # a patchify convolution: kernel = stride = patch
            roles.strides += [(where, value) for value in values]
    elif column == "stride":
        roles.strides += [(where, value) for value in values]
        around = own_left + " " + own_right
        pool, conv = _POOL_WORD.search(around), _CONV_ONLY.search(around)
        roles.stride_kinds[where] = (
            "pool" if pool and not conv else "conv" if conv and not pool else ""
        )
    elif column == "padding":
        roles.paddings += [(where, value) for value in values]
    if column in ("kernel", "stride", "padding") and anisotropic(values):
        roles.axis_settings.append((where, column, values))
        if column == "stride" and _KERNEL_AND_STRIDE.search(left):
            roles.axis_settings.append((where, "kernel", values))  # "kernel/stride (1, 2, 2)"
    elif column == "dilation":
        roles.dilations += [(where, value) for value in values]
    return column in ("kernel", "stride", "padding", "dilation")


def _role_by_words(values: tuple[int, ...], left: str, right: str) -> str:
    if _ARROW_RIGHT.match(right) and (
        _LAYER_NAME_LEFT.search(left) or _SIZED_KERNEL_LEFT.search(left)
    ):
        # "- pool1: 24 → 12", "- conv1, 5x5 kernel: 28 → 24": the layer's input, not its window
        return ""
    if _STRIDE_LEFT.search(left) or _STRIDE_RIGHT.match(right):
        return "stride"
    if _PAD_LEFT.search(left) and not _PADDING_NAMED.search(left):
        return "padding"
    if _DILATION_LEFT.search(left):
        return "dilation"
    if (
        _KERNEL_LEFT.search(left)
        or _KERNEL_HYPHEN.search(left)
        or (_KERNEL_RIGHT.match(right) and not _INPUT_RIGHT.match(right))
    ):
        return "kernel"
    if values[0] <= _SMALL_KERNEL and _SETTINGS_RIGHT.match(right):
        return "kernel"
    return ""


_ARROW_RIGHT = lazy_regex(r"^\s*(?:->|\N{RIGHTWARDS ARROW}|=>)")
_ARROW_LEFT = lazy_regex(r"(?:->|\N{RIGHTWARDS ARROW}|=>)\s*$")
# A layer's name (not its setting) just before a number: "conv2:", "pool1 (", "maxpool,".
_LAYER_NAME_LEFT = lazy_regex(r"\b(?:conv|pool|maxpool|avgpool)\w*\s*[:(,]?\s*$", re.I)
# A kernel already given its size before a colon: "5x5 kernel:", "3x3 filters,".
_SIZED_KERNEL_LEFT = lazy_regex(
    r"\d\s*(?:[xX\N{MULTIPLICATION SIGN}]\s*\d+\s*)*[- ]?(?:kernel|filter|window)s?\s*[:,]\s*$",
    re.I,
)
# "no padding: 92x92", "'same' padding -> 28x28": a padding already named, then a result
_PADDING_NAMED = lazy_regex(
    r"\b(?:no|without|valid|same|zero)\W{0,2}\s*padding\s*(?::|->|=>|\N{RIGHTWARDS ARROW})\s*$",
    re.I,
)
_PATCH = lazy_regex(r"patch", re.I)
_CONV_ONLY = lazy_regex(r"conv|patch", re.I)


_MAPS_COUNTED = lazy_regex(r"\s*(?:feature[- ]|activation[- ]|output[- ])?maps\b", re.I)


def _is_claim(
    document: LintDocument,
    prose: str,
    start: int,
    end: int,
    left: str,
    right: str,
    values: tuple[int, ...],
    question: tuple[int, int] | None,
    column: str,
) -> bool:
    in_question = question is not None and question[0] <= start < question[1]
    if _INPUT_RIGHT.match(right) or _INPUT_LEFT.search(left) or _FROM_LEFT.search(left):
        return False
    if len(values) == 1 and _MAPS_COUNTED.match(right):
        return False  # "I get 24 maps of 65x65": the number counts the maps
    line = prose[prose.rfind("\n", 0, start) + 1 : prose.find("\n", end) % (len(prose) + 1)]
    if _OTHER_LAYER.search(line):
        return False
    line_start = prose.rfind("\n", 0, start) + 1
    if _TENSOR_METHOD.search(document.text, line_start, line_start + len(line)):
        return False
    sentence = _sentence(prose, start, end)
    # an explanation after a colon ("becomes 13x13: the window that would hang over … is
    # kept instead of dropped") hedges nothing of the claim before it
    begin = _sentence_bounds(prose, start, end)[0]
    explained = EXPLANATION.match(prose, end, begin + len(sentence))
    hedged = sentence[: explained.start("colon") - begin] if explained else sentence
    if _HEDGED.search(hedged) or _NOT_LAYER_RESULT.search(left) or _PADDED.search(sentence):
        return False
    if in_question and _YES_NO.match(prose, question[0]) is not None:  # type: ignore[index]
        return False
    claimed = (
        _CLAIM_LEFT.search(left) is not None
        or _CLAIM_RIGHT.match(right) is not None
        or _result_first(prose, end)
        or (_listed_result(prose, start, end) and _square(values))
        or (_SLIDE_LEFT.search(left) is not None and _POSITIONS_RIGHT.match(right) is not None)
        or column == "output"
        or (
            column == "layer output"
            and _LAYER_WORD.search(line) is not None
            and not _BLOCK_ROW.search(line)
        )
        or _opens_answer(document, prose, start)
    )
    if not claimed:
        return False
    if _ARROW_RIGHT.match(right) and not _ARROW_LEFT.search(left):
        return False  # "(floor): 1000 → 500 → …": the first size of a chain is its input
    if _TO_ARTICLE.search(left) and not _CLAIM_RIGHT.match(right):
        return False  # "applied to a 32x32 …" names an input; "into a 13x13 map" a result
    # a bare count claims an output only as steps or positions, or beside a layer
    # or in the output column of a table whose other columns vary the layer's settings
    return len(values) > 1 or bool(
        _STEP_NOUN.match(right)
        or _CLAIM_RIGHT.match(right)
        or _LAYER_WORD.search(sentence)
        or column == "output"
    )


# "- Conv 3x3, stride 1, no padding: 45x45x32": an item whose label names a layer, then a size
_LAYER_LABEL = lazy_regex(
    r"\b(?:conv\w*|\w*pool\w*|sub-?sampl\w*)\b[^:\n]*?"
    r"(?<!size)(?<!kernel)(?<!window)(?<!stride)(?<!input)(?<!filters)(?<!channels)"
    r"\s*(?::|->|=>|\N{RIGHTWARDS ARROW})\s*[*_`]*$",
    re.I,
)


def _result_first(prose: str, end: int) -> bool:
    return _RESULT_FIRST.match(prose[end : end + 80].split("\n", 1)[0]) is not None


def _square(values: tuple[int, ...]) -> bool:
    """A shape whose first two axes agree ("45x45x32"): no length beside its channels."""
    return len(values) >= 2 and values[0] == values[1]


# "…: 224x224 -> 112x112": the size after the label is the input of a change
_CHANGE_AFTER = lazy_regex(
    r"\s*(?:->|=>|\N{RIGHTWARDS ARROW}|\N{LONG RIGHTWARDS ARROW}|(?:in)?to\b|becomes\b)", re.I
)


def _listed_result(prose: str, start: int, end: int) -> bool:
    """Whether the size ends a list item's layer label, as its result."""
    if _CHANGE_AFTER.match(prose, end):
        return False
    line_start = prose.rfind("\n", 0, start) + 1
    item = re.match(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+", prose[line_start:start])
    if item is None:
        return False
    return _LAYER_LABEL.search(prose, line_start + item.end(), start) is not None


_TO_ARTICLE = lazy_regex(r"(?:^|\W)to\s+(?:an?|the)\s*$", re.I)


def _sentence(prose: str, start: int, end: int) -> str:
    begin, finish = _sentence_bounds(prose, start, end)
    return prose[begin:finish]


def _sentence_bounds(prose: str, start: int, end: int) -> tuple[int, int]:
    """The clause around a claim, cut at sentence ends, blank lines, list items and cells."""
    low = max(0, start - 200)
    cuts = list(_SENTENCE_BREAK.finditer(prose, low, start))
    begin = cuts[-1].end() if cuts else low
    tail = _SENTENCE_BREAK.search(prose, end, end + 200)
    finish = tail.start() if tail is not None else min(len(prose), end + 200)
    return begin, finish


_ITEM_OR_ROW = lazy_regex(r"[ \t]*(?:[-*+]|\d+[.)]|\|)")


def _scope(prose: str, start: int, end: int) -> tuple[int, int]:
    """Where a claim's own layer is described: its table row or list item (the whole line),
    else its sentence."""
    line_start = prose.rfind("\n", 0, start) + 1
    if _ITEM_OR_ROW.match(prose, line_start):
        line_end = prose.find("\n", end)
        return line_start, len(prose) if line_end < 0 else line_end
    return _sentence_bounds(prose, start, end)


_TABLE_ROW = lazy_regex(r"^[ \t]*\|(?P<cells>.*)\|[ \t]*$", re.M)
_PARAM_HEADER = lazy_regex(r"param", re.I)


def _table_cells(prose: str, body: int) -> list[tuple[int, int, str]]:
    """Table cells whose column header names a role (input, kernel, stride, padding,
    dilation, output), and the rows of a model summary (a "Param #" column, role "summary"),
    which claim nothing: the summary rules read those."""
    if "|" not in prose[body:]:
        return []
    cells_found: list[tuple[int, int, str]] = []
    header: list[str] | None = None
    summary = False
    previous_end = -2
    for row in _TABLE_ROW.finditer(prose, body):
        if row.start() != previous_end + 1:
            header = None
        previous_end = row.end()
        cells = row.group("cells").split("|")
        if header is None:
            header = [_header_role(cell) for cell in cells]
            if not _SETTING_COLUMNS & set(header):
                # a row must then name its layer to claim an output
                header = ["layer output" if role == "output" else role for role in header]
            summary = _PARAM_HEADER.search(row.group("cells")) is not None
            continue
        if summary:
            cells_found.append((row.start(), row.end(), "summary"))
            continue
        position = row.start("cells")
        for index, cell in enumerate(cells):
            if index < len(header) and header[index]:
                cells_found.append((position, position + len(cell), header[index]))
            position += len(cell) + 1
    return cells_found


_HEADER_ROLES = (
    ("output", lazy_regex(r"output|result|after", re.I)),
    ("stride", lazy_regex(r"stride", re.I)),
    ("padding", lazy_regex(r"pad", re.I)),
    ("dilation", lazy_regex(r"dilat|^\s*d\s*$", re.I)),
    ("kernel", lazy_regex(r"kernel|filter\s+size|pool\s+size|window|^\s*k\s*$", re.I)),
    ("input", lazy_regex(r"input", re.I)),
)


# Columns that vary a layer's settings row by row: each row's output is that variant's claim.
_SETTING_COLUMNS = {"kernel", "stride", "padding", "dilation", "effective"}
# "effective kernel", "dilated kernel": the kernel with its dilation applied already, a column
# of working, not the kernel a dilation applies to
_EFFECTIVE = lazy_regex(r"effective|dilated|receptive", re.I)


# "output channels", "filters": counts, not sizes
_COUNT_HEADER = lazy_regex(r"channel|filter(?!\s+size)|depth|param|units|neurons|classes", re.I)


# A header "After" (or "After layer"): its cells name the step ("block 2 (pool)") whose result
# the next column gives, so their numbers are no outputs.
_STEP_HEADER = lazy_regex(
    r"^\W*after(?:\s+(?:the\s+)?(?:layers?|stages?|blocks?|steps?))?\W*$", re.I
)


def _header_role(cell: str) -> str:
    if _STEP_HEADER.match(cell):
        return ""
    if _EFFECTIVE.search(cell) and not _HEADER_ROLES[0][1].search(cell):
        return "effective"
    if _COUNT_HEADER.search(cell):
        return ""
    return next((role for role, pattern in _HEADER_ROLES if pattern.search(cell)), "")


_ASKS = lazy_regex(
    r"(?![^?]*(?:param|weights|flops|memory|multipl|bytes))"
    r"[^?]*(?:output|size|shape|dimension|how\s+many|how\s+long|how\s+big|length)",
    re.I,
)


def _opens_answer(document: LintDocument, prose: str, start: int) -> bool:
    """The size the answer opens with, when the heading asks for an output."""
    question = document.question
    if question is None or not _ASKS.match(prose, *question):
        return False
    if start < question[1]:
        return False
    return _ANSWER_OPENING.fullmatch(prose, question[1], start) is not None


# What may stand before the size an answer opens with: "A 31x31 map.", "It is 27x27."
_ANSWER_OPENING = lazy_regex(
    r"[\s*_`(]*(?:(?:an?|the|it\s+is|it's|output:?|answer:?|result:?)\s+[*_`(]*)?", re.I
)


# --------------------------------------------------------------------------- readings


def _padding_words(prose: str, body: int, roles: _Roles) -> None:
    """Paddings stated in words: "no padding", "valid", "same" padding."""
    for match in _NO_PADDING.finditer(prose, body):
        roles.paddings.append((match.start(), 0))
    for match in _VALID.finditer(prose, body):
        roles.paddings.append((match.start(), 0))
    for match in _SAME_PADDING.finditer(prose, body):
        roles.paddings.append((match.start(), "same"))
    # a padding column's words: "| same |", "| valid |", "| none |"
    for start, end, role in _table_cells(prose, body):
        word = prose[start:end].strip(" \t*_`'\"").lower()
        if role == "padding" and word in _PADDING_CELLS:
            roles.paddings.append((start, _PADDING_CELLS[word]))


_PADDING_CELLS: dict[str, int | str] = {"same": "same", "valid": 0, "none": 0, "no": 0}


def _within(candidates: list[tuple[int, _T]], scope: tuple[int, int]) -> list[_T]:
    return [value for where, value in candidates if scope[0] <= where < scope[1]]


def _within_at(candidates: list[tuple[int, _T]], scope: tuple[int, int]) -> list[tuple[int, _T]]:
    return [(where, value) for where, value in candidates if scope[0] <= where < scope[1]]


def _overrides(prose: str, paddings: list[tuple[int, int | str]], layer: _Layer) -> set[int | str]:
    """The paddings stated in prose that may apply to a layer call: all but those whose
    sentence names only the other kind of layer."""
    found: set[int | str] = set()
    for where, padding in paddings:
        sentence = _sentence(prose, where, where) if where >= 0 else ""
        pool, conv = _POOL_WORD.search(sentence), _CONV_ONLY.search(sentence)
        if (layer.pooling and conv and not pool) or (not layer.pooling and pool and not conv):
            continue
        found.add(padding)
    return found


def _layers(
    prose: str, scope: tuple[int, int], note: tuple[int, int], roles: _Roles, claim_end: int
) -> list[_Layer]:
    """Every layer the candidates and the documented defaults allow for one claim: those its
    own sentence, row or item names when it names a kernel or a layer call, else the note's."""
    everywhere = (-1, len(prose))
    # the kind of layer a claim names stands before it: in "572 → 570 → 568, pool → 284" the
    # pool is 284's, not 570's
    named = prose[scope[0] : min(scope[1], claim_end)]
    if any(scope[0] <= where < scope[1] for where in roles.unknown_calls):
        return []  # the claim's own layer call is one the reader cannot evaluate
    local_calls = _within(roles.call_layers, scope)
    local = bool(local_calls) or bool(_within(roles.kernels, scope))
    used = scope if local else everywhere
    text = prose[scope[0] : scope[1]] if local else prose[note[0] : note[1]]
    calls = _within(roles.call_layers, used)
    call_kernels = {layer.kernel for layer in calls}
    stated_kernels = roles.kernels
    if not local:
        # the claim's sentence names its kind of layer: only kernels of that kind apply
        pool_named, conv_named = _POOL_WORD.search(named), _CONV_ONLY.search(named)
        if pool_named and not conv_named:  # a pooling window is named as one
            stated_kernels = [k for k in roles.kernels if roles.kernel_kinds.get(k[0]) == "pool"]
        elif conv_named and not pool_named:
            stated_kernels = [k for k in roles.kernels if roles.kernel_kinds.get(k[0]) != "pool"]
    own_names = layer_names(prose, scope[0], scope[1])
    if not local and own_names:
        # "conv1 turns …": a kernel set up in a sentence about other named layers only
        # ("conv2 has a 3x3 kernel") is not conv1's
        stated_kernels = [
            (where, value)
            for where, value in stated_kernels
            if where < 0
            or not (names := layer_names(prose, *_sentence_bounds(prose, where, where)))
            or names & own_names
        ]
    # a kernel of a call restated in prose is that call's layer, with its defaults
    kernels: list[int | None] = [*sorted(set(_within(stated_kernels, used)) - call_kernels)]
    strides = set(_within(roles.strides, scope))
    own_row = local and _ITEM_OR_ROW.match(prose, scope[0]) is not None
    if not strides and own_row and _within(roles.paddings, scope):
        # "| conv 3x3, padding 1 | 96x96 |": a row that sets up its own layer and names no
        # stride has the default one, not another row's
        pass
    elif not strides:
        # a stride stated for the other kind of layer ("pooling with stride 2") is not this
        # layer's, as with kernels
        pool_named, conv_named = _POOL_WORD.search(named), _CONV_ONLY.search(named)
        other = "pool" if conv_named and not pool_named else ""
        other = "conv" if pool_named and not conv_named else other
        strides = {
            value
            for where, value in _within_at(roles.strides, everywhere)
            if not other or roles.stride_kinds.get(where) != other
        }
    stated = set(_within(roles.paddings, scope) or _within(roles.paddings, everywhere))
    stated_at = _within_at(roles.strides, everywhere)
    pool_strides_only = bool(stated_at) and all(
        roles.stride_kinds.get(where) == "pool" for where, _ in stated_at
    )
    pool_kernels = {
        value for where, value in roles.kernels if roles.kernel_kinds.get(where) == "pool"
    }
    conv_only_kernels = {
        value for where, value in roles.kernels if roles.kernel_kinds.get(where) == "conv"
    } - pool_kernels
    if not local and stated and _POOL_WORD.search(text) and _CONV_ONLY.search(text):
        stated.add(0)  # a padding stated for one kind of layer may not be the other's
    # a dilation stated for another layer leaves this one at the default
    dilations = sorted(
        set(_within(roles.dilations, scope)) or {1, *_within(roles.dilations, everywhere)}
    )
    layers = list(calls)
    if _FLOOR.search(prose, scope[0], min(scope[1], claim_end)):
        # "with the default ``ceil_mode=False`` it gives 7x7": the claim's own clause rounds
        # the note's rounding-up call down
        layers += [replace(layer, ceil=False) for layer in calls if layer.ceil]
    # a call's defaults may be overridden in prose ("all convolutions use 'same' padding"),
    # but not by a padding stated for the other kind of layer ("the convolution keeps the
    # size because a padding of 1 …" is no padding of the pooling call after it)
    padding_at = _within_at(roles.paddings, scope) or _within_at(roles.paddings, everywhere)
    layers += [
        _Layer(
            layer.kernel,
            stride,
            padding,
            layer.dilation,
            layer.ceil,
            pooling=layer.pooling,
            defaulted=True,  # the call's or the prose's setting: which one is a choice
        )
        for layer in calls
        for stride in strides | {layer.stride}
        for padding in _overrides(prose, padding_at, layer) | {layer.padding}
    ][:_MAX_COMBINATIONS]
    if not kernels:
        if "same" not in stated or not strides:
            return layers
        kernels = [None]  # "same" padding needs no kernel
    pooling = _POOL_WORD.search(text) is not None
    conv = _CONV_WORD.search(text) is not None or not pooling
    if not local and _POOL_WORD.search(named) and not _CONV_WORD.search(named):
        conv = False  # "- pool2: 10 -> 5" is a pooling layer, whatever else the note has
    if conv and not stated:
        # a convolution in prose has no documented padding (only a library call has)
        return layers
    ceil = _CEIL.search(prose, note[0], note[1]) is not None
    if _FLOOR.search(prose, note[0], note[1]):
        layers = [layer for layer in layers if not layer.ceil]  # "ceil_mode=False" in prose
    for kernel in kernels:
        # a stride the note states; else the default: 1 for a convolution, the window for pooling
        options = set(strides) if strides else ({1} if conv else set())
        if conv and pool_strides_only and kernel in conv_only_kernels:
            options.add(1)  # "… then a 2x2 max pool with stride 2": the convolutions keep 1
        if pooling and kernel is not None:
            options.add(kernel)
        # pooling pads nothing unless told: a stated padding may be a convolution's
        paddings = _paddings(stated | ({0} if pooling and stated else set()), kernel, not conv)
        # (a stride or padding the note does not state is a default; so is flooring a pool)
        defaulted = not strides or not stated or (pooling and not ceil)
        for stride, padding, dilation in itertools.product(sorted(options), paddings, dilations):
            layers.append(_Layer(kernel, stride, padding, dilation, defaulted=defaulted))
            if ceil:
                layers.append(_Layer(kernel, stride, padding, dilation, True, defaulted=defaulted))
            if len(layers) > _MAX_COMBINATIONS:
                return layers
    return layers


def _paddings(stated: set[int | str], kernel: int | None, pooling: bool) -> list[int | str]:
    """The stated paddings; when the note states none, the usual ones (none, "same" and half
    the kernel for a convolution; none or less than half the window for pooling), so that an
    unstated padding never makes a claim wrong."""
    if stated:
        return sorted(stated, key=str)
    usual: set[int | str] = {0} if pooling else {0, "same"}
    if kernel is not None:
        usual |= {(kernel - 1) // 2} if pooling else {kernel // 2, (kernel - 1) // 2}
    return sorted(usual, key=str)
