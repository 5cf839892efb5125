"""The cloze-side reading of AG038 (render/cloze_sides.py): each card's sides rendered as Anki
renders them, and the math on each checked for pairs. tests/test_cloze_math.py judges the same
notes with real Anki; these pin the pieces."""

from __future__ import annotations

import pytest

from ankigen.render import anki_template
from ankigen.render.cloze_sides import broken_sides, side_problems, tex_problem


@pytest.mark.parametrize(
    ("tex", "what"),
    [
        ("\\frac{1}{2}", None),
        ("\\left( x \\right)", None),
        ("\\left\\{ x \\middle| x > 0 \\right\\}", None),
        ("\\begin{cases} 1 \\\\ 0 \\end{cases}", None),
        ("\\{ a \\}", None),
        ("[...] x \\right)", "a '\\right' without its '\\left'"),
        ("\\left[ x [...]", "a '\\left' without its '\\right'"),
        ("x \\middle| y", "a '\\middle' outside '\\left … \\right'"),
        ("[...] \\end{cases}", "a '\\end{cases}' without its '\\begin{cases}'"),
        ("\\begin{matrix} a", "a '\\begin{matrix}' without its '\\end{matrix}'"),
        ("\\frac{1}{[...]", "a '{' that is never closed"),
        ("x}", "a '}' that closes no '{'"),
    ],
)
def test_tex_problem_names_what_does_not_pair(tex: str, what: str | None) -> None:
    assert tex_problem(tex) == what


def test_as_written_keeps_hints_and_tex_braces() -> None:
    text = "\\(x^{2} = {{c1::y::a {hint}}}\\) and {{c2::z}}"
    assert anki_template.as_written(text) == "\\(x^{2} = y::a {hint}\\) and z"


def test_side_problems_reads_delimiters_by_mathjax_string() -> None:
    assert side_problems("<p>\\(a\\)</p><p>\\(b</p>") == [
        ("an opening '\\(' or '\\[' that never closes", "b")
    ]
    assert side_problems("<p>a \\) b</p>") == [
        ("a closing '\\)' or '\\]' with no opening", "a \\) b")
    ]
    assert side_problems("<pre>\\(</pre><p>\\(x\\)</p>") == []


def test_broken_sides_blames_the_cloze_not_the_written_math() -> None:
    hidden_left = "<p>\\({{c1::\\left(}} x \\right)^2\\)</p>"
    (side,) = broken_sides(hidden_left)
    assert (side.ordinal, side.question) == (1, True)
    # broken as written: AG171's, not the cloze's
    assert broken_sides("<p>\\(\\left( {{c1::x}}\\)</p>") == []
    # '::' inside the cloze's math: every side is cut at the hint
    assert [s.question for s in broken_sides("<p>{{c1::\\(f :: A \\to B\\)}}</p>")] == [True, False]
