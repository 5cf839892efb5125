"""Notes rendered from measured epoch facts (tests/fixtures/framework_facts/epoch.json): each
fact becomes a scenario (what is given, what is claimed, how it is worked out, and a realistic
slip), and each scenario is written in the forms authors use (prose, a derivation, LaTeX, code
with a comment, code with its printed output, a table, a list, a cloze, a bold answer), with
its true count or with the slip. Shared by tests/test_epoch_generated_notes.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ankigen.lint.arith import epoch_formulas as formulas

NOUNS = (
    "images",
    "product reviews",
    "audio clips",
    "sensor windows",
    "chest X-rays",
    "sentences",
    "satellite tiles",
    "tabular rows",
)


@dataclass(frozen=True)
class Style:
    """How numbers and operators are written in one note."""

    unicode: bool  # the times and minus signs and ceiling brackets, or x, - and ceil()
    thousands: str  # "comma", "plain" or "k" (50k where it is exact)

    def n(self, value: int) -> str:
        if self.thousands == "k" and value >= 1000 and value % 1000 == 0:
            return f"{value // 1000}k"
        if self.thousands == "plain":
            return str(value)
        return f"{value:,}"

    @property
    def times(self) -> str:
        return "\N{MULTIPLICATION SIGN}" if self.unicode else "x"

    @property
    def minus(self) -> str:
        return "\N{MINUS SIGN}" if self.unicode else "-"

    def ceil(self, inner: str) -> str:
        return f"⌈{inner}⌉" if self.unicode else f"ceil({inner})"

    def floor(self, inner: str) -> str:
        return f"⌊{inner}⌋" if self.unicode else f"floor({inner})"


@dataclass(frozen=True)
class Step:
    """One worked step: its expression (written in a style) and its value."""

    write: Callable[[Style], str]
    latex: str
    value: int


@dataclass(frozen=True)
class Given:
    label: str  # "batch size", as a list or table label
    value: str  # as written in a list or table: "128", "0.2", "drop_last=True"
    prose: str  # as a sentence part, with {n}-style numbers already written


@dataclass(frozen=True)
class Scenario:
    kind: str
    fact: dict[str, Any]
    question: str
    setup: Callable[[Style], str]  # one sentence that states every given
    givens: Callable[[Style], list[Given]]
    claim_label: str  # "steps per epoch"
    steps: tuple[Step, ...]  # the true working, the last step is the claim
    slip_steps: tuple[Step, ...]  # the working with the slip
    slip: str  # what the slip is
    code: Callable[[Style], list[str]]  # framework code; the caller adds the count
    printed: str  # the expression whose printed value is the count ("len(loader)")

    @property
    def value(self) -> int:
        return self.steps[-1].value

    @property
    def slip_value(self) -> int:
        return self.slip_steps[-1].value


def _ceil_step(n: int, b: int) -> Step:
    return Step(
        lambda s: s.ceil(f"{s.n(n)} / {s.n(b)}"),
        rf"\left\lceil \frac{{{n}}}{{{b}}} \right\rceil",
        formulas.loader_batches(n, b),
    )


def _floor_step(n: int, b: int) -> Step:
    return Step(
        lambda s: s.floor(f"{s.n(n)} / {s.n(b)}"),
        rf"\left\lfloor \frac{{{n}}}{{{b}}} \right\rfloor",
        n // b,
    )


def _times_step(a: int, b: int) -> Step:
    return Step(lambda s: f"{s.n(a)} {s.times} {s.n(b)}", rf"{a} \times {b}", a * b)


def _minus_step(a: int, b: int) -> Step:
    return Step(lambda s: f"{s.n(a)} {s.minus} {s.n(b)}", f"{a} - {b}", a - b)


def _batch_step(n: int, b: int, drop: bool) -> Step:
    return _floor_step(n, b) if drop else _ceil_step(n, b)


def _wrong_rounding(n: int, b: int, drop: bool) -> Step | None:
    """The other rounding, where it gives another count."""
    if n % b == 0:
        return None
    return _ceil_step(n, b) if drop else _floor_step(n, b)


# --------------------------------------------------------------------------- scenarios


def loader(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, b, drop = given["n"], given["batch_size"], given["drop_last"]
    slip = _wrong_rounding(n, b, drop)
    if n < 2 * b or slip is None:
        return None
    flag = ", drop_last=True" if drop else ""
    clause = " and `drop_last=True`" if drop else ""
    return Scenario(
        "loader",
        fact,
        f"How many iterations does one epoch over the {noun} take?",
        lambda s: f"A `DataLoader` serves {s.n(n)} {noun} with a batch size of {s.n(b)}{clause}.",
        lambda s: [
            Given("training samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("batch size", s.n(b), f"a batch size of {s.n(b)}"),
            *([Given("drop_last", "True", "`drop_last=True`")] if drop else []),
        ],
        "iterations per epoch",
        (_batch_step(n, b, drop),),
        (slip,),
        "wrong rounding",
        lambda s: [
            f"train_set = TensorDataset(torch.randn({n}, 16))  # {s.n(n)} {noun}",
            f"loader = DataLoader(train_set, batch_size={b}, shuffle=True{flag})",
        ],
        "len(loader)",
    )


def distributed(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, w, b = given["n"], given["num_replicas"], given["batch_size"]
    if given["sampler_drop_last"] or given["loader_drop_last"] or n < 4 * w * b:
        return None
    share = formulas.replica_samples(n, w)
    return Scenario(
        "distributed",
        fact,
        f"Steps per epoch on each GPU with `DistributedSampler` ({noun})",
        lambda s: (
            f"{s.n(n)} {noun} are sharded by `DistributedSampler` across {w} GPUs, and each "
            f"GPU uses a per-GPU batch size of {b}."
        ),
        lambda s: [
            Given("training samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("GPUs", str(w), f"{w} GPUs"),
            Given("per-GPU batch size", str(b), f"a per-GPU batch size of {b}"),
        ],
        "steps per epoch on each GPU",
        (_ceil_step(n, w), _ceil_step(share, b)),
        (_ceil_step(n, b),),
        "forgotten sharding",
        lambda s: [
            f"train_set = TensorDataset(torch.randn({n}, 8))  # {s.n(n)} {noun}",
            f"sampler = DistributedSampler(train_set, num_replicas={w}, rank=rank)",
            f"loader = DataLoader(train_set, batch_size={b}, sampler=sampler)",
        ],
        "len(loader)",
    )


def accumulation(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, b, a, flush = (
        given["n"],
        given["batch_size"],
        given["accumulation"],
        given["step_on_last_partial"],
    )
    micro = formulas.loader_batches(n, b)
    step = (
        Step(
            lambda s: s.ceil(f"{s.n(micro)} / {a}"), rf"\lceil {micro} / {a} \rceil", -(-micro // a)
        )
        if flush
        else Step(
            lambda s: s.floor(f"{s.n(micro)} / {a}"), rf"\lfloor {micro} / {a} \rfloor", micro // a
        )
    )
    rest = (
        "the last, incomplete group also gets an optimizer step"
        if flush
        else "leftover micro-batches at the end of the epoch get no optimizer step"
    )
    return Scenario(
        "accumulation",
        fact,
        f"Optimizer steps per epoch with gradient accumulation ({noun})",
        lambda s: (
            f"{s.n(n)} {noun} are read in micro-batches of {b}, and gradients are accumulated "
            f"over {a} micro-batches per optimizer step; {rest}."
        ),
        lambda s: [
            Given("training samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("micro-batch size", str(b), f"micro-batches of {b}"),
            Given("accumulation steps", str(a), f"accumulated over {a} micro-batches"),
        ],
        "optimizer steps per epoch",
        (_ceil_step(n, b), step),
        (_ceil_step(n, b),),
        "forgotten accumulation",
        lambda s: [
            f"loader = DataLoader(train_set, batch_size={b})  # {s.n(n)} {noun}",
            f"accumulation_steps = {a}",
            "for i, (x, y) in enumerate(loader):",
            "    (loss_fn(model(x), y) / accumulation_steps).backward()",
            "    if (i + 1) % accumulation_steps == 0"
            + (" or i + 1 == len(loader):" if flush else ":"),
            "        optimizer.step()",
            "        optimizer.zero_grad()",
            "        optimizer_steps += 1",
        ],
        "optimizer_steps",
    )


def one_cycle(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, b, e = given["n"], given["batch_size"], given["epochs"]
    per_epoch = formulas.loader_batches(n, b)
    slip = (
        (_floor_step(n, b), _times_step(e, n // b))
        if n % b
        else (_ceil_step(n, b), _times_step(e - 1, per_epoch))
    )
    return Scenario(
        "one_cycle",
        fact,
        f"What `total_steps` does `OneCycleLR` need for {e} epochs over the {noun}?",
        lambda s: (
            f"{s.n(n)} {noun} at a batch size of {b} are trained for {e} epochs, and "
            "`OneCycleLR` is stepped after every batch."
        ),
        lambda s: [
            Given("training samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("batch size", str(b), f"a batch size of {b}"),
            Given("epochs", str(e), f"{e} epochs"),
        ],
        "total steps",
        (_ceil_step(n, b), _times_step(e, per_epoch)),
        slip,
        "wrong rounding" if n % b else "wrong operand",
        lambda s: [
            f"loader = DataLoader(train_set, batch_size={b})  # {s.n(n)} {noun}",
            f"scheduler = OneCycleLR(optimizer, max_lr=0.1, epochs={e},",
            "                       steps_per_epoch=len(loader))",
        ],
        "scheduler.total_steps",
    )


def warmup_cosine(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, b, e, we = given["n"], given["batch_size"], given["epochs"], given["warmup_epochs"]
    per_epoch = formulas.loader_batches(n, b)
    total, warm = e * per_epoch, we * per_epoch
    return Scenario(
        "warmup_cosine",
        fact,
        f"How long is the cosine decay after warm-up ({noun})?",
        lambda s: (
            f"{s.n(n)} {noun} at a batch size of {b} are trained for {e} epochs: a linear "
            f"warm-up over the first {we} epochs, then cosine decay until the end of training."
        ),
        lambda s: [
            Given("training samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("batch size", str(b), f"a batch size of {b}"),
            Given("epochs", str(e), f"{e} epochs"),
            Given("warm-up epochs", str(we), f"{we} warm-up epochs"),
        ],
        "cosine decay steps",
        (_ceil_step(n, b), _times_step(e, per_epoch), _minus_step(total, warm)),
        (_ceil_step(n, b), _times_step(e, per_epoch)),
        "forgotten term",
        lambda s: [
            f"warmup = LinearLR(optimizer, start_factor=0.01, total_iters={warm})",
            "cosine = CosineAnnealingLR(optimizer, T_max=decay_steps)",
            f"scheduler = SequentialLR(optimizer, [warmup, cosine], milestones=[{warm}])",
        ],
        "decay_steps",
    )


def keras_fit(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, batch, e = given["n"], given["batch_size"], given["epochs"]
    split, initial = given["validation_split"], given["initial_epoch"] or 0
    if given["steps_per_epoch"] is not None or batch is None:
        return None
    trained = formulas.keras_train_samples(n, split)
    per_epoch = formulas.loader_batches(trained, batch)
    arguments = f"batch_size={batch}, epochs={e}"
    if split:
        arguments += f", validation_split={split}"
    if initial:
        arguments += f", initial_epoch={initial}"
    steps: tuple[Step, ...]
    slip: tuple[Step, ...]
    if split:
        exact = n * (1 - split) == trained  # else Keras rounds down, and says so
        share = Step(
            lambda s: (str if exact else s.floor)(f"{s.n(n)} {s.times} (1 {s.minus} {split})"),
            rf"{n} \times (1 - {split})" if exact else rf"\lfloor {n} \times (1 - {split}) \rfloor",
            trained,
        )
        steps, slip = (share, _ceil_step(trained, batch)), (_ceil_step(n, batch),)
        label, how = "training steps per epoch", "forgotten validation split"
    elif initial:
        steps = (_ceil_step(n, batch), _times_step(e - initial, per_epoch))
        slip = (_ceil_step(n, batch), _times_step(e, per_epoch))
        label, how = "training steps this call runs", "forgotten initial epoch"
    else:
        wrong = _wrong_rounding(n, batch, False)
        if wrong is None:
            return None
        steps, slip = (_ceil_step(n, batch),), (wrong,)
        label, how = "steps per epoch", "wrong rounding"
    resumed = f", resuming at `initial_epoch={initial}`" if initial else ""
    held = f" with `validation_split={split}`" if split else ""
    return Scenario(
        "keras_fit",
        fact,
        f"Steps of `model.fit` on {noun}",
        lambda s: (
            f"`model.fit` trains on {s.n(n)} {noun} with `batch_size={batch}` and `epochs={e}`"
            f"{held}{resumed}."
        ),
        lambda s: [
            Given("samples in x_train", s.n(n), f"{s.n(n)} {noun}"),
            Given("batch_size", str(batch), f"`batch_size={batch}`"),
            Given("epochs", str(e), f"`epochs={e}`"),
            *(
                [Given("validation_split", str(split), f"`validation_split={split}`")]
                if split
                else []
            ),
            *(
                [Given("initial_epoch", str(initial), f"`initial_epoch={initial}`")]
                if initial
                else []
            ),
        ],
        label,
        steps,
        slip,
        how,
        lambda s: [
            f"# x_train: {s.n(n)} {noun}",
            f"history = model.fit(x_train, y_train, {arguments})",
        ],
        "history.params['steps'] * len(history.epoch)" if initial else "history.params['steps']",
    )


def train_test(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, share, b = given["n"], given["held_out_share"], given["batch_size"]
    percent = round(share * 100)
    if abs(percent - share * 100) > 1e-9:
        return None
    train, held = formulas.split_lengths(n, [1 - share, share])
    return Scenario(
        "train_test",
        fact,
        f"Training steps per epoch after holding out a test split ({noun})",
        lambda s: (
            f"Of {s.n(n)} {noun}, {percent}% are held out as the test set, and the rest is "
            f"trained on with a batch size of {b}."
        ),
        lambda s: [
            Given("samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("test split", f"{percent}%", f"{percent}% held out"),
            Given("batch size", str(b), f"a batch size of {b}"),
        ],
        "training steps per epoch",
        (_minus_step(n, held), _ceil_step(train, b)),
        (_ceil_step(n, b),),
        "held-out part not subtracted",
        lambda s: [
            f"data = TensorDataset(torch.randn({n}, 8))  # {s.n(n)} {noun}",
            f"train_set, test_set = random_split(data, [{1 - share:.1f}, {share:.1f}])",
            f"loader = DataLoader(train_set, batch_size={b})",
        ],
        "len(loader)",
    )


def k_fold(fact: dict[str, Any], noun: str) -> Scenario | None:
    given = fact["inputs"]
    n, k, b = given["n"], given["folds"], given["batch_size"]
    if n % k:
        return None
    fold = n // k
    train = n - fold
    return Scenario(
        "k_fold",
        fact,
        f"Steps per epoch in {k}-fold cross-validation ({noun})",
        lambda s: (
            f"{k}-fold cross-validation over {s.n(n)} {noun}: every run trains on the other "
            f"{k - 1} folds with a batch size of {b}."
        ),
        lambda s: [
            Given("samples", s.n(n), f"{s.n(n)} {noun}"),
            Given("folds", str(k), f"{k} folds"),
            Given("batch size", str(b), f"a batch size of {b}"),
        ],
        "steps per epoch in each run",
        (_minus_step(n, fold), _ceil_step(train, b)),
        (_ceil_step(n, b),),
        "held-out fold not subtracted",
        lambda s: [
            f"folds = random_split(data, [1 / {k}] * {k})  # {s.n(n)} {noun}",
            "train_set = ConcatDataset([f for j, f in enumerate(folds) if j != held])",
            f"loader = DataLoader(train_set, batch_size={b})",
        ],
        "len(loader)",
    )


SCENARIOS: dict[str, Callable[[dict[str, Any], str], Scenario | None]] = {
    "loader": loader,
    "distributed": distributed,
    "accumulation": accumulation,
    "one_cycle": one_cycle,
    "warmup_cosine": warmup_cosine,
    "keras_fit": keras_fit,
    "train_test": train_test,
    "k_fold": k_fold,
}


# --------------------------------------------------------------------------- forms
# Each form returns (note type, body lines); the claim's line holds the marker CLAIM.

CLAIM = "\x00"


def _working(steps: tuple[Step, ...], style: Style) -> list[str]:
    return [f"{step.write(style)} = {style.n(step.value)}" for step in steps]


def prose(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    return "basic", [
        f"{sc.setup(style)} That makes {CLAIM}{style.n(steps[-1].value)} {sc.claim_label}."
    ]


def derivation(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    lines = [sc.setup(style), ""]
    lines += [f"{index}. {row}" for index, row in enumerate(_working(steps, style), 1)]
    lines[-1] = f"{lines[-1]} {sc.claim_label}{CLAIM}"
    return "basic", lines


def latex(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    lines = [sc.setup(style), ""]
    lines += [f"$${step.latex} = {step.value}$$" for step in steps]
    lines += ["", f"So there are {CLAIM}{style.n(steps[-1].value)} {sc.claim_label}."]
    return "basic", lines


def code_comment(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    count = f"{CLAIM}{style.n(steps[-1].value)} {sc.claim_label}"
    return "basic", [
        sc.setup(style),
        "",
        "```python",
        *sc.code(style),
        f"print({sc.printed})  # {count}",
        "```",
    ]


def printed_output(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    return "basic", [
        sc.setup(style),
        "",
        "```python",
        *sc.code(style),
        f"print({sc.printed})",
        "```",
        "",
        "Output:",
        "",
        "```text",
        f"{CLAIM}{steps[-1].value}",
        "```",
    ]


def table(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    rows = [f"| {given.label} | {given.value} |" for given in sc.givens(style)]
    return "basic", [
        "| quantity | value |",
        "| --- | --- |",
        *rows,
        f"| {sc.claim_label} | {CLAIM}{style.n(steps[-1].value)} |",
    ]


def bullets(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    rows = [f"- {given.label}: {given.value}" for given in sc.givens(style)]
    return "basic", [*rows, f"- {sc.claim_label}: {CLAIM}{style.n(steps[-1].value)}"]


def cloze(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    return "cloze", [
        f"{sc.setup(style)} One gets {{{{c1::{CLAIM}{style.n(steps[-1].value)}}}}} "
        f"{sc.claim_label}."
    ]


def bold(sc: Scenario, steps: tuple[Step, ...], style: Style) -> tuple[str, list[str]]:
    parts = ", ".join(given.prose for given in sc.givens(style))
    return "basic", [f"With {parts}: **{CLAIM}{style.n(steps[-1].value)} {sc.claim_label}**."]


FORMS: dict[str, Callable[[Scenario, tuple[Step, ...], Style], tuple[str, list[str]]]] = {
    "prose": prose,
    "derivation": derivation,
    "latex": latex,
    "code_comment": code_comment,
    "printed_output": printed_output,
    "table": table,
    "bullets": bullets,
    "cloze": cloze,
    "bold": bold,
}


@dataclass(frozen=True)
class Rendered:
    id: str
    kind: str
    form: str
    true: bool
    type: str
    body: str
    line: int  # the claim's body line (1 = the heading)


def render(sc: Scenario, form: str, true: bool, style: Style, number: int) -> Rendered:
    steps = sc.steps if true else sc.slip_steps
    note_type, lines = FORMS[form](sc, steps, style)
    lines = [f"# {sc.question}", "", *lines]
    line = next(index for index, text in enumerate(lines, 1) if CLAIM in text)
    body = "\n".join(lines).replace(CLAIM, "") + "\n"
    name = f"gen-{sc.kind}-{form}-{'true' if true else 'slip'}-{number}".replace("_", "-")
    return Rendered(name, sc.kind, form, true, note_type, body, line)


def scenarios(facts: list[dict[str, Any]], per_kind: int, seed: int) -> list[Scenario]:
    """A seeded sample of ``per_kind`` renderable facts of every kind."""
    chooser = random.Random(seed)
    chosen: list[Scenario] = []
    for kind, build in SCENARIOS.items():
        built = [
            sc
            for fact in facts
            if fact["kind"] == kind
            for sc in [build(fact, chooser.choice(NOUNS))]
            if sc is not None
        ]
        chosen += chooser.sample(built, min(per_kind, len(built)))
    return chosen


def styles(seed: int) -> list[Style]:
    chooser = random.Random(seed)
    return [
        Style(chooser.random() < 0.5, chooser.choice(("comma", "plain", "k"))) for _ in range(64)
    ]
