"""Readings of a result restated at another scale or for another quantity, under which a
calculation AG101 would report is right after all (the readings of ``arith.other_readings``
cover units with a prefix; these cover what they leave out):

- a result written with a bare scale after it, a letter, a word or a power of ten: "=
  3,949,461,504 ≈ 3.95 G", "≈ 1.2 T", "= 25.6 x 10⁹", "≈ 4.2e9" (the reading of the number
  drops a "G" or a "T" it does not know);
- a spaced "B" that counts bytes, not billions, in a note that sizes memory: "50,000,000 x
  128 x 4 B = 25.6 x 10⁹ B" (4 bytes a float, not 4 billion);
- a count of values stated with the number format they are stored in, restated as memory:
  "= 1,000,000 fp32 weights = 4,000,000 bytes";
- a calculation that goes on after words labelling an operand: "65,507 bytes = 65,535 - 8
  bytes UDP header - 20 bytes IP header" (the reading of the chain stops at the label).

Each reading needs what it reads written in the text, and accepts the result only when the
reading's value shows as the written digits; a result wrong under the reading is still
reported.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ankigen.lint.arith.expression import evaluate
from ankigen.lint.arith.other_readings import other_reading, units_of
from ankigen.lint.arith.unit_glosses import unit_gloss
from ankigen.lint.arith.unit_scales import seconds_in
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import Number, find_numbers

_SPACE = r"[ \t\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}\N{THIN SPACE}]*"
# A bare scale after a result: a letter (not the first of a unit: "3.95 GB" is a unit's
# prefix, read elsewhere), a word, or a power of ten.
_SUPERSCRIPT_POWER = r"[\N{SUPERSCRIPT MINUS}\u2070\u00b9\u00b2\u00b3\u2074-\u2079]{1,3}"
# In TeX the scale may stand spaced and in upright text: "1.4\\,\\text{T}", "1.4\\mathrm{T}".
_TEX_WRAP = r"(?:\\[,;:! ]|~)*(?:\\(?:text|mathrm|textrm|rm|mbox)\{)?"
_SCALE_AFTER = lazy_regex(
    _SPACE
    + r"(?:"
    + _TEX_WRAP
    + r"(?P<letter>[kKMGT]|bn)(?![\w-])"
    + r"|"
    + _TEX_WRAP
    + r"(?P<word>thousand|million|billion|trillion)\b"
    + r"|[x\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}]"
    + _SPACE
    + rf"10(?:\^\{{?(?P<caret>-?\d{{1,3}})\}}?|(?P<sup>{_SUPERSCRIPT_POWER}))(?![\d.])"
    + r"|[eE](?P<exp>[-+]?\d{1,3})(?![\d.]))"
)
_LETTERS = {
    "k": Fraction(10**3),
    "K": Fraction(10**3),
    "M": Fraction(10**6),
    "G": Fraction(10**9),
    "T": Fraction(10**12),
    "bn": Fraction(10**9),
}
_WORDS = {
    "thousand": Fraction(10**3),
    "million": Fraction(10**6),
    "billion": Fraction(10**9),
    "trillion": Fraction(10**12),
}
_SUPERSCRIPT_DIGITS = str.maketrans(
    "\N{SUPERSCRIPT MINUS}\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079",
    "-0123456789",
)
_APPROXIMATE = lazy_regex(
    r"\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|~|\\approx|\babout\b|\broughly\b"
    r"|\bapproximately\b|\baround\b|\bnearly\b"
)
# A relation between two steps of a chain, maybe hedged.
_RELATION = lazy_regex(
    _SPACE + r"(?:=|\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|~|\N{RIGHTWARDS ARROW}|=>"
    r"|-+>|,?" + _SPACE + r"i\.e\.,?|is|are)" + _SPACE + r"(?:~|\N{ALMOST EQUAL TO})?" + _SPACE
)


_AFTER_RELATION = lazy_regex(
    r"(?:=|\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|~|\N{RIGHTWARDS ARROW}|=>|-+>)"
    + _SPACE
    + r"(?:~|\N{ALMOST EQUAL TO}|about|roughly)?"
    + _SPACE
    + r"\Z"
)


def _is_step(text: str, number: Number) -> bool:
    """Whether ``number`` stands right after a relation: a step of a chain that states a
    value ("= 23.4M ≈ …"), not an operand of the calculation ("x 2 B = …")."""
    line_start = text.rfind("\n", 0, number.start) + 1
    return _AFTER_RELATION.search(text, line_start, number.start) is not None


def _digits(number: Number) -> tuple[Fraction, Fraction]:
    """A number's value and last-digit unit as its digits stand, without a scale it carries
    ("4 B" is 4, not 4 billion; "100 M" is 100)."""
    written = re.match(r"[-\N{MINUS SIGN}]?[\d,.]*\d", number.text)
    if written is None:
        return number.value, number.ulp
    plain = written.group(0).replace(",", "").replace("\N{MINUS SIGN}", "-")
    try:
        value = Fraction(plain)
    except ValueError:
        return number.value, number.ulp
    if value == 0 or value == number.value:
        return number.value, number.ulp
    return value, number.ulp * value / number.value


def _shows(value: Fraction, shown: Fraction, ulp: Fraction, approx: bool) -> bool:
    """Whether ``value`` is written ``shown`` to a last digit worth ``ulp``: rounded, cut,
    after a hedge also one unit of the last digit away."""
    if shown <= value < shown + ulp:
        return True
    return abs(value - shown) <= (ulp if approx else ulp / 2)


def _claimed_number(text: str, start: int, end: int, claimed: Fraction) -> Number | None:
    """The number in ``text[start:end]`` that states the claimed result (the last of its
    value, as read or as its digits stand)."""
    for number in reversed(list(find_numbers(text, start, end))):
        if claimed in (number.value, _digits(number)[0]):
            return number
    return None


def _approx_before(text: str, start: int, number: Number) -> bool:
    numbers = [n.end for n in find_numbers(text, start, number.start)]
    since = numbers[-1] if numbers else start
    return _APPROXIMATE.search(text, since, number.start) is not None


def _scale_of(match: re.Match[str]) -> list[Fraction]:
    if match.group("letter"):
        letter = match.group("letter")
        scales = [_LETTERS[letter]]
        if letter in "kKMGT":  # "64k" entries of a 2^16 vocabulary, "16 G" of 2^34 bytes
            scales.append(Fraction(1024) ** ("kMGT".index(letter.replace("K", "k")) + 1))
        return scales
    if match.group("word"):
        return [_WORDS[match.group("word")]]
    power = match.group("caret") or match.group("exp")
    if power is None:
        power = match.group("sup").translate(_SUPERSCRIPT_DIGITS)
    return [Fraction(10) ** int(power)]


def scaled_after(text: str, start: int, end: int, value: Fraction, claimed: Fraction) -> bool:
    """ "= 3,949,461,504 ≈ 3.95 G", "= 25.6 x 10⁹": the claimed digits times the scale
    written right after them show the value (or the step of the chain before them)."""
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return False
    after = _SCALE_AFTER.match(text, number.end)
    if after is None:
        return False
    digits, ulp = _digits(number)
    approx = _approx_before(text, start, number)
    targets = [value]
    before = list(find_numbers(text, start, number.start))
    if before and _RELATION.fullmatch(text, before[-1].end, number.start):
        targets.append(before[-1].value)  # "= 3,949,461,504 ≈ 3.95 G": the step before
    return any(
        _shows(target, digits * scale, ulp * scale, approx)
        for scale in _scale_of(after)
        for target in targets
    )


# A byte unit or a number format: the note sizes memory, and a spaced "B" is bytes.
_MEMORY = lazy_regex(
    r"\b(?:[KMGTP]i?B|bytes?|fp(?:8|16|32|64)|float(?:16|32|64)|bf16|int(?:4|8|16|32))\b"
)
_SPACED_B = lazy_regex(r"(?<=\d)[ \t]+B\b")
# What may follow a result and its power of ten before its own "B": "= 25.6 x 10⁹ B".
_B_AFTER_RESULT = lazy_regex(r"[^=\n]{0,12}?\d[ \t]+B\b")


def spaced_bytes(
    text: str, span: tuple[int, int], expression: str, claimed: Fraction, approx: bool
) -> bool:
    """ "50,000,000 x 128 x 4 B = 25.6 x 10⁹ B": in a note that sizes memory, or where the
    result carries the "B" too, a spaced "B" is bytes; the calculation read that way gives
    the result."""
    if _SPACED_B.search(expression) is None:
        return False
    line_end = text.find("\n", span[1])
    after = text[span[1] : len(text) if line_end < 0 else line_end]
    if _MEMORY.search(text) is None and _B_AFTER_RESULT.match(after) is None:
        return False
    value = evaluate(_SPACED_B.sub("", expression))
    if value is None or value == 0:
        return False
    ulp = Fraction(1, 10**6) * abs(claimed) if approx else Fraction(0)
    return abs(value - claimed) <= ulp or value == claimed


# Bytes a value takes in a number format: "1,000,000 fp32 weights = 4,000,000 bytes".
_FORMATS = (
    (Fraction(8), r"fp64|float64|f64|double"),
    (Fraction(4), r"fp32|float32|f32|int32|single[ -]precision"),
    (Fraction(2), r"fp16|bf16|float16|bfloat16|f16|int16|half[ -]precision"),
    (Fraction(1), r"int8|uint8|fp8"),
)
_DATA_UNITS = {
    **dict.fromkeys(("bytes", "byte", "B"), (Fraction(1),)),
    **dict.fromkeys(("KB", "kB"), (Fraction(10**3), Fraction(2**10))),
    "MB": (Fraction(10**6), Fraction(2**20)),
    "GB": (Fraction(10**9), Fraction(2**30)),
    "KiB": (Fraction(2**10),),
    "MiB": (Fraction(2**20),),
    "GiB": (Fraction(2**30),),
}


def format_size(words: str) -> Fraction | None:
    """The bytes a value takes in the number format ``words`` name ("fp32 weights": 4)."""
    sizes = [
        size for size, names in _FORMATS if re.search(rf"\b(?:{names})\b", words, re.IGNORECASE)
    ]
    return sizes[0] if len(sizes) == 1 else None


# Up to three words between a counted step and its relation: "fp32 weights", "values".
_COUNTED = lazy_regex(r"(?P<words>(?:" + _SPACE + r"[A-Za-z][\w-]*){1,3})")
_UNIT = lazy_regex(_SPACE + r"(?P<unit>[A-Za-z]+)\b")


def stored_count(text: str, span: tuple[int, int], claimed: Fraction) -> bool:
    """ "= 1,000,000 fp32 weights = 4,000,000 bytes", "≈ 23.4M ≈ 89 MiB in fp32": a count of
    values restated as the memory they take in the number format the step or its line
    names."""
    start, end = span
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return False
    unit = _UNIT.match(text, number.end)
    if unit is None or unit.group("unit") not in _DATA_UNITS:
        return False
    before = list(find_numbers(text, start, number.start))
    if not before:
        return False
    previous = before[-1]
    if not _is_step(text, previous):
        return False  # "7 x 10⁹ x 2 B = 28 GB": the count is an operand, its bytes counted
    counted = _COUNTED.match(text, previous.end)
    words_end = counted.end() if counted is not None else previous.end
    if not _RELATION.fullmatch(text, words_end, number.start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", number.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    size = format_size(counted.group("words") if counted is not None else "") or format_size(line)
    if size is None:
        return False
    approx = _approx_before(text, start, number)
    return any(
        _shows(previous.value * size / target, number.value, number.ulp, approx)
        for target in _DATA_UNITS[unit.group("unit")]
    )


# A unit with a decimal prefix after a result: "256 kbit/s", "3.2 Mpx", "12 GB".
_PREFIXED = lazy_regex(_SPACE + r"(?P<prefix>[kKMGT])(?P<base>[a-z]{2,}|[A-Z][a-z]*)\b")
_PREFIXES = {"k": 10**3, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}


def prefixed_base(text: str, span: tuple[int, int], value: Fraction, claimed: Fraction) -> bool:
    """ "16,000 Hz x 16 bit = 256 kbit/s": the result in a prefixed unit whose base unit an
    operand of the calculation is counted in."""
    start, end = span
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return False
    unit = _PREFIXED.match(text, number.end)
    if unit is None:
        return False
    base = re.escape(unit.group("base"))
    if not re.search(rf"\d{_SPACE}{base}s?\b", text[start : number.start]):
        return False
    scale = _PREFIXES[unit.group("prefix")]
    approx = _approx_before(text, start, number)
    return _shows(value / scale, number.value, number.ulp, approx)


# A unit of time with a head word: "GPU-days", "GPU hours", "node-hours".
_HEADED_TIME = lazy_regex(_SPACE + r"(?P<head>[A-Za-z]+)[- ](?P<unit>[A-Za-z]+)\b")


def headed_time(text: str, span: tuple[int, int], claimed: Fraction) -> bool:
    """ "= 3,584 GPU-days ≈ 86k GPU-hours": the step before in another unit of time under
    the same head word."""
    start, end = span
    number = _claimed_number(text, start, end, claimed)
    before = list(find_numbers(text, start, number.start)) if number is not None else []
    if number is None or not before:
        return False
    target = _HEADED_TIME.match(text, number.end)
    source = _HEADED_TIME.match(text, before[-1].end)
    if target is None or source is None or source.group("head") != target.group("head"):
        return False
    if not _RELATION.fullmatch(text, source.end(), number.start):
        return False
    to, of = seconds_in(target.group("unit")), seconds_in(source.group("unit"))
    if to is None or of is None or to == of:
        return False
    shown, ulp = _digits(number)
    scale = number.value / shown if shown else Fraction(1)  # "86k": the scale letter
    approx = _approx_before(text, start, number)
    return _shows(before[-1].value * of / to, number.value, ulp * scale, approx)


# What goes on after a calculation: words that label its last operand, then an operator and
# a number ("- 8 bytes UDP header - 20 bytes IP header").
_GOES_ON = lazy_regex(
    r"(?:"
    + _SPACE
    + r"[A-Za-z][\w-]*){0,4}"
    + _SPACE
    + r"(?P<sign>[-+\N{MINUS SIGN}\N{EN DASH}])"
    + _SPACE
    + r"(?P<number>\d[\d,]*(?:\.\d+)?)(?![\d.,]*[\d%])"
)
_MOST_TERMS = 4


def goes_on(text: str, end: int, expression: str, claimed: Fraction) -> bool:
    """ "65,507 bytes = 65,535 - 8 bytes UDP header - 20 bytes IP header": a sum whose terms
    words label goes on past the label the reading stopped at; the whole sum is the result."""
    if any(sign in expression for sign in ("/", "\N{MULTIPLICATION SIGN}", "^", "(")):
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    position, extended = end, expression
    for _ in range(_MOST_TERMS):
        match = _GOES_ON.match(text, position, line_end)
        if match is None:
            break
        sign = "+" if match.group("sign") == "+" else "-"
        extended = f"{extended} {sign} {match.group('number')}"
        position = match.end()
        if evaluate(extended) == claimed:
            return True
    return False


def restated_reading(
    text: str, start: int, end: int, value: Fraction, claimed: Fraction, expression: str
) -> str | None:
    """The reading of this module under which the calculation in ``text[start:end]`` is
    right, or None."""
    number = _claimed_number(text, start, end, claimed)
    approx = number is not None and _approx_before(text, start, number)
    if scaled_after(text, start, end, value, claimed):
        return "a result with its scale after it"
    if spaced_bytes(text, (start, end), expression, claimed, approx):
        return "a spaced B counting bytes"
    if stored_count(text, (start, end), claimed):
        return "a count of values restated as memory"
    if goes_on(text, end, expression, claimed):
        return "a sum that goes on after a label"
    if prefixed_base(text, (start, end), value, claimed):
        return "a result in a prefixed unit of an operand's"
    if headed_time(text, (start, end), claimed):
        return "a step in another unit of time"
    if converted_measure(text, start, end, value, claimed):
        return "a volume or an area in another unit"
    if unit_gloss(text, start, end, value):
        return "a bracket that gives the size of the unit before it"
    return None


# Units of volume and area in millilitres and square millimetres: "76.8 mm³ ≈ 0.077 mL".
_VOLUMES = {
    **dict.fromkeys(("mm³", "mm^3", "µL", "μL", "uL", "µl", "μl", "ul"), Fraction(1, 1000)),
    **dict.fromkeys(("cm³", "cm^3", "cc", "mL", "ml"), Fraction(1)),
    **dict.fromkeys(("dL", "dl"), Fraction(100)),
    **dict.fromkeys(("L", "l"), Fraction(1000)),
    **dict.fromkeys(("m³", "m^3"), Fraction(10**6)),
}
_AREAS = {
    **dict.fromkeys(("mm²", "mm^2"), Fraction(1)),
    **dict.fromkeys(("cm²", "cm^2"), Fraction(100)),
    **dict.fromkeys(("m²", "m^2"), Fraction(10**6)),
}
_MEASURE_AFTER = lazy_regex(
    _SPACE + r"(?P<unit>[A-Za-z\N{MICRO SIGN}\N{GREEK SMALL LETTER MU}]{1,2}"
    r"(?:[\N{SUPERSCRIPT TWO}\N{SUPERSCRIPT THREE}]|\^[23])?)(?![\w-])"
)


def _measure(text: str, end: int) -> tuple[dict[str, Fraction], Fraction] | None:
    """The table and size of a unit of volume or area written at ``end``."""
    match = _MEASURE_AFTER.match(text, end)
    if match is None:
        return None
    unit = match.group("unit")
    for table in (_VOLUMES, _AREAS):
        if unit in table:
            return table, table[unit]
    return None


def converted_measure(text: str, start: int, end: int, value: Fraction, claimed: Fraction) -> bool:
    """ "120 x 0.8 x 0.8 x 1.0 mm³ = 76.8 mm³ ≈ 0.077 mL": a volume or an area shown in
    another unit of its kind, converted from the step before or from the calculation's."""
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return False
    target = _measure(text, number.end)
    if target is None:
        return False
    table, size = target
    approx = _approx_before(text, start, number)
    for found in find_numbers(text, start, number.start):
        source = _measure(text, found.end)
        if source is None or source[0] is not table or source[1] == size:
            continue
        scale = source[1] / size
        for amount in (found.value, value):
            if _shows(amount * scale, number.value, number.ulp, approx):
                return True
    return False


# LaTeX around units and numbers, as the readings above want plain text: "\text{ MB}",
# "73{,}728", "\approx".
_LATEX_PIECES = lazy_regex(
    r"(?P<drop>\\(?:text|mathrm|textrm|mbox|operatorname|rm)[ \t]*\{|[{}$])"
    r"|(?P<comma>\{,\})|(?P<space>\\[,;:! ]|~)"
    r"|(?P<approx>\\approx\b)|(?P<times>\\times\b)|(?P<cdot>\\cdot\b)"
)
_LATEX_SYMBOLS = {
    "comma": ",",
    "space": " ",
    "approx": "\N{ALMOST EQUAL TO}",
    "times": "\N{MULTIPLICATION SIGN}",
    "cdot": "\N{MIDDLE DOT}",
    "drop": "",
}


def plain_math(text: str) -> tuple[str, list[int]]:
    """``text`` with the LaTeX of units and numbers made plain, and where each of its
    offsets (and its end) lands in the plain text."""
    plain: list[str] = []
    where: list[int] = []
    length = 0
    position = 0
    for match in _LATEX_PIECES.finditer(text):
        for _ in range(position, match.start()):
            where.append(length)
            length += 1
        plain.append(text[position : match.start()])
        replacement = _LATEX_SYMBOLS[match.lastgroup or "drop"]
        where.extend([length] * (match.end() - match.start()))
        plain.append(replacement)
        length += len(replacement)
        position = match.end()
    for _ in range(position, len(text) + 1):
        where.append(length)
        length += 1
    plain.append(text[position:])
    return "".join(plain), where


def plain_math_reading(
    text: str, start: int, end: int, value: Fraction, claimed: Fraction, expression: str
) -> str | None:
    """The reading of this module on the claim's line with its LaTeX made plain: "73{,}728
    \\text{ weights} \\approx 0.29\\ \\text{MB (fp32)}"."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if "\\" not in line and "{" not in line:
        return None
    plain, where = plain_math(line)
    span = (where[start - line_start], where[end - line_start])
    return other_reading(plain, *span, value, claimed, expression) or restated_reading(
        plain, *span, value, claimed, expression
    )


# A unit right after a number: letters, maybe a rate ("MB/s").
_UNIT_WORD = lazy_regex(_SPACE + r"(?P<unit>[A-Za-z\N{MICRO SIGN}]+(?:/[A-Za-z]+)?)(?![\w-])")


def _kinds(unit: str) -> set[str]:
    return {found.dimension for found in units_of(unit)}


def another_quantity(text: str, span: tuple[int, int], claimed: Fraction) -> bool:
    """Whether a result in a unit of one kind (time, memory, operations) follows a step that
    states the calculation's value, where neither the step nor the calculation writes a unit
    of that kind: "= 98 frames ≈ 0.98 s", "= 1,000,000 weights = 4 MB", "= 590,080 ≈ 0.59 M
    ≈ 2.36 MB". The result restates the value for another quantity by a factor the note
    does not write (seconds a frame, bytes a weight): it is no value of the calculation for
    sure, and a finding on it is a warning. A number format on the line sizes values surely
    ("≈ 98 MiB in fp32")."""
    start, end = span
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return False
    unit = _UNIT_WORD.match(text, number.end)
    wanted = _kinds(unit.group("unit")) if unit is not None else set()
    before = list(find_numbers(text, start, number.start))
    if not wanted or not before:
        return False
    if not _is_step(text, before[-1]):
        return False  # the number before is an operand: the result is the calculation's
    step = _COUNTED.match(text, before[-1].end)
    if not _RELATION.fullmatch(text, step.end() if step else before[-1].end, number.start):
        return False  # the number before is an operand, not a step that states the value
    for found in before:
        written = _UNIT_WORD.match(text, found.end)
        kinds = _kinds(written.group("unit")) if written is not None else set()
        if found.text.endswith(" B"):
            kinds.add("data")  # "16 B": bytes
        if wanted & kinds:
            return False  # the chain counts in a unit of the result's kind: a sure conversion
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", number.end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return not ("data" in wanted and format_size(line) is not None)


# A size in bytes after a result: "= 4.56 GB", "≈ 39 MiB".
_BYTE_UNIT_AFTER = lazy_regex(_SPACE + r"(?P<unit>[kKMGTP]i?B)\b")
_BYTE_PREFIXES = "KMGTP"
# What says a calculation counts bytes: a byte unit, maybe per something ("16 B/param").
_COUNTS_BYTES = lazy_regex(r"\d[ \t]*(?:B|bytes?)(?:/[A-Za-z]+)?(?![\w-])")


def result_scale(text: str, start: int, end: int, claimed: Fraction) -> tuple[Fraction, str] | None:
    """The scale a result is written in, for a message that shows the right value in it:
    "= 1.5\\,\\text{T}" (10^12, "T"), "= 4.56 GB" after bytes counted as "16 B/param" (10^9,
    "GB"). None when the result carries no scale the calculation does not."""
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return None
    claimed_end = number.end
    after = _SCALE_AFTER.match(text, claimed_end)
    if after is not None and (after.group("letter") or after.group("word")):
        name = after.group("letter") or after.group("word")
        return _scale_of(after)[0], name
    unit = _BYTE_UNIT_AFTER.match(text, claimed_end)
    if unit is None or _COUNTS_BYTES.search(text, start, claimed_end) is None:
        return None
    name = unit.group("unit")
    power = _BYTE_PREFIXES.index(name[0].upper()) + 1
    size = Fraction(1024) ** power if name[1] == "i" else Fraction(1000) ** power
    return size, name
