"""Every reading of a family's formula over the candidate values of its roles: each
convention a careful author could mean (floor or ceil, drop_last, "same" or "valid" padding, a
transposed layer, a bias only as the note allows). Pure functions of numbers."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import product

SAME = Fraction(-1)  # a padding that keeps the size ("same"), in place of a number


@dataclass(frozen=True)
class ConvRoles:
    inputs: frozenset[Fraction]
    kernels: frozenset[Fraction]
    strides: frozenset[Fraction]
    paddings: frozenset[Fraction]
    dilations: frozenset[Fraction]
    ceil: bool  # ceil_mode may apply
    transposed: bool  # the note has a transposed layer
    output_paddings: frozenset[Fraction] = frozenset()  # a transposed layer's, when stated


def conv_sizes(roles: ConvRoles, keeps: bool, twice: bool = False) -> set[Fraction]:
    """Every output size the roles give, through one layer (or, with ``twice``, two alike:
    "two 3x3 convs"): the floor (and ceil) formula, "same" padding, a transposed layer's;
    with ``keeps``, the input itself (a row that restates it)."""
    once = set(_once(roles))
    again = set(_once(replace(roles, inputs=frozenset(once)))) if twice else set()
    return once | again | (set(roles.inputs) if keeps else set())


def _once(roles: ConvRoles) -> Iterator[Fraction]:
    for n, k, s, p, d in product(
        roles.inputs, roles.kernels, roles.strides, roles.paddings, roles.dilations
    ):
        if s <= 0:
            continue
        if p == SAME:
            yield Fraction(math.ceil(n / s))
            if roles.transposed:
                yield n * s  # a transposed layer's "same" scales the size up by its stride
            continue
        span = n + 2 * p - (d * (k - 1) + 1)
        if span >= 0:
            yield Fraction(math.floor(span / s) + 1)
            if roles.ceil:
                yield Fraction(math.ceil(span / s) + 1)
        if roles.transposed:
            # output_padding as stated, else any the layer allows (less than the stride)
            for extra in roles.output_paddings or range(int(s)):
                yield (n - 1) * s - 2 * p + d * (k - 1) + 1 + extra


@dataclass(frozen=True)
class ParamRoles:
    ins: frozenset[Fraction]
    outs: frozenset[Fraction]
    kernels: frozenset[Fraction]  # the kernel's volume (1 for a dense layer)
    vocabularies: frozenset[Fraction]
    widths: frozenset[Fraction]
    biases: frozenset[bool]  # with a bias, without one (only when the note says so)
    gates: frozenset[int]  # 4 for an LSTM, 3 for a GRU, 1 for a plain RNN: the note's cells
    depthwise: bool
    norm: bool  # the note has a normalisation layer: 2·C (scale, shift), 4·C (Keras' stats)
    parts: bool  # the claim may count one tensor: the weights or the bias alone
    groups: frozenset[Fraction] = frozenset()  # a grouped conv's groups, when stated


def param_counts(roles: ParamRoles) -> Iterator[Fraction]:
    """Every count the roles give: a dense or conv layer (kernel volume x in x out, + out),
    a depthwise one, a normalisation layer, an embedding table, a recurrent layer under both
    bias conventions."""
    for k, cin, cout, bias in product(
        roles.kernels | {Fraction(1)}, roles.ins, roles.outs, roles.biases
    ):
        yield k * cin * cout + (cout if bias else 0)
        if roles.parts:
            yield k * cin * cout
            yield cout
        if roles.depthwise:
            yield k * cin + (cin if bias else 0)
        for groups in roles.groups:
            # each of the groups maps cin/g channels to cout/g: k·cin·cout/g weights
            if groups > 0 and cin % groups == 0 and cout % groups == 0:
                yield k * cin * cout / groups + (cout if bias else 0)
    if roles.norm:
        for channels in roles.ins | roles.outs:
            yield 2 * channels
            yield 4 * channels
    for vocabulary, width in product(roles.vocabularies, roles.widths | roles.outs):
        yield vocabulary * width
    for gates, cin, hidden, biases in product(
        roles.gates, roles.ins | roles.widths, roles.widths | roles.outs, (1, 2)
    ):
        yield gates * (hidden * (hidden + cin) + biases * hidden)


@dataclass(frozen=True)
class StepRoles:
    samples: frozenset[Fraction]
    batches: frozenset[Fraction]
    devices: frozenset[Fraction]
    accumulations: frozenset[Fraction]
    epochs: frozenset[Fraction]
    roundings: frozenset[str]  # "floor" (drop_last) and/or "ceil"
    limits: frozenset[Fraction] = frozenset()  # a cap: a share of the batches or a count
    per_device: bool = False  # the note says its batch is one device's: the devices scale it
    optimizer: bool = False  # the claim counts optimizer updates: accumulation scales it
    # the note states the loader's rounding (drop_last): each epoch is rounded on its own,
    # so a total over the epochs is never the whole run's quotient rounded once
    rounding_stated: bool = False


def step_counts(roles: StepRoles) -> Iterator[Fraction]:
    """Every count of optimizer (or micro-) steps the roles give: per epoch, and over the
    stated epochs, with the batch per device or global, accumulated or not."""
    # one device's batch on several devices, optimizer updates under an accumulation: the
    # count without that factor is not a reading
    devices = roles.devices if roles.per_device and roles.devices else roles.devices | {Fraction(1)}
    accumulations = roles.accumulations
    if roles.optimizer and accumulations - {1}:
        accumulations = accumulations - {1}
    for n, b, g, a in product(roles.samples, roles.batches, devices, accumulations):
        if n < b:
            continue  # a data set smaller than its batch is no data set (a remainder, a shard)
        for scale in _scales(g, a, roles.per_device and g > 1, roles.optimizer and a > 1):
            if b * scale <= 0:
                continue
            exact = n / (b * scale)
            for per_epoch in _capped(_rounded(exact, roles.roundings), roles.limits):
                yield per_epoch
                for epochs in roles.epochs:
                    yield per_epoch * epochs
            for epochs in roles.epochs if not roles.rounding_stated else ():
                yield from _rounded(exact * epochs, roles.roundings)


def _capped(counts: set[Fraction], limits: frozenset[Fraction]) -> set[Fraction]:
    """An epoch's counts under a cap on its batches (Lightning's ``limit_train_batches``): a
    share under 1 keeps int(count · share) batches, a whole number at most that many."""
    if not limits:
        return counts
    capped = set()
    for count in counts:
        for limit in limits:
            if limit < 1:
                capped.add(Fraction(math.floor(count * limit)))
            elif limit.denominator == 1:
                capped.add(min(count, limit))
    return capped


def _scales(
    devices: Fraction, accumulation: Fraction, sharded: bool = False, updates: bool = False
) -> Iterable[Fraction]:
    """The batch's multiples: by the devices where the batch is one device's, by the
    accumulation where the count is of optimizer updates, else either or both."""
    scales = {Fraction(1), devices, accumulation, devices * accumulation}
    if sharded:
        scales = {scale for scale in scales if scale % devices == 0}
    if updates:
        scales = {scale for scale in scales if scale % accumulation == 0}
    return scales


def _rounded(value: Fraction, roundings: frozenset[str]) -> set[Fraction]:
    result = set()
    if "floor" in roundings:
        result.add(Fraction(math.floor(value)))
    if "ceil" in roundings:
        result.add(Fraction(math.ceil(value)))
    return result
