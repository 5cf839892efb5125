"""A topic heading over an explicit question: the question, not the heading, is the front.

Quiz-style articles title each item with a topic and ask below it::

    ### 7. Leaf size and training time
    **Question:**
    A short scenario that sets the question up.
    **Which choice makes training faster?**
    - A
    - B

The card asks the bold question (or the text after the ``Question:`` label), with the
scenario before it (or, without one, the heading as a prefix) and the answer choices after it
in parentheses; the rest of the item is the back. The heading still names the note's id. A
scenario holding a table or a list cannot be part of a one-line front: it then opens the back,
the front starts with the heading, and the import warns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.tools.importers.article_answers import Segment, is_answer_label
from ankigen.tools.importers.article_label_words import NUMBER_WORD, QUESTION_WORD
from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_markers import metadata_difficulty
from ankigen.tools.importers.article_questions import QUESTION_WORDS, Shape, prompts

# "**Question:** …", "*Q.* …", and the label in other languages ("**Câu hỏi:** …").
# A bullet may open it: "- **Câu hỏi:** …" over "- **Gợi ý trả lời:** …" as sibling items.
_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?(\*\*|__|\*|_)?(?:question|q|" + QUESTION_WORD + r")\s*[:.]\s*\1?\s*(.*)$",
    re.I,
)
_BOLD_QUESTION = re.compile(r"^\s*(\*\*|__)(\S.*\?)\1\s*$")
_CHOICE = re.compile(r"^\s{0,3}(?:[-*+]|\(?[A-Ha-h1-9][.)])\s+(\S.*)$")
_TABLE_OR_LIST = re.compile(r"^\s*(?:\||[-*+]\s|\d+[.)]\s)")
_DETAILS = re.compile(r"^\s*<(?:details|summary)\b", re.I)
# "**Q: Key differences**": label and question inside one bold span.
_WHOLE_BOLD_LABEL = re.compile(r"^\s*(\*\*|__)(?:question|q)\s*[:.]\s*(\S.*?)\1\s*$", re.I)
_ANSWER_STARTS = re.compile(r"^\s*(?:\*\*|__|\*|_)?(?:a|ans|answer)\s*[:.]", re.I)
_MAX_CONTEXT = 12  # lines between the heading and its question, at most
_MAX_INLINE = 80  # characters of code a front can show inline
_MAX_BEFORE_TOGGLE = 6  # lines (a figure, its caption) between a prompt and its answer toggle
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(\S.*\S)\1\s*$")
# "[ ] Process", "[x] Culture": a task-list box before a choice; a ticked one is the answer.
_TASK_BOX = re.compile(r"\[([ xX])\]\s+")
# "### Question 2: What Is DevOps?": a numbered item title in a quiz.
_NUMBERED_LABEL = re.compile(r"^\s{0,3}#{1,6}\s+(\*\*|__)?question\s+\d{1,4}\s*[:.-]", re.I)
# "<details><summary>答案</summary>": the toggle that holds the item's answer.
_ANSWER_TOGGLE = re.compile(r"^\s*<details\b", re.I)
# "### Question" / "### Answer" sub-headings that only label the two parts of an item.
_QUESTION_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(\*\*|__)?question\s*:?\s*\1?\s*$", re.I)
_ANSWER_HEADING = re.compile(
    r"^\s{0,3}#{1,6}\s+(\*\*|__)?(?:answer|solution|explanation)\s*:?\s*\1?\s*$", re.I
)
# "**Topic:** Concept", "**Difficulty:** Basic": an item's metadata above its question.
_METADATA = re.compile(
    r"^\s*(?:[-*+]\s+)?(\*\*|__)(?:topic|difficulty|level|category|tags?)\s*:\s*\1\s*\S.*$|"
    r"^\s*(?:[-*+]\s+)?(\*\*|__)(?:topic|difficulty|level|category|tags?)\s*\2\s*:\s*\S.*$",
    re.I,
)
# "- **Problem**: Write a query …" under "#### Question 1.1: Max Score Filter": the list item
# that states the task is the question; the items after it (hints, solution) are the back.
_ITEM_LABEL = re.compile(
    r"^\s{0,3}[-*+]\s+(\*\*|__)(?:problem(?:\s+statement)?|question|task|prompt|challenge)"
    r"(?:\s*:\s*\1|\1\s*:)\s*(\S.*)$",
    re.I,
)
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s")
# "**✅ Correct Answer:** …", "**Key Concepts:**": a paragraph opened by a bold label of its
# own, a field of the card after the labelled question, never more of its text.
_FIELD_LABEL = re.compile(r"^\s*(\*\*|__)[^*_\n]{1,40}?(?::\s*\1|\1\s*:)")
# "### Question: Topic name": a heading labelled as a question that only names its topic.
# "### Q: CloudWatch agent", "### Question: Blue-green deployment": a heading labelled as a
# question that holds a topic.
_Q_TOPIC_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(\*\*|__)?(?:q|question)\s*:\s*\1?\s*\S", re.I)
_HEADING_LABEL = re.compile(r"^\s{0,3}#{1,6}\s+(\*\*|__)?question\s*:\s*\1?\s*\S", re.I)


@dataclass(frozen=True)
class Stem:
    front: str
    back: list[tuple[str, str]]  # the answer's (kind, line) pairs without the question part
    absorbed: frozenset[int]  # article lines that went into the front
    warning: str | None
    difficulty: str | None = None  # from a "**Difficulty:** Basic" line above the question


def _titled_item(piece: Segment) -> bool:
    """ "**21. Scenario: Blue-green rollout**" over "*Question:* How would you …?": a bold
    numbered title that does not ask, its question labelled below it."""
    if piece.question.shape is not Shape.BOLD or _asks(piece.question.text):
        return False
    first = next((line for kind, line in piece.lines if line.strip()), "")
    label = _LABEL.match(first)
    return label is not None and bool(label.group(2).strip())


def explicit_question(piece: Segment) -> Stem | None:
    """The question asked under a topic heading, if the item asks one explicitly."""
    question = piece.question
    if question.shape is not Shape.HEADING and not _titled_item(piece):
        return None
    if _asks(question.text) and not _labelled_over_bold_stem(question.raw, piece.lines):
        return None
    lines = piece.lines
    at = _skip_blank(lines, 0)
    labelled = False
    context: list[str] = []
    asked: str | None = None
    metadata: list[str] = []
    while at < len(lines) and lines[at][0] == TEXT and _METADATA.match(lines[at][1]):
        metadata.append(lines[at][1])
        at = _skip_blank(lines, at + 1)
    item = _ITEM_LABEL.match(lines[at][1]) if at < len(lines) and lines[at][0] == TEXT else None
    if item is not None:
        asked, at = _item_text(lines, at, item.group(2))
        difficulty = next(
            (level for line in metadata if (level := metadata_difficulty(_unbulleted(line), {}))),
            None,
        )
        return Stem(asked, lines[at:], frozenset(piece.indices[:at]), None, difficulty)
    if at < len(lines) and lines[at][0] == TEXT and _QUESTION_HEADING.match(lines[at][1]):
        labelled = True  # "### Question" over the question, "### Answer" over the answer
        at = _skip_blank(lines, at + 1)
    elif metadata:
        return None  # metadata without a labelled question: the answer keeps it
    if at < len(lines) and (label := _LABEL.match(lines[at][1])) is not None:
        labelled = True
        whole = _WHOLE_BOLD_LABEL.match(lines[at][1])
        if whole is not None:  # "**Q: Key differences**": the line is the whole question
            asked = whole.group(2).strip()
        elif label.group(2).strip():
            context.append(label.group(2))
        at += 1
    complex_context = False
    code: list[tuple[str, str]] = []
    while asked is None and at < len(lines) and len(context) <= _MAX_CONTEXT:
        kind, line = lines[at]
        if kind != TEXT or HEADING.match(line.lstrip()) or _DETAILS.match(line):
            break
        if _ANSWER_STARTS.match(line):  # "A: …" opens the answer: the question part is over
            break
        if labelled and context and is_answer_label(line):
            break  # "- **Gợi ý trả lời:** …" under "- **Câu hỏi:** …": the answer's label
        bold = _BOLD_QUESTION.match(line) or _bold_stem_over_choices(lines, at)
        if bold is not None:
            asked, at = bold.group(2).strip(), at + 1
            break
        if not line.strip():
            if not labelled:
                if (
                    context
                    and not _asks(question.text)
                    and _question_part_ends(lines, at, _join(context))
                ):
                    # "## Q11 - Pearson" over a plain prompt, its choices and an answer
                    # toggle: the prompt is the question, the heading its topic
                    asked, context = _join(context), []
                    code, at = _code_of_stem(lines, _skip_blank(lines, at))
                    break
                break  # without a label, the question stands in the first paragraph
            following = _skip_blank(lines, at)
            if following >= len(lines) or _CHOICE.match(lines[following][1]):
                break
            if _FIELD_LABEL.match(lines[following][1]):
                break  # "**❌ Wrong Answer:** …", "**Key Concepts:**": the card's next field
        elif _TABLE_OR_LIST.match(line):
            if not labelled or not context:
                break
            complex_context = True
        context.append(line)
        at += 1
    if asked is None and _HEADING_LABEL.match(question.raw) and not labelled and context:
        # "### Question: Blue-green deployment" over "What is …? How does …?": the heading
        # names the topic, the paragraph under it asks
        if not _join(context).endswith("?"):
            return None
        asked, context = _join(context), [""]
    if asked is None:
        if not labelled or complex_context or not context:
            return None
        # The labelled text is question and scenario; under a heading labelled as a question
        # that names a topic ("### Q: CloudWatch agent" over "**Question:** How …?") the
        # topic opens the front, as an unlabelled topic heading's does over a bold question.
        asked = _join(context)
        context = [] if _Q_TOPIC_HEADING.match(question.raw) else [""]
    choices, checked, at = _choices(lines, _skip_blank(lines, at))
    following = _skip_blank(lines, at)
    if following < len(lines) and _ANSWER_HEADING.match(lines[following][1]):
        at = following + 1  # the "### Answer" label goes with the question part
    difficulty = next(
        (level for line in metadata if (level := metadata_difficulty(line, {}))), None
    )
    absorbed = frozenset(piece.indices[:at])
    # choices that hold a "/" themselves (a translation after it) are parted by "; "
    joint = "; " if any(" / " in choice for choice in choices) else " / "
    choice_text = f" ({joint.join(choices)})" if choices else ""
    if complex_context:
        back = [(TEXT, line) for line in context] + [(TEXT, "")] + lines[at:]
        held = "its scenario holds a table or a list: it opens the back; move it by hand"
        return Stem(f"{question.text}: {asked}{choice_text}", back, absorbed, held)
    # Without a scenario, the heading gives the bare question its topic ("Leaf size: Why …?");
    # a heading that is only a number ("## 1") gives none.
    topic = question.text.rstrip(" ?:")
    scenario = _join(context) if context else (f"{topic}:" if _names_topic(topic) else "")
    front = f"{scenario} {asked}".strip()
    back = lines[at:]
    warning: str | None = None
    if code:
        inline = _inline_code(code)
        if inline is not None:
            stem = front[:-1].rstrip()
            front = f"{stem}: {inline}?" if front.endswith("?") else f"{front} {inline}"
        else:
            back = [*code, (TEXT, ""), *back]
            warning = (
                "it asks about the code block below it, which a one-line front cannot hold: "
                "the code opens the back; reword the front or make the note a cloze"
            )
    front += choice_text
    if checked:
        # "* [x] Culture": the ticked choice is the answer, never shown on the front
        back = [(TEXT, f"**Answer:** {' / '.join(checked)}"), (TEXT, ""), *back]
    return Stem(front, back, absorbed, warning, difficulty)


def _item_text(lines: list[tuple[str, str]], at: int, first: str) -> tuple[str, int]:
    """The labelled item's text with its indented continuation lines, and the line after it."""
    parts = [first]
    at += 1
    while at < len(lines) and lines[at][0] == TEXT and lines[at][1].strip():
        line = lines[at][1]
        if _ITEM.match(line) or not line.startswith(" ") or HEADING.match(line.lstrip()):
            break
        parts.append(line)
        at += 1
    return _join(parts), at


def _unbulleted(line: str) -> str:
    return re.sub(r"^\s*[-*+]\s+", "", line)


def _asks(text: str) -> bool:
    return text.endswith("?") or QUESTION_WORDS.match(text) is not None


def _skip_blank(lines: list[tuple[str, str]], at: int) -> int:
    while at < len(lines) and not lines[at][1].strip():
        at += 1
    return at


def _choices(lines: list[tuple[str, str]], at: int) -> tuple[list[str], list[str], int]:
    """The answer choices from ``at``, without task-list boxes, the ticked ones apart, and
    the line after them."""
    choices: list[str] = []
    checked: list[str] = []
    start = at
    while (
        at < len(lines)
        and lines[at][0] == TEXT
        and not is_answer_label(lines[at][1])
        and (item := _CHOICE.match(lines[at][1]))
    ):
        text = item.group(1)
        box = _TASK_BOX.match(text)
        if box is not None:
            text = text[box.end() :]
            if box.group(1).strip():
                checked.append(_plain(text))
        choices.append(_plain(text))
        at += 1
    if len(choices) == 1 and not checked:
        # one item is no choice to make: the list under the question is its answer
        return [], [], start
    return choices, checked, at


def _labelled_over_bold_stem(raw: str, lines: list[tuple[str, str]]) -> bool:
    """ "### Question 2: What Is DevOps?" over "**How would you sum up …?**" and its choices:
    the heading only titles the item; the bold question is the one asked."""
    if not _NUMBERED_LABEL.match(raw):
        return False
    at = _skip_blank(lines, 0)
    if at >= len(lines) or lines[at][0] != TEXT:
        return False
    stem = _BOLD_QUESTION.match(lines[at][1]) or _bold_stem_over_choices(lines, at)
    return stem is not None


def _bold_stem_over_choices(lines: list[tuple[str, str]], at: int) -> re.Match[str] | None:
    """A bold line over a list of choices asks even without "?": a fill-in-the-blank stem
    ("**Changes are \\_\\_\\_ as opposed to \\_\\_\\_.**" over "- [ ] …")."""
    bold = _BOLD_LINE.match(lines[at][1]) if lines[at][0] == TEXT else None
    if bold is None:
        return None
    following = _skip_blank(lines, at + 1)
    if following < len(lines) and lines[following][0] == TEXT:
        choice = _CHOICE.match(lines[following][1])
        if choice is not None and _TASK_BOX.match(choice.group(1)):
            return bold
    return None


def _question_part_ends(lines: list[tuple[str, str]], at: int, paragraph: str) -> bool:
    """Whether the first paragraph is followed by choices or an answer toggle (maybe after
    a code block): the item itself marks where its question ends. Only a paragraph that asks
    or prompts has choices: a statement over a list ("**OLTP** is …" over its traits) is
    the answer."""
    at = _skip_blank(lines, at)
    if at < len(lines) and lines[at][0] != TEXT:
        at = _skip_blank(lines, _after_block(lines, at))
    if at < len(lines) and _CHOICE.match(lines[at][1]) is not None:
        # "- **Answer**: …" under the prompt is the answer, no choice
        return lines[at][0] == TEXT and not is_answer_label(lines[at][1]) and prompts(paragraph)
    # A figure or its caption may stand between the prompt and the toggle.
    for index in range(at, min(len(lines), at + _MAX_BEFORE_TOGGLE)):
        kind, line = lines[index]
        if kind != TEXT or HEADING.match(line.lstrip()):
            return False
        if _ANSWER_TOGGLE.match(line):
            return True
    return False


def _after_block(lines: list[tuple[str, str]], at: int) -> int:
    while at < len(lines) and lines[at][0] != TEXT:
        at += 1
    return at


def _code_of_stem(lines: list[tuple[str, str]], at: int) -> tuple[list[tuple[str, str]], int]:
    """The code block between a prompt and its choices ("Qual é o output?" over a fence)."""
    if at >= len(lines) or lines[at][0] == TEXT:
        return [], at
    end = _after_block(lines, at)
    return lines[at:end], _skip_blank(lines, end)


def _inline_code(code: list[tuple[str, str]]) -> str | None:
    """A block of one short line as inline code for the front, else None."""
    body = [line for _, line in code[1:-1] if line.strip()]
    if len(body) == 1 and len(body[0].strip()) <= _MAX_INLINE and "`" not in body[0]:
        return f"`{body[0].strip()}`"
    return None


def _names_topic(text: str) -> bool:
    """Whether a heading says something beyond its number ("1", "⬛ 1", "Вопрос 1",
    "Câu 2 (Phân tích)")."""
    return any(character.isalpha() for character in text) and not _NUMBER_LABEL.match(text)


# "Question 1", "Вопрос 1", "Câu 2 (Phân tích)": a label and a number, no topic.
_NUMBER_LABEL = re.compile(
    r"^\W*(?:q|" + NUMBER_WORD + r")\s*\d{1,4}\s*[.):]?\s*(?:\([^()]{1,40}\))?\W*$", re.I
)


def _join(context: list[str]) -> str:
    lines = [line for line in context if line.strip()]
    tags = [_LANGUAGE_TAG.match(line.strip()) for line in lines]
    if len(lines) >= 2 and all(tags):
        # "**EN:** What is …?" / "**TH:** …คือ?": one question, asked in two languages
        return " / ".join(
            _plain(line.strip()[tag.end() :]) for line, tag in zip(lines, tags, strict=True) if tag
        )
    return " ".join(_plain(line) for line in lines)


# "**EN:**", "TH:": a line's language, by its two-letter code, before the words in it.
_LANGUAGE_TAG = re.compile(r"^(?:\*\*|__)?([A-Z]{2})\s*:\s*(?:\*\*|__)?\s+(?=\S)")


def _plain(text: str) -> str:
    text = text.strip()
    for marker in ("**", "__"):
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            text = text[len(marker) : -len(marker)].strip()
    return re.sub(r"\s+", " ", text)
