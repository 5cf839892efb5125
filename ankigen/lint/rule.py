"""What a lint rule is: a code, a name, a severity, docs, and a check over documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from ankigen.diagnostics import Severity
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.suppress import Suppression


class RuleOptions(BaseModel):
    """The options of one rule, from ``[tool.ankigen.lint.rules.<code or name>]``.

    A rule with options names a subclass in ``Rule.options``; the field aliases are the keys
    users write (kebab-case, like the rest of pyproject.toml).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


_Options = TypeVar("_Options", bound=RuleOptions)


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
    rules: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Per-rule options: a rule's code or name -> its options (docs/rules.md).",
    )
    # Each rule's options, validated once per config (the runner asks for every document).
    _options: dict[str, RuleOptions] = PrivateAttr(default_factory=dict)

    def options_table(self, rule: Rule) -> dict[str, Any]:
        """What ``[tool.ankigen.lint.rules]`` says for ``rule``, under its code or its name."""
        return self.rules.get(rule.code) or self.rules.get(rule.name) or {}

    def options_for(self, rule: Rule) -> RuleOptions:
        """The rule's validated options (its defaults where the config is silent); raises
        pydantic's ValidationError on a bad table (the CLI checks every table up front)."""
        if rule.options is None:
            raise TypeError(f"{rule.code} {rule.name} has no options")
        found = self._options.get(rule.code)
        if found is None:
            found = rule.options.model_validate(
                {**rule.legacy_options(self), **self.options_table(rule)}
            )
            self._options[rule.code] = found
        return found

    def options_of(self, rule: Rule, model: type[_Options]) -> _Options:
        """``options_for`` typed as the rule's own options model."""
        found = self.options_for(rule)
        if not isinstance(found, model):
            raise TypeError(f"{rule.code} {rule.name} has no {model.__name__}")
        return found


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
    options: ClassVar[type[RuleOptions] | None] = None
    # The learned prose-line classifier adds warnings of this code where the rule has none
    # (ankigen/lint/line_classifier.py; its weights file says which codes it reports).
    learned_lines: ClassVar[bool] = False

    def legacy_options(self, config: LintConfig) -> dict[str, Any]:
        """Options given by an older top-level key of ``[tool.ankigen.lint]``, still read."""
        return {}

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        return iter(())


class SuppressionRule(Rule):
    """A rule about the suppressions themselves: it runs after every other rule, when the
    runner knows which suppressions silenced something."""

    def check_suppressions(
        self, document: LintDocument, found: Sequence[Suppression], active_codes: frozenset[str]
    ) -> Iterator[Finding]:
        return iter(())


@dataclass(frozen=True)
class Located:
    """A project rule's finding, placed on lines and columns by the note's own input."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str


class ProjectRule(Rule):
    """A rule across notes (duplicates across decks), in two steps so that no note is held
    as a whole document for it: ``note_input`` reads what the rule needs of one note, as
    JSON data (it runs with the per-note rules and is cached with their findings, so an
    unchanged note costs nothing), and ``check_inputs`` compares every note's input (given
    one at a time, as an iterable, with the note's path as a string, the one the run keeps:
    it keeps only what it compares). Both may depend only on the note (resp. the inputs)
    and the config."""

    # Whether ``check_inputs`` is handed each input compacted (lists as tuples, short strings
    # interned, ``runner._compact``) or as the JSON data it decodes to, for a rule that
    # makes its own compact form of what it keeps.
    compact_inputs = True

    def note_input(self, document: LintDocument, config: LintConfig) -> Any:
        return None

    def valid_input(self, data: Any) -> bool:
        """Whether ``data`` has the shape ``note_input`` gives (a cache entry is data)."""
        return data is None

    def check_inputs(
        self, inputs: Iterable[tuple[str, Any]], config: LintConfig
    ) -> Iterator[tuple[Path, Located]]:
        return iter(())
