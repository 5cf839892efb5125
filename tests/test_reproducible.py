"""Same commit, same bytes: whatever the process, hash seed, time zone, locale or directory."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ankigen.pipeline.build import build
from tests.conftest import SAMPLE, make_repo

T0 = 1_700_000_000


def _build_in_process(repo: Path, out: Path, cwd: Path, **env: str) -> str:
    environment = {**os.environ, **env}
    subprocess.run(
        [sys.executable, "-m", "ankigen", "build", str(repo / "content"), "--out", str(out)],
        cwd=cwd,
        env=environment,
        check=True,
        capture_output=True,
    )
    (package,) = sorted(out.glob("*.apkg"))
    return hashlib.sha256(package.read_bytes()).hexdigest()


def test_two_processes_give_identical_packages(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    first = _build_in_process(repo, tmp_path / "a", repo, PYTHONHASHSEED="1", TZ="UTC", LC_ALL="C")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    second = _build_in_process(
        repo, tmp_path / "b", elsewhere, PYTHONHASHSEED="4242", TZ="Asia/Kolkata", LC_ALL="C.UTF-8"
    )
    assert first == second


def test_file_times_do_not_matter_for_committed_files(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, SAMPLE, T0)
    first = build([repo / "content"], tmp_path / "a").outputs[0].read_bytes()
    for path in (repo / "content").rglob("*"):
        os.utime(path, (T0 + 999, T0 + 999))
    second = build([repo / "content"], tmp_path / "b").outputs[0].read_bytes()
    assert first == second


def test_source_date_epoch_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(SAMPLE, content / "sample")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T0))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find an outer repo
    first = build([content], tmp_path / "a").outputs[0].read_bytes()
    for path in content.rglob("*"):
        os.utime(path, (T0 + 5, T0 + 5))
    second = build([content], tmp_path / "b").outputs[0].read_bytes()
    assert first == second


def test_file_creation_order_does_not_matter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two checkouts whose files were created in opposite orders build the same bytes."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T0))
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never find an outer repo
    digests = []
    for name, order in (("forward", sorted), ("backward", lambda xs: sorted(xs, reverse=True))):
        content = tmp_path / name / "content" / "sample"
        files = [p for p in SAMPLE.rglob("*") if p.is_file()]
        for source in order(files):
            target = content / source.relative_to(SAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
        out = build([content.parent], tmp_path / name / "out").outputs[0]
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]


# A note where several readings of the stated sizes tie for the message (the micro-batch,
# the accumulated batch): which one the message shows once followed the iteration order of a
# set of strings, so it changed with the hash seed.
_TIED_READINGS = """\
# Optimizer updates with gradient accumulation

Training set: 96,000 samples. With micro-batches of 16 and `accumulation_steps = 4` there are
{{c1::6,000}} forward/backward passes, and `optimizer.step()` runs {{c2::24,000}} times per epoch.
"""


def _lint_in_process(content: Path, seed: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "ankigen", "lint", str(content)],
        env={**os.environ, "PYTHONHASHSEED": seed, "ANKIGEN_PATTERN_STORE": "off"},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout


def test_lint_messages_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "training"
    deck.mkdir(parents=True)
    (deck / "deck.yaml").write_text("name: Training\n", "utf-8")
    front = "---\nid: accumulation-updates\ntype: cloze\ntags: [training]\n---\n"
    (deck / "accumulation-updates.md").write_text(front + _TIED_READINGS, "utf-8")

    outputs = {_lint_in_process(tmp_path / "content", seed) for seed in ("0", "1", "4")}

    (output,) = outputs
    # the reading shown is the optimizer's: 16 x 4 = 64 samples per update
    assert "AG102 no reading of the stated sizes gives 24,000 steps: ⌈96,000 / 64⌉ = 1500" in output
