"""Logarithms of numbers with a claimed value (AG101, issue #12): evaluated exactly where the
value is rational, else to the digits written; a bare "log" (whose base depends on the field)
and a logarithm inside a longer calculation are left alone."""

from __future__ import annotations

from fractions import Fraction

import pytest

from ankigen.lint.arith.expression import logarithm
from tests.rule_harness import FixtureNote, lint_rule, write_notes

WRONG: tuple[tuple[str, str], ...] = (
    ("base2-exact", "# Bits?\n\nA 1024-way choice needs log2(1024) = 11 bits.\n"),
    ("base10-negative", "# Scale?\n\nlog10(0.001) = -2, so the loss fell by two orders.\n"),
    ("rounded-wrong", "# Entropy?\n\nTen outcomes carry log2(10) ≈ 3.23 bits.\n"),
    ("subscript-base", "# Depth?\n\nA balanced tree over 256 leaves has log_2 256 = 7 levels.\n"),
    ("latex", "# Depth?\n\n$\\log_{10}(10000) = 3$ digits after the first.\n"),
    ("natural-power", "# Inverse?\n\nBy definition ln(e^3) = 2.\n"),
    ("negated", "# Surprise?\n\nAn event of probability 1/8 carries -log2(0.125) = 2 bits.\n"),
    ("fraction-argument", "# Halving?\n\nlog2(1/16) = -3 halvings.\n"),
    ("natural-rounded", "# Nats?\n\nln(2) ≈ 0.96 nats per bit.\n"),
    ("power-argument", "# Powers?\n\nlog10(10^6) = 5 in list item form.\n"),
    ("list-item", "# Steps?\n\n- log2(64) = 5 halvings\n- then one more\n"),
    ("is-word", "# Levels?\n\nThe depth log2(512) is 8.\n"),
    ("words", "# Bits?\n\nThe log base 2 of 1024 is 11.\n"),
    ("natural-words", "# Nats?\n\nThe natural log of 10 is 2.03.\n"),
)

RIGHT: tuple[tuple[str, str], ...] = (
    ("ok-base2", "# Bits?\n\nA 1024-way choice needs log2(1024) = 10 bits.\n"),
    ("ok-natural", "# Inverse?\n\nln(e^2) = 2 by definition.\n"),
    ("ok-rounded", "# Entropy?\n\nTen outcomes carry log2(10) ≈ 3.32 bits, or 3.3.\n"),
    ("ok-base10", "# Scale?\n\nlog10(0.001) = -3.\n"),
    ("ok-latex", "# Depth?\n\n$\\log_2 1024 = 10$ and $\\ln e^{2} = 2$.\n"),
    ("ok-negated", "# Surprise?\n\n-log2(0.125) = 3 bits; -ln(0.5) ≈ 0.693 nats.\n"),
    ("ok-truncated", "# Nats?\n\nln(2) = 0.6931 and log2(3) ≈ 1.58.\n"),
    ("ok-bare-log", "# Loss?\n\nlog(100) = 2 in base 10, log(100) = 4.6 in nats.\n"),
    ("ok-longer", "# Loss?\n\n1 - ln(2) = 0.31 and 2 log2(8) = 6.\n"),
    ("ok-rational", "# Octal?\n\nlog8(2) = 0.333 and log_4 8 = 1.5.\n"),
    ("ok-words", "# Bits?\n\nThe log base 2 of 1024 is 10; the natural logarithm of 10 is 2.3.\n"),
    ("ok-bare-words", "# Bits?\n\nThe logarithm of 100 is 2, and log of 8 is 3 in base 2.\n"),
    ("ok-factor", "# Entropy?\n\n0.5⋅log2(0.5) = -0.5, and p log2(0.5) = -0.5 for p = 0.5.\n"),
    ("ok-code", "# Code\n\n```python\nmath.log2(1024)  # 10\n```\n"),
)


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    root = tmp_path_factory.mktemp("logs")
    notes = [FixtureNote(case_id, body) for case_id, body in (*WRONG, *RIGHT)]
    paths = write_notes(root, notes)
    by_note: dict[str, list[str]] = {note.id: [] for note in notes}
    for diagnostic in lint_rule(root, "AG101"):
        note_id = next(key for key, path in paths.items() if path == diagnostic.path)
        by_note[note_id].append(diagnostic.message)
    return by_note


@pytest.mark.parametrize("case_id", [case[0] for case in WRONG])
def test_a_wrong_logarithm_is_reported(found: dict[str, list[str]], case_id: str) -> None:
    assert len(found[case_id]) == 1, found[case_id]


@pytest.mark.parametrize("case_id", [case[0] for case in RIGHT])
def test_a_right_or_unclear_logarithm_is_silent(found: dict[str, list[str]], case_id: str) -> None:
    assert found[case_id] == []


def test_the_message_gives_the_right_value(found: dict[str, list[str]]) -> None:
    assert found["base2-exact"][0].startswith("log2(1024) = 10, not 11")
    assert "= 3.3219, not 3.23" in found["rounded-wrong"][0]
    assert found["base10-negative"][0].startswith("log10(0.001) = -3, not -2")


@pytest.mark.parametrize(
    ("argument", "base", "value"),
    [
        (Fraction(1024), Fraction(2), Fraction(10)),
        (Fraction(1, 1000), Fraction(10), Fraction(-3)),
        (Fraction(2), Fraction(8), Fraction(1, 3)),
        (Fraction(1), None, Fraction(0)),
    ],
)
def test_rational_logarithms_are_exact(
    argument: Fraction, base: Fraction | None, value: Fraction
) -> None:
    assert logarithm(argument, base) == (value, True)


def test_irrational_logarithms_are_approximate_and_bad_input_is_none() -> None:
    result = logarithm(Fraction(10), Fraction(2))
    assert result is not None and not result[1]
    assert abs(result[0] - Fraction("3.32192809488736234787")) < Fraction(1, 10**18)
    assert logarithm(Fraction(0), Fraction(2)) is None
    assert logarithm(Fraction(5), Fraction(1)) is None
    assert logarithm(Fraction(-4), None) is None
