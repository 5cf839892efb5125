"""Names: Python 2 builtins (AG121) and certain undefined names (AG122)."""

from __future__ import annotations

import ast
import builtins
import re
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pyflakes import checker as flakes  # type: ignore[import-untyped]
from pyflakes import messages as flake_messages

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.parse import Parsed
from ankigen.lint.rules.python.problem import PY2, UNDEFINED, Problem
from ankigen.lint.rules.python.scopes import ScopeMap, certain_undefined, scope_map

_PY2_BUILTINS = {
    "basestring": "str",
    "execfile": "exec(open(path).read())",
    "raw_input": "input",
    "unichr": "chr",
    "unicode": "str",
    "xrange": "range",
    "reduce": "functools.reduce (import it from functools)",
    "long": "int",
    "file": "open",
    "reload": "importlib.reload",
    "cmp": "a key function (functools.cmp_to_key)",
    "apply": "a call with *args (f(*args, **kwargs))",
    "buffer": "memoryview",
    "intern": "sys.intern",
}
PY2_METHODS = {
    "has_key": "'key in mapping'",
    "iteritems": ".items()",
    "iterkeys": ".keys()",
    "itervalues": ".values()",
    "viewitems": ".items()",
    "viewkeys": ".keys()",
    "viewvalues": ".values()",
    "xreadlines": "iteration over the file",
}
# Modules that Python 3 renamed or merged: importing them fails.
_PY2_MODULES = {
    "urllib2": "urllib.request",
    "urlparse": "urllib.parse",
    "cPickle": "pickle",
    "cStringIO": "io",
    "StringIO": "io",
    "ConfigParser": "configparser",
    "Queue": "queue",
    "Tkinter": "tkinter",
    "tkMessageBox": "tkinter.messagebox",
    "__builtin__": "builtins",
    "httplib": "http.client",
    "HTMLParser": "html.parser",
    "cookielib": "http.cookiejar",
    "SocketServer": "socketserver",
    "SimpleHTTPServer": "http.server",
    "BaseHTTPServer": "http.server",
    "copy_reg": "copyreg",
}
# Members of standard modules that Python 3 removed or moved.
_PY2_MEMBERS = {
    ("sys", "maxint"): "sys.maxsize",
    ("sys", "setdefaultencoding"): "nothing (Python 3 strings are Unicode)",
    ("itertools", "izip"): "zip",
    ("itertools", "imap"): "map",
    ("itertools", "ifilter"): "filter",
    ("itertools", "izip_longest"): "itertools.zip_longest",
    ("itertools", "ifilterfalse"): "itertools.filterfalse",
    ("string", "letters"): "string.ascii_letters",
    ("string", "lowercase"): "string.ascii_lowercase",
    ("string", "uppercase"): "string.ascii_uppercase",
    ("string", "maketrans"): "str.maketrans",
    ("os", "getcwdu"): "os.getcwd",
    ("string", "join"): "str.join ('sep'.join(words))",
    ("string", "split"): "str.split (text.split())",
    ("string", "replace"): "str.replace (text.replace(old, new))",
    ("string", "upper"): "str.upper (text.upper())",
    ("string", "lower"): "str.lower (text.lower())",
    ("string", "strip"): "str.strip (text.strip())",
    ("string", "atoi"): "int",
    ("string", "atof"): "float",
    ("urllib", "urlopen"): "urllib.request.urlopen",
    ("urllib", "urlretrieve"): "urllib.request.urlretrieve",
    ("urllib", "urlencode"): "urllib.parse.urlencode",
    ("urllib", "quote"): "urllib.parse.quote",
    ("urllib", "unquote"): "urllib.parse.unquote",
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
# Short builtins whose slips are reported only as two letters swapped: a letter dropped or
# added makes other names ('flat', 'lists', 'rounds').
_SWAPPED_BUILTINS = ("input", "open", "list", "dict", "float", "tuple", "round", "super")
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
    for builtin in _SWAPPED_BUILTINS:
        if len(name) == len(builtin) and name != builtin and _one_slip(name, builtin):
            return builtin  # two letters swapped: 'opne', 'flaot' (not 'flat' for float)
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
            # 'X_train' for 'x_train': a variable, not a class next to its instance
            variable = "_" in name and not name.isupper() and not other.isupper()
            if (name[0].islower() or variable) and other in assigned:
                return other
            continue
        if len(name) >= 6 and _other_spelling(name) == _other_spelling(other):
            return other
        if len(name) >= 5 and len(other) >= 5 and _one_slip(name, other):
            return other
        if len(name) >= _SHORTEST_SWAPPED_LETTER and _one_letter_slip(name, other):
            return other
        if min(len(name), len(other)) >= 2 and _doubled_letter(name, other):
            return other
    return None


# British and American spellings of one word: 'normalise'/'normalize', 'colour'/'color'.
_SPELLINGS = lazy_regex(r"(?<=[a-z])(?:is(?=e|ing|ation|er)|ys(?=e|ing|er)|our(?=s?(?:_|$)))")


def _other_spelling(name: str) -> str:
    return _SPELLINGS.sub(lambda m: {"is": "iz", "ys": "yz"}.get(m.group(0), "or"), name)


def _doubled_letter(name: str, other: str) -> bool:
    """One name is the other with a letter typed twice or a double letter typed once ("dff"
    for ``df``, "ar" for ``arr``): a slip even in a short name."""
    longer, shorter = (name, other) if len(name) > len(other) else (other, name)
    if len(longer) != len(shorter) + 1:
        return False
    return any(
        longer[index].isalpha()
        and longer[index] == longer[index - 1]
        and longer[:index] + longer[index + 1 :] == shorter
        for index in range(1, len(longer))
    )


_SHORTEST_SWAPPED_LETTER = 6  # "scalar" for "scaler"; shorter names differ on purpose
_VOWELS = frozenset("aeiou")
_KEYS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keys_touch(one: str, other: str) -> bool:
    """Whether two letter keys are neighbours in a row of the keyboard."""
    return any(
        abs(row.index(one) - row.index(other)) == 1 for row in _KEYS if one in row and other in row
    )


def _one_letter_slip(name: str, other: str) -> bool:
    """One letter written for another inside a word of the name ("scalar" for ``scaler``): a
    vowel for a vowel or a neighbouring key, not the first letter and not a one-letter part
    ("mean_x"/"mean_y", "x1"/"x2" are other objects)."""
    if len(name) != len(other):
        return False
    diffs = [i for i, (a, b) in enumerate(zip(name, other, strict=True)) if a != b]
    if len(diffs) != 1 or diffs[0] == 0:
        return False
    index = diffs[0]
    mine, theirs = name[index].lower(), other[index].lower()
    if not (mine.isalpha() and theirs.isalpha()) or name[index].isupper() != other[index].isupper():
        return False
    if not ({mine, theirs} <= _VOWELS or _keys_touch(mine, theirs)):
        return False
    part_start = max(name.rfind(char, 0, index) for char in "_0123456789") + 1
    part_end = min([i for i in range(index, len(name)) if not name[i].isalpha()] or [len(name)])
    return part_end - part_start >= 3 and index > part_start


def one_slip_or_key(name: str, other: str) -> bool:
    """Whether ``name`` is ``other`` written with one slip: two letters swapped, one dropped or
    doubled, or a vowel or neighbouring key struck for another."""
    return _one_slip(name, other) or _one_letter_slip(name, other)


_ONE_SPELLING = "'{name}' is not defined, but '{other}' is: use one spelling for the name"


def _cut_name(name: str, line: int, bindings: dict[str, list[Binding]]) -> str | None:
    """A name assigned before ``line`` (the first use of ``name``) that ``name`` is a longer
    or shorter form of (``hist = model.fit(…)``, then ``history.history``). A name first read
    while the other is made (``dataset = load(data)``) is an input from off the card."""
    if not name.islower() or name in _MODULES:
        return None  # a class (``Sequential``) or a module (``random``) imported off the card
    for other in sorted(bindings):
        earlier = any(b.kind == "name" and b.line < line for b in bindings[other])
        if other != name and earlier and _shortened(name, other):
            return other
    return None


# Modules a snippet often uses without its import: never a slip for a shorter variable.
_MODULES = frozenset(sys.stdlib_module_names) | frozenset(
    {"numpy", "pandas", "torch", "torchvision", "keras", "tensorflow", "sklearn", "scipy"}
    | {"matplotlib", "seaborn", "xgboost", "lightgbm", "catboost", "nltk", "spacy", "gensim"}
    | {"transformers", "datasets", "statsmodels", "plotly", "requests", "joblib", "tqdm"}
)
_SHORTEST_CUT = 3  # "acc" for "accuracy"; "df" or "h" may be anything
_LONGEST_CUT = 12  # what a short name may leave out: "hist" for "history"


def _shortened(name: str, other: str) -> bool:
    """One name cut short of the other, as when a result is assigned to ``hist`` and read as
    ``history`` (or the reverse). Not a plural ("model"/"models") nor a variant marked by a
    separator or digit ("df"/"df_train", "model"/"model2"): those are other objects."""
    short, long = sorted((name, other), key=len)
    if short.endswith("s") and not long.startswith(short):
        short = short[:-1]  # "preds" for "predictions"
    rest = long[len(short) :]
    return (
        len(short) >= _SHORTEST_CUT
        and long.startswith(short)
        and 2 <= len(rest) <= _LONGEST_CUT
        and rest.isalpha()
        and rest.islower()
        and rest not in ("es", "ed", "er", "ing")
    )


@dataclass(frozen=True)
class Binding:
    line: int
    kind: str  # "import", "def", "class" or "name"


def _bindings(nodes: tuple[ast.AST, ...]) -> dict[str, list[Binding]]:
    found: dict[str, list[Binding]] = {}

    def bind(name: str, line: int, kind: str) -> None:
        found.setdefault(name, []).append(Binding(line, kind))

    for node in nodes:
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


class _Checker(flakes.Checker):  # type: ignore[misc]
    """pyflakes' checker, binding the builtins faster.

    pyflakes binds about 160 builtins into the new module scope of every block, each through
    ``addBinding``; that was a third of its time on a card's snippet. Into a scope that holds
    no binding of the name, ``addBinding`` only stores it: done here directly.
    """

    def addBinding(self, node: Any, value: Any) -> None:
        # Relies on pyflakes internals (scopeStack): if a release renames them, the shortcut
        # is skipped and pyflakes binds as usual.
        stack: Any = getattr(self, "scopeStack", None)
        fresh = stack is not None and len(stack) == 1 and value.name not in stack[0]
        if node is None and type(value) is getattr(flakes, "Builtin", None) and fresh:
            stack[0][value.name] = value
            return
        super().addBinding(node, value)


def pyflakes_messages(tree: ast.Module) -> list[Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        checker = _Checker(tree, filename="<card>")
    return sorted(checker.messages, key=lambda m: (m.lineno, m.col))


def _name_nodes(nodes: tuple[ast.AST, ...]) -> tuple[dict[tuple[int, int], ast.Name], set[int]]:
    """Load-context names by position, and the ids of those that are called."""
    names = {
        (node.lineno, node.col_offset): node
        for node in nodes
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }
    called = {
        id(node.func)
        for node in nodes
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    return names, called


# Python 2 builtins that took no keyword arguments: 'reduce(x, "b c h w -> b c", "max", h=2)'
# is another library's function of that name (einops), imported where the snippet was cut.
_PY2_POSITIONAL_ONLY = frozenset(
    {"reduce", "xrange", "unichr", "raw_input", "execfile", "cmp", "apply", "intern", "reload"}
)


def _called_with_keywords(nodes: tuple[ast.AST, ...]) -> set[tuple[int, int]]:
    """Where a plain name is called with a keyword argument (line, column of the name)."""
    return {
        (node.func.lineno, node.func.col_offset)
        for node in nodes
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.keywords
    }


def python2_names(parsed: Parsed, messages: list[Any]) -> Iterator[Problem]:
    keyword_calls = _called_with_keywords(parsed.nodes)
    for message in messages:
        name = message.message_args[0] if message.message_args else ""
        if name in _PY2_POSITIONAL_ONLY and (message.lineno, message.col) in keyword_calls:
            continue
        if isinstance(message, flake_messages.UndefinedName) and name in _PY2_BUILTINS:
            found = ast.Name(name, lineno=message.lineno, col_offset=message.col)
            found.end_lineno, found.end_col_offset = message.lineno, message.col + len(name)
            text = f"'{name}' is Python 2 only: use {_PY2_BUILTINS[name]} in Python 3"
            yield parsed.problem(PY2, found, text)
    compatible = _compatibility_lines(parsed.nodes)
    bindings = _bindings(parsed.nodes)
    bound = set(bindings)
    # names the snippet binds as variables, parameters, functions or classes ('string' as a
    # parameter is a str, not the module)
    assigned = {n for n, found in bindings.items() if any(b.kind != "import" for b in found)}
    for node in parsed.nodes:
        if isinstance(node, ast.Attribute) and node.attr in PY2_METHODS:
            modern = PY2_METHODS[node.attr]
            text = f"'.{node.attr}()' is Python 2 only: use {modern} in Python 3"
            yield parsed.problem(PY2, node, text, name_only=node.attr)
        elif isinstance(node, ast.Call) and _python2_call(node, bound) is not None:
            yield parsed.problem(PY2, node, str(_python2_call(node, bound)))
        elif isinstance(node, ast.Subscript) and _lazy_builtin(node.value, bound):
            name = node.value.func.id  # type: ignore[attr-defined]
            text = (
                f"'{name}(…)' is an iterator in Python 3 and takes no index: write list({name}(…))"
            )
            yield parsed.problem(PY2, node, text)
        elif getattr(node, "lineno", 0) in compatible:
            continue  # 'try: import cPickle except ImportError: import pickle'
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            member = (node.value.id, node.attr)
            if member in _PY2_MEMBERS and node.value.id not in assigned:
                text = f"'{'.'.join(member)}' is Python 2 only: use {_PY2_MEMBERS[member]}"
                yield parsed.problem(PY2, node, text)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            yield from _python2_imports(parsed, node)


def _lazy_builtin(node: ast.AST, bound: set[str]) -> bool:
    """A call of the builtin map, filter or zip (a list in Python 2, an iterator now)."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("map", "filter", "zip")
        and node.func.id not in bound
    )


def _python2_call(node: ast.Call, bound: set[str]) -> str | None:
    """``sorted(xs, cmp=f)`` / ``xs.sort(cmp=f)``, and ``len(map(…))``: Python 2 calls."""
    func = node.func
    sorting = (isinstance(func, ast.Name) and func.id == "sorted") or (
        isinstance(func, ast.Attribute) and func.attr == "sort"
    )
    if sorting and any(keyword.arg == "cmp" for keyword in node.keywords):
        return "'cmp=' is Python 2 only: pass key=functools.cmp_to_key(compare)"
    is_len = isinstance(func, ast.Name) and func.id == "len" and bool(node.args)
    if is_len and _lazy_builtin(node.args[0], bound):
        inner = node.args[0].func.id  # type: ignore[attr-defined]
        return f"'{inner}(…)' is an iterator in Python 3 and has no len(): write list({inner}(…))"
    return None


_FALLBACK_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "AttributeError"})


def _compatibility_lines(nodes: tuple[ast.AST, ...]) -> frozenset[int]:
    """Lines of code written for Python 2 and 3 at once: a ``try`` whose handler catches an
    ImportError (or everything), an ``if`` that tests the version (``sys.version_info``,
    ``PY2``)."""
    lines: set[int] = set()
    for node in nodes:
        guarded: list[ast.stmt] = []
        if isinstance(node, ast.Try):
            caught = [h.type for h in node.handlers if h.type is not None]
            names = {
                n.id if isinstance(n, ast.Name) else n.attr
                for kind in caught
                for n in ast.walk(kind)
                if isinstance(n, ast.Name | ast.Attribute)
            }
            if any(h.type is None for h in node.handlers) or names & _FALLBACK_ERRORS:
                guarded = [*node.body, *(s for h in node.handlers for s in h.body)]
        elif isinstance(node, ast.If):
            test = ast.unparse(node.test)
            if "version" in test or "PY2" in test or "PY3" in test:
                guarded = [*node.body, *node.orelse]
        for stmt in guarded:
            lines.update(range(stmt.lineno, (stmt.end_lineno or stmt.lineno) + 1))
    return frozenset(lines)


def _python2_imports(parsed: Parsed, node: ast.Import | ast.ImportFrom) -> Iterator[Problem]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in _PY2_MODULES:
                text = (
                    f"'import {alias.name}' is Python 2 only: the module is "
                    f"'{_PY2_MODULES[alias.name]}' in Python 3"
                )
                yield parsed.problem(PY2, node, text)
        return
    module = node.module or ""
    if node.level == 0 and module in _PY2_MODULES:
        text = f"'{module}' is Python 2 only: the module is '{_PY2_MODULES[module]}' in Python 3"
        yield parsed.problem(PY2, node, text)
        return
    for alias in node.names:
        if node.level == 0 and (module, alias.name) in _PY2_MEMBERS:
            modern = _PY2_MEMBERS[(module, alias.name)]
            yield parsed.problem(
                PY2, node, f"'{module}.{alias.name}' is Python 2 only: use {modern}"
            )


def undefined_names(
    parsed: Parsed,
    messages: list[Any],
    earlier: frozenset[str] = frozenset(),
    note_names: frozenset[str] | None = None,
) -> Iterator[Problem]:
    """AG122 problems; ``earlier``: names bound by the note's earlier code blocks;
    ``note_names``: names bound by any of its blocks, when one of them writes an import."""
    messages = [m for m in messages if not _from_earlier_block(m, earlier)]
    selfless = list(_methods_without_self(parsed, messages))
    yield from (problem for _, problem in selfless)
    messages = [m for m in messages if not any(m is reported for reported, _ in selfless)]
    bindings = _bindings(parsed.nodes)
    scopes = scope_map(parsed.tree)
    names, called = _name_nodes(parsed.nodes)
    first_use: dict[str, int] = {}
    use_lines: dict[str, set[int]] = {}
    missing_imports: set[str] = set()
    for message in messages:
        if isinstance(message, flake_messages.UndefinedName):
            name = str(message.message_args[0])
            first_use[name] = min(first_use.get(name, message.lineno), message.lineno)
            use_lines.setdefault(name, set()).add(message.lineno)
    statements = {
        id(node.value)
        for node in parsed.nodes
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Name)
    }
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
            if name in missing_imports:
                continue  # the missing import is reported once, at the first use
            # another block's imports count only for a block that reads nothing else from
            # off the card: a fragment that leans on objects made elsewhere may lean on
            # modules imported elsewhere too
            contained = set(use_lines) <= set(_MODULE_ALIASES)
            verdict = _missing_alias_import(name, bindings, note_names if contained else None)
            if verdict is not None:
                missing_imports.add(name)
            else:
                verdict = _undefined_message(
                    name, message.lineno, use_lines[name], bindings, is_called, earlier
                )
            if verdict is None:
                other = _cut_name(name, first_use[name], bindings)
                if other is not None:
                    verdict = _ONE_SPELLING.format(name=name, other=other)
            if verdict is None:
                verdict = _renamed_object(name, first_use[name], bindings)
            if verdict is None:
                verdict = _other_slips(name, node, parsed, statements)
            if verdict is None:
                later = _assigned_later_at_top(name, message.lineno, parsed.tree)
                if later is not None and not _elided_before(parsed.lines, message.lineno):
                    verdict = (
                        f"'{name}' is read before it is assigned on line {{L{later}}}: "
                        "move the assignment above the first use"
                    )
            if verdict is None:
                verdict = certain_undefined(name, message.lineno, message.col, scopes)
            if verdict is None and set(use_lines) == {name}:
                verdict = _renamed_top_level(name, first_use[name], bindings, scopes, parsed.tree)
            if verdict is not None:
                yield _at_name(parsed, message, name, verdict)


_STATEMENT_KEYWORDS = ("continue", "break", "pass", "return")


def _other_slips(
    name: str, node: ast.Name | None, parsed: Parsed, statements: set[int]
) -> str | None:
    """Three more certain slips: a keyword misspelled as a statement of its own ('contine'),
    a module read by its full name while the snippet imports it under an alias ('numpy'
    after 'import numpy as np'), and a short or slipped form of the variable of the
    comprehension or lambda it is read in, while that variable is never read
    ('[len(w) for word in words]')."""
    if node is not None and id(node) in statements:
        for keyword in _STATEMENT_KEYWORDS:
            extended = name.lower().startswith(keyword)  # 'breaks', 'pass_': other names
            if len(name) >= 3 and not extended and _osa_distance(name.lower(), keyword) == 1:
                return f"'{name}' is not defined: the keyword is '{keyword}'"
    for item in parsed.nodes:
        if isinstance(item, ast.Import):
            for alias in item.names:
                if alias.asname and alias.asname != name and alias.name.split(".")[0] == name:
                    if "." in alias.name:
                        return (
                            f"'{name}' is not defined: 'import {alias.name} as {alias.asname}' "
                            f"binds only '{alias.asname}'; add 'import {name}'"
                        )
                    return f"'{name}' is not defined: the snippet imports it as '{alias.asname}'"
    if node is None or name in _MODULE_ALIASES or name in _MODULES:
        return None
    for scope in parsed.nodes:
        own = _own_variables(scope)
        if not own or not _inside(node, scope):
            continue
        read = {
            n.id for n in ast.walk(scope) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
        }
        for variable in sorted(v for v in own - read if len(v) >= _SHORTEST_CUT):
            short = len(name) < len(variable) and variable.startswith(name)
            if not variable.startswith("_") and (short or one_slip_or_key(name, variable)):
                return f"'{name}' is not defined: the variable here is '{variable}'"
    return None


def _own_variables(scope: ast.AST) -> set[str]:
    """The names a comprehension's loops or a lambda's parameters bind."""
    if isinstance(scope, ast.Lambda):
        arguments = scope.args
        return {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    if isinstance(scope, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
        return {
            n.id
            for generator in scope.generators
            for n in ast.walk(generator.target)
            if isinstance(n, ast.Name)
        }
    return set()


def _inside(node: ast.AST, scope: ast.AST) -> bool:
    start = (getattr(scope, "lineno", 0), getattr(scope, "col_offset", 0))
    end = (getattr(scope, "end_lineno", 0), getattr(scope, "end_col_offset", 0))
    return start <= (getattr(node, "lineno", -1), getattr(node, "col_offset", -1)) < end


def _methods_without_self(parsed: Parsed, messages: list[Any]) -> Iterator[tuple[Any, Problem]]:
    """``self`` read in a method whose parameters leave it out (``def forward(x):``): the
    first such read of each method, with the pyflakes message it answers."""
    unbound = [
        m
        for m in messages
        if isinstance(m, flake_messages.UndefinedName) and m.message_args[0] in ("self", "cls")
    ]
    if not unbound:
        return
    for node in parsed.nodes:
        if not isinstance(node, ast.ClassDef):
            continue
        for method in node.body:
            if not isinstance(method, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            arguments = method.args
            params = {a.arg for a in (*arguments.posonlyargs, *arguments.args)}
            params |= {a.arg for a in arguments.kwonlyargs}
            params |= {a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None}
            end = method.end_lineno or method.lineno
            for message in unbound:
                name = str(message.message_args[0])
                if name not in params and method.lineno <= message.lineno <= end:
                    text = (
                        f"'{name}' is not defined: the method '{method.name}' does not take "
                        f"'{name}' as its first parameter; write 'def {method.name}({name}, …)'"
                    )
                    yield message, _at_name(parsed, message, name, text)
                    break


def _renamed_top_level(
    name: str, line: int, bindings: dict[str, list[Binding]], scopes: ScopeMap, tree: ast.AST
) -> str | None:
    """The one name a self-contained snippet reads unbound, after a top-level assignment
    that nothing reads: one value under two names (``tone = …`` then ``signal ** 2``,
    ``means = …`` then ``mean.sort_values()``). Self-contained: it writes its imports and
    binds every other name it reads. A function called or a module read through an attribute
    (``os.path``) comes from off the card."""
    imports = any(b.kind == "import" for found in bindings.values() for b in found)
    off_card = name in scopes.called or name.isupper() or name in _MODULE_ALIASES
    module_attribute = name in _MODULES and name in scopes.attribute_roots
    unread = [(other, at) for other, at in scopes.module_unread if at < line]
    if not imports or off_card or module_attribute or len(unread) != 1:
        return None
    other, at = unread[0]
    if _computed_from(tree, other, name):
        return None
    return (
        f"'{name}' is not defined, and '{other}' (line {{L{at}}}) is assigned but never "
        f"read: one value under two names? use one spelling"
    )


def _computed_from(tree: ast.AST, other: str, name: str) -> bool:
    """ "y = resample(x, 48000, 16000)": the unread name's value is computed from the unbound
    one, so the two are an input and its result, not one value under two names."""
    for statement in getattr(tree, "body", ()):
        if not isinstance(statement, ast.Assign | ast.AnnAssign) or statement.value is None:
            continue
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        if not any(isinstance(t, ast.Name) and t.id == other for t in targets):
            continue
        if any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(statement.value)):
            return True
    return False


# Conventional names of one object: a snippet may read 'model' from off the card, but not
# while it builds that object itself under another of these names ('net = nn.Linear(4, 2)').
_SAME_OBJECT_NAMES = (
    frozenset({"model", "net", "network", "module", "clf", "classifier", "estimator", "regressor"}),
    frozenset({"optimizer", "optim", "opt"}),
    frozenset({"df", "frame", "dataframe"}),
    frozenset({"loader", "dataloader", "data_loader", "train_loader"}),
    frozenset({"tokenizer", "tok"}),
)


def _renamed_object(name: str, line: int, bindings: dict[str, list[Binding]]) -> str | None:
    """An undefined conventional name, first read on ``line``, whose object the snippet has
    already assigned under another one (assigned later, it is another object)."""
    for group in _SAME_OBJECT_NAMES:
        if name not in group:
            continue
        others = sorted(
            other
            for other in group - {name}
            if any(b.kind == "name" and b.line < line for b in bindings.get(other, []))
        )
        if len(others) == 1:
            return (
                f"'{name}' is not defined: this snippet names that object '{others[0]}'; "
                f"use '{others[0]}' (or assign '{name}')"
            )
    return None


def _from_earlier_block(message: Any, earlier: frozenset[str]) -> bool:
    undefined = isinstance(message, flake_messages.UndefinedName)
    return undefined and str(message.message_args[0]) in earlier


def _at_name(parsed: Parsed, message: Any, name: str, text: str) -> Problem:
    node = ast.Name(name, lineno=message.lineno, col_offset=message.col)
    node.end_lineno, node.end_col_offset = message.lineno, message.col + len(name.encode())
    return parsed.problem(UNDEFINED, node, text)


# The usual short names of data-science modules: a snippet that writes its imports but reads
# one of these unbound forgot that import (it would stop with a NameError there).
_MODULE_ALIASES = {
    "np": "import numpy as np",
    "pd": "import pandas as pd",
    "plt": "import matplotlib.pyplot as plt",
    "sns": "import seaborn as sns",
    "tf": "import tensorflow as tf",
    "torch": "import torch",
    "nn": "from torch import nn",
    "F": "import torch.nn.functional as F",
    "optim": "from torch import optim",
}


def _missing_alias_import(
    name: str, bindings: dict[str, list[Binding]], note_names: frozenset[str] | None = None
) -> str | None:
    """A usual module alias read unbound where the snippet, or another code block of the
    note, writes its imports, and no block of the note binds the alias."""
    imports_something = any(b.kind == "import" for found in bindings.values() for b in found)
    if name not in _MODULE_ALIASES or name in bindings:
        return None
    if imports_something:
        where = "the snippet writes its imports"
    elif note_names is not None and name not in note_names:
        where = "the note's code writes its imports"
    else:
        return None
    return f"'{name}' is not defined: {where} but not this one; add '{_MODULE_ALIASES[name]}'"


# A line that says code was left out: "# ...", "# …", "# (setup omitted)", and a bare
# "..." at the top level (an indented one is the body of a stub).
_ELISION_LINE = lazy_regex(
    r"(?:[ \t]*#[ \t]*)?(?:\.{3}|\u2026)[ \t]*$"
    r"|[ \t]*#.*\b(?:omitted|elided|left out|snip(?:ped)?)\b",
    re.IGNORECASE,
)


def _elided_before(lines: tuple[str, ...], line: int) -> bool:
    """Whether the snippet marks code as left out above ``line``: what it reads may have been
    made there ('# Create the index' / '# ...' / 'index.save(...)' / 'index = load(...)')."""
    return any(_ELISION_LINE.match(text) for text in lines[: max(0, line - 1)])


def _assigned_later_at_top(name: str, line: int, tree: ast.Module) -> int | None:
    """The line of a later top-level assignment of ``name`` when ``line`` is a top-level
    statement outside any loop: the script reads the name before it exists."""
    use_is_top = any(
        stmt.lineno <= line <= (stmt.end_lineno or stmt.lineno)
        and not isinstance(stmt, ast.For | ast.While | ast.AsyncFor | ast.If | ast.Try)
        for stmt in tree.body
    )
    if not use_is_top:
        return None
    # names computed from it since the use: 'up = block(x)' then 'x = join([up, skip])'
    derived = {name}
    for stmt in tree.body:
        if (stmt.end_lineno or stmt.lineno) < line:
            continue
        if not isinstance(stmt, ast.Assign | ast.AnnAssign):
            continue
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        bound = {
            n.id
            for t in targets
            for n in ast.walk(t)
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        reads = stmt.value is not None and any(
            isinstance(node, ast.Name) and node.id in derived for node in ast.walk(stmt.value)
        )
        if stmt.lineno > line and name in bound:
            # 'x = x / 255' updates a value made off the card, and so does a value computed
            # from one made of it (session 31): no use before assignment
            return None if reads else stmt.lineno
        if reads:
            derived |= bound
    return None


def _undefined_message(
    name: str,
    line: int,
    lines: set[int],
    bindings: dict[str, list[Binding]],
    is_called: bool,
    earlier: frozenset[str] = frozenset(),
) -> str | None:
    """What to say about an undefined name read on ``line`` (and on all ``lines``), or None
    when it may be defined off the card. ``earlier``: names an earlier code block of the note
    binds, whose slips are as certain as the block's own (``trian_df`` after a cell that
    made ``train_df``)."""
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
    # 'sampled = sample(data)': a name read (anywhere) while the other is made is an input
    # from off the card, also where it is read again later
    made_here = {n for n, found in bindings.items() if any(b.line in lines for b in found)}
    other = near_name(name, (set(bindings) - made_here) | earlier, assigned) or _swapped_import(
        name, {n for n, found in bindings.items() if any(b.kind == "import" for b in found)}
    )
    if other is not None:
        return _ONE_SPELLING.format(name=name, other=other)
    builtin = builtin_typo(name) if is_called else None
    if builtin is not None:
        case = " (names are case-sensitive)" if builtin == name.lower() else ""
        return f"'{name}' is not defined: the Python builtin is '{builtin}'{case}"
    constant = constant_typo(name)
    if constant is not None:
        return f"'{name}' is not defined: Python's constant is '{constant}'"
    return None


_SHORTEST_SWAPPED_IMPORT = 4


def _swapped_import(name: str, imported: set[str]) -> str | None:
    """An imported name with two neighbouring letters swapped ('Lsit' after 'from typing
    import List'): a slip even in a short name, since the snippet itself names the right one.
    Only a swap, so that 'Lists' or 'Dic' stay other objects."""
    for other in sorted(imported):
        swapped = len(name) == len(other) >= _SHORTEST_SWAPPED_IMPORT and name != other
        if swapped and _one_slip(name, other):
            return other
    return None


# Constants written as in JSON, JavaScript or C ('true', 'null') or with a slip ('Ture').
_CONSTANT_SPELLINGS = {"true": "True", "false": "False", "none": "None", "null": "None"}


def constant_typo(name: str) -> str | None:
    """The constant (True, False, None) that an undefined ``name`` certainly stands for."""
    if name.lower() in _CONSTANT_SPELLINGS:
        return _CONSTANT_SPELLINGS[name.lower()]
    for constant in ("True", "False", "None"):
        if name[:1] == constant[0] and len(name) >= 4 and _one_slip(name, constant):
            return constant
    return None
