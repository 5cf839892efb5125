"""Measure ankigen against raw genanki and ankdown on the same synthetic notes, in one run.

Usage (from the repository, with the environment ankigen is installed in):

    .venv/bin/python benchmarks/run.py [--sizes 1000,10000] [--with-100k] [--repeat 3]

Every measurement is a whole process: wall time from ``time.perf_counter`` around the child,
peak memory from the child's ``ru_maxrss`` (``os.wait4``). Each one is repeated ``--repeat``
times (fewer once its runs have taken ``--budget`` seconds) and the median is reported.
Notes are generated into a temporary folder without git, so note times come from file mtimes.
ankdown is installed into its own virtualenv under ``~/.cache/ankigen-bench`` (never into the
repository); when that fails, its rows are skipped with the reason.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ANKDOWN_VERSION = "0.7.1"
ANKDOWN_VENV = Path.home() / ".cache" / "ankigen-bench" / "venv-ankdown"


@dataclass(frozen=True)
class Sample:
    seconds: float
    cpu_seconds: float  # user + system time of the child and the processes it waited for
    peak_mb: float
    exit_code: int


@dataclass
class Row:
    what: str
    size: int | None  # notes; None for the project's own content
    tool: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.samples) and all(s.exit_code == 0 for s in self.samples)

    @property
    def seconds(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return statistics.median(s.peak_mb for s in self.samples)


def run_child(
    command: Sequence[str], cwd: Path, log: Path, extra_env: dict[str, str] | None = None
) -> Sample:
    """Run ``command`` to completion; its wall time and peak resident memory."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "ANKIGEN_JOBS")}
    env.update(extra_env or {})
    with log.open("wb") as output:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, cpu, usage.ru_maxrss / 1024, child.returncode)


class Bench:
    def __init__(self, work: Path, repeat: int, budget: float) -> None:
        self.work = work
        self.repeat = repeat
        self.budget = budget
        self.rows: list[Row] = []
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def measure(
        self,
        row: Row,
        command: Callable[[int], Sequence[str]],
        cwd: Path,
        before: Callable[[int], None] | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> Row:
        """Run ``command(i)`` for each repeat ``i`` (after ``before(i)``), keep every sample."""
        spent = 0.0
        for index in range(self.repeat):
            if index and spent >= self.budget:
                row.note = f"{index} run(s): {self.budget:.0f} s budget reached"
                break
            if before is not None:
                before(index)
            log = self.logs / f"{len(self.rows)}-{index}.log"
            sample = run_child(command(index), cwd, log, extra_env)
            row.samples.append(sample)
            spent += sample.seconds
            if sample.exit_code != 0:
                tail = log.read_text("utf-8", "replace").strip().splitlines()[-3:]
                row.note = f"exit {sample.exit_code}: " + " | ".join(tail)
                break
        self.rows.append(row)
        status = (
            f"{row.seconds:8.3f} s wall {row.cpu_seconds:8.3f} s CPU {row.peak_mb:7.1f} MB"
            if row.samples
            else "skipped"
        )
        print(f"  {row.tool:<8} {row.what:<34} {status}  {row.note}", flush=True)
        return row


def ankigen_command() -> list[str]:
    script = Path(sys.executable).with_name("ankigen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ankigen"]


def ankdown_setup() -> tuple[Path | None, str]:
    """The ankdown executable from its own virtualenv, or None and the reason."""
    executable = ANKDOWN_VENV / "bin" / "ankdown"
    if not executable.exists():
        print(f"installing ankdown {ANKDOWN_VERSION} into {ANKDOWN_VENV} …", flush=True)
        try:
            subprocess.run(
                [sys.executable, "-m", "venv", "--clear", str(ANKDOWN_VENV)],
                check=True,
                capture_output=True,
            )
            subprocess.run(
                [str(ANKDOWN_VENV / "bin" / "pip"), "install", "-q", f"ankdown=={ANKDOWN_VERSION}"],
                check=True,
                capture_output=True,
                timeout=900,
            )
        except (OSError, subprocess.SubprocessError) as error:
            detail = getattr(error, "stderr", b"") or b""
            last = detail.decode("utf-8", "replace").strip().splitlines()[-1:] or [str(error)]
            return None, f"ankdown could not be installed: {last[0]}"
    with tempfile.TemporaryDirectory(prefix="ankdown-check-") as folder:
        deck = Path(folder) / "deck"
        deck.mkdir()
        (deck / "cards.md").write_text("Front\n\n%\n\nBack\n", encoding="utf-8")
        probe = subprocess.run(
            [str(executable), "-r", str(deck), "-p", str(Path(folder) / "x.apkg")],
            capture_output=True,
            check=False,
        )
        if probe.returncode != 0 or not (Path(folder) / "x.apkg").exists():
            last = probe.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            return None, f"ankdown does not run: {last[0] if last else probe.returncode}"
    return executable, ""


def bench_size(bench: Bench, size: int, ankdown: Path | None, ankdown_reason: str) -> None:
    root = bench.work / f"n{size}"
    print(f"\n== {size} notes: generating into {root}", flush=True)
    generate(size, root)
    content = root / "content"
    ankigen = ankigen_command()

    # The baseline's input: every note rendered once, beforehand, by ankigen's library.
    dumped = root / "notes.json"
    subprocess.run(
        [sys.executable, str(HERE / "raw_genanki.py"), "dump", str(content), str(dumped)],
        check=True,
    )

    # Commands run in ``root``, which has no pyproject.toml: the cache is root/build/.cache.
    cache = root / "build" / ".cache"

    def build(_: int) -> list[str]:
        return [*ankigen, "build", str(content), "--out", str(root / "out")]

    def cold(_: int) -> None:  # no package and no cache: everything is done from scratch
        shutil.rmtree(root / "out", ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    changed_file = sorted((content / "bench-01").glob("note-*.md"))[0]

    def change_one(index: int) -> None:
        with changed_file.open("a", encoding="utf-8") as handle:
            handle.write(f"\nEdited again{'.' * (index + 1)}\n")
        stamp = time.time() + index + 1
        os.utime(changed_file, (stamp, stamp))

    def lint(_: int) -> list[str]:
        return [*ankigen, "lint", str(content)]

    one_job = {"ANKIGEN_JOBS": "1"}
    if size <= 10_000:
        bench.measure(Row("build, cold, one process", size, "ankigen"), build, root, cold, one_job)
    bench.measure(Row("build, cold", size, "ankigen"), build, root, cold)
    bench.measure(Row("build, rebuild, nothing changed", size, "ankigen"), build, root)
    bench.measure(Row(f"build, 1 of {size} changed", size, "ankigen"), build, root, change_one)
    bench.measure(
        Row("lint, cold", size, "ankigen"),
        lint,
        root,
        lambda _: shutil.rmtree(cache, ignore_errors=True),
    )
    bench.measure(Row("lint, warm", size, "ankigen"), lint, root)

    def raw(index: int) -> list[str]:
        out = root / f"raw-{index}"
        return [sys.executable, str(HERE / "raw_genanki.py"), "write", str(dumped), str(out)]

    bench.measure(
        Row("write rendered notes", size, "genanki"),
        raw,
        root,
        lambda index: shutil.rmtree(root / f"raw-{index}", ignore_errors=True),
    )

    row = Row("convert (--highlight)", size, "ankdown")
    if ankdown is None:
        row.note = ankdown_reason
        bench.rows.append(row)
        print(f"  ankdown  skipped: {ankdown_reason}", flush=True)
    else:
        # One process over all deck folders (one package holding every deck).
        bench.measure(
            row,
            lambda index: [
                str(ankdown),
                "-r",
                str(root / "ankdown"),
                "-p",
                str(root / f"ankdown-{index}.apkg"),
                "--highlight",
            ],
            root,
        )


def _find(rows: list[Row], size: int | None, tool: str, what: str) -> Row | None:
    for row in rows:
        if row.size == size and row.tool == tool and row.what == what and row.ok:
            return row
    return None


def table(rows: list[Row]) -> str:
    lines = [
        "| notes | tool | measurement | runs | median wall s | median CPU s | median peak MB "
        "| x raw genanki, wall (CPU) | x ankdown, wall (CPU) | remark |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        size = f"{row.size:,}" if row.size is not None else "project content/"
        if not row.samples:
            lines.append(f"| {size} | {row.tool} | {row.what} | 0 | - | - | - | | | {row.note} |")
            continue
        ratios = []
        for tool, what in (
            ("genanki", "write rendered notes"),
            ("ankdown", "convert (--highlight)"),
        ):
            other = _find(rows, row.size, tool, what)
            is_build = row.tool == "ankigen" and row.what.startswith("build")
            if is_build and other is not None and row.ok:
                wall = row.seconds / other.seconds
                ratios.append(f"{wall:.1f} ({row.cpu_seconds / other.cpu_seconds:.1f})")
            else:
                ratios.append("")
        lines.append(
            f"| {size} | {row.tool} | {row.what} | {len(row.samples)} | {row.seconds:.3f} "
            f"| {row.cpu_seconds:.3f} "
            f"| {row.peak_mb:.0f} | {ratios[0]} | {ratios[1]} | {row.note} |"
        )
    return "\n".join(lines)


def _verdict(row: Row | None, limit: float, measured: float | None = None) -> tuple[str, str]:
    if row is None:
        return "not run", ""
    value = row.seconds if measured is None else measured
    return f"{value:.3f}", "yes" if value <= limit else "no"


def targets(rows: list[Row]) -> str:
    """The issues' targets (#14's where it set one) against this run's medians (wall time)."""
    lines = ["| target | measured | met? |", "|---|---|---|"]

    def add(label: str, verdict: tuple[str, str]) -> None:
        lines.append(f"| {label} | {verdict[0]} | {verdict[1]} |")

    cold = _find(rows, 10_000, "ankigen", "build, cold")
    ankdown = _find(rows, 10_000, "ankdown", "convert (--highlight)")
    ratio = cold.seconds / ankdown.seconds if cold and ankdown else None
    add(
        "cold build, 10,000 notes: <= 2.0 x ankdown",
        ("not run", "") if ratio is None else (f"{ratio:.2f} x", "yes" if ratio <= 2.0 else "no"),
    )
    big = _find(rows, 100_000, "ankigen", "build, cold")
    if big is None:
        add("cold build, 100,000 notes: <= 60 s and <= 500 MB", ("not run", ""))
    else:
        met = big.seconds <= 60 and big.peak_mb <= 500
        add(
            "cold build, 100,000 notes: <= 60 s and <= 500 MB",
            (f"{big.seconds:.1f} s, {big.peak_mb:.0f} MB", "yes" if met else "no"),
        )
    add(
        "rebuild, nothing changed, 10,000 notes: <= 0.4 s",
        _verdict(_find(rows, 10_000, "ankigen", "build, rebuild, nothing changed"), 0.4),
    )
    one = _find(rows, 10_000, "ankigen", "build, 1 of 10000 changed")
    raw = _find(rows, 10_000, "genanki", "write rendered notes")
    ratio = one.seconds / raw.seconds if one and raw else None
    add(
        "build, 1 of 10,000 changed: <= 1.0 x raw genanki",
        ("not run", "") if ratio is None else (f"{ratio:.2f} x", "yes" if ratio <= 1.0 else "no"),
    )
    linted = (("lint, cold, empty pattern store", 1.0), ("lint, cold", 1.0), ("lint, warm", 0.25))
    for what, limit in linted:
        add(f"`ankigen lint`, project content ({what[6:]}): <= {limit} s", _verdict(
            _find(rows, None, "ankigen", what), limit))  # fmt: skip
    add(
        "`ankigen lint`, 10,000 notes, warm: <= 0.5 s",
        _verdict(_find(rows, 10_000, "ankigen", "lint, warm"), 0.5),
    )
    return "\n".join(lines)


def machine() -> str:
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    revision = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
    ).stdout.strip()
    return (
        f"CPUs: {os.cpu_count()}, memory: {memory}, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()} "
        f"{platform.machine()}; load average at start: {load}; ankigen: {revision or 'unknown'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="note counts (1000,10000)")
    parser.add_argument("--with-100k", action="store_true", help="add 100,000 notes")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (3)")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="stop repeating a measurement once its runs took this many seconds (60)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",") if part.strip()]
    if args.with_100k and 100_000 not in sizes:
        sizes.append(100_000)

    info = machine()
    print(info, flush=True)
    # An installed ankigen has its modules compiled to bytecode (pip does it on install); a
    # checkout whose environment sets PYTHONDONTWRITEBYTECODE would otherwise compile every
    # module again in each timed process (about 0.25 s of a cold lint).
    compileall.compile_dir(REPO / "ankigen", quiet=1)
    ankdown, reason = ankdown_setup()
    if ankdown is None:
        print(f"ankdown skipped: {reason}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="ankigen-bench-"))
    bench = Bench(work, max(1, args.repeat), args.budget)
    try:
        print("\n== the project's own content/", flush=True)
        # Its cache (build/.cache of the repository) is deleted before the cold runs; deleting
        # it is always safe, it is rebuilt by the next run.
        repo_cache = REPO / "build" / ".cache"
        # Every timed process uses the benchmark's own store of compiled patterns
        # (ankigen/lint/pattern_store.py), not the user's: the first row empties it before each
        # run (a first lint after installing or upgrading Python); the rows after find it
        # filled, as every later run does.
        store = work / "pattern-store"
        os.environ["ANKIGEN_PATTERN_STORE"] = str(store)

        def cold_and_no_store(_: int) -> None:
            shutil.rmtree(repo_cache, ignore_errors=True)
            shutil.rmtree(store, ignore_errors=True)

        bench.measure(
            Row("lint, cold, empty pattern store", None, "ankigen"),
            lambda _: [*ankigen_command(), "lint"],
            REPO,
            cold_and_no_store,
        )
        bench.measure(
            Row("lint, cold", None, "ankigen"),
            lambda _: [*ankigen_command(), "lint"],
            REPO,
            lambda _: shutil.rmtree(repo_cache, ignore_errors=True),
        )
        bench.measure(
            Row("lint, warm", None, "ankigen"), lambda _: [*ankigen_command(), "lint"], REPO
        )
        for size in sizes:
            bench_size(bench, size, ankdown, reason)
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{info}\n")
    print(table(bench.rows))
    print()
    print(targets(bench.rows))
    return 0 if all(row.ok or not row.samples for row in bench.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
