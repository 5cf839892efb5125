"""Finding the questions of an article, and reporting every question-like line not taken.

Each text line may be a *candidate*: a heading, a ``Q4.`` line, a ``Q:`` line, a bold line,
a numbered list item, or a ``<summary>`` of a ``<details>`` block. Candidates fall into
families (a shape, and for headings a level); the family with the most questions wins. A
numbered candidate of another family that continues the winners' numbering is a question too
(``### 66)`` between ``#### 65)`` and ``#### 67)``). Every other question-like candidate is
returned as rejected, with its line and the reason, so nothing is dropped silently.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum

from ankigen.tools.importers.article_html import html_to_text, is_toggle_label
from ankigen.tools.importers.article_label_words import ANSWER_WORD, NUMBER_WORD, QUESTION_WORD
from ankigen.tools.importers.article_lines import HEADING, TEXT
from ankigen.tools.importers.article_markers import (
    plain_letters,
    section_difficulty,
    strip_markers,
    without_asked_by,
    without_link_junk,
)


class Shape(Enum):
    """How an article marks its questions, in order of preference when counts tie."""

    Q_LINE = "'Q4.' lines"
    HEADING = "headings"
    SUMMARY = "<details> summaries"
    FAQ = "'Q:'/'A:' pairs"
    BOLD = "bold lines"
    LIST = "numbered list items"
    DIALOGUE = "'Interviewer:' lines"


@dataclass(frozen=True)
class Candidate:
    line: int  # 0-based index into the article's lines
    shape: Shape
    number: int | None
    text: str
    level: int = 0  # heading level, 0 when not a heading
    rest: str = ""  # answer text on the question's own line (bold and FAQ shapes)
    difficulty: str | None = None
    question_like: bool = True  # False: a heading that is only a topic ("### Bagging")
    raw: str = ""
    consumes: int = -1  # the next line, when it holds the text ("### Question 7" / "What…?")
    # A bold number before a statement ("**1)** The number of active ads."): a question only
    # as part of a numbered run of its own (a list of tasks), never inside another answer.
    weak: bool = False
    # Lines below a list item that continue its question up to its "Answer:" label.
    continued: tuple[int, ...] = ()
    # A question on a line of its own among others like it: no line below is its answer.
    unanswered: bool = False
    # "### 3.1 …": the number of the section the question is numbered under (3), else None.
    parent: int | None = None

    @property
    def family(self) -> tuple[Shape, int]:
        return self.shape, self.level

    def describe(self) -> str:
        raw = self.raw.strip()
        return raw if len(raw) <= 70 else raw[:67] + "..."


@dataclass(frozen=True)
class Rejected:
    line: int
    text: str
    reason: str

    def format(self) -> str:
        return f"line {self.line + 1}: '{self.text}' rejected: {self.reason}"


@dataclass(frozen=True)
class Selection:
    questions: tuple[Candidate, ...]  # in line order
    rejected: tuple[Rejected, ...]
    family: tuple[Shape, int]
    topics: bool  # the questions are topic headings ("### Bagging"), the article asks none


# "12. ", "3) ", "Q4. ", "Question 5: ", "#6 ", "7 - " at the start of a question's text.
# "Question 1.2:", "Q3.1", "2.4." number a question inside a numbered section: the last part
# is the question's own number.
# A question ends in "?", in the full-width mark (U+FF1F) of Chinese and Japanese text, in the
# reversed mark of Arabic and Persian (U+061F) or in the Greek question mark's own code point
# (U+037E; most Greek text has the ";" it normalises to, which is too common to read as asking).
QUESTION_MARKS = ("?", "\uff1f", "\u061f", "\u037e")
_NUMBER = re.compile(
    # "Q4.", "No. 4", "#4", and the label in other languages: "P4:" (pregunta), "Pregunta 4",
    # "Frage 4", "问题4:", and the Japanese "問4." (question 4).
    r"^(?:(?:Q(?:uestion)?\.?|No\.?|#|P(?=\d{1,4}\s*[.:)])|Pregunta|Frage|\u95ee\u9898|\u554f\u984c|\u554f"
    # "Soru 1:", "Pertanyaan 2.", "প্রশ্ন 3:": the word for "question" in the other languages.
    r"|" + NUMBER_WORD + r")"
    r"\s*(?:\d{1,4}\.)*(\d{1,4})"
    r"(?:\s*[.):\-\u2013\u2014\u3001\uff1a]|(?=\s))"
    r"|(?:\d{1,4}\.(?=\d))+(\d{1,4})(?=\s)"
    r"|(\d{1,4})\s+(?=\u00bf|(?:what|why|how|when|where|which|who|is|are|can|do|does|explain|"
    r"describe|define|compare)\b)"
    # "2*. What is …?": a star after the number marks an optional or harder question.
    r"|(?:\d{1,4}\.(?=\d))*(\d{1,4})(?:\*{1,2}(?=[.)]))?(?:\s*[.):\-\u2013\u2014\u3001]|>))\s*(?=\S)",
    re.I,
)
# A second numbering label after the number ("### 1. Qn 01: What …?"): the first one counts.
_SECOND_NUMBER = re.compile(
    r"^(?:Q(?:uestion|ues|n)?\.?\s*(?:No\.?\s*)?|#)\s*\d{1,4}\s*[.):\-\u2013\u2014]\s*(?=\S)", re.I
)
# A label before the question's words: "Q: What …", "[Question] What …".
# "Q:", "[Question]", and a follow-up's label ("Follow-up Q:", "Follow up question:").
_QUESTION_LABEL = re.compile(
    r"^(?:\[\s*(?:q|ques|question)\s*\]|(?:follow[\s-]?up\s+)?(?:q|ques|question)\s*[:.]|"
    # "Câu hỏi: Tại sao …?", "Вопрос: …": the label in other languages, with its colon.
    + QUESTION_WORD
    + r"\s*[:\uff1a])\s*(?=\D)",
    re.I,
)
# "What is __init__?": a dunder name is code, not "init" in bold.
_DUNDER = re.compile(r"(?<![\w`])(__[a-z][a-z0-9_]*?[a-z0-9]__)(?![\w`])")
# "**Problem 1.1:** …", "**Exercise 3**: …": a problem set numbers its items inside sections.
_BOLD_NUMBER = re.compile(
    r"^(\*\*|__)\s*((?:Q(?:uestion)?\s*|(?:problem|exercise|puzzle)\s+(?:\d{1,4}\.)*)?"
    # "**`3`**. …": the number may be set in code inside the bold.
    r"`?\d{1,4}`?\s*[.):\-]?)\s*\1\s*",
    re.I,
)
# "Q4.", "Question 4 -", and the label in other languages: "Frage 4:", "Pregunta 4:",
# "Pergunta 4:", "Questão 4:", "Domanda 4:", "问题4:".
_Q_LABEL_WORD = (
    r"(?:Q(?:uestion)?[.\-]?|Frage|Pregunta|Pergunta|Quest\u00e3o|Domanda|\u95ee\u9898|"
    + NUMBER_WORD
    + r")"
)
_Q_LINE = re.compile(
    # "P4." (Spanish "pregunta"): the bare letter only right before its number and a mark.
    r"^\s*(?:\*\*|__)?(?:" + _Q_LABEL_WORD + r"\s*(?:No\.?\s*)?|#|P(?=\d{1,4}[.:)]))(\d{1,4})"
    r"(?:\s*[.):\-\u2013\u2014\uff1a]|(?=\s))"
    r"(?:\*\*|__)?\s*(\S.*)$",
    re.I,
)
_P_LABEL = re.compile(r"^\s*(?:\*\*|__)?P\d")
_FAQ_Q = re.compile(r"^\s*(?:\*\*|__)?Q(?:uestion)?\s*[:.](?:\*\*|__)?\s*(\S.*)$", re.I)
_BOLD = re.compile(r"^\s*(\*\*\*|\*\*|__)(\S.*?\S|\S)\1(.*)$")
# Chinese asks with a question word anywhere ("KNN与K-means的区别", "L1不可导该怎么办") or
# opens with a prompt ("简述…", "请解释…", "介绍…"), often without a question mark.
_CHINESE_ASKS = re.compile(
    # "哪" asks whatever measure word follows it ("哪些", "哪一项", "哪张图"); "哪怕" (even if)
    # does not.
    r"^(?=.*[\u4e00-\u9fff])(?:.*(?:什么|为什么|为何|如何|怎么|怎样|哪(?!怕)|是否|多少|区别|"
    r"原理|吗|呢)|(?:请|简述|简要|介绍|解释|说明|描述|比较|列举|谈谈|讲讲|说说))"
)
# Korean asks politely with the verb last: "…에 대해 설명해주세요." (please explain),
# "…옹호해보세요" (try to defend), an exam's "…서술하시오" (describe), often with a full stop
# and no "?".
_KOREAN_REQUEST = re.compile(
    r"[\uac00-\ud7a3]\s?(?:\uc8fc\uc138\uc694|\ubcf4\uc138\uc694|\uc8fc\uc2ed\uc2dc\uc624|"
    r"\ubcf4\uc2ed\uc2dc\uc624|\ud558\uc2dc\uc624)(?=[\s.!)]|$)"
)
# "7. ", "7) ", "7 - ", and "7、" (the enumeration comma of Chinese text, no space after it).
# "59.Explain the …" (the space after the dot forgotten) before a capitalised word, too, in
# any script that has capitals (Cyrillic "7.Що таке …", Greek, accented Latin) and a word of
# one capital ("A", a Ukrainian preposition): a capital, small letters then a space open a sentence,
# where "1.5x" or "2.NET Core" open none.
_CAPITALS = "".join(chr(c) for c in range(0x41, 0x0530) if chr(c).isupper() and chr(c).isalpha())
_SMALLS = "".join(chr(c) for c in range(0x61, 0x0530) if chr(c).islower() and chr(c).isalpha())
_LIST_ITEM = re.compile(
    r"^ {0,3}(\d{1,4})(?:[.)]\s+|\.(?=["
    + re.escape(_CAPITALS)
    + r"]["
    + re.escape(_SMALLS)
    + r"]*\s)|\s+[-\u2013\u2014:]\s+|\u3001\s*)(\S.*)$"
)
# "(单选)", "(简答)", also in full-width brackets: an exam item's type (single choice, short
# answer, true/false, fill in, essay, coding): the item is a question whatever its wording.
_TYPE_MARK = r"[(\uff08](?:单选|多选|简答|判断|填空|问答|编程|论述)(?:题)?[)\uff09]"
_TYPE_MARKED = re.compile(_TYPE_MARK)
# "- 2. ¿Un diccionario …?", "- 1.¿La …?", "- 01 (单选)…": a numbered question as a bullet.
_BULLETED_NUMBER = re.compile(
    r"^ {0,3}[-*+]\s+(\d{1,4})(?:[.)]\s+|\.(?=[\u00bf\u00a1])|\s+(?=" + _TYPE_MARK + r"))(\S.*)$"
)
_LIST_HEADING = re.compile(r"^ {0,3}(\d{1,4})[.)]\s+(#{1,6})\s+(\S.*?)(?:\s+#+)?\s*$")
_SUMMARY_HEADING_TAG = re.compile(r"</?h[1-6]\b[^>]*>", re.I)
_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)(?:</summary>(.*))?$", re.I)
QUESTION_WORDS = re.compile(
    r"^(what|why|how|when|where|which|who|whom|whose|is|are|can|could|do|does|did|should|"
    r"would|will|explain|describe|define|name|list|compare|give|write|mention|differentiate|"
    r"distinguish|discuss|state|tell)\b",
    re.I,
)
# Lines that start the part of a web page after the last answer.
END_OF_ARTICLE = re.compile(
    r"^(?:conclusions?|in\s+conclusion\b.*|key\s+takeaways.*|frequently\s+asked\s+questions|"
    r"faqs?|responses\s+from\s+readers|related\s+(?:articles|posts|reading)|further\s+reading|"
    r"about\s+the\s+author|leave\s+a\s+(?:reply|comment)|comments|share\s+this.*|"
    r"what[\u2019']s\s+next.*|the\s+media\s+shown\s+in\s+this\s+article\b.*|"
    # "Still have questions?" under an FAQ; the references of a Chinese page ("参考资料").
    r"still\s+have\s+(?:any\s+)?questions\s*\??|\u53c2\u8003(?:\u8d44\u6599|\u6587\u732e|\u94fe\u63a5))$",
    re.I,
)


_EMPTY_LINK = re.compile(r"\[\s*\]\([^)]*\)")  # a GitHub anchor: "#### [](…#q1)1) What…"
_BULLET_BOLD = re.compile(r"^ {0,3}[-*+]\s+(\*\*|__)(\S.*?\S|\S)\1(.*)$")
_TOC = re.compile(r"^[*_]*(?:table\s+of\s+contents|contents|toc|index)[*_]*\s*:?$", re.I)


# "### Question 7", "**Q7.**", "## 12", and a label naming the subject ("## Biology Question 1");
# the label in other languages too ("### Вопрос 1", "#### Câu 2 (Phân tích)", "## 질문 3").
_NUMBER_ONLY = re.compile(
    r"^\s*(?:(#{1,6})\s+|(\*\*|__))?\s*(?:(?:[A-Z][\w+#.\-]*\s+){1,3}(?=Q))?"
    r"(?:Q(?:uestion)?\.?\s*(?:No\.?\s*)?|" + NUMBER_WORD + r"\s*|#)?(\d{1,4})"
    # "#### Câu 1 (Hiểu bản chất)": the kind of question in brackets after its number.
    r"\s*[.):]?(?:\s*\([^()]{1,40}\))?\s*(?:\2)?\s*:?"
    # "### Вопрос 3 🔴": a difficulty mark after the number.
    r"(?:\s*[\u2b50\u2605\U0001f7e0-\U0001f7eb\U0001f534-\U0001f535]{1,3})?\s*$",
    re.I,
)


def find_candidates(
    lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> dict[int, Candidate]:
    """Every question-like (or topic-heading) line, by line index."""
    found: dict[int, Candidate] = {}
    consumed = -1  # the question line of "## Question 7" above: part of that candidate
    for index, line in enumerate(lines):
        if kinds[index] == TEXT and line.strip() and index != consumed:
            candidate = (
                _split(index, lines, kinds, known)
                or _candidate(index, line, known)
                or _html_item(index, lines, known)
            )
            if candidate is not None:
                found[index] = _answered_below(_answered(candidate, lines, index), lines, index)
                consumed = max(consumed, candidate.consumes)
    return found


# "<li> How does the JVM run a program?": an HTML list item on a line of its own.
_HTML_ITEM = re.compile(r"^\s*<li\b[^>]*>\s*([^<\s].*?)\s*(?:</li>)?\s*$", re.I)


def _html_item(index: int, lines: list[str], known: Mapping[str, str]) -> Candidate | None:
    """An HTML list item over a toggle that opens its answer: a follow-up question listed under
    the answer of another (a ``<ul>`` of "꼬리 질문", each with its own "답변" toggle)."""
    item = _HTML_ITEM.match(lines[index])
    if item is None or not _toggle_follows(lines, index):
        return None
    return _make(index, lines[index], Shape.SUMMARY, item.group(1), known)


# "   **Answer:**" (even with nothing after it) on the line below a numbered item.
_ANSWER_LABEL_LINE = re.compile(r"^\s*(?:\*\*|__)?(?:ans|answer)\s*:?\s*(?:\*\*|__)?\s*:?", re.I)


def _answered(candidate: Candidate, lines: list[str], index: int) -> Candidate:
    """A numbered statement ("3. Print two items on one line.") with an "Answer:" label on the
    next line is a question: the label says so, whatever its first word."""
    if not (candidate.weak and candidate.shape is Shape.LIST):
        return candidate
    if _toggle_follows(lines, index):
        return replace(candidate, weak=False)
    for offset, line in enumerate(lines[index + 1 : index + 6], start=1):
        if not line.startswith(" ") or not line.strip():
            return candidate  # the item ended without a label
        if _ANSWER_LABEL_LINE.match(line) and line.strip().startswith(("**", "__", "A", "a")):
            between = lines[index + 1 : index + offset]
            text = " ".join([candidate.text, *(part.strip() for part in between)])
            continued = tuple(range(index + 1, index + offset))
            return replace(candidate, weak=False, text=text, continued=continued)
    return candidate


# "Lösung: B", "**Answer:** 42": an answer label with its colon, in any language the importer
# reads, opening a line.
_GIVEN_ANSWER = re.compile(
    r"^(?:\*\*|__)?(?:answer|solution|antwort|respuesta|resposta|r\u00e9ponse|risposta|"
    + ANSWER_WORD
    + r")(?:\s*\([^()]{1,20}\))?\s*(?:\*\*|__)?\s*[:\uff1a]",
    re.I,
)
_LAZY_LINES = 4


def _answered_below(candidate: Candidate, lines: list[str], index: int) -> Candidate:
    """An exam's numbered task written flush with its answer under it ("1) Nennen Sie …" /
    "Lösung: …", or its choices on a line between): the labelled answer in the same block, no
    blank line before it, says the item asks, whatever its last mark ("… pro Tag ist:", a gap
    "____" to fill, "Erklären Sie …")."""
    if not (candidate.weak and candidate.shape is Shape.LIST):
        return candidate
    for line in lines[index + 1 : index + 1 + _LAZY_LINES]:
        if not line.strip() or _LIST_ITEM.match(line) or HEADING.match(line):
            return candidate
        if _GIVEN_ANSWER.match(line.strip()):
            return replace(candidate, weak=False)
    return candidate


_TOGGLE_SUMMARY = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>", re.I)


def _toggle_follows(lines: list[str], index: int) -> bool:
    """Whether the next block below a line is a ``<details>`` toggle that only opens its answer
    ("22. Give the syntax of …" / "<details><summary>Show Answer</summary>"): the item is a
    question whatever its wording."""
    following = [line for line in lines[index + 1 : index + 4] if line.strip()][:2]
    if not following or not following[0].lstrip().lower().startswith(("<details", "<summary")):
        return False
    summary = _TOGGLE_SUMMARY.match(" ".join(part.strip() for part in following))
    return summary is not None and is_toggle_label(html_to_text(summary.group(1)))


def _split(
    index: int, lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> Candidate | None:
    """ "### Question 7" or "**Q7.**" alone, with the question on the next non-blank line."""
    if _FAQ_Q_ONLY.match(lines[index]):
        return _split_faq(index, lines, kinds, known)
    # "<summary>Question 1</summary>" over "<p>What is …?</p>": the toggle only numbers it.
    toggle = _SUMMARY_LABEL.match(lines[index])
    label = toggle.group(1).strip() if toggle is not None else lines[index]
    only = _NUMBER_ONLY.match(_unwrapped_label(label))
    if only is None or not (only.group(1) or only.group(2) or re.match(r"\s*[Q#]", label)):
        return None
    following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if following is None or kinds[following] != TEXT:
        return None
    quoted = _restated(lines, following, int(only.group(3)))
    if following - index > (3 if quoted else 2):  # a quoted task may sit under two blank lines
        return None
    text = lines[following].strip()
    if quoted is not None:
        text = quoted[0]
    asked = _plain(html_to_text(text)) if text.startswith("<") else _plain(text)  # "<p>Why…?</p>"
    if HEADING.match(text) or not (_asks(asked) or _labelled_prompt(lines[index], text)):
        return None
    level = len(only.group(1)) if only.group(1) else 0
    shape = Shape.HEADING if level else (Shape.BOLD if only.group(2) else Shape.Q_LINE)
    candidate = _make(
        index, lines[index], shape, text, known, number=int(only.group(3)), level=level
    )
    if candidate is not None and quoted is not None:
        candidate = replace(candidate, continued=quoted[1])
    return None if candidate is None else replace(candidate, consumes=following)


def question_label(line: str) -> bool:
    """ "## Question 3", "**Q3.**", "### Frage 3": a line that only labels a numbered question
    (with a word, so "## 12" alone is not one)."""
    label = _unwrapped_label(line)
    only = _NUMBER_ONLY.match(label)
    if only is None or not (only.group(1) or only.group(2)):
        return False
    return re.search(r"[^\W\d_]", label[: only.start(3)]) is not None


# "> `1`. Create a notebook …": a quote that restates the label's number quotes the exercise.
_RESTATED = re.compile(r"^\s*>\s*`?(\d{1,4})`?[.)]\s+(\S.*)$")
_QUOTED_LINE = re.compile(r"^\s*>\s*(\S.*)$")


def _restated(lines: list[str], at: int, number: int) -> tuple[str, tuple[int, ...]] | None:
    """Under "## Question 2", a quote opening with the number 2 ("> `2`. Write …", a solutions
    page quoting its exercises): the quoted task, its paragraph's lines joined, and the lines
    after the first that it takes."""
    found = _RESTATED.match(lines[at])
    if found is None or int(found.group(1)) != number:
        return None
    parts = [found.group(2).strip()]
    end = at + 1
    while end < len(lines) and (more := _QUOTED_LINE.match(lines[end])) is not None:
        if _RESTATED.match(lines[end]):
            break
        parts.append(more.group(1).strip())
        end += 1
    return " ".join(parts), tuple(range(at + 1, end))


_SUMMARY_LABEL = re.compile(r"^\s*(?:<details[^>]*>\s*)?<summary[^>]*>([^<]*)</summary>\s*$", re.I)


# "Q:" alone on its line (a flashcard file's "Q:" / "A:" blocks), the question below it.
_FAQ_Q_ONLY = re.compile(r"^\s*(?:\*\*|__)?Q(?:uestion)?\s*:(?:\*\*|__)?\s*$", re.I)


def _split_faq(
    index: int, lines: list[str], kinds: list[str], known: Mapping[str, str]
) -> Candidate | None:
    """ "Q:" over "How do I …?": the next non-blank line is the question, when it asks or
    prompts ("Tip: How …?", "Example of …:" under a "Q:" label ask whatever their mark)."""
    following = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
    if following is None or following - index > 2 or kinds[following] != TEXT:
        return None
    text = lines[following].strip()
    if HEADING.match(text) or _FAQ_A_LINE.match(text):
        return None
    # The question may go on over a hard break ("… a formula:" / "$\\sum_i i$").
    continued: list[int] = []
    for later in range(following + 1, min(following + 4, len(lines))):
        line = lines[later].strip()
        if not line or kinds[later] != TEXT or _FAQ_A_LINE.match(line) or HEADING.match(line):
            break
        continued.append(later)
    parts = [text, *(lines[later].strip() for later in continued)]
    text = " ".join(part.removesuffix("\\").strip() for part in parts)
    candidate = _make(index, lines[index], Shape.FAQ, text, known)
    if candidate is None:
        return None
    return replace(candidate, consumes=following, continued=tuple(continued))


_FAQ_A_LINE = re.compile(r"^(?:\*\*|__)?A(?:ns(?:wer)?)?\s*:", re.I)


# "__***Question 7***__": a label wrapped in nested emphasis, the closing markers mirrored.
_WRAPPED = re.compile(r"^([*_]{1,5})(\S(?:.*?\S)?)([*_]{1,5})$")


def _unwrapped_label(line: str) -> str:
    """A label line with the emphasis around its words reduced to one bold span at most, so
    that "### __***Question 7***__" reads as "### Question 7" and "__*Q7.*__" as "**Q7.**"."""
    heading = HEADING.match(line)
    text = heading.group(2) if heading is not None else line.strip()
    wrapped = False
    while (span := _WRAPPED.match(text)) is not None and span.group(3) == span.group(1)[::-1]:
        text, wrapped = span.group(2).strip(), True
    if heading is not None:
        return f"{heading.group(1)} {text}"
    return f"**{text}**" if wrapped else line


def _candidate(index: int, line: str, known: Mapping[str, str]) -> Candidate | None:
    list_heading = _LIST_HEADING.match(line)
    if list_heading is not None:
        number, level, text = list_heading.groups()
        return _heading(index, line, len(level), text, int(number), known)
    heading = HEADING.match(line)
    if heading is not None:
        return _heading(index, line, len(heading.group(1)), heading.group(2), None, known)
    summary = _SUMMARY.match(line)
    if summary is not None:
        # "<summary><h3>1. What is X?</h3></summary>": the heading tags only size the title.
        title = _SUMMARY_HEADING_TAG.sub("", summary.group(1))
        found = _make(index, line, Shape.SUMMARY, title, known, rest=summary.group(2))
        # "<summary>Answer</summary>" under a question is the answer's toggle, not a question.
        asks = found is not None and any(mark in found.text for mark in QUESTION_MARKS)
        # "<summary>자기소개 해주세요.</summary>": a polite request with the verb last asks too
        asks = asks or (found is not None and _KOREAN_REQUEST.search(found.text) is not None)
        if found is not None and (asks or QUESTION_WORDS.match(found.text)):
            return found
        # "<summary>Q3 (Maths): Derive …</summary>": a numbered toggle that prompts asks too.
        if found is not None and found.number is not None and _prompts(found.text):
            return found
        return None
    bold_number = _BOLD_NUMBER.match(line.strip())
    if bold_number is not None:  # "**1.** What is X?", "**Question 4**. Select the …:"
        rest = _LEADING_COLON.sub("", re.sub(r"^[.)]\s*", "", line.strip()[bold_number.end() :]))
        number = int(re.findall(r"\d+", bold_number.group(2))[-1])  # "Problem 2.3" is 3
        # A "Question 4" label says the words after it ask, whatever their last mark.
        labelled = _labelled_prompt(bold_number.group(2), rest)
        return _make(
            index, line, Shape.BOLD, rest, known, number=number, needs_question=not labelled
        )
    speaker = _ASKING_SPEAKER.match(line)
    if speaker is not None:  # "**Interviewer**: How would you …?" in a written-out interview
        found = _make(index, line, Shape.DIALOGUE, speaker.group(1), known)
        return found if found is not None and _prompts(found.text) else None
    bold = _BOLD.match(line)
    if bold is not None and (found := _bold(index, line, bold.group(2), bold.group(3), known)):
        return found
    q_line = _Q_LINE.match(line)
    if q_line is not None and _P_LABEL.match(line) and not _asks(_plain(q_line.group(2))):
        q_line = None  # "P1. Fix the outage": a priority, not a question, unless it asks
    if q_line is not None:
        text = q_line.group(2)
        return _make(index, line, Shape.Q_LINE, text, known, number=int(q_line.group(1)))
    faq = _FAQ_Q.match(line)
    if faq is not None:
        return _make(index, line, Shape.FAQ, faq.group(1), known)
    bullet = _BULLET_BOLD.match(line)
    if bullet is not None:  # "- **What is X?**"
        found = _bold(index, line, bullet.group(2), bullet.group(3), known)
        return None if found is None else replace(found, shape=Shape.LIST)
    item = _LIST_ITEM.match(line) or _BULLETED_NUMBER.match(line)
    if item is not None:
        return _list_item(index, line, int(item.group(1)), item.group(2).strip(), known)
    return None


def _list_item(
    index: int, line: str, number: int, body: str, known: Mapping[str, str]
) -> Candidate | None:
    """ "7. What is X?", "7. **What is X?**", "7. **What is X?** Answer…", "7. Explain X."."""
    if _ANCHOR_ONLY.match(body):  # "7. [What is X?](#x)": a table-of-contents entry
        return None
    inner = _BOLD.match(body)
    if inner is not None:
        rest = _LEADING_COLON.sub("", inner.group(3).strip())  # "**Term**: what it means"
        if rest and strip_markers(rest, known)[0] and not _follow_up(inner.group(2), rest):
            # the answer follows on the same line
            found = _make(index, line, Shape.LIST, inner.group(2), known, number=number, rest=rest)
            return found if found is not None and _prompts(found.text) else None
        body = f"{inner.group(2)} {rest}".strip()
    candidate = _make(index, line, Shape.LIST, body, known, number=number)
    if candidate is None or candidate.text.endswith(QUESTION_MARKS):
        return candidate
    if _CHINESE_ASKS.match(candidate.text) or _TYPE_MARKED.match(candidate.text):
        return candidate
    if _greek_asks(candidate.text):  # a Greek item ending in ";" asks, as a heading does
        return candidate
    # "67. Explain locking.", "68. Find the …": a question only where it continues a numbering
    # of questions, or (when it prompts) stands outside every answer.
    return replace(candidate, weak=True)


# "**Interviewer**: …", "🧔 **Interviewer:** …", "Interviewer - …": the asking side of an
# interview written out as a dialogue (emoji or other symbols may stand before the label).
_ASKING_SPEAKER = re.compile(
    r"^[^\w*_#>|]{0,12}(?:\*\*|__)?(?:the\s+)?(?:interviewer|hiring\s+manager|recruiter)"
    r"(?:\*\*|__)?\s*(?::|[-\u2013\u2014]\s)\s*(?:\*\*|__)?\s*(\S.*)$",
    re.I,
)
_ANCHOR_ONLY = re.compile(r"^(?:\*\*|__)?\[[^\]]+\]\(\s*#[^)\s]*\s*\)(?:\*\*|__)?$")
_LEADING_COLON = re.compile(r"^(?::|[-\u2013\u2014](?=\s))\s*")
# Verbs that open a task in a numbered list of exercises ("4. Find the second highest …").
_TASK_VERBS = re.compile(
    r"^(?:find|calculate|compute|implement|design|identify|outline|summari[sz]e|show|prove|"
    r"derive|suggest|propose|create|build|elucidate|contrast|demonstrate|illustrate|determine|"
    r"estimate|evaluate|solve|reverse|count|return|select|sort|convert|fix|debug|optimi[sz]e)\b",
    re.I,
)


# Polish prompt verbs (discuss, explain, describe, compare, list, give, present, define, write,
# implement, check, compute) and question words ("Czym różni się …", "Co to jest …", "Do czego
# służy …"); "co" only before the verbs that make it "what" (not the English prefix "co-").
_POLISH_PROMPTS = (
    r"om[o\u00f3]w|wyja[s\u015b]nij|opisz|por[o\u00f3]wnaj|wymie[n\u0144]|podaj|przedstaw|"
    r"scharakteryzuj|zdefiniuj|napisz|wyt[l\u0142]umacz|zaimplementuj|sprawd[z\u017a]|oblicz|"
    r"czym|czy|jak(?:i|a|ie|ich|im)?|dlaczego|kiedy|gdzie|kt[o\u00f3]r(?:y|a|e|ych|ym)|"
    r"co\s+(?:to|oznacza|znaczy|robi|wiesz)|do\s+czego|po\s+co|w\s+jaki\s+spos[o\u00f3]b"
)


# The question words and prompt verbs of Spanish, Portuguese, French and German that open a
# question written without its mark ("Explica qué es …", "Escreva um código …", "Wie man …",
# "Erläutern Sie …"): words English does not use, so an English line never matches.
_FOREIGN_PROMPTS = re.compile(
    r"^(?:explica|proporciona|crea|imagina|menciona|enumera|"
    r"explique|escreva|crie|descreva|defina|imprima|"
    # Portuguese prompts and question words left without a mark ("Cite um exemplo …",
    # "Quais são os pilares …"): "cite" asks in English too.
    r"cite|liste|qual|quais|onde|quando|o\s+que|"
    r"expliquez|d[eé]crivez|pourquoi|"
    # "Cuéntame de una vez que …", "Fale sobre …": the talk-about-it prompts of interviews.
    r"cu[eé]ntame|cu[eé]ntanos|h[aá]blame|h[aá]blanos|fale|conte|comente|racontez|parlez|"
    r"erl[aä]utern|erkl[aä]ren|beschreiben|implementieren|nennen|vergleichen|geben\s+sie|"
    r"was\s+(?:ist|sind|bedeutet|macht)|wie|warum|welche[rsnm]?|wann|"
    # Polish: the prompt verbs ("Omów …", discuss; "Wyjaśnij …", explain) and the question
    # words that open a question its author left without a mark ("Jakie znasz …").
    rf"{_POLISH_PROMPTS})\b",
    re.I,
)


_POLISH_ASKS = re.compile(rf"^(?:{_POLISH_PROMPTS})\b", re.I)


def prompts(text: str) -> bool:
    """Asks, or starts with a prompt word and says more than one word ("Explain IoU.")."""
    return _prompts(text)


def _prompts(text: str) -> bool:
    """Asks, or starts with a prompt word and says more than one word ("Explain IoU.")."""
    if text.endswith(QUESTION_MARKS) or _CHINESE_ASKS.match(text) or _KOREAN_REQUEST.search(text):
        return True
    prompt = QUESTION_WORDS.match(text) or _TASK_VERBS.match(text) or _FOREIGN_PROMPTS.match(text)
    if prompt is None and (
        _POLITE_REQUEST.search(text)
        or _TURKISH_REQUEST.search(text)
        or _VERB_LAST_REQUEST.search(text)
    ):
        return True
    return prompt is not None and " " in text


# Korean and Japanese put the request at the end: "…에 대해 설명해 주세요." (please explain),
# "…を説明してください。", "…を述べよ。"; the sentence is a prompt whatever its first word.
_POLITE_REQUEST = re.compile(
    r"(?:\uc8fc\uc138\uc694|\uc8fc\uc2ed\uc2dc\uc624|\ud558\uc2dc\uc624|\ud558\uc138\uc694|"
    r"\u304f\u3060\u3055\u3044|\u305b\u3088|\u3057\u306a\u3055\u3044|\u8ff0\u3079\u3088|\u7b54\u3048\u3088)"
    r"\s*[.!\u3002\uff01]?\s*$"
)


# Persian and Hindi put the polite imperative late in the sentence too: "برنامه‌ای بنویسید که
# …" (write a program that …), "… را توضیح دهید" (explain …), "… समझाइए" (explain), "… लिखिए"
# (write).
_VERB_LAST_REQUEST = re.compile(
    r"(?<!\w)(?:\u0628\u0646\u0648\u06cc\u0633\u06cc\u062f|\u062a\u0648\u0636\u06cc\u062d\s+\u062f\u0647\u06cc\u062f|"
    r"\u0634\u0631\u062d\s+\u062f\u0647\u06cc\u062f|\u0628\u06cc\u0627\u0646\s+\u06a9\u0646\u06cc\u062f|"
    r"\u0645\u0642\u0627\u06cc\u0633\u0647\s+\u06a9\u0646\u06cc\u062f|\u0646\u0627\u0645\s+\u0628\u0628\u0631\u06cc\u062f|"
    r"\u0645\u062d\u0627\u0633\u0628\u0647\s+\u06a9\u0646\u06cc\u062f|"
    r"\u0938\u092e\u091d\u093e\u0907\u090f|\u0938\u092e\u091d\u093e\u0907\u092f\u0947|\u0932\u093f\u0916\u093f\u090f|"
    r"\u092c\u0924\u093e\u0907\u090f|\u092c\u0924\u093e\u0907\u092f\u0947|\u0935\u0930\u094d\u0923\u0928\s+\u0915\u0940\u091c\u093f\u090f|"
    r"\u092a\u0930\u093f\u092d\u093e\u0937\u093f\u0924\s+\u0915\u0940\u091c\u093f\u090f)(?!\w)"
)


# Turkish puts the verb last too: "… için bir örnek verin." (give an example), "… gösterin"
# (show): the polite imperative of the prompt verbs ends the sentence.
_TURKISH_REQUEST = re.compile(
    r"(?<!\w)(?:(?:a\u00e7\u0131kla|anlat|tan\u0131mla|kar\u015f\u0131la\u015ft\u0131r|hesapla|"
    r"yaz|tart\u0131\u015f)y?\u0131n(?:\u0131z)?"
    r"|(?:belirt|g\u00f6ster|listele|incele|\u00f6zetle|de\u011ferlendir|\u00e7iz|ver)y?in(?:iz)?)"
    r"\s*[.!]?\s*$",
    re.I,
)


# A heading that ends with a colon and holds no question mark: a label over what follows.
_LABEL_HEADING = re.compile(r"^[^?\uff1f]*[^\W\d][*_]*\s*:[*_]*\s*$")


# "When they ask basic definitions:", "When you are asked to design X:": a clause that sets
# the scene for advice, not a question ("When do you use X?" asks with a verb after "When").
_WHEN_CLAUSE = re.compile(r"^when\s+(?:they|you|we|i|he|she|someone|somebody|the\s+\w+)\s", re.I)


def _label_heading(text: str) -> bool:
    """A heading that ends with a colon and asks nothing: "Key Points:", or a title-cased
    "Why This Is Useful:" ("How to evaluate word2vec :" still asks, in sentence case)."""
    if _WHEN_CLAUSE.match(text) and re.search(r":[*_]*\s*$", text):
        return True  # whatever it quotes: 'When they ask "How does X work?":'
    if not _LABEL_HEADING.match(text):
        return False
    return _title_cased(text) or not (QUESTION_WORDS.match(text) or _POLISH_ASKS.match(text))


# "Describe how Markdown renders the following:" is a sentence; "Where it sits:" a label.
_MIN_COLON_SENTENCE_WORDS = 5


def _title_cased(text: str) -> bool:
    """Every word longer than three letters capitalised: a title ("Why This Is Useful")."""
    words = [word for word in re.findall(r"[^\W\d_]+", text) if len(word) > 3]
    return bool(words) and all(word[0].isupper() for word in words)


_MAX_FOLLOW_UP_WORDS = 12


def _follow_up(question: str, rest: str) -> bool:
    """ "**What is CORS?** How is it fixed?": after a bold question, one short sentence that
    asks too is a second part of the question, not its answer."""
    rest = rest.strip()
    return (
        _plain(question).endswith(QUESTION_MARKS)
        and rest.endswith(QUESTION_MARKS)
        and re.search(r"[.!?\uff1f]\s", rest) is None
        and len(rest.split()) <= _MAX_FOLLOW_UP_WORDS
        and not rest.startswith(("(", "[", "`", "$", "|"))
    )


def _heading(
    index: int, line: str, level: int, text: str, number: int | None, known: Mapping[str, str]
) -> Candidate | None:
    if _TOC.match(_plain(text)):
        return None
    candidate = _make(index, line, Shape.HEADING, text, known, number=number, level=level)
    if candidate is None:
        return None
    if _label_heading(_plain(text)) and (
        (number is None and candidate.number is None)
        or _title_cased(candidate.text)
        or len(candidate.text.split()) < _MIN_COLON_SENTENCE_WORDS
    ):
        # "### Why This Is Useful:" announces a part of an answer, asks nothing; a numbered
        # one too when title-cased or short ("### 2. Key Points:", "### 1. **Where it sits**:"):
        # "### 1. All of these are …, EXCEPT:" is a sentence over its choices, the item the
        # number counts.
        return replace(candidate, question_like=False)
    labelled = _QUESTION_LABEL.match(_plain(text)) is not None  # "### **Q: Walk me through …**"
    # '### "Tell me about a time you failed"': a heading that quotes a whole sentence quotes
    # what the interviewer says, a question or a prompt in any language ("Kể về …").
    quoted = _QUOTED.match(_plain(text)) is not None and _several_words(candidate.text)
    asks = labelled or quoted or _asks(candidate.text)
    if candidate.number is None and (not asks or END_OF_ARTICLE.match(text)):
        return replace(candidate, question_like=False)
    return candidate


def _bold(
    index: int, line: str, inner: str, rest: str, known: Mapping[str, str]
) -> Candidate | None:
    rest_text, _ = strip_markers(rest.strip(), known)
    # "**What is X?** 🟢": the marker belongs to the question; so does a follow-up that asks
    # too ("**What is CORS?** How is it fixed?").
    if (rest.strip() and not rest_text) or _follow_up(inner, rest_text):
        inner, rest = f"{inner} {rest.strip()}", ""
    candidate = _make(index, line, Shape.BOLD, inner, known, rest=rest.strip())
    if candidate is None:
        return None
    # A bold line is a question when it asks one, is numbered, carries a difficulty marker or
    # says so ("**Question: Prove that …**", the title of a question admonition).
    labelled = _QUESTION_WORD_LABEL.match(_plain(inner)) is not None
    asks = candidate.text.endswith(QUESTION_MARKS)
    if candidate.number is None and not asks and not candidate.difficulty:
        return candidate if labelled and _several_words(candidate.text) else None
    return candidate


# "**Q: Explain X.**", and "**Q. CLIの会話が表示されません。**" (an FAQ's "Q." before a problem).
_QUESTION_WORD_LABEL = re.compile(r"^(?:q|question)\s*(?::|\.\s)\s*\S", re.I)
# Chinese, Japanese and Korean letters: text written without spaces between its words.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _several_words(text: str) -> bool:
    """Three words or more; a sentence of Chinese or Japanese, which has no spaces, by its
    letters (six or more)."""
    return len(text.split()) >= 3 or len(_CJK.findall(text)) >= 6


def _make(
    index: int,
    line: str,
    shape: Shape,
    text: str,
    known: Mapping[str, str],
    *,
    number: int | None = None,
    level: int = 0,
    rest: str | None = None,
    needs_question: bool = False,
) -> Candidate | None:
    text = _ESCAPED_BOLD.sub(r"\2", text.strip())
    text = _DUNDER.sub(r"`\1`", text)
    text = _without_unpaired_emphasis(
        _plain(html_to_text(_EMPTY_LINK.sub("", plain_letters(text))))
    )
    text, difficulty = strip_markers(text, known)
    text = _LEADING_BOLD_NUMBER.sub(r"\2 ", text, count=1)  # "**Q2 (Math):** Why …?"
    text = _LEADING_CODE_NUMBER.sub(r"\1 ", text, count=1)  # "`#2` Why …?"
    numbered = _NUMBER.match(text) if shape is not Shape.Q_LINE else None
    parent: int | None = None
    if numbered is not None:
        own = numbered.group(1) or numbered.group(2) or numbered.group(3) or numbered.group(4)
        number = int(own) if number is None else number
        parent = _parent_number(numbered.group(0))
        text = _CATEGORY.sub("", text[numbered.end() :], count=1)
        text = _SECOND_NUMBER.sub("", text, count=1)  # "### 1. Qn 01: What …?"
    text, inner_difficulty = strip_markers(_without_emphasis_spans(_plain(text)), known)
    text = without_asked_by(without_link_junk(_QUESTION_LABEL.sub("", text, count=1)))
    text = _unquoted(text)
    if not text:
        return None
    weak = needs_question and not (
        text.endswith(QUESTION_MARKS)
        or QUESTION_WORDS.match(text)
        or _VERB_LAST_REQUEST.search(text)  # "برنامه‌ای بنویسید که …": the prompt comes late
    )
    return Candidate(
        parent=parent,
        weak=bool(weak),
        line=index,
        shape=shape,
        number=number,
        text=text,
        level=level,
        rest=html_to_text(rest or "").strip(),
        difficulty=difficulty or inner_difficulty,
        raw=line,
    )


# "\*\*Explain X.\*\*": bold whose marks a converter escaped, so Markdown shows the stars.
_ESCAPED_BOLD = re.compile(r"^(\\\*\\\*|\\_\\_)(\S(?:.*?\S)?)\1$")
# "**Q2 (Conceptual):** Explain …": the number in a bold span of its own, then the words.
_LEADING_BOLD_NUMBER = re.compile(
    r"^(\*\*|__)((?:Q(?:uestion)?\.?\s*)?\d{1,4}(?:\s*\([^()*_]{1,30}\))?\s*[.):]?)\1\s*",
    re.I,
)
# "`#2` What is …?": a number set as inline code (a blog's label chip), read as the number.
_LEADING_CODE_NUMBER = re.compile(r"^`\s*(#?\d{1,4}[.)]?)\s*`\s+(?=\S)")
# "Q2 (Conceptual): Explain …": a category in brackets between the number and the question.
_CATEGORY = re.compile(r"^\([^()]{1,30}\)\s*[:.\-\u2013\u2014]\s*(?=\S)")
_SECTION_PART = re.compile(r"^\D*?(\d{1,4})\.\d")


def _parent_number(numbering: str) -> int | None:
    """The section's part of a sub-number ("3.1 " gives 3, "Q2.4:" gives 2), None for "7. "."""
    sub = _SECTION_PART.match(numbering)
    return int(sub.group(1)) if sub is not None else None


_QUOTED = re.compile(r'^(["\u201c])([^"\u201c\u201d]+)(["\u201d])$')


def _unquoted(text: str) -> str:
    """A question written as a quotation ('"Walk me through your design."') without quotes."""
    quoted = _QUOTED.match(text)
    return quoted.group(2).strip() if quoted is not None else text


def _plain(text: str) -> str:
    text = text.strip()
    for marker in ("***", "**", "__", "*", "_"):
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            inner = text[len(marker) : -len(marker)]
            # "**Name** *(note)*" starts and ends with "*" but is two spans: leave it whole.
            if inner[0] not in "*_" and inner[-1] not in "*_":
                text = inner.strip()
    return re.sub(r"\s+", " ", text)


# Escaped markers ("\*args") are literal characters, never a span's edge.
_STRONG_SPAN = re.compile(r"(?<!\\)(\*\*|__)(\S(?:.*?[^\s\\])?)\1")
_EMPHASIS_SPAN = re.compile(r"(?<![\w*\\])\*([^\s*\\](?:[^*]*?[^\s\\])?)\*(?![\w*])")


# A code span, or an inline formula ("$x^*$", "$H_f(x^*)$"), whose stars are no emphasis; a
# price ("$5 and $10") is no formula: the closing "$" is never followed by a digit.
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1|(?<![\\$])\$(?=\S)[^$\n]*?[^\s\\]\$(?![\d$])")


def _without_emphasis_spans(text: str) -> str:
    """ "**Difference of A and B** *(Reinforced)*" as plain words: a front shows no markers.
    Code spans and formulas keep theirs ("`__init__`" is a name, not bold "init")."""
    codes = [] if "\0" in text else [code.group() for code in _CODE_SPAN.finditer(text)]
    masked = _CODE_SPAN.sub("\0", text) if codes else text
    # "zwischen ____ und ____ Gramm": a gap to fill, never bold markers around " und "
    blanks = [] if "\1" in masked else _BLANK.findall(masked)
    masked = _BLANK.sub("\1", masked) if blanks else masked
    plain = _EMPHASIS_SPAN.sub(r"\1", _STRONG_SPAN.sub(r"\2", masked))
    for blank in blanks:
        plain = plain.replace("\1", blank, 1)
    for code in codes:
        plain = plain.replace("\0", code, 1)
    return plain


_BLANK = re.compile(r"_{3,}")


def _without_unpaired_emphasis(text: str) -> str:
    """ "Design a reader.**" (the label "**Q:" took the opening marker): the closing one goes."""
    for marker in ("**", "__"):
        if text.endswith(marker) and text.count(marker) % 2 == 1:
            return text[: -len(marker)].rstrip()
    return text


def _asks(text: str) -> bool:
    # "¿Qué es IAM? (Identity …)": a Spanish question opens with its own mark.
    opens = text.startswith("\u00bf")
    if text.endswith(QUESTION_MARKS) or opens or _CHINESE_ASKS.match(text) or _greek_asks(text):
        return True
    if _KOREAN_REQUEST.search(text):
        return True
    # "### O que é regressão? Que modelos você usaria": a question, then what the answer
    # should cover without a mark of its own; in any language.
    if _ASKS_FIRST.match(text):
        return True
    # "#### Omów interfejsy Comparable i Comparator.": a heading in Polish asks by its first
    # word as an English one does by "Explain".
    polish = _POLISH_ASKS.match(text) is not None and " " in text
    return QUESTION_WORDS.match(text) is not None or polish


_GREEK_LETTER = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
# At least three words, then "?" and more words: the first sentence asks.
_ASKS_FIRST = re.compile(r"^[^?\s]+(?:\s+[^?\s]+){2,}\?\s+\w")


def _greek_asks(text: str) -> bool:
    """A question in Greek ending in ";", the way most keyboards write the Greek question mark
    ("what is an index;" in Greek): most of its letters Greek, so "a; b;" in code asks nothing."""
    plain = re.sub(r"[*_`]+$", "", text.rstrip())
    if not plain.endswith(";"):
        return False
    letters = [char for char in plain if char.isalpha()]
    greek = sum(1 for char in letters if _GREEK_LETTER.match(char))
    return greek * 2 > len(letters)


# "## Question 7", "### Pertanyaan 3", "### Soru 2": a label that numbers the question below it,
# in any language the importer reads.
_QUESTION_LABEL_ONLY = re.compile(
    r"\b(?:question|problem|exercise|puzzle)\b|^\W*" + NUMBER_WORD + r"\s*\d", re.I
)
_NOT_A_PROMPT = re.compile(r"^(?:[-+|>!<]|\*\s|\d+[.)]\s|```|~~~)")


def _labelled_prompt(label: str, text: str) -> bool:
    """Under "## Question 7" the next line is the question whatever its first word
    ("**Propose a strategy for …**"), unless it is a list, a table, a quote, code or HTML."""
    return (
        _QUESTION_LABEL_ONLY.search(label) is not None
        and _NOT_A_PROMPT.match(text) is None
        and len(_plain(text).split()) >= 3
    )


# --- choosing the questions ----------------------------------------------------------------


def select(
    candidates: dict[int, Candidate], lines: list[str], kinds: list[str]
) -> Selection | None:
    """The questions among the candidates, and the question-like ones not taken (with why)."""
    ordered = [candidates[index] for index in sorted(candidates)]
    strong = [c for c in ordered if c.question_like and not c.weak]
    weak = [c for c in ordered if c.weak]
    family, topics = _family(ordered, strong)
    bare_items: list[Candidate] = []
    if family is not None and not topics:
        headed = _answered_headings_over_a_bare_list(family, ordered, strong, lines)
        if headed is not None:
            family, bare_items = headed
    if family is None:
        # Numbered prompts ("1. Write a query …") with nothing else to go by are a task list.
        tasks = [c for c in weak if c.shape is not Shape.LIST or _prompts(c.text)]
        runs = _task_runs(tasks, [], ordered)
        if not runs:
            return None
        family, topics = runs[0].family, False
        questions = runs
    else:
        # A bullet that only names a topic ("- *Sharding*") in a list of emphasised bullet
        # questions is an item of that list (article_bullets): taken, with a warning.
        chosen = [
            c
            for c in ordered
            if c.family == family
            and not c.weak
            and (topics or c.question_like or c.shape is Shape.LIST)
        ]
        if not topics:
            chosen = _without_numbered_steps(chosen)
        if family[0] is Shape.HEADING and not topics:
            chosen = _without_unnumbered_preamble(chosen, lines, family[1])
            others = [
                other
                for other in _questions_at_other_levels(strong, family)
                if not _answer_part(other, chosen, lines, kinds, family[1])
            ]
            others += _topic_headings_among(ordered, chosen, family, lines, kinds)
            chosen = sorted(chosen + others, key=lambda c: c.line)
        questions = chosen
        if not topics:
            tasks = [c for c in weak if c.shape is not Shape.LIST]
            runs = _task_runs(tasks, questions, ordered)
            questions = sorted(questions + runs, key=lambda c: c.line)
            listed = [c for c in weak if c.shape is Shape.LIST]
            others = sorted([*strong, *listed], key=lambda c: c.line)
            questions = _Layout.of(lines, kinds, family).extend(questions, others, family)
        if bare_items:
            by_line = {c.line: c for c in [*questions, *bare_items]}
            questions = [by_line[line] for line in sorted(by_line)]
    taken = {candidate.line for candidate in questions}
    layout = _Layout.of(lines, kinds, family)
    chosen_index = _Chosen.of(questions, family)
    rejected = [
        Rejected(candidate.line, candidate.describe(), chosen_index.why_not(candidate, layout))
        for candidate in [*strong, *weak]
        if candidate.line not in taken and _reported(candidate, questions, layout)
    ]
    return Selection(
        tuple(questions), tuple(sorted(rejected, key=lambda r: r.line)), family, topics
    )


def _answered_headings_over_a_bare_list(
    family: tuple[Shape, int], ordered: list[Candidate], strong: list[Candidate], lines: list[str]
) -> tuple[tuple[Shape, int], list[Candidate]] | None:
    """Notes whose answered question headings end in a list of bare questions ("20. Why …?",
    "21. How …?", no answer under any): the list outnumbers each heading level, but the
    headings carry the answers. The headings are the questions, and so are the list's items,
    unanswered: the family of headings and the items, else None."""
    if family[0] is not Shape.LIST:
        return None
    items = [c for c in strong if c.family == family]
    following = {c.line: _next_line(c, ordered, len(lines)) for c in ordered}
    if len(items) < 3 or any(_text_below(c, following[c.line], lines) for c in items):
        return None
    headings = [
        c
        for c in strong
        if c.shape is Shape.HEADING
        and c.line < items[0].line
        and _text_below(c, following[c.line], lines)
    ]
    if len(headings) < 3 or 2 * len(headings) < len(items):
        return None
    levels: dict[int, int] = {}
    for heading in headings:
        levels[heading.level] = levels.get(heading.level, 0) + 1
    level = max(levels, key=lambda found: (levels[found], -found))
    return (Shape.HEADING, level), items


def _next_line(candidate: Candidate, ordered: list[Candidate], end: int) -> int:
    """The line of the candidate after ``candidate``, or ``end``."""
    return next((c.line for c in ordered if c.line > candidate.line), end)


def _text_below(candidate: Candidate, stop: int, lines: list[str]) -> bool:
    """Whether any text stands between a candidate and the next one (its answer)."""
    return bool(candidate.rest.strip()) or any(
        line.strip() for line in lines[candidate.line + 1 : stop]
    )


def _reported(candidate: Candidate, questions: list[Candidate], layout: _Layout) -> bool:
    """ "3. Explain it to the team." inside an answer is a step of that answer, not a question."""
    if not (candidate.weak and candidate.shape is Shape.LIST):
        return True
    if not _prompts(candidate.text):
        return False  # "1. Pick the columns.": a statement, not question-like
    owner = _owner(questions, candidate.line)
    return owner is None or layout.end_between(owner.line, candidate.line) is not None


def _owner(questions: list[Candidate], line: int) -> Candidate | None:
    at = bisect.bisect_left([question.line for question in questions], line)
    return questions[at - 1] if at > 0 else None


@dataclass(frozen=True)
class _Layout:
    """Where answers end (a section heading, the end of the article) and numbered list lines."""

    ends: list[int]  # lines that end the answer before them
    article_end: int | None  # the first line that starts the page's tail ("## Conclusion")
    list_lines: list[int]
    filled: list[int]  # lines that hold anything but white space
    headings: frozenset[int]
    indents: dict[int, int]  # each filled line's leading white space
    # Headings right above a deeper heading ("## 33. Intermediate Exercises" over "### Exercise
    # 4"): the title of a part of the page, whatever its number continues.
    parts: frozenset[int] = frozenset()

    @classmethod
    def of(cls, lines: list[str], kinds: list[str], family: tuple[Shape, int]) -> _Layout:
        shape, level = family
        ends: list[int] = []
        article_end: int | None = None
        list_lines: list[int] = []
        filled = [index for index, line in enumerate(lines) if line.strip()]
        headings = frozenset(
            index for index in filled if kinds[index] == TEXT and HEADING.match(lines[index])
        )
        for index, line in enumerate(lines):
            if kinds[index] != TEXT:
                continue
            if _LIST_ITEM.match(line):
                list_lines.append(index)
            if ends_answer(line, shape, level):
                ends.append(index)
                if article_end is None and is_end_of_article(line):
                    article_end = index
        indents = {index: len(lines[index]) - len(lines[index].lstrip()) for index in filled}
        parts = frozenset(
            line
            for line, below in itertools.pairwise(filled)
            if line in headings and below in headings and _level(lines[below]) > _level(lines[line])
        )
        return cls(ends, article_end, list_lines, filled, headings, indents, parts)

    def end_between(self, start: int, stop: int) -> int | None:
        """The first answer-ending line strictly between two lines, if any."""
        at = bisect.bisect_right(self.ends, start)
        return self.ends[at] if at < len(self.ends) and self.ends[at] < stop else None

    def lists_between(self, start: int, stop: int) -> bool:
        at = bisect.bisect_right(self.list_lines, start)
        return at < len(self.list_lines) and self.list_lines[at] < stop

    def extend(
        self, questions: list[Candidate], others: list[Candidate], family: tuple[Shape, int]
    ) -> list[Candidate]:
        """Add the candidates that continue the questions' numbering or stand outside answers.

        ``### 66)`` between ``#### 65)`` and ``#### 67)`` continues the numbering; so does a
        list ``66. …`` ``67. Explain …`` after ``#### 65.``, unless another numbered list
        stands between (the steps of an answer). A question-like line after a section heading
        that ends the previous answer is in no answer at all: it is a question too.
        """
        questions = list(questions)
        lines = [question.line for question in questions]
        candidate_lines = {candidate.line for candidate in others} | set(lines)
        standalone: set[int] = set()  # lines taken because they stand outside every answer
        leading = _leading_question_set(others, questions[0] if questions else None)
        leading |= _opening_items_into(others, questions[0] if questions else None, self.headings)
        # An interview written out as a dialogue: each asking "Interviewer:" line is a question
        # wherever it stands (two at least; one is a quotation inside an answer).
        # A line that restates the question it stands under ("### How to explain it in an
        # interview" / "**Interviewer:** What are goroutines?" / "**Your response:** …") is a
        # rehearsal of that answer, no question of its own.
        asked = [
            c.line
            for c in others
            if c.shape is Shape.DIALOGUE and not _restates_question_above(c, questions)
        ]
        leading |= set(asked) if len(asked) >= _MIN_DIALOGUE else set()
        # So is each "Q: …" line of a page whose other questions are a numbered list: the
        # label says it asks (two at least, as for the dialogue).
        labelled = [c.line for c in others if c.shape is Shape.FAQ and not c.weak]
        if family[0] is Shape.LIST and len(labelled) >= _MIN_DIALOGUE:
            leading |= set(labelled)
        numbers = {question.number for question in questions if question.number is not None}
        # Half the questions numbered or more: a numbered list of questions, although the
        # numbering restarts in each section ("1." to "10." under each level heading).
        numbered_count = sum(question.number is not None for question in questions)
        numbered = len(questions) > 0 and (
            len(numbers) * 2 >= len(questions)
            or (numbered_count * 2 >= len(questions) and len(numbers) >= 2)
        )
        lazy = _lazily_numbered(questions)
        for candidate in others:
            if candidate.line in lines:
                continue
            if self.article_end is not None and candidate.line > self.article_end:
                break
            at = bisect.bisect_left(lines, candidate.line)
            previous = questions[at - 1] if at > 0 else None  # None: in the preamble
            after = questions[at] if at < len(questions) else None
            continues = numbered and (
                self._continues(candidate, previous, after, numbers)
                or self._next_in_list(candidate, previous)
            )
            continues = continues or (lazy and _lazy_item(candidate))
            # "## 33. Intermediate Exercises" over "### Exercise 4": a part of the page.
            part = candidate.line in self.parts and not _asks(candidate.text)
            continues = continues and not part
            outside = (
                previous is not None and self.end_between(previous.line, candidate.line) is not None
            )
            # "**Q: …**" after "**Q: …**" that was taken outside any answer: its sibling.
            sibling = (
                previous is not None
                and previous.line in standalone
                and previous.family == candidate.family
                and not candidate.weak
            )
            outside = outside and (not candidate.weak or _prompts(candidate.text))
            outside = outside and not self._in_list_of_statements(candidate, candidate_lines)
            # "## 4. Attention Masking" after an empty "### Advanced questions": a section
            # heading over the questions, outside every answer but no question of its own.
            outside = outside and not _section_over(candidate, family)
            # "### 1. Core Concepts" over a term list and "**Q: …?**" lines: a heading that asks
            # nothing and heads questions of the winning family is their section.
            outside = outside and not self._heads_questions(candidate, lines) and not part
            if not (continues or outside or sibling or candidate.line in leading):
                continue
            if outside or sibling:
                standalone.add(candidate.line)
            questions.insert(at, candidate)
            lines.insert(at, candidate.line)
            if candidate.number is not None:
                numbers.add(candidate.number)
        return self._with_first_items(questions, others)

    def _heads_questions(self, candidate: Candidate, questions: list[int]) -> bool:
        """A heading that asks nothing, with questions below it before the next heading."""
        if candidate.shape is not Shape.HEADING or _asks(candidate.text):
            return False
        following = [line for line in self.headings if line > candidate.line]
        stop = min(following) if following else None
        at = bisect.bisect_right(questions, candidate.line)
        return at < len(questions) and (stop is None or questions[at] < stop)

    def _filled_between(self, start: int, stop: int) -> bool:
        at = bisect.bisect_right(self.filled, start)
        return at < len(self.filled) and self.filled[at] < stop

    def _next_in_list(self, candidate: Candidate, previous: Candidate | None) -> bool:
        """ "5) …" again, or "38. …" after "36. …", right below a question item of the same
        list with nothing but blank lines between: the list goes on, numbered carelessly (a
        repeated number, a skipped one). Steps of an answer come after the answer's text."""
        if (
            previous is None
            or candidate.shape is not Shape.LIST
            or previous.shape is not Shape.LIST
        ):
            return False
        if candidate.number is None or previous.number is None:
            return False
        if not previous.number <= candidate.number <= previous.number + _LARGEST_SKIP:
            return False
        if _indent(candidate.raw) > _indent(previous.raw):
            return False  # "   1. Mix the flour." under "1. How do you bake bread?": a step
        end = max((previous.line, *previous.continued))
        return not self._filled_between(end, candidate.line)

    def _with_first_items(
        self, questions: list[Candidate], others: list[Candidate]
    ) -> list[Candidate]:
        """ "1) Intro and your project" under a heading, right above a question item "2) …" of
        the same list: the list's first item, whatever its words. So is "1. **Tell us about
        yourself.**" whose nested answer stands between it and "2. …?", as item 2's does."""
        taken = {question.line: question for question in questions}
        for candidate in others:
            if candidate.line in taken or candidate.shape is not Shape.LIST:
                continue
            at = bisect.bisect_right(self.filled, candidate.line)
            below = self.filled[at] if at < len(self.filled) else None
            above = self.filled[at - 2] if at >= 2 else None
            depth = self.indents[candidate.line]
            # Skip the item's own nested answer: lines indented deeper than the item.
            while below is not None and below not in taken and self.indents[below] > depth:
                at += 1
                below = self.filled[at] if at < len(self.filled) else None
            following = taken.get(below) if below is not None else None
            if (
                following is not None
                and following.shape is Shape.LIST
                and candidate.number == 1
                and following.number == 2
                and self.indents[following.line] == depth
                and above is not None
                and above in self.headings
            ):
                taken[candidate.line] = candidate
        return [taken[line] for line in sorted(taken)]

    def _in_list_of_statements(self, candidate: Candidate, candidate_lines: set[int]) -> bool:
        """ "5. **Show your work**: …" after "4. **Be specific**: …", a tip: its list is not
        one of questions, although this item starts with a prompt."""
        if candidate.shape is not Shape.LIST or candidate.text.endswith(QUESTION_MARKS):
            return False
        at = bisect.bisect_left(self.list_lines, candidate.line)
        if at > 0 and self.list_lines[at - 1] not in candidate_lines:
            return True
        # "1. **Create Tables**: Run …" before "2. **Test Queries**: Use …": the first tip.
        following = self.list_lines[at + 1] if at + 1 < len(self.list_lines) else None
        return (
            following is not None
            and following not in candidate_lines
            and self.end_between(candidate.line, following) is None
        )

    def _continues(
        self,
        candidate: Candidate,
        previous: Candidate | None,
        after: Candidate | None,
        numbers: set[int],
    ) -> bool:
        number = candidate.number
        # A number taken elsewhere does not stop it: numbering restarts in each section of a
        # page ("4." of the English questions, again "4." among the Chinese ones below).
        neighbours = {other.number for other in (previous, after) if other is not None}
        if number is None or number in neighbours:
            return False
        if _SUB_NUMBER.match(candidate.raw) and not _asks(candidate.text):
            return False  # "### 0.2 Layers" under "## 0 What is …?": a part of that answer
        if candidate.shape is Shape.LIST and previous is None:
            # "1. What does X measure" (no question mark) right above the taken "2. …?": the
            # first item of the list of questions, not preamble.
            return (
                number == 1
                and after is not None
                and after.number == 2
                and _asks_in_words(candidate.text)
                and not any(candidate.line < i < after.line for i in self.filled)
            )
        if (
            candidate.shape is Shape.LIST
            and previous is not None
            and self.lists_between(previous.line, candidate.line)
        ):
            return False  # "2." of a list that started at "1." inside an answer
        before = previous.number if previous is not None else None
        return (before is not None and number == before + 1) or (
            after is not None and after.number is not None and number == after.number - 1
        )


def _level(line: str) -> int:
    heading = HEADING.match(line)
    return len(heading.group(1)) if heading else 0


def _indent(raw: str) -> int:
    return len(raw) - len(raw.lstrip(" "))


_MIN_LAZY = 3  # "1." before three question items at least: a list Markdown numbers itself


def _lazily_numbered(questions: list[Candidate]) -> bool:
    """Every question an unindented list item written "1." ("1. What is X?" … "1. Explain Y"):
    the writer left the numbering to Markdown, so the numbers say nothing of the order."""
    return len(questions) >= _MIN_LAZY and all(_lazy_item(question) for question in questions)


def _lazy_item(candidate: Candidate) -> bool:
    """An unindented "1." list item: in a lazily numbered list, a question whatever its words
    (the numbered steps of an answer are indented under their item)."""
    return candidate.shape is Shape.LIST and candidate.number == 1 and candidate.raw[:1].isdigit()


def _section_over(candidate: Candidate, family: tuple[Shape, int]) -> bool:
    """A heading shallower than the question headings that asks nothing: their section."""
    shape, level = family
    return (
        shape is Shape.HEADING
        and candidate.shape is Shape.HEADING
        and 0 < candidate.level < level
        and not _asks(candidate.text)
    )


def ends_answer(line: str, shape: Shape, level: int) -> bool:
    """A line that ends the answer before it: a section heading, or the page's tail."""
    heading = HEADING.match(line)
    if is_end_of_article(line):
        return True
    if heading is None:
        return False
    heading_level = len(heading.group(1))
    return heading_level <= level if shape is Shape.HEADING else heading_level <= 2


def is_end_of_article(line: str) -> bool:
    heading = HEADING.match(line)
    plain = _plain(heading.group(2) if heading else line).rstrip(":").strip()
    return END_OF_ARTICLE.match(plain) is not None


_MIN_DIALOGUE = 2
_LARGEST_SKIP = 3  # "36." then "38.": a number or two skipped by mistake, not a new list
_MIN_TASKS = 3  # "**1)** …", "**2)** …", "**3)** …": shorter runs are steps of an answer


def _task_runs(
    weak: list[Candidate], questions: list[Candidate], ordered: list[Candidate]
) -> list[Candidate]:
    """Runs of bold-numbered statements (1, 2, 3 …) that form a list of tasks of their own.

    A run counts when it starts at 1, has at least three items, no question stands between
    its items, and it is not inside another question's answer: no question comes before it,
    or a section heading separates it from the last question before it.
    """
    lines = [question.line for question in questions]
    headings = [c.line for c in ordered if c.shape is Shape.HEADING]
    accepted: list[Candidate] = []
    for run in _numbered_runs(weak):
        if run[0].number != 1 or len(run) < _MIN_TASKS:
            continue
        first, last = run[0].line, run[-1].line
        if bisect.bisect_left(lines, last) != bisect.bisect_left(lines, first):
            continue  # interleaved with questions: steps inside answers
        at = bisect.bisect_left(lines, first)
        previous = lines[at - 1] if at > 0 else None
        if previous is None or any(previous < line < first for line in headings):
            accepted.extend(run)
    return accepted


def _leading_question_set(others: list[Candidate], question: Candidate | None) -> set[int]:
    """ "**Question 1:**" … "**Question 13:**" above a longer list of the winning family: a
    numbered run of questions of its own (1, 2, 3 … asking, at least three), no preamble.

    A list item of the run that does not read as a question ("3. if the cache is cold, what
    happens.") is in it all the same when its number fills a gap between asking items; the
    numbered steps of an answer in between ("1. Power on", "2. …") are not."""
    first = question.line if question is not None else None
    before = [c for c in others if first is None or c.line < first]
    # "5. How does TCP open a session" asks without its question mark; "1. BIOS POST" does not.
    asking = [c for c in before if not c.weak or _asks_in_words(c.text)]
    # Above a question declared in a callout or labelled so ("**Soru 1: …?**"), a numbered run
    # that asks nothing is the lesson's sections ("## 1. Tres funciones y dos memorias").
    declared = question is not None and (
        question.raw.startswith(DECLARED_QUESTION)
        or _LABELLED_QUESTION.match(question.raw) is not None
    )
    taken: set[int] = set()
    for run in _numbered_runs(asking, gap=_MAX_GAP):
        if declared and not any(_asks(candidate.text) for candidate in run):
            continue
        family = {candidate.family for candidate in run}
        if (
            run[0].number == 1
            and len(run) >= _MIN_TASKS
            and len(family) == 1
            and (any(not candidate.weak for candidate in run) or _numbered_into(run, question))
        ):
            taken.update(candidate.line for candidate in run)
            taken.update(_gap_fillers(run, before))
    return taken


def _opening_items_into(
    others: list[Candidate], question: Candidate | None, headings: frozenset[int]
) -> set[int]:
    """ "41. Crie …" … "46. Escreva …" that open the page and are numbered straight into its
    first question "47. …?" (an exercise sheet that starts mid-series, a number repeated):
    the list's first items, whatever their wording. Every numbered item before the question
    must belong to that run, and no heading may stand between ("## Questions" under set-up
    steps)."""
    if question is None or question.number is None or question.shape is not Shape.LIST:
        return set()
    before = [c for c in others if c.line < question.line]
    items = [c for c in before if c.number is not None and c.family == question.family]
    if items and any(items[0].line < line < question.line for line in headings):
        return set()
    if len(items) < _MIN_TASKS or not all(c.shape is Shape.LIST for c in items):
        return set()
    chain = [*items, question]
    for earlier, later in itertools.pairwise(chain):
        assert earlier.number is not None and later.number is not None
        if not 0 <= later.number - earlier.number <= _MAX_GAP or _indent(later.raw) != _indent(
            earlier.raw
        ):
            return set()
    return {candidate.line for candidate in items}


def _numbered_into(run: list[Candidate], question: Candidate | None) -> bool:
    """ "1. What is a mole" … "6. What is molarity" right above the first question "7. …?" of
    the same list: the list's first items, although none of them has its question mark."""
    last = run[-1]
    return (
        question is not None
        and question.family == last.family
        and last.number is not None
        and question.number == last.number + 1
    )


def _asks_in_words(text: str) -> bool:
    return QUESTION_WORDS.match(text) is not None and " " in text


_MAX_GAP = 2  # asking items 2 and 5 of one list: 3 and 4 are its items that do not ask


def _gap_fillers(run: list[Candidate], candidates: list[Candidate]) -> set[int]:
    """The weak list items numbered into the gaps of a run, between its items."""
    filled: set[int] = set()
    for before, after in itertools.pairwise(run):
        assert before.number is not None and after.number is not None
        missing = after.number - before.number - 1
        if not missing:
            continue
        between = [
            c for c in candidates if before.line < c.line < after.line and c.family == before.family
        ]
        wanted = list(range(before.number + 1, after.number))
        if [c.number for c in between] == wanted:
            filled.update(c.line for c in between)
    return filled


def _numbered_runs(candidates: list[Candidate], gap: int = 0) -> list[list[Candidate]]:
    """Runs of candidates numbered one after the other (up to ``gap`` numbers skipped)."""
    runs: list[list[Candidate]] = []
    for candidate in candidates:
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and previous.number is not None
            and candidate.number is not None
            and 1 <= candidate.number - previous.number <= gap + 1
        ):
            runs[-1].append(candidate)
        else:
            runs.append([candidate])
    return runs


def _family(
    ordered: list[Candidate], strong: list[Candidate]
) -> tuple[tuple[Shape, int] | None, bool]:
    counts: dict[tuple[Shape, int], int] = {}
    numbered: dict[tuple[Shape, int], int] = {}
    for candidate in strong:
        counts[candidate.family] = counts.get(candidate.family, 0) + 1
        numbered[candidate.family] = numbered.get(candidate.family, 0) + (
            candidate.number is not None
        )
    order = list(Shape)
    best = (
        max(
            counts,
            key=lambda f: (counts[f], numbered[f], -order.index(f[0]), -f[1]),
        )
        if counts
        else None
    )
    best = _questions_over_restarting_parts(best, strong) or best
    best = _declared_over_numbered_sections(best, strong)
    best = _labelled_over_silent_sections(best, strong)
    # An article of topic headings ("### Bagging") asks no questions: its headings are the cards.
    # Under numbered question headings ("## 1. What is X?"), deeper headings ("#### Code
    # Example") are parts of the answers, however many there are.
    numbered_questions = best is not None and best[0] is Shape.HEADING and numbered[best] >= 2
    headings: dict[tuple[Shape, int], int] = {}
    for candidate in ordered:
        if candidate.shape is Shape.HEADING and candidate.level > 1:
            if numbered_questions and best is not None and candidate.level > best[1]:
                continue
            headings[candidate.family] = headings.get(candidate.family, 0) + 1
    # Questions the author declared in question callouts or admonitions ("**Question: …**")
    # are the cards, however many topic headings the lesson around them has.
    declared = best is not None and all(
        c.raw.startswith(DECLARED_QUESTION) for c in strong if c.family == best
    )
    if headings and not declared:
        topic = max(headings, key=lambda f: (headings[f], -f[1]))
        best_count = counts[best] if best is not None else 0
        if headings[topic] >= 3 and headings[topic] > 3 * best_count:
            return topic, True
    return best, False


# The line a question callout or admonition becomes (article_callouts, article_mkdocs).
DECLARED_QUESTION = "**Question: "


def _declared_over_numbered_sections(
    best: tuple[Shape, int] | None, strong: list[Candidate]
) -> tuple[Shape, int] | None:
    """A lesson's numbered sections ("## 1. Una crítica concreta …") that ask nothing, and a
    question the author declared in a callout between them: the declared questions are the
    cards, however many sections there are."""
    declared = [c for c in strong if c.raw.startswith(DECLARED_QUESTION)]
    if not declared or best is None or best == declared[0].family:
        return best
    if any(_asks(c.text) for c in strong if c.family == best):
        return best
    return declared[0].family


# "**Soru 2: …?**", "Q3: …?", "### Question 4 - …?": a line that says it is a question.
_LABELLED_QUESTION = re.compile(
    r"^\s*(?:#{1,6}\s+)?(?:\*\*|__)?(?:Q(?:uestion)?|" + NUMBER_WORD + r")\s*\d", re.I
)


def _labelled_over_silent_sections(
    best: tuple[Shape, int] | None, strong: list[Candidate]
) -> tuple[Shape, int] | None:
    """A page's numbered sections that ask nothing ("### 1. Diziler (Arrays)" in its theory
    part) and as many questions, each labelled so and asking ("**Soru 1: … nedir?**"): the
    labelled questions are the cards, the sections their context."""
    if best is None or any(_asks(c.text) for c in strong if c.family == best):
        return best
    families: dict[tuple[Shape, int], list[Candidate]] = {}
    for candidate in strong:
        if candidate.family != best:
            families.setdefault(candidate.family, []).append(candidate)
    for family, members in families.items():
        if len(members) >= 2 and all(
            _LABELLED_QUESTION.match(c.raw) and _asks(c.text) for c in members
        ):
            return family
    return best


# "## 问题3:", "## Question 3 -", "### P3:": a heading that says it is a question.
_QUESTION_LABEL_HEADING = re.compile(
    r"^\s*#{1,6}\s+(?:\*\*|__)?(?:Q(?:uestion)?|Pregunta|P|Frage|\u95ee\u9898|\u554f\u984c)\s*\d",
    re.I,
)


def _questions_over_restarting_parts(
    best: tuple[Shape, int] | None, strong: list[Candidate]
) -> tuple[Shape, int] | None:
    """ "## 问题1: …" to "## 问题5: …" over "#### 1. Definition", "#### 2. Solutions", numbered
    again from 1 under each: the deeper headings number the parts of each answer, and the
    shallower ones, numbered 1, 2, 3 … and each asking or labelled a question, are the
    questions."""
    if best is None or best[0] is not Shape.HEADING:
        return None
    numbers = [c.number for c in strong if c.family == best and c.number is not None]
    if len(set(numbers)) * 2 > len(numbers):
        return None  # the deeper numbering does not restart
    levels = sorted({c.level for c in strong if c.shape is Shape.HEADING and 0 < c.level < best[1]})
    for level in levels:
        over = [c for c in strong if c.family == (Shape.HEADING, level)]
        if (
            len(over) >= _MIN_TASKS
            and [c.number for c in over] == list(range(1, len(over) + 1))
            and all(_asks(c.text) or _QUESTION_LABEL_HEADING.match(c.raw) for c in over)
        ):
            return Shape.HEADING, level
    return None


def _without_numbered_steps(chosen: list[Candidate]) -> list[Candidate]:
    """ "**1. Basic axioms:**" under "**Q: What are the rules?**": a numbered line that asks
    nothing, after a question without a number, is a step of that answer (it is reported)."""
    kept: list[Candidate] = []
    for candidate in chosen:
        previous = kept[-1] if kept else None
        step = (
            candidate.number is not None
            and previous is not None
            and previous.number is None
            and _asks(previous.text)
            and not _prompts(candidate.text)
        )
        if not step:
            kept.append(candidate)
    return kept


def _without_unnumbered_preamble(
    chosen: list[Candidate], lines: list[str], level: int
) -> list[Candidate]:
    """Numbered question headings ("### 1. What is …?") after an introduction with headings of
    the same level ("### What is MLOps?", "### Who is this for?"): the introduction's headings
    come before the first question, so they are no questions (they are reported). Headings
    under a section that names a level ("## Easy questions" over "#### Tom has …?") are no
    introduction: they are the questions of that section."""
    numbered = [candidate for candidate in chosen if candidate.number is not None]
    if len(numbered) < 3 or 2 * len(numbered) <= len(chosen):
        return chosen
    first = numbered[0].line
    leveled = _under_level_sections(lines, first, level)
    return [c for c in chosen if c.line >= first or c.line in leveled]


def _under_level_sections(lines: list[str], end: int, level: int) -> set[int]:
    """The lines before ``end`` that stand under a heading above ``level`` naming a difficulty
    ("## Medium-level questions"), in one pass."""
    under: set[int] = set()
    inside = False
    for index in range(end):
        heading = HEADING.match(lines[index])
        if heading is not None and len(heading.group(1)) < level:
            inside = section_difficulty(heading.group(2), {})[1] is not None
        elif inside:
            under.add(index)
    return under


def _questions_at_other_levels(
    strong: list[Candidate], family: tuple[Shape, int]
) -> list[Candidate]:
    """Headings that ask at other levels: unnumbered ones ending in '?' ("## What is ML?" over
    "### …?"), and numbered sub-questions that ask ("### 0.1 What is a function?" under
    "## 0 What is Python?"). A numbered heading that asks nothing is a section or a step.
    Where a level holds two or more such questions, an unnumbered prompt at that level is one
    too ("#### Explain Gibbs sampling." among "#### How does … ?")."""
    asking = [
        candidate
        for candidate in strong
        if candidate.shape is Shape.HEADING
        and candidate.family != family
        and (
            (candidate.number is None and candidate.text.endswith(QUESTION_MARKS))
            or (candidate.number is not None and _SUB_NUMBER.match(candidate.raw) is not None)
        )
        and _asks(candidate.text)
        and not END_OF_ARTICLE.match(candidate.text)
        and not _ABOUT_THE_PAGE.search(candidate.text)
    ]
    levels = Counter(candidate.level for candidate in asking if candidate.number is None)
    prompting = [
        candidate
        for candidate in strong
        if candidate.shape is Shape.HEADING
        and candidate.family != family
        and candidate.number is None
        and levels[candidate.level] >= _MIN_LEVEL_QUESTIONS
        and candidate not in asking
        and _prompts(candidate.text)
        and len(candidate.text.split()) >= _MIN_PROMPT_WORDS
        and not END_OF_ARTICLE.match(candidate.text)
        and not _ABOUT_THE_PAGE.search(candidate.text)
    ]
    return sorted([*asking, *prompting], key=lambda candidate: candidate.line)


_MIN_LEVEL_QUESTIONS = 2  # one asking heading at a level may be an answer's sub-question
_MIN_PROMPT_WORDS = 3  # "Explain LDA." names a prompt; "Explain" alone is a heading


def _answer_part(
    candidate: Candidate, chosen: list[Candidate], lines: list[str], kinds: list[str], level: int
) -> bool:
    """ "##### What breaks if …?" after "##### Short answer" and "##### Core reason" under
    "#### Why LayerNorm …?": the answer is divided by headings of that level, and this asking
    one is one of its parts, not a question of its own. Under a numbered question the parts
    may come after it too ("## 5. Describe what a p-value is" over "### How Is It
    Calculated?", "### Interpreting the P-value", "### Caveats"): the numbering says which
    headings are the questions."""
    if candidate.level <= level or candidate.number is not None:
        return False
    owner = max((q for q in chosen if q.line < candidate.line), default=None, key=_line_of)
    if owner is None:
        return False
    if _names_a_new_subject(candidate, owner, lines, kinds):
        return False  # "###### How does LSTM work?" under "#### What is RNN?": its own question
    for index in range(owner.line + 1, candidate.line):
        heading = HEADING.match(lines[index]) if kinds[index] == TEXT else None
        if heading is None:
            continue
        depth = len(heading.group(1))
        if depth <= level:
            return False  # the owner's answer ended before this heading
        if depth == candidate.level and not _asks(_plain(heading.group(2)).rstrip(":")):
            return True
    if owner.number is None:
        return False
    for index in range(candidate.line + 1, len(lines)):
        heading = HEADING.match(lines[index]) if kinds[index] == TEXT else None
        if heading is None:
            continue
        depth = len(heading.group(1))
        if depth <= level:
            return False  # the owner's answer ends here
        if depth == candidate.level and not _asks(_plain(heading.group(2)).rstrip(":")):
            return True
    return False


def _line_of(candidate: Candidate) -> int:
    return candidate.line


# "LSTM", "GRU", "TLS": an acronym names a subject of its own.
_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,5}(?![\w-])")


def _names_a_new_subject(
    candidate: Candidate, owner: Candidate, lines: list[str], kinds: list[str]
) -> bool:
    """An asking sub-heading whose acronym ("LSTM") neither its question ("What is RNN?") nor
    any heading before it in that answer names: a question about another subject, not a part
    of this answer ("What changes at inference time?" names none)."""
    named = {word.upper() for word in _ACRONYM.findall(candidate.text)}
    if not named:
        return False
    said = [owner.text] + [
        line
        for index, line in enumerate(lines[owner.line + 1 : candidate.line], owner.line + 1)
        if kinds[index] == TEXT and HEADING.match(line)
    ]
    return not any(re.search(rf"\b{re.escape(word)}\b", " ".join(said), re.I) for word in named)


# "### 0.1 …", "#### Q2.3: …": a question numbered inside a numbered question or section.
_SUB_NUMBER = re.compile(
    r"^\s*#{1,6}\s+(?:\*\*|__)?(?:Q(?:uestion)?\s*\.?\s*)?\d{1,4}\.\d{1,4}\b", re.I
)
# "## Why These Questions?", "## Who Is This Guide For?": the page talking about itself.
_ABOUT_THE_PAGE = re.compile(
    r"\b(?:these\s+questions|this\s+(?:readme|guide|repo|repository|document|list|collection|"
    r"page|course|book|cheat\s*sheet|handbook))\b",
    re.I,
)


def _topic_headings_among(
    ordered: list[Candidate],
    chosen: list[Candidate],
    family: tuple[Shape, int],
    lines: list[str],
    kinds: list[str],
) -> list[Candidate]:
    """Topic headings at the questions' level inside their sections ("### GPT vs BERT" among
    "### What is BERT?"): each ends the answer before it, so its own text would be lost unless
    it is a note too. A heading without text of its own (a section title) is not one, unless
    the question heading before it has none either and the questions are not numbered: in a
    list of questions left unanswered ("## Your view on overtime" after "## What are your
    weaknesses?") it is one of them."""
    if not chosen:
        return []
    level = family[1]
    section = _sections(lines, kinds, level)
    asked = {section[question.line] for question in chosen}
    first = chosen[0].line
    # After the last of numbered questions ("## 8. …"), a heading such as "## Notes" starts
    # the page's tail: it is no question left unnumbered.
    numbered = 2 * sum(question.number is not None for question in chosen) > len(chosen)
    last = chosen[-1].line if numbered else len(lines)
    found: list[Candidate] = []
    for candidate in ordered:
        if (
            candidate.family == family
            and not candidate.question_like
            and first < candidate.line < last
            and section[candidate.line] in asked
            and not is_end_of_article(candidate.raw)
            and not _inside_list_item(candidate, chosen)
            and (
                _has_own_text(candidate.line, lines, kinds, level)
                # Among numbered questions ("## 1.4 What is …?"), a heading with no number and
                # no text is the title of the next group ("## Strings"), not a question.
                or (
                    not numbered
                    and _after_unanswered(candidate, chosen, section, lines, kinds, level)
                )
            )
        ):
            found.append(candidate)
    if not numbered:
        found = _unanswered_run_before(ordered, chosen, family, lines, kinds) + found
    return found


def _inside_list_item(candidate: Candidate, chosen: list[Candidate]) -> bool:
    """ "   #### onSaveInstanceState()" indented under "6. #### What is …?": a heading inside
    the numbered item's answer, a part of it, not a topic among the questions."""
    if _LIST_HEADING.match(candidate.raw) or _indent(candidate.raw) < 2:
        return False
    above = [question for question in chosen if question.line < candidate.line]
    return bool(above) and _LIST_HEADING.match(above[-1].raw) is not None


def _unanswered_run_before(
    ordered: list[Candidate],
    chosen: list[Candidate],
    family: tuple[Shape, int],
    lines: list[str],
    kinds: list[str],
) -> list[Candidate]:
    """Headings of the questions' kind straight above the first question of a list left
    unanswered ("#### **手写CNN**" over "#### **How to …?**", nothing between): items of that
    list, not a preamble. Text or another heading between them ends the run."""
    first = chosen[0]
    level = family[1]
    if _has_own_text(first.line, lines, kinds, level):
        return []
    by_line = {candidate.line: candidate for candidate in ordered}
    run: list[Candidate] = []
    index = first.line - 1
    while index >= 0:
        if not lines[index].strip():
            index -= 1
            continue
        candidate = by_line.get(index)
        if (
            candidate is None
            or candidate.family != family
            or candidate.question_like
            or is_end_of_article(candidate.raw)
        ):
            break
        run.append(candidate)
        index -= 1
    return run[::-1]


def _after_unanswered(
    candidate: Candidate,
    chosen: list[Candidate],
    section: list[int],
    lines: list[str],
    kinds: list[str],
    level: int,
) -> bool:
    """Whether the question heading right before a heading, in its section, has no text."""
    at = bisect.bisect_left([question.line for question in chosen], candidate.line)
    if at == 0:
        return False
    previous = chosen[at - 1]
    return section[previous.line] == section[candidate.line] and not _has_own_text(
        previous.line, lines, kinds, level
    )


def _sections(lines: list[str], kinds: list[str], level: int) -> list[int]:
    """Per line, the line of the nearest heading above it that is shallower than ``level``."""
    section = -1
    result: list[int] = []
    for index, line in enumerate(lines):
        heading = HEADING.match(line) if kinds[index] == TEXT else None
        if heading is not None and len(heading.group(1)) < level:
            section = index
        result.append(section)
    return result


def _has_own_text(line: int, lines: list[str], kinds: list[str], level: int) -> bool:
    following = next((i for i in range(line + 1, len(lines)) if lines[i].strip()), None)
    if following is None:
        return False
    heading = HEADING.match(lines[following]) if kinds[following] == TEXT else None
    return heading is None or len(heading.group(1)) > level


@dataclass(frozen=True)
class _Chosen:
    """The chosen questions, indexed to explain each rejection in constant or log time."""

    questions: list[Candidate]
    lines: list[int]
    by_number: dict[int, Candidate]
    by_text: dict[str, Candidate]
    family: tuple[Shape, int]

    @classmethod
    def of(cls, questions: list[Candidate], family: tuple[Shape, int]) -> _Chosen:
        by_number: dict[int, Candidate] = {}
        by_text: dict[str, Candidate] = {}
        for question in questions:
            if question.number is not None:
                by_number.setdefault(question.number, question)
            by_text.setdefault(comparable(question.text), question)
        lines = [question.line for question in questions]
        return cls(questions, lines, by_number, by_text, family)

    def why_not(self, candidate: Candidate, layout: _Layout) -> str:
        at = bisect.bisect_left(self.lines, candidate.line)
        owner = self.questions[at - 1] if at > 0 else None
        later = self.by_text.get(comparable(candidate.text))
        if owner is None and later is not None:
            return f"a table-of-contents entry: the question is at line {later.line + 1}"
        shape, level = self.family
        if (
            shape is Shape.HEADING
            and candidate.shape is Shape.HEADING
            and 0 < candidate.level < level
            and not _asks(candidate.text)
        ):  # "## 2. Backpropagation" over "### Q2.1: …"
            return f"a section heading over the questions (level-{level} headings), not a question"
        same = self.by_number.get(candidate.number) if candidate.number is not None else None
        # "#### 1. Filter Methods" inside the answer to "## 15.": a numbering that restarts.
        restarts = (
            owner is not None
            and owner.number is not None
            and candidate.number is not None
            and candidate.number < owner.number
        )
        # "3. **Reverse causation**" inside the answer to question 3 is that answer's list.
        inside_same = same is not None and owner is same
        # "### 1. Diziler (Arrays)" before "**Soru 1: …?**": a section of the preamble that asks
        # nothing shares a number with a question, but repeats none.
        preamble = owner is None and not _asks(candidate.text)
        if (
            same is not None
            and candidate.family != self.family
            and not restarts
            and not inside_same
            and not preamble
        ):
            return f"duplicate of question {same.number} (line {same.line + 1})"
        kind = f"level-{level} headings" if shape is Shape.HEADING else shape.value
        if owner is None:
            return (
                f"before the first question, dropped with the preamble (the questions are {kind})"
            )
        if layout.article_end is not None and candidate.line > layout.article_end:
            return f"after the end of the questions (line {layout.article_end + 1}), dropped"
        end = layout.end_between(owner.line, candidate.line)
        if end is not None:
            return f"a numbered statement after the section heading at line {end + 1}, dropped"
        label = owner.number if owner.number is not None else f"at line {owner.line + 1}"
        return f"kept as text of the answer to question {label} (the questions are {kind})"


def _restates_question_above(candidate: Candidate, questions: Sequence[Candidate]) -> bool:
    """Whether the question nearest above ``candidate`` asks the same words."""
    lines = [question.line for question in questions]
    at = bisect.bisect_left(lines, candidate.line)
    return at > 0 and comparable(questions[at - 1].text) == comparable(candidate.text)


def comparable(text: str) -> str:
    """The words of a question, for comparing two questions."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def same_question(text: str) -> str:
    """The words of a question and its code spans whole: "mode `'r'`" and "mode `'r+'`" ask
    two things, which the words alone cannot tell apart."""
    spans = " ".join(span.strip() for span in re.findall(r"`([^`]+)`", text))
    return f"{comparable(text)}\0{spans.lower()}"


def numbering_gaps(
    questions: list[Candidate], rejected_lines: Collection[int]
) -> tuple[list[str], list[str]]:
    """Where a numbering skips numbers (1…65 then 67): warnings, and lines for the summary.

    A question may be missing, or the author may simply have skipped a number (pages on the
    web often do). When a candidate the importer rejected stands between the two questions,
    the gap may be the importer's own loss: a warning. When nothing question-like stands
    there, no candidate was dropped and the gap is the document's: a line of the summary.

    Sub-numbered questions ("### 3.1" under "## 3") count within their section: they neither
    break the run of the section numbers (3, 3.1, 4 is no jump) nor continue it.
    """
    warnings: list[str] = []
    skipped: list[str] = []
    previous: dict[int | None, Candidate] = {}
    rejected = sorted(rejected_lines)
    # "P41, P42, P28 … P39, P43": a number asked before, since the list last began at 1, is
    # not skipped where the run jumps ("1, 2, 3" then "1, 14" in the next lesson skips 2-13).
    asked: set[tuple[int | None, int | None]] = set()
    for question in questions:
        if question.number is None:
            continue
        if question.number <= 1:
            asked = {key for key in asked if key[0] != question.parent}
        before = previous.get(question.parent)
        if before is not None and before.number is not None:
            jump = _jump(before.number, question, asked)
            if jump:
                head, missing = jump
                at = bisect.bisect_right(rejected, before.line)
                if at < len(rejected) and rejected[at] < question.line:
                    warnings.append(f"{head}: no question {missing} was found")
                else:
                    skipped.append(
                        f"{head}: the document skips {missing} (nothing question-like between)"
                    )
        previous[question.parent] = question
        asked.add((question.parent, question.number))
    return warnings, skipped


def _jump(
    before: int, question: Candidate, asked: Collection[tuple[int | None, int | None]]
) -> tuple[str, str] | None:
    """Where the numbering jumps from ``before`` to the question's number, and the numbers
    missing between that no question of the document has; None when none is missing."""
    assert question.number is not None
    gap = question.number - before
    if not 1 < gap <= 20:
        return None
    prefix = "" if question.parent is None else f"{question.parent}."
    numbers = [n for n in range(before + 1, question.number) if (question.parent, n) not in asked]
    if not numbers:
        return None  # the run restarted: every number between is asked elsewhere
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    missing = ", ".join(
        f"{prefix}{run[0]}" if len(run) == 1 else f"{prefix}{run[0]}-{prefix}{run[-1]}"
        for run in runs
    )
    head = f"line {question.line + 1}: the numbering jumps from {prefix}{before} to "
    return head + f"{prefix}{question.number}", missing
