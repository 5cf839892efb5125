"""How sure a number rule's finding is: what its derivation rested on besides the note's words.

A finding of AG101-AG104 is an error only when it rests on what the note states: a calculation
written out, or operands and a claim that one sentence, one code call, one table row or one
labelled line binds by their own words. Every reader says what else its derivation used (a
``Ground``); a finding that used anything else is a warning, since a wrong guess there turns a
correct card into a failed build, the worst thing the linter can do. The message never
changes, only the severity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from enum import Enum
from typing import TypeVar

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding

_F = TypeVar("_F", bound=Finding)


class Ground(Enum):
    """Something a derivation needed that the note does not state at the claim."""

    DEFAULT = "a library default the note does not state (padding, bias, stride, drop_last)"
    ROLE = "a role read from position or proximity, not from the quantity's own words"
    CARRIED = "a quantity carried from another line, row, step or scenario"
    CHOICE = "a choice among several readings, conventions or assignments"
    LABEL = "a claim whose label was inferred (a bare number, a total under parts)"


def severity_of(grounds: Iterable[Ground]) -> Severity | None:
    """A warning when the derivation used anything the note does not state; else the rule's
    own severity (an error)."""
    return Severity.WARNING if any(True for _ in grounds) else None


def graded(findings: Iterable[Finding], *grounds: Ground) -> Iterator[Finding]:
    """The findings of a reader whose derivation used ``grounds``: warnings when it used any.
    A grade a finding already carries is kept: a reader that knows more per finding has set
    it (``grounded``: this one's derivation used none of the reader's grounds)."""
    severity = severity_of(grounds)
    for finding in findings:
        if severity is None or finding.severity is not None:
            yield finding
        else:
            yield replace(finding, severity=severity)


def grounded(finding: _F) -> _F:
    """A finding whose own derivation rests on the note's words alone, though its reader's
    others may not: an error whatever grounds the reader as a whole is graded by. A reader
    marks one only where its data tell it that every quantity the derivation used has one
    role, read from a label, a keyword argument, a header or the claim's own sentence or row,
    that the claim's label is explicit, and that no other assignment the words allow was
    left."""
    return replace(finding, severity=Severity.ERROR)


def assuming(finding: Finding, *grounds: Ground) -> Finding:
    """One finding graded by what its own derivation used."""
    return next(graded([finding], *grounds))
