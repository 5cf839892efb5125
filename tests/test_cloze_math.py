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

from ankigen import cloze
from ankigen.build import build
from ankigen.load import load_deck_config, load_note
from ankigen.markdown import markdown
from ankigen.notetypes import CLOZE
from ankigen.render import render_note
from ankigen.sanitize import sanitize
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


_ARITY = {"\\frac": 2, "\\dfrac": 2, "\\tfrac": 2, "\\binom": 2, "\\sqrt": 1, "^": 1, "_": 1}
_OPERATOR = re.compile(r"\\(?:d|t)?frac(?![A-Za-z])|\\binom(?![A-Za-z])|\\sqrt(?![A-Za-z])|[\^_]")


def _argument_end(tex: str, start: int) -> int | None:
    """End of the TeX argument at ``start`` (a group, a command or a character), or None."""
    index = start
    while index < len(tex) and tex[index].isspace():
        index += 1
    if index >= len(tex) or tex[index] == "}":
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
    """A command or script without its arguments: MathJax's "Missing argument" error."""
    for match in _OPERATOR.finditer(tex):
        end: int | None = match.end()
        for _ in range(_ARITY[match.group(0)]):
            end = _argument_end(tex, end) if end is not None else None
        if end is None:
            return True
    return False


def _broken_side(side: str) -> bool:
    """Some math on the card side that MathJax cannot typeset as written."""
    text = html.unescape(side)
    if text.count("\\(") != text.count("\\)") or text.count("\\[") != text.count("\\]"):
        return True
    for match in _MATH.finditer(text):
        tex = match.group(1) if match.group(1) is not None else match.group(2)
        if "<" in tex or not _balanced(tex) or _missing_argument(tex):
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
