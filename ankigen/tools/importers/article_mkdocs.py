"""Markup of static-site generators around an article's Markdown, read before its questions.

Pages kept for MkDocs or Jekyll open with YAML front matter (``---`` … ``---``), whose lines
(a ``# hide:`` comment among them) are no part of the text. MkDocs Material folds answers in
admonitions: ``??? success "View Answer"`` or ``!!! tip "Insight"`` over a body indented by
four spaces, which Markdown alone would show as one code block. The marker becomes a bold
title (or nothing, when the title only opens the answer) and its body is dedented; a
``??? question "Why …"`` admonition holds a question in its title, which becomes a labelled
bold line (``**Question: Why …**``) that the question finder takes whatever its last mark; when
that title only names an exercise ("1. Machine Zero vs. Work Zero") and the body opens with a
longer paragraph that asks, the paragraph is the question and the title goes.
Content tabs (``=== "Question"`` over the question, ``=== "Answer"`` over its answer, inside an
untitled ``!!! Question ""``) are unfolded the same way: a tab's body is dedented and its
title goes when it only names the part (Question, Answer) or opens the answer.
Docusaurus and MyST pages fence blocks with colons instead (``:::note[Question: …]``,
``:::tip``, ``:::``): a fence with a title becomes its bold title, one without disappears;
a hint directive (``:::indice`` … ``:::`` beside ``:::reponse``) goes with its body, which
only points the reader at the answer.
Line numbers are kept: removed lines become blank.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_html import is_toggle_label

_ADMONITION = re.compile(
    r"^(?P<indent>\s*)(?:\?\?\?\+?|!!!)[ \t]+(?P<kind>[\w-]+)"
    r'(?:[ \t]+[\w-]+)*(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
)
# '=== "Answer"': a content tab (pymdownx.tabbed), its body indented like an admonition's.
_TAB = re.compile(r'^(?P<indent>\s*)===!?\+?[ \t]+"(?P<title>[^"]*)"[ \t]*$')
_BODY_INDENT = 4
# ":::note[Question: What is X?]{.question-note}", "::::tip", ":::": a colon-fenced directive.
_COLON_FENCE = re.compile(
    r"^\s*:{3,}[ \t]*(?:\{?[\w-]+\}?)?[ \t]*(?:\[(?P<title>[^\]]*)\])?[ \t]*(?:\{[^}]*\})?[ \t]*$"
)
_QUESTION_KINDS = frozenset({"question", "faq", "quiz"})
# ":::indice" … ":::" beside ":::reponse": a hint to the reader, no part of the answer.
_HINT_FENCE = re.compile(
    r"^\s*:{3,}[ \t]*\{?(?:hints?|indices?|pistas?|suggerimento|dica|подсказка|提示|힌트)\}?"
    r"(?:[ \t]*\[[^\]]*\])?[ \t]*$",
    re.I,
)
_CLOSING_FENCE = re.compile(r"^\s*:{3,}\s*$")


def without_front_matter(lines: list[str]) -> list[str]:
    """The lines with a leading YAML front matter block blanked."""
    if not lines or lines[0].strip() != "---":
        return lines
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None or not any(":" in line for line in lines[1:end]):
        return lines  # a rule, not front matter
    rest = lines[end + 1 :]
    title = next((m.group(1) for line in lines[1:end] if (m := _TITLE.match(line))), "")
    title = title.strip().strip("\"'").strip()
    # A blog post keeps its title only here: without it the deck would be named after the
    # post's first section. A page that opens with a title heading of its own keeps that one.
    opening = [line for line in rest if line.strip()][:2]
    titled = bool(opening) and (
        opening[0].startswith("# ") or (len(opening) > 1 and _UNDERLINE.match(opening[1]))
    )
    if title and not titled:
        return [f"# {title}"] + [""] * end + rest
    return [""] * (end + 1) + rest


_TITLE = re.compile(r"^title\s*:\s*(\S.*)$", re.I)
_UNDERLINE = re.compile(r"^=+\s*$")  # a Setext title: "Title" over "====="


def unfold_admonitions(lines: list[str]) -> list[str]:
    """MkDocs admonitions as plain Markdown: a bold title line and their body dedented;
    colon-fenced directives as their bold title or nothing."""
    if any(":::" in line for line in lines):
        lines = [_colon_fence(line) for line in _without_hints(lines)]
    if not any(
        "??? " in line or "!!! " in line or "???+ " in line or _TAB.match(line) for line in lines
    ):
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
        tab = _TAB.match(dedented) if marker is None else None
        if marker is None and tab is None:
            out.append(dedented)
            continue
        out.append(_title_line(marker) if marker is not None else _tab_title(tab))
        bodies.append(indent + _BODY_INDENT)
    return _asked_in_body(out)


_TITLED_QUESTION = re.compile(r"^\*\*Question: (?:(?P<number>\d{1,4}[.)])\s+)?(?P<title>.*)\*\*$")
_ENDS_ASKING = re.compile(r"[?\uff1f]\s*$")


def _asked_in_body(lines: list[str]) -> list[str]:
    """``??? question "1. Machine Zero vs. Work Zero"`` over a longer paragraph that asks: the
    title only names the exercise ("3. Why Home Every Time?" too), the paragraph is the
    question."""
    for index, line in enumerate(lines):
        titled = _TITLED_QUESTION.match(line)
        if titled is None:
            continue
        start = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        if start is None:
            start = index  # no body: the title stays (its number, below, goes)
        end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
        paragraph = " ".join(part.strip() for part in lines[start:end])
        if (
            not _ENDS_ASKING.search(paragraph)
            or paragraph.startswith(("**", "#", "|", "`"))
            or len(paragraph) <= len(titled.group("title"))
        ):
            if titled.group("number"):  # '"1. What does …?"': the card's number, not its words
                number = titled.group("number")[:-1]
                lines[index] = f"**Question {number}: {titled.group('title')}**"
            continue
        lines[index] = f"**Question: {paragraph}**"
        lines[start:end] = [""] * (end - start)
    return lines


def _without_hints(lines: list[str]) -> list[str]:
    """The lines with each hint directive (its fences and body) blanked."""
    out = list(lines)
    index = 0
    while index < len(out):
        if not _HINT_FENCE.match(out[index]):
            index += 1
            continue
        end = next((i for i in range(index + 1, len(out)) if _CLOSING_FENCE.match(out[i])), None)
        if end is None:
            break  # an unclosed hint: leave the page as it is
        out[index : end + 1] = [""] * (end + 1 - index)
        index = end + 1
    return out


def _title_line(marker: re.Match[str]) -> str:
    """An admonition's title as a bold line that ends with a hard break (its body follows
    on the next line), or nothing when the title only opens the answer."""
    title = marker.group("title")
    if title and marker.group("kind").lower() in _QUESTION_KINDS and not is_toggle_label(title):
        return f"**Question: {_unlabelled(title)}**"  # a question line: no break after it
    if title is None:
        title = marker.group("kind").replace("-", " ").capitalize()
    if not title.strip() or is_toggle_label(title):
        return ""
    return f"**{title.strip()}**\\"


_PART_TITLE = re.compile(r"^(?:q|question|a|ans|answer)s?\s*:?$", re.I)


def _tab_title(tab: re.Match[str] | None) -> str:
    """A content tab's title as a bold line over its body, or nothing when it only names the
    part of a question card ("Question", "Answer") or opens the answer ("Show solution")."""
    title = "" if tab is None else tab.group("title").strip()
    if not title or _PART_TITLE.match(title) or is_toggle_label(title):
        return ""
    return f"**{title}**\\"


def _colon_fence(line: str) -> str:
    """A colon fence line as its bold title ("**Question: …**"), or blank; other lines as
    they are."""
    fence = _COLON_FENCE.match(line)
    if fence is None:
        return line
    title = (fence.group("title") or "").strip()
    if not title or is_toggle_label(title):
        return ""
    return f"**{title}**"


_LABEL = re.compile(r"^(?:q|question)\s*[:.]\s*", re.I)


def _unlabelled(title: str) -> str:
    return _LABEL.sub("", title.strip(), count=1)
