"""Roles of a layer call's positional and keyword arguments (``nn.Conv2d(3, 64, 3, 2, 1)``,
``Conv2D(64, (10, 4), strides=2)``, ``nn.Linear(512, 10)``, ``Embedding(30000, 256)``):
the frameworks' own signatures say which argument is which."""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from ankigen.lint.linker.quantity import Quantity
from ankigen.lint.linker.view import VALUE, Line, values_of

# positional roles per layer: PyTorch's (in, out, kernel, stride, padding), Keras' (filters,
# kernel) and (units), pooling (kernel, stride)
_TORCH_CONV = (
    "in-features", "out-features", "kernel", "stride", "padding", "dilation", "groups",
)  # fmt: skip
# a transposed conv puts output_padding, groups and bias before its dilation
_TORCH_TRANSPOSED = (
    "in-features", "out-features", "kernel", "stride", "padding", "output-padding", "groups",
    None, "dilation",
)  # fmt: skip
_POSITIONAL: tuple[tuple[re.Pattern[str], tuple[str | None, ...]], ...] = (
    (re.compile(r"(?:\bnn\.|^)(?:Lazy)?ConvTranspose[123]d$"), _TORCH_TRANSPOSED),
    (re.compile(r"(?:\bnn\.|^)(?:Conv|LazyConv)[123]d$"), _TORCH_CONV),
    (
        re.compile(r"\b(?:(?:Conv|SeparableConv|DepthwiseConv)[123]?D|Conv[123]DTranspose)$"),
        ("out-features", "kernel", "stride"),
    ),
    (re.compile(r"(?:\bnn\.|^)Linear$"), ("in-features", "out-features")),
    (re.compile(r"\bDense$"), ("out-features",)),
    (re.compile(r"\b(?:nn\.)?Embedding$"), ("vocabulary", "width")),
    (re.compile(r"\bnn\.(?:Max|Avg)Pool[123]d$"), ("kernel", "stride", "padding")),
    (re.compile(r"\b(?:Max|Average)Pooling[123]D$"), ("kernel", "stride")),
    (re.compile(r"\bnn\.(?:LSTM|GRU|RNN)$"), ("in-features", "width")),
    (re.compile(r"\b(?:LSTM|GRU|SimpleRNN)$"), ("width",)),
)
_KEYWORDS = {
    "in_channels": "in-features",
    "out_channels": "out-features",
    "in_features": "in-features",
    "out_features": "out-features",
    "filters": "out-features",
    "units": "out-features",
    "kernel_size": "kernel",
    "pool_size": "kernel",
    "stride": "stride",
    "strides": "stride",
    "padding": "padding",
    "dilation": "dilation",
    "dilation_rate": "dilation",
    "groups": "groups",
    "output_padding": "output-padding",
    "limit_train_batches": "limit",
    "devices": "devices",
    "accumulate_grad_batches": "accumulation",
    "max_epochs": "epochs",
    "num_embeddings": "vocabulary",
    "input_dim": "vocabulary",
    "embedding_dim": "width",
    "output_dim": "width",
    "input_size": "in-features",
    "hidden_size": "width",
    "batch_size": "batch",
    "epochs": "epochs",
}
_CALL = re.compile(r"((?:nn\.|layers\.|keras\.layers\.|tf\.keras\.layers\.)?[A-Z]\w*)\(")


# a name given a whole number anywhere in the note ("hidden=256", "obs_dim = 17")
_NAMED = re.compile(r"\b([A-Za-z_]\w*)\s*=\s*(\d+)\b(?!\s*[.*/+(])")
# an argument that is a name, or a small product of a name and a number ("2 * act_dim")
_SYMBOLIC = re.compile(r"(?:(\d+)\s*\*\s*)?([A-Za-z_]\w*)(?:\s*\*\s*(\d+))?")


def call_quantities(view: tuple[Line, ...]) -> Iterator[Quantity]:
    """Each argument of a known layer call that holds a literal, or a name the note gives one
    value (times a number), with its role."""
    named: dict[str, set[int]] = {}
    for line in view:
        for match in _NAMED.finditer(line.text):
            named.setdefault(match.group(1), set()).add(int(match.group(2)))
    for line in view:
        for call in _CALL.finditer(line.text):
            name = call.group(1).removeprefix("tf.keras.layers.").removeprefix("keras.layers.")
            name = name.removeprefix("layers.")
            positional = next((roles for p, roles in _POSITIONAL if p.search(name)), None)
            index = 0
            for at, argument in _split_arrows(_arguments(line.text, call.end())):
                keyword, _, value_text = argument.partition("=")
                if _:
                    role = _KEYWORDS.get(keyword.strip())
                    text, shift = value_text, at + len(keyword) + 1
                else:
                    role = positional[index] if positional and index < len(positional) else None
                    text, shift = argument, at
                    index += 1
                stripped = text.strip()
                value = VALUE.fullmatch(stripped)
                values = values_of(value) if value else _resolved(stripped, named)
                if role is None or not values:
                    continue
                start = shift + len(text) - len(text.lstrip())
                yield Quantity(
                    role,
                    values,
                    line.at(start),
                    line.at(start + len(stripped) - 1) + 1,
                    line.number,
                    "call",
                )


def _resolved(text: str, named: dict[str, set[int]]) -> tuple[Fraction, ...]:
    """The value of a symbolic argument: a name with one value in the note, times a number."""
    match = _SYMBOLIC.fullmatch(text)
    if match is None or len(named.get(match.group(2), ())) != 1:
        return ()
    (value,) = named[match.group(2)]
    factor = int(match.group(1) or 1) * int(match.group(3) or 1)
    return (Fraction(value * factor),)


# "Linear(1024 → 256)", "Linear(768 -> 3072, bias=False)": sizes in and out as written in
# prose, the two first positional arguments
_ARROW = re.compile(r"\s*(?:\u2192|->)\s*")


def _split_arrows(arguments: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """The first argument written as "in → out" split into its two sizes."""
    for index, (at, argument) in enumerate(arguments):
        arrow = _ARROW.search(argument) if index == 0 and "=" not in argument else None
        if arrow is None:
            yield at, argument
            continue
        yield at, argument[: arrow.start()]
        yield at + arrow.end(), argument[arrow.end() :]


def _arguments(text: str, start: int) -> Iterator[tuple[int, str]]:
    """A call's top-level arguments from ``start`` (just past its "(") to its ")"."""
    depth, begin = 0, start
    for index in range(start, len(text)):
        char = text[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                if text[begin:index].strip():
                    yield begin, text[begin:index]
                return
            depth -= 1
        elif char == "," and depth == 0:
            yield begin, text[begin:index]
            begin = index + 1
    # a call that goes on to the next line: what stands on this one
    if text[begin:].strip():
        yield begin, text[begin:]
