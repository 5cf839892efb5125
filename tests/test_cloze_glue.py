"""AG038 for a cloze in math whose marker sits between a control word and a letter.

Anki drops the cloze markers inside math, so '${{c1::\\lambda}}x$' shows '\\lambdax' on the
back (and on the fronts of the note's other cards): TeX reads one unknown command, or another
symbol ('\\le' + 'q' is '\\leq'). The cards are rendered by the real anki package to show what
MathJax receives; the report must name the glued command, its fix must render apart, and the
misleading AG042 "not allowed" for the glued name must stay away (but not for a dangerous one).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ankigen.pipeline.build import build
from ankigen.render.notetypes import CLOZE
from tests.conftest import SAMPLE, AnkiCollection
from tests.test_cloze_math import _diagnoses, _field

_MATH = re.compile(r"\\[(\[](.*?)\\[)\]]", re.DOTALL)


def _math_on_cards(col: Any, body: str) -> tuple[list[str], list[str]]:
    """The TeX MathJax receives on every card's front and back, as Anki renders them."""
    note = col.new_note(col.models.by_name(CLOZE.name))
    note["Text"] = _field(body)
    col.add_note(note, col.decks.id("Glue"))
    outputs = [card.render_output() for card in note.cards()]
    fronts = [tex for out in outputs for tex in _MATH.findall(out.question_text)]
    backs = [tex for out in outputs for tex in _MATH.findall(out.answer_text)]
    return fronts, backs


@pytest.fixture
def col(tmp_path: Path, anki: AnkiCollection) -> Any:
    (package,) = build([SAMPLE], tmp_path / "out").outputs
    anki.import_package(package)
    return anki.col


# (note line, what the back glues, the cloze as the fix writes it, column of the report)
GLUED = [
    ("Rate: ${{c1::\\lambda}}x$ here.", "\\lambdax", "{{c1::\\lambda}} x", 8),
    ("Angle: $\\alpha{{c1::x}}$ here.", "\\alphax", "\\alpha {{c1::x}}", 15),
    ("Sum: $\\sum{{c1::i}} x_i$ here.", "\\sumi", "\\sum {{c1::i}}", 11),
    ("Hint: ${{c1::\\lambda::rate}}t$ here.", "\\lambdat", "{{c1::\\lambda::rate}} t", 8),
    ("Two: ${{c1::\\alpha}}{{c2::x}}$ here.", "\\alphax", "{{c1::\\alpha}} {{c2::x}}", 7),
    ("Nested: ${{c1::\\beta{{c2::y}}}}$ here.", "\\betay", "\\beta {{c2::y}}", 21),
    ("Other symbol: $a \\le{{c1::q}} b$ here.", "\\leq", "\\le {{c1::q}}", 21),
    ("Display: $$\\pi{{c1::r}}^2$$", "\\pir", "\\pi {{c1::r}}", 15),
]


@pytest.mark.parametrize(("body", "glued", "fixed", "column"), GLUED)
def test_anki_glues_the_command_and_ag038_names_it_with_the_fix(
    col: Any, tmp_path: Path, body: str, glued: str, fixed: str, column: int
) -> None:
    _, backs = _math_on_cards(col, body)
    assert any(re.search(re.escape(glued) + r"(?![A-Za-z])", tex) for tex in backs), backs
    found = _diagnoses(tmp_path / "bad", body)
    assert len(found) == 1 and f"n.md:5:{column}: AG038" in found[0], found
    assert f"the answer shows '{glued}'" in found[0]
    assert found[0].endswith(f"put a space (or braces) between them: {fixed}")
    # The suggested spelling renders apart and is accepted.
    written = fixed.replace(" ", "")
    assert written in body.replace(" ", "")
    repaired = _repair(body, fixed)
    _, backs = _math_on_cards(col, repaired)
    assert not any(glued + " " not in tex and glued in tex for tex in backs), backs
    assert _diagnoses(tmp_path / "fixed", repaired) == []


def _repair(body: str, fixed: str) -> str:
    """The body with the fix applied: the same text with the suggested space put in."""
    command, _, rest = fixed.partition(" ")
    return body.replace(command + rest, fixed, 1)


def test_other_cards_fronts_glue_too(col: Any) -> None:
    """The back of every card, and the front of the card that does not hide the command."""
    fronts, backs = _math_on_cards(col, "Two: ${{c1::\\alpha}}{{c2::x}}$ here.")
    assert sorted(fronts) == ["[...]x", "\\alpha[...]"]
    assert backs == ["\\alphax", "\\alphax"]


@pytest.mark.parametrize(
    "body",
    [
        "Spaced: $\\alpha {{c1::x}}$ here.",
        "Thin space: ${{c1::\\lambda}}\\,x$ here.",
        "Power: ${{c1::\\lambda}}^2$ here.",
        "Empty group: $\\alpha{}{{c1::x}}$ here.",
        "Braced: ${ {{c1::\\lambda}} }x$ here.",
        "Digit: $\\alpha{{c1::2}}$ here.",
        "Line break: $a \\\\{{c1::b}}$ here.",
        "Prose: the command {{c1::\\lambda}}x is text here.",
        "Whole math: {{c1::$\\lambda$}}x here.",
    ],
)
def test_near_misses_render_apart_and_are_not_reported(col: Any, tmp_path: Path, body: str) -> None:
    _, backs = _math_on_cards(col, body)
    assert not any(re.search(r"\\(?:lambda|alpha)[A-Za-z]", tex) for tex in backs), backs
    assert _diagnoses(tmp_path, body) == []


def _codes(tmp_path: Path, body: str) -> list[str]:
    from ankigen.pipeline.check import check
    from tests.conftest import MINIMAL_DECK, note_file, write

    folder = tmp_path / "content" / "deck"
    write(folder / "deck.yaml", MINIMAL_DECK)
    write(folder / "n.md", note_file("n", body + "\n", "type: cloze\n"))
    return [d.format() for d in check([tmp_path / "content"]).diagnostics]


def test_a_glued_name_gets_no_second_not_allowed_error(tmp_path: Path) -> None:
    found = _codes(tmp_path, "Rate: ${{c1::\\lambda}}x$ and $\\alpha{{c2::y}}$.")
    assert [line.split(": ")[1].split()[0] for line in found] == ["AG038", "AG038"], found


def test_a_glued_name_written_elsewhere_is_still_ag042(tmp_path: Path) -> None:
    found = _codes(tmp_path, "Rate: ${{c1::\\lambda}}x$ and $\\lambdax$.")
    assert sum(": AG042 math command '\\lambdax'" in line for line in found) == 1, found


def test_a_dangerous_command_made_by_glue_is_still_ag042(tmp_path: Path) -> None:
    found = _codes(tmp_path, "Link: $\\hr{{c1::ef}}{javascript:x}{y}$.")
    assert any("AG038" in line and "'\\href'" in line for line in found), found
    assert any(": AG042 math command '\\href'" in line for line in found), found
