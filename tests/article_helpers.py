"""What the `import article` tests read of a parsed Markdown document."""

from __future__ import annotations

from pathlib import Path

from ankigen.tools.importers.article import Article, import_article, parse_article


def parse_markdown_article(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def article_fronts(text: str) -> list[str]:
    return [question.question for question in parse_markdown_article(text).questions]


def article_answers(text: str) -> list[str]:
    return [question.answer for question in parse_markdown_article(text).questions]


def import_into_drills(tmp_path: Path, name: str, text: str) -> tuple[Path, list[str]]:
    """Write the document as ``name`` and import it into a "drills" deck: the deck folder and
    the report's summary and warnings."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    deck = tmp_path / "content" / "drills"
    report = import_article(source, deck, False)
    return deck, [*report.summary, *report.warnings]
