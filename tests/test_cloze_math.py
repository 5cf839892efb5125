"""AG038 on clozes inside math, with real Anki as the judge.

Each case is a cloze note line. The field is rendered as ankigen renders it (without the
AG038 check, so that broken cases reach Anki too), added to a real collection, and every card
is rendered by Anki. A case is broken when some MathJax span on a card does not pair its
braces, or holds HTML (a cloze cut the math open). AG038 must report exactly the broken ones.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest

from ankigen.pipeline.build import build
from ankigen.render.markdown import markdown
from ankigen.render.mathjax_safety import ALLOWED
from ankigen.render.note import render_note
from ankigen.render.notetypes import CLOZE
from ankigen.render.sanitize import sanitize
from ankigen.source import cloze
from ankigen.source.load import load_deck_config, load_note
from tests.conftest import MINIMAL_DECK, SAMPLE, AnkiCollection, note_file, write

# (note line, what the author means). Anki's verdict is computed, never assumed: the test
# only checks that AG038 agrees with it, and that both kinds of verdict occur.
CASES = [
    "The square is $x^{{{c1::2}}}$.",
    "The inverse is $\\frac{1}{{{c1::x}}}$.",
    "The exponential {{c1::$e^{x}$}} grows.",
    "Spaced braces: $x^{ {{c1::2}} }$.",
    "Plain: $x + {{c1::y}}$.",
    "Nested braces: $x^{{{c1::2^{n}}}}$.",
    "A root: $\\sqrt{{{c1::x^{2}}}}$.",
    "A sum: $$\\sum_{i} {{c1::x_{i}}}$$ in display.",
    "A hat: $y = {{c1::\\hat{y}}} + 1$.",
    "Numerator: $\\frac{{{c1::a}}}{b}$.",
    "Index: $x_{{{c1::i}}}^{2}$.",
    "Outside: {{c1::$\\frac{a}{b}$}} is a ratio.",
    "Outside with index: {{c1::$x_{i}$}} is one entry.",
    "Spaced end: $x + {{c1::\\hat{y} }}$.",
    "Spaced nested: $x^{ {{c1::2^{n} }} }$.",
    "Hint: $x + {{c1::y::\\hat{a}}}$.",
    "Two: $\\frac{1}{{{c1::x}}}$ and $\\frac{{{c2::\\pi}}}{2}$.",
    "Affine: $y = {{c1::\\mathbf{W}x}} + {{c2::b}}$.",
    "Gauss: $e^{ {{c1::-x^{2}/2}} }$.",
    "Gauss tight: $e^{{{c1::-x^{2}/2}}}$.",
    "Set: ${{c1::\\{1, 2\\}}}$.",
    "Set spaced: ${{c1::\\{1, 2\\} }}$.",
    "Fraction hidden: $p = {{c1::\\frac{a}{b}}}$.",
    "Fraction hidden spaced: $p = {{c1::\\frac{a}{b} }}$.",
    "Split fraction: $\\frac{{{c1::1}{2}}}$.",
    "Crossing: {{c1::$e^{x_{1}}$}} ends early.",
    "Display block:\n\n$$\n\\mathrm{softmax}(z)_i = {{c1::\\frac{e^{z_i}}{\\sum_j e^{z_j}}}}\n$$",
    "Nested clozes: $a = {{c1::b + {{c2::c^{2}}} }}$.",
    # A cloze cut one brace early ('}}}') where Markdown sees no math: spaced dollars, which
    # stay literal text, '\\(' math that reaches MathJax as it is, or plain prose and code.
    "Spaced dollars: $ {{c1::\\frac{1}{n}}} $ is each weight.",
    # Issue #12, third pass: exponents and subscripts whose TeX brace the cloze took, text
    # and bold commands, display math, '\\(' math, hints after nested braces.
    "Exponent taken: $2^{{c1::-1}}$ is a half.",
    "Subscript taken: $\\|x\\|_{{c1::2}}$ is the norm.",
    "Text command: $\\frac{a}{\\text{{c1::total}}}$.",
    "Bold product: $\\hat{y} = {{c1::\\mathbf{X}\\mathbf{w}}}$.",
    "Display variance: $$\\operatorname{Var}(X) = {{c1::\\mathbb{E}[X^2] - \\mathbb{E}[X]^{2}}}$$",
    "Hint in math: $s'(z) = {{c1::s(z)(1-s(z))::in terms of \\sigma}}$.",
    "Hint after braces: $p_i = {{c1::\\frac{e^{z_i}}{\\sum_j e^{z_j}}::a ratio}}$.",
    "Hint after braces spaced: $p_i = {{c1::\\frac{e^{z_i}}{\\sum_j e^{z_j}} ::a ratio}}$.",
    "Paren math: \\\\( H = {{c1::-\\sum_x p(x)\\log p(x)}} \\\\) in bits.",
    "Opens in math: $\\lambda {{c1::\\|w\\|_2^2$ to the loss}}.",
    "Bold spaced: $\\hat{y} = {{c1::\\mathbf{X}\\mathbf{w} }}$.",
    "Bold inside: $\\mathbf{ {{c1::w}} }$ is the weight vector.",
    "Numerator spaced once: $\\frac{ {{c1::a}}}{b}$.",
    "Text spaced once: $\\text{ {{c1::softmax}}}$.",
    "Big O: $\\mathcal{O}({{c1::n^{2}}})$ comparisons.",
    "Big O plain: $\\mathcal{O}({{c1::n \\log n}})$ comparisons.",
    "Binomial: $\\binom{n}{{{c1::k}}}$ ways.",
    "Two in a row: ${{c1::a}}^{{c2::2}}$.",
    "Root spaced once: $\\sqrt{ {{c1::2}}}$.",
    "Whole display: $$ {{c1::\\hat{\\beta} = (X^\\top X)^{-1} X^\\top y}} $$",
    "Spaced norm: $ \\lVert x \\rVert = {{c1::\\sqrt{x^\\top x}}} $.",
    "Spaced tilde: the smoothed value is $ {{c1::\\tilde{x}}} $ here.",
    "Spaced choose: $ {{c1::\\binom{m}{2}}} $ pairs.",
    "Backslash math: \\\\( {{c1::\\bar{x}}} \\\\) is the sample mean.",
    "Display spaced: $$ {{c1::\\sqrt{2}}} $$ is irrational.",
    "Spaced hint: $ {{c1::\\bar{x}::\\text{mean}}} $.",
    "Spaced nested: $ {{c1::a + {{c2::\\hat{b}}} }} $.",
    "Prose set: a Python set is written {{c1::{1, 2}}} with braces.",
    "Empty dict: an empty dict is {{c1::{}}} in Python.",
    "Code span: the body is `{{c1::{ return 0; }}}` here.",
    "Escaped set: ${{c1::\\{a\\}}}$ has one element.",
    # A '}}' inside the hidden TeX ends the cloze before its text does.
    "Spaced inner pair: $ {{c1::\\frac{1}{\\sqrt{n}} + 1}} $ shrinks.",
    "Backslash inner pair: \\\\( {{c1::e^{x_{1}} + 1}} \\\\) grows.",
    "Inner pair in math: $y = {{c1::e^{x_{1}} + 1}}$ grows.",
    # A cloze across the edge of '\\(…\\)' math, which reaches MathJax as written.
    "Backslash crossing: \\\\( a + {{c1::b \\\\) is the sum}}.",
    "Backslash crossing in: {{c1::the sum \\\\( a + b}} \\\\) of both.",
    # Near misses that Anki renders whole.
    "Backslash whole: {{c1::\\\\( a + b^{2} \\\\)}} is the sum.",
    "Tight outer brace: $e^{ {{c1::x}}}$ grows.",
    "Both parts spaced: $\\frac{ {{c1::a}} }{ {{c2::b}} }$ is the ratio.",
    "Matrix entry: $\\begin{pmatrix} {{c1::1}} & 0 \\\\ 0 & 1 \\end{pmatrix}$ is the identity.",
    "Spaced subscript: $\\hat{\\beta}_{ {{c1::j}} }$ is the estimate.",
    "Spaced inner pair, spaced: $ {{c1::\\frac{1}{\\sqrt{n} } + 1}} $ shrinks.",
    "Dollar prices around a dict: costs $5, {{c1::{} }} is empty, then $10.",
    "Spaced dollars, spaced end: $ {{c1::\\frac{1}{n} }} $ is each weight.",
    "Whole math hidden: {{c1::$\\sqrt{d}$}} scales the scores.",
    "Backslash math, spaced end: \\\\( {{c1::\\bar{x} }} \\\\) is the mean.",
    "Escaped braces around: $\\{ {{c1::1, 2}} \\}$ is a set.",
    "Hint spaced: $ {{c1::\\bar{x}::\\text{mean} }} $.",
    "Prose set spaced: a Python set is written {{c1::{1, 2} }} with braces.",
    "Cloze then brace text: {{c1::f}} maps {x} to y.",
    # A cloze cut inside TeX that Markdown does not take as math: '\\(' and '\\[' with one
    # backslash are escaped brackets, and TeX commands in plain prose are text too; the braces
    # left over still reach the card.
    "Escaped paren math: \\( r = 1 - {{c1::\\frac{u_{a}}{v_{b}}}} \\) is the share.",
    "Escaped bracket math: \\[ {{c1::\\sqrt{w_{k}}}} + 1 \\] is the scale.",
    "TeX in prose: the share is 1 - {{c1::\\frac{u_{a}}{v}}} of it.",
    "Escaped paren, whole: \\( r = {{c1::\\frac{u}{v} }} \\) is the share.",
    "Escaped bracket, whole: \\[ {{c1::\\hat{w} }} \\] is the estimate.",
    # A cloze's '{{' where TeX wants a brace group: Anki takes the brace for the cloze, so
    # the front's '[...]' is split (only '[' raised) and the back glues the text on.
    "Variance: the variance is $\\sigma^{{c1::2}}$.",
    "Long exponent: $x^{{c1::2n}}$ grows.",
    "Subscript with hint: $w_{{c1::ij::indices}}$ is one weight.",
    "Root taken: $\\sqrt{{c1::d_k}}$ scales the scores.",
    "Bold taken: $\\mathbf{{c1::x}}$ is the input.",
    "Denominator taken: $\\frac{1}{{c1::n}}$ is each weight.",
    "Numerator taken: $\\frac{{c1::k}}{n}$ is the share.",
    "Root index taken: $\\sqrt[3]{{c1::8}} = 2$.",
    "Spaced script: $e^ {{c1::x}}$ grows.",
    "Display taken: $$\\hat{y} = \\mathbf{w}^{{c1::\\top}} \\mathbf{x}$$",
    "Display block taken:\n\n$$\n\\frac{1}{{c1::n}} \\sum_i x_i\n$$",
    "Backslash math taken: \\\\( 2^{{c1::10}} \\\\) is 1024.",
    "Escaped brace taken: $\\{{c1::a, b}} \\}$ is the set.",
    "Blackboard taken: $\\mathbb{{c1::E}}[X]$ is the mean.",
    "Hat taken: $\\hat{{c1::2}}$ is an estimate.",
    "Overline taken: $\\overline{{c1::x}}$ is the mean.",
    "Binomial taken: $\\binom{n}{{c1::2}}$ pairs.",
    "Table taken:\n\n| cost |\n|---|\n| $O(n^{{c1::2}})$ |",
    "Log base taken: $\\log_{{c1::2}} n$ bits.",
    "Binomial first taken: $\\binom{{c1::n}}{k}$ ways.",
    "Calligraphic taken: $\\mathcal{{c1::O}}(n)$ time.",
    "Underbrace taken: $\\underbrace{x + y}_{{c1::z}}$ here.",
    "Integral taken: \\\\[ \\int_{{c1::0}}^{1} f \\\\] here.",
    "Operator taken: $\\operatorname{{c1::argmax}}_x f$ here.",
    # Near misses: the TeX keeps its own brace group around the cloze.
    "Transpose kept: $\\mathbf{x}^{{{c1::\\top}}}$ here.",
    "Escaped brace kept: $\\left\\{{{c1::x}} \\right\\}$ here.",
    "Root kept: \\\\( \\sqrt{ {{c1::2}} } \\\\) here.",
    "Both scripts kept: $x_{ {{c1::i}} }^{ {{c2::2}} }$ here.",
    "Hat kept: $\\hat{ {{c1::y}} }$ is the estimate.",
    "Binomial kept: $\\binom{n}{ {{c1::2}} }$ pairs.",
    "Variance spaced: the variance is $\\sigma^{ {{c1::2}} }$.",
    "Variance three braces: the variance is $\\sigma^{{{c1::2}}}$.",
    "Bare exponent: $x^{{{c1::n}}}$ grows, like $x^2$.",
    "After a group: $\\hat{y}{{c1::z}}$ is a product.",
    "Third group: $\\frac{a}{b}{{c1::c}}$ is a product.",
    "Line break: $\\begin{matrix} a \\\\ {{c1::b}} \\end{matrix}$ stacks them.",
    "Escaped brace spaced: $\\{ {{c1::a, b}} \\}$ is the set.",
    "Power in prose: {{c1::x}}^{{c2::2}} is text here, with no math.",
    # A cloze marker between a control word and a letter: the back reads one command.
    "Glued end: ${{c1::\\lambda}}x$ is the rate.",
    "Glued start: $\\alpha{{c1::x}}$ is the angle.",
    "Glued sum: $\\sum{{c1::i}} x_i$ is the total.",
    "Glued pair: ${{c1::\\alpha}}{{c2::x}}$ here.",
    "Glue spaced: $\\alpha {{c1::x}}$ is the angle.",
    "Glue thin space: ${{c1::\\lambda}}\\,x$ is the rate.",
    "Glue power: ${{c1::\\lambda}}^2$ is the square.",
    "Glue empty group: $\\alpha{}{{c1::x}}$ is the angle.",
    # final blind probe of session 11: clozes beside the math, a superscript in prose
    "Error is {{c1::bias²}}, {{c2::variance}} and noise $\\sigma^2$.",
    # Session 31: pairs other than braces that a hidden part splits (the front's '[...]'
    # leaves a '\\right' or '\\end' alone), and '::' inside a cloze's math, which Anki reads
    # as the start of the hint (the math is cut at it on every side).
    "Left hidden: ${{c1::\\left(}} \\sum_j e^{z_j} \\right)^{-1}$ scales it.",
    "Right hidden: the bracket $\\left[ x + y {{c1::\\right]}}$ closes.",
    "Begin hidden: $f(x) = {{c1::\\begin{cases} x & x > 0}} \\\\ 0 & x \\le 0 \\end{cases}$",
    "Colons in math: {{c1::$\\mathrm{map} :: (a \\to b) \\to b$}} is its type.",
    "Colons in paren math: {{c1::\\\\( f :: A \\to B \\\\)}} is a signature.",
    # near misses: the pair is hidden whole, or stays around the cloze
    "Left kept: $\\left( {{c1::\\sum_j e^{z_j} }} \\right)$ normalises.",
    "Cases whole: $f(x) = {{c1::\\begin{cases} x & x > 0 \\\\ 0 & x \\le 0 \\end{cases} }}$",
    "Left and right on one card: ${{c1::\\left(}} x {{c1::\\right)}}^2$ squares it.",
    "Middle hidden: $\\left\\{ x {{c1::\\middle|}} x > 0 \\right\\}$ is the set.",
    "Colons outside math: {{c1::std::vector}} grows with $O(1)$ appends.",
]


def _field(body: str) -> str:
    """The Text field as ankigen renders it (cloze markers restored)."""
    protected = cloze.protect(body)
    md = markdown()
    rendered = sanitize(md.renderer.render(md.parse(protected.text, {}), md.options, {})).strip()
    restored = cloze.restore(rendered, protected.numbers)
    assert restored is not None
    return restored


_MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)


def _balanced(tex: str) -> bool:
    depth = 0
    for token in re.findall(r"\\.|[{}]", tex):
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            return False
    return depth == 0


_TWO_ARGUMENTS = ("frac", "dfrac", "tfrac", "binom")
_ONE_ARGUMENT = ("sqrt", "mathbf", "mathrm", "mathbb", "mathcal", "text", "hat", "bar", "vec")
_OPERATOR = re.compile(r"\\(" + "|".join(_TWO_ARGUMENTS + _ONE_ARGUMENT) + r")(?![A-Za-z])|[\^_]")


def _arity(operator: str) -> int:
    return 2 if operator.lstrip("\\") in _TWO_ARGUMENTS else 1


def _argument_end(tex: str, start: int) -> int | None:
    """End of the TeX argument at ``start`` (a group, a command or a character), or None
    when it is missing or is the lone '[' of Anki's '[...]' (MathJax takes one token as an
    argument, so the placeholder is split: only its '[' is raised or set in the command)."""
    index = start
    while index < len(tex) and tex[index].isspace():
        index += 1
    if index >= len(tex) or tex[index] in "}[":
        return None
    if tex[index] == "\\":
        command = re.match(r"\\(?:[A-Za-z]+|.)", tex[index:])
        return index + len(command.group(0)) if command else None
    if tex[index] != "{":
        return index + 1
    depth = 0
    for position in range(index, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[position], 0)
        if depth == 0:
            return position + 1
    return None


def _missing_argument(tex: str) -> bool:
    """A command or script without its arguments: MathJax's "Missing argument" error, or the
    placeholder '[...]' split by a script or command that takes only its '['."""
    for match in _OPERATOR.finditer(tex):
        end: int | None = match.end()
        if match.group(0) == "\\sqrt":  # its optional '[index]' first
            optional = re.match(r"\s*\[[^\]]*\]", tex[match.end() :])
            end = match.end() + (optional.end() if optional else 0)
        for _ in range(_arity(match.group(0))):
            end = _argument_end(tex, end) if end is not None else None
        if end is None:
            return True
    return False


def _unknown_command(tex: str) -> bool:
    """A command MathJax does not know, such as '\\sqrtx': hidden text glued to a command."""
    return any(name not in ALLOWED for name in re.findall(r"\\([A-Za-z]+)", tex))


def _unpaired(tex: str) -> bool:
    """A '\\left' or '\\right', a '\\begin' or '\\end' without its partner (MathJax:
    "Extra \\right", "Missing \\right", "\\begin{cases} ended by \\end{…}")."""
    lefts = len(re.findall(r"\\left(?![A-Za-z])", tex))
    rights = len(re.findall(r"\\right(?![A-Za-z])", tex))
    begins = sorted(re.findall(r"\\begin\s*\{([^{}]*)\}", tex))
    ends = sorted(re.findall(r"\\end\s*\{([^{}]*)\}", tex))
    return lefts != rights or begins != ends


def _broken_side(side: str) -> bool:
    """Some math on the card side that MathJax cannot typeset as written."""
    text = html.unescape(side)
    if text.count("\\(") != text.count("\\)") or text.count("\\[") != text.count("\\]"):
        return True
    if not _balanced(re.sub(r"<[^>]*>", "", text)):
        return True  # a brace the learner sees outside the pair it belongs to
    for match in _MATH.finditer(text):
        tex = match.group(1) if match.group(1) is not None else match.group(2)
        if "<" in tex or not _balanced(tex) or _missing_argument(tex) or _unknown_command(tex):
            return True
        if _unpaired(tex):
            return True
    return False


def _anki_says_broken(col: Any, body: str) -> bool:
    note = col.new_note(col.models.by_name(CLOZE.name))
    note["Text"] = _field(body)
    col.add_note(note, col.decks.id("Math"))
    outputs = [card.render_output() for card in note.cards()]
    assert outputs, body
    return any(
        _broken_side(side) for out in outputs for side in (out.question_text, out.answer_text)
    )


def _ag038(tmp_path: Path, body: str) -> list[str]:
    folder = tmp_path / "content" / "deck"
    write(folder / "deck.yaml", MINIMAL_DECK)
    path = write(folder / "n.md", note_file("n", body + "\n", "type: cloze\n"))
    spec, _ = load_deck_config(folder)
    note, _ = load_note(path)
    assert spec is not None and note is not None
    _, diagnostics = render_note(note, spec)
    return [d.format() for d in diagnostics if d.code == "AG038"]


def test_ag038_reports_exactly_what_anki_renders_broken(
    tmp_path: Path, anki: AnkiCollection
) -> None:
    (package,) = build([SAMPLE], tmp_path / "out").outputs
    anki.import_package(package)
    verdicts = {}
    for index, body in enumerate(CASES):
        broken = _anki_says_broken(anki.col, body)
        reported = _ag038(tmp_path / f"case{index}", body)
        verdicts[body] = broken
        assert bool(reported) == broken, (body, broken, reported)
    # The matrix must hold both kinds, or it proves nothing.
    assert 8 <= sum(verdicts.values()) <= len(CASES) - 8, verdicts


@pytest.mark.parametrize(
    ("body", "column", "hidden"),
    [
        ("Nested: $x^{{{c1::2^{n}}}}$.", 13, "2^{n"),
        ("Hat: $y = {{c1::\\hat{y}}} + 1$.", 11, "\\hat{y"),
        ("Set: ${{c1::\\{1, 2\\}}}$.", 7, "\\{1, 2\\"),
    ],
)
def test_ag038_points_at_the_cloze_and_says_how_to_fix(
    tmp_path: Path, body: str, column: int, hidden: str
) -> None:
    (reported,) = _ag038(tmp_path, body)
    assert f"n.md:5:{column}: AG038" in reported
    assert f"hides '{hidden}'" in reported
    assert "put a space between closing braces" in reported


def _diagnoses(tmp_path: Path, body: str) -> list[str]:
    """Every AG038 and AG171 diagnostic of one cloze note: structure checks and lint."""
    from ankigen.lint.rule import LintConfig
    from ankigen.lint.runner import documents_of, run_rules
    from ankigen.pipeline.check import check

    folder = tmp_path / "content" / "deck"
    write(folder / "deck.yaml", MINIMAL_DECK)
    write(folder / "n.md", note_file("n", body + "\n", "type: cloze\n"))
    result = check([tmp_path / "content"])
    found = [*result.diagnostics, *run_rules(documents_of(result), LintConfig())]
    return sorted(d.format() for d in found if d.code in ("AG038", "AG171"))


@pytest.mark.parametrize(
    ("body", "column", "advice"),
    [
        # '$ … $' stays text, so only the text shows the cloze is cut: AG038 gives both fixes.
        (
            "Scaled by $ {{c1::\\sqrt{m}}} $ first.",
            13,
            "{{c1::\\sqrt{m} }}; and write the dollars next to the formula",
        ),
        ("Pairs: $ {{c1::\\binom{k}{2}}} $.", 10, "{{c1::\\binom{k}{2} }}; and write"),
        ("Mean: \\\\( {{c1::\\bar{y}}} \\\\) here.", 11, "{{c1::\\bar{y} }}"),
        ("Escaped: ${{c1::\\{u\\}}}$ is a set.", 11, "{{c1::\\{u\\} }}"),
        ("Inner: $z = {{c1::e^{a_{2}} - 1}}$.", 13, "{{c1::e^{a_{2} } - 1}}"),
        ("A dict: {{c1::{}}} is empty.", 9, "{{c1::{} }}"),
    ],
)
def test_ag038_is_the_one_diagnosis_and_gives_the_fixed_cloze(
    tmp_path: Path, body: str, column: int, advice: str
) -> None:
    (reported,) = _diagnoses(tmp_path, body)
    assert f"n.md:5:{column}: AG038" in reported
    assert advice in reported


def test_spaced_dollars_around_a_whole_cloze_are_ag171(tmp_path: Path) -> None:
    (reported,) = _diagnoses(tmp_path, "Scaled by $ {{c1::\\sqrt{m} }} $ first.")
    assert "n.md:5:11: AG171" in reported
    assert "with a space inside the dollars is not math" in reported
