"""More readings of AG130's class: the author's own note that content is still missing.

A placeholder need not fill a whole line or cell: it may be an aside in brackets that opens
with what is missing and goes on with why or when ("(more coming soon, half done)", "(proof
goes here later)"), or an instruction, in prose or in a code comment, to put the real thing
in its place ("# insert the actual threshold here"). An instruction to the reader to put
their own value in ("insert your API key here") is a tutorial's convention, not missing
content, and stays silent.
"""

from __future__ import annotations

import re

from ankigen.lint.prefilter import GatedPattern

_MISSING = (
    r"(?:solution|answer|explanation|proof|derivation|example|code|details|rest|result|value|"
    r"formula|figure|table|text|content)s?"
)
UNFINISHED_ASIDE = GatedPattern(
    "|".join(
        (
            # an aside that opens with a placeholder head, whatever reason or time follows
            r"[(\[][ \t]*(?:(?:more\s+)?coming\s+soon|still\s+(?:writing|drafting|working\s+on|"
            r"figuring\s+out|to\s+(?:write|do|add))|(?:the\s+|my\s+)?"
            + _MISSING
            + r"\s+(?:goes|go|will\s+go|comes|will\s+come)\s+here)\b[^()\[\]\n]{0,100}[)\]]",
            # an instruction to put the real content in its place
            r"\b(?:put|insert|paste|add|fill\s+in|write|plug\s+in)\s+the\s+(?:real|actual|correct|"
            r"proper|final|right|full)\s+(?:[\w-]+\s+){0,3}?(?:here|in\s+here|later)\b",
        )
    ),
    re.IGNORECASE,
)


def unfinished_asides(prose: str, start: int) -> list[re.Match[str]]:
    """The asides and instructions above, from ``start`` on, in one pass."""
    return list(UNFINISHED_ASIDE.finditer(prose, start))
