"""Module-level patterns compiled on first use behave as the compiled patterns, every one of
them compiles, and none is handed where only a real ``re.Pattern`` works."""

from __future__ import annotations

import ast
import copy
import importlib
import os
import pickle
import pkgutil
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import ankigen.lint
import ankigen.lint.registry  # imports every rule module
from ankigen.lint.lazy_pattern import LazyPattern, lazy_regex

_RE_FUNCTIONS = frozenset(
    {"compile", "findall", "finditer", "fullmatch", "match", "search", "split", "sub", "subn"}
)


def test_a_lazy_pattern_finds_what_the_compiled_pattern_finds() -> None:
    source, flags = r"(?P<word>ep\w+)s?\b", re.IGNORECASE
    lazy, compiled = lazy_regex(source, flags), re.compile(source, flags)
    text = "Three Epochs, one epoch and an EPOCHAL shift."
    assert lazy.pattern == source
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("<\\g<word>>", text) == compiled.sub("<\\g<word>>", text)
    assert lazy.subn("x", text) == compiled.subn("x", text)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.search(text, 20) is not None
    assert lazy.match(text) is None and lazy.fullmatch("epochs") is not None
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (
        compiled.flags,
        compiled.groups,
        compiled.groupindex,
    )
    assert repr(lazy) == repr(compiled)


def test_nothing_is_compiled_before_use_and_calls_skip_getattr_after() -> None:
    lazy = lazy_regex(r"unused[ ]pattern")
    assert set(vars(lazy)) == {"pattern", "_flags"}
    lazy.search("an unused pattern")
    bound = vars(lazy)["search"]  # found in the instance: __getattr__ is not called again
    assert isinstance(bound.__self__, re.Pattern)
    assert bound.__self__.pattern == "unused[ ]pattern"


def test_a_lazy_pattern_pickles_and_copies_as_a_pattern() -> None:
    lazy = lazy_regex(r"\bbatch(?:es)?\b", re.I)
    again = pickle.loads(pickle.dumps(lazy))
    assert again.pattern == lazy.pattern and again.flags == lazy.flags
    assert copy.copy(lazy) is lazy and copy.deepcopy(lazy) is lazy


def _lint_modules() -> list[str]:
    return [info.name for info in pkgutil.walk_packages(ankigen.lint.__path__, "ankigen.lint.")]


def _lazy_patterns_in(value: object, found: dict[int, LazyPattern], depth: int = 0) -> None:
    """The lazy patterns a module-level value holds: itself, or in its containers, the fields
    of its objects and the attributes of its classes (not ``gc.get_objects``: the CLI freezes
    what it has loaded, and frozen objects are not listed)."""
    if isinstance(value, LazyPattern):
        found[id(value)] = value
    elif depth > 4 or isinstance(value, str | bytes | int | float | ModuleType):
        return
    elif isinstance(value, dict):
        for item in value.values():
            _lazy_patterns_in(item, found, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _lazy_patterns_in(item, found, depth + 1)
    else:  # a class of ankigen's, or an object of one of them
        owner = value if isinstance(value, type) else type(value)
        if owner.__module__.startswith("ankigen.") and hasattr(value, "__dict__"):
            for item in vars(value).values():
                _lazy_patterns_in(item, found, depth + 1)


def module_patterns() -> list[LazyPattern]:
    """Every module-level lazy pattern of ankigen/lint (also read by test_pattern_store.py)."""
    found: dict[int, LazyPattern] = {}
    for name in _lint_modules():
        for value in vars(importlib.import_module(name)).values():
            _lazy_patterns_in(value, found)
    return list(found.values())


def test_every_lazy_pattern_of_the_rules_compiles_as_written() -> None:
    found = module_patterns()
    assert len(found) > 1000  # the rule modules' module-level patterns are lazy
    for lazy in found:
        compiled = lazy.compiled()
        assert compiled.pattern == lazy.pattern


def test_no_lazy_pattern_is_handed_to_a_function_of_re() -> None:
    """``re.search(PATTERN, text)`` needs a real pattern (or a string): a lazy one raises."""
    misuses = []
    for name in _lint_modules():
        module = importlib.import_module(name)
        assert module.__file__ is not None
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS
                and node.args
                and isinstance(node.args[0], ast.Name)
            ):
                continue
            value = vars(module).get(node.args[0].id)
            if isinstance(value, LazyPattern):
                misuses.append(f"{name}:{node.lineno} {node.args[0].id}")
    assert misuses == []


_SOURCES = """
import sys
sys.path.insert(0, sys.argv[1])
from test_lazy_pattern import module_patterns
for pattern in sorted((lazy.pattern, lazy._flags) for lazy in module_patterns()):
    print(repr(pattern))
"""


def test_no_lazy_pattern_text_depends_on_the_hash_seed() -> None:
    """A pattern built from a set in its iteration order changes text with PYTHONHASHSEED, and
    each new text misses the pattern store (compiled again, the store written again)."""
    tests = str(Path(__file__).parent)
    outputs = []
    for seed in ("1", "2", "3"):
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", _SOURCES, tests],
            capture_output=True,
            text=True,
            env=environment,
            check=True,
        )
        outputs.append(run.stdout)
    assert outputs[0].count("\n") > 1000
    assert outputs[0] == outputs[1] == outputs[2]
