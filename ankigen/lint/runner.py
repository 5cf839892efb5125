"""Run the rules over checked content: findings -> located, filtered, suppressed diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ankigen.diagnostics import Diagnostic, has_errors, sorted_diagnostics
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.registry import ALL_RULES
from ankigen.lint.rule import LintConfig, ProjectRule, Rule, SuppressionRule
from ankigen.lint.suppress import Suppression, suppressions
from ankigen.source.files import read_text

if TYPE_CHECKING:
    from ankigen.pipeline.check import CheckResult


@dataclass(frozen=True)
class LintResult:
    check: CheckResult
    diagnostics: list[Diagnostic]  # check diagnostics and rule diagnostics, sorted

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(pattern) for pattern in patterns)


def enabled(rule: Rule, config: LintConfig) -> bool:
    if config.select and not _matches(rule.code, config.select):
        return False
    return not _matches(rule.code, config.ignore)


def documents_of(result: CheckResult) -> list[LintDocument]:
    documents = []
    for checked in result.decks:
        for note in checked.deck.notes:
            known = result.texts.get(note.path)
            text = known if known is not None else read_text(note.path)[0]
            if text is not None:
                documents.append(LintDocument(note.path, text, note, checked.deck.spec))
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
        config.severity.get(rule.code, rule.severity),
        end_line,
        end_column,
        rule.name,
        finding.fix,
    )


def note_findings(
    document: LintDocument, config: LintConfig, rules: Sequence[Rule] = ALL_RULES
) -> tuple[Diagnostic, ...]:
    """What the per-note rules find in one document, before suppressions: a function of the
    file, its deck and the config only, so it can be cached with the note."""
    return tuple(
        _diagnostic(rule, document, finding, config)
        for rule in rules
        if not isinstance(rule, ProjectRule) and enabled(rule, config)
        for finding in rule.check(document, config)
    )


def run_rules(
    documents: Sequence[LintDocument],
    config: LintConfig,
    rules: Sequence[Rule] = ALL_RULES,
    known: Mapping[Path, tuple[Diagnostic, ...]] | None = None,
) -> list[Diagnostic]:
    """Every rule over ``documents``; ``known`` holds per-note findings already computed."""
    active = [rule for rule in rules if enabled(rule, config)]
    raw: list[Diagnostic] = []
    for document in documents:
        found = known.get(document.path) if known is not None else None
        raw += found if found is not None else note_findings(document, config, rules)
    for rule in active:
        if isinstance(rule, ProjectRule):
            for document, finding in rule.check_project(documents, config):
                raw.append(_diagnostic(rule, document, finding, config))

    by_path: dict[object, list[Suppression]] = {d.path: suppressions(d) for d in documents}
    kept: list[Diagnostic] = []
    for diagnostic in raw:
        covering = [
            s for s in by_path[diagnostic.path] if s.covers(diagnostic.code, diagnostic.line)
        ]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(diagnostic)

    active_codes = frozenset(rule.code for rule in active)
    for rule in active:
        if isinstance(rule, SuppressionRule):
            for document in documents:
                directives = by_path[document.path]
                for finding in rule.check_suppressions(document, directives, active_codes):
                    kept.append(_diagnostic(rule, document, finding, config))
    return kept


def lint(result: CheckResult, config: LintConfig) -> LintResult:
    """The check's diagnostics (always reported) plus those of every enabled rule."""
    rules = run_rules(documents_of(result), config, known=result.findings)
    diagnostics = [*result.diagnostics, *rules]
    return LintResult(result, sorted_diagnostics(diagnostics))
