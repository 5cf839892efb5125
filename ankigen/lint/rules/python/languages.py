"""Blocks fenced as Python that are not Python code: pseudo-code, a shell session, SQL,
JavaScript, C-family or R. Their label only changes the highlighting; the code itself is not
wrong Python, so AG120 to AG124 leave them alone."""

from __future__ import annotations

import re

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.prepare import MAGIC as _MAGIC

_PSEUDO = lazy_regex(r"\bpseudo[- ]?code\b|\bpseudocode\b", re.IGNORECASE)
_COMMENT_LINE = lazy_regex(r"^[ \t]*#(.*)$", re.MULTILINE)

# The first code line of a block in another language.
_OTHER_FIRST_LINE = lazy_regex(
    r"(?:"
    r"\$[ \t]+\S"  # a shell prompt
    r"|(?:sudo|apt(?:-get)?|brew|git|cd|mkdir|wget|curl|export|docker|nvidia-smi"
    r"|source|tensorboard|jupyter|chmod|ls|cat|echo)[ \t]+[-\w./~\"'$]"  # a shell command
    r"|python3?[ \t]+(?:-m[ \t]+\w|-c[ \t]|[\w./-]+\.py\b)"  # running a script
    r"|(?:SELECT|INSERT[ \t]+INTO|UPDATE[ \t]+\w+[ \t]+SET|DELETE[ \t]+FROM|CREATE[ \t]+"
    r"(?:TABLE|INDEX|VIEW|DATABASE)|ALTER[ \t]+TABLE|DROP[ \t]+TABLE|WITH[ \t]+\w+[ \t]+AS)\b"
    r"|(?:const|let|var)[ \t]+\w+[ \t]*=|function[ \t]+\w+[ \t]*\(|console\.log\("  # JS
    r"|\#include[ \t]*[<\"]|public[ \t]+(?:static[ \t]+)?(?:class|void|int)\b"  # C family
    r"|int[ \t]+main[ \t]*\(|package[ \t]+[\w.]+;"
    r"|library\([\w.]+\)|\w+[ \t]*<-[ \t]*\S"  # R
    r")"
)


_CELL_MAGIC = lazy_regex(r"%%\w")
_PYTHON_CELL_MAGIC = lazy_regex(r"%%(?:time|timeit|capture|prun|debug|px)\b")


def pseudo_code(code: str, before: str) -> bool:
    """A block that says it is pseudo-code: in its first comment or in the line before it."""
    first = next((line for line in code.split("\n") if line.strip()), "")
    comment = _COMMENT_LINE.match(first)
    return bool(comment and _PSEUDO.search(comment.group(1))) or bool(_PSEUDO.search(before))


def other_language(code: str) -> bool:
    """Whether the block's first code line is in another language than Python (a line a
    notebook runs as a command, '%time', '!ls', 'pip install x', does not decide)."""
    for line in code.split("\n"):
        stripped = line.strip()
        if _CELL_MAGIC.match(stripped):
            return _PYTHON_CELL_MAGIC.match(stripped) is None  # '%%bash': the cell is shell
        if stripped and not stripped.startswith("#") and not _MAGIC.match(stripped):
            return _OTHER_FIRST_LINE.match(stripped) is not None
    return False
