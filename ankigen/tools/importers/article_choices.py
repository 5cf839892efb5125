"""A multiple-choice question whose choices follow it with the right one marked.

Quiz pages list the choices under the question and mark the right one: a ticked box, a key
line under lettered choices, or the right choice set in bold among plain bullets::

    Which port does SSH listen on?        Which port does SSH listen on?
    - [ ] 21                              A) 21
    - [x] 22                              B) 22
    - [ ] 80                              Correct answer: B) 22

(the lettered block is often fenced without a language). A card that asks "which of these" must
show them, so the choices join the front in parentheses, as a quiz item's do (``… on? (21 / 22 /
80)``; parted by ";" when a choice holds a "/"), and the back is the marked choice. The note's id
still comes from the question.

A quiz template's fields under the question (``- Type: …``, ``- Choices: a; b; c``, maybe
``- Answer: b``) are read the same way: the choices join the front as written, the answer (or,
when the page gives none, the TODO) is the back, and the type goes.

Only a run of at least two choices with one marked, right under the question (after the code it
asks about, if any), is read so; a choice that runs on to a second line (a string over two lines)
leaves the list as it is, since a one-line front cannot hold it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeAlias

from ankigen.tools.importers.article_answers import Segment
from ankigen.tools.importers.article_label_words import ANSWER_WORD
from ankigen.tools.importers.article_lines import FENCE, TEXT

__all__ = ["ChoiceFront", "marked_choices"]

# "- [x] Paris": a task-list box; a ticked one is the answer.
_TASK = re.compile(r"^\s{0,3}[-*+]\s+\[([ xX])\]\s+(\S.*?)\s*$")
# "A) 21", "b. 22", "(C) 80": a lettered choice ("A. 40\\": its hard line break is no part of it).
_LETTERED = re.compile(r"^\s{0,3}\(?([A-Ha-h])[).]\s+(\S.*?)(?:\s*\\)?\s*$")
# "Resposta Correta: C) …", "**Correct answer:** B": the key line under the choices.
_KEY = re.compile(
    r"^\s{0,3}(?:\*\*|__)?\s*(?:(?:correct|right)\s+answer|answer|resposta(?:\s+correta)?|"
    r"respuesta(?:\s+correcta)?|(?:richtige\s+)?antwort|(?:bonne\s+)?r\u00e9ponse|"
    + ANSWER_WORD
    + r")\s*(?:\*\*|__)?\s*[:\uff1a]\s*(?:\*\*|__)?\s*\(?([A-Ha-h])\b[).]?",
    re.I,
)
_MIN_CHOICES = 2
# "//", "**", "%": a choice of symbols only is an operator, shown as code (a bare "//" would
# read as a cut-off line, "**" as emphasis markup).
_SYMBOLS_ONLY = re.compile(r"^[^\w\s`]+$")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


@dataclass(frozen=True)
class ChoiceFront:
    choices: str  # " (21 / 22 / 80)", for the end of the front
    piece: Segment  # the answer: the marked choice, then what followed the choices


def marked_choices(piece: Segment, key: str | None = None) -> ChoiceFront | None:
    """The choices under the question and the answer they mark, if the item is so written;
    ``key`` is the letter an answer key far below gives ("1. b) …"), for lettered choices
    with no mark of their own."""
    lines = piece.lines
    at = next((i for i, (_, line) in enumerate(lines) if line.strip()), None)
    if at is None:
        return None
    fielded = _fielded(lines, at)
    if fielded is not None:
        choices_text, answer = fielded
        back = [(TEXT, answer)] if answer else []  # none: the note says TODO, with a warning
        return ChoiceFront(
            f" ({choices_text})", Segment(piece.question, back, [piece.indices[at]][: len(back)])
        )
    spread = _spread_inline_letters(piece, at)
    if spread is not None:
        piece, lines = spread, spread.lines
    found = (
        _ticked(lines, at)
        or _keyed(lines, at, key)
        or _answer_lined(lines, at)
        or _bolded(lines, at)
    )
    if found is None:
        return None
    choices, answers, end = found
    choices, answers = [_shown(c) for c in choices], [_shown(a) for a in answers]
    back = [(TEXT, " / ".join(answers))]
    indices = [piece.indices[at]]
    rest = lines[end:]
    if any(line.strip() for _, line in rest):  # an explanation after the choices stays
        back += [(TEXT, ""), *rest]
        indices += [piece.indices[at], *piece.indices[end:]]
    # "/" and "//" as choices (operators) would run into a " / " between them.
    joint = "; " if any("/" in choice for choice in choices) else " / "
    return ChoiceFront(f" ({joint.join(choices)})", Segment(piece.question, back, indices))


# "- Type: Multiple choice", "- Choices: 6, 5, 0, 2", "- Answer: 6": a quiz template's fields
# under its "- Question: …" item (a field may sit on the line after another, unbulleted).
_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<label>type|choices|options|answers?)\s*:\s*(?P<text>.*?)\s*$", re.I
)


def _fielded(lines: list[tuple[str, str]], at: int) -> tuple[str, str] | None:
    """Fields of a quiz template under the question: its choices join the front as written,
    its answer (if the page gives one) is the back; the question's type goes."""
    fields: dict[str, str] = {}
    for kind, line in lines[at:]:
        if not line.strip():
            continue
        field = _FIELD.match(line) if kind == TEXT else None
        if field is None:
            return None
        label = field.group("label").lower().rstrip("s").replace("option", "choice")
        fields[label] = field.group("text")
    choices = fields.get("choice", "")
    if not choices or not ({"type", "answer"} & fields.keys()):
        return None
    return choices, fields.get("answer", "")


# A line's choice and whether it is marked; None ends the run, _ABORT gives the run up.
_Read: TypeAlias = tuple[str, bool] | Literal["abort"] | None
_ABORT: Literal["abort"] = "abort"


def _marked_run(
    lines: list[tuple[str, str]], at: int, read: Callable[[str], _Read]
) -> tuple[list[str], list[str], int] | None:
    """The run of choice lines from ``at`` as ``read`` reads them: the choices, the marked
    ones, and the line after them; None unless some but not all are marked and the run ends
    at a blank line or the end."""
    choices: list[str] = []
    marked: list[str] = []
    end = at
    while end < len(lines) and lines[end][0] == TEXT:
        got = read(lines[end][1])
        if got is None:
            break
        if got == _ABORT:
            return None
        choice, is_marked = got
        choices.append(choice)
        if is_marked:
            marked.append(choice)
        end += 1
    if len(choices) < _MIN_CHOICES or not marked or len(marked) == len(choices):
        return None
    if end < len(lines) and lines[end][1].strip():
        return None  # a choice that runs on to the next line: the list stays in the answer
    return choices, marked, end


def _ticked(lines: list[tuple[str, str]], at: int) -> tuple[list[str], list[str], int] | None:
    """ "- [ ] 21" / "- [x] 22": the choices, the ticked ones, and the line after them."""

    def read(line: str) -> _Read:
        task = _TASK.match(line)
        return None if task is None else (task.group(2), bool(task.group(1).strip()))

    return _marked_run(lines, at, read)


# "* **Packets**": a bullet whose whole text is bold, among plain ones, marks the right choice.
_BULLET = re.compile(r"^(\s{0,3})[-*+]\s+(\S.*?)\s*$")
_ALL_BOLD = re.compile(r"^(\*\*|__)(?!\s)([^*_]+?)(?<!\s)\1$")
# "**Short answer:**", "**Trả lời:**": a bold item ending in a colon labels the items under it.
_LABEL_END = (":", "\uff1a")


def _bolded(lines: list[tuple[str, str]], at: int) -> tuple[list[str], list[str], int] | None:
    """ "* Binary" / "* **Packets**": the choices, the bold ones, and the line after them; a
    plain choice holds no bold at all (a list of points with a bold term is an answer).
    Choices are siblings: a bold label with items indented under it ("- **Short answer:**" /
    "  - It …") is an outline of the answer, not a marked choice among its own sub-items."""
    indent = _BULLET.match(lines[at][1])

    def read(line: str) -> _Read:
        item = _BULLET.match(line)
        if item is None:
            return None
        if indent is None or item.group(1) != indent.group(1):
            return _ABORT
        text = item.group(2)
        bold = _ALL_BOLD.match(text)
        if bold is None and ("**" in text or "__" in text):
            return _ABORT
        if bold is not None and bold.group(2).endswith(_LABEL_END):
            return _ABORT
        return (text, False) if bold is None else (bold.group(2), True)

    return _marked_run(lines, at, read)


# "**Jawaban**: Nol atau lebih", "Answer: 42", "**Correct answer:** tuple": a line that gives the
# answer in words under a list of choices, in the languages of article_label_words.
_ANSWER_LINE = re.compile(
    r"^\s{0,3}(?:\*\*|__)?\s*(?:(?:correct|right)\s+answer|answer|"
    r"respuesta(?:\s+correcta)?|resposta(?:\s+correta)?|(?:richtige\s+)?antwort|"
    r"(?:bonne\s+)?r\u00e9ponse|" + ANSWER_WORD + r")\s*(?:\*\*|__)?\s*[:\uff1a]\s*"
    r"(?:\*\*|__)?\s*(?P<text>\S.*?)\s*$",
    re.I,
)


def _answer_lined(lines: list[tuple[str, str]], at: int) -> tuple[list[str], list[str], int] | None:
    """ "- 8" / "- **7**" … then "**Jawaban**: 7": bullets of one line each, siblings, with a
    line under them that names the answer. The named answer is the back whatever the bullets'
    bold says (quiz pages bold choices for show, sometimes a wrong one), and every bullet is a
    choice for the front."""
    indent = _BULLET.match(lines[at][1])
    if indent is None:
        return None
    choices: list[str] = []
    end = at
    while end < len(lines) and lines[end][0] == TEXT:
        item = _BULLET.match(lines[end][1])
        if item is None or item.group(1) != indent.group(1):
            break
        bold = _ALL_BOLD.match(item.group(2)) or _BOLD_CODE.match(item.group(2))
        choices.append(item.group(2) if bold is None else bold.group(2))
        end += 1
    if len(choices) < _MIN_CHOICES or (end < len(lines) and lines[end][1].strip()):
        return None  # a choice that runs on to the next line: the list stays in the answer
    after = next((i for i in range(end, len(lines)) if lines[i][1].strip()), None)
    answer = _ANSWER_LINE.match(lines[after][1]) if after is not None else None
    if after is None or answer is None or lines[after][0] != TEXT:
        return None
    text = re.sub(r"(?:\*\*|__)\s*$", "", answer.group("text")).strip()
    return (choices, [text], after + 1) if text else None


# "**`get_value(3)`**": a bold code span, the choice a quiz marks when it is code.
_BOLD_CODE = re.compile(r"^(\*\*|__)(`[^`]+`)\1$")


def _keyed(
    lines: list[tuple[str, str]], at: int, given: str | None = None
) -> tuple[list[str], list[str], int] | None:
    """ "A) 21" … "Correct answer: B) 22", bare or fenced: the choices, the keyed one, and the
    line after the block; with a ``given`` letter (from a key elsewhere) the block needs no key
    line."""
    fenced = lines[at][0] == FENCE
    if fenced and lines[at][1].strip().strip("`~"):
        return None  # a fence in a language holds code, not choices
    start = at + 1 if fenced else at
    letters: list[str] = []
    choices: list[str] = []
    end = start
    while end < len(lines) and (choice := _LETTERED.match(lines[end][1])) is not None:
        if _KEY.match(lines[end][1]):
            break
        letters.append(choice.group(1).upper())
        choices.append(choice.group(2))
        end += 1
    expected = [chr(ord("A") + i) for i in range(len(letters))]
    if len(choices) < _MIN_CHOICES or letters != expected:
        return None
    if given is not None and not fenced:
        if given.upper() not in letters or (end < len(lines) and lines[end][1].strip()):
            return None
        return choices, [choices[letters.index(given.upper())]], end
    # the key may stand apart, after a blank line ("D. …" / "" / "**Đáp án: B**")
    keyed = end
    while not fenced and keyed < len(lines) and not lines[keyed][1].strip():
        keyed += 1
    key = _KEY.match(lines[keyed][1]) if keyed < len(lines) else None
    if key is None or key.group(1).upper() not in letters:
        return None
    answer = choices[letters.index(key.group(1).upper())]
    end = keyed + 1
    if fenced:
        if end >= len(lines) or lines[end][0] != FENCE:
            return None  # more than choices and a key in the block
        end += 1
    elif end < len(lines) and lines[end][1].strip():
        return None
    return choices, [answer], end


# "A) 3 g B) 6 g C) 10 g": lettered choices run on in one line, each letter after a space.
_INLINE_LETTER = re.compile(r"(?:^|(?<=\s))\(?([A-H])\)\s+(?=\S)")


def _spread_inline_letters(piece: Segment, at: int) -> Segment | None:
    """The piece with a line of lettered choices written one after another ("A) 3 g B) 6 g
    C) 10 g D) 12 g") set out one a line, as choices under a question usually are; None when
    the line is no such run (the letters from A in order, the first opening the line)."""
    kind, line = piece.lines[at]
    if kind != TEXT:
        return None
    marks = list(_INLINE_LETTER.finditer(line.strip()))
    letters = [mark.group(1) for mark in marks]
    if len(marks) < _MIN_CHOICES or marks[0].start() != 0:
        return None
    if letters != [chr(ord("A") + i) for i in range(len(letters))]:
        return None
    text = line.strip()
    ends = [mark.start() for mark in marks[1:]] + [len(text)]
    spread = [
        f"{mark.group(1)}) {text[mark.end() : end].strip()}"
        for mark, end in zip(marks, ends, strict=True)
    ]
    lines = [*piece.lines[:at], *((TEXT, choice) for choice in spread), *piece.lines[at + 1 :]]
    index = piece.indices[at]
    indices = [*piece.indices[:at], *(index for _ in spread), *piece.indices[at + 1 :]]
    return Segment(piece.question, lines, indices)


def _shown(choice: str) -> str:
    """The choice as the card shows it: one of symbols only as inline code."""
    plain = _ESCAPED.sub(r"\1", choice)
    return f"`{plain}`" if _SYMBOLS_ONLY.match(plain) else choice
