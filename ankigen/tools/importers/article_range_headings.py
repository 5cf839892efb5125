"""Headings that title a run of numbered questions ("### Q6 ~ Q10. JVM 심화 문제").

A page that answers its main questions under headings of their own groups the shorter ones
under one heading that names their range of numbers, each then asked in a bold line
(``**Q6. JIT 컴파일러란 무엇인가요?**``). Read as a question, the heading took the number of
the first one and glued its title to that question's front ("~ Q10. JVM 심화 문제: Q6. …").
Such a heading, followed by the first question of its range, is a group title: it is blanked,
so that each bold question stands on its own. A heading with a range of numbers that no
question below takes up ("## 2-3 Years of Experience") stays.

Line numbers are kept: the heading becomes a blank line.
"""

from __future__ import annotations

import re

from ankigen.tools.importers.article_lines import TEXT

__all__ = ["blank_range_headings"]

# "### Q6 ~ Q10. …", "## Questions 11-20" (or an en dash), "### 6-10: …", "### Q17 to Q22".
_RANGE_HEADING = re.compile(
    r"^ {0,3}#{1,6}\s+(?:questions?\s+|q\s*)?(?P<first>\d{1,4})\s*(?:~|\u2013|\u2014|-|to)\s*"
    r"(?:q\s*)?(?P<last>\d{1,4})\b",
    re.I,
)
# The first question of the range, as a bold line or a list item: "**Q6. …", "6. …", "- Q6: …".
_NUMBERED_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:q\s*)?(?P<number>\d{1,4})[.):]", re.I
)
_LOOKAHEAD = 12


def blank_range_headings(lines: list[str], kinds: list[str]) -> None:
    """Blank each heading that names a range of question numbers taken up below it."""
    for index, line in enumerate(lines):
        found = _RANGE_HEADING.match(line) if kinds[index] == TEXT else None
        if found is None or int(found.group("first")) >= int(found.group("last")):
            continue
        below = [
            other
            for other in range(index + 1, min(len(lines), index + 1 + _LOOKAHEAD))
            if kinds[other] == TEXT and lines[other].strip()
        ]
        first = next((_NUMBERED_LINE.match(lines[other]) for other in below[:1]), None)
        if first is not None and first.group("number") == found.group("first"):
            lines[index] = ""
