"""Structure rules that go beyond what ``validate`` refuses: likely mistakes, not breakage."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.lazy_pattern import lazy_regex
from ankigen.lint.rule import LintConfig, Rule, SuppressionRule
from ankigen.lint.suppress import Suppression
from ankigen.source.model import NoteType

_CLOZE_OPEN = lazy_regex(r"\{\{c\d+::")


class ClozeSyntaxInBasicNote(Rule):
    """Cloze markers in a basic or code note are shown literally, braces and all.

    Anki only hides ``{{c1::…}}`` in cloze note types. Either make the note ``type: cloze``
    or write the text without markers.
    """

    code = "AG160"
    name = "cloze-syntax-in-basic-note"
    severity = Severity.WARNING
    summary = "cloze markers in a basic or code note are shown literally"
    bad = "# What is ReLU?\n\nReLU is {{c1::max(0, x)}}.\n"
    good = "# What is ReLU?\n\nReLU is max(0, x).\n"

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        if document.note.meta.type is NoteType.CLOZE:
            return
        for match in _CLOZE_OPEN.finditer(document.text, document.body_offset):
            yield Finding(
                match.start(),
                match.end(),
                "cloze marker in a basic note is shown literally: use type: cloze, or remove it",
            )


class UnusedSuppression(SuppressionRule):
    """A suppression comment or ``lint-ignore`` entry that silenced nothing.

    Stale suppressions hide future problems; remove them once the problem is fixed.
    """

    code = "AG190"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "a suppression that silences nothing"
    bad = "<!-- ankigen: disable-next-line AG130 -->\n# What is ReLU?\n\nmax(0, x)\n"
    good = "# What is ReLU?\n\nmax(0, x)\n"

    def check_suppressions(
        self, document: LintDocument, found: Sequence[Suppression], active_codes: frozenset[str]
    ) -> Iterator[Finding]:
        for suppression in found:
            if suppression.used or suppression.code not in active_codes:
                continue  # a suppression of a rule that did not run cannot be judged
            message = f"suppression of {suppression.code} is unused: remove it"
            yield Finding(suppression.offset, suppression.end, message)


RULES: tuple[Rule, ...] = (ClozeSyntaxInBasicNote(), UnusedSuppression())
