"""What a lint rule is: a code, a name, a severity, docs, and a check over documents."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.suppress import Suppression


class LintConfig(BaseModel):
    """``[tool.ankigen.lint]`` in pyproject.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    select: tuple[str, ...] = Field(default=(), description="Only these codes or prefixes.")
    ignore: tuple[str, ...] = Field(default=(), description="Never these codes or prefixes.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Code -> severity.")
    max_answer_words: int = Field(default=60, ge=1, alias="max-answer-words")
    words: tuple[str, ...] = Field(
        default=(), description="Extra accepted words for the spelling rule (domain terms)."
    )
    misspellings: dict[str, str] = Field(
        default_factory=dict, description="Extra 'wrong: right' pairs for the names rule."
    )


class Rule:
    """A rule checks one document at a time. Subclasses set the class attributes.

    The docstring of a subclass is its documentation; ``bad`` and ``good`` are examples of a
    note body that the rule reports and one it accepts.

    ``check`` must depend only on the document (its file and deck) and the config: its
    findings are cached with the note and reused while those bytes are unchanged. A rule that
    looks at other files is a ``ProjectRule``.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]
    bad: ClassVar[str]
    good: ClassVar[str]
    fixable: ClassVar[bool] = False

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        return iter(())


class SuppressionRule(Rule):
    """A rule about the suppressions themselves: it runs after every other rule, when the
    runner knows which suppressions silenced something."""

    def check_suppressions(
        self, document: LintDocument, found: Sequence[Suppression], active_codes: frozenset[str]
    ) -> Iterator[Finding]:
        return iter(())


class ProjectRule(Rule):
    """A rule that needs every document at once (duplicates across decks)."""

    def check_project(
        self, documents: Sequence[LintDocument], config: LintConfig
    ) -> Iterator[tuple[LintDocument, Finding]]:
        return iter(())
