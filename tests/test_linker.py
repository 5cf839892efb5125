"""The set-up-to-claim linker (``ankigen.lint.linker``, issue #12, session 27).

Every note here is written for the test: the quantities it states are read by role wherever
they stand (words, a table cell under a header naming the role, a layer call's arguments), and
each claim of a number family is recomputed from them under every convention the note allows.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankigen.diagnostics import Severity
from ankigen.lint import stage_trace
from ankigen.lint.document import LintDocument
from ankigen.lint.linker import linker_findings, verdicts
from ankigen.lint.linker.formulas import (
    SAME,
    ConvRoles,
    ParamRoles,
    StepRoles,
    conv_sizes,
    param_counts,
    step_counts,
)
from ankigen.lint.linker.roles import stated
from ankigen.lint.linker.view import VALUE
from ankigen.lint.runner import documents_of
from ankigen.pipeline.check import check
from tests.rule_harness import FixtureNote, write_notes

F = Fraction


def _document(tmp_path: Path, body: str) -> LintDocument:
    write_notes(tmp_path, [FixtureNote("n000", body)])
    (document,) = documents_of(check([tmp_path / "content"]))
    return document


def _roles(tmp_path: Path, body: str) -> set[tuple[int, str, tuple[int, ...], str]]:
    """(body line, role, values, source) of each stated quantity; line 1 is the heading."""
    document = _document(tmp_path, body)
    shift = document.note.body_line - 1
    return {
        (q.line - shift, q.role, tuple(int(v) for v in q.values), q.source)
        for q in stated(document)
    }


def _outcomes(tmp_path: Path, body: str, family: str) -> list[tuple[int, str, str]]:
    document = _document(tmp_path, body)
    shift = document.note.body_line - 1
    return [(v.claim.line - shift, v.claim.text, v.outcome) for v in verdicts(document, family)]


# -- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "A 3x3 conv, stride 2, padding 1 on a 64x64 image.",
            {("kernel", (3, 3)), ("stride", (2,)), ("padding", (1,)), ("input", (64, 64))},
        ),
        (
            "With $k = 5$, $s = 1$, $p = 2$ and $d = 3$.",
            {("kernel", (5,)), ("stride", (1,)), ("padding", (2,)), ("dilation", (3,))},
        ),
        (
            "Each clip is a 400-sample signal after a stride-4 front end.",
            {("input", (400,)), ("stride", (4,))},
        ),
        ("An encoder block: two Conv3d 3³ per stage.", {("kernel", (3, 3, 3))}),
        (
            "We train on 12,800 labelled images at batch size 64 on 4 GPUs for 30 epochs.",
            {("samples", (12800,)), ("batch", (64,)), ("devices", (4,)), ("epochs", (30,))},
        ),
        (
            "`gradient_accumulation_steps = 8` over 1,024 (query, passage) pairs.",
            {("accumulation", (8,)), ("samples", (1024,))},
        ),
        (
            "An LSTM with input 40 and hidden_size = 128.",
            {("in-features", (40,)), ("width", (128,))},
        ),
    ],
)
def test_a_quantity_takes_its_role_from_its_own_words(
    tmp_path: Path, line: str, expected: set[tuple[str, tuple[int, ...]]]
) -> None:
    got = {(role, values) for _line, role, values, _source in _roles(tmp_path, f"# Q?\n\n{line}\n")}
    assert expected <= got


def test_a_name_s_digits_are_no_quantity(tmp_path: Path) -> None:
    # "Conv3d" is no 3-d width, "v2" no version of a size
    got = _roles(tmp_path, "# Q?\n\nA `Conv3d` block from ResNet-v2.\n")
    assert not {role for _line, role, _values, _source in got} & {"width", "kernel"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Nd"]), max_size=40))
def test_a_value_needs_a_digit(text: str) -> None:
    # roles._worded skips lines without a digit: exact only while no value is digitless
    assert VALUE.search(text) is None


def test_a_worded_quantity_needs_a_digit_of_any_script(tmp_path: Path) -> None:
    got = _roles(tmp_path, "# Q?\n\nA kernel size of three.\n\nA kernel size of \u0663.\n")
    assert {(line, role) for line, role, _values, _source in got} == {(5, "kernel")}


def test_a_table_cell_takes_the_role_its_header_names(tmp_path: Path) -> None:
    body = (
        "# Sizes?\n\n| stage | pool kernel | stride | out |\n|---|---|---|---|\n"
        "| p1 | (1, 2, 2) | 2 | 8 x 16 x 16 |\n"
    )
    got = _roles(tmp_path, body)
    assert (5, "kernel", (1, 2, 2), "cell") in got
    assert (5, "stride", (2,), "cell") in got


def test_a_layer_call_s_arguments_take_the_framework_s_roles(tmp_path: Path) -> None:
    body = (
        "# Params?\n\n```python\nconv = nn.Conv2d(16, 32, 3, stride=2)\nfc = Linear(512, 10)\n"
        "emb = Embedding(30_000, 256)\n```\n"
    )
    got = {(role, values) for _line, role, values, source in _roles(tmp_path, body)}
    assert {
        ("in-features", (16,)),
        ("out-features", (32,)),
        ("kernel", (3,)),
        ("stride", (2,)),
        ("in-features", (512,)),
        ("out-features", (10,)),
        ("vocabulary", (30000,)),
        ("width", (256,)),
    } <= got


# -- formulas ---------------------------------------------------------------------------------


def test_conv_sizes_try_every_convention() -> None:
    one = frozenset({F(1)})
    roles = ConvRoles(
        frozenset({F(15)}),
        frozenset({F(3)}),
        frozenset({F(2)}),
        frozenset({F(0), SAME}),
        one,
        ceil=True,
        transposed=False,
    )
    sizes = conv_sizes(roles, keeps=False)
    assert {F(7), F(8)} <= sizes  # floor, and ceil_mode / "same" (⌈15 / 2⌉)
    assert F(3) not in sizes
    assert F(3) in conv_sizes(roles, keeps=False, twice=True)  # "two such layers": 15, 7, 3
    assert F(15) not in sizes  # the input itself only when the layer may keep it
    assert F(15) in conv_sizes(roles, keeps=True)


def test_a_transposed_layer_is_tried_only_where_the_note_has_one() -> None:
    one = frozenset({F(1)})
    roles = ConvRoles(
        frozenset({F(16)}),
        frozenset({F(4)}),
        frozenset({F(2)}),
        frozenset({F(1)}),
        one,
        ceil=False,
        transposed=True,
    )
    assert F(32) in conv_sizes(roles, keeps=False)  # (16 - 1)*2 - 2 + 3 + 1


def test_param_counts_keep_the_bias_unless_the_note_drops_it() -> None:
    def roles(biases: frozenset[bool]) -> ParamRoles:
        return ParamRoles(
            frozenset({F(3)}),
            frozenset({F(8)}),
            frozenset({F(9)}),
            frozenset(),
            frozenset(),
            biases,
            frozenset(),
            depthwise=False,
            norm=False,
            parts=False,
        )

    assert set(param_counts(roles(frozenset({True})))) >= {F(224)}  # 9·3·8 + 8
    assert F(216) not in set(param_counts(roles(frozenset({True}))))
    assert F(216) in set(param_counts(roles(frozenset({True, False}))))


def test_step_counts_follow_the_stated_rounding() -> None:
    def roles(roundings: frozenset[str]) -> set[Fraction]:
        return set(
            step_counts(
                StepRoles(
                    frozenset({F(1000)}),
                    frozenset({F(64)}),
                    frozenset({F(2)}),
                    frozenset({F(1)}),
                    frozenset({F(3)}),
                    roundings,
                )
            )
        )

    assert {F(16), F(48), F(8)} <= roles(frozenset({"ceil"}))  # per epoch, 3 epochs, 2 devices
    assert F(15) not in roles(frozenset({"ceil"}))
    assert F(15) in roles(frozenset({"floor"}))


# -- verdicts ---------------------------------------------------------------------------------


def test_a_size_no_reading_gives_is_reported_on_its_line(tmp_path: Path) -> None:
    body = (
        "# Length after two convs on a 50-sample signal?\n\n| layer | kernel | stride | out |\n"
        "|---|---|---|---|\n| c1 | 3 | 1 | 48 |\n| c2 | 5 | 1 | 45 |\n"
    )
    outcomes = _outcomes(tmp_path, body, stage_trace.CONV)
    assert outcomes == [(5, "48", "reproduced"), (6, "45", "no reading")]
    document = _document(tmp_path / "b", body)
    [finding] = linker_findings(document, stage_trace.CONV, set())
    assert finding.severity == Severity.WARNING  # its input carried from the row above
    line = document.note.body_line - 1 + 6
    assert list(linker_findings(document, stage_trace.CONV, {line})) == []


def test_a_claim_without_its_roles_is_left_unjudged(tmp_path: Path) -> None:
    body = "# Size?\n\n| layer | kernel | stride | out |\n|---|---|---|---|\n| c1 | 5 | 1 | 28 |\n"
    assert _outcomes(tmp_path, body, stage_trace.CONV) == [(5, "28", "roles missing: input")]


def test_a_worked_step_count_is_left_to_the_readers_of_derivations(tmp_path: Path) -> None:
    body = "# Steps?\n\n9,000 samples at batch 64: ⌈9,000 / 64⌉ = 140 steps per epoch.\n"
    assert _outcomes(tmp_path, body, stage_trace.EPOCHS) == [
        (3, "140", "set aside: a worked calculation")
    ]


def test_a_verdict_is_sure_only_when_every_role_was_stated_once_on_its_line(
    tmp_path: Path,
) -> None:
    sure = "# Steps?\n\n| clips | batch | steps |\n|---|---|---|\n| 9,000 | 64 | 150 |\n"
    sure += "\nThe last batch is dropped (drop_last=True).\n"
    [verdict] = verdicts(_document(tmp_path, sure), stage_trace.EPOCHS)
    assert (verdict.outcome, verdict.sure) == ("no reading", True)
    carried = sure.replace("drop_last=True", "kept or not")  # no rounding stated: a choice
    [verdict] = verdicts(_document(tmp_path / "b", carried), stage_trace.EPOCHS)
    assert (verdict.outcome, verdict.sure) == ("no reading", False)


def test_a_step_count_is_reported_only_when_the_verdict_is_sure(tmp_path: Path) -> None:
    # no rounding stated: a warning-level verdict, traced only
    body = "# Steps?\n\n| clips | batch | steps |\n|---|---|---|\n| 9,000 | 64 | 150 |\n"
    assert list(linker_findings(_document(tmp_path, body), stage_trace.EPOCHS, set())) == []
    # the note sets its rounding: every role is stated once, on the row, and the count is an error
    sure = "# Steps?\n\nThe loader keeps the last partial batch.\n\n" + body.split("\n\n", 1)[1]
    (finding,) = linker_findings(_document(tmp_path / "sure", sure), stage_trace.EPOCHS, set())
    assert finding.severity is None and "150" in finding.message


def test_a_parameter_count_is_sure_only_for_one_call_in_its_own_sentence(tmp_path: Path) -> None:
    wrong = "# Params?\n\nThe layer `nn.Linear(300, 20)` holds 6,000 parameters.\n"
    (verdict,) = verdicts(_document(tmp_path, wrong), stage_trace.PARAMS)
    assert (verdict.outcome, verdict.sure) == ("no reading", True)
    copies = "# Params?\n\nThree `nn.Linear(300, 20)` layers hold 6,000 parameters.\n"
    (verdict,) = verdicts(_document(tmp_path / "copies", copies), stage_trace.PARAMS)
    assert not verdict.sure


def test_new_layer_kinds_read_by_role(tmp_path: Path) -> None:
    body = (
        "# Layers?\n\n`nn.ConvTranspose2d(64, 32, 3, 2, 1, 1)`\n\n"
        "`nn.Conv2d(64, 128, 3, groups=4)`\n\n`Trainer(limit_train_batches=0.25, devices=2)`\n"
    )
    roles = {(role, values) for _line, role, values, _source in _roles(tmp_path, body)}
    assert {("output-padding", (1,)), ("groups", (4,)), ("devices", (2,))} <= roles
    assert ("dilation", (1,)) not in roles  # the transposed layer's sixth argument is not it


def test_formulas_of_the_new_layer_kinds() -> None:
    one = frozenset({F(1)})
    transposed = ConvRoles(
        frozenset({F(10)}), frozenset({F(3)}), frozenset({F(2)}), one, one, False, True,
        frozenset({F(1)}),
    )  # fmt: skip
    assert F(20) in conv_sizes(transposed, keeps=False)
    assert F(19) not in conv_sizes(transposed, keeps=False)  # the stated output padding only
    same = ConvRoles(
        frozenset({F(14)}), frozenset({F(3)}), frozenset({F(2)}), frozenset({SAME}), one,
        False, True,
    )  # fmt: skip
    assert F(28) in conv_sizes(same, keeps=False)
    grouped = ParamRoles(
        frozenset({F(96)}), frozenset({F(96)}), frozenset({F(9)}), frozenset(), frozenset(),
        frozenset({True}), frozenset(), False, False, False, frozenset({F(8)}),
    )  # fmt: skip
    assert F(10_464) in set(param_counts(grouped))
    capped = StepRoles(
        frozenset({F(12_000)}), frozenset({F(40)}), frozenset(), one, frozenset(),
        frozenset({"floor"}), frozenset({F(1, 2)}),
    )  # fmt: skip
    assert set(step_counts(capped)) == {F(150)}


def test_verdicts_are_traced(tmp_path: Path) -> None:
    body = "# Size?\n\nA 5x5 conv with stride 1 gives a 28 x 28 map.\n"
    document = _document(tmp_path, body)
    with stage_trace.tracing() as recorder, recorder.rule("AG103", document):
        list(linker_findings(document, stage_trace.CONV, set()))
    events = recorder.of(str(document.path))
    # the inventory's claim, and the linker's verdict on it
    assert {(e.stage, e.reason) for e in events} == {
        ("claim", ""),
        ("linked", "set aside: no layer of its own"),
    }
