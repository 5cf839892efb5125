"""A parameter total checked against the one layer its sentence (paragraph, question)
describes: dense, 2D and 1D convolutions, a classifier head on the hidden units."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from ankigen.lint.arith.expression import TIMES
from ankigen.lint.arith.layers import (
    conv_parameters,
    dense_parameters,
)
from ankigen.lint.arith.quantities import (
    NO_BIAS,
    OTHER_LAYERS,
    SEVERAL_LAYERS,
    Quantity,
    distinct,
    find,
)
from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import Finding
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.copies import copies_before
from ankigen.lint.rules.layers.counts import (
    allowed_counts,
    dense_finding,
    layer_widths,
    stated_count,
)
from ankigen.lint.rules.layers.scope import Lookup, answer_start, spatial_sizes

# "The output layer has 1,290 parameters" after "a hidden layer of 128 units … an output layer
# of 10 units": the output layer's inputs are the hidden units.
_HEAD_LAYER = lazy_regex(
    r"\b(?:output|final|last|classifier|classification|softmax|logits?|readout)\s+layer\b", re.I
)


_HIDDEN_SIZE = lazy_regex(
    r"\bhidden\s+layer\s+(?:of|with)\s+(?P<a>\d[\d,]*)\s+(?:units|neurons|nodes)\b"
    r"|\b(?P<b>\d[\d,]*)[- ](?:unit|neuron|node)\s+hidden\s+layer\b"
    r"|\b(?P<c>\d[\d,]*)\s+hidden\s+(?:units|neurons|nodes)\b",
    re.I,
)


_HEAD_SIZE = lazy_regex(
    r"\b(?:output|final|last|classifier|softmax|logits?)\s+layer\s+(?:of|with|for)\s+"
    r"(?P<a>\d[\d,]*)\s+(?:units|neurons|nodes|outputs|classes)\b"
    r"|\b(?P<b>\d[\d,]*)[- ](?:unit|neuron|node|class|way)\s+(?:output|softmax|final)\s+layer\b"
    r"|\b(?P<c>\d[\d,]*)\s+output\s+(?:units|neurons|nodes)\b",
    re.I,
)


def _sizes(pattern: re.Pattern[str], prose: str, scopes: Sequence[tuple[int, int]]) -> set[int]:
    return {
        int(next(v for v in match.groups() if v is not None).replace(",", ""))
        for start, end in scopes
        for match in pattern.finditer(prose, start, end)
    }


def head_on_hidden(
    prose: str,
    total: Quantity,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
) -> tuple[Finding | None] | None:
    """A count of the output layer in a sentence with no other number, its sizes elsewhere.
    None when this reading does not apply; else the verdict (a finding or None)."""
    rest = prose[sentence[0] : total.start] + prose[total.end : sentence[1]]
    if re.search(r"\d", rest) or not _HEAD_LAYER.search(rest):
        return None
    scopes = [block] + ([question] if question is not None else [])
    if any(OTHER_LAYERS.search(prose, *scope) or NO_BIAS.search(prose, *scope) for scope in scopes):
        return None
    hidden, head = _sizes(_HIDDEN_SIZE, prose, scopes), _sizes(_HEAD_SIZE, prose, scopes)
    if len(hidden) != 1 or len(head) != 1:
        return None
    stated = stated_count(prose, total)
    if stated is None:
        return None
    n, m = hidden.pop(), head.pop()
    return (dense_finding(total, n, m, False, prose),)


# A count that is a step of a calculation or per filter, not the layer's: "3 x 3 x 3 = 27
# weights", "27 weights per filter", "each filter has 28 parameters"; but in "with a bias per
# filter has 416 parameters" the per-filter phrase describes the bias, the count is the layer's.
_RESULT_BEFORE = lazy_regex(
    # (only "per" after "bias": "without biases each of the units has" is one unit's too)
    r"(?:=|\bequals?|(?:\b(?:each|every)|(?<!\bbias\s)(?<!\bbiases\s)\bper)\s+"
    r"(?:of\s+the\s+(?:\d+\s+)?)?"
    # "each of the 10 output neurons only has its 784 weights": one unit's, not the layer's
    r"(?:(?:output|hidden|input|dense|conv)\s+)?(?:filters?|kernels?|"
    r"units?|neurons?|nodes?|channels?|outputs?)\s+(?:only\s+)?(?:has|have|holds?|needs?)(?:\s+only)?"
    r"(?:\s+(?:its|their)(?:\s+own)?)?)\s*\**\s*$",
    re.I,
)


_PER_AFTER = lazy_regex(
    r"\s*(?:trainable\s+|learnable\s+)?(?:parameters|params|weights)?\s*"
    r"(?:per|for\s+each|for\s+every|in\s+each|of\s+each|each)\b",
    re.I,
)


def not_a_layer_total(prose: str, total: Quantity) -> bool:
    before = prose[max(0, total.start - 60) : total.start]
    if _PER_AFTER.match(prose, total.end):
        return True
    if not _RESULT_BEFORE.search(before):
        return False
    # "a conv … has 3 · 3 · 64 + 64 = 640 parameters": the calculation is the layer's count
    # worked out, its result the layer's total, whatever its terms (a step of one filter's
    # weights, "3 x 3 x 3 = 27 weights", names no parameters of the layer)
    verb = _LAYER_VERB_CALCULATION.search(prose, max(0, total.start - 120), total.start)
    return not (
        verb is not None
        and _PARAMETERS_AFTER.match(prose, total.end)
        # "each filter has 3 · 3 · 3 + 1 = 28 parameters": one filter's, not the layer's
        and not _ONE_PART_BEFORE.search(prose, max(0, verb.start() - 40), verb.start())
    )


# A layer's verb followed by nothing but a calculation of numbers up to the "=" before a count.
_LAYER_VERB_CALCULATION = lazy_regex(
    r"\b(?:has|have|holds?|contains?|needs?|totals?|comes\s+to)\s+"
    r"[\d\s,.()\[\]+*\N{MIDDLE DOT}\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}x\N{MINUS SIGN}-]*"
    r"\d[\s)\]]*=\s*\**\s*$",
    re.I,
)
# The verb's subject is one part of the layer: a filter, a unit, a head, a direction.
_ONE_PART_BEFORE = lazy_regex(
    r"\b(?:each|every|one|a\s+single|per)\s+(?:\w+\s+)?(?:filters?|kernels?|units?|neurons?|nodes?"
    r"|channels?|heads?|directions?|gates?|outputs?|cells?)\b[^.;\n]*$",
    re.I,
)
_PARAMETERS_AFTER = lazy_regex(
    r"\**\s*(?:trainable\s+|learnable\s+)?(?:parameters|params)\b(?!\s*(?:per|for\s+each|each))",
    re.I,
)


_TOTAL_WORDS = lazy_regex(r"in\s+total|total|overall|altogether", re.IGNORECASE)


def _several_layers(prose: str, sentence: tuple[int, int], total: Quantity) -> bool:
    """Whether the sentence is about several layers. "1,290 parameters in total" alone, with
    no other number, totals the one layer of the question."""
    words = [match.group(0) for match in SEVERAL_LAYERS.finditer(prose, *sentence)]
    if not words:
        return False
    if not all(_TOTAL_WORDS.fullmatch(word) for word in words):
        return True
    if len(_LAYER_NAMES.findall(prose, *sentence)) == 1:
        return False  # "a 5x5 conv … for 1,216 parameters in total": one layer's total
    others = re.sub(r"\d", "", prose[sentence[0] : total.start] + prose[total.end : sentence[1]])
    return others != prose[sentence[0] : total.start] + prose[total.end : sentence[1]]


# A question that counts several layers at once: "two stacked Dense(32) layers", "both layers".
_SEVERAL_IN_QUESTION = lazy_regex(
    r"\b(?:two|three|four|five|both|several|multiple|\d+)\s+(?:\S+\s+){0,3}?layers\b"
    r"|\bstack(?:s|ed|ing)?\b|\b(?:whole|entire)\s+(?:network|model|net)\b",
    re.IGNORECASE,
)


def _asks_about_several(prose: str, question: tuple[int, int]) -> bool:
    return _SEVERAL_IN_QUESTION.search(prose, *question) is not None


_NORMALISATION = lazy_regex(
    r"(?:batch|layer|instance|group)[- ]?norm\w*|normali[sz]ation", re.IGNORECASE
)
_CONV_OR_DENSE = lazy_regex(r"\b(?:conv\w*|dense|linear|fully[- ]connected)\b", re.IGNORECASE)


def _other_layer_named(prose: str, scope: tuple[int, int], sentence: tuple[int, int]) -> bool:
    """Whether the scope names a layer counted by another formula. A normalisation named
    outside a sentence that names its own conv or dense layer is only a reason ("BatchNorm
    re-centres the activations, so the bias is redundant. A 3x3 conv …")."""
    own_layer = _CONV_OR_DENSE.search(prose, *sentence) is not None
    for match in OTHER_LAYERS.finditer(prose, *scope):
        outside = not sentence[0] <= match.start() < sentence[1]
        if own_layer and outside and _NORMALISATION.fullmatch(match.group()):
            continue
        return True
    return False


def check_total(
    prose: str,
    total: Quantity,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
) -> Finding | None:
    stated = stated_count(prose, total)
    if stated is None or _several_layers(prose, sentence, total):
        return None
    if copies_before(prose, sentence[0], total.start, total.end) is not None:
        return None  # "two of them hold 73,856": copies of the layer (the solver counts them)
    if question is not None and _asks_about_several(prose, question):
        return None  # "two stacked Dense(32) layers … in total?": the count sums them
    for scope in (block, question):
        if scope is not None and _other_layer_named(prose, scope, sentence):
            return None  # an LSTM or an embedding counts its parameters otherwise
    value, unit = stated
    totals = list(find("total", prose, *block))
    answer = _one_layer_answer(prose, question)
    lookup = Lookup(prose, sentence, block, (total,), len(totals) <= 1, question, answer)
    # "without bias" may describe this count or contrast it with another: accept both then.
    bias_free = NO_BIAS.search(prose, *(block if len(totals) <= 1 else sentence)) is not None
    bias_free = bias_free or (question is not None and NO_BIAS.search(prose, *question) is not None)
    # (the answer the layer's sizes may be read from, when it describes one layer, states its
    # bias too: "`Dense(10, use_bias=False)` on 512 inputs." above "It has 5,120 parameters.")
    bias_free = bias_free or (answer is not None and NO_BIAS.search(prose, *answer) is not None)
    # ``use_bias=False`` in the layer's own call leaves no doubt: there is no bias.
    no_bias_at_all = _code_without_bias(prose, sentence, block, question, answer) and (
        len(totals) <= 1 or _CODE_NO_BIAS.search(prose, *sentence) is not None
    )  # "8,256 parameters; with use_bias=False 8,192": the flag is the other count's
    no_bias_at_all = no_bias_at_all or _said_without_bias(prose, sentence, len(totals), total)
    if _HYPOTHETICAL_NO_BIAS.search(prose, *block):
        no_bias_at_all = False  # "without the bias it would have 1,280": the count has one
    kernel, unclear = lookup.one("kernel")
    if kernel is not None or unclear:
        return _check_conv(lookup, kernel, total, value, unit, (bias_free, no_bias_at_all))
    inputs, unclear_inputs = lookup.one("inputs")
    if inputs is None and not unclear_inputs:
        inputs = _flattened_map(prose, sentence, (block, question))
    where = inputs.start if inputs is not None else -1
    from_question = question is not None and question[0] <= where < question[1]
    if from_question and layer_widths(prose, block[1], len(prose)):
        return None  # more layers follow: the question's inputs feed the first only
    if (
        inputs is not None
        and where < sentence[0]
        and layer_widths(prose, *sentence)
        and layer_widths(prose, inputs.end, sentence[0])
    ):
        # "- `Dense(8)`: 264" after "- `Dense(32)` on the 20 features": a layer between the
        # stated inputs and this one takes them; this one is fed by the layer before it
        return None
    # "a Dense(10) after a Dense(64)", "on the 128 hidden units": those are the inputs.
    input_spans = [
        q for scope in (sentence, block, question) if scope for q in find("inputs", prose, *scope)
    ]
    taken = (*lookup.taken, *input_spans)
    units_lookup = Lookup(prose, sentence, block, taken, lookup.block_allowed, question, answer)
    units, unclear_units = units_lookup.one("units")
    if units is None and not unclear_units:
        units = regression_units(prose, [sentence, block, question, answer])
    if unclear_inputs or unclear_units or inputs is None or units is None:
        return None
    if len(units.values) != 1 or inputs.start == units.start:
        return None
    n, m = math.prod(inputs.values), units.values[0]  # "7x7x512 inputs" are 25,088
    allowed = allowed_counts(
        {dense_parameters(n, m, True)}, total, bias_free, dense_parameters(n, m, False)
    )
    if no_bias_at_all:
        allowed = {dense_parameters(n, m, False)}
    if any(abs(count - value) <= unit // 2 for count in allowed):
        return None
    right = dense_parameters(n, m, not no_bias_at_all)
    how = f"{n} {TIMES} {m}" + ("" if no_bias_at_all else f" + {m}")
    return CountFinding(
        total.start,
        total.end,
        f"a dense layer with {n} inputs and {m} unit{'' if m == 1 else 's'} has {how} = "
        f"{right:,} parameters, "
        f"not {total.text}: correct the count",
        expected=tuple(sorted(allowed)),
    )


_DENSE_WORD = lazy_regex(r"\b(?:fully[- ]connected|dense|linear|flatten\w*)\b|\bFC\b", re.I)
_SHRINKS_FIRST = lazy_regex(r"\bglobal\b|\bGAP\b|pool|\baverag", re.I)


def _flattened_map(
    prose: str, sentence: tuple[int, int], scopes: Sequence[tuple[int, int] | None]
) -> Quantity | None:
    """ "connects the 7x7x512 feature map to 4,096 units": a fully connected layer on a map
    has every value of it as an input, unless the map is pooled first."""
    spans = [scope for scope in (sentence, *scopes) if scope is not None]
    if not any(_DENSE_WORD.search(prose, *span) for span in spans):
        return None
    if any(_SHRINKS_FIRST.search(prose, *span) for span in spans):
        return None
    maps = [q for q in find("input", prose, *sentence) if len(q.values) == 3]
    return distinct(maps) if len(maps) == 1 else None


# asked once per count of the note about the same whole answer: read it once (a note's prose
# is hashed once; a few recent notes are kept)
@lru_cache(maxsize=4)
def _one_layer_answer(prose: str, question: tuple[int, int] | None) -> tuple[int, int] | None:
    """The answer after the question, when it states one count and names no other kind of
    layer: its list items may each give one size of the layer."""
    if question is None:
        return None
    answer = (answer_start(prose, question[1]), len(prose))
    if OTHER_LAYERS.search(prose, *answer) or len(list(find("total", prose, *answer))) != 1:
        return None
    if len(_LAYER_NAMES.findall(prose, *answer)) > 1:
        return None  # a conv and a dense layer, or several: the sizes may be any one's
    return answer


_LAYER_NAMES = lazy_regex(
    r"\b(?:conv\w*|\w*pool\w*|dense|linear|fully[- ]connected|flatten|layers?)\b", re.IGNORECASE
)


# Models that are one dense layer: logistic or linear regression has one output (with a bias,
# the intercept); multinomial (softmax) regression one per class.
_REGRESSION = lazy_regex(
    r"\b(?:(?P<multi>multinomial|multi-?class|softmax)\s+(?:logistic\s+)?regression"
    r"|(?:logistic|linear|least[- ]squares|OLS)\s+regression)\b",
    re.IGNORECASE,
)
_CLASSES = lazy_regex(r"\b(?P<k>\d[\d,]*)\s+(?:classes|categories|labels)\b", re.IGNORECASE)


def regression_units(prose: str, scopes: Sequence[tuple[int, int] | None]) -> Quantity | None:
    """The outputs of a regression model named in the scopes, as a dense layer's units."""
    spans = [scope for scope in scopes if scope is not None]
    kinds = {m for s in spans for m in _REGRESSION.finditer(prose, *s)}
    models = {bool(m.group("multi")) for m in kinds}
    if len(models) != 1:
        return None
    first = min(kinds, key=lambda m: m.start())
    classes = {
        int(c.group("k").replace(",", "")) for s in spans for c in _CLASSES.finditer(prose, *s)
    }
    if models == {True}:
        if len(classes) != 1:
            return None
        units = classes.pop()
    elif classes and classes != {2}:
        return None  # one-vs-rest or multinomial: not stated which
    else:
        units = 1
    return Quantity("units", first.start(), first.end(), (units,), "", first.group(0))


_CODE_NO_BIAS = lazy_regex(r"\b(?:use_)?bias\s*=\s*False\b")


_LAYER_CALL = lazy_regex(r"\b(?:Conv[123][Dd]|Dense|Linear)\(")


def _code_without_bias(
    prose: str,
    sentence: tuple[int, int],
    block: tuple[int, int],
    question: tuple[int, int] | None,
    answer: tuple[int, int] | None = None,
) -> bool:
    """Whether the layer's call says ``use_bias=False`` (and no other call says otherwise)."""
    scopes = [scope for scope in (sentence, block, question, answer) if scope is not None]
    calls = {call.start() for scope in scopes for call in _LAYER_CALL.finditer(prose, *scope)}
    if len(calls) > 1:
        return False  # the flag may belong to another layer
    return any(_CODE_NO_BIAS.search(prose, *scope) for scope in scopes)


_WITH_BIAS = lazy_regex(
    r"\b(?:with|including|includes?|plus|and|than|compared|versus|vs\.?|whereas|while|instead|"
    r"otherwise|would)\b[^.;]{0,20}\bbias",
    re.IGNORECASE,
)


# A layer without bias as a hypothetical beside the real count: "if we dropped the bias …",
# "without the bias it would have …", "use_bias=False would save …".
_HYPOTHETICAL_NO_BIAS = lazy_regex(
    r"\b(?:if|when|had|were|once)\b[^.;:]{0,30}\b(?:no|without|drop\w*|remov\w*|omit\w*)\s+"
    r"(?:the\s+|a\s+|any\s+)?bias"
    r"|(?:\b(?:without|no)\s+(?:the\s+|a\s+|any\s+)?bias(?:es)?|\b(?:use_)?bias\s*=\s*False)"
    r"[^.;:]{0,30}\b(?:would|could|saves?|drops?|becomes?|falls?|shrinks?)\b",
    re.IGNORECASE,
)


def _said_without_bias(prose: str, sentence: tuple[int, int], totals: int, total: Quantity) -> bool:
    """ "A Dense(10) without bias on 64 inputs has 640 parameters": one count in a sentence
    that says "without bias" and mentions the bias no other way has no bias term."""
    if totals > 1 or not any(
        own_flag(prose, sentence, total, flag) for flag in NO_BIAS.finditer(prose, *sentence)
    ):
        return False
    return _WITH_BIAS.search(prose, *sentence) is None


def own_flag(prose: str, sentence: tuple[int, int], total: Quantity, flag: re.Match[str]) -> bool:
    """Whether a no-bias flag of the sentence speaks of the count ``total``: no other layer's
    call stands between them ("`Dense(256)` has 131,328, and `Dense(256, use_bias=False)` has
    131,072": the flag is the second layer's)."""
    calls = [call.start() for call in _LAYER_CALL.finditer(prose, *sentence)]
    if flag.start() < total.start:
        return not any(flag.start() < call < total.start for call in calls)
    return not any(total.end <= call < flag.start() for call in calls)


def _check_conv(
    lookup: Lookup,
    kernel: Quantity | None,
    total: Quantity,
    value: int,
    unit: int,
    bias: tuple[bool, bool],
) -> Finding | None:
    bias_free, no_bias_at_all = bias
    if kernel is None or len(kernel.values) not in (1, 2, 3):
        return None
    # (the question heading is the card's own setting: "# Conv1D with 64 filters of size 3 …")
    scopes = [lookup.block, *([lookup.question] if lookup.question is not None else [])]
    one_d = kernel.mode == "1d" or any(_ONE_D.search(lookup.prose, *at) for at in scopes)
    if len(kernel.values) == 1 and one_d:
        return _check_conv1d(lookup, kernel, total, (value, unit), bias)
    if len(kernel.values) == 1:
        kernel = Quantity(kernel.kind, kernel.start, kernel.end, kernel.values * 2, "", kernel.text)
    filters, unclear_filters = lookup.one("filters")
    channels, unclear_channels = lookup.one("in_channels")
    # "a 3x3x3 convolution on an RGB clip": a 3D kernel, its volume times the channels
    volume = _three_d_kernel(lookup, kernel)
    if volume is not None and channels is None:
        depth = _colour_channels(lookup)
        if depth is None:
            return None
    elif channels is None and len(kernel.values) == 3:
        channels = kernel
        depth = kernel.values[2]
    elif channels is None:
        size, unclear_size = lookup.one("input")
        if size is None or unclear_size or len(size.values) != 3:
            return None
        depth = size.values[2] if spatial_sizes(size.values) == size.values[:2] else size.values[0]
    else:
        depth = channels.values[0]
    if filters is None or unclear_filters or unclear_channels or len(filters.values) != 1:
        return None
    shape = (kernel.values[0], kernel.values[1])
    if volume is not None:
        shape = (volume[0] * volume[1], volume[2])
    count = filters.values[0]
    right = conv_parameters(shape, depth, count, not no_bias_at_all)
    allowed = allowed_counts({right}, total, bias_free, conv_parameters(shape, depth, count, False))
    if no_bias_at_all:
        allowed = {right}
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    plus = "" if no_bias_at_all else " + 1"
    sides = volume if volume is not None else shape
    how = f"({f' {TIMES} '.join(map(str, sides))} {TIMES} {depth}{plus}) {TIMES} {count}"
    plural = "" if depth == 1 else "s"
    return CountFinding(
        total.start,
        total.end,
        f"a {TIMES.join(map(str, sides))} convolution over {depth} channel{plural} with {count} "
        f"filters has {how} = {right:,} parameters, not {total.text}: correct the count",
        expected=tuple(sorted(allowed)),
    )


_THREE_D = lazy_regex(
    r"\bConv3[dD]\b|\b(?:3-?D|three-dimensional)\s+conv|\b(?:volumetric|spatio-?temporal)\b|"
    r"\bvideos?\b|\bclips?\b|\bvoxels?\b",
    re.I,
)


_COLOUR = lazy_regex(r"\b(?P<rgb>RGB|colou?r)\b|\b(?P<gray>gr[ae]y-?scale|monochrome)\b", re.I)


def _colour_channels(lookup: Lookup) -> int | None:
    """3 for "an RGB clip", 1 for "grayscale volumes": a 3D input's channels in words."""
    found = {3 if m.group("rgb") else 1 for m in _COLOUR.finditer(lookup.prose, *lookup.block)}
    return found.pop() if len(found) == 1 else None


def _three_d_kernel(lookup: Lookup, kernel: Quantity) -> tuple[int, int, int] | None:
    """A kernel of three sides in a note about 3D data (Conv3D, video, clips, volumes)."""
    if len(kernel.values) != 3:
        return None
    places = [lookup.block] + ([lookup.question] if lookup.question is not None else [])
    if not any(_THREE_D.search(lookup.prose, *place) for place in places):
        return None
    return kernel.values[0], kernel.values[1], kernel.values[2]


_ONE_D = lazy_regex(r"\bConv1D\b|\b(?:1-?D|one-dimensional)\s+conv|\btemporal\s+conv", re.I)


def _check_conv1d(
    lookup: Lookup,
    kernel: Quantity,
    total: Quantity,
    stated: tuple[int, int],
    bias: tuple[bool, bool],
) -> Finding | None:
    """A 1D convolution: k·C weights and one bias per filter."""
    filters, unclear_filters = lookup.one("filters")
    channels, unclear_channels = lookup.one("in_channels")
    if filters is None or channels is None or unclear_filters or unclear_channels:
        return None
    if len(filters.values) != 1 or len(channels.values) != 1:
        return None
    width, depth, count = kernel.values[0], channels.values[0], filters.values[0]
    right = conv_parameters((width, 1), depth, count, not bias[1])
    allowed = allowed_counts(
        {right}, total, bias[0], conv_parameters((width, 1), depth, count, False)
    )
    if bias[1]:
        allowed = {right}
    value, unit = stated
    if any(abs(option - value) <= unit // 2 for option in allowed):
        return None
    plus = "" if bias[1] else " + 1"
    return CountFinding(
        total.start,
        total.end,
        f"a 1D convolution of width {width} over {depth} channels with {count} filters has "
        f"({width} {TIMES} {depth}{plus}) {TIMES} {count} = {right:,} parameters, not "
        f"{total.text}: correct the count",
        expected=tuple(sorted(allowed)),
    )
