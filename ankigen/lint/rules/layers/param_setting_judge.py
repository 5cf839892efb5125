"""AG104 by the note-level parameter setting (``param_setting``): when a note, or the table
row or list item of a claimed count, describes ONE layer and states every size its count needs,
each count the note claims (prose, bold, cloze, list item, table cell, code comment, ``==`` in
code) must be one of the counts the conventions allow (``param_conventions``: with or without
biases where the note does not say, Keras or PyTorch where it names neither, the part a label
claims: trainable, non-trainable, weights).

A row or item that names a layer (a call, or a kind's words) takes its layer from its own cells
and its sizes from them first, then from the note outside the other layers' rows and items. A
scope with two layers, a size stated twice with two values, words of several layers or a
whole model, or a layer the conventions do not model, is left alone; so is a claim worded as
approximate beyond its precision, hypothetical, compared, per unit or one tensor's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import pairwise

from ankigen.lint import stage_trace
from ankigen.lint.arith.tables import tables
from ankigen.lint.claims.wording import (
    ABOUT,
    NEAR_ABOVE,
    NEAR_BELOW,
    ORDER,
    CountFinding,
    judge,
    precision,
    wording,
)
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.layers.copies import copies_before
from ankigen.lint.rules.layers.layer_sources import (
    INPUT_ROLE,
    drop_source_calls,
    norm_input,
    ordinal_call,
)
from ankigen.lint.rules.layers.other_layers import SHARED_KEYS
from ankigen.lint.rules.layers.param_conventions import (
    NON_TRAINABLE,
    TOTAL,
    TRAINABLE,
    WEIGHTS,
    Layer,
    counts,
)
from ankigen.lint.rules.layers.param_setting import (
    KIND_WORDS,
    NO_BIAS,
    WITH_BIAS,
    LayerCall,
    ParamSetting,
    read_setting,
    view_of,
)
from ankigen.lint.rules.layers.param_solver import names_own_module, several_mappings
from ankigen.lint.rules.layers.part_claims import part_claim

_NUMBER = (
    r"(?<![\w.,\N{MULTIPLICATION SIGN}])(?P<n>(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+)"
    r"(?:\.\d+)?(?:\s?(?:[kKM]\b|million\b|thousand\b))?)(?![\w]|[.,]\d)"
)
_OPERATOR_AFTER = lazy_regex(r"\s*(?:[+\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}/^-]\s*\(?\d|\)|%)")
_OPERATOR_BEFORE = lazy_regex(r"[+\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}/^(-]\s*$")
# "73,792 parameters", "256 trainable params", "1,280 weights"
_UNIT_AFTER = lazy_regex(
    r"\s*(?P<label>trainable|learnable|non-trainable|non-learnable|total|learned)?\s*"
    r"(?P<unit>param(?:eter)?s|weights|(?<=learnable\s)(?:values|numbers|scalars)"
    r"|(?<=trainable\s)(?:values|numbers|scalars)|(?<=learned\s)(?:values|numbers|scalars))\b",
    re.I,
)
# "of which 768 are trainable", "512 of them are learnable", "256 are not trainable": a count
# whose clause says what kind of parameters it counts
_PREDICATE_AFTER = lazy_regex(
    r"[ \t]+(?:of\s+(?:them|these|those)\s+)?(?:are|is|remain|stay)\s+(?:(?P<non>not|non-)\s*)?"
    r"(?P<label>trainable|learnable)\b",
    re.I,
)
# "total: 2,336", "trainable params: 256", "Param # column shows 1,024", "Total: all 256"
_LABEL_BEFORE = lazy_regex(
    r"(?P<label>\bnon-trainable(?:\s+param(?:eter)?s)?|\btrainable(?:\s+param(?:eter)?s)?"
    r"|\btotal(?:\s+param(?:eter)?s)?|\bparam(?:eter)?s?(?:\s*#)?(?:\s+count)?"
    r"(?:\s+in\s+(?:total|all))?|\bcount_params\(\s*\)"
    r"|\bnumel\(\s*\)|\bparameter\s+count)"
    r"(?:\s+column)?\s*(?:[:=\N{EM DASH}\N{EN DASH}]|\bis\b|\bare\b|\bshows\b|\breturns\b"
    r"|\bgives\b|\bprints\b|\bequals\b)\s*(?:all\s+|only\s+|just\s+|exactly\s+)?$",
    re.I,
)
# what may follow a labelled count ("Total: 2,303.", "params: 256 (gamma and beta)"); a noun after
# it makes it a size ("parameters: 4 gates x ...", "288 depthwise")
_LABEL_END = lazy_regex(
    r"[ \t]*(?:$|[.,;:)(|\N{EM DASH}\N{EN DASH}-]|\n|in\s+(?:total|all)\b|total\b|"
    r"(?:trainable\s+|learnable\s+)?param|weights\b|for\s+the\s+(?:layer|whole)\b)",
    re.I | re.M,
)
# a list label that names a size, not a count ("- input channels: 32")
_SIZE_LABEL = lazy_regex(
    r"\b(?:channels?|filters|units|features|kernel|stride|padding|inputs?|outputs?|size|shape|"
    r"classes|heads|vocab\w*|dim\w*|batch|epochs?|steps|width|height|depth|groups|"
    r"multiplier|rate|seq\w*|length|tokens|layers|FLOPs|MACs|bytes|MB|time)\b",
    re.I,
)
_WEIGHTS_HEADER = lazy_regex(r"^\W*weights?\W*$", re.I)
# a column of one part ("biases", "depthwise", "gamma") or of another quantity ("FLOPs")
_PART_HEADER = lazy_regex(
    r"bias|depth-?wise|point-?wise|gamma|beta|moving|running|per\b|each|flops|macs|memory|bytes",
    re.I,
)
# a two-cell row whose first cell says it holds the count ("| total parameters | 73,856 |")
_LABEL_CELL = lazy_regex(
    r"\W*(?P<label>(?:total\s+|trainable\s+|non-trainable\s+)?param(?:eter)?s?(?:\s+count)?"
    r"|total|trainable|non-trainable|parameter\s+count)(?:\s+\(?(?:in\s+total|in\s+all)\)?)?\W*",
    re.I,
)
_INCLUDED = lazy_regex(r"\b(?:incl\w*\.?|with|plus|and)\s+(?:the\s+)?bias\w*", re.I)
_PARAM_HEADER = lazy_regex(r"param|#\s*$|^#|count|weights|^\W*total\W*$", re.I)
_COUNTING_CODE = lazy_regex(r"numel|count_params|parameters\(\)|num_params|n_params", re.I)
_BOLD_OR_CLOZE = lazy_regex(rf"(?:\*\*|__|\{{\{{c\d+::)\s*{_NUMBER}\s*(?:\*\*|__|::|\}}\}})")
_ASKS_COUNT = lazy_regex(
    r"\bhow\s+many\b[^?\n]*\b(?:param(?:eter)?s|weights)|\bparam(?:eter)?s?\b|\bparameter\s+count"
    # a title for the count: "Weights in one TCN block", "Weight count of …"
    r"|(?<!\S)#+[ \t]+(?:the\s+)?(?:weights\s+(?:in|of)|weight\s+count)\b",
    re.I,
)
# a count noun right after the number: it is a size, not the layer's count
_SIZE_NOUN_AFTER = lazy_regex(
    r"\s*(?:-?\s*)(?:units|neurons|filters|channels|features|classes|heads|tokens|words|"
    r"dims?|dimensions|inputs|outputs|gates|rows|columns|layers|steps|entries|x\b|"
    r"bias(?:es)?\b|intercepts?\b|weights\b"
    r"|\N{MULTIPLICATION SIGN})",
    re.I,
)
# Words of a note (or row) about several layers or a whole model: its sizes are not one layer's.
_SEVERAL = lazy_regex(
    # "the input stack (82 channels)", "a radar stack of 12 frames": a stack of input channels,
    # not of layers
    r"\b(?:networks?|architectures?|CNNs?|(?<!input\s)(?<!channel\s)(?<!image\s)(?<!frame\s)"
    r"stacks?(?![ \t]*\(?[ \t]*(?:of[ \t]+)?\d+[ \t]+(?:input[ \t]+)?(?:channels|bands|frames)\b)"
    r"|stacked|blocks|layers(?![_\w]|\.\w)|convs|"
    r"convolutions|(?:encoder|decoder|backbone)s?(?!\s+(?:[\w-]+\s+){0,2}layer\b)|sub-?layers?|each\s+layer|per\s+layer|"
    r"(?:two|three|four|five|six|several|multiple)\s+(?:[\w-]+\s+){0,2}(?:layers|convs|"
    r"conv\w*|dense|LSTMs|GRUs))\b",
    re.I,
)
# a row or item that counts a layer several times ("| 2 x LayerNorm |", "- two LayerNorms:")
_MULTIPLIED_LAYER = lazy_regex(
    r"\b\d+\s*(?:\N{MULTIPLICATION SIGN}|\*|x(?=\s))\s*(?=[A-Za-z])(?:[\w.-]+\s+)?"
    r"(?:layer|norm|conv|dense|linear"
    r"|lstm|gru|block|embedding|attention|ffn|mlp|nn\.)"
    r"|\b(?:two|three|four|five|six|eight|twelve|\d+)\s+(?:[\w.-]+\s+)?\w*(?:norms|layers|convs"
    r"|blocks)\b",
    re.I,
)
# a claim whose own sentence names a whole model ("a fifth of BERT-base's ~110M")
# (``model.summary()`` is the call that prints a layer's row, not a model the sentence counts)
_MODEL_IN_SENTENCE = lazy_regex(
    r"\b(?:BERT|GPT|ResNet|VGG|AlexNet|LeNet|MobileNet|EfficientNet|Inception|T5|LLaMA|ViT"
    # "the model dimension (width) of 256" is one layer's width, no whole model
    r"|U-?Net|model(?!\.summary\b|\s+(?:dimension|width)\b)|network|backbone)\w*",
    re.I,
)
# a kind word that names where the input comes from, not a second layer ("after a 256-channel
# conv", "on the conv's output")
_SOURCE_BEFORE = lazy_regex(
    r"\b(?:after|following|behind|on\s+top\s+of)\s+(?:an?\s+|the\s+|each\s+|every\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.I,
)
_SAME_BEFORE = lazy_regex(r"\b(?:the\s+same|identical|also|likewise)\s+$", re.I)
_WORKED_ITEM = lazy_regex(
    rf"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<label>[^\n]*?[\N{{MULTIPLICATION SIGN}}\N{{MIDDLE DOT}}*x]"
    rf"[^\n=\-/]*)=[ \t]*{_NUMBER}[ \t.]*$",
    re.M,
)
# what a layer learns, named in an item that works out its count
_LEARNED_WORDS = lazy_regex(
    r"\b(?:param\w*|weights?|bias(?:es)?|scales?|shifts?|gamma|beta|learnable|trainable)\b", re.I
)
# the model a layer belongs to ("the first Dense layer of an MNIST MLP"): no second layer
_CONTAINER_BEFORE = lazy_regex(
    r"\blayers?\s+(?:of|in|inside|within)\s+(?:an?\s+|the\s+|this\s+|our\s+|its\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.I,
)
# a count of one unit, filter or head ("each filter has 3 x 3 x 64 = 576 weights")
_PER_UNIT = lazy_regex(
    r"\beach\b(?!\s+(?:layer|of\s+(?:the|these|those)\s+(?:layers|models))\b)|"
    r"\b(?:every|per|one|a\s+single)\s+(?:[\w-]+\s+){0,3}?(?:filter|unit|neuron|kernel|"
    r"channel|head|gate|output|feature|token|row|column|class|direction|group|projection|"
    r"matrix|matrices|tensor|vector)s?\b",
    re.I,
)
_PER_AFTER = lazy_regex(
    r"[^.;,:\n]{0,30}?\b(?:per|for\s+(?:each|every|one)|in\s+(?:each|every|one))\s+"
    r"(?:[\w-]+\s+)?(?:direction|gate|head|unit|filter|channel|neuron|token|step|group|"
    r"class|output|row|column)s?\b|\s*(?:each|apiece)\b",
    re.I,
)
# one layer of a stack or one direction ("the first layer has 2,560", "its forward half")
_ONE_OF_A_STACK = lazy_regex(
    r"\b(?:first|second|third|last|top|bottom|lower|upper|forward|backward|reverse)\b"
    r"(?:\s+[\w-]+){0,2}?\s+(?:layer|direction|half|one|LSTM|GRU|RNN|cell)s?\b"
    r"|\blayer\s*[0-9]\b|_l[0-9]\b|\b(?:the\s+)?(?:second|third|last)\b",
    re.I,
)
_SENTENCE_BREAK = lazy_regex(
    r"[.!?;](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s|\n#|\||\n(?=\s*(?:```|~~~))"
)


# a table row that counts one part of the layer ("| biases | 10 |", "| gamma | 256 |")
_PART_ROW = lazy_regex(
    r"(?<![A-Za-z])(?:weights?|bias(?:es)?|gamma|beta|moving|running|kernel|recurrent|"
    r"depth-?wise|point-?wise|in_proj|out_proj|coefs?|intercepts?|gates?|projections?|query|"
    r"key|value|mean|var|variance|scale|shift|offset|embedding\s+matrix|parts?)(?![A-Za-z])"
    r"|[\N{GREEK SMALL LETTER GAMMA}"
    r"\N{GREEK SMALL LETTER BETA}]|\b[Wb]\b",
    re.I,
)
_TOTAL_ROW = lazy_regex(r"\b(?:total|all|whole|layer)\b", re.I)


# A label that says what a calculation on its line counts ("Total params =", "Weights:",
# "trainable parameters:", "# params ="), and the calculation after it up to the "=" that gives
# its result: numbers, operators, brackets and at most two words ("8 heads").
_CALCULATION_LABEL = lazy_regex(
    r"(?P<label>\bnon-trainable(?:\s+param(?:eter)?s)?|\btrainable(?:\s+param(?:eter)?s)?"
    r"|\btotal(?:\s+param(?:eter)?s)?|\bparam(?:eter)?s?(?:\s+count)?|\bparameter\s+count"
    r"|\bweights)\s*(?:[:=\N{EM DASH}]|\bis\b|\bequals\b)",
    re.I,
)
_CALCULATION_TERMS = lazy_regex(
    r"(?:[\s\d,()\[\]\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}+/^=-]|\N{MINUS SIGN}|(?<=\d)\.(?=\d)"
    r"|(?<![A-Za-z])x(?![A-Za-z])|(?P<word>\b[A-Za-z_]\w{0,9}\b))*=\s*"
)
_PRODUCT_OR_SUM = lazy_regex(
    r"\d\s*(?:[\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}+/^]|(?<![A-Za-z])x(?![A-Za-z]))\s*\(?\s*\d"
)


def _labelled_result(view: str, start: int) -> str | None:
    """The label of the calculation whose result the number is, on its line ("params = 784 x
    256 = 200,704", "**Weights: 256 x 256 x 9 = 589,824**"), or None."""
    line_start = view.rfind("\n", 0, start) + 1
    labels = list(_CALCULATION_LABEL.finditer(view, line_start, start))
    if not labels:
        return None
    label = labels[-1]
    terms = _CALCULATION_TERMS.fullmatch(view, label.end(), start)
    if terms is None or not _PRODUCT_OR_SUM.search(view, label.end(), start):
        return None
    words = [w for w in re.findall(r"[A-Za-z_]\w*", view[label.end() : start]) if w != "x"]
    return label.group("label") if len(words) <= 2 else None


# "32 times 9 plus 32, which is 320", "64 multiplied by 10 gives 640": a product or sum in
# words and its result
_WORDS_RESULT = lazy_regex(
    r"\d[\d,]*\s+(?:times|multiplied\s+by|plus)\s+\d[\d,]*(?:\s+(?:times|multiplied\s+by|plus)"
    r"\s+\d[\d,]*)*,?\s+(?:which\s+is|that\s+is|which\s+gives|giving|gives|makes|equals|"
    r"is|for\s+a\s+total\s+of)\s+" + _NUMBER,
    re.I,
)
# a line labelled as the layer's weights ("- **Weights: 40 x 80 x 7 = …**"): its count is the
# weights part the label claims, which the conventions give
_WEIGHTS_LINE = lazy_regex(
    r"^[ \t]*(?:[-*+][ \t]+)?[*_ \t]*(?:the\s+)?weights[*_ \t]*[:=]", re.I | re.M
)


@dataclass(frozen=True)
class _Claim:
    start: int
    end: int
    label: str  # total, weights, trainable, non_trainable
    counted: bool = False  # the value a counter in code prints: the framework's own count


@dataclass(frozen=True)
class _Unit:
    """A table row or list item that names a layer of its own."""

    start: int
    end: int


def _weights_line(view: str, claim: _Claim) -> bool:
    """Whether the claim of the weights stands on a line labelled "weights"."""
    line_start = view.rfind("\n", 0, claim.start) + 1
    return claim.label == WEIGHTS and _WEIGHTS_LINE.match(view, line_start, claim.start) is not None


# the end of a claim's clause: a semicolon, a sentence's end or a line's
_CLAUSE_EDGE = lazy_regex(r";|[.!?](?=\s)|\n")
# "(weights + bias)", "weights and biases": a count said to include the biases
# (also a norm's scale and shift, each maybe with its symbol: "a weight (g) and a bias (b)")
_WEIGHTS_AND_BIAS = lazy_regex(
    r"\b(?:weights?|scales?|gains?)\s*(?:\([^()\n]{1,12}\)\s*)?(?:\+|and|plus|&)\s*"
    r"(?:the\s+|its\s+|an?\s+)?(?:bias(?:es)?|shifts?)\b",
    re.I,
)
# A norm layer's setting that leaves out its learned scale and shift, which the readers do not
# model: a count in its clause is that variant's ("`elementwise_affine=False` → 0 parameters").
_AFFINE_OFF = lazy_regex(
    r"\b(?:elementwise_)?affine\s*=\s*False\b|\b(?:center|scale)\s*=\s*False\b"
)


def _clause(view: str, claim: _Claim) -> tuple[int, int]:
    """The claim's own clause: from the last semicolon, sentence end or line end before it to
    the next one after it."""
    start = 0
    for match in _CLAUSE_EDGE.finditer(view, max(0, claim.start - 200), claim.start):
        start = match.end()
    following = _CLAUSE_EDGE.search(view, claim.end, min(len(view), claim.end + 200))
    return start, following.start() if following else min(len(view), claim.end + 200)


def _clause_bias(view: str, claim: _Claim) -> bool | None:
    """The bias setting the claim's own clause states ("with bias total = 5,130", "… = 200,704
    (weights + bias)", "without bias: 5,120"), or None when it states none or both."""
    start, end = _clause(view, claim)
    with_bias = bool(
        WITH_BIAS.search(view, start, end) or _WEIGHTS_AND_BIAS.search(view, start, end)
    )
    no_bias = bool(NO_BIAS.search(view, start, end))
    if not no_bias and _ELLIPTIC_WITHOUT.match(view, claim.end):
        # "544 parameters with bias and 512 without": the bias is the earlier clause's word
        line = view.rfind("\n", 0, claim.start) + 1
        return False if WITH_BIAS.search(view, max(line, claim.start - 200), claim.start) else None
    if with_bias == no_bias:
        return None
    return with_bias


# A count followed by a bare "without" ("… and 512 without.", "1,152 without them"): the
# scenario without the bias the sentence named before it.
_ELLIPTIC_WITHOUT = lazy_regex(
    r"[*_`}\s]*(?:(?:parameters|params|weights)\s+)?without(?:\s+(?:them|it|one|any|those))?"
    r"(?=[ \t]*(?:[.;,)]|\n|$))",
    re.I,
)


def _label(word: str | None) -> str:
    word = (word or "").lower()
    if word.startswith(("non-trainable", "non-learnable")):
        return NON_TRAINABLE
    if word.startswith(("trainable", "learnable")):
        return TRAINABLE
    if word.startswith("weights"):
        return WEIGHTS
    return TOTAL


# "- 192 are not trainable": a list marker before a number, no minus sign
_LIST_MARKER = lazy_regex(r"(?:^|\n)[ \t]*[-*+][ \t]+$")


def _operand(view: str, start: int, end: int) -> bool:
    if _LIST_MARKER.search(view, max(0, start - 12), start):
        return bool(_OPERATOR_AFTER.match(view, end))
    return bool(
        _OPERATOR_AFTER.match(view, end) or _OPERATOR_BEFORE.search(view, max(0, start - 3), start)
    )


def _part_row(view: str, start: int) -> bool:
    """Whether ``start`` is in a table row whose other cells name one part of the layer."""
    low, high = _line_of(view, start)
    if not view[low:high].lstrip().startswith("|"):
        return False
    bars = [low + m.start() for m in re.finditer(r"\|", view[low:high])]
    others = " ".join(view[a + 1 : b] for a, b in pairwise(bars) if not a < start < b)
    return bool(_PART_ROW.search(others)) and not _TOTAL_ROW.search(others)


_CLAUSE_MARK = lazy_regex(r"[;\n]|[.,](?=\s)")


def _clause_of(view: str, offset: int) -> tuple[int, int]:
    """The clause around ``offset``: between semicolons, sentence or comma breaks and lines."""
    start = max((m.end() for m in _CLAUSE_MARK.finditer(view, 0, offset)), default=0)
    after = _CLAUSE_MARK.search(view, offset)
    return start, after.start() if after else len(view)


def _line_of(view: str, offset: int) -> tuple[int, int]:
    start = view.rfind("\n", 0, offset) + 1
    end = view.find("\n", offset)
    return start, end if end != -1 else len(view)


def _code_spans(document: LintDocument) -> list[tuple[int, int]]:
    spans = []
    for block in document.code_blocks:
        first = document.offset_of_line(block.first_line)
        spans.append((first, first + len(block.code) + block.indent * block.code.count("\n")))
    return spans


def _claims(document: LintDocument, view: str) -> list[_Claim]:
    body = document.body_offset
    found: dict[int, _Claim] = {}
    code = _code_spans(document)
    heading = document.question
    asks = bool(_ASKS_COUNT.search(view, body))
    for match in re.finditer(_NUMBER, view[body:]):
        start, end = match.start("n") + body, match.end("n") + body
        if _operand(view, start, end):
            continue
        in_code = any(a <= start < b for a, b in code)
        after = _UNIT_AFTER.match(view, end)
        line_start = view.rfind("\n", 0, start) + 1
        before = _LABEL_BEFORE.search(view, max(line_start, start - 60), start)
        if after is not None:
            word = after.group("label") or after.group("unit")
            if (share := _PREDICATE_AFTER.match(view, after.end())) is not None:
                # "only 128 parameters are trainable": the share the predicate names
                word = ("non-" if share.group("non") else "") + share.group("label")
            found[start] = _Claim(start, end, _label(word))
        elif before is not None and _LABEL_END.match(view, end):
            found[start] = _Claim(start, end, _label(before.group("label")))
        elif (predicate := _PREDICATE_AFTER.match(view, end)) is not None:
            negated = "non-" if predicate.group("non") else ""
            found[start] = _Claim(start, end, _label(negated + predicate.group("label")))
        elif (calculated := _labelled_result(view, start)) is not None and _LABEL_END.match(
            view, end
        ):
            # the result of a calculation its line labels as a count: "params = 784 x 256 = …"
            found[start] = _Claim(start, end, _label(calculated))
        elif in_code:
            line = view[slice(*_line_of(view, start))]
            if re.search(rf"==\s*{re.escape(match.group('n'))}", line) or (
                "#" in line[: start - line_start] and _COUNTING_CODE.search(line)
            ):
                found[start] = _Claim(start, end, TOTAL, counted=True)
            else:
                previous = view[view.rfind("\n", 0, line_start - 1) + 1 : line_start]
                before_number = line[: start - line_start]
                comment = (
                    before_number[before_number.index("#") + 1 :] if "#" in before_number else ""
                )
                # the counter's value in a comment on the next line, or printed as its output
                alone = not before_number.strip(" >.") and not line[end - line_start :].strip()
                # the counter's comment may show its working: "# 768 * 3072 = 2,359,296"
                worked = _CALCULATION_TERMS.fullmatch(comment) is not None and bool(
                    _PRODUCT_OR_SUM.search(comment)
                )
                if _COUNTING_CODE.search(previous) and (
                    ("#" in before_number and (not comment.strip(" n=:") or worked)) or alone
                ):
                    found[start] = _Claim(start, end, TOTAL, counted=True)
    # "the same 365,568" repeats a count claimed before it: a claim of the same kind
    for match in re.finditer(_NUMBER, view[body:]):
        start, end = match.start("n") + body, match.end("n") + body
        if start in found or not _SAME_BEFORE.search(view, max(body, start - 20), start):
            continue
        earlier = [c for c in found.values() if c.end <= start]
        same = [c for c in earlier if view[c.start : c.end] == match.group("n")]
        if same and not _operand(view, start, end):
            found[start] = _Claim(start, end, same[-1].label)
    # a list item that names a layer and ends in its count ("- a 3x3 ``Conv2D(64)``: 18,432")
    for item in re.finditer(
        rf"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?P<label>[^\n]*?):[ \t]*{_NUMBER}[ \t.]*$",
        view[body:],
        re.M,
    ):
        start, end = item.start("n") + body, item.end("n") + body
        label = item.group("label")
        # the label's own noun, without its asides and where the layer sits ("on the input")
        head = re.sub(r"\([^)]*\)", " ", label)
        head = re.split(r"\b(?:on|over|for|from|with|in|of|at|after|applied\s+to)\b", head)[0]
        if start in found or _operand(view, start, end) or _SIZE_LABEL.search(head):
            continue
        setting = read_setting(document.text, view, item.start() + body, item.end() + body)
        if setting.calls or setting.kinds:
            found[start] = _Claim(start, end, _label(label))
    # an item that names a layer, says what it learns and works its count out at its end
    # ("- `nn.LayerNorm(768)`: a scale and a shift per feature, 2 x 768 = 1,536")
    if asks:
        for item in _WORKED_ITEM.finditer(view, body):
            start, end = item.span("n")
            if start in found:
                continue
            setting = read_setting(document.text, view, item.start(), item.end())
            # "- downsample `Conv1d(32, 64, 1)`: 64 · 32 = 2,048" under a question for the
            # weights: the item's call, then its count worked out (no size named beside it)
            words = view[item.start() : start]
            for call in setting.calls:
                words = words.replace(view[call.start : call.end], " ")
            if not _LEARNED_WORDS.search(item.group("label")) and (
                _SIZE_LABEL.search(words) or len(setting.calls) != 1
            ):
                continue
            if setting.calls and not _operand(view, start, end):
                found[start] = _Claim(start, end, TOTAL)
    # a calculation in words that arrives at a count ("so we get 9 times 32 times 64, which
    # is 18,432"): the result the derivation gives for its sentence's layer
    if asks:
        for result in _WORDS_RESULT.finditer(view, body):
            start, end = result.span("n")
            if start not in found and not _SIZE_NOUN_AFTER.match(view, end):
                found[start] = _Claim(start, end, TOTAL)
    # the last step of a worked list that closes the answer ("4. All four gates: 4 x 29,184
    # = 116,736."): the count the derivation arrives at
    if asks:
        last = _closing_step(document.text, view, body, code)
        if last is not None and last[0] not in found and not _operand(view, *last):
            found[last[0]] = _Claim(last[0], last[1], TOTAL)
    # bold or cloze answers under a question for a count
    if asks:
        # a count labelled in the body ("params: 64·32·2·2 + 32 = 8,224") under a question
        # that asks for no count: the other blanks are the note's other answers (sizes)
        labelled_elsewhere = bool(
            found or _CALCULATION_LABEL.search(view, heading[1] if heading else body)
        ) and not (heading is not None and _ASKS_COUNT.search(view, *heading))
        for match in _BOLD_OR_CLOZE.finditer(document.text, body):
            start, end = match.span("n")
            if start in found or _SIZE_NOUN_AFTER.match(view, end):
                continue
            if labelled_elsewhere and not _ASKS_COUNT.search(view, *_clause_of(view, start)):
                continue
            if _part_row(view, start):
                continue  # "| biases | {{c2::32}} |": one part's count
            if heading is not None and heading[0] <= start < heading[1]:
                continue
            if not _operand(view, start, end):
                found[start] = _Claim(start, end, TOTAL)
    # table cells under a parameter column, and a row labelled as the count
    for table in tables(view, body, len(view)):
        if any("shape" in name for name in table.header):
            continue  # a model summary is read row by row by the summary readers
        columns = {
            i: (WEIGHTS if _WEIGHTS_HEADER.search(name) else TOTAL)
            for i, name in enumerate(table.header)
            if _PARAM_HEADER.search(name) and not _PART_HEADER.search(_INCLUDED.sub(" ", name))
        }
        for row in table.rows:
            if len(row) != len(table.header):
                continue
            label_cell = _LABEL_CELL.fullmatch(row[0].text) if len(row) == 2 else None
            cells = dict(columns)
            if label_cell is not None:
                cells = {1: _label(label_cell.group("label"))}
            for index, label in cells.items():
                cell = row[index]
                others = " ".join(c.text for i, c in enumerate(row) if i != index)
                if (
                    label_cell is None
                    and _PART_ROW.search(others)
                    and not _TOTAL_ROW.search(others)
                ):
                    continue  # one tensor's or one part's count
                whole = re.fullmatch(rf"\s*{_NUMBER}\s*", view[cell.start : cell.end])
                if whole is not None:
                    start = cell.start + whole.start("n")
                    found[start] = _Claim(start, cell.start + whole.end("n"), label)
    return sorted(found.values(), key=lambda claim: claim.start)


# A list item that ends in a calculation's result: "- all four gates: 4 x 1,568 = 6,272."
_CLOSING_STEP = lazy_regex(
    r"^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+[^\n]*=[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)[ \t]*\.?"
    # or a table's last row whose last cell works it out: "| the four gates | 4 x 160 = 640 |"
    r"|\|[^\n]*=[ \t]*(?P<cell>\d{1,3}(?:,\d{3})+|\d+)[ \t]*\|)[ \t]*\Z"
)


# A step about one gate, unit or filter ("- one gate with its bias: … = 1,568"): no total.
_ONE_PART = lazy_regex(
    r"\b(?:per|each|every|one|a\s+single|single)\s+(?:gate|unit|neuron|filter|head|cell|channel)s?\b",
    re.I,
)


# A step said to cover the whole layer: "all four gates", "total", "with the biases".
_WHOLE_STEP = lazy_regex(
    r"\b(?:all|total|whole|entire|overall|altogether|combined"
    r"|(?:two|three|four|\d)\s+gates|layer|with\s+(?:the\s+|its\s+|all\s+)?bias(?:es)?)\b",
    re.I,
)


# The last equation of a display block, "3 (32·32 + 32·32 + 32) = 3 x 2,080 = 6,240".
_DISPLAY_RESULT = lazy_regex(r"=[ \t]*(?P<n>\d{1,3}(?:,\d{3})+|\d+)[ \t]*[.,]?[ \t]*\Z")
_NOT_A_COUNT_EQUATION = lazy_regex(
    r"[-/\N{MINUS SIGN}\N{DIVISION SIGN}]|\\(?:frac|lfloor|rfloor|lceil|div|over)\b"
)
# a word of the equation's own (not a LaTeX command, not a symbol): it may label one part
_EQUATION_WORD = lazy_regex(r"(?<![\\A-Za-z])[A-Za-z]{3,}")


def _display_step(text: str, view: str, line_start: int, end: int) -> tuple[int, int] | None:
    """The result of a display-math line (the view blanks its "$$") that closes the answer
    with a bare calculation: the count the derivation arrives at. A line whose words name a
    part ("\\text{pointwise} = …") is left to the labelled readings."""
    raw = view[line_start:end]
    written = text[line_start:end].strip()
    above = text[text.rfind("\n", 0, max(0, line_start - 1)) + 1 : line_start].strip()
    if not (written.startswith(("$$", "\\[")) or above in ("$$", "\\[")):
        return None
    result = _DISPLAY_RESULT.search(raw)
    if result is None:
        return None
    equation = raw[: result.start()]
    if _NOT_A_COUNT_EQUATION.search(text, line_start, line_start + result.start()):
        return None  # "(32 - 3) / 1 + 1 = 30": a size's formula subtracts and divides
    if not re.search(r"\d", equation) or _EQUATION_WORD.search(
        re.sub(r"\b(?:big|Big|bigg|left|right|cdot|times|frac|text|mathrm)\b", " ", equation)
    ):
        return None
    return line_start + result.start("n"), line_start + result.end("n")


def _closing_step(
    text: str, view: str, body: int, code: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The result of the answer's last line when that line is a list item or a table row
    working out a calculation and nothing follows it: the count a derivation arrives at."""
    end = len(view.rstrip())
    if any(a <= end - 1 < b for a, b in code):
        return None
    line_start = view.rfind("\n", body, end) + 1
    if not view[line_start:end].strip() and line_start > body:
        # a display block's closing "$$" (blanked in the view): its equation is the line above
        end = len(view[:line_start].rstrip())
        line_start = view.rfind("\n", body, end) + 1
    display = _display_step(text, view, line_start, end)
    if display is not None:
        return display
    step = _CLOSING_STEP.match(view[line_start:end])
    if line_start <= body or step is None or _ONE_PART.search(view, line_start, end):
        return None
    group = "n" if step.group("n") is not None else "cell"
    if not _WHOLE_STEP.search(view, line_start, view.rfind("=", line_start, end)):
        return None  # "| pointwise 1x1 | 48 x 96 = 4,608 |" closes a list of parts
    return line_start + step.start(group), line_start + step.end(group)


def _units(document: LintDocument, view: str) -> list[_Unit]:
    """Table rows and list items that name a layer of their own (a call or a kind's word)."""
    body = document.body_offset
    found = []
    for match in re.finditer(
        r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+.*$|^[ \t]*\|.*\|[ \t]*$", view[body:], re.M
    ):
        start, end = match.start() + body, match.end() + body
        setting = read_setting(document.text, view, start, end)
        if setting.calls or setting.kinds:
            found.append(_Unit(start, end))
    return found


def _kinds(setting: ParamSetting, view: str) -> set[str]:
    kinds = set(setting.kinds)
    for call in setting.calls:
        kinds.add(call.kind)
    # a separable convolution is a depthwise and a pointwise one; the others are convolutions
    if "separable" in kinds:
        kinds -= {"depthwise", "conv"}
    if kinds & {"depthwise", "transposed"}:
        kinds.discard("conv")
    if kinds & {"lstm", "gru"}:
        kinds.discard("rnn")  # "an LSTM is a gated RNN"
    if "convlstm" in kinds:
        kinds -= {"conv", "lstm", "rnn"}  # a ConvLSTM cell is one conv over [x, h]
    return kinds


def _drop_sources(setting: ParamSetting, view: str, start: int, end: int) -> None:
    """Kind words that only say where the input comes from ("after a 256-channel conv") or
    which model the called layer belongs to ("the Dense layer of an MLP"), and calls named as
    the input's source ("after a `Conv2D(64, 3)`": its filters are the input)."""
    drop_source_calls(setting, view, start, end)
    for kind, pattern in KIND_WORDS:
        if kind not in setting.kinds:
            continue
        matches = list(pattern.finditer(view, start, end))
        if (
            matches
            and all(
                _SOURCE_BEFORE.search(view, max(start, m.start() - 60), m.start())
                or _CONTAINER_BEFORE.search(view, max(start, m.start() - 60), m.start())
                for m in matches
            )
            and any(call.kind != kind for call in setting.calls)
        ):
            setting.kinds.discard(kind)


def _one(values: set[tuple[int, ...]]) -> tuple[int, ...] | None:
    return next(iter(values)) if len(values) == 1 else None


def _calls_alike(calls: list[LayerCall]) -> bool:
    """Whether the calls are one layer written more than once (the heading and the code)."""
    # the sizes by role and value: the same call in the heading and in the code is one layer
    return len({(c.kind, tuple((s.role, s.value) for s in c.sizes), c.flags) for c in calls}) <= 1


def _layer(setting: ParamSetting, fallback: ParamSetting | None, view: str) -> Layer | None:
    """The one layer the setting describes with every size, or None."""
    if not _calls_alike(setting.calls):
        return None
    kinds = _kinds(setting, view)
    if len(kinds) != 1:
        return None
    kind = next(iter(kinds))
    call = setting.calls[0] if setting.calls else None
    if call is not None and ("unsupported" in call.flags or call.kind != kind):
        return None
    keras_heads: dict[str, int] = {}
    if kind == "mha" and call is not None and call.framework == "keras":
        # Keras projects each head to key_dim: the call's heads and key_dim, the note's width
        call_text = view[call.start : call.end]
        if "value_dim" in call_text or "output_shape" in call_text:
            return None
        for role in ("heads", "key_dim"):
            stated = {size.value for size in call.sizes if size.role == role}
            if len(stated) != 1 or len(next(iter(stated))) != 1:
                return None
            keras_heads[role] = next(iter(stated))[0]

    def value(*roles: str) -> int | None:
        found: set[tuple[int, ...]] = set()
        for role in roles:
            found |= setting.values(role)
        if not found and fallback is not None:
            for role in roles:
                found |= fallback.values(role)
        one = _one(found)
        if one is None or len(one) != 1:
            return None
        return one[0]

    sizes: dict[str, int] = {}
    needed: dict[str, tuple[str, ...]] = {
        "dense": ("inputs", "units"),
        "conv": ("in_channels", "filters"),
        "convlstm": ("in_channels", "units"),
        "transposed": ("in_channels", "filters"),
        "depthwise": ("in_channels",),
        "separable": ("in_channels", "filters"),
        "embedding": ("vocab", "dim"),
        "lstm": ("inputs", "units"),
        "gru": ("inputs", "units"),
        "rnn": ("inputs", "units"),
        "batchnorm": ("channels",),
        "layernorm": ("features",),
        "groupnorm": ("channels",),
        "mha": ("width",),
        "mlp": ("inputs",),
    }
    aliases = {
        ("depthwise", "in_channels"): ("in_channels", "channels"),
        ("conv", "in_channels"): ("in_channels", "inputs", "map_from"),
        ("conv", "filters"): ("filters", "map_to"),
        ("transposed", "in_channels"): ("in_channels", "inputs", "map_from"),
        ("transposed", "filters"): ("filters", "map_to"),
        ("separable", "in_channels"): ("in_channels", "inputs", "map_from"),
        ("separable", "filters"): ("filters", "map_to"),
        ("dense", "inputs"): ("inputs", "map_from"),
        ("dense", "units"): ("units", "map_to"),
        ("batchnorm", "channels"): ("channels", "in_channels"),
        ("groupnorm", "channels"): ("channels", "in_channels"),
        ("layernorm", "features"): ("features", "inputs", "width", "dim", "units"),
        ("mha", "width"): ("width", "dim"),
        # an embedding table's width said as the model's hidden size or width
        ("embedding", "dim"): ("dim", "units", "width"),
    }
    if kind not in needed:
        return None  # a kind the catalogue has no count for ("other"): nothing to check
    if kind == "convlstm" and not (
        setting.values("units") or (fallback is not None and fallback.values("units"))
    ):
        # Keras' ConvLSTM2D names its hidden channels "filters"; beside "hidden channels"
        # the filters are the four gates' outputs
        aliases[("convlstm", "units")] = ("filters",)
    for role in needed[kind]:
        found = value(*aliases.get((kind, role), (role,)))
        if found is None:
            return None
        sizes[role] = found
    sizes.update(keras_heads)
    for role in ("groups", "multiplier", "stacked", "classes", "outputs"):
        extra = value(role)
        if extra is not None:
            sizes[role] = extra
        elif setting.values(role) or (fallback is not None and fallback.values(role)):
            return None  # stated twice with two values
    hidden: tuple[int, ...] = ()
    if kind == "mlp":
        found_hidden = setting.values("hidden")
        if len(found_hidden) != 1 or not {"classes", "outputs"} & set(sizes):
            return None
        hidden = next(iter(found_hidden))
    if kind == "layernorm" and call is not None:
        shapes = [s.value for s in call.sizes if s.role == "features"]
        if shapes and len(shapes[0]) > 1:
            return None
    volumes: frozenset[int] = frozenset()
    if kind in ("conv", "transposed", "depthwise", "separable", "convlstm"):
        kernels = setting.values("kernel") or (fallback.values("kernel") if fallback else set())
        dims = {call.dims} if call is not None and call.dims else set(setting.dims)
        if len(dims) == 1:
            # "kernel_size=16" of a 2D call and "a 16x16 kernel" in words are one kernel
            kernels = {k * next(iter(dims)) if len(k) == 1 else k for k in kernels}
        kernel = _one(kernels)
        if kernel is None:
            return None
        if len(kernel) > 1:
            if dims and len(kernel) not in dims:
                return None
            product = 1
            for k in kernel:
                product *= k
            volumes = frozenset({product})
        elif len(dims) == 1:
            volumes = frozenset({kernel[0] ** next(iter(dims))})
        else:
            volumes = frozenset({kernel[0], kernel[0] ** 2, kernel[0] ** 3})
    flags = set(setting.flags)
    if fallback is not None:
        flags |= fallback.flags
    if call is not None:
        flags |= set(call.flags)
    if (call is not None and "no_bias" in call.flags) or (
        "no_bias" in flags and "with_bias" not in flags
    ):
        biases = frozenset({False})
    elif "with_bias" in flags and "no_bias" not in flags:
        biases = frozenset({True})
    else:
        biases = frozenset({True, False})
    named = flags & {"torch", "keras"}
    if call is not None and call.framework in ("torch", "keras") and len(named) < 2:
        frameworks = frozenset({call.framework})
    else:
        frameworks = frozenset(named) if len(named) == 1 else frozenset({"torch", "keras"})
    if "reset_after" in flags and "no_reset_after" not in flags:
        reset = frozenset({True})
    elif "no_reset_after" in flags and "reset_after" not in flags:
        reset = frozenset({False})
    else:
        reset = frozenset({True, False})
    return Layer(
        called=call is not None and call.framework in ("torch", "keras", "flax"),
        call_bias=call is None or "no_bias" not in call.flags,
        kind=kind,
        frameworks=frameworks,
        biases=biases,
        sizes=sizes,
        kernel_volumes=volumes,
        hidden=hidden,
        bidirectional="bidirectional" in flags,
        reset_after=reset,
    )


_CLAUSE_BREAK = lazy_regex(r"[,;:]|\b(?:so|thus|hence|therefore|giving)\b", re.I)


# a sentence whose subject is one unit ("the projections are each …", "one projection matrix
# holds …")
_PER_UNIT_SUBJECT = lazy_regex(
    r"\b(?:each|every)\b|\bone\s+(?:[\w-]+\s+)?(?:projection|matrix|head|gate|filter|unit|"
    r"neuron|kernel)s?\s+(?:matrix\s+)?(?:has|holds|is|needs|gets|carries|contains|takes)\b",
    re.I,
)
# the clause says it counts the whole layer ("so the layer has", "in total", "together")
_WHOLE = lazy_regex(
    r"\b(?:in\s+total|in\s+all|altogether|together|overall|total|whole|entire|whatever"
    r"|(?:the|this|our)\s+(?:layer|module|block)\s+(?:has|holds|contains|therefore|thus|so|is)"
    r"|(?:the|this)\s+(?:layer|module)'s)\b",
    re.I,
)


def _per_unit(view: str, sentence: tuple[int, int], claim: _Claim) -> bool:
    """Whether the claim counts one unit, filter, head or projection: per-unit words in its
    sentence, and no words of the whole layer in its own clause."""
    clause = _clause_start(view, sentence[0], claim.start)
    if _PER_UNIT.search(view, clause, claim.start):
        return True
    label = view[sentence[0] : clause].rstrip()
    if label.endswith(":") and _PER_UNIT.search(label):
        return True  # "- per group: 16·16·3·3 = 2,304 weights": the item's label says whose
    if _WHOLE.search(view, clause, min(sentence[1], claim.end + 40)):
        return False
    return bool(_PER_UNIT_SUBJECT.search(view, sentence[0], claim.start))


def _asks_one_unit(document: LintDocument, view: str, sentence: tuple[int, int]) -> bool:
    """Whether the question asks for one filter's, unit's or head's count ("How many weights
    does one 3x3 filter have?") and the claim's sentence does not turn to the whole layer."""
    heading = document.question
    if heading is None or _WHOLE.search(view, *sentence):
        return False
    return _ONE_UNIT_ASKED.search(view, *heading) is not None


_ONE_UNIT_ASKED = lazy_regex(
    r"\b(?:one|each|every|per|a\s+single)\s+(?:\S+\s+){0,3}?(?:filter|kernel|unit|neuron|head)\b",
    re.I,
)


# a factor of a product: a number after a times sign, or before one
_FACTOR = lazy_regex(
    r"(?<=[\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}x])\s*(\d+)\b"
    r"|\b(\d+)(?=\s*[\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}x]\s*\d)"
)


def _times_every_unit(view: str, sentence: tuple[int, int], claim: _Claim, layer: Layer) -> bool:
    """Whether the claim's own calculation multiplies by the layer's filters or units ("each
    output channel has a 16x16 kernel, so 16 · 16 · 768 + 768 = …"): a count of them all,
    whatever unit the sentence opened with. A factor that is also another size is no sign."""
    every = {layer.sizes[k] for k in ("filters", "units") if k in layer.sizes}
    others = {v for k, v in layer.sizes.items() if k not in ("filters", "units")}
    clause = _clause_start(view, sentence[0], claim.start)
    factors = {int(m.group(1) or m.group(2)) for m in _FACTOR.finditer(view, clause, claim.start)}
    return bool(factors & (every - others))


def _clause_start(view: str, start: int, claim: int) -> int:
    for match in _CLAUSE_BREAK.finditer(view, start, claim):
        start = match.end()
    return start


def _sentence(view: str, start: int, body: int) -> tuple[int, int]:
    begin = body
    for match in _SENTENCE_BREAK.finditer(view, max(body, start - 300), start):
        begin = match.end()
    found = _SENTENCE_BREAK.search(view, start)
    return begin, found.start() if found else len(view)


def _outside(document: LintDocument, view: str, units: list[_Unit]) -> ParamSetting:
    """The note's setting outside every row and item that names a layer of its own."""
    body = document.body_offset
    masked_view, masked_text = list(view), list(document.text)
    for unit in units:
        masked_view[unit.start : unit.end] = " " * (unit.end - unit.start)
        masked_text[unit.start : unit.end] = " " * (unit.end - unit.start)
    text = "".join(masked_view)
    setting = read_setting("".join(masked_text), text, body, len(text))
    _drop_sources(setting, text, body, len(text))
    return setting


_SUMMARY = lazy_regex(r"Output\s+Shape|Layer\s+\(type\)", re.I)
_FROZEN = lazy_regex(
    r"\bfrozen\b|\bfreez\w*|\btrainable\s*=\s*False|requires_grad(?:_\(\s*|\s*=\s*)False"
    r"|\bunfreez\w*|\bfine-?tun\w*",
    re.I,
)
_SAME_INPUT = lazy_regex(
    r"\b(?:the\s+same|one|a\s+common|a\s+shared)\s+(?:input|feature\s+map|tensor)\b"
    r"|\b(?:alternatives?|instead)\b",
    re.I,
)
_INPUT_ROLES = ("inputs", "in_channels", "channels", "features", "width")


def _alternatives(document: LintDocument, view: str, units: list[_Unit]) -> bool:
    """Whether the layer rows and items are alternatives on the note's one input (layers of
    different kinds with one output width: "SimpleRNN(64) | LSTM(64) | GRU(64)"), not a chain
    whose each layer takes the one before it as its input."""
    if len(units) < 2:
        return True
    kinds: list[str] = []
    widths: set[tuple[int, ...]] = set()
    for unit in units:
        own = read_setting(document.text, view, unit.start, unit.end)
        kinds.append("/".join(sorted(_kinds(own, view))))
        widths |= own.values("units") | own.values("filters")
    if _SAME_INPUT.search(view, document.body_offset):
        return True  # "a 3x3 ``Conv2D(64)`` on the same input"
    return len(set(kinds)) == len(kinds) and len(widths) <= 1


_APPROXIMATE = (ABOUT, NEAR_BELOW, NEAR_ABOVE, ORDER)
# Layers a note often sets beside the dense convolution they replace, and that one's words.
_FACTORED_KINDS = ("depthwise", "separable")
# A line or row labelled with one part of a separable layer (the conv_slips readers check it).
_ONE_FACTOR = lazy_regex(
    r"[ \t>*_|-]*(?:\d+[.)][ \t]*)?[*_]*(?:depth-?wise|point-?wise)(?:[ \t]+(?:part|conv\w*|step|"
    r"stage|weights|params|parameters))?[*_]*[ \t]*[:|=\u2013\u2014-]",
    re.I,
)
_DENSE_VARIANT = lazy_regex(
    r"\b(?:standard|regular|plain|ordinary|normal|vanilla|full|dense|ungrouped)\b"
    r"(?![- ](?:separable|depth-?wise))",
    re.I,
)


def _own_call_layer(
    document: LintDocument, view: str, note: ParamSetting, claim: _Claim
) -> Layer | None:
    """The layer of the call in the claim's own sentence, else of the one layer called before
    it, where the note calls several ("Keras `LSTM(256)` … PyTorch `nn.LSTM(100, 256)` gives
    …"): its framework is that call's, its sizes its own, else the note's."""
    sentence = _sentence(view, claim.start, document.body_offset)
    own = read_setting(document.text, view, *sentence)
    _drop_sources(own, view, *sentence)
    before = [call for call in note.calls if call.end <= sentence[0]]
    if not own.calls and (placed := ordinal_call(view, sentence, note.calls)) is not None:
        # "the second layer's filters …": the note's second call, on the first one's output
        own.calls = [placed[0]]
        if placed[1] is not None:
            own.sizes.append(placed[1])
    if not own.calls and before and _calls_alike(before):
        # no call of its own: the layer the note has called before it ("`Conv2d(3, 768, 16)`
        # … so 197,376 parameters. It is equivalent to a `Linear(768, 768)` …")
        own.calls = [before[-1]]
    if not own.calls or not _calls_alike(own.calls):
        return None
    flags = set(note.flags)
    if own.calls[0].framework in ("torch", "keras"):
        flags -= {"torch", "keras"}  # the other sentences' frameworks are not this call's
    outside = [item for item in note.sizes if not sentence[0] <= item.start < sentence[1]]
    call = own.calls[0]
    if any(other.kind == call.kind and other.end <= call.start for other in note.calls):
        # a later call of a chain ("`Dense(64)` on the 32 inputs … the output `Dense(10)`")
        # takes the layer before it as its input: the note's input is the first call's
        outside = [item for item in outside if item.role not in (*_INPUT_ROLES, "map_from")]
    return _layer(own, ParamSetting(sizes=outside, flags=flags, dims=set(note.dims)), view)


# "the trainable part of", "its non-trainable share": a sentence about one share of the count
_SHARE_BEFORE = lazy_regex(
    r"\b(?P<non>non-|not\s+)?(?:trainable|learnable)\s+(?:part|share|portion|subset|half)\b"
    r"(?![^.\n]*\btotal\b)",
    re.I,
)
_TOTAL_LABEL = lazy_regex(r"[ \t|*_]*(?:total|sum|all|overall|altogether)\b", re.I)


_ITEM_LABEL = lazy_regex(r"[ \t]*(?:[-*+]|\d+[.)]|\|)?[ \t]*(?P<label>[^:|\n]*)")


def _labelled_with(view: str, start: int, kind: str) -> bool:
    """Whether a row's or item's label (up to its ":" or first cell's end) names the kind
    itself, outside an aside in brackets ("2. BatchNormalization: …", not "- `bias=False`
    (usual before BatchNorm): …")."""
    match = _ITEM_LABEL.match(view, start)
    label = re.sub(r"\([^)]*\)", " ", match.group("label")) if match else ""
    return any(name == kind and pattern.search(label) for name, pattern in KIND_WORDS)


def _another_modules_row(text: str, view: str, claim: int) -> bool:
    """Whether the claim's row or item names a module of its own ("| `linear2` 512 → 128 |",
    "- `norm1`, `norm2`: 512"), or totals a table whose rows do: a block's parts, each its own
    layer, which the note's one layer does not describe."""
    line = _line_of(view, claim)
    if names_own_module(text, line[0], claim):
        return True
    if not view[slice(*line)].lstrip().startswith("|") or not _TOTAL_LABEL.match(view, line[0]):
        return False
    # the table's other rows, up and down to its edges
    rows = []
    start = line[0]
    while start > 0:
        above = _line_of(view, start - 1)
        if not view[slice(*above)].lstrip().startswith("|"):
            break
        rows.append(above)
        start = above[0]
    end = line[1]
    while end < len(view) - 1:
        below = _line_of(view, end + 1)
        if not view[slice(*below)].lstrip().startswith("|"):
            break
        rows.append(below)
        end = below[1]
    return any(names_own_module(text, row[0], row[1]) for row in rows)


def _row_or(view: str, sentence: tuple[int, int]) -> tuple[int, int]:
    """The table row a claim's cell belongs to, else the claim's sentence."""
    line = _line_of(view, sentence[0])
    return line if view[slice(*line)].lstrip().startswith("|") else sentence


def _approximate_fit(view: str, claim: _Claim, expected: set[int]) -> bool:
    """Whether an approximate claim comes within a fifth of some count: the author's rounding
    is not this reading's to judge."""
    if wording(view, claim.start, claim.end).kind not in _APPROXIMATE:
        return False
    stated = precision(view[claim.start : claim.end])
    if stated is None:
        return True
    return any(value and abs(stated[0] - value) <= 0.2 * value for value in expected)


# A number multiplied with sizes and not worked out ("56 x 56 x 512", "512 x 28 x 28 →"):
# one dimension of a tensor's shape.
_SHAPE_FACTOR_BEFORE = lazy_regex(r"\d[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\Z")
_SHAPE_FACTOR_AFTER = lazy_regex(
    r"[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\d[\d,]*"
    r"(?:[ \t]*[x\N{MULTIPLICATION SIGN}][ \t]*\d[\d,]*)*"
    r"(?![\d,]*[ \t]*(?:[=+\N{MINUS SIGN}-]|\+))"
)


def param_setting_findings(document: LintDocument) -> Iterator[CountFinding]:
    view = view_of(document)
    body = document.body_offset
    claims = _claims(document, view)
    if not claims or _SUMMARY.search(view, body):
        return  # a printed model summary is read row by row by the summary readers
    frozen = bool(_FROZEN.search(view, body))
    units = _units(document, view)
    note = read_setting(document.text, view, body, len(view))
    _drop_sources(note, view, body, len(view))
    rest = _outside(document, view, units) if units else note
    # "each layer" of one stacked recurrent call (``num_layers=2``) is that call's
    stacked = _calls_alike(note.calls) and any(
        size.role == "stacked" and size.value[0] > 1 for call in note.calls for size in call.sizes
    )
    note_several = bool(_SEVERAL.search(view, body)) and not stacked
    alternatives = _alternatives(document, view, units)
    for claim in claims:
        stage_trace.record("claim", stage_trace.PARAMS, claim.start, document=document)
        if any(call.start <= claim.start < call.end for call in note.calls):
            continue  # an argument of a call
        unit = next((u for u in units if u.start <= claim.start < u.end), None)
        if unit is not None:
            if _SEVERAL.search(view, unit.start, unit.end) or _MULTIPLIED_LAYER.search(
                view, unit.start, unit.end
            ):
                continue
            own = read_setting(document.text, view, unit.start, unit.end)
            _drop_sources(own, view, unit.start, unit.end)
            if own.flags & {"no_bias", "with_bias"}:
                rest_flags = set(rest.flags) - {"no_bias", "with_bias"}
            else:
                rest_flags = set(rest.flags)
            sizes = list(rest.sizes)
            if not alternatives:
                sizes = [item for item in sizes if item.role not in _INPUT_ROLES]
            fallback = ParamSetting(sizes=sizes, flags=rest_flags, dims=set(rest.dims))
            own_kinds = _kinds(own, view)
            if (
                len(own_kinds) == 1
                and not own.values(INPUT_ROLE.get(next(iter(own_kinds)), ""))
                and _labelled_with(view, unit.start, next(iter(own_kinds)))
            ):
                # a normalisation's width is the layer's before it, not the note's input
                rest_calls = ParamSetting(calls=rest.calls, sizes=sizes, flags=rest_flags)
                normed = norm_input(rest_calls, next(iter(own_kinds)))
                fallback = normed or fallback
            layer = _layer(own, fallback, view)
        elif ordinal_call(view, _sentence(view, claim.start, body), note.calls) is not None:
            # "the second layer's filters … 18,432": the note's calls, taken by their place
            layer = _own_call_layer(document, view, note, claim)
        elif note_several:
            continue
        elif _calls_alike(note.calls):
            layer = _layer(note, None, view)
        else:
            layer = _own_call_layer(document, view, note, claim)
        if layer is None:
            continue
        stage_trace.record("setup", stage_trace.PARAMS, claim.start, document=document)
        if unit is None and _another_modules_row(document.text, view, claim.start):
            continue
        if layer.kind in ("mha", "attention") and SHARED_KEYS.search(view, body):
            continue  # grouped-query attention: K and V are narrower than the model
        sentence = _sentence(view, claim.start, body)
        if _MODEL_IN_SENTENCE.search(view, *sentence):
            continue
        if copies_before(view, _row_or(view, sentence)[0], claim.start, claim.end) is not None:
            continue  # "| 2 x this layer | 8,320 |": copies of the layer (the solver counts them)
        if several_mappings(view, *sentence):
            continue  # "1x1 (96→384), 3x3 depthwise, 1x1 (384→96)": several layers' sum
        own_kinds = _kinds(read_setting(document.text, view, *sentence), view) - {"other"}
        if own_kinds and layer.kind not in own_kinds:
            continue  # "a plain conv holds …" in a note about a depthwise layer: another one
        if layer.kind in _FACTORED_KINDS and _DENSE_VARIANT.search(view, *_row_or(view, sentence)):
            continue  # "| standard | 3·3·16·32 | 4,608 |": the layer it is compared with
        if layer.kind == "separable" and _ONE_FACTOR.match(view, _line_of(view, claim.start)[0]):
            continue  # "- pointwise: 64 x 64 = 4,096 weights": one of its two parts
        if claim.label in (TOTAL, WEIGHTS) and (
            (part_claim(view, claim.start, claim.end) and not _weights_line(view, claim))
            or (
                (_per_unit(view, sentence, claim) or _asks_one_unit(document, view, sentence))
                and not _times_every_unit(view, sentence, claim, layer)
            )
            or _PER_AFTER.match(view, claim.end)
            or (
                _ONE_OF_A_STACK.search(view, *sentence)
                # "the second layer" that places one of the note's calls is that call
                and (unit is not None or ordinal_call(view, sentence, note.calls) is None)
            )
        ):
            continue
        if wording(view, claim.start, claim.end).hypothetical:
            continue
        if _SHAPE_FACTOR_BEFORE.search(view, max(0, claim.start - 12), claim.start) or (
            _SHAPE_FACTOR_AFTER.match(view, claim.end)
        ):
            continue  # "→ 56 x 56 x 512": a size of a shape, not a count
        if _AFFINE_OFF.search(view, *_clause(view, claim)):
            continue
        if frozen and claim.label in (TRAINABLE, NON_TRAINABLE):
            continue  # a frozen layer's trainable share is the note's choice
        if claim.counted and layer.called:
            # a counter prints what the framework builds: the call's own bias setting
            layer = replace(layer, biases=frozenset({layer.call_bias}))
        elif (own_bias := _clause_bias(view, claim)) is not None:
            # "with bias total = 5,130; Dense(10, use_bias=False) → 5,120": the claim's own
            # clause says which scenario it counts
            layer = replace(layer, biases=frozenset({own_bias}))
        if claim.label == TOTAL and (share := _SHARE_BEFORE.search(view, sentence[0], claim.start)):
            # "the trainable part of … is 64 parameters": the sentence's subject is the share
            claim = replace(claim, label=NON_TRAINABLE if share.group("non") else TRAINABLE)
        allowed = counts(layer)
        if claim.label == WEIGHTS:
            expected = allowed.get(WEIGHTS, set()) | allowed.get(TOTAL, set())
        else:
            expected = allowed.get(claim.label, set())
        if not expected:
            continue
        if _approximate_fit(view, claim, expected):
            stage_trace.judged(stage_trace.PARAMS, claim.start, "within rounding", document)
            continue
        verdict = judge(view, claim.start, claim.end, expected)
        if verdict is not False and stage_trace.on():
            reason = "equal" if len(expected) == 1 else "another convention accepted"
            if verdict is None:
                reason = "set aside: its wording makes no claim"
            stage_trace.judged(stage_trace.PARAMS, claim.start, reason, document)
        if verdict is False:
            said = view[claim.start : claim.end]
            shown = ", ".join(f"{value:,}" for value in sorted(expected))
            yield CountFinding(
                claim.start,
                claim.end,
                f"the one {layer.kind} layer this note describes has {shown} "
                f"{claim.label.replace('_', '-')} parameters under every convention that may "
                f"apply (biases on or off where the note does not say, Keras or PyTorch), "
                f"not {said}: correct the count",
                expected=tuple(sorted(expected)),
            )
