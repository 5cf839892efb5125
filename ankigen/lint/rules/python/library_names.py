"""AG125 for NumPy, pandas, scikit-learn and PyTorch: misspelled dotted names
(``np.arnage``, ``pd.read_cvs``, ``nn.CrossEntorpyLoss``, ``from sklearn.model_selction import
…``, ``df.gropuby(…)``) in code, looked up in ``library_inventory``.

Which names stand for a library: imports first, then the usual aliases (``np``, ``pd``), and
``nn``, ``F`` and ``optim`` only where the code (or note) uses PyTorch, since Flax writes
``nn`` and PySpark ``F`` for modules of their own. ``df``/``s`` method calls are checked as
DataFrame/Series methods only where the code uses pandas and no other data-frame library.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.prefilter import GatedPattern
from ankigen.lint.rules.python.chains import attribute_chain, rebound_names, written_part
from ankigen.lint.rules.python.library_inventory import Misspelling, library_inventory
from ankigen.lint.rules.python.parse import Parsed
from ankigen.lint.rules.python.problem import Problem

UNKNOWN = "AG125"
LIBRARY_ALIASES: Mapping[str, str] = {
    "np": "numpy",
    "numpy": "numpy",
    "pd": "pandas",
    "pandas": "pandas",
    "sklearn": "sklearn",
    "torch": "torch",
}
TORCH_ALIASES: Mapping[str, str] = {
    "nn": "torch.nn",
    "F": "torch.nn.functional",
    "optim": "torch.optim",
}
FRAME_OBJECTS: Mapping[str, str] = {"df": "pandas.DataFrame", "s": "pandas.Series"}
# ``s`` is as often a string or a list: a call of one of their methods (``s.rindex(…)``,
# ``s.zfill(…)``) is not a misspelled Series method.
BUILTIN_METHODS: frozenset[str] = frozenset(
    name
    for kind in (str, bytes, list, dict, set, tuple, int, float)
    for name in dir(kind)
    if not name.startswith("_")
)
# Libraries whose data frames have methods of their own (polars' group_by, Spark's groupBy).
OTHER_FRAMES = lazy_regex(
    r"\b(?:polars|pyspark|spark|dask|cudf|vaex|ibis|duckdb|modin|koalas|datatable)\b|\bpl\.",
    re.IGNORECASE,
)
_TORCH = GatedPattern(r"\b(?:py)?torch\b", re.IGNORECASE)
_PANDAS = GatedPattern(r"\bpandas\b|\bpd\.", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What the surrounding code or note uses."""

    torch: bool
    pandas: bool  # and no other data-frame library

    @staticmethod
    def of_text(text: str) -> Context:
        return Context(
            _TORCH.search(text) is not None,
            _PANDAS.search(text) is not None and OTHER_FRAMES.search(text) is None,
        )


def library_aliases(aliases: Mapping[str, str], context: Context) -> dict[str, str]:
    """The snippet's own aliases over the usual ones: an import of ``nn`` from Flax wins."""
    resolved = dict(LIBRARY_ALIASES)
    if context.torch:
        resolved.update(TORCH_ALIASES)
    resolved.update(aliases)
    return resolved


@dataclass(frozen=True)
class Hit:
    """What a lookup found wrong in a dotted name: which part, and how to say so."""

    index: int  # the part of the qualified name to point at
    message: Callable[[str], str]  # the message, given the text written for that part


Lookup = Callable[[str], Hit | None]


def misspelled_names(
    parsed: Parsed, aliases: Mapping[str, str], context: Context
) -> Iterator[Problem]:
    """AG125 problems of one parsed block: imports, attribute chains and data-frame calls."""
    return dotted_name_problems(parsed, aliases, context, UNKNOWN, _misspelling)


def dotted_name_problems(
    parsed: Parsed,
    aliases: Mapping[str, str],
    context: Context,
    code: str,
    lookup: Lookup,
    *,
    list_methods_of_df: bool = False,
) -> Iterator[Problem]:
    """The problems ``lookup`` finds in a block's imports, attribute chains (aliases resolved)
    and, where the code uses pandas, data-frame method calls (``df.…(``, ``s.…(``).

    ``list_methods_of_df``: check ``df.append(…)`` too, although ``append`` is also a list's
    and a string's method name (as ``s.…`` so often is)."""
    for node in parsed.nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield from _imports(parsed, node, code, lookup)
    rebound = rebound_names(parsed)
    inner = {id(n.value) for n in parsed.nodes if isinstance(n, ast.Attribute)}
    for node in parsed.nodes:
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            yield from _chain(parsed, node, aliases, rebound, code, lookup)
        if context.pandas and isinstance(node, ast.Call):
            yield from _frame_call(parsed, node, code, lookup, list_methods_of_df)


def message(text: str, misspelling: Misspelling) -> str:
    release = library_inventory().release(misspelling.parent.split(".")[0])
    head = text.rsplit(".", 1)[0]
    return f"'{text}' is not in {release}: did you mean '{head}.{misspelling.suggestion}'?"


def find(qualified: str) -> tuple[str, Misspelling] | None:
    """The name up to its misspelled part, and the misspelling (None: nothing to report)."""
    parts = qualified.split(".")
    found = library_inventory().misspelling(parts)
    return None if found is None else (".".join(parts[: found.index + 1]), found)


def _misspelling(qualified: str) -> Hit | None:
    found = find(qualified)
    if found is None:
        return None
    misspelling = found[1]
    return Hit(misspelling.index, lambda text: message(text, misspelling))


def _written_prefix(qualified: str, hit: Hit) -> str:
    return ".".join(qualified.split(".")[: hit.index + 1])


def _imports(
    parsed: Parsed, node: ast.Import | ast.ImportFrom, code: str, lookup: Lookup
) -> Iterator[Problem]:
    if isinstance(node, ast.ImportFrom):
        if not node.module or node.level:
            return
        hit = lookup(node.module)
        if hit is not None:
            yield parsed.problem(code, node, hit.message(_written_prefix(node.module, hit)))
            return
        names = [(alias, f"{node.module}.{alias.name}") for alias in node.names]
    else:
        names = [(alias, alias.name) for alias in node.names]
    for alias, qualified in names:
        hit = None if alias.name == "*" else lookup(qualified)
        if hit is not None:
            yield parsed.problem(code, alias, hit.message(_written_prefix(qualified, hit)))


def _qualified(node: ast.expr, aliases: Mapping[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        value = _qualified(node.value, aliases)
        return None if value is None else f"{value}.{node.attr}"
    return None


def _chain(
    parsed: Parsed,
    node: ast.Attribute,
    aliases: Mapping[str, str],
    rebound: set[str],
    code: str,
    lookup: Lookup,
) -> Iterator[Problem]:
    chain = attribute_chain(node, rebound)
    qualified = None if chain is None else _qualified(node, aliases)
    hit = None if qualified is None else lookup(qualified)
    if chain is None or qualified is None or hit is None:
        return
    part = written_part(chain, qualified, hit.index)
    if part is None:
        return  # the import itself is wrong, and reported there
    yield parsed.problem(code, part, hit.message(ast.unparse(part)))


def _frame_call(
    parsed: Parsed, call: ast.Call, code: str, lookup: Lookup, list_methods_of_df: bool
) -> Iterator[Problem]:
    function = call.func
    if not (isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name)):
        return
    frame = FRAME_OBJECTS.get(function.value.id)
    if frame is None:
        return
    if function.attr in BUILTIN_METHODS and not (list_methods_of_df and function.value.id == "df"):
        return
    hit = lookup(f"{frame}.{function.attr}")
    if hit is not None:
        yield parsed.problem(code, function, hit.message(ast.unparse(function)))
