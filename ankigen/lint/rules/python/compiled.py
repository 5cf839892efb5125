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
    if keyword == "return" and _excerpt_end(line, tree):
        return False
    for stmt in tree.body:
        if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            defines = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
            return isinstance(stmt, defines)
        if isinstance(stmt, home):
            return True
        if keyword in ("break", "continue") and any(isinstance(n, home) for n in ast.walk(stmt)):
            return True
    return False


def _excerpt_end(line: int, tree: ast.Module) -> bool:
    """Whether the top-level statement on ``line`` is a ``return`` that an excerpt of a body
    ends with (the test is made on that statement, with the ones above it)."""
    for index, stmt in enumerate(tree.body):
        if stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno):
            return isinstance(stmt, ast.Return) and _excerpt_return(stmt, tree.body[:index])
    return False


def _excerpt_return(stmt: ast.stmt, above: list[ast.stmt]) -> bool:
    """A top-level ``return`` that hands back what the snippet's own top level built
    (``return EventSourceResponse(stream())`` under ``async def stream(): …``, ``return
    model`` under ``model = …``): the snippet is an excerpt of a body (an endpoint, a
    factory). Not when it reads a local of a function above (``def f(x): y = x * 2`` then
    ``return y``): that line fell out of the function."""
    if not isinstance(stmt, ast.Return) or stmt.value is None:
        return False
    read = {node.id for node in ast.walk(stmt.value) if isinstance(node, ast.Name)}
    top = set().union(*(_bound_at_top(node) for node in above))
    local = set().union(
        *(
            _locals(node)
            for node in above
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        )
    )
    return bool(read & top) and not (read & local) - top


def _bound_at_top(stmt: ast.stmt) -> set[str]:
    """The names a top-level statement binds (a definition's name, an import, a target)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return {stmt.name}
    if isinstance(stmt, ast.Import | ast.ImportFrom):
        return {(alias.asname or alias.name).split(".")[0] for alias in stmt.names}
    return {
        node.id
        for node in ast.walk(stmt)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }


def _locals(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """A function's parameters and the names its body assigns."""
    arguments = function.args
    every = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    every += [arg for arg in (arguments.vararg, arguments.kwarg) if arg is not None]
    stored = {
        node.id
        for stmt in function.body
        for node in ast.walk(stmt)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)
    }
    return {arg.arg for arg in every} | stored
