"""Every card of a cloze note as Anki shows it, and the math on each side MathJax cannot read.

The other AG038 readings (render/note.py) name shapes of a cloze that cuts math: cut one
brace early, taking a TeX argument's braces, gluing a command to a letter. This one looks for
no shape: it renders each card's front and back with Anki's cloze filter
(``anki_template.cloze_filter``, ported from ``rslib/src/cloze.rs``: the front shows
``[...]`` or the hint for the card's own clozes, the back their text, other clozes as text),
finds the math on each side as MathJax finds it (``mathjax_safety``) and checks that every
opening delimiter closes and that braces, ``\\left``/``\\right`` and ``\\begin``/``\\end``
pair inside each formula. A side is the cloze's fault when the field as written (cloze
markers out, hints kept as text) reads whole: a formula broken there is AG171's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ankigen.render import anki_template
from ankigen.render.mathjax_safety import math_delimiters, mathjax_strings

# Past this many cards, the sides are not simulated (each costs a pass over the field).
MAX_CARDS = 60

_TEX_TOKEN = re.compile(r"\\(?:[A-Za-z]+|.)|[{}]", re.DOTALL)
_ENVIRONMENT = re.compile(r"\s*\{([^{}]*)\}")


def tex_problem(tex: str) -> str | None:
    """What in one formula MathJax cannot pair: a brace, a ``\\left``/``\\right`` or
    ``\\middle``, a ``\\begin``/``\\end``; None when all pair."""
    depth = 0
    lefts = 0
    environments: list[str] = []
    for token in _TEX_TOKEN.finditer(tex):
        text = token.group(0)
        if text == "{":
            depth += 1
        elif text == "}":
            depth -= 1
            if depth < 0:
                return "a '}' that closes no '{'"
        elif text == "\\left":
            lefts += 1
        elif text == "\\right":
            lefts -= 1
            if lefts < 0:
                return "a '\\right' without its '\\left'"
        elif text == "\\middle" and lefts == 0:
            return "a '\\middle' outside '\\left … \\right'"
        elif text in ("\\begin", "\\end"):
            name = _ENVIRONMENT.match(tex, token.end())
            label = name.group(1) if name else ""
            if text == "\\begin":
                environments.append(label)
            elif not environments or environments.pop() != label:
                return f"a '\\end{{{label}}}' without its '\\begin{{{label}}}'"
    if depth > 0:
        return "a '{' that is never closed"
    if lefts > 0:
        return "a '\\left' without its '\\right'"
    if environments:
        return f"a '\\begin{{{environments[-1]}}}' without its '\\end{{{environments[-1]}}}'"
    return None


def side_problems(html: str) -> list[tuple[str, str]]:
    """(what, the formula or text) for each piece of math on a rendered side that MathJax
    cannot typeset: an opening delimiter that never closes, a closing one with no opening,
    a formula whose braces or pairs do not pair."""
    problems: list[tuple[str, str]] = []
    for string in mathjax_strings(html):
        if "\\" not in string:
            continue
        outside = []
        position = 0
        for tex, closed, start, end in math_delimiters(string):
            outside.append(string[position:start])
            position = end
            if not closed:
                problems.append(("an opening '\\(' or '\\[' that never closes", tex[:60]))
                continue
            what = tex_problem(tex)
            if what is not None:
                problems.append((what, tex[:60]))
        outside.append(string[position:])
        if any("\\)" in text or "\\]" in text for text in outside):
            problems.append(("a closing '\\)' or '\\]' with no opening", string.strip()[:60]))
    return problems


@dataclass(frozen=True)
class BrokenSide:
    ordinal: int  # the card, c1 = 1
    question: bool  # its front (else its back)
    what: str
    tex: str


def broken_sides(html: str) -> list[BrokenSide]:
    """The sides of a cloze field's cards whose math the clozes broke, front then back of
    each card in order. Empty when the field has no math, no cloze or too many cards."""
    if "\\(" not in html and "\\[" not in html:
        return []
    numbers = sorted(anki_template.cloze_numbers(html))
    if not numbers or len(numbers) > MAX_CARDS:
        return []
    # what is broken as written (AG171's) is no cloze's doing
    written = {what for what, _ in side_problems(anki_template.as_written(html))}
    found: list[BrokenSide] = []
    for number in numbers:
        for question in (True, False):
            side = anki_template.cloze_filter(html, number, question=question)
            for what, tex in side_problems(side):
                if what not in written:
                    found.append(BrokenSide(number, question, what, tex))
                    break
    return found
