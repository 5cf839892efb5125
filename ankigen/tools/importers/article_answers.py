"""The answer of each question: its lines up to the next question, as clean Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ankigen.tools.importers.article_html import convert_text_lines, inside_html_block
from ankigen.tools.importers.article_label_words import ANSWER_WORD
from ankigen.tools.importers.article_lines import (
    BULLET,
    CODE,
    FENCE,
    FENCE_OPEN,
    HEADING,
    TEXT,
    fence_code,
)
from ankigen.tools.importers.article_questions import (
    Candidate,
    Shape,
    ends_answer,
    is_end_of_article,
)
from ankigen.tools.importers.article_trailing_labels import up_link, without_trailing_labels

# A thematic break, or a row of "=" that a plain-text page draws between its parts.
_SEPARATOR = re.compile(r"^\s{0,3}([-*_=])(?:\s*\1){2,}\s*$")
# "Back to top", "[Go to TOC](#table-of-contents)", "⬆ Back to contents": page navigation.
_BACK_TO_TOP = re.compile(
    r"^[\s*_\[]*[^\w\s]*\s*(?:back|go|return)\s+to\s+(?:the\s+)?"
    r"(?:top|toc|table\s+of\s+contents|contents|index)\b[^\n]*$",
    re.I,
)
_TOC = re.compile(r"^[*_]*(?:table\s+of\s+contents|contents|toc)[*_]*\s*:?$", re.I)
_FAQ_A = re.compile(r"^\s*(?:\*\*|__)?A(?:ns(?:wer)?)?\s*[:.](?:\*\*|__)?\s*")
_FAQ_A_ALONE = re.compile(r"^\s*(?:\*\*|__)?A(?:ns(?:wer)?)?\s*:(?:\*\*|__)?\s*\\?\s*$")
# "Answer:", "**Ans:**", "- *A:* …", "- **Expected Answer**: …", "**Your Answer:**" before the
# answer's first words; "**Candidate**: …" (with an emoji before it) in an interview written
# out as a dialogue.
_ANSWER_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<quote>>\s?)?(?P<bullet>[-*+]\s+)?(?:[^\w\s*_#>|\-]{1,12}\s*)?"
    r"(?:\*\*|__|\*|_)?"
    r"(?:a|ans|answers?|(?:expected|sample|model|suggested|your|my|best|short|correct|right)"
    r"\s+answer|"
    # "Correct answer:" in Portuguese, Spanish, German and French (a quiz's key line).
    r"resposta\s+correta|respuesta\s+correcta|richtige\s+antwort|bonne\s+r\u00e9ponse|"
    # "*Solution 2.1:*" under "**Problem 2.1:** …": the label repeats the problem's number.
    r"(?:solution|answer)\s+\d{1,4}(?:\.\d{1,4})*|solution|candidate|interviewee|"
    # The label in Spanish, Portuguese, French, Italian and German ("**Respuesta**: …"), and
    # its one-letter form under "P7: ¿…?" questions ("**R:** …").
    r"respuesta|resposta|r\u00e9ponse|risposta|antwort|r|"
    # Japanese and Chinese labels ("**回答例**" and "答案", their colon often full width).
    r"\u56de\u7b54\u4f8b|\u89e3\u7b54\u4f8b|\u6a21\u7bc4\u89e3\u7b54|\u56de\u7b54|\u89e3\u7b54|"
    r"\u7b54\u3048|\u53c2\u8003\u7b54\u6848|\u7b54\u6848|" + ANSWER_WORD + r")\.?\s*"
    # "Lösung (Beispiel):": what kind of answer follows, in brackets before the colon.
    r"(?:\((?:example|sample|beispiel|ejemplo|exemplo|exemple)\)\s*)?"
    # Russian, Ukrainian, Vietnamese and Korean labels ("Ответ:", "**Gợi ý trả lời:**").
    r"(?:[:\uff1a](?:\*\*|__|\*|_)?|(?:\*\*|__|\*|_)\s*[:\uff1a])\s*",
    re.I,
)


# "**Your answer:**" alone: a blank for the learner to fill in, never the answer itself.
_LEARNER_SLOT = re.compile(
    r"^\s*(?:\*\*|__|\*|_)?\s*(?:your|my)\s+answer\s*(?:\*\*|__|\*|_)?\s*:?\s*"
    r"(?:\*\*|__|\*|_)?\s*:?\s*$",
    re.I,
)


# "**Model answer**" or "**모범 답변**" alone on the answer's first line, no colon: a label over
# the answer below it (Korean "model answer", "answer", "correct answer" among them).
_BOLD_LABEL_ALONE = re.compile(
    r"^\s*(?:\*\*|__)\s*(?:answers?|(?:expected|sample|model|suggested|short)\s+answer|"
    r"respuesta|resposta|r\u00e9ponse|risposta|antwort|"
    r"\ubaa8\ubc94\s*\ub2f5\ubcc0|\ub2f5\ubcc0|\uc815\ub2f5|\u53c2\u8003\u7b54\u6848|\u7b54\u6848|"
    r"\u56de\u7b54\u4f8b|" + ANSWER_WORD + r")\s*(?:\*\*|__)\s*\\?\s*$",
    re.I,
)


def is_answer_label(line: str) -> bool:
    """Whether a line opens with an answer label ("- **Answer**:", "- **回答例**" and a colon)."""
    label = _ANSWER_LABEL.match(line)
    # "- A: 3" is a lettered choice, not a label
    return label is not None and len(re.sub(r"[\W_]", "", label.group(0))) > 1


# "<strong>Answer:</strong> …" in an answer written as HTML.
_HTML_ANSWER_LABEL = re.compile(
    r"^(?P<indent>\s*)(?P<quote>)(?P<bullet>)<(strong|b)>\s*(?:a|ans|answers?|solution)\s*:?\s*"
    r"</\4>\s*:?\s*",
    re.I,
)
_WRAPPER = re.compile(r"^\s*<(?:div|section)\b[^<>]*>\s*$", re.I)
_RESTATED_QUESTION = re.compile(r"^\s*(?:\*\*|__)?(?:q|question)\s*[:.]", re.I)
_MARGIN_HEADING = re.compile(r"^#{1,6}\s+\S")
_DETAILS_OPEN = re.compile(r"<details\b", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)


@dataclass
class Segment:
    question: Candidate
    lines: list[tuple[str, str]] = field(default_factory=list)  # (kind, line)
    indices: list[int] = field(default_factory=list)  # each line's index in the article


def segment(
    lines: list[str],
    kinds: list[str],
    questions: tuple[Candidate, ...],
    level: int,
    shape: Shape,
    titles: frozenset[int] = frozenset(),
) -> list[Segment]:
    """Each question with the (kind, line) pairs of its answer; noise after an answer dropped.

    ``titles`` are headings that only restate their question ("### Word Embedding" right under
    "#### What is Word embedding"): they neither end the answer nor repeat on the card.
    """
    by_line = {question.line: question for question in questions}
    last = max(by_line, default=-1)
    sections = section_ends(lines, kinds, questions, shape)
    consumed = {question.consumes for question in questions}
    consumed.update(line for question in questions for line in question.continued)
    result: list[Segment] = []
    current: Segment | None = None
    depth = 0  # <details> nesting inside a summary-shaped question
    adopting = False  # the last question's answer goes on under shallower headings
    for index, line in enumerate(lines):
        question = by_line.get(index)
        if question is not None:
            current = Segment(question)
            if question.rest:
                current.lines.append(("text", question.rest))
                current.indices.append(index)
            result.append(current)
            depth = 1 if question.shape is Shape.SUMMARY else 0
            if question.unanswered:
                current = None  # the lines below are other questions or the page's prose
            continue
        if current is None or index in consumed or index in titles:
            continue  # a restating heading adds nothing to the answer it opens
        if kinds[index] == "text":
            if current.question.shape is Shape.SUMMARY:
                depth += len(_DETAILS_OPEN.findall(line)) - len(_DETAILS_CLOSE.findall(line))
                if depth <= 0:
                    current = None
                    continue
            elif adopting or _opens_last_answer(current, index, last, line, shape, level):
                adopting = not is_end_of_article(line)
                if not adopting:
                    current = None
                    continue
            elif _inside_list_item(current.question.raw, line):
                pass  # "   #### onSaveInstanceState()" under "6. #### What is …?": its part
            elif (
                ends_answer(line, shape, level)
                or index in sections
                or (shape is Shape.LIST and index < last and _MARGIN_HEADING.match(line))
            ):
                # A heading at the margin closes a numbered list: between two list questions
                # it is a section title, never part of the answer above it.
                current = None
                continue
        current.lines.append((kinds[index], line))
        current.indices.append(index)
    return result


# "6. #### What is …?": a question heading written as a numbered list item.
_LIST_HEADING_QUESTION = re.compile(r"^ {0,3}\d{1,4}[.)]\s+#{1,6}\s")


def _inside_list_item(question: str, line: str) -> bool:
    """A heading indented under a question written as a list item's heading belongs to the
    item: Markdown renders it inside the item, as a part of the answer."""
    indent = len(line) - len(line.lstrip(" "))
    return (
        indent >= 2
        and _LIST_HEADING_QUESTION.match(question) is not None
        and _LIST_HEADING_QUESTION.match(line) is None
    )


def _opens_last_answer(
    current: Segment, index: int, last: int, line: str, shape: Shape, level: int
) -> bool:
    """A shallower heading right under the last question, with nothing between them
    ("#### What is LoRA?" / "### 1. Fine-tuning with LoRA"): the answer is written under
    headings of its own, not a new section of the page (no question follows it)."""
    return (
        shape is Shape.HEADING
        and current.question.line == last
        and index > last
        and ends_answer(line, shape, level)
        and not is_end_of_article(line)
        and not any(text.strip() for _, text in current.lines)
    )


def section_ends(
    lines: list[str], kinds: list[str], questions: tuple[Candidate, ...], shape: Shape
) -> frozenset[int]:
    """Headings that end an answer because they open a section beside the one that holds its
    question: ``### 1.3 Acceptance criteria`` after ``**Question:** …`` lines under
    ``### 1.2 Clarifications``. Deeper headings stay in the answer (``#### Example``).

    Only for questions that are not headings (whose own level already decides)."""
    if shape is Shape.HEADING:
        return frozenset()
    starts = {question.line for question in questions}
    found: set[int] = set()
    enclosing = 0  # the level of the section heading above the current question (0: none)
    inside: int | None = None  # the enclosing level of the answer being read
    for index, line in enumerate(lines):
        if index in starts:
            inside = enclosing
            continue
        heading = HEADING.match(line) if kinds[index] == TEXT else None
        if heading is None:
            continue
        heading_level = len(heading.group(1))
        if inside is None:
            enclosing = heading_level
        elif heading_level <= inside:
            found.add(index)
            enclosing, inside = heading_level, None
    return frozenset(found)


def restating_headings(
    lines: list[str], kinds: list[str], questions: tuple[Candidate, ...]
) -> frozenset[int]:
    """Headings right under a question that only repeat its words, whatever their level."""
    found: set[int] = set()
    for question in questions:
        following = next(
            (i for i in range(question.line + 1, len(lines)) if lines[i].strip()), None
        )
        if following is None or kinds[following] != TEXT:
            continue
        heading = HEADING.match(lines[following])
        if heading is None:
            continue
        words = _words(heading.group(2))
        if words and words <= _words(question.text):
            found.add(following)
    return frozenset(found)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


_INNER_BOLD = re.compile(r"(\*\*|__)(.+?)\1")
# "### Answer", "### ✅ Answer", "### Ответ": a heading that only labels the answer under it.
_ANSWER_HEADING = re.compile(
    r"^[^\w\s]*\s*(?:answers?|solutions?|ans|" + ANSWER_WORD + r")\s*:?$", re.I
)


def _strip(text: str) -> str:
    text = text.strip()
    for marker in ("**", "__"):
        if text.startswith(marker) and text.endswith(marker) and len(text) > 2 * len(marker):
            text = text[len(marker) : -len(marker)].strip()
    return re.sub(r"\s+", " ", text)


def answer_markdown(lines: list[tuple[str, str]], shape: Shape) -> tuple[str, list[str]]:
    """The answer as Markdown, and the languages guessed for unfenced code."""
    lines = [("text", "") if _is_noise(k, line) else (k, line) for k, line in lines]
    lines = without_trailing_labels(lines)  # ":white_check_mark: Q2" over the next heading
    if shape is not Shape.FAQ:
        lines = _without_answer_label(lines)
    lines = _dedent(lines)
    out: list[str] = []
    guessed: list[str] = []
    index = 0
    first_text = True
    text_run: list[str] = []

    def flush() -> None:
        out.extend(convert_text_lines(text_run))
        text_run.clear()

    while index < len(lines):
        kind, line = lines[index]
        # An HTML <pre> block holds its lines, however they look; so does a tag a page broke
        # over lines ("<a" / 'href="https://…"' / ">…</a"): its attributes are no code.
        if (
            _inside_pre(text_run)
            or _inside_tag(text_run)
            or (kind == CODE and inside_html_block(text_run))
        ):
            text_run.append(line)
            index += 1
            continue
        if kind == CODE:
            flush()
            end = index
            while end < len(lines) and (lines[end][0] == CODE or not lines[end][1].strip()):
                end += 1
            while not lines[end - 1][1].strip():
                end -= 1
            block, language = fence_code([text for _, text in lines[index:end]])
            if language:
                guessed.append(language)
            out += ["", *block, ""]
            index = end
            continue
        index += 1
        if kind == FENCE:
            flush()
            out.append(line)
            first_text = False
        elif (heading := HEADING.match(line)) is not None:
            flush()
            title = _INNER_BOLD.sub(r"\2", _strip(heading.group(2)))  # "### 1. **Step**:"
            if not (_ANSWER_HEADING.match(title) and not any(text.strip() for text in out)):
                out += ["", f"**{title}**", ""]  # "### Answer" first only labels the answer
            first_text = False
        else:
            if shape is Shape.FAQ and _FAQ_A_ALONE.match(line):
                continue  # "A:" on its own line (a hard break after it): only a label
            if first_text and line.strip():
                first_text = False
                # Prose indented four columns or a tab ("<b>\n\tThe folder holds …", or a
                # list item's answer deeper than its code): Markdown would show it as code.
                if _CODE_DEEP.match(line):
                    line = line.lstrip()
                if shape is Shape.FAQ:
                    line = _FAQ_A.sub("", line, count=1)
            text_run.append(BULLET.sub(_bullet, line))
    flush()
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in out)).strip("\n")
    text = _without_closing_rules(_without_dangling_follow_ups(text))
    return _unquoted(_without_empty_quote_ends(text)), guessed


# "***", "---", "___" after a blank line: a rule the page drew under each answer (inside its
# toggle), which ends no card.
_CLOSING_RULE = re.compile(r"\n\n {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def _without_closing_rules(text: str) -> str:
    """The answer without the rules that end it."""
    while (rule := _CLOSING_RULE.search(text)) is not None:
        text = text[: rule.start()].rstrip()
    return text


# "**꼬리 질문**" (follow-up questions), "**Follow-ups:**" as the answer's last line: the title
# of a toggle or list whose follow-up questions became notes of their own, heading nothing left.
_FOLLOW_UP_LABEL = re.compile(
    r"^\s*(?:\*\*|__)\s*(?:follow[\s-]?ups?(?:\s+questions?)?|\uaf2c\ub9ac\s*\uc9c8\ubb38|"
    r"\ucd94\uac00\s*\uc9c8\ubb38|\u8ffd\u95ee|\u8ffd\u554f|\u8ffd\u52a0\u8cea\u554f|"
    r"preguntas?\s+de\s+seguimiento|perguntas?\s+de\s+acompanhamento|questions?\s+de\s+suivi|"
    r"nachfragen)\s*[:\uff1a]?\s*(?:\*\*|__)\s*[:\uff1a]?\s*$",
    re.I,
)


def _without_dangling_follow_ups(text: str) -> str:
    """The answer without a follow-up label that ends it with nothing under it."""
    lines = text.split("\n")
    if len(lines) < 2 or not _FOLLOW_UP_LABEL.match(lines[-1]):
        return text
    return "\n".join(lines[:-1]).rstrip()


_CODE_DEEP = re.compile(r"^(?: {4}|\t| {0,3}\t)")
_PRE_OPEN = re.compile(r"<pre\b", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)


def _inside_pre(run: list[str]) -> bool:
    """Whether the text read so far opens a ``<pre>`` block it has not closed."""
    text = "\n".join(run)
    return len(_PRE_OPEN.findall(text)) > len(_PRE_CLOSE.findall(text))


# The last tag opened in the text read so far ("<a", "</strong") and what follows it.
_LAST_TAG = re.compile(r"<(?=/?[A-Za-z])(?!.*<(?=/?[A-Za-z]))(?P<rest>.*)\Z", re.S)


def _inside_tag(run: list[str]) -> bool:
    """Whether the text read so far ends inside a tag it opened and has not closed with ``>``
    (pretty-printed HTML breaks a tag before its attributes)."""
    for line in reversed(run):
        if not line.strip():
            return False  # a blank line: no tag runs on over it
        found = _LAST_TAG.search(line)
        if found is not None:
            return ">" not in found.group("rest")
        if ">" in line:
            return False
    return False


_QUOTE_MARK = re.compile(r"^>(?: |$)")
_EMPTY_QUOTE = re.compile(r"^ {0,3}>[\s>]*$")
_FENCE_MARK = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def _without_empty_quote_ends(text: str) -> str:
    """Quote markers that hold nothing where the quote ends (``>`` lines before an unquoted
    code block or paragraph, or at the end) go: the card would show an empty quote bar. A
    blank line takes their place, so what follows does not continue the quote."""
    lines = text.split("\n")
    out: list[str] = []
    fence = ""  # the run of the fenced block we are in
    index = 0
    while index < len(lines):
        line = lines[index]
        mark = _FENCE_MARK.match(line)
        if fence:
            closes = mark is not None and mark.group(1)[0] == fence[0]
            if closes and mark is not None and len(mark.group(1)) >= len(fence):
                fence = "" if not mark.group(2).strip() else fence
        elif mark is not None:
            fence = mark.group(1)
        elif _EMPTY_QUOTE.match(line):
            end = index
            while end < len(lines) and _EMPTY_QUOTE.match(lines[end]):
                end += 1
            if end == len(lines) or not lines[end].lstrip().startswith(">"):
                out.append("")
                index = end
                continue
        out.append(line)
        index += 1
    if len(out) == len(lines) and out == lines:
        return text
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _unquoted(text: str) -> str:
    """An answer that is one block quote from end to end ("### Q1: …" over "> An LLM is …"):
    the quote only set the answer apart on the page, so the card shows it as plain text."""
    lines = text.split("\n")
    if not text or not all(_QUOTE_MARK.match(line) for line in lines if line.strip()):
        return text
    return "\n".join(_QUOTE_MARK.sub("", line) for line in lines).strip("\n")


# "1. ______", "Cat 5e: ______", "Answer: ______": a line left blank for the learner to fill.
_BLANK_LINE = re.compile(r"^\s*(?:[^_`]{0,40}?[:.)]\s*)?_{5,}\s*$")


def _without_blank_slot(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A fenced block of blank lines to fill in ("```" over "1. ______" lines), where the answer
    begins: a worksheet's slot for the learner, never the answer itself; it goes."""
    first = next((i for i, (_, line) in enumerate(lines) if line.strip()), None)
    if first is None or lines[first][0] != FENCE or lines[first][1].strip().strip("`~"):
        return lines
    close = next(
        (
            i
            for i in range(first + 1, len(lines))
            if lines[i][0] == FENCE and re.match(r"^\s*(?:`{3,}|~{3,})\s*$", lines[i][1])
        ),
        None,
    )
    if close is None:
        return lines
    inside = [line for _, line in lines[first + 1 : close] if line.strip()]
    if not inside or not all(_BLANK_LINE.match(line) for line in inside):
        return lines
    return lines[:first] + lines[close + 1 :]


def _without_answer_label(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The answer's first line without its label; a label alone on a list item goes, and the
    items nested under it become the answer's list."""
    lines = _without_blank_slot(_without_restated_question(lines))
    first = next(
        (i for i, (_, line) in enumerate(lines) if line.strip() and not _WRAPPER.match(line)),
        None,
    )
    if first is None:
        return lines
    if lines[first][0] != TEXT:
        # A snippet, then "✅ Answer: …": the label of the text after the snippet goes too.
        first = next(
            (i for i in range(first, len(lines)) if lines[i][0] == TEXT and lines[i][1].strip()),
            None,
        )
        if first is None:
            return lines
    if _LEARNER_SLOT.match(lines[first][1]):
        # "**Your answer:**" left empty for the learner over "**Correct answer:** …": the slot
        # goes, and the label of the answer below it goes too
        return _without_answer_label(lines[:first] + lines[first + 1 :])
    if _BOLD_LABEL_ALONE.match(lines[first][1]):
        return lines[:first] + lines[first + 1 :]
    label = _ANSWER_LABEL.match(lines[first][1]) or _HTML_ANSWER_LABEL.match(lines[first][1])
    if label is None:
        return lines
    rest = lines[first][1][label.end() :]
    if rest.strip() == "\\":
        rest = ""  # "Answer:" and two spaces: the line break after a label alone goes with it
    if (label.group("bullet") or label.group("quote")) and not rest.strip():
        # "> **Answer:**" alone on the quote's first line: an empty ">" would open the back
        return lines[:first] + lines[first + 1 :]
    indent = "" if label.group("bullet") else label.group("indent")
    # "> * A: …": the quote goes on (answers in a quote are unquoted later), the label goes.
    quote = label.group("quote") or ""
    after = lines[first + 1 :]
    if label.group("bullet") and not quote:
        # "- **Answer:** For example:" over a fence indented under that item: the item's text
        # moves to the margin, so what is nested in the item moves with it
        after = _outdented(after, len(label.group("indent")) + len(label.group("bullet")))
    return [*lines[:first], (TEXT, indent + quote + rest), *after]


def _outdented(lines: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """The lines nested ``width`` columns deep (and the blank ones among them) moved to the
    margin, up to the first line that is not nested that deep."""
    out: list[tuple[str, str]] = []
    for index, (kind, line) in enumerate(lines):
        if line.strip() and len(line) - len(line.lstrip(" ")) < width:
            return out + lines[index:]
        out.append((kind, line[width:] if line.strip() else line))
    return out


def _without_restated_question(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Without a "**Q: Explain X**" line that restates the heading right before "A: …"."""
    filled = [i for i, (_, line) in enumerate(lines) if line.strip()][:2]
    if len(filled) < 2 or any(lines[i][0] != TEXT for i in filled):
        return lines
    question, answer = filled
    if _RESTATED_QUESTION.match(lines[question][1]) and _ANSWER_LABEL.match(lines[answer][1]):
        return lines[:question] + lines[question + 1 :]
    return lines


def _is_noise(kind: str, line: str) -> bool:
    if kind != "text":
        return False
    stripped = line.strip()
    return bool(
        _SEPARATOR.match(line)
        or _BACK_TO_TOP.match(line)
        or _NAVIGATION_LINK.match(line)
        or up_link(line)
        or _TOC.match(stripped)
    )


# A line that is only a link back to the list ("<a href=…>Back To Questions</a>").
_NAVIGATION_LINK = re.compile(
    r"^\s*(?:\[|<a\b[^>]*>)\s*[^\w\s]*\s*(?:back|go|return)\s+to\s+(?:the\s+)?(?:all\s+)?"
    r"(?:questions?|question\s+list|list|index|toc|top|contents)\s*[^\w\s]*\s*"
    r"(?:\]\([^)]*\)|</a>)\s*$",
    re.I,
)


def _dedent(lines: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Answers nested under a numbered list item ("34. ### What…?") lose that indentation."""
    indents = [len(line) - len(line.lstrip()) for _, line in lines if line.strip()]
    cut = min(indents, default=0)
    if cut == 0:
        return lines
    return [(kind, line[cut:] if line.strip() else "") for kind, line in lines]


def _bullet(match: re.Match[str]) -> str:
    """A "•" bullet of a plain-text page -> a Markdown list item (nested when indented 4+)."""
    indent = match.group(1)
    return ("  " * (len(indent) // 4)) + "- "


def fence_language(answer: str) -> str:
    """The info string's first word of the answer's first fenced block ('' when none)."""
    for line in answer.split("\n"):
        opened = FENCE_OPEN.match(line)
        if opened is not None:
            return opened.group(3).split(maxsplit=1)[0] if opened.group(3) else ""
    return ""
