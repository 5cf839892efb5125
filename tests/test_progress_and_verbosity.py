"""Progress is drawn only on a terminal after a second; --quiet and --verbose do what they say."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.pipeline.progress import TerminalProgress
from tests.conftest import SAMPLE


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_waits_a_second_then_draws_and_clears() -> None:
    now = [100.0]
    stream = _Terminal()
    progress = TerminalProgress(stream, delay=1.0, clock=lambda: now[0])
    progress("rendering", 1, 4)
    assert stream.getvalue() == ""  # a quick build shows nothing
    now[0] += 1.5
    progress("rendering", 2, 4)
    assert stream.getvalue() == "\rrendering  [############............] 2/4\x1b[K"
    progress.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_redraws_at_most_every_50_ms_but_never_misses_a_stage_or_the_end() -> None:
    now = [10.0]
    stream = _Terminal()
    progress = TerminalProgress(stream, delay=0.0, clock=lambda: now[0])
    progress("reading", 1, 3)
    progress("reading", 2, 3)  # same moment: not drawn again
    assert stream.getvalue().count("\r") == 1
    progress("reading", 3, 3)  # finished: drawn
    progress("checking", 1, 2)  # new stage: drawn
    now[0] += 0.06
    progress("checking", 1, 2)  # 60 ms later: drawn
    assert stream.getvalue().count("\r") == 4
    assert stream.getvalue().endswith("\rchecking   [############............] 1/2\x1b[K")


def test_progress_is_silent_when_not_a_terminal() -> None:
    now = [0.0]
    stream = io.StringIO()
    progress = TerminalProgress(stream, delay=0.0, clock=lambda: now[0])
    progress("writing", 1, 1)
    progress.close()
    assert stream.getvalue() == ""


def test_quiet_prints_only_diagnostics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["-q", "build", str(SAMPLE), "--out", "out"]) == 0
    assert capsys.readouterr() == ("", "")
    assert (tmp_path / "out" / "sample.apkg").is_file()


def test_verbose_adds_details(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["--verbose", "build", str(SAMPLE), "--out", "out"]) == 0
    out, err = capsys.readouterr()
    assert out == "wrote out/sample.apkg: 6 notes, 9 cards\n"
    assert err.startswith("built in ")
    assert err.endswith(" s (0 note(s) from the cache, 6 processed)\n")
    assert main(["-v", "validate", str(SAMPLE)]) == 0
    err = capsys.readouterr().err
    assert f"{SAMPLE}: 6 note(s)" in err and err.endswith("ok: 1 deck(s), 6 note(s)\n")


def test_quiet_and_verbose_together_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-q", "-v", "validate", str(SAMPLE)]) == 2
    assert "exclude each other" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "lint", "validate", "new", "preview", "changes"])
def test_every_command_help_has_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and f"ankigen {command}" in out
