"""Headings that continue the answer above them instead of opening a card of their own.

Interview pages often put a label heading at the level of their questions right after an answer:
"### Code Example: …", "### Insight", "### Interview Tip", "### With a tokenizer". Such a
heading asks nothing and carries no number; what follows it explains the previous question. A
heading that names a topic of its own ("### GPT vs BERT", "### About the GIL") is not a label
and still becomes a note of its own.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_answers import Segment

# The first words of a heading that labels part of an answer rather than a subject.
_CONTINUATION = re.compile(
    r"^(?:code\s+(?:examples?|snippets?|samples?)|(?:an?\s+)?(?:quick\s+|simple\s+|worked\s+|"
    r"real[-\s]world\s+)?examples?|insights?|intuition|analogy|(?:interview\s+|pro\s+)?tips?|"
    r"notes?|output|results?|summary|in\s+short|tl;?dr|key\s+(?:points?|takeaways?|ideas?)|"
    r"takeaways?|why\s+it\s+matters|with(?:out)?|illustration|explanation|answer|solution|"
    r"follow[-\s]up)\b",
    re.I,
)


def is_continuation_label(text: str) -> bool:
    """True for a heading text such as "Code Example: …" or "Insight:" that labels an answer."""
    return _CONTINUATION.match(text.strip()) is not None


def merge_continuations(
    segments: list[Segment], lines: list[str]
) -> tuple[list[Segment], list[str]]:
    """Segments with each label heading folded into the answer just above it, and the notices.

    A heading is folded only when it asks nothing, has no number, sits at the level of the
    question above, and follows that question's answer with nothing but blank lines between.
    """
    merged: list[Segment] = []
    notices: list[str] = []
    for piece in segments:
        previous = merged[-1] if merged else None
        if previous is not None and _continues(previous, piece, lines):
            previous.lines.append(("text", piece.question.raw))
            previous.indices.append(piece.question.line)
            previous.lines.extend(piece.lines)
            previous.indices.extend(piece.indices)
            notices.append(
                f"line {piece.question.line + 1}: '{piece.question.text}' asks nothing and "
                "follows an answer at the same level: kept as part of that answer"
            )
            continue
        merged.append(piece)
    return merged, notices


def _continues(previous: Segment, piece: Segment, lines: list[str]) -> bool:
    question = piece.question
    if question.question_like or question.number is not None or question.level == 0:
        return False
    if previous.question.level != question.level or not is_continuation_label(question.text):
        return False
    answered = [
        index
        for (_, text), index in zip(previous.lines, previous.indices, strict=False)
        if text.strip()
    ]
    if not answered:
        return False
    between = lines[answered[-1] + 1 : question.line]
    return all(not line.strip() for line in between)
