"""What the scripts that regenerate a committed data file share: a throwaway venv holding the
pinned packages they read (kept under ``${XDG_CACHE_HOME:-~/.cache}/ankigen/<kind>/<label>``
and reused while the pins stay the same), and the write-or ``--check`` ending.

Not a script itself; each generator imports it from its own folder (``scripts/``).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

DIFF_LINES_SHOWN = 40


def cache_folder(kind: str, label: str) -> Path:
    """The venv's folder: one per generator (kind), pins (label) and Python version."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    python = f"py{sys.version_info.major}.{sys.version_info.minor}"
    return Path(base) / "ankigen" / kind / f"{label}_{python}"


# The frameworks the fact generators (param_facts, output_facts, epoch_facts) measure, in one
# shared venv; Keras runs on the torch backend so TensorFlow is never installed.
FRAMEWORK_PINS: tuple[tuple[str, str], ...] = (("torch", "2.13.0"), ("keras", "3.15.1"))
FRAMEWORK_REQUIREMENTS: tuple[str, ...] = tuple(f"{n}=={v}" for n, v in FRAMEWORK_PINS)


def framework_python() -> Path:
    """The interpreter of the shared framework-facts venv (built on first use)."""
    label = "_".join(f"{name}{version}" for name, version in FRAMEWORK_PINS)
    return venv_python(cache_folder("framework-facts", label), FRAMEWORK_REQUIREMENTS)


def framework_environment() -> dict[str, str]:
    """The environment a measuring child runs in: Keras on torch, on the CPU, warnings off."""
    return {
        **os.environ,
        "KERAS_BACKEND": "torch",
        "PYTHONWARNINGS": "ignore",
        "CUDA_VISIBLE_DEVICES": "",
    }


def venv_python(folder: Path, requirements: Sequence[str]) -> Path:
    """The venv's interpreter, created and installed on first use (then reused).

    It is built in a sibling folder and renamed when complete, so an interrupted install is
    never taken for a finished one.
    """
    python = folder / "bin" / "python"
    if (folder / "installed").is_file():
        return python
    building = folder.with_name(folder.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(building)], check=True)
    pip = [str(building / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, "--disable-pip-version-check", *requirements], check=True)
    (building / "installed").write_text("\n".join(requirements) + "\n", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    building.rename(folder)  # only bin/python is used, and it still works after the move
    return python


def diff_summary(committed: str, fresh: str, path: Path, command: str) -> str:
    """How the committed file differs from a fresh one: counts, the first lines, the fix."""
    diff = list(
        difflib.unified_diff(
            committed.splitlines(), fresh.splitlines(), str(path), "regenerated", lineterm="", n=0
        )
    )
    added = sum(1 for line in diff if line.startswith("+") and not line.startswith("+++"))
    removed = sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))
    shown = "\n".join(diff[:DIFF_LINES_SHOWN])
    more = "\n…" if len(diff) > DIFF_LINES_SHOWN else ""
    return (
        f"{path} is out of date: {added} lines added, {removed} removed\n"
        f"{shown}{more}\nrun `{command}` to regenerate it"
    )


def write_or_check(output: Path, text: str, command: str, check: bool) -> int:
    """Write the data file, or with ``check`` compare it: exit status 1 when out of date."""
    if check:
        committed = output.read_text(encoding="utf-8") if output.is_file() else ""
        if committed == text:
            print(f"{output} is up to date")
            return 0
        print(diff_summary(committed, text, output, command))
        return 1
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output} ({text.count(chr(10))} lines)")
    return 0


def main_for_venv_dump(
    argv: Sequence[str] | None,
    description: str,
    default_output: Path,
    command: str,
    generate: Callable[[], str],
    dump_here: Callable[[Path], None],
) -> int:
    """The command line of a generator that reads its source inside a throwaway venv: with
    ``--dump`` it runs there and dumps the raw data, otherwise it writes or ``--check``s the
    data file made from that dump."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--output", type=Path, default=default_output, help="the data file")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # inside the venv only
    args = parser.parse_args(argv)
    if args.dump is not None:
        dump_here(args.dump)
        return 0
    return write_or_check(args.output, generate(), command, args.check)
