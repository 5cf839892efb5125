"""Arithmetic stated in a note: explicit calculations ("10,000 / 200 = 50", "20% of 500 is
100", "(32 - 5) / 1 + 1 = 28", "50 iterations (10,000 divided by 200)") and the epoch relation:
an epoch of N samples at batch size B takes ⌈N / B⌉ iterations (found in ``arith.epochs``).

Prose is tokenised into numbers, operators, brackets, "is"-like words, units and other words;
each token becomes one letter of a "shape" string, and claims are regular expressions over that
shape. Each side of a claim is then evaluated exactly by ``arith.expression``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from fractions import Fraction
from functools import cache
from itertools import islice, pairwise
from typing import Protocol

from ankigen.diagnostics import Severity
from ankigen.lint import stage_trace
from ankigen.lint.arith.arrow_givens import derived_from_givens, explains_number_before
from ankigen.lint.arith.binomials import binomials_as_values
from ankigen.lint.arith.code_arithmetic import code_claims, comment_texts, output_claims
from ankigen.lint.arith.column_relations import column_slips
from ankigen.lint.arith.derivations import wrong_derivations
from ankigen.lint.arith.entity_view import entities_read
from ankigen.lint.arith.epoch_accumulated_totals import accumulated_total_findings
from ankigen.lint.arith.epoch_accumulation import accumulation_findings
from ankigen.lint.arith.epoch_device_batches import device_batch_findings
from ankigen.lint.arith.epoch_device_steps import device_step_findings
from ankigen.lint.arith.epoch_flag_tables import flag_table_findings
from ankigen.lint.arith.epoch_global_batch import global_batch_findings
from ankigen.lint.arith.epoch_loader_length import loader_length_findings
from ankigen.lint.arith.epoch_range_loops import range_loop_findings
from ankigen.lint.arith.epoch_repeats import repeat_factors, repeated_counts
from ankigen.lint.arith.epoch_roles import BATCH, statements
from ankigen.lint.arith.epoch_rounding_flag import (
    dropped_count_findings,
    rounding_flag_findings,
)
from ankigen.lint.arith.epoch_setups import setup_step_findings
from ankigen.lint.arith.epoch_shards import shards_by_sampler
from ankigen.lint.arith.epoch_solver import (
    ACCUMULATION,
    DEVICES,
    GLOBAL,
    solver_findings,
    stated_numbers,
)
from ankigen.lint.arith.epoch_split_parts import split_part_findings
from ankigen.lint.arith.epoch_split_whole import split_whole_findings
from ankigen.lint.arith.epoch_statements import statement_findings
from ankigen.lint.arith.epoch_trained_part import (
    held_out_symbol_findings,
    trained_part_findings,
)
from ankigen.lint.arith.epoch_update_counts import update_count_findings
from ankigen.lint.arith.epoch_warmup import warm_up_findings
from ankigen.lint.arith.epoch_windows import window_count_findings
from ankigen.lint.arith.epochs import (
    ACROSS_FOLDS,
    SAMPLE_NOUNS,
    Epoch,
    EpochQuantity,
    ambiguous_batch,
    counts,
    counts_loader_batches,
    drops_last,
    epoch_for,
    hedge_of,
    k_folds,
    last_batch_sizes,
    last_batches,
    mentions_epoch,
    note_quantity,
    quantities,
    with_resumed_runs,
)
from ankigen.lint.arith.expression import (
    BINARY,
    CLOSE,
    MAX_EXPONENT,
    OPEN,
    TIMES,
    Item,
    evaluate_items,
    is_irrational,
    logarithm,
)
from ankigen.lint.arith.flattened_sizes import flattened_sizes
from ankigen.lint.arith.implicit_products import implicit_products
from ankigen.lint.arith.inline import (
    arith_prose,
    calculation_rows,
    epoch_prose,
    spaced_thousands,
    with_calculation_code,
)
from ankigen.lint.arith.latex import (
    MATH_SPAN,
    plain_latex,
)
from ankigen.lint.arith.memory_continuations import memory_continuations
from ankigen.lint.arith.memory_restatements import memory_restatements
from ankigen.lint.arith.other_arithmetic import explains as other_arithmetic_explains
from ankigen.lint.arith.other_readings import doubtful_reading, other_reading
from ankigen.lint.arith.phrases import phrase_claims
from ankigen.lint.arith.prose_formulas import prose_formulas
from ankigen.lint.arith.rates import metric_claims, rate_claims
from ankigen.lint.arith.restated_results import (
    another_quantity,
    plain_math_reading,
    restated_reading,
    result_scale,
)
from ankigen.lint.arith.shape_count_tables import shape_count_tables
from ankigen.lint.arith.symbols import is_assignment, named_steps, substitute, symbol_values
from ankigen.lint.arith.table_formulas import ImpliedCalculation, table_calculations
from ankigen.lint.arith.table_math_results import table_math_result
from ankigen.lint.arith.tables import Cell, tables
from ankigen.lint.arith.token_steps import token_step_findings
from ankigen.lint.arith.tokens import Token, matching_close, tokenize
from ankigen.lint.arith.totals import total_claims
from ankigen.lint.arith.unit_scales import (
    conversion_scales,
    scaled_unit_after,
    seconds_in,
    single_conversion,
)
from ankigen.lint.arith.vocabulary import data, shown, words
from ankigen.lint.arith.worked_totals import worked_totals
from ankigen.lint.arith.written_ratios import slashed_shares
from ankigen.lint.claims.quantities import Role
from ankigen.lint.claims.quantities import quantities as quantities_of
from ankigen.lint.claims.step_counts import step_findings
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.grounds import Ground, graded, severity_of
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.linker import linker_findings
from ankigen.lint.number_gate import writes_a_number
from ankigen.lint.numbers import (
    NUMBER_PATTERN,
    NUMBER_START,
    Number,
    find_numbers,
    format_number,
    parse_number,
)
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.rules.names import prose_tokens

# Written as escapes: they look like letters and hyphens in source code.

_TERM = r"(?:N%fN|N%?)u?"
_OPERAND = rf"[(m]*{_TERM}\)*"
_SIDE = rf"{_OPERAND}(?:[omh]{_OPERAND})*"
_RELATION = r"(?:=[~s]?|s)~?"
# "A op B = C" (and "C = A op B", and chains "A op B = C = D"), never part of a longer run.
# A sign starts a chain only after a relation or a bracket: in "(W + 2P)/S + 1 = 5" the
# "+ 1" continues a formula.
# "of" joins a percentage to its base ("20% of 500"); after a word it is only a word: "a gain
# of 8 / 80 = 10 %" starts a chain at 8.
_CHAIN = lazy_regex(
    rf"(?<![No%mhp])(?<!%f)(?!(?<=[w)_u])m){_SIDE}(?:{_RELATION}{_SIDE})+(?![No%mhp]|fN)"
)
# A side that states a plain number: "28", "-3", "20%", "50 steps".
_PLAIN = lazy_regex(r"m?N%?u?")
# "C units (A op B)": a calculation in brackets that explains the number before it. A hyphen
# is no minus here: "3 layers (2-5)" is a range.
# (not a bracket followed by its own result: "4 replicas get ⌈50,000 / 4⌉ = 12,500")
_EXPLAINED = lazy_regex(
    rf"(?<![o%fmh])(?P<result>N%?)[uw]{{0,4}}\(=?(?P<expr>{_TERM}(?:[om]{_TERM})+)\)(?![omhN(=])"
)
# Relations that make a hyphen between digits a minus: "32-5=27", but not "3-5 is typical".
_SYMBOLIC_RELATIONS = frozenset({"=", "==", "≈", "≃"})


# ---------------------------------------------------------------------------------------------
# Evaluating a calculation


_BRACKET_ITEMS = {"[": "(", "]": ")"}
_TIME_SCALES = tuple(Fraction(n) for n in (1000, 60, 3600, 10**6)) + tuple(
    Fraction(1, n) for n in (1000, 60, 3600, 10**6)
)
_SIZE_SCALES = tuple(Fraction(n) for n in (8, 1000, 1024, 10**6, 1024**2, 10**9, 1024**3)) + tuple(
    Fraction(1, n) for n in (8, 1000, 1024, 10**6, 1024**2, 10**9, 1024**3)
)
# Seconds in a unit of time, to show a wrong result in the unit it is written in.
_SECONDS_IN = {
    **dict.fromkeys(("ms",), Fraction(1, 1000)),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), Fraction(1)),
    **dict.fromkeys(("min", "mins", "minute", "minutes"), Fraction(60)),
    **dict.fromkeys(("h", "hour", "hours"), Fraction(3600)),
}
# Units a result may be converted to: "1/60 s = 16.7 ms", "2^20 bytes = 1 MB".
_CONVERTIBLE = {
    unit: scales
    for units, scales in (
        (
            tuple(_SECONDS_IN),
            _TIME_SCALES,
        ),
        (("kb", "mb", "gb", "byte", "bytes", "bit", "bits"), _SIZE_SCALES),
    )
    for unit in units
}


@dataclass(frozen=True)
class _Term:
    """A number of a calculation: "50", "20%", "20% of 500"; ``value`` is its worth."""

    value: Fraction
    ulp: Fraction  # the unit of the last written digit
    text: str


@dataclass(frozen=True)
class _Side:
    tokens: tuple[Token, ...]

    @property
    def core(self) -> tuple[Token, ...]:
        """The tokens without brackets that open before or close after the side: in
        "(10,000 / 200 = 50)" the sides are "(10,000 / 200" and "50)"."""
        tokens = list(self.tokens)
        depth = 0
        for token in tokens:
            depth += 1 if token.kind == "(" else -1 if token.kind == ")" else 0
        while depth > 0 and tokens and tokens[0].kind == "(":
            tokens.pop(0)
            depth -= 1
        while depth < 0 and tokens and tokens[-1].kind == ")":
            tokens.pop()
            depth += 1
        return tuple(tokens)

    @property
    def is_plain(self) -> bool:
        return _PLAIN.fullmatch("".join(token.kind for token in self.core)) is not None

    @property
    def has_operator(self) -> bool:
        return not self.is_plain and any(token.kind in "omhf" for token in self.core)

    @property
    def divides(self) -> bool:
        return any(token.symbol in ("/", "//") for token in self.core)

    @property
    def percent(self) -> bool:
        return any(token.kind == "%" for token in self.core)

    @property
    def units(self) -> set[str]:
        return {token.text.lower() for token in self.core if token.kind == "u"}

    @property
    def start(self) -> int:
        return self.core[0].start

    @property
    def end(self) -> int:
        return self.core[-1].end

    def pieces(self) -> Iterator[_Term | str]:
        """Terms, operator symbols and brackets, in order (units are left out)."""
        index, tokens = 0, self.core
        while index < len(tokens):
            token = tokens[index]
            if token.kind in "omh":
                yield token.symbol
            elif token.kind in "()":
                yield _BRACKET_ITEMS.get(token.text, token.text)
            elif token.kind == "N" and token.number is not None:
                value, ulp, text = token.number.value, token.number.ulp, shown(token.number)
                if index + 1 < len(tokens) and tokens[index + 1].kind == "%":
                    value, ulp, text = value / 100, ulp / 100, text + "%"
                    index += 1
                    if index + 2 < len(tokens) and tokens[index + 1].kind == "f":
                        base = tokens[index + 2]
                        assert base.number is not None
                        value, ulp = value * base.number.value, ulp * base.number.value
                        text = f"{text} of {shown(base.number)}"
                        index += 2
                yield _Term(value, ulp, text)
            index += 1

    def items(self) -> list[Item]:
        return [piece.value if isinstance(piece, _Term) else piece for piece in self.pieces()]

    def value(self) -> Fraction | None:
        """The exact value with the usual precedence; None if it is no calculation."""
        value = evaluate_items(self.items())
        return value if isinstance(value, Fraction) else None

    def float_value(self) -> float | None:
        """The value computed in floating point, as a program would print it."""
        value = evaluate_items(self.items(), floating=True)
        return value if isinstance(value, float) else None

    def claimed(self) -> tuple[Fraction, Fraction, str]:
        """A plain number side: its value, its precision and its text."""
        sign, term = 1, _Term(Fraction(0), Fraction(1), "0")
        for piece in self.pieces():
            if isinstance(piece, _Term):
                term = piece
            elif piece == "-":
                sign = -1
        text = f"-{term.text}" if sign < 0 else term.text
        return sign * term.value, term.ulp, text

    def expression(self) -> str:
        parts: list[str] = []
        previous: _Term | str = "("
        for piece in self.pieces():
            if isinstance(piece, _Term):
                parts.append(piece.text)
            elif piece in OPEN or piece in CLOSE:
                parts.append(piece)
            elif previous in OPEN or (isinstance(previous, str) and previous in BINARY):
                parts.append(piece)  # a sign: "-5", "(-5"
            else:
                parts.append(f" {piece} ")
            previous = piece
        return "".join(parts)


def _significant_round(value: Fraction, written: str) -> Fraction:
    """Round ``value`` to the significant digits of an integer written like ``written``."""
    digits = re.sub(r"\D", "", written.split(".")[0]).lstrip("0")
    zeros = len(digits) - len(digits.rstrip("0"))
    step = Fraction(10) ** zeros
    return round(value / step) * step


def _agrees(
    calculation: _Side,
    value: Fraction,
    result: _Side,
    approx: bool,
    carried: frozenset[str] = frozenset(),
) -> bool:
    reason = _agreement(calculation, value, result, approx, carried)
    if stage_trace.on():  # the calculation is a set-up, its result a claim, judged here
        stage_trace.record("setup", stage_trace.ARITHMETIC, calculation.start)
        stage_trace.record("claim", stage_trace.ARITHMETIC, result.start)
        if reason is not None:
            stage_trace.judged(stage_trace.ARITHMETIC, result.start, reason)
    return reason is not None


def _agreement(
    calculation: _Side,
    value: Fraction,
    result: _Side,
    approx: bool,
    carried: frozenset[str] = frozenset(),
) -> str | None:
    """Why the claimed result agrees with the calculation's value, or None when it does not."""
    claimed, ulp, written = result.claimed()
    # "= 3" for 2.5 is no rounding, but "1 GB / 10 = 100 MB" shows 0.1 in another unit.
    decimal_as_whole = _exact_decimal_as_whole(value, claimed, ulp, approx)
    scales = [] if decimal_as_whole else [Fraction(1)]
    # "80% - 70% = 10 points" and "0.25 x 100 = 25%": a percentage on one side only.
    if calculation.percent != result.percent:
        scales.append(Fraction(100) if calculation.percent else Fraction(1, 100))
    # "1/60 = 16.7 ms": the result is converted to a unit the calculation does not name.
    for unit in sorted((result.units - calculation.units) & _CONVERTIBLE.keys()):
        scales += _CONVERTIBLE[unit]
    # "2^30 bytes = 1 GiB", "10^6 s ≈ 11.6 days": the exact ratio of the two units; a unit
    # a step between them names is carried on ("… ≈ 9.59M bits ≈ 1.2 MB").
    scales += conversion_scales(calculation.units | carried, result.units)
    if is_irrational(calculation.items()):
        # "√2 ≈ 1.41", "√2 = 1.414": an irrational value can only be rounded or truncated.
        if any(_rounded_or_cut(value * scale, claimed, ulp) for scale in scales):
            return "within rounding"
        return None
    for scale in scales:
        if _close(value * scale, claimed, ulp, written, approx):
            if scale != 1:
                return "another convention accepted"  # a unit or percentage scale
            return "equal" if value == claimed else "within rounding"
    if decimal_as_whole:
        return None
    if approx and _within_written_precision(calculation, claimed, ulp):
        return "within rounding"  # of the operands
    # A division of counts is often rounded up (partial batches) or down (whole groups).
    whole = claimed.denominator == 1
    if calculation.divides and whole and claimed in (math.floor(value), math.ceil(value)):
        return "within rounding"  # to a whole count, up or down
    # A result copied from a program's output: "0.1 + 0.2 = 0.30000000000000004".
    floating = calculation.float_value()
    if floating is not None and ulp < Fraction(1, 10**6) and float(claimed) == floating:
        return "equal"  # as floating point prints it
    return None


_ROUNDED_SHARE = Fraction(1, 20)  # an operand rounded by at most 5 % of its value


def _within_written_precision(calculation: _Side, claimed: Fraction, ulp: Fraction) -> bool:
    """ "2B / 0.52M ≈ 3,815": an operand written rounded to a few decimals (0.52M for
    524,288) leaves the result open by half its last digit; an approximate result inside
    that range is right."""
    rounded = [
        index
        for index, token in enumerate(calculation.tokens)
        if token.number is not None
        and "." in token.text
        and token.number.value > 0
        and token.number.ulp / 2 <= _ROUNDED_SHARE * token.number.value
    ]
    if not rounded or len(rounded) > 3:
        return False
    values: list[Fraction] = []
    for signs in range(2 ** len(rounded)):
        tokens = list(calculation.tokens)
        for bit, index in enumerate(rounded):
            number = tokens[index].number
            assert number is not None
            shift = number.ulp / 2 if signs >> bit & 1 else -number.ulp / 2
            tokens[index] = replace(
                tokens[index], number=replace(number, value=number.value + shift)
            )
        value = _Side(tuple(tokens)).value()
        if value is None:
            return False
        values.append(value)
    return min(values) - ulp / 2 <= claimed <= max(values) + ulp / 2


def _exact_decimal_as_whole(
    value: Fraction, claimed: Fraction, ulp: Fraction, approx: bool
) -> bool:
    """Whether "= 3" is given for an exact one-decimal value (2.5) in a note that counts no
    whole things: nothing forced a rounding, and a statistic of 2.5 is not one of 3."""
    return (
        not approx
        and ulp == 1
        and value.denominator in (2, 5, 10)
        and value != claimed
        and not _COUNTS_WHOLE_THINGS.get()
    )


def _rounded_or_cut(value: Fraction, claimed: Fraction, ulp: Fraction) -> bool:
    return abs(value - claimed) <= ulp / 2 or claimed <= value < claimed + ulp


def _close(value: Fraction, claimed: Fraction, ulp: Fraction, written: str, approx: bool) -> bool:
    if abs(value - claimed) < ulp / 2:
        return True
    # Halfway between two written values ("85 / 100 = 0.85"): a result given as equal is
    # rounded half away from zero (0.9); 0.8 drops a digit the exact value has.
    if abs(value - claimed) == ulp / 2 and (abs(claimed) > abs(value) or approx):
        return True
    if approx:
        # "≈ 23.4M" is judged by the digits it writes: rounded, cut, or one unit of its last
        # digit away; "≈ 9,000" rounds to its first digit.
        near = abs(value - claimed) <= ulp or _rounded_or_cut(value, claimed, ulp)
        return near or _significant_round(value, written) == claimed
    return False


@dataclass(frozen=True)
class _Claim:
    start: int
    end: int
    expression: str
    value: Fraction
    claimed: str
    claimed_value: Fraction
    grouped: bool
    explained: bool  # "C (A op B)": the calculation explains the number C
    result: int | None = None  # where C is, when it stands outside the reported span
    unit: str = ""  # the unit of time a converted result is shown in: "2 min"
    # what the derivation used besides the written calculation (``lint.grounds``)
    grounds: frozenset[Ground] = frozenset()

    def shown(self) -> str:
        """The right value, in the scale the claim is written in ("120 M" next to "100 M")."""
        scaled = _SCALE_SUFFIX.search(self.claimed)
        if self.unit:
            return f"{format_number(self.value, self.grouped)} {self.unit}"
        if self.claimed.endswith("%") and scaled is None:  # "8 / 80 = 10%": a share
            return f"{format_number(self.value * 100, self.grouped)}%"
        if scaled is None:
            return format_number(self.value, self.grouped)
        suffix = scaled.group("suffix")
        if suffix == "B" and scaled.group("space") and self.value * 1000 < 10**9:
            # "= 5,148 B" where the calculation gives 5,184: bytes, shown as such
            return f"{format_number(self.value, self.grouped)} B"
        value = self.value / _SCALES[suffix.lower()]
        return f"{format_number(value, self.grouped)}{scaled.group('space')}{suffix}"


_SCALES = {
    "k": 1000,
    "m": 10**6,
    "b": 10**9,
    "bn": 10**9,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
# A claimed result written with a scale: "100 M", "2.5k", "3 million".
_SCALE_SUFFIX = lazy_regex(
    r"(?<=\d)(?P<space>[ \t]*)(?P<suffix>k|K|M|B|bn|thousand|million|billion|trillion)$"
)


def _sides(tokens: Sequence[Token]) -> list[tuple[_Side, bool]]:
    """Split a chain at its relations: each side, and whether it is claimed approximately."""
    sides: list[tuple[_Side, bool]] = []
    current: list[Token] = []
    approx = False
    for token in tokens:
        if token.kind in "=s~":
            if current:
                sides.append((_Side(tuple(current)), approx))
                current, approx = [], False
            approx = approx or token.kind in "s~"
        else:
            current.append(token)
    sides.append((_Side(tuple(current)), approx))
    return sides


def _grouped(tokens: Sequence[Token]) -> bool:
    return any(token.number is not None and token.number.grouped for token in tokens)


def _chain_claims(tokens: Sequence[Token]) -> Iterator[_Claim]:
    """Wrong claims of a chain "A op B = C": each plain number against its calculation."""
    if _has_range(tokens) and any(
        token.kind in "=s" and token.text not in _SYMBOLIC_RELATIONS for token in tokens
    ):
        stage_trace.judged(stage_trace.ARITHMETIC, tokens[0].start, "read as no calculation")
        return  # "3-5 is a typical number of layers": a range, not a subtraction
    sides = _sides(tokens)
    calculations = [side for side, _approx in sides if side.has_operator]
    if not calculations:
        return
    if _maps_shapes(tokens, calculations):
        stage_trace.judged(stage_trace.ARITHMETIC, tokens[0].start, "read as no calculation")
        return  # "3x3 → 64 channels": a kernel or map size and what a layer makes of it
    if any(_converts_units(side) for side in calculations):
        stage_trace.judged(stage_trace.ARITHMETIC, tokens[0].start, "another convention accepted")
        return  # "1 hour + 30 minutes = 90 minutes" converts units on the way
    for index, (side, approx) in enumerate(sides):
        if not side.is_plain:
            continue
        if index > 1 and not sides[index - 1][0].has_operator and _after_arrow(tokens, side):
            continue  # "7 x 7 x 512 = 25,088 inputs -> 4,096 units": the arrow maps the result
        if index > 1 and _stated_before_arrow(sides[index - 2 : index], tokens, side):
            continue  # "10,000 = 156 x 64 + 16 → 156 steps": a split, then what it gives
        calculation = next((s for s, _a in reversed(sides[:index]) if s.has_operator), None)
        if calculation is None:
            if not _symbolic_after(tokens, side):
                continue  # "a drop to 70% is 80% - 70%": "C = A op B" needs a symbol
            following = sides[index + 1][0] if index + 1 < len(sides) else None
            if following is None or not following.has_operator:
                # "1 s = 16,000 samples → ⌊(16000 - 400) / 160⌋ + 1 = 98": C is the side
                # right after its "=", not a calculation further on
                continue
            if _restates_input(side, following, sides[index + 2 : index + 3]):
                continue  # "1 h = 3,600 s x 16,000 = 57.6M samples": the input, restated
            calculation = following
        if _joins_lists(calculation, side):
            continue  # "[…, 3·6 + 4·8] = [19, …]": lists equal item by item, not 50 = 19
        value = calculation.value()
        if value is not None and _bytes_as_written(side, value):
            continue  # "576 + 4096 + 512 = 5,184 B": bytes, not 5,184 billion
        between = sides[[s for s, _a in sides].index(calculation) + 1 : index]
        carried = frozenset(unit for step, _a in between if step.is_plain for unit in step.units)
        if value is None or _agrees(calculation, value, side, approx, carried):
            continue
        if _agrees_earlier(sides[:index], calculation, side, approx):
            continue  # "(1 / 3) x 300 = 0.33 x 300 = 100": the step before was rounded
        expression, claimed = calculation.expression(), side.claimed()
        converted = _time_conversion(calculation, side)
        unit = ""
        if converted is None:  # "2^20 bytes = 1 GiB", "10^6 s = 11.6 days"
            converted = _other_conversion(calculation, side)
        if converted is not None:  # "3 x 40 s = 2 min, not 3 min"
            expression, value = f"{expression}{converted[0]}", value * converted[1]
            unit = converted[2]
            claimed = (claimed[0], claimed[1], f"{claimed[2]} {unit}")
        claim = _Claim(
            calculation.start if calculation.start < side.start else side.start,
            max(calculation.end, side.end),
            expression,
            value,
            claimed[2],
            claimed[0],
            _grouped(tokens),
            explained=False,
            unit=unit,
        )
        if _EXCUSED.get()(claim):
            continue  # "= 17,280,000 B ≈ 16.5 MiB": right in another reading; judge the rest
        yield claim
        return
    yield from islice(_step_claims(sides, _grouped(tokens)), 1)


def _stated_before_arrow(
    before: Sequence[tuple[_Side, bool]], tokens: Sequence[Token], side: _Side
) -> bool:
    """Whether ``side`` follows an arrow after a calculation written result first, "C = A op
    B → D", whose C it gives: the calculation splits a stated number (a quotient and its
    remainder, shares of a total), and the arrow leads on to what the split gives (a part
    of it, a count in words), as an arrow after "A op B = C" does; it does not restate the
    calculation. A C the calculation does not give leaves the chain to be judged."""
    (stated, approx), (calculation, _approx) = before
    if not stated.is_plain or not calculation.has_operator or not _after_arrow(tokens, side):
        return False
    value = calculation.value()
    return value is not None and _agreement(calculation, value, stated, approx) is not None


def _nothing_excused(_claim: _Claim) -> bool:
    return False


# Whether a wrong-looking claim is right under another reading (``arith.other_readings``),
# for the note whose claims ``_find_claims`` is reading.
_EXCUSED: ContextVar[Callable[[_Claim], bool]] = ContextVar("excused", default=_nothing_excused)


def _restates_input(first: _Side, calculation: _Side, after: Sequence[tuple[_Side, bool]]) -> bool:
    """Whether ``first`` ("1 h", "100 km/h", "30 fps") is the quantity a calculation
    re-expresses, not its result: the step after the calculation states a plain result the
    calculation gives, in words or units that ``first`` does not use."""
    if not after:
        return False
    result, approx = after[0]
    if not result.is_plain:  # "≈ 27.8 m/s": the number and its unit before the rate's slash
        cut = next((i for i, t in enumerate(result.core) if t.kind in "om"), 0)
        result = _Side(result.core[:cut])
        if not cut or not result.is_plain:
            return False
    value = calculation.value()
    if value is None or not _agrees(calculation, value, result, approx):
        return False
    words = {token.text.lower() for token in first.core if token.kind in "uw"}
    others = {token.text.lower() for token in result.core if token.kind in "uw"}
    return bool(words) and not words & others


_SPACED_BYTES = lazy_regex(r"\d[ \t]+B")


def _bytes_as_written(side: _Side, value: Fraction) -> bool:
    """Whether a result written with a spaced "B" is the calculation's value as its digits
    stand: the B is then bytes (the operands are no billions), whatever the rest of the
    text names."""
    claimed, _ulp, text = side.claimed()
    return _SPACED_BYTES.search(text) is not None and claimed == value * 10**9


def _has_range(tokens: Sequence[Token]) -> bool:
    """Whether a hyphen between digits may be a range: not one inside brackets that an
    operator works on, "4*(3-1)+1", where it can only be a minus."""
    for index, token in enumerate(tokens):
        if token.kind == "h" and not _in_operand_bracket(tokens, index):
            return True
    return False


def _in_operand_bracket(tokens: Sequence[Token], index: int) -> bool:
    depth = 0
    for opening in range(index - 1, -1, -1):
        kind = tokens[opening].kind
        if kind == ")":
            depth += 1
        elif kind == "(" and depth:
            depth -= 1
        elif kind == "(":
            close = matching_close(tokens, opening)
            before = tokens[opening - 1].kind if opening else ""
            after = tokens[close + 1].kind if close is not None and close + 1 < len(tokens) else ""
            return before in ("o", "m") or after in ("o", "m")
    return False


_ARROWS = frozenset({"→", "⇒", "=>"})
_TIMES_SIGNS = frozenset({"x", "X", "\N{MULTIPLICATION SIGN}"})


def _maps_shapes(tokens: Sequence[Token], calculations: Sequence[_Side]) -> bool:
    """Whether every relation of the chain is an arrow and every calculation is one size
    written as a shape ("3x3", "28x28x1", no spaces): "3x3 → 64 channels" or "28x28 -> 14"
    says what a layer turns a size into, not what the product is."""
    relations = [token for token in tokens if token.kind in "=s~"]
    if not relations or not all(_is_arrow(token.text) for token in relations):
        return False
    return all(_is_shape(_unbracketed(side.core)) for side in calculations)


def _unbracketed(tokens: Sequence[Token]) -> Sequence[Token]:
    """The tokens inside one pair of brackets around them all: "(2x2/2) -> 8" writes a window
    and its stride in brackets, as "2x2/2 -> 8" does without."""
    if len(tokens) > 2 and tokens[0].kind == "(" and matching_close(tokens, 0) == len(tokens) - 1:
        return tokens[1:-1]
    return tokens


def _after_arrow(tokens: Sequence[Token], side: _Side) -> bool:
    """Whether the relations just before ``side`` hold an arrow: "61 frames -> ≈ 2.03 s"
    hedges the quantity the arrow maps the result to, it does not restate the result."""
    relations = []
    for token in reversed([token for token in tokens if token.end <= side.start]):
        if token.kind == "(":
            continue  # "-> (7, 64, 64)": the bracket the side opens with
        if token.kind not in "=s~":
            break
        relations.append(token)
    return any(_is_arrow(token.text) for token in relations)


def _is_arrow(text: str) -> bool:
    return text in _ARROWS or (text.endswith(">") and set(text[:-1]) == {"-"})


def _is_shape(tokens: Sequence[Token]) -> bool:
    """Numbers joined by a times sign with nothing between them and their neighbours, maybe
    with a stride written close after a slash: "3x3", "7x7/2" (a 7x7 kernel at stride 2)."""
    if len(tokens) >= 5 and _written_close(tokens[-3:]) and tokens[-2].text == "/":
        tokens = tokens[:-2]
    if len(tokens) < 3 or len(tokens) % 2 == 0:
        return False
    for index, token in enumerate(tokens):
        if index % 2 == 0:
            if token.kind != "N":
                return False
            continue
        written_close = (
            tokens[index - 1].end == token.start and token.end == tokens[index + 1].start
        )
        if token.kind != "o" or token.text not in _TIMES_SIGNS or not written_close:
            return False
    return True


def _written_close(tokens: Sequence[Token]) -> bool:
    """Whether the tokens are written with nothing between them."""
    return all(before.end == after.start for before, after in pairwise(tokens))


def _depth(side: _Side) -> int:
    """How many brackets a side leaves open (negative: closes that it did not open)."""
    return sum(1 if t.kind == "(" else -1 if t.kind == ")" else 0 for t in side.tokens)


def _joins_lists(calculation: _Side, result: _Side) -> bool:
    """Whether the relation joins the end of one bracketed list to the start of another:
    the calculation closes a bracket it did not open, and the result opens one, as in
    "(1 + 2, 3 + 4) = (3, 7)" or "[[1·5 + 2·7, …]] = [[19, …]]"."""
    first, second = sorted((calculation, result), key=lambda side: side.start)
    return _depth(first) < 0 and _depth(second) > 0


def _agrees_earlier(
    sides: Sequence[tuple[_Side, bool]], nearest: _Side, result: _Side, approx: bool
) -> bool:
    """Whether a calculation before the nearest one computes the result."""
    for side, _approx in sides:
        if side is nearest or not side.has_operator:
            continue
        value = side.value()
        if value is not None and _agrees(side, value, result, approx):
            return True
    return False


def _step_claims(sides: Sequence[tuple[_Side, bool]], grouped: bool) -> Iterator[_Claim]:
    """A step of a chain that evaluates one part of the calculation before it and keeps the
    rest: in "⌊(100 - 6) / 2⌋ + 1 = 48 + 1 = 49" the "48" stands for "⌊(100 - 6) / 2⌋", which
    is 47. Only steps whose whole values differ are read, so a right chain is never doubted."""
    for (before, _approx), (after, approx) in pairwise(sides):
        if not (before.has_operator and after.has_operator):
            continue
        if before.percent or after.percent or before.units != after.units:
            continue  # scales or units may change between the steps
        whole_before, whole_after = before.value(), after.value()
        if whole_before is None or whole_after is None or whole_before == whole_after:
            continue
        replaced = _replaced_part(before.core, after.core)
        pairs = [replaced] if replaced is not None else _fraction_parts(before.core, after.core)
        wrong = [
            (part, number, value)
            for part, number in pairs
            if (value := part.value()) is not None and not _agrees(part, value, number, approx)
        ]
        if not wrong:
            continue
        part, number, value = wrong[0]
        claimed, _ulp, written = number.claimed()
        if claimed == whole_before and not _bracketed(part.tokens):
            continue  # "64 x 2 x 2 = 256 x 2": a running calculation applies "x 2" again
        yield _Claim(
            part.start, number.end, part.expression(), value, written, claimed, grouped, False
        )


def _replaced_part(before: Sequence[Token], after: Sequence[Token]) -> tuple[_Side, _Side] | None:
    """The part of ``before`` that ``after`` writes as one number, the rest of both the same
    token by token: ("⌊(100 - 6) / 2⌋", "48") in "⌊(100 - 6) / 2⌋ + 1" and "48 + 1"."""
    same = [(token.kind, token.text) for token in before]
    other = [(token.kind, token.text) for token in after]
    prefix = 0
    while prefix < min(len(same), len(other)) and same[prefix] == other[prefix]:
        prefix += 1
    suffix = 0
    limit = min(len(same), len(other)) - prefix
    while suffix < limit and same[-1 - suffix] == other[-1 - suffix]:
        suffix += 1
    part = _Side(tuple(before[prefix : len(before) - suffix]))
    number = _Side(tuple(after[prefix : len(after) - suffix]))
    if not _balanced(part.tokens) or not part.has_operator:
        return None  # the part must be whole: its brackets open and close inside it
    if _PLAIN.fullmatch("".join(token.kind for token in number.tokens)) is None:
        return None
    return part, number


def _fraction_parts(before: Sequence[Token], after: Sequence[Token]) -> list[tuple[_Side, _Side]]:
    """The numerator and denominator of a fraction that the next step writes as two numbers,
    each with the number that stands for it: "(2 x 0.8 x 0.6) / (0.8 + 0.6) = 0.96 / 1.2"
    gives ("2 x 0.8 x 0.6", "0.96") and ("0.8 + 0.6", "1.2"). Only parts that calculate."""
    split_before, split_after = _over(before), _over(after)
    if split_before is None or split_after is None:
        return []
    pairs = []
    for part, number in zip(split_before, split_after, strict=True):
        plain = _PLAIN.fullmatch("".join(token.kind for token in number))
        if plain is None:
            return []
        side = _Side(tuple(part))
        if side.has_operator:
            pairs.append((side, _Side(tuple(number))))
    return pairs


def _over(tokens: Sequence[Token]) -> tuple[list[Token], list[Token]] | None:
    """A fraction's numerator and denominator, each without its round brackets: the tokens
    split at their one division outside brackets (the whole in one pair of brackets or not)."""
    items = list(tokens)
    while len(items) > 2 and items[0].text == "(" and matching_close(items, 0) == len(items) - 1:
        items = items[1:-1]
    depth, divisions = 0, []
    for index, token in enumerate(items):
        depth += 1 if token.kind == "(" else -1 if token.kind == ")" else 0
        if depth == 0 and token.kind == "o" and token.symbol == "/":
            divisions.append(index)
    if len(divisions) != 1:
        return None
    parts = []
    for part in (items[: divisions[0]], items[divisions[0] + 1 :]):
        while len(part) > 2 and part[0].text == "(" and matching_close(part, 0) == len(part) - 1:
            part = part[1:-1]
        if not part or not _balanced(part):
            return None
        parts.append(part)
    return parts[0], parts[1]


def _bracketed(tokens: Sequence[Token]) -> bool:
    """Whether the tokens are one group in brackets: "⌊(100 - 6) / 2⌋", "(30 + 2)"."""
    return tokens[0].kind == "(" and matching_close(tokens, 0) == len(tokens) - 1


def _balanced(tokens: Sequence[Token]) -> bool:
    depth = 0
    for token in tokens:
        depth += 1 if token.kind == "(" else -1 if token.kind == ")" else 0
        if depth < 0:
            return False
    return depth == 0 and bool(tokens)


def _time_conversion(calculation: _Side, result: _Side) -> tuple[str, Fraction, str] | None:
    """A calculation in one unit of time with a result in another: the calculation's unit,
    the factor from it to the result's unit, and that unit."""
    used, stated = calculation.units & _SECONDS_IN.keys(), result.units & _SECONDS_IN.keys()
    if len(used) != 1 or len(stated) != 1 or used == stated:
        return None
    unit, target = next(iter(used)), next(iter(stated))
    written = next(t.text for t in result.core if t.kind == "u" and t.text.lower() == target)
    return f" {unit}", _SECONDS_IN[unit] / _SECONDS_IN[target], written


def _other_conversion(calculation: _Side, result: _Side) -> tuple[str, Fraction, str] | None:
    """Like ``_time_conversion``, for the units of ``arith.unit_scales``."""
    converted = single_conversion(calculation.units, result.units)
    if converted is None:
        return None
    scale, target, source = converted
    return f" {_written(calculation, source)}", scale, _written(result, target)


def _written(side: _Side, unit: str) -> str:
    """The word of a unit as the side writes it: "GiB" for "gib"."""
    for token in side.core:
        if token.kind == "u":
            for word in token.text.split():
                if word.lower() == unit:
                    return word
    return unit


# Units of time, size or length that one converts into another: "1 day / 24 hours".
_CONVERSION_UNITS = frozenset(_CONVERTIBLE) | {
    "day",
    "week",
    "month",
    "year",
    "min",
    "sec",
    "tb",
    "km",
    "m",
    "cm",
    "mm",
    "kib",
    "mib",
    "gib",
}


def _converts_units(side: _Side) -> bool:
    """Whether a calculation mixes units in a way that may convert one into another: units
    added ("1 hour + 30 minutes"), or two units of time or size ("1 day / 24 hours"); a
    product of two counts ("2.5k steps * 32 examples"), or of a count and one unit of time
    ("469 steps x 0.2 s"), converts nothing."""
    units = {unit if len(unit) < 3 else unit.rstrip("s") for unit in side.units}
    if len(units) < 2:
        return False
    additive = any(token.symbol in ("+", "-") for token in side.core if token.kind in "omh")
    if additive and all(_part_label(unit) for unit in side.units):
        return False  # "50,000 train + 10,000 test = 60,000": parts of one whole, labelled
    converting = {
        unit for unit in units if unit in _CONVERSION_UNITS or unit + "s" in _CONVERSION_UNITS
    }
    return additive or len(converting) >= 2


# Words that measure (a sum of them may convert on the way, "1 foot + 6 inches = 18 inches"),
# beside the units of the data file and of time and size.
_MEASURE_WORDS = frozenset(
    {"foot", "feet", "inch", "inche", "yard", "mile", "metre", "meter", "litre", "liter"}
    | {"gram", "kilo", "kilogram", "pound", "ounce", "ton", "tonne", "gallon", "dozen", "score"}
    | {"percent", "point", "degree", "hundred", "thousand", "million", "billion", "lakh", "crore"}
)


def _part_label(unit: str) -> bool:
    """Whether a word after a summed number names a part of the whole ("train", "val",
    "positives"), not a unit it is measured in: no unit the rule knows, no abbreviation (two
    letters or fewer: "kg", "ft"), no measure word."""
    word = unit.lower()
    singular = word[:-1] if word.endswith("s") and len(word) > 3 else word
    if len(word) < 3 or not word.isalpha() or _known_unit().fullmatch(word):
        return False
    return not ({word, singular} & (_CONVERSION_UNITS | _MEASURE_WORDS))


def _symbolic_after(tokens: Sequence[Token], side: _Side) -> bool:
    relation = next((t for t in tokens if t.start >= side.end and t.kind in "=s~"), None)
    return relation is not None and relation.text in _SYMBOLIC_RELATIONS


@cache
def _label_pattern() -> re.Pattern[str]:
    return re.compile(words(data()["labels"]), re.IGNORECASE)


def _is_label(word: str) -> bool:
    """Words that number things rather than count them: "Layer 2", "Step 3", "Figure 4"."""
    return _label_pattern().fullmatch(word) is not None


def _explained_claim(result: Sequence[Token], expression: Sequence[Token]) -> _Claim | None:
    side = _Side(tuple(expression))
    # "64 filters (3 x 3)" names a shape, not a calculation of 64.
    operators = [token for token in expression if token.kind in "om"]
    if all(token.symbol == TIMES and token.text in (TIMES, "x", "X") for token in operators):
        return None
    if _lists_shares(expression, operators):
        return None
    value = side.value()
    result_side = _Side(tuple(result))
    claim = result_side.claimed()
    if value is None or _agrees(side, value, result_side, False):
        return None
    grouped = _grouped([*result, *expression])
    shown = side.expression()
    start = result[0].start
    return _Claim(side.start, side.end, shown, value, claim[2], claim[0], grouped, True, start)


def _lists_shares(expression: Sequence[Token], operators: Sequence[Token]) -> bool:
    """Whether a bracket lists shares with slashes: "(80% / 20%)", "(70%/15%/15%)" after a
    count name a split, and a share divided by a share never explains a count."""
    numbers = [index for index, token in enumerate(expression) if token.kind == "N"]
    return all(token.symbol == "/" for token in operators) and all(
        index + 1 < len(expression) and expression[index + 1].kind == "%" for index in numbers
    )


# Words that join two quantities, so that a bracket after them does not explain the first.
_JOINING_WORDS = frozenset(
    {"and", "or", "but", "with", "by", "of", "to", "per", "from", "over", "times", "than", "vs"}
)


def _without_per(tokens: Sequence[Token]) -> list[Token]:
    """ "tokens per step" after a number is one unit: keep "tokens", drop "per step"."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kept.append(token)
        if (
            token.kind == "u"
            and index + 2 < len(tokens)
            and tokens[index + 1].text.lower() == "per"
            and tokens[index + 2].kind == "u"
        ):
            index += 2
        index += 1
    return kept


# Currency signs and codes before an amount: "$118", "USD 620" state the number 118, 620.
_CURRENCY_SIGNS = frozenset("$\N{EURO SIGN}\N{POUND SIGN}\N{YEN SIGN}")
_CURRENCY_CODES = frozenset({"usd", "eur", "gbp", "chf", "jpy", "cad", "aud", "us$"})
# Words that join or frame quantities: never the unit of the number before them.
# A relative or demonstrative pronoun starts a clause about the noun before it: "with 3x3
# kernels that is 8 to 9 times less" says what the kernels give, no "3x3 kernels-that = 8".
_NOT_UNITS = _JOINING_WORDS | frozenset(
    {"at", "in", "for", "on", "the", "a", "an", "each", "every", "so", "then", "is", "are"}
    | {"that", "which", "this", "it", "what", "who"}
)
_UNIT_WORD = lazy_regex(r"[^\W\d_][\w'-]{0,14}")
# A variable named right before a relation is what the calculation after it computes, no
# unit of the number before it: "at step 50,000 ε = 1.0 - 0.9 x 0.5", "after 3 decays lr_t =
# 0.1 x 0.5^3". A Greek letter (or its name) or a name written with an underscore.
_VARIABLE_NAME = lazy_regex(
    r"[\u0370-\u03ff][\w'\u2032]*|[A-Za-z]+_\w+"
    r"|(?:alpha|beta|gamma|delta|epsilon|eta|theta|lambda|mu|rho|sigma|tau)(?:_?\w)?",
    re.IGNORECASE,
)


def _without_currency(tokens: Sequence[Token]) -> list[Token]:
    """Drop a currency sign or code right before an amount: "$3.20", "USD 2.50"."""
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if after is not None and after.kind == "N" and after.start - token.end <= 1:
            sign = token.kind == "_" and token.text in _CURRENCY_SIGNS
            code = token.kind == "w" and token.text.lower() in _CURRENCY_CODES
            if (sign and after.start == token.end) or code:
                continue
        kept.append(token)
    return kept


def _rate_units(tokens: Sequence[Token]) -> list[Token]:
    """ "/h" or "m/s" written without spaces after a number is its unit, not a division."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        unit = tokens[index + 1] if index + 1 < len(tokens) else None
        previous = kept[-1] if kept else None
        if (
            token.text == "/"
            and unit is not None
            and previous is not None
            and previous.kind in "Nwu"
            and previous.end == token.start
            and unit.start == token.end
            and unit.kind in "wu"
            and (index + 2 >= len(tokens) or tokens[index + 2].kind != "N")
        ):
            if previous.kind == "N":
                kept.append(Token("u", token.start, unit.end, f"/{unit.text}"))
            else:
                kept[-1] = Token("u", previous.start, unit.end, f"{previous.text}/{unit.text}")
            index += 2
            continue
        kept.append(token)
        index += 1
    return kept


# Words after an operand's unit that qualify it without changing the calculation.
_QUALIFIERS: tuple[tuple[str, ...], ...] = (
    *(("on", "average"), ("on", "avg"), ("in", "total"), ("in", "all")),
    *(("each",), ("apiece",), ("overall",)),
)


def _qualifier_length(tokens: Sequence[Token], start: int) -> int:
    """How many tokens from ``start`` are a qualifier such as "on average" (0 if none)."""
    for qualifier in _QUALIFIERS:
        found = tokens[start : start + len(qualifier)]
        if len(found) == len(qualifier) and all(
            token.kind == "w" and token.text.lower() == word
            for token, word in zip(found, qualifier, strict=True)
        ):
            return len(qualifier)
    return 0


def _mark_qualifiers(tokens: Sequence[Token], kinds: list[str]) -> None:
    """A qualifier between a unit and an operator joins the unit: "3 items on average =",
    "4 GPUs each x"; it changes no value of the calculation."""
    for index in range(1, len(tokens)):
        if kinds[index - 1] != "u":
            continue
        length = _qualifier_length(tokens, index)
        if length and index + length < len(tokens) and kinds[index + length] in "o=s~":
            kinds[index : index + length] = ["u"] * length


def _ends_label(kind: str, token: Token) -> bool:
    """Whether a token of this kind after a number's words makes them its label: an operator
    or a relation, or a plus ("50,000 train + 10,000 test" labels each part of the sum)."""
    return kind in "o=s~" or (kind == "m" and token.symbol == "+")


def _bracketed_labels(tokens: Sequence[Token]) -> list[Token]:
    """A word or two in brackets between a number and an operator or relation label the
    number ("50,000 (train) + 10,000 (test) = 60,000"): they become its unit, the brackets
    no grouping of the calculation."""
    merged: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        words_end = index + 1
        while words_end < len(tokens) and words_end - index <= 2 and tokens[words_end].kind == "w":
            words_end += 1
        if (
            token.kind == "("
            and merged
            and merged[-1].kind == "N"
            and words_end > index + 1
            and words_end + 1 < len(tokens)
            and tokens[words_end].kind == ")"
            and _ends_label(tokens[words_end + 1].kind, tokens[words_end + 1])
            and all(_UNIT_WORD.fullmatch(word.text) for word in tokens[index + 1 : words_end])
        ):
            label = " ".join(word.text for word in tokens[index + 1 : words_end])
            merged.append(Token("u", tokens[index + 1].start, tokens[words_end - 1].end, label))
            index = words_end + 1
            continue
        merged.append(token)
        index += 1
    return merged


def _operand_units(tokens: Sequence[Token]) -> list[Token]:
    """A word or two after a number and before an operator or relation is the number's unit:
    "12 heads x 64 dims = 768", "16,000 Hz x 2.5 s"; units in a row become one."""
    kinds = [token.kind for token in tokens]
    for index, token in enumerate(tokens):
        if token.kind != "w" or index == 0 or kinds[index - 1] not in "Nu":
            continue
        if token.text.lower() in _NOT_UNITS or not _UNIT_WORD.fullmatch(token.text):
            continue
        named = index + 1 < len(tokens) and kinds[index + 1] in "=s~"
        if named and _VARIABLE_NAME.fullmatch(token.text):
            continue  # "ε = …" names what the calculation after it computes
        run_end = index + 1
        qualifier = _qualifier_length(tokens, run_end)  # "4 addresses on average ="
        second_word = run_end < len(tokens) and kinds[run_end] in "wu"
        if not qualifier and second_word and kinds[index - 1] == "N":
            run_end += 1  # "36 GPU hours", "3 line items"
            qualifier = _qualifier_length(tokens, run_end)
        run_end += qualifier
        if run_end < len(tokens) and _ends_label(kinds[run_end], tokens[run_end]):
            for inside in range(index, run_end):
                if tokens[inside].text.lower() not in _NOT_UNITS:
                    kinds[inside] = "u"
    _mark_qualifiers(tokens, kinds)
    merged: list[Token] = []
    for token, kind in zip(tokens, kinds, strict=True):
        if kind == "u" and merged and merged[-1].kind == "u":
            last = merged[-1]
            merged[-1] = Token("u", last.start, token.end, f"{last.text} {token.text}")
        elif kind != token.kind:
            merged.append(Token(kind, token.start, token.end, token.text))
        else:
            merged.append(token)
    return merged


# "… gives the total", "… is the answer": a calculation whose result was stated before it.
_RESULT_NOUNS = frozenset({"total", "result", "answer", "count", "figure", "product"})
_SIDE_SHAPE = lazy_regex(_SIDE)


def _result_first_claims(tokens: Sequence[Token]) -> Iterator[_Claim]:
    """ "182M per layer: … 16M x 12 heads gives the total": a paragraph that opens with its
    answer and ends with the calculation that names it; the opening number must be its value."""
    approx = bool(tokens) and tokens[0].kind in "s~"  # "About 6.4M: …"
    tokens = tokens[1:] if approx else tokens
    if len(tokens) < 6 or tokens[0].kind != "N":
        return
    shape = "".join(token.kind for token in tokens)
    for match in _SIDE_SHAPE.finditer(shape, 1):
        after = tokens[match.end() : match.end() + 3]
        if len(after) < 3 or after[0].kind != "=" or after[1].text.lower() != "the":
            continue
        if after[2].text.lower() not in _RESULT_NOUNS:
            continue
        calculation = _Side(tuple(tokens[match.start() : match.end()]))
        result = _Side(tuple(tokens[:2] if shape[1] == "u" else tokens[:1]))
        value = calculation.value() if calculation.has_operator else None
        if value is None or _agrees(calculation, value, result, approx):
            continue
        claimed = result.claimed()
        grouped = _grouped([*result.tokens, *calculation.tokens])
        expression = calculation.expression()
        yield _Claim(
            result.start, calculation.end, expression, value, claimed[2], claimed[0], grouped, False
        )
        return


def _before_aside_ends(chain: Sequence[Token]) -> Sequence[Token]:
    """A chain up to the bracket that closes a whole equation: in "a 14 x 14 grid (224 / 16 =
    14), i.e. 196 tokens" the "i.e." restates the grid before the bracket, not the bracket's
    result, so the chain ends at ")"."""
    related_at: list[bool] = [False]  # per open bracket: a relation inside it so far
    for index, token in enumerate(chain):
        if token.kind == "(":
            related_at.append(False)
        elif token.kind in "=s~":
            related_at[-1] = True
        elif token.kind == ")":
            related = related_at.pop() if len(related_at) > 1 else related_at[0]
            following = chain[index + 1] if index + 1 < len(chain) else None
            if related and following is not None and following.kind in "=s~":
                return chain[: index + 1]
    return chain


# What opens a new clause: a stop, or a word that starts one ("0.8, so the units are …").
_CLAUSE_MARKS = frozenset(
    {".", ";", ":", "!", "?", "so", "thus", "hence", "then", "therefore", "which", "where"}
)


# Where the left operand of an operator word is looked for no further: a clause's end, or a
# subject of its own ("with k = 256 the scores are divided by √256 = 16": not 256).
_SUBJECT_MARKS = _CLAUSE_MARKS | {"the", "and", "but", "while", ","}


def _without_dangling_operators(tokens: Sequence[Token]) -> list[Token]:
    """ "the units are multiplied by 1 / 0.8 = 1.25": an operator word with no number before
    it in its clause joins no operands, so the calculation starts after it. ("10 images are
    multiplied by 1 / 4 = 2.5" keeps it: 10 is its left operand.)"""
    kept = list(tokens)
    for index, token in enumerate(tokens):
        if token.kind != "o" or not re.search(r"[A-Za-z]{2}", token.text):
            continue
        clause = index - 1
        while clause >= 0 and tokens[clause].text.lower() not in _SUBJECT_MARKS:
            if tokens[clause].kind in "N%":
                break
            clause -= 1
        else:
            kept[index] = replace(token, kind="w")
            continue
        if tokens[clause].text.lower() in _SUBJECT_MARKS:
            kept[index] = replace(token, kind="w")
    return kept


def _compound_durations(tokens: Sequence[Token]) -> list[Token]:
    """ "2 h 30 min" is one duration, 2.5 h: a whole number of a unit of time followed by a
    number of a smaller unit, less than one of the larger, becomes one number in the larger."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        window = tokens[index : index + 4]
        kinds = "".join(token.kind for token in window)
        if kinds == "NuNu":
            first, larger, second, smaller = window
            big, small = seconds_in(larger.text), seconds_in(smaller.text)
            assert first.number is not None and second.number is not None
            if (
                big is not None
                and small is not None
                and small < big
                and first.number.value.denominator == 1
                and 0 <= second.number.value < big / small
            ):
                factor = small / big
                text = f"{first.text} {larger.text} {second.text} {smaller.text}"
                value = first.number.value + second.number.value * factor
                number = Number(first.start, second.end, text, value, second.number.ulp * factor)
                kept.append(Token("N", first.start, second.end, text, number))
                kept.append(Token("u", smaller.start, smaller.end, larger.text))
                index += 4
                continue
        kept.append(tokens[index])
        index += 1
    return kept


# Signs that a number written against them makes negative: "bound: -600 + 750 = 150".
_SIGNS = frozenset({"-", "\N{MINUS SIGN}", "+"})


def _negative_numbers(tokens: Sequence[Token]) -> list[Token]:
    """A sign written against its number and apart from the word or mark before it ("bound:
    -600 + 750", "change is -3 + 5") is the number's sign, so the calculation starts with it;
    the reading without it ("600 + 750") computes another expression. A sign after a number
    or a bracket is an operator, and one followed by a space a dash."""
    kept: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        number = tokens[index + 1] if index + 1 < len(tokens) else None
        previous = kept[-1] if kept else None
        if (
            token.text in _SIGNS
            and token.kind in "m_"
            and number is not None
            and number.number is not None
            and number.start == token.end
            and number.text[:1].isdigit()
            and (previous is None or (previous.kind in "w_=" and previous.end < token.start))
        ):
            negative = token.text != "+"
            value = -number.number.value if negative else number.number.value
            text = f"{'-' if negative else '+'}{number.text}"
            signed = replace(number.number, start=token.start, text=text, value=value)
            kept.append(replace(number, start=token.start, text=text, number=signed))
            index += 2
            continue
        kept.append(token)
        index += 1
    return kept


def _running_steps(tokens: Sequence[Token]) -> list[Token]:
    """ "(384 / 16)² = 576 → + 1 = 577": an arrow followed by an operator applies it to the
    value before the arrow, which the step leaves unwritten; it is put in (a copy of the
    number, at the arrow's end), so that "+ 1 = 577" is read as 576 + 1."""
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        kept.append(token)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.kind in "=s~"
            and _is_arrow(token.text)
            and following is not None
            and following.kind in "mo"
            and index > 0
        ):
            units: list[Token] = []
            for before in reversed(tokens[:index]):
                if before.kind != "u":
                    break
                units.insert(0, replace(before, start=token.end, end=token.end))
            else:
                continue
            if before.kind == "N" and before.number is not None:
                number = replace(before.number, start=token.end, end=token.end)
                kept.append(replace(before, start=token.end, end=token.end, number=number))
                kept += units  # "6.4 GB → ÷ 64 = 100 MB": the value keeps its unit
    return kept


def _claims(tokens: Sequence[Token]) -> Iterator[_Claim]:
    tokens = _running_steps(_negative_numbers(tokens))
    tokens = _compound_durations(tokens)
    tokens = _without_per(_operand_units(_bracketed_labels(_rate_units(_without_currency(tokens)))))
    tokens = _without_dangling_operators(tokens)
    yield from _result_first_claims(tokens)
    shape = "".join(token.kind for token in tokens)
    for match in _CHAIN.finditer(shape):
        chain: Sequence[Token] = tokens[match.start() : match.end()]
        if match.start() > 0 and _FUNCTION_WORD.fullmatch(tokens[match.start() - 1].text):
            chain = _after_first_relation(chain)  # "log₂ 0.1 ≈ …": 0.1 is no result
        elif _qualifies_label(tokens, match.start(), chain):
            chain = _after_first_relation(chain)  # "steps for 10B tokens = …": no result
        if _sum_of_other_things(tokens, match.start(), match.end()):
            continue
        yield from _chain_claims(_before_aside_ends(chain))
    for match in _EXPLAINED.finditer(shape):
        result = tokens[match.start("result") : match.end("result")]
        if match.start() > 0 and _is_label(tokens[match.start() - 1].text):
            continue  # "Layer 2 (64 + 64 units)": a label, not a quantity
        between = tokens[match.end("result") : match.start("expr")]
        if any(token.text.lower() in _JOINING_WORDS for token in between):
            continue  # "12 channels and (3 + 5) taps": the bracket is another quantity
        claim = _explained_claim(result, tokens[match.start("expr") : match.end("expr")])
        if claim is not None:
            yield claim


# A function written before a number takes it as its argument: "- 0.1 log₂ 0.1 ≈ 0.332".
_FUNCTION_WORD = lazy_regex(
    r"(?i:log|ln|lg|exp|sqrt|sin|cos|tan|tanh|sigmoid|softmax)(?:[₀-₉]+|\d+)?"
)


# Words that make the number after them a qualifier of the label before it: "steps for 10B
# tokens = …", "time per 1,000 rows = …", "memory with 4 GPUs = …".
_QUALIFYING_WORDS = frozenset({"for", "per", "over", "across", "with", "using"})


def _sum_of_other_things(tokens: Sequence[Token], start: int, end: int) -> bool:
    """ "100 orders = 1 + 100 queries": an equation whose sides count different things (a
    number of one noun, a sum of another) maps one to the other; a sum keeps what it counts, so
    it computes no number of another noun. Sums of one noun ("60 + 4 = 64 channels"), nouns
    the rule knows as units, and products and quotients ("10,000 images / 200 = 50 batches"),
    which do change what they count, are still calculations."""
    chain = tokens[start:end]
    relations = [index for index, token in enumerate(chain) if token.kind in "=s~"]
    if len(relations) != 1:
        return False
    left, right = chain[: relations[0]], chain[relations[0] + 1 :]
    after = tokens[end] if end < len(tokens) else None
    if _defines_by_parts(left, right, after):
        return True
    nouns = [_counted_noun(left, right[0] if right else None), _counted_noun(right, after)]
    sums = [
        side
        for side in (left, right)
        if any(token.kind == "m" for token in side) and not any(t.kind == "o" for t in side)
    ]
    if len(sums) != 1 or None in nouns:
        return False
    first, second = (noun for noun in nouns if noun is not None)
    return _stem(first) != _stem(second)


def _defines_by_parts(left: Sequence[Token], right: Sequence[Token], after: Token | None) -> bool:
    """ "1 MAC = 1 mul + 1 add": one thing first, then the labelled parts it is made of, each
    with a noun of its own; the equation defines the thing, it sums no count of it (a sum of
    labelled parts with its total after it, "50,000 train + 10,000 test = 60,000", does)."""
    if [token.kind for token in left] != ["N", "u"]:
        return False
    numbers = [index for index, token in enumerate(right) if token.kind == "N"]
    if len(numbers) < 2 or not any(token.symbol == "+" for token in right if token.kind == "m"):
        return False
    labels = [right[index + 1] if index + 1 < len(right) else after for index in numbers]
    if any(label is None or label.kind not in "uw" or not label.text.isalpha() for label in labels):
        return False
    thing = _stem(left[1].text.lower())
    return all(_stem(label.text.lower()) != thing for label in labels if label is not None)


def _counted_noun(side: Sequence[Token], after: Token | None) -> str | None:
    """The word a side counts, written after its last number only ("1 + 100 queries"), and no
    unit the rule knows."""
    numbers = [index for index, token in enumerate(side) if token.kind == "N"]
    if not numbers or any(token.kind in "uw" for token in side[: numbers[-1]]):
        return None
    following = side[numbers[-1] + 1 :]
    word = following[0] if following else after
    if word is None or word.kind not in "uw" or not word.text.isalpha() or len(word.text) < 3:
        return None
    return None if _known_unit().fullmatch(word.text) else word.text.lower()


@cache
def _known_unit() -> re.Pattern[str]:
    return re.compile(words(data()["units"]), re.IGNORECASE)


def _stem(noun: str) -> str:
    """ "queries" and "query", "batches" and "batch" are one noun."""
    endings = (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("ses", "s"), ("s", ""))
    for ending, replacement in endings:
        if noun.endswith(ending) and len(noun) > len(ending) + 1:
            return noun[: -len(ending)] + replacement
    return noun


def _qualifies_label(tokens: Sequence[Token], start: int, chain: Sequence[Token]) -> bool:
    """ "steps for 10B tokens = 10,000,000,000 / 262,144 ≈ 38,147": the chain's first number
    qualifies the label it follows, and the calculation's result is stated after it; the
    first number is the label's condition, not the calculation's value."""
    if start == 0 or tokens[start - 1].text.lower() not in _QUALIFYING_WORDS:
        return False
    sides = _sides(chain)
    return (
        len(sides) >= 3
        and sides[0][0].is_plain
        and sides[1][0].has_operator
        and sides[-1][0].is_plain
    )


def _after_first_relation(chain: Sequence[Token]) -> Sequence[Token]:
    """The chain after its first relation: the number before it is a function's argument."""
    for index, token in enumerate(chain):
        if token.kind in "=s~":
            return chain[index + 1 :]
    return chain[:0]


def _math_claims(document: LintDocument) -> Iterator[_Claim]:
    """Calculations in ``$…$`` math: "$10{,}000 / 200 = 50$", "$O = (32 - 5)/1 + 1 = 28$"."""
    if document.text.find("$", document.body_offset) < 0:  # no math: most notes
        return
    text = _without_code_blocks(document)
    spans = [
        (match, _with_result_after(plain_latex(latex), text, match))
        for match in MATH_SPAN.finditer(text, document.body_offset)
        if (latex := match.group("display") or match.group("inline")) is not None
    ]
    # "$W = 32$", "$k = 5$": values of the symbols of a formula elsewhere in the note
    values = symbol_values(latex for _match, latex in spans)
    for match, latex in spans:
        grounds: frozenset[Ground] = frozenset()
        if values and not is_assignment(latex):
            substituted = substitute(latex, values)
            if substituted is not None and substituted != latex:
                # a symbol's value stated in other math of the note
                latex, grounds = substituted, frozenset({Ground.CARRIED})
        tokens = _without_fold_sign(
            implicit_products(tokenize(latex, 0, len(latex), math_mode=True))
        )
        shape = "".join(token.kind for token in tokens)
        for chain in _CHAIN.finditer(shape):
            for claim in _chain_claims(tokens[chain.start() : chain.end()]):
                start, end = _display_line(text, match, claim.claimed)
                yield replace(claim, start=start, end=end, grounds=grounds)
    # "$L_{out} = 996 + 8 = 1\,004$" after "$L_{out} = (L_{in} - 1)S - 2P + K$": the step's
    # result against the formula it names, with the note's values
    for index, calculation in named_steps([latex for _match, latex in spans], values):
        match = spans[index][0]
        tokens = tokenize(calculation, 0, len(calculation), math_mode=True)
        shape = "".join(token.kind for token in tokens)
        for chain in _CHAIN.finditer(shape):
            for claim in _chain_claims(tokens[chain.start() : chain.end()]):
                start, end = _display_line(text, match, claim.claimed)
                carried = frozenset({Ground.CARRIED})
                yield replace(claim, start=start, end=end, grounds=carried)


def _without_fold_sign(tokens: list[Token]) -> list[Token]:
    """ "$… \approx 14.5\times$": a times sign that ends the math after a number writes a
    fold (14.5-fold coverage, a 4x speed-up), not a product with nothing to multiply."""
    if len(tokens) >= 2 and tokens[-1].symbol == TIMES and tokens[-2].kind == "N":
        return tokens[:-1]
    return tokens


def _display_line(text: str, match: re.Match[str], claimed: str) -> tuple[int, int]:
    """Where a claim in math is reported: the whole span, or in a display written over
    several lines, the first line whose plain text states the claimed result after a relation
    (a chain "= 112 + 1 = 113" whose 112 is wrong is reported on its own line, not on "$$")."""
    span = match.group(0)
    if "\n" not in span.strip():
        return match.start(), match.end()
    result = re.compile(rf"(?:=|≈|approx)[^=≈]*?(?<![\d.,]){re.escape(claimed)}(?![\d])")
    offset = match.start()
    for line in span.splitlines(keepends=True):
        body = line.strip()
        if body and body != "$$" and result.search(plain_latex(body)):
            first = offset + len(line) - len(line.lstrip())
            return first, first + len(body)
        offset += len(line)
    return match.start(), match.end()


# A scale word written just after the closing "$": "$… \approx 110$M parameters" (not a
# spaced "B", which after math counts bytes: "$2^{29} = 536{,}870{,}912$ B").
_SCALE_AFTER_MATH = lazy_regex(r"[ \t]?(?:k|K|M|bn|thousand|million|billion)(?![A-Za-z0-9])")


# A result written after math that ends in its relation: "$60{,}000 \times 784 =$
# {{c1::47,040,000}}", "$\frac{3}{4} \approx$ **0.75**", "$2^{10} =$ 1,024": the number (in a
# cloze, bold or bare) is the math's claimed result, unless a calculation goes on after it.
_RESULT_AFTER_MATH = lazy_regex(
    r"[ \t]*(?:\{\{c\d+::[ \t]*)?(?:\*\*|__)?"
    rf"(?P<number>-?(?:{NUMBER_PATTERN}))(?![\d.,]*\d)"
    r"(?![ \t]*(?:[-+*/^\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}\N{MINUS SIGN}]"
    r"|\\times|\\cdot)[ \t]*[\d(])"
)
# The same result written as math of its own, one number in scientific notation or plain:
# "$… =$ {{c1::$3.2 \times 10^{-4}$}}", "$… =$ **$1{,}024$**".
_MATH_RESULT_AFTER_MATH = lazy_regex(
    r"[ \t]*(?:\{\{c\d+::[ \t]*)?(?:\*\*|__)?\$(?P<math>"
    rf"[ \t]*-?(?:{NUMBER_PATTERN}|\d+(?:\{{,\}}\d{{3}})+)"
    r"(?:[ \t]*(?:\\times|\\cdot)[ \t]*10[ \t]*\^[ \t]*(?:\{[ \t]*-?\d+[ \t]*\}|-?\d))?[ \t]*)\$"
    r"(?![ \t]*(?:[-+*/^\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MIDDLE DOT}\N{MINUS SIGN}]"
    r"|\\times|\\cdot)[ \t]*[\d(])"
)


# The relation itself written after the math: "$512 \times 768$ = 393,216".
_RELATION_AFTER_MATH = lazy_regex(r"[ \t]*(?P<relation>=|\N{ALMOST EQUAL TO}|~)(?![=\w])")
# What makes math a calculation whose result may follow it: a number and an operator.
_CALCULATION_MATH = lazy_regex(
    r"\d[^=\N{ALMOST EQUAL TO}]*[-+/^\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}\N{MINUS SIGN}]"
    r"[^=\N{ALMOST EQUAL TO}]*\d"
)


def _with_result_after(latex: str, text: str, match: re.Match[str]) -> str:
    """The plain math with the scale after it, or with the result written after its closing
    "$" when the math ends in "=" or "≈", or when a calculation is followed by its relation
    and result in the text ("$512 \times 768$ = 393,216")."""
    position = match.end()
    if not latex.rstrip().endswith(("=", "\N{ALMOST EQUAL TO}")):
        if _CALCULATION_MATH.fullmatch(latex.strip(" ()")):
            in_table = table_math_result(text, match.start(), match.end())
            if in_table is not None:
                return f"{latex} = {in_table}"
        relation = _RELATION_AFTER_MATH.match(text, position)
        if relation is None or not _CALCULATION_MATH.fullmatch(latex.strip(" ()")):
            return latex + _scale_after(text, match)
        latex = f"{latex} {relation.group('relation').replace('~', chr(0x2248))}"
        position = relation.end()
    result = _RESULT_AFTER_MATH.match(text, position)
    if result is None:
        in_math = _MATH_RESULT_AFTER_MATH.match(text, position)
        if in_math is None or "\n" in in_math.group():
            return latex
        return f"{latex} {plain_latex(in_math.group('math'))}"
    line_end = text.find("\n", position)
    if 0 <= line_end < result.end():
        return latex  # a result on the next line may answer something else
    return f"{latex} {result.group('number')}"


def _scale_after(text: str, match: re.Match[str]) -> str:
    """The scale that follows an inline span ending in a digit, to read with its last
    number: "$… = 109{,}482{,}240 \approx 110$M" claims 110M, not 110."""
    if match.group("inline") is None or not match.group("inline")[-1].isdigit():
        return ""
    scale = _SCALE_AFTER_MATH.match(text, match.end())
    return scale.group() if scale else ""


def _prose_formula_claims(document: LintDocument) -> Iterator[_Claim]:
    """Formulas of named quantities whose values the paragraph states ("With TP = 30 and
    FP = 10, precision = TP / (TP + FP) = 0.70"), checked with the values put in."""
    if document.text.find("=", document.body_offset) < 0:
        return
    prose = document.memo("arithmetic-prose", lambda: _calculation_prose(document))
    for formula in prose_formulas(prose, document.body_offset):
        calculation = formula.calculation
        tokens = tokenize(calculation, 0, len(calculation))
        shape = "".join(token.kind for token in tokens)
        for chain in _CHAIN.finditer(shape):
            for claim in _chain_claims(tokens[chain.start() : chain.end()]):
                # the values are put in from the paragraph's other clauses
                yield replace(
                    claim,
                    start=formula.start,
                    end=formula.end,
                    grounds=frozenset({Ground.CARRIED}),
                )


def _table_formula_claims(document: LintDocument) -> Iterator[_Claim]:
    """Formulas a table writes in its header or its labels ("| $w_i$ | $x_i$ | $w_i x_i$ |",
    "| batch $B$ | 256 |" … "| elements $B \\cdot T$ | 131,072 |"), row by row
    (``arith.table_formulas``)."""
    if "|" not in document.text and "$" not in document.text:
        return
    text = _without_code_blocks(document)
    for found in table_calculations(text, document.body_offset):
        yield from _implied_claims(found)


def _flattened_claims(document: LintDocument) -> Iterator[_Claim]:
    """A shape flattened into a length that is not its product (``arith.flattened_sizes``)."""
    if not _has_numbers(document):
        return
    prose = arith_prose(document)
    for found in flattened_sizes(prose, document.body_offset):
        yield from _implied_claims(found)
    # the same in a table: sizes in one cell, their area or pixel count in another
    for found in shape_count_tables(prose, document.body_offset):
        yield from _implied_claims(found)


def _implied_claims(found: ImpliedCalculation) -> Iterator[_Claim]:
    """The claims of a calculation a note implies, placed where the note implies it."""
    # read as math: a minus sign touching its number is a sign ("1.5 x (-2) = -3")
    tokens = tokenize(found.calculation, 0, len(found.calculation), math_mode=True)
    shape = "".join(token.kind for token in tokens)
    for chain in _CHAIN.finditer(shape):
        for claim in _chain_claims(tokens[chain.start() : chain.end()]):
            grounds = frozenset({Ground.CARRIED}) if found.carried else frozenset()
            yield replace(claim, start=found.start, end=found.end, grounds=grounds)


def _without_code_blocks(document: LintDocument) -> str:
    text = document.text
    for token in document.tokens:
        if token.type in ("fence", "code_block") and token.map:
            start = document.offset_of_line(document.note.body_line + token.map[0])
            end = document.offset_of_line(document.note.body_line + token.map[1])
            text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
    return text


_PARAGRAPH = lazy_regex(r"(?:[^\n]|\n(?![ \t]*\n))+")


# Prose tokens (see ``prose_tokens``) seen to hold no number: most tokens of most notes.
_NUMBER_FREE: set[bytes] = set()


def _has_numbers(document: LintDocument) -> bool:
    """Whether the body's prose may hold a number; without one no prose claim, count or size
    can be found, so both rules skip most notes after this look."""
    return document.memo("arithmetic-has-numbers", lambda: _may_hold_numbers(document))


def _may_hold_numbers(document: LintDocument) -> bool:
    # Tokens are cut only at ASCII punctuation and white space, never inside a digit or a
    # number word, and a word's edges stay word edges: a number's start is in one token.
    for token in prose_tokens(document.prose, document.body_offset) - _NUMBER_FREE:
        if NUMBER_START.search(token.decode()):
            return True
        _NUMBER_FREE.add(token)
    return False


def _prose_claims(document: LintDocument) -> Iterator[_Claim]:
    if not _has_numbers(document) and "`" not in document.text:
        return
    prose = document.memo("arithmetic-prose", lambda: _calculation_prose(document))
    # A claim never crosses a blank line and needs two numbers: tokenise only such paragraphs.
    for paragraph in _PARAGRAPH.finditer(prose, document.body_offset):
        start, end = paragraph.span()
        if len(list(islice(find_numbers(prose, start, end), 2))) == 2:
            yield from _claims(implicit_products(tokenize(prose, start, end), brackets=True))
            yield from _phrase_claims(prose, start, end)


def _calculation_prose(document: LintDocument) -> str:
    """The prose with inline code that states a result put back and table rows of a
    calculation and its result read as "A op B = C"."""
    prose = document.prose
    if "`" in document.text:
        text = _without_code_blocks(document)
        prose = with_calculation_code(text, prose, document.body_offset)
    if "\\" in prose:
        prose = _LATEX_TIMES_IN_PROSE.sub(_same_length_times, prose)
    return calculation_rows(binomials_as_values(spaced_thousands(prose)))


# TeX that Markdown leaves as text (``\[ 512 \cdot 10 + 10 = 5130 \]``, which AG171 reports):
# its times sign is still a times sign, or "10 + 10" would be read as the whole calculation.
_LATEX_TIMES_IN_PROSE = lazy_regex(r"\\(?:cdot|times)(?![A-Za-z])")


def _same_length_times(match: re.Match[str]) -> str:
    return f" {TIMES}".ljust(len(match.group()))


def _phrase_claims(prose: str, start: int, end: int) -> Iterator[_Claim]:
    """Calculations written as phrases (``arith.phrases``): relative changes, shares, means;
    then quantities derived in words (``arith.rates``) where no phrase claim already is."""
    phrases = list(phrase_claims(prose, start, end))
    derived = [
        claim
        for claim in rate_claims(prose, start, end)
        if not any(claim.start < other.end and other.start < claim.end for other in phrases)
    ]
    for claim in phrases:
        yield _claim_of(claim)
    for claim in derived:  # each input's role read from the words around it
        yield replace(_claim_of(claim), grounds=frozenset({Ground.ROLE}))


# ---------------------------------------------------------------------------------------------
# The rules


class WrongArithmetic(Rule):
    r"""An explicit calculation whose result is wrong, or whose expression does not compute the
    number it explains.

    Checks calculations written in prose, "A / B = C", "A divided by B is C", "A * B = C",
    "A times B equals C", "A% of B is C", "A plus B", "A minus B", chains "A = B = C" and
    results claimed with "about", "≈" or "~", and the same in ``$…$`` math, where ``\frac``,
    ``\times``, ``\cdot``, ``\div``, ``\lfloor``/``\lceil`` and ``^{…}`` are understood:
    ``$\frac{227 - 11}{4} + 1 = 55$``. The expression is parsed with the usual precedence,
    round and square brackets, floor and ceiling brackets, powers (``2^10``, ``2 ** 10``,
    superscripts), floor division (``//``) and the Unicode signs for minus, times (also a
    middle dot, or an x between numbers) and division, and computed exactly: "(32 - 5) / 1 + 1
    = 30" is reported as 28, not 30. A calculation in brackets after a number must compute
    that number: "50 iterations (10,000 divided by 50)" is wrong, since 10,000 / 50 = 200.
    Numbers may be written ``10,000``, ``10000``, ``60 000``, ``10k``, ``1e4``, ``2.5M``, with a
    decimal comma (``0,143``, ``2,5``: a leading "0," or one or two digits after the comma;
    ``1,250`` stays a thousands group) or as words ("two hundred"); "=>" states a result like
    "=". A result is accepted to the precision it is written with ("10 / 3 = 3.33"), as
    a program prints it ("0.1 + 0.2 = 0.30000000000000004"), in another unit ("1/60 s = 16.7
    ms"), or as percentage points; a division of counts may be rounded up or down ("313 steps
    (10,000 / 32)"); "about", "≈" and "~" allow rounding or cutting to the digits written, or
    one unit of the last written digit: "30,522 x 768 ≈ 23.4M" is right, "≈ 24.4M" is wrong.
    Units and currencies may stand after any number of a calculation and before or after its
    result: "16,000 Hz x 2.5 s = 40,000 samples", "12 heads x 64 dims = 768", "$3.20/h x 40 h =
    $128", "8 x 36 x 2.50 = USD 720"; so may labels of the parts of a sum ("50,000 train +
    10,000 (test) = 60,000"), while one thing defined by its parts ("1 MAC = 1 mul + 1 add")
    is no sum. A paragraph that opens with its answer and names it with
    a later calculation ("192M per layer: … 16M x 12 heads gives the total") is checked too.
    Ranges
    ("3-5 layers"), dates, versions, ratios and times ("16:9", "10:30"), list markers and
    function calls ("log(100) + 1", "log10(1000 / 10) = 2", "max(0, 3 - 5) = 0") are not
    calculations: the call is read as a whole, never its argument alone; ``sqrt(…)`` is a
    square root. A logarithm of a number with a stated value is checked on its own:
    "log2(1024) = 10", "log_2 256 = 8", "ln(e^2) = 2", "log10(0.001) = -3", "-log2(0.125) = 3"
    and ``$\log_{10} 1000 = 3$`` exactly where the value is rational, "log2(10) ≈ 3.32" to the
    digits written (rounded or cut off); a bare "log", whose base depends on the field, and a
    logarithm inside a longer calculation ("1 - ln(2)") are left alone. A result exactly
    halfway between two values of the precision it is written with is rounded half away from
    zero when stated as equal: 85 / 100 is 0.85, written "0.9" at one digit, never "0.8"
    (after "about" either is fine). A number word that starts a compound ("zero-padded",
    "one-hot") is no number. A plus-or-minus sign (±, ∓, +/-, ``\pm``, ``\mp``) states an
    interval: in "$50 \pm 1.96 \cdot 2 = 50 \pm 3.92$" neither 50 is the product's result.
    In a chain, a step that writes one part of the calculation before it as a number and keeps
    the rest must compute that part: "⌊(128 - 3) / 2⌋ + 1 = 63 + 1 = 64" is reported, since
    ⌊(128 - 3) / 2⌋ = 62 (also with ``\left\lfloor … \right\rfloor``); a running calculation
    ("8 x 4 = 32 x 100 = 3,200") is left alone.

    Calculations written as phrases are checked too: a relative change ("from 200 ms to 150
    ms, a 25 % reduction"; between two percentages the change in points is also accepted unless
    it says "relative"), a change in percentage points ("from 70 % to 78 %, a gain of 8
    points"), a percentage applied to a number ("a 15 % increase over 200 gives 230", "a 25 %
    drop from 400 leaves 300"), a comparison ("690 hours, which is 15 % more than the 600
    hours of run A"), a share ("45 of the 300 examples, i.e. 15 %", "45 out of 60 right, an
    accuracy of 75 %", "300 of the 1,200 reviews (25 %)"), a part of a total ("20 % of",
    "a quarter of", "3/4 of the 1,000 images, i.e. 750"), a total split in a ratio ("an 80/20
    split of 48,000 images gives 38,400 and 9,600"), a quotient rounded up or down
    ("60,000 / 128 = 468.75, rounded up to 469"), a mean, median or sum of a listed few numbers
    ("the median of 7, 3 and 9 is 7", "0.81, 0.84 and 0.79; their mean is 0.81", "120, 130 and
    150 examples, 400 in total", "80 and 51 parameters, 131 in total"); years are left alone,
    and so is a clause about a speed-up or a throughput, or one whose numbers are versions
    ("from 1.13 to 2.0"), while the other clauses of its paragraph are still checked.
    Multiples in words are numbers: "half of 256 is 128", "twice 384 is 768", and so are
    powers: "2 to the power of 10 is 1,024", "32 squared = 1,024". A question heading that
    asks for a calculation ("What is 15 % of 240?") answered by a bare number is a claim too.
    A product of two different counts ("2.5k steps * 32 examples") or of a count and a time
    ("469 steps x 0.2 s = 93.8 s") is checked;
    sums across units and products of two units of time or size are not, since they may
    convert. "Tokens per step" after a number is one unit; "4x" after a number is a factor, not
    a sign; ``ceil(…)`` and ``floor(…)`` round like ⌈…⌉ and ⌊…⌋; bold markers around a result
    and thin spaces between groups of digits ("60 000") are read through. A result in another
    unit of time is shown in that unit: "3 x 40 s = 2 min, not 3 min". A variable named right
    before a relation (a Greek letter or its name, or a name with an underscore) is what the
    calculation after it computes, no unit of the number before it: "at step 50,000 ε = 1.0 -
    0.9 x 0.5 = 0.55" states 0.55.
    A number with a spaced "B" counts bytes where the text names a memory size ("1e8 x 16 B =
    1.6 GB"), else billions ("175 B parameters").
    Byte units in other languages and spelled out ("Kio", "Mo", "octets", "МиБ", "gibibytes")
    are read as the symbols they name, and HTML entities as the card shows them ("300 &times;
    100", "12&nbsp;000"). Numbers joined by slashes may be shares, not a quotient: a split in
    percentages beside a split word ("50,000 rows split 80/20 → 40,000 train"), shares under
    a slashed label ("pos/neg = 1/4 → 20 %") and the parts of a total ("200k = 160k / 20k /
    20k") are read so when the value claimed is such a share or part. An arrow after a list of
    givens ("224x224 image, 16x16 patches → 196 patches") derives its result from all of them
    when their numbers, each taken up or down once, give it.

    A total under its parts is a sum: the last item of a labelled list ("- total: 10,000
    sentences" under "- train: 8,000 sentences", …) and the total row of a table, column by
    column, are checked when every part is one number of the same kind; columns of rates,
    means, scores, times and parameter counts are left alone, and rounded parts may miss the
    total by their rounding. A list item that states a calculation ("- conv1: 3 x 3 x 3 x 16 +
    16 = 448") is no part: its first number is an operand, not the item's amount.

    Scale letters may follow after a space ("3 x 40 M = 120 M"), also inside a cloze. Formula
    symbols given a value elsewhere in the note's math ("$W = 32$", "$F = 3$, $S = 1$") are put
    into a formula that uses them, "$(W - F)/S + 1 = 29$" (a symbol with two values, or a letter
    without one, leaves the formula alone; a symbol that only names what a chain of numbers
    computes, "$G = 1 - (0.5^2 + 0.5^2) = 0.5$", keeps no value from elsewhere).

    Square roots and fractional powers are computed too ("√2 ≈ 1.41", "$\sqrt{16} = 4$",
    "$2^{0.5} \approx 1.414$"): a root that is not rational may only be rounded or truncated
    to the digits written. Thousands grouped with ordinary spaces ("60 000 images") are one
    number unless they may be a list ("64 128", or a number just before or after). Quantities
    derived in words are checked when every input is stated: parts and a total after
    "together" or "in total" with one scale ("1.2 M and 0.8 M, so together 2 M"), precision,
    recall, specificity, F1 and accuracy against the TP/FP/FN/TN counts the note states, a
    rate of two counts ("870 of the 1,000 images correctly, an accuracy of 87 %"), a class
    ratio ("950 negatives and 50 positives, a 19:1 imbalance"), a step-decay schedule
    ("starting at 0.1 and halved every 10 epochs, after 30 epochs 0.0125"), the tokens of a
    batch of sequences, the time of an epoch from a time per step or a throughput, the memory
    of weights from their bytes per parameter, the receptive field of stacked stride-1
    convolutions (1 + n·(k - 1)) and an effective batch (per-device batch times accumulation
    steps times devices).

    In Python code a comment that states the result of its line is checked:
    ``steps = n // batch_size  # 225`` or ``print(steps)  # 225``, with the numbers assigned to
    the names earlier in the block (never a name set in a loop, a function or a condition), and
    Python's own meaning of ``/``, ``//``, ``%``, ``**``, ``math.ceil`` and ``round``; the code
    is parsed, never run. A comment in another unit ("60 *
    60 * 24  # 1 day") is no result. A comment in any language (``#``, ``//``, ``--``) that
    itself states a calculation and its result ("# 32 x 150,528 = 4,816,896 values") is
    checked like prose; the code around it is not. Inline code that states a result
    ("`validation_steps = ceil(10,000 / 128) = 79`") is read like prose, and so is inline code
    that is only a calculation of numbers followed by its result ("`floor((16000 - 400) / 160)
    + 1` = 98", "→ **521**", a cloze); inline code that only computes is not. In a table, a
    calculation cell next to its result is a claim when a header says so ("formula", "value",
    "result", "total", "return"), or when the
    result's column counts something ("parameters", "params", "size", "memory" without a
    unit in brackets) and the calculation's column says how ("count", "breakdown") or writes
    the formula ("weights + biases"): "| 3072 x 768 + 768 | 2,362,368 |" is wrong; a column
    of its own quantity ("kernel" 3 x 3, "blocks" 3 + 4 + 6 + 3) is none, nor a range ("1-3").

    A derivation may also lead to its result by "i.e.", "so", "gives", "which gives", "that
    is", an arrow or, after math, a comma ("$\lfloor (28 - 3) / 2 \rfloor + 1$, i.e. 14"): the
    result must be the value, or the value rounded down, up or to the nearest whole number.

    Math that ends in its relation takes the number written after it as its result, in a
    cloze, in bold or bare: "$60{,}000 \times 784 =$ {{c1::4,704,000}}" is wrong (a shape such
    as "**60x60**" or a calculation that goes on is none), and so does math that computes and
    is followed by its relation in the text, "$512 \times 768$ = 393,126". A result in LaTeX
    scientific notation, "$= 1.25\times10^{-4}$", is one number. A code comment may go on
    after its result with an arrow or a dash ("print(1 / (1 - rate))  # 1.2  -> scale
    factor"), and a value halfway between two written ones is rounded half away from zero
    there too; a print of an f-string with one value (``print(f"{n / 128:.1f}")``) states
    that value. An interactive session's output line is the value of the ">>>" expression
    above it (">>> 1 / (1 - rate)" then "1.2"), with the names earlier prompts assigned, and
    an output block right below a Python block (or under a label such as "Output:") holds one
    line per top-level print, each the value that print computes. An
    exponential of a number with a stated value, "exp(2.3) ≈ 9.97", "$e^{-1} \approx 0.368$",
    is computed and may be rounded or cut to the digits written (never inside a longer
    calculation).
    Formulas a table writes in its labels are calculations: a column whose header is a formula
    over other columns' headers ("| $w_i$ | $x_i$ | $w_i x_i$ |", "| hours | rate | hours x
    rate |") holds that formula of each row's cells, and rows of a key/value table or list that
    give symbols values ("| batch $B$ | 256 |", "- window $T$: 512", "| length (T) | 512 |")
    make a later row's formula over them ("| elements $B \cdot T$ | 131,072 |", "| tokens (B x
    T) | … |") a calculation with its value. A column of
    calculations whose next column is their result in two rows or more, and in most, is read
    as calculation and result whatever its header ("calc", "how"). A shape said to be
    flattened, unrolled or reshaped into a length ("Flatten turns a 7 x 7 x 64 map into a
    vector of 3,136 numbers", "reshape (60000, 28, 28) to (60000, 784)", "7x7x64 -> Flatten
    -> 3,136") must be its product, and so must a count of a shape's elements ("a 640 x 480
    frame has 307,200 pixels"; a multiple or a part, an axis left out, is fine);
    a sentence that pools, contrasts or negates is left alone. An equation whose sides count
    different things, a number of one noun and a sum of another ("100 orders = 1 + 100
    queries"), maps one to the other and is no sum (nouns the rule knows as units are still
    summed).
    Results may also be written in these ways: math after the relation that is one number
    ("$… =$ {{c1::$3.2 \times 10^{-4}$}}", "**$49{,}152$**"); a table cell of math next to
    its result under a formula or result header, a unit after both ("| $24 \times 128$ MiB |
    3,072 MiB |"; a result in a larger unit alone converts); a code comment in a unit, which
    must be the value converted by a usual factor (1,000, 1,024, 60, 3,600, 8 bits) to within
    5 % ("print(n * 30 / 1e6)  # 11.06 MB/s" for 110.6 is wrong); a print of several values
    with one number each in its comment, or one print's comment alone on the line below
    ("# 512 1048576"); ``round(x, n)``, which prints its float digit for digit ("0.7" for
    0.6857 is wrong); a column headed by a formula over a symbol the prose gives one value
    ("scale s = 0.05" then "| q * s |"), or whose formula over other columns the heading or a
    sentence states ("EL = PD * LGD * EAD"), with money and percent cells read as numbers.
    Arithmetic of another kind that the note names excuses only the claims it explains: numbers
    written in a named base ("In binary: 1011 + 110 = 10001"), a result wrapped into an integer
    of 8 to 64 bits ("overflows: 250 + 10 = 4"), a residue modulo a stated number, 0/1 or
    bitwise operands of a boolean operation; "far below an int32 overflow" beside
    "32 x 512 = 16,484" is still a wrong product. A paragraph about gradient overflow steps
    under a loss scale is no integer arithmetic.

    A calculation is wrong only when it is wrong under every reading the note's notation allows
    (``arith.other_readings``): a result or a step of a chain shown in another unit ("=
    17,280,000 B ≈ 16.5 MiB", "= 2,073,600 pixels ≈ 2.07 MP", "= 23,040 kbit = 2.88 MB", "=
    20,000 s ≈ 5.6 h", "≈ 1.01e9 s ≈ 32 years", "≈ 231M MACs ≈ 462 MFLOPs", "110 Da ≈ … kDa", a
    count of values shown as memory in the number format the line names, "≈ 38.6M params ≈ 147
    MiB in fp32"); "GB", "MB" and "kB" may be decimal or binary, one convention per calculation,
    but never the same unit read both ways; units of one kind whose prefixes cancel ("10 s / 20
    ms = 500 frames", "3,600 s x 16 kHz = 57.6M samples", "10M x 150 bp / 3 Mb = 500x"); a
    product that goes on before the calculation over labelled factors ("batch 8 x seq 2,048 x d
    4,096 x 2 B = 134,217,728 B"); a scale letter that is a power of 1,024 ("2^16 = 65,536, i.e.
    64k"); a factor shown as the change it makes, with a sign or a word of change ("1.05^10 ≈
    1.629, i.e. +62.9 %", "0.75, i.e. 25 % lower"); a ratio below one shown as the factor it
    divides by ("≈ 0.115, i.e. ≈ 8.7x fewer"); thousands grouped by dots, with decimals after a
    comma ("1.024 / 32 = 32", "73.257 / 128 = 572,32"); a decimal comma before three digits,
    also before a power of ten ("= 1,875 x 10¹⁸"); a result written in binary ("5 + 3 = 1000"),
    in hexadecimal in a note about hex, or with its base as a subscript ("1101₂ = 13₁₀"); a
    quotient cut to a whole number in a note that names integer division ("In Java, 7 / 2 = 3"),
    or given with its remainder ("13 ÷ 2 = 6 r 1", "17 / 5 = 3 remainder 2"); a vulgar fraction
    ("2/3 = 66⅔ %"); the start of a range whose other end is the value ("2¹⁰ - 1, i.e. 0 to
    1,023"); a share of the step before for each of a few parts ("= 1 %, i.e. 0.5 % in each
    tail"); a number that starts a new clause ("i.e. 11 becomes 1100"); a quantity restated as a
    calculation in other units whose result follows ("1 h = 3,600 s x 16,000 = 57.6M samples",
    "100 km/h = 100 / 3.6 ≈ 27.8 m/s"). The number after "@" is a metric's cut-off or a setting
    ("Recall@10 = 3/8", "64 @ 4 GPUs"), no result. A chain goes on being checked after a step
    such a reading makes right. A restatement for another quantity ("= 100x, i.e. 10x in
    amplitude") is only a warning. More readings of a result restated at another scale
    (``arith.restated_results``): a bare scale after it, a letter, a word or a power of ten ("=
    3,949,461,504 ≈ 3.95 G", "≈ 1.1 T"); a spaced "B" as bytes where the result writes its "B"
    after a power of ten ("2 B = 3.84 x 10⁹ B") or the note sizes memory; a count of values
    restated as memory in the number format its step or line names ("= 1,000,000 fp32 weights =
    4,000,000 bytes", "≈ 23.4M ≈ 89 MiB in fp32"); a volume or an area in another unit of its
    kind ("76.8 mm³ ≈ 0.077 mL"); a result in a prefixed unit whose base an operand counts in
    ("16,000 Hz x 16 bit = 256 kbit/s"); a unit of time under a head word ("3,584 GPU-days ≈ 86k
    GPU-hours"); a sum whose labelled terms go on past a label ("65,535 - 8 bytes UDP header -
    20 bytes IP header"); the same with the LaTeX of units and numbers made plain ("\text{MB}",
    "73{,}728"). The readings judge the calculation's own value, before a conversion made for
    the message. A sign written against a calculation's first number is its sign ("bound: -600 +
    750 = 150"); an arrow followed by an operator applies it to the value before the arrow ("=
    576 → + 1 = 577"), and a hedge after an arrow ("61 frames -> ≈ 2.03 s") still maps the
    result to another quantity. A result in a unit of one kind after a step that states the
    value without a unit of that kind ("= 98 frames ≈ 0.98 s", "= 590,080 ≈ 0.59 M ≈ 2.36 MB"),
    with no number format on the line, restates it by a factor the note does not write: a
    finding on it is only a warning.

    How sure a finding is sets its severity (``lint.grounds``): a calculation the note writes
    out, in prose, math, a code comment, a table row or a flattened shape, is an error when it
    evaluates differently; a finding whose derivation needed something the note does not state
    at the claim is a warning: a symbol's value put in from other math or another row ("$W =
    32$" for a formula written elsewhere), a named quantity's value from another clause, a
    quantity derived in words whose inputs' roles are read from the words around them, a
    metric from confusion counts found anywhere in the note, and a total under parts that the
    layout makes its parts. The message is the same either way.
    """

    code = "AG101"
    name = "arithmetic"
    summary = "a stated calculation is wrong or does not compute the number it explains"
    bad = "# How many iterations make an epoch?\n\n10,000 / 200 = 40 iterations.\n"
    good = "# How many iterations make an epoch?\n\n10,000 / 200 = 50 iterations.\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if not writes_a_number(document):
            return  # no number, no claim (number_gate)
        document = entities_read(document)  # "300 &times; 100": read as the card shows it
        lines = set()
        for claim in _document_claims(document):
            lines.add(document.position(claim.start)[0])
            yield Finding(
                claim.start,
                claim.end,
                _message(document, claim),
                severity=severity_of(claim.grounds),
            )
        # derivations whose result follows "i.e.", "so", "gives", "->", ... rather than "="
        for start, end, message in wrong_derivations(document):
            if scaled_unit_after(document.text[end : end + 12]):
                continue  # "300 W x 10 h = 3 kWh": converted, and judged by the chains above
            if document.position(start)[0] not in lines and document.position(end)[0] not in lines:
                yield Finding(start, end, message)
        # session 33: a size of memory restated in another unit ("73,728 B = 72 KiB")
        for start, end, message in memory_restatements(document.text, document.body_offset):
            if document.position(start)[0] not in lines:
                yield Finding(start, end, message)
        # session 34: the same across a line break or in a plain-text fence
        for start, end, message, joined in memory_continuations(
            document.text, document.body_offset
        ):
            if document.position(start)[0] not in lines:
                yield Finding(start, end, message, severity=Severity.WARNING if joined else None)
        # session 34: a table cell that breaks the rule its column keeps on every other row
        if "|" in document.prose:
            for slip in column_slips(document.prose, document.body_offset, len(document.prose)):
                if document.position(slip.start)[0] not in lines:
                    yield Finding(slip.start, slip.end, slip.message, severity=Severity.WARNING)


def _document_claims(document: LintDocument) -> list[_Claim]:
    # Both arithmetic rules need the claims; find them once per document (its entities read).
    view = entities_read(document)
    return view.memo("arithmetic-claims", lambda: _find_claims(view))


def wrong_calculation_spans(document: LintDocument) -> list[tuple[int, int]]:
    """Where AG101 reports a wrong calculation, from its first number to its claimed result:
    the other arithmetic rules leave those numbers to it."""
    return [(min(c.start, c.result or c.start), c.end) for c in _document_claims(document)]


def _find_claims(document: LintDocument) -> list[_Claim]:
    token = _COUNTS_WHOLE_THINGS.set(_counts_whole_things(document))
    excused = _EXCUSED.set(lambda claim: _right_when_read_otherwise(document, claim) is not None)
    try:
        claims = _claims_of(document)
    finally:
        _COUNTS_WHOLE_THINGS.reset(token)
        _EXCUSED.reset(excused)
    kept = [claim for claim in claims if _right_when_read_otherwise(document, claim) is None]
    return [_graded_by_doubt(document, claim) for claim in kept]


def _graded_by_doubt(document: LintDocument, claim: _Claim) -> _Claim:
    """A claim that may be right under a reading no rule checks is a warning
    (``arith.other_readings.doubtful_reading``)."""
    start = min(claim.start, claim.result or claim.start)
    end = max(claim.end, claim.result or claim.end)
    text, claimed = document.text, claim.claimed_value
    if doubtful_reading(text, start, end, claimed) is None and not another_quantity(
        text, (start, end), claimed
    ):
        return claim
    return replace(claim, grounds=claim.grounds | {Ground.CHOICE})


def _right_when_read_otherwise(document: LintDocument, claim: _Claim) -> str | None:
    """The reading under which a reported calculation is right (``arith.other_readings``): a
    result in another unit, a binary scale letter, a signed change, dotted thousands, …"""
    start = min(claim.start, claim.result or claim.start)
    end = max(claim.end, claim.result or claim.end)
    reason = (
        other_reading(document.text, start, end, claim.value, claim.claimed_value, claim.expression)
        or restated_reading(
            document.text, start, end, claim.value, claim.claimed_value, claim.expression
        )
        or plain_math_reading(
            document.text, start, end, claim.value, claim.claimed_value, claim.expression
        )
    )
    if reason is not None:
        stage_trace.judged(stage_trace.ARITHMETIC, claim.start, f"another reading: {reason}")
    return reason


# What a note counts in whole things: a division's result may then be rounded up or down to a
# whole number ("10,000 / 32 = 313 steps", "(32 - 5) / 2 + 1 = 14" pixels).
_WHOLE_THINGS = lazy_regex(
    r"\b(?:(?:mini-?)?batch(?:es)?|steps?|iterations?|epochs?|updates?|tokens?|pixels?|outputs?"
    r"|kernels?|strides?|padd\w*|pool\w*|conv\w*|layers?|channels?|neurons?|units?|param\w*"
    r"|weights?|rows?|columns?|pages?|chunks?|groups?|buckets?|nodes?|gpus?|devices?|workers?"
    r"|blocks?|patch(?:es)?|windows?|frames?|shards?|bins?|samples?|images?|examples?|items?"
    r"|bytes?|bits?|heads?|boxes|cells?|slots?|packets?|files?|records?|servers?|machines?"
    # or says it rounds: "rounded up", "ceil", "at least 4 buses are needed"
    r"|round\w*|ceil\w*|floor\w*|whole|at[ \t]+least|needed)\b",
    re.I,
)
# Set per note by ``_find_claims`` for ``_agrees``, deep in the claim search.
_COUNTS_WHOLE_THINGS: ContextVar[bool] = ContextVar("counts_whole_things", default=True)


def _counts_whole_things(document: LintDocument) -> bool:
    return _WHOLE_THINGS.search(document.text, document.body_offset) is not None


# "= 18,496 → ≈ 7.7x smaller": a result restated as a ratio to another count, no value of
# the calculation (the fold sign ends the claim, a comparison follows)
_RATIO_AFTER = lazy_regex(
    r"[ \t]+(?:smaller|larger|bigger|fewer|more|less|faster|slower|cheaper|lighter|heavier"
    r"|reduction|compression|speed-?up|saving)\b",
    re.IGNORECASE,
)


def _ratio(document: LintDocument, claim: _Claim) -> bool:
    """Whether the claimed number is a fold written after the result ("≈ 7.7x smaller")."""
    end = claim.end if claim.result is None else max(claim.end, claim.result)
    sign = document.text[end - 1 : end]
    # only after an arrow that moves on from the result: "= 8x faster" states the result
    arrow = re.search(
        r"(?:\N{RIGHTWARDS ARROW}|->)[ \t]*(?:\N{ALMOST EQUAL TO}|~)?[ \t]*[\d.]+.$",
        document.text[claim.start : end],
    )
    return (
        arrow is not None
        and sign in ("\N{MULTIPLICATION SIGN}", "x", "X")
        and document.text[end - 2 : end - 1].isdigit()
        and _RATIO_AFTER.match(document.text, end) is not None
    )


def _slashed_shares(document: LintDocument, claim: _Claim) -> bool:
    """ "split 80/20 → 40,000 train", "200k = 160k / 20k / 20k": shares written with slashes."""
    if "/" not in claim.expression:
        return False
    return slashed_shares(
        document.text, claim.start, claim.end, claim.expression, claim.claimed_value
    )


def _from_givens(document: LintDocument, claim: _Claim) -> bool:
    """ "224x224 image, 16x16 patches → 196 patches": the arrow takes every given listed;
    "1,000 steps (64,000 / 64) → 4 validations": it leads on from the number explained."""
    return derived_from_givens(
        document.text, claim.start, claim.end, claim.claimed_value
    ) or explains_number_before(document.text, claim.start, claim.end, claim.value)


def _claims_of(document: LintDocument) -> list[_Claim]:
    claims = {claim.start: claim for claim in _prose_claims(document)}
    for claim in _math_claims(document):
        claims.setdefault(claim.start, claim)
    for claim in _prose_formula_claims(document):
        claims.setdefault(claim.start, claim)
    for claim in _table_formula_claims(document):
        claims.setdefault(claim.start, claim)
    for claim in _flattened_claims(document):
        claims.setdefault(claim.start, claim)
    for claim in _total_claims(document):
        claims.setdefault(claim.start, claim)
    for claim in _question_claims(document):
        claims.setdefault(claim.start, claim)
    for claim in _metric_claims(document):
        claims.setdefault(claim.start, claim)
    found = [
        claims[start]
        for start in claims
        if not _other_arithmetic(document, claims[start])
        and not _ratio(document, claims[start])
        and not _slashed_shares(document, claims[start])
        and not _from_givens(document, claims[start])
    ]
    # Python's arithmetic is exact and known: code needs no such filter.
    found += [claim for claim in _code_claims(document) if claim.start not in claims]
    found += _output_block_claims(document)
    found += [
        claim
        for claim in _comment_claims(document)
        if not any(other.start < claim.end and claim.start < other.end for other in found)
        and not _other_arithmetic(document, claim)
    ]
    # A logarithm's value holds in any paragraph, also one about base 2 or bits.
    taken = {claim.start for claim in found}
    found += [claim for claim in _log_claims(document) if claim.start not in taken]
    taken = {claim.start for claim in found}
    found += [claim for claim in _exp_claims(document) if claim.start not in taken]
    return sorted(found, key=lambda claim: claim.start)


_LOG_NUMBER = r"\d+(?:\.\d+)?"
# "log2(1024) = 10", "log_2 1024 = 10", "ln(e^2) = 2", "-log2(0.25) = 2", "log10(0.001) = -3",
# "log2(10) ≈ 3.32", "log base 2 of 1024 is 10", "the natural log of 1 is 0", and in math
# "\log_{10} 0.001 = -3": a logarithm of a number (a power, a fraction) with a claimed value,
# never part of a longer calculation.
_LOG_CLAIM = lazy_regex(
    r"(?P<neg>[-\N{MINUS SIGN}][ \t]*)?(?<![\w.])\\?"
    r"(?P<fn>ln|log(?:arithm)?|natural[ \t]+log(?:arithm)?)"
    r"(?:_?\{?(?P<base>\d+|e)\}?|[ \t]+(?:to[ \t]+)?base[ \t]+(?P<wbase>\d+|e))?"
    r"(?:[ \t]+of)?[ \t]*(?:(?P<open>\()[ \t]*)?"
    rf"(?:e[ \t]*\^[ \t]*\{{?(?P<epower>[-\N{{MINUS SIGN}}]?{_LOG_NUMBER})\}}?"
    r"|(?P<pbase>\d+)[ \t]*\^[ \t]*\{?(?P<pexp>[-\N{MINUS SIGN}]?\d+)\}?"
    rf"|(?P<num>{_LOG_NUMBER})(?:[ \t]*/[ \t]*(?P<den>\d+))?)"
    r"[ \t]*(?(open)\))[ \t]*"
    r"(?P<rel>=|\N{ALMOST EQUAL TO}|\N{ASYMPTOTICALLY EQUAL TO}|~|\\approx\b|is|equals)[ \t]*"
    rf"(?P<claim>[-\N{{MINUS SIGN}}]?{_LOG_NUMBER})"
    r"(?!\d|[.,]\d|[ \t]*[-+*/^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}(\N{MINUS SIGN}][ \t]*\d)"
)
# What before a logarithm makes it part of a longer calculation: "2 log2(8)", "1 - ln(2)".
# A one-letter symbol is a factor ("p log2(0.5)"); the words "a" and "I" are not.
_CALCULATION_BEFORE = lazy_regex(
    r"(?:[\d)\]*/+^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DOT OPERATOR}\N{ASTERISK OPERATOR}"
    r"\N{MINUS SIGN}-]|(?<![\w.])[b-zB-HJ-Z])\Z"
)
_LIST_MARKER = lazy_regex(r"[ \t>]*(?:[-*+]|\d{1,3}[.)])")
# A function name right before an exponential takes it as its argument: "ln e^{2}", "log(e^3".
_FUNCTION_BEFORE = lazy_regex(
    r"(?<![A-Za-z])(?:ln|lg|log[_\d]*|sqrt|sin|cos|tan|tanh|sigma|exp)[ \t]*[({]?[ \t]*\Z",
    re.IGNORECASE,
)


def _log_claims(document: LintDocument) -> Iterator[_Claim]:
    """Logarithms of numbers with a claimed value, in prose and in ``$…$`` math."""
    yield from _function_claims(document, ("ln", "log"), _logarithm_claims)


def _function_claims(
    document: LintDocument,
    keys: tuple[str, ...],
    reader: Callable[[str, int], Iterator[_Claim]],
) -> Iterator[_Claim]:
    """A function's claims (``reader``) in the prose and in each ``$…$`` span that holds one of
    its ``keys``; a claim in math is reported over its whole span."""
    if not any(key in document.text for key in keys):
        return
    yield from reader(document.prose, document.body_offset)
    if document.text.find("$", document.body_offset) < 0:
        return
    text = _without_code_blocks(document)
    for match in MATH_SPAN.finditer(text, document.body_offset):
        latex = match.group("display") or match.group("inline")
        if latex is not None and any(key in latex for key in keys):
            for claim in reader(plain_latex(latex), 0):
                yield replace(claim, start=match.start(), end=match.end())


def _logarithm_claims(text: str, start: int) -> Iterator[_Claim]:
    for match in _LOG_CLAIM.finditer(text, start):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].rstrip()
        if _CALCULATION_BEFORE.search(before) and not _LIST_MARKER.fullmatch(before):
            continue
        claim = _wrong_logarithm(match)
        if claim is not None:
            yield claim


def _log_number(text: str) -> Fraction:
    return Fraction(text.replace("\N{MINUS SIGN}", "-"))


def _wrong_logarithm(match: re.Match[str]) -> _Claim | None:
    """The claim of a logarithm match when its value is wrong; None when right or unknown."""
    base_text = match.group("base") or match.group("wbase")
    written_function = match.group("fn").lower()
    function = "ln" if written_function.startswith(("ln", "natural")) else "log"
    if match.group("epower") is not None:
        if function != "ln" and base_text != "e":
            return None  # "log(e^2)": the base is not said
        value, exact = _log_number(match.group("epower")), True
    else:
        if function == "log" and base_text is None:
            return None  # a bare "log": natural, base 10 or base 2 by the field
        if match.group("pbase") is not None:
            exponent = int(_log_number(match.group("pexp")))
            if abs(exponent) > MAX_EXPONENT:
                return None  # "log2(2^99999999)": too big a power to work out exactly
            argument = Fraction(int(match.group("pbase"))) ** exponent
        else:
            argument = _log_number(match.group("num"))
            if match.group("den") is not None:
                if int(match.group("den")) == 0:
                    return None
                argument /= int(match.group("den"))
        base = None if function == "ln" or base_text == "e" else Fraction(int(base_text))
        if function == "ln" and base_text is not None:
            return None  # "ln_2": no such function
        result = logarithm(argument, base)
        if result is None:
            return None
        value, exact = result
    if match.group("neg"):
        value = -value
    written = match.group("claim").replace("\N{MINUS SIGN}", "-")
    claimed = Fraction(written)
    decimals = len(written.split(".")[1]) if "." in written else 0
    ulp = Fraction(1, 10**decimals)
    approx = match.group("rel") not in ("=", "is", "equals")
    if _log_agrees(value, exact, claimed, ulp, approx):
        return None
    expression = match.group(0)[: match.start("rel") - match.start()].strip()
    return _Claim(
        match.start("neg") if match.group("neg") else match.start("fn"),
        match.end("claim"),
        expression,
        value,
        written,
        claimed,
        grouped=False,
        explained=False,
    )


def _log_agrees(
    value: Fraction, exact: bool, claimed: Fraction, ulp: Fraction, approx: bool
) -> bool:
    """A logarithm rounded to the written digits, or (when it is not exact, or claimed
    approximately) cut off after them."""
    if abs(value - claimed) <= ulp / 2:
        return True
    if exact and not approx:
        return False
    if value >= 0:
        return claimed <= value < claimed + ulp
    return claimed - ulp < value <= claimed


_EXP_NUMBER = r"[-\N{MINUS SIGN}]?\d+(?:\.\d+)?"
# "exp(2.3) ≈ 9.97", "e^{-1} = 0.368", "e^2 = 7.389", and in math "e^{2.3} \approx 9.97"
# (read as "e^2.3" or "e^(-1)"): an exponential of a number with a claimed value, never part
# of a longer calculation.
_EXP_CLAIM = lazy_regex(
    rf"(?<![\w.\\])(?:exp[ \t]*\([ \t]*(?P<call>{_EXP_NUMBER})[ \t]*\)"
    rf"|e[ \t]*\^[ \t]*(?:\((?P<bracketed>{_EXP_NUMBER})\)|(?P<power>{_EXP_NUMBER})))"
    r"[ \t]*(?P<rel>=|\N{ALMOST EQUAL TO}|~|is|equals)[ \t]*"
    r"(?P<claim>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?!\d|[.,]\d|[ \t]*[-+*/^\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}(\N{MINUS SIGN}][ \t]*\d)"
)
_EXP_DIGITS = 40


def _exp_claims(document: LintDocument) -> Iterator[_Claim]:
    """Exponentials of numbers with a claimed value, in prose and in ``$…$`` math: the value
    may be rounded or cut to the digits written (it is irrational but for exp(0))."""
    yield from _function_claims(document, ("exp", "e^"), _exponential_claims)


def _exponential_claims(text: str, start: int) -> Iterator[_Claim]:
    for match in _EXP_CLAIM.finditer(text, start):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].rstrip()
        if _CALCULATION_BEFORE.search(before) and not _LIST_MARKER.fullmatch(before):
            continue  # "1 - e^(-1) = 0.632": the exponential is one part of a calculation
        if _FUNCTION_BEFORE.search(before):
            continue  # "ln e^2 = 2": the exponential is the argument of a function
        power = match.group("call") or match.group("bracketed") or match.group("power")
        exponent = _log_number(power)
        if abs(exponent) > 50:
            continue
        with localcontext() as context:
            context.prec = _EXP_DIGITS
            value = Fraction((Decimal(exponent.numerator) / exponent.denominator).exp())
        written = match.group("claim").replace(",", "")
        claimed = Fraction(written)
        decimals = len(written.split(".")[1]) if "." in written else 0
        ulp = Fraction(1, 10**decimals)
        approx = match.group("rel") not in ("=", "is", "equals")
        if _log_agrees(value, exponent == 0, claimed, ulp, approx):
            continue
        expression = match.group(0)[: match.start("rel") - match.start()].strip()
        yield _Claim(
            match.start(),
            match.end("claim"),
            expression,
            value,
            match.group("claim"),
            claimed,
            grouped="," in match.group("claim"),
            explained=False,
        )


def _metric_claims(document: LintDocument) -> Iterator[_Claim]:
    """Precision, recall, F1 or accuracy against the confusion counts stated in the note."""
    if not _has_numbers(document):
        return
    prose = document.memo("arithmetic-prose", lambda: _calculation_prose(document))
    for claim in metric_claims(prose, document.body_offset, len(prose)):
        yield _Claim(
            claim.start,
            claim.end,
            claim.expression,
            claim.value,
            claim.claimed,
            claim.claimed_value,
            grouped="," in claim.expression,
            explained=False,
            # each count's role (TP, FP, ...) read from the words near it, anywhere in the note
            grounds=frozenset({Ground.ROLE, Ground.CARRIED}),
        )


# "What is 15 % of 240?" answered by a bare number: the question holds the calculation.
_ASKS_FOR_RESULT = lazy_regex(
    r"(?:what\s+is|what's|how\s+much\s+is|compute|calculate|evaluate|work\s+out)\s+"
    r"(?P<expression>[^?]+?)\s*\?\s*$",
    re.IGNORECASE,
)
_BARE_ANSWER = lazy_regex(
    rf"\s*[*_]*(?P<result>{NUMBER_PATTERN}(?:[ \t]*%)?)[*_]*[ \t]*\.?[ \t]*(?:\n|$)"
)
_EXPRESSION_SHAPE = lazy_regex(_SIDE)


def _question_claims(document: LintDocument) -> Iterator[_Claim]:
    """A calculation asked in the question heading and answered by a bare number."""
    question = document.question
    if question is None:
        return
    prose = document.prose
    asked = _ASKS_FOR_RESULT.search(prose, *question)
    answer = _BARE_ANSWER.match(document.answer_prose, question[1])
    if asked is None or answer is None:
        return
    expression = tokenize(prose, asked.start("expression"), asked.end("expression"))
    result = tokenize(prose, answer.start("result"), answer.end("result"))
    shape = "".join(token.kind for token in expression)
    if not expression or _EXPRESSION_SHAPE.fullmatch(shape) is None:
        return
    relation = Token("=", asked.end(), asked.end(), "=")
    for claim in _chain_claims([*expression, relation, *result]):
        yield replace(claim, start=answer.start("result"), end=answer.end("result"))


class _StatedClaim(Protocol):
    """A claim found in words, a list or a table (``arith.phrases``, ``rates``, ``totals``)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def expression(self) -> str: ...
    @property
    def value(self) -> Fraction: ...
    @property
    def claimed(self) -> str: ...
    @property
    def claimed_value(self) -> Fraction: ...


def _claim_of(claim: _StatedClaim) -> _Claim:
    return _Claim(
        claim.start,
        claim.end,
        claim.expression,
        claim.value,
        claim.claimed,
        claim.claimed_value,
        grouped="," in claim.expression or "," in claim.claimed,
        explained=False,
    )


def _total_claims(document: LintDocument) -> Iterator[_Claim]:
    """Totals under their parts in lists and tables (``arith.totals``)."""
    if not _has_numbers(document):
        return
    for claim in total_claims(document.prose, document.body_offset, len(document.prose)):
        # which items are parts of which total is read from the layout, not stated
        yield replace(_claim_of(claim), grounds=frozenset({Ground.LABEL}))
    for worked in worked_totals(document.text, document.body_offset, len(document.text)):
        yield replace(_claim_of(worked), grounds=frozenset({Ground.LABEL}))


def _code_claims(document: LintDocument) -> Iterator[_Claim]:
    """Results stated in comments of Python code (``arith.code_arithmetic``)."""
    for block in document.code_blocks:
        for claim in code_claims(block.code):
            line_start = document.offset_of_line(block.first_line + claim.line) + block.indent
            number = parse_number(claim.claimed.lstrip("-").replace("_", ""))
            claimed_value = number.value if number is not None else Fraction(0)
            yield _Claim(
                line_start + claim.start,
                line_start + claim.end,
                claim.expression,
                claim.value,
                claim.claimed,
                -claimed_value if claim.claimed.startswith("-") else claimed_value,
                grouped="," in claim.claimed or "," in claim.expression,
                explained=False,
            )


# What may stand between a code block and the block of its output: nothing, or a short label
# ("Output:", "It prints:", "**Result**").
_OUTPUT_LABEL = lazy_regex(
    r"\s*(?:[*_]*(?:[\w' ]{0,20}\b)?(?:output|outputs|prints|result|console|gives)\b[^\n]{0,20})?"
    r"\s*",
    re.IGNORECASE,
)
_OUTPUT_LANGUAGES = frozenset({"", "text", "txt", "output", "console", "plaintext", "none", "out"})


def _output_block_claims(document: LintDocument) -> Iterator[_Claim]:
    """Values a Python block's prints are shown to give in the output block right below it
    (``arith.code_arithmetic.output_claims``)."""
    blocks = document.code_blocks
    for code, output in pairwise(blocks):
        if code.language not in ("python", "py", "python3") or output.language.lower() not in (
            _OUTPUT_LANGUAGES
        ):
            continue
        closing_fence = code.first_line + code.code.count("\n")  # the code ends in a newline
        between = document.text[
            document.offset_of_line(closing_fence + 1) : document.offset_of_line(
                output.first_line - 1
            )
        ]
        if not _OUTPUT_LABEL.fullmatch(between):
            continue
        for claim in output_claims(code.code, output.code):
            line_start = document.offset_of_line(output.first_line + claim.line) + output.indent
            yield _Claim(
                line_start + claim.start,
                line_start + claim.end,
                claim.expression,
                claim.value,
                claim.claimed,
                Fraction(claim.claimed.replace(",", "").replace("_", "")),
                grouped="," in claim.claimed,
                explained=False,
            )


def _comment_claims(document: LintDocument) -> Iterator[_Claim]:
    """Calculations a code comment states, in any comment syntax: ``# 32 x 150,528 =
    4,816,896 values``, ``// 1024 * 4 = 4096 bytes``; the code itself is never read here."""
    for block in document.code_blocks:
        for line, start, end in comment_texts(block.code):
            line_start = document.offset_of_line(block.first_line + line) + block.indent
            yield from _claims(tokenize(document.text, line_start + start, line_start + end))


def _other_arithmetic(document: LintDocument, claim: _Claim) -> bool:
    """Whether an arithmetic of another kind that the note names (binary, wrapping, modular,
    boolean) explains the claim's result, which then is no decimal slip."""
    return other_arithmetic_explains(
        document.text,
        document.body_offset,
        claim.start,
        claim.end,
        claim.value,
        claim.claimed_value,
    )


def _message(document: LintDocument, claim: _Claim) -> str:
    wrong = f"{claim.expression} = {claim.shown()}, not {claim.claimed}"
    scaled = _in_result_scale(document, claim)
    if scaled is not None:
        wrong = scaled
    epoch = epoch_for(document, claim.start) if mentions_epoch(document, claim.start) else None
    if epoch is not None and claim.claimed_value == epoch.iterations:
        return f"{wrong}: {epoch.explain()}; correct the calculation to {epoch.calculation()}"
    if claim.explained:
        return f"{wrong}: correct the calculation or the number it explains"
    return f"{wrong}: correct the arithmetic"


def _in_result_scale(document: LintDocument, claim: _Claim) -> str | None:
    """ "20 x 70 B = 1.4 T, not 1.5 T": the right value also in the scale or the byte unit the
    result is written in, when the claim's own reading dropped it (a scale in TeX, bytes
    counted as "16 B/param" against "4.56 GB")."""
    if claim.unit or claim.result is not None or _SCALE_SUFFIX.search(claim.claimed):
        return None
    found = result_scale(document.text, claim.start, claim.end, claim.claimed_value)
    if found is None:
        return None
    size, name = found
    if abs(claim.claimed_value) * 1000 <= abs(claim.value):  # the claim's digits, unscaled
        space = "" if len(name) == 1 else " "
        in_scale = format_number(claim.value / size, claim.grouped)
        return (
            f"{claim.expression} = {claim.shown()} = {in_scale}{space}{name}, "
            f"not {claim.claimed}{space}{name}"
        )
    return None


# A sampler that draws a set number of samples per epoch (with replacement or weights): the
# epoch is that many samples, whatever the data set's size.
_RESAMPLED = lazy_regex(
    r"\bWeightedRandomSampler\b|\w*Sampler\((?:[^()]|\([^()]*\))*\bnum_samples\s*="
    r"|\breplacement\s*=\s*True\b"
    # a cap on the epoch's batches (Lightning's share or count): the linker reads it
    r"|\blimit_train_batches\s*="
)


class EpochIterations(Rule):
    """An iteration count per epoch that does not follow from the data set and batch sizes.

    Any noun phrase that counts the data may give its size ("12,800 sliding windows", "9,600
    product reviews", "2,400 architectural floor plans"; a plural that counts something else,
    such as classes, GPUs, workers or tokens, does not), and the batch size may be stated in any
    usual way ("batches of 64", "a batch of 128", "batch_size=32", "40 tiles per batch",
    "examples per batch: 100"); the sizes may be in the heading and the count in the answer, or
    the other way round. A table's column of data set sizes may be headed by any such noun
    ("| audio clips | batch size | steps per epoch |").

    One epoch over N samples at batch size B takes ⌈N / B⌉ iterations (steps, weight updates):
    10,000 images at batch size 200 make 50 iterations, 60,000 samples at batch size 32 make
    1,875. A final partial batch still costs a step, so 10,000 samples at batch size 32 take
    313; 312 is accepted only where the note says the last batch is dropped. The sizes may be
    in different sentences of a paragraph, or the question ("How many iterations for 10,000
    images at batch size 200?") with the count in the answer. A sentence with a batch size and
    a data set size but no iteration count claims nothing, and a total over several epochs ("2
    epochs … 100 steps") is accepted. A hedged count is judged by what its words allow:
    "roughly 500", "~780", "800 steps or so" the rounding of the number as written (at most
    10 % off, so "roughly 500" fits 469 and "about 200" does not fit 245), "just under 800" and
    "a bit over 780" that rounding on their side, "fewer than 800" and "at least 780" only
    their side, "on the order of 1,000" a factor of ten.

    The sizes may also be inline code (``batch_size=20``, ``steps_per_epoch=50``), labels in a
    list ("**Batch size:** 25"), numbers with k/M suffixes or the words million and thousand
    ("a 2.5M-row table"), or the columns of a table (data set size, batch size, iterations per
    epoch), and the count may be bold. With ``drop_last=True`` or ``drop_remainder=True`` in
    the note only ⌊N / B⌋ is right, unless the flag is only supposed ("391 steps; with
    ``drop_last=True`` it would be 390", "or 312 with ``drop_remainder=True``", "had we set
    …"): it then sets only its own clause, whose count is its own scenario.

    A two-column table of quantities and values ("| batch size | 64 |") reads like labelled
    lines; code lines that assign a number (``batch_size = 64``) or whose comment states one
    (``model.fit(…)  # 469 steps per epoch``) read like prose; a data set's name may stand
    between a count and its noun ("60,000 MNIST training images"), and "one pass over" the data
    is an epoch, as is going through the data once or through the whole training set; the
    rows of a training array (``x_train`` of shape ``(60000, 784)``) are its size. Code that
    builds the batches is read too: ``DataLoader(data, batch_size=40,
    drop_last=True)``, ``ds.batch(64, drop_remainder=True)``, a data set made of a tensor of N
    rows (``TensorDataset(torch.randn(1000, 8))``, ``from_tensor_slices(np.zeros((300, 4)))``)
    and a count in the comment of ``print(len(loader))``. A well-known data set named without
    its size (MNIST, Fashion-MNIST, CIFAR-10/100, SVHN, ImageNet, IMDB …) brings its training
    size, or its test size where the note names that split; the count is then accepted to 1%,
    since copies differ. With several devices or accumulated micro-batches a stated batch size
    may be per device: only a batch named global or effective is used then (also as the result
    of a product, "the global batch is 8 x 16 = 128"), and "64 images per GPU" is no data set.
    A per-device batch on one device ("devices: 1", "a single GPU") is the whole batch, and
    several "batch B → S steps" pairs in one sentence each pair the batch of their own clause.
    "Each mini-batch holds 64" states the batch size. A table may give only the batch sizes
    (or only the data set sizes) with the steps, the other quantity stated once elsewhere in
    the note ("| batch size | steps per epoch |" under a question about 60,000 samples); a
    column of total steps or of epochs makes it no table of one epoch. A Keras progress bar
    ("782/782") and the length of a data loader count the batches of an epoch, and a count
    over several stated epochs is accepted and shown with its total, unless its clause speaks
    of one epoch ("each epoch has 1,000 steps"). The sizes are looked for around the count: its
    paragraph or list item, the run of lines up to blank lines (a whole list), its section,
    then the note; each size from the nearest of these that states one, so the data set may
    stand in the heading and the batch in the count's own list item or line ("- batch size 64:
    469 steps") among several. The size of the last batch ("the last batch holds 16 samples",
    "a final, smaller batch of 80", "the last one holding 48", "the remaining 64 rows" below a
    batch) must be N mod B, and it is neither the batch size nor the data set. "The training
    split" names the data set; "per pass" is an epoch. A ``drop_last=True`` in the Extra part
    after ``***`` sets only that part's counts, and a sentence that counts the partial batch
    ("390 full batches and a last batch of 80") keeps it. Where the note splits off validation
    or test data, a count may follow from the part that is trained on: a size it states, the
    data set less such a size, or less a stated share ("a 10 % validation split",
    ``validation_split=0.2``); among several data set sizes the one marked as the remaining or
    training part is used; where the note states both the held-out part and the whole
    ("holding out 5,000 of the 60,000 images", "5,000 of the 45,000 images are held out") only
    the rest is trained on. Steps that accumulate gradients ("accumulated over 4 steps") are no
    epoch's count. A batch smaller than the others that a sentence adds to the full ones ("390
    full batches plus one smaller batch of 80", "leaves 143 images for a final short batch") is
    the last batch; "a smaller batch of 64" alone is a batch size. A last batch labelled ("last
    batch: 41 images") or worked out ("holds 60,000 - 468 * 128 = 96") has the result as its
    size. Under k-fold cross-validation a size the note gives each fold ("each fold trains on
    8,000 samples") is the trained part, and a total said to span the folds ("… steps for the
    whole CV run") may be k times a run's steps. A list label may carry an aside before its
    colon ("Iterations per epoch (per rank): 626"), and a framework's ``global_step`` counts
    optimizer steps. With data parallelism and no
    global batch, a device's share of the data and its own batch ("every GPU gets 6,250 reviews
    per epoch … a per-GPU batch size of 32") make that device's epoch, unless the note speaks of
    the whole job (a total, all GPUs, a single GPU) or of micro-batches. Data built from a range
    in code (``rows = list(range(1000))``, ``np.arange(500)``) is a data set of that size, the
    step of a loop that slices it (``range(0, len(rows), 64)``) its batch size, and the counts
    of batches that answer "How many batches …?" are an epoch's. A count said "without it"
    speaks of the setting other than the note's drop of the last batch.

    Any other count is then checked against the quantities the note states by label or role,
    wherever they stand (list items, tables whose first cell names the quantity, config keys,
    ``N``/``B`` symbols, the heading, the Extra section), nearest scope first; with several
    scenarios each count takes the batch of its own clause, table column or position. It is
    reported only when every quantity is bound without doubt; validation splits, per-device
    counts and schedules are left alone. A repeated data set (``.repeat()``, "infinite") has
    no end, so its ``steps_per_epoch`` is a free choice and is left alone, unless the note says
    that an epoch is one pass over the data it states ("would never finish an epoch", "where
    each epoch ends", "one full pass over"): then the steps must be ⌈N / B⌉ too. A data set
    repeated a stated number of times ("repeat: 3", ``.repeat(2)``, ``repeat=4``, "repeated
    twice") is passed over that many times an epoch: R·N / B steps are then a reading too.

    Whether the last partial batch is kept is read from the count's own clause, else from the
    number-free clauses of its sentence ("781 iterations; the final partial batch is kept" wants
    782; "391 steps when it is kept, or 390 with ``drop_last=True``" is right twice). A division
    just before a count ("48,000 / 32 = 1,500 steps") defines that count's data set and batch.
    Where micro-batches are accumulated over a steps, a count of optimizer updates must be
    ⌈N / B⌉ / a, rounded up or down (also ⌈N / (B·a)⌉), while a count of the loader's
    micro-batches is ⌈N / B⌉: a count of what the loader yields (loader batches,
    micro-batches, forward passes) takes the per-step batch even where an effective batch is
    stated beside it ("effective batch: 64", "loader batches per epoch: 3,000"), and
    "Accumulation: 3 steps" names the factor, no count. A total over the run ("Total: 1,000
    optimizer steps", "… steps in total") with one stated number of epochs E must be E times an
    epoch's count. A chunked
    read or a paged listing is the same relation: N rows read with ``chunksize=C``, "shards of
    C files" or "pages of C results" make ⌈N / C⌉ pieces (⌊N / C⌋ "full" ones).

    Written calculations are read in every notation (prose, LaTeX with ``\\lceil``, ``\\frac``
    and ``{,}`` groupings, code comments; a label before them or a noun after the result), and
    three operands are judged on them: training steps per epoch divided from the whole set or
    from the held-out part where the note holds a share out (``validation_split``, one fold in
    k) and states one of its parts; steps per epoch of a data-parallel run (DDP, a
    ``DistributedSampler``, ``torchrun``, whose loader batch is one process's) divided by a
    part of the global batch (one device's, one node's), since every rank takes the run's
    steps, or the run's own steps divided or multiplied by the devices again; and a run's
    optimizer updates (``global_step``, ``estimated_stepping_batches``, a schedule stepped
    once per update) written as the micro-batches per epoch times the epochs where the note
    accumulates gradients; where it does, an epoch's updates written as the micro-batches
    (the division that counts them, or one by the micro-batch whose product with the factor is
    the effective batch) or as the micro-batches times the factor ("4,000 x 8 = 32,000 updates
    per epoch"), and a run's updates totalled by the factor instead of the epochs ("total = 400
    x 4" over 3 epochs), or, in a data-parallel run, the data set divided by one device's
    micro-batch times the factor (each update takes that from every device). A clause that
    names the part the model trains on ("each fold trains on 10,000 samples"), a batch and one
    epoch's steps is judged on that part, fold notes included, and so is a division of the
    held-out part's symbol labelled as training steps (``⌈N_{val} / 64⌉`` beside ``N_{train} =
    8,000``). A written rounding of the
    batches per epoch (⌈ ⌉, ⌊ ⌋, ``//``, "rounds up to") must follow the note's one drop flag:
    ⌊ ⌋ where every loader drops the last batch, ⌈ ⌉ where it keeps it ("175 full batches",
    other loaders and notes that state the flag's count too left alone); so must a count stated
    as "977 steps/epoch" where the note's one data set and batch give ⌈N / B⌉ under its
    dropping flag. A loop over ``range(0, N, B)`` drops nothing: its iterations are ⌈N / B⌉
    whatever the note says of the last slice. The one ``DataLoader(ds, batch_size=B)`` of a
    note that states ``len(ds)`` yields ⌈len(ds) / B⌉ batches an epoch, whatever ``ds`` was cut
    from (patches, crops). A fold's held-out part ("each fold validates on 2,000 rows"), the
    size each batch holds ("128 images each") and the full ones' share ("15 full ones (960
    samples)") are no data set.

    Last, a solver reads what no phrase above binds: every number takes the roles the few words
    around it allow (its noun, a label, a keyword argument, its table column), and a count of
    steps on a line with no finding yet is reported only when some assignment of the stated
    candidates is complete and none of them gives it: ⌈N' / B'⌉ with N' the data set, less a
    validation share or a held-out part, and B' the batch times the devices of a per-device
    batch and/or the accumulation factor of optimizer updates, ⌊ ⌋ where the note drops the last
    batch, times a stated number of epochs. Hedged, negated or supposed counts, notes about
    tokens, samplers or folds, and ``steps_per_epoch`` of an endless pipeline are left alone.
    A ``DistributedSampler`` is modelled (it pads each replica's share, which gives the devices
    reading), and a batch is per device when "each" device takes it ("4 GPUs, each with a
    batch of 64", "on each of the 4 GPUs"). A finished progress bar ("187/187 [=====]", tqdm's
    "100%|…| 391/391") is a count of steps, unless it equals the data set (old Keras counted
    samples). A labelled total ("total steps: 3,600") or "… steps in total" beside stated
    epochs is judged over them; "split 80/20" states both parts; ``epochs=`` and
    ``max_epochs=`` state the epochs; a named data set's size written rounded ("ImageNet (1.28M
    images)") stands for its exact size; a sampler that draws its own number of samples
    (``num_samples=``, ``WeightedRandomSampler``) leaves the note alone.

    Every written count of steps (a calculation whose label or result names steps, updates,
    iterations or batches) on a line with no finding yet is then judged against the note's
    whole set-up: the loader's batch, times the devices where the loader shards the data over
    them (a ``DistributedSampler``, Lightning, Hugging Face's ``per_device_*`` batch), times
    the accumulation factor for optimizer updates (Hugging Face's "steps" are updates), each
    rounded either way; totals over the stated epochs; and, for a count over every fold of a
    k-fold cross-validation ("whole CV run: …"), k runs over the trained part (plus a refit on
    the whole set where the note says so). Quantities stated in inline math are read by the
    words around their symbol ("$G = 8$ GPUs", "batch size per GPU $b = 32$"). A count
    written as a calculation that scales the loader's batch by the note's own devices or
    accumulation factor is left by the one-batch phrase reading to this reading and the solver.

    Steps of a pass over a token corpus are the corpus (also "a token budget of 100B", "2.0T
    tokens") divided by the tokens of a step (a global batch counted in tokens, B sequences of
    L tokens, B columns read L tokens at a time under truncated BPTT, or a product worked out
    for it); a warm-up of w epochs is w times an epoch's
    steps, also where a list label or a table row works it out ("warm-up: 3 x 176 = 528
    steps").

    Conventions measured on the frameworks themselves (scripts/epoch_facts.py): a loader built
    on ``DistributedSampler(…, num_replicas=W)`` batches one replica's ⌈N / W⌉ samples, so its
    ``batch_size`` is per device; a drop flag may be a list label or a table row ("| drop_last
    | True |"), and one set off on another split's loader (``val_dl = DataLoader(…,
    drop_last=False)``) is that loader's, no contrast with a training loader that drops, unless
    the note counts that loader's batches too; ``model.fit(epochs=E, initial_epoch=i)`` runs
    E - i epochs;
    ``scheduler.total_steps`` of a OneCycleLR is the run's steps, Keras's ``model.fit`` over
    arrays keeps the partial last batch (its bar, also pasted into a code comment, counts it,
    whatever the note says) and Keras's
    ``history.params["steps"]`` an epoch's; a block holding one number after a block that
    ends in ``print(len(loader))`` is its output, while a printed length of a data set
    (``print(len(train_ds))``, a session's ``len(ds)``) is a size; a split "kept back" or
    "reserved for testing" is held out; and where the note says the decay follows the
    warm-up ("2 warm-up epochs, then cosine decay"), its decay steps are the run's less the
    warm-up's.

    How sure a finding is sets its severity (``lint.grounds``): the phrase reading, a table
    whose rows state N, B and the count, the last batch's N mod B, a count rounded against the
    note's own drop flag and a ``range(0, N, B)`` loop bind every quantity by its own words and
    are errors; a warning is what needed more: a named data set's documented size or the part
    a split leaves (the epoch's N), a table quantity carried from the prose into every row,
    the role of a number read from the words around it (per-device or global batch, devices,
    accumulation, trained or held-out part, warm-up, windows, token passes, one loader) or a
    solver's assignment of the note's numbers to every reading of its set-up. The solver
    grades each finding by its own evidence: a count is an error again when its own words
    label it, the note states one data set, one batch (per device or global by its words, where
    it states one number of devices) and at most one number of epochs, each by words that give
    it that role only, no split, accumulation, folds or warm-up leaves a choice, the claim
    says whether it counts one epoch or the run, and neither rounding of the last batch
    explains it.

    Last of all, a claimed count of steps the claim inventory finds on a line nothing above
    reported is checked against the training set-up read as role-tagged quantities
    (``lint.claims.quantities``): a data size or a batch given as a symbol ("$N = 16{,}000$
    clips", "batch size $B = 64$", a bare "$B = 64$", ``N, B, A = 25_600, 16, 8``), a split
    written as two shares ("split 80/20"), a count in words ("four epochs"), a product of
    counts ("2 nodes x 8 GPUs"), a series cut into windows of a length and a hop (then the
    windows, ⌊(T - W) / H⌋ + 1, are the data set, and the readers that take the series for
    it leave the note alone), and a padding sampler's share per device. Each role takes its
    values from the claim's own line, else its block, else the note; a note whose paragraphs
    each state their own data or batch leaves a claim outside them alone. The note's one
    convention for the last partial batch (a flag or words, "the last partial batch is kept";
    none where a sentence supposes the other setting, "With ``drop_last=True`` it is 390")
    picks the rounding, except for a count of "full" batches; a division rounded by an arrow
    ("84,843 / 100 → 848") is judged by it, and so is a total stated after its scope ("over
    all folds 20,000 optimiser steps"). A display formula's rounding is read with the words
    its sentence goes on with below it ("$$⌊1{,}000 / 64⌋ = 15$$ batches per epoch"). A role
    guessed from a symbol's letter or a loose noun, or a set-up that leaves a choice, makes a
    warning.

    Last, the set-up-to-claim linker (``lint.linker``) reads every count of steps the claim
    inventory finds against the quantities the note states by role (data set size, batch,
    devices, accumulation, epochs) under every reading of them, and records its verdict in the
    stage trace (``scripts/stage_histogram.py``); it reports no count of steps yet.
    """

    code = "AG102"
    name = "epoch-iterations"
    summary = "iterations per epoch do not equal ⌈samples / batch size⌉"
    bad = (
        "# How many iterations make one epoch?\n\n"
        "With 10,000 images and a batch size of 200, an epoch runs 40 iterations.\n"
    )
    good = (
        "# How many iterations make one epoch?\n\n"
        "With 10,000 images and a batch size of 200, an epoch runs 50 iterations.\n"
    )

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if not writes_a_number(document):
            return  # no number, no claim (number_gate)
        document = entities_read(document)  # "12&nbsp;000 images": read as the card shows it
        # Each reader's findings are graded by what its derivation used (``lint.grounds``):
        # the phrase, table and drop-flag readings bind N, B and the count by their own words
        # (errors, unless the epoch needed a named data set's size or a split); the readers of
        # a set-up (devices, accumulation, splits, warm-up, windows, token passes) read each
        # number's role from the words around it, and the solvers try every assignment.
        found = list(self._readings(document))
        yield from found
        # A calculation with the right arithmetic but a wrong operand (the accumulation
        # multiplied, one device's batch for the global one): its own message explains it, so
        # the solver leaves its line alone.
        accumulated = list(graded(accumulation_findings(document), Ground.ROLE))
        starts = {finding.start for finding in accumulated}
        operands = [
            *accumulated,
            *graded(global_batch_findings(document), Ground.ROLE),
            # updates without the factor, times it, or a run totalled by it
            *graded(
                (f for f in update_count_findings(document) if f.start not in starts), Ground.ROLE
            ),
        ]
        covered = [*wrong_calculation_spans(document), *_line_spans(document, operands)]
        # The solver: claims that no reading above bound, checked against every assignment.
        solved = (
            []
            if _windowed(document)
            else list(graded(solver_findings(document, found, covered), Ground.ROLE, Ground.CHOICE))
        )
        yield from solved
        # Steps of a pass over a token corpus: tokens / (tokens per step), on lines not yet
        # reported
        lines = {document.position(finding.start)[0] for finding in [*found, *solved]}
        reported: set[int] = set()
        spans: set[tuple[int, int]] = set()
        for finding in [
            *graded(token_step_findings(document), Ground.ROLE, Ground.CHOICE),
            *graded(warm_up_findings(document), Ground.ROLE, Ground.CHOICE),
            *operands,
            # training steps divided from the wrong part of a split (the solver's reading of
            # a trained part stated beside it, where it has one, explains it first)
            *graded(split_part_findings(document), Ground.ROLE),
            # or a Keras count over the whole arrays that validation_split cuts first
            *split_whole_findings(document),
            # and steps of a data-parallel run divided by one device's part of the global batch
            *graded(device_batch_findings(document), Ground.ROLE),
            # or the run's steps divided or multiplied by its devices, counted twice
            *graded(device_step_findings(document), Ground.ROLE),
            # and a run's updates worked out from the micro-batches, not the updates
            *graded(accumulated_total_findings(document), Ground.ROLE),
            # and batches per epoch rounded against the note's own drop flag (stated)
            *rounding_flag_findings(document),
            *dropped_count_findings(document),
            # and a table of batch sizes against the two rounding settings
            *flag_table_findings(document),
            # and steps of an epoch over the part a clause says the model trains on
            *graded(trained_part_findings(document), Ground.ROLE),
            *graded(held_out_symbol_findings(document), Ground.ROLE),
            # and iterations of a loop over range(0, N, B), which drops nothing (stated code)
            *range_loop_findings(document),
            # and batches of the one loader over a data set whose length the note states
            *graded(loader_length_findings(document), Ground.ROLE),
            # and sliding windows of one series counted as if each stride started a whole one
            *graded(window_count_findings(document), Ground.CHOICE),
        ]:
            if document.position(finding.start)[0] not in lines and (
                (finding.start, finding.end) not in spans  # one count, one finding
            ):
                reported.add(document.position(finding.start)[0])
                spans.add((finding.start, finding.end))
                yield finding
        # Last, any written count of steps that no reading of the whole set-up gives (the
        # general reader of the slips the readings above explain in their own words)
        for finding in graded(setup_step_findings(document), Ground.ROLE, Ground.CHOICE):
            line = document.position(finding.start)[0]
            if line not in lines | reported and not any(a <= finding.start < b for a, b in covered):
                reported.add(line)
                yield finding
        # and a claimed count of steps (from the claim inventory) that no reading of the set-up
        # stated as role-tagged quantities gives (``claims.step_counts``, graded by its own
        # grounds: a role guessed from a letter or a loose noun is a warning)
        for finding in step_findings(document):
            line = document.position(finding.start)[0]
            if line not in lines | reported and not any(a <= finding.start < b for a, b in covered):
                reported.add(line)
                yield finding
        # and, last, the set-up-to-claim linker on every claimed count still unreported
        yield from linker_findings(document, stage_trace.EPOCHS, lines | reported)

    def _readings(self, document: LintDocument) -> Iterator[Finding]:
        if not _has_numbers(document) and not document.code_blocks:  # no count, no sizes
            return
        if _RESAMPLED.search(document.text, document.body_offset):
            body = document.body_offset
            stage_trace.record("gate", stage_trace.EPOCHS, body, "resampled", document)
            return  # a sampler that draws its own number of samples sets the epoch's length
        prose = epoch_prose(document)
        # A wrong explicit calculation is AG101's to report.
        covered = wrong_calculation_spans(document)
        epochs: set[Fraction] | None = None  # found when a count needs them
        for count in () if _windowed(document) else counts(document):
            stage_trace.record("claim", stage_trace.EPOCHS, count.start)
            if any(start <= count.start < end for start, end in covered):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: a calculation")
                continue
            epoch = epoch_for(document, count.start)
            if epoch is None:
                continue
            stage_trace.record("setup", stage_trace.EPOCHS, count.start)
            if ambiguous_batch(prose, epoch.batch, epoch.samples.start):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: two batches")
                continue
            if count.start in (epoch.samples.start, epoch.batch.start):
                continue
            if counts_loader_batches(prose, document.body_offset, count.start, count.end):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: loader batches")
                continue  # counted in per-step batches: the statements and the solver judge it
            hedge = hedge_of(prose, count.start, count.end)
            if epochs is None:
                stated = {
                    q.value
                    for q in quantities(prose, document.body_offset, len(prose), "epochs")
                    if q.value > 1
                }
                epochs = with_resumed_runs(stated, document.text, document.body_offset)
            totals = set() if _per_epoch(prose, count.start, count.end) else epochs
            runs = _runs(prose, document, count.end, totals)
            if epoch.accepts(count.value, hedge, runs, count.text):
                if stage_trace.on():
                    equal = count.value == Fraction(epoch.samples.value, epoch.batch.value)
                    reason = "equal" if equal else "within rounding"
                    stage_trace.judged(stage_trace.EPOCHS, count.start, reason)
                continue
            if _another_batch_explains(prose, document.body_offset, epoch, count):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: another batch")
                continue  # "196 steps at batch 256; at 512 it would be 98"
            if shards_by_sampler(document.text[document.body_offset :]):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: sharded")
                continue  # each replica batches its shard: the solver models the devices
            if _scaled_calculation(document, epoch.batch.value, count.start):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: a calculation")
                continue  # its calculation scales the batch: the set-up readers judge it
            if _repeated(document, epoch, count.value, totals):
                stage_trace.judged(stage_trace.EPOCHS, count.start, "set aside: repeated data")
                continue  # "repeat: 2": the loader passes over the data twice an epoch
            yield Finding(
                count.start,
                count.end,
                f"{epoch.explain(count.grouped)}{_over_epochs(epoch, totals)}, not "
                f"{count.text}: correct the count",
                severity=severity_of(_epoch_grounds(epoch)),
            )
        yield from _table_epochs(document, prose)
        yield from _last_batch_findings(document, covered)
        # what the phrases above miss: each number's role read from the words near it
        yield from graded(statement_findings(document, covered), Ground.ROLE)


def _windowed(document: LintDocument) -> bool:
    """Whether the note cuts one series into windows (it states a window and a hop): the
    series' length is no data set, the windows are, and only the set-up reading
    (``claims.step_counts``) derives them; the readers that take the length for the data
    leave the note alone."""
    return {Role.WINDOW, Role.HOP} <= {q.role for q in quantities_of(document)}


def _epoch_grounds(epoch: Epoch) -> tuple[Ground, ...]:
    """What an epoch's N needed besides the note's words: a named data set's documented size,
    or the part a split leaves."""
    grounds: tuple[Ground, ...] = (Ground.DEFAULT,) if epoch.known else ()
    if (epoch.split_sizes or epoch.unsplit) and not epoch.split_stated:
        grounds += (Ground.CARRIED,)
    return grounds


# The written calculation right before a count: "64000 / (32 * 2 * 4) = "
_SCALED_CALCULATION = lazy_regex(
    r"[\d.,()\[\] \t*/\N{MULTIPLICATION SIGN}\N{MIDDLE DOT}\N{DIVISION SIGN}x]+=[ \t]*$"
)


def _scaled_calculation(document: LintDocument, batch: Fraction, start: int) -> bool:
    """Whether the count at ``start`` is the result of a written calculation that scales the
    batch by the note's own devices or accumulation factor ("# optimizer steps per epoch =
    64000 / (32 * 2 * 4) = 250" beside ``devices=2, accumulate_grad_batches=4``): the
    one-batch phrase reading does not model them (a batch the note calls global is scaled)."""
    line = document.text[document.text.rfind("\n", 0, start) + 1 : start]
    calculation = _SCALED_CALCULATION.search(line)
    if calculation is None or (
        "/" not in calculation[0] and "\N{DIVISION SIGN}" not in calculation[0]
    ):
        return False
    stated = stated_numbers(document)
    if any(s.value == batch and GLOBAL in s.roles for s in stated):
        return False
    scales = {s.value for s in stated if s.value > 1 and s.roles & {DEVICES, ACCUMULATION}}
    return any(n.value in scales for n in find_numbers(calculation[0]))


def _line_spans(document: LintDocument, findings: Sequence[Finding]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the lines the findings stand on."""
    text = document.text
    spans = []
    for finding in findings:
        start = text.rfind("\n", 0, finding.start) + 1
        end = text.find("\n", finding.end)
        spans.append((start, len(text) if end < 0 else end))
    return spans


def _another_batch_explains(prose: str, body: int, epoch: Epoch, count: EpochQuantity) -> bool:
    """Whether a batch size stated in the count's own sentence, where the bound one is not,
    gives the count for the same data ("196 steps at batch 256; at 512 it would be 98"): a note
    comparing batch sizes pairs each count with its own. Devices or accumulation leave the
    reading alone, since a per-device batch is the usual wrong divisor there."""
    if _SHARES_BATCH.search(prose, body):
        return False
    stops = [m.end() for m in _SENTENCE_STOP.finditer(prose, body, count.start)]
    after = _SENTENCE_STOP.search(prose, count.end)
    low, high = (stops[-1] if stops else body), (after.start() if after else len(prose))
    if low <= epoch.batch.start < high:
        return False
    for batch in statements(prose, low, high):
        if batch.role != BATCH or batch.value in (0, epoch.batch.value):
            continue
        exact = epoch.samples.value / batch.value
        if count.value in (math.ceil(exact), math.floor(exact)):
            return True
    return False


_SENTENCE_STOP = lazy_regex(r"[;!?\n]|\.(?=\s)")
_SHARES_BATCH = lazy_regex(
    r"\b(?:GPUs?|TPUs?|devices?|replicas?|workers|nodes|ranks|DDP|world[ _]size|accumulat\w*"
    r"|micro-?batch\w*|per[- ](?:GPU|device|replica))\b",
    re.IGNORECASE,
)


_CLAUSE_END = lazy_regex(r"[.;:,!?\n]|\band\b|\bso\b|\bthen\b")
_ONE_EPOCH = lazy_regex(r"\b(?:each|per|every|one|an|a\s+single|1)\s+epoch\b", re.IGNORECASE)


def _per_epoch(prose: str, start: int, end: int) -> bool:
    """Whether the clause of a count speaks of one epoch ("each epoch has 1,000 steps"), so
    that no total over several epochs is meant."""
    before = max(
        (m.end() for m in _CLAUSE_END.finditer(prose, max(0, start - 60), start)),
        default=max(0, start - 60),
    )
    after = _CLAUSE_END.search(prose, end, end + 60)
    return _ONE_EPOCH.search(prose, before, after.start() if after else end + 60) is not None


def _runs(prose: str, document: LintDocument, end: int, totals: set[Fraction]) -> set[Fraction]:
    """The multiples of an epoch's count a total (ending at ``end``) may take: the stated
    epochs and, where the note cross-validates over k folds and the count spans them ("25,000
    steps for the whole CV run"), the k runs of them."""
    across = bool(totals) and ACROSS_FOLDS.match(prose, end) is not None
    folds = k_folds(prose, document.body_offset) if across else None
    if folds is None:
        return totals
    return totals | {Fraction(folds)} | {total * folds for total in totals}


def _over_epochs(epoch: Epoch, epochs: set[Fraction]) -> str:
    """ " (5,000 over 10 epochs)" where the note trains for a stated number of epochs."""
    return "".join(
        f" ({format_number(epoch.iterations * count, True)} over {format_number(count)} epochs)"
        for count in sorted(epochs)
    )


def _last_batch_findings(
    document: LintDocument, covered: Sequence[tuple[int, int]]
) -> Iterator[Finding]:
    """ "The last batch holds 8 samples" where N mod B says otherwise."""
    for claim in last_batches(document):
        if any(start <= claim.start < end for start, end in covered):
            continue
        epoch = epoch_for(document, claim.start)
        if epoch is None or epoch.known or epoch.drops_only:
            continue
        if claim.start in (epoch.samples.start, epoch.batch.start):
            continue
        if claim.value in last_batch_sizes(epoch):
            continue
        n, b = epoch.samples.text, epoch.batch.text
        right = format_number(min(last_batch_sizes(epoch)), epoch.samples.grouped)
        yield Finding(
            claim.start,
            claim.end,
            f"with {n} samples at batch size {b} the last batch holds {n} mod {b} = {right} "
            f"samples, not {claim.text}: correct the size",
            severity=severity_of(_epoch_grounds(epoch)),
        )


@cache
def _samples_column() -> re.Pattern[str]:
    """A column header that counts the data: any noun of a data set ("audio clips", "windows"),
    its size or "n", but no count per batch."""
    nouns = words([*data()["samples"], *SAMPLE_NOUNS])
    return re.compile(
        rf"(?:{nouns}|\b(?:data\s*set|training\s+set)\s+size\b|\bn\b)(?!.*\bbatch)",
        re.IGNORECASE,
    )


# (or "B" alone, the batch of "steps = ⌈N / B⌉", as "N" alone is the data set)
# (not "size of the last batch": a column of what the last batch holds, beside the batch size)
_BATCH_COLUMN = lazy_regex(
    r"\b(?<!last )(?<!final )(?<!partial )(?<!leftover )(?<!remaining )"
    r"(?:mini-?)?batch(?:[ _-]?size)?\b(?!.*(?:per|/)\s*epoch)|^b$"
)
_STEPS_COLUMN = lazy_regex(r"\b(?:iterations?|steps?|updates?|batches)\b")
# A column of steps over the whole run, or a column of epochs: no steps of one epoch.
_WHOLE_RUN = lazy_regex(r"\btotal\b(?!.*\bepoch)|\bepochs\b")


# A column that shares or multiplies the batch: devices, processes, accumulation.
_SHARING_COLUMN = lazy_regex(r"gpu|tpu|device|replica|world|worker|node|process|accum|micro", re.I)


def _table_epochs(document: LintDocument, prose: str) -> Iterator[Finding]:
    """A table with an iteration count per row and a data set size, a batch size or both per
    row; a quantity without a column is the one the note states elsewhere ("| batch size |
    steps per epoch |" under a question about 60,000 samples)."""
    start = document.body_offset
    if "|" not in prose[start:]:
        return
    for table in tables(prose, start, len(prose)):
        steps = table.column(_STEPS_COLUMN)
        samples, batch = table.column(_samples_column()), table.column(_BATCH_COLUMN)
        if steps is None or steps in (samples, batch) or (samples is None and batch is None):
            continue
        if samples == batch or any(
            _WHOLE_RUN.search(name) for index, name in enumerate(table.header) if index != batch
        ):
            continue
        if any(_SHARING_COLUMN.search(name) for name in table.header):
            continue  # devices or accumulation per row: the solver reads every column
        span = (table.rows[0][0].start, table.rows[-1][-1].end) if table.rows else (0, 0)
        fixed = {
            kind: note_quantity(document, kind, span)
            for kind, column in (("samples", samples), ("batch", batch))
            if column is None
        }
        if None in fixed.values():
            continue
        drops, only = drops_last(document)
        # a quantity without a column is carried from the prose into every row
        grounds = (Ground.CARRIED,) if fixed else ()
        for row in table.rows:
            finding = _row_finding(prose, row, (samples, batch, steps), fixed, (drops, only))
            if finding is not None:
                yield from graded([finding], *grounds)


def _cell_number(prose: str, row: Sequence[Cell], index: int | None) -> EpochQuantity | None:
    """The one number that is the whole cell (bold allowed), or None."""
    if index is None or index >= len(row):
        return None
    cell = row[index]
    found = list(find_numbers(prose, cell.start, cell.end))
    if len(found) != 1 or prose[cell.start : cell.end].strip("*_ ") != found[0].text:
        return None
    number = found[0]
    return EpochQuantity(number.start, number.end, number.value, shown(number), number.grouped)


def _repeated(document: LintDocument, epoch: Epoch, count: Fraction, epochs: set[Fraction]) -> bool:
    """Whether ``count`` is the epoch's steps over the data repeated by a stated factor."""
    factors = repeat_factors(document.text[document.body_offset :])
    return any(
        count in repeated_counts(epoch.samples.value, epoch.batch.value, factors, runs)
        for runs in {Fraction(1), *epochs}
    )


def _row_finding(
    prose: str,
    row: Sequence[Cell],
    columns: tuple[int | None, int | None, int],
    fixed: dict[str, EpochQuantity | None],
    drops: tuple[bool, bool],
) -> Finding | None:
    samples = fixed.get("samples") or _cell_number(prose, row, columns[0])
    batch = fixed.get("batch") or _cell_number(prose, row, columns[1])
    steps = _cell_number(prose, row, columns[2])
    if samples is None or batch is None or steps is None:
        return None
    if not 0 < batch.value <= samples.value:
        return None
    epoch = Epoch(samples, batch, *drops)
    if epoch.accepts(steps.value, None, set(), steps.text):
        return None
    return Finding(
        steps.start, steps.end, f"{epoch.explain()}, not {steps.text}: correct the count"
    )


RULES: tuple[Rule, ...] = (WrongArithmetic(), EpochIterations())
