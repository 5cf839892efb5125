"""Start-up stays light: `--help`, `lint` and an up-to-date build load only what they use."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

HEAVY = (
    "genanki",
    "pygments",
    "ankigen.render.note",
    "markdown_it",
    "pydantic",
    "ankigen.lint.rules",
)


def _loaded_after(args: list[str], cwd: Path) -> set[str]:
    """Top-level modules (and ankigen modules) loaded by one CLI run in a fresh interpreter."""
    script = (
        "import sys\n"
        "from ankigen.cli import main\n"
        f"code = main({args!r})\n"
        "print('MODULES ' + ' '.join(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    (line,) = [line for line in completed.stdout.splitlines() if line.startswith("MODULES ")]
    return set(line.split()[1:])


def _heavy(modules: set[str]) -> set[str]:
    return {
        name
        for name in modules
        for prefix in HEAVY
        if name == prefix or name.startswith(prefix + ".")
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "content" / "sample")
    return tmp_path


def test_help_loads_nothing_heavy(tmp_path: Path) -> None:
    assert _heavy(_loaded_after(["--help"], tmp_path)) == set()


def test_lint_never_loads_genanki(project: Path) -> None:
    loaded = _loaded_after(["lint"], project)
    assert "genanki" not in loaded
    assert "ankigen.package.compile" not in loaded


def test_up_to_date_lint_and_build_load_nothing_heavy(project: Path) -> None:
    _loaded_after(["build"], project)
    _loaded_after(["lint"], project)
    assert _heavy(_loaded_after(["build"], project)) == set()
    assert _heavy(_loaded_after(["lint"], project)) == set()
