"""Numbers as prose writes them: digits, separators, suffixes, exponents and words."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ankigen.lint.numbers import find_numbers, format_number, parse_number, words_value


@pytest.mark.parametrize(
    ("text", "value", "ulp"),
    [
        ("10,000", 10000, 1),
        ("10000", 10000, 1),
        ("10k", 10000, 1000),
        ("1e4", 10000, 10000),
        ("1.5", Fraction(3, 2), Fraction(1, 10)),
        ("2.5M", 2500000, 100000),
        ("2.5 million", 2500000, 100000),
        ("3.33", Fraction(333, 100), Fraction(1, 100)),
        ("fifty", 50, 1),
        ("two hundred", 200, 1),
        ("two hundred and fifty", 250, 1),
        ("twenty-one", 21, 1),
        ("ten thousand", 10000, 1),
    ],
)
def test_parse_number(text: str, value: Fraction | int, ulp: Fraction | int) -> None:
    number = parse_number(text)
    assert number is not None
    assert (number.value, number.ulp) == (value, ulp)


@pytest.mark.parametrize("text", ["fifty twenty", "hundred", "ten five", "thousand million"])
def test_malformed_words_are_no_number(text: str) -> None:
    assert words_value(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("10,000 images at batch size 200", ["10,000", "200"]),
        ("a 3x3 kernel on 32\N{MULTIPLICATION SIGN}64", ["3", "3", "32", "64"]),
        ("one epoch of fifty steps", ["fifty"]),  # a lone "one" is a pronoun
        ("3D, 2nd, v3 and x2 hold no number", []),
        ("ten and twenty", ["ten"]),
        ("It ends at 10,000.", ["10,000"]),
        ("0.5\N{SUPERSCRIPT TWO} and 10\N{SUPERSCRIPT MINUS}\N{SUPERSCRIPT THREE}", ["0.5", "10"]),
        ("a 3D map, 2nd place", []),
        # a letter glued to digits ends no number inside them: "256D" is a name, not "25"
        ("a 256D vector and 40x faster", []),
        # scripts written without spaces glue their words to numbers: still numbers
        ("\u5408\u8a08\u306f40\u3067\u3059", ["40"]),  # Japanese: "the total is 40"
        ("\uc815\ub2f5\uc740 40\uac1c", ["40"]),  # Korean: "the answer is 40 (items)"
        ("\u5171128\u4e2a\u795e\u7ecf\u5143", ["128"]),  # Chinese: "128 neurons in all"
    ],
)
def test_find_numbers(text: str, found: list[str]) -> None:
    assert [number.text for number in find_numbers(text)] == found


def test_find_numbers_keeps_offsets() -> None:
    text = "with 10,000 images"
    (number,) = find_numbers(text)
    assert text[number.start : number.end] == "10,000"
    assert number.grouped


@pytest.mark.parametrize(
    ("value", "grouped", "shown"),
    [
        (Fraction(10000), True, "10,000"),
        (Fraction(1875), False, "1875"),
        (Fraction(625, 2), False, "312.5"),
        (Fraction(10, 3), False, "3.3333"),
        (Fraction(1, 255), False, "0.003922"),
    ],
)
def test_format_number(value: Fraction, grouped: bool, shown: str) -> None:
    assert format_number(value, grouped) == shown
