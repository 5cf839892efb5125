"""Every problem of one code block: prepared, scanned, rewritten from Python 2, parsed and
checked."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.apis import import_aliases, removed_apis
from ankigen.lint.rules.python.compiled import compile_problem
from ankigen.lint.rules.python.excerpts import documented
from ankigen.lint.rules.python.former_names import former_names
from ankigen.lint.rules.python.library_names import (
    OTHER_FRAMES,
    Context,
    library_aliases,
    misspelled_names,
)
from ankigen.lint.rules.python.names import pyflakes_messages, python2_names, undefined_names
from ankigen.lint.rules.python.parse import (
    Parsed,
    line_parses,
    parse,
    parse_modern,
    position,
    repairs,
    syntax_problem,
)
from ankigen.lint.rules.python.prepare import prepare
from ankigen.lint.rules.python.problem import PY2, TRUNCATED, Problem
from ankigen.lint.rules.python.python2 import apply_rewrites, python2_rewrites, without_overlaps
from ankigen.lint.rules.python.scan import scan_source


@dataclass(frozen=True)
class Analysis:
    shifts: tuple[int, ...]  # columns removed from each line before parsing (prompts, dedent)
    problems: tuple[Problem, ...]


@lru_cache(maxsize=1024)
def analyse(
    code: str,
    labelled: bool,
    earlier: frozenset[str] = frozenset(),
    note_names: frozenset[str] | None = None,
) -> Analysis:
    """Every problem of one code block (``labelled``: the fence names Python; ``earlier``:
    the names that the note's code blocks before this one bind; ``note_names``: the names
    all its blocks bind, when one of them writes an import)."""
    source, shifts = prepare(code)
    if not labelled and _PYTHON_IMPORT.match(source.lstrip("\n")):
        labelled = True  # an indented block that starts with a Python import is Python
    if not labelled:
        source, tree = parse_modern(source)
        looks_python = isinstance(tree, ast.Module) and any(
            isinstance(node, ast.Import | ast.ImportFrom) for node in ast.walk(tree)
        )
        if not isinstance(tree, ast.Module) or not looks_python:
            return Analysis(shifts, ())
        parsed = Parsed(tree, tuple(source.split("\n")))
        problems = _tree_problems([parsed], source, True, earlier, note_names)
        return Analysis(shifts, tuple(problems))
    scan = scan_source(source)
    rewrites = python2_rewrites(source, scan)
    problems = [
        Problem(PY2, *position(source, r.start), *position(source, r.end), r.message, r.fix)
        for r in without_overlaps(rewrites)  # one report for 'print `x`'; both stand-ins
    ]
    text = apply_rewrites(source, rewrites)
    problems.extend(_parse_problems(text, earlier, note_names))
    return Analysis(shifts, tuple(_unique(problems)))


# 'import numpy as np', 'from torch import nn': not Java ('import a.b;'), Go ('import "fmt"')
# or JavaScript ('import x from "y"').
_PYTHON_IMPORT = lazy_regex(
    r"[ \t]*(?:import[ \t]+[A-Za-z_][\w.]*(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+"
    r"(?:[ \t]+as[ \t]+\w+)?)*|from[ \t]+\.*[A-Za-z_][\w.]*[ \t]+import[ \t]+[\w(*][^;\n]*)"
    r"[ \t]*(?:#[^\n]*)?$",
    re.MULTILINE,
)


def _parse_problems(
    text: str, earlier: frozenset[str], note_names: frozenset[str] | None
) -> list[Problem]:
    text, tree = parse_modern(text)
    if isinstance(tree, ast.Module):
        lines = tuple(text.split("\n"))
        compiled = compile_problem(tree, text)
        problems = _tree_problems([Parsed(tree, lines)], text, True, earlier, note_names)
        return [compiled, *problems] if compiled is not None else problems
    scan = scan_source(text)
    for suffix, offset, message in repairs(text, scan):
        repaired = parse(text + suffix)
        if isinstance(repaired, ast.Module):
            line, col = position(text, offset)
            cut = Problem(TRUNCATED, line, col, line, col + 1, message)
            lines = tuple((text + suffix).split("\n"))
            problems = _tree_problems([Parsed(repaired, lines)], text, True, earlier)
            return [cut, *problems]
    return [
        _graded(syntax_problem(tree, text), text),
        *_tree_problems(line_parses(text), text, False),
    ]


def _graded(problem: Problem, text: str) -> Problem:
    """The syntax error as a warning when the block follows a documentation convention
    (a signature listing, '...' for code left out) that parses once read as the reader
    reads it."""
    reading = documented(text)
    if reading is None:
        return problem
    message = problem.message.removesuffix(": fix the syntax")
    message = f"{message}: it reads as {reading[0]}; write it as Python if it is to run"
    return replace(problem, message=message, warning=True)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, int, int, str]] = set()
    result = []
    for problem in sorted(problems, key=lambda p: (p.line, p.col, p.code)):
        key = (problem.code, problem.line, problem.col, problem.message)
        if key not in seen:
            seen.add(key)
            result.append(problem)
    return result


def _library_context(text: str, note_names: frozenset[str] | None) -> Context:
    """What the block uses, or another block of the note imports (``pd``, ``torch``)."""
    own = Context.of_text(text)
    names = note_names or frozenset()
    return Context(
        own.torch or bool(names & {"torch", "nn"}),
        own.pandas or ("pd" in names and OTHER_FRAMES.search(text) is None),
    )


def _tree_problems(
    parsed: list[Parsed],
    text: str,
    complete: bool,
    earlier: frozenset[str] = frozenset(),
    note_names: frozenset[str] | None = None,
) -> list[Problem]:
    """Problems found on syntax trees. Names are checked only when the whole block parsed."""
    problems: list[Problem] = []
    aliases = import_aliases(parsed)
    context = _library_context(text, note_names)
    names = library_aliases(aliases, context)
    for item in parsed:
        problems.extend(removed_apis(item, aliases))
        problems.extend(misspelled_names(item, names, context))
        problems.extend(former_names(item, names, context))
        if complete:
            messages = pyflakes_messages(item.tree)
            problems.extend(python2_names(item, messages))
            problems.extend(undefined_names(item, messages, earlier, note_names))
    return problems
