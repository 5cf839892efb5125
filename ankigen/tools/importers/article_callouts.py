"""Obsidian callouts that hold a question, read before an article's questions.

Notes kept in Obsidian (and the sites published from a vault) fold a question and its answer in
a callout: a blockquote whose first line names its type, ``> [!question]- What is mapping?``,
and whose quoted lines below are the answer (``-``/``+`` after the type folds or unfolds it; the
type is written in any case, ``[!QUESTION]``, ``[!faq]``). Markdown alone reads the whole block
as one quotation, so a note of questions became one card per section heading with every
question quoted in its back. A callout of a question type becomes a labelled bold line
(``**Question: …**``, the line MkDocs admonitions give, which the question finder takes
whatever its last mark) over its unquoted body. A question callout without a title asks in
its first quoted line. An answer callout right under it (``> [!answer]-``) is unquoted too,
its title kept only when it says more than "Answer". Callouts of other types (a note, a tip,
a summary) stay quoted: they are no question.
Line numbers are kept: the marker line is replaced, quoted lines lose their marker.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_html import is_toggle_label

# "> [!question]- Title", ">[!FAQ]+ Title", "> [!question]": the callout's first line.
_CALLOUT = re.compile(
    r"^ {0,3}>[ \t]?\[!(?P<kind>[\w-]+)\](?P<fold>[+-]?)(?:[ \t]+(?P<title>.*?))?[ \t]*$"
)
_QUOTED = re.compile(r"^ {0,3}>[ \t]?")
_QUESTION_KINDS = frozenset({"question", "questions", "faq", "help", "quiz", "q"})
_ANSWER_KINDS = frozenset({"answer", "solution", "a"})


def unfold_question_callouts(lines: list[str]) -> list[str]:
    """The lines with each question callout (and the answer callout under it) unquoted."""
    if not any("[!" in line for line in lines):
        return lines
    out = list(lines)
    index = 0
    after_question = False
    while index < len(out):
        callout = _CALLOUT.match(out[index])
        if callout is None:
            if out[index].strip():
                after_question = False
            index += 1
            continue
        kind = callout.group("kind").lower()
        end = index + 1
        while end < len(out) and _QUOTED.match(out[end]) and not _CALLOUT.match(out[end]):
            end += 1
        if kind in _QUESTION_KINDS:
            _unquote_question(out, index, end, (callout.group("title") or "").strip())
            after_question = True
        elif kind in _ANSWER_KINDS and after_question:
            title = (callout.group("title") or "").strip()
            out[index] = "" if not title or is_toggle_label(title) else f"**{title}**"
            _unquote(out, index + 1, end)
        else:
            after_question = False
        index = end
    return out


def _unquote_question(lines: list[str], start: int, end: int, title: str) -> None:
    """The callout's title as a question line over its unquoted body; an untitled callout asks
    in its first quoted line."""
    _unquote(lines, start + 1, end)
    if not title:
        first = next((at for at in range(start + 1, end) if lines[at].strip()), None)
        if first is None:
            lines[start] = ""
            return
        title = lines[first].strip()
        lines[first] = ""
    lines[start] = f"**Question: {title}**"


def _unquote(lines: list[str], start: int, end: int) -> None:
    for at in range(start, end):
        lines[at] = _QUOTED.sub("", lines[at], count=1)
