"""Where a prose rule's candidate findings go: an opt-in trace (issue #12, session 26).

The prose and markup rules (AG13x and the like) mostly work alike: a detector proposes a
candidate on a line, guards reject some of them, and the rest become findings. To say WHERE a
held-out positive that no rule reported was lost, without reading it, the guards say so here:
``rejects(document, code, guard, start, end, condition)`` returns ``condition`` unchanged and,
only while a trace is on, records that ``guard`` rejected a candidate of rule ``code`` on those
lines. A rule whose whole answer is one candidate (AG136) names a guard at each of its early
returns with ``reject``.

The trace is off unless ``tracing()`` turns it on (``scripts/prose_stage_histogram.py`` does):
then each call is one test of a module global, so a lint costs what it cost and finds what it
found (tests/test_prose_stage_histogram.py compares the findings with the trace on and off).
Guard names are short and stable: the histogram counts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ankigen.lint.document import LintDocument


@dataclass(frozen=True, order=True)
class Rejection:
    """A candidate of rule ``code`` on file lines ``first``..``last`` of note ``path``,
    rejected by ``guard``."""

    path: str
    code: str
    guard: str
    first: int
    last: int


# The rejections of the trace that is on, else None (the default: nothing is recorded).
_recorded: list[Rejection] | None = None


@contextmanager
def tracing() -> Iterator[list[Rejection]]:
    """Turn the trace on for the block; yields the list the rejections are added to."""
    global _recorded
    previous = _recorded
    _recorded = []
    try:
        yield _recorded
    finally:
        _recorded = previous


def reject(document: LintDocument, code: str, guard: str, start: int, end: int) -> None:
    """Record that ``guard`` of rule ``code`` rejected the candidate at ``start:end``."""
    if _recorded is None:
        return
    first = document.position(start)[0]
    last = document.position(max(start, end - 1))[0]
    _recorded.append(Rejection(str(document.path), code, guard, first, last))


def rejects(
    document: LintDocument, code: str, guard: str, start: int, end: int, condition: object
) -> bool:
    """``bool(condition)``: whether ``guard`` rejects the candidate at ``start:end``, recorded
    when it does and the trace is on."""
    if condition and _recorded is not None:
        reject(document, code, guard, start, end)
    return bool(condition)
