"""The prose view of the arithmetic rules: ``document.prose`` with short inline code that states
a quantity put back, so that "a Keras `Conv2D(32, (3, 3))`" or "`batch_size=20`" names its
numbers like prose does, and two-column tables of quantities and values read as labelled lines
("| global batch | 1,024 |" as "global batch : 1,024"). The epoch rule's view also puts back
code lines that assign a number or carry a comment with one (``batch_size = 64``,
``model.fit(…)  # 469 steps per epoch``), with underscores of names as spaces. Offsets stay file
offsets; every view has the length of the file.
"""

from __future__ import annotations

import math
import re

from ankigen.lint.arith.expression import evaluate
from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import parse_number

_INLINE_CODE = lazy_regex(r"(?P<tick>`+)(?P<code>[^`\n]+?)(?P=tick)")
# What inline code may be to count as a quantity: a call ("Dense(10)",
# "tf.keras.layers.Conv2D(64, 3, padding='same')"), an assignment ("batch_size=32",
# "strides = 2"), a config key ('"batch_size": 64') or a shape ("(28, 28, 1)").
_QUANTITY_CODE = lazy_regex(
    r"(?:[A-Za-z_][\w.]*(?:\(.*\))?"
    r"|[A-Za-z_]\w*\s*=\s*[\w\"'(), .]+"
    # "reader = pd.read_csv(path, chunksize=100_000)": a call with keywords, assigned
    r"|[A-Za-z_]\w*\s*=\s*[A-Za-z_][\w.]*\(.*\)"
    # a JSON or YAML key and its number: '"batch_size": 64', "val_fraction: 0.1"
    r"|([\"']?)[A-Za-z_]\w*\1\s*:\s*\d[\d_]*(?:\.\d+)?"
    # (Keras writes the batch axis as None: "(None, 96, 128)")
    r"|\(\s*\d+(?:\s*,\s*\d+)*\s*,?\s*\)"
    r"|\(\s*None(?:\s*,\s*\d+)+\s*,?\s*\))",
)


def arith_prose(document: LintDocument) -> str:
    """``document.prose`` with quantity-stating inline code restored (same length)."""
    return document.memo(
        "arith-prose", lambda: spaced_thousands(_key_value_rows(_restore(document)))
    )


def epoch_prose(document: LintDocument) -> str:
    """``arith_prose`` with code lines that state numbers put back, for the epoch rule."""
    return document.memo("epoch-prose", lambda: _with_code_lines(document))


# "| quantity | value |": a table whose rows each name one quantity and its value.
_KEY_HEADER = lazy_regex(
    r"^(?:quantity|item|property|setting|hyper-?parameter|parameter|name|what|key|variable)s?$"
)
_VALUE_HEADER = lazy_regex(r"^(?:values?|settings?|amount|number|count|size|result|setting)$")
_TABLE_LINE = lazy_regex(r"^[ \t]*\|(?P<cells>[^\n]*)\|[ \t]*$", re.MULTILINE)
_RULE_LINE = lazy_regex(r"^[\s|:-]+$")


def _key_value_rows(prose: str) -> str:
    """Rows of two-column key/value tables as "key : value" lines (same length)."""
    if "|" not in prose:
        return prose
    lines = list(_TABLE_LINE.finditer(prose))
    pieces, position = [], 0
    index = 0
    while index < len(lines):
        header = [cell.strip().lower() for cell in lines[index].group("cells").split("|")]
        is_key_value = len(header) == 2 and (
            _KEY_HEADER.match(header[0]) is not None or _VALUE_HEADER.match(header[1]) is not None
        )
        run = [lines[index]]
        while (
            index + len(run) < len(lines)
            and lines[index + len(run) - 1].end() + 1 == lines[index + len(run)].start()
        ):
            run.append(lines[index + len(run)])
        index += len(run)
        if not is_key_value or len(run) < 3 or not _RULE_LINE.match(run[1].group(0)):
            continue
        for line in run:
            text = line.group(0)
            if _RULE_LINE.match(text):
                new = " " * len(text)
            else:
                first = text.index("|")
                middle = text.index("|", first + 1)
                last = text.rindex("|")
                # the row ends like a clause: "12,800 ; batch size" is no "12,800 batches"
                new = f"{text[:first]} {text[first + 1 : middle]}:{text[middle + 1 : last]};"
                new += text[last + 1 :]
            pieces += [prose[position : line.start()], new]
            position = line.end()
    pieces.append(prose[position:])
    return "".join(pieces)


# A table whose cells hold a calculation and its result: "| (50 + 30) / 100 | 0.85 |".
_RESULT_HEADER = lazy_regex(
    r"^(?:values?|results?|totals?|answers?|outcomes?|products?|sums?|returns?|=)$"
)
_FORMULA_HEADER = lazy_regex(
    r"^(?:formula|calculation|calc|computation|expression|working|math)s?$"
)
# (floor and ceiling brackets too: "⌊(23 - 2)/2⌋ + 1", an output size worked out in a cell)
_OPENING = r"[(\[\N{LEFT FLOOR}\N{LEFT CEILING}]"
_CLOSING = r"[)\]\N{RIGHT FLOOR}\N{RIGHT CEILING}]"
# (an operand may carry its power in superscript digits: "0.001 * 0.5³", "2¹⁰")
_CELL_OPERAND = r"\d[\d,.]*[\u00b2\u00b3\u00b9\u2070\u2074-\u2079]*"
_CALCULATION_CELL = lazy_regex(
    rf"(?:\s|{_OPENING})*{_CELL_OPERAND}(?:\s*[-+*/^\N{{MULTIPLICATION SIGN}}\N{{DIVISION SIGN}}"
    rf"\N{{MIDDLE DOT}}\N{{MINUS SIGN}}]\s*{_OPENING}*\s*{_CELL_OPERAND}{_CLOSING}*)+"
    rf"(?:\s|{_CLOSING})*"
)
# The same with a spaced letter x as the times sign ("32 x 512"), for columns whose rows show
# that they compute: under a header alone "3 x 3" is more often a kernel than a product.
_X_CALCULATION_CELL = lazy_regex(
    rf"(?:\s|{_OPENING})*{_CELL_OPERAND}(?:\s*(?:[-+*/^\N{{MULTIPLICATION SIGN}}\N{{DIVISION SIGN}}"
    rf"\N{{MIDDLE DOT}}\N{{MINUS SIGN}}]|(?<=\s)x(?=\s))\s*{_OPENING}*\s*{_CELL_OPERAND}"
    rf"{_CLOSING}*)+(?:\s|{_CLOSING})*"
)
# A column of counted quantities: "parameters", "# params", "count", "size", "memory",
# "parameters (with bias)". A unit or scale in brackets ("memory (GB)", "params (M)") is no
# count of the calculation's units: such columns are left alone.
_QUANTITY_HEADER = lazy_regex(
    r"^(?:#|no\.?|number of|total)?\s*(?:trainable\s+|learnable\s+)?"
    r"(?:param(?:eter)?s?(?:\s+count)?|counts?|sizes?|memory|weights|elements|entries|"
    r"flops|macs|multiplications|multiply-adds|activations|outputs|units|neurons|pixels|"
    r"samples|tokens|steps|iterations|batches)"
    r"(?:\s*\((?:with|incl\.?|including|excluding|without|no|w/o?)\b[^)]*\))?$"
)
# Headers of a column that computes the next one: it says how ("count", "breakdown") or
# writes the formula ("weights + biases", "in x out + bias"). Any other header ("kernel",
# "input shape", "blocks") names a quantity of its own: "| 3 x 3 | 896 |" under "| kernel |
# params |" is no product and its count.
_COMPUTATION_HEADER = lazy_regex(
    r"^(?:counts?|computations?|calculations?|breakdown|derivation|how|working|arithmetic|"
    r"weights\s+and\s+bias(?:es)?)$"
)
_FORMULA_IN_HEADER = lazy_regex(r"[+*\N{MULTIPLICATION SIGN}]|\b(?:plus|times)\b")
_NUMBER_CELL = lazy_regex(r"\s*[*_]*-?\d[\d,.]*\s*%?[*_]*\s*")
# "1-3", "4-30": a range of epochs or layers, no subtraction.
_RANGE_CELL = lazy_regex(r"\s*\d[\d,.]*[-\N{EN DASH}]\d[\d,.]*\s*")


def calculation_rows(prose: str) -> str:
    """Table rows with a calculation cell and a result cell next to it, under a header that says
    so or in columns whose other rows compute their results, with the pipe between them read
    as "=" (same length)."""
    if "|" not in prose:
        return prose
    lines = list(_TABLE_LINE.finditer(prose))
    pieces, position = [], 0
    header: list[str] = []
    computing: set[int] = set()
    for index, line in enumerate(lines):
        adjacent = index > 0 and lines[index - 1].end() + 1 == line.start()
        cells = line.group("cells").split("|")
        if not adjacent:
            header = [cell.strip().lower() for cell in cells]
            computing = _computing_columns(lines, index)
            continue
        for column in range(min(len(cells), len(header)) - 1):
            named = (
                column in computing
                or _RESULT_HEADER.match(header[column + 1])
                or _FORMULA_HEADER.match(header[column])
                or _counted(header[column], header[column + 1])
            )
            # a column headed "formula" or "expression" computes: its "24 x 128" is a product
            says_formula = _FORMULA_HEADER.match(header[column]) is not None
            cell = _X_CALCULATION_CELL if column in computing or says_formula else _CALCULATION_CELL
            if not named or not cell.fullmatch(cells[column]):
                continue
            if _RANGE_CELL.fullmatch(cells[column]):
                continue
            if not _NUMBER_CELL.fullmatch(cells[column + 1]):
                continue
            pipe = line.start("cells") + sum(len(cell) + 1 for cell in cells[: column + 1]) - 1
            pieces += [prose[position:pipe], "="]
            position = pipe + 1
    pieces.append(prose[position:])
    return "".join(pieces)


def header_names_result(header: str, result_header: str) -> bool:
    """Whether a table's headers say a column's cells are calculations whose results the next
    column holds: a result header after ("value", "total"), a formula header on it
    ("expression"), or a count computed by it."""
    return bool(
        _RESULT_HEADER.match(result_header)
        or _FORMULA_HEADER.match(header)
        or _counted(header, result_header)
    )


def _computing_columns(lines: list[re.Match[str]], first: int) -> set[int]:
    """Columns of calculations whose next column is, in most rows, their result: "| 3 * 24 / 6
    | 12 |" in two rows or more, whatever the headers say ("calc", "how", none). The rows that
    agree show what the column is; a column of its own quantity ("kernel" 3 x 3 next to 896
    parameters) agrees in no row."""
    agree: dict[int, int] = {}
    disagree: dict[int, int] = {}
    index = first + 1
    while index < len(lines) and lines[index - 1].end() + 1 == lines[index].start():
        cells = lines[index].group("cells").split("|")
        index += 1
        for column in range(len(cells) - 1):
            if not _X_CALCULATION_CELL.fullmatch(cells[column]) or _RANGE_CELL.fullmatch(
                cells[column]
            ):
                continue
            stated = parse_number(cells[column + 1].strip(" *_"))
            value = evaluate(cells[column].strip())
            if stated is None or value is None:
                continue
            near = abs(value - stated.value) <= stated.ulp / 2
            whole = stated.ulp == 1 and stated.value in (math.floor(value), math.ceil(value))
            tally = agree if near or whole else disagree
            tally[column] = tally.get(column, 0) + 1
    return {
        column for column, count in agree.items() if count >= 2 and count > disagree.get(column, 0)
    }


def _counted(header: str, result_header: str) -> bool:
    """A count column after a column that computes it: "| 3072 x 768 + 768 | 2,360,064 |"
    under "| count | parameters |"."""
    if _QUANTITY_HEADER.match(result_header.strip("*_ ")) is None:
        return False
    header = header.strip("*_ ")
    return bool(_COMPUTATION_HEADER.match(header) or _FORMULA_IN_HEADER.search(header))


# Inline code that states a calculation's result: "`steps = ceil(10,000 / 128) = 78`",
# "`2 ** 10 = 1024`". Code that only computes ("`n = a * b`") or compares states nothing.
_CLAIMED_RESULT_CODE = lazy_regex(
    r"(?:[A-Za-z_][\w.]*\s*=\s*)?"
    r"(?P<expression>[^=]*\d[^=]*[-+*/^\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}][^=]*)"
    # steps of a chain: "`floor((128 - 3) / 2) + 1 = 62 + 1 = 63`"
    r"(?:(?:=|\N{ALMOST EQUAL TO})[^=\N{ALMOST EQUAL TO}]*\d[^=\N{ALMOST EQUAL TO}]*)*?"
    r"(?:=|\N{ALMOST EQUAL TO})\s*-?\d[\d,._]*\s*[A-Za-z%]*\s*"
)

# Inline code that is only a calculation of written numbers: operands, operators, brackets and
# rounding calls ("floor((16000 - 400) / 160) + 1", "(1024 - 3) // 2 + 1", "math.ceil(50000 /
# 128)"); a name or a call of anything else ("len(ds) // 32", "model(x)") computes no number a
# reader can check, and an assignment or a comparison states something else.
_CALCULATION_CODE = lazy_regex(
    r"\s*(?:(?:math\.|np\.|numpy\.|torch\.)?(?:floor|ceil|round|int)\s*\(\s*|[(\[]\s*)*"
    r"-?(?!0\d)\d[\d_,.]*"  # no leading zero: "2024-01-05" is a date, "09:30" a time
    r"(?:\s*(?:\*\*|//|[-+*/%\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MINUS SIGN}])\s*"
    r"(?:(?:math\.|np\.|numpy\.|torch\.)?(?:floor|ceil|round|int)\s*\(\s*|[(\[]\s*)*"
    r"-?(?!0\d)\d[\d_,.]*(?:\s*[)\]])*)+"
    r"(?:\s*[)\]])*\s*"
)
# The result right after such code: a relation and a number, bare, bold or in a cloze.
_RESULT_AFTER_CODE = lazy_regex(
    r"[ \t]*(?:=|\N{ALMOST EQUAL TO}|\N{RIGHTWARDS ARROW}|->)[ \t]*(?:\*\*|__|\{\{c\d+::)?-?\d"
)


def with_calculation_code(text: str, prose: str, start: int) -> str:
    """``prose`` with inline code put back where it states a calculation and its result;
    ``text`` is the file with its code blocks blanked (same length)."""
    if "`" not in text:
        return prose
    pieces, position = [], 0
    for match in _INLINE_CODE.finditer(text, start):
        code = match.group("code")
        if "==" in code:
            continue
        if not (
            _CLAIMED_RESULT_CODE.fullmatch(code)
            # or only the calculation is code, its result written after it in prose:
            # "`floor((16000 - 400) / 160) + 1` = 98 frames", "`1024 // 32` → {{c1::32}}"
            or (_CALCULATION_CODE.fullmatch(code) and _RESULT_AFTER_CODE.match(text, match.end()))
        ):
            continue
        ticks = " " * len(match.group("tick"))
        pieces += [prose[position : match.start()], ticks, code, ticks]
        position = match.end()
    pieces.append(prose[position:])
    return "".join(pieces)


# Code lines worth reading as prose: a number assigned to a name, or a comment with a number.
# "batch_size = 64", and a log's "  Num examples = 24,000" (Hugging Face's Trainer, Lightning)
_NUMBER_ASSIGNMENT = lazy_regex(
    r"^\s*[A-Za-z_][\w.]*(?:[ \t]+[\w.()&,/-]+){0,9}\s*[:=]\s*[\d_,.]+\s*(?:#.*)?$"
)
_NUMBERED_COMMENT = lazy_regex(r"#[^\n]*\d")
# Lines that state an epoch's sizes in code: ``DataLoader(data, batch_size=40)``,
# ``ds.batch(64, drop_remainder=True)``, ``TensorDataset(torch.randn(1000, 8))``.
_EPOCH_CODE = lazy_regex(
    r"\bbatch_size\s*=\s*\d|\.batch\(\s*(?:batch_size\s*=\s*)?\d|"
    r"\b(?:TensorDataset|from_tensor_slices)\(|\brange\(\s*\d|\brange\(\s*0\s*,\s*len\("
)
# A data set made of a tensor of N rows: its size, read as "dataset of N".
_TENSOR_DATASET = lazy_regex(
    r"\b(?:TensorDataset|(?:tf\.data\.)?(?:Dataset\.)?from_tensor_slices)\(\s*\(?\s*"
    r"(?:torch|np|numpy|tf|tf\.random)\.(?:randn|rand|zeros|ones|empty|normal|uniform)\(\s*\(?\s*"
    r"(?=\d[\d_]*\s*[,)])"
)
# Data made in code from a range of N numbers: ``rows = list(range(1000))``, ``np.arange(500)``.
_RANGE_DATASET = lazy_regex(
    r"(?<=[=(\[])\s*(?:list\(\s*)?(?:range|(?:np|numpy|torch)\.arange)\(\s*(?=\d[\d_]*\s*\))"
)
# A loop that slices the data into batches: ``for i in range(0, len(rows), 64)`` steps by the
# batch size.
_SLICING_LOOP = lazy_regex(r"\brange\(\s*0\s*,\s*len\(\s*[\w.]+\s*\)\s*,\s*(?=\d[\d_]*\s*\))")
# Names whose underscore the epoch rule reads: the last batch dropped for certain.
_KEPT_NAMES = lazy_regex(r"\bdrop_(?:last|remainder)\b")


def _with_code_lines(document: LintDocument) -> str:
    prose, text = arith_prose(document), document.text
    blocks = document.code_blocks
    if not blocks:
        return prose
    pieces, position = [], 0
    for block in blocks:
        for number, line in enumerate(block.code.split("\n")):
            if not (
                _NUMBER_ASSIGNMENT.match(line)
                or _NUMBERED_COMMENT.search(line)
                or _EPOCH_CODE.search(line)
            ):
                continue
            start = document.offset_of_line(block.first_line + number) + block.indent
            end = start + len(line)
            if start < position or text[start:end] != line:
                continue
            plain = _code_as_prose(line)
            pieces += [prose[position:start], plain]
            position = end
    pieces.append(prose[position:])
    return "".join(pieces)


def _words_before(line: str, pattern: re.Pattern[str], words: str) -> str:
    """``words`` written over each match of ``pattern``, reaching back over the code before
    it when the match is shorter (``DataLoader(range(1000)``: "range(" alone cannot hold
    "dataset of"), so the line keeps its length and every offset stays true."""
    for match in reversed(list(pattern.finditer(line))):
        start = max(0, min(match.start(), match.end() - len(words)))
        width = match.end() - start
        line = line[:start] + words[-width:].ljust(width) + line[match.end() :]
    return line


def _code_as_prose(line: str) -> str:
    """A code line as the epoch rule reads it (same length): ``batch_size`` as "batch size",
    a tensor data set or a range of N numbers as "dataset of N", the step of a loop that slices
    the data (``range(0, len(rows), 64)``) as "batch size 64", comments as text;
    ``drop_last`` kept whole."""
    line = _TENSOR_DATASET.sub(lambda match: "dataset of".ljust(len(match.group(0))), line)
    line = _words_before(line, _RANGE_DATASET, " dataset of")
    line = _SLICING_LOOP.sub(lambda match: "batch size".ljust(len(match.group(0))), line)
    kept = {match.start() for match in _KEPT_NAMES.finditer(line)}
    return "".join(
        " "
        if char == "#"
        or (
            char == "_"
            and 0 < i < len(line) - 1
            and line[i - 1].isalpha()
            and line[i + 1].isalpha()
            and i - 4 not in kept
        )
        else char
        for i, char in enumerate(line)
    )


def _code_block_spans(document: LintDocument) -> list[tuple[int, int]]:
    spans = []
    for block in document.code_blocks:
        first = document.offset_of_line(max(1, block.first_line - 1))
        last_line = block.first_line + block.code.count("\n") + 1
        spans.append((first, document.offset_of_line(last_line)))
    return spans


def _restore(document: LintDocument) -> str:
    prose, text = document.prose, document.text
    if "`" not in text[document.body_offset :]:
        return prose
    blocked = _code_block_spans(document)
    pieces, position = [], 0
    for match in _INLINE_CODE.finditer(text, document.body_offset):
        start, end = match.span("code")
        if any(low <= start < high for low, high in blocked):
            continue
        if not _QUANTITY_CODE.fullmatch(match.group("code").strip()):
            continue
        if prose[start:end].strip():
            continue  # not blanked as code: leave the prose as it is
        pieces += [prose[position:start], text[start:end]]
        position = end
    pieces.append(prose[position:])
    return "".join(pieces)


# Where one block of text ends and the next begins: a blank line, a list item or a heading.
_BLOCK_BREAK = lazy_regex(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+]|\d+[.)])[ \t])|\n(?=[ \t]*#)")


def text_blocks(prose: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each block of a prose view from ``start``: paragraphs, list items and
    headings, so that quantities of one block are not paired with those of another."""
    blocks = []
    for match in _BLOCK_BREAK.finditer(prose, start):
        blocks.append((start, match.start()))
        start = match.end()
    blocks.append((start, len(prose)))
    return blocks


# Thousands grouped with spaces, as in French or SI typesetting: "60 000", "1 281 167". The
# gaps may be ordinary, thin or no-break spaces. A number just before ("32 64 128") or just
# after makes it a list of numbers, and so do two powers of two ("64 128": layer widths).
_SPACED_THOUSANDS = lazy_regex(
    r"(?<![\w.,\-])(?<!\d[ \t\u00a0\u2009\u202f])(?P<head>[1-9]\d{0,2})"
    r"(?P<groups>(?:[ \u00a0\u2009\u202f]\d{3})+)(?![\w.,]|[ \t]\d|\.\d)"
)


# Thousands grouped with apostrophes, as Swiss writers and some keyboards do: "1'281'167",
# "25\u2019088". Never a quoted string's digits: the groups are whole ("'12'345'" is no number).
_APOSTROPHE_THOUSANDS = lazy_regex(
    r"(?<![\w.,'\u2019])[1-9]\d{0,2}(?:['\u2019]\d{3})+(?![\w'\u2019]|[.,]\d{3})"
)


def spaced_thousands(text: str) -> str:
    """Thousands grouped with spaces or apostrophes written with commas instead (same
    length)."""
    if re.search(r"\d['\u2019]\d{3}", text):
        text = _APOSTROPHE_THOUSANDS.sub(lambda m: re.sub("['\u2019]", ",", m.group(0)), text)
    if not re.search(r"\d[ \u00a0\u2009\u202f]\d{3}", text):
        return text
    return _SPACED_THOUSANDS.sub(_with_commas, text)


# Values a program printed, which a space separates and never groups: what follows an output
# marker at the start of a line or comment ("# -> 100 124", "Out: 100 124", ">>> "), and the
# elements of a printed array ("[100 124]", "[ 12 800]").
_PRINTED_BEFORE = lazy_regex(
    r"(?:^|\n)[ \t]*(?:#[ \t]*)?(?:->|\N{RIGHTWARDS ARROW}|=>|>>>|Out(?:\[\d*\])?:"
    r"|(?:prints?|outputs?)[ \t]*:?)[ \t]*$|\[[ \t]*$",
    re.I,
)
_PRINTED_AFTER = lazy_regex(r"[ \t]*\]")


def _printed(match: re.Match[str]) -> bool:
    """Whether the digits are values a program printed, not one number grouped by spaces."""
    text, start = match.string, match.start()
    line_start = text.rfind("\n", 0, start) + 1
    return (
        _PRINTED_BEFORE.search(text, line_start, start) is not None
        or _PRINTED_AFTER.match(text, match.end()) is not None
    )


def _with_commas(match: re.Match[str]) -> str:
    if _printed(match):
        return match.group(0)
    head, groups = match.group("head"), match.group("groups")
    parts = [head, *(groups[index + 1 : index + 4] for index in range(0, len(groups), 4))]
    if len(parts) == 2 and all(_power_of_two(int(part)) for part in parts):
        return match.group(0)
    return ",".join(parts)


def _power_of_two(value: int) -> bool:
    return value > 1 and value & (value - 1) == 0


# Thousands grouped by underscores, as Python writes them and authors who write from notebooks
# copy into prose: "50_000 pairs", "= 3_840 params". A number that is a call's argument
# ("Linear(768, 10_000)", "in_features=10_000)") stays as it is: commas there would split it
# into two arguments.
_UNDERSCORED_THOUSANDS = lazy_regex(
    r"(?<![\w.])(?<![(,][ \t])(?<![(,])\d{1,3}(?:_\d{3})+(?![\w.]|[ \t]*[,)])"
)


def underscored_thousands(text: str) -> str:
    """Thousands grouped with underscores written with commas instead (same length)."""
    if "_" not in text:
        return text
    return _UNDERSCORED_THOUSANDS.sub(lambda match: match.group(0).replace("_", ","), text)
