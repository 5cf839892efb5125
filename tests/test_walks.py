"""The stage-walk core (``ankigen.lint.linker.walks``): transitions checked from the stage
before, whatever notation the stages were read from (issue #12, session 31)."""

from __future__ import annotations

from ankigen.lint.linker.walks import CONV, POOL, TRANSPOSED, Layer, Stage, wrong_transitions


def _stage(layer: Layer, output: tuple[int, ...], source: tuple[int, ...] | None = None) -> Stage:
    return Stage(layer, output, 0, 1, 1, input=source)


CONV_S2 = Layer(CONV, (3,), (2,), (1,), rank=2)
POOL_2 = Layer(POOL, (2,), None, (0,), rank=2)


def test_a_right_walk_has_no_wrong_transition() -> None:
    stages = [_stage(CONV_S2, (32, 32, 64)), _stage(POOL_2, (16, 16, 64))]
    assert list(wrong_transitions(stages, (64, 64, 3), first_sure=True)) == []


def test_a_wrong_stage_is_judged_from_the_stage_before_and_is_sure() -> None:
    stages = [_stage(CONV_S2, (32, 32, 64)), _stage(POOL_2, (17, 17, 64))]
    (wrong,) = wrong_transitions(stages, (64, 64, 3), first_sure=True)
    assert (wrong.input, wrong.expected, wrong.sure) == ((32, 32, 64), (16, 16, 64), True)


def test_one_wrong_stage_gives_one_finding_the_next_takes_its_claim() -> None:
    stages = [_stage(CONV_S2, (33, 33)), _stage(CONV_S2, (17, 17))]
    assert [t.stage.output for t in wrong_transitions(stages, (64, 64), True)] == [(33, 33)]


def test_channels_first_or_last_and_a_batch_axis_align() -> None:
    layer = Layer(CONV, (3,), (2,), (1,), rank=2)
    assert list(wrong_transitions([_stage(layer, (8, 64, 16, 16), (8, 3, 32, 32))], None)) == []
    assert list(wrong_transitions([_stage(layer, (16, 16, 64), (32, 32, 3))], None)) == []


def test_an_unstated_padding_allows_every_usual_padding_and_is_a_warning() -> None:
    layer = Layer(CONV, (3,), (1,), None)
    assert list(wrong_transitions([_stage(layer, (30,), (32,))], None)) == []
    assert list(wrong_transitions([_stage(layer, (32,), (32,))], None)) == []
    (wrong,) = wrong_transitions([_stage(layer, (29,), (32,))], None)
    assert not wrong.sure


def test_a_transposed_stage_and_its_output_padding() -> None:
    layer = Layer(TRANSPOSED, (3,), (2,), (1,), output_padding=(1,))
    assert list(wrong_transitions([_stage(layer, (16,), (8,))], None)) == []
    (wrong,) = wrong_transitions([_stage(layer, (15,), (8,))], None)
    assert wrong.expected == (16,) and wrong.sure


def test_a_pooling_may_round_up_and_the_note_input_is_a_warning_unless_sure() -> None:
    pool = Layer(POOL, (3,), (2,), (0,))
    assert list(wrong_transitions([_stage(pool, (38,))], (76,))) == []  # floor 37, ceil 38
    (wrong,) = wrong_transitions([_stage(pool, (36,))], (76,))
    assert not wrong.sure


def test_a_reshaped_size_is_no_verdict() -> None:
    assert list(wrong_transitions([_stage(CONV_S2, (1024,), (32, 32, 1))], None)) == []
