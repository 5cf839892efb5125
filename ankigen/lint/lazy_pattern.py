"""Module-level patterns compiled on first use.

The rule modules hold some 1,300 module-level patterns; one note needs a few hundred of them,
and compiling the rest cost a third of a cold lint's imports. ``lazy_regex`` takes the same
arguments as ``re.compile`` and returns a stand-in that compiles on the first attribute asked
of it, then keeps the compiled pattern's methods as its own attributes: later calls find them
in the instance's dictionary and never reach ``__getattr__``, so a search costs what it cost.

The stand-in is not an ``re.Pattern`` (that type cannot be subclassed): it cannot be handed to
``re.search(pattern, ...)`` and the like, only have its methods called.
tests/test_lazy_pattern.py checks every module-level stand-in against that.
"""

from __future__ import annotations

import re
from typing import Any, cast

from ankigen.lint.pattern_store import compile_pattern

# Compiled through the pattern store (lint/pattern_store.py: re's compiler output kept across
# runs), which calls re's own compiler, not re.compile: re.compile would also put each pattern
# in re's cache of 512, where compiling hundreds of them during a run would push out the
# patterns that functions pass to re.search and the like, which then are compiled again.

# What the stand-in copies from the compiled pattern: every public attribute of re.Pattern
# except ``pattern``, which it holds from the start (other patterns are built from it).
_COPIED = (
    "findall",
    "finditer",
    "flags",
    "fullmatch",
    "groupindex",
    "groups",
    "match",
    "scanner",
    "search",
    "split",
    "sub",
    "subn",
)


class LazyPattern:
    """A pattern's source and flags until something of it is needed, then its compiled form."""

    def __init__(self, source: str, flags: int) -> None:
        self.pattern = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Reached only for attributes not yet set: the first use, or a misspelt name.
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if not yet), its methods copied onto ``self``."""
        attributes = vars(self)
        compiled: re.Pattern[str] | None = attributes.get("_compiled")
        if compiled is None:
            compiled = attributes["_compiled"] = compile_pattern(self.pattern, self._flags)
            attributes.update((name, getattr(compiled, name)) for name in _COPIED)
        return compiled

    def __repr__(self) -> str:
        return repr(self.compiled())

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return lazy_regex, (self.pattern, self._flags)

    def __copy__(self) -> LazyPattern:
        return self  # as re.Pattern: immutable, so a copy is the same object

    def __deepcopy__(self, memo: dict[int, Any]) -> LazyPattern:
        return self


def lazy_regex(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first used."""
    return cast("re.Pattern[str]", LazyPattern(pattern, int(flags)))
