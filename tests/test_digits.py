"""Digit gates never hide a match: every gated pattern needs a digit, as its parse tree says,
and ``requires_digit`` reads parse trees right (checked against re itself)."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ankigen.lint.registry  # noqa: F401  (imports every rule module, so every gate is made)
from ankigen.lint.digits import GATES, DigitGated, requires_digit


def test_the_layer_rules_gate_their_quantity_patterns() -> None:
    assert len(GATES) >= 10


@pytest.mark.parametrize("gate", GATES, ids=lambda gate: gate.pattern.pattern[:40])
def test_every_gated_pattern_needs_a_digit(gate: DigitGated) -> None:
    assert requires_digit(gate.pattern.pattern, gate.pattern.flags)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d",
        r"[0-9]+ units",
        r"(?:a|b)\d",
        r"(?:\d|[1-3])x",
        r"\d{1,3}(?:,\d{3})*",
        r"(?<!\w)(?P<n>\d+)(?=\s)",
        r"(?:size|width)\s*=\s*\d",
        r"(?:\d+|\(\d+,\s*\d+\))",
        r"(?>\d)",
    ],
)
def test_patterns_that_need_a_digit(pattern: str) -> None:
    assert requires_digit(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\w+",  # \w holds digits but also letters
        r"\d?x",
        r"\d*",
        r"(?:\d|two)",
        r"[^a]",
        r".",
        r"(?=\d)\w",  # the digit is only looked at, not consumed
        r"(\d)?\1",
        r"(?:\d+|same)",
        r"[\d\s]",
    ],
)
def test_patterns_that_match_without_a_digit(pattern: str) -> None:
    assert not requires_digit(pattern)


def test_no_digit_has_a_case() -> None:
    """IGNORECASE never makes a digit match something else, or a letter match a digit."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if unicodedata.category(char) == "Nd":
            assert char.isdecimal()
            assert char.lower() == char == char.upper()
    non_digits = "".join(
        chr(code) for code in range(sys.maxunicode + 1) if not chr(code).isdecimal()
    )
    assert re.search(r"\d", non_digits, re.IGNORECASE) is None
    assert re.search("[0-9\u0660-\u0669]", non_digits, re.IGNORECASE) is None


_PIECES = st.sampled_from(
    [
        r"\d",
        "[0-9]",
        "[1-3]",
        "x",
        "[a-c]",
        r"\w",
        r"\s",
        "(?:a|1)",
        "(?:2|3)",
        "(?:(?=1))",
        "(?:\\b)",
    ]
)


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    parts = draw(st.lists(_PIECES, min_size=1, max_size=4))
    quantified = [part + draw(st.sampled_from(["", "?", "+", "*", "{2}"])) for part in parts]
    alternatives = draw(st.integers(1, 2))
    return "|".join("".join(quantified[i::alternatives]) or "x" for i in range(alternatives))


@settings(max_examples=300, deadline=None)
@given(_patterns(), st.text(alphabet="ab1x \u0663", max_size=12))
def test_a_pattern_said_to_need_a_digit_never_matches_without_one(pattern: str, text: str) -> None:
    if requires_digit(pattern, re.IGNORECASE):
        for match in re.finditer(pattern, text, re.IGNORECASE):
            assert any(char.isdecimal() for char in match.group())


@settings(max_examples=200, deadline=None)
@given(_patterns(), st.text(alphabet="ab1x 2\u0663\n", max_size=16), st.data())
def test_a_gate_finds_what_the_plain_pattern_finds(
    pattern: str, text: str, data: st.DataObject
) -> None:
    if not requires_digit(pattern):
        return
    compiled = re.compile(pattern)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 2))
    gate = DigitGated(compiled)
    GATES.remove(gate)  # not one of the rules' gates
    assert [m.span() for m in gate.finditer(text, start, end)] == [
        m.span() for m in compiled.finditer(text, start, end)
    ]
