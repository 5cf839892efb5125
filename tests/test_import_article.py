"""`ankigen import article`: Q&A articles of several shapes -> valid draft notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ankigen.check import check
from ankigen.cli import main
from ankigen.diagnostics import Severity
from ankigen.importers.article import EDITED, import_article
from ankigen.importers.report import ImportError_
from ankigen.load import load_deck_config, load_note
from tests.conftest import MINIMAL_DECK, SEEDS, note_file, write

ARTICLES = Path(__file__).parent / "fixtures" / "articles"

# fixture -> (source key, [(question number, front heading, type, code languages)])
EXPECTED: dict[str, tuple[str, list[tuple[int, str, str, list[str]]]]] = {
    # The Keras seed's layout: plain text, "Q1." lines, code without fences.
    "keras-plain.txt": (
        "keras-questions-for-deep-learning-interviews",
        [
            (1, "What is Keras?", "code", ["bash"]),
            (2, "How do you train a Keras model?", "code", ["python"]),
            (3, "What does early stopping do?", "code", ["python"]),
            (4, "Which layers does a small CNN use?", "basic", []),
        ],
    ),
    # The fundamentals seed's layout: Markdown "### 1." headings.
    "fundamentals.md": (
        "deep-learning-interview-questions",
        [
            (1, "What is deep learning?", "basic", []),
            (2, "What is a neural network?", "basic", []),
            (3, "How do batch and stochastic gradient descent differ?", "basic", []),
            (4, "How do you define a constant in TensorFlow?", "code", ["python"]),
            (5, "Which command shows the installed version?", "code", ["shell"]),
        ],
    ),
    "bold-questions.md": (
        "python-interview-cheat-sheet",
        [
            (1, "What is a list comprehension?", "code", ["python"]),
            (2, "What does `yield` do?", "basic", []),
            (3, "Why are tuples hashable?", "basic", []),
        ],
    ),
    "faq.md": (
        "frequently-asked-questions-about-training",
        [
            (1, "What is an epoch?", "basic", []),
            (2, "What is a batch?", "basic", []),
            (3, "Why shuffle the data each epoch?", "basic", []),
        ],
    ),
    "numbered-paren.md": (
        "regularization-questions",
        [
            (1, "What is dropout?", "basic", []),
            (2, "What is weight decay?", "code", ["python"]),
            (3, "Name two ways to stop overfitting.", "basic", []),
        ],
    ),
}

NOISE = (
    "Table of Contents",
    "Back to",
    "Learning Objectives",
    "In conclusion",
    "Responses From Readers",
    "What's Next",
    "course",
    "\n---\n",
    "***",
    "•",
)


def _notes(deck: Path) -> dict[str, str]:
    return {path.name: path.read_text("utf-8") for path in sorted(deck.glob("*.md"))}


def _front(text: str) -> str:
    match = re.search(r"^# (.+)$", text, re.M)
    assert match is not None, text
    return match.group(1)


def _import(tmp_path: Path, name: str, force: bool = False) -> Path:
    deck = tmp_path / "content" / "imported"
    import_article(ARTICLES / name, deck, force)
    return deck


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_valid_note_per_question(tmp_path: Path, name: str) -> None:
    key, expected = EXPECTED[name]
    deck = _import(tmp_path, name)
    assert check([deck]).ok, [d.format() for d in check([deck]).diagnostics]

    spec, _ = load_deck_config(deck)
    assert spec is not None
    assert list(spec.config.sources) == [key]
    assert spec.config.sources[key].publisher == f"imported from {name}"

    found = []
    for path in sorted(deck.glob("*.md")):
        note, problems = load_note(path)
        assert note is not None, problems
        assert note.meta.id == path.stem
        assert note.meta.source is not None and note.meta.source.doc == key
        text = path.read_text("utf-8")
        languages = re.findall(r"^(?:```|~~~)(\w+)$", text, re.M)
        found.append((note.meta.source.question, _front(text), note.meta.type.value, languages))
    assert sorted(found) == expected
    for text in _notes(deck).values():
        for noise in NOISE:
            assert noise not in text.split("\n---\n", 1)[1], (noise, text)


def test_unfenced_code_is_fenced_with_its_lines(tmp_path: Path) -> None:
    notes = _notes(_import(tmp_path, "keras-plain.txt"))
    assert (
        '```python\nimport keras\nmodel.compile(optimizer="adam", loss="mse")\n'
        "model.fit(x_train, y_train, epochs=5)\n```\n\nThe history object"
    ) in notes["how-do-you-train-a-keras-model.md"]
    early = notes["what-does-early-stopping-do.md"]
    assert "- monitor: the metric to watch" in early  # "•" bullets became a Markdown list
    assert "```python\ndef make_callback(patience):\n    return keras.callbacks." in early
    # The table of contents listed every question again: no duplicates, no "-2" ids.
    assert len(notes) == 4


def test_markdown_structures_survive(tmp_path: Path) -> None:
    notes = _notes(_import(tmp_path, "fundamentals.md"))
    assert (
        "| samples per update | all | one |"
        in notes["how-do-batch-and-stochastic-gradient-descent-differ.md"]
    )
    assert "- an input layer\n- one or more hidden layers" in notes["what-is-a-neural-network.md"]
    assert (
        "```python\nimport tensorflow as tf\n\na = tf.constant(2.0)\n```"
        in notes["how-do-you-define-a-constant-in-tensorflow.md"]
    )
    assert (
        "~~~shell\npip show tensorflow\n~~~"
        in notes["which-command-shows-the-installed-version.md"]
    )
    paren = _notes(_import(tmp_path / "paren", "numbered-paren.md"))
    # An indented block in Markdown that is plainly Python gets a python fence.
    assert (
        "```python\nloss = data_loss + lam * sum(w ** 2)\n```" in paren["what-is-weight-decay.md"]
    )


def test_bold_and_faq_answers(tmp_path: Path) -> None:
    bold = _notes(_import(tmp_path / "bold", "bold-questions.md"))
    # The answer on the question's own line is kept; a bold non-question stays in the answer.
    assert (
        "# Why are tuples hashable?\n\nBecause they are immutable"
        in bold["why-are-tuples-hashable.md"]
    )
    assert "**Note:** this bold line" in bold["why-are-tuples-hashable.md"]
    assert "![" not in bold["what-does-yield-do.md"]  # a missing image would not validate
    faq = _notes(_import(tmp_path / "faq", "faq.md"))
    assert faq["what-is-an-epoch.md"].endswith(
        "# What is an epoch?\n\nOne pass over the whole training set.\n"
    )


def test_cli_prints_what_was_written_and_the_lint_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "content"
    code = main(["import", "article", str(ARTICLES / "faq.md"), "--deck", "faq", "--out", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    assert "wrote" in captured.out and "what-is-an-epoch.md" in captured.out
    assert re.search(
        r"what-is-a-batch\.md:\d+:\d+: AG130 placeholder text 'Lorem ipsum'", captured.out
    )

    article = str(ARTICLES / "fundamentals.md")
    assert main(["import", "article", article, "--deck", "dl", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert re.search(
        r"how-do-you-define-a-constant-in-tensorflow\.md:\d+:\d+: AG110 'GTP'", captured.out
    )


def test_bold_image_is_reported(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "bold"
    report = import_article(ARTICLES / "bold-questions.md", deck, False)
    assert any("img/generator.png" in warning for warning in report.warnings)


def test_rerun_writes_identical_bytes_and_skips_edited_notes(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "keras"
    article = ARTICLES / "keras-plain.txt"
    first = import_article(article, deck, False)
    assert len(first.written) == 5  # deck.yaml and four notes
    before = {path.name: path.read_bytes() for path in sorted(deck.iterdir())}

    again = import_article(article, deck, False)
    assert again.written == [] and again.skipped == []
    assert {path.name: path.read_bytes() for path in sorted(deck.iterdir())} == before

    # A fresh import elsewhere gives the same bytes (nothing depends on time or order).
    other = tmp_path / "elsewhere" / "keras"
    import_article(article, other, False)
    assert {path.name: path.read_bytes() for path in sorted(other.iterdir())} == before

    edited = deck / "what-is-keras.md"
    edited.write_text(edited.read_text("utf-8").replace("high-level", "friendly"), "utf-8")
    kept = edited.read_bytes()
    report = import_article(article, deck, False)
    assert report.written == []
    assert report.skipped == [(edited, EDITED)]
    assert edited.read_bytes() == kept

    forced = import_article(article, deck, True)
    assert forced.written == [edited]
    assert edited.read_bytes() == before["what-is-keras.md"]


def test_cli_reports_skipped_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "content"
    argv = ["import", "article", str(ARTICLES / "faq.md"), "--deck", "faq", "--out", str(out)]
    assert main(argv) == 0
    note = out / "faq" / "what-is-an-epoch.md"
    note.write_text(note.read_text("utf-8") + "\nMore detail.\n", "utf-8")
    capsys.readouterr()
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "what-is-an-epoch.md" in captured.err
    assert "edited since the import" in captured.err
    assert "wrote" not in captured.out
    assert main([*argv, "--force"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert "More detail." not in note.read_text("utf-8")


def test_existing_deck_gets_the_source_and_keeps_other_notes(tmp_path: Path) -> None:
    deck = tmp_path / "content" / "mine"
    write(deck / "deck.yaml", MINIMAL_DECK + "tags: [ml]\n")
    # A hand-written note whose id the import would also derive: it is never touched.
    mine = write(deck / "what-is-an-epoch.md", note_file("what-is-an-epoch", "# Epoch?\n\nA.\n"))
    report = import_article(ARTICLES / "faq.md", deck, True)
    assert mine.read_text("utf-8") == note_file("what-is-an-epoch", "# Epoch?\n\nA.\n")
    assert (deck / "what-is-an-epoch-2.md").is_file()
    assert deck / "deck.yaml" in report.written
    spec, _ = load_deck_config(deck)
    assert spec is not None and spec.config.tags == ("ml",)
    assert list(spec.config.sources) == ["frequently-asked-questions-about-training"]
    assert check([deck]).ok
    # A second import leaves deck.yaml alone.
    assert deck / "deck.yaml" not in import_article(ARTICLES / "faq.md", deck, False).written


def test_article_without_questions_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = write(tmp_path / "notes.md", "# Notes\n\nJust some prose, no questions here.\n")
    with pytest.raises(ImportError_, match="no questions found"):
        import_article(empty, tmp_path / "content" / "x", False)
    argv = ["import", "article", str(empty), "--deck", "x", "--out", str(tmp_path / "c")]
    assert main(argv) == 1
    assert "no questions found" in capsys.readouterr().err


def test_unanswered_question_gets_a_todo(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "### 1. What is A?\n\nA letter.\n\n### 2. What is B?\n")
    deck = tmp_path / "content" / "ab"
    report = import_article(article, deck, False)
    assert any("question 2 has no answer" in warning for warning in report.warnings)
    assert "TODO" in (deck / "what-is-b.md").read_text("utf-8")
    assert check([deck]).ok
    assert not [d for d in check([deck]).diagnostics if d.severity is Severity.ERROR]


def test_seeds_import_cleanly(tmp_path: Path) -> None:
    """The two real articles the bundled decks came from: every question, all valid."""
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip("the seed articles are not available")
    counts = []
    for index, seed in enumerate(files):
        deck = tmp_path / "content" / f"seed{index}"
        report = import_article(seed, deck, False)
        assert report.skipped == []
        assert check([deck]).ok
        counts.append(len(list(deck.glob("*.md"))))
    assert sorted(counts) == [11, 45]
