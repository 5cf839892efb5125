"""Python code blocks: code that does not parse, Python 2 syntax, misspelled names, removed
TensorFlow/Keras APIs and snippets cut off mid-statement. Code is parsed, never run.

Every Python block is analysed once (cached); each rule reports its own share of the
problems, so one problem gives one diagnostic: a cut-off snippet is AG124, not also AG120.
"""

from __future__ import annotations

import ast
import bisect
import builtins
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from pyflakes import checker as flakes  # type: ignore[import-untyped]
from pyflakes import messages as flake_messages

from ankigen import cloze
from ankigen.diagnostics import Fix
from ankigen.lint.document import CodeBlock, Finding, LintDocument
from ankigen.lint.rule import LintConfig, Rule
from ankigen.model import NoteType

PYTHON_LANGUAGES = frozenset({"python", "py", "python3"})

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


@dataclass(frozen=True)
class Analysis:
    shifts: tuple[int, ...]  # columns removed from each line before parsing (prompts, dedent)
    problems: tuple[Problem, ...]


# --- Preparing the source -------------------------------------------------------------------


_MAGIC = re.compile(r"[ \t]*(?:%|!(?!=))\S")


def _prepare(code: str) -> tuple[str, tuple[int, ...]]:
    """Strip console prompts (``>>>``) and common indentation; keep the line count."""
    lines = code.split("\n")
    shifts = [0] * len(lines)
    first = next((line.lstrip() for line in lines if line.strip()), "")
    if first.startswith(">>>"):
        for i, line in enumerate(lines):
            prompt = re.match(r"[ \t]*(?:>>>|\.\.\.)(?: |$)", line)
            shifts[i] = prompt.end() if prompt else 0
            lines[i] = line[prompt.end() :] if prompt else ""  # output lines are not code
    for i, line in enumerate(lines):
        if _MAGIC.match(line):
            lines[i] = ""  # IPython magics and shell escapes are not Python
    indents = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip()]
    common = min(indents, default=0)
    for i, line in enumerate(lines):
        if line.strip():
            lines[i], shifts[i] = line[common:], shifts[i] + common
        else:
            lines[i] = ""
    return "\n".join(lines), tuple(shifts)


# --- Scanning: strings and comments masked, brackets counted --------------------------------

_LEXEME = re.compile(
    r"(?P<comment>\#[^\n]*)"
    r"|(?:(?<![\w])(?P<prefix>[rRbBuUfF]{1,2}))?(?P<quote>'''|\"\"\"|'|\")"
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])"
)
_PAIRS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class StringLiteral:
    start: int  # the prefix, or the opening quote
    end: int
    prefix: str
    quote: str
    closed: bool


@dataclass(frozen=True)
class Scan:
    masked: str  # the source with string contents and comments blanked (same length)
    strings: tuple[StringLiteral, ...]
    unclosed: tuple[int, ...]  # offsets of brackets still open at the end, outermost first
    mismatched: bool
    statement_lines: frozenset[int]  # 0-based lines that start a new statement


def _string_end(text: str, start: int, quote: str) -> tuple[int, bool]:
    """End of a string whose contents begin at ``start``, and whether it was closed."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text.startswith(quote, i):
            return i + len(quote), True
        elif text[i] == "\n" and len(quote) == 1:
            return i, False
        else:
            i += 1
    return len(text), False


def _scan(source: str) -> Scan:
    chars = list(source)
    strings: list[StringLiteral] = []
    stack: list[int] = []
    mismatched = False
    depth_at: dict[int, int] = {}  # offset of a bracket or string -> depth there

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    pos = 0
    while match := _LEXEME.search(source, pos):
        pos = match.end()
        if match.group("comment"):
            blank(match.start(), match.end())
        elif quote := match.group("quote"):
            end, closed = _string_end(source, match.end(), quote)
            blank(match.end(), end - len(quote) if closed else end)
            strings.append(
                StringLiteral(match.start(), end, match.group("prefix") or "", quote, closed)
            )
            depth_at[match.start()] = len(stack)
            pos = end
        elif match.group("open"):
            stack.append(match.start())
        elif stack and _PAIRS[source[stack[-1]]] == match.group("close"):
            stack.pop()
        else:
            mismatched = True
    masked = "".join(chars)
    return Scan(masked, tuple(strings), tuple(stack), mismatched, _statement_lines(masked, strings))


def _statement_lines(masked: str, strings: list[StringLiteral]) -> frozenset[int]:
    """Lines at bracket depth 0, not inside a string, not continued by a backslash."""
    inside: set[int] = set()
    for literal in strings:
        first = masked.count("\n", 0, literal.start)
        inside.update(range(first + 1, first + 1 + masked.count("\n", literal.start, literal.end)))
    lines, depth, result = masked.split("\n"), 0, set()
    for number, line in enumerate(lines):
        continued = number > 0 and lines[number - 1].rstrip().endswith("\\")
        if depth == 0 and number not in inside and not continued:
            result.add(number)
        for char in line:
            depth += 1 if char in "([{" else -1 if char in ")]}" else 0
        depth = max(depth, 0)
    return frozenset(result)


# --- Python 2 syntax (AG121) ----------------------------------------------------------------


@dataclass(frozen=True)
class Rewrite:
    """A Python 2 construct: its problem, and a same-length Python 3 stand-in for parsing."""

    start: int
    end: int
    message: str
    fix: str | None
    stand_in: str | None  # same length as source[start:end]; None when it parses already


_KEYWORDS_AFTER_NAME = r"(?!(?:in|is|if|else|and|or|for|not)\b)"
_PRINT_LIKE = re.compile(
    rf"(?:^|(?<=;))[ \t]*(?P<kw>print|exec)\b(?:(?P<gap>[ \t]+){_KEYWORDS_AFTER_NAME}"
    r"(?=[\w\"'`\[{])|[ \t]*(?=>>))",
    re.MULTILINE,
)
_BACKTICKS = re.compile(r"`([^`\n]*)`")
_EXCEPT_COMMA = re.compile(
    r"^[ \t]*except[ \t]+(?P<exc>[\w.]+|\([^()\n]*\))[ \t]*,[ \t]*(?P<name>[A-Za-z_]\w*)[ \t]*:",
    re.MULTILINE,
)
_RAISE_COMMA = re.compile(r"^[ \t]*raise[ \t]+(?P<exc>[\w.]+)[ \t]*(?P<comma>,)", re.MULTILINE)
_NUMBER_START = r"(?<![\w.])(?<![eE][+-])"
_OCTAL = re.compile(rf"{_NUMBER_START}0+(?P<digits>[1-7][0-7]*)(?P<long>[lL]?)(?![\w.])")
_LONG = re.compile(rf"{_NUMBER_START}(?P<number>0[xX][0-9a-fA-F]+|[1-9]\d*|0)[lL](?![\w.])")


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _logical_rest(source: str, masked: str, start: int) -> tuple[str, bool]:
    """The statement text from ``start`` to its end, and whether it stays on one line."""
    line_end = masked.find("\n", start)
    line_end = len(masked) if line_end < 0 else line_end
    semicolon = masked.find(";", start, line_end)
    end = semicolon if semicolon >= 0 else line_end
    segment = masked[start:end]
    balanced = all(segment.count(o) == segment.count(c) for o, c in _PAIRS.items())
    single = balanced and not segment.rstrip().endswith("\\")
    return source[start : start + len(segment.rstrip())], single


def _print_like(source: str, scan: Scan) -> Iterator[Rewrite]:
    for match in _PRINT_LIKE.finditer(scan.masked):
        kw_start = match.start("kw")
        line = scan.masked.count("\n", 0, kw_start)
        at_line_start = not scan.masked[:kw_start].rsplit("\n", 1)[-1].strip()
        if at_line_start and line not in scan.statement_lines:
            continue
        gap = match.group("gap")
        rest, single = _logical_rest(source, scan.masked, match.end())
        keyword = match.group("kw")
        modern, fix = _print_modern(keyword, rest, gap is None)
        if not single:
            modern, fix = f"{keyword}(…)", None
        # The stand-in covers only 'print ' ('print,' makes a tuple) so that rewrites inside
        # the statement (backticks) still apply.
        stand_in = None if gap is None else keyword + "," + gap[1:]
        end = match.end("gap") if gap is not None else match.end("kw")
        if fix is not None:
            end = match.end() + len(rest)
        yield Rewrite(
            kw_start,
            end,
            f"Python 2 {keyword} statement: in Python 3 write {modern}",
            fix,
            stand_in,
        )


def _print_modern(keyword: str, rest: str, redirected: bool) -> tuple[str, str | None]:
    """The Python 3 call for ``print rest`` / ``exec rest``, and a safe fix when there is one."""
    if keyword == "exec":
        code, _, namespace = rest.partition(" in ")
        args = f"{code.strip()}, {namespace.strip()}" if namespace else rest
        return f"exec({_shorten(args)})", None if namespace else f"exec({rest})"
    if redirected:
        target, _, args = rest.lstrip(">").partition(",")
        call = f"print({args.strip()}, file={target.strip()})" if args.strip() else "print()"
        return _shorten(call, 50), None
    if rest.rstrip().endswith(","):
        return f'print({_shorten(rest.rstrip()[:-1])}, end=" ")', None
    return f"print({_shorten(rest)})", f"print({rest})"


def _python2_rewrites(source: str, scan: Scan) -> list[Rewrite]:
    found = list(_print_like(source, scan))
    for match in _BACKTICKS.finditer(scan.masked):
        inner = source[match.start(1) : match.end(1)]
        found.append(
            Rewrite(
                match.start(),
                match.end(),
                f"backticks are Python 2 syntax for repr(): write repr({_shorten(inner)})",
                f"repr({inner})",
                f"({inner})",
            )
        )
    for match in re.finditer("<>", scan.masked):
        message = "'<>' is Python 2 syntax: write '!='"
        found.append(Rewrite(match.start(), match.end(), message, "!=", "!="))
    for match in _EXCEPT_COMMA.finditer(scan.masked):
        exc, name = match.group("exc"), match.group("name")
        start, end = match.start("exc"), match.end("name")
        blanked = exc + " " * (end - start - len(exc))
        message = f"Python 2 except syntax: write 'except {exc} as {name}:'"
        found.append(Rewrite(start, end, message, f"{exc} as {name}", blanked))
    for match in _RAISE_COMMA.finditer(scan.masked):
        exc = match.group("exc")
        message = f"Python 2 raise syntax: write 'raise {exc}(message)'"
        found.append(Rewrite(match.start("comma"), match.end("comma"), message, None, ";"))
    found.extend(_number_rewrites(scan.masked))
    found.extend(_prefix_rewrites(source, scan))
    return found


def _number_rewrites(masked: str) -> Iterator[Rewrite]:
    for match in _OCTAL.finditer(masked):
        modern = "0o" + match.group("digits")
        text = match.group(0)
        message = f"Python 2 octal literal {text}: write {modern}"
        stand_in = "1" + text[1:-1] + " " if match.group("long") else "1" + text[1:]
        yield Rewrite(match.start(), match.end(), message, modern, stand_in)
    for match in _LONG.finditer(masked):
        number = match.group("number")
        message = f"Python 2 long literal {match.group(0)}: write {number}"
        yield Rewrite(match.start(), match.end(), message, number, number + " ")


def _prefix_rewrites(source: str, scan: Scan) -> Iterator[Rewrite]:
    for literal in scan.strings:
        if literal.prefix.lower() == "ur":
            text = source[literal.start : literal.end]
            stand_in = text[1:] + " "  # drop the 'u'; a space keeps the length
            message = f"Python 2 string prefix {literal.prefix!r}: write r{literal.quote}…"
            yield Rewrite(literal.start, literal.end, message, None, stand_in)


def _without_overlaps(found: list[Rewrite]) -> list[Rewrite]:
    kept: list[Rewrite] = []
    for rewrite in sorted(found, key=lambda r: (r.start, -r.end)):
        if not kept or rewrite.start >= kept[-1].end:
            kept.append(rewrite)
    return kept


def _apply(source: str, rewrites: list[Rewrite]) -> str:
    """The source with every stand-in put in (each replaces the start of its span)."""
    text = source
    for rewrite in rewrites:
        if rewrite.stand_in is not None:
            stand_in = rewrite.stand_in[: rewrite.end - rewrite.start]
            text = text[: rewrite.start] + stand_in + text[rewrite.start + len(stand_in) :]
    return text


# --- Parsing, truncation (AG124) and syntax errors (AG120) ---------------------------------


def _parse(text: str) -> ast.Module | SyntaxError:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings (escapes, "is" literal) are not ours
        try:
            return ast.parse(text)
        except SyntaxError as error:
            return error
        except (ValueError, MemoryError, RecursionError):
            return SyntaxError("the code cannot be parsed")


_COMPOUND_HEADER = re.compile(
    r"^(?P<indent>[ \t]*)(?:async[ \t]+)?"
    r"(?:if|elif|else|for|while|try|except|finally|with|def|class|match|case)\b.*:[ \t]*$"
)


def _repairs(text: str, scan: Scan) -> Iterator[tuple[str, int, str]]:
    """Endings that would complete a cut-off snippet: (suffix, where to report, message)."""
    closers = "".join(_PAIRS[text[i]] for i in reversed(scan.unclosed))
    last = scan.strings[-1] if scan.strings else None
    if last is not None and not last.closed and len(last.quote) == 3:
        message = "the code is cut off inside a string that is never closed: complete the snippet"
        yield last.quote + closers, last.start, message
    if scan.unclosed and not scan.mismatched:
        bracket = text[scan.unclosed[0]]
        message = f"the code is cut off: this '{bracket}' is never closed; complete the snippet"
        yield closers, scan.unclosed[0], message
        yield " None" + closers, scan.unclosed[0], message
        return
    code_end = len(scan.masked.rstrip())
    last_line = scan.masked[:code_end].rsplit("\n", 1)[-1]
    header = _COMPOUND_HEADER.match(last_line)
    if header and not scan.mismatched:
        suffix = "\n" + header.group("indent") + "    pass"
        keyword = last_line.split()[0]
        message = f"the code is cut off after '{keyword} …:': its block is missing; complete it"
        yield suffix, code_end - 1, message
    if not scan.mismatched:
        message = "the code is cut off in the middle of an expression: complete the snippet"
        yield " None", code_end - 1, message


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return line + 1, offset - (text.rfind("\n", 0, offset) + 1)


def _syntax_problem(error: SyntaxError, text: str) -> Problem:
    lines = text.split("\n")
    line = min(max(error.lineno or 1, 1), len(lines))
    col = max((error.offset or 1) - 1, 0)
    end_line = error.end_lineno or line
    end_col = (error.end_offset or col + 2) - 1
    if end_line != line or end_col <= col:
        end_line, end_col = line, col + 1
    message = re.sub(r"\bon line (\d+)", r"on line {L\1}", error.msg)
    hint = _dot_for_comma_hint(error, lines[line - 1][col:end_col])
    return Problem(SYNTAX, line, col, end_line, end_col, hint or _syntax_message(message))


def _syntax_message(message: str) -> str:
    message = message.rstrip(".")
    return f"the Python code does not parse ({message}): fix the syntax"


def _dot_for_comma_hint(error: SyntaxError, segment: str) -> str | None:
    """``tf.Variable([.3].dtype=tf.float32)``: a dot typed where a comma belongs."""
    match = re.fullmatch(r"(?P<value>.*[\])\w'\"])\.(?P<name>[A-Za-z_]\w*)=?", segment)
    if not error.msg.startswith("expression cannot contain assignment") or match is None:
        return None
    value, name = match.group("value"), match.group("name")
    return (
        f"'{value}.{name}=' is not valid Python: a '.' stands where a ',' belongs; "
        f"write '{value}, {name}='"
    )


@dataclass(frozen=True)
class Parsed:
    """A syntax tree and the text it came from; shifts place one-line fallback parses."""

    tree: ast.Module
    lines: tuple[str, ...]
    line_shift: int = 0
    col_shift: int = 0

    def col(self, line: int, byte_col: int) -> int:
        """Character column of an AST (UTF-8 byte) column."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))

    def span(self, node: Any, name_only: str | None = None) -> tuple[int, int, int, int]:
        line, end_line = node.lineno, node.end_lineno or node.lineno
        col = self.col(line, node.col_offset)
        end_col = self.col(end_line, node.end_col_offset or node.col_offset)
        if name_only is not None:  # just the attribute or keyword name
            if isinstance(node, ast.Attribute):
                line, col = end_line, end_col - len(name_only)
            else:
                end_line, end_col = line, col + len(name_only)
        shift = self.line_shift
        return line + shift, col + self.col_shift, end_line + shift, end_col + self.col_shift

    def problem(self, code: str, node: Any, message: str, **options: Any) -> Problem:
        fix = options.pop("fix", None)
        return Problem(code, *self.span(node, **options), message, fix)


def _line_parses(text: str) -> list[Parsed]:
    """When the block does not parse, each line that parses alone (for removed APIs)."""
    parsed = []
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        for candidate in (stripped, stripped + " pass"):
            tree = _parse(candidate)
            if isinstance(tree, ast.Module):
                parsed.append(Parsed(tree, (candidate,), number, lead))
                break
    return parsed


@lru_cache(maxsize=1024)
def analyse(code: str, labelled: bool) -> Analysis:
    """Every problem of one code block (``labelled``: the fence names Python)."""
    source, shifts = _prepare(code)
    if not labelled:
        tree = _parse(source)
        looks_python = isinstance(tree, ast.Module) and any(
            isinstance(node, ast.Import | ast.ImportFrom) for node in ast.walk(tree)
        )
        if not isinstance(tree, ast.Module) or not looks_python:
            return Analysis(shifts, ())
        parsed = Parsed(tree, tuple(source.split("\n")))
        return Analysis(shifts, tuple(_tree_problems([parsed], source, complete=True)))
    scan = _scan(source)
    rewrites = _python2_rewrites(source, scan)
    problems = [
        Problem(PY2, *_position(source, r.start), *_position(source, r.end), r.message, r.fix)
        for r in _without_overlaps(rewrites)  # one report for 'print `x`'; both stand-ins
    ]
    text = _apply(source, rewrites)
    problems.extend(_parse_problems(text))
    return Analysis(shifts, tuple(_unique(problems)))


def _parse_problems(text: str) -> list[Problem]:
    tree = _parse(text)
    if isinstance(tree, ast.Module):
        return _tree_problems([Parsed(tree, tuple(text.split("\n")))], text, complete=True)
    scan = _scan(text)
    for suffix, offset, message in _repairs(text, scan):
        repaired = _parse(text + suffix)
        if isinstance(repaired, ast.Module):
            line, col = _position(text, offset)
            cut = Problem(TRUNCATED, line, col, line, col + 1, message)
            lines = tuple((text + suffix).split("\n"))
            return [cut, *_tree_problems([Parsed(repaired, lines)], text, complete=True)]
    return [_syntax_problem(tree, text), *_tree_problems(_line_parses(text), text, False)]


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, int, int, str]] = set()
    result = []
    for problem in sorted(problems, key=lambda p: (p.line, p.col, p.code)):
        key = (problem.code, problem.line, problem.col, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result


def _tree_problems(parsed: list[Parsed], text: str, complete: bool) -> list[Problem]:
    """Problems found on syntax trees. Names are checked only when the whole block parsed."""
    problems: list[Problem] = []
    aliases = _aliases(parsed)
    for item in parsed:
        problems.extend(_removed_apis(item, aliases))
        if complete:
            messages = _flake_messages(item.tree)
            problems.extend(_python2_names(item, messages))
            problems.extend(_undefined_names(item, messages))
    return problems


# --- Names: Python 2 builtins (AG121) and certain undefined names (AG122) -------------------

_PY2_BUILTINS = {
    "basestring": "str",
    "execfile": "exec(open(path).read())",
    "raw_input": "input",
    "unichr": "chr",
    "unicode": "str",
    "xrange": "range",
}
_PY2_METHODS = {
    "has_key": "'key in mapping'",
    "iteritems": ".items()",
    "iterkeys": ".keys()",
    "itervalues": ".values()",
}

# Builtins whose near misses are reported when called. Short ones (len, min, zip…) only for a
# change of case: "lst", "mx", "main" are real names; builtins that double as class names in
# libraries (sympy's Max, Abs; keras.Input) are left out of the case check.
_TYPO_BUILTINS = (
    "callable",
    "enumerate",
    "getattr",
    "hasattr",
    "isinstance",
    "issubclass",
    "print",
    "range",
    "reversed",
    "setattr",
    "sorted",
)
_CASE_BUILTINS = (*_TYPO_BUILTINS, "len", "zip", "repr", "divmod")
_OTHER_LANGUAGES = {"length": "len", "println": "print", "printf": "print"}
_NOT_TYPOS = frozenset({"arange", "pprint", "Input"})


def _osa_distance(a: str, b: str) -> int:
    """Edit distance counting an adjacent transposition as one edit."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _one_slip(name: str, target: str) -> bool:
    """Two letters swapped, or one letter dropped or doubled (not a plural 's' or a digit)."""
    if len(name) == len(target):
        diffs = [i for i, (a, b) in enumerate(zip(name, target, strict=True)) if a != b]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and (name[diffs[0]], name[diffs[1]]) == (target[diffs[1]], target[diffs[0]])
        )
    longer, shorter = (name, target) if len(name) > len(target) else (target, name)
    if len(longer) != len(shorter) + 1:
        return False
    for i, char in enumerate(longer):
        if longer[:i] + longer[i + 1 :] == shorter:
            plural = i == len(longer) - 1 and char == "s"
            return char.isalpha() and not plural
    return False


def builtin_typo(name: str) -> str | None:
    """The builtin that ``name`` (called, undefined) is certainly a misspelling of."""
    if name in _NOT_TYPOS or hasattr(builtins, name):
        return None
    lower = name.lower()
    for builtin in _CASE_BUILTINS:
        if lower == builtin:
            return builtin
    for spelling, builtin in _OTHER_LANGUAGES.items():
        if lower == spelling or (len(lower) >= 5 and _one_slip(lower, spelling)):
            return builtin
    if len(name) < 4:
        return None
    for builtin in _TYPO_BUILTINS:
        if _one_slip(lower, builtin):
            return builtin
        if len(builtin) >= 7 and _osa_distance(lower, builtin) <= 2 and lower[:2] == builtin[:2]:
            return builtin
    return None


def near_name(name: str, defined: set[str], assigned: set[str]) -> str | None:
    """A name of the snippet that ``name`` is certainly a misspelling of (``Sess``/``sess``).

    A change of case counts only for a lower-case use of an assigned name: ``model`` next to
    an imported ``Model`` class (or ``Model`` next to ``model = …``) is the usual convention.
    """
    for other in sorted(defined):
        if other == name:
            continue
        if len(name) >= 3 and other.lower() == name.lower():
            if name[0].islower() and other in assigned:
                return other
            continue
        if len(name) >= 5 and len(other) >= 5 and _one_slip(name, other):
            return other
    return None


@dataclass(frozen=True)
class Binding:
    line: int
    kind: str  # "import", "def", "class" or "name"


def _bindings(tree: ast.Module) -> dict[str, list[Binding]]:
    found: dict[str, list[Binding]] = {}

    def bind(name: str, line: int, kind: str) -> None:
        found.setdefault(name, []).append(Binding(line, kind))

    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bind(node.id, node.lineno, "name")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            bind(node.name, node.lineno, "def")
        elif isinstance(node, ast.ClassDef):
            bind(node.name, node.lineno, "class")
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                bind(bound, node.lineno, "import")
        elif isinstance(node, ast.arg):
            bind(node.arg, node.lineno, "name")
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bind(node.name, node.lineno, "name")
    return found


def _flake_messages(tree: ast.Module) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checker = flakes.Checker(tree, filename="<card>")
    return sorted(checker.messages, key=lambda m: (m.lineno, m.col))


def _name_nodes(tree: ast.Module) -> tuple[dict[tuple[int, int], ast.Name], set[int]]:
    """Load-context names by position, and the ids of those that are called."""
    names = {
        (node.lineno, node.col_offset): node
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    called = {
        id(node.func)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    return names, called


def _python2_names(parsed: Parsed, messages: list[Any]) -> Iterator[Problem]:
    for message in messages:
        name = message.message_args[0] if message.message_args else ""
        if isinstance(message, flake_messages.UndefinedName) and name in _PY2_BUILTINS:
            found = ast.Name(name, lineno=message.lineno, col_offset=message.col)
            found.end_lineno, found.end_col_offset = message.lineno, message.col + len(name)
            text = f"'{name}' is Python 2 only: use {_PY2_BUILTINS[name]} in Python 3"
            yield parsed.problem(PY2, found, text)
    for node in ast.walk(parsed.tree):
        if isinstance(node, ast.Attribute) and node.attr in _PY2_METHODS:
            modern = _PY2_METHODS[node.attr]
            text = f"'.{node.attr}()' is Python 2 only: use {modern} in Python 3"
            yield parsed.problem(PY2, node, text, name_only=node.attr)


def _undefined_names(parsed: Parsed, messages: list[Any]) -> Iterator[Problem]:
    bindings = _bindings(parsed.tree)
    names, called = _name_nodes(parsed.tree)
    for message in messages:
        if isinstance(message, flake_messages.UndefinedLocal):
            name, line = message.message_args
            text = (
                f"'{name}' is read before it is assigned in this function (the assignment "
                f"makes it local; the outer one is on line {{L{line}}}): assign it first, "
                "or pass it in as an argument"
            )
            yield _at_name(parsed, message, name, text)
        elif isinstance(message, flake_messages.UndefinedName):
            name = str(message.message_args[0])
            node = names.get((message.lineno, message.col))
            is_called = node is not None and id(node) in called
            verdict = _undefined_message(name, message.lineno, bindings, is_called)
            if verdict is not None:
                yield _at_name(parsed, message, name, verdict)


def _at_name(parsed: Parsed, message: Any, name: str, text: str) -> Problem:
    node = ast.Name(name, lineno=message.lineno, col_offset=message.col)
    node.end_lineno, node.end_col_offset = message.lineno, message.col + len(name.encode())
    return parsed.problem(UNDEFINED, node, text)


def _undefined_message(
    name: str, line: int, bindings: dict[str, list[Binding]], is_called: bool
) -> str | None:
    """What to say about an undefined name, or None when it may be defined off the card."""
    if name in _PY2_BUILTINS:
        return None  # AG121
    later = [b for b in bindings.get(name, []) if b.line > line and b.kind != "name"]
    if later:
        what = {"import": "its import", "def": "its 'def'", "class": "its 'class'"}
        first = min(later, key=lambda b: b.line)
        return (
            f"'{name}' is used before {what[first.kind]} on line {{L{first.line}}}: "
            f"move {what[first.kind]} above the first use"
        )
    assigned = {n for n, found in bindings.items() if any(b.kind == "name" for b in found)}
    other = near_name(name, set(bindings), assigned)
    if other is not None:
        return f"'{name}' is not defined, but '{other}' is: use one spelling for the name"
    builtin = builtin_typo(name) if is_called else None
    if builtin is not None:
        case = " (names are case-sensitive)" if builtin == name.lower() else ""
        return f"'{name}' is not defined: the Python builtin is '{builtin}'{case}"
    return None


# --- Removed and deprecated APIs (AG123) ----------------------------------------------------


@dataclass(frozen=True)
class Api:
    key: str  # qualified name, method name, or call prefix / method of a keyword entry
    status: str
    version: str
    replacement: str
    keyword: str | None = None
    on_method: bool = False  # a keyword entry for a method (``.fit(nb_epoch=…)``)

    def message(self, text: str) -> str:
        state = "no longer exists in" if self.status == "removed" else "is deprecated in"
        if self.keyword is not None:
            use = (
                f"write '{self.replacement}='"
                if self.replacement.isidentifier()
                else f"use {self.replacement}"
            )
            return f"the '{self.keyword}' argument of {text} {state} {self.version}: {use}"
        return f"'{text}' {state} {self.version}: use {self.replacement}"


@dataclass(frozen=True)
class ApiTable:
    names: dict[str, Api]
    patterns: tuple[tuple[re.Pattern[str], Api], ...]
    methods: dict[str, Api]
    keywords: tuple[Api, ...]


def load_removed_apis() -> dict[str, list[dict[str, Any]]]:
    text = resources.files("ankigen.lint").joinpath("data/removed_apis.yaml").read_text("utf-8")
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(text)
    return data


@cache
def _table() -> ApiTable:
    data = load_removed_apis()

    def api(entry: dict[str, Any], key: str) -> Api:
        return Api(
            key,
            str(entry["status"]),
            str(entry["in"]),
            str(entry["replacement"]),
            entry.get("keyword"),
            "method" in entry and "keyword" in entry,
        )

    names: dict[str, Api] = {}
    patterns = []
    for entry in data["names"]:
        name = str(entry["name"])
        if "*" in name:
            regex = re.escape(name).replace(r"\*", r"[^.]*")
            patterns.append((re.compile(regex), api(entry, name)))
        else:
            names[name] = api(entry, name)
    methods = {str(e["method"]): api(e, str(e["method"])) for e in data["methods"]}
    keywords = tuple(api(e, str(e.get("call") or e.get("method"))) for e in data["keywords"])
    return ApiTable(names, tuple(patterns), methods, keywords)


_DEFAULT_ALIASES = {"tf": "tensorflow"}
_KERAS_IN_TF = re.compile(r"^tensorflow(?:\.python)?\.keras(?=\.|$)")


def _canonical(qualified: str) -> str:
    return _KERAS_IN_TF.sub("keras", qualified)


def _lookup(qualified: str) -> Api | None:
    """The most specific entry for a qualified name or any name it lies under."""
    table = _table()
    parts = _canonical(qualified).split(".")
    for size in range(len(parts), 0, -1):
        prefix = ".".join(parts[:size])
        if prefix in table.names:
            return table.names[prefix]
        for pattern, api in table.patterns:
            if pattern.fullmatch(prefix):
                return api
    return None


def _aliases(parsed: list[Parsed]) -> dict[str, str]:
    aliases = dict(_DEFAULT_ALIASES)
    for item in parsed:
        for node in ast.walk(item.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        root = alias.name.split(".")[0]
                        aliases[root] = root
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return aliases


def _qualified(node: ast.expr, aliases: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id, node.id)
    if isinstance(node, ast.Attribute):
        value = _qualified(node.value, aliases)
        return None if value is None else f"{value}.{node.attr}"
    return None


def _removed_apis(parsed: Parsed, aliases: dict[str, str]) -> Iterator[Problem]:
    reported: set[tuple[str, str]] = set()  # (alias, entry) already reported at the import
    for node in ast.walk(parsed.tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _removed_imports(parsed, node, reported)
    inner = {id(n.value) for n in ast.walk(parsed.tree) if isinstance(n, ast.Attribute)}
    table = _table()
    for node in ast.walk(parsed.tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            yield from _removed_chain(parsed, node, aliases, reported)
        if isinstance(node, ast.Attribute) and node.attr in table.methods:
            message = table.methods[node.attr].message(f".{node.attr}()")
            yield parsed.problem(REMOVED, node, message, name_only=node.attr)
        if isinstance(node, ast.Call):
            yield from _removed_keywords(parsed, node, aliases)


def _removed_imports(
    parsed: Parsed, node: ast.Import | ast.ImportFrom, reported: set[tuple[str, str]]
) -> Iterator[Problem]:
    if isinstance(node, ast.ImportFrom):
        if not node.module or node.level:
            return
        api = _lookup(node.module)
        if api is not None:
            for alias in node.names:
                reported.add((alias.asname or alias.name, api.key))
            yield parsed.problem(REMOVED, node, api.message(node.module))
            return
        modules = [(alias, f"{node.module}.{alias.name}") for alias in node.names]
    else:
        modules = [(alias, alias.name) for alias in node.names]
    for alias, qualified in modules:
        api = _lookup(qualified)
        if api is not None:
            bound = alias.asname or (alias.name if isinstance(node, ast.ImportFrom) else "")
            reported.add((bound or alias.name.split(".")[0], api.key))
            yield parsed.problem(REMOVED, alias, api.message(qualified))


def _removed_chain(
    parsed: Parsed, node: ast.Attribute, aliases: dict[str, str], reported: set[tuple[str, str]]
) -> Iterator[Problem]:
    chain: list[ast.expr] = [node]
    while isinstance(chain[-1], ast.Attribute):
        chain.append(chain[-1].value)
    root = chain[-1]
    if not isinstance(root, ast.Name):
        return
    qualified = _qualified(node, aliases)
    api = None if qualified is None else _lookup(qualified)
    if api is None or (root.id, api.key) in reported:
        return
    for part in reversed(chain):  # the shortest expression that names the entry
        name = _qualified(part, aliases)
        if name is not None and _lookup(name) == api:
            text = ast.unparse(part)
            yield parsed.problem(REMOVED, part, api.message(text))
            return


def _removed_keywords(parsed: Parsed, call: ast.Call, aliases: dict[str, str]) -> Iterator[Problem]:
    qualified = _qualified(call.func, aliases)
    callee = _canonical(qualified) if qualified else None
    method = call.func.attr if isinstance(call.func, ast.Attribute) else None
    for keyword in call.keywords:
        for api in _table().keywords:
            if keyword.arg != api.keyword:
                continue
            if api.on_method:
                matches = method == api.key
            else:
                matches = callee is not None and (callee + ".").startswith(api.key + ".")
            if matches:
                text = ast.unparse(call.func)
                fix = api.replacement if api.replacement.isidentifier() else None
                message = api.message(text)
                yield parsed.problem(REMOVED, keyword, message, name_only=api.keyword, fix=fix)


# --- From block positions to file offsets ---------------------------------------------------


def _clean_with_map(raw: str) -> tuple[str, list[int]]:
    """Code without cloze markers, and each clean character's offset in ``raw``."""
    protected = cloze.protect(raw).text
    pairs: list[tuple[str, int]] = []
    position = 0
    for char in protected:
        pairs.append((char, position))
        if char == cloze.OPEN:
            marker = re.match(r"\{\{c\d+::", raw[position:])
            position += marker.end() if marker else 0
        else:
            position += 2 if char in (cloze.HINT, cloze.CLOSE) else 1
    kept: list[tuple[str, int]] = []
    in_hint = False
    for char, offset in pairs:
        if char == cloze.HINT:
            in_hint = True
        elif char == cloze.CLOSE:
            in_hint = False
        elif char != cloze.OPEN and not in_hint:
            kept.append((char, offset))
    clean = "".join(char for char, _ in kept)
    return clean, [offset for _, offset in kept] + [len(raw)]


@dataclass(frozen=True)
class BlockMap:
    document: LintDocument
    block: CodeBlock
    clean: str
    offsets: tuple[int, ...]  # clean character -> raw character (plus the end)

    @classmethod
    def of(cls, document: LintDocument, block: CodeBlock) -> BlockMap:
        if document.note.meta.type == NoteType.CLOZE:
            clean, offsets = _clean_with_map(block.code)
            if clean == document.clean_code(block):
                return cls(document, block, clean, tuple(offsets))
            clean = document.clean_code(block)  # unexpected: positions become approximate
            return cls(
                document,
                block,
                clean,
                tuple(min(i, len(block.code)) for i in range(len(clean) + 1)),
            )
        return cls(document, block, block.code, tuple(range(len(block.code) + 1)))

    def offset(self, line: int, col: int) -> int:
        """File offset of a clean-code position (1-based line, 0-based column)."""
        starts = [0, *(m.end() for m in re.finditer("\n", self.clean))]
        line = min(max(line, 1), len(starts))
        line_end = self.clean.find("\n", starts[line - 1])
        line_end = len(self.clean) if line_end < 0 else line_end
        raw = self.offsets[min(starts[line - 1] + col, line_end)]
        raw_starts = [0, *(m.end() for m in re.finditer("\n", self.block.code))]
        raw_line = bisect.bisect_right(raw_starts, raw) - 1
        file_line = self.block.first_line + raw_line
        return (
            self.document.offset_of_line(file_line) + self.block.indent + raw - raw_starts[raw_line]
        )

    def file_line(self, line: int) -> int:
        return self.document.position(self.offset(line, 0))[0]

    def finding(self, problem: Problem, shifts: tuple[int, ...]) -> Finding:
        def shifted(line: int, col: int) -> int:
            shift = shifts[line - 1] if 0 < line <= len(shifts) else 0
            return self.offset(line, col + shift)

        start = shifted(problem.line, problem.col)
        end = max(shifted(problem.end_line, problem.end_col), start)
        message = re.sub(
            r"\{L(\d+)\}", lambda m: str(self.file_line(int(m.group(1)))), problem.message
        )
        fix = None
        same_length = end - start == (problem.end_col - problem.col)
        if problem.fix is not None and problem.line == problem.end_line and same_length:
            fix = Fix(start, end, problem.fix)
        return Finding(start, end, message, fix)


def _findings(document: LintDocument, code: str) -> Iterator[Finding]:
    for block in document.code_blocks:
        language = block.language.lower()
        if language and language not in PYTHON_LANGUAGES:
            continue
        mapping = BlockMap.of(document, block)
        analysis = analyse(mapping.clean, bool(language))
        for problem in analysis.problems:
            if problem.code == code:
                yield mapping.finding(problem, analysis.shifts)


class _CodeRule(Rule):
    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        return _findings(document, self.code)


# --- The rules ------------------------------------------------------------------------------


class PythonSyntax(_CodeRule):
    """A Python code block that does not parse.

    Blocks fenced as ``python``, ``py`` or ``python3`` must be valid Python 3, because learners
    copy them. The position is the first error Python's parser finds, on the note's own line.
    Console sessions (``>>>`` prompts) are read without prompts and output, notebook lines
    (``%magic``, ``!pip``) are skipped, and cloze markers are removed first.
    Python 2 syntax is AG121 and code that is cut off is AG124 instead.
    """

    code = SYNTAX
    name = "python-syntax"
    summary = "Python code block does not parse"
    bad = "# How do you make a float variable?\n\n```python\nW = tf.Variable([.3].dtype=x)\n```\n"
    good = "# How do you make a float variable?\n\n```python\nW = tf.Variable([.3], dtype=x)\n```\n"


class Python2Syntax(_CodeRule):
    """Python 2 syntax in a Python code block.

    ``print x``, ``exec "code"``, backticks, ``<>``, ``except E, e:``, ``0777``, ``10L``,
    ``ur""``, ``raise E, "text"``, and Python 2 names (``xrange``, ``raw_input``,
    ``.iteritems()``). Python 3 rejects or means otherwise; the message names the Python 3
    form, and simple cases (``print x`` → ``print(x)``, ``<>`` → ``!=``) are fixed by --fix.
    A note that shows Python 2 on purpose labels its block ``python2``, which is not checked.
    """

    code = PY2
    name = "python2-syntax"
    summary = "Python 2 syntax (print statement, backticks, <>, old except) in Python code"
    fixable = True
    bad = "# How do you show the result?\n\n```python\nprint result\n```\n"
    good = "# How do you show the result?\n\n```python\nprint(result)\n```\n"


class UndefinedName(_CodeRule):
    """A name in Python code that is certainly undefined: a typo, not an off-card name.

    Card snippets use names defined elsewhere (``model``, ``x_train``, ``np``), so only what
    is certainly wrong is reported (found with pyflakes): a misspelled builtin that is called
    (``Print(a, b)``, ``lenght(x)``), a near miss of a name the snippet defines (``sess``
    after ``Sess = …``), a name used before its import, ``def`` or ``class`` further down, and
    a local variable read before its assignment.
    """

    code = UNDEFINED
    name = "undefined-name"
    summary = "misspelled or not-yet-defined name in Python code"
    bad = "# How do you print two tensors?\n\n```python\nPrint(a, b)\n```\n"
    good = "# How do you print two tensors?\n\n```python\nprint(a, b)\n```\n"


class RemovedApi(_CodeRule):
    """A removed or deprecated TensorFlow/Keras API in Python code.

    TensorFlow 1 code (``tf.placeholder``, ``tf.Session``, ``tf.train.*Optimizer``,
    ``tf.contrib``) and APIs gone from Keras 3 (``ImageDataGenerator``, ``fit_generator``,
    ``predict_classes``, ``lr=``) no longer run. The table is
    ``ankigen/lint/data/removed_apis.yaml``; the message names the replacement. Matching is
    done on the syntax tree with imports and aliases resolved, so prose, comments and strings
    that mention an old API ("tf.placeholder was removed") are never reported. Renamed
    keyword arguments (``lr=`` → ``learning_rate=``) are fixed by --fix.
    """

    code = REMOVED
    name = "removed-api"
    summary = "removed or deprecated TensorFlow/Keras API in Python code"
    fixable = True
    bad = "# How do you feed a value?\n\n```python\na = tf.placeholder(tf.float32)\n```\n"
    good = "# How do you feed a value?\n\n```python\na = keras.Input(shape=(3,))\n```\n"


class TruncatedCode(_CodeRule):
    """A Python snippet that is cut off: it would parse if it went on.

    Source articles often lose the end of a code example (``callback = [``,
    ``datagen = ImageDataGenerator(``). Reported at the bracket that is never closed (or at
    the end of the code), instead of as a syntax error. Complete the code or remove it.
    """

    code = TRUNCATED
    name = "truncated-code"
    summary = "Python snippet is cut off (brackets never closed, block missing)"
    bad = "# How do you add callbacks?\n\n```python\ncallback = [\n```\n"
    good = (
        "# How do you add callbacks?\n\n```python\n"
        "callback = [keras.callbacks.EarlyStopping(patience=3)]\n```\n"
    )


RULES: tuple[Rule, ...] = (
    PythonSyntax(),
    Python2Syntax(),
    UndefinedName(),
    RemovedApi(),
    TruncatedCode(),
)
