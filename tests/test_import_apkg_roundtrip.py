"""Round trip: a genanki package → ``ankigen import apkg`` → ``ankigen build`` → real Anki.

Both packages are imported into real collections (the official ``anki`` package) and every
field is compared as a reader sees it: Anki's LaTeX tags rendered by Anki itself
(``extract_latex``: images whose ``alt`` is the TeX), ankigen's math as MathJax ``\\(…\\)`` /
``\\[…\\]``; text lines split at ``<br>`` and block ends. A stray ``\\`` from a line break,
a lost or extra line break, or math that changed would make the two differ.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import genanki
import pytest
from bs4 import BeautifulSoup

from ankigen.cli import main
from ankigen.pipeline.build import build
from tests.conftest import AnkiCollection

DECK_ID = 2_059_400_110
BASIC_FIELDS = [
    ("b-breaks", ["Line<br>break in the front?", "first<br>second<br>"]),
    ("b-divs", ["Blocks?", "<div>one</div><div>two<br></div><div><b>bold<br></b>tail</div>"]),
    ("b-entities", ["Entities &amp; spaces?", "R&amp;D&nbsp;costs &lt; 5"]),
    ("b-inline", ["Inline [$]x^2 + y_1[/$] math?", "It is [$]a &amp; b[/$]."]),
    ("b-display", ["Display math?", "Sum: [$$]\\sum_{i=1}^n<br>x_i[/$$] done"]),
    (
        "b-align",
        [
            "An align block?",
            "[latex]\\begin{align}a &amp;= b \\\\<br>c &amp;= d\\end{align}[/latex]",
        ],
    ),
    ("b-latex-math", ["A bracketed formula?", "[latex]\\[E = mc^2\\][/latex]"]),
    ("b-mathjax", ["MathJax stays?", "\\(\\alpha\\) and \\[\\beta\\]"]),
]
CLOZE_FIELDS = [
    ("c-break", ["A {{c1::line<br>break}} inside a cloze<br>and after it.", "extra<br>"]),
    ("c-math", ["Energy [$]E = {{c1::mc^2}}[/$] and {{c2::ATP}}", ""]),
]


def _genanki_package(path: Path) -> Path:
    deck = genanki.Deck(DECK_ID, "Physics")
    for guid, fields in BASIC_FIELDS:
        deck.add_note(genanki.Note(model=genanki.BASIC_MODEL, fields=fields, guid=guid))
    for guid, fields in CLOZE_FIELDS:
        deck.add_note(genanki.Note(model=genanki.CLOZE_MODEL, fields=fields, guid=guid))
    genanki.Package(deck).write_to_file(str(path))
    return path


# What Anki typesets: [$] → $…$, [$$] → displaymath, [latex] → its body (here \[…\] or bare).
_LATEX_ALT = re.compile(
    r"\A(?:\$(?P<inline>.*)\$|\\begin\{displaymath\}(?P<display>.*)\\end\{displaymath\}"
    r"|\\\[(?P<bracket>.*)\\\])\Z",
    re.DOTALL,
)
_MATHJAX = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)


def _math_token(tex: str) -> str:
    return f"⟨math {' '.join(tex.split())}⟩"


def _anki_math(alt: str) -> str:
    found = _LATEX_ALT.match(alt)
    if found is None:  # [latex]: the body as written
        return _math_token(alt)
    return _math_token(next(group for group in found.groups() if group is not None))


def visible_lines(field_html: str) -> list[str]:
    """A field as lines of text: <br> and block ends split lines, math becomes one token."""
    soup = BeautifulSoup(field_html, "html.parser")
    for image in soup.find_all("img", class_="latex"):
        image.replace_with(_anki_math(html.unescape(str(image.get("alt", "")))))
    for line_break in soup.find_all("br"):
        line_break.replace_with("\n")
    for block in soup.find_all(["p", "div", "li"]):
        block.insert_after("\n")
    text = _MATHJAX.sub(
        lambda m: _math_token(m.group(1) if m.group(1) is not None else m.group(2)),
        soup.get_text(),
    )
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _fields(col: Any, note: Any, names: tuple[str, ...]) -> dict[str, list[str]]:
    rendered = {}
    for name in names:
        value = note[name]
        text = col._backend.extract_latex(text=value, svg=False, expand_clozes=False).text
        rendered[name] = visible_lines(text)
    return rendered


def test_genanki_package_round_trips_through_ankigen_into_anki(tmp_path: Path) -> None:
    package = _genanki_package(tmp_path / "physics.apkg")
    content = tmp_path / "content"
    assert main(["import", "apkg", str(package), "--deck", "physics", "--out", str(content)]) == 0
    deck = content / "physics"
    notes = "".join(path.read_text() for path in sorted(deck.glob("*.md")))
    assert "[$]" not in notes and "[latex]" not in notes and "[$$]" not in notes
    assert "$$\\begin{align}a &= b \\\\ c &= d\\end{align}$$" in notes
    for note_file in deck.glob("*.md"):
        os.utime(note_file, (2_000_000_000, 2_000_000_000))
    out = build([content], tmp_path / "build")
    assert out.check.ok, out.check.diagnostics

    original = AnkiCollection(tmp_path / "original.anki2")
    rebuilt = AnkiCollection(tmp_path / "rebuilt.anki2")
    try:
        original.import_package(package)
        rebuilt.import_package(out.outputs[0])
        before, after = original.notes_by_guid(), rebuilt.notes_by_guid()
        assert set(before) == set(after) == {guid for guid, _ in BASIC_FIELDS + CLOZE_FIELDS}
        compared = 0
        for guid, old in before.items():
            new = after[guid]
            names = ("Front", "Back") if guid.startswith("b-") else ("Text",)
            old_fields = _fields(original.col, old, names)
            new_fields = _fields(rebuilt.col, new, names)
            if "Front" in names:  # a heading: its line break became a space, by design
                old_fields["Front"] = [" ".join(old_fields["Front"])]
            for name in names:
                assert new_fields[name] == old_fields[name], (guid, name)
                compared += 1
            if guid.startswith("c-") and old["Back Extra"]:
                assert visible_lines(new["Extra"]) == visible_lines(old["Back Extra"])
                compared += 1
        assert compared == 2 * len(BASIC_FIELDS) + len(CLOZE_FIELDS) + 1
        back = after["b-breaks"]["Back"]
        assert "<br" in back and "\\" not in back  # a real line break, no stray backslash
    finally:
        original.close()
        rebuilt.close()


@pytest.mark.parametrize(
    ("field_html", "lines"),
    [
        ("a<br>b", ["a", "b"]),
        ("<div>x</div>\\(y\\)", ["x", "⟨math y⟩"]),
        ('<img class=latex alt="$q$" src="l.png">', ["⟨math q⟩"]),
    ],
)
def test_visible_lines(field_html: str, lines: list[str]) -> None:
    """The comparison itself tells line breaks and math apart."""
    assert visible_lines(field_html) == lines
