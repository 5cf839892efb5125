"""False error classes found by precision35 (issue #12): batch 57's two false errors and the
probes in new styles (spreadsheets, logs, configs, chats, slides, exam symbols), read as
classes.

Each class has correct twins in our own words and wrong twins of the same shape that must stay
reported. Each case is (id, code, body, body line, expected): "silent" (no finding of the code
at any level), "warning" or "error" (one finding of the code on the line, at that level).
"""

from __future__ import annotations

from tests.rule_harness import graded_cases_test

X = "\N{MULTIPLICATION SIGN}"


def _note(question: str, line: str) -> str:
    return f"# {question}\n\n{line}\n"


CASES: list[tuple[str, str, str, int, str]] = [
    # A Keras fit whose validation_split leaves a trained part the note states: a count of the
    # held-out part's own batches is that part's count, not a wrong epoch (batch 57).
    (
        "held-out-batches",
        "AG102",
        _note(
            "Steps of a Keras fit with validation_split",
            "`model.fit(X, Y, batch_size=50, validation_split=0.25)` on 10,000 rows: the first "
            "7,500 train, 7,500 / 50 = 150 steps an epoch; the held-out 2,500 make 50 batches "
            "of validation.",
        ),
        3,
        "silent",
    ),
    (
        "held-out-batches-wrong",
        "AG102",
        _note(
            "Steps of a Keras fit with validation_split",
            "`model.fit(X, Y, batch_size=50, validation_split=0.25)` on 10,000 rows: the first "
            "7,500 train, 7,500 / 50 = 150 steps an epoch; the held-out 2,500 make 60 batches "
            "of validation.",
        ),
        3,
        "error",
    ),
]


test_false_error_class = graded_cases_test(CASES)
