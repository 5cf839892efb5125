"""The words of code that are written by hand, not checked by Python: the modules a snippet
imports, the names it imports from them, the packages it installs and the text of its
comments (name-typo, AG112, looks at them for misspelled names; spelling, AG111, at comments).

``import tensorfow`` parses and runs nowhere; ``from sklearn.ensemble import
RandomForrestClassifier`` fails only when run; ``# fit with XGBoots`` is prose inside code.
They are found in Python blocks (and unlabelled ones) and, except comments, in inline code
spans, where a span that is one class-like name (`MaxPoolig2D`) counts too.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ankigen.lint.document import LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.mentions import inline_code_spans
from ankigen.lint.rules.python.positions import BlockMap
from ankigen.lint.rules.python.scan import Scan, scan_source

PYTHON_LANGUAGES = frozenset({"python", "py", "python3", "ipython", "pycon"})

# "import a.b as c, d" and "from a.b import c" (after a console prompt too): the top-level
# module names, which are what a slip of the hand turns into a module that does not exist.
_IMPORT = lazy_regex(
    r"^[ \t]*(?:>>>[ \t]*)?(?:(?P<from>from)[ \t]+(?P<module>[A-Za-z_]\w*)|import[ \t]+"
    r"(?P<modules>[A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*"
    r"(?:[ \t]+as[ \t]+\w+)?)*))",
    re.MULTILINE,
)
_TOP_LEVEL = lazy_regex(r"(?:^|,)[ \t]*(?P<name>[A-Za-z_]\w*)")
# The names a "from … import" brings in ("from sklearn.ensemble import RandomForrestClassifier").
_FROM_IMPORT = lazy_regex(
    r"^[ \t]*(?:>>>[ \t]*)?from[ \t]+[\w.]+[ \t]+import[ \t]+\(?(?P<names>[^\n#)]*)", re.MULTILINE
)
_IMPORTED_NAME = lazy_regex(r"(?:^|,)[ \t]*(?P<name>[A-Za-z_]\w*)")
# "pip install pandsa scikit-lern": distribution names, in inline code or a shell line.
_PIP_INSTALL = lazy_regex(
    r"(?:^|[!%])[ \t]*(?:pip3?|conda|uv pip)[ \t]+install[ \t]+(?P<args>[^\n#;&|]*)", re.MULTILINE
)
_PACKAGE = lazy_regex(r"(?<![\w.=<>~-])(?P<name>[A-Za-z][\w.-]*)")
# Inline code that is one class-like name, perhaps called: `MaxPoolig2D`, `Dnese()`.
_ONE_NAME = lazy_regex(r"\s*(?P<name>[A-Za-z]\w*?)(?:\(\))?\s*")
_COMMENT = lazy_regex(r"#[^\n]*")
# A class-like name the code reads (not an attribute, not ALL CAPS): "AutoTokenizer", "Dense".
_CLASS_LIKE = lazy_regex(r"(?<![\w.])[A-Z](?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{3,}\b")
# Where code binds a name itself: imports, ``class``, ``def``, ``as``, assignments, loops.
_BINDS = lazy_regex(
    r"\b(?:class|def|as)[ \t]+(?P<defined>[A-Za-z_]\w*)"
    r"|^[ \t]*(?P<assigned>[A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=(?!=)"
    r"|\bfor[ \t]+(?P<loop>[A-Za-z_]\w*)[ \t]+in\b",
    re.MULTILINE,
)


@dataclass(frozen=True)
class CodeText:
    """A module name or a comment's text, with the file offset of each of its characters
    (a cloze marker inside code makes them non-contiguous)."""

    # "module", "package" (pip install), "name" (imported or inline), "read" (a class-like
    # name the code reads but does not bind) or "comment"
    kind: str
    text: str
    offsets: tuple[int, ...]  # file offset of each character, plus the end

    def span(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of ``text[start:end]``."""
        return self.offsets[start], self.offsets[end - 1] + 1


def code_texts(document: LintDocument) -> tuple[CodeText, ...]:
    """Every imported top-level module and every comment of the note's Python code."""
    return document.memo("python-code-texts", lambda: tuple(_code_texts(document)))


def _code_texts(document: LintDocument) -> Iterator[CodeText]:
    for block in document.code_blocks:
        if block.language and block.language.lower() not in PYTHON_LANGUAGES:
            continue
        mapping = BlockMap.of(document, block)
        yield from _block_texts(mapping)
    for start, code in inline_code_spans(document):
        for kind, name_start, name in _inline_names(code):
            offsets = tuple(range(start + name_start, start + name_start + len(name) + 1))
            yield CodeText(kind, name, offsets)


def _inline_names(code: str) -> Iterator[tuple[str, int, str]]:
    """(kind, offset, name) of the hand-written names of an inline code span."""
    for name_start, name in _imported(code):
        yield "module", name_start, name
    for name_start, name in _from_imported(code):
        yield "name", name_start, name
    for name_start, name in _installed(code):
        yield "package", name_start, name
    one = _ONE_NAME.fullmatch(code)
    if one is not None and "_" not in one.group("name"):
        yield "name", one.start("name"), one.group("name")


def _from_imported(code: str) -> Iterator[tuple[int, str]]:
    """(offset, name) of each name a "from … import" line brings in."""
    for match in _FROM_IMPORT.finditer(code):
        for part in _IMPORTED_NAME.finditer(match.group("names")):
            yield match.start("names") + part.start("name"), part.group("name")


def _installed(code: str) -> Iterator[tuple[int, str]]:
    """(offset, name) of each package a pip or conda command installs (options left out)."""
    for match in _PIP_INSTALL.finditer(code):
        for part in _PACKAGE.finditer(match.group("args")):
            yield match.start("args") + part.start("name"), part.group("name")


def _imported(code: str) -> Iterator[tuple[int, str]]:
    """(offset, name) of each top-level module imported in ``code``."""
    for match in _IMPORT.finditer(code):
        if match.group("from"):
            yield match.start("module"), match.group("module")
            continue
        modules = match.group("modules")
        for part in _TOP_LEVEL.finditer(modules):
            yield match.start("modules") + part.start("name"), part.group("name")


def _block_texts(mapping: BlockMap) -> Iterator[CodeText]:
    clean = mapping.clean
    scan = scan_source(clean)

    def located(kind: str, start: int, text: str) -> CodeText:
        # One line of code: its characters keep their distances in the file, but for cloze
        # markers the clean code leaves out (``mapping.offsets`` holds those gaps).
        first = mapping.offset_of(start)
        raw = mapping.offsets
        offsets = [first + raw[start + index] - raw[start] for index in range(len(text))]
        return CodeText(kind, text, (*offsets, (offsets[-1] + 1) if offsets else first))

    # Imports are read in the masked source: a string or comment that mentions "import x"
    # is not an import.
    for start, name in _imported(scan.masked):
        yield located("module", start, name)
    for start, name in _from_imported(scan.masked):
        yield located("name", start, name)
    for start, name in _installed(clean):  # notebook lines ("!pip install …")
        yield located("package", start, name)
    bound = _bound_names(scan.masked)
    for match in _CLASS_LIKE.finditer(scan.masked):
        if match.group(0) not in bound:  # "AutoTokenzier.from_pretrained(…)"
            yield located("read", match.start(), match.group(0))
    string_starts = [literal.start for literal in scan.strings]
    for match in _COMMENT.finditer(clean):
        # A comment is blanked in the masked source; a "#" inside a string is blanked too, so
        # it must also lie outside every string literal.
        if scan.masked[match.start()] != " " or _in_string(scan, string_starts, match.start()):
            continue
        yield located("comment", match.start(), match.group(0))


def _bound_names(code: str) -> frozenset[str]:
    """The names ``code`` binds itself: what it imports, defines, assigns or loops over."""
    names = {name for _start, name in _from_imported(code)}
    names |= {name for _start, name in _imported(code)}
    for match in _BINDS.finditer(code):
        names.add(match.group("defined") or match.group("assigned") or match.group("loop"))
    return frozenset(names)


def _in_string(scan: Scan, starts: list[int], offset: int) -> bool:
    """Whether ``offset`` lies inside a string literal (``starts``: the literals' starts)."""
    index = bisect.bisect_right(starts, offset) - 1
    return index >= 0 and offset < scan.strings[index].end
