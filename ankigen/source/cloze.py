"""Cloze markers: found once on the source text, carried through rendering as placeholders.

Markdown and Pygments never see ``{{c1::…}}``: each marker becomes one private-use character
that both pass through untouched, and the exact markers are put back after rendering. The
markers are found with Anki's own rule (a cloze opens at ``{{cN::`` and ends at the first
``}}``), so the deck means what Anki will read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN = "\ue000"
HINT = "\ue001"
CLOSE = "\ue002"
PLACEHOLDERS = (OPEN, HINT, CLOSE)

_MARKER = re.compile(r"\{\{c(\d+)::|::|\}\}")

# Anki makes cards for c1 to c500 only: a note with c501 gets an empty card when it is next
# edited, c65536 is not read as a cloze, and c65537 makes Anki refuse the whole package
# (measured with the anki package, tests/test_hostile_inputs.py).
MAX_CLOZE = 500


def cloze_number(digits: str) -> int:
    """The number of a ``{{cN::`` marker; absurdly long ones become MAX_CLOZE + 1 (without
    converting thousands of digits, which Python refuses)."""
    return int(digits) if len(digits) <= 6 else MAX_CLOZE + 1


@dataclass(frozen=True)
class ClozeProblem:
    offset: int  # character offset in the scanned text
    message: str


@dataclass(frozen=True)
class ProtectedText:
    text: str
    numbers: tuple[int, ...]  # cloze number of each OPEN, in order
    problems: tuple[ClozeProblem, ...]


def protect(text: str) -> ProtectedText:
    """Replace cloze markers by placeholders; report unclosed clozes and bad numbers."""
    pieces: list[str] = []
    numbers: list[int] = []
    problems: list[ClozeProblem] = []
    stack: list[tuple[int, bool]] = []  # (offset of the opening, hint seen)
    last = 0
    for match in _MARKER.finditer(text):
        token = match.group(0)
        if match.group(1) is not None:
            number = cloze_number(match.group(1))
            if number < 1:
                problems.append(ClozeProblem(match.start(), "cloze numbers start at c1"))
            elif number > MAX_CLOZE:
                message = (
                    f"cloze number too large: Anki makes cards for c1 to c{MAX_CLOZE} only; "
                    "renumber it"
                )
                problems.append(ClozeProblem(match.start(), message))
            numbers.append(number)
            stack.append((match.start(), False))
            replacement = OPEN
        elif token == "::" and stack and not stack[-1][1]:
            stack[-1] = (stack[-1][0], True)
            replacement = HINT
        elif token == "}}" and stack:
            stack.pop()
            replacement = CLOSE
        else:
            continue
        pieces.append(text[last : match.start()])
        pieces.append(replacement)
        last = match.end()
    pieces.append(text[last:])
    for offset, _ in stack:
        problems.append(
            ClozeProblem(offset, "cloze is never closed: add '}}' after the hidden text")
        )
    return ProtectedText("".join(pieces), tuple(numbers), tuple(problems))


_BRACE_PAIR = re.compile(r"([{}])(?=\1)")


def restore(html: str, numbers: tuple[int, ...]) -> str | None:
    """Put the markers back. None when rendering lost or moved a marker (e.g. in a link URL)."""
    if html.count(OPEN) != len(numbers) or html.count(CLOSE) != len(numbers):
        return None
    # Braces that rendering produced next to each other must not read as markers to Anki.
    html = _BRACE_PAIR.sub(lambda m: "&#123;" if m.group(1) == "{" else "&#125;", html)
    opened = iter(numbers)
    return re.sub(
        "[\ue000-\ue002]",
        lambda m: (
            f"{{{{c{next(opened)}::"
            if m.group(0) == OPEN
            else ("::" if m.group(0) == HINT else "}}")
        ),
        html,
    )


def strip_markers(text: str) -> str:
    """The text with every placeholder removed and hints dropped, as a learner reads the answer."""
    return re.sub(f"{HINT}[^{CLOSE}]*{CLOSE}|[{OPEN}{CLOSE}]", "", text)


@dataclass(frozen=True)
class ClozeSpan:
    """One cloze as Anki reads it: ``{{cN::`` at ``start``, its ``}}`` at ``close``."""

    start: int  # offset of '{{c'
    text_start: int  # offset after '{{cN::'
    close: int  # offset of the '}}' that ends it
    number: int


def spans(text: str) -> list[ClozeSpan]:
    """Every cloze of ``text`` with Anki's rule (the first '}}' ends the innermost open cloze)."""
    found: list[ClozeSpan] = []
    stack: list[tuple[int, int, int]] = []  # (start, text start, number)
    for match in _MARKER.finditer(text):
        if match.group(1) is not None:
            stack.append((match.start(), match.end(), cloze_number(match.group(1))))
        elif match.group(0) == "}}" and stack:
            start, text_start, number = stack.pop()
            found.append(ClozeSpan(start, text_start, match.start(), number))
    return sorted(found, key=lambda span: span.start)


def whole_tex(text: str) -> bool:
    """Braces paired (``\\{`` and ``\\}`` are characters) and no dangling backslash."""
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            if index + 1 >= len(text):
                return False
            index += 2
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
        index += 1
    return depth == 0


def own_text(inner: str) -> str:
    """A protected cloze's text: its content up to its own hint marker (nested clozes kept)."""
    depth = 0
    for index, char in enumerate(inner):
        if char == OPEN:
            depth += 1
        elif char == CLOSE:
            depth -= 1
        elif char == HINT and depth == 0:
            return inner[:index]
    return inner


def own_hint(inner: str) -> str:
    text = own_text(inner)
    return inner[len(text) + 1 :] if len(text) < len(inner) else ""


def breaks_tex(inner: str) -> bool:
    """A protected cloze content whose text or hint, as the learner sees it, is not whole TeX:
    put in math, Anki's '[...]' (front) or the text (back) leaves the formula unpaired."""
    text = strip_markers(own_text(inner))
    return not (whole_tex(text) and whole_tex(strip_markers(own_hint(inner))))


def clozes_breaking_tex(content: str) -> list[str]:
    """The text of each cloze in protected math content that is not whole TeX on its own."""
    broken = []
    starts: list[int] = []
    for index, char in enumerate(content):
        if char == OPEN:
            starts.append(index)
        elif char == CLOSE and starts:
            inner = content[starts.pop() + 1 : index]
            if breaks_tex(inner):
                broken.append(strip_markers(own_text(inner)))
    return broken


# TeX in a cloze's own text: a command ('\frac') or a braced super/subscript ('^{2}').
_TEX_TEXT = re.compile(r"\\[A-Za-z]{2,}|[\^_]\{")
# Math delimiters as written on a line: '$', and '\(' '\[' with one backslash (math when they
# hold TeX, render/backslash_math.py) or two (they reach MathJax as written).
_OPENING = re.compile(r"\$|\\\\?[(\[]")
_CLOSING = re.compile(r"\$|\\\\?[)\]]")


def in_tex(before: str, text: str, after: str) -> bool:
    """Whether a cloze (its line ``before`` it, its own ``text``, the line ``after`` its
    '}}') is TeX: math delimiters around it, in any form, or TeX commands in its text. Anki
    ends the cloze at the first '}}' wherever it is, so such a cloze cut short breaks the
    formula (or leaves braces on the card) even where Markdown does not see math."""
    around = between_math_delimiters(before, after)
    # A cloze holding '$' math itself is judged on the parsed math tokens instead.
    return around or ("$" not in text and _TEX_TEXT.search(text) is not None)


# TeX that reads the next brace group as its argument. A cloze opening right there ('^{{c1::',
# '\sqrt{{c1::') takes that group's brace for its own '{{': the front shows '^[...]', which
# raises only the '[', and the back glues the hidden text on ('\sqrtx', 'x^2n').
_ONE_ARGUMENT_NAMES = """
    sqrt text textbf textit textrm textsf texttt textnormal mbox hbox emph mathrm mathbf
    mathit mathsf mathtt mathcal mathbb mathfrak mathscr mathnormal boldsymbol bm pmb
    operatorname hat widehat tilde widetilde bar overline underline vec dot ddot dddot check
    breve acute grave mathring overrightarrow overleftarrow overleftrightarrow underrightarrow
    underleftarrow overbrace underbrace boxed cancel bcancel xcancel phantom hphantom vphantom
    smash displaystyle textstyle mathop mathbin mathrel mathord mathopen mathclose mathpunct
    color textcolor underset overset stackrel frac dfrac tfrac cfrac binom dbinom tbinom
"""
_TWO_ARGUMENT_NAMES = (
    "frac dfrac tfrac cfrac binom dbinom tbinom underset overset stackrel textcolor"
)
_ONE_ARGUMENT = frozenset(_ONE_ARGUMENT_NAMES.split())
_TWO_ARGUMENTS = frozenset(_TWO_ARGUMENT_NAMES.split())
_COMMAND_AT_END = re.compile(r"\\([A-Za-z]+)\s*$")
# How far back a brace group before a cloze is followed (a group longer than this is rare,
# and the bound keeps a line of many clozes linear).
_GROUP_REACH = 300


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` is preceded by an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _group_start(text: str, close: int, opener: str, closer: str) -> int | None:
    """The offset of the ``opener`` that pairs with the ``closer`` at ``close``, or None."""
    depth = 0
    for index in range(close, max(-1, close - _GROUP_REACH), -1):
        char = text[index]
        if char not in (opener, closer) or _escaped(text, index):
            continue
        depth += 1 if char == closer else -1
        if depth == 0:
            return index
    return None


def taken_argument(before: str) -> str | None:
    """The TeX whose argument braces a cloze opening took, given the math ``before`` its
    '{{cN::': '^' or '_', an argument command ('\\sqrt', '\\mathbf', '\\frac' before its
    first group, '\\frac{a}' before its second, '\\sqrt[3]'), or '\\{' (an escaped brace
    whose '{' Anki reads as the cloze's, leaving a lone backslash). None when the cloze does
    not stand where TeX expects a brace group."""
    before = before[-_GROUP_REACH:]  # what TeX reads there lies close; keeps long lines linear
    if _escaped(before + "{", len(before)):
        return "\\{"
    stripped = before.rstrip()
    if stripped.endswith(("^", "_")) and not _escaped(stripped, len(stripped) - 1):
        return stripped[-1]
    command = _COMMAND_AT_END.search(stripped)
    if command:
        return f"\\{command.group(1)}" if command.group(1) in _ONE_ARGUMENT else None
    if not stripped.endswith(("}", "]")) or _escaped(stripped, len(stripped) - 1):
        return None
    square = stripped.endswith("]")
    start = _group_start(stripped, len(stripped) - 1, *("[]" if square else "{}"))
    if start is None:
        return None
    command = _COMMAND_AT_END.search(stripped[:start])
    if command is None:
        return None
    name = command.group(1)
    if (square and name == "sqrt") or (not square and name in _TWO_ARGUMENTS):
        return stripped[command.start() :]
    return None


# A control word ('\lambda') at the end of TeX: an even run of backslashes before it would make
# the last backslash an escaped one ('\\lambda' is a line break and the letters 'lambda').
_CONTROL_WORD_AT_END = re.compile(r"(?<!\\)(?:\\\\)*\\([A-Za-z]+)$")
_OPENING_OR_CLOSING = re.compile(r"\{\{c(\d+)::|\}\}")
# How much answer text before a seam is read for a control word (names are short).
_WORD_REACH = 64


@dataclass(frozen=True)
class GluedCommand:
    """A control word that the answer joins to a letter across a cloze marker."""

    cloze_start: int  # offset of the '{{c' of the cloze whose marker is at the seam
    closing: bool  # the seam is that cloze's '}}' (else its '{{cN::')
    command: str  # the control word as written, e.g. '\\lambda'
    glued: str  # what TeX reads instead, e.g. '\\lambdax'


@dataclass(frozen=True)
class _Seam:
    shown_at: int  # length of the answer text before the seam
    cloze_start: int
    closing: bool


def _answer_with_seams(text: str) -> tuple[str, list[_Seam]]:
    """The text as every card's back (and the other cards' fronts) shows it inside math:
    cloze markers removed and hints dropped (Anki's rule: a hint runs from the first '::' of
    a piece of cloze text to the next marker), with where each marker was."""
    shown: list[str] = []
    length = 0
    seams: list[_Seam] = []
    open_starts: list[int] = []
    position = 0
    for match in [*_OPENING_OR_CLOSING.finditer(text), None]:
        piece = text[position : len(text) if match is None else match.start()]
        if open_starts:
            piece = piece.partition("::")[0]
        shown.append(piece)
        length += len(piece)
        if match is None:
            break
        position = match.end()
        if match.group(1) is not None:
            open_starts.append(match.start())
            seams.append(_Seam(length, match.start(), closing=False))
        elif open_starts:
            seams.append(_Seam(length, open_starts.pop(), closing=True))
        else:
            shown.append("}}")  # a '}}' outside any cloze is text to Anki
            length += 2
    return "".join(shown), seams


def glued_commands(text: str) -> list[GluedCommand]:
    """Control words that the answer glues to the letter after a cloze marker: a cloze ending
    in '\\lambda' before 'x', or starting with 'x' after '\\alpha'. TeX reads '\\lambdax' as
    one (unknown or different) command. One finding per seam, blaming its first marker."""
    shown, seams = _answer_with_seams(text)
    found: list[GluedCommand] = []
    reported: set[int] = set()
    for seam in seams:
        at = seam.shown_at
        if at in reported or at >= len(shown) or not _is_ascii_letter(shown[at]):
            continue
        word = _CONTROL_WORD_AT_END.search(shown[max(0, at - _WORD_REACH) : at])
        if word is None:
            continue
        letters = re.match(r"[A-Za-z]+", shown[at:])
        assert letters is not None
        reported.add(at)
        command = f"\\{word.group(1)}"
        found.append(GluedCommand(seam.cloze_start, seam.closing, command, command + letters[0]))
    return found


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def between_math_delimiters(before: str, after: str) -> bool:
    """Math delimiters, in any written form, before a cloze and after it on its line."""
    return _OPENING.search(before) is not None and _CLOSING.search(after) is not None
