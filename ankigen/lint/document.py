"""One note file as the linter sees it: its text, a prose-only view, and its code blocks.

Rules search ``prose`` (the file text with everything that is not prose blanked out, so
offsets stay file offsets) or ``code_blocks``; they never parse Markdown themselves.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from markdown_it.token import Token

from ankigen.diagnostics import Fix, Severity
from ankigen.lint import stage_trace
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.render.markdown import block_markdown, fence_language
from ankigen.source import cloze
from ankigen.source.load import DeckSpec, Note

T = TypeVar("T")
_BLOCK_CODE = frozenset({"fence", "code_block", "math_block"})
# Inline spans that are not prose: code spans, math, link targets, autolinks, comments, URLs.
_INLINE_NOT_PROSE = lazy_regex(
    r"(?P<tick>`+).+?(?P=tick)"
    r"|\$\$.+?\$\$|\$[^\s$](?:[^$\n]*[^\s$])?\$(?!\d)"  # "$2.50 = $720": prices, no math
    r"|\]\([^)\n]*\)"
    r"|<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>"
    r"|(?P<comment><!--.*?-->)"
    r"|https?://[^\s)<>\]]+"  # '<' never stands in a URL: "https://x.org<br>" ends before it
)
_CLOZE_SYNTAX = lazy_regex(r"\{\{c\d+::|::[^}\n]*\}\}|\}\}")

# Beyond ``prose``, what a spell checker must not read (``spelling_prose``): link labels and
# reference definitions, bare URLs, e-mail addresses, domains, file names and dotted names,
# paths, HTML tags with their attributes, entities, LaTeX-delimited math, hashtags, mentions.
_HTML_TAG_NAMES = (
    "a|abbr|audio|b|big|blockquote|body|br|button|canvas|caption|center|cite|code|col|dd|del"
    "|details|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html"
    "|i|iframe|img|input|ins|kbd|label|li|link|mark|math|meta|nav|ol|p|picture|pre|q|s|samp"
    "|script|section|small|source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td"
    "|textarea|tfoot|th|thead|title|tr|tt|u|ul|var|video|wbr"
)
_NOT_SPELLING = lazy_regex(
    r"!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?:\([^)\n]*\)|\[[^\]\n]*\])"  # [label](url), [l][ref]
    r"|^ {0,3}\[[^\]\n]+\]:.*$"  # [ref]: https://... "title"
    r"|\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\]]*|\bwww\.[^\s<>\]]*"  # s3://, chrome-extension://
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?<![\w/\\])(?:~|\.{1,2})?/[\w.~-]+(?:/[\w.~-]*)*"  # /usr/bin, ~/data, ./run.sh
    r"|\b[A-Za-z]:\\[\w\\. -]*"  # C:\Users\...
    # model.h5, houseofbots.com, np.array, src/train.py. Tried only where a run of [\w-] starts,
    # each run taken whole (possessive): the same matches, with no rescan of a word from each of
    # its letters. A match from inside a run would also match from its start, and no match of
    # this pattern ends inside a run, so the scan never starts in one (tests/test_not_spelling.py).
    r"|(?<![\w-])[\w-]++(?:[./\\][\w-]++)*\.[\w-]+"
    rf"|</?(?:{_HTML_TAG_NAMES})\b(?:[^<>\"']|\"[^\"\n]*\"|'[^'\n]*')*>"  # <br/>, <img src="...">
    r"|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]\w*);"  # &nbsp; &#39;
    r"|\\\(.*?\\\)"  # \( inline math \)
    r"|(?<![\w&#])[#@][A-Za-z][\w-]*"  # #hashtag, @mention
    # a mnemonic's bold letters inside a word ("**S**e**n**sitive", "**N**egative"): the
    # markers split no word, so the word is no prose word to spell (session 34)
    r"|(?<![\w*])\*{1,3}[^\W\d_]+\*{1,3}[^\W\d_][\w*]*",
    re.MULTILINE | re.IGNORECASE,
)
# An HTML comment or display math, over several lines perhaps: the whole of it.
_MULTILINE_NOT_SPELLING = lazy_regex(r"<!--.*?-->|\$\$.*?\$\$|\\\[.*?\\\]", re.DOTALL)


_NOT_NEWLINE = lazy_regex(r"[^\n]")


def _with_glued_letters(text: str, match: re.Match[str]) -> tuple[int, int]:
    """A tag glued to letters splits a word (``<b>M</b>ean``): blank the letters around it
    too, since the pieces are not words."""
    start, end = match.span()
    if not match.group(0).startswith(("<", "&")):
        return start, end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while end < len(text) and text[end].isalpha():
        end += 1
    return start, end


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every character inside ``spans`` but newlines replaced by a space."""
    pieces = []
    position = 0
    for start, end in sorted(spans):
        start = max(start, position)
        if end <= start:
            continue
        pieces.append(text[position:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


@dataclass(frozen=True)
class CodeBlock:
    language: str
    code: str
    first_line: int  # 1-based file line of the code's first line
    indent: int  # columns the fence is indented by (list items, quotes)


@dataclass(frozen=True)
class Finding:
    """What a rule reports: a span of the file (character offsets) and a message.

    ``severity`` is for a rule whose findings are not all equally grave (AG110: a misspelled
    name is an error, the same name only written in lower case a warning; AG101-AG104: a
    derivation that needed more than the note states is a warning, ``lint.grounds``); a
    project's configured severity for the rule's code still wins."""

    start: int
    end: int
    message: str
    fix: Fix | None = None
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if stage_trace.on():  # a traced run records every finding a number rule makes
            stage_trace.candidate(self)


@dataclass(frozen=True)
class LintDocument:
    path: Path
    text: str  # the whole file, newlines normalised
    note: Note
    deck: DeckSpec
    body_offset: int = field(init=False)
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The body is the text's tail; measuring it avoids indexing every line of every file.
        body = self.note.body
        offset = len(self.text) - len(body)
        if offset < 0 or not self.text.endswith(body):
            offset = self.offset_of_line(self.note.body_line)
        object.__setattr__(self, "body_offset", offset)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute something once per document, for rules that share an analysis."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    @cached_property
    def line_starts(self) -> list[int]:
        starts = [0]
        starts.extend(match.end() for match in re.finditer("\n", self.text))
        return starts

    def offset_of_line(self, line: int) -> int:
        """Offset of the start of 1-based ``line`` (the end of the text past the last line)."""
        return self.line_starts[line - 1] if line - 1 < len(self.line_starts) else len(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        index = bisect.bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    @cached_property
    def tokens(self) -> list[Token]:
        """The body's block tokens (parsed once, shared by every rule; no inline children)."""
        return block_markdown().parse(self.body, {})

    @cached_property
    def code_blocks(self) -> tuple[CodeBlock, ...]:
        blocks = []
        for token in self.tokens:
            if token.type in ("fence", "code_block") and token.map:
                fence_line = self.note.body_line + token.map[0]
                line_text = self.text[self.offset_of_line(fence_line) :].split("\n", 1)[0]
                indent = len(line_text) - len(line_text.lstrip(" "))
                first = fence_line + (1 if token.type == "fence" else 0)
                language = fence_language(token) if token.type == "fence" else ""
                blocks.append(CodeBlock(language, token.content, first, indent))
        return tuple(blocks)

    @cached_property
    def prose(self) -> str:
        """The file with only prose left: same length, non-prose characters become spaces."""
        spans = [(0, self.body_offset)]  # front matter
        for token in self.tokens:
            if token.type in _BLOCK_CODE and token.map:
                start = self.offset_of_line(self.note.body_line + token.map[0])
                spans.append((start, self.offset_of_line(self.note.body_line + token.map[1])))
        masked = _blank(self.text, spans)
        inline = list(_INLINE_NOT_PROSE.finditer(masked, self.body_offset))
        self._memo["html_comments"] = tuple(m.span() for m in inline if m.group("comment"))
        spans += [m.span() for m in inline]
        spans += [m.span() for m in _CLOZE_SYNTAX.finditer(self.text, self.body_offset)]
        return _blank(self.text, spans)

    @property
    def html_comments(self) -> tuple[tuple[int, int], ...]:
        """File offsets of the one-line HTML comments (``<!-- … -->``) that stand in prose
        (not in code or math); ``prose`` blanks them."""
        _ = self.prose
        comments: tuple[tuple[int, int], ...] = self._memo["html_comments"]
        return comments

    @cached_property
    def spelling_prose(self) -> str:
        """``prose`` with what is words but not prose blanked too: link labels, domains, file
        names, paths, e-mail addresses, HTML tags and entities, hashtags (same length)."""
        spans = [
            _with_glued_letters(self.text, m)
            for m in _NOT_SPELLING.finditer(self.text, self.body_offset)
        ]
        prose = self.prose  # searched for math, so that no `$$` of code counts
        spans += [m.span() for m in _MULTILINE_NOT_SPELLING.finditer(prose, self.body_offset)]
        return _blank(prose, spans)

    @cached_property
    def answer_prose(self) -> str:
        """Prose of the answer only: the question heading (or cloze title) blanked too."""
        prose = self.prose
        heading = re.search(r"^ {0,3}# .*$", prose[self.body_offset :], re.MULTILINE)
        if heading is None:
            return prose
        start = self.body_offset + heading.start()
        end = self.body_offset + heading.end()
        return prose[:start] + " " * (end - start) + prose[end:]

    @cached_property
    def question(self) -> tuple[int, int] | None:
        """Offsets of the question heading's text (basic and code notes)."""
        match = re.search(r"^ {0,3}# +(.*?)\s*$", self.body, re.MULTILINE)
        if match is None:
            return None
        return self.body_offset + match.start(1), self.body_offset + match.end(1)

    def clean_code(self, block: CodeBlock) -> str:
        """Code with cloze markers removed (hints dropped), as the learner reads the answer."""
        return cloze.strip_markers(cloze.protect(block.code).text)

    @cached_property
    def comment_spans(self) -> tuple[tuple[int, int], ...]:
        """File offsets of the prose of every code comment (the text after ``#``, ``//``,
        ``--`` or inside ``/* */``), comments that are directives or commented-out code left
        out: the sentences an author wrote inside code."""
        spans: list[tuple[int, int]] = []
        for block in self.code_blocks:
            markers = _comment_markers(block)
            if markers is None:
                continue
            # The file's lines, not ``block.code``: a fence in a list item is indented.
            first = self.offset_of_line(block.first_line)
            end = self.offset_of_line(block.first_line + block.code.count("\n")) - 1
            lines = self.text[first : max(first, end)].split("\n")
            spans += _comment_texts(lines, first, markers)
        return tuple(spans)

    @cached_property
    def prose_with_comments(self) -> str:
        """``prose`` with the prose of code comments kept too, at their file offsets (same
        length): for rules whose errors an author makes in a comment as in a sentence."""
        spans = self.comment_spans
        if not spans:
            return self.prose
        kept = _keep_only(self.text, spans)
        blanked = [m.span() for m in _INLINE_NOT_PROSE.finditer(kept, self.body_offset)]
        blanked += [m.span() for m in _CLOZE_SYNTAX.finditer(kept, self.body_offset)]
        kept = _blank(kept, blanked)
        prose = self.prose
        pieces = []
        position = 0
        for start, end in spans:
            pieces += [prose[position:start], kept[start:end]]
            position = end
        pieces.append(prose[position:])
        return "".join(pieces)


def _keep_only(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """``text`` with every character outside ``spans`` but newlines blanked."""
    gaps = []
    position = 0
    for start, end in spans:
        gaps.append((position, start))
        position = end
    gaps.append((position, len(text)))
    return _blank(text, gaps)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Comment markers by fence language; an unlabelled block is read as ``#`` code when it looks
# like code. Markdown, text, output and data blocks have no comments.
_HASH_LANGUAGES = _word_set(
    "python py python3 ipython pycon bash sh shell zsh r yaml yml toml dockerfile makefile make "
    "ruby rb perl powershell ps1 julia jl ini conf cfg nginx"
)
_DASH_LANGUAGES = _word_set("sql mysql postgresql postgres psql sqlite plsql tsql hive")
_SLASH_LANGUAGES = _word_set(
    "js javascript ts typescript jsx tsx c cpp c++ h hpp java go golang rust rs kotlin kt swift "
    "scala cs csharp dart php cuda"
)
_LOOKS_LIKE_CODE = lazy_regex(r"^[ \t]*[\w.\[\]]+[ \t]*(?:[-+*/]?=|\()|^[ \t]*import[ \t]", re.M)


@dataclass(frozen=True)
class _Markers:
    line: tuple[str, ...]  # markers of a comment to the end of the line
    block: bool  # whether /* ... */ comments exist


def _comment_markers(block: CodeBlock) -> _Markers | None:
    language = block.language.lower()
    if language in _HASH_LANGUAGES:
        return _Markers(("#",), False)
    if language in _DASH_LANGUAGES:
        return _Markers(("--",), True)
    if language in _SLASH_LANGUAGES:
        return _Markers(("//",), True)
    if not language and _LOOKS_LIKE_CODE.search(block.code):
        return _Markers(("#",), False)
    return None


# Comments that are not sentences: directives to tools, cell markers, encodings, separators.
_DIRECTIVE = lazy_regex(
    r"[ \t]*(?:!|-\*-|%%|In\s*\[|(?:type|noqa|pragma|fmt|pylint|mypy|isort|ruff|flake8|nosec|"
    r"pyright|pyre|coding|vim?|eslint|ts-\w+|prettier|jshint|nolint|clang-format)\b"
    r"|[-=#*~_/+ \t]*$)",
    re.IGNORECASE,
)
# A comment that is a line of code switched off: a statement, an assignment, a call.
_COMMENTED_CODE = lazy_regex(
    r"[ \t]*(?:(?:import|from[ \t]+[\w.]+[ \t]+import|def|class|return|elif|else|try|except|"
    r"finally|lambda|yield|raise|assert|print|select|insert|update|delete|create|drop|alter|"
    r"const|let|var|function|include|define)\b(?![ \t]+(?:a|an|the|is|are|of|to)\b)"
    r"|[\w.\[\]'\"]+[ \t]*(?:[-+*/%]?=|==)[ \t]*\S"
    r"|[\w.]+\(.*\)[ \t;]*$"
    r"|.*[;{}][ \t]*$"
    r"|(?:if|for|while|with)\b.*:[ \t]*$"
    # printed output: a list, a dict, a tuple, a string, a prompt; "(c) Name" is a copyright
    r"|(?!\(c\)[ \t])[\[{(\"']|>>>)",
    re.IGNORECASE,
)
_QUOTES = "\"'`"


def _comment_texts(lines: list[str], first: int, markers: _Markers) -> list[tuple[int, int]]:
    """File offsets of the prose comments of a block's ``lines`` (the first at ``first``)."""
    spans: list[tuple[int, int]] = []
    offset = first
    in_block = False  # inside /* ... */
    triple = ""  # inside a Python triple-quoted string
    for line in lines:
        column = 0
        if in_block:
            close = line.find("*/")
            spans.append((offset, offset + (len(line) if close < 0 else close)))
            if close < 0:
                offset += len(line) + 1
                continue
            column = close + 2
        triple, in_block = _scan_line(line, column, markers, triple, spans, offset)
        offset += len(line) + 1
    code = "\n".join(lines)
    return [
        (start, end)
        for start, end in spans
        if end > start and _is_prose(" ".join(code[start - first : end - first].split()))
    ]


def _scan_line(
    line: str,
    column: int,
    markers: _Markers,
    triple: str,
    spans: list[tuple[int, int]],
    offset: int,
) -> tuple[str, bool]:
    """Add the comment of one line (outside strings) to ``spans``; returns the triple quote
    still open and whether a block comment is left open."""
    quote = ""
    index = column
    while index < len(line):
        if triple:
            close = line.find(triple, index)
            if close < 0:
                return triple, False
            index, triple = close + 3, ""
            continue
        char = line[index]
        if quote:
            if char == "\\":
                index += 2
                continue
            if char == quote:
                quote = ""
            index += 1
            continue
        if line.startswith(('"""', "'''"), index):
            triple = line[index : index + 3]
            index += 3
            continue
        if char in _QUOTES:
            quote = char
            index += 1
            continue
        for marker in markers.line:
            # "#" starts a comment only after a space ("url#part", "$#" are not comments)
            spaced = marker != "#" or index == 0 or line[index - 1] in " \t"
            if spaced and line.startswith(marker, index):
                spans.append((offset + index + len(marker), offset + len(line)))
                return triple, False
        if markers.block and line.startswith("/*", index):
            close = line.find("*/", index + 2)
            spans.append((offset + index + 2, offset + (len(line) if close < 0 else close)))
            if close < 0:
                return triple, True
            index = close + 2
            continue
        index += 1
    return triple, False


def _is_prose(comment: str) -> bool:
    """Whether a comment's text is a sentence, not a directive or a line of code."""
    if _DIRECTIVE.match(comment):
        return False
    text = comment.lstrip("#/-* \t")
    if not re.search(r"[A-Za-z]{2,}", text):
        return False
    return _DIRECTIVE.match(text) is None and _COMMENTED_CODE.match(text) is None
