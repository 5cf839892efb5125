"""Run the rules over checked content: findings -> located, filtered, suppressed diagnostics."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ankigen.diagnostics import (
    Diagnostic,
    Severity,
    diagnostic_from_json,
    diagnostic_to_json,
    has_errors,
    sorted_diagnostics,
)
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.line_classifier import learned_findings
from ankigen.lint.registry import ALL_RULES
from ankigen.lint.rule import LintConfig, ProjectRule, Rule, SuppressionRule
from ankigen.lint.suppress import Suppression, may_suppress, suppressions
from ankigen.source.files import read_text
from ankigen.source.load import DeckSpec, Note, load_note

if TYPE_CHECKING:
    from ankigen.pipeline.check import CheckResult
    from ankigen.source.project import NoteEntry


@dataclass(frozen=True)
class LintResult:
    check: CheckResult
    diagnostics: list[Diagnostic]  # check diagnostics and rule diagnostics, sorted

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass(frozen=True, slots=True)
class NoteLint:
    """What the rules take from one note alone: a function of the file, its deck and the
    config only, so it can be cached with the note."""

    findings: tuple[Diagnostic, ...]  # of the per-note rules, before suppressions
    project: dict[str, Any]  # a project rule's code -> its input from this note

    def encoded(self, path: Path) -> bytes:
        """The same as one bytes object, to be kept for a whole run (``decoded`` gives it
        back): the JSON of the findings (a finding's path only when it is not the note's,
        ``path``) and of the project inputs. A few hundred bytes a note where the objects
        took twice that, and the run keeps one for every note until the rules across notes
        and the report read them."""
        findings = [
            diagnostic_to_json(d) if d.path == path else [*diagnostic_to_json(d), str(d.path)]
            for d in self.findings
        ]
        data = [findings, self.project]
        # surrogatepass: a path or text read with surrogateescape; json.loads undoes it.
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode(
            "utf-8", "surrogatepass"
        )

    @staticmethod
    def decoded(path: Path, encoded: bytes) -> NoteLint:
        """The ``NoteLint`` that ``encoded`` was made from (``path``: the note's): equal
        findings, and project inputs that are equal JSON data (tuples for lists, keys and
        short strings interned)."""
        findings, project = json.loads(encoded)
        return NoteLint(
            tuple(
                diagnostic_from_json(Path(item[9]) if len(item) > 9 else path, item[:9])
                for item in findings
            ),
            _compact(project),
        )


# What a run keeps of a note's lint: its ``NoteLint`` itself, or that encoded.
Kept = NoteLint | bytes


def _findings(name: str, kept: Kept) -> tuple[Diagnostic, ...]:
    """A kept note lint's findings (``name``: the note's path string)."""
    if isinstance(kept, NoteLint):
        return kept.findings
    if kept.startswith(_NO_FINDINGS):  # most notes: no Path made, nothing decoded
        return ()
    return NoteLint.decoded(Path(name), kept).findings


_NO_FINDINGS = b"[[],"  # how ``NoteLint.encoded`` starts for a note without findings


def _project_input(kept: Kept, code: str, compact: bool = True) -> Any:
    """One project rule's input from a kept note lint (its findings are not decoded)."""
    if isinstance(kept, NoteLint):
        return kept.project[code]
    data = json.loads(kept)[1][code]
    return _compact(data) if compact else data


def _compact(data: Any) -> Any:
    """JSON data with lists as tuples and keys and short strings interned."""
    kind = type(data)  # exact types first: this runs on every node of every note's input
    if kind is str:
        return sys.intern(data) if len(data) <= _SHORT else data
    if kind is list or kind is tuple or (kind is not dict and isinstance(data, list | tuple)):
        return tuple([_compact(item) for item in data])
    if isinstance(data, dict):
        return {sys.intern(key): _compact(value) for key, value in data.items()}
    return data


_SHORT = 20  # a kind or a label, repeated across notes; longer strings are mostly unique


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(pattern) for pattern in patterns)


def enabled(rule: Rule, config: LintConfig) -> bool:
    if config.select and not _matches(rule.code, config.select):
        return False
    return not _matches(rule.code, config.ignore)


def _document(
    result: CheckResult, entry: NoteEntry, spec: DeckSpec, loaded: Note | None = None
) -> LintDocument | None:
    """The lint document of a checked note: its note and text as the check kept them if it
    may hold a suppression, else read again (the note taken from ``loaded`` when given);
    None when it cannot be read or loaded any more."""
    kept = result.suppressing.get(entry.path)
    note: Note | None
    text: str | None
    if kept is not None:
        note, text = kept
    else:
        try:
            raw = entry.path.read_bytes()
        except OSError:
            return None
        text = read_text(entry.path, raw)[0]
        note = loaded if loaded is not None else load_note(entry.path, raw)[0]
    if note is None or text is None:
        return None
    return LintDocument(entry.path, text, note, spec)


def documents_of(result: CheckResult) -> list[LintDocument]:
    """The lint document of every note of ``result``, read again (a check without ``on_deck``
    keeps the notes in its rendered notes)."""
    documents = []
    for checked in result.decks:
        loaded = {rendered.note.path: rendered.note for rendered in checked.notes}
        for entry in checked.deck.notes:
            document = _document(result, entry, checked.deck.spec, loaded.get(entry.path))
            if document is not None:
                documents.append(document)
    return documents


def _diagnostic(
    rule: Rule, document: LintDocument, finding: Finding, config: LintConfig
) -> Diagnostic:
    line, column = document.position(finding.start)
    end_line, end_column = document.position(max(finding.end, finding.start))
    return Diagnostic(
        document.path,
        line,
        column,
        rule.code,
        finding.message,
        config.severity.get(rule.code, finding.severity or rule.severity),
        end_line,
        end_column,
        rule.name,
        finding.fix,
    )


# Set (the test suite does) to let a rule's exception propagate instead of becoming a warning.
RAISE_RULE_ERRORS = "ANKIGEN_RAISE_RULE_ERRORS"


def _rule_diagnostics(rule: Rule, document: LintDocument, config: LintConfig) -> list[Diagnostic]:
    """One rule's diagnostics on one note. A rule that fails on a note is a bug in ankigen,
    not in the note: it becomes a warning on the note's first line, and the other rules and
    notes are still checked, so one odd note never stops a lint or a build with a traceback."""
    try:
        findings = list(rule.check(document, config))
        if rule.learned_lines:
            findings += learned_findings(document, rule.code, findings)
        return [_diagnostic(rule, document, f, config) for f in findings]
    except Exception as error:
        if os.environ.get(RAISE_RULE_ERRORS):
            raise
        message = (
            f"{rule.code} could not check this note ({type(error).__name__}: {error}): this is "
            "a bug in ankigen, please report it with the note; the note's other checks ran"
        )
        return [
            Diagnostic(document.path, 1, 1, rule.code, message, Severity.WARNING, 1, 1, rule.name)
        ]


def note_lint(
    document: LintDocument, config: LintConfig, rules: Sequence[Rule] = ALL_RULES
) -> NoteLint:
    """What the rules take from one document: the per-note rules' findings, before
    suppressions, and each project rule's input."""
    findings = tuple(
        diagnostic
        for rule in rules
        if not isinstance(rule, ProjectRule) and enabled(rule, config)
        for diagnostic in _rule_diagnostics(rule, document, config)
    )
    project = {
        rule.code: rule.note_input(document, config)
        for rule in rules
        if isinstance(rule, ProjectRule) and enabled(rule, config)
    }
    return NoteLint(findings, project)


def run_rules(
    documents: Sequence[LintDocument],
    config: LintConfig,
    rules: Sequence[Rule] = ALL_RULES,
) -> list[Diagnostic]:
    """Every rule over ``documents``."""
    linted = [(str(document.path), note_lint(document, config, rules)) for document in documents]
    return _run(linted, [d for d in documents if may_suppress(d.note)], config, rules)


def _run(
    linted: Sequence[tuple[str, Kept]],
    suppressing: Sequence[LintDocument],
    config: LintConfig,
    rules: Sequence[Rule],
) -> list[Diagnostic]:
    """The project rules over every note's input, then the suppressions of ``suppressing``
    (the documents of every note that may hold one) over all findings. An encoded note
    (``NoteLint.encoded``) is decoded each time one of them is read, and a project rule reads
    the inputs one by one, so that not every note's lint is held decoded at once. A note is
    named by its path string (``linted``): a ``Path`` is made only for its findings."""
    active = [rule for rule in rules if enabled(rule, config)]
    raw = [finding for name, note in linted for finding in _findings(name, note)]
    for rule in active:
        if isinstance(rule, ProjectRule):
            # A generator: the rule reads one note's input at a time, not a list of them all.
            compact = rule.compact_inputs
            inputs = ((path, _project_input(note, rule.code, compact)) for path, note in linted)
            for path, located in rule.check_inputs(inputs, config):
                severity = config.severity.get(rule.code, rule.severity)
                raw.append(
                    Diagnostic(
                        path,
                        located.line,
                        located.column,
                        rule.code,
                        located.message,
                        severity,
                        located.end_line,
                        located.end_column,
                        rule.name,
                    )
                )

    by_path: dict[Path, list[Suppression]] = {d.path: suppressions(d) for d in suppressing}
    kept: list[Diagnostic] = []
    for diagnostic in raw:
        covering = [
            s
            for s in by_path.get(diagnostic.path, ())
            if s.covers(diagnostic.code, diagnostic.line)
        ]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(diagnostic)

    active_codes = frozenset(rule.code for rule in active)
    for rule in active:
        if isinstance(rule, SuppressionRule):
            for document in suppressing:
                directives = by_path[document.path]
                for finding in rule.check_suppressions(document, directives, active_codes):
                    kept.append(_diagnostic(rule, document, finding, config))
    return kept


def lint(result: CheckResult, config: LintConfig) -> LintResult:
    """The check's diagnostics (always reported) plus those of every enabled rule, from the
    notes' findings and project inputs made during the check: no note is read again, except
    the few that may hold a suppression."""
    linted: list[tuple[str, Kept]] = []
    suppressing: list[LintDocument] = []
    for checked in result.decks:
        for entry in checked.deck.notes:
            known: Kept | None = result.findings.get(entry.file)
            document = None
            if known is None or (result.suppressing and entry.path in result.suppressing):
                document = _document(result, entry, checked.deck.spec)
                if document is None:
                    continue
            if known is None and document is not None:
                known = note_lint(document, config)
            if known is not None:
                linted.append((entry.file, known))
            if document is not None and may_suppress(document.note):
                suppressing.append(document)
    rules = _run(linted, suppressing, config, ALL_RULES)
    diagnostics = [*result.diagnostics, *rules]
    return LintResult(result, sorted_diagnostics(diagnostics))
