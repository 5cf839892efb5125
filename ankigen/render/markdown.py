"""The one configured Markdown parser: CommonMark + GFM tables/strikethrough + dollar math."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from html import escape
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin

from ankigen.render.backslash_math import backslash_math_plugin
from ankigen.render.highlight import highlight


def _render_math(content: str, options: dict[str, Any]) -> str:
    # Anki's own MathJax delimiters; braces are escaped later if they could read as cloze ends.
    if options.get("display_mode"):
        return f"\\[{escape(content, quote=False)}\\]"
    return f"\\({escape(content, quote=False)}\\)"


# A MyST code directive names its language after it: "```{code-block} python" (session 34).
_MYST_CODE_DIRECTIVES = frozenset({"{code-block}", "{code}", "{code-cell}", "{sourcecode}"})


def fence_language(token: Token) -> str:
    words = token.info.split()
    if len(words) >= 2 and words[0] in _MYST_CODE_DIRECTIVES:
        return words[1]
    return words[0] if words else ""


def _render_fence(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    return highlight(token.content, fence_language(token))


def _render_code_block(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return highlight(tokens[idx].content, "")


def _render_math_inline_double(
    renderer: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    # The plugin's default is a <div>, which is invalid inside a paragraph.
    content = _render_math(tokens[idx].content, {"display_mode": True})
    return f'<span class="math display">{content}</span>'


def _accept_every_link(url: str) -> bool:
    # Links are parsed whatever their scheme so that a forbidden one is reported with its
    # position (render/note.py) instead of silently turning into text; nh3 removes it regardless.
    return True


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_COMMENT_LINE = re.compile(r"^ {0,3}<!--.*-->\s*$")


def strip_comment_lines(text: str) -> str:
    """Blank whole-line HTML comments outside code fences (raw HTML is off, so they would
    otherwise show on the card). Lines stay, so positions stay."""
    lines = text.split("\n")
    fence = ""
    for index, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
        elif opening:
            fence = opening.group(1)
        elif _COMMENT_LINE.match(line):
            lines[index] = ""
    return "\n".join(lines)


@cache
def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(
        dollarmath_plugin,
        allow_labels=False,
        allow_space=False,
        allow_digits=False,
        double_inline=True,
        renderer=_render_math,
    )
    md.use(backslash_math_plugin)
    md.validateLink = _accept_every_link  # type: ignore[method-assign]
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("code_block", _render_code_block)
    md.add_render_rule("math_inline_double", _render_math_inline_double)
    return md


@cache
def block_markdown() -> MarkdownIt:
    """The same parser without its inline pass: block structure only, at about half the cost.

    For the linter, which needs where code, math and lists are, not what is inside paragraphs.
    """
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False)
    md.disable("inline")
    return md
