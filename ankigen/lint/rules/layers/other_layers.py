"""AG104 for layers that are neither dense nor convolutions: LSTM, GRU, embedding, batch and layer
normalisation and multi-head attention, in a note that names exactly one of them with every
size it needs; and the "Total params" line of a model summary against its rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ankigen.lint import stage_trace
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

_N = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,]\d)"


def _value(text: str) -> int:
    return int(text.replace(",", ""))


@dataclass(frozen=True)
class _Kind:
    """One kind of layer: how it is named, which sizes it needs, and its allowed counts."""

    name: str
    named: re.Pattern[str]
    sizes: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    counts: Callable[[dict[str, int]], tuple[int, ...]]
    formula: str


def _patterns(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(lazy_regex(source, re.IGNORECASE) for source in sources)


_FEATURES = r"(?:input\s+)?(?:features|inputs|input\s+dimensions|dimensions)"
_INPUT_SIZES = _patterns(
    rf"\b(?:on|of|over|with|from)\s+(?P<v>{_N})(?:\s+|-)(?:dimensional\s+)?{_FEATURES}\b",
    rf"\binput\s+(?:size|dim(?:ension)?|features)\s*(?:of|=|:)?\s*(?P<v>{_N})",
    rf"(?P<v>{_N})-dimensional\s+(?:inputs?|embeddings?|vectors?|features)",
    rf"\bnn\.(?:LSTM|GRU)\(\s*(?P<v>{_N})\s*,",
)


def _recurrent_units(layer: str) -> tuple[re.Pattern[str], ...]:
    return _patterns(
        rf"\b{layer}\(\s*(?:units\s*=\s*)?(?P<v>{_N})\s*[,)]",
        rf"(?P<v>{_N})[- ](?:hidden[- ])?units?\s+{layer}\b",
        rf"\b{layer}(?:\s+layer)?\s+with\s+(?P<v>{_N})\s+(?:hidden\s+)?units\b",
        rf"\bnn\.{layer}\(\s*{_N}\s*,\s*(?P<v>{_N})\s*[,)]",
        rf"\bhidden\s+size\s*(?:of|=|:)?\s*(?P<v>{_N})",
    )


def _lstm(sizes: dict[str, int]) -> tuple[int, ...]:
    h, x = sizes["units"], sizes["inputs"]
    # Keras has one bias per gate, PyTorch two (b_ih and b_hh).
    return (4 * (h * (h + x) + h), 4 * (h * (h + x) + 2 * h))


def _gru(sizes: dict[str, int]) -> tuple[int, ...]:
    h, x = sizes["units"], sizes["inputs"]
    # Keras reset_after=True (the default) and PyTorch keep two biases per gate.
    return (3 * (h * (h + x) + h), 3 * (h * (h + x) + 2 * h))


_KINDS = (
    _Kind(
        "LSTM",
        lazy_regex(r"\bLSTM\b"),
        (("units", _recurrent_units("LSTM")), ("inputs", _INPUT_SIZES)),
        _lstm,
        "4·(h·(h + x) + h)",
    ),
    _Kind(
        "GRU",
        lazy_regex(r"\bGRU\b"),
        (("units", _recurrent_units("GRU")), ("inputs", _INPUT_SIZES)),
        _gru,
        "3·(h·(h + x) + 2h) with reset_after, 3·(h·(h + x) + h) without",
    ),
    _Kind(
        "embedding",
        lazy_regex(r"\bembedding", re.IGNORECASE),
        (
            (
                "vocabulary",
                _patterns(
                    rf"\bEmbedding\(\s*(?:input_dim\s*=\s*)?(?P<v>{_N})\s*,",
                    rf"\bvocabulary\s+(?:size\s+)?(?:of\s+)?(?P<v>{_N})",
                    rf"\b(?:vocab(?:ulary)?[ _]size|num_embeddings)\s*(?:of|=|:)?\s*(?P<v>{_N})",
                    rf"(?P<v>{_N})[- ](?:token|word)s?\s+vocabulary",
                ),
            ),
            (
                "dimension",
                _patterns(
                    rf"\bEmbedding\(\s*(?:input_dim\s*=\s*)?{_N}\s*,\s*(?:output_dim\s*=\s*)?"
                    rf"(?P<v>{_N})\s*[,)]",
                    rf"\b(?:in|into|to|of|with)\s+(?P<v>{_N})\s+dimensions\b",
                    rf"\b(?:embedding|vector)[ _](?:size|dim(?:ension)?)\s*(?:of|=|:)?\s*"
                    rf"(?P<v>{_N})",
                    rf"(?P<v>{_N})-dimensional\s+(?:embeddings?|vectors?)",
                ),
            ),
        ),
        lambda sizes: (sizes["vocabulary"] * sizes["dimension"],),
        "vocabulary · dimension",
    ),
    _Kind(
        "batch normalisation",
        lazy_regex(r"\bBatchNorm|\bbatch[- ]?normali[sz]ation\b|\bbatch[- ]norm\b", re.I),
        (
            (
                "channels",
                _patterns(
                    rf"\b(?:after|on|over|of|for|with)\s+(?P<v>{_N})\s+(?:channels|features)\b",
                    rf"\bBatchNorm[123]d\(\s*(?P<v>{_N})\s*[,)]",
                    # the channels given as the width of the layer before: "after a 64-filter
                    # Conv2D", "on a 128-channel feature map", "after `Conv2D(32, 3)`" (Keras
                    # names its filters first; PyTorch's Conv2d its input channels)
                    rf"\b(?:after|following|on)\s+(?:a|an|the)?\s*(?P<v>{_N})[- ]"
                    r"(?:filter|channel|kernel)\s+(?:conv\w*|layer|feature\s+maps?|maps?|output)\b",
                    rf"\b(?:after|following)\s+(?:a|an|the)?\s*`?(?:\w+\.)*(?-i:Conv[123]D)\("
                    rf"\s*(?:filters\s*=\s*)?(?P<v>{_N})\s*[,)]",
                ),
            ),
        ),
        # gamma and beta are trained, the moving mean and variance are not
        lambda sizes: (2 * sizes["channels"], 4 * sizes["channels"]),
        "4·C (2·C trainable)",
    ),
    _Kind(
        "layer normalisation",
        lazy_regex(r"\bLayerNorm|\blayer[- ]?normali[sz]ation\b|\blayer[- ]norm\b", re.I),
        (
            (
                "features",
                _patterns(
                    rf"\b(?:over|on|of|for|with)\s+(?:d\s*=\s*)?(?P<v>{_N})\s+"
                    rf"(?:features|dimensions|channels)\b",
                    rf"\bLayerNorm\(\s*(?P<v>{_N})\s*[,)]",
                ),
            ),
        ),
        lambda sizes: (sizes["features"], 2 * sizes["features"]),
        "2·d",
    ),
    _Kind(
        "attention",
        lazy_regex(r"\bmulti-?head(?:ed)?\s+(?:self-)?attention\b|\bMultiHeadAttention\b", re.I),
        (
            (
                "model dimension",
                _patterns(
                    rf"\bd_?(?:model|\{{model\}})\s*(?:=|of|:)?\s*(?P<v>{_N})",
                    rf"\bmodel\s+(?:dimension|width|size)\s*(?:of|=|:)?\s*(?P<v>{_N})",
                    rf"\bembed_dim\s*=\s*(?P<v>{_N})",
                ),
            ),
        ),
        # query, key, value and output projections of d by d, with or without their biases
        lambda sizes: (
            4 * sizes["model dimension"] ** 2,
            4 * sizes["model dimension"] ** 2 + 4 * sizes["model dimension"],
        ),
        "4·d² + 4·d, or 4·d² without biases",
    ),
)

# The kinds the general reading (param_statements) binds to one sentence or paragraph;
# attention is left to the note-wide check above.
SCOPED_KINDS = tuple(kind for kind in _KINDS if kind.name != "attention")


def scoped_sizes(
    kind: _Kind, prose: str, spans: tuple[tuple[int, int], ...]
) -> dict[str, int] | None:
    """Each size the kind needs, as ``{name: value}`` (missing names left out), or None when
    one is stated with two values."""
    sizes: dict[str, int] = {}
    for name, patterns in kind.sizes:
        values = {
            _value(m.group("v"))
            for pattern in patterns
            for start, end in spans
            for m in pattern.finditer(prose, start, end)
        }
        if len(values) > 1:
            return None
        if values:
            sizes[name] = values.pop()
    return sizes


def scoped_counts(kind: _Kind, sizes: dict[str, int], prose: str) -> tuple[int, ...]:
    """The counts the kind allows for complete ``sizes`` (a GRU's layout when the text says)."""
    stage_trace.note_setup(stage_trace.PARAMS)
    allowed = kind.counts(sizes)
    return _gru_variant(prose, allowed) if kind.name == "GRU" else allowed


def kind_message(kind: _Kind, sizes: dict[str, int], allowed: tuple[int, ...], text: str) -> str:
    stated = ", ".join(f"{name} {value}" for name, value in sizes.items())
    right = " or ".join(f"{value:,}" for value in sorted(set(allowed)))
    return (
        f"{_article(kind.name)} {kind.name} layer with {stated} has {right} parameters "
        f"({kind.formula}), not {text}: correct the count"
    )


_COUNT = lazy_regex(rf"(?P<n>{_N})\s+(?:trainable\s+)?(?:parameters|params|weights)\b", re.I)
# Several layers, per-gate or per-head counts, or a comparison: not one layer's total.
_NOT_ONE_LAYER = lazy_regex(
    r"\b(?:(?:per|each|every)\s+(?:of\s+(?:the\s+)?)?(?:\w+\s+)?(?:gates?|heads?|layers?|"
    r"directions?|cells?|units?|filters?|kernels?|steps?|time\s*steps?)\b|"
    r"network|stack(?:ed)?|[bB]idirectional|layers|gates?|"
    r"Dense|Conv\w*|dense|convolution\w*|linear|both|two|compared?|versus|vs|key_dim|value_dim|"
    r"kdim|vdim|proj_size|peepholes?)\b"
)
# A whole model's count; attention is sized by the model dimension, d_model.
_WHOLE_MODEL = lazy_regex(r"\b(?:model|heads?)\b")
# Grouped-query or multi-query attention shares its key/value heads.
SHARED_KEYS = lazy_regex(
    r"\bgrouped[- ]query\b|\bmulti[- ]query\b|\b(?:GQA|MQA)\b|\bkey[/ -]value[ \t]+heads\b"
    r"|\b(?:KV|K/V)[ \t-]+heads\b|\b(?:num_key_value_heads|n_kv_heads|num_kv_heads)\b",
    re.IGNORECASE,
)
_ALL_KINDS = lazy_regex(
    r"\bLSTM\b|\bGRU\b|\bRNN\b|embedding|normali[sz]ation|BatchNorm|LayerNorm|batch[- ]norm|"
    r"layer[- ]norm|attention|transformer",
    re.IGNORECASE,
)


def other_layer_findings(document: LintDocument, prose: str) -> Iterator[Finding]:
    """Counts of the one recurrent, embedding or normalisation layer a note names."""
    body = prose[document.body_offset :]
    named = {match.group().lower() for match in _ALL_KINDS.finditer(body)}
    kinds = [kind for kind in _KINDS if kind.named.search(body)]
    if len(kinds) != 1 or len(named) != 1:
        return
    kind = kinds[0]
    # an attention layer's projections are linear layers: naming them names no other layer
    parts = {"linear"} if kind.name == "attention" else set()
    if any(m.group(0).lower() not in parts for m in _NOT_ONE_LAYER.finditer(body)):
        return
    if kind.name != "attention" and _WHOLE_MODEL.search(body):
        return
    if kind.name == "attention" and SHARED_KEYS.search(body):
        return  # fewer key/value heads than query heads: K and V are narrower than d x d
    sizes = _sizes(kind, body)
    if sizes is None:
        return
    allowed = kind.counts(sizes)
    if kind.name == "GRU":
        allowed = _gru_variant(body, allowed)
    if kind.name == "attention":
        allowed = _attention_bias(body, allowed)
    for match in _COUNT.finditer(prose, document.body_offset):
        stated = _value(match.group("n"))
        if stated in allowed or _part_count(prose, match, document.body_offset):
            continue
        yield Finding(match.start(), match.end(), _message(kind, sizes, allowed, match))


# A sentence that counts one part of the layer: "the projections are each a 512 x 512
# matrix", "per projection", "one of the four matrices".
_ONE_PART = lazy_regex(
    r"\b(?:are|is)\s+each\b|,\s*each\s+(?:a|an|one|with|of|holding|having)\b"
    r"|\b(?:each|per|every|one)\s+(?:of\s+(?:the\s+)?)?(?:\w+\s+)?"
    r"(?:projections?|matri(?:x|ces)|heads?|sub-?layers?|blocks?)\b",
    re.IGNORECASE,
)
# A sentence or a clause after a semicolon: "…, so 16,512 parameters; the four come to …"
_SENTENCE_END = lazy_regex(r"(?<!\d)[.!?;](?=\s)|\n[ \t]*\n")
_TIMES = r"(?:[\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}]|\\times|\\cdot|\b(?:x|times)\b)"


def _part_count(prose: str, match: re.Match[str], body_start: int) -> bool:
    """Whether a stated count is one part of the layer, not its whole: its sentence counts one
    part, or the note goes on to multiply it ("4 x 262,656 = 1,050,624")."""
    starts = [end.end() for end in _SENTENCE_END.finditer(prose, body_start, match.start())]
    sentence_start = starts[-1] if starts else body_start
    if _ONE_PART.search(prose, sentence_start, match.start()):
        return True
    number = re.escape(match.group("n"))
    multiplied = re.compile(
        rf"{_TIMES}\s*{number}(?![\d,.]\d)|(?<![\d,.]){number}\s*{_TIMES}", re.IGNORECASE
    )
    return multiplied.search(prose, match.end()) is not None


# Whether an attention layer's projections carry biases, said once: "with bias", "bias=False".
_WITH_BIASES = lazy_regex(
    r"\b(?:with|plus|including)\s+(?:a\s+|the\s+|their\s+)?bias(?:es)?\b", re.I
)
_WITHOUT_BIASES = lazy_regex(
    r"\b(?:without|no)\s+(?:a\s+|the\s+|any\s+)?bias(?:es)?\b|\bbias\s*=\s*False\b", re.I
)


_TORCH_ATTENTION = lazy_regex(r"\bMultiheadAttention\((?![^)]*\bbias\s*=)")


def _attention_bias(body: str, allowed: tuple[int, ...]) -> tuple[int, ...]:
    """(4·d², 4·d² + 4·d): the one a note allows that says whether the projections have
    biases, both when it says nothing or both."""
    with_bias, without = _WITH_BIASES.search(body), _WITHOUT_BIASES.search(body)
    # PyTorch's nn.MultiheadAttention keeps its biases unless its call says bias=False
    with_bias = with_bias or _TORCH_ATTENTION.search(body)
    if with_bias and not without:
        return (allowed[1],)
    if without and not with_bias:
        return (allowed[0],)
    return allowed


_RESET_AFTER = lazy_regex(r"\breset_after\s*=\s*(?P<value>True|False)\b|\bnn\.GRU\b")


def _gru_variant(body: str, allowed: tuple[int, ...]) -> tuple[int, ...]:
    """A GRU has one bias vector per gate with ``reset_after=False`` and two with
    ``reset_after=True`` or in PyTorch; a note that says which allows only that count."""
    said = {match.group("value") != "False" for match in _RESET_AFTER.finditer(body)}
    if len(said) != 1:
        return allowed
    return (allowed[1],) if said.pop() else (allowed[0],)


def _sizes(kind: _Kind, body: str) -> dict[str, int] | None:
    """Each size the kind needs, stated with one value in the note, or None."""
    sizes: dict[str, int] = {}
    for name, patterns in kind.sizes:
        values = {_value(m.group("v")) for pattern in patterns for m in pattern.finditer(body)}
        if len(values) != 1:
            return None
        sizes[name] = values.pop()
    return sizes


def _article(name: str) -> str:
    return "an" if name[0] in "aeiouAEIOUL" else "a"


def _message(
    kind: _Kind, sizes: dict[str, int], allowed: tuple[int, ...], match: re.Match[str]
) -> str:
    stated = ", ".join(f"{name} {value}" for name, value in sizes.items())
    right = " or ".join(f"{value:,}" for value in sorted(set(allowed)))
    return (
        f"{_article(kind.name)} {kind.name} layer with {stated} has {right} parameters "
        f"({kind.formula}), not {match.group('n')}: correct the count"
    )


# A model summary's total line: "Total params: 50,890", "| **Total params** | | **50,890** |".
# In a Markdown table the first cell may say only "total", or name what it totals: "| total |
# | 1,409 |", "| **FFN total** | | **2,362,368** |".
_TOTAL_LINE = lazy_regex(
    rf"^[ \t|*\u2500-\u257f]*(?:Total params\**[ \t:|*]*"
    rf"|\|[ \t*]*(?:[\w-]+[ \t]+){{0,2}}total(?:\s+param(?:eter)?s)?[ \t*]*\|[ \t|*]*)(?P<n>{_N})",
    re.I | re.M,
)
_HEADER = lazy_regex(r"Param\s*#", re.I)
# A row that counts one of several identical layers: "| per layer: Q, K, V, O |", "| each block |"
_PER_REPEATED_LAYER = lazy_regex(
    r"[ \t|*]*(?:per|each|one)[ \t]+(?:encoder[ \t]+|decoder[ \t]+|transformer[ \t]+)?"
    r"(?:layer|block|stage|cell)\b",
    re.I,
)
_NAMED_TOTAL = lazy_regex(r"^[ \t]*\|[ \t*]*[\w-]+[ \t]+(?:[\w-]+[ \t]+)?total", re.I)
# A Markdown table's header row with a parameter column and no number: "| layer | parameters |"
_TABLE_HEADER = lazy_regex(r"^[ \t]*\|[^\d\n]*\bparam(?:eter)?s\b[^\d\n]*\|[ \t]*$", re.I)
# Keras 3 draws its summary with box-drawing characters (U+2500 to U+257F).
_BOX = "\u2500-\u257f"
_ROW_COUNT = lazy_regex(rf"(?P<n>{_N})[ \t|*{_BOX}]*$")
# torchinfo's row of a module that holds no parameters of its own: "├─ReLU: 1-3  [1, 64]  --"
_NO_OWN_PARAMETERS = lazy_regex(r"\]\s+--[ \t]*$")
_RULE_LINE = lazy_regex(rf"[\s=_|:{_BOX}-]+")


def summary_total_findings(document: LintDocument) -> Iterator[Finding]:
    """A "Total params" line that is not the sum of the summary's "Param #" column above it."""
    text = document.text
    for total in _TOTAL_LINE.finditer(text, document.body_offset):
        header = text.rfind("\n", document.body_offset, total.start())
        rows: list[int] = []
        repeated: list[bool] = []  # per row: a part of one repeated layer ("per layer: FFN")
        line_end = header
        while line_end > document.body_offset:
            line_start = text.rfind("\n", document.body_offset, line_end) + 1
            line = text[line_start:line_end]
            if _HEADER.search(line) or _TABLE_HEADER.match(line):
                break
            count = _ROW_COUNT.search(line.rstrip())
            if count is not None and re.search(r"[A-Za-z]", line):
                rows.append(_value(count.group("n")))
                repeated.append(_PER_REPEATED_LAYER.match(line) is not None)
            elif _NO_OWN_PARAMETERS.search(line) and re.search(r"[A-Za-z]", line):
                rows.append(0)  # torchinfo's "--": a container or a layer without weights
                repeated.append(False)
            elif line.strip() and not _RULE_LINE.fullmatch(line):
                rows, repeated = [], []
                break  # a line that is no row: not a summary
            line_end = line_start - 1
        else:
            continue
        stated_span = _row_total_span(text, total)
        stated_text = text[stated_span[0] : stated_span[1]]
        stated = _value(stated_text)
        # "| separable total | 8,960 |" under a standard conv's row totals the rows right above
        # it: a total that names what it totals may sum the last rows only
        named = _NAMED_TOTAL.match(total.group(0)) is not None
        suffixes = {sum(rows[:length]) for length in range(2, len(rows) + 1)} if named else set()
        # "| per layer: FFN | … |" rows break down a "| 12 layers | 12 · 7,087,872 |" row below
        # them: the total counts them through that row, not once more
        once = sum(row for row, part in zip(rows, repeated, strict=True) if not part)
        if any(repeated) and once == stated:
            continue
        if rows and sum(rows) != stated and stated not in suffixes:
            right = f"{sum(rows):,}"
            message = (
                f"the rows of the summary add up to {right} parameters, not {stated_text}: "
                "correct the total"
            )
            yield Finding(*stated_span, message)
    yield from _footer_findings(document)


def _row_total_span(text: str, total: re.Match[str]) -> tuple[int, int]:
    """Where a total row states its count: the row's last number, as every row above is read
    ("| **total** | 288 + 2,048 | **2,236** |" states 2,236, not the calculation's 288)."""
    if not total.group(0).lstrip(" \t*").startswith("|"):
        return total.span("n")
    line_end = text.find("\n", total.start())
    row = text[total.start() : line_end if line_end >= 0 else len(text)].rstrip()
    last = _ROW_COUNT.search(row)
    if last is None:
        return total.span("n")
    return total.start() + last.start("n"), total.start() + last.end("n")


# A summary's footer: "Trainable params: 101,514" and "Non-trainable params: 256" on the lines
# after its total (Keras may add the size: "(397.54 KB)").
_FOOTER_LINE = lazy_regex(
    rf"^[ \t|*\u2500-\u257f]*(?P<what>Total|Trainable|Non-trainable|Optimizer)\s+params\**"
    rf"[ \t:|*]*(?P<n>{_N})",
    re.I | re.M,
)


# A Keras summary row of a batch normalisation and its channels: "(None, 14, 14, 256)".
_NORM_ROW = lazy_regex(
    r"\(BatchNormalization\)[^\n(]*\((?:None|\d+)(?:,\s*\d+)*,\s*(?P<c>\d+)\)", re.I
)


def _wrong_part(
    text: str,
    total: re.Match[str],
    footer: list[re.Match[str]],
    parts: dict[str, int],
    stated: int,
) -> Finding | None:
    """The footer line that is wrong when the summary's only untrainable weights are its
    batch normalisations' moving mean and variance (2·C each) and the total fits them."""
    block_start = text.rfind("```", 0, total.start())
    rows = text[block_start if block_start >= 0 else 0 : total.start()]
    if "Non-trainable" in rows or "Total params" in rows:
        return None
    norms = [int(match.group("c")) for match in _NORM_ROW.finditer(rows)]
    if not norms:
        return None
    untrainable = 2 * sum(norms)
    if parts["trainable"] + untrainable != stated or parts["non-trainable"] == untrainable:
        return None
    line = next((m for m in footer if m.group("what").lower() == "non-trainable"), None)
    if line is None:
        return None
    return Finding(
        line.start("n"),
        line.end("n"),
        f"the moving mean and variance of the batch normalisation ({sum(norms):,} channels) are "
        f"2 \N{MULTIPLICATION SIGN} {sum(norms):,} = {untrainable:,} non-trainable parameters, not "
        f"{line.group('n')}: correct the count",
    )


def _footer_findings(document: LintDocument) -> Iterator[Finding]:
    """A total that is not its trainable plus its non-trainable parameters."""
    text = document.text
    lines = list(_FOOTER_LINE.finditer(text, document.body_offset))
    for index, total in enumerate(lines):
        if total.group("what").lower() != "total":
            continue
        parts: dict[str, int] = {}
        for line in lines[index + 1 : index + 4]:
            what = line.group("what").lower()
            if what == "total" or text.count("\n", total.end(), line.start()) > 3:
                break
            parts[what] = _value(line.group("n"))
        if set(parts) != {"trainable", "non-trainable"}:
            continue  # a part missing, or optimizer variables counted in (Keras 3)
        stated, right = _value(total.group("n")), parts["trainable"] + parts["non-trainable"]
        wrong_part = _wrong_part(text, total, lines[index + 1 : index + 4], parts, stated)
        if stated != right and wrong_part is not None:
            yield wrong_part
        elif stated != right:
            yield Finding(
                total.start("n"),
                total.end("n"),
                f"trainable {parts['trainable']:,} + non-trainable {parts['non-trainable']:,} = "
                f"{right:,} parameters, not {total.group('n')}: correct the total or its parts",
            )
