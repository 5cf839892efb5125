"""Build-time syntax highlighting with Pygments: CSS classes, no JavaScript.

Tokens are written as flat ``<span class=…>`` runs. Cloze placeholders inside the code are
taken out before lexing (so they never split a token) and put back between spans.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape
from importlib import resources
from typing import TYPE_CHECKING

from ankigen.source.cloze import CLOSE, HINT, OPEN

# Pygments is imported on first use: notes without code (and up-to-date builds) never pay for it.
if TYPE_CHECKING:
    from pygments.lexer import Lexer
    from pygments.token import _TokenType

CODE_CLASS = "ankigen-code"
LIGHT_STYLE = "default"  # the vendored CSS was generated from these styles
DARK_STYLE = "github-dark"
LANGUAGE_NAME = re.compile(r"^[A-Za-z0-9_+.#-]{1,40}$")


@cache
def find_lexer(language: str) -> Lexer | None:
    """The lexer for a fence's language name (one instance per name: lexers keep no state)."""
    if not LANGUAGE_NAME.match(language):
        return None
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer: Lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False)
        return lexer
    except ClassNotFound:
        return None


@cache
def _css_class(token_type: _TokenType) -> str:
    """The short class of the token type, or of its nearest standard ancestor."""
    from pygments.token import STANDARD_TYPES

    current: _TokenType | None = token_type
    while current is not None and current not in STANDARD_TYPES:
        current = current.parent
    return STANDARD_TYPES[current] if current is not None else ""


def _split_out_markers(code: str) -> tuple[str, list[tuple[int, str]]]:
    """Code without placeholders, and the HTML to insert at each offset of that code."""
    clean: list[str] = []
    inserts: list[tuple[int, str]] = []
    length = 0
    index = 0
    while index < len(code):
        char = code[index]
        if char == OPEN:
            inserts.append((length, OPEN))
        elif char == HINT:
            end = code.find(CLOSE, index)
            end = len(code) if end < 0 else end
            inserts.append((length, HINT + escape(code[index + 1 : end], quote=False) + CLOSE))
            index = end
        elif char == CLOSE:
            inserts.append((length, CLOSE))
        else:
            clean.append(char)
            length += 1
        index += 1
    return "".join(clean), inserts


def highlight(code: str, language: str) -> str:
    """``<pre><code>`` HTML for a code block; plain (escaped) when the language is unknown."""
    clean, inserts = _split_out_markers(code.removesuffix("\n"))
    lexer = find_lexer(language)
    tokens = list(lexer.get_tokens(clean)) if lexer else [(None, clean)]
    out: list[str] = []
    position = 0
    pending = iter(inserts)
    insert = next(pending, None)
    for token_type, value in tokens:
        css = _css_class(token_type) if token_type is not None else ""
        start, end = 0, position + len(value)
        while insert is not None and insert[0] < end:
            cut = insert[0] - position
            out.append(_span(css, value[start:cut]))
            out.append(insert[1])
            start = cut
            insert = next(pending, None)
        out.append(_span(css, value[start:]))
        position = end
    while insert is not None:
        out.append(insert[1])
        insert = next(pending, None)
    css_language = f" language-{language}" if lexer else ""
    return f'<pre class="{CODE_CLASS}{css_language}"><code>{"".join(out)}</code></pre>\n'


def _span(css: str, text: str) -> str:
    if not text:
        return ""
    escaped = escape(text, quote=False)
    return f'<span class="{css}">{escaped}</span>' if css else escaped


def stylesheet() -> str:
    """The vendored light/night CSS for highlighted code (see scripts/generate_highlight_css.py)."""
    return resources.files("ankigen").joinpath("data/highlight.css").read_text("utf-8")
