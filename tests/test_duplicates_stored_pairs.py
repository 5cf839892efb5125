"""AG140 keeps its comparison's result (the best pair of every two similar notes) in the
cache's derived data, keyed by every note's units in order and the code: a run whose notes ask
what they asked before (an answer edited) reuses it, any other run compares again; the
findings are the same either way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ankigen.cache import files
from ankigen.lint.rule import LintConfig
from ankigen.lint.rules import duplicates
from ankigen.lint.rules.duplicates import NearDuplicate
from tests.conftest import write

QUESTIONS = [
    "What does dropout switch off during training?",
    "What does dropout switch off during the training?",
    "Why does batch normalization speed up training?",
    "Why does batch normalization speed up training?",
    "What is the stride of a convolution?",
]


def _inputs(bodies: list[str], questions: list[str] = QUESTIONS) -> list[tuple[str, Any]]:
    """Each note's AG140 input, as a run makes it (the notes written to a deck folder)."""
    import tempfile

    from ankigen.lint.document import LintDocument
    from ankigen.source.load import load_deck_config, load_note

    inputs = []
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "deck"
        write(deck / "deck.yaml", "name: Deck\n")
        spec, _ = load_deck_config(deck)
        assert spec is not None
        for index, (question, body) in enumerate(zip(questions, bodies, strict=True)):
            path = write(
                deck / f"note-{index}.md", f"---\nid: n{index}\n---\n# {question}\n\n{body}\n"
            )
            note, _ = load_note(path)
            assert note is not None
            document = LintDocument(path, path.read_text(), note, spec)
            name = f"/deck/note-{index}.md"  # the same names every call
            inputs.append((name, NearDuplicate().note_input(document, LintConfig())))
    return inputs


def _findings(inputs: list[tuple[str, Any]]) -> list[tuple[str, int, str]]:
    return [
        (str(path), located.line, located.message)
        for path, located in NearDuplicate().check_inputs(iter(inputs), LintConfig())
    ]


@pytest.fixture
def compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A cache folder for derived data, and how often the notes were compared."""
    monkeypatch.setattr(files, "_derived_folder", tmp_path)
    calls: list[int] = []
    original = duplicates._best_pairs

    def counted(kept: Any) -> Any:
        calls.append(len(kept))
        return original(kept)

    monkeypatch.setattr(duplicates, "_best_pairs", counted)
    return calls


BODIES = [f"Answer {index}." for index in range(len(QUESTIONS))]


def test_the_same_questions_are_not_compared_again(compared: list[int]) -> None:
    first = _findings(_inputs(BODIES))
    assert len(first) == 2 and compared == [5]
    edited = ["Another answer.", *BODIES[1:]]  # an answer edited: the same questions
    assert _findings(_inputs(edited)) == first
    assert compared == [5]


def test_a_body_made_identical_is_still_reported(compared: list[int]) -> None:
    """Identical bodies are compared every run (their digests are not part of the key)."""
    _findings(_inputs(BODIES))
    same = [*BODIES[:3], BODIES[2], BODIES[4]]  # note 3 now a copy of note 2
    found = _findings(_inputs(same))
    assert any("identical" in message for _, _, message in found)
    assert compared == [5]


def test_a_changed_question_is_compared_again(compared: list[int]) -> None:
    _findings(_inputs(BODIES))
    questions = [*QUESTIONS[:4], "What does dropout switch off during training?"]
    found = _findings(_inputs(BODIES, questions))
    assert compared == [5, 5]
    assert sum("similar" in message for _, _, message in found) > 2
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files, "_derived_folder", None)
        assert _findings(_inputs(BODIES, questions)) == found  # as without a cache


@pytest.mark.parametrize(
    "data",
    [
        "text",
        [[0, 1, 95.0]],
        [[1, 0, 95.0, "question"]],  # not earlier first
        [[0, 9, 95.0, "question"]],  # no such note
        [[0, 1, 50.0, "question"]],  # under the threshold
        [[0, 1, 95.0, "a kind no unit has"]],
        [[0, 1, "95", "question"]],
    ],
)
def test_malformed_stored_pairs_are_compared_again(compared: list[int], data: Any) -> None:
    first = _findings(_inputs(BODIES))
    folder = files._derived_folder
    assert folder is not None
    stored = files._read_checked(folder / "derived" / f"{duplicates._STORED_PAIRS}.json")
    files.keep_derived_data(duplicates._STORED_PAIRS, stored["key"], data)
    assert _findings(_inputs(BODIES)) == first
    assert compared == [5, 5]


def test_the_comparison_constants_are_part_of_the_key(
    compared: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _findings(_inputs(BODIES))
    monkeypatch.setattr(duplicates, "_DIRECT_PAIRS", 0)  # the candidate search instead
    _findings(_inputs(BODIES))
    assert compared == [5, 5]


def test_without_a_cache_no_key_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    """--no-cache: the notes are compared and nothing is looked up, so the code's fingerprint
    (every source file of ankigen read) is not computed for a key."""
    monkeypatch.setattr(files, "_derived_folder", None)
    expected = _findings(_inputs(BODIES))

    def unwanted() -> str:
        raise AssertionError("a key made without a cache")

    monkeypatch.setattr(files, "code_fingerprint", unwanted)
    assert _findings(_inputs(BODIES)) == expected
    assert len(expected) == 2
