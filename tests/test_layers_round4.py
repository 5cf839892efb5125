"""Layer sizes and counts in more shapes (issue #12, round 4): sizes in the heading and the
result in the answer (and the other way round), verbs of change ("shrinks the map to 27x27"),
older names of pooling (subsampling), labelled 1D items, shapes on comment lines of their own
and in a printed output block, the Extra section, and a count "for the whole layer"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ankigen.lint.arith.code_layers import layer_code_problems
from ankigen.lint.arith.quantities import SEVERAL_LAYERS, find
from ankigen.lint.rules.layers.scope import POOL
from tests.rule_harness import FixtureNote, lint_rule, write_notes

_CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "layers_round4.yml").read_text(encoding="utf-8")
)["cases"]


def _lint(tmp_path: Path, body: str, code: str) -> list[str]:
    write_notes(tmp_path, [FixtureNote("note", body)])
    return [diagnostic.message for diagnostic in lint_rule(tmp_path, code)]


@pytest.mark.parametrize("case", _CASES, ids=[case["id"] for case in _CASES])
def test_each_note_has_one_finding_when_wrong_and_none_when_right(
    tmp_path: Path, case: dict[str, Any]
) -> None:
    messages = _lint(tmp_path, case["body"], case["code"])
    assert len(messages) == (1 if case.get("wrong") else 0), messages


def test_the_wrong_and_right_cases_come_in_pairs() -> None:
    ids = {case["id"] for case in _CASES}
    wrong = [case["id"] for case in _CASES if case.get("wrong")]
    assert len(wrong) >= 15
    assert all(f"{name}-ok" in ids for name in wrong if name != "follow-wrong")


# --------------------------------------------------------------------------- finders


def _values(kind: str, text: str) -> list[tuple[int, ...]]:
    return [quantity.values for quantity in find(kind, text, 0, len(text))]


def test_a_verb_of_change_names_the_output_after_the_thing_it_changes() -> None:
    assert _values("output", "It shrinks the map to 28x28.") == [(28, 28)]
    assert _values("output", "This reduces the activation grid down to 9x9.") == [(9, 9)]
    assert _values("output", "It cuts the sequence to 48 positions.") == [(48,)]
    # a count after "to" is no size, and a size of its own is a from-to pair instead
    assert _values("output", "It reduces the map to 64 channels.") == []
    assert _values("output", "It shrinks the 56x56 map to 28x28.") == []


def test_labelled_lengths_and_results() -> None:
    assert _values("input", "sequence length: 100 tokens") == [(100,)]
    assert _values("input", "input length = 64") == [(64,)]
    assert _values("output", "result: 29 positions") == [(29,)]
    assert _values("output", "result: 29 filters") == []


def test_a_size_and_a_noun_are_never_read_across_a_blank_line() -> None:
    text = "Input:   28x28x1\n\n  Kernel:   3x3\n\n  Output:   13x13x8"
    assert _values("kernel", text) == [(3, 3)]
    assert _values("input", text) == [(28, 28, 1)]
    assert _values("output", text) == [(13, 13, 8)]
    assert _values("kernel", "a 5x5\nkernel") == [(5, 5)]  # a wrapped line still is one


def test_subsampling_is_pooling_and_a_whole_layer_is_one_layer() -> None:
    assert _values("kernel", "the 2x2 subsampling layer") == [(2, 2)]
    assert POOL.search("a subsampling layer") is not None
    assert POOL.search("a downsampling convolution") is None
    assert SEVERAL_LAYERS.search("parameters for the whole layer") is None
    assert SEVERAL_LAYERS.search("for the whole conv layer") is None
    assert SEVERAL_LAYERS.search("for the whole network") is not None


# --------------------------------------------------------------------------- code


def _problems(code: str) -> list[tuple[int, str]]:
    lines = code.split("\n")
    return [(p.line, lines[p.line][p.start : p.end]) for p in layer_code_problems(code)]


_POOL_CODE = """\
inputs = keras.Input(shape=(33, 33, 8))
x = layers.MaxPooling2D(pool_size=2)(inputs)
{comment}
"""


@pytest.mark.parametrize(
    ("comment", "wrong"),
    [
        ("# x.shape == (None, 17, 17, 8)", True),
        ("# x.shape == (None, 16, 16, 8)", False),
        ("# x: (None, 17, 17, 8)", True),
        ("# -> (None, 17, 17, 8)", True),
        ("# output: (None, 17, 17, 8)", True),
        ("# output: (None, 16, 16, 8)", False),
        ("# shape: (None, 17, 17, 8)", True),
        ("# a note about (None, 17, 17, 8) shapes", False),  # no claim about this result
        ("# inputs.shape == (None, 33, 33, 8)", False),
    ],
)
def test_a_comment_line_of_its_own_states_a_shape(comment: str, wrong: bool) -> None:
    found = _problems(_POOL_CODE.format(comment=comment))
    assert [line for line, _text in found] == ([2] if wrong else [])


def test_the_line_after_a_print_states_what_it_printed() -> None:
    code = "x = torch.randn(1, 8, 31, 31)\ny = nn.MaxPool2d(2)(x)\nprint(y.shape)\n# {}\n"
    assert _problems(code.format("torch.Size([1, 8, 16, 16])")) == [
        (3, "torch.Size([1, 8, 16, 16])")
    ]
    assert _problems(code.format("torch.Size([1, 8, 15, 15])")) == []


def test_after_a_wrong_comment_line_the_next_layer_may_build_on_either_shape() -> None:
    code = (
        "inputs = keras.Input(shape=(33, 33, 8))\n"
        "x = layers.MaxPooling2D(pool_size=2)(inputs)\n"
        "# x.shape == (None, 17, 17, 8)\n"
        "y = layers.Conv2D(4, 3)(x)  # {}\n"
    )
    assert _problems(code.format("(None, 15, 15, 4)")) == [(2, "(None, 17, 17, 8)")]
    assert _problems(code.format("(None, 14, 14, 4)")) == [(2, "(None, 17, 17, 8)")]
    assert len(_problems(code.format("(None, 12, 12, 4)"))) == 2


_PRINTED = """\
# What does this convolution print?

```python
inputs = keras.Input(shape=(20, 20, 3))
x = layers.Conv2D(8, 5, strides=2)(inputs)
print(x.shape)
```

{bridge}```{language}
{shown}
```
"""


@pytest.mark.parametrize(
    ("bridge", "language", "shown", "wrong"),
    [
        ("", "text", "(None, 9, 9, 8)", True),
        ("Output:\n\n", "", "(None, 9, 9, 8)", True),
        ("", "text", "(None, 8, 8, 8)", False),
        ("", "python", "(None, 9, 9, 8)", False),  # code, not what was printed
        ("A longer paragraph that says something else entirely here.\n\n", "text", "(9, 9)", False),
    ],
)
def test_a_printed_output_block_states_the_shape(
    tmp_path: Path, bridge: str, language: str, shown: str, wrong: bool
) -> None:
    body = _PRINTED.format(bridge=bridge, language=language, shown=shown)
    write_notes(tmp_path, [FixtureNote("note", body)])
    found = lint_rule(tmp_path, "AG103")
    shown_line = body.split("\n").index(shown) + 1  # body lines count from 1
    header_lines = FixtureNote("note", body).header.count("\n")
    positions = [(d.line - header_lines, d.column) for d in found]
    assert positions == ([(shown_line, 1)] if wrong else [])
