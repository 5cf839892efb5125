"""AG104's fallback solver: a stated parameter count that NO reading of the note's stated sizes
explains.

The readings before it bind quantities by sentence grammar and stay silent on new phrasings.
This module does not parse grammar: it tags every number of the note with candidate roles
from a few words around it (its unit, a label, a call's argument), finds the layers the note
names (calls in code or inline code, or layer words in prose), and for each claimed count tries
every assignment of the stated candidates to the layer's formula, with and without bias and the
known framework variants. The claim is reported only when one complete assignment exists and
none gives the claimed value."""

from __future__ import annotations

import ast
import itertools
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from ankigen.lint import stage_trace
from ankigen.lint.arith.inline import spaced_thousands, underscored_thousands
from ankigen.lint.arith.tables import tables
from ankigen.lint.claims.wording import CountFinding
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import grounded
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import WORDS_PATTERN, words_value
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.arithmetic import wrong_calculation_spans
from ankigen.lint.rules.layers.call_arguments import literal_value
from ankigen.lint.rules.layers.copies import copies_before
from ankigen.lint.rules.layers.recurrent_stack import labelled_layers, stack_counts, without_stacks
from ankigen.lint.rules.layers.size_results import size_result, sum_of_stated
from ankigen.lint.rules.layers.transformer_blocks import (
    ATTENTION,
    ATTENTION_PARTS,
    ATTENTION_VARIANT,
    FEED_FORWARD,
    PROJECTIONS,
    TRANSFORMER_CONTEXT,
    is_gated,
    transformer_counts,
)

# Combinations tried per layer; beyond it the note is too open to judge.
_CAP = 4096
# Layers summed as a stated stack.
_MAX_STACK = 6

_NUMBER = lazy_regex(
    r"(?<![\w.,/\\#-])(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<suffix>[kKM]|million|thousand)\b)?(?![\w.]\d)"
)
# "Six filters", "thirty-two channels": a size in words, read only where a noun gives it a role.
_NUMBER_WORDS = lazy_regex(WORDS_PATTERN, re.I)

# A product of sizes: "3x3", "32 x 32 x 3", "3·3·32".
_TIMES_SIGNS = r"x\N{MULTIPLICATION SIGN}X*\N{MIDDLE DOT}\N{DOT OPERATOR}"
# A factor may group its thousands ("25,088 x 4,096"): never read from inside one ("096 x 4").
_FACTOR = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
_PRODUCT = lazy_regex(
    rf"(?<![\w.,])(?<!\d,){_FACTOR}(?:\s*[{_TIMES_SIGNS}]\s*{_FACTOR})+(?![\w.]*\d)"
)
_SHAPE = lazy_regex(r"\((?:\s*(?:None|\d+|batch\w*|B|N|T)\s*,)+\s*(\d+)\s*\)")
_NOT_A_SHAPE = lazy_regex(
    r"(?:[\w.]|(?:kernel_size|strides?|pool_size|padding|dilation_rate)\s*=\s*)$"
)
_TIMES = lazy_regex(rf"\s*[{_TIMES_SIGNS}]\s*")

_CALL = lazy_regex(
    r"\b(?:(?:nn|layers|keras\.layers|tf\.keras\.layers|torch\.nn)\.)?"
    r"(?P<name>Dense|Linear|Conv[123][dD]|ConvTranspose[123]d|Conv[123]DTranspose"
    r"|SeparableConv[12]D|DepthwiseConv[12]D|Embedding"
    r"|LSTM|GRU|SimpleRNN|RNN|BatchNormalization|BatchNorm[123]d|LayerNormalization|LayerNorm"
    r"|InstanceNorm[123]d|GroupNorm|RMSNorm)"
    r"\s*\("
)

# Layers this solver does not model: their presence makes a note too open.
_UNMODELLED = GatedPattern(
    r"dilat|merge_mode"
    r"|num_layers|LoRA|adapter|pruned|sparse|quantiz"
    r"|TimeDistributed|ConvLSTM|Conv1d\(.*groups|Highway|capsule"
    # GPT-2's ``Conv1D(nf, nx)`` (Hugging Face) is a linear layer, not a convolution
    r"|\bc_(?:attn|proj|fc)\b|\bpytorch_utils\b",
    re.I,
)
# A transposed convolution counts as a convolution (C·F·k + F), but in a code block the
# layers around it are followed by code_layers, which knows their shapes.
_TRANSPOSED_IN_CODE = lazy_regex(r"Transpose|transposed|deconv", re.I)
# "2 x LayerNorm", "3 x the projection": copies of a layer whose count the claim sums.
# "two LayerNorms", "both LSTMs": so do a count and a plural kind.
_COPIES = lazy_regex(
    r"(?<![\w.,])\d+\s*[x\N{MULTIPLICATION SIGN}*]\s*(?:the\s+)?[A-Za-z][\w-]*\b(?!\s*[(\d])"
    r"|\b(?:two|three|four|five|six|both|all|\d+)\s+(?:[\w-]+\s+)?"
    r"(?:[\w-]*norm(?:alization)?s|LSTMs|GRUs|RNNs)\b",
    re.I,
)
# A table row that repeats a block ("| 4 blocks (4 x 789,760) |", "| 3 stages |"), and the
# total row of such a table: the summary readers add these rows up.
_REPEATED_ROW = lazy_regex(
    r"[ \t]*\|[ \t*_]*\d+[ \t]+(?:[\w-]+[ \t]+)?(?:blocks|layers|stages|cells)\b", re.I
)
_TOTAL_ROW = lazy_regex(r"[ \t]*\|[ \t*_]*(?:grand[ \t]+)?(?:total|sum)\b", re.I)


def _sums_repeated_rows(text: str, start: int) -> bool:
    """Whether ``start`` is in a table row that repeats a block, or in the total row of a
    table that has such a row."""
    line = text.rfind("\n", 0, start) + 1
    if _REPEATED_ROW.match(text, line):
        return True
    if not _TOTAL_ROW.match(text, line):
        return False
    while line > 0:
        line = text.rfind("\n", 0, line - 1) + 1
        if not text[line:].lstrip(" ").startswith("|"):
            return False
        if _REPEATED_ROW.match(text, line):
            return True
    return False


# Weights shared between layers: a model's total is open, an embedding table's size is not.
_TIED = lazy_regex(r"shared weights|weight tying|\btied\b", re.I)

# Prose names of layers: kind -> pattern.
_PROSE_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("separable", lazy_regex(r"\bseparable\b", re.I)),
    ("depthwise", lazy_regex(r"\bdepth-?wise\b", re.I)),
    ("lstm", lazy_regex(r"\bLSTM\b")),
    ("gru", lazy_regex(r"\bGRU\b")),
    ("rnn", lazy_regex(r"\b(?:simple|vanilla|Elman) RNN\b|\bSimpleRNN\b", re.I)),
    # "the embedding" is a lookup table; a ViT's "patch embedding" is a convolution
    (
        "embedding",
        lazy_regex(
            r"\bembedding (?:layer|table|matrix|lookup)\b|\bthe embedding\b(?! size| dim)"
            # a layer column's cell or a list item's label: "| Embedding |", "- Embedding:"
            r"|(?:^|\|)[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?(?-i:Embedding)(?:\*\*)?[ \t]*(?=\||:)",
            re.I | re.M,
        ),
    ),
    ("batchnorm", lazy_regex(r"\b(?:batch|instance|group)[- ]?norm", re.I)),
    ("attention", ATTENTION),
    ("ffn", FEED_FORWARD),
    ("layernorm", lazy_regex(r"\blayer[- ]?norm", re.I)),
    ("rmsnorm", lazy_regex(r"\bRMS[ -]?Norm\b", re.I)),
    (
        "conv",
        lazy_regex(
            r"\bconv(?:olution(?:al)?)?s?\b|\bConv[123]D\b|\bpointwise\b|\bfilter bank\b"
            r"|\d+ filters\b",
            re.I,
        ),
    ),
    (
        "dense",
        lazy_regex(
            r"\b(?:dense|fully[- ]connected|linear|output|hidden|classification|softmax|final)"
            r" layer\b|\bDense\b|\b(?:logistic|linear|softmax) regression\b"
            r"|\b(?:softmax|classifier|classification|linear|dense) head\b|\bprojection\b",
            re.I,
        ),
    ),
)

# A count claim: "416 parameters", "8.3k trainable params", "73,856 weights".
_AFTER_COUNT = lazy_regex(
    r"[ \t]*\n?[ \t]*(?:\*\*|\}\})?[ \t]*(?:\((?:[^()\n]{0,30})\)[ \t]*)?(?:trainable[ \t]+"
    r"|learnable[ \t]+|total[ \t]+|free[ \t]+)?(?:param(?:eter)?s\b|weights\b)",
    re.I,
)
_BEFORE_COUNT = lazy_regex(
    r"(?:param(?:eter)?s?(?: count)?|Param #|weights)\s*(?:\*\*)?\s*"
    r"(?:[:=\N{EM DASH}\N{EN DASH}]|is|are|of|equals|totals?|comes? to)\s*(?:\*\*|\{\{c\d+::)?\s*$",
    re.I,
)
_PER = lazy_regex(
    r"^\s*(?:\*\*)?\s*(?:\w+\s+){0,3}?(?:per|each|for every|for each|in each)\b", re.I
)
_HEDGE = lazy_regex(
    r"(?:about|around|roughly|approximately|approx\.?|~|\N{ALMOST EQUAL TO}|nearly|almost|over"
    r"|more than|fewer than"
    r"|less than|under|at most|at least|up to|e\.g\.|not|instead of|rather than|than|would"
    r"|could|only if|if|vs\.?|versus|non-|extra|additional|another|saves?|fewer|more)"
    r"\s*(?:\*\*|\{\{c\d+::)?\s*$",
    re.I,
)
# The hedges of an approximation, which claims.wording judges at the claim's precision.
# "about {{c1::1.5M}}": a cloze deletion hides the count, not the hedge before it.
_APPROXIMATELY = lazy_regex(
    r"(?:about|around|roughly|approximately|approx\.?|~|\N{ALMOST EQUAL TO})"
    r"\s*(?:\*\*|\{\{c\d+::)?\s*",
    re.I,
)
_HEDGE_AFTER = lazy_regex(
    r"^\s*(?:\*\*)?\s*(?:fewer|more|less|extra|additional|instead|saved|non-trainable"
    r"|would|in the (?:whole|entire|full) (?:model|network)|of the model|for the model"
    r"|per\b|each\b|weights? and (?:one|an?|the|\d+) bias)",
    re.I,
)
# "3 x 64", "64 * 3", "+ 64"; "**" (bold) and "max" are no operators
_OPERATORS = r"\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}+\N{MINUS SIGN}/^"
_OPERATOR_BEFORE = lazy_regex(rf"(?:(?<![A-Za-z])[xX]|[{_OPERATORS}-]|(?<!\*)\*)\s*$")
_OPERATOR_AFTER = lazy_regex(rf"^\s*(?:[xX](?![A-Za-z])|[{_OPERATORS}]|\*(?!\*))")
_RESULT_BEFORE = lazy_regex(r"=\s*(?:\*\*)?\s*$")
# A call's keyword argument ("kernel_size=3", "`groups=4`"): an assignment, no result.
_KEYWORD_BEFORE = lazy_regex(r"(?<![\w.])(?P<name>[A-Za-z_]\w*)=$")
# A calculation's result said to be the whole layer's ("= 1,728 parameters in total, biases
# included"): a layer total, whatever its terms left out.
_WHOLE_AFTER = lazy_regex(
    r"^\s*(?:\*\*)?\s*(?:trainable\s+|learnable\s+)?(?:param(?:eter)?s|weights)?\s*(?:\*\*)?\s*"
    r"(?:in\s+total|in\s+all|altogether|overall|all\s+told|,?\s*(?:biases|bias\s+terms?)\s+"
    r"included|,?\s*including\s+(?:the\s+|all\s+)?(?:biases|bias\s+terms?))\b",
    re.I,
)
# A line, list item or table row labelled as the total: "Total: 18,624", "| total | 24,576 |",
# "- **Total**: 9,088", "All four together: …".
_TOTAL_LABEL = lazy_regex(
    r"(?:^|\|)[ \t]*(?:[-*+][ \t]+)?(?:\*\*)?[ \t]*(?:(?:the[ \t]+)?total|overall|in[ \t]+total"
    r"|all[ \t]+(?:\w+[ \t]+)?(?:together|combined))(?:[ \t]+(?:param(?:eter)?s|count))?"
    # "total with the 64 biases:", "total (biases included):"
    r"(?:[ \t]+(?:with|including|incl\.|plus)[ \t][^:|=\n]{1,30}|[ \t]*\([^()\n]{1,30}\))?[ \t]*"
    r"(?:\*\*)?[ \t]*(?:[:=|]|is|comes?[ \t]+to)[ \t]*(?:\*\*)?[ \t]*$",
    re.I | re.M,
)
# The end of a calculation's result: the line, cell or sentence ends after it.
_RESULT_END = lazy_regex(r"\s*(?:\*\*|\$\$?|\}\})?\s*(?:[.,;|]|$)", re.M)
# "each of the 10 units has 128 weights": a count per unit or filter.
_EACH_BEFORE = lazy_regex(
    r"(?:\b(?:each|every)\b|\bper (?:unit|filter|neuron|kernel|gate|head|channel|class)\b)"
    r"(?:(?!,\s*(?:so|which|and|giving|making|i\.e\.|that is))[^.;:=\N{RIGHTWARDS ARROW}\n])*$",
    re.I,
)

_COUNT_WORDS = lazy_regex(r"param|weights", re.I)
_HOW_MANY = lazy_regex(r"how many\b[^?\n]*\b(?:param|weights)", re.I)
_LEADING_ANSWER = lazy_regex(
    r"^(?!\s*\d+[.)]\s)\s*"
    # "Answer: 102,400." labels the count as the answer, and so does an arrow that opens the
    # answer ("→ **99,328**", "=> 896")
    r"(?:(?:\*\*)?(?i:answer|result|A)(?:\*\*)?[ \t]*:[ \t]*(?:\*\*)?[ \t]*"
    r"|(?:\N{RIGHTWARDS ARROW}|\N{RIGHTWARDS DOUBLE ARROW}|=>|->)[ \t]*)?"
    r"(?:\*\*)?(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?![\d,])(?:\*\*)?\s*"
    r"(?:$|[.:;,(\N{EM DASH}\N{EN DASH}]|-\s|in total|total|parameters|params|weights)"
)
# The label of a list item whose value is a count: a layer, a scenario or the count itself.
_COUNT_LABEL = lazy_regex(
    r"\(|param|total|count|with|without|bias\b|layer|conv|dense|lstm|gru|embedding|norm", re.I
)
_LABEL_ITEM = lazy_regex(
    r"^\s*(?:[-*+]|\d+[.)])\s+[^:\n]+:\s*(?:\*\*)?(?P<num>[\d,]+)(?:\*\*)?\.?\s*$"
)
_UNIT_AFTER = lazy_regex(
    r"^\s*(?:%|ms\b|s\b|kHz|Hz|GB|MB|KB|bytes?|bits?|epochs?|years?|steps?|seconds?|minutes?"
    r"|hours?|layers?\b|times\b|x\b|\N{MULTIPLICATION SIGN}|FLOPs|MACs|multiplications"
    r"|operations|mult)",
    re.I,
)

# Roles of a number from the words after it ("32 filters") or before it ("filters: 32").
_ROLE_AFTER: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "filters",
        lazy_regex(
            r"^[\s-]*(?:\w+[\s-]+)?(?:filters?|kernels|feature maps?|out(?:put)?[ _]channels?)\b",
            re.I,
        ),
    ),
    ("channel", lazy_regex(r"^[\s-]*(?:\w+[\s-]+)?(?:input\s+)?channels?\b", re.I)),
    (
        "units",
        lazy_regex(
            r"^[\s-]*(?:\w+[\s-]+)?(?:units?|neurons?|nodes?|cells?|outputs?|class(?:es)?)\b",
            re.I,
        ),
    ),
    (
        "width",
        lazy_regex(
            r"^[\s-]*(?:\w+[\s-]+)?(?:inputs?|features?|dimensions?|dimensional|dims?|values"
            r"|pixels|d\b|vectors?|embeddings)\b",
            re.I,
        ),
    ),
    (
        "vocab",
        lazy_regex(
            r"^[\s-]*(?:\w+[\s-]+)?(?:words|tokens|vocabulary|entries|ids|items|categories)\b",
            re.I,
        ),
    ),
    (
        "kernel",
        lazy_regex(r"^[\s-]*(?:\w+[\s-]+)?(?:kernel|convolution|conv|filter\b|window)", re.I),
    ),
    ("mult", lazy_regex(r"^[\s-]*depth multiplier", re.I)),
    ("groups", lazy_regex(r"^[\s-]*groups\b", re.I)),
)
_ROLE_BEFORE: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "filters",
        lazy_regex(
            r"(?:filters|out_channels|output channels|feature maps)\s*[:=]?\s*(?:of\s+)?$", re.I
        ),
    ),
    (
        "channel",
        lazy_regex(r"(?:channels|in_channels|input channels|c_in|C)\s*[:=]?\s*(?:of\s+)?$", re.I),
    ),
    (
        "units",
        lazy_regex(
            r"(?:units|neurons|hidden size|hidden_size|hidden units|out_features"
            r"|hidden state size|state size"
            # a transformer's feed-forward width: the expansion layer's units
            r"|inner (?:size|dim(?:ension)?|width)|d_ff|dim_feedforward|intermediate size"
            r"|feed-?forward (?:size|dim(?:ension)?|width))\s*[:=]?\s*(?:of\s+)?$",
            re.I,
        ),
    ),
    (
        "width",
        lazy_regex(
            r"(?:input(?:_dim| dim(?:ension)?| size| features)?|in_features|input_size"
            r"|features|dim(?:ension)?|d_model|embedding (?:size|dim(?:ension)?)"
            r"|features? per (?:time )?(?:step|frame|token|timestep)"
            r"|output_dim|(?<!hidden )(?<!hidden_)(?<!state )(?<!state_)(?<!kernel_)(?<!kernel )"
            r"(?<!pool_)(?<!pool )(?<!batch_)(?<!batch )(?<!step )size|width)"
            r"\s*[:=]?\s*(?:of\s+)?$",
            re.I,
        ),
    ),
    (
        "vocab",
        lazy_regex(
            r"(?:vocab(?:ulary)?(?: size)?|input_dim|num_embeddings)\s*[:=]?\s*(?:of\s+)?$", re.I
        ),
    ),
    (
        "kernel",
        lazy_regex(
            r"(?:kernel(?:_size| size| width)?|\bk|filters? of (?:width|size))"
            r"\s*[:=]?\s*(?:of\s+)?$",
            re.I,
        ),
    ),
    ("mult", lazy_regex(r"(?:depth_multiplier|multiplier)\s*[:=]?\s*(?:of\s+)?$", re.I)),
    ("groups", lazy_regex(r"\bgroups\s*[:=]\s*$", re.I)),
    ("src", lazy_regex(r"(?:\bfrom|\bmaps?|\bon|\bprojects?)\s+$", re.I)),
)
_TO_AFTER = lazy_regex(r"^\s*(?:[\w-]+\s+)?(?:\N{RIGHTWARDS ARROW}|->|to)\s*(?:\*\*)?\d", re.I)
# "from 256 channels to 64", "768 → 3072": the size mapped to; "applied to 1,024" is not
_TO_BEFORE = lazy_regex(r"\d[\w\s-]{0,25}(?:\N{RIGHTWARDS ARROW}|->|\bto)\s*(?:\*\*)?$", re.I)

_RGB = lazy_regex(r"\b(?:RGB|colou?r image)s?\b", re.I)
_GRAY = lazy_regex(r"\b(?:gr[ae]y-?scale|monochrome|single-channel|mono)\b", re.I)
_NO_BIAS = lazy_regex(
    r"use_bias\s*=\s*False|bias\s*=\s*False|without (?:a |any )?bias|no bias"
    r"|without (?:an )?intercept|fit_intercept\s*=\s*False|no intercept"
    r"|bias-free|\b(?:drops?|omits?|removes?|skips?)\s+(?:its|the|their)\s+bias(?:es)?\b",
    re.I,
)
_WITH_BIAS = lazy_regex(r"use_bias\s*=\s*True|with (?:a |the )?bias|including (?:the )?bias", re.I)
_ONE_CONV = lazy_regex(r"\b(depthwise|separable|pointwise)[- ]conv\w*", re.I)
_BOTH_WISE = lazy_regex(r"depthwise[- ]separable", re.I)
_MULTICLASS = lazy_regex(r"class|one-vs|multinomial|softmax|OvR", re.I)
_REGRESSION = lazy_regex(r"logistic|linear regression", re.I)
_ONE_D = lazy_regex(
    r"\b(?:text|words?|sequences?|signals?|audio|time series|tokens?|embeddings?"
    r"|waveforms?|sentences?)\b",
    re.I,
)
_TWO_D = lazy_regex(r"\b(?:images?|pixels?|RGB|gr[ae]yscale|photos?)\b", re.I)
_SENTENCE_END = lazy_regex(r"[.!?;](?:\s|$)")
_DIMS = lazy_regex(r"([123])[- ]?D\b")
_SEVERAL = lazy_regex(
    r"\b(two|three|four|five|several|stacked|both|\d+)\b[^.\n]{0,40}\blayers\b", re.I
)
_COUNT_OF = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _layer_count(word: str) -> int:
    """How many layers "two", "both" or "3" layers are; "several" or "stacked" are more."""
    return int(word) if word.isdigit() else _COUNT_OF.get(word.lower(), _MAX_STACK + 1)


_FORMULAS = {
    "dense": "inputs * units + units",
    "conv": "kernel volume * input channels * filters + filters",
    "depthwise": "kernel volume * channels * multiplier + channels * multiplier",
    "separable": "depthwise k * C * M + pointwise C * M * F + F",
    "embedding": "vocabulary * dimension",
    "lstm": "4 * (h * (x + h) + h), PyTorch + 4h",
    "gru": "3 * (h * (x + h) + h), reset_after or PyTorch + 3h",
    "rnn": "h * (x + h) + h",
    "batchnorm": "4 * C, 2 * C trainable",
    "layernorm": "2 * d",
    "rmsnorm": "d (one gain per feature)",
    "attention": "4 projections d * d + d (query, key, value, output)",
    "ffn": "d * d_ff + d_ff + d_ff * d + d",
}
# ("output channels", "the output size" are sizes of the layer, no other layer)
_NAMED_ELSEWHERE = lazy_regex(
    r"\b(?:head|output(?![ _-](?:channels?|features?|size|dim\w*|shape|width)\b)"
    # "the output of layer 1" is a stacked layer's input, no output layer
    r"(?!\s+of\s+(?:the\s+)?(?:layer\s*\d|(?:first|previous|lower)\s+layer)\b)|classifier"
    r"|projection|readout|decoder|encoder|gates?|attention)\b",
    re.I,
)
_SUMMARY = lazy_regex(r"(?:Total|Trainable|Non-trainable) params|Param #", re.I)
_WHOLE = lazy_regex(
    r"\b(?:both|all (?:the |\w+ )?layers|sum|combined|whole (?:model|network|block|stack)"
    r"|entire|model(?!\s+(?:width|dimension|dim)\b)|network|stack|block|CNN|MLP|ConvNet|net)\b",
    re.I,
)
# "In `model.summary()` its row shows 128": one layer's row of the model's summary
_ONE_ROW = lazy_regex(
    r"\b(?:its|the|this|that|whose)\s+(?:[\w`().]+\s+)?(?:row|line|entry)\b", re.I
)
_TORCH = lazy_regex(r"\bnn\.|torch|PyTorch", re.I)
# Keras' own names: model.summary() and count_params() (PyTorch has neither), and the
# BatchNormalization class (PyTorch's is BatchNorm2d)
_KERAS = lazy_regex(
    r"keras|layers\.|\btf\.|\bmodel\.summary\(\)|\.count_params\(\)|(?-i:\bBatchNormalization\b)",
    re.I,
)


@dataclass(frozen=True)
class Number:
    value: float
    start: int
    end: int
    roles: frozenset[str]
    text: str


# a table row's start and end, its table's start, whether it is the first row with a layer
RowScope = tuple[int, int, int, bool]


@dataclass(frozen=True)
class Stated:
    """A size the note states, as a candidate input of a formula."""

    value: int
    roles: frozenset[str]
    position: int
    source: int = -1  # the start of the layer whose output it is


@dataclass
class Layer:
    kind: str  # dense, conv, depthwise, separable, embedding, lstm, gru, rnn, batchnorm, layernorm
    start: int
    dims: tuple[int, ...] = (1, 2)  # conv dimensions that may apply
    fixed: dict[str, int] = field(default_factory=dict)
    torch: bool | None = None
    no_bias: bool = False
    output: int | None = None
    end: int = -1  # where its call ends (-1: named in words)
    prose: bool = False  # named by a word, not a call: its sizes are all read from the text
    # a recurrent layer's directions: (2,) wrapped in Bidirectional (or bidirectional=True),
    # (1, 2) where the note says "bidirectional" in words or counts one direction
    directions: tuple[int, ...] = (1,)
    # a GRU's bias vectors by its reset_after setting, when the call states it
    reset_after: bool | None = None
    # a recurrent call's ``num_layers``, and the layers of it (from 1) a claim's line names
    stack: int = 1
    stacked: frozenset[int] = frozenset()
    # a norm layer's learned vectors per channel where its call's flags switch some off
    # (Keras ``center``/``scale``, PyTorch ``affine``/``elementwise_affine``)
    affine: int | None = None
    # a feed-forward block with a gate (GLU): a third matrix
    gated: bool = False


# ----------------------------------------------------------------------------- the text


_LATEX_TIMES = lazy_regex(r"\\(?:times|cdot)(?![A-Za-z])")
# "1{,}050{,}624": every group of a number, its padding after the last digit
_LATEX_THOUSANDS = lazy_regex(r"\d(?:\{,\}\d{3})+")


def _body(document: LintDocument) -> str:
    """The file with the front matter blanked and LaTeX products and thousands (also those
    grouped by spaces or underscores) written as text ("4 \\times 10{,}560" as "4 x 10,560"),
    all at the same length: offsets stay file offsets."""
    body = document.text[document.body_offset :]
    if "\\" in body or "{,}" in body:
        body = _LATEX_TIMES.sub(lambda m: "\N{MULTIPLICATION SIGN}".ljust(len(m.group(0))), body)
        body = _LATEX_THOUSANDS.sub(
            lambda m: m.group(0).replace("{,}", ",").ljust(len(m.group(0))), body
        )
    # "55 424 parameters", "3_840 params": thousands grouped by spaces or underscores
    return " " * document.body_offset + underscored_thousands(spaced_thousands(body))


def text_with_math(document: LintDocument) -> str:
    """The note with LaTeX products and thousands as plain text, at file offsets."""
    return _body(document)


def _value(match: re.Match[str]) -> float:
    value = float(match.group("num").replace(",", ""))
    suffix = (match.group("suffix") or "").lower()
    scale = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6}.get(suffix, 1.0)
    return value * scale


_OPENING_AFTER_LABEL = lazy_regex(r"(?:(?<=[A-Za-z])\s+\(|\s*\(\$|(?<=[A-Za-z])\s+\$)\s*$")
_COPULA = lazy_regex(r"\s+(?:is|are|was|were|equals)\s*(?:\*\*)?\s*$", re.I)


def _roles(text: str, start: int, end: int) -> set[str]:
    # the words of the number's own list item, paragraph or row: "- features per step: 6"
    # takes no role from the next item's "- hidden units: 24"
    after = _BLOCK_BREAK.split(text[end : end + 40], maxsplit=1)[0]
    before = _BLOCK_BREAK.split(text[max(0, start - 40) : start])[-1]
    roles = {role for role, pattern in _ROLE_AFTER if pattern.search(after)}
    # "the model width is 768", "the hidden size was 64": the label before a verb
    before = _COPULA.sub(" ", before)
    # "input size ($300$)", "hidden size (512)": a bracket or math opening after the label
    before = _OPENING_AFTER_LABEL.sub("", before)
    roles |= {role for role, pattern in _ROLE_BEFORE if pattern.search(before)}
    if _TO_AFTER.search(after):
        roles.add("src")
    if _TO_BEFORE.search(before):
        roles.add("dst")
    return roles


def _numbers(text: str, start: int, end: int) -> list[Number]:
    """Every number of the text with its candidate roles; products of sizes add their
    product (a flattened width, a kernel volume) and their last value (channels)."""
    found: list[Number] = []
    for match in _PRODUCT.finditer(text, start, end):
        values = [int(v.replace(",", "")) for v in _TIMES.split(match.group(0))]
        roles = _roles(text, match.start(), match.end())
        product = math.prod(values)
        if "kernel" in roles or (len(set(values)) == 1 and max(values) <= 11):
            found.append(Number(product, match.start(), match.end(), frozenset({"kernel"}), ""))
        else:
            found.append(Number(product, match.start(), match.end(), frozenset({"width"}), ""))
            if len(values) == 3:
                found.append(
                    Number(values[-1], match.start(), match.end(), frozenset({"channel"}), "")
                )
    for match in _SHAPE.finditer(text, start, end):
        if _NOT_A_SHAPE.search(text, max(0, match.start() - 16), match.start()):
            continue  # a call's arguments or a kernel size, no tensor
        # "(None, 40, 100)", "shape=(28, 28, 1)": the last axis holds the features or channels
        found.append(
            Number(
                int(match.group(1)),
                match.start(1),
                match.end(1),
                frozenset({"width", "channel"}),
                "",
            )
        )
    for match in _NUMBER.finditer(text, start, end):
        if _UNIT_AFTER.search(text, match.end(), match.end() + 12):
            continue
        roles = _roles(text, match.start(), match.end())
        before = text[max(0, match.start() - 3) : match.start()]
        after = text[match.end() : match.end() + 3]
        if _OPERATOR_BEFORE.search(before) or _OPERATOR_AFTER.search(after):
            roles = set()  # an operand of a calculation, not a stated size
        found.append(
            Number(_value(match), match.start(), match.end(), frozenset(roles), match.group(0))
        )
    for match in _NUMBER_WORDS.finditer(text, start, end):
        value = words_value(match.group(0))
        roles = _roles(text, match.start(), match.end()) - {"src", "dst"}
        if value is not None and value >= 2 and roles:
            # no text: a size to read, never a claimed count
            found.append(Number(value, match.start(), match.end(), frozenset(roles), ""))
    return found


# ----------------------------------------------------------------------------- layers


def _ints(value: object) -> tuple[int, ...] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return (value,)
    if (
        isinstance(value, tuple)
        and value
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        return tuple(value)
    return None


def _call_text(text: str, open_paren: int) -> str | None:
    depth = 0
    for index in range(open_paren, min(len(text), open_paren + 300)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return text[open_paren : index + 1]
        elif text[index] == "\n" and depth > 2:
            return None
    return None


# positional argument names per call name (Keras first, PyTorch with "nn.")
_POSITIONAL = {
    "Dense": ("units",),
    "Linear": ("in", "units"),
    "Conv": ("filters", "kernel"),
    "TorchConv": ("channel", "filters", "kernel"),
    "SeparableConv": ("filters", "kernel"),
    "DepthwiseConv": ("kernel",),
    "Embedding": ("vocab", "width"),
    "Recurrent": ("units",),
    "TorchRecurrent": ("width", "units"),
    "Norm": (),
    "TorchNorm": ("channel",),
    # ``nn.GroupNorm(num_groups, num_channels)``: the groups split the statistics only
    "TorchGroupNorm": ("num_groups", "channel"),
}
_KEYWORDS = {
    "units": "units",
    "filters": "filters",
    "kernel_size": "kernel",
    "in_features": "in",
    "out_features": "units",
    "features": "units",  # Flax's nn.Dense(features=…)
    "in_channels": "channel",
    "out_channels": "filters",
    "input_dim": "in",
    "output_dim": "width",
    "num_embeddings": "vocab",
    "embedding_dim": "width",
    "input_size": "width",
    "hidden_size": "units",
    "depth_multiplier": "mult",
    "groups": "groups",
    "num_features": "channel",
    "normalized_shape": "channel",
}


_NORMS = frozenset({"batchnorm", "layernorm", "rmsnorm"})
_AFFINE_FLAGS = frozenset({"center", "scale", "affine", "elementwise_affine"})


def _affine_vectors(flags: dict[str, bool]) -> int:
    """The per-channel vectors a norm layer learns under its call's flags: the scale (gamma)
    unless ``scale=False``, the shift (beta) unless ``center=False``, neither without
    ``affine``."""
    if not flags.get("affine", True) or not flags.get("elementwise_affine", True):
        return 0
    return int(flags.get("scale", True)) + int(flags.get("center", True))


def _framework(call: re.Match[str], torch_note: bool | None) -> bool | None:
    """PyTorch for ``nn.GRU(…)``, Keras for ``layers.GRU(…)``, else the note's framework: a
    note may build layers of both."""
    prefix = call.group(0)[: call.start("name") - call.start()]
    if prefix in {"nn.", "torch.nn."}:
        return True
    if prefix.endswith("layers."):
        return False
    # "Keras `LSTM(512)`: …", "- PyTorch `GRU(40, 128)`": the call's own label names it
    line_start = call.string.rfind("\n", 0, call.start()) + 1
    window = (max(line_start, call.start() - 24), call.start())
    labels = [m.group(0).lower() for m in _FRAMEWORK_LABEL.finditer(call.string, *window)]
    if labels:
        return labels[-1] != "keras"  # the label nearest the call
    return torch_note


def _recurrent_calls(text: str, start: int) -> Iterator[Layer]:
    """Each recurrent layer call of the text, read alone."""
    for match in _CALL.finditer(text, start):
        call = _call_text(text, match.end() - 1)
        if call is None or match.group("name") not in {"LSTM", "GRU", "RNN", "SimpleRNN"}:
            continue
        layer = _call_layer(match.group("name"), call, match.start(), _framework(match, None))
        if layer is not None and layer.kind in _RECURRENT:
            yield layer


_FRAMEWORK_LABEL = lazy_regex(r"\b(?:Keras|PyTorch)\b", re.I)


def _call_layer(name: str, call: str, start: int, torch_note: bool | None) -> Layer | None:
    try:
        node = ast.parse("f" + call, mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(node, ast.Call):
        return None
    torch = (name[0].isupper() and name in {"Linear", "LayerNorm"}) or name.endswith("d")
    if name in {"LSTM", "GRU", "RNN", "Embedding"}:
        torch = torch_note is True
    conv_dims = re.search(r"[123]", name)
    kind, slot = {
        "Dense": ("dense", "Dense"),
        "Linear": ("dense", "Linear"),
        "Embedding": ("embedding", "Embedding"),
        "LSTM": ("lstm", "Recurrent"),
        "GRU": ("gru", "Recurrent"),
        "SimpleRNN": ("rnn", "Recurrent"),
        "RNN": ("rnn", "Recurrent"),
        "BatchNormalization": ("batchnorm", "Norm"),
        "LayerNormalization": ("layernorm", "Norm"),
        "LayerNorm": ("layernorm", "TorchNorm"),
        "RMSNorm": ("rmsnorm", "TorchNorm"),
    }.get(name, ("", ""))
    if name.startswith("Separable"):
        kind, slot = "separable", "SeparableConv"
    elif name.startswith("Depthwise"):
        kind, slot = "depthwise", "DepthwiseConv"
    elif name.startswith("BatchNorm") and name != "BatchNormalization":
        kind, slot = "batchnorm", "TorchNorm"
    elif name.startswith("InstanceNorm"):
        # a per-channel scale and shift like BatchNorm's, but PyTorch learns them only with
        # ``affine=True`` (its default is False)
        kind, slot = "batchnorm", "TorchNorm"
    elif name == "GroupNorm":
        kind, slot = "batchnorm", "TorchGroupNorm"  # a scale and a shift per channel
    elif name.startswith("Conv"):
        kind, slot = "conv", "TorchConv" if torch else "Conv"
    if kind in {"lstm", "gru", "rnn"} and (torch or len(node.args) >= 2):
        # Keras recurrent layers take one positional size, PyTorch's (input, hidden)
        slot = "TorchRecurrent"
    dims = (int(conv_dims.group(0)),) if conv_dims else (1, 2)
    layer = Layer(kind, start, dims, torch=torch if kind in {"dense", "conv"} else torch_note)
    positional = _POSITIONAL[slot]
    pairs = list(zip(positional, node.args, strict=False))
    pairs += [(_KEYWORDS.get(k.arg or "", k.arg or ""), k.value) for k in node.keywords]
    flags: dict[str, bool] = {}
    for role, arg in pairs:
        value = literal_value(arg)
        if kind in _NORMS and role in _AFFINE_FLAGS and isinstance(value, bool):
            flags[role] = value
            continue
        if role in {"use_bias", "bias"} and value is False:
            layer.no_bias = True
        if role == "bidirectional" and value is True and kind in _RECURRENT:
            layer.directions = (2,)
            continue
        if role == "reset_after" and isinstance(value, bool) and kind == "gru":
            layer.reset_after = value
            continue
        if role == "num_layers" and kind in _RECURRENT and isinstance(value, int) and value > 0:
            layer.stack = value  # layers above the first read its hidden state
            continue
        if role == "groups" and kind == "conv" and isinstance(value, int):
            layer.fixed["groups"] = value  # each filter sees C / groups input channels
            continue
        if role in {"bidirectional", "num_layers", "groups", "reset_after"} and value not in (
            None,
            1,
            False,
        ):
            return None
        if role in {"input_shape", "batch_input_shape"} and isinstance(value, tuple):
            last = value[-1] if value else None
            if isinstance(last, int) and not isinstance(last, bool):
                layer.fixed["channel" if kind in {"conv", "depthwise", "separable"} else "in"] = (
                    last
                )
            continue
        ints = _ints(value)
        if ints is None or role not in {
            "units",
            "filters",
            "kernel",
            "in",
            "channel",
            "width",
            "vocab",
            "mult",
        }:
            continue
        if role == "kernel":
            if len(ints) == 1:
                layer.fixed["kernel"] = ints[0]
                layer.fixed["kernel_axes"] = 1
            else:
                layer.fixed["kernel"] = math.prod(ints)
                layer.fixed["kernel_axes"] = len(ints)
        elif len(ints) == 1:
            layer.fixed[role] = ints[0]
    if kind in {"lstm", "gru", "rnn"} and "width" in layer.fixed:
        layer.fixed["in"] = layer.fixed.pop("width")
    if name.startswith("InstanceNorm"):
        flags.setdefault("affine", False)
    if flags:
        layer.affine = _affine_vectors(flags)
    if kind in _NORMS and "channel" in layer.fixed:
        layer.fixed["c"] = layer.fixed.pop("channel")
    if kind == "embedding" and "in" in layer.fixed:
        layer.fixed["vocab"] = layer.fixed.pop("in")
    if name in {"BatchNormalization", "LayerNormalization"}:
        layer.torch = False  # Keras' names
    elif kind in _NORMS:
        layer.torch = True
    if slot == "TorchRecurrent":
        layer.torch = True  # nn.LSTM(10, 20): PyTorch's signature, its two bias vectors
    layer.output = layer.fixed.get("units") or layer.fixed.get("filters")
    if kind == "embedding":
        layer.output = layer.fixed.get("width")  # the vectors it looks up feed the next layer
    if layer.output and layer.directions == (2,):
        layer.output *= 2  # the two directions' states are concatenated
    return layer


_RESET_AFTER = lazy_regex(r"\breset_after\s*=\s*(True|False)\b")


def _stated_reset_after(text: str) -> bool | None:
    """The one ``reset_after`` setting a note states for its GRU in words or inline code."""
    values = {match.group(1) == "True" for match in _RESET_AFTER.finditer(text)}
    if len(values) == 1:
        return values.pop()
    if values or _OLD_KERAS.search(text) or "reset_after" in text:
        return None
    # TF 2 and Keras 3 default to reset_after=True: a note that names them and no older
    # release, nor the setting, has the GRU two bias vectors
    return True if _NEW_KERAS.search(text) else None


# "Keras 3", "TF 2", "Python 3.11": a release, no size
_VERSION_BEFORE = lazy_regex(
    r"\b(?:Keras|TF|TensorFlow|Python|PyTorch|torch|CUDA|JAX|Flax|version|v)\s?$", re.I
)
# "since …", "because …", "(the BatchNorm after it …)": a reason given for the layer's setting
_REASON = lazy_regex(
    r"\((?=[^()]*batch[- ]?norm)[^()]*\)"
    r"|\b(?:since|because)\b(?=[^.;()]*batch[- ]?norm)[^.;()]*",
    re.I,
)
_NEW_KERAS = lazy_regex(
    r"\b(?:TF\s?2|TensorFlow\s?2|Keras\s?3|tf\.keras\s+2|TF\s?2\.\d+|TensorFlow\s+2\.\d+)\b", re.I
)
_OLD_KERAS = lazy_regex(r"\b(?:TF\s?1|TensorFlow\s?1|Keras\s?2|CuDNNGRU|legacy)\b", re.I)


# Words that put layers named in prose one after another.
_SEQUENCE = lazy_regex(
    r"\b(?:followed by|then|another|second|next|after (?:it|that)|stacked|on top)\b", re.I
)
# "Bidirectional(LSTM(64))": Keras' wrapper runs the layer twice, one copy per direction.
_WRAPPED = lazy_regex(r"\bBidirectional\s*\(\s*(?:\w+\.)*$")
_BIDIRECTIONAL = lazy_regex(r"\bbi-?directional\b|\bBi-?(?:LSTM|GRU|RNN)\b", re.I)


def _layers(
    text: str,
    start: int,
    end: int,
    torch_note: bool | None,
    calls_only: bool = False,
    dims_hint: tuple[int, ...] = (1, 2),
) -> list[Layer]:
    """Layers named in the span: calls first; prose kinds only where no call names one."""
    layers: list[Layer] = []
    taken: list[tuple[int, int]] = []
    for match in _CALL.finditer(text, start, end):
        call = _call_text(text, match.end() - 1)
        if call is None:
            continue
        layer = _call_layer(match.group("name"), call, match.start(), _framework(match, torch_note))
        if layer is None or not layer.kind:
            return []  # an unmodelled setting: stay silent
        if layer.kind == "gru" and layer.reset_after is None and layer.torch is not True:
            layer.reset_after = _stated_reset_after(text)  # the note's words or release
        if _WRAPPED.search(text, max(0, match.start() - 40), match.start()):
            if layer.kind not in _RECURRENT:
                return []  # a wrapper this solver does not model
            layer.directions = (2,)
            if layer.output:
                layer.output *= 2
        layer.end = match.end() - 1 + len(call)
        layers.append(layer)
        taken.append((match.start(), layer.end))
    # "a depthwise convolution" is one layer, not a depthwise one and a convolution
    span = _ONE_CONV.sub(lambda m: m.group(1).ljust(len(m.group(0))), text[start:end])
    if ATTENTION.search(span):
        span = PROJECTIONS.sub(lambda m: " " * len(m.group(0)), span)  # its own parts
    span = _without_reason_norms(span, (0, len(span)))
    if layers and calls_only:
        return layers
    if layers:
        # a layer named in words beside the calls ("then a dense layer") may be one no call
        # builds: the calls alone would leave it out of the count
        kinds = {layer.kind for layer in layers}
        if any(k not in kinds and p.search(span) for k, p in _PROSE_KINDS if k != "embedding"):
            return []
        return layers
    for kind, pattern in _PROSE_KINDS:
        named = pattern.search(span)
        if named is not None and len(pattern.findall(span)) > 1 and _SEQUENCE.search(span):
            return []  # "a 3x3 conv … followed by a 3x3 conv …": a stack named in words
        if named is not None and kind == "ffn" and not TRANSFORMER_CONTEXT.search(text):
            continue  # a feed-forward network of any depth, no transformer's block
        if named is not None:
            dims = _DIMS.search(span)
            layer_dims = (int(dims.group(1)),) if dims else dims_hint
            layer = Layer(kind, start + named.start(), layer_dims, torch=torch_note, prose=True)
            if kind == "ffn":
                layer.gated = is_gated(text)
            if kind in _RECURRENT and _BIDIRECTIONAL.search(text, start, end):
                layer.directions = (1, 2)
            if _REGRESSION.search(named.group(0)) and not _MULTICLASS.search(span):
                layer.fixed["units"] = 1  # logistic or linear regression: one dense unit
            layers.append(layer)
    for layer in layers:
        if layer.kind == "gru":
            layer.reset_after = _stated_reset_after(text)
    if {layer.kind for layer in layers} == {"separable", "depthwise"} and _BOTH_WISE.search(span):
        layers = [layers[0]]  # "a depthwise separable convolution": the separable one
    if {layer.kind for layer in layers} == {"ffn", "dense"}:
        # "the first linear layer of the FFN": a part of the block, whose counts it allows
        layers = [layer for layer in layers if layer.kind == "ffn"]
    if len(layers) > 1:
        # "a convolution followed by batch norm" names two layers, the kinds differing: too open
        # for prose; a conv named alongside its dense classifier likewise.
        return []
    return layers


# ----------------------------------------------------------------------------- formulas


_INPUTS = {
    "dense": (("in", ("width", "src", "units", "channel")), ("units", ("units", "dst"))),
    "conv": (
        ("channel", ("channel", "src")),
        ("filters", ("filters", "channel", "dst")),
        ("kernel", ("kernel",)),
    ),
    "depthwise": (("channel", ("channel", "filters", "src")), ("kernel", ("kernel",))),
    "separable": (
        ("channel", ("channel", "src")),
        ("filters", ("filters", "channel", "dst")),
        ("kernel", ("kernel",)),
    ),
    "embedding": (("vocab", ("vocab",)), ("width", ("width", "dst", "units"))),
    "lstm": (("in", ("width", "src", "channel")), ("units", ("units", "dst", "width"))),
    "gru": (("in", ("width", "src", "channel")), ("units", ("units", "dst", "width"))),
    "rnn": (("in", ("width", "src", "channel")), ("units", ("units", "dst", "width"))),
    "batchnorm": (("c", ("channel", "filters", "units", "width")),),
    "layernorm": (("c", ("width", "units", "channel")),),
    "rmsnorm": (("c", ("width", "units", "channel")),),
    "attention": (("d", ("width",)),),
    "ffn": (("in", ("width", "src")), ("units", ("units", "dst"))),
}
_DEFAULTS = {"mult": 1}
# The nouns that name a recurrent layer's two sizes, each excluding the other.
_PRIMARY = {"width": "in", "units": "units"}
_RECURRENT = frozenset({"lstm", "gru", "rnn"})
_OUTPUT_SLOTS = {kind: {"units", "filters"} for kind in _INPUTS}
_OUTPUT_SLOTS["embedding"] = {"width"}
# a feed-forward block maps d -> d_ff -> d: its inner size is mapped both to and from
_BOTH_SIDES = {("ffn", "units")}


def _counts(
    layer: Layer, values: dict[str, int], both: tuple[bool, ...], per_unit: bool, scope: str = ""
) -> set[int]:
    """Every count the layer's formula and its variants give for one assignment, with a bias
    and/or without (``both``), and with ``per_unit`` the count of one unit or filter (what a
    calculation's step may give)."""
    stage_trace.note_setup(stage_trace.PARAMS)
    kind = layer.kind
    out: set[int] = set()
    if kind == "dense":
        n, m = values["in"], values["units"]
        out |= {n * m + (m if bias else 0) for bias in both}
        if per_unit:
            out |= {n + 1, n}  # one unit's weights (and bias)
    elif kind in {"conv", "depthwise", "separable"}:
        c = values["channel"]
        kernels = _kernel_volumes(layer, values["kernel"])
        mult = values.get("mult", 1)
        groups = values.get("groups", 1)
        if kind == "conv" and (c % groups or values["filters"] % groups):
            return out  # no grouping: the groups must divide the channels and the filters
        for k, bias in itertools.product(kernels, both):
            if kind == "conv":
                f = values["filters"]
                out.add(k * (c // groups) * f + (f if bias else 0))
                if per_unit:
                    out |= {k * (c // groups) + 1, k * (c // groups)}  # one filter's
            elif kind == "depthwise":
                out.add(k * c * mult + (c * mult if bias else 0))
            else:
                f = values["filters"]
                base = k * c * mult + c * mult * f
                out |= {base + (f if bias else 0), base + (f + c * mult if bias else 0)}
    elif kind == "embedding":
        out.add(values["vocab"] * values["width"])
    elif kind in {"lstm", "gru", "rnn"}:
        x, h = values["in"], values["units"]
        gates = {"lstm": 4, "gru": 3, "rnn": 1}[kind]
        vectors = _bias_vectors(layer)
        for biases in {n for bias in both for n in (vectors if bias else (0,))}:
            if layer.stack > 1:
                out |= {
                    count
                    for d in layer.directions
                    for count in stack_counts(gates, x, h, biases, d, layer.stack, layer.stacked)
                }
                continue
            out |= {d * gates * (h * (x + h) + biases * h) for d in layer.directions}
    elif kind == "batchnorm":
        c = values["c"]
        trainable = c * (2 if layer.affine is None else layer.affine)
        # Keras counts the moving mean and variance (4·C, 2·C trainable); PyTorch keeps them
        # as buffers (2·C): a claim of the trainable ones, or of everything, settles which
        if scope == "trainable":
            out.add(trainable)
        elif scope == "all" and layer.torch is False:
            out.add(trainable + 2 * c)  # Keras' count of everything holds the moving statistics
        else:
            out |= {trainable + 2 * c, trainable}
    elif kind == "layernorm" and layer.affine is not None:
        out.add(values["c"] * layer.affine)  # the scale and shift its flags leave
    elif kind == "layernorm":
        c = values["c"]
        out |= {c + (c if bias else 0) for bias in both}  # gamma, and beta unless bias-free
    elif kind == "rmsnorm":
        out.add(values["c"])
    elif kind in {"attention", "ffn"}:
        out |= transformer_counts(kind, values, both, layer.gated)
    return out


def _bias_vectors(layer: Layer) -> tuple[int, ...]:
    """How many bias vectors of h a recurrent layer's gates hold: PyTorch two (input and
    hidden), Keras one, except a GRU with ``reset_after=True`` (the TF2 default); either
    where the framework or the setting is not stated."""
    if layer.kind == "gru" and layer.reset_after is not None:
        return (2,) if layer.reset_after else (1,)
    if layer.torch is True:
        return (2,)
    if layer.torch is False and layer.kind != "gru":
        return (1,)
    return (1, 2)


def _kernel_volumes(layer: Layer, kernel: int) -> set[int]:
    if layer.fixed.get("kernel_axes", 0) > 1:
        return {kernel}
    if "kernel" in layer.fixed:
        return {kernel**d for d in layer.dims}
    # a prose kernel: a product ("3x3") is its volume, a single size is per axis
    return {kernel} | {kernel**d for d in layer.dims}


def _layer_values(
    layer: Layer,
    strict: Sequence[Stated],
    loose: list[int],
    both: tuple[bool, ...],
    row: RowScope | None = None,
    per_unit: bool = False,
    text: str = "",
    own: tuple[tuple[int, int], tuple[int, int]] | None = None,
    scope: str = "",
) -> set[int] | None:
    """The counts the stated candidates allow, or None when an input has no candidate (the
    layer is not complete) or the combinations are too many. The candidates are pooled over
    the note: a size of another scenario may explain a count, never accuse it. An earlier
    layer's output is no candidate across a flatten, pooling or reshape: the layer after it
    takes the reshaped size, which the calls do not state."""
    slots = []
    for name, roles in _INPUTS[layer.kind]:
        if name in layer.fixed:
            slots.append((name, [layer.fixed[name]]))
            continue
        # "from 256 to 64 channels": the size mapped from is no output, the one mapped to no input
        wrong_side = "src" if name in _OUTPUT_SLOTS[layer.kind] else "dst"
        if (layer.kind, name) in _BOTH_SIDES:
            wrong_side = ""
        if name == "channel" and layer.dims == (1,):
            roles = (*roles, "width")  # a 1D convolution's channels: features per step
        fitting = [
            candidate
            for candidate in strict
            if candidate.roles & set(roles)
            and wrong_side not in candidate.roles
            and candidate.source != layer.start
            # a call's own arguments fill its own slots, never another size of it:
            # ``Dense(units=10)`` in a table row says nothing of its inputs
            and not layer.start <= candidate.position < layer.end
            and not _reshaped_before(text, candidate, layer)
        ]
        stated = sorted({c.value for c in fitting})
        if row is not None:
            if not any(_in_row(c, row) for c in fitting):
                return None  # a row that does not state this size takes it from the row above
            in_cells = {c.value for c in fitting if row[0] <= c.position < row[1]}
            stated = sorted(in_cells) or stated  # a row states its own scenario
        if len(stated) > 1 and own is not None and not _calculates(text, own[0]):
            sentence, clause = own
            in_sentence = {c.value for c in fitting if sentence[0] <= c.position < sentence[1]}
            in_clause = {c.value for c in fitting if clause[0] <= c.position < clause[1]}
            if len(in_sentence) > 1 and len(in_clause) == 1:
                # two layers in one sentence, each with its sizes and count ("the expansion
                # (768 inputs, 3072 outputs) holds … and the projection (3072 inputs, 768
                # outputs) …"): a count takes the sizes of its own clause
                stated = sorted(in_clause)
            elif layer.kind in _RECURRENT:
                # sequence length, batch and time steps blur a recurrent layer's sizes,
                # unless the claim's own item or sentence states one ("`LSTM(64)` on the
                # 128-dim embeddings: …"), or one by the slot's own noun ("100 units and
                # 300-dimensional vectors": the units are 100, the inputs 300)
                by_noun = [
                    c
                    for c in fitting
                    if roles[0] in c.roles and not c.roles & (_PRIMARY.keys() - {roles[0]})
                ]
                own_noun = {c.value for c in by_noun if sentence[0] <= c.position < sentence[1]}
                note_noun = {c.value for c in by_noun}
                if len(in_sentence) == 1:
                    stated = sorted(in_sentence)
                elif len(own_noun) == 1:
                    stated = sorted(own_noun)
                elif not in_sentence and len(note_noun) == 1:
                    # "- input: 40 bands" and "- GRU units: 128" in items of their own
                    stated = sorted(note_noun)
                else:
                    return None
        elif len(stated) > 1 and layer.kind in _RECURRENT:
            return None
        if not stated:
            if name in _DEFAULTS:
                stated = [_DEFAULTS[name]]
            else:
                return None
        own_item = _own_item_value(text, fitting, own)
        if own_item is not None:
            # a list item that names its layer's size ("2. 3x3 conv, 64 -> 64: …") counts
            # that layer: the sizes of the other items are other layers'
            slots.append((name, [own_item]))
            continue
        slots.append((name, sorted(set(stated) | set(loose))))
    if layer.kind == "conv":
        # ``groups=4`` on the call; else ungrouped, or a grouping the note states that divides
        # both sides
        stated_groups = {1, *(c.value for c in strict if "groups" in c.roles)}
        options = [layer.fixed["groups"]] if "groups" in layer.fixed else sorted(stated_groups)
        # a grouping stated in the claim's own row or sentence is the claim's scenario
        own_groups = _own_groups(strict, row, own)
        if own_groups and "groups" not in layer.fixed:
            options = own_groups
        slots.append(("groups", options))
    if layer.kind in {"depthwise", "separable"}:
        # ``depth_multiplier=2`` on the call, else 1 or a multiplier the note states
        stated_mults = {1, *(c.value for c in strict if "mult" in c.roles)}
        mults = [layer.fixed["mult"]] if "mult" in layer.fixed else sorted(stated_mults)
        slots.append(("mult", mults))
    if math.prod(len(options) for _name, options in slots) > _CAP:
        return None
    counts: set[int] = set()
    names = [name for name, _options in slots]
    for combo in itertools.product(*(options for _name, options in slots)):
        counts |= _counts(layer, dict(zip(names, combo, strict=True)), both, per_unit, scope)
    return counts


_ITEM_START = lazy_regex(r"[ \t]*(?:[-*+]|\d+[.)])[ \t]+")


def _own_item_value(
    text: str, fitting: Sequence[Stated], own: tuple[tuple[int, int], tuple[int, int]] | None
) -> int | None:
    """The one size a slot's candidates hold in the claim's own list item, when the claim's
    sentence is a whole list item that states its count without a calculation (whose factors
    are read as the calculation's own)."""
    if own is None or not text:
        return None
    sentence = own[0]
    line_start = text.rfind("\n", 0, sentence[0]) + 1
    item = _ITEM_START.match(text, line_start)
    if item is None or item.end() < sentence[0] or "=" in text[sentence[0] : sentence[1]]:
        return None
    values = {c.value for c in fitting if sentence[0] <= c.position < sentence[1]}
    return values.pop() if len(values) == 1 else None


def _own_groups(
    strict: Sequence[Stated],
    row: RowScope | None,
    own: tuple[tuple[int, int], tuple[int, int]] | None,
) -> list[int]:
    """The groupings (``groups=4``) stated in the claim's own table row or sentence."""
    spans = [(row[0], row[1])] if row is not None else []
    spans += [own[0]] if own is not None else []
    return sorted(
        {
            int(c.value)
            for c in strict
            if "groups" in c.roles and any(a <= c.position < b for a, b in spans)
        }
    )


# ----------------------------------------------------------------------------- claims


@dataclass(frozen=True)
class Claim:
    number: Number
    weights_only: bool
    in_table: bool = False
    step: bool = False  # the result of a calculation, which may count one unit or filter
    approximate: bool = False  # "about 3.9M": judged at the precision its digits show
    labelled: bool = False  # its own words count parameters ("N parameters", "params: N")


# A noun after a number names what it counts ("4 gates", "3 channels"): no parameter count.
_NOUN_AFTER = lazy_regex(
    r"[ \t]+(?!(?:trainable|learnable|total|in|and|or|with|without|for|of|per|if|when|plus"
    r"|including|excluding|across|on|at|is|are|so|which|because|since|as)\b)[A-Za-z]{2,}",
    re.I,
)


# a one-letter (or subscripted) symbol set to the number: "$k = 3$", "N=64", "d_k = 64"
_SYMBOL_SET = lazy_regex(r"(?<![\w\\])[A-Za-z](?:_\{?\w+\}?)?\s*=\s*$")


def _claims(text: str, start: int, end: int, how_many: bool, about_counts: bool) -> Iterator[Claim]:
    for number in _numbers(text, start, end):
        if not number.text or number.value < 2:
            continue
        before = text[max(start, number.start - 40) : number.start]
        after = text[number.end : number.end + 60]
        counted = _AFTER_COUNT.match(after)
        total_label = _TOTAL_LABEL.search(before) if about_counts else None
        # the label must stand right before the count, not end an earlier line ("| Total |")
        labelled = _BEFORE_COUNT.search(before) is not None or (
            total_label is not None and total_label.end() == len(before)
        )
        if labelled and not counted and _NOUN_AFTER.match(after):
            labelled = False  # "640 parameters: 4 gates x …": the label's count came before
        result = (
            _RESULT_BEFORE.search(before) is not None
            and not _keyword_argument(text, before, number.start)
            and "+" in text[max(start, number.start - 120) : number.start]
            and re.search(r"param|weight|bias", text[start:end], re.I) is not None
        )
        result = result and (counted is not None or _RESULT_END.match(after) is not None)
        if result and not counted and not labelled:
            # an output size or padding worked out beside the counts, or the counts added up
            result = not (
                size_result(text, number.start, start) or sum_of_stated(text, number.start, start)
            )
        answer = _answer_like(text, number, how_many, about_counts)
        if not (counted or labelled or result or answer):
            continue
        if not counted and _SYMBOL_SET.search(before):
            continue  # "with $k = 3$": a symbol given its size, no count
        if _SUMMARY.search(text, max(0, number.start - 80), number.start) or (
            _in_code(text, number.start, start)
            and _SUMMARY.search(text, text.rfind("```", start, number.start), number.start)
        ):
            continue  # a model summary's rows and totals are the summary checks' to read
        if _OPERATOR_AFTER.search(after) or (not result and _OPERATOR_BEFORE.search(before[-3:])):
            continue
        whole = _WHOLE_AFTER.match(after) is not None
        if _part_label(text, number.start):
            continue  # "- `bias_ih_l0` + `bias_hh_l0`: 2 x 192 = 384" counts one tensor
        if not result and not labelled and not whole and _RESULT_BEFORE.search(before):
            continue  # a step of a calculation ("3 x 3 x 3 = 27 weights"), not a layer total
        if _EACH_BEFORE.search(text, max(start, number.start - 120), number.start):
            continue
        if _SHARE_OF.search(before):
            continue  # "a fifth of the model's ~110M parameters": the whole a part is measured by
        hedge = _HEDGE.search(before)
        approximate = hedge is not None and _APPROXIMATELY.fullmatch(hedge.group(0)) is not None
        if (hedge and not approximate) or _HEDGE_AFTER.search(after):
            continue
        if counted and _PER.search(after[counted.end() :]):
            continue
        if (
            counted
            and after[counted.end() :].startswith("?")
            and _in_code(text, number.start, start)
        ):
            continue  # "# 100 params? no: 100 steps" asks, it does not state
        weights = bool(counted and "weight" in counted.group(0).lower())
        explicit = counted is not None or labelled
        yield Claim(number, weights, step=result, approximate=approximate, labelled=explicit)


def _keyword_argument(text: str, before: str, offset: int) -> bool:
    """Whether the number is a call's keyword argument: ``name=`` right before it, the name
    snake_case or the call in inline code (an odd count of backticks on the line before it)."""
    keyword = _KEYWORD_BEFORE.search(before)
    if keyword is None:
        return False
    line_start = text.rfind("\n", 0, offset) + 1
    return "_" in keyword["name"] or text.count("`", line_start, offset) % 2 == 1


# The whole a share is taken of: "a fifth of BERT-base's ~110M", "12% of the 3.2M", "half of
# its 900": a reference total, not a count of the layer the note computes.
_SHARE_OF = lazy_regex(
    r"(?:\b(?:half|(?:third|quarter|fourth|fifth|sixth|eighth|tenth|hundredth)s?|fraction"
    r"|share|proportion|majority|bulk)|\d\s*%|\bper\s?cent)\s+of\s+"
    r"(?:(?:the|a|an|its|their|all)\s+)?"
    r"(?:(?:[\w`.-]+\s+){0,2}[\w`.-]+(?:'s|\N{RIGHT SINGLE QUOTATION MARK}s)\s+)?"
    r"(?:(?:~|\N{ALMOST EQUAL TO}|about|roughly|around|approximately|nearly|some)\s*)?"
    r"(?:\*\*)?\s*$",
    re.I,
)
# A list item, labelled line or table row whose label names one of a layer's tensors, not
# the layer: "- `weight_hh_l0`: …", "| biases per gate | 64 |", "- gamma and beta: 256".
_TENSOR_LABEL = lazy_regex(
    r"^[ \t]*(?:[-*+][ \t]+|\|[ \t]*)?(?:\*\*|`)?(?=[^:|\n]{0,50}[:|])(?:(?!total)[^:|\n])*?"
    r"(?<![A-Za-z])"
    r"(?:bias(?:es)?|weight_\w+|(?:recurrent_)?kernel\b|gamma|beta|moving_\w+|running_\w+"
    r"|in_proj\w*|out_proj\w*)(?![^:|\n]*\btotal\b)[^:|\n]*[:|]",
    re.I | re.M,
)


# A row label that names a layer or its bias flag ("| Conv2d, bias=False |"): a layer's row
_LAYER_ROW_LABEL = lazy_regex(
    r"\bbias\s*=|\b(?:nn\.)?[A-Z]\w*(?:Conv|Linear|Dense|Norm|LSTM|GRU)\w*|\bConv", re.I
)


def _tensor_row(text: str, offset: int) -> bool:
    """Whether the count's table row is labelled with one tensor of the layer, not a layer."""
    line_start = text.rfind("\n", 0, offset) + 1
    label = text[line_start:offset].strip().strip("|").split("|")[0]
    return _part_label(text, offset) and not _LAYER_ROW_LABEL.search(label)


def _part_label(text: str, offset: int) -> bool:
    """Whether the count's line is labelled with a tensor of the layer (its bias, one weight
    matrix), so that the count is that part's."""
    line_start = text.rfind("\n", 0, offset) + 1
    match = _TENSOR_LABEL.match(text, line_start, offset)
    return match is not None and match.end() <= offset


def _answer_like(text: str, number: Number, how_many: bool, about_counts: bool) -> bool:
    """The answer's leading number under a question that asks for a count, or a list item's
    value after its label under a question about counts."""
    line_start = text.rfind("\n", 0, number.start) + 1
    line_end = text.find("\n", number.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    leading = _LEADING_ANSWER.match(line)
    if how_many and leading is not None and line_start + leading.start("num") == number.start:
        return True
    item = _LABEL_ITEM.match(line)
    return (
        about_counts
        and item is not None
        and line_start + item.start("num") == number.start
        and _COUNT_LABEL.search(line, 0, item.start("num")) is not None
    )


# ----------------------------------------------------------------------------- scopes


_BLOCK_BREAK = lazy_regex(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])\s)|\n(?=[ \t]*\|)|\n(?=```)")


def _unit(text: str, offset: int, floor: int) -> tuple[int, int]:
    """The paragraph, list item, table row or code line the offset is in."""
    start = floor
    for match in _BLOCK_BREAK.finditer(text, floor, offset):
        start = match.end()
    if _in_code(text, offset, floor):
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return start, end if end >= 0 else len(text)
    following = _BLOCK_BREAK.search(text, offset)
    return start, following.start() if following else len(text)


def _in_code(text: str, offset: int, floor: int) -> bool:
    return text.count("```", floor, offset) % 2 == 1


# A column that holds one tensor of each row's layer ("Weights | Biases | Total"): its cells
# count that part, not the layer. A header that also says total, sum or param counts it all.
_BIAS_COLUMN = lazy_regex(r"\bbias|\bgamma\b|\bbeta\b|\brunning\b|\bmoving\b|\boffset")
_WEIGHT_COLUMN = lazy_regex(r"\bweights?\b|\bweight matri|\bkernel")
_WHOLE_COLUMN = lazy_regex(r"total|\bsum\b|param|\ball\b|overall|\bwith\b|\bincl|\+")
# "| Depthwise | Pointwise | Bias | Total |": a factored layer's stages, each a part of it
_STAGE_COLUMN = lazy_regex(r"\b(?:depth|point|channel)[- ]?wise\b", re.I)


def _part_columns(text: str, start: int) -> dict[tuple[int, int], str]:
    """Each table cell under a column of one of a layer's tensors: "bias" or "weights" (a
    factored layer's stage, judged by the separable readings, is dropped as a bias is)."""
    parts: dict[tuple[int, int], str] = {}
    for table in tables(text, start, len(text)):
        for column, header in enumerate(table.header):
            if _WHOLE_COLUMN.search(header):
                continue
            part = (
                "bias"
                if _BIAS_COLUMN.search(header) or _STAGE_COLUMN.search(header)
                else ("weights" if _WEIGHT_COLUMN.search(header) else "")
            )
            if not part:
                continue
            for row in table.rows:
                if column < len(row):
                    parts[(row[column].start, row[column].end)] = part
    return parts


def _judged_as_parts(
    claims: dict[int, Claim], parts: dict[tuple[int, int], str]
) -> dict[int, Claim]:
    """The claims with a bias column's cells dropped and a weights column's cells judged as
    counts that may leave the biases out."""
    judged: dict[int, Claim] = {}
    for start, claim in claims.items():
        part = next((p for (a, b), p in parts.items() if a <= start < b), "")
        if part == "bias":
            continue
        judged[start] = replace(claim, weights_only=True) if part == "weights" else claim
    return judged


def _table_claims(text: str, start: int) -> Iterator[Claim]:
    """Cells under a column headed "param…" are claims, each with its row as scope."""
    for header in re.finditer(r"^\s*\|(.*)\|\s*$\n^\s*\|[\s:|-]+\|\s*$", text[start:], re.M):
        cells = [c.strip() for c in header.group(1).split("|")]
        if any(re.search(r"output|shape", c, re.I) for c in cells):
            continue  # a model summary: each row's input is the row above's output
        column = next((i for i, c in enumerate(cells) if re.search(r"param", c, re.I)), None)
        if column is None:
            continue
        row_start = start + header.end() + 1
        for row in re.finditer(r"^\s*\|(.*)\|\s*$", text[row_start:], re.M):
            if row.start() > 0 and text[row_start + row.start() - 1] != "\n":
                break
            cell_starts = [m.end() for m in re.finditer(r"\|", row.group(0))]
            if column + 1 >= len(cell_starts):
                continue
            cell = (
                row_start + row.start() + cell_starts[column],
                row_start + row.start() + cell_starts[column + 1] - 1,
            )
            numbers = [n for n in _numbers(text, *cell) if n.text]
            last = numbers[-1] if numbers else None
            if (
                last is not None
                and last.value >= 2
                and not _OPERATOR_AFTER.search(text, last.end, cell[1])
            ):
                yield Claim(last, False, in_table=True, labelled=True)  # a "param…" header
            row_start_next = row_start + row.end() + 1
            if row_start_next < len(text) and not text[row_start_next:].lstrip(" ").startswith("|"):
                break


def solver_findings(document: LintDocument, done_lines: set[int]) -> Iterator[Finding]:
    """Each count claim, on a line no reading has reported, that no assignment of the stated
    sizes explains; a wrong calculation is AG101's to report."""
    return solve(document, done_lines, lambda: wrong_calculation_spans(document))


def solve(
    document: LintDocument,
    done_lines: set[int],
    reported: Callable[[], Sequence[tuple[int, int]]] = list,
) -> Iterator[Finding]:
    """The solver alone: each count claim off ``done_lines`` and outside the ``reported``
    spans that no assignment of the stated sizes explains."""
    text = _body(document)
    floor = document.body_offset
    if _UNMODELLED.search(without_stacks(text, floor), floor) or not re.search(
        r"param|weights", text[floor:], re.I
    ):
        return
    if "```" in text[floor:] and _TRANSPOSED_IN_CODE.search(text, floor):
        return
    if ATTENTION.search(text, floor) and ATTENTION_VARIANT.search(text, floor):
        return  # an attention of other shapes than four d x d projections
    question = document.question
    how_many = question is not None and _HOW_MANY.search(text, *question) is not None
    torch_note = (
        True if _TORCH.search(text, floor) else (False if _KERAS.search(text, floor) else None)
    )
    two_frameworks = re.search(r"keras", text, re.I) and re.search(r"pytorch", text, re.I)
    tied = _TIED.search(text, floor) is not None
    about_counts = question is not None and _COUNT_WORDS.search(text, *question) is not None
    claims = {c.number.start: c for c in _claims(text, floor, len(text), how_many, about_counts)}
    for claim in _table_claims(text, floor):
        claims.setdefault(claim.number.start, claim)
    claims = _judged_as_parts(claims, _part_columns(text, floor))
    if not claims:
        return
    skip = reported()
    everything = _numbers(text, floor, len(text))
    claim_starts = set(claims)
    strict: list[Stated] = []
    loose: list[int] = []
    not_loose = [m.span() for m in _PRODUCT.finditer(text, floor)]
    not_loose += [(m.start(), m.start() + 300) for m in _CALL.finditer(text, floor)]
    for number in everything:
        if number.start in claim_starts or number.value != int(number.value):
            continue
        if number.roles:
            strict.append(Stated(int(number.value), number.roles, number.start))
        elif (
            number.text
            and 1 <= number.value <= 100_000
            and not any(a <= number.start < b for a, b in not_loose)
            and not _OPERATOR_BEFORE.search(text, number.start - 3, number.start)
            and not _OPERATOR_AFTER.search(text[number.end : number.end + 3])
            and not _VERSION_BEFORE.search(text, max(0, number.start - 12), number.start)
        ):
            loose.append(int(number.value))
    strict += [Stated(3, frozenset({"channel"}), m.start()) for m in _RGB.finditer(text, floor)]
    strict += [Stated(1, frozenset({"channel"}), m.start()) for m in _GRAY.finditer(text, floor)]
    dims_hint = _dims_hint(text, floor)
    all_layers = _layers(text, floor, len(text), torch_note, dims_hint=dims_hint)
    strict += [
        Stated(layer.output, frozenset({"src", "width", "channel"}), layer.start, layer.start)
        for layer in all_layers
        if layer.output
    ]
    if two_frameworks:
        # one layer written in both frameworks: the input one call states is the other's too
        # ("Keras `LSTM(512)` … PyTorch `nn.LSTM(300, 512)`")
        strict += [
            Stated(layer.fixed["in"], frozenset({"width", "src"}), layer.start)
            for layer in _recurrent_calls(text, floor)
            if "in" in layer.fixed
        ]
    loose = sorted(set(loose))[:24]
    note_no_bias = _NO_BIAS.search(text, floor) is not None
    note_with_bias = _WITH_BIAS.search(text, floor) is not None
    for start in sorted(claims):
        claim = claims[start]
        number = claim.number
        line = document.position(number.start)[0]
        if line in done_lines or any(a <= number.start < b for a, b in skip):
            continue
        readings = _claim_layers(text, number, floor, question, torch_note, dims_hint)
        if not readings:
            continue
        readings = _with_stack_labels(text, number, readings)
        readings = _with_direction_labels(text, number, readings)
        if _COPIES.search(text, _unit(text, number.start, floor)[0], number.start):
            continue  # "| 2 x LayerNorm | 2,048 |": copies of a layer, counted together
        if claim.in_table and _tensor_row(text, number.start):
            continue  # "| gamma | 512 |": one tensor's row of a table of parts
        if _sums_repeated_rows(text, number.start):
            continue  # "| 4 blocks | 3,159,040 |", "| total | 28,512 |": the rows above, summed
        if tied and any(layer.kind != "embedding" for layers in readings for layer in layers):
            continue
        unit = _unit(text, number.start, floor)
        if two_frameworks and not _CALL.search(text, *unit):
            continue  # Keras and PyTorch count some layers differently: two scenarios
        if two_frameworks:
            # "Keras reports 6,272, PyTorch's nn.LSTM(16, 32) 6,400": either framework's count
            readings = [
                [replace(layer, torch=None, reset_after=None) for layer in layers]
                for layers in readings
            ]
        if (
            all(layer.prose for layer in readings[0])
            and _WHOLE.search(text, *unit)
            and not _ONE_ROW.search(text, *unit)
        ):
            continue  # a total over layers named only in words: which ones is not stated
        bias_free = claim.weights_only or (note_no_bias and not note_with_bias)
        sentence = _sentence(text, number.start, unit)
        # "with use_bias=False has …" / "with bias: …" next to the count itself settles it
        forced: tuple[bool, ...] | None = None
        no_bias_here = _own_flag(_NO_BIAS, text, sentence, number)
        with_bias_here = _WITH_BIAS.search(text, *sentence) is not None
        if no_bias_here and with_bias_here:
            forced = (True, False)  # "640 without bias, ten fewer than with biases"
        elif no_bias_here:
            forced = (False,)
        elif with_bias_here and not claim.weights_only:
            forced = (True,)
        # the claim's clause: from the claim before it in the sentence to the next one, or to
        # a conjunction that opens another subject ("… holds N and the projection …")
        earlier = [c.number.end for c in claims.values() if sentence[0] <= c.number.end <= start]
        later = [c.number.start for c in claims.values() if number.end <= c.number.start]
        next_subject = _NEXT_SUBJECT.search(text, number.end, sentence[1])
        clause_end = min([sentence[1], *later, *([next_subject.start()] if next_subject else [])])
        clause = (max(earlier, default=sentence[0]), clause_end)
        # a claim whose own sentence names another kind of layer ("an embedding ... has N,
        # and a batch norm ... has M" under an LSTM question) is not about the judged layer
        judged = {
            _KIND_GROUP.get(layer.kind, layer.kind) for layers in readings for layer in layers
        }
        if _kinds_named(text, sentence) - judged:
            continue
        # the candidates of a table row's layer must be in its row: rows chain their sizes
        row = _row_scope(text, unit) if claim.in_table else None
        # the factors of the claim's own calculation ("4,096 x 4,096 + 4,096 = …") are the
        # sizes its writer applied: its formula with them is a reading of the stated sizes
        factors = _own_factors(text, (clause[0], number.start)) if claim.step else []
        factors += _shared_factors(text, number.start)
        own_strict: list[Stated] = list(strict)
        if claim.in_table and row is not None and _RESULT_BEFORE.search(text, row[0], start):
            # a cell that works out its row's count ("3 x 3 x 32 = 288") states the row's sizes
            cell = text.rfind("|", row[0], start) + 1
            own_strict += [Stated(f, _ANY_SIZE, cell) for f in _own_factors(text, (cell, start))]
        elif claim.in_table and row is not None:
            # so does a calculation in the cell before the count's ("| 128 x 10 + 10 | 1,290 |")
            own_strict += _calculation_cell_factors(text, row[0], start)
        # every reading must be complete: a layer in words that is also a call of the note
        # is judged by both, and either may explain the count
        found = [
            _allowed(
                text,
                layers,
                (own_strict, sorted({*loose, *factors}), row),
                bias_free,
                note_with_bias,
                forced,
                claim.step,
                (sentence, clause),
                _count_scope(text, number),
            )
            for layers in readings
        ]
        if any(values is None for values in found):
            continue
        allowed = set().union(*(values for values in found if values is not None))
        # "stacking two of them gives 73,856": the sentence counts copies of the layer
        copies = copies_before(text, sentence[0], number.start, number.end)
        if copies is not None:
            times, each = copies
            allowed = {times * value for value in allowed} | (allowed if each else set())
        if not allowed or _explained(number, allowed):
            continue
        beyond = _beyond_layer(text, sentence, unit)
        if beyond == "part" and number.value > max(allowed):
            continue  # "with the backbone the classifier has …": the layer and more
        if claim.approximate and any(abs(value - number.value) <= 0.1 * value for value in allowed):
            continue  # "about 29,000" for 30,100: near enough for a rough count
        kinds = sorted({layer.kind for layers in readings for layer in layers})
        closest = min(allowed, key=lambda value: (abs(value - number.value), value))
        finding = CountFinding(
            number.start,
            number.end,
            f"no reading of the stated sizes gives {number.text} parameters: the "
            f"{'/'.join(kinds)} {_copies_said(copies)} {closest:,} "
            f"({'; '.join(_FORMULAS[kind] for kind in kinds)}): correct the count",
            # an approximate claim is judged by its wording, against every allowed count
            expected=tuple(sorted(allowed)) if claim.approximate else (),
        )
        own_layer = len(all_layers) == 1 or any(
            unit[0] <= layer.start < unit[1] for layers in readings for layer in layers
        )
        if own_layer and not two_frameworks and not beyond and _grounded(claim, readings, strict):
            finding = grounded(finding)
        yield finding


# A sentence that counts more than the call's layer: a part the note gives no sizes of (the
# backbone the head sits on, a pretrained network), or the whole model the layer is part of
# (which may be the layer alone: "logistic regression is one `nn.Linear`; the model has …").
_OTHER_PART = lazy_regex(
    r"\b(?:backbones?|base\s+(?:model|network)|pre-?trained|frozen|feature\s+extractor|trunk"
    r"|rest\s+of\s+the\s+(?:model|network|net)|ResNet|VGG|BERT|EfficientNet|MobileNet"
    r"|Inception|DenseNet"
    # a layer put in as a head sits on a body the note gives no sizes of
    r"|\b(?:as|new|classification|classifier|linear|output)\s+(?:(?:the|a|its)\s+)?(?:new\s+)?head\b)",
    re.I,
)
_WHOLE_MODEL = lazy_regex(
    r"\b(?:(?:whole|entire|full|complete)\s+(?:model|network|net|classifier|architecture)"
    r"|(?:the|this|our)\s+(?:model(?![.\w])|network))",
    re.I,
)


# "model.fc = nn.Linear(512, 2)": the layer put into a model that has other layers
_SWAPPED_IN = lazy_regex(r"\b\w+\.\w+\s*=\s*(?:nn|layers|keras\.layers|tf\.keras\.layers)\.")


def _beyond_layer(text: str, sentence: tuple[int, int], unit: tuple[int, int]) -> str:
    """ "part" where the sentence names another part, "whole" where it names the whole model
    only, else ""."""
    if _OTHER_PART.search(text, *sentence):
        return "part"
    if not _WHOLE_MODEL.search(text, *sentence):
        return ""
    return "part" if _SWAPPED_IN.search(text, *unit) else "whole"


def _copies_said(copies: tuple[int, bool] | None) -> str:
    return "layer has" if copies is None else f"layer's {copies[0]} copies have"


# The layers whose count follows from their call's arguments alone, with or without a bias:
# a recurrent layer's biases and a norm's vectors differ between frameworks and flags.
_CALL_COUNTED = frozenset({"dense", "conv", "depthwise", "separable", "embedding"})


def _grounded(claim: Claim, readings: list[list[Layer]], strict: Sequence[Stated]) -> bool:
    """Whether a count no reading explains is wrong by the note's words alone: the claim's
    own words (or its column's header) say it counts parameters, exactly; one layer can be
    the one it counts, a call in the claim's own paragraph, item or row (or the note's only
    layer, which words like "this layer" may name); the call's own arguments give every size
    its formula takes (a kernel of a known dimension, the grouping or multiplier stated on
    the call or nowhere); and the count is wrong with a bias and without one, so that no
    default decided it."""
    if not claim.labelled or claim.approximate or any(len(layers) != 1 for layers in readings):
        return False
    # (a layer named in words that is the note's call is read both ways: one layer still)
    calls = [layers[0] for layers in readings if not layers[0].prose and layers[0].end >= 0]
    if len(calls) != 1 or any(
        (layers[0].kind, layers[0].fixed) != (calls[0].kind, calls[0].fixed) for layers in readings
    ):
        return False
    layer = calls[0]
    if layer.kind not in _CALL_COUNTED:
        return False
    if layer.kind != "dense" and layer.kind != "embedding" and len(layer.dims) != 1:
        return False  # a convolution whose dimension the call does not name
    if any(name not in layer.fixed for name, _roles in _INPUTS[layer.kind]):
        return False  # a size read from the note around the call: a role by proximity
    values = dict(layer.fixed)
    for name, role in (("groups", "groups"), ("mult", "mult")):
        if name not in values:
            if any(role in candidate.roles for candidate in strict):
                return False  # a grouping or multiplier the note states, not on the call
            values[name] = 1
    counts = _counts(layer, values, (True, False), claim.step)
    return not _explained(claim.number, counts)


# The roles a factor of a row's own calculation may fill: any size but a side of a mapping
# or a kernel (the row's "3x3" states it).
_ANY_SIZE = frozenset({"width", "units", "channel", "filters", "vocab"})

_OWN_FACTOR = lazy_regex(rf"(?<![\w.,])(?<!\d,){_FACTOR}(?![\w.]*\d)")


# A cell that is a calculation only: numbers, operators and brackets.
_CALCULATION_CELL = lazy_regex(
    rf"\s*\(?{_FACTOR}(?:\s*[{_TIMES_SIGNS}+\N{{MINUS SIGN}}()]\s*\(?\s*{_FACTOR}\)?)+\s*"
)


def _calculation_cell_factors(text: str, row_start: int, claim_start: int) -> list[Stated]:
    """The factors of the calculation in the cell just before a count's cell, as sizes of the
    row's own layer: a calculation column states the sizes its writer applied."""
    cell_end = text.rfind("|", row_start, claim_start)
    cell_start = text.rfind("|", row_start, cell_end) + 1 if cell_end > row_start else -1
    if cell_start <= 0 or not _CALCULATION_CELL.fullmatch(text, cell_start, cell_end):
        return []
    if not re.search(rf"[{_TIMES_SIGNS}]", text[cell_start:cell_end]):
        return []  # a sum of counts ("19,264 + 325"): the total row's, no layer's sizes
    return [Stated(f, _ANY_SIZE, cell_start) for f in _own_factors(text, (cell_start, cell_end))]


# "4·64 = 256 (128 trainable)": a share in parentheses right after a calculation's result
_SHARE_AFTER_RESULT = lazy_regex(r"=[ \t]*(?:\*\*)?[\d,]+(?:\*\*)?[ \t]*\([ \t]*$")


def _shared_factors(text: str, start: int) -> list[int]:
    """The sizes of the calculation a parenthesised share follows: the share is of the same
    layer, so its factors (the channels of "4·64 = 256 (128 trainable)") are its sizes too."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("|", 0, start)) + 1
    before = _SHARE_AFTER_RESULT.search(text, line_start, start)
    if before is None:
        return []
    return _own_factors(text, (line_start, before.start()))


def _own_factors(text: str, span: tuple[int, int]) -> list[int]:
    """The whole numbers of a calculation's left-hand side: the sizes it multiplies and adds."""
    left = text[span[0] : span[1]]
    return [
        int(m.group(0).replace(",", ""))
        for m in _OWN_FACTOR.finditer(left)
        if 1 <= int(m.group(0).replace(",", "")) <= 100_000
    ]


_TRAINABLE = lazy_regex(r"(?<!non-)(?<!non )\b(?:trainable|learnable|learned|trained)\b", re.I)
_EVERYTHING = lazy_regex(
    r"\b(?:in all|in total|all told|altogether|total|overall|including (?:the )?(?:moving|running)"
    r"|with (?:the )?(?:moving|running))\b"
    # a Keras summary's Param # column, or count_params(), holds every variable
    r"|\bsummary\b(?:\(\))?\s+(?:\w+\s+)?(?:lists|shows|reports|gives|prints|displays)\b"
    r"|\bcount_params\(\)",
    re.I,
)


def _count_scope(text: str, number: Number) -> str:
    """Whether a count says it is of the trainable values ("128 trainable parameters") or of
    everything ("256 parameters in all"): a batch normalisation's 2·C or 4·C."""
    before = re.split(r"[\d.,;:(\n]", text[max(0, number.start - 30) : number.start])[-1]
    after = re.split(r"[\d.,;:(\n]", text[number.end : number.end + 40])[0]
    near = before + " " + after
    if _TRAINABLE.search(near):
        return "trainable"
    if _EVERYTHING.search(near):
        return "all"
    # "In `model.summary()` its row shows 128": what the summary shows holds every variable
    clause = re.split(r"[.;!?](?=\s)|\n", text[max(0, number.start - 80) : number.start])[-1]
    return "all" if _SUMMARY_SHOWS.search(clause) else ""


_SUMMARY_SHOWS = lazy_regex(
    r"\b(?:summary|count_params)\(\).{0,40}\b(?:lists|shows|reports|gives|prints|displays"
    r"|counts|says)\b",
    re.I,
)


# Kinds one formula family covers: a sentence naming "a depthwise convolution" names one layer.
# (a feed-forward block is two dense layers: "the first linear layer of the FFN")
_KIND_GROUP = {"depthwise": "conv", "separable": "conv", "ffn": "dense"}
_EMBEDDING_WORD = lazy_regex(r"\bembeddings?\b(?! size| dim)", re.I)
# "on the 128-dim embeddings", "over GloVe word embeddings": the vectors fed to a layer, data
# that names no embedding layer
_EMBEDDINGS_AS_DATA = lazy_regex(
    r"(?:\d+[- ]?(?:d|dims?|dimensional)|dimensional|word|token|input|(?:pre-?)?trained"
    r"|GloVe|fastText|word2vec|BERT)[ -]+(?=\S*$)",
    re.I,
)


# A normalisation named as the reason a layer drops its bias ("(the BatchNorm after it
# re-centres the output)") is no second layer of the count's sentence.


def _without_reason_norms(text: str, span: tuple[int, int]) -> str:
    """``text`` with the reasons of ``span`` that name a normalisation blanked, when the span
    drops a bias: "(the BatchNorm after it re-centres the output)" names no layer."""
    if not _NO_BIAS.search(text, *span):
        return text
    return _REASON.sub(
        lambda m: " " * len(m.group(0)) if span[0] <= m.start() < span[1] else m.group(0), text
    )


def _kinds_named(text: str, span: tuple[int, int]) -> set[str]:
    """The layer kinds a sentence names in words, by formula family."""
    text = _without_reason_norms(text, span)
    named = {
        _KIND_GROUP.get(kind, kind)
        for kind, pattern in _PROSE_KINDS
        if pattern.search(text, span[0], span[1])
    }
    if any(
        not _EMBEDDINGS_AS_DATA.search(text, max(span[0], word.start() - 30), word.start())
        for word in _EMBEDDING_WORD.finditer(text, span[0], span[1])
    ):
        named.add("embedding")
    return named


def _own_flag(flag: re.Pattern[str], text: str, sentence: tuple[int, int], number: Number) -> bool:
    """Whether the sentence sets ``flag`` for the claim ``number``: a flag nearer another count
    of the sentence (within a factor of two of the claim) is that one's ("5,130 (or 5,120 with
    `bias=False`)", "`Dense(256)` has 131,328, and `Dense(256, use_bias=False)` 131,072")."""
    others = [
        other
        for other in _numbers(text, *sentence)
        if other.start != number.start
        and number.value <= 2 * other.value <= 4 * number.value
        # an operand of a calculation ("3·3·64·128 + 128") is no count of another scenario
        and not _OPERATOR_BEFORE.search(text, max(0, other.start - 3), other.start)
        and not _OPERATOR_AFTER.search(text[other.end : other.end + 3])
        and text[other.start : other.end].strip().replace(",", "").isdigit()
    ]

    def distance(match: re.Match[str], other: Number) -> int:
        return max(other.start - match.end(), match.start() - other.end, 0)

    return any(
        all(distance(match, number) <= distance(match, other) for other in others)
        for match in flag.finditer(text, *sentence)
    )


def _sentence(text: str, offset: int, unit: tuple[int, int]) -> tuple[int, int]:
    start = unit[0]
    for match in _SENTENCE_END.finditer(text, unit[0], offset):
        start = match.end()
    following = _SENTENCE_END.search(text, offset, unit[1])
    return start, following.end() if following else unit[1]


def _dims_hint(text: str, floor: int) -> tuple[int, ...]:
    """The dimensions of a convolution named in words: those the note writes ("1D"), else
    those its data suggest (text and signals 1, images 2)."""
    written = {int(d) for d in _DIMS.findall(text, floor)}
    if written:
        return tuple(sorted(written))
    hints: tuple[int, ...] = (1,) if _ONE_D.search(text, floor) else ()
    hints += (2,) if _TWO_D.search(text, floor) else ()
    return hints or (1, 2)


# a mapping "256->64" of a layer the claim's sentence describes without a word the solver
# reads: two distinct ones are two layers
_MAPPING = lazy_regex(r"(?<![\d,])\d+\s*(?:\N{RIGHTWARDS ARROW}|->)\s*\d+(?![\d,])")


def several_mappings(text: str, start: int, end: int) -> bool:
    found = {re.sub(r"\D+", "-", m.group()) for m in _MAPPING.finditer(text, start, end)}
    return len(found) >= 2


def _claim_layers(
    text: str,
    number: Number,
    floor: int,
    question: tuple[int, int] | None,
    torch_note: bool | None,
    dims_hint: tuple[int, ...],
) -> list[list[Layer]]:
    """The layers of the claim's sentence, else its unit, else the question, else the note:
    one or two readings (a layer named in words may also be the call the note builds)."""
    unit = _unit(text, number.start, floor)
    scopes = [_sentence(text, number.start, unit), unit]
    if _in_code(text, number.start, floor):
        block_start = text.rfind("```", floor, number.start)
        scopes.append((block_start, unit[1]))
    if question is not None:
        scopes.append(question)
    scopes.append((floor, len(text)))
    calls = [
        layer
        for layer in _layers(text, floor, len(text), torch_note, calls_only=True)
        if not layer.prose
    ]
    for index, (start, end) in enumerate(scopes):
        if index > 1 and _names_a_part(text, unit, scopes[0], ATTENTION.search(text, floor)):
            return []  # the claim names a layer ("the output layer") this solver cannot place
        if index > 1 and names_own_module(text, unit[0], number.start):
            return []  # "| `linear2` 512 → 128 | … |": a row of its own module, not the note's
        layers = _layers(text, start, end, torch_note, dims_hint=dims_hint)
        if index == 0 and not layers and several_mappings(text, start, end):
            return []  # "the 1x1 (256→64), 3x3 (64→64), 1x1 (64→256) bottleneck": its layers
        # a paragraph's later sentence that calls another layer ("… 168 parameters. A
        # ``Conv1D(10, 5)`` would learn …") is not what the claim before it counts
        later_calls = all(not layer.prose and layer.start >= scopes[0][1] for layer in layers)
        if index == 1 and layers and later_calls:
            continue
        kinds = {layer.kind for layer in layers}
        several = _SEVERAL.search(text, start, end)
        if layers and several and _layer_count(several.group(1)) > len(layers):
            return []  # "two stacked Dense(10) layers": more layers than calls or words
        if layers and all(layer.prose for layer in layers):
            # "the LSTM … and the output unit adds 65": which layer is open; a sentence that
            # names only the layer keeps its count ("The LSTM has … : N parameters. A head …")
            named_in = (start, end) if index == 0 else unit
            reasons_out = _without_reason_norms(text, named_in)
            if not kinds & {"dense", "attention", "ffn"} and _NAMED_ELSEWHERE.search(
                reasons_out, *named_in
            ):
                return []
            # "the LSTM" in prose may be the ``LSTM(128)`` the note builds
            named = [layer for layer in calls if layer.kind in kinds]
            if not named or len(named) > _MAX_STACK:
                return [layers]
            if index < 2:
                return [layers, named]  # the claim's own words may name another such layer
            return [[_as_call(layer, named) for layer in layers], named]
        if layers:
            return [layers] if len(layers) <= _MAX_STACK else []
        if _CALL.search(text, start, end) or any(
            pattern.search(text, start, end) for _kind, pattern in _PROSE_KINDS
        ):
            return []  # a call it cannot read, or several layers: the nearest scope is open
    return []


# a module named by its attribute in inline code ("`linear1`", "`norm2`", "`self_attn.out_proj`")
_MODULE_NAME = lazy_regex(r"`(?P<name>[A-Za-z_][\w.]*)`")
_ROW_OR_ITEM = lazy_regex(r"[ \t]*(?:\||[-*+][ \t]|\d+[.)][ \t])")
# a mapping written in any form: "512 → 128", "512 -> 128", "$512 \to 128$"
_ANY_MAPPING = lazy_regex(
    r"(?<![\d,])(?P<a>\d+)\s*(?:\N{RIGHTWARDS ARROW}|->|\\to\b|\\rightarrow\b)\s*"
    r"(?P<b>\d+)(?![\d,])"
)


def names_own_module(text: str, start: int, claim: int) -> bool:
    """Whether a table row or list item names a module of its own before its count: a
    module's attribute in inline code (not a layer call), or a mapping between two different
    widths. Such a row is judged by its own sizes, never as the layer the note is about."""
    if not _ROW_OR_ITEM.match(text, start):
        return False
    label = text[start:claim]
    if any(
        not _CALL.match(match.group("name") + "(") and not match.group("name")[0].isupper()
        for match in _MODULE_NAME.finditer(label)
    ):
        return True
    return any(m["a"] != m["b"] for m in _ANY_MAPPING.finditer(label))


def _with_stack_labels(text: str, number: Number, readings: list[list[Layer]]) -> list[list[Layer]]:
    """The readings with each stacked recurrent layer narrowed to the layers of it that the
    claim's line names ("- second layer: 6,336")."""
    line_start = text.rfind("\n", 0, number.start) + 1
    return [
        [
            replace(layer, stacked=labelled_layers(text, line_start, number.start, layer.stack))
            if layer.stack > 1
            else layer
            for layer in layers
        ]
        for layers in readings
    ]


# "per direction: 99,328", "the forward LSTM alone has …": a count of one direction of a
# bidirectional recurrent layer, which the writer doubles afterwards (or not at all).
_ONE_DIRECTION = lazy_regex(
    r"\b(?:per|each|one|a\s+single|single|either)[- ]direction\b"
    r"|\b(?:forward|backward|reverse)\s+(?:direction|pass|half|LSTM|GRU|RNN|cell|layer)\b"
    r"|\b(?:fwd|bwd)\b",
    re.IGNORECASE,
)
# ... unless the line doubles it before the count: "per direction 99,328, x 2 = 198,656"
_DOUBLED = lazy_regex(
    r"\b(?:both|two|2)\s+directions\b|[*\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}]"
    r"\s*2\b|\b2\s*[*\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}]|\\times\s*2\b"
    r"|\N{DOUBLE VERTICAL LINE}|\bconcat"
    # or moves on to another clause: "each direction holds 6,272, so the wrapper has …"
    r"|[,;]\s|\.\s|\b(?:so|thus|hence|therefore|while|whereas|but|and)\b",
    re.IGNORECASE,
)


def _with_direction_labels(
    text: str, number: Number, readings: list[list[Layer]]
) -> list[list[Layer]]:
    """The readings with each recurrent layer counted in one direction where the claim's line
    names one direction before the count and does not double it on the way."""
    line_start = text.rfind("\n", 0, number.start) + 1
    labels = list(_ONE_DIRECTION.finditer(text, line_start, number.start))
    label = labels[-1] if labels else None
    if label is None or _DOUBLED.search(text, label.end(), number.start):
        return readings
    return [
        [replace(layer, directions=(1,)) if layer.kind in _RECURRENT else layer for layer in layers]
        for layers in readings
    ]


def _as_call(layer: Layer, calls: list[Layer]) -> Layer:
    """A layer named in words that is the one call of its kind the note builds ("the LSTM"
    and ``LSTM(64)``) takes the sizes that call states; the words may still give the rest."""
    same = [call for call in calls if call.kind == layer.kind]
    if len(same) != 1:
        return layer
    return replace(layer, start=same[0].start, fixed={**layer.fixed, **same[0].fixed})


def _names_a_part(
    text: str, unit: tuple[int, int], sentence: tuple[int, int], attention: object = None
) -> bool:
    """Whether the claim's unit names a part or another layer ("the output layer", "the
    head"); the gates a recurrent layer is built of count only in the claim's own sentence
    ("each gate has …"), not as the steps before a whole layer's total."""
    for match in _NAMED_ELSEWHERE.finditer(text, *unit):
        if attention and ATTENTION_PARTS.fullmatch(match.group(0)):
            continue  # an attention note's projections are its attention layer's parts
        if match.group(0).lower().startswith("gate") and not (
            sentence[0] <= match.start() < sentence[1]
        ):
            continue
        before = (max(sentence[0], match.start() - 30), match.start())
        if (
            match.group(0).lower().startswith("gate")
            and _ALL_GATES.search(text, *before)
            and not _ONE_OF.search(text, *before)
        ):
            continue  # "with four gates the layer has …": every gate, the whole layer
        return True
    return False


# Gates counted together ("four gates", "all 3 gates", "the four gate blocks"): the whole
# layer, not one gate's part.
_ALL_GATES = lazy_regex(
    r"\b(?:all(?:\s+(?:the|its))?(?:\s+(?:two|three|four|[2-4]))?|(?:the\s+|its\s+)?"
    r"(?:two|three|four|[2-4]))\s+$",
    re.I,
)
# "one of the four gates", "each of its three gates": one gate, named among all of them
_ONE_OF = lazy_regex(r"\bof\s+(?:the\s+|its\s+)?(?:all\s+)?(?:\w+\s+)?$", re.I)


def _allowed(
    text: str,
    layers: list[Layer],
    candidates: tuple[Sequence[Stated], list[int], RowScope | None],
    bias_free: bool,
    with_bias: bool,
    forced: tuple[bool, ...] | None = None,
    per_unit: bool = False,
    own: tuple[tuple[int, int], tuple[int, int]] | None = None,
    scope: str = "",
) -> set[int] | None:
    """Every count of each layer and every sum of a stack of them; None when a layer is not
    complete. ``own`` is the claim's sentence and its clause (from the claim before it in
    the sentence): the sizes they state settle an input the note leaves open."""
    per_layer = []
    for index, layer in enumerate(layers):
        if index and not _chained(text, layers[index - 1], layer):
            return None
        # a bias is on unless the note takes it off; a count of "weights" may leave it out
        both: tuple[bool, ...] = (True,)
        if layer.no_bias:
            both = (True, False) if with_bias else (False,)
        elif bias_free:
            both = (True, False)
        if forced is not None and len(layers) == 1:
            both = forced
        values = _layer_values(
            layer, candidates[0], candidates[1], both, candidates[2], per_unit, text, own, scope
        )
        if values is None:
            return None
        per_layer.append(values)
    allowed: set[int] = set().union(*per_layer)
    if len(per_layer) > 1:
        sums = {0}
        for values in per_layer:
            sums = sums | {s + v for s in sums for v in values}
            if len(sums) > 20_000:
                return None
        allowed |= sums
    return allowed


# "on the 784 flattened pixels" describes the first layer's input, no step between layers
_RESHAPING = lazy_regex(
    r"flatten(?!ed\s+(?:[\w-]+\s+)?(?:pixels?|inputs?|features?|values?|images?|vectors?|data)\b)"
    r"|pool|reshape|concat|GlobalAverage|\bview\(",
    re.I,
)


def _chained(text: str, before: Layer, layer: Layer) -> bool:
    """Whether a stacked layer's input is stated: by its own call, or as the output of the
    layer before it when nothing reshapes between them."""
    slot = {
        "dense": "in",
        "lstm": "in",
        "gru": "in",
        "rnn": "in",
        "batchnorm": "c",
        "layernorm": "c",
        "rmsnorm": "c",
    }.get(layer.kind, "channel")
    if slot in layer.fixed or layer.kind == "embedding":
        return True
    output = before.fixed.get("width") if before.kind == "embedding" else before.output
    if output is None or _RESHAPING.search(text, before.start, layer.start):
        return False
    layer.fixed[slot] = output
    return True


# Steps that change a layer input's last axis; pooling keeps the channels.
_FLATTENING = lazy_regex(
    r"(?:\bFlatten|\bflatten\w*|\bReshape|\breshape\w*|\bConcatenate|\bconcat\w*"
    r"|\.view|\bPermute)(?P<call>\s*\((?:[^()\n]|\([^()\n]*\))*\))?"
)


# Where a sentence turns to another subject: "… and the projection back …", "; the second …".
_NEXT_SUBJECT = lazy_regex(r"\band\s+(?:the|a|an|its)\b|;|\bwhile\b|\bwhereas\b", re.I)
# A sentence that calculates: its numbers are factors and steps, not a layer's sizes.
_CALCULATION = lazy_regex(rf"=|[{_TIMES_SIGNS}+](?=\s*[\d(])|\*\s*\d")


def _calculates(text: str, span: tuple[int, int]) -> bool:
    """Whether a sentence calculates; bold markup ("**120,400 parameters**") is no product and
    a keyword argument (``reset_after=False``) no equation."""
    sentence = _KEYWORD_ARGUMENT.sub("", text[span[0] : span[1]].replace("**", "  "))
    return _CALCULATION.search(sentence) is not None


_KEYWORD_ARGUMENT = lazy_regex(r"\b[A-Za-z_]\w*=(?!=)")


def _reshaped_before(text: str, candidate: Stated, layer: Layer) -> bool:
    """Whether a flatten or reshape stands between the candidate and the layer, which takes
    the reshaped size: an earlier layer's output ("Conv2D(32) … Flatten() … Dense(10)": the
    32 is no input of the Dense), or, for a layer built by a call after such a step since the
    call before it, any size stated before the step (the shapes in the comments of the
    layers before it) and any other layer's output."""
    if 0 <= candidate.source < layer.start and _FLATTENING.search(
        text, candidate.source, layer.start
    ):
        return True
    if layer.prose:
        return False
    boundary = -1
    for match in _CALL.finditer(text, 0, layer.start):
        boundary = match.start()
    if boundary < 0:
        fences = [m.start() for m in re.finditer(r"^\s*```", text[: layer.start], re.M)]
        if len(fences) % 2 == 0:
            return False  # no call before it and not in code: the note's sizes stay open
        boundary = fences[-1]
    steps = list(_FLATTENING.finditer(text, boundary, layer.start))
    if not steps:
        return False
    step = steps[-1]
    if candidate.source >= 0:
        return True  # the flattened size is no layer's output
    return candidate.position < max(step.start(), step.end("call"))


def _row_scope(text: str, unit: tuple[int, int]) -> RowScope:
    """A table row, where its table starts and whether a layer row comes before it."""
    table_start = unit[0]
    while table_start > 0:
        previous = text.rfind("\n", 0, table_start - 1) + 1
        if not text[previous:table_start].lstrip(" ").startswith("|"):
            break
        table_start = previous
    above = text[table_start : unit[0]]
    first = not _CALL.search(above) and not any(p.search(above) for _k, p in _PROSE_KINDS)
    return unit[0], unit[1], table_start, first


def _in_row(candidate: Stated, row: RowScope) -> bool:
    """Whether a table row states the size: in its cells, as the output of a call in a row
    above, or, for the first layer row, before the table."""
    start, end, table_start, first = row
    if start <= candidate.position < end:
        return True
    if candidate.source >= 0 and table_start <= candidate.source < start:
        return True
    return first and candidate.position < table_start


def _explained(number: Number, allowed: set[int]) -> bool:
    if number.value in allowed:
        return True
    digits = re.search(r"\.(\d+)", number.text)
    if not re.search(r"[kKM]|million|thousand", number.text) and digits is None:
        return False
    scale = number.value / float(re.sub(r"[^\d.]", "", number.text.split()[0]) or 1)
    decimals = len(digits.group(1)) if digits else 0
    tolerance = scale * 0.5 * 10**-decimals
    return any(abs(value - number.value) <= tolerance for value in allowed)
