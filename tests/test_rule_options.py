"""Per-rule options: each rule validates its own table, and a bad table stops the run up front."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.app.options import ConfigError, lint_config
from ankigen.cli import main
from ankigen.lint.registry import ALL_RULES, RULES_BY_CODE
from ankigen.lint.rule import LintConfig, RuleOptions
from ankigen.lint.rules.quality import LongAnswerOptions
from ankigen.settings import Settings
from tests.conftest import MINIMAL_DECK, note_file, write

LONG = "# What does dropout do?\n\nIt zeroes a random fraction of the units at every step.\n"


def _settings(root: Path, lint: dict[str, object]) -> Settings:
    return Settings(root, root / "content", root / "build", lint=lint)


def test_the_options_default_to_the_model_and_are_read_by_code_or_name() -> None:
    rule = RULES_BY_CODE["AG150"]
    assert LintConfig().options_of(rule, LongAnswerOptions).max_words == 60
    by_name = LintConfig.model_validate({"rules": {"long-answer": {"max-words": 9}}})
    by_code = LintConfig.model_validate({"rules": {"AG150": {"max-words": 9}}})
    assert by_name.options_of(rule, LongAnswerOptions).max_words == 9
    assert by_code.options_of(rule, LongAnswerOptions) == by_name.options_of(
        rule, LongAnswerOptions
    )


def test_the_older_top_level_key_is_still_read_and_the_table_wins() -> None:
    rule = RULES_BY_CODE["AG150"]
    legacy = LintConfig.model_validate({"max-answer-words": 15})
    assert legacy.options_of(rule, LongAnswerOptions).max_words == 15
    both = LintConfig.model_validate({"max-answer-words": 15, "rules": {"AG150": {"max-words": 7}}})
    assert both.options_of(rule, LongAnswerOptions).max_words == 7


def test_asking_a_rule_for_options_it_does_not_have_is_a_programming_error() -> None:
    spelling = RULES_BY_CODE["AG111"]
    with pytest.raises(TypeError, match="AG111"):
        LintConfig().options_for(spelling)

    class OtherOptions(RuleOptions):
        pass

    with pytest.raises(TypeError, match="has no OtherOptions"):
        LintConfig().options_of(RULES_BY_CODE["AG150"], OtherOptions)


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"AG999": {}}, r"rules\.AG999: no rule has that code or name .*AG150 \(long-answer\)"),
        ({"long-answers": {}}, r"rules\.long-answers: .*did you mean long-answer\?"),
        ({"spelling": {"x": 1}}, r"rules\.spelling: AG111 \(spelling\) has no options"),
        (
            {"long-answer": {"max-words": 0}},
            r"rules\.long-answer\.max-words: Input should be greater",
        ),
        ({"AG150": {"max-wrods": 3}}, r"rules\.AG150\.max-wrods: Extra inputs are not permitted"),
        (
            {"AG150": {"max-words": 5}, "long-answer": {"max-words": 6}},
            r"rules\.long-answer: AG150 is also configured as rules\.AG150",
        ),
    ],
)
def test_a_bad_rule_table_is_a_config_error_naming_the_key(
    tmp_path: Path, rules: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        lint_config(_settings(tmp_path, {"rules": rules}))


def test_every_options_model_has_documented_defaults() -> None:
    for rule in ALL_RULES:
        if rule.options is None:
            continue
        schema = rule.options.model_json_schema(by_alias=True)
        for key, field in schema["properties"].items():
            assert "default" in field and field.get("description"), (rule.code, key)


def test_the_cli_applies_the_table_and_refuses_a_bad_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "content" / "deck"
    write(deck / "deck.yaml", MINIMAL_DECK)
    write(deck / "dropout.md", note_file("dropout", LONG))
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", "[tool.ankigen.lint.rules.long-answer]\nmax-words = 5\n")
    assert main(["lint", "--no-cache", "--select", "AG150", "--format", "concise"]) == 0
    assert "more than 5" in capsys.readouterr().out  # a warning: exit 0, but reported
    write(tmp_path / "pyproject.toml", "[tool.ankigen.lint.rules.long-answer]\nmax-words = -1\n")
    assert main(["lint", "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "rules.long-answer.max-words" in err and "Traceback" not in err
