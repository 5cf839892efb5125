"""AG135 in a deck written in another language: a last word that is a whole word of that
language ("a ordem não importa") is no English word cut short ("importa" / "important")."""

from __future__ import annotations

from pathlib import Path

from ankigen.lint.rule import LintConfig
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check

_NOTE = """---
id: ordem-das-mensagens
type: basic
tags: []
---
# Em que casos a fila pode entregar fora de ordem?

- Com vários consumidores em paralelo
- Quando a ordem não importa
"""


def _truncations(root: Path, language: str | None) -> list[str]:
    folder = root / "content" / "fila"
    folder.mkdir(parents=True)
    chosen = f"language: {language}\n" if language else ""
    (folder / "deck.yaml").write_text(f"name: fila\n{chosen}", encoding="utf-8")
    (folder / "ordem-das-mensagens.md").write_text(_NOTE, encoding="utf-8")
    result = check([root / "content"])
    assert result.ok, [d.format() for d in result.diagnostics]
    found = run_rules(documents_of(result), LintConfig.model_validate({"select": ["AG135"]}))
    return [d.message for d in found]


def test_a_portuguese_deck_ends_its_items_with_portuguese_words(tmp_path: Path) -> None:
    assert _truncations(tmp_path, "pt") == []


def test_near_miss_the_same_note_in_an_english_deck_is_still_judged(tmp_path: Path) -> None:
    messages = _truncations(tmp_path, None)
    assert any("'importa', a word cut short" in message for message in messages)
