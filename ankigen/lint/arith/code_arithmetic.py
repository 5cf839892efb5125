"""Results stated in comments of Python code: ``steps = n // batch_size  # 225`` or
``print(60_000 / 32)  # 1875``, when every name of the expression is a number assigned earlier
in the block.

The block is parsed with ``ast`` and the expression evaluated exactly over ``Fraction``s with
Python's own meaning of ``/``, ``//``, ``%``, ``**``, ``math.ceil``, ``math.floor``, ``int`` and
``round`` (never with ``eval``). Only the module's top-level statements are followed, in order,
so a loop or a function can never change a value behind the check's back: a name assigned
anywhere else is unknown. Positions are 0-based lines and columns of the code.
"""

from __future__ import annotations

import ast
import functools
import io
import math
import operator
import re
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.numbers import parse_number

# "# 225", "# -> 225", "# = 1,875 steps", "# prints 250.0", "# ≈ 0.33"; at most three words
# after, or five that say where the value goes ("# 120 px top and bottom") without comparing it
# to another ("# 2 more than the default").
_RESULT_COMMENT = lazy_regex(
    # a one-word label may come first when an arrow gives the value: "# float32 -> 1,024 B"
    r"^\s*(?:[A-Za-z_][\w.]*[ \t]*(?:->|=>|\N{RIGHTWARDS ARROW})(?=[ \t]*\d))?"
    r"\s*(?:(?P<approx>≈|~|about|approx\.?|roughly)\s*|(?:->|=>|==?|→|⇒|:|prints?:?|"
    r"gives:?|returns:?|is|output:?|result:?)\s*)?"
    # Swiss and Indian-keyboard writers group thousands with an apostrophe: "# 360'000 ms"
    r"(?P<number>-?(?:\d{1,3}(?:['\u2019]\d{3})+(?![\d'\u2019])|\d[\d_,]*)(?:\.\d+)?"
    r"(?:[eE][-+]?\d+)?)(?P<percent>\s*%)?"
    r"(?P<words>(?:\s+[A-Za-z][\w-]*(?:/[A-Za-z]+)?){0,3}"
    r"|(?:\s+(?!(?:than|more|less|fewer|not|no|instead|vs|versus|if|when|without|but|"
    r"would|should|could|per|of)\b)[A-Za-z][\w-]*){4,5})\s*\.?"
    # and an explanation after an arrow or a dash: "# 1.25  -> scale factor for kept units"
    r"(?P<aside>\s*(?:->|=>|\N{RIGHTWARDS ARROW}|--|\N{EM DASH}|\N{EN DASH})\s+\D[^\n]*"
    # or the same value restated in another unit: "# 5.76e10 bytes ≈ 57.6 GB"
    r"|(?P<restated>\s*(?:≈|~|=)\s*\d[\d.,]*\s*[A-Za-z][\w/]*))?\s*$"
)
# A comment in another unit than the expression: "60 * 60 * 24  # 1 day", "1024 ** 2  # 1 MB".
_UNIT_WORDS = lazy_regex(
    r"\b(?:ms|s|sec\w*|min\w*|h|hours?|days?|weeks?|months?|years?|[KMGT]i?B|bytes?|bits?|"
    r"[kmc]?m|miles?|percent|fold|times|x)\b",
    re.IGNORECASE,
)
# Words that make the number a ratio or a count of times: "# 4x", "# 3 times".
_RATIO_WORDS = lazy_regex(r"\b(?:fold|times|x)\b", re.IGNORECASE)


@functools.cache
def _unit_factors() -> tuple[Fraction, ...]:
    """The factors between usual units: powers of 1,000 and 1,024, the percent and the
    centimetre, seconds to minutes, hours, days, weeks and years, bits and bytes."""
    scales = {Fraction(1000) ** k for k in range(-5, 6)} | {
        Fraction(1024) ** k for k in range(-5, 6)
    }
    scales |= {Fraction(100), Fraction(1, 100)}
    times = [1, 60, 3600, 86400, 604800, 86400 * 365, 24, 7, 365, 30, 86400 * 30]
    clock = {Fraction(t) for t in times} | {Fraction(1, t) for t in times}
    bits = {Fraction(1), Fraction(8), Fraction(1, 8)}
    return tuple({s * t * b for s in scales for t in clock for b in bits})


# A size in bytes or bits converts by powers of 1,000 or 1,024 and by 8, never by a clock's
# factors: "# 5.76e10 bytes" for twice that many is no rounding of hours into days.
_DATA_UNIT = lazy_regex(r"\b(?:[KMGT]i?B|bytes?|bits?)\b", re.IGNORECASE)


@functools.cache
def _data_factors() -> tuple[Fraction, ...]:
    scales = {Fraction(1000) ** k for k in range(-5, 6)} | {
        Fraction(1024) ** k for k in range(-5, 6)
    }
    return tuple({s * b for s in scales for b in (Fraction(1), Fraction(8), Fraction(1, 8))})


_ROUNDING: dict[str, Callable[[Fraction], int]] = {
    "ceil": math.ceil,
    "floor": math.floor,
    "int": math.trunc,
    "trunc": math.trunc,
}


@dataclass(frozen=True)
class CodeClaim:
    line: int
    start: int  # columns of the stated number
    end: int
    expression: str  # the calculation with the numbers put in for the names
    value: Fraction
    claimed: str


class _Unknown(Exception):
    """The expression uses something the check does not know."""


# A value both exactly and as Python computes it: "1 // (2 / 50)" is 25 exactly but 24.0 in
# Python, whose floor division works on the float 0.04. A comment may state either.
_Value = tuple[Fraction, int | float]
_PYTHON_OPERATORS: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}


class _Names(dict[str, _Value]):
    """The block's known values, and the one-line helper functions it defines at its top
    level (``def out(n, k, s=1, p=0): return (n - k + 2 * p) // s + 1``): a call of one with
    known arguments is worked out like the expression it returns. Besides names, a call the
    checker cannot work out is known by its source text when the code states its value
    (``len(train_ds)  # 60917``); ``commented`` holds the names whose own line has a comment,
    which is their claim."""

    def __init__(self) -> None:
        super().__init__()
        self.functions: dict[str, ast.FunctionDef] = {}
        self.commented: set[str] = set()
        self.sources: dict[str, str] = {}  # a computed name's calculation, numbers put in


def _helper(statement: ast.stmt) -> ast.FunctionDef | None:
    """A function whose body is one ``return`` of an expression (a docstring allowed), with
    plain parameters and whole-number defaults."""
    if not isinstance(statement, ast.FunctionDef) or statement.decorator_list:
        return None
    body = statement.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    arguments = statement.args
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    if arguments.vararg or arguments.kwarg or arguments.kwonlyargs or arguments.posonlyargs:
        return None
    if not all(isinstance(d, ast.Constant) and type(d.value) is int for d in arguments.defaults):
        return None
    return statement


def _call_helper(node: ast.Call, names: dict[str, _Value], depth: int) -> _Value:
    functions = getattr(names, "functions", {})
    if not isinstance(node.func, ast.Name) or node.func.id not in functions or depth > 16:
        raise _Unknown
    function = functions[node.func.id]
    parameters = [argument.arg for argument in function.args.args]
    defaults = dict(zip(parameters[::-1], function.args.defaults[::-1], strict=False))
    if len(node.args) > len(parameters):
        raise _Unknown
    bound: dict[str, ast.expr] = dict(zip(parameters, node.args, strict=False))
    for keyword in node.keywords:
        if keyword.arg is None or keyword.arg not in parameters or keyword.arg in bound:
            raise _Unknown
        bound[keyword.arg] = keyword.value
    local = _Names()
    local.functions = functions
    for parameter in parameters:
        value = bound.get(parameter, defaults.get(parameter))
        if value is None:
            raise _Unknown
        local[parameter] = _evaluate(value, names, depth + 1)
    result = function.body[-1]
    assert isinstance(result, ast.Return) and result.value is not None
    return _evaluate(result.value, local, depth + 1)


def _evaluate(node: ast.expr, names: dict[str, _Value], depth: int = 0) -> _Value:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return Fraction(node.value), node.value
    if isinstance(node, ast.Constant) and type(node.value) is float:
        return Fraction(repr(node.value)), node.value
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    if isinstance(node, (ast.Call, ast.Attribute)) and _stated_key(node) in names:
        return names[_stated_key(node)]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        exact, python = _evaluate(node.operand, names)
        return (-exact, -python) if isinstance(node.op, ast.USub) else (exact, python)
    if isinstance(node, ast.BinOp):
        return _binary(node.op, _evaluate(node.left, names), _evaluate(node.right, names))
    if _rounds_to(node) is not None:
        assert isinstance(node, ast.Call)
        digits = _rounds_to(node) or 0
        exact, python = _evaluate(node.args[0], names)
        return Fraction(round(exact, digits)), round(python, digits)
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else ""
        name = node.func.id if isinstance(node.func, ast.Name) else name
        exact, python = _evaluate(node.args[0], names)
        if name in _ROUNDING:
            return Fraction(_ROUNDING[name](exact)), _ROUNDING[name](Fraction(python))
        if name == "round":
            return Fraction(round(exact)), round(python)
        if name == "abs":
            return abs(exact), abs(python)
        if name == "float":
            return exact, float(python)
    if isinstance(node, ast.Call):
        return _call_helper(node, names, depth)
    raise _Unknown


def _stated_key(node: ast.expr) -> str:
    """The key of a call whose value the code states: its source text (never an identifier,
    so it cannot clash with a name)."""
    return ast.unparse(node)


def _rounds_to(node: ast.expr) -> int | None:
    """The decimals of ``round(x, 4)``: Python prints the rounded float, digit for digit."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "round"
        and len(node.args) == 2
        and not node.keywords
        and isinstance(node.args[1], ast.Constant)
        and type(node.args[1].value) is int
        and 0 <= node.args[1].value <= 15
    ):
        return node.args[1].value
    return None


def _binary(operation: ast.operator, left: _Value, right: _Value) -> _Value:
    python_operator = _PYTHON_OPERATORS.get(type(operation))
    if python_operator is None:
        raise _Unknown
    if isinstance(operation, ast.Pow) and (right[0].denominator != 1 or abs(right[0]) > 64):
        raise _Unknown
    try:
        python = python_operator(left[1], right[1])
    except (ArithmeticError, ValueError) as error:
        raise _Unknown from error
    if not isinstance(python, (int, float)):
        raise _Unknown  # a negative number to a fractional power is complex
    try:
        exact = _exact(operation, left[0], right[0])
    except ZeroDivisionError:  # "1 // (1 % (1 / 3))": 0 exactly, 0.333… in floats
        exact = Fraction(python)  # Python's own value is what the code computes
    return exact, python


def _exact(operation: ast.operator, a: Fraction, b: Fraction) -> Fraction:
    """The operation over exact fractions (Python has already checked that it is defined)."""
    if isinstance(operation, ast.Add):
        return a + b
    if isinstance(operation, ast.Sub):
        return a - b
    if isinstance(operation, ast.Mult):
        return a * b
    if isinstance(operation, ast.Div):
        return a / b
    if isinstance(operation, ast.FloorDiv):
        return Fraction(math.floor(a / b))
    if isinstance(operation, ast.Mod):
        return a - b * math.floor(a / b)
    return a ** int(b)


def _is_calculation(node: ast.expr) -> bool:
    """Whether an expression computes something (not just a literal)."""
    return not isinstance(node, ast.Constant) and not (
        isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant)
    )


def _shown(node: ast.expr, names: dict[str, _Value]) -> str:
    """The expression with the known names replaced by their numbers."""

    class _PutNumbers(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.expr:
            value = names.get(name.id)
            return name if value is None else ast.Constant(value[1])

    text = ast.unparse(_PutNumbers().visit(ast.parse(ast.unparse(node), mode="eval")))
    return re.sub(r"(?<![\w.])(\d{5,})(?![\w.])", lambda m: f"{int(m.group(1)):,}", text)


def comments_by_line(code: str) -> dict[int, tuple[int, str]]:
    """Each line's comment: 0-based line -> (column after the ``#``, text)."""
    found: dict[int, tuple[int, str]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.COMMENT:
                found[token.start[0] - 1] = (token.start[1] + 1, token.string[1:])
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return {}
    return found


def _assign(target: ast.expr, value: ast.expr, names: dict[str, _Value]) -> None:
    """Remember numbers assigned to names ("a, b = 10_000, 40"); forget anything else."""
    if isinstance(target, ast.Name):
        for key in [key for key in names if "(" in key or "." in key]:
            if re.search(rf"\b{re.escape(target.id)}\b", key):
                del names[key]  # "len(ds)" stated before ds changed is no longer known
        sources = getattr(names, "sources", {})
        sources.pop(target.id, None)
        try:
            names[target.id] = _evaluate(value, names)
        except _Unknown:
            names.pop(target.id, None)
            return
        if _is_calculation(value) and not isinstance(value, ast.Name):
            sources[target.id] = _shown(value, names)
        return
    if isinstance(target, (ast.Tuple, ast.List)):
        values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else []
        if len(values) != len(target.elts):
            values = [ast.Constant(None)] * len(target.elts)
        for item, item_value in zip(target.elts, values, strict=True):
            _assign(item, item_value, names)


def _assigned_elsewhere(tree: ast.Module) -> set[str]:
    """Names assigned inside loops, functions, classes or conditions: their value is unsure."""
    unsure: set[str] = set()
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                unsure.add(node.id)
    return unsure


@functools.lru_cache(maxsize=256)
def parse_commented(code: str) -> tuple[ast.Module, dict[int, tuple[int, str]]] | None:
    """A code block's syntax tree and its comments by line, or None when it has no comment or
    does not parse. Shared by the calculation and the layer checks (parsed once; the tree is
    only read)."""
    if "#" not in code:
        return None
    try:
        return ast.parse(code), comments_by_line(code)
    except (SyntaxError, ValueError, RecursionError):
        return None


# An interactive session's prompt and the code after it: ">>> 1 / (1 - rate)", or IPython's
# and Jupyter's numbered cells, "In [15]: round(x, 4)".
_PROMPT = lazy_regex(r"^[ \t]*(?:>>>|In[ \t]*\[\d*\]:)[ \t]?(?P<code>.*)$")
# What the session printed for an expression, when it is one number: "1.25", "3136", "-0.5",
# after IPython's output marker if it has one ("Out[15]: 0.2867").
_PRINTED = lazy_regex(
    r"^[ \t]*(?:Out[ \t]*\[\d*\]:[ \t]*)?"
    r"(?P<number>-?\d[\d_,]*(?:\.\d+)?(?:[eE][-+]?\d+)?)[ \t]*$"
)


def session_claims(code: str) -> Iterator[CodeClaim]:
    """Wrong results an interactive session shows: ">>> rate = 0.2", ">>> 1 / (1 - rate)",
    then "1.2" on the next line. Names keep the numbers earlier prompts assigned; a statement
    continued over "..." lines, or one that does not parse, makes every name unsure."""
    lines = code.split("\n")
    if not any(_PROMPT.match(line) for line in lines):
        return
    names: dict[str, _Value] = {}
    for index, line in enumerate(lines):
        prompt = _PROMPT.match(line)
        if prompt is None:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        try:
            tree = ast.parse(prompt.group("code").strip())
        except (SyntaxError, ValueError, RecursionError):
            names.clear()
            continue
        if following.lstrip().startswith("..."):
            names.clear()
            continue
        for statement in tree.body:
            if isinstance(statement, ast.Assign):
                for target in statement.targets:
                    _assign(target, statement.value, names)
                continue
            printed = _PRINTED.match(following)
            # ">>> steps" echoes the name's value; one statement owns the line below
            echoed = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Name)
            expression = (
                statement.value
                if isinstance(statement, ast.Expr) and echoed
                else _claimed_expression(statement)
            )
            if printed is None or expression is None or len(tree.body) != 1:
                continue
            claim = _printed_claim(expression, names, printed, index + 1, _formats(statement))
            if claim is not None:
                yield claim


def _printed_claim(
    expression: ast.expr,
    names: dict[str, _Value],
    printed: re.Match[str],
    line: int,
    formatted: bool = False,
) -> CodeClaim | None:
    try:
        exact, python = _evaluate(expression, names)
    except _Unknown:
        return None
    stated = _RESULT_COMMENT.match(printed.group("number"))
    if stated is None:
        return None
    if _agrees(exact, stated, formatted) or _agrees(Fraction(python), stated, formatted):
        return None
    value = exact if math.isclose(exact, python, rel_tol=1e-12) else Fraction(python)
    start, end = printed.span("number")
    shown = expression.id if isinstance(expression, ast.Name) else _shown(expression, names)
    return CodeClaim(line, start, end, shown, value, printed.group("number"))


def output_claims(code: str, output: str) -> Iterator[CodeClaim]:
    """Wrong values in the output a block's prints are shown to give, one line per print:
    ``print(1 / (1 - rate))`` then, in the output block below, ``1.2``. Every print must be a
    top-level statement with one value, and the output must have one line per print; lines
    are 0-based lines of ``output``."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError):
        return
    lines = [(index, line) for index, line in enumerate(output.split("\n")) if line.strip()]
    prints: list[tuple[ast.expr | None, dict[str, _Value], bool]] = []
    names: dict[str, _Value] = {}
    for statement in tree.body:
        if not isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Expr)):
            if any(_is_print(node) for node in ast.walk(statement)):
                return  # a print in a loop or a condition prints an unknown number of lines
            names.clear()
            continue
        if isinstance(statement, ast.Expr) and _is_print(statement.value):
            call = statement.value
            assert isinstance(call, ast.Call)
            if len(call.args) != 1 or call.keywords:
                return
            argument = call.args[0]
            value = _formatted(argument) if isinstance(argument, ast.JoinedStr) else argument
            prints.append((value, dict(names), isinstance(argument, ast.JoinedStr)))
        elif any(_is_print(node) for node in ast.walk(statement)):
            return
        _track_assignment(statement, names)
    if not prints or len(prints) != len(lines):
        return
    for (expression, known, formatted), (index, line) in zip(prints, lines, strict=True):
        printed = _PRINTED.match(line)
        if expression is None or printed is None or isinstance(expression, ast.Constant):
            continue
        claim = _printed_claim(expression, known, printed, index, formatted)
        if claim is not None:
            yield claim


def _track_assignment(statement: ast.stmt, names: dict[str, _Value]) -> None:
    """Record what a plain or augmented assignment gives its names ("x = 3", "x += 1")."""
    if isinstance(statement, ast.Assign):
        for target in statement.targets:
            _assign(target, statement.value, names)
    elif isinstance(statement, ast.AugAssign) and isinstance(statement.target, ast.Name):
        _assign(
            statement.target,
            ast.BinOp(ast.Name(statement.target.id, ast.Load()), statement.op, statement.value),
            names,
        )


def _is_print(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
    )


# Built-ins that read their arguments and change nothing.
_PURE_CALLS = frozenset({"print", "len", "sum", "min", "max", "round", "abs", "int", "float"})


def _may_change_state(statement: ast.stmt) -> bool:
    """A call made for its effect ("cache.shrink_to_fit()", "time.sleep(3)", "ds.append(x)"):
    a value the code stated for a call before it may have changed."""
    if not isinstance(statement, ast.Expr):
        return False
    call = statement.value.value if isinstance(statement.value, ast.Await) else statement.value
    if not isinstance(call, ast.Call):
        return False
    return not (isinstance(call.func, ast.Name) and call.func.id in _PURE_CALLS)


def _forget_stated_calls(names: dict[str, _Value]) -> None:
    """Forget the values stated for calls and attributes ("len(cache)", "cache.capacity()")."""
    for key in [key for key in names if "(" in key or "." in key]:
        del names[key]


def code_claims(code: str) -> Iterator[CodeClaim]:
    """Wrong results stated in comments of the block's top-level statements, and printed by
    an interactive session."""
    yield from session_claims(code)
    parsed = parse_commented(code)
    if parsed is None:
        return
    tree, comments = parsed
    unsure = _assigned_elsewhere(tree)
    names = _Names()
    lines = code.split("\n")
    for statement in tree.body:
        helper = _helper(statement)
        if helper is not None:
            names.functions[helper.name] = helper
            continue
        if _may_change_state(statement):
            _forget_stated_calls(names)
        claim = _statement_claim(statement, names, comments)
        if claim is not None:
            yield claim
        else:
            yield from _printed_values(statement, names, comments, lines)
        _track_assignment(statement, names)
        _sized_assignment(statement, names)
        if isinstance(statement, ast.AnnAssign) and statement.value is not None:
            _assign(statement.target, statement.value, names)
        if claim is None:
            _values_from_comment(statement, names, comments)
            _stated_call_value(statement, names, comments, lines)
        _note_commented(statement, names, comments)
        for name in unsure:
            names.pop(name, None)


# Keywords of a PyTorch DataLoader that do not change how many batches it yields.
_LOADER_KEEPS = frozenset(
    {
        "batch_size",
        "shuffle",
        "drop_last",
        "num_workers",
        "pin_memory",
        "collate_fn",
        "persistent_workers",
        "prefetch_factor",
        "worker_init_fn",
        "generator",
        "timeout",
    }
)


def _sized_assignment(statement: ast.stmt, names: dict[str, _Value]) -> None:
    """Lengths that PyTorch's data utilities give their results, when the lengths they start
    from are known: ``a, b = random_split(ds, [n1, n2])`` gives ``len(a) == n1``, and
    ``loader = DataLoader(a, batch_size=B)`` gives ⌈len(a) / B⌉ batches (⌊ ⌋ under
    ``drop_last=True``). A sampler or any other setting leaves the length unknown."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return
    target, call = statement.targets[0], statement.value
    if not isinstance(call, ast.Call):
        return
    function = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    function = call.func.id if isinstance(call.func, ast.Name) else function
    if function == "random_split" and isinstance(target, (ast.Tuple, ast.List)):
        parts = call.args[1] if len(call.args) == 2 and not call.keywords else None
        if not isinstance(parts, (ast.List, ast.Tuple)) or len(parts.elts) != len(target.elts):
            return
        try:
            lengths = [_evaluate(part, names) for part in parts.elts]
        except _Unknown:
            return
        if any(exact.denominator != 1 for exact, _ in lengths):
            return  # fractions of a data set round by a rule of their own
        for item, length in zip(target.elts, lengths, strict=True):
            if isinstance(item, ast.Name):
                names[f"len({item.id})"] = length
        return
    if function != "DataLoader" or not isinstance(target, ast.Name) or not call.args:
        return
    keywords = {keyword.arg: keyword.value for keyword in call.keywords}
    if None in keywords or not set(keywords) <= _LOADER_KEEPS or len(call.args) > 2:
        return
    batch = call.args[1] if len(call.args) == 2 else keywords.get("batch_size")
    drop = keywords.get("drop_last", ast.Constant(False))
    if batch is None or not isinstance(drop, ast.Constant) or not isinstance(drop.value, bool):
        return
    try:
        size = _evaluate(ast.Call(ast.Name("len", ast.Load()), [call.args[0]], []), names)[0]
        batch_size = _evaluate(batch, names)[0]
    except _Unknown:
        return
    if batch_size <= 0 or size.denominator != 1 or batch_size.denominator != 1:
        return
    count = math.floor(size / batch_size) if drop.value else math.ceil(size / batch_size)
    names[f"len({target.id})"] = (Fraction(count), count)


def _note_commented(
    statement: ast.stmt, names: _Names, comments: dict[int, tuple[int, str]]
) -> None:
    """Remember which assigned names have a comment on their line (their value's claim)."""
    if not isinstance(statement, ast.Assign):
        return
    commented = any(
        line in comments for line in range(statement.lineno - 1, statement.end_lineno or 0)
    )
    for target in statement.targets:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                (names.commented.add if commented else names.commented.discard)(node.id)


def _stated_call_value(
    statement: ast.stmt,
    names: _Names,
    comments: dict[int, tuple[int, str]],
    lines: list[str],
) -> None:
    """A call the checker cannot work out whose value the code states, bare or printed, on
    its line or on the comment line right below a print: ``len(train_ds)  # 60917 pairs``,
    ``print(len(df))`` then ``# 3000000``. Later calculations with the same call use it."""
    if not isinstance(statement, ast.Expr) or statement.lineno != statement.end_lineno:
        return
    node = statement.value
    line = statement.lineno - 1
    if _is_print(node):
        assert isinstance(node, ast.Call)
        if len(node.args) != 1 or node.keywords:
            return
        node = node.args[0]
        if line not in comments and line + 1 in comments:
            if lines[line + 1].split("#")[0].strip():
                return
            line += 1
    if not isinstance(node, (ast.Call, ast.Attribute)) or line not in comments:
        return
    try:
        _evaluate(node, names)
        return  # worked out: the comment is a claim, judged elsewhere
    except _Unknown:
        pass
    stated = _RESULT_COMMENT.match(comments[line][1])
    if stated is None or stated.group("approx") or stated.group("percent"):
        return
    number = parse_number(stated.group("number").replace("_", "").lstrip("-"))
    if number is None or stated.group("number").startswith("-"):
        return
    exact = number.value
    python = (
        int(exact) if exact.denominator == 1 and "." not in stated.group("number") else float(exact)
    )
    names[_stated_key(node)] = (exact, python)


def _values_from_comment(
    statement: ast.stmt, names: dict[str, _Value], comments: dict[int, tuple[int, str]]
) -> None:
    """Names whose value the code computes by a call the checker does not evaluate, stated by
    the comment of their own line: ``new_w, new_h = round(w * r), round(h * r)  # 640, 360``.
    Authors write such a comment to carry the value on, and the later lines' comments are
    worked from it; one bare number per name, nothing else."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return
    line = statement.lineno - 1
    if line not in comments or (statement.end_lineno or statement.lineno) - 1 != line:
        return
    target = statement.targets[0]
    targets = target.elts if isinstance(target, (ast.Tuple, ast.List)) else [target]
    if not all(isinstance(item, ast.Name) for item in targets):
        return
    listed = _PRINTED_LIST.match(comments[line][1])
    if listed is None:
        return
    numbers = list(_LISTED_NUMBER.finditer(listed.group("numbers")))
    if len(numbers) != len(targets):
        return
    for item, number in zip(targets, numbers, strict=True):
        assert isinstance(item, ast.Name)
        if item.id in names:
            continue  # computed by the checker: its comment was judged, not taken
        value = parse_number(number.group().replace("_", "").lstrip("-"))
        if value is None:
            return
        exact = -value.value if number.group().startswith("-") else value.value
        python = (
            int(exact) if exact.denominator == 1 and "." not in number.group() else float(exact)
        )
        names[item.id] = (exact, python)


# A comment that lists what a print shows, one number per value: "# 512 1048576",
# "# -> 0.5, 0.25", "# output: 512 1,048,576".
_PRINTED_LIST = lazy_regex(
    r"^\s*(?:(?:->|=>|\N{RIGHTWARDS ARROW}|prints?:?|output:?|out:?)\s*)?"
    r"(?P<numbers>-?\d[\d_,.]*(?:[eE][-+]?\d+)?(?:(?:,?\s+)-?\d[\d_,.]*(?:[eE][-+]?\d+)?)*)\s*$",
    re.IGNORECASE,
)
_LISTED_NUMBER = lazy_regex(r"-?\d(?:[\d_]|,(?=\d{3}\b))*(?:\.\d+)?(?:[eE][-+]?\d+)?")


def _printed_values(
    statement: ast.stmt,
    names: dict[str, _Value],
    comments: dict[int, tuple[int, str]],
    lines: list[str],
) -> Iterator[CodeClaim]:
    """Wrong values in a comment that shows what a print of several values, or of one value on
    the comment line right below it, prints: ``print(n, n * seq_len)`` then ``# 512 1048576``.
    Every value must be computed from known names; the comment holds only the numbers, one
    per value. Only calculations written in the print are judged: a printed name's value is
    the claim of the line that computes it."""
    if not isinstance(statement, ast.Expr) or not _is_print(statement.value):
        return
    call = statement.value
    assert isinstance(call, ast.Call)
    if call.keywords or not call.args or any(isinstance(a, ast.Starred) for a in call.args):
        return
    line = (statement.end_lineno or statement.lineno) - 1
    if statement.lineno - 1 != line:
        return
    if line in comments and len(call.args) > 1:
        column, comment = comments[line]
    elif (
        # the line's own comment, if any, says something else ("# drop_last=True: ...")
        (line not in comments or not re.search(r"\d(?![\w=])", comments[line][1].split(":")[-1]))
        and line + 1 in comments
        and not lines[line + 1].split("#")[0].strip()
    ):
        line += 1
        column, comment = comments[line]
    else:
        return
    listed = _PRINTED_LIST.match(comment)
    if listed is None:
        return
    numbers = list(_LISTED_NUMBER.finditer(comment, listed.start("numbers")))
    if len(numbers) != len(call.args):
        return
    commented: set[str] = getattr(names, "commented", set())
    for argument, number in zip(call.args, numbers, strict=True):
        if isinstance(argument, ast.Name) and (
            argument.id in commented or argument.id not in names
        ):
            continue  # a name's value is its own line's claim, when that line has a comment
        if isinstance(argument, ast.JoinedStr) or (
            not _is_calculation(argument) and not isinstance(argument, ast.Name)
        ):
            continue
        try:
            exact, python = _evaluate(argument, names)
        except _Unknown:
            return
        stated = _RESULT_COMMENT.match(number.group())
        if stated is None:
            return
        if _agrees(exact, stated) or _agrees(Fraction(python), stated):
            continue
        value = exact if math.isclose(exact, python, rel_tol=1e-12) else Fraction(python)
        shown = _shown(argument, names)
        if isinstance(argument, ast.Name):
            source = getattr(names, "sources", {}).get(argument.id)
            shown = argument.id if source is None else f"{argument.id} = {source}"
        yield CodeClaim(
            line, column + number.start(), column + number.end(), shown, value, number.group()
        )


def _statement_claim(
    statement: ast.stmt, names: dict[str, _Value], comments: dict[int, tuple[int, str]]
) -> CodeClaim | None:
    line = (statement.end_lineno or statement.lineno) - 1
    if line not in comments or statement.lineno - 1 != line:
        return None  # a comment after a statement of several lines may be about any of them
    expression = _claimed_expression(statement)
    if expression is None:
        return None
    column, comment = comments[line]
    stated = _RESULT_COMMENT.match(comment)
    if stated is None and _is_print_statement(statement):
        # a print's comment that works the calculation states what it prints after its last
        # "=": "print(round(f1, 4))  # 0.96 / 1.40 = 0.6857"
        worked = _WORKED_COMMENT.match(comment)
        if worked is not None:
            column += worked.start("result")
            stated = _RESULT_COMMENT.match(worked.group("result"))
            if stated is not None and (stated.group("words").strip() or stated.group("aside")):
                stated = None  # words after the result: the comment talks, it shows no output
    if stated is None:
        return None
    try:
        exact, python = _evaluate(expression, names)
    except _Unknown:
        return None
    formatted = _formats(statement)
    digits = _rounds_to(expression)
    if digits is not None and not stated.group("approx") and not stated.group("words").strip():
        # round(x, n) prints its float in full: a claim must be that number, no coarser one
        claimed = parse_number(stated.group("number").replace("_", "").lstrip("-"))
        if claimed is not None and claimed.value != abs(Fraction(repr(python))):
            return CodeClaim(
                line,
                column + stated.start("number"),
                column + stated.end("number"),
                _shown(expression, names),
                Fraction(repr(python)),
                stated.group("number"),
            )
    if _agrees(exact, stated, formatted) or _agrees(Fraction(python), stated, formatted):
        return None
    # what Python prints, when it differs from the exact value by more than float noise
    value = exact if math.isclose(exact, python, rel_tol=1e-12) else Fraction(python)
    start, end = (column + offset for offset in stated.span("number"))
    shown = _shown(expression, names)
    return CodeClaim(line, start, end, shown, value, stated.group("number"))


# A comment that works a calculation out and ends in its result: "120 / 150 = 0.80".
_WORKED_COMMENT = lazy_regex(
    r"^\s*[^=\n]*\d[^=\n]*[-+*/^\N{MULTIPLICATION SIGN}\N{DIVISION SIGN}][^=\n]*\d[^=\n]*"
    r"(?:=[^=\n]*)*?=(?P<result>[^=\n]*)$"
)


def _is_print_statement(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and _is_print(statement.value)


def _claimed_expression(statement: ast.stmt) -> ast.expr | None:
    """The expression whose value the line's comment may state."""
    value: ast.expr | None = None
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        value = statement.value
    elif isinstance(statement, ast.Expr):
        value = statement.value
        call = value if isinstance(value, ast.Call) else None
        if call is not None and isinstance(call.func, ast.Name) and call.func.id == "print":
            value = call.args[0] if len(call.args) == 1 and not call.keywords else None
            value = _formatted(value) if isinstance(value, ast.JoinedStr) else value
            if value is not None and isinstance(value, ast.Name):
                return value  # print(steps): the comment states the variable's value
    if value is None or not _is_calculation(value) or isinstance(value, ast.Name):
        return None
    return value


def _formats(statement: ast.stmt) -> bool:
    """Whether the statement prints an f-string."""
    return (
        isinstance(statement, ast.Expr)
        and _is_print(statement.value)
        and isinstance(statement.value, ast.Call)
        and len(statement.value.args) == 1
        and isinstance(statement.value.args[0], ast.JoinedStr)
    )


def _formatted(text: ast.JoinedStr) -> ast.expr | None:
    """The one value an f-string prints: ``f"{n / 128:.1f}"``, ``f"steps: {n // 32}"``. Its
    format only rounds, which a stated result may do anyway; a conversion or a second value
    makes it no one number."""
    values = [part for part in text.values if isinstance(part, ast.FormattedValue)]
    if len(values) != 1 or values[0].conversion != -1:
        return None
    return values[0].value


def _agrees(value: Fraction, stated: re.Match[str], formatted: bool = False) -> bool:
    """Whether the stated number is the value, rounded to its digits (half away from zero,
    or either way for an f-string's format, which rounds half to even), cut, approximate or
    in another unit."""
    aside = "" if stated.group("restated") else stated.group("aside") or ""
    if _RATIO_WORDS.search(stated.group("words")) or _UNIT_WORDS.search(aside):
        return True  # a ratio, or a unit named in an aside: not surely the value
    number = parse_number(stated.group("number").replace("_", "").lstrip("-"))
    if number is None:
        return True  # not a number after all: nothing to compare
    claimed = -number.value if stated.group("number").startswith("-") else number.value
    candidates = [value, value * 100] if stated.group("percent") else [value]
    if _UNIT_WORDS.search(stated.group("words")):
        # in a unit: the value itself or converted by any usual factor ("# 1 day" for
        # 60 * 60 * 24, "# 3.7 MB" for a count of bytes), loosely rounded as conversions
        # are, but never off by a bare factor of ten
        family = _data_factors() if _DATA_UNIT.search(stated.group("words")) else _unit_factors()
        if _all_digits(stated.group("number")) and claimed.denominator == 1:
            # "# 768432 examples/s": every digit written, a count in its own unit, no
            # conversion's rounding (a digit slip of 2 % is no rounding)
            if value == claimed:
                return True
            factors: tuple[Fraction, ...] = tuple(f for f in family if f != 1)
        else:
            factors = family
        return any(abs(value * factor - claimed) <= abs(value * factor) / 20 for factor in factors)
    for candidate in candidates:
        if abs(candidate - claimed) < number.ulp / 2:
            return True
        # halfway between two written values (1.25 written with one decimal): rounded half
        # away from zero, as prose results are; "1.2" drops a digit the value has
        if abs(candidate - claimed) == number.ulp / 2 and (
            formatted or abs(claimed) > abs(candidate)
        ):
            return True
        if stated.group("approx") and abs(candidate - claimed) <= abs(candidate) / 20:
            return True
        # a float printed in full: "0.30000000000000004"
        if number.ulp < Fraction(1, 10**9) and abs(candidate - claimed) <= abs(candidate) / 10**9:
            return True
    return False


def _all_digits(number: str) -> bool:
    """Whether a whole number is written with five or more significant digits ("768432",
    "1,048,576"): no rounding leaves so many."""
    digits = re.sub(r"[^\d]", "", number.split(".")[0]) if "e" not in number.lower() else ""
    return "." not in number and len(digits.strip("0")) >= 5


# A comment of any common syntax: "# …" (Python, shell), "// …" (C, JS), "-- …" (SQL, Lua).
# The marker starts the line or follows white space, and white space follows it.
_COMMENT = lazy_regex(r"(?:^|(?<=\s))(?:#|//|--)[ \t]+(?P<text>[^\n]*\d[^\n]*)")


def comment_texts(code: str) -> Iterator[tuple[int, int, int]]:
    """Each comment holding a digit: its 0-based line, and its text's start and end columns."""
    for line, text in enumerate(code.split("\n")):
        match = _COMMENT.search(text)
        if match is not None:
            yield line, match.start("text"), match.end("text")
