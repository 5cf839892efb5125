"""A reStructuredText document (``.rst``) read as the Markdown it shows.

A Sphinx FAQ asks in section titles, each underlined (and maybe overlined) with punctuation::

    ==========================
    Frequently Asked Questions
    ==========================

    How do I build the docs?
    ------------------------

The title becomes a heading whose level is the order in which its underline style first
appears (as reStructuredText decides levels), so the FAQ's questions are headings like any
Markdown FAQ's. Lines that only steer Sphinx go: ``.. include::``, ``.. _label:`` targets,
``.. |name| replace::`` definitions (their text replaces ``|name|``) and ``..`` comments, with
the lines indented under them. A
paragraph ending in ``::`` over an indented block shows that block as code: it is fenced (the
``::`` becomes ``:``, or goes when it stands alone). ``.. code-block::`` and ``.. rubric::`` are
read later, as in any article.

Every line stays a line (underlines and dropped directives become blank lines; a fence takes the
blank line above and below its block; only a block at the very end gets a closing line added),
so warnings name the document's own lines.
"""

from __future__ import annotations

import re

__all__ = ["RST_SUFFIXES", "rst_as_markdown"]

RST_SUFFIXES = frozenset({".rst", ".rest"})

# A line of one punctuation character repeated: an underline or overline.
_ADORNMENT = re.compile(r"^([=\-~^\"'`*+#:.])\1{2,}\s*$")
# ".. include:: x", ".. _faq:", ".. |GT| replace:: GridTools", ".. a comment".
_DIRECTIVE = re.compile(r"^\.\.(?:\s+(?P<name>[\w-]+)::|\s+_[^:]*:|\s+\|[^|]+\|\s|\s|$)")
# Directives that the article reader turns into Markdown itself: they stay.
_KEPT = frozenset({"code-block", "code", "sourcecode", "rubric"})
# Directives that only steer Sphinx or show what a card cannot: they go with their block. Any
# other ("note", "warning", "tip") only frames its text: the line goes, the text stays.
_DROPPED = frozenset(
    {
        "include",
        "toctree",
        "index",
        "meta",
        "contents",
        "highlight",
        "only",
        "raw",
        "image",
        "figure",
        "sectnum",
        "currentmodule",
        "module",
        "autosummary",
        "literalinclude",
    }
)
_INDENTED = re.compile(r"^(?: {2,}|\t)\S")
_LITERAL_MARK = re.compile(r"(?<!:)::\s*$")


def rst_as_markdown(text: str) -> str:
    """The document with its section titles as headings, Sphinx-only lines blank and literal
    blocks fenced; every line of the input is still a line of the output."""
    lines = text.split("\n")
    levels: list[tuple[str, bool]] = []
    out = list(lines)
    index = 0
    while index < len(out):
        line = out[index]
        if (titled := _title_at(out, index)) is not None:
            over, title_at, under = titled
            style = (out[under].strip()[0], over is not None)
            if style not in levels:
                levels.append(style)
            level = min(levels.index(style) + 1, 6)
            if over is not None:
                out[over] = ""
            out[title_at] = "#" * level + " " + out[title_at].strip()
            out[under] = ""
            index = under + 1
            continue
        directive = _DIRECTIVE.match(line)
        name = directive.group("name") if directive is not None else None
        if directive is not None and (name is None or name in _DROPPED):
            index = _blank_block(out, index)
            continue
        if name is not None and name not in _KEPT:
            index = _unframe(out, index)
            continue
        if _LITERAL_MARK.search(line) and not line.startswith(".."):
            index = _fence_literal(out, index)
            continue
        index += 1
    return _substituted("\n".join(out), lines)


# ".. |tool| replace:: backup agent": the text "|tool|" stands for.
_REPLACE = re.compile(r"^\.\.\s+\|(?P<name>[^|]+)\|\s+replace::\s+(?P<text>\S.*?)\s*$")


def _substituted(text: str, lines: list[str]) -> str:
    """The text with each "|name|" defined by a replace directive spelled out."""
    for line in lines:
        if (found := _REPLACE.match(line)) is not None:
            text = text.replace(f"|{found.group('name')}|", found.group("text"))
    return text


def _title_at(lines: list[str], at: int) -> tuple[int | None, int, int] | None:
    """(overline, title, underline) when a section title starts at ``at``."""
    line = lines[at]
    if _ADORNMENT.match(line) and at + 2 < len(lines):
        title, under = lines[at + 1], lines[at + 2]
        if title.strip() and _ADORNMENT.match(under) and under.strip() == line.strip():
            return at, at + 1, at + 2
        return None
    if not line.strip() or _ADORNMENT.match(line) or line.startswith(" "):
        return None
    if at > 0 and lines[at - 1].strip():
        return None  # the last line of a paragraph, not a title
    under = lines[at + 1] if at + 1 < len(lines) else ""
    if _ADORNMENT.match(under) and len(under.strip()) >= len(line.strip()):
        return None, at, at + 1
    return None


def _blank_block(lines: list[str], at: int) -> int:
    """Blank a directive line and the lines indented under it; the index after them."""
    lines[at] = ""
    end = at + 1
    while end < len(lines) and (
        _INDENTED.match(lines[end])
        or (not lines[end].strip() and end + 1 < len(lines) and _INDENTED.match(lines[end + 1]))
    ):
        lines[end] = ""
        end += 1
    return end


def _unframe(lines: list[str], at: int) -> int:
    """A framing directive ("".. note::"") goes; the text indented under it moves to the margin."""
    lines[at] = ""
    end = at + 1
    while end < len(lines) and (
        _INDENTED.match(lines[end])
        or (not lines[end].strip() and end + 1 < len(lines) and _INDENTED.match(lines[end + 1]))
    ):
        lines[end] = lines[end].strip() if not lines[end].startswith("\t") else lines[end][1:]
        end += 1
    return end


def _fence_literal(lines: list[str], at: int) -> int:
    """Fence the indented block under a paragraph ending in "::"; the index after it."""
    body = at + 1
    if body >= len(lines) or lines[body].strip():
        return at + 1  # the block must follow a blank line
    start = body + 1
    end = start
    while end < len(lines) and (
        _INDENTED.match(lines[end])
        or (not lines[end].strip() and end + 1 < len(lines) and _INDENTED.match(lines[end + 1]))
    ):
        end += 1
    if end == start:
        return at + 1
    stripped = lines[at].rstrip()
    lines[at] = "" if stripped == "::" else _LITERAL_MARK.sub(":", stripped)
    lines[body] = "```"
    indent = min(len(line) - len(line.lstrip()) for line in lines[start:end] if line.strip())
    for index in range(start, end):
        lines[index] = lines[index][indent:]
    if end < len(lines) and not lines[end].strip():
        lines[end] = "```"
        return end + 1
    lines.insert(end, "```")
    return end + 1
