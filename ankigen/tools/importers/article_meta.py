"""Sections of a question bank that speak about the repository, not about the subject.

A README that collects interview questions often explains how to add one ("## How to
contribute?") and shows the expected format with a made-up question ("#### How old are
you?"). The heading asks, and so does the example, but neither is a question of the bank:
both are rejected with a reason instead of becoming notes. So is a promotion set between the
questions ("## 🚀 Our Newsletter (free)", "## Support the Author", "## Sponsors"): it names no
subject, and its lines are no answer.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_questions import Candidate, Rejected, Selection

__all__ = ["without_meta_sections"]

# "How to contribute?", "Want to contribute?", "How can I contribute?", "How to use this
# repo?", "Contributing".
_META = re.compile(
    r"^[\W_]*(?:(?:how|want|would\s+you\s+like)\s+(?:to|can\s+(?:i|you))\s+"
    r"(?:contribute|help|add\s+(?:a\s+)?questions?|use\s+this\s+(?:repo(?:sitory)?|list|guide))|"
    r"contributing|contributions?)\b[\W_]*$",
    re.I,
)


# "🚀 AIxFunda Newsletter (free)", "☕ Buy me a coffee", "Support the author", "Sponsors": a
# heading that advertises; one that asks ("How do I sponsor a package?") is a question.
_PROMOTION = re.compile(
    r"\b(?:newsletter|buy\s+me\s+a\s+coffee|support\s+(?:the\s+author|this\s+(?:project|work|repo)|"
    r"my\s+work)|sponsors?|sponsored\s+by|donate|donations?)\b(?![^?]*\?\s*\W*$)",
    re.I,
)


def without_meta_sections(selection: Selection, lines: list[str], kinds: list[str]) -> Selection:
    """The selection without questions that head, or stand in, a section about the
    repository; each is rejected with its reason."""
    spans = _meta_spans(lines, kinds)
    if not spans:
        return selection
    kept: list[Candidate] = []
    rejected = list(selection.rejected)
    for question in selection.questions:
        span = next(((a, b) for a, b in spans if a <= question.line < b), None)
        if span is None:
            kept.append(question)
            continue
        promotion = _PROMOTION.search(lines[span[0]]) is not None
        reason = (
            ("a promotion, not a question" if promotion else "a heading about the repository")
            + (", not a question of it" if not promotion else "")
            if question.line == span[0]
            else f"an example in the section at line {span[0] + 1} about the repository"
        )
        rejected.append(Rejected(question.line, question.describe(), reason))
    if len(kept) == len(selection.questions) or not kept:
        return selection
    return Selection(tuple(kept), tuple(rejected), selection.family, selection.topics)


def _meta_spans(lines: list[str], kinds: list[str]) -> list[tuple[int, int]]:
    """Each section about the repository: from its heading to the next heading as high."""
    spans: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        heading = HEADING.match(line) if kinds[index] == TEXT else None
        if heading is None or not (
            _META.match(heading.group(2).strip()) or _PROMOTION.search(heading.group(2))
        ):
            continue
        level = len(heading.group(1))
        end = next(
            (
                later
                for later in range(index + 1, len(lines))
                if kinds[later] == TEXT
                and (other := HEADING.match(lines[later])) is not None
                and len(other.group(1)) <= level
            ),
            len(lines),
        )
        spans.append((index, end))
    return spans
