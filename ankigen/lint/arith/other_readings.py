"""Readings under which a calculation that AG101 would report is right after all.

Authors in many fields write a correct calculation in ways the plain reading gets wrong:

- a result shown in another unit, often as a step of a chain: "= 17,280,000 B ≈ 16.5 MiB",
  "= 2,073,600 pixels ≈ 2.07 MP", "= 358.4 mm ≈ 36 cm", "= 23,040 kbit = 2.88 MB",
  "= 20,000 s ≈ 5.6 h", "≈ 1.01e9 s ≈ 32 years", "≈ 231M MACs ≈ 462 MFLOPs",
  "300 aa x 110 Da ≈ 33 kDa";
- units of one kind that cancel with their prefixes: "10 s / 20 ms = 500 frames",
  "10M x 150 bp / 3 Mb = 500x";
- a binary scale letter: "2^16 = 65,536, i.e. 64k";
- a growth factor shown as a signed change: "1.05^10 ≈ 1.629, i.e. +62.9 %",
  "90 / 120 = 0.75, i.e. -25 %";
- thousands grouped with a dot (European notation): "1.024 / 32 = 32";
- a result written in binary: "6 + 3 = 1001";
- a whole quotient where the note names integer division ("In Java, 7 / 2 = 3") or gives the
  remainder ("13 ÷ 2 = 6 r 1");
- the upper end of a range after its lower end: "2⁷ - 1, i.e. -128 to 127";
- a number that starts a new clause: "5 x 2³ = 40, i.e. 101 becomes 101000";
- a share for each of a few parts: "100 - 95 = 5 %, i.e. 2.5 % on each side".

Each reading is tried only when the text writes what it needs (a unit after the result and
one in the calculation or the step before, a scale letter, a sign or a word of change, a dot
before exactly three digits, only the digits 0 and 1, a range), so a result that is wrong
under every reading is still reported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from ankigen.lint.arith.expression import evaluate
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import Number, find_numbers

_YEAR = Fraction(365 * 86400)
_DECIMAL = {
    prefix: Fraction(scale)
    for prefix, scale in (
        ("k", 10**3),
        ("K", 10**3),
        ("M", 10**6),
        ("G", 10**9),
        ("T", 10**12),
        ("P", 10**15),
    )
}
_BINARY = {prefix: Fraction(2**power) for prefix, power in (("Ki", 10), ("Mi", 20), ("Gi", 30))}
_BINARY |= {"Ti": Fraction(2**40), "Pi": Fraction(2**50)}
_SMALL = {
    "m": Fraction(1, 10**3),
    "\N{MICRO SIGN}": Fraction(1, 10**6),
    "\N{GREEK SMALL LETTER MU}": Fraction(1, 10**6),
    "u": Fraction(1, 10**6),
    "n": Fraction(1, 10**9),
    "c": Fraction(1, 100),
}
# The dimensions a unit below 1 exists in: no one writes millibytes.
_SMALL_DIMENSIONS = frozenset({"time", "length"})

# Units without a prefix: their dimension and their size in the dimension's base unit.
_BASES: dict[str, tuple[str, Fraction]] = {
    **dict.fromkeys(("B", "byte", "bytes"), ("data", Fraction(8))),
    **dict.fromkeys(("b", "bit", "bits"), ("data", Fraction(1))),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), ("time", Fraction(1))),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), ("time", Fraction(60))),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), ("time", Fraction(3600))),
    **dict.fromkeys(("day", "days"), ("time", Fraction(86400))),
    **dict.fromkeys(("week", "weeks"), ("time", Fraction(7 * 86400))),
    **dict.fromkeys(("year", "years", "yr", "yrs"), ("time", _YEAR)),
    **dict.fromkeys(("m", "metre", "metres", "meter", "meters"), ("length", Fraction(1))),
    **dict.fromkeys(("Hz",), ("frequency", Fraction(1))),
    **dict.fromkeys(("FLOP", "FLOPs", "FLOPS", "flop", "flops"), ("operations", Fraction(1))),
    # a multiply-accumulate is two floating-point operations
    **dict.fromkeys(("MAC", "MACs", "MACS", "mac", "macs"), ("operations", Fraction(2))),
    **dict.fromkeys(("px", "pixel", "pixels", "P", "pix"), ("pixels", Fraction(1))),
    **dict.fromkeys(("Wh",), ("energy", Fraction(1))),
    **dict.fromkeys(("bp", "nt", "base", "bases"), ("bases", Fraction(1))),
}
# Prefixed units whose letters would otherwise be read some other way.
_WHOLE: dict[str, tuple[str, Fraction]] = {
    **dict.fromkeys(("MP", "Mpx", "megapixel", "megapixels"), ("pixels", Fraction(10**6))),
    "ms": ("time", Fraction(1, 1000)),
    "mm": ("length", Fraction(1, 1000)),
    "cm": ("length", Fraction(1, 100)),
    "km": ("length", Fraction(1000)),
}
# Byte units as other languages and spelled-out names write them, read as the symbol they
# name: French "o", "Mo", "Mio", "octets"; Russian "байт", "МБ", "МиБ"; "gibibytes".
_BYTE_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "o",
            "octet",
            "octets",
            "\u0431\u0430\u0439\u0442",
            "\u0431\u0430\u0439\u0442\u0430",
            "\u0431\u0430\u0439\u0442\u043e\u0432",
            "\u0411",
        ),
        "B",
    ),
    **{f"{prefix}o": f"{prefix}B" for prefix in ("k", "K", "M", "G", "T", "P")},
    **{f"{prefix}io": f"{prefix}iB" for prefix in "KMGTP"},
    **{
        f"{name}{plural}": f"{symbol}B"
        for name, symbol in (
            ("kilobyte", "k"),
            ("megabyte", "M"),
            ("gigabyte", "G"),
            ("terabyte", "T"),
            ("petabyte", "P"),
            ("kibibyte", "Ki"),
            ("mebibyte", "Mi"),
            ("gibibyte", "Gi"),
            ("tebibyte", "Ti"),
            ("pebibyte", "Pi"),
        )
        for plural in ("", "s")
    },
    **{
        f"{cyrillic}\u0411": f"{latin}B"
        for cyrillic, latin in (
            ("\u041a", "k"),
            ("\u041c", "M"),
            ("\u0413", "G"),
            ("\u0422", "T"),
            ("\u041a\u0438", "Ki"),
            ("\u041c\u0438", "Mi"),
            ("\u0413\u0438", "Gi"),
            ("\u0422\u0438", "Ti"),
        )
    },
}
# A unit right after a number: letters (µ and μ too, Cyrillic ones), maybe a rate ("MB/s",
# "kbit/s").
_UNIT_AFTER = lazy_regex(
    r"[ \t\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}]*(?P<unit>[A-Za-z\N{MICRO SIGN}"
    r"\N{GREEK SMALL LETTER MU}\u0400-\u04ff]+(?:/[A-Za-z]+)?)(?![\w-])"
)
# What stands between one step of a chain and the next: a relation, maybe a hedge.
_RELATION = lazy_regex(
    r"[ \t]*(?:=|\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|~|\N{RIGHTWARDS ARROW}"
    r"|\N{RIGHTWARDS DOUBLE ARROW}|=>|-+>|,?[ \t]*i\.e\.,?|,?[ \t]*or|,?[ \t]*so|is|are"
    r"|makes|gives)[ \t]*(?:about|roughly|approximately|around|nearly|~"
    r"|\N{ALMOST EQUAL TO})?[ \t]*"
)
_APPROXIMATE = lazy_regex(
    r"\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|~|about|roughly|approximately|around"
)
# Thousands grouped with dots (European): "1.024", "50.000", "1.000.000".
_DOTTED = lazy_regex(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
_BINARY_SCALE = lazy_regex(r"(?<=\d)[ \t]*(?P<letter>[kKMG])$")
_SIGN = lazy_regex(r"[-+\N{MINUS SIGN}][ \t]*\Z")
_CHANGE_WORDS = lazy_regex(
    r"[ \t]*(?:%|percent|per cent)?[ \t]*(?:points?[ \t]+)?(?:more|less|fewer|higher|lower"
    r"|larger|smaller|faster|slower|growth|increase|decrease|drop|gain|loss|up|down|better"
    r"|worse|reduction|improvement|cheaper|dearer)\b",
    re.IGNORECASE,
)
_BINARY_DIGITS = lazy_regex(r"[01]{3,}")
# "…, i.e. 101 becomes 101000": the number after the relation is the subject of a new clause.
_CLAUSE_VERB = lazy_regex(
    r"[ \t]+(?:becomes?|turns[ \t]+into|changes[ \t]+to|goes[ \t]+to|maps[ \t]+to|shifts"
    r"|moves|grows|rises|falls|drops)\b",
    re.IGNORECASE,
)
# "… i.e. -128 to 127": the number after the claimed one ends a range.
_RANGE_END = lazy_regex(r"[ \t]*(?:to|\N{EN DASH}|-|and)[ \t]*(?P<sign>[-\N{MINUS SIGN}])?")


_SPACED_B = lazy_regex(r"[ \t]+B\Z")


# A power of ten after a number's times sign: "3.5 x 10⁹", "28 x 10^9", "5.88\\times10^{23}".
_TIMES_TEN = lazy_regex(
    r"[ \t]*(?:[x\N{MULTIPLICATION SIGN}*\N{MIDDLE DOT}]|\\times|\\cdot)[ \t]*10(?:\^\{?"
    r"(?P<caret>-?\d{1,3})\}?|(?P<sup>\N{SUPERSCRIPT MINUS}?[\u2070\u00b9\u00b2\u00b3"
    r"\u2074-\u2079]{1,3}))(?![\d.])"
)
_SUPERSCRIPT_DIGITS = str.maketrans(
    "\N{SUPERSCRIPT MINUS}\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079",
    "-0123456789",
)


def _scientific(text: str, numbers: list[Number], end: int) -> list[Number]:
    """ "28 x 10⁹ bits = 3.5 x 10⁹ B": a number times a power of ten is one number, so that
    the unit after the power is its unit and the step it states can be compared."""
    found: list[Number] = []
    skip_until = -1
    for number in numbers:
        if number.start < skip_until:
            continue  # the ten or the exponent of the power before
        power = _TIMES_TEN.match(text, number.end, end)
        if power is None:
            found.append(number)
            continue
        exponent = int(power.group("caret") or power.group("sup").translate(_SUPERSCRIPT_DIGITS))
        scale = Fraction(10) ** exponent
        written = text[number.start : power.end()]
        found.append(
            Number(number.start, power.end(), written, number.value * scale, number.ulp * scale)
        )
        skip_until = power.end()
    return found


def _numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """The numbers of ``text[start:end]``; a spaced "B" is bytes after them ("134,217,728 B"),
    not billions, since every number here stands before a unit or in a calculation of them."""
    found = []
    for number in _scientific(
        text, list(find_numbers(text, start, end)), len(text) if end is None else end
    ):
        spaced = _SPACED_B.search(number.text)
        if spaced is not None:
            written = number.text[: spaced.start()]
            billion = Fraction(10**9)
            number = Number(
                number.start,
                number.start + len(written),
                written,
                number.value / billion,
                number.ulp / billion,
            )
        found.append(number)
    return found


@dataclass(frozen=True)
class Unit:
    dimension: str
    size: Fraction  # in the dimension's base unit
    per: Fraction | None = None  # the time unit of a rate ("MB/s": 1 s), None for an amount
    # of "GB" read as 10^9 (False) or 2^30 (True) bytes: one note keeps to one convention
    binary: bool | None = None


def units_of(word: str) -> list[Unit]:
    """Every reading of a unit as written ("GB" is 10^9 or 2^30 bytes, "kb" kilobits,
    kilobytes or kilobases); empty for a word that is no unit this module knows."""
    per: Fraction | None = None
    if "/" in word:
        word, denominator = word.split("/", 1)
        time = [unit for unit in _plain_units(denominator) if unit.dimension == "time"]
        if len(time) != 1:
            return []
        per = time[0].size
    elif word.endswith("ps") and word[-3:-2] == "b":  # "Mbps": megabits a second
        word, per = word[:-2] + "it", Fraction(1)
    return [Unit(unit.dimension, unit.size, per, unit.binary) for unit in _plain_units(word)]


def _plain_units(word: str) -> list[Unit]:
    word = _BYTE_ALIASES.get(word, word)
    if word in _WHOLE:
        return [Unit(*_WHOLE[word])]
    found = [Unit(*_BASES[word])] if word in _BASES else []
    for prefixes in (_BINARY, _DECIMAL, _SMALL):
        for prefix, scale in prefixes.items():
            base = word[len(prefix) :]
            if not word.startswith(prefix) or base not in _BASES or base == "m":
                continue
            dimension, size = _BASES[base]
            if prefixes is _SMALL and dimension not in _SMALL_DIMENSIONS:
                continue
            if prefixes is _DECIMAL and dimension == "data":  # "GB" is often written for GiB
                found.append(Unit(dimension, size * scale, binary=False))
                found.append(Unit(dimension, size * _BINARY[prefix.upper() + "i"], binary=True))
            else:
                found.append(Unit(dimension, size * scale))
            if base == "b":  # "kb" may be kilobytes, "Gb" gigabases of a genome
                found += [Unit(dimension, 8 * scale), Unit("bases", scale)]
    if word.lower() != word and not found:  # "MB" as the tokens hold it: "mb"
        return _plain_units(word.lower())
    return found


def _unit_after(text: str, end: int) -> str | None:
    match = _UNIT_AFTER.match(text, end)
    return match.group("unit") if match else None


def _scales(source: str | None, target: str) -> list[Fraction]:
    """The factors from a value in ``source`` (a count when None) to one in ``target``."""
    targets = units_of(target)
    if source is not None and source.lower() == target.lower():
        return []  # one unit read two ways ("GB" as 10^9 and 2^30 bytes) is no conversion
    if source is None:  # "4000 x 3000 = 12 MP": a count in millions
        return [1 / t.size for t in targets if t.size >= 1000 and t.per is None]
    known = [
        (s.size / (s.per or 1)) / (t.size / (t.per or 1))
        for s in units_of(source)
        for t in targets
        if s.dimension == t.dimension
        and (s.per is None) == (t.per is None)
        and (s.size, s.per) != (t.size, t.per)
        and (None in (s.binary, t.binary) or s.binary == t.binary)
    ]
    return known or _prefixed(source, target)


def _base_word(word: str) -> bool:
    return 0 < len(word) <= 4 and word.isalpha()


def _prefixed(source: str, target: str) -> list[Fraction]:
    """ "Da" to "kDa", "mg" to "g": a unit this module does not know, with an SI prefix on
    one side or both."""
    prefixes = {**_DECIMAL, **_SMALL}
    for prefix, scale in prefixes.items():
        if target == prefix + source and _base_word(source):
            return [1 / scale]
        if source == prefix + target and _base_word(target):
            return [scale]
    for first, first_scale in prefixes.items():
        base = source[len(first) :]
        if not source.startswith(first) or not _base_word(base):
            continue
        for second, second_scale in prefixes.items():
            if first != second and target == second + base:
                return [first_scale / second_scale]
    return []


def _near(value: Fraction, claimed: Fraction, ulp: Fraction, slack: Fraction, approx: bool) -> bool:
    """Whether ``value`` shows as ``claimed`` at its written digits, rounded or cut off (after
    "≈" also one unit of the last digit away), give or take ``slack`` from a rounded step."""
    if claimed <= value < claimed + ulp:
        return True
    return abs(value - claimed) <= (ulp if approx else ulp / 2) + slack


def _ulp_of(number: Number, value: Fraction) -> Fraction:
    return number.ulp * (value / number.value) if number.value else number.ulp


def _with_binary_scale(number: Number) -> list[Fraction]:
    """The number's value and, where a scale letter ends it ("64k", "16 M"), its value with
    the letter read as a power of 1,024: "64k" entries of a 2^16 vocabulary."""
    values = [number.value]
    match = _BINARY_SCALE.search(number.text)
    if match is not None:
        power = "kMG".index(match.group("letter").replace("K", "k")) + 1
        values.append(number.value * Fraction(1024**power, 1000**power))
    return values


@dataclass(frozen=True)
class _Claimed:
    """A reported calculation: the text around it, its value and the number it claims."""

    text: str
    start: int  # the calculation's first character
    number: Number  # the claimed result as written (without its sign)
    value: Fraction
    claimed: Fraction
    expression: str

    @property
    def approx(self) -> bool:
        """Whether the result is claimed approximately ("≈ 16.5 MiB", "about 33 kDa")."""
        before = [n.end for n in _numbers(self.text, self.start, self.number.start)]
        since = before[-1] if before else self.start
        return _APPROXIMATE.search(self.text, since, self.number.start) is not None

    @property
    def unit(self) -> str | None:
        return _unit_after(self.text, self.number.end)

    def units_before(self) -> set[str]:
        """The units written after the numbers before the result, that this module knows."""
        return {
            unit
            for found in _numbers(self.text, self.start, self.number.start)
            if (unit := _unit_after(self.text, found.end)) is not None
            and (units_of(unit) or unit in ("Da", "g", "W", "V", "J", "L"))
        }


def _claimed_number(text: str, start: int, end: int, claimed: Fraction) -> Number | None:
    """The number that states the claimed result in ``text[start:end]``: the last one of its
    value (as written, or as a percentage)."""
    for number in reversed(list(_numbers(text, start, end))):
        if abs(number.value) in (abs(claimed), abs(claimed) * 100):
            return number
    return None


def _converted_step(found: _Claimed) -> bool:
    """ "… = 17,280,000 B ≈ 16.5 MiB": the step before the result, in another unit."""
    target = found.unit
    before = list(_numbers(found.text, found.start, found.number.start))
    if target is None or not before:
        return False
    previous = before[-1]
    unit = _UNIT_AFTER.match(found.text, previous.end)
    if unit is None or not _RELATION.fullmatch(found.text, unit.end(), found.number.start):
        return False
    between = found.text[previous.end : found.number.start]
    slack = previous.ulp / 2 if _APPROXIMATE.search(between) is None else previous.ulp
    exact = previous.value == found.value or previous.start <= found.start
    if exact and _TIMES_TEN.search(previous.text):
        # "28 x 10⁹ bits" states the calculation's value, "2 x 10⁶ s" is its operand: exact,
        # not a step rounded to its mantissa's last digit
        slack = Fraction(0)
    scales = _scales(unit.group("unit"), target) or _stored(found, target)
    for scale in scales:
        for shown in _with_binary_scale(found.number):
            ulp = _ulp_of(found.number, shown)
            if _near(previous.value * scale, shown, ulp, slack * scale, found.approx):
                return True
    return False


# Bytes a value takes in a number format the note names: "38.6M params ≈ 147 MiB in fp32".
_FORMATS = (
    (Fraction(8), r"fp64|float64|double"),
    (Fraction(4), r"fp32|float32|f32|single[ -]precision|int32"),
    (Fraction(2), r"fp16|bf16|float16|bfloat16|f16|half[ -]precision|int16"),
    (Fraction(1), r"int8|uint8|fp8|8-bit"),
    (Fraction(1, 2), r"int4|nf4|fp4|4-bit"),
)
_FORMAT_WORDS = lazy_regex(
    "|".join(rf"(?P<f{index}>\b(?:{words})\b)" for index, (_size, words) in enumerate(_FORMATS)),
    re.IGNORECASE,
)


def _stored(found: _Claimed, target: str) -> list[Fraction]:
    """The factors from a count of values to memory in ``target`` when the line names the
    number format they are stored in."""
    line_start = found.text.rfind("\n", 0, found.start) + 1
    line_end = found.text.find("\n", found.number.end)
    line = found.text[line_start : line_end if line_end >= 0 else len(found.text)]
    sizes = {
        _FORMATS[int(name[1:])][0]
        for match in _FORMAT_WORDS.finditer(line)
        for name, written in match.groupdict().items()
        if written
    }
    data = [unit for unit in units_of(target) if unit.dimension == "data" and unit.per is None]
    return [size * 8 / unit.size for size in sorted(sizes) for unit in data]


def _converted_result(found: _Claimed) -> bool:
    """ "1 GB / 10 = 100 MB": the calculation's value in the result's unit; "4000 x 3000 =
    12 MP": a count in millions."""
    target = found.unit
    if target is None:
        return False
    sources = found.units_before()
    candidates: list[str | None] = [*sources] if sources else [None]
    for source in candidates:
        for scale in _scales(source, target):
            for shown in _with_binary_scale(found.number):
                ulp = _ulp_of(found.number, shown)
                if _near(found.value * scale, shown, ulp, Fraction(0), found.approx):
                    return True
    return False


def _cancelled_units(found: _Claimed) -> bool:
    """ "10 s / 20 ms = 500": two units of one kind whose prefixes leave a factor."""
    units = sorted(found.units_before())
    for index, first in enumerate(units):
        for second in units[index + 1 :]:
            for scale in _scales(first, second):
                for factor in (scale, 1 / scale):
                    value = found.value * factor
                    if _near(value, found.claimed, found.number.ulp, Fraction(0), found.approx):
                        return True
    return False


def _prefix_scale(unit: str) -> Fraction | None:
    """What the prefix of a unit multiplies its base unit by: "kHz" 1,000, "ms" 1/1,000,
    "MB/s" 10^6; None for a unit without one this module knows."""
    word = unit.split("/", 1)[0]
    if word in _WHOLE:
        _dimension, size = _WHOLE[word]
        return size
    for prefixes in (_BINARY, _DECIMAL, _SMALL):
        for prefix, scale in prefixes.items():
            if word.startswith(prefix) and word[len(prefix) :] in _BASES and word != prefix:
                return scale
    return None


_MOST_PREFIXED = 4


def _prefixed_operands(found: _Claimed) -> bool:
    """ "3,600 s x 16 kHz = 57.6M samples", "20 ms x 48 kHz = 960": operands in prefixed
    units, whose prefixes multiply or divide the value of the bare numbers."""
    scales = sorted(
        {scale for unit in found.units_before() if (scale := _prefix_scale(unit)) not in (None, 1)}
    )
    if not scales or len(scales) > _MOST_PREFIXED:
        return False
    for powers in product((-1, 0, 1), repeat=len(scales)):
        if not any(powers):
            continue
        factor = Fraction(1)
        for scale, power in zip(scales, powers, strict=True):
            factor *= scale**power
        if _near(found.value * factor, found.claimed, found.number.ulp, Fraction(0), found.approx):
            return True
    return False


# "batch 8 x seq 2,048 x d 4,096 x 2 B": a factor, maybe labelled, before the calculation read.
_LABELLED_FACTOR = lazy_regex(
    r"(?P<number>\d[\d,]*(?:\.\d+)?[kKMB]?)[ \t]*(?:[A-Za-z_][\w-]*[ \t]*)?"
    r"[*\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}x][ \t]*(?:[A-Za-z_][\w-]*[ \t]+)?\Z"
)


def _labelled_product(found: _Claimed) -> bool:
    """ "batch 8 x seq 2,048 x d 4,096 x 2 B = 134,217,728 B": the product goes on before the
    calculation read, over factors that words label."""
    if any(sign in found.expression for sign in ("+", " - ", "/")):
        return False
    line_start = found.text.rfind("\n", 0, found.start) + 1
    factor, position = Fraction(1), found.start
    while (match := _LABELLED_FACTOR.search(found.text, line_start, position)) is not None:
        number = next(iter(_numbers(match.group("number"))), None)
        if number is None:
            break
        factor *= number.value
        position = match.start()
    if factor == 1:
        return False
    return _near(found.value * factor, found.claimed, found.number.ulp, Fraction(0), found.approx)


def _binary_scale(found: _Claimed) -> bool:
    """ "2^16 = 65,536, i.e. 64k": a scale letter read as a power of 1,024, exactly (after
    "≈" rounded to the digits written)."""
    shown = _with_binary_scale(found.number)
    if len(shown) == 1:
        return False
    if not found.approx:
        return found.value == shown[1]
    return abs(found.value - shown[1]) <= _ulp_of(found.number, shown[1]) / 2


def _relative_change(found: _Claimed) -> bool:
    """ "1.05^10 ≈ 1.629, i.e. +62.9 %": a factor shown as the change it makes, with a sign
    before the percentage or a word of change after it ("25 % lower")."""
    text, number = found.text, found.number
    if found.value <= 0 or abs(found.claimed) * 100 != number.value:
        return False  # not written as a percentage
    signed = _SIGN.search(text, max(found.start, number.start - 3), number.start) is not None
    worded = _CHANGE_WORDS.match(text, number.end) is not None
    if not (signed or worded):
        return False
    change = abs(found.value - 1)
    return _near(change, number.value / 100, number.ulp / 100, Fraction(0), found.approx)


# "≈ 0.115, i.e. ≈ 8.7x fewer": a ratio restated as the factor it saves (or gains).
_TIMES_CHANGE = lazy_regex(
    r"[ \t]*(?:[x\N{MULTIPLICATION SIGN}]|times)[ \t]+(?:as[ \t]+)?(?:fewer|less|smaller|cheaper"
    r"|lower|faster|slower|larger|bigger|more|reduction|saving|speed-?up|compression)\b",
    re.IGNORECASE,
)


def _reciprocal_factor(found: _Claimed) -> bool:
    """ "1/256 + 1/9 ≈ 0.115, i.e. ≈ 8.7x fewer": a ratio below one restated as the factor
    it divides by, with a times sign and a word of comparison after it."""
    if not 0 < found.value < 1 or _TIMES_CHANGE.match(found.text, found.number.end) is None:
        return False
    ulp = _ulp_of(found.number, found.claimed)
    return _near(1 / found.value, found.claimed, ulp, Fraction(0), found.approx)


def _dotted_thousands(found: _Claimed) -> bool:
    """ "1.024 / 32 = 32": dots that group thousands, in the calculation or the result; a
    result with decimals after a comma ("73.257 / 128 = 572,32", "= 7.392,94") shows the value
    to its last digit."""
    if not _DOTTED.search(found.text, found.start, found.number.end):
        return False
    values = {found.value}
    regrouped = _DOTTED.sub(lambda match: match.group(0).replace(".", ""), found.expression)
    if regrouped != found.expression and (value := evaluate(regrouped)) is not None:
        values.add(value)
    shown = {(found.claimed, Fraction(0))}
    if _DOTTED.fullmatch(found.number.text):
        whole = Fraction(found.number.text.replace(".", ""))
        decimals = _COMMA_DECIMALS.match(found.text, found.number.end)
        if decimals is not None:  # "7.392,94": the reader stops at the comma
            ulp = Fraction(1, 10 ** len(decimals["digits"]))
            shown.add((whole + int(decimals["digits"]) * ulp, ulp))
        else:
            shown.add((whole, Fraction(0)))
    elif "," in found.number.text and len(values) > 1:
        shown.add((found.claimed, found.number.ulp))  # "572,32": a decimal comma, rounded
    if any(_decimal_comma_shows(found.number.text, value) for value in values):
        return True  # where dots group thousands, a comma is the decimal sign
    return any(
        _near(value, claimed, ulp, Fraction(0), found.approx) if ulp else value == claimed
        for value in values
        for claimed, ulp in shown
    ) and (len(values) > 1 or len(shown) > 1)


# The decimals of a dotted number that the reader leaves after it: "7.392,94".
_COMMA_DECIMALS = lazy_regex(r",(?P<digits>\d{1,2})(?![\d.,])")


# One comma before three digits: a group of thousands in English, a decimal comma in German.
_DECIMAL_COMMA_OF_THREE = lazy_regex(r"\d{1,3},\d{3}")


def _decimal_comma_shows(written: str, value: Fraction) -> bool:
    """Whether "390,625" read with a decimal comma is ``value`` to its last digit."""
    if not _DECIMAL_COMMA_OF_THREE.fullmatch(written):
        return False
    return abs(value - Fraction(written.replace(",", "."))) <= Fraction(1, 2000)


def _decimal_comma(found: _Claimed) -> bool:
    """ "50000 / 128 = 390,625": a comma before three digits is a decimal comma when that
    reading is the value to the last digit; a thousandfold slip is no slip anyone makes. The
    same holds before a power of ten ("= 1,875 x 10¹⁸")."""
    mantissa = _MANTISSA.match(found.number.text)
    if mantissa is None or mantissa.end() == len(found.number.text):
        return _decimal_comma_shows(found.number.text, found.value)
    scale = found.number.value / Fraction(mantissa.group().replace(",", ""))
    return _decimal_comma_shows(mantissa.group(), found.value / scale)


_MANTISSA = lazy_regex(r"\d{1,3},\d{3}(?![\d,.])")


def _written_in_binary(found: _Claimed) -> bool:
    """ "6 + 3 = 1001": a result of zeros and ones that is the value in base 2."""
    text = found.number.text
    return (
        _BINARY_DIGITS.fullmatch(text) is not None
        and found.value.denominator == 1
        and found.value >= 0
        and int(text, 2) == found.value
    )


# The note counts in base 16: "hex", "0x1F", "#FF8000", "1F₁₆".
_HEX_NOTE = lazy_regex(
    r"\bhex(?:adecimal)?\b|\bbase[ \t-]*16\b|\b0x[0-9a-f]+|#[0-9a-f]{6}\b|\u2081\u2086",
    re.IGNORECASE,
)


def _written_in_hex(found: _Claimed) -> bool:
    """ "80 = 8 x 16 = 128" in a note about hexadecimal: the result's digits in base 16."""
    text = found.number.text
    return (
        text.isdigit()
        and found.value.denominator == 1
        and found.value >= 0
        and int(text, 16) == found.value
        and _HEX_NOTE.search(found.text) is not None
    )


# The note divides whole numbers as a program or a school does: "In Java, 7 / 2 = 3".
_INTEGER_DIVISION = lazy_regex(
    r"\binteger[ \t]+division\b|\bint(?:eger)?s?\b|\bJava\b|\bin[ \t]+C\b|C\+\+|C#"
    r"|\bPython[ \t]*2\b|\btruncat\w*|\bDIV\b|\bwhole[ \t]+numbers?\b|\bquotient\b",
)


def _integer_division(found: _Claimed) -> bool:
    """ "In Java, 7 / 2 = 3", "-7 / 2 = -3 in C": a quotient cut to a whole number, in a note
    that names division of integers."""
    if "/" not in found.expression or found.claimed.denominator != 1:
        return False
    cut = [math.floor(found.value), math.trunc(found.value)]
    return found.claimed in cut and _INTEGER_DIVISION.search(found.text) is not None


# "13 ÷ 2 = 6 r 1", "17 / 5 = 3 remainder 2": a whole quotient and what is left.
_REMAINDER = lazy_regex(r"[ \t]*(?:r|R|rem|remainder)\.?[ \t]*(?P<left>\d+)\b")
_QUOTIENT = lazy_regex(r"[ \t]*(?P<dividend>\d[\d,]*)[ \t]*/[ \t]*(?P<divisor>\d[\d,]*)[ \t]*")


def _with_remainder(found: _Claimed) -> bool:
    """ "13 ÷ 2 = 6 r 1": the whole quotient and the remainder the note writes after it."""
    after = _REMAINDER.match(found.text, found.number.end)
    quotient = _QUOTIENT.fullmatch(found.expression)
    if after is None or quotient is None or found.claimed.denominator != 1:
        return False
    dividend = int(quotient.group("dividend").replace(",", ""))
    divisor = int(quotient.group("divisor").replace(",", ""))
    if divisor == 0:
        return False
    quotient_value, left = divmod(dividend, divisor)
    return found.claimed == quotient_value and int(after.group("left")) == left


def _range_end(found: _Claimed) -> bool:
    """ "-2⁷ to 2⁷ - 1, i.e. -128 to 127": the claimed number starts a range whose other end
    is the value."""
    after = _RANGE_END.match(found.text, found.number.end)
    if after is None:
        return False
    following = next(iter(_numbers(found.text, after.end(), after.end() + 40)), None)
    if following is None or following.start != after.end():
        return False
    value = -following.value if after.group("sign") else following.value
    return _near(found.value, value, following.ulp, Fraction(0), approx=False)


def _starts_a_clause(found: _Claimed) -> bool:
    """ "5 x 2³ = 40, i.e. 101 becomes 101000": the number a verb follows is no result."""
    return _CLAUSE_VERB.match(found.text, found.number.end) is not None


# "… = 5 %, i.e. 2.5 % on each side": a share of the result for each of a few parts.
_PER_PART = lazy_regex(
    r"[ \t]*(?:%|percent)?[ \t]*(?:\w+[ \t]+)?"
    r"(?:on[ \t]+(?:each|either|both)[ \t]+(?:side|end|tail)s?|each|apiece"
    r"|per[ \t]+(?:side|tail|end|half|part|device|gpu|worker|node|head|shard|class))\b",
    re.IGNORECASE,
)
_MOST_PARTS = 16
_PERCENT_AFTER = lazy_regex(r"[ \t]*%")


def _per_part(found: _Claimed) -> bool:
    """ "100 - 95 = 5 %, i.e. 2.5 % on each side": the step before shared out over a whole
    number of parts, which the words after the result name."""
    if _PER_PART.match(found.text, found.number.end) is None or found.number.value <= 0:
        return False
    before = list(_numbers(found.text, found.start, found.number.start))
    if not before:
        return False
    previous = before[-1]
    percent = _PERCENT_AFTER.match(found.text, previous.end)
    after = percent.end() if percent else previous.end
    if not _RELATION.fullmatch(found.text, after, found.number.start):
        return False
    parts = previous.value / found.number.value
    return parts.denominator == 1 and 2 <= parts <= _MOST_PARTS


# "KB", "MB", "GB" in capitals often mean 1,024-based sizes (as JEDEC and Windows use them):
# "1,000,000 x 150 KB ≈ 143 GiB" reads the KB as KiB, and the binary result says so.
_JEDEC = {"KB": ("KiB", 1), "MB": ("MiB", 2), "GB": ("GiB", 3), "TB": ("TiB", 4)}


def _capital_prefixes_binary(found: _Claimed) -> bool:
    """ "1,000,000 x 150 KB ≈ 143 GiB": a result in a binary unit from operands in
    capital-letter units, right when those are read as 1,024-based."""
    target = found.unit
    if target is None or not target.endswith("iB"):
        return False
    for unit in sorted(found.units_before() & _JEDEC.keys()):
        binary, power = _JEDEC[unit]
        # the value converted from the decimal reading already, or not converted yet
        candidates = [found.value * Fraction(1024, 1000) ** power]
        candidates += [found.value * scale for scale in _scales(binary, target)]
        ulp = _ulp_of(found.number, found.claimed)
        if any(_near(value, found.claimed, ulp, Fraction(0), found.approx) for value in candidates):
            return True
    return False


# "256 + 50 % = 384": a percentage added to (or taken from) a quantity is a share of it.
_PERCENT_CHANGE = lazy_regex(
    r"(?P<a>\d[\d,]*(?:\.\d+)?)[ \t]*(?P<sign>[+\-\N{MINUS SIGN}])[ \t]*"
    r"(?P<p>\d+(?:\.\d+)?)[ \t]*%[ \t]*(?:=|\N{ALMOST EQUAL TO}|\u2192|->)[ \t*]*\Z"
)


def _percent_of_itself(found: _Claimed) -> bool:
    """ "256 + 50 % = 384", "120 - 25 % = 90": the percentage is of the quantity before it."""
    written = _PERCENT_CHANGE.search(found.text, found.start, found.number.start)
    if written is None or written.start() != found.start:
        return False
    base = Fraction(written.group("a").replace(",", ""))
    share = Fraction(written.group("p")) / 100
    value = base * (1 + share if written.group("sign") == "+" else 1 - share)
    ulp = _ulp_of(found.number, found.claimed)
    return _near(value, found.claimed, ulp, Fraction(0), found.approx)


_READINGS = (
    ("a step shown in another unit", _converted_step),
    ("a result in another unit", _converted_result),
    ("units that cancel", _cancelled_units),
    ("operands in prefixed units", _prefixed_operands),
    ("a product with labelled factors", _labelled_product),
    ("a binary scale letter", _binary_scale),
    ("a factor shown as a change", _relative_change),
    ("a ratio shown as the factor it divides by", _reciprocal_factor),
    ("thousands grouped by dots", _dotted_thousands),
    ("a decimal comma before three digits", _decimal_comma),
    ("a result written in binary", _written_in_binary),
    ("a result written in hexadecimal", _written_in_hex),
    ("a division of integers", _integer_division),
    ("a quotient with its remainder", _with_remainder),
    ("the end of a range", _range_end),
    ("the subject of a new clause", _starts_a_clause),
    ("a share for each part", _per_part),
    ("capital-letter sizes read as 1,024-based", _capital_prefixes_binary),
    ("a percentage of the quantity before it", _percent_of_itself),
)


# "= 100x, i.e. 10x in amplitude": a restatement that names another quantity.
_RESTATING = lazy_regex(r"(?:,?[ \t]*i\.e\.,?|,?[ \t]*that[ \t]+is,?|,?[ \t]*or)[ \t]*\Z")
_OTHER_QUANTITY = lazy_regex(
    r"[^\s\d]{0,2}[ \t]+(?:in|for|of|on)[ \t]+(?!total\b|all\b|sum\b|each\b)[A-Za-z]",
    re.IGNORECASE,
)


def doubtful_reading(text: str, start: int, end: int, claimed: Fraction) -> str | None:
    """Why a reported calculation may be right after all, though no reading shows it: the
    result restates the step before for another quantity ("= 100x, i.e. 10x in
    amplitude"). Such a finding is a warning."""
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return None
    before = _numbers(text, start, number.start)
    if not before or _RESTATING.search(text, before[-1].end, number.start) is None:
        return None
    if _OTHER_QUANTITY.match(text, number.end) is None:
        return None
    return "a restatement for another quantity"


def other_reading(
    text: str, start: int, end: int, value: Fraction, claimed: Fraction, expression: str
) -> str | None:
    """The reading under which the calculation in ``text[start:end]`` (worth ``value``, its
    result written as ``claimed``) is right, or None when it is wrong under every one."""
    number = _claimed_number(text, start, end, claimed)
    if number is None:
        return None
    found = _Claimed(text, start, number, value, claimed, expression)
    return next((name for name, right in _READINGS if right(found)), None)
