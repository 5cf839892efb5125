"""Anki's LaTeX markup (``[$]…[/$]``, ``[$$]…[/$$]``, ``[latex]…[/latex]``) → MathJax Markdown.

Anki finds these tags with one case-insensitive, non-greedy pattern (rslib ``latex.rs``) and
turns each into an image made by a local LaTeX install. ankigen cards use MathJax instead, so:

- ``[$]x[/$]`` (Anki typesets ``$x$``) becomes ``$x$``;
- ``[$$]x[/$$]`` (Anki typesets a ``displaymath`` environment) becomes ``$$x$$``;
- ``[latex]…[/latex]`` (a LaTeX *document body*) becomes ``$$…$$`` when it is one piece of
  math (delimited, a math environment such as ``align``, or bare TeX commands), Markdown text
  with ``$…$`` when it is prose with inline math, and stays a fenced ``latex`` block with a
  warning when it needs what MathJax does not have (a preamble, packages, TikZ).

The HTML Anki's editor leaves inside the tags (``<br>``, ``<div>``, ``&amp;``, ``&nbsp;``) is
decoded first, as Anki does before it runs LaTeX.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

ANKI_LATEX = re.compile(
    r"\[latex\](?P<latex>.+?)\[/latex\]|\[\$\](?P<inline>.+?)\[/\$\]|\[\$\$\](?P<display>.+?)\[/\$\$\]",
    re.IGNORECASE | re.DOTALL,
)
_BREAKS = re.compile(r"<br\s*/?>|</?div[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
# Things only a real LaTeX install provides: document structure, packages, drawing libraries.
_NEEDS_LATEX = re.compile(
    r"\\(?:documentclass|usepackage|RequirePackage|input|include|tikz\w*|pgf\w*|chemfig"
    r"|begin\{document\})\b|\btikz",
)
# Math environments MathJax's TeX input understands (base and AMS packages).
MATHJAX_ENVIRONMENTS = frozenset(
    {
        *(
            f"{name}{star}"
            for name in (
                "align",
                "alignat",
                "equation",
                "gather",
                "multline",
                "eqnarray",
                "flalign",
            )
            for star in ("", "*")
        ),
        *("aligned", "alignedat", "gathered", "split", "cases", "array", "subarray"),
        *("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix"),
    }
)
_ENVIRONMENT = re.compile(r"\\begin\{([^}]*)\}")
_WRAPPED = re.compile(
    r"\A(?:\$\$(?P<a>.+)\$\$|\\\[(?P<b>.+)\\\]|\$(?P<c>[^$]+)\$|\\\((?P<d>.+)\\\)"
    r"|\\begin\{(?:displaymath|math)\}(?P<e>.+)\\end\{(?:displaymath|math)\})\Z",
    re.DOTALL,
)
_INLINE_MATH = re.compile(r"\$\$(.+?)\$\$|\\\[(.+?)\\\]|\$([^$]+?)\$|\\\((.+?)\\\)", re.DOTALL)
_MATHS_SIGNS = re.compile(r"[\\^_{}]")


@dataclass(frozen=True)
class Piece:
    """One converted tag: what replaces it, whether that must stand as its own block (a fenced
    code block), and the warning the import reports, if any.

    ``parts`` alternates finished Markdown (math, fences: ``is_markdown`` true, never escaped
    again) with plain text that still goes through the HTML → Markdown conversion.
    """

    parts: tuple[tuple[str, bool], ...]
    block: bool = False
    warning: str | None = None


def _markdown(text: str) -> Piece:
    return Piece(((text, True),))


def latex_text(field_html: str) -> str:
    """The TeX Anki would typeset from a tag's content: breaks decoded, tags removed."""
    text = _BREAKS.sub("\n", field_html)
    text = html.unescape(_TAGS.sub("", text))
    return text.replace("\xa0", " ")


def _one_line(text: str) -> str:
    """Math on one line: a blank line would end a Markdown paragraph in the middle of it."""
    return " ".join(text.split())


def convert(match: re.Match[str]) -> Piece:
    """The Markdown for one ``ANKI_LATEX`` match."""
    if match.group("inline") is not None:
        return _markdown(f"${_one_line(latex_text(match.group('inline')))}$")
    if match.group("display") is not None:
        return _markdown(f"$${_one_line(latex_text(match.group('display')))}$$")
    return _standard(latex_text(match.group("latex")).strip())


def _standard(source: str) -> Piece:
    """A ``[latex]`` body: display math, prose with inline math, or a block kept as LaTeX."""
    unknown = sorted(
        {name for name in _ENVIRONMENT.findall(source) if name not in MATHJAX_ENVIRONMENTS}
        - {"displaymath", "math"}
    )
    if _NEEDS_LATEX.search(source):
        return _kept_as_latex(source, "needs LaTeX packages or a preamble, which MathJax lacks")
    if unknown:
        return _kept_as_latex(source, f"uses the environment {unknown[0]!r}, unknown to MathJax")
    wrapped = _WRAPPED.match(source)
    if wrapped is not None:
        inner = next(group for group in wrapped.groups() if group is not None)
        return _markdown(f"$${_one_line(inner)}$$")
    if source.startswith("\\begin{") or not _INLINE_MATH.search(source):
        if _MATHS_SIGNS.search(source):
            return _markdown(f"$${_one_line(source)}$$")
        return Piece(((_one_line(source), False),))
    return _prose_with_math(source)


def _prose_with_math(source: str) -> Piece:
    """``The area is $\\pi r^2$.``: text stays text (unless it holds TeX commands)."""
    prose = _INLINE_MATH.sub(" ", source)
    if "\\" in prose:
        return _kept_as_latex(source, "mixes text and TeX commands outside math")

    def to_markdown(match: re.Match[str]) -> str:
        display, bracket, inline, paren = match.groups()
        if display is not None or bracket is not None:
            return f"$${_one_line(display if display is not None else bracket)}$$"
        return f"${_one_line(inline if inline is not None else paren)}$"

    parts: list[tuple[str, bool]] = []
    last = 0
    for found in _INLINE_MATH.finditer(source):
        parts.append((source[last : found.start()], False))
        parts.append((to_markdown(found), True))
        last = found.end()
    parts.append((source[last:], False))
    return Piece(tuple((text.replace("\n", " "), md) for text, md in parts if text))


def _kept_as_latex(source: str, why: str) -> Piece:
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    first_line = _one_line(source)[:60]
    return Piece(
        ((f"{fence}latex\n{source}\n{fence}", True),),
        block=True,
        warning=(
            f"[latex] block '{first_line}' {why}: kept as LaTeX source in a code block; rewrite it "
            "as MathJax ($…$, $$…$$) or replace it with an image"
        ),
    )
