"""Regenerate tests/fixtures/framework_facts/epoch.json: iteration counts of an epoch, measured by
running the real PyTorch and Keras on tiny synthetic data (rule AG102's ground truth).

    python scripts/epoch_facts.py            # rewrite the data file
    python scripts/epoch_facts.py --check    # exit 1 if the committed file is out of date

The pinned packages live in the shared throwaway venv of the framework-facts scripts (see
scripts/generated_data.py); this script runs itself inside it with ``--measure`` and
``KERAS_BACKEND=torch``, so the project's own environment never imports torch or Keras.

Every count is COUNTED, never computed: batches by iterating a loader, optimizer steps with a
step hook, scheduler steps by stepping until the scheduler refuses, Keras steps with a
callback and the samples of each batch with a layer that records its input's rows. The grid
is systematic: the samplers ``torch.utils.data`` offers and the count-setting arguments of
``keras.Model.fit`` (both checked against the installed release, so a new one fails loudly),
crossed with small edge sizes and typical data set and batch sizes.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import generated_data  # next to this script: run as `python scripts/...`

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "tests" / "fixtures" / "framework_facts" / "epoch.json"
COMMAND = "python scripts/epoch_facts.py"

# Data set sizes: edge cases (smaller than a batch, exact multiples, one over) and typical sets.
LOADER_SIZES: tuple[int, ...] = (10, 50, 100, 1000, 1500, 10000, 50000, 60000)
LOADER_BATCHES: tuple[int, ...] = (8, 32, 64, 100, 128, 256)
# The samplers of torch.utils.data and how this grid uses each (checked against the release).
SAMPLERS: dict[str, str] = {
    "SequentialSampler": "loader",  # DataLoader(shuffle=False)
    "RandomSampler": "loader",  # DataLoader(shuffle=True)
    "BatchSampler": "loader",  # DataLoader(batch_size=..., drop_last=...) wraps one
    "SubsetRandomSampler": "split",  # the training indices of a hold-out split
    "DistributedSampler": "distributed",
    "WeightedRandomSampler": "weighted",  # draws num_samples, whatever the data set's size
    "Sampler": "base class",
}
DISTRIBUTED_SIZES: tuple[int, ...] = (10, 100, 1001, 5003, 10000)
REPLICAS: tuple[int, ...] = (2, 3, 4, 8)
DISTRIBUTED_BATCHES: tuple[int, ...] = (4, 32, 64)
ACCUMULATION: tuple[tuple[int, int, int, int], ...] = (  # (N, B, accumulation, epochs)
    (100, 10, 4, 2),
    (1000, 32, 4, 3),
    (1000, 32, 8, 1),
    (1024, 32, 4, 2),
    (5000, 64, 2, 3),
    (10000, 32, 8, 2),
    (10000, 100, 3, 5),
    (50000, 128, 4, 1),
)
SCHEDULES: tuple[tuple[int, int, int, float], ...] = (  # (N, B, epochs, warm-up share)
    (1000, 32, 5, 0.3),
    (10000, 64, 10, 0.25),
    (50000, 128, 3, 0.1),
    (60000, 100, 4, 0.3),
    (9000, 32, 6, 0.2),
)
# The arguments of keras.Model.fit that set how many steps run.
FIT_ARGUMENTS: frozenset[str] = frozenset(
    {"batch_size", "epochs", "validation_split", "steps_per_epoch", "initial_epoch"}
)
FITS: tuple[dict[str, Any], ...] = (
    {"n": 100, "batch_size": 32, "epochs": 1},
    {"n": 1000, "batch_size": None, "epochs": 2},  # Keras's default batch of 32
    {"n": 1000, "batch_size": 64, "epochs": 3},
    {"n": 2000, "batch_size": 100, "epochs": 2},
    {"n": 1000, "batch_size": 32, "epochs": 2, "validation_split": 0.2},
    {"n": 1001, "batch_size": 32, "epochs": 1, "validation_split": 0.1},
    {"n": 5000, "batch_size": 128, "epochs": 2, "validation_split": 0.25},
    {"n": 999, "batch_size": 50, "epochs": 1, "validation_split": 0.3},
    {"n": 1000, "batch_size": 32, "epochs": 3, "steps_per_epoch": 10},
    {"n": 1000, "batch_size": 50, "epochs": 2, "steps_per_epoch": 20},
    {"n": 1000, "batch_size": 32, "epochs": 5, "initial_epoch": 2},
    {"n": 3000, "batch_size": 64, "epochs": 10, "initial_epoch": 7},
    {"n": 2000, "batch_size": 64, "epochs": 4, "initial_epoch": 1, "validation_split": 0.2},
)
SPLITS: tuple[tuple[int, float, int], ...] = (  # (N, held-out share, B)
    (1000, 0.2, 32),
    (1001, 0.2, 32),
    (10000, 0.1, 64),
    (60000, 1 / 6, 128),
    (999, 0.25, 16),
    (5000, 0.3, 100),
)
FOLDS: tuple[tuple[int, int, int], ...] = (  # (N, k, B)
    (1000, 5, 32),
    (1003, 5, 32),
    (10000, 10, 64),
    (2500, 4, 100),
    (9999, 3, 128),
)


def header() -> dict[str, Any]:
    return {
        "command": COMMAND,
        "frameworks": dict(generated_data.FRAMEWORK_PINS),
        "note": "Measured by running the frameworks; do not edit. See the script's docstring.",
    }


# --------------------------------------------------------------------------- inside the venv


def _module(name: str) -> Any:
    """A framework module, imported only inside the throwaway venv (the project's own
    environment, where mypy runs, has neither torch nor Keras)."""
    return importlib.import_module(name)


def _dataset(size: int) -> Any:
    torch = _module("torch")

    return torch.utils.data.TensorDataset(torch.arange(size, dtype=torch.float32).unsqueeze(1))


def _batch_rows(loader: Any) -> list[int]:
    return [int(batch[0].shape[0]) for batch in loader]


def _check_samplers() -> None:
    import inspect

    data = _module("torch.utils.data")

    offered = {
        name
        for name in data.__all__
        if inspect.isclass(getattr(data, name)) and issubclass(getattr(data, name), data.Sampler)
    }
    if offered != set(SAMPLERS):
        changed = sorted(offered ^ set(SAMPLERS))
        raise SystemExit(f"torch.utils.data offers other samplers: {changed}")


def loader_facts() -> Iterator[dict[str, Any]]:
    torch = _module("torch")

    _check_samplers()
    torch.manual_seed(0)
    for size in LOADER_SIZES:
        dataset = _dataset(size)
        for batch in LOADER_BATCHES:
            for drop_last in (False, True):
                for shuffle in (False, True) if size <= 1000 else (False,):
                    loader = torch.utils.data.DataLoader(
                        dataset, batch_size=batch, drop_last=drop_last, shuffle=shuffle
                    )
                    rows = _batch_rows(loader)
                    yield {
                        "kind": "loader",
                        "inputs": {
                            "n": size,
                            "batch_size": batch,
                            "drop_last": drop_last,
                            "shuffle": shuffle,
                        },
                        "counts": {
                            "batches": len(rows),
                            "len_loader": len(loader),
                            "last_batch": rows[-1] if rows else 0,
                            "samples_seen": sum(rows),
                        },
                    }


def distributed_facts() -> Iterator[dict[str, Any]]:
    torch = _module("torch")
    DistributedSampler = _module("torch.utils.data.distributed").DistributedSampler

    for size in DISTRIBUTED_SIZES:
        dataset = _dataset(size)
        for replicas in REPLICAS:
            for sampler_drop in (False, True):
                samplers = [
                    DistributedSampler(
                        dataset,
                        num_replicas=replicas,
                        rank=rank,
                        shuffle=False,
                        drop_last=sampler_drop,
                    )
                    for rank in range(replicas)
                ]
                shares = [list(sampler) for sampler in samplers]
                everything = [index for share in shares for index in share]
                for batch in DISTRIBUTED_BATCHES:
                    for loader_drop in (False, True):
                        batches = [
                            len(
                                _batch_rows(
                                    torch.utils.data.DataLoader(
                                        dataset,
                                        batch_size=batch,
                                        sampler=sampler,
                                        drop_last=loader_drop,
                                    )
                                )
                            )
                            for sampler in samplers
                        ]
                        yield {
                            "kind": "distributed",
                            "inputs": {
                                "n": size,
                                "num_replicas": replicas,
                                "sampler_drop_last": sampler_drop,
                                "batch_size": batch,
                                "loader_drop_last": loader_drop,
                            },
                            "counts": {
                                "samples_per_replica": sorted({len(s) for s in shares}),
                                "len_sampler": len(samplers[0]),
                                "padded_samples": len(everything) - len(set(everything)),
                                "dropped_samples": size - len(set(everything)),
                                "batches_per_replica": sorted(set(batches)),
                            },
                        }


def _train(loader: Any, accumulate: int, epochs: int, flush: bool) -> tuple[list[int], int]:
    """A plain training loop that accumulates gradients: the optimizer steps of each epoch
    (counted by a step hook) and the micro-batches run. ``flush``: also step on the last,
    incomplete accumulation of an epoch."""
    torch = _module("torch")

    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    steps: list[int] = []
    optimizer.register_step_post_hook(lambda *_: steps.append(1))
    per_epoch: list[int] = []
    micro = 0
    for _ in range(epochs):
        before = len(steps)
        for index, (x, y) in enumerate(loader):
            micro += 1
            loss = torch.nn.functional.mse_loss(model(x), y) / accumulate
            loss.backward()
            last = index + 1 == len(loader)
            if (index + 1) % accumulate == 0 or (flush and last):
                optimizer.step()
                optimizer.zero_grad()
        optimizer.zero_grad()  # a remainder that was not stepped is thrown away
        per_epoch.append(len(steps) - before)
    return per_epoch, micro


def accumulation_facts() -> Iterator[dict[str, Any]]:
    torch = _module("torch")

    for size, batch, accumulate, epochs in ACCUMULATION:
        dataset = torch.utils.data.TensorDataset(torch.randn(size, 2), torch.randn(size, 1))
        loader = torch.utils.data.DataLoader(dataset, batch_size=batch)
        for flush in (False, True):
            per_epoch, micro = _train(loader, accumulate, epochs, flush)
            yield {
                "kind": "accumulation",
                "inputs": {
                    "n": size,
                    "batch_size": batch,
                    "accumulation": accumulate,
                    "epochs": epochs,
                    "step_on_last_partial": flush,
                },
                "counts": {
                    "micro_batches_per_epoch": len(loader),
                    "micro_batches_total": micro,
                    "optimizer_steps_per_epoch": sorted(set(per_epoch)),
                    "optimizer_steps_total": sum(per_epoch),
                    "effective_batch": batch * accumulate,
                },
            }


def _lrs(scheduler: Any, optimizer: Any, limit: int) -> tuple[list[float], int]:
    """The learning rate before each step, and how many steps the scheduler took before it
    refused one (``limit`` when it never did)."""
    rates = []
    for step in range(limit):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        try:
            scheduler.step()
        except ValueError:
            return rates, step
    return rates, limit


def schedule_facts() -> Iterator[dict[str, Any]]:
    import warnings

    torch = _module("torch")

    warnings.simplefilter("ignore")  # OneCycleLR's zero-grad step warnings
    for size, batch, epochs, share in SCHEDULES:
        loader = torch.utils.data.DataLoader(_dataset(size), batch_size=batch)
        per_epoch = sum(1 for _ in loader)
        parameter = [torch.nn.Parameter(torch.zeros(1))]
        optimizer = torch.optim.SGD(parameter, lr=0.1)
        one_cycle = torch.optim.lr_scheduler.OneCycleLR(
            optimizer, max_lr=1.0, epochs=epochs, steps_per_epoch=per_epoch, pct_start=share
        )
        rates, accepted = _lrs(one_cycle, optimizer, epochs * per_epoch + 5)
        rates = rates[: one_cycle.total_steps]  # the rates of the optimizer steps it plans
        peak = max(range(len(rates)), key=rates.__getitem__)
        yield {
            "kind": "one_cycle",
            "inputs": {"n": size, "batch_size": batch, "epochs": epochs, "pct_start": share},
            "counts": {
                "steps_per_epoch": per_epoch,
                "total_steps": one_cycle.total_steps,
                "scheduler_steps_accepted": accepted,
                "peak_step": peak,
                "rising_steps": sum(1 for a, b in itertools.pairwise(rates) if b > a),
                "falling_steps": sum(1 for a, b in itertools.pairwise(rates) if b < a),
            },
        }
        warmup_epochs = max(1, round(epochs * share))
        warmup = warmup_epochs * per_epoch
        decay = epochs * per_epoch - warmup
        optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1)
        linear = torch.optim.lr_scheduler.LinearLR(
            optimizer, start_factor=0.01, end_factor=1.0, total_iters=warmup
        )
        cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=decay, eta_min=0.0)
        sequential = torch.optim.lr_scheduler.SequentialLR(
            optimizer, [linear, cosine], milestones=[warmup]
        )
        rates, _ = _lrs(sequential, optimizer, epochs * per_epoch + 1)
        peak = min(range(len(rates)), key=lambda i: (-rates[i], i))  # first highest rate
        lowest = min(range(len(rates)), key=lambda i: (rates[i], i))
        yield {
            "kind": "warmup_cosine",
            "inputs": {
                "n": size,
                "batch_size": batch,
                "epochs": epochs,
                "warmup_epochs": warmup_epochs,
            },
            "counts": {
                "steps_per_epoch": per_epoch,
                "warmup_steps": peak,
                "lowest_step": lowest,
                "decay_steps": lowest - peak,
            },
        }


def _fit_model(seen: dict[str, list[int]], phase: list[str]) -> Any:
    keras = _module("keras")

    layer: Any = keras.layers.Layer

    class Rows(layer):  # type: ignore[misc]
        """Records the rows of every batch it sees in the phase the callback names."""

        def call(self, x: Any) -> Any:
            if phase and phase[-1] in seen:
                seen[phase[-1]].append(int(x.shape[0]))
            return x

    model = keras.Sequential([keras.Input((1,)), Rows(), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse", run_eagerly=True)
    return model


def _fit(setting: dict[str, Any]) -> dict[str, Any]:
    """One ``model.fit`` run, its steps counted by a callback and its rows by a layer."""
    keras = _module("keras")
    import numpy as np

    counted: dict[str, list[int]] = {"train": [], "epochs": [], "validation": []}
    seen: dict[str, list[int]] = {"train": [], "validation": []}
    phase: list[str] = []

    callback: Any = keras.callbacks.Callback

    class Count(callback):  # type: ignore[misc]
        def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
            counted["epochs"].append(epoch)
            counted["train"].append(0)
            phase.append("train")

        def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
            counted["train"][-1] += 1

        def on_test_begin(self, logs: Any = None) -> None:
            counted["validation"].append(0)
            phase.append("validation")

        def on_test_batch_end(self, batch: int, logs: Any = None) -> None:
            counted["validation"][-1] += 1

        def on_test_end(self, logs: Any = None) -> None:
            phase.append("")

        def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
            phase.append("")

    model = _fit_model(seen, phase)
    size = setting["n"]
    x = np.arange(size, dtype="float32").reshape(size, 1)
    arguments = {k: v for k, v in setting.items() if k != "n" and v is not None}
    history = model.fit(x, x, verbose=0, callbacks=[Count()], **arguments)
    epochs_run = len(counted["epochs"])
    first_epoch = seen["train"][: counted["train"][0]] if counted["train"] else []
    validation = seen["validation"]
    return {
        "kind": "keras_fit",
        "inputs": {
            "n": size,
            **{name: setting.get(name) for name in sorted(FIT_ARGUMENTS)},
        },
        "counts": {
            "epochs_run": epochs_run,
            "first_epoch_index": counted["epochs"][0] if counted["epochs"] else None,
            "steps_per_epoch": sorted(set(counted["train"])),
            "total_steps": sum(counted["train"]),
            "train_samples": sum(first_epoch),
            "last_batch": first_epoch[-1] if first_epoch else 0,
            "validation_batches": sorted(set(counted["validation"])),
            "validation_samples": sum(validation) // max(1, len(counted["validation"])),
            "history_epochs": len(history.history.get("loss", [])),
        },
    }


def keras_fit_facts() -> Iterator[dict[str, Any]]:
    import inspect
    import warnings

    keras = _module("keras")

    warnings.simplefilter("ignore")  # "your input ran out of data"
    known = set(inspect.signature(keras.Model.fit).parameters)
    if not known >= FIT_ARGUMENTS:
        raise SystemExit(f"keras.Model.fit lacks {sorted(FIT_ARGUMENTS - known)}")
    keras.utils.set_random_seed(0)
    for setting in FITS:
        yield _fit(setting)


def split_facts() -> Iterator[dict[str, Any]]:
    torch = _module("torch")

    for size, share, batch in SPLITS:
        generator = torch.Generator().manual_seed(0)
        train, held = torch.utils.data.random_split(
            _dataset(size), [1 - share, share], generator=generator
        )
        loader = torch.utils.data.DataLoader(train, batch_size=batch)
        subset = torch.utils.data.DataLoader(
            _dataset(size),
            batch_size=batch,
            sampler=torch.utils.data.SubsetRandomSampler(list(train.indices)),
        )
        yield {
            "kind": "train_test",
            "inputs": {"n": size, "held_out_share": round(share, 6), "batch_size": batch},
            "counts": {
                "train_samples": len(train),
                "held_out_samples": len(held),
                "batches": sum(1 for _ in loader),
                "subset_sampler_batches": sum(1 for _ in subset),
                "last_batch": _batch_rows(loader)[-1],
            },
        }
    for size, folds, batch in FOLDS:
        generator = torch.Generator().manual_seed(0)
        parts = torch.utils.data.random_split(
            _dataset(size), [1 / folds] * folds, generator=generator
        )
        per_fold = []
        for held in range(folds):
            train = torch.utils.data.ConcatDataset(
                [part for index, part in enumerate(parts) if index != held]
            )
            loader = torch.utils.data.DataLoader(train, batch_size=batch)
            per_fold.append((len(train), sum(1 for _ in loader)))
        yield {
            "kind": "k_fold",
            "inputs": {"n": size, "folds": folds, "batch_size": batch},
            "counts": {
                "fold_sizes": sorted(len(part) for part in parts),
                "train_samples_per_fold": sorted({trained for trained, _ in per_fold}),
                "batches_per_fold": sorted({steps for _, steps in per_fold}),
                "batches_all_folds": sum(steps for _, steps in per_fold),
            },
        }


def measure() -> dict[str, Any]:
    facts = [
        *loader_facts(),
        *distributed_facts(),
        *accumulation_facts(),
        *schedule_facts(),
        *keras_fit_facts(),
        *split_facts(),
    ]
    return {**header(), "facts": facts}


# --------------------------------------------------------------------------- outside


def generate() -> str:
    """The data file's text, from a run of the pinned frameworks."""
    python = generated_data.framework_python()
    with tempfile.TemporaryDirectory() as temporary:
        output = Path(temporary) / "facts.json"
        command = [str(python), str(Path(__file__).resolve()), "--measure", str(output)]
        environment = generated_data.framework_environment()
        run = subprocess.run(
            command, cwd=temporary, env=environment, capture_output=True, text=True, check=False
        )
        if run.returncode != 0:
            sys.stderr.write(run.stderr)
            raise SystemExit(f"measuring failed inside {python}")
        facts = json.loads(output.read_text(encoding="utf-8"))
    return json.dumps(facts, indent=1, sort_keys=True) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the data file")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # inside the venv only
    args = parser.parse_args(argv)
    if args.measure is not None:
        args.measure.write_text(json.dumps(measure()), encoding="utf-8")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    return generated_data.write_or_check(args.output, generate(), COMMAND, args.check)


if __name__ == "__main__":
    sys.exit(main())
