"""The command line: exit codes, messages, defaults from pyproject.toml, ``python -m``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ankigen.cli import main
from tests.conftest import SAMPLE, write


def test_build_writes_one_package_per_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(SAMPLE), "--out", "out"]) == 0
    assert capsys.readouterr().out == "wrote out/sample.apkg: 6 notes, 9 cards\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sample.apkg"]


def test_defaults_come_from_tool_ankigen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.ankigen]\ncontent = "cards"\nbuild = "dist/decks"\n')
    write(tmp_path / "cards" / "d" / "deck.yaml", "name: D\n")
    write(tmp_path / "cards" / "d" / "a.md", "---\nid: a\n---\n# Q\n\nA\n")
    monkeypatch.chdir(tmp_path / "cards")  # found by walking up, like other tools
    assert main(["build"]) == 0
    assert (tmp_path / "dist" / "decks" / "d.apkg").is_file()
    assert main(["validate"]) == 0
    assert capsys.readouterr().err.endswith("ok: 1 deck(s), 1 note(s)\n")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "/no/such/path"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["frobnicate"]) == 2
    assert main(["build", "--bogus"]) == 2


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("build", "validate", "schema"))
    assert main(["build", "--help"]) == 0
    assert "--out" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("ankigen, version ")


def test_no_decks_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["build", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 1
    assert "no decks found" in capsys.readouterr().err


def test_unwritable_output_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the build folder should be")
    assert main(["build", str(SAMPLE), "--out", str(blocker / "sub")]) == 1
    err = capsys.readouterr().err
    assert "cannot write the packages" in err and "Traceback" not in err


def test_python_dash_m(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ankigen", "validate", str(SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == "ok: 1 deck(s), 6 note(s)\n"


def test_schema_check_detects_stale_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "note.schema.json").write_text("{}\n")
    assert main(["schema", "--check", "--out", str(tmp_path)]) == 1
    assert "note.schema.json: out of date" in capsys.readouterr().out


def test_build_reports_notes_removed_since_the_previous_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    deck = tmp_path / "content" / "d"
    write(deck / "deck.yaml", "name: D\n")
    write(deck / "a.md", "---\nid: a\n---\n# Kept?\n\nYes.\n")
    write(deck / "b.md", "---\nid: b\n---\n# Dropped?\n\nYes.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["build", "content"]) == 0
    (deck / "b.md").unlink()
    capsys.readouterr()
    assert main(["build", "content"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "wrote build/d.apkg: 1 notes, 1 cards"
    assert out[1].startswith("removed from d since the previous build: 'Dropped?' (GUID ")


@pytest.mark.parametrize("command", ["lint", "validate", "preview", "build"])
def test_a_folder_without_content_is_a_usage_error_that_creates_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)

    code = main([command])

    err = capsys.readouterr().err
    assert code == 2
    assert f"no content folder: looked for {tmp_path / 'content'}" in err
    assert "the default: no pyproject.toml with [tool.ankigen] from" in err
    assert "ankigen init" in err and "[tool.ankigen]" in err
    assert list(tmp_path.iterdir()) == []  # no stray build/ (nor its cache)


def test_a_configured_content_folder_that_is_missing_is_named_with_its_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "pyproject.toml", '[tool.ankigen]\ncontent = "cards"\n')
    monkeypatch.chdir(tmp_path)

    assert main(["lint"]) == 2

    err = capsys.readouterr().err
    assert f"looked for {tmp_path / 'cards'} ([tool.ankigen] content in " in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


@pytest.mark.parametrize(
    ("args", "out"),
    [
        (["build", str(SAMPLE), "--out", "out"], "wrote out/sample.apkg: 6 notes, 9 cards\n"),
        (["-q", "build", str(SAMPLE), "--out", "out"], ""),
        (["build", "-q", str(SAMPLE), "--out", "out"], ""),
        (["build", str(SAMPLE), "--out", "out", "--quiet"], ""),
    ],
)
def test_quiet_before_or_after_the_subcommand(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    out: str,
) -> None:
    monkeypatch.chdir(tmp_path)

    assert main([*args, "--no-cache"]) == 0

    assert capsys.readouterr().out == out


def test_verbose_after_the_subcommand_and_conflicts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(SAMPLE), "-v", "--no-cache"]) == 0
    assert f"{SAMPLE}: 6 note(s)" in capsys.readouterr().err
    for args in (["-q", "validate", "-v"], ["validate", "-v", "-q"], ["-v", "lint", "--quiet"]):
        assert main([*args, str(SAMPLE)]) == 2, args
        assert "--quiet and --verbose exclude each other" in capsys.readouterr().err
    assert main(["import", "apkg", "--help"]) == 0
    assert "--quiet" in capsys.readouterr().out  # subgroups' commands take them too
