"""The text of ``deck.yaml`` that Anki shows as HTML gets the checks of a note field.

The description is shown in the deck overview, so it is as exposed as a card: links
must be ``http:``, ``https:`` or ``mailto:`` (AG041), MathJax may read only plain math (AG042),
and images are refused (AG040): a package carries no media for its description, so an image
could only be remote (a tracker) or a path outside the collection. The title, author and
publisher of a source are shown in the citation of every note that cites it: they are escaped
text, but MathJax reads them too, so their math must be plain as well (reported here, where
they are written, rather than at every citing note).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from html import escape
from typing import NamedTuple
from urllib.parse import urlsplit

from markdown_it.token import Token

from ankigen.codes import CheckCode
from ankigen.diagnostics import Diagnostic
from ankigen.render.markdown import markdown
from ankigen.render.mathjax_safety import message as mathjax_message
from ankigen.render.mathjax_safety import unsafe_in_field
from ankigen.render.note import render_description
from ankigen.render.sanitize import ALLOWED_URL_SCHEMES
from ankigen.source.files import Position, parse_yaml, read_text
from ankigen.source.load import DeckSpec


def _tokens(tokens: Sequence[Token], line: int = 0) -> Iterator[tuple[Token, int]]:
    """Every token with the 0-based description line of its block."""
    for token in tokens:
        here = token.map[0] if token.map else line
        yield token, here
        if token.children:
            yield from _tokens(token.children, here)


class _Problem(NamedTuple):
    code: str
    needle: str  # the text to point at
    line: int  # the description line it is on (0-based), when the needle is not found
    message: str


def _problems(description: str) -> list[_Problem]:
    """Each problem of the description, in reading order."""
    found: list[_Problem] = []
    for token, line in _tokens(markdown().parse(description, {})):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if urlsplit(href).scheme.lower() not in ALLOWED_URL_SCHEMES:
                found.append(
                    _Problem(
                        CheckCode.BAD_LINK,
                        href,
                        line,
                        f"link '{href[:60]}' in the deck description is not allowed: links "
                        "must start with http://, https:// or mailto:",
                    )
                )
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            found.append(
                _Problem(
                    CheckCode.BAD_IMAGE,
                    src,
                    line,
                    f"image '{src[:60]}' in the deck description: a package carries no media "
                    "for the description, so it could only load a remote file or a path "
                    "outside the collection; remove the image (link to the page instead)",
                )
            )
    for name in unsafe_in_field(render_description(description)):
        message = f"{mathjax_message(name)} (in the deck description)"
        found.append(_Problem(CheckCode.UNSAFE_MATH, f"\\{name}", 0, message))
    return found


def _locate(text: str, start: Position, problem: _Problem) -> tuple[int, int]:
    """The file position of the problem's text at or after the description's value; else its
    line when the value is a literal block (``|``, whose lines are the file's), else the
    value."""
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
    found = text.find(problem.needle, offset) if problem.needle else -1
    if found >= 0:
        line = text.count("\n", 0, found) + 1
        return line, found - (text.rfind("\n", 0, found) + 1) + 1
    if text[offset : offset + 1] == "|" and start.line + problem.line < len(lines):
        written = lines[start.line + problem.line]
        return start.line + 1 + problem.line, len(written) - len(written.lstrip()) + 1
    return start.line, start.column


# The source fields that a note's citation shows as text on the card.
_CITED = ("title", "author", "publisher")


_Located = tuple[tuple[str, ...], _Problem]  # a YAML key path and a problem of its value


def _source_problems(spec: DeckSpec) -> list[_Located]:
    """Non-math MathJax commands in the source texts that citations show on cards."""
    found: list[_Located] = []
    for key, source in sorted(spec.config.sources.items()):
        for name in _CITED:
            value = getattr(source, name) or ""
            for command in unsafe_in_field(escape(value)):
                message = f"{mathjax_message(command)} (in source '{key}', shown in citations)"
                found.append(
                    (("sources", key, name), _Problem(CheckCode.UNSAFE_MATH, "", 0, message))
                )
    return found


def description_problems(spec: DeckSpec) -> list[Diagnostic]:
    """Located errors for deck.yaml text that would be unsafe in Anki: the description (deck
    overview) and the source texts (every citing note's card)."""
    description = spec.config.description
    located: list[_Located] = [(("description",), problem) for problem in _problems(description)]
    located += _source_problems(spec)
    if not located:
        return []
    text, _ = read_text(spec.config_path)
    document = parse_yaml(text, spec.config_path)[0] if text is not None else None
    diagnostics = []
    for key, problem in located:
        start = document.position_of(key) if document is not None else Position((1, 1))
        line, column = _locate(text or "", start, problem)
        diagnostics.append(
            Diagnostic(spec.config_path, line, column, problem.code, problem.message)
        )
    return diagnostics
