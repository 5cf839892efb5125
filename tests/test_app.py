"""The application layer returns typed outcomes that say what happened, without printing:
a build is written, replayed, refused (by errors or by the policy) or finds no decks; a lint
run is replayed or run, with the files its fixes changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.app.build import BuildStatus, run_build
from ankigen.app.lint import LintRequest, run_lint
from ankigen.app.options import ConfigError, lint_config
from ankigen.app.validate import run_validate
from ankigen.settings import Settings
from tests.conftest import MINIMAL_DECK, note_file, write

GOOD = "# What is an epoch?\n\nOne pass over the training data.\n"
CLOZE = "# Epochs\n\nAn epoch is {{c1::one pass}} over {{c2::the training data}}.\n"
FIXABLE = "# What is a batch?\n\nThe samples of one one gradient step.\n"  # a doubled word


def _settings(root: Path, **extra: object) -> Settings:
    return Settings(root, root / "content", root / "build", **extra)  # type: ignore[arg-type]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    deck = tmp_path / "content" / "deck"
    write(deck / "deck.yaml", MINIMAL_DECK)
    write(deck / "epoch.md", note_file("epoch", GOOD))
    write(deck / "cloze.md", note_file("cloze", CLOZE, "type: cloze\n"))
    return tmp_path


def test_a_build_is_written_then_replayed(root: Path) -> None:
    settings = _settings(root)
    first = run_build(settings, [settings.content], settings.build, no_cache=False)
    assert first.status is BuildStatus.WRITTEN
    (deck,) = first.outputs
    assert (deck.path, deck.notes, deck.cards, deck.unchanged) == (
        settings.build / "deck.apkg",
        2,
        3,  # one basic card and two cloze cards
        False,
    )
    assert deck.path.is_file() and "processed" in first.cache_use
    second = run_build(settings, [settings.content], settings.build, no_cache=False)
    assert second.status is BuildStatus.UP_TO_DATE and second.cache_use == ""
    assert [(o.path, o.notes, o.cards, o.unchanged) for o in second.outputs] == [
        (deck.path, 2, 3, True)
    ]


def test_errors_refuse_the_build_and_write_nothing(root: Path) -> None:
    write(root / "content" / "deck" / "broken.md", "no front matter\n")
    settings = _settings(root)
    outcome = run_build(settings, [settings.content], settings.build, no_cache=True)
    assert outcome.status is BuildStatus.REFUSED and not outcome.outputs
    assert "AG003" in {d.code for d in outcome.diagnostics}
    assert not (settings.build / "deck.apkg").exists()


def test_the_policy_refuses_before_anything_is_built(root: Path) -> None:
    settings = _settings(root, required=("source",))
    outcome = run_build(settings, [settings.content], settings.build, no_cache=True)
    assert outcome.status is BuildStatus.REFUSED_BY_POLICY
    assert {(d.path.name, d.code) for d in outcome.diagnostics} >= {
        ("epoch.md", "AG011"),
        ("cloze.md", "AG011"),
    }
    assert not settings.build.exists()


def test_a_folder_without_decks_is_reported(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    settings = _settings(tmp_path)
    outcome = run_build(settings, [settings.content], settings.build, no_cache=True)
    assert outcome.status is BuildStatus.NO_DECKS and not outcome.outputs


def test_lint_runs_then_replays_and_fix_reports_the_changed_file(root: Path) -> None:
    note = write(root / "content" / "deck" / "batch.md", note_file("batch", FIXABLE))
    settings = _settings(root)
    request = LintRequest([settings.content])
    ran = run_lint(settings, request)
    assert ran.run is not None and [d.code for d in ran.reported] == ["AG134"]
    replayed = run_lint(settings, request)
    assert replayed.run is None and replayed.reported == ran.reported
    fixed = run_lint(settings, LintRequest([settings.content], fix=True))
    assert fixed.run is not None and fixed.run.fixed == ((note, 1),)
    assert fixed.reported == [] and "of one gradient step" in note.read_text()


def test_lint_reports_only_the_requested_paths(root: Path) -> None:
    write(root / "content" / "deck" / "batch.md", note_file("batch", FIXABLE))
    settings = _settings(root)
    epoch = root / "content" / "deck" / "epoch.md"
    outcome = run_lint(settings, LintRequest([settings.content], (epoch,), no_cache=True))
    assert outcome.reported == []


def test_validate_counts_notes_per_deck(root: Path) -> None:
    settings = _settings(root)
    outcome = run_validate(settings, [settings.content], no_cache=True)
    assert outcome.ok and outcome.decks == ((str(root / "content" / "deck"), 2),)
    assert outcome.notes == 2


def test_invalid_lint_settings_are_a_config_error(root: Path) -> None:
    settings = _settings(root, lint={"no-such-option": 1})
    with pytest.raises(ConfigError, match=r"invalid \[tool.ankigen.lint\]"):
        lint_config(settings)
