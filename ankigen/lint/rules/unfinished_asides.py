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
# What sets a note to self apart from the card's text: brackets, an Obsidian comment (shown
# as text by Anki, hidden by Obsidian).
_SET_APART = r"(?:[(\[]|%%)"
# An order to write, finish or check something (the imperative opens its clause).
_WRITE_ORDER = (
    r"(?:fill\s+(?:in|out)|add|write(?:\s+up)?|finish|complete|expand(?:\s+on)?|elaborate(?:\s+"
    r"on)?|explain|flesh\s+out|look\s+up|(?:double-)?check|verify|revisit|come\s+back\s+to|"
    r"clean\s+up|tidy(?:\s+up)?|polish|insert|derive|sketch|draw|redo|rewrite|summari[sz]e)"
)
# The time the author puts it off to.
_PUT_OFF = (
    r"(?:later|tomorrow|soon|next\s+time|eventually|someday|at\s+some\s+point|when\s+I\s+"
    r"(?:have|get|find)\s+(?:the\s+|some\s+)?time)"
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
            # session 32 (batches 46, 50; three authors): the author's note to self, set apart
            # from the card (brackets, an Obsidian comment), that opens with an order
            # to write something and puts it off ("[fill in later: …]", "(one more, fill in
            # later)", "%% expand this tomorrow %%"); "(the mask is filled in later)" describes
            # and "(check later layers)" names layers
            _SET_APART
            + r"[ \t]*(?:[^\W\d_][\w'-]*(?:[ \t]+[\w'-]+){0,2}[ \t]*[,:;\u2013\u2014][ \t]*)?"
            + _WRITE_ORDER
            + r"\b[^()\[\]%\n;.]{0,80}?\b"  # in the order's own clause
            + _PUT_OFF
            + r"(?![ \t]+[a-z])[^()\[\]%\n]{0,100}?[ \t]*(?:[)\]]|%%)",
        )
    ),
    re.IGNORECASE,
)


def unfinished_asides(prose: str, start: int) -> list[re.Match[str]]:
    """The asides and instructions above, from ``start`` on, in one pass."""
    return list(UNFINISHED_ASIDE.finditer(prose, start))
