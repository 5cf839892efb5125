"""MyST notebooks saved as Markdown (Jupytext): code cells and toggles in directive fences.

A notebook kept as MyST Markdown fences its code cells as ```` ```{code-cell} ipython3 ````,
with option lines (``:tags: [hide-input]``) first, and hides a demo in ```` ```{toggle} ````.
No card shows a directive: a code cell becomes a block in its kernel's language (Python for an
IPython kernel) without its options, and a toggle's content is shown as it is.
"""

from __future__ import annotations

import re

__all__ = ["from_myst_cells"]

# "```{code-cell} ipython3", also "```{code-cell} ipython 3" (the kernel's version spaced off).
_CODE_CELL = re.compile(r"^(\s*)(`{3,}|~{3,})\{code-cell\}\s*([A-Za-z]*)[\w .-]*$")
_TOGGLE = re.compile(r"^(\s*)(`{3,}|~{3,})\{toggle\}\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")


def from_myst_cells(lines: list[str]) -> list[str]:
    """The lines with MyST code cells as plain fences and toggles unwrapped."""
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


def _language(kernel: str) -> str:
    """ "ipython3", "python3" → "python"; another kernel names its language ("r", "julia")."""
    name = kernel.lower()
    if not name:
        return "python"
    return "python" if name.startswith(("ipython", "python")) else re.sub(r"[\d.-]+$", "", name)
