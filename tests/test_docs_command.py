"""`ankigen docs`: the documentation offline, from a checkout and from a real wheel, where the
pages are copies made at build time that must equal docs/*.md (and the init templates ship)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.tools.manual import topics
from tests.conftest import REPO

DOCS = REPO / "docs"
WHEEL_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")


def test_topics_are_the_pages_of_docs_with_their_titles(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs"]) == 0

    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(p.stem for p in DOCS.glob("*.md"))
    assert {"ci", "format", "import", "preview", "rules"} <= set(topics())
    assert any(line.split(None, 1) == ["format", "The source format"] for line in lines)


def test_a_topic_prints_its_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", "format"]) == 0

    assert capsys.readouterr().out == (DOCS / "format.md").read_text("utf-8")


def test_an_unknown_topic_lists_the_topics(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["docs", "formats"]) == 2

    err = capsys.readouterr().err
    every_page = ", ".join(sorted(p.stem for p in DOCS.glob("*.md")))
    assert "no documentation topic 'formats'" in err and every_page in err


def build_wheel(tmp_path: Path) -> Path:
    """A wheel of a copy of the working tree (a real build: pip and setuptools)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in WHEEL_INPUTS:
        shutil.copy2(REPO / name, source / name)
    for folder in ("ankigen", "docs"):
        shutil.copytree(
            REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0 and "No matching distribution" in completed.stderr:
        pytest.skip("building a wheel needs setuptools from the package index")
    assert completed.returncode == 0, completed.stderr
    (wheel,) = tmp_path.glob("ankigen-*.whl")
    return wheel


def test_a_wheel_carries_the_docs_and_the_init_templates(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    installed = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(installed)

    packaged = installed / "ankigen" / "data" / "docs"
    built_from = tmp_path / "source" / "docs"  # the pages as they were when it was built
    assert sorted(p.name for p in packaged.iterdir()) == sorted(
        p.name for p in built_from.glob("*.md")
    )
    for page in built_from.glob("*.md"):
        assert (packaged / page.name).read_bytes() == page.read_bytes(), page.name

    # The installed package, not this checkout: docs and init work from the wheel alone.
    env = {**os.environ, "PYTHONPATH": str(installed)}
    work = tmp_path / "work"
    work.mkdir()
    command = [sys.executable, "-m", "ankigen"]
    printed = subprocess.run(
        [*command, "docs", "ci"], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    where = subprocess.run(
        [sys.executable, "-c", "import ankigen.tools.manual as m; print(m.docs_folder())"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    initialised = subprocess.run(
        [*command, "init"], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    assert printed.stdout == (built_from / "ci.md").read_text("utf-8"), printed.stderr
    assert where.stdout.strip() == str(packaged)
    assert initialised.returncode == 0, initialised.stderr
    assert (work / ".github" / "workflows" / "ankigen.yml").is_file()
