"""How many batches, optimizer steps and scheduler steps an epoch or a run takes, as pure
functions: the relations rule AG102 checks, each proven against counts measured by running
PyTorch and Keras (tests/fixtures/framework_facts/epoch.json, made by scripts/epoch_facts.py).

Sizes are whole numbers of samples; every function returns what the framework counts.
"""

from __future__ import annotations

import math


def _ceil_div(a: int, b: int) -> int:
    """⌈a / b⌉ in whole numbers (no float rounding for large sizes)."""
    return -(-a // b)


def loader_batches(samples: int, batch: int, drop_last: bool = False) -> int:
    """``len(DataLoader(data, batch_size=batch, drop_last=drop_last))``: ⌈N / B⌉, or ⌊N / B⌋
    when the last partial batch is dropped (also Keras ``model.fit``'s steps per epoch)."""
    return samples // batch if drop_last else _ceil_div(samples, batch)


def last_batch_size(samples: int, batch: int, drop_last: bool = False) -> int:
    """The rows of an epoch's last batch: N mod B (a full batch when B divides N); 0 when
    every batch is dropped."""
    if drop_last:
        return batch if samples >= batch else 0
    return samples - (loader_batches(samples, batch) - 1) * batch if samples else 0


def samples_seen(samples: int, batch: int, drop_last: bool = False) -> int:
    """The samples one epoch trains on: all N, or B·⌊N / B⌋ when the last batch is dropped."""
    return loader_batches(samples, batch, drop_last) * batch if drop_last else samples


def replica_samples(samples: int, replicas: int, drop_last: bool = False) -> int:
    """``len(DistributedSampler(data, num_replicas=W, drop_last=…))``: every replica gets
    ⌈N / W⌉ samples (the sampler pads by repeating the first ones), or ⌊N / W⌋ with its
    ``drop_last`` (the tail is left out instead)."""
    return samples // replicas if drop_last else _ceil_div(samples, replicas)


def replica_padding(samples: int, replicas: int, drop_last: bool = False) -> int:
    """The repeated samples a DistributedSampler adds so that every replica gets as many."""
    return 0 if drop_last else replicas * replica_samples(samples, replicas) - samples


def replica_dropped(samples: int, replicas: int, drop_last: bool = False) -> int:
    """The samples no replica sees when the sampler drops the tail."""
    return samples - replicas * replica_samples(samples, replicas, True) if drop_last else 0


def replica_batches(
    samples: int,
    replicas: int,
    batch: int,
    sampler_drop_last: bool = False,
    loader_drop_last: bool = False,
) -> int:
    """The batches one replica's loader yields per epoch: its share, batched by the
    per-replica batch size."""
    share = replica_samples(samples, replicas, sampler_drop_last)
    return loader_batches(share, batch, loader_drop_last)


def optimizer_steps(micro_batches: int, accumulation: int, step_on_remainder: bool) -> int:
    """Optimizer steps of an epoch that accumulates gradients over ``accumulation``
    micro-batches: ⌊M / a⌋ when the loop steps only on full accumulations (the leftover
    micro-batches' gradients are thrown away), ⌈M / a⌉ when it also steps on the last,
    incomplete one."""
    if step_on_remainder:
        return _ceil_div(micro_batches, accumulation)
    return micro_batches // accumulation


def run_steps(steps_per_epoch: int, epochs: int, initial_epoch: int = 0) -> int:
    """Steps of a whole run: one epoch's steps times the epochs run (Keras runs
    ``epochs - initial_epoch`` of them when it resumes at ``initial_epoch``)."""
    return steps_per_epoch * epochs_run(epochs, initial_epoch)


def epochs_run(epochs: int, initial_epoch: int = 0) -> int:
    """The epochs ``model.fit(epochs=E, initial_epoch=i)`` runs: E - i (E is the index of the
    last epoch, not a count of further epochs), none when i >= E."""
    return max(0, epochs - initial_epoch)


def keras_train_samples(samples: int, validation_split: float | None) -> int:
    """The rows ``model.fit(x, y, validation_split=v)`` trains on: ⌊N·(1 - v)⌋ (the last
    rows are held out)."""
    if not validation_split:
        return samples
    return math.floor(samples * (1.0 - validation_split))


def keras_steps_per_epoch(
    samples: int,
    batch_size: int | None,
    validation_split: float | None = None,
    steps_per_epoch: int | None = None,
) -> int:
    """``model.fit``'s training steps per epoch: ``steps_per_epoch`` when given (with array
    input that has as many batches), else ⌈N_train / B⌉; Keras's default batch is 32."""
    if steps_per_epoch is not None:
        return steps_per_epoch
    batch = 32 if batch_size is None else batch_size
    return loader_batches(keras_train_samples(samples, validation_split), batch)


def split_lengths(samples: int, shares: list[float]) -> list[int]:
    """``torch.utils.data.random_split(data, shares)``: ⌊N·share⌋ each, the rest given one
    sample at a time to the parts in order."""
    lengths = [math.floor(samples * share) for share in shares]
    for index in range(samples - sum(lengths)):
        lengths[index % len(lengths)] += 1
    return lengths


def fold_train_sizes(samples: int, folds: int) -> list[int]:
    """What each run of k-fold cross-validation trains on: N less its held-out fold, the
    folds cut as ``random_split`` cuts k equal shares."""
    return [samples - held for held in split_lengths(samples, [1 / folds] * folds)]


def one_cycle_total(epochs: int, steps_per_epoch: int) -> int:
    """``OneCycleLR(epochs=E, steps_per_epoch=S).total_steps``: E·S, the number of
    ``scheduler.step()`` calls it accepts before it raises."""
    return epochs * steps_per_epoch


def one_cycle_rate(step: int, total: int, pct_start: float, max_lr: float = 1.0) -> float:
    """OneCycleLR's learning rate after ``step`` steps (two cosine phases, default factors)."""
    initial, final = max_lr / 25.0, max_lr / 25.0 / 1e4
    peak = pct_start * total - 1
    if step <= peak:
        start, end, fraction = initial, max_lr, step / peak
    else:
        start, end, fraction = max_lr, final, (step - peak) / (total - 1 - peak)
    return end + (start - end) / 2.0 * (math.cos(math.pi * fraction) + 1)


def one_cycle_peak(total: int, pct_start: float) -> int:
    """The step of OneCycleLR's highest rate: pct_start·total - 1, or whichever whole step
    beside it comes closer to the peak."""
    peak = pct_start * total - 1
    candidates = sorted({max(0, math.floor(peak)), min(total - 1, math.ceil(peak))})
    return max(candidates, key=lambda step: one_cycle_rate(step, total, pct_start))


def warmup_decay_steps(total: int, warmup: int) -> tuple[int, int]:
    """A linear warm-up over ``warmup`` steps followed by a decay that ends the run: the
    warm-up steps and the T_max = total - warm-up steps of the decay."""
    return warmup, total - warmup
