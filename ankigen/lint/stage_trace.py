"""A stage trace of the number rules (AG101-AG104): where on its way to a finding a number
stopped (issue #12; ``scripts/stage_histogram.py`` reads it).

Off by default: every hook is one test of a module global that only ``tracing`` sets, so a lint
run pays nothing for it and its findings and output bytes never depend on it. When on, the
shared choke points of the number rules record events per note, by file offsets:

* ``gate``: a rule set the note aside before reading it (a one-sided padding, windows);
* ``setup``: a set-up of a family was read (a calculation's operands, a training run's data
  and batch, one layer's kernel and input, a layer's sizes);
* ``claim``: a stated result of a family was found (the claim inventory, a judge's claims);
* ``judged``: a claim was recomputed and found consistent, with the reason (equal, within
  rounding, a convention accepted, read as something else);
* ``linked``: the set-up-to-claim linker (``ankigen.lint.linker``) saw a claim it could not
  judge, with the reason (the roles its formula needs that the note does not state, or why
  it set the claim aside: a worked calculation, a total, a channel count); a claim it
  reproduced is ``judged`` ("linked: reproduced");
* ``candidate``: a ``Finding`` was made while a number rule ran (a finding the rule may still
  drop: deduplicated, explained by another reading).

Events carry the recording module's name, so counts can be aggregated by reader. Nothing here
reads a note; the offsets are turned into lines with the document the rule runs on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ankigen.lint.document import Finding, LintDocument

ARITHMETIC = "arithmetic"
EPOCHS = "epoch-iterations"
CONV = "conv-output"
PARAMS = "param-count"
FAMILY_OF_CODE = {"AG101": ARITHMETIC, "AG102": EPOCHS, "AG103": CONV, "AG104": PARAMS}


@dataclass(frozen=True, order=True)
class Event:
    """One stage a number reached: the file line it stands on (1-based), the family, the
    stage, a reason (for ``judged``) and the module that recorded it."""

    line: int
    family: str
    stage: str
    reason: str = ""
    reader: str = ""


@dataclass
class Recorder:
    """The events of a traced run, per note file (its path string)."""

    events: dict[str, set[Event]] = field(default_factory=dict)
    document: LintDocument | None = None  # the note the running rule checks
    code: str = ""  # the number rule that runs, "" outside them

    @contextmanager
    def rule(self, code: str, document: LintDocument) -> Iterator[None]:
        """Events and findings made inside belong to ``code``'s check of ``document``."""
        held = self.document, self.code
        self.document, self.code = document, code
        try:
            yield
        finally:
            self.document, self.code = held

    def of(self, path: str) -> list[Event]:
        return sorted(self.events.get(path, ()))


_RECORDER: Recorder | None = None  # set only inside ``tracing``


@contextmanager
def tracing() -> Iterator[Recorder]:
    """Record the stages of every number rule run inside (one run at a time)."""
    global _RECORDER
    held, _RECORDER = _RECORDER, Recorder()
    try:
        yield _RECORDER
    finally:
        _RECORDER = held


def on() -> bool:
    """Whether a trace records: a hook that must compute something to record asks first."""
    return _RECORDER is not None


def record(
    stage: str,
    family: str,
    start: int,
    reason: str = "",
    document: LintDocument | None = None,
) -> None:
    """One event at file offset ``start`` of ``document`` (default: the note the running rule
    checks). Nothing happens when no trace is on."""
    recorder = _RECORDER
    if recorder is None:
        return
    document = document or recorder.document
    if document is None:
        return
    line = document.position(max(start, 0))[0]
    event = Event(line, family, stage, reason, _reader())
    recorder.events.setdefault(str(document.path), set()).add(event)


# Frames that pass an event on rather than read: this module, a finding's (generated) init.
_PASSING = frozenset({__name__, "ankigen.lint.document", "dataclasses"})


def _reader() -> str:
    """The module that recorded the event, past the helpers that passed it on."""
    frame = sys._getframe(2)
    while frame.f_back is not None and frame.f_globals.get("__name__") in _PASSING:
        frame = frame.f_back
    return str(frame.f_globals.get("__name__", "")).removeprefix("ankigen.lint.")


def judged(family: str, start: int, reason: str, document: LintDocument | None = None) -> None:
    """A claim at ``start`` recomputed and found consistent, or set aside, for ``reason``."""
    if _RECORDER is not None:
        record("judged", family, start, reason, document)


def candidate(finding: Finding) -> None:
    """A finding made while a number rule runs (``Finding.__post_init__`` calls this)."""
    recorder = _RECORDER
    if recorder is None or not recorder.code:
        return
    family = FAMILY_OF_CODE.get(recorder.code)
    if family is not None:
        record("candidate", family, finding.start, recorder.code)


def note_setup(family: str) -> None:
    """A family's formula was applied somewhere in the note (an output size, a layer's count,
    an epoch's steps): its set-up was read well enough to recompute a claim. The shared
    formulas call this; it stands for the whole note (line 0), since a card is short."""
    recorder = _RECORDER
    if recorder is None or recorder.document is None:
        return
    event = Event(0, family, "setup", "", _reader())
    recorder.events.setdefault(str(recorder.document.path), set()).add(event)
