"""A code block that holds nothing but comments is prose in a code font: authors list a
network's layer shapes as ``// conv_1 3x3 s1 SAME in 49x10x1 -> 49x10x64`` lines above the
code that asserts them, or as ``#`` lines in a block of their own. The layer readers take such
lines as the list items they are written like ("- conv_1 …"); a block with any line of code is
left to the code readers.
"""

from __future__ import annotations

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex

# A comment line: its marker, then at least one space and some text.
_COMMENT_LINE = lazy_regex(r"(?P<indent>[ \t]*)(?P<marker>#|//|--)(?=[ \t]+\S)")


def with_comment_listings(document: LintDocument, prose: str) -> str:
    """``prose`` with each comment of a comments-only code block written in as a list item
    (its marker as "-"), at its file offsets; same length."""
    if "```" not in document.text and "~~~" not in document.text:
        return prose
    for block in document.code_blocks:
        lines = block.code.split("\n")
        if not any(line.strip() for line in lines):
            continue
        if not all(_COMMENT_LINE.match(line) for line in lines if line.strip()):
            continue
        for number, line in enumerate(lines):
            found = _COMMENT_LINE.match(line)
            if found is None:
                continue
            start = document.offset_of_line(block.first_line + number) + block.indent
            end = start + len(line)
            if document.text[start:end] != line:
                continue  # a fence inside a quote: the file's line is not the code's
            item = line[: found.start("marker")] + "-".ljust(len(found.group("marker")))
            item += line[found.end("marker") :]
            prose = prose[:start] + item + prose[end:]
    return prose
