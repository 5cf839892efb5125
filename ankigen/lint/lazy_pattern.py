"""Regular expressions compiled on first use.

Compiling the rules' patterns is most of the time ``import ankigen.lint.registry`` takes, and a
run needs only those its notes reach: the layer and epoch patterns, say, stay unused on a deck
without a convolution or a batch size. A ``LazyPattern`` stands in for ``re.compile(pattern,
flags)`` at module level: its first method call compiles the pattern and binds the compiled
pattern's methods to the instance, so later calls go straight to re, at no extra cost.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

# re's compiler (private but stable since Python 3.11, as lint/prefilter.py's parser): it
# compiles without going through re's cache of 512 patterns, which the rules' patterns compiled
# during a run would otherwise fill, pushing out patterns that functions build and reuse.
_compiler: Any = importlib.import_module("re._compiler")
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """``re.compile(pattern, flags)``, done when a method is first called."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    if TYPE_CHECKING:  # what re.Pattern[str] offers; bound at run time by __getattr__

        def search(
            self, string: str, pos: int = ..., endpos: int = ...
        ) -> re.Match[str] | None: ...

        def match(self, string: str, pos: int = ..., endpos: int = ...) -> re.Match[str] | None: ...

        def fullmatch(
            self, string: str, pos: int = ..., endpos: int = ...
        ) -> re.Match[str] | None: ...

        def finditer(
            self, string: str, pos: int = ..., endpos: int = ...
        ) -> Iterator[re.Match[str]]: ...

        def findall(self, string: str, pos: int = ..., endpos: int = ...) -> list[Any]: ...

        def sub(
            self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = ...
        ) -> str: ...

        def subn(
            self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = ...
        ) -> tuple[str, int]: ...

        def split(self, string: str, maxsplit: int = ...) -> list[str | Any]: ...

    else:  # hidden from mypy, so that a typo'd or missing attribute is still an error

        def __getattr__(self, name: str) -> Any:
            """The first call of a method: compile, and keep every method on the instance
            (found there from now on, before this is ever asked again)."""
            if name not in _METHODS:
                raise AttributeError(name)
            compiled = _compiler.compile(self.pattern, self.flags)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
            return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


# What a function that only searches may be given: a compiled pattern or a lazy one.
AnyPattern: TypeAlias = "re.Pattern[str] | LazyPattern"
