"""Errors Python's compiler finds after the parser (AG120): ``await`` in a plain ``def``,
``return`` or ``yield`` dedented out of a function, ``break`` out of its loop, ``global``
after use, a repeated argument. The tree is compiled, never run."""

from __future__ import annotations

import ast
import warnings

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.problem import SYNTAX, Problem

# A statement that a card may show as a fragment of a function or loop body ("inside the
# training loop: if loss < best: break"): at the top level it is reported only when the
# snippet shows the function or loop it fell out of.
_FRAGMENT = lazy_regex(r"'(return|yield|yield from|break|continue)' (?:outside|not properly in)")
_HOME = {
    "return": (ast.FunctionDef, ast.AsyncFunctionDef),
    "yield": (ast.FunctionDef, ast.AsyncFunctionDef),
    "yield from": (ast.FunctionDef, ast.AsyncFunctionDef),
    "break": (ast.For, ast.While, ast.AsyncFor),
    "continue": (ast.For, ast.While, ast.AsyncFor),
}


def compile_problem(tree: ast.Module, text: str) -> Problem | None:
    """The first error Python's compiler finds in a tree that parsed; None for fragments."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(tree, "<card>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
        except SyntaxError as error:
            return _problem(error, tree, text)
        except (ValueError, TypeError, MemoryError, RecursionError):
            return None
    return None


# A closure shown without its enclosing function: 'nonlocal' names a variable of that function.
_NONLOCAL_FRAGMENT = lazy_regex(r"no binding for nonlocal|nonlocal declaration not allowed at")


def _problem(error: SyntaxError, tree: ast.Module, text: str) -> Problem | None:
    line = error.lineno or 1
    if _NONLOCAL_FRAGMENT.match(error.msg or ""):
        return None
    fragment = _FRAGMENT.match(error.msg or "")
    if fragment is not None and not _fell_out(fragment.group(1), line, tree):
        return None
    lines = text.split("\n")
    line = min(max(line, 1), len(lines))
    col = max((error.offset or 1) - 1, 0)
    end_col = (error.end_offset or col + 2) - 1
    if (error.end_lineno or line) != line or end_col <= col:
        end_col = len(lines[line - 1].rstrip()) if len(lines[line - 1].rstrip()) > col else col + 1
    message = (error.msg or "invalid code").rstrip(".")
    return Problem(
        SYNTAX, line, col, line, end_col, f"Python rejects this code ({message}): fix it"
    )


def _fell_out(keyword: str, line: int, tree: ast.Module) -> bool:
    """Whether a ``keyword`` statement on ``line`` is certainly misplaced: inside a function or
    class the snippet shows, or at the top level after the function (or loop) it was meant to
    be in. Otherwise it is a fragment of a body the card leaves out."""
    home = _HOME[keyword]
    for stmt in tree.body:
        if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            defines = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
            return isinstance(stmt, defines)
        if isinstance(stmt, home):
            return True
        if keyword in ("break", "continue") and any(isinstance(n, home) for n in ast.walk(stmt)):
            return True
    return False
