"""A deck description (deck.yaml) gets the rules of a note field: no remote or outside image
(AG040), only http/https/mailto links (AG041), only plain math for MathJax (AG042); each a
located error in deck.yaml, with nothing written. A safe description reaches Anki sanitised."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.lint.rule import LintConfig
from ankigen.pipeline.build import build
from tests.conftest import AnkiCollection, write
from tests.test_hostile_content import audit

NO_STYLE_RULES = LintConfig(ignore=("AG1",))
NOTE = "---\nid: a\n---\n# Q\n\nA\n"

# name: (description lines of a literal block, line, column, code)
REFUSED: dict[str, tuple[str, int, int, str]] = {
    "remote-image": ("See ![logo](https://evil.example/x.png)", 4, 15, "AG040"),
    "outside-image": ("![x](../../../etc/passwd)", 4, 8, "AG040"),
    "local-image": ("![x](logo.png)", 4, 8, "AG040"),
    "javascript-link": ("[x](javascript:alert(1))", 4, 7, "AG041"),
    "entity-link": ("[x](&#106;avascript:alert(1))", 3, 3, "AG041"),  # its paragraph
    "mathjax-href": ("\\\\(\\href{javascript:alert(1)}{x}\\\\)", 4, 6, "AG042"),
    "dollar-style": ("$\\style{background:url(https://evil.example/a)}{x}$", 4, 4, "AG042"),
}


def _deck(tmp_path: Path, description: str) -> Path:
    deck = tmp_path / "content" / "d"
    write(deck / "deck.yaml", f'name: "D"\ndescription: |\n  Intro.\n  {description}\n')
    write(deck / "a.md", NOTE)
    (deck / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    return deck


@pytest.mark.parametrize(
    ("description", "line", "column", "code"), list(REFUSED.values()), ids=list(REFUSED)
)
def test_an_unsafe_description_is_refused_with_a_located_error(
    tmp_path: Path, description: str, line: int, column: int, code: str
) -> None:
    deck = _deck(tmp_path, description)
    out = tmp_path / "out"
    result = build([deck], out, NO_STYLE_RULES)
    assert result.outputs == ()
    assert not out.exists() or list(out.iterdir()) == []
    located = [(d.path.name, d.line, d.column, d.code) for d in result.lint.diagnostics]
    assert located == [("deck.yaml", line, column, code)]
    assert "deck description" in result.lint.diagnostics[0].message


def test_validate_reports_it_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _deck(tmp_path, "![x](https://evil.example/x.png)")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "content/d/deck.yaml:4:8: AG040 image 'https://evil.example/x.png'" in out
    assert "Traceback" not in out


def test_a_safe_description_reaches_anki_sanitised(tmp_path: Path, anki: AnkiCollection) -> None:
    deck = _deck(tmp_path, "[docs](https://example.org) and $x^2 + \\frac{a}{b}$ <b onclick=x>")
    result = build([deck], tmp_path / "out", NO_STYLE_RULES)
    (package,) = result.outputs
    anki.import_package(package)
    description = anki.col.decks.by_name("D")["desc"]
    assert '<a href="https://example.org" rel="noopener noreferrer">docs</a>' in description
    assert "\\(x^2 + \\frac{a}{b}\\)" in description
    assert audit(description).problems == []
    assert "&lt;b onclick=x&gt;" in description


def test_math_in_a_cited_source_is_refused_where_it_is_written(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "d"
    write(
        deck / "deck.yaml",
        'name: "D"\nsources:\n  s:\n    title: "A \\\\(\\\\href{javascript:alert(1)}{x}\\\\)"\n'
        "    publisher: P\n",
    )
    write(deck / "a.md", "---\nid: a\nsource: {doc: s, question: 1}\n---\n# Q\n\nA\n")
    result = build([deck], tmp_path / "out", NO_STYLE_RULES)
    assert result.outputs == ()
    located = [(d.path.name, d.line, d.column, d.code) for d in result.lint.diagnostics]
    assert located == [("deck.yaml", 4, 12, "AG042")]
    assert "in source 's', shown in citations" in result.lint.diagnostics[0].message
