"""What the `import article` tests read of a parsed Markdown document."""

from __future__ import annotations

from ankigen.tools.importers.article import Article, parse_article


def parse_markdown_article(text: str) -> Article:
    return parse_article(text, markdown=True, stem="article")


def article_fronts(text: str) -> list[str]:
    return [question.question for question in parse_markdown_article(text).questions]


def article_answers(text: str) -> list[str]:
    return [question.answer for question in parse_markdown_article(text).questions]
