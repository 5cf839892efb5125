"""MyST notebooks saved as Markdown (Jupytext): code cells and toggles in directive fences.

A notebook kept as MyST Markdown fences its code cells as ```` ```{code-cell} ipython3 ````,
with option lines (``:tags: [hide-input]``) first, and hides a demo in ```` ```{toggle} ````.
No card shows a directive: a code cell becomes a block in its kernel's language (Python for an
IPython kernel) without its options, and a toggle's content is shown as it is.

A quiz page in MyST sets each question in an ```` ````{exercise} ```` fence (sphinx-exercise)
and its answer in a ```` ````{solution} ```` or a ```` ````{dropdown} 解答 ```` fence right below
(a dropdown titled as an answer: *Answer*, *Solution*, 解答). The exercise becomes a numbered
``## Question N`` label over its content, so its first paragraph is the question and the rest
(its code, its choices) follows it; the answer's fence lines go and its content stays. A
dropdown with another title keeps the title as a bold line.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_html import is_toggle_label

__all__ = ["from_myst_cells"]

# "```{code-cell} ipython3", also "```{code-cell} ipython 3" (the kernel's version spaced off).
_CODE_CELL = re.compile(r"^(\s*)(`{3,}|~{3,})\{code-cell\}\s*([A-Za-z]*)[\w .-]*$")
_TOGGLE = re.compile(r"^(\s*)(`{3,}|~{3,})\{toggle\}\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
# "````{exercise}", "````{exercise} Lists" (a title), "```{solution} ex-1", "````{dropdown} 解答".
_EXERCISE = re.compile(r"^(\s*)(`{3,}|~{3,})\{exercise\}(.*)$")
_ANSWER_BOX = re.compile(r"^(\s*)(`{3,}|~{3,})\{(solution|dropdown)\}\s*(.*?)\s*$")


def from_myst_cells(lines: list[str]) -> list[str]:
    """The lines with MyST code cells as plain fences and toggles unwrapped."""
    return _from_quiz_boxes(_from_cells(lines))


def _from_cells(lines: list[str]) -> list[str]:
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        cell = _CODE_CELL.match(line)
        toggle = _TOGGLE.match(line) if cell is None else None
        if cell is None and toggle is None:
            out.append(line)
            index += 1
            continue
        found = cell or toggle
        assert found is not None
        indent, fence = found.group(1), found.group(2)
        close = next(
            (i for i in range(index + 1, len(lines)) if lines[i].strip() == fence),
            None,
        )
        if close is None:  # an unclosed directive is left as written
            out.append(line)
            index += 1
            continue
        body = lines[index + 1 : close]
        # Lines taken out become blank lines before the block, so every line keeps its
        # number in the document (warnings name the document's lines).
        if cell is not None:
            dropped = 0
            while body and _OPTION.match(body[0]):
                body, dropped = body[1:], dropped + 1
            if body and not body[0].strip():
                body, dropped = body[1:], dropped + 1  # the blank line that ends the options
            opening = f"{indent}{fence}{_language(cell.group(3))}"
            out += [""] * dropped + [opening, *body, lines[close]]
        else:
            out += ["", *body, ""]
        index = close + 1
    return out


def _from_quiz_boxes(lines: list[str]) -> list[str]:
    """Exercise fences as numbered question labels, answer fences unwrapped; every line keeps
    its number."""
    out = list(lines)
    number = 0
    index = 0
    while index < len(out):
        exercise = _EXERCISE.match(out[index])
        box = _ANSWER_BOX.match(out[index]) if exercise is None else None
        found = exercise or box
        close = _closing(out, index, found.group(2)) if found is not None else None
        if found is None or close is None:  # an unclosed directive is left as written
            index += 1
            continue
        first = index + 1
        while first < close and _OPTION.match(out[first]):
            out[first] = ""  # ":label: ex-3": the directive's options show on no card
            first += 1
        if exercise is not None:
            number += 1
            out[index] = ""
            # On the last line the options held, so the label stays right over the question.
            out[first - 1] = f"## Question {number}"
        elif box is not None and box.group(3) == "dropdown" and not is_toggle_label(box.group(4)):
            out[index] = f"**{box.group(4)}**" if box.group(4) else ""
        else:
            out[index] = ""
        out[close] = ""
        index = close + 1
    return out


def _closing(lines: list[str], index: int, fence: str) -> int | None:
    return next((i for i in range(index + 1, len(lines)) if lines[i].strip() == fence), None)


def _language(kernel: str) -> str:
    """ "ipython3", "python3" → "python"; another kernel names its language ("r", "julia")."""
    name = kernel.lower()
    if not name:
        return "python"
    return "python" if name.startswith(("ipython", "python")) else re.sub(r"[\d.-]+$", "", name)
