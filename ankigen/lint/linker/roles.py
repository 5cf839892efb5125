"""The quantities a note states, by role (issue #12, the set-up-to-claim linker).

A role is what a stated size is for a family's formula: a data set's size, a batch, devices,
an accumulation factor, epochs; a layer's input size, kernel, stride, padding, dilation; a
layer's input and output features, channels, units, vocabulary, width. Roles are read from the
quantity's own words wherever the note writes them: "batch size 64", "8 GPUs", "50,000
images", "stride-2", "kernel_size=(1, 3, 3)", "a 3x3 conv", "k = 5", a table cell under a
header that names the role, a layer call's arguments. A number is never given a role by
where it stands alone; nothing here judges."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker.call_roles import call_quantities
from ankigen.lint.linker.quantity import Quantity
from ankigen.lint.linker.view import VALUE, Line, lines, values_of

INPUT = "input"
KERNEL = "kernel"
STRIDE = "stride"
PADDING = "padding"
DILATION = "dilation"
SAMPLES = "samples"
BATCH = "batch"
DEVICES = "devices"
ACCUMULATION = "accumulation"
EPOCHS = "epochs"
IN_FEATURES = "in-features"
OUT_FEATURES = "out-features"
CHANNELS = "channels"
VOCABULARY = "vocabulary"
WIDTH = "width"
GROUPS = "groups"
OUTPUT_PADDING = "output-padding"
LIMIT = "limit"  # a cap on an epoch's batches: a share (0.25) or a count (Lightning's)

_V = r"(?P<v>" + VALUE.pattern.replace("(?P<", "(?P<_") + ")"
_LINK = r"\s*(?:[=:-]|\bof\b|\bis\b|\bto\b|\bequal to\b)?\s*(?:\ba\b\s*)?"

_SHAPE_V = r"(?P<v>\d+(?:\s*[\u00d7xX*]\s*\d+)+)"
_NOT_A_PRODUCT = r"(?!\s*[\u00b7*\u00d7(])"  # "k = 3" but not "k = 3 · 3"


def _any(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_SAMPLE_NOUNS = _any(
    "samples", "examples", "images", "sequences", "utterances", "utts", "clips", "documents",
    "sentences", "records", "pairs", "windows", "slices", "files", "frames", "tokens", "videos",
    "episodes", "transitions", "texts", "graphs",
)  # fmt: skip
_DEVICE_NOUNS = _any(
    "GPUs?", "devices", "TPUs", "cores", "workers", "replicas", "nodes", "ranks", "processes",
    "accelerators",
)  # fmt: skip
_IN_NAMES = _any(
    "in_features", "in_channels", "input_dim", "input_size", "C_?in", "c_?in", "fan_in", "d_in"
)  # fmt: skip
_OUT_NAMES = _any(
    "out_features", "out_channels", "units", "filters", "output_dim", "C_?out", "c_?out",
    "fan_out", "d_out",
)  # fmt: skip
_WIDTH_NAMES = _any(
    r"embedding[_ ]dim\w*",
    "embed_dim",
    "d_model",
    "d_?emb",
    r"hidden(?:[_ ]size|[_ ]dim)?",
    "dim",
    "d",
    "h",
)
_ACCUMULATION_NAMES = _any(
    r"accumulat\w*", r"grad_accum\w*", "accumulate_grad_batches", "gradient_accumulation_steps"
)

_LAYER_SIZE_NOUNS = (
    r"(?:channels|features|units|filters|feature maps|maps|neurons|dims|dimensions)\b"
)

# (role, pattern): the value in group ``v``; a single letter needs its "=" ("k = 3")
_WORDED = (
    (KERNEL, rf"\b(?:kernel(?:[_ ]size)?s?|filter size|pool(?:ing)?\b(?:[_ ]size)?){_LINK}{_V}"),
    (KERNEL, rf"\bwindow(?: size)?{_LINK}{_V}"),
    (KERNEL, rf"\b(?:conv|Conv)\w*\s+{_SHAPE_V}(?!\s*(?:channels|filters|maps))"),
    (KERNEL, rf"\b[kK](?:_?eff)?\s*=\s*{_V}{_NOT_A_PRODUCT}"),
    (KERNEL, rf"{_V}\s*-?\s*(?:conv\w*|kernels?|window)\b"),
    (KERNEL, rf"{_SHAPE_V}\s*-?\s*filters?\b"),  # "3x3 filters"; "32 filters" are channels
    (KERNEL, rf"{_V}\s*-?\s*(?:max|avg|average)?-?\s*pool\w*\b"),
    (STRIDE, rf"\bstrides?{_LINK}{_V}"),
    (STRIDE, rf"\b[sS]\s*=\s*{_V}{_NOT_A_PRODUCT}"),
    (STRIDE, rf"{_V}\s*-?\s*strided?\b"),
    # a layer's settings listed after commas: "conv 3x3, s2, p1"
    (STRIDE, r"(?:(?<=[,(/])|(?<=[,(/] ))s(?P<v>\d)\b"),
    (PADDING, r"(?:(?<=[,(/])|(?<=[,(/] ))p(?P<v>\d)\b"),
    (PADDING, rf"\b(?:padding|pad){_LINK}{_V}"),
    (PADDING, rf"\b[pP]\s*=\s*{_V}{_NOT_A_PRODUCT}"),
    (DILATION, rf"\b(?:dilation(?:[_ ]rate)?|atrous rate|dilated by){_LINK}{_V}"),
    (DILATION, rf"\b[dD]\s*=\s*{_V}{_NOT_A_PRODUCT}"),
    (GROUPS, rf"\bgroups{_LINK}{_V}"),
    (GROUPS, rf"\b(?:in|into)\s+{_V}\s+groups\b"),
    (OUTPUT_PADDING, rf"\boutput[_ ]padding{_LINK}{_V}"),
    (LIMIT, rf"\blimit_train_batches{_LINK}{_V}"),
    (INPUT, rf"\b(?:input|in|[HWLT]_?in|n_in)(?:[_ ](?:size|length|resolution))?\s=:,\s*{_V}"),
    (INPUT, rf"\binput (?:size|length|resolution|image|of){_LINK}{_V}"),
    (INPUT, rf"\binput\s+(?:shape\s+)?{_V}"),
    (INPUT, rf"\b(?:from|on)\s+(?:an?\s+)?{_V}(?=\s*(?:\(|[,.;:?]|$))"),  # "on a 40x96x96?"
    (INPUT, rf"\b(?:[LHWT]|n)\s*=\s*{_V}{_NOT_A_PRODUCT}"),
    (INPUT, rf"{_V}-(?:pixel|px|voxel|sample|token|frame|step|point)s?\b"),
    (
        INPUT,
        rf"{_V}\s*-?\s*(?:[\w\"'-]+\s+){{0,2}}"
        r"(?:input|image|patch|(?:feature )?map|sequence|signal|volume|crop)\b",
    ),
    (SAMPLES, rf"{_V}\s+(?:\([^)]*\)\s+)?(?:[A-Za-z-]+\s+)?{_SAMPLE_NOUNS}\b"),
    (SAMPLES, rf"\b(?:dataset(?: size)?|training set|train set|n_samples|num_samples){_LINK}{_V}"),
    (SAMPLES, rf"\bN{_LINK}{_V}"),
    # "a 12,000-sample set", "a 9,000-clip corpus"
    (
        SAMPLES,
        rf"{_V}[- ](?:sample|image|example|clip|utterance|document|sequence)s?\s+"
        r"(?:data\s*)?(?:set|corpus)\b",
    ),
    (
        BATCH,
        rf"(?<!last )(?<!final )\b(?:global |effective |micro-?|per-device |local )?"
        rf"batch(?:[_ ]size)?{_LINK}{_V}",
    ),
    (BATCH, rf"\b(?:bs|B){_LINK}{_V}"),
    (
        BATCH,
        rf"{_V}\s+(?:samples\s+|images\s+|examples\s+|sequences\s+)?per\s+"
        r"(?:batch|step|device|GPU|replica)\b",
    ),
    (BATCH, rf"\bbatch(?:es)? of\s+{_V}"),
    (DEVICES, rf"{_V}\s*(?:\u00d7\s*)?(?:TPU\s+)?{_DEVICE_NOUNS}\b"),
    (DEVICES, rf"\b(?:world_size|num_gpus|n_gpus|devices|gpus|nproc_per_node){_LINK}{_V}"),
    (
        ACCUMULATION,
        rf"\b{_ACCUMULATION_NAMES}(?:\s+(?:gradients?|grads?|steps?|factor|of|over|every|for|across))*{_LINK}{_V}",
    ),
    (ACCUMULATION, rf"{_V}\s*(?:\u00d7\s*)?(?:accumulation|micro-?batches|micro-?steps)\b"),
    (EPOCHS, rf"{_V}\s+(?:full\s+|more\s+|training\s+)?epochs?\b"),
    # (not "10 epochs of 12,000 samples": a data set's size after "of")
    (
        EPOCHS,
        rf"\b(?:epochs|num_epochs|max_epochs|n_epochs|num_train_epochs){_LINK}{_V}"
        rf"(?![\d,.]*\s+(?:[A-Za-z-]+\s+)?{_SAMPLE_NOUNS})",
    ),
    (IN_FEATURES, rf"\b{_IN_NAMES}{_LINK}{_V}"),
    (IN_FEATURES, rf"\binput(?:[_ ](?:size|dim\w*|features|width))?{_LINK}{_V}"),
    (IN_FEATURES, rf"{_V}\s+(?:input|in)\s*(?:features|channels|units|dims?|dimensions)\b"),
    (OUT_FEATURES, rf"\b{_OUT_NAMES}{_LINK}{_V}"),
    (OUT_FEATURES, rf"{_V}\s+(?:output|out)\s*(?:features|channels|units|dims?|dimensions)\b"),
    (OUT_FEATURES, rf"{_V}\s+(?:hidden\s+)?(?:units|filters|neurons|kernels|classes|outputs)\b"),
    # a layer's sizes as a change: "from 64 to 128 channels", "256 → 64 channels"
    (IN_FEATURES, rf"\bfrom\s+{_V}\s+(?:to|into)\s+\d[\d,]*\s*{_LAYER_SIZE_NOUNS}"),
    (OUT_FEATURES, rf"\bfrom\s+\d[\d,]*\s+(?:to|into)\s+{_V}\s*{_LAYER_SIZE_NOUNS}"),
    (IN_FEATURES, rf"{_V}\s*(?:->|\u2192)\s*\d[\d,]*\s*{_LAYER_SIZE_NOUNS}"),
    (OUT_FEATURES, rf"(?<![\d,])\d[\d,]*\s*(?:->|\u2192)\s*{_V}\s*{_LAYER_SIZE_NOUNS}"),
    (IN_FEATURES, rf"{_V}\s*-?\s*(?:d|dim|dimensional)\s+input\b"),  # "on a 512-d input"
    (CHANNELS, rf"{_V}\s*-?\s*(?:channels?|ch|feature maps|maps)\b"),
    (CHANNELS, rf"\b(?:channels|C){_LINK}{_V}"),
    (VOCABULARY, rf"\b(?:vocab\w*|num_embeddings|V)(?:[_ ]size)?{_LINK}{_V}"),
    (
        VOCABULARY,
        rf"{_V}\s*-?\s*(?:tokens?|words?|entries|buckets|items|ids|categories)"
        r"\s*(?:vocab\w*|table|embedding)?\b",
    ),
    (WIDTH, rf"\b{_WIDTH_NAMES}{_LINK}{_V}"),
    (WIDTH, rf"{_V}\s*-?\s*(?:d|dim|dims|dimensional)\b(?!\s*=)"),
)
# the words that make the size after them a result ("gives a 28 x 28 map", "→ 14 x 14")
_RESULT_BEFORE = re.compile(
    r"(?:\bgives?|\byields?|\bproduces?|\bbecomes?|\boutputs?|\bleaves?"
    r"|(?<!applied )(?<!fed )(?<!passed )(?<!given )\bto|\u2192|->)"
    r"\s*(?:an?\s+|the\s+)?$",
    re.I,
)
# words that make a count of samples a remainder, not the data set
_REMAINDER = re.compile(
    r"(?:remaining|leftover|left-over|last|partial|final|extra|rest of(?: the)?|other|only"
    r"|those|these)"
    r"\s+(?:\w+\s+)?$",
    re.I,
)
# Through the pattern store (lazy_regex): compiled by re, the 48 cost every lint about 20 ms.
_PATTERNS = tuple((role, lazy_regex(pattern)) for role, pattern in _WORDED)
_DIGIT = re.compile(r"\d")  # the digits of VALUE's \d

# a table header's words that name a role for the cells under it
_HEADERS = (
    (KERNEL, re.compile(r"^(?:k|kernel\w*|pool kernel|filter\w*|window)$|kernel", re.I)),
    (STRIDE, re.compile(r"^(?:s|stride\w*)$|stride", re.I)),
    (PADDING, re.compile(r"^(?:p|pad\w*)$|padding", re.I)),
    (DILATION, re.compile(r"^(?:d|dilation\w*|rate)$|dilation", re.I)),
    (INPUT, re.compile(r"^(?:in|input|n|[hwl]|input size|in size|[hwl]_in)$", re.I)),
    (
        SAMPLES,
        re.compile(r"samples|utts|utterances|images|examples|clips|sequences|dataset|^n$", re.I),
    ),
    (BATCH, re.compile(r"batch", re.I)),
    (DEVICES, re.compile(r"gpus?|devices|workers|replicas", re.I)),
    (ACCUMULATION, re.compile(r"accum", re.I)),
    (EPOCHS, re.compile(r"^epochs?$", re.I)),
)


def stated(document: LintDocument) -> tuple[Quantity, ...]:
    """Every quantity of the note with a role, once per document."""
    return document.memo("linker.stated", lambda: tuple(_stated(document)))


def _stated(document: LintDocument) -> Iterator[Quantity]:
    view = lines(document)
    seen: set[tuple[str, int]] = set()
    # a call's keyword argument ("kernel_size=3") is the call's, before its words
    for quantity in [*_table_cells(view), *call_quantities(view), *_worded(view)]:
        if (quantity.role, quantity.start) not in seen:
            seen.add((quantity.role, quantity.start))
            yield quantity


def _worded(view: tuple[Line, ...]) -> Iterator[Quantity]:
    for line in view:
        if not _DIGIT.search(line.text):
            continue  # VALUE needs a digit, so such a line yields nothing (most lines)
        for role, pattern in _PATTERNS:
            for match in pattern.finditer(line.text):
                value = VALUE.fullmatch(match.group("v"))
                before = line.text[: match.start("v")]
                glued = match.start("v") == match.start() and re.search(r"[\w.-]$", before)
                if value is None or glued:
                    continue  # "Conv3d", "v1.2": a name's digits
                if role in (SAMPLES, BATCH) and _REMAINDER.search(line.text[: match.start()]):
                    continue  # "the remaining 16 samples", "a partial batch of 80"
                if role == INPUT and re.match(r"\s*-?\s*[dD]\b", line.text[match.end("v") :]):
                    continue  # "a 3-D map": a dimensionality
                if role == INPUT and _RESULT_BEFORE.search(before):
                    continue  # "gives a 28 x 28 map": a result, not the layer's input
                start, end = match.start("v"), match.end("v")
                yield Quantity(
                    role,
                    values_of(value),
                    line.at(start),
                    line.at(end - 1) + 1,
                    line.number,
                    "words",
                )


def _cells(text: str) -> list[tuple[int, str]]:
    """A table row's cells with their start in ``text``."""
    cells = []
    position = text.index("|") + 1
    for part in text.strip().strip("|").split("|"):
        at = text.find(part, position - 1) if part else position
        cells.append((at, part))
        position = at + len(part) + 1
    return cells


def _table_cells(view: tuple[Line, ...]) -> Iterator[Quantity]:
    header: list[str | None] = []
    for index, line in enumerate(view):
        text = line.text.strip()
        if not text.startswith("|"):
            header = []
            continue
        if index + 1 < len(view) and re.fullmatch(r"\|?[\s:|-]+\|?", view[index + 1].text.strip()):
            header = [_header_role(cell) for _at, cell in _cells(line.text)]
            continue
        if not header or re.fullmatch(r"\|?[\s:|-]+\|?", text):
            continue
        cells = _cells(line.text)
        # a row that names the input ("| 0 (input) | — | 64 x 128 |") states it in its cells
        first_input = bool(cells) and bool(re.search(r"\binput\b", cells[0][1], re.I))
        for index, ((at, cell), role) in enumerate(zip(cells, header, strict=False)):
            if first_input and index > 0:
                role = INPUT
            if role is None:
                continue
            match = VALUE.fullmatch(cell.strip().strip("*").strip())
            if match is None:
                continue
            start = at + len(cell) - len(cell.lstrip())
            yield Quantity(
                role,
                values_of(match),
                line.at(start),
                line.at(start + len(cell.strip())),
                line.number,
                "cell",
            )


def _header_role(cell: str) -> str | None:
    words = re.sub(r"[*_`$]", "", cell).strip()
    roles = [role for role, pattern in _HEADERS if pattern.search(words)]
    return roles[0] if len(roles) == 1 else None
