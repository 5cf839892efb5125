"""AG122 resolves names scope by scope: each class of certain mistake, and its near misses."""

from __future__ import annotations

import textwrap

import pytest

from ankigen.lint.rules.python.analysis import analyse
from ankigen.lint.rules.python.problem import UNDEFINED
from ankigen.lint.rules.python.scopes import defined_names, iter_names


def _undefined(code: str, earlier: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    analysis = analyse(textwrap.dedent(code).strip("\n") + "\n", True, earlier)
    return [(p.line, p.message) for p in analysis.problems if p.code == UNDEFINED]


# (snippet, line of the finding, words of its message)
MISTAKES = [
    (
        """
        def running_total(prices):
            acc, k = 0, 0
            for price in prices:
                acc += price
                k += 1
            return acc / size
        """,
        6,
        "'k'",
    ),
    (
        """
        pairs = {key: len(key) for key in ["ab", "c"]}
        print(key)
        """,
        2,
        "loop variable of a comprehension",
    ),
    (
        """
        total = sum(weight for weight in [0.5, 0.25])
        print(weight)
        """,
        2,
        "loop variable of a comprehension",
    ),
    (
        """
        def read():
            from pathlib import Path
            return Path(".")

        print(Path("a"))
        """,
        5,
        "imported only inside the function 'read'",
    ),
    (
        """
        def fit_scaler():
            scale_factor = 0.5
            return scale_factor

        def apply(v):
            return v * scale_factor
        """,
        6,
        "assigned only inside the function 'fit_scaler'",
    ),
    (
        """
        class Config:
            depth = 4

            def describe(self):
                return f"depth={depth}"
        """,
        5,
        "self.depth",
    ),
    (
        """
        buffer = [1, 2]
        del buffer
        buffer.append(3)
        """,
        3,
        "after 'del buffer'",
    ),
    (
        """
        try:
            import missing_module
        except ImportError as failure:
            reason = "absent"
        print(failure)
        """,
        5,
        "deletes when the 'except' block ends",
    ),
    (
        """
        class Encoder:
            def __init__(self):
                self.width = 8

            def size(self):
                return width * 2
        """,
        6,
        "write 'self.width'",
    ),
    (
        """
        def squares(limit):
            values = []
            for step in range(limit):
                values.append(step * step)
            return squares_list
        """,
        5,
        "returned by 'squares' but never assigned",
    ),
    (
        """
        scores = [0.5, 0.75]
        print(score)
        """,
        2,
        "'score' is not defined, but 'scores' is",
    ),
    (
        """
        loss = 0.25
        print(f"{los:.2f}")
        """,
        2,
        "'los' is not defined, but 'loss' is",
    ),
    # issue #12: a module alias missing from imports the snippet does write (reported once)
    (
        """
        import pandas as pd

        frame = pd.DataFrame({"v": np.arange(3), "w": np.ones(3)})
        """,
        3,
        "add 'import numpy as np'",
    ),
    # a top-level statement reads a name that a later line assigns
    (
        """
        scaled = raw * 2
        raw = [1, 2, 3]
        """,
        1,
        "read before it is assigned on line",
    ),
]


@pytest.mark.parametrize(("code", "line", "words"), MISTAKES)
def test_certain_mistakes_are_reported(code: str, line: int, words: str) -> None:
    found = _undefined(code)
    assert [found_line for found_line, _ in found] == [line], found
    assert words in found[0][1]


# Snippets whose undefined names may well come from off the card: no finding.
NEAR_MISSES = [
    # objects and functions made off the card, called or used through attributes
    """
    def train_step(batch):
        scratch = batch
        loss = loss_fn(model(batch))
        opt.step(loss)
        return loss
    """,
    # a constant in capitals next to an unread local
    """
    def clip(v):
        unused_copy = v
        return min(v, LIMIT)
    """,
    # a parameter name that is also data off the card
    """
    def build(input_shape):
        return input_shape

    shape = build(input_shape)
    """,
    # a comprehension variable named like data off the card
    """
    values = [x + 1 for x in range(3)]
    print(x)
    """,
    # module aliases in a snippet that writes no import at all: the imports are off the card
    """
    frame = pd.DataFrame({"v": np.arange(3)})
    """,
    # a top-level name updated from its own value: it was made off the card
    """
    print(X.shape)
    X = X / 255.0
    """,
    # a plural read on the line of the loop that binds the singular, and read again later
    """
    for epoch in range(epochs):
        print(epoch)
    print(f"trained for {epochs} epochs")
    """,
    # a function that hands out an object from off the card
    """
    def get_config():
        return config
    """,
    # a name deleted and assigned again
    """
    item = 1
    del item
    item = 2
    print(item)
    """,
    # a class attribute read in the class body itself
    """
    class Box:
        side = 2
        area = side * side
    """,
    # a global declared in the function
    """
    def bump():
        global hits
        hits += 1
    """,
]


@pytest.mark.parametrize("code", NEAR_MISSES)
def test_names_that_may_come_from_off_the_card_are_not_reported(code: str) -> None:
    assert _undefined(code) == []


def test_names_of_earlier_blocks_count_as_defined() -> None:
    first = "import numpy as np\nweights = np.ones(3)\n"
    second = "def norm():\n    step = 1\n    return weights.sum() / total\n"
    assert defined_names(first) >= {"np", "weights"}
    assert list(iter_names((first, second))) == [frozenset(), defined_names(first)]
    # the typo 'total' is still reported, the earlier block's 'weights' is not
    found = _undefined(second, defined_names(first))
    assert [message.split("'")[1] for _, message in found] == ["total"]
    assert _undefined("print(weights)\n", defined_names(first)) == []
