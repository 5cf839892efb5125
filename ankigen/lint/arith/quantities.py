"""Quantities of a layer named in prose: sizes, kernels, strides, paddings, counts.

Each finder returns ``Quantity`` objects for one kind of quantity ("a 5x5 kernel", "stride 2",
"no padding", "128 filters", "8,256 parameters"). The layer rules combine the quantities of
one sentence (or of its paragraph, when a quantity is named only once there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ankigen.lint.digits import DigitGated
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"(?:\d{1,3}(?:,\d{3})+|\d+)"
# Number words read as numbers ("after the five pools", "three layers"); shared by the readers.
SMALL_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUM = rf"(?:{_N}|{'|'.join(SMALL_NUMBER_WORDS)})"
# "224x224x3", "3 x 3", "5*5": a shape, never inside a longer number or word.
_CROSS_SIGN = r"[\N{MULTIPLICATION SIGN}xX*\N{DOT OPERATOR}]"
_CROSS = rf"(?:\s*{_CROSS_SIGN}\s*|\s+by\s+)"
# A lone number, not the last part of a shape: the "3" of "3x3 dilated" is not a dilation.
# "**54x54**" is bold, not a product: a "*" counts only after a digit or a bracket.
_NOT_IN_SHAPE = (
    r"(?<![\N{MULTIPLICATION SIGN}xX\N{DOT OPERATOR}])(?<![\w)\]]\*)"
    rf"(?<!{_CROSS_SIGN}\s)"
)
# "1-D", "3-d": the number of a layer's dimensions, never a size.
SHAPE = rf"(?<![\w.,]){_NOT_IN_SHAPE}{_N}(?:{_CROSS}{_N}){{0,3}}(?![\w]|[.,]\d|-[dD]\b)"
_SQUARE = rf"(?<![\w.,]){_NOT_IN_SHAPE}{_N}(?:{_CROSS}{_N}){{1,3}}(?![\w]|[.,]\d)"
# Whose size it is, between the verb and the size: "turns AlexNet's 13x13 map into …".
_OWNER = r"(?:[A-Za-z][\w-]*(?:'|\N{RIGHT SINGLE QUOTATION MARK})s\s+)?"
# A count: a number that is no part of a shape ("3 kernels" in "3x3 kernels" is none).
_COUNT_N = rf"(?<![\w.,]){_NOT_IN_SHAPE}{_N}(?!{_CROSS}\d)"
_NOT_FIRST_OF_SHAPE = rf"(?!{_CROSS}\d)"
# Space between a size and its noun: a wrapped line, never a paragraph break ("**Input:** 28x28"
# and "**Kernel:** 3x3" on lines of their own are no "28x28 kernel").
_GAP = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
_TUPLE = (
    rf"\(\s*{_N}\s*,\s*{_N}(?:\s*,\s*{_N})?\s*\)"
    rf"|\[\s*{_N}\s*,\s*{_N}(?:\s*,\s*{_N})?\s*\]"
)
_VALUE = rf"(?:{_TUPLE}|\[\s*{SHAPE}\s*\]|{SHAPE})"
# "1 input channel", "32 output filters": counts, not sizes.
_NOT_A_SIZE = (
    r"(?![- ]?(?:channels?|features?|units?|neurons?|nodes?|layers?|dim|filters?|maps?|"
    r"classes|values|variables|shapes?|sizes?))"
)
_UNIT_NOUN = r"(?:output\s+|hidden\s+)?(?:units|neurons|nodes|outputs)"
_FILTER_NOUN = r"(?:filters|kernels|feature[- ]maps|output\s+channels)"


def _listed(noun: str) -> str:
    """ "128 and 64 units", "32, 64 or 128 filters": the first numbers of a list count too."""
    return rf"(?=(?:\s*(?:,|and|or|to|-|\N{{EN DASH}})\s*{_N})+\s+{noun}\b)"


_COUNT_IS = r"(?:\s+of|\s*=|\s*:|\s+is)?\s*"
_IS = r"\s*(?:of|is|=|:|equals?|with|set to)?\s*"
# Scaled totals: "8.3k parameters", "1.2M params".
# Not the last factor of a product ("5 x 5 weights"); "**208 parameters**" is bold, no product.
_NOT_A_FACTOR = (
    r"(?<![\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}])"
    r"(?<![\N{MULTIPLICATION SIGN}\N{DOT OPERATOR}]\s)"
    r"(?<!\d[xX*])(?<!\d\s[xX*]\s)"
)
_TOTAL = (
    rf"(?<![\w.,]){_NOT_A_FACTOR}(?:{_N}(?:\.\d+)?\s+(?:million|thousand)\b|{_N}(?:\.\d+)?\s*[kKM]"
    rf"|{_N})(?![\w]|[.,]\d)"
)


@dataclass(frozen=True)
class Quantity:
    kind: str
    start: int  # offsets of the value in the text
    end: int
    values: tuple[int, ...]  # the dimensions ("224x224x3" -> (224, 224, 3)); () for a mode
    mode: str = ""  # for padding: "same" or "valid"; for layers: "pool"
    text: str = ""


def parse_values(text: str) -> tuple[int, ...]:
    """ "224 x 224 x 3" -> (224, 224, 3); "(2, 2)" -> (2, 2); "two" -> (2,)."""
    lowered = text.lower().strip()
    if lowered in SMALL_NUMBER_WORDS:
        return (SMALL_NUMBER_WORDS[lowered],)
    return tuple(int(part.replace(",", "")) for part in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", text))


def parse_total(text: str) -> tuple[int, int] | None:
    """A stated count and its rounding unit: "8,256" -> (8256, 1), "8.3k" -> (8300, 100)."""
    match = re.fullmatch(r"([\d,]+)(?:\.(\d+))?\s*([kKM]?|million|thousand)", text.strip())
    if match is None:
        return None
    whole, fraction, suffix = match.groups()
    scales = {"": 1, "k": 1000, "K": 1000, "M": 10**6, "thousand": 1000, "million": 10**6}
    scale = scales[suffix]
    digits = int(whole.replace(",", "") + (fraction or ""))
    unit = scale // 10 ** len(fraction or "") if scale > 1 else 1
    if scale > 1 and fraction and len(fraction) > len(str(scale)) - 1:
        return None
    return digits * unit, max(unit, 1)


def _finder(*sources: str) -> re.Pattern[str]:
    return lazy_regex("|".join(f"(?:{source})" for source in sources), re.IGNORECASE)


_INPUT_NOUN = (
    r"(?:input|image|picture|photo|feature[- ]maps?|activation[- ]maps?|volume|tensor|"
    r"activations?|frame|maps?|grids?|clip|video|scan|cube)s?"
)
_INPUT_ADJECTIVE = r"(?:(?:rgb|colou?r|gr[ae]yscale|input|single[- ]channel|3[- ]channel)\s+)?"
# What a number of input channels belongs to: "an 8-channel recording", "input with 3 channels".
_CHANNEL_CARRIER = (
    r"(?:inputs?|images?|volumes?|feature[- ]maps?|maps?|activations?|signals?|sequences?|"
    r"series|tensors?|data|recordings?|waveforms?|spectrograms?|audio|layers?)\b"
)
_KERNEL_NOUN = (
    r"(?:(?:conv(?:olution(?:al)?)?|conv[123]d|depthwise|pointwise)"
    r"(?:[- ](?:layer|kernel|filter))?s?"
    r"|kernels?|filters?|windows?|receptive[- ]fields?"
    r"|(?:(?:max|average|avg|mean|min)[- ]?)?pool(?:ing)?(?:[- ](?:layer|window|kernel))?s?"
    # pooling by its older names: "a 2x2 subsampling layer", "a 2x2 downsampling window"
    r"|(?:sub|down)-?sampling[- ](?:layers?|windows?|steps?))"
)
# Words for the last dense layer of a classifier.
_HEAD_WORD = (
    r"(?:softmax|sigmoid|output|classifier|classification|logits?|linear|dense|"
    r"fully[- ]connected|prediction|final)"
)
_PICTURE = r"(?:input|image|picture|photo|volume)s?\b"
# "gives an output of size 28x28", "produces a feature map of shape 28x28".
_OUTPUT_NOUN = (
    # "gives a feature map of length 95": a 1D map's size is its length
    r"(?:(?:output|feature[- ]maps?|activation[- ]maps?|volume|map|tensor|result)\s+"
    r"(?:(?:of|with)\s+)?(?:(?:size|shape|dimensions?|length)\s+(?:of\s+)?)?"
    # 1D: "returns length 49", "gives a sequence of length 49"; not "length 50 - 3 + 1"
    r"|(?:(?:sequence|signal|series)\s+(?:of\s+|with\s+(?:a\s+)?)?)?length\s+(?:of\s+)?"
    "(?![\\d,]+\\s*[-+*/\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}]))?"
)
_KERNEL_ADJECTIVE = (
    r"(?:dilated|atrous|strided|separable|depthwise|standard|regular|single|2-?D|1-?D|spatial|"
    r"same|valid|zero-padded|padded|unpadded)"
)
# Up to two describing words between a size and its noun: "a 7x7 stem convolution", "a 3x3
# depthwise separable conv", "a 112x112 intermediate feature map". Words that join clauses,
# verbs of a layer and nouns of other quantities end the run instead.
_DESCRIBING = (
    r"(?:(?!(?:a|an|the|and|or|but|with|without|to|into|of|on|in|at|by|for|from|is|are|was|"
    r"then|gives?|yields?|produces?|becomes?|so|which|that|its|their|input|output|image|"
    r"stride|padding|filters?|kernels?|channels?|units|feature|map|maps|volume|tensor|"
    r"pixels?|px)\b)[a-z][a-z-]*\s+){0,2}"
)
_OUTPUT_VERB = (
    r"(?:\b(?:gives?|giving|yields?|yielding|produces?|producing|results?\s+in|resulting\s+in|"
    r"outputs?|returns?|becomes?|leads?\s+to|leaves|leaving|get|gets|getting|"
    r"is\s+reduced\s+to|shrinks?\s+to|reduces?\s+it\s+to|downsamples?\s+it\s+to|"
    r"(?:turns?|turning|converts?|converting|maps?|mapping|makes?|making|shrinks?|shrinking|"
    r"reduces?|reducing|downsamples?|downsampling|brings?|bringing)\s+(?:it|this|that|them)"
    r"\s+(?:in)?to|(?:is|are|gets?)\s+(?:turned|converted|mapped|shrunk|reduced|"
    r"downsampled|brought)\s+(?:in)?to|"
    r"stays?(?:\s+at)?|remains?(?:\s+at)?|ends?\s+up(?:\s+at|\s+as)?|comes?\s+out\s+(?:at|as))"
    r"|=>|->|\N{RIGHTWARDS ARROW}|\N{RIGHTWARDS DOUBLE ARROW})"
)
# What a verb of change shrinks: "shrinks the map to 27x27".
_SHRUNK_NOUN = (
    r"(?:feature[- ]maps?|activation[- ]maps?|maps?|grids?|inputs?|images?|activations?|"
    r"tensors?|volumes?|sequences?|signals?|series|resolution|spatial\s+size|size|length)"
)
_NOT_AN_OUTPUT = (
    rf"(?!\s*(?:{_KERNEL_NOUN}|filters|kernels|channels|units|neurons|parameters|params|"
    r"weights?|biases|values|multiplications|operations|ops|flops|macs|connections|pixels|"
    r"elements|numbers|classes|times|percent|%|x\b|fold|bits|bytes)"
    # "I get 24 maps of 65x65": a bare number before "maps" counts them ("13x13 maps" is a size)
    r"|(?:(?<=[\s*_]\d)|(?<=[\s*_]\d\d)|(?<=[\s*_]\d\d\d)|(?<=[\s*_]\d,\d\d\d))"
    r"\s*(?:feature[- ]|activation[- ]|output[- ])?maps\b)"
)

FINDERS: dict[str, re.Pattern[str]] = {
    "input": _finder(
        rf"(?P<v1>{_SQUARE})(?:\s*(?:pixels?|px))?{_GAP}{_DESCRIBING}{_INPUT_ADJECTIVE}{_INPUT_NOUN}\b"
        rf"{_NOT_A_SIZE}",
        rf"(?P<v8>{_TUPLE})\s+(?:input|image|tensor|array)s?\b",
        # "... with stride 2 on 64x64?": a bare size the layer is applied on, at a clause end.
        # (not a result: "halves it again to 56x56.", "brings them down to 7x7.")
        rf"\b(?:on|over|(?<!\bit )(?<!\bthem )(?<!\bagain )(?<!\bdown )(?<!\bthis )(?<!\bthat )to)"
        rf"\s+(?:an?\s+|the\s+)?(?P<v9>{_SQUARE})(?=\s*(?:[?.,;:]|$))",
        rf"\b(?:input|image|feature[- ]map|volume)(?:[ _](?:size|shape|dimensions?|resolution|"
        rf"width|volume|tile|patch|image|crop))?{_IS}(?:(?:size|shape|dimensions?){_IS})?(?:an?\s+)?(?P<v2>{_VALUE})"
        rf"(?!{_GAP}?(?:{_KERNEL_NOUN}|channels))",
        rf"\b(?-i:W|H|N|n|W_?in|H_?in|N_?in|W_?1|n_?in)\s*=\s*(?P<v3>{_N})\b(?![.,]\d)",
        rf"\b(?:sequence|signal|series|text|sentence)\s+(?:of\s+)?(?:length|size)\s*(?:of\s+)?"
        rf"(?P<v5>{_N})\b",
        # "sequence length: 100 tokens", "input length = 64", "Input length 64, kernel size 3":
        # a labelled 1D length, its label's colon left out in a terse list of settings
        rf"\b(?:sequence|signal|series|input)[ _](?:length|len)\s*(?:[:=]|is|(?=[ \t]*\d))\s*"
        rf"(?P<v11>{_N})\b(?![.,]\d|\s*(?:{_CROSS_SIGN}|by\b|[-+/\N{{MINUS SIGN}}]\s*\d))",
        rf"\blength[- ](?P<v6>{_N})\s+(?:sequence|signal|series|input)",
        # "an input of length 50": a 1D length (a 2D input gives its size, not its length)
        rf"\binput\s+(?:of|with)\s+(?:a\s+)?length\s+(?:of\s+)?(?P<v12>{_N})\b(?![.,]\d)",
        rf"\b(?:over|on|across)\s+(?P<v10>{_N})\s+(?:time\s*steps|timesteps|tokens)\b",
        # "a sequence of 100 token embeddings": one vector per position
        rf"\b(?:sequence|series|signal)\s+of\s+(?P<v7>{_N})\s+(?:(?:token|word|character)\s+)?"
        r"(?:(?:time\s*)?steps|tokens|words|samples|elements|positions|frames|values|embeddings|"
        r"vectors)\b",
        rf"\b(?:applied|applying|apply|slid|sliding|run|running)\s+(?:it\s+)?(?:to|on|over)"
        rf"\s+(?:an?\s+|the\s+)?(?P<v4>{_SQUARE})",
    ),
    "kernel": _finder(
        rf"(?P<v1>{_SQUARE}){_GAP}{_DESCRIBING}(?:{_KERNEL_ADJECTIVE}\s+)?(?:{_KERNEL_NOUN})\b",
        rf"\b(?:kernel|filter|window|pool(?:ing)?|receptive[- ]field)s?(?:[ _](?:size|width|"
        rf"shape))?{_IS}(?:(?:size|shape|width|length|span){_IS})?(?P<v2>{_VALUE})"
        r"(?!\s*(?:filters|kernels|channels|feature|units|neurons|maps))",
        rf"\b(?-i:Conv[123]D)\(\s*(?:filters\s*=\s*)?{_N}\s*,\s*(?:kernel_size\s*=\s*)?"
        rf"(?P<v4>{_TUPLE}|{_N})",
        rf"\b(?-i:Conv[123]d)\(\s*(?:in_channels\s*=\s*)?{_N}\s*,\s*(?:out_channels\s*=\s*)?{_N}"
        rf"\s*,\s*(?:kernel_size\s*=\s*)?(?P<v7>{_TUPLE}|{_N})",
        rf"\b(?-i:Conv[123]D)\(\s*(?:filters\s*=\s*)?{_N}\s*,[^()]*?\bkernel_size\s*=\s*"
        rf"(?P<v6>{_TUPLE}|{_N})",
        rf"\b(?:Max|Average|Avg|Min)Pool(?:ing)?[123][dD]\(\s*(?:(?:pool|kernel)_size\s*=\s*)?"
        rf"(?P<v5>{_TUPLE}|{_N})",
        # pooling as a function of its input: ``F.max_pool2d(x, 3)``, ``F.avg_pool1d(x, 4)``
        rf"\b(?-i:max|avg)_pool[123]d\(\s*[A-Za-z_][\w.]*\s*,\s*(?:kernel_size\s*=\s*)?"
        rf"(?P<v10>{_TUPLE}|{_N})",
        rf"\b(?-i:F|K|k|f)\s*=\s*(?P<v3>{_N})\b(?![.,]\d)",
        # "Conv 5x5", "max pool 2x2": the layer's name, then its window
        rf"\b(?:conv(?:olution)?|(?:(?:max|average|avg|mean)[- ]?)?pool(?:ing)?)(?:[123]d)?\s+"
        rf"(?P<v9>{_SQUARE})(?!\s*(?:input|image|map|feature|volume|tensor|output))",
        # "max pooling (3x3, stride 2)", "a conv layer (5 x 5, 32 filters)": the window first in
        # the brackets after the layer's name
        rf"\b{_KERNEL_NOUN}(?:[- ]layer)?\s*\(\s*(?P<v11>{_SQUARE})(?=\s*[,;)])",
        # "a convolution of width 7", "a pooling window with size 3"
        rf"\b{_KERNEL_NOUN}\s+(?:of|with)\s+(?:an?\s+)?(?:kernel\s+|window\s+)?"
        rf"(?:size|width|length)\s+(?:of\s+)?(?P<v8>{_VALUE})",
    ),
    "stride": _finder(
        rf"\bstrides?(?:[ _]size)?(?:\s*-\s*|{_IS})(?P<v1>{_NUM}|{_TUPLE})\b"
        rf"{_NOT_FIRST_OF_SHAPE}",
        rf"\b{_NOT_IN_SHAPE}(?P<v2>{_NUM})[- ](?:pixel[- ])?stride\b",
        rf"\b(?-i:S|s)\s*=\s*(?P<v3>{_N})\b(?![.,]\d)",
    ),
    "padding": _finder(
        rf"\b(?:zero[- ]?)?pad(?:ding)?(?:[ _]size)?{_IS}(?P<v1>{_NUM}|{_TUPLE})\b"
        rf"{_NOT_FIRST_OF_SHAPE}",
        rf"\b{_NOT_IN_SHAPE}(?P<v2>{_NUM})[- ](?:pixels?\s+(?:of\s+)?)?(?:zero[- ]?)?padding\b",
        rf"\b(?-i:P|p)\s*=\s*(?P<v3>{_N})\b(?![.,]\d)",
        r"\b(?P<none>(?:no|without(?:\s+any)?)\s+(?:zero[- ]?)?padding|unpadded)\b",
        r"\b(?P<same>same)['\"\N{RIGHT SINGLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}]?"
        r"[- ]padd(?:ing|ed)\b",
        # "a same convolution" is padded; "the same convolution" is that layer again
        r"(?<!\bthe\s)(?<!\bthis\s)\b(?P<same3>same)['\"\N{RIGHT SINGLE QUOTATION MARK}"
        r"\N{RIGHT DOUBLE QUOTATION MARK}]?\s+convolution\b",
        r"\bpadding\s*[=:]?\s*['\"]?(?P<same2>same)\b",
        r"\b(?P<valid>valid)['\"\N{RIGHT SINGLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}]?"
        r"(?:[- ]padding|\s+convolution)\b",
        r"\bpadding\s*[=:]?\s*['\"]?(?P<valid2>valid)\b",
    ),
    "dilation": _finder(
        rf"\bdilation(?:[ _](?:rate|factor))?{_IS}(?P<v1>{_NUM})\b",
        rf"\b{_NOT_IN_SHAPE}(?P<v2>{_NUM})[- ]dilated\b|\bdilated\s+by\s+(?P<v3>{_NUM})\b",
        # "dilation $d = 2$", "dilation rate r = 4": the word, then the symbol it names
        rf"\bdilation(?:[ _](?:rate|factor))?\s*\(?\s*(?-i:d|D|r)\s*=\s*(?P<v4>{_N})\b(?![.,]\d)",
    ),
    "output": _finder(
        rf"{_OUTPUT_VERB}\s*(?:(?:us|you|an?|the|one)\s+)?{_OUTPUT_NOUN}(?P<v1>{_VALUE})"
        rf"{_NOT_AN_OUTPUT}",
        rf"\boutput(?:[ _\n](?:size|shape|dimensions?|volume|width|height|length|"
        r"feature[- ]map|map|resolution))?"
        # "the output therefore has **62 steps**": an adverb of consequence, a bold result
        rf"\s*(?:(?:therefore|thus|hence|then|now|also)\s+)?"
        rf"(?:is|are|will\s+be|becomes|of|=|:|equals|has(?:\s+(?:a|the))?)\s*(?:(?:an?|the)\s+)?"
        rf"(?:(?:of\s+)?(?:size|shape|dimensions?|length|width)\s+(?:of\s+)?)?[*_]{{0,2}}"
        rf"(?P<v2>{_VALUE}){_NOT_AN_OUTPUT}",
        rf"(?P<v3>{SHAPE}){_GAP}(?:output|result)\b{_NOT_A_SIZE}",
        # "Output: 32 channels x 28 x 28": the depth named first, the spatial size after it
        rf"\boutput(?:[ _](?:size|shape))?\s*(?:is|=|:)\s*[*_]{{0,2}}{_N}\s+"
        rf"(?:channels?|filters?|feature\s+maps?)\s*{_CROSS_SIGN}\s*"
        rf"(?P<v13>{_N}(?:{_CROSS}{_N}){{0,2}})(?![\w]|[.,]\d){_NOT_AN_OUTPUT}",
        # "output length = (33 - 5) / 2 + 1 = 15": a labelled calculation claims its result
        r"\b(?:output|result)(?:[ _](?:size|length|width|height))?\s*[:=]\s*"
        r"(?P<calc>\([ \t]*\d)",
        # "result: 29 positions", "resulting length = 29": a labelled result
        rf"\bresult(?:ing)?(?:[ _](?:size|shape|length|width))?\s*[:=]\s*(?P<v12>{_VALUE})"
        rf"{_NOT_AN_OUTPUT}",
        rf"\b(?:keeps?|keeping|holds?)\b[^.;\n]{{0,40}}?\bat\s+(?P<v5>{_VALUE}){_NOT_AN_OUTPUT}",
        rf"\binto\s+(?:an?\s+|the\s+)?(?:output|feature[- ]maps?|volume)\s+(?:of\s+)?"
        rf"(?:(?:size|shape)\s+(?:of\s+)?)?(?P<v4>{_VALUE})",
        # "the resulting feature map is 24 x 24": a map named as the result, not the input
        # "so the feature map is 24 x 24": a consequence or an adjective makes it the output
        rf"(?:\b(?:so|thus|hence|therefore|then)\s+(?:the\s+|its\s+|each\s+)?"
        rf"|\b(?:resulting|new|final|output|reduced|pooled|convolved|downsampled)\s+)"
        rf"(?:feature[- ]maps?|activation[- ]maps?|maps?|result|activations?)\s+"
        rf"(?:is|are|becomes|will\s+be|measures|has\s+(?:size|shape|dimensions?))\s+"
        rf"(?:(?:an?|the)\s+)?(?:(?:of\s+)?(?:size|shape)\s+(?:of\s+)?)?(?P<v6>{_VALUE})"
        rf"{_NOT_AN_OUTPUT}",
        # 1D: "it slides over 97 positions", "98 output positions"
        rf"\b(?:slides?|slid|sliding|fits?|visits?|stops?)\s+(?:over|across|into|at|in|to)?\s*"
        rf"(?P<v7>{_N})\s+(?:positions|places|locations|offsets|windows)\b",
        rf"\binto\s+(?:an?\s+|only\s+)?(?P<v9>{_N})\s+(?:output\s+)?(?:time\s*steps|steps|positions|"
        r"values|elements|frames|outputs)\b",
        # "comes out with length 48", "ends up with a width of 12"
        rf"\b(?:comes?|came|coming|ends?|ended|ending)\s+(?:out|up)\s+(?:with|at|as)\s+"
        rf"(?:an?\s+|the\s+)?(?:(?:output\s+)?(?:length|size|width|shape)\s+(?:of\s+)?)"
        rf"(?P<v10>{_VALUE}){_NOT_AN_OUTPUT}",
        # "shrinks the map to 27x27", "reduces the activation grid to 10x10": a verb of change,
        # the thing changed (no size of its own: that is a from-to pair), then the result
        rf"\b(?:shrinks?|shrinking|reduces?|reducing|turns?|turning|maps?|mapping|downsamples?|"
        rf"downsampling|brings?|bringing|cuts?|cutting|halves|halving|converts?|converting)\s+"
        rf"(?:the|its|this|that|each|every)\s+(?:[a-z-]+\s+){{0,2}}?{_SHRUNK_NOUN}\s+"
        rf"(?:down\s+)?(?:in)?to\s+(?:an?\s+|just\s+|only\s+)?(?P<v11>{_VALUE}){_NOT_AN_OUTPUT}",
        rf"(?P<v8>{_COUNT_N})\s+(?:(?:valid|output|sliding[- ]window)\s+)+"
        r"(?:positions|time\s*steps|steps|vectors|values|elements|frames|windows)\b",
    ),
    "from_to": _finder(
        rf"\bfrom\s+(?:an?\s+|the\s+)?{_OWNER}(?P<v1>{_SQUARE})(?:\s+[\w-]+){{0,3}}?\s+"
        r"(?:to|into|down\s+to)\s+"
        rf"(?:an?\s+)?(?P<v2>{_SQUARE})",
        rf"\b(?:reduces?|reducing|shrinks?|shrinking|downsamples?|downsampling|halves|halving|"
        rf"turns?|turning|maps?|mapping|upsamples?|upsampling|takes?|taking|brings?|bringing|"
        rf"grows?|growing|enlarges?|enlarging|expands?|expanding)\s+(?:an?\s+|the\s+)?{_OWNER}"
        rf"(?P<v3>{_SQUARE})(?:\s+(?!to\b|into\b)[\w-]+){{0,3}}\s+"
        rf"(?:to|into)\s+(?:an?\s+)?(?P<v4>{_SQUARE})",
    ),
    # Counts for parameter totals.
    "in_channels": _finder(
        rf"(?P<v1>{_COUNT_N})\s+(?:input|incoming|in)[- ](?:channels|feature[- ]maps|maps)\b",
        rf"\b(?:in_channels|input[ _](?:channels|depth)){_COUNT_IS}(?P<v2>{_N})\b",
        rf"\b(?P<v3>{_N})[- ]channels?\s+(?:[\w-]+\s+)?{_CHANNEL_CARRIER}",
        # "applied to the 32-channel output of the first block": another layer's output as input
        r"\b(?:applied\s+to|on|over|takes?|taking|receives?|receiving|fed\s+(?:with|by))\s+"
        rf"(?:the\s+|an?\s+|its\s+)?(?P<v15>{_N})[- ]channels?\s+outputs?\b",
        rf"\b(?P<v16>{_N})[- ]channels?\s+outputs?\s+(?:of|from)\s+(?:the\s+|its\s+)?"
        r"(?:previous|preceding|prior|earlier|first|second|third|stem)\s+"
        r"(?:block|layer|stage|convolution|conv)\b",
        rf"\b{_CHANNEL_CARRIER}\s+(?:that\s+)?(?:has|have|with|of|carries|carrying|holds?|"
        rf"holding|contains?|containing)\s+(?P<v13>{_N})\s+(?:input\s+)?"
        r"(?:channels|features(?:\s+(?:per|at\s+each|for\s+each|in\s+each)\s+(?:time\s*)?step)?)\b",
        rf"\b(?P<v14>{_N})\s+(?:input\s+)?(?:channels|features)\s+(?:per|at\s+each|for\s+each|"
        r"in\s+each)\s+(?:time\s*)?(?:step|position|token|frame)\b",
        rf"\b(?-i:Conv[123]d)\(\s*(?:in_channels\s*=\s*)?(?P<v10>{_N})\s*,",
        rf"\b(?:an?\s+)?(?:input|image|volume)\s+(?:with|of)\s+(?P<v4>{_N})\s+channels\b",
        rf"\b(?P<rgb>RGB|colou?r)\s+{_PICTURE}",
        rf"\b(?P<gray>gr[ae]yscale|monochrome|single[- ]channel)\s+{_PICTURE}",
        rf"\b(?P<v5>{_N})\s+(?:input\s+)?channels\s+(?:(?:down|up)\s+)?(?:in)?to\s+{_N}\b",
        rf"\b(?P<v11>{_N})\s+input\s+and\s+{_N}\s+output\s+(?:channels|feature\s+maps)\b",
        rf"\b(?:embedding|vector|word\s+vector)s?\s+(?:size|dim(?:ension)?)\s*(?:of|=|:|is)?\s*"
        rf"(?P<v12>{_N})\b",
        rf"\b(?:from|mapping|maps|map|turning|turns|converting|converts)\s+(?P<v6>{_N})\s+(?:channels\s+)?to\s+{_N}\s+(?:output\s+)?channels\b",
        rf"\b(?P<v7>{_N})\s*(?:->|\N{{RIGHTWARDS ARROW}})\s*{_N}\s+channels\b",
        rf"\b(?P<v8>{_N})[- ](?:dim(?:ension(?:al)?)?|d)\s+(?:word\s+|token\s+|input\s+)?"
        r"(?:vectors|embeddings|features)\b",
        rf"\b(?:vectors|embeddings)\s+of\s+(?:size|dimension|length)\s+(?P<v9>{_N})\b",
    ),
    "filters": _finder(
        rf"(?P<v1>{_COUNT_N})\s+(?:(?:output|out)[- ](?:channels|feature[- ]maps|maps)"
        r"|filters|kernels|feature[- ]maps)\b",
        rf"\b(?P<v3>{_N}){_listed(_FILTER_NOUN)}",
        rf"(?P<v9>{_COUNT_N})\s+{_SQUARE}\s+(?:filters|kernels)\b",
        rf"\b(?-i:Conv[123]D)\(\s*(?:filters\s*=\s*)?(?P<v4>{_N})\b",
        rf"\b(?-i:Conv[123]d)\(\s*(?:in_channels\s*=\s*)?{_N}\s*,\s*(?:out_channels\s*=\s*)?"
        rf"(?P<v8>{_N})\b",
        rf"\b{_N}\s+(?:input\s+)?channels\s+(?:(?:down|up)\s+)?(?:in)?to\s+(?P<v5>{_N})\b",
        rf"\b{_N}\s+input\s+and\s+(?P<v10>{_N})\s+output\s+(?:channels|feature\s+maps)\b",
        rf"\b(?:from|mapping|maps|map|turning|turns|converting|converts)\s+{_N}\s+(?:channels\s+)?to\s+(?P<v6>{_N})\s+(?:output\s+)?channels\b",
        rf"\b{_N}\s*(?:->|\N{{RIGHTWARDS ARROW}})\s*(?P<v7>{_N})\s+channels\b",
        rf"\b(?:filters|out_channels|output[ _]channels|number\s+of\s+filters)"
        rf"(?:\s+of|\s*=|\s*:|\s+is)?\s*(?P<v2>{_N})\b",
    ),
    "inputs": _finder(
        # "a fully connected layer from 4,096 to 1,000 units"
        rf"\bfrom\s+(?P<v15>{_N})\s+(?:(?:inputs|features|units|neurons|nodes)\s+)?(?:in)?to\s+"
        rf"{_N}\s+(?:output\s+)?(?:units|neurons|nodes|outputs)\b",
        rf"\b(?:connects?|connecting|from)\s+(?:an?\s+|the\s+)?(?P<v13>{_N})[- ]"
        r"(?:unit|neuron|node)\s+layer\s+(?:to|with|into)\b",
        rf"\bbetween\s+(?:an?\s+|the\s+)?(?P<v10>{_N})[- ](?:unit|neuron|node)\s+"
        r"(?:layer\s+)?and\b",
        rf"\bflatten(?:s|ed|ing)?(?:\(\))?\s+(?:of\s+|layer\s+on\s+)?(?:an?\s+|the\s+)?"
        rf"(?P<v11>{_SQUARE})",
        rf"(?P<v12>{_SQUARE})\s+(?:\w+\s+)?(?:map|volume|tensor|output)s?\s+(?:is\s+|are\s+)?"
        r"flattened\b",
        rf"\bLinear\(\s*(?:in_features\s*=\s*)?(?P<v8>{_N})\s*,",
        rf"\binput_shape\s*=\s*[(\[]\s*(?P<v14>{_N})\s*,?\s*[)\]]",
        rf"\b(?:after|following|follows?|on\s+top\s+of|connected\s+to|fed\s+(?:by|from)|from)"
        rf"\s+(?:an?\s+|the\s+)?(?:hidden\s+)?(?P<v9>{_N})[- ](?:neuron|unit|node)\s+"
        r"(?:hidden\s+|dense\s+)?layer\b",
        rf"(?P<v1>{SHAPE})\s+(?:input(?:s|[- ](?:features|units|neurons|nodes|values|dimensions))"
        r"|features)\b",
        rf"\b(?:input[ _](?:size|dim(?:ension)?s?|features|units|neurons)|in_features|input_dim)"
        rf"(?:\s+of|\s*=|\s*:|\s+is)?\s*(?P<v2>{_N})\b",
        rf"\b(?P<v3>{_N})[- ]dim(?:ensional)?\s+(?:[\w-]+\s+)?(?:input|vector|feature|embedding|"
        r"representation|encoding|hidden\s+state)",
        r"\b(?:from|on|over|after|on\s+top\s+of|mapping|maps|map|taking|takes|receiving|"
        rf"receives)\s+(?:an?\s+|the\s+|its\s+)?"
        rf"(?:previous\s+layer(?:'s)?\s+(?:of\s+|with\s+)?)?(?P<v4>{_N})"
        # "on the 196 engineered tabular features": up to two describing words
        r"\s+(?:(?!(?:to|into|and|or|of|by|per|x|more|fewer|other)\b)[A-Za-z][\w-]*\s+){0,2}?"
        r"(?:hidden\s+|input\s+)?(?:units|neurons|nodes|inputs|features|activations)\b",
        rf"\b(?P<v5>{_N})[- ]features?\s+(?:input|vectors?)\b",
        # "a flattened 784-pixel MNIST input": a count of pixels or values that is the input
        rf"\b(?P<v16>{_N})[- ](?:pixel|value|feature)s?\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:inputs?|images?|pictures?|vectors?)\b",
        # "applied to 1,024-dimensional encoder outputs": another layer's outputs as the input
        r"\b(?:applied\s+to|on|over|from|takes?|taking|receives?|receiving|fed\s+(?:with|by))\s+"
        rf"(?:the\s+|its\s+)?(?P<v17>{_N})[- ]dim(?:ensional)?\s+(?:[\w-]+\s+)?"
        r"(?:outputs|activations|features|embeddings|vectors)\b",
        rf"\b(?:input|vector)s?\s+(?:of|with)\s+(?P<v6>{_N})\s+features\b",
        rf"\b(?:follows?|following|after|on\s+top\s+of|fed\s+by|behind|stacked\s+on|preceded\s+by|"
        r"(?:receives|takes)\s+(?:the\s+)?(?:output|activations)\s+of|connected\s+to)"
        rf"\s+(?:an?\s+|the\s+)?"
        rf"(?:(?:Keras|hidden)\s+)?(?:[\w.]*\.)?Dense\(\s*(?:units\s*=\s*)?(?P<v7>{_N})\b",
    ),
    "units": _finder(
        # "maps the 256 hidden units to 5 classes"
        rf"\b(?:in)?to\s+(?P<v9>{_N})\s+(?:classes|categories|labels|output\s+units)\b",
        rf"(?P<v1>{_COUNT_N})\s+(?:output\s+|hidden\s+)?(?:units|neurons|nodes|outputs|logits)\b",
        rf"\b(?P<v4>{_N}){_listed(_UNIT_NOUN)}",
        rf"\b(?:units|out_features|output[ _](?:size|dim(?:ension)?|units))"
        rf"(?:\s+of|\s*=|\s*:|\s+is)?\s*(?P<v2>{_N})\b",
        rf"\bDense\(\s*(?:units\s*=\s*)?(?P<v3>{_N})\b",
        rf"\bLinear\(\s*(?:in_features\s*=\s*)?{_N}\s*,\s*(?:out_features\s*=\s*)?(?P<v5>{_N})\b",
        rf"\b(?P<v6>{_N})[- ](?:unit|neuron|node)\s+(?:(?:dense|hidden|output|fully[- ]connected)"
        r"\s+)?layer\b",
        rf"\b(?P<v7>{_N})[- ](?:class|way|category|label)\s+(?:{_HEAD_WORD}\s+){{0,2}}"
        rf"(?:head|layer|classifier|output|logits)\b",
        rf"\b(?:{_HEAD_WORD})\s+(?:layer\s+|head\s+)?(?:for|over|with|of)\s+(?P<v8>{_N})\s+"
        r"(?:classes|categories|labels)\b",
    ),
    "total": _finder(
        rf"(?P<v1>{_TOTAL})[*_]*\s+(?:trainable\s+|learnable\s+|total\s+|free\s+)?"
        r"(?P<word1>parameters|params|weights(?!\s+and\s+biases))\b",
        rf"(?P<v3>{_TOTAL})[*_]*\s+(?:trainable\s+|learnable\s+)?weights\s+and\s+biases\b",
        rf"(?P<v4>{_TOTAL})[*_]*\s+(?:trainable|learnable)\s+(?:values|numbers|scalars|variables)\b",
        rf"\b(?P<word2>parameters|params|parameter\s+count|number\s+of\s+parameters)"
        rf"(?:\s+is|\s*=|\s*:|\s+of|\s+equals|\s+comes\s+to)\s*(?P<v2>{_TOTAL})\b"
        # "params = 128 · 4 · 9 = 4,608": the first factor of a calculation is no count
        r"(?![ \t]*[\N{MIDDLE DOT}\N{DOT OPERATOR}\N{MULTIPLICATION SIGN}*xX+/][ \t]*\d)",
    ),
}
NO_BIAS = lazy_regex(
    r"\b(?:without|no)\s+(?:an?\s+|the\s+|any\s+)?bias(?:es|\s+terms?|\s+vectors?)?\b"
    r"|\b(?:use_)?bias\s*[=:]\s*False\b|\bbias[- ]free\b"
    r"|\b(?:without|no)\s+(?:an?\s+|the\s+)?intercept\b|\bfit_intercept\s*=\s*False\b",
    re.IGNORECASE,
)
# Layers whose parameters follow other formulas than a dense or plain convolution layer.
OTHER_LAYERS = lazy_regex(
    r"\b(?:LSTMs?|GRUs?|RNNs?|recurrent|attention|conv-?LSTM\w*|"
    r"(?<!dimensional\s)(?<!word\s)(?<!token\s)(?<!sentence\s)(?<!document\s)(?<!text\s)"
    # "16 + 4 embedding dims": the width of an embedding's output, a size, no layer
    r"(?<!image\s)embeddings?(?![ \t]+(?:dims?|dimensions?|width|size)\b)|"
    # a classifier "head" is one dense layer; attention heads are not
    r"(?<!softmax\s)(?<!sigmoid\s)(?<!classifier\s)(?<!classification\s)(?<!output\s)"
    r"(?<!linear\s)(?<!dense\s)(?<!regression\s)(?<!prediction\s)(?<!logits\s)(?<!MLP\s)heads?"
    # "the head is a single fully connected layer": a classifier head, named as one layer
    r"(?!\s+is\s+(?:a|one)\s+(?:single\s+)?(?:dense|fully[- ]connected|linear)\b)|"
    r"batch[- ]?norm\w*|instance[- ]?norm\w*|group[- ]?norm\w*|"
    r"layer[- ]?norm\w*|normali[sz]ation|transformers?|bidirectional|depthwise|separable|"
    r"grouped|groups|highway|gates?|bilinear)\b",
    re.IGNORECASE,
)
# The same layer applied again to its own output: "a second one gives 3x3", "another 5x5 conv
# then gives 24x24", "and a third 1x1" state the sizes after the first layer.
_REPEATED = (
    r"another|again|(?:a|the)\s+(?:second|third|fourth|next)"
    r"(?=\s+(?:one|such|identical|same|conv\w*|layer|pool\w*|block|\d))|second\s+such"
)
REPEATED_LAYER = lazy_regex(rf"\b(?:{_REPEATED})\b", re.IGNORECASE)
# A sentence about a whole network, or several layers: its sizes and counts are not those of
# one layer ("a network with 784 inputs and 128 hidden units has 101,770 parameters").
SEVERAL_LAYERS = lazy_regex(
    rf"\b(?:{_REPEATED}|"
    r"networks?|models?|architectures?|nets|stack(?:s|ed|ing)?|throughout|repeated\w*|"
    r"layers|blocks|stages|in\s+total|total|overall|altogether|"
    # "the whole layer" is one layer; "the whole network" is not
    r"(?:entire|whole)(?!\s+(?:(?:conv\w*|dense|linear|pooling)\s+)?layer\b)|each\s+layer|"
    r"every\s+layer|MLPs?|perceptrons?|then|followed\s+by|after\s+that)\b"
    # a module path names one class, not several layers: ``layers.Conv2D``, ``keras.models.…``
    r"(?!\.\w)",
    re.IGNORECASE,
)
# Layers whose output is larger than their input: the output formula is another one.
UPSAMPLING = lazy_regex(
    r"\b(?:transposed?|transpose[ds]?\s+conv|deconv\w*|up-?sampl\w*|up-?conv\w*|fractionally)",
    re.IGNORECASE,
)


# Named groups whose value is a word: "an RGB image" has 3 channels.
_FIXED_VALUES = {"rgb": (3,), "gray": (1,)}


# A number just after an operator is a term of a calculation ("3 + 5 inputs"), not a size.
# "**" before a number is bold, not an operator.
_AFTER_OPERATOR = lazy_regex(
    r"(?:[+/\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}]"
    r"|(?<!\*)\*)\s*$"
)
_COUNT_KINDS = frozenset({"inputs", "units", "filters", "in_channels", "total"})


# The finders every match of which holds a number, behind digit gates: most sentences of a
# note have none. The others also read words ("stride two", "same padding", "an RGB image").
_GATED = {
    kind: DigitGated(FINDERS[kind])
    for kind in ("input", "kernel", "output", "from_to", "filters", "inputs", "units", "total")
}


# "kernel * channels * filters + filters = 5 * 3 * 16 + 16": the word after the operator is
# the last term of a formula in words, and the numbers after "=" substitute every term, so
# "filters = 5 * 3 * 16" states no filter size (nor "filters = 5" a filter count).
_WORD_FORMULA_BEFORE = lazy_regex(
    r"[A-Za-z_)][ \t]*[*+\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}][ \t]*$"
)


def _last_term_of_word_formula(text: str, match: re.Match[str]) -> bool:
    return "=" in match.group(0) and (
        _WORD_FORMULA_BEFORE.search(text, max(0, match.start() - 8), match.start()) is not None
    )


# "`nn.Conv2d(4, 64, 7)` → 4·64·49 = 12,544": an arrow to a product or sum that ends in "=" is
# a count worked out for the layer, not its output size (a size's formula subtracts and divides)
_ARROW = lazy_regex(r"->|=>|\N{RIGHTWARDS ARROW}|\N{RIGHTWARDS DOUBLE ARROW}")
# (its result a bare number: "→ 14 * 2 = 28x28" or "= 100 steps" is a transposed layer's size)
_COUNT_CALCULATION_REST = lazy_regex(
    r"[ \t]*(?:(?:[*+\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}]|\\cdot|\\times)"
    r"[ \t]*\(?[ \t]*\d[\d,]*[ \t]*\)?[ \t]*)*=[ \t]*\$?[ \t]*\d[\d,{}]*"
    r"(?![\d,]|[ \t]*(?:[xX\N{MULTIPLICATION SIGN}*]|\\times)[ \t]*\d|[ \t]*[a-z])"
)


_PRODUCT_SIGN = lazy_regex(
    r"[*\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}]|\\cdot|\\times"
)


def _arrow_to_count(text: str, match: re.Match[str], name: str) -> bool:
    if name != "v1" or _ARROW.search(match.group(0)) is None:
        return False
    rest = _COUNT_CALCULATION_REST.match(text, match.end(name))
    # a count multiplies ("→ 27 + 1 = 28" adds the one of a size's formula)
    return rest is not None and _PRODUCT_SIGN.search(match.group(name) + rest.group()) is not None


def find(kind: str, text: str, start: int, end: int) -> Iterator[Quantity]:
    """Every quantity of ``kind`` in ``text[start:end]``."""
    for match in (_GATED[kind] if kind in _GATED else FINDERS[kind]).finditer(text, start, end):
        if _last_term_of_word_formula(text, match):
            continue
        for name, value in match.groupdict().items():
            if value is None:
                continue
            begin, finish = match.span(name)
            if kind == "output" and _arrow_to_count(text, match, name):
                continue
            if kind in _COUNT_KINDS and _AFTER_OPERATOR.search(text, max(0, begin - 3), begin):
                continue
            if name.startswith("word"):
                continue
            if name in _FIXED_VALUES:
                yield Quantity(kind, begin, finish, _FIXED_VALUES[name], text=value)
                continue
            if name.rstrip("23") in ("same", "valid", "none"):
                mode = name.rstrip("23")
                # "valid" and "no padding" are both p = 0, so that one note may say both
                fixed: tuple[int, ...] = () if mode == "same" else (0,)
                yield Quantity(kind, begin, finish, fixed, "valid" if mode == "none" else mode)
                continue
            if name == "calc" or (kind == "output" and _OPERATOR_NEXT.match(text, finish)):
                # "output length: 100 - 5 + 1 = 96" claims the result, not its first term
                result = _expression_result(text, finish, end)
                if result is not None:
                    yield Quantity(
                        kind, *result.span(), parse_values(result.group()), text=result.group()
                    )
                continue
            word = match.groupdict().get("word1") or match.groupdict().get("word2") or ""
            values, mode = parse_values(value), word.lower()
            if kind == "kernel":
                values, mode = _call_kernel(match.group(0), values)
            yield Quantity(kind, begin, finish, values, mode, value)


# A size followed by an operator and a number is the first term of a calculation.
_OPERATOR_NEXT = lazy_regex(
    r"[ \t]*(?:[-+/\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}*]|\N{EN DASH})"
    r"[ \t]*\(?[ \t]*\d"
)
# The rest of a calculation on its line: numbers, operators and brackets, up to its last "=".
_CALCULATION = lazy_regex(
    r"[\d \t,.()+\-/*\N{MINUS SIGN}\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}"
    r"\N{EN DASH}\N{MIDDLE DOT}\N{DOT OPERATOR}\u230a\u230b=]*"
)
_RESULT = lazy_regex(
    # "= 62." ends a sentence; "= 62.5" is no whole result
    rf"=[ \t]*(?P<result>{_N})(?![\d]|\.\d|[ \t]*[-+/*\N{{MINUS SIGN}}\N{{MULTIPLICATION SIGN}}])"
)


def _expression_result(text: str, start: int, end: int) -> re.Match[str] | None:
    """The result after the last "=" of the calculation that starts at ``start``."""
    calculation = _CALCULATION.match(text, start, end)
    stop = calculation.end() if calculation is not None else start
    last = None
    for result in _RESULT.finditer(text, start, stop):
        last = result
    if last is None:
        return None
    span = last.span("result")
    return re.compile(re.escape(last.group("result"))).match(text, span[0])


def _call_kernel(text: str, values: tuple[int, ...]) -> tuple[tuple[int, ...], str]:
    """A layer call's kernel: ``Conv2D(32, 3)`` is 3x3, ``Conv1D(64, 5)`` is 5 wide."""
    call = re.match(r"\w*?(?:Conv|Pool(?:ing)?)(?P<dims>[123])[dD]\(", text)
    if call is None:
        return values, ""
    if call.group("dims") == "1":
        return values, "1d"
    dims = int(call.group("dims"))
    return (values * dims if len(values) == 1 else values), ""


def find_pairs(text: str, start: int, end: int) -> Iterator[tuple[Quantity, Quantity]]:
    """ "from 224x224 to 112x112": an input and an output."""
    for match in _GATED["from_to"].finditer(text, start, end):
        names = ("v1", "v2") if match.group("v1") is not None else ("v3", "v4")
        first, second = (match.group(name) for name in names)
        yield (
            Quantity("input", *match.span(names[0]), parse_values(first), text=first),
            Quantity("output", *match.span(names[1]), parse_values(second), text=second),
        )


def distinct(quantities: Sequence[Quantity]) -> Quantity | None:
    """The quantity if every mention states the same value, else None (ambiguous)."""
    if not quantities:
        return None
    keys = {(quantity.values, quantity.mode) for quantity in quantities}
    return quantities[0] if len(keys) == 1 else None
