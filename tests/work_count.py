"""Deterministic measures of work for the tests that bound it (speed is timed in benchmarks/).

``calls_made`` counts the events ``sys.setprofile`` reports while a function runs: each call of
a Python function, each resumption of a generator and each call of a built-in C function
(``len``, a regex method) made from Python; with ``lines=True`` also each line of Python run,
which counts loops whose body calls nothing the profiler reports. Neither sees the work inside
one C call: ``meter_patterns`` adds that for regexes, the length of the text each module-level
pattern of the given modules is handed. Tests compare a size with four times that size (a
linear pass does about four times the work, a pass over every pair about sixteen) or bound the
work per item.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from types import FrameType, ModuleType
from typing import Any, TypeVar

import pytest

from ankigen.lint.lazy_pattern import LazyPattern

T = TypeVar("T")

_COUNTED = frozenset({"call", "c_call"})


def calls_made(function: Callable[[], T], lines: bool = False) -> tuple[T, int]:
    """What ``function()`` returns, and the calls (Python and built-in C functions) and
    resumptions it made; with ``lines``, also the lines of Python it ran (``sys.settrace``),
    which count a loop whose body calls no function or a compiled extension's."""
    count = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in _COUNTED:
            count += 1

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    previous, previous_trace = sys.getprofile(), sys.gettrace()
    sys.setprofile(profile)
    if lines:
        sys.settrace(trace)
    try:
        result = function()
    finally:
        sys.setprofile(previous)
        sys.settrace(previous_trace)
    return result, count


class _MeteredPattern:
    """A module's pattern that adds the length of the text each search is given to a meter."""

    def __init__(self, pattern: re.Pattern[str], meter: list[int]) -> None:
        self._pattern = pattern
        self._meter = meter

    def _scanning(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        self._meter[0] += max(0, min(endpos, len(string)) - pos)

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        self._scanning(string, *args)
        return self._pattern.search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        self._scanning(string, *args)
        return self._pattern.match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        self._scanning(string, *args)
        return self._pattern.fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        self._scanning(string, *args)
        return self._pattern.finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        self._scanning(string, *args)
        return self._pattern.findall(string, *args)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        self._scanning(string)
        return self._pattern.split(string, maxsplit)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self._scanning(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl: Any, string: str, count: int = 0) -> tuple[str, int]:
        self._scanning(string)
        return self._pattern.subn(repl, string, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


def meter_patterns(monkeypatch: pytest.MonkeyPatch, *modules: ModuleType) -> list[int]:
    """Put a meter on every module-level pattern of ``modules``: the returned list's one item
    grows by the length of the text each of their searches, matches and substitutions is
    given (the regex work that ``calls_made`` cannot see)."""
    meter = [0]
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern | LazyPattern):
                pattern = value.compiled() if isinstance(value, LazyPattern) else value
                monkeypatch.setattr(module, name, _MeteredPattern(pattern, meter))
    return meter
