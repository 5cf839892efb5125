"""A deck's `language` (deck.yaml): the English spelling check skips a deck in another
language, and `ankigen import article` sets it for an article written in one."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.lint.foreign_text import language_of
from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from ankigen.tools.importers.article import import_article

_GERMAN = """# Fragen zur Datenbank

## 1. Was ist eine Transaktion?

Eine Transaktion ist eine Folge von Operationen, die entweder ganz oder gar nicht ausgeführt
wird. Die Datenbank sichert dabei Atomarität und Dauerhaftigkeit.

## 2. Wozu dient ein Index?

Ein Index beschleunigt die Suche nach Zeilen, weil die Datenbank nicht jede Zeile der Tabelle
lesen muss. Er kostet aber Speicher und verlangsamt das Schreiben.
"""

_ENGLISH = """# Database questions

## 1. What is a transaction?

A transaction is a sequence of operations that runs completely or not at all. The database
keeps it atomic and durable.
"""

_SPANISH = "¿Qué es una lista? Es una secuencia de elementos que se puede modificar, y la tupla no."


@pytest.mark.parametrize(
    ("text", "language"),
    [(_GERMAN, "de"), (_ENGLISH, "en"), (_SPANISH, "es"), ("Die hard, a film.", "en")],
)
def test_the_language_of_a_whole_text(text: str, language: str) -> None:
    assert language_of(text) == language


def _spelling(root: Path) -> list[str]:
    result = check([root / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_rules(documents_of(result), LintConfig.model_validate({"select": ["AG111"]}))
    return sorted(f"{d.path.parent.name}/{d.path.stem}:{d.line}" for d in found)


def _deck(root: Path, slug: str, language: str | None, body: str) -> None:
    folder = root / "content" / slug
    folder.mkdir(parents=True)
    chosen = f"language: {language}\n" if language else ""
    (folder / "deck.yaml").write_text(f"name: {slug}\n{chosen}")
    (folder / "note.md").write_text(f"---\nid: {slug}-note\n---\n{body}")


def test_spelling_skips_a_deck_in_another_language(tmp_path: Path) -> None:
    # Too few German function words for the note to read as German by itself.
    body = "# Selbstvorstellung?\n\nLebenslauf, Berufserfahrung, Teamfähigkeit, recieve.\n"
    _deck(tmp_path, "german", "de", body)
    _deck(tmp_path, "austrian", "de-AT", body)
    _deck(tmp_path, "english", None, body)
    _deck(tmp_path, "british", "en-GB", body)
    found = _spelling(tmp_path)
    assert {entry.split("/")[0] for entry in found} == {"english", "british"}


def test_a_language_that_is_no_tag_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _deck(tmp_path, "german", "German", "# Was?\n\nDas.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "content"]) == 1
    output = capsys.readouterr().out
    assert "content/german/deck.yaml:2:11: AG012 invalid 'language': write a BCP 47" in output
    assert "such as 'en', 'de' or 'pt-BR'" in output
    assert "Traceback" not in output


def test_import_sets_the_language_of_a_new_deck(tmp_path: Path) -> None:
    article = tmp_path / "fragen.md"
    article.write_text(_GERMAN, encoding="utf-8")
    deck = tmp_path / "content" / "fragen"
    report = import_article(article, deck, force=False)
    assert "language: de\n" in (deck / "deck.yaml").read_text()
    assert len([path for path in report.written if path.suffix == ".md"]) == 2
    assert _spelling(tmp_path) == []


def test_import_of_an_english_article_writes_no_language(tmp_path: Path) -> None:
    article = tmp_path / "questions.md"
    article.write_text(_ENGLISH, encoding="utf-8")
    deck = tmp_path / "content" / "questions"
    import_article(article, deck, force=False)
    assert "language" not in (deck / "deck.yaml").read_text()


def test_import_into_an_english_deck_warns_and_leaves_deck_yaml(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "mixed"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text("name: Mixed\nsources: {}\n")
    article = tmp_path / "fragen.md"
    article.write_text(_GERMAN, encoding="utf-8")
    report = import_article(article, deck, force=False)
    assert "language" not in (deck / "deck.yaml").read_text()
    assert any("set 'language: de'" in warning for warning in report.warnings)


def _placeholders(root: Path) -> list[str]:
    result = check([root / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_rules(documents_of(result), LintConfig.model_validate({"select": ["AG130"]}))
    return sorted(f"{d.path.parent.name}/{d.path.stem}:{d.line}" for d in found)


def test_todo_in_capitals_is_a_word_in_a_spanish_deck(tmp_path: Path) -> None:
    # "TODO" is Spanish and Portuguese for "all"; in an English deck it stays a placeholder.
    body = "# ¿Qué aísla un contenedor?\n\nTODO: el código, sus paquetes y el sistema operativo.\n"
    _deck(tmp_path, "es-deck", "es", body)
    _deck(tmp_path, "en-deck", None, "# What does a container isolate?\n\nTODO: write it.\n")
    assert _placeholders(tmp_path) == ["en-deck/note:6"]
