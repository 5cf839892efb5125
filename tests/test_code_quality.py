"""The code base stays typed (mypy --strict) and lint-clean (ruff), checked with the tests."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_mypy_strict() -> None:
    completed = _run("mypy")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_ruff() -> None:
    completed = _run("ruff", "check", "ankigen", "tests")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    completed = _run("ruff", "format", "--check", "ankigen", "tests")
    assert completed.returncode == 0, completed.stdout + completed.stderr
