"""The exact expression evaluator behind AG101, and the layer formulas behind AG103/AG104."""

from __future__ import annotations

import math
import random
import re
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.lint.arith.code_counts import comment_problems, summary_problems
from ankigen.lint.arith.expression import TIMES, evaluate, evaluate_items, tokenize
from ankigen.lint.arith.inline import arith_prose
from ankigen.lint.arith.layers import (
    Axis,
    allowed_outputs,
    conv_parameters,
    dense_parameters,
    explain_output,
    output_size,
)
from ankigen.lint.arith.quantities import parse_total, parse_values
from ankigen.lint.arith.tables import tables
from ankigen.lint.document import LintDocument
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, lint_rule, write_notes


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(32 \N{MINUS SIGN} 5) / 1 + 1", 28),
        ("[(227 - 11) / 4] + 1", 55),
        ("2 + 3 * 4", 14),
        ("(2 + 3) * 4", 20),
        ("2 \N{MULTIPLICATION SIGN} (3 + 4)", 14),
        ("3 x 3 x 64", 576),
        ("3X3", 9),
        ("84 \N{DIVISION SIGN} 4", 21),
        ("6 \N{MIDDLE DOT} 7", 42),
        ("6 \N{DOT OPERATOR} 7", 42),
        ("10 \N{EN DASH} 4", 6),
        ("2^10", 1024),
        ("2 ** 10", 1024),
        ("2 ^ 3 ^ 2", 512),  # right-associative, as in Python
        ("-2 ^ 2", -4),  # the power binds tighter than the sign
        ("2 ^ -1", Fraction(1, 2)),
        ("17 // 5", 3),
        ("-7 // 2", -4),
        ("10 - 4 - 3", 3),  # left-associative
        ("64 / 4 / 2", 8),
        ("10,000 / 200", 50),
        ("0.1 + 0.2", Fraction(3, 10)),
        ("20% * 500", 100),
        ("\N{LEFT FLOOR}7 / 2\N{RIGHT FLOOR} + 1", 4),
        ("\N{LEFT CEILING}7 / 2\N{RIGHT CEILING}", 4),
        ("--3", 3),
        ("((((5))))", 5),
        (".5 * 4", 2),
    ],
)
def test_evaluate(text: str, value: Fraction | int) -> None:
    assert evaluate(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "(1 + 2",
        "1 + 2)",
        "1 +",
        "* 3",
        "1 / 0",
        "1 // 0",
        "0 ^ -1",
        "9 ^ 9 ^ 9",  # too large to be a calculation anyone checks by hand
        "(1 + 2]3",
        "3 4",
        "x + 1",
        "log(100)",
        "2019-2020 is a range",
        "\N{LEFT FLOOR}3",
        "(" * 5000 + "1" + ")" * 5000,
    ],
)
def test_not_a_calculation(text: str) -> None:
    assert evaluate(text) is None


def test_fractional_powers_are_exact_when_rational_and_close_otherwise() -> None:
    """Roots are evaluated (session 5): exactly when the result is rational, else to far more
    digits than any note writes, so that the rule can compare to the digits written."""
    assert evaluate("4 ^ 0.5") == 2
    assert evaluate("8 ^ (1/3)") == 2
    root = evaluate("2 ^ 0.5")
    assert root is not None and abs(root - Fraction(14142135623730950488, 10**19)) < Fraction(
        1, 10**18
    )


def test_items_take_floats_for_program_output() -> None:
    items = tokenize("0.1 + 0.2")
    assert items is not None
    assert evaluate_items(items, floating=True) == 0.1 + 0.2
    assert evaluate_items(items) == Fraction(3, 10)


def test_tokenize_maps_symbols() -> None:
    assert tokenize("[1 \N{MINUS SIGN} 2] x 3") == ["(", 1, "-", 2, ")", TIMES, 3]
    assert tokenize("1 + a") is None


# ---------------------------------------------------------------------------------------------
# Property tests: the evaluator agrees with Python's own arithmetic on Fractions.


@st.composite
def _expressions(draw: st.DrawFn, depth: int = 0) -> tuple[str, Fraction]:
    """An ASCII expression and its value, built with Python's operators on Fractions."""
    if depth > 3 or draw(st.booleans()):
        number = draw(st.integers(min_value=0, max_value=999))
        return str(number), Fraction(number)
    kind = draw(st.sampled_from(["+", "-", "*", "/", "**", "neg", "paren"]))
    left_text, left = draw(_expressions(depth + 1))
    if kind == "paren":
        return f"({left_text})", left
    if kind == "neg":
        return f"-({left_text})", -left
    if kind == "**":
        exponent = draw(st.integers(min_value=0, max_value=4))
        return f"({left_text}) ** {exponent}", left**exponent
    right_text, right = draw(_expressions(depth + 1))
    if kind == "/" and right == 0:
        right_text, right = f"({right_text}) + 1", right + 1
    if kind == "/":
        return f"({left_text}) / ({right_text})", left / right
    value = {"+": left + right, "-": left - right, "*": left * right}[kind]
    return f"({left_text}) {kind} ({right_text})", value


@settings(max_examples=300, deadline=None)
@given(_expressions())
def test_agrees_with_python_arithmetic(expression: tuple[str, Fraction]) -> None:
    text, value = expression
    assert evaluate(text) == value


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=99), min_size=2, max_size=6), st.data())
def test_precedence_matches_python_without_brackets(
    numbers: list[int], data: st.DataObject
) -> None:
    operators = [data.draw(st.sampled_from(["+", "-", "*", "/"])) for _ in numbers[1:]]
    text = str(numbers[0]) + "".join(
        f" {op} {n}" for op, n in zip(operators, numbers[1:], strict=True)
    )
    # Python evaluates the same text exactly when every number is a Fraction.
    as_fractions = re.sub(r"\d+", lambda m: f"Fraction({m.group(0)})", text)
    expected = eval(as_fractions, {"Fraction": Fraction})  # a test oracle, never in the linter
    assert evaluate(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789+-*/^()[]., x%\N{MINUS SIGN}"))))
def test_never_raises_on_symbol_soup(text: str) -> None:
    result = evaluate(text)
    assert result is None or isinstance(result, Fraction)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    result = evaluate(text)
    assert result is None or isinstance(result, Fraction)


# ---------------------------------------------------------------------------------------------
# Layer formulas


@pytest.mark.parametrize(
    ("size", "kernel", "stride", "padding", "dilation", "expected"),
    [
        (32, 5, 1, 0, 1, 28),
        (227, 11, 4, 0, 1, 55),
        (224, 7, 2, 3, 1, 112),
        (56, 3, 1, 1, 1, 56),
        (224, 2, 2, 0, 1, 112),
        (13, 2, 2, 0, 1, 6),
        (32, 3, 1, 0, 2, 28),
        (2, 3, 1, 0, 1, None),  # the kernel does not fit
    ],
)
def test_output_size(
    size: int, kernel: int, stride: int, padding: int, dilation: int, expected: int | None
) -> None:
    assert output_size(size, kernel, stride, padding, dilation) == expected


def test_allowed_outputs_when_all_is_stated_is_one_value() -> None:
    assert allowed_outputs(Axis(32, 5, 1, 0, 1)) == {28}
    assert allowed_outputs(Axis(224, 3, 2, None, 1, same=True)) == {112}


def test_pooling_rounds_up_only_when_told_and_convolution_never() -> None:
    assert allowed_outputs(Axis(13, 2, 2, 0, 1, pooling=True)) == {6}
    assert allowed_outputs(Axis(13, 2, 2, 0, 1, pooling=True, rounds_up=True)) == {6, 7}
    assert allowed_outputs(Axis(28, 3, 2, 1, 1)) == {14}


def test_unstated_stride_and_padding_allow_the_usual_values() -> None:
    allowed = allowed_outputs(Axis(56, 3, None, None, 1))
    assert {54, 56, 28, 27, 19}.issubset(allowed)
    assert 10 not in allowed


def test_explain_output() -> None:
    assert explain_output(Axis(32, 5, 1, 0, 1)) == "(32 + 2·0 \N{MINUS SIGN} 5) / 1 + 1 = 28"
    assert explain_output(Axis(28, 3, 2, 1, 1)) == "⌊(28 + 2·1 \N{MINUS SIGN} 3) / 2⌋ + 1 = 14"


@pytest.mark.parametrize(
    ("n", "m", "bias", "count"), [(128, 64, True, 8256), (784, 10, False, 7840)]
)
def test_dense_parameters(n: int, m: int, bias: bool, count: int) -> None:
    assert dense_parameters(n, m, bias) == count


def test_conv_parameters() -> None:
    assert conv_parameters((3, 3), 64, 128, True) == 73856
    assert conv_parameters((5, 5), 3, 6, True) == 456
    assert conv_parameters((3, 3), 64, 128, False) == 73728


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (f"224{TIMES}224{TIMES}3", (224, 224, 3)),
        ("3 x 3", (3, 3)),
        ("(2, 2)", (2, 2)),
        ("two", (2,)),
    ],
)
def test_parse_values(text: str, values: tuple[int, ...]) -> None:
    assert parse_values(text) == values


@pytest.mark.parametrize(
    ("text", "total"),
    [
        ("8,256", (8256, 1)),
        ("525k", (525000, 1000)),
        ("8.3k", (8300, 100)),
        ("1.2M", (1200000, 100000)),
        ("4.1 million", (4100000, 100000)),
        ("12 thousand", (12000, 1000)),
    ],
)
def test_parse_total(text: str, total: tuple[int, int]) -> None:
    assert parse_total(text) == total


# ---------------------------------------------------------------------------------------------
# The data file of the arithmetic rules


def _data() -> dict[str, object]:
    text = resources.files("ankigen.lint").joinpath("data/arithmetic.yaml").read_text("utf-8")
    data: dict[str, object] = yaml.safe_load(text)
    return data


def test_data_entries_are_valid_unique_patterns() -> None:
    data = _data()
    operators = data["operators"]
    assert isinstance(operators, dict)
    assert set(operators) == {"^", "//", "/", TIMES, "+", "-"}
    lists: list[list[str]] = [*operators.values()]
    lists += [
        value for key, value in data.items() if key != "operators" and isinstance(value, list)
    ]
    for entries in lists:
        assert len(entries) == len(set(entries)), entries
        for entry in entries:
            re.compile(entry)


def test_every_operator_pattern_matches_its_symbol() -> None:
    operators = _data()["operators"]
    assert isinstance(operators, dict)
    samples = {
        "^": "2^3",
        "//": "7 // 2",
        "/": "6 / 3",
        TIMES: f"2 {TIMES} 3",
        "+": "1 + 2",
        "-": "3 \N{MINUS SIGN} 1",
    }
    for symbol, entries in operators.items():
        sample = samples[symbol]
        assert any(re.search(entry, sample) for entry in entries), symbol
    assert math.isclose(float(evaluate("2^3") or 0), 8)


# ---------------------------------------------------------------------------------------------
# Counts next to layer code


def test_comment_counts() -> None:
    code = (
        "layers.Dense(64, input_shape=(128,)),  # 8,192 params\n"
        "layers.Dense(10, input_dim=64)  # 650 params\n"
        "nn.Conv2d(3, 16, (3, 3), bias=False)  # 432 params\n"
    )
    problems = list(comment_problems(code))
    assert [(p.line, code.split("\n")[p.line][p.start : p.end]) for p in problems] == [(0, "8,192")]
    assert "8,256" in problems[0].message


def test_summary_counts_follow_the_previous_row() -> None:
    summary = (
        " flatten (Flatten)   (None, 1600)   0\n"
        " dense (Dense)       (None, 64)     102464\n"
        " output (Dense)      (None, 10)     560\n"
    )
    problems = list(summary_problems(summary))
    assert [(p.line, p.message.split(", not ")[1]) for p in problems] == [(2, "560")]


def test_functional_summaries_are_left_alone() -> None:
    summary = (
        " Layer (type)   Output Shape   Param #   Connected to\n"
        " a (Dense)      (None, 64)     100       []\n"
        " b (Dense)      (None, 10)     1         ['a[0][0]']\n"
    )
    assert list(summary_problems(summary)) == []


# ---------------------------------------------------------------------------------------------
# The rules themselves never fail on odd text


_PIECES = [
    *(
        "(",
        ")",
        "[",
        "]",
        "\N{LEFT FLOOR}",
        "\N{RIGHT CEILING}",
        " = ",
        " is ",
        " \N{ALMOST EQUAL TO} ",
    ),
    *("\N{MINUS SIGN}", " - ", "-", "+", TIMES, " x ", "*", "**", "^", "/", "//", "%", " of "),
    *("3", "0", "224", "10,000", "1e4", "2.5", "\N{SUPERSCRIPT TWO}", "$", "{", "}", "\\frac{"),
    *(" kernel", " stride 2", " padding 1", " input", " output", " gives ", " filters"),
    *(" parameters", " units", " inputs", " 3x3", "\n", "\n\n", "- ", "1. ", "`", " same padding"),
    *("|", "\n|---|---|\n", " Dense(10)", " Conv2D(8, 3)", "**", " steps per epoch", " batch size"),
]


def test_rules_never_raise_on_symbol_soup(tmp_path: Path) -> None:
    chooser = random.Random(12)
    bodies = [
        "".join(chooser.choice(_PIECES) for _ in range(chooser.randint(1, 40))) for _ in range(80)
    ]
    notes = [FixtureNote(f"n{index:03d}", f"# Q?\n\n{body}\n") for index, body in enumerate(bodies)]
    write_notes(tmp_path, notes)
    for code in ("AG101", "AG102", "AG103", "AG104"):
        found = lint_rule(tmp_path, code)  # raises if a rule fails on any note
        assert all(diagnostic.code == code for diagnostic in found)


# ---------------------------------------------------------------------------------------------
# Tables and inline code as the arithmetic rules read them


def test_tables_give_header_words_and_cell_offsets() -> None:
    text = "Intro | not a table\n\n| Layer | Params |\n|:---|---:|\n| a | 1,290 |\n| b | 7 |\n"
    (table,) = list(tables(text, 0, len(text)))
    assert table.header == ("layer", "params")
    assert [[cell.text for cell in row] for row in table.rows] == [["a", "1,290"], ["b", "7"]]
    cell = table.rows[0][1]
    assert text[cell.start : cell.end] == "1,290"
    assert table.column(re.compile("param")) == 1
    assert table.column(re.compile("a")) is None  # both headers hold an "a": no single column


def test_rows_without_a_rule_line_are_no_table() -> None:
    text = "| a | b |\n| 1 | 2 |\n"
    assert list(tables(text, 0, len(text))) == []


def _document(tmp_path: Path, body: str) -> LintDocument:
    write_notes(tmp_path, [FixtureNote("n", body)])
    (document,) = list(documents_of(check([tmp_path / "content"])))
    return document


def test_arith_prose_restores_quantity_code_only(tmp_path: Path) -> None:
    body = (
        "# How many parameters has `Dense(10)` with `batch_size=32`?\n\n"
        "Call `print('hi there')` later; `x + y` stays code.\n\n"
        "```python\nDense(64)\n```\n"
    )
    document = _document(tmp_path, body)
    prose = arith_prose(document)
    assert len(prose) == len(document.text)
    assert " Dense(10) " in prose and " batch_size=32 " in prose
    assert "x + y" not in prose and "Dense(64)" not in prose


def test_pooling_without_stated_padding_pads_at_most_half_its_window() -> None:
    # A 2x2 pool pads nothing: 7 -> 3 only; a 3x3 pool may pad 1: 112 -> 55 or 56.
    assert allowed_outputs(Axis(7, 2, 2, None, 1, pooling=True)) == {3}
    assert allowed_outputs(Axis(112, 3, 2, None, 1, pooling=True)) == {55, 56}
    # A convolution with no stated padding still allows "same" and any padding below k.
    assert 4 in allowed_outputs(Axis(7, 2, 2, None, 1))
