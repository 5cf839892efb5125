"""AG038 for a cloze whose '{{' stands where TeX expects a brace group ('$\\sigma^{{c1::2}}$').

Anki reads the two braces as the cloze's opening, so the exponent, the root or the fraction
part loses its own group: the front shows '^[...]' (MathJax raises only the '['), the back
'x^2n' or '\\sqrtx'. tests/test_cloze_math.py checks the verdicts against real Anki; these
tests pin down which TeX positions count and that the suggested fix is itself accepted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ankigen.source import cloze
from tests.test_cloze_math import _ag038


@pytest.mark.parametrize(
    ("before", "taken"),
    [
        ("$\\sigma^", "^"),
        ("$x_ ", "_"),
        ("$\\sqrt", "\\sqrt"),
        ("$\\mathbf", "\\mathbf"),
        ("$\\frac", "\\frac"),
        ("$\\frac{a}", "\\frac{a}"),
        ("$\\frac{\\{a\\}} ", "\\frac{\\{a\\}}"),
        ("$\\binom{n}", "\\binom{n}"),
        ("$\\textcolor{red}", "\\textcolor{red}"),
        ("$\\sqrt[3]", "\\sqrt[3]"),
        ("$\\", "\\{"),
    ],
)
def test_argument_positions_are_found(before: str, taken: str) -> None:
    assert cloze.taken_argument(before) == taken


@pytest.mark.parametrize(
    "before",
    [
        "$x^{",  # the TeX group is open: the cloze is inside it
        "$\\hat{y}",  # a one-argument command already has its group
        "$\\frac{a}{b}",  # a third group is no argument of \frac
        "$\\alpha",  # takes no argument
        "$a + ",
        "$\\\\",  # a TeX line break, not an escaped brace
        "$x\\^",  # an escaped caret is a character
        "$\\sqrt{2}",
        "",
    ],
)
def test_other_positions_are_not_arguments(before: str) -> None:
    assert cloze.taken_argument(before) is None


_SUGGESTION = re.compile(r"with spaces: (.+)$")


@pytest.mark.parametrize(
    ("body", "column", "written", "fixed"),
    [
        ("Variance: $\\sigma^{{c1::2}}$.", 19, "^{{c1::2}}", "^{ {{c1::2}} }"),
        ("Root: $\\sqrt{{c1::n}}$ here.", 13, "\\sqrt{{c1::n}}", "\\sqrt{ {{c1::n}} }"),
        ("Ratio: $\\frac{1}{{c1::n}}$.", 17, "\\frac{1}{{c1::n}}", "\\frac{1}{ {{c1::n}} }"),
        ("Index: $w_ {{c1::ij::two}}$.", 12, "_ {{c1::ij::two}}", "_{ {{c1::ij::two}} }"),
        ("Cube: $\\sqrt[3]{{c1::8}}$.", 16, "\\sqrt[3]{{c1::8}}", "\\sqrt[3]{ {{c1::8}} }"),
    ],
)
def test_report_points_at_the_cloze_and_its_fix_is_accepted(
    tmp_path: Path, body: str, column: int, written: str, fixed: str
) -> None:
    (reported,) = _ag038(tmp_path / "bad", body)
    assert f"n.md:5:{column}: AG038" in reported
    suggestion = _SUGGESTION.search(reported)
    assert suggestion is not None and suggestion.group(1) == fixed
    assert _ag038(tmp_path / "fixed", body.replace(written, fixed)) == []


def test_escaped_brace_taken_by_a_cloze_is_reported(tmp_path: Path) -> None:
    (reported,) = _ag038(tmp_path, "Set: $\\{{c1::0, 1}} \\}$ of labels.")
    assert "n.md:5:8: AG038" in reported  # where Anki reads the cloze opening
    assert "takes the brace of '\\{'" in reported


def test_single_backslash_delimiters_are_math_and_get_the_brace_fix(tmp_path: Path) -> None:
    # Anki's delimiters around TeX are math since session 32: only the cloze is wrong.
    (reported,) = _ag038(tmp_path, "Square: \\( x^{{c1::2}} \\) here.")
    assert "^{ {{c1::2}} }" in reported
    assert "escaped brackets" not in reported


def test_display_block_over_several_lines_is_checked(tmp_path: Path) -> None:
    body = "Bayes:\n\n$$\nP(A \\mid B) = \\frac{P(B \\mid A) P(A)}{{c1::P(B)}}\n$$"
    (reported,) = _ag038(tmp_path, body)
    assert "n.md:8:" in reported and "argument of '\\frac{P(B \\mid A) P(A)}'" in reported


@pytest.mark.parametrize(
    "body",
    [
        "Power in prose: {{c1::x}}^{{c2::2}} is text, with no math.",
        "Kept: $\\sigma^{ {{c1::2}} }$ and $\\sigma^{{{c1::2}}}$.",
        "After a group: $\\hat{y}{{c1::z}}$ is a product.",
        "Spaced set: $\\{ {{c1::0, 1}} \\}$ of labels.",
    ],
)
def test_near_misses_are_not_reported(tmp_path: Path, body: str) -> None:
    assert _ag038(tmp_path, body) == []


def test_the_cloze_is_the_one_diagnosis(tmp_path: Path) -> None:
    """AG171 (unbalanced math) stays quiet: the math is whole, only the cloze took its brace."""
    from tests.test_cloze_math import _diagnoses

    found = _diagnoses(tmp_path, "Variance: $\\sigma^{{c1::2}}$, root $\\sqrt{{c2::v}}$.")
    assert [d.split(": ")[1].split()[0] for d in found] == ["AG038", "AG038"]
