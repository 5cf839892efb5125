"""The pre-commit hooks: run as pre-commit runs them (the manifest's entry plus file names, in a
deck repository), they see the whole content folder but report only the files passed."""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, git, note_file, write

MANIFEST = REPO / ".pre-commit-hooks.yaml"
PASSED = "content/deck-b/dropout-in-training.md"
DIAGNOSTIC = re.compile(r"^(\S+):\d+:\d+: (AG\d{3}) ", re.MULTILINE)


def hooks() -> dict[str, dict[str, Any]]:
    manifest: list[dict[str, Any]] = yaml.safe_load(MANIFEST.read_text("utf-8"))
    return {hook["id"]: hook for hook in manifest}


def environment() -> dict[str, str]:
    # pre-commit puts the hook's environment first on PATH; here that is this interpreter's.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return {**os.environ, "PATH": path, "NO_COLOR": "1"}


def run_hook(hook_id: str, repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    entry = shlex.split(hooks()[hook_id]["entry"])
    return subprocess.run(
        [*entry, *files],
        cwd=repo,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def reported(output: str) -> set[tuple[str, str]]:
    return set(DIAGNOSTIC.findall(output))


@pytest.fixture
def deck_repo(tmp_path: Path) -> Path:
    """A git repository of two decks: a question asked in both, and a note with an error that is
    never passed to the hook."""
    repo = tmp_path / "decks"
    write(repo / "pyproject.toml", '[tool.ankigen]\ncontent = "content"\nbuild = "build"\n')
    for deck in ("deck-a", "deck-b"):
        write(repo / "content" / deck / "deck.yaml", f'name: "{deck}"\ndescription: "tests"\n')
    write(
        repo / "content" / "deck-a" / "dropout.md",
        note_file("dropout", "# What does dropout do during training?\n\nIt zeroes activations.\n"),
    )
    # Near-duplicate of deck-a/dropout.md (AG140, reported on the later file) and a misspelled
    # name (AG110, an error that --fix corrects).
    write(
        repo / PASSED,
        note_file(
            "dropout-in-training",
            "# What does dropout do during the training?\n\nTensorflow zeroes activations.\n",
        ),
    )
    write(
        repo / "content" / "deck-b" / "epoch.md",
        note_file("epoch", "# What is an epoch in Tensorflow?\n\nTODO\n"),
    )
    write(repo / "README.md", "# My decks\n\nTODO: not a note, never linted.\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "decks")
    return repo


def test_manifest_declares_both_hooks() -> None:
    lint, fix = hooks()["ankigen-lint"], hooks()["ankigen-lint-fix"]

    assert lint["entry"] == "ankigen lint"
    assert fix["entry"] == "ankigen lint --fix"
    for hook in (lint, fix):
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is True
        assert re.search(hook["files"], "content/deck/epoch.md")
        assert not re.search(hook["files"], "content/deck/deck.yaml")


def test_manifest_is_valid_for_pre_commit() -> None:
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    clientlib = importlib.import_module("pre_commit.clientlib")  # untyped: no static import

    loaded = clientlib.load_manifest(str(MANIFEST))

    assert {hook["id"] for hook in loaded} == {"ankigen-lint", "ankigen-lint-fix"}


def test_lint_hook_sees_every_deck_but_reports_only_the_passed_file(deck_repo: Path) -> None:
    result = run_hook("ankigen-lint", deck_repo, PASSED)

    assert result.returncode == 1, result.stderr
    assert reported(result.stdout) == {(PASSED, "AG110"), (PASSED, "AG140")}
    # The duplicate is in another deck: only a run over the whole content folder finds it.
    assert "deck-a/dropout.md" in result.stdout
    assert "epoch.md" not in result.stdout + result.stderr


def test_exit_code_counts_only_the_passed_files(deck_repo: Path) -> None:
    # deck-b/epoch.md has errors; deck-a/dropout.md, the earlier of the two duplicates, has none.
    result = run_hook("ankigen-lint", deck_repo, "content/deck-a/dropout.md")

    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_markdown_outside_decks_passes(deck_repo: Path) -> None:
    # `files: \.md$` also matches a README: it is not a note, so there is nothing to report.
    result = run_hook("ankigen-lint", deck_repo, "README.md")

    assert (result.returncode, result.stdout) == (0, "")


def test_fix_hook_fixes_only_the_passed_file(deck_repo: Path) -> None:
    result = run_hook("ankigen-lint-fix", deck_repo, PASSED)

    assert result.returncode == 0, result.stdout  # the AG140 warning remains, no error
    assert f"fixed 1 problem(s) in {PASSED}" in result.stderr
    assert "TensorFlow zeroes activations." in (deck_repo / PASSED).read_text("utf-8")
    assert reported(result.stdout) == {(PASSED, "AG140")}
    untouched = (deck_repo / "content" / "deck-b" / "epoch.md").read_text("utf-8")
    assert "in Tensorflow?" in untouched


def hook_source(tmp_path: Path) -> Path:
    """A git repository holding this working tree's hook manifest and package, committed.

    pre-commit installs hooks from a git revision; try-repo on REPO itself would miss files that
    are not committed yet, so the test commits a copy of what pip needs to install ankigen.
    """
    source = tmp_path / "hook-source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(REPO / name, source / name)
    shutil.copytree(
        REPO / "ankigen", source / "ankigen", ignore=shutil.ignore_patterns("__pycache__")
    )
    git(source, "init", "-q", "-b", "main")
    git(source, "add", "-A")
    git(source, "commit", "-q", "-m", "hooks")
    return source


@pytest.mark.skipif(
    importlib.util.find_spec("pre_commit") is None,
    reason="pre-commit is not installed (pip install pre-commit); the hook entries are still "
    "run directly by the tests above",
)
def test_pre_commit_try_repo_runs_the_hook(deck_repo: Path, tmp_path: Path) -> None:
    # Installs ankigen from the copy into a fresh virtualenv: needs PyPI, takes ~30 s.
    source = hook_source(tmp_path)
    env = {**environment(), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(source), "ankigen-lint"]

    result = subprocess.run(
        [*command, "--files", PASSED],
        cwd=deck_repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )

    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^ankigen lint\.+Failed$", result.stdout, re.MULTILINE)
    assert reported(result.stdout) == {(PASSED, "AG110"), (PASSED, "AG140")}
    assert "epoch.md" not in result.stdout
