"""Markup of static-site generators around an article's Markdown, read before its questions.

Pages kept for MkDocs or Jekyll open with YAML front matter (``---`` … ``---``), whose lines
(a ``# hide:`` comment among them) are no part of the text. MkDocs Material folds answers in
admonitions: ``??? success "View Answer"`` or ``!!! tip "Insight"`` over a body indented by
four spaces, which Markdown alone would show as one code block. The marker becomes a bold
title (or nothing, when the title only opens the answer) and its body is dedented. Line
numbers are kept: removed lines become blank.
"""

from __future__ import annotations

import re

from ankigen.importers.article_html import is_toggle_label

_ADMONITION = re.compile(
    r"^(?P<indent>\s*)(?:\?\?\?\+?|!!!)[ \t]+(?P<kind>[\w-]+)"
    r'(?:[ \t]+[\w-]+)*(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
)
_BODY_INDENT = 4


def without_front_matter(lines: list[str]) -> list[str]:
    """The lines with a leading YAML front matter block blanked."""
    if not lines or lines[0].strip() != "---":
        return lines
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None or not any(":" in line for line in lines[1:end]):
        return lines  # a rule, not front matter
    return [""] * (end + 1) + lines[end + 1 :]


def unfold_admonitions(lines: list[str]) -> list[str]:
    """MkDocs admonitions as plain Markdown: a bold title line and their body dedented."""
    if not any("??? " in line or "!!! " in line or "???+ " in line for line in lines):
        return lines
    out: list[str] = []
    bodies: list[int] = []  # the indent of each open admonition's body, innermost last
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if line.strip():
            while bodies and indent < bodies[-1]:
                bodies.pop()
        shift = _BODY_INDENT * len(bodies)
        dedented = line[min(shift, indent) :] if line.strip() else ""
        marker = _ADMONITION.match(dedented)
        if marker is None:
            out.append(dedented)
            continue
        out.append(_title_line(marker))
        bodies.append(indent + _BODY_INDENT)
    return out


def _title_line(marker: re.Match[str]) -> str:
    """An admonition's title as a bold line that ends with a hard break (its body follows
    on the next line), or nothing when the title only opens the answer."""
    title = marker.group("title")
    if title is None:
        title = marker.group("kind").replace("-", " ").capitalize()
    if not title.strip() or is_toggle_label(title):
        return ""
    return f"**{title.strip()}**\\"
