"""Epoch counts measured on the real PyTorch and Keras (tests/fixtures/framework_facts/epoch.json,
made by scripts/epoch_facts.py): the committed file is what the script makes, its shape is
what the generated-note tests read, and ankigen.lint.arith.epoch_formulas reproduces every
measured count."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from functools import cache
from typing import Any

import pytest

from ankigen.lint.arith import epoch_formulas as formulas
from tests.conftest import REPO, load_script

FACTS = REPO / "tests" / "fixtures" / "framework_facts" / "epoch.json"
SCRIPT = REPO / "scripts" / "epoch_facts.py"
KINDS = {
    "loader",
    "distributed",
    "accumulation",
    "one_cycle",
    "warmup_cosine",
    "keras_fit",
    "train_test",
    "k_fold",
}

epoch_facts = load_script("epoch_facts")


@cache
def _document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FACTS.read_text(encoding="utf-8"))
    return data


def facts(kind: str) -> list[dict[str, Any]]:
    return [fact for fact in _document()["facts"] if fact["kind"] == kind]


def test_the_committed_file_is_what_the_script_makes() -> None:
    """Runs the pinned frameworks in the shared cached venv (about 15 s warm) and compares."""
    command = [sys.executable, str(SCRIPT), "--check"]
    run = subprocess.run(command, capture_output=True, text=True, timeout=1500, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_file_names_its_frameworks_and_is_stably_written() -> None:
    document = _document()
    assert document["frameworks"] == dict(epoch_facts.generated_data.FRAMEWORK_PINS)
    assert document["command"] == epoch_facts.COMMAND
    text = FACTS.read_text(encoding="utf-8")
    assert text == json.dumps(document, indent=1, sort_keys=True) + "\n"


def test_every_kind_is_measured_on_its_grid() -> None:
    kinds = Counter(fact["kind"] for fact in _document()["facts"])
    assert set(kinds) == KINDS
    assert kinds["keras_fit"] == len(epoch_facts.FITS)
    assert kinds["k_fold"] == len(epoch_facts.FOLDS)
    assert kinds["accumulation"] == 2 * len(epoch_facts.ACCUMULATION)
    sizes = {fact["inputs"]["n"] for fact in facts("loader")}
    assert sizes == set(epoch_facts.LOADER_SIZES)
    for fact in _document()["facts"]:
        assert fact["inputs"]["n"] > 0 and fact["counts"], fact


# --------------------------------------------------------------------------- the formulas


@pytest.mark.parametrize("fact", facts("loader"), ids=lambda f: json.dumps(f["inputs"]))
def test_loader_counts(fact: dict[str, Any]) -> None:
    given, counts = fact["inputs"], fact["counts"]
    n, batch, drop = given["n"], given["batch_size"], given["drop_last"]
    assert formulas.loader_batches(n, batch, drop) == counts["batches"] == counts["len_loader"]
    assert formulas.last_batch_size(n, batch, drop) == counts["last_batch"]
    assert formulas.samples_seen(n, batch, drop) == counts["samples_seen"]


def test_distributed_counts() -> None:
    for fact in facts("distributed"):
        given, counts = fact["inputs"], fact["counts"]
        n, world, sampler_drop = given["n"], given["num_replicas"], given["sampler_drop_last"]
        share = formulas.replica_samples(n, world, sampler_drop)
        assert [share] == counts["samples_per_replica"] and share == counts["len_sampler"], fact
        assert formulas.replica_padding(n, world, sampler_drop) == counts["padded_samples"], fact
        assert formulas.replica_dropped(n, world, sampler_drop) == counts["dropped_samples"], fact
        batches = formulas.replica_batches(
            n, world, given["batch_size"], sampler_drop, given["loader_drop_last"]
        )
        assert [batches] == counts["batches_per_replica"], fact


def test_accumulation_counts() -> None:
    for fact in facts("accumulation"):
        given, counts = fact["inputs"], fact["counts"]
        micro = formulas.loader_batches(given["n"], given["batch_size"])
        assert micro == counts["micro_batches_per_epoch"], fact
        assert formulas.run_steps(micro, given["epochs"]) == counts["micro_batches_total"], fact
        steps = formulas.optimizer_steps(
            micro, given["accumulation"], given["step_on_last_partial"]
        )
        assert [steps] == counts["optimizer_steps_per_epoch"], fact
        assert formulas.run_steps(steps, given["epochs"]) == counts["optimizer_steps_total"]
        assert given["batch_size"] * given["accumulation"] == counts["effective_batch"]


def test_one_cycle_counts() -> None:
    for fact in facts("one_cycle"):
        given, counts = fact["inputs"], fact["counts"]
        per_epoch = formulas.loader_batches(given["n"], given["batch_size"])
        assert per_epoch == counts["steps_per_epoch"], fact
        total = formulas.one_cycle_total(given["epochs"], per_epoch)
        assert total == counts["total_steps"] == counts["scheduler_steps_accepted"], fact
        peak = formulas.one_cycle_peak(total, given["pct_start"])
        assert peak == counts["peak_step"] == counts["rising_steps"], fact
        assert total - 1 - peak == counts["falling_steps"], fact


def test_warmup_then_cosine_counts() -> None:
    for fact in facts("warmup_cosine"):
        given, counts = fact["inputs"], fact["counts"]
        per_epoch = formulas.loader_batches(given["n"], given["batch_size"])
        total = formulas.run_steps(per_epoch, given["epochs"])
        warmup = formulas.run_steps(per_epoch, given["warmup_epochs"])
        assert formulas.warmup_decay_steps(total, warmup) == (
            counts["warmup_steps"],
            counts["decay_steps"],
        ), fact
        assert total == counts["lowest_step"], fact


def test_keras_fit_counts() -> None:
    for fact in facts("keras_fit"):
        given, counts = fact["inputs"], fact["counts"]
        n, split = given["n"], given["validation_split"]
        per_epoch = formulas.keras_steps_per_epoch(
            n, given["batch_size"], split, given["steps_per_epoch"]
        )
        assert [per_epoch] == counts["steps_per_epoch"], fact
        initial = given["initial_epoch"] or 0
        assert counts["epochs_run"] == counts["history_epochs"] == given["epochs"] - initial
        assert counts["first_epoch_index"] == initial, fact
        assert formulas.run_steps(per_epoch, given["epochs"], initial) == counts["total_steps"]
        trained = formulas.keras_train_samples(n, split)
        if given["steps_per_epoch"] is None:
            assert trained == counts["train_samples"], fact
            batch = given["batch_size"] or 32
            assert formulas.last_batch_size(trained, batch) == counts["last_batch"], fact
        if split:
            assert n - trained == counts["validation_samples"], fact
            held = formulas.loader_batches(n - trained, given["batch_size"] or 32)
            assert [held] == counts["validation_batches"], fact


def test_split_and_fold_counts() -> None:
    for fact in facts("train_test"):
        given, counts = fact["inputs"], fact["counts"]
        share = given["held_out_share"]
        train, held = formulas.split_lengths(given["n"], [1 - share, share])
        assert (train, held) == (counts["train_samples"], counts["held_out_samples"]), fact
        batches = formulas.loader_batches(train, given["batch_size"])
        assert batches == counts["batches"] == counts["subset_sampler_batches"], fact
        assert formulas.last_batch_size(train, given["batch_size"]) == counts["last_batch"]
    for fact in facts("k_fold"):
        given, counts = fact["inputs"], fact["counts"]
        n, k, batch = given["n"], given["folds"], given["batch_size"]
        assert sorted(formulas.split_lengths(n, [1 / k] * k)) == counts["fold_sizes"], fact
        trained = formulas.fold_train_sizes(n, k)
        assert sorted(set(trained)) == counts["train_samples_per_fold"], fact
        per_fold = [formulas.loader_batches(size, batch) for size in trained]
        assert sorted(set(per_fold)) == counts["batches_per_fold"], fact
        assert sum(per_fold) == counts["batches_all_folds"], fact


def test_the_formulas_stay_exact_for_sizes_beyond_float_precision() -> None:
    huge = 10**18 + 1  # a float division would round this to a multiple of 3
    assert formulas.loader_batches(huge, 3) == (huge + 2) // 3
    assert formulas.replica_samples(huge, 2) == huge // 2 + 1
    assert formulas.last_batch_size(huge, 3) == huge % 3
