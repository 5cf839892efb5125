"""The spans AG111 leaves out of spell checking (file names, URLs, e-mails, tags ...) are those of
the pattern before its file-name part was made to start only where a word starts."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ankigen.lint.document import _NOT_SPELLING

_FAST = r"(?<![\w-])[\w-]++(?:[./\\][\w-]++)*\.[\w-]+"
_PLAIN = r"[\w-]+(?:[./\\][\w-]+)*\.[\w-]+"  # as it was: tried from every letter of a word
_REFERENCE = re.compile(_NOT_SPELLING.pattern.replace(_FAST, _PLAIN), _NOT_SPELLING.flags)

# Pieces of text every part of the pattern turns on: words, the punctuation of paths, mails,
# links, tags and entities, spaces and line breaks.
_PIECES = st.sampled_from(
    [
        "ab",
        "x1",
        "Zé",
        "_",
        "-",
        ".",
        "..",
        "/",
        "\\",
        "@",
        "+",
        ":",
        "~",
        "#",
        "&",
        ";",
        "<b>",
        "</i>",
        "[a]",
        "(u)",
        "!",
        " ",
        "\n",
        "www.",
        "http://",
        "C:\\",
        "&amp;",
        "\\(",
        "\\)",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


def test_the_reference_is_the_old_pattern() -> None:
    assert _FAST in _NOT_SPELLING.pattern
    assert _REFERENCE.pattern != _NOT_SPELLING.pattern


@settings(max_examples=1500, deadline=None)
@given(_TEXTS, _TEXTS)
@example("a/b.c+d@x.com", "")
@example("foo.bar.", "---")
@example("[a](b)foo.bar model.h5 x.y/z.w", "x")
@example("www.site.com/a.b C:\\dir\\f.txt ~/data/x.csv", "")
def test_the_same_spans_as_before(body: str, front: str) -> None:
    text = f"{front}\n{body}"  # a note's body starts on a line of its own
    start = len(front) + 1
    assert [m.span() for m in _NOT_SPELLING.finditer(text, start)] == [
        m.span() for m in _REFERENCE.finditer(text, start)
    ]
