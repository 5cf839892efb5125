"""The problem codes, and a problem found at a span of the analysed source."""

from __future__ import annotations

from dataclasses import dataclass

SYNTAX, PY2, UNDEFINED, REMOVED, TRUNCATED = "AG120", "AG121", "AG122", "AG123", "AG124"


@dataclass(frozen=True)
class Problem:
    """A problem at a span of the analysed source (1-based lines, 0-based character columns).

    ``{L<n>}`` in the message stands for source line n; it is shown as the file's line.
    """

    code: str
    line: int
    col: int
    end_line: int
    end_col: int
    message: str
    fix: str | None = None  # replacement for the span, when it is safe
    # AG123 only: the API is deprecated but still there (it runs), not removed.
    deprecated: bool = False
    # reported as a warning: the code follows a documentation convention (AG120 only)
    warning: bool = False
