"""The set-up-to-claim linker (issue #12): the stated quantities of a note by role, and every
claim of the number families recomputed from them (``link``)."""

from ankigen.lint.linker.link import Verdict, linker_findings, verdicts

__all__ = ["Verdict", "linker_findings", "verdicts"]
