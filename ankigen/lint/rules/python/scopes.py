"""Where a snippet binds its names, scope by scope: for undefined names that are certain.

pyflakes says a name is undefined where it is read; this module says why that is certainly a
mistake of the snippet and not a name from off the card: the snippet binds it, but only where
the read cannot see it (a comprehension variable, a function's local or import, a class
attribute read in a method, a name deleted or an ``except … as`` name after its block), a
local renamed between its assignment and its use, a ``self.`` attribute read bare in a
method, a returned name the function never assigns, or a one-letter slip of a visible name.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rules.python.parse import parse
from ankigen.lint.rules.python.prepare import prepare

# Names that stand for data or a model a card leaves off ("x", "X_train", "train_ds"): such a
# name read outside the scope that binds it may come from off the card too.
_OFF_CARD = lazy_regex(r"[xXyY](?:_\w+)?|(?:data|df|model|dataset)\w*|\w+_ds")


@dataclass(frozen=True)
class Binding:
    name: str
    kind: str  # module, module-import, comprehension, local, parameter, import, class,
    # except or deleted
    line: int
    scope: ast.AST  # the module, function, lambda, class or comprehension that holds it
    end_line: int = 0  # the last line of an 'except' block


@dataclass
class _Scope:
    node: ast.AST
    stored: dict[str, int] = field(default_factory=dict)  # name -> first assignment line
    read: set[str] = field(default_factory=set)  # names read here or in nested scopes
    bound_other: set[str] = field(default_factory=set)  # loop, with, except targets


@dataclass(frozen=True)
class ScopeMap:
    bindings: tuple[Binding, ...]
    chains: dict[tuple[int, int], tuple[ast.AST, ...]]  # load position -> enclosing scopes
    unread: dict[int, tuple[tuple[str, int], ...]]  # id(function) -> locals never read
    attribute_roots: frozenset[str]  # names read as ``name.attr``
    called: frozenset[str]  # names called as ``name(…)``
    self_attributes: frozenset[tuple[int, str]]  # (id(class), attr) assigned as self.attr
    returned: frozenset[tuple[int, int]]  # positions of names returned bare: 'return x'
    first_read: dict[str, int]  # name -> the first line that reads it
    module_unread: tuple[tuple[str, int], ...] = ()  # top-level names assigned, never read


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


class _Walker(ast.NodeVisitor):
    def __init__(self, module: ast.Module) -> None:
        self.bindings: list[Binding] = []
        self.chains: dict[tuple[int, int], tuple[ast.AST, ...]] = {}
        self.unread: dict[int, tuple[tuple[str, int], ...]] = {}
        self.stack: list[_Scope] = [_Scope(module)]
        self.attribute_roots: set[str] = set()
        self.called: set[str] = set()
        self.self_attributes: set[tuple[int, str]] = set()
        self.returned: set[tuple[int, int]] = set()
        self.first_read: dict[str, int] = {}

    @property
    def _kind(self) -> str:
        node = self.stack[-1].node
        if isinstance(node, ast.Module):
            return "module"
        return "class" if isinstance(node, ast.ClassDef) else "local"

    def _bind(self, name: str, kind: str, line: int, end_line: int = 0) -> None:
        self.bindings.append(Binding(name, kind, line, self.stack[-1].node, end_line))

    def _enter(self, node: ast.AST) -> None:
        self.stack.append(_Scope(node))

    def _leave(self) -> None:
        scope = self.stack.pop()
        for outer in self.stack:
            outer.read |= scope.read  # a closure reads the outer local
        if isinstance(scope.node, ast.FunctionDef | ast.AsyncFunctionDef):
            self.unread[id(scope.node)] = _never_read(scope)

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) -> None:
        if not isinstance(node, ast.Lambda):
            self._bind(node.name, self._kind, node.lineno)
            for decorator in node.decorator_list:
                self.visit(decorator)
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self._enter(node)
        arguments = node.args
        for argument in [
            *arguments.posonlyargs,
            *arguments.args,
            *arguments.kwonlyargs,
            *filter(None, (arguments.vararg, arguments.kwarg)),
        ]:
            self._bind(argument.arg, "parameter", node.lineno)
            self.stack[-1].bound_other.add(argument.arg)
        body = node.body if isinstance(node.body, list) else [node.body]
        for statement in body:
            self.visit(statement)
        self._leave()

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function
    visit_Lambda = _function

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._bind(node.name, self._kind, node.lineno)
        for expression in [*node.bases, *node.decorator_list]:
            self.visit(expression)
        self._enter(node)
        for statement in node.body:
            self.visit(statement)
        self._leave()

    def _comprehension(self, node: ast.AST) -> None:
        generators: list[ast.comprehension] = getattr(node, "generators", [])
        self.visit(generators[0].iter)  # the first iterable is read in the outer scope
        self._enter(node)
        for index, generator in enumerate(generators):
            if index:
                self.visit(generator.iter)
            for target in ast.walk(generator.target):
                if isinstance(target, ast.Name):
                    self._bind(target.id, "comprehension", target.lineno)
            for condition in generator.ifs:
                self.visit(condition)
        for part in ("elt", "key", "value"):
            if getattr(node, part, None) is not None:
                self.visit(getattr(node, part))
        self._leave()

    visit_ListComp = _comprehension
    visit_SetComp = _comprehension
    visit_DictComp = _comprehension
    visit_GeneratorExp = _comprehension

    def visit_Name(self, node: ast.Name) -> None:
        scope = self.stack[-1]
        if isinstance(node.ctx, ast.Load):
            scope.read.add(node.id)
            first = self.first_read.get(node.id, node.lineno)
            self.first_read[node.id] = min(first, node.lineno)
            self.chains[(node.lineno, node.col_offset)] = tuple(s.node for s in self.stack)
        elif isinstance(node.ctx, ast.Store):
            scope.stored.setdefault(node.id, node.lineno)
            self._bind(node.id, self._kind, node.lineno)
        else:
            self._bind(node.id, "deleted", node.lineno)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name):
            self.attribute_roots.add(node.value.id)
            if node.value.id == "self" and isinstance(node.ctx, ast.Store):
                classes = [s.node for s in self.stack if isinstance(s.node, ast.ClassDef)]
                if classes:
                    self.self_attributes.add((id(classes[-1]), node.attr))
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if isinstance(node.value, ast.Name):
            self.returned.add((node.value.lineno, node.value.col_offset))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name):
            self.called.add(node.func.id)
        self.generic_visit(node)

    def _loop_targets(self, target: ast.AST) -> None:
        for name in ast.walk(target):
            if isinstance(name, ast.Name):
                self.stack[-1].bound_other.add(name.id)

    def visit_For(self, node: ast.For) -> None:
        self._loop_targets(node.target)
        self.generic_visit(node)

    def visit_AsyncFor(self, node: ast.AsyncFor) -> None:
        self._loop_targets(node.target)
        self.generic_visit(node)

    def visit_withitem(self, node: ast.withitem) -> None:
        if node.optional_vars is not None:
            self._loop_targets(node.optional_vars)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            kind = "except" if self._kind == "module" else self._kind
            self._bind(node.name, kind, node.lineno, node.end_lineno or node.lineno)
            self.stack[-1].bound_other.add(node.name)
        self.generic_visit(node)

    def _import(self, node: ast.Import | ast.ImportFrom) -> None:
        for alias in node.names:
            name = alias.asname or alias.name.split(".")[0]
            kind = "module-import" if self._kind == "module" else "import"
            self._bind(name, kind, node.lineno)
            self.stack[-1].bound_other.add(name)

    visit_Import = _import
    visit_ImportFrom = _import

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        # 'n += 1' updates n without reading it for anything else
        if isinstance(node.target, ast.Name):
            self.stack[-1].stored.setdefault(node.target.id, node.lineno)
        else:
            self.visit(node.target)
        self.visit(node.value)

    def visit_Global(self, node: ast.Global) -> None:
        self.stack[-1].bound_other.update(node.names)

    visit_Nonlocal = visit_Global  # type: ignore[assignment]


def scope_map(tree: ast.Module) -> ScopeMap:
    walker = _Walker(tree)
    for statement in tree.body:
        walker.visit(statement)
    return ScopeMap(
        tuple(walker.bindings),
        walker.chains,
        walker.unread,
        frozenset(walker.attribute_roots),
        frozenset(walker.called),
        frozenset(walker.self_attributes),
        frozenset(walker.returned),
        walker.first_read,
        _never_read(walker.stack[0]),
    )


def _never_read(scope: _Scope) -> tuple[tuple[str, int], ...]:
    """A scope's assigned names that nothing reads (loop, import and ``_`` names aside)."""
    return tuple(
        (name, line)
        for name, line in sorted(scope.stored.items())
        if name not in scope.read and name not in scope.bound_other and not name.startswith("_")
    )


def _describe(scope: ast.AST) -> str:
    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return f"the function '{scope.name}'"
    if isinstance(scope, ast.ClassDef):
        return f"the class '{scope.name}'"
    if isinstance(scope, ast.Lambda):
        return "a lambda"
    return "a comprehension"


def certain_undefined(name: str, line: int, col: int, scopes: ScopeMap) -> str | None:
    """Why reading the undefined ``name`` at (line, col) is certainly a mistake, or None."""
    chain = scopes.chains.get((line, col), ())
    found = [b for b in scopes.bindings if b.name == name]
    module = [b for b in found if b.kind in ("module", "module-import", "except", "deleted")]
    if module:
        return _lost_module_name(name, line, module)
    hidden = _hidden_binding(name, chain, found)
    if hidden is not None:
        return hidden
    checks = (_case_of_unread, _renamed_local, _self_attribute, _returned_unassigned)
    for check in (*checks, _near_binding):
        verdict = check(name, line, col, chain, scopes)
        if verdict is not None:
            return verdict
    return None


def _plain_value(name: str, scopes: ScopeMap) -> bool:
    """Read only as a value: not a constant, nor called or used through attributes (a
    function or object from off the card)."""
    return not name.isupper() and name not in scopes.called | scopes.attribute_roots


def _functions(chain: tuple[ast.AST, ...]) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [s for s in chain if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]


def _self_attribute(
    name: str, line: int, col: int, chain: tuple[ast.AST, ...], scopes: ScopeMap
) -> str | None:
    """Read bare in a method of a class that assigns ``self.<name>``."""
    classes = [s for s in chain if isinstance(s, ast.ClassDef)]
    if (
        not classes
        or not _functions(chain)
        or (id(classes[-1]), name) not in scopes.self_attributes
    ):
        return None
    return (
        f"'{name}' is not defined here, but the class sets 'self.{name}': inside a method, "
        f"write 'self.{name}'"
    )


def _returned_unassigned(
    name: str, line: int, col: int, chain: tuple[ast.AST, ...], scopes: ScopeMap
) -> str | None:
    """``return result`` in a function that computes locals but never assigns ``result``."""
    functions = _functions(chain)
    if not functions or (line, col) not in scopes.returned or not _plain_value(name, scopes):
        return None
    function = functions[-1]
    assigns = any(b.scope is function and b.kind == "local" for b in scopes.bindings)
    if not assigns:
        return None  # 'def get(): return config' hands out an object from off the card
    return (
        f"'{name}' is returned by '{function.name}' but never assigned in it: assign it, or "
        "return the variable that holds the result"
    )


def _near_binding(
    name: str, line: int, col: int, chain: tuple[ast.AST, ...], scopes: ScopeMap
) -> str | None:
    """A plain value one slip from a name assigned before it where the read can see it: the
    plural or singular of it (``prob`` after ``probs = …``), or a short name with a letter
    dropped or swapped (``los`` after ``loss = …``)."""
    if len(name) < 3 or not _plain_value(name, scopes):
        return None
    first = scopes.first_read.get(name, line)  # 'for epoch in range(epochs)': an input
    for binding in scopes.bindings:
        other = binding.name
        if binding.line >= first or other == name or not _visible(binding.scope, chain):
            continue
        if binding.kind not in ("module", "local", "parameter"):
            continue
        if _plural_pair(name, other) or (len(other) <= 5 and _slip(name, other)):
            return f"'{name}' is not defined, but '{other}' is: use one spelling for the name"
    return None


def _plural_pair(name: str, other: str) -> bool:
    return len(min(name, other, key=len)) >= 3 and (name + "s" == other or other + "s" == name)


def _slip(name: str, other: str) -> bool:
    """One letter dropped, or two neighbours swapped (not a digit or '_' suffix: 'x1', 'x_')."""
    if len(other) == len(name) + 1:
        return any(other[:i] + other[i + 1 :] == name for i in range(len(other))) and (
            other[-1].isalpha() or other[:-1] != name
        )
    if len(other) == len(name):
        diffs = [i for i in range(len(name)) if name[i] != other[i]]
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and name[diffs[0]] == other[diffs[1]]
            and name[diffs[1]] == other[diffs[0]]
        )
    return False


def _lost_module_name(name: str, line: int, module: list[Binding]) -> str | None:
    """A module name deleted, or an 'except … as' name read after its block."""
    before = [b for b in module if b.line <= line]
    if not before or any(b.kind.startswith("module") and b.line > line for b in module):
        return None
    last = max(before, key=lambda b: b.line)
    assigned_first = any(b.kind.startswith("module") and b.line < last.line for b in module)
    if last.kind == "deleted" and last.line < line and assigned_first:
        return f"'{name}' is read after 'del {name}' on line {{L{last.line}}}: it no longer exists"
    if last.kind == "except" and last.end_line < line:
        return (
            f"'{name}' is the 'except … as {name}' name of line {{L{last.line}}}, which Python 3 "
            f"deletes when the 'except' block ends: copy it to another name inside the block"
        )
    return None


def _hidden_binding(name: str, chain: tuple[ast.AST, ...], found: list[Binding]) -> str | None:
    """The name is bound only in a scope that the read cannot see."""
    for binding in sorted(found, key=lambda b: b.line):
        if _visible(binding.scope, chain):
            return None  # visible after all (pyflakes' order of reading): not certain
    for binding in sorted(found, key=lambda b: b.line):
        where = _describe(binding.scope)
        off_card = _OFF_CARD.fullmatch(name) is not None
        if binding.kind == "comprehension" and not off_card:
            return (
                f"'{name}' is the loop variable of {where} on line {{L{binding.line}}}; in "
                "Python 3 it does not exist outside the brackets: loop with 'for', or use "
                "the comprehension's result"
            )
        if binding.kind == "import":
            return (
                f"'{name}' is imported only inside {where} (line {{L{binding.line}}}), so it "
                "does not exist here: import it at the top of the snippet"
            )
        if binding.kind == "class" and binding.scope in _classes_of(chain):
            return (
                f"'{name}' is an attribute of {where} (line {{L{binding.line}}}): inside a "
                f"method, write 'self.{name}' (or '{_class_name(binding.scope)}.{name}')"
            )
        if binding.kind == "local" and isinstance(binding.scope, ast.FunctionDef) and not off_card:
            return (
                f"'{name}' is assigned only inside {where} (line {{L{binding.line}}}): a "
                "function's local names do not exist outside it; return the value and "
                "assign the call's result"
            )
    return None


def _visible(scope: ast.AST, chain: tuple[ast.AST, ...]) -> bool:
    """A scope's names are seen from the scopes inside it, except that a class body's names
    are not seen from its methods."""
    if isinstance(scope, ast.ClassDef):
        return bool(chain) and chain[-1] is scope
    return scope in chain


def _classes_of(chain: tuple[ast.AST, ...]) -> tuple[ast.AST, ...]:
    return tuple(scope for scope in chain if isinstance(scope, ast.ClassDef))


def _class_name(scope: ast.AST) -> str:
    return scope.name if isinstance(scope, ast.ClassDef) else ""


def _case_of_unread(
    name: str, line: int, col: int, chain: tuple[ast.AST, ...], scopes: ScopeMap
) -> str | None:
    """The name in another case of one assigned above it, where the read can see it, that
    nothing reads: one value, two spellings (``X, y = load_iris(…)`` then ``fit(X, Y)``;
    ``X = …`` then ``model(x)``), whatever the names' length. Not a name called: ``Model(…)``
    next to an unread ``model = …`` is a class from off the card; nor a constant
    (``MAX_LEN`` next to ``max_len = 128``), which may be set off the card too."""
    if name in scopes.called or (name.isupper() and len(name) > 1):
        return None
    functions = _functions(chain)
    visible = [*scopes.module_unread]
    if functions:
        visible += scopes.unread.get(id(functions[-1]), ())
    first = scopes.first_read.get(name, line)
    for other, at in visible:
        if other != name and other.lower() == name.lower() and at < first:
            return (
                f"'{name}' is not defined, and '{other}' (line {{L{at}}}) is assigned but "
                f"never read: names are case-sensitive; use one spelling"
            )
    return None


def _renamed_local(
    name: str, line: int, col: int, chain: tuple[ast.AST, ...], scopes: ScopeMap
) -> str | None:
    """Read inside a function that assigns a local it never reads: one variable, two names
    (``n += 1`` … ``return total / count``)."""
    functions = [s for s in chain if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
    if not functions or name.isupper() or name in scopes.called | scopes.attribute_roots:
        return None  # a constant, a function or an object from off the card
    unread = [(local, at) for local, at in scopes.unread.get(id(functions[-1]), ()) if at <= line]
    if not unread:
        return None
    local, at = unread[0]
    return (
        f"'{name}' is not defined, and '{local}' (line {{L{at}}}) is assigned in this function "
        f"but never read: one variable under two names? use one spelling"
    )


@lru_cache(maxsize=1024)
def defined_names(code: str) -> frozenset[str]:
    """The names a code block binds at its top level, for the blocks after it in the note
    (a note may build its example over several blocks)."""
    source, _ = prepare(code)
    tree = parse(source)
    if not isinstance(tree, ast.Module):
        return frozenset()
    kinds = ("module", "module-import", "except")
    return frozenset(b.name for b in scope_map(tree).bindings if b.kind in kinds)


def iter_names(codes: tuple[str, ...]) -> Iterator[frozenset[str]]:
    """For each block, the names bound by the blocks before it."""
    seen: frozenset[str] = frozenset()
    for code in codes:
        yield seen
        seen = seen | defined_names(code)


def note_imported_names(codes: tuple[str, ...]) -> frozenset[str] | None:
    """The names that the note's code blocks bind, when at least one block writes an import
    (None when none does: the note leaves its imports off the card)."""
    imports = False
    names: frozenset[str] = frozenset()
    for code in codes:
        writes = _writes_import(code)
        if writes is None:
            return None  # a block that does not parse may import anything
        names |= defined_names(code)
        imports = imports or writes
    return names if imports else None


@lru_cache(maxsize=1024)
def _writes_import(code: str) -> bool | None:
    """Whether the block imports at its top level; None when it does not parse."""
    source, _ = prepare(code)
    tree = parse(source)
    if not isinstance(tree, ast.Module):
        return None
    return any(isinstance(node, ast.Import | ast.ImportFrom) for node in tree.body)
