"""`ankigen import article`: Q&A articles of several shapes -> valid draft notes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.diagnostics import Severity
from ankigen.pipeline.check import check
from ankigen.source.load import load_deck_config, load_note
from ankigen.tools.importers.article import EDITED, import_article, parse_article
from ankigen.tools.importers.article_lines import is_python
from ankigen.tools.importers.article_markers import without_link_junk
from ankigen.tools.importers.report import ImportError_
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
    # Numbered items with a bold question and the answer on the same line, under difficulty
    # headings, then "**Q: Design …**" exercises in a section of their own.
    "list-bold-inline.md": (
        "image-models-quick-review",
        [
            (1, "What does a pooling layer do?", "basic", []),
            (2, "Stride vs padding?", "basic", []),
            (3, "Explain data augmentation.", "basic", []),
            (4, "Why batch normalisation?", "basic", []),
            (5, "What is a skip connection?", "basic", []),
            (6, "Describe anchor boxes.", "basic", []),
            (7, "Design a barcode reader for a phone camera.", "basic", []),
            (8, "Design a system that counts cars at a crossing.", "basic", []),
        ],
    ),
    # Answered "#### ✅ N." headings, then H1 sections of numbered questions without answers,
    # some of them prompts that do not end in "?".
    "unanswered-run.md": (
        "database-basics",
        [
            (1, "What is a primary key?", "basic", []),
            (2, "How do you remove duplicate rows from a result?", "basic", []),
            (3, "What is an isolation level?", "basic", []),
            (4, "Explain the difference between a lock and a latch.", "basic", []),
            (5, "How does a deadlock arise?", "basic", []),
            (6, "Write a query that returns the second largest value of a column.", "basic", []),
            (7, "List three ways to speed up a slow join.", "basic", []),
            (8, "Find the customers who never placed an order, without a subquery.", "basic", []),
        ],
    ),
    # Quiz items: a topic heading, a "Question:" label, a scenario, a bold question, choices.
    "topic-quiz.md": (
        "model-choice-drills",
        [
            (
                1,
                "You train a random forest and the validation error stops falling after a "
                "while. What happens to the training time if you double the number of trees? "
                "(It roughly doubles / It stays the same / It halves)",
                "basic",
                [],
            ),
            (
                2,
                "True or false: k-means gives the same clusters whether or not the features "
                "are standardised. (True / False)",
                "basic",
                [],
            ),
            (
                3,
                "Choosing a threshold: Which threshold keeps recall above 0.9? (0.3 / 0.7)",
                "basic",
                [],
            ),
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

# Fixtures in the layouts of real interview documents (see tests/fixtures/articles/README.md):
# fixture -> every note as (id, front, tags, source.question), in id order.
LAYOUTS: dict[str, list[tuple[str, str, str, int]]] = {
    "emoji-difficulty.md": [
        (
            "how-is-the-f1-score-computed",
            "How is the F1 score computed?",
            "difficulty::medium, topic::metrics",
            4,
        ),
        (
            "precision-versus-recall",
            "Precision versus recall",
            "difficulty::medium, topic::metrics",
            3,
        ),
        (
            "what-are-precision-and-recall",
            "What are precision and recall?",
            "difficulty::medium, topic::metrics",
            2,
        ),
        (
            "what-does-accuracy-measure",
            "What does accuracy measure?",
            "difficulty::easy, topic::metrics",
            1,
        ),
        (
            "which-penalty-does-ridge-regression-add",
            "Which penalty does ridge regression add?",
            "difficulty::easy, topic::regularization",
            6,
        ),
        (
            "why-does-l1-give-sparse-weights",
            "Why does L1 give sparse weights?",
            "difficulty::hard, topic::regularization",
            5,
        ),
    ],
    "numbered-levels.md": [
        ("define-f1-score", "Define F1-score.", "", 4),
        ("what-does-a-pooling-layer-do", "What does a pooling layer do?", "", 1),
        ("what-is-a-receptive-field", "What is a receptive field?", "", 3),
        ("what-is-batch-normalization", "What is batch normalization?", "", 6),
        ("why-use-small-kernels-such-as-3x3", "Why use small kernels such as 3x3?", "", 2),
    ],
    "topic-headings.md": [
        ("decision-tree", "Decision tree", "topic::supervised-learning", 4),
        (
            "does-more-data-fix-underfitting",
            "Does more data fix underfitting",
            "topic::supervised-learning",
            3,
        ),
        ("linear-regression", "Linear regression", "topic::supervised-learning", 2),
        ("types-of-joins", "Types of joins", "topic::sql", 1),
    ],
    "colon-headings.md": [
        ("how-do-you-pick-a-sample-size", "How do you pick a sample size?", "", 3),
        (
            "what-does-the-central-limit-theorem-say",
            "What does the central limit theorem say?",
            "",
            2,
        ),
        ("what-is-a-p-value", "What is a p-value?", "", 1),
    ],
    "list-headings.md": [
        ("what-are-props", "What are props?", "topic::core-concepts", 2),
        ("what-is-the-virtual-dom", "What is the virtual DOM?", "topic::core-concepts", 1),
        ("why-use-keys-in-lists", "Why use keys in lists?", "topic::core-concepts", 3),
    ],
    "details-summary.md": [
        ("explain-what-a-detached-head-is", "Explain what a detached HEAD is", "topic::git", 4),
        (
            "how-do-you-count-the-lines-of-a-file",
            "How do you count the lines of a file?",
            "topic::shell",
            2,
        ),
        ("what-does-set-e-do-in-a-script", "What does `set -e` do in a script?", "topic::shell", 1),
        (
            "what-is-the-difference-between-git-fetch-and-git-pull",
            "What is the difference between `git fetch` and `git pull`?",
            "topic::git",
            3,
        ),
    ],
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


# --- real layouts ------------------------------------------------------------------------------


def _summary(deck: Path) -> list[tuple[str, str, str, int]]:
    rows = []
    for path in sorted(deck.glob("*.md")):
        text = path.read_text("utf-8")
        tags = re.search(r"^tags: \[(.*)\]$", text, re.M)
        number = re.search(r"question: (\d+)\}", text)
        assert tags is not None and number is not None, text
        rows.append((path.stem, _front(text), tags.group(1), int(number.group(1))))
    return rows


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_real_layouts_import_every_question(tmp_path: Path, name: str) -> None:
    deck = _import(tmp_path, name)
    assert _summary(deck) == LAYOUTS[name]
    result = check([deck])
    assert result.ok, [d.format() for d in result.diagnostics]
    for path in sorted(deck.glob("*.md")):
        body = path.read_text("utf-8").split("\n---\n", 1)[1]
        outside_code = re.sub(r"```.*?```|`[^`]*`", "", body, flags=re.S)
        assert not re.search(r"</?[a-z][^>]*>", outside_code), (path.name, body)
        assert not re.search(r"https?|www|src|houseofbots", path.stem), path.name
        assert "src" not in _front(body) and "http" not in _front(body), body


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_real_layouts_reimport_is_byte_identical(tmp_path: Path, name: str) -> None:
    deck = _import(tmp_path, name)
    before = {path.name: path.read_bytes() for path in sorted(deck.iterdir())}
    report = import_article(ARTICLES / name, deck, False)
    assert report.written == [] and report.skipped == []
    assert {path.name: path.read_bytes() for path in sorted(deck.iterdir())} == before


def test_rejected_candidates_are_reported_with_line_and_reason(tmp_path: Path) -> None:
    report = import_article(ARTICLES / "numbered-levels.md", tmp_path / "content" / "v", False)
    # Session 25: nothing question-like stands between questions 4 and 6 (the rejected lines
    # are in question 1's answer and after question 6), so the gap is a line of the summary.
    assert report.summary == [
        "found 7 questions, imported 5, rejected 2",
        "line 25: the numbering jumps from 4 to 6: the document skips 5 "
        "(nothing question-like between)",
    ]
    assert report.warnings[:2] == [
        "line 10: '**Why not always average?**' rejected: kept as text of the answer to "
        "question 1 (the questions are level-4 headings)",
        "line 28: '#### 6) What is batch normalization?' rejected: duplicate of question 6 "
        "(line 25)",
    ]
    assert not any("numbering jumps" in warning for warning in report.warnings)
    # The rejected bold line stays in the answer it belongs to.
    note = (tmp_path / "content" / "v" / "what-does-a-pooling-layer-do.md").read_text("utf-8")
    assert "**Why not always average?**\n\nAveraging blurs" in note


def test_heading_among_deeper_siblings_continues_the_numbering(tmp_path: Path) -> None:
    article = write(
        tmp_path / "a.md",
        "# Q\n\n#### 64) What is A?\nA.\n\n#### 65) What is B?\nB.\n\n"
        "### 66) What is C?\nC.\n\n#### 67) What is D?\nD.\n\n### Resources\nLinks.\n",
    )
    deck = tmp_path / "content" / "q"
    report = import_article(article, deck, False)
    assert report.summary == ["found 4 questions, imported 4, rejected 0"]
    assert sorted(path.stem for path in deck.glob("*.md")) == [
        "what-is-a",
        "what-is-b",
        "what-is-c",
        "what-is-d",
    ]
    assert "Links." not in (deck / "what-is-d.md").read_text("utf-8")


@pytest.mark.parametrize(
    "lines",
    [
        ["Q1. What is A?", "Q2. What is B?", "Q3: What is C?"],
        ["Question 1 - What is A?", "Question 2 - What is B?", "Question 3: What is C?"],
        ["#1 What is A?", "#2 What is B?", "#3 What is C?"],
        ["1 - What is A?", "2 - What is B?", "3 - What is C?"],
        ["**1.** What is A?", "**2.** What is B?", "**3.** What is C?"],
        ["1. **What is A?**", "2. **What is B?**", "3. **What is C?**"],
        ["1. What is A?", "2. What is B?", "3. What is C?"],
        ["**Q1. What is A?**", "**Q2. What is B?**", "**Q3. What is C?**"],
        ["## What is A?", "## What is B?", "## What is C?"],
        ["### Q1) What is A? (Easy)", "### Q2) What is B? [Medium]", "### Q3) What is C? 🔴"],
        ["**What is A?** 🟢", "**What is B?** ⭐⭐", "**What is C?** (Advanced)"],
        ["Q: What is A?", "Q: What is B?", "Q: What is C?"],
        ["**Q:** What is A?", "**Q:** What is B?", "**Q:** What is C?"],
        ["Q-1: What is A?", "Q-2: What is B?", "Q-3: What is C?"],
        ["- **What is A?**", "- **What is B?**", "* **What is C?**"],
        [
            '### <a name="q1"></a>1. What is A?',
            "#### [](https://github.com/x/y#2-what-is-b-src)2) What is B?",
            "#### [](https://github.com/x/y#3)3) What is C? [[src](http://example.com/3)]",
        ],
        ["<h3>1. What is A?</h3>", "<h3>2. What is B?</h3>", "<h3>3. What is C?</h3>"],
        [
            "<p><strong>What is A?</strong></p>",
            "<p><strong>What is B?</strong></p>",
            "<p><strong>What is C?</strong></p>",
        ],
        [
            "<details><summary>What is A?</summary>",
            "<details><summary>What is B?</summary>",
            "<details><summary><b>What is C?</b></summary>",
        ],
    ],
)
def test_numbering_and_question_styles(tmp_path: Path, lines: list[str]) -> None:
    body = "".join(
        f"{line}\n\nAns: Answer {index}.\n\n{'</details>' if 'details' in line else ''}\n"
        for index, line in enumerate(lines)
    )
    deck = tmp_path / "content" / "s"
    report = import_article(write(tmp_path / "s.md", f"# Styles\n\nIntro.\n\n{body}"), deck, False)
    assert report.summary == ["found 3 questions, imported 3, rejected 0"]
    notes = _notes(deck)
    assert sorted(notes) == ["what-is-a.md", "what-is-b.md", "what-is-c.md"]
    assert "# What is C?\n\nAnswer 2.\n" in notes["what-is-c.md"]
    if "(Easy)" in lines[0] or "🟢" in lines[0]:
        assert "tags: [difficulty::easy]" in notes["what-is-a.md"]
        assert "tags: [difficulty::medium]" in notes["what-is-b.md"]
        assert "tags: [difficulty::hard]" in notes["what-is-c.md"]


def test_inline_html_becomes_markdown(tmp_path: Path) -> None:
    notes = _notes(_import(tmp_path, "emoji-difficulty.md"))
    accuracy = notes["what-does-accuracy-measure.md"]
    assert accuracy.endswith(
        "The share of predictions that are correct.\n\nIt misleads on imbalanced classes.\n"
    )
    assert "$\\frac{2PR}{P+R}$" in notes["how-is-the-f1-score-computed.md"]
    assert "penalty $\\lambda\\sum_i |w_i|$ has" in notes["why-does-l1-give-sparse-weights.md"]
    assert "written w_i^2 per weight" in notes["which-penalty-does-ridge-regression-add.md"]
    details = _notes(_import(tmp_path / "d", "details-summary.md"))
    assert details["what-is-the-difference-between-git-fetch-and-git-pull.md"].endswith(
        "- `git fetch` downloads new commits\n- `git pull` also merges them\n"
    )


def test_prose_formulas_are_not_fenced(tmp_path: Path) -> None:
    notes = _notes(_import(tmp_path, "emoji-difficulty.md"))
    assert "```" not in "".join(notes.values())
    assert (
        "Precision = TP / (TP + FP)\nRecall = TP / (TP + FN)"
        in notes["what-are-precision-and-recall.md"]
    )
    levels = _notes(_import(tmp_path / "n", "numbered-levels.md"))
    assert "```" not in levels["define-f1-score.md"]


@pytest.mark.parametrize(
    ("line", "python"),
    [
        ("Precision = TP / (TP + FP)", False),
        ("F1 = 2 * (P * R) / (P + R)", False),
        ("Accuracy = (TP + TN) / total", False),
        ("F1 Score = 2 * P * R / (P + R)", False),
        ("y = 0.01x when x < 0", False),
        ("Skewness = 0 and kurtosis = 3 are typical", False),
        ("Loss = \u2212log(p)", False),
        ("loss = data_loss + lam * sum(w ** 2)", True),
        ("model = Sequential()", True),
        ("X = np.array([1, 2, 3])", True),
        ("x_train = x_train / 255.0", True),
        ("history = model.fit(x, y, epochs=5)", True),
        # A typo keeps it from parsing, but a name bound to a dotted call is code: fenced, the
        # linter reports the syntax error instead of leaving it as prose.
        ("W = tf.Variable([.3].dtype=tf.float32)", True),
        ("b = np.zeros((3, 3).dtype=int)", True),
    ],
)
def test_formula_or_python(line: str, python: bool) -> None:
    assert is_python(line) is python


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is X? [src](http://houseofbots.com/news-detail/2849-4-data-science)", "What is X?"),
        ("What is X? [[src](http://houseofbots.com/news-detail/2849)]", "What is X?"),
        ("Explain ROC. [[src]](https://example.com/roc)", "Explain ROC."),
        ("How does [CBIR](https://example.org/cbir.pdf) work?", "How does CBIR work?"),
        ("What is Y? (source: https://example.com/y)", "What is Y?"),
        ("What is Z? https://example.com/z", "What is Z?"),
        ("Where does the data source live?", "Where does the data source live?"),
    ],
)
def test_questions_lose_link_junk(question: str, expected: str) -> None:
    assert without_link_junk(question) == expected


def test_cli_prints_the_found_imported_rejected_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = str(ARTICLES / "numbered-levels.md")
    assert main(["import", "article", article, "--deck", "v", "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "found 7 questions, imported 5, rejected 2" in err
    assert "warning: line 28: '#### 6) What is batch normalization?' rejected" in err


def test_large_article_imports_every_question(tmp_path: Path) -> None:
    """A synthetic 2,000-question article (the import is linear: 20,000 take seconds)."""
    count = 2000
    parts = ["# Big\n"]
    for number in range(1, count + 1):
        parts.append(
            f"### {number}. What is item {number}? 🟢\n\nItem {number}.<br/>More "
            f"<strong>text</strong>.\n\n```python\nx = {number}\n```\n"
        )
    article = write(tmp_path / "big.md", "\n".join(parts))
    deck = tmp_path / "content" / "big"
    report = import_article(article, deck, False)
    assert report.summary == [f"found {count} questions, imported {count}, rejected 0"]
    assert len(list(deck.glob("*.md"))) == count
    assert "More **text**." in (deck / "what-is-item-1999.md").read_text("utf-8")


def test_number_alone_and_question_headings_at_other_levels(tmp_path: Path) -> None:
    article = write(
        tmp_path / "a.md",
        "# T\n\nIntro.\n\n### Question 1\nWhat is A?\n\nAnswer A.\n\n"
        "### Question 2\nWhat is B?\n\nAnswer B.\n\n## What is C?\n\nAnswer C.\n\n"
        "#### What is D?\n\nAnswer D.\n\n## What's next?\n\nSubscribe.\n",
    )
    deck = tmp_path / "content" / "n"
    report = import_article(article, deck, False)
    assert report.summary == ["found 4 questions, imported 4, rejected 0"]
    notes = _notes(deck)
    assert sorted(notes) == ["what-is-a.md", "what-is-b.md", "what-is-c.md", "what-is-d.md"]
    assert notes["what-is-a.md"].endswith("# What is A?\n\nAnswer A.\n")
    assert notes["what-is-d.md"].endswith("# What is D?\n\nAnswer D.\n")


def test_details_that_only_hide_the_answer(tmp_path: Path) -> None:
    article = write(
        tmp_path / "a.md",
        "# T\n\nIntro.\n\n**What is A?**\n\n<details><summary>Answer</summary>\n\n"
        "A is a letter.\n</details>\n\n**What is B?**\n\n<details>\n"
        "<summary><b>Show answer</b></summary>\n\nB is a letter.\n</details>\n",
    )
    deck = tmp_path / "content" / "d"
    report = import_article(article, deck, False)
    assert report.summary == ["found 2 questions, imported 2, rejected 0"]
    notes = _notes(deck)
    assert notes["what-is-a.md"].endswith("# What is A?\n\nA is a letter.\n")
    assert notes["what-is-b.md"].endswith("# What is B?\n\nB is a letter.\n")


def test_a_table_of_contents_is_reported_as_such(tmp_path: Path) -> None:
    article = write(
        tmp_path / "toc.md",
        "# T\n\n1. What is A?\n2. What is B?\n\n## 1. What is A?\n\nA.\n\n## 2. What is B?\n\nB.\n",
    )
    report = import_article(article, tmp_path / "content" / "t", False)
    assert report.summary == ["found 4 questions, imported 2, rejected 2"]
    assert report.warnings == [
        "line 3: '1. What is A?' rejected: a table-of-contents entry: the question is at line 6",
        "line 4: '2. What is B?' rejected: a table-of-contents entry: the question is at line 10",
    ]


def test_comments_and_block_html_leave_no_tags(tmp_path: Path) -> None:
    article = write(
        tmp_path / "c.md",
        "# T\n\n<!-- toc -->\n\n### 1. What is A? <!-- q1 -->\n\nA is <em>first</em>.\n"
        '<!--\nhidden\n-->\n<figure><img src="https://example.org/a.png">'
        "<figcaption>Figure A</figcaption></figure>\n\n### 2. What is B?\n\n"
        "<table><tr><th>x</th><th>y</th></tr><tr><td>1<br>2</td><td>3</td></tr></table>\n",
    )
    deck = tmp_path / "content" / "c"
    import_article(article, deck, False)
    notes = _notes(deck)
    assert notes["what-is-a.md"].endswith(
        "# What is A?\n\nA is *first*.\n\n[image](https://example.org/a.png)\n\nFigure A\n"
    )
    assert notes["what-is-b.md"].endswith("| x | y |\n| --- | --- |\n| 1 2 | 3 |\n")


TASK_LIST = """# Practice tasks

## Queries

Given a table Orders(order_id, customer_id, total), write a query for each item:

**1)** The count of orders.

```sql
SELECT COUNT(*) FROM Orders;
```

**2)** The largest order total.

```sql
SELECT MAX(total) FROM Orders;
```

**3)** The customers with more than five orders.

```sql
SELECT customer_id FROM Orders GROUP BY customer_id HAVING COUNT(*) > 5;
```

## Python

**1) Reverse.** Reverse a list without slicing.

Use a loop that swaps the ends:

**1)** Start with two indices at both ends.

**2)** Swap and move them inwards.

**3)** Stop when they meet.

**2) Sum.** Add the numbers of a list.

Use `sum(numbers)`.
"""


def test_bold_numbered_tasks_are_questions_and_steps_inside_answers_are_reported(
    tmp_path: Path,
) -> None:
    """A run of "**1)** statement" lines is a list of tasks; the same shape inside an answer
    is that answer's steps: kept in the answer and reported, never dropped silently."""
    article = write(tmp_path / "tasks.md", TASK_LIST)
    deck = tmp_path / "content" / "tasks"
    report = import_article(article, deck, False)
    fronts = sorted(_front(text) for text in _notes(deck).values())
    assert fronts == [
        "Reverse.",
        "Sum.",
        "The count of orders.",
        "The customers with more than five orders.",
        "The largest order total.",
    ]
    assert report.summary == ["found 8 questions, imported 5, rejected 3"]
    rejected = [warning for warning in report.warnings if "rejected" in warning]
    assert [warning.split(":")[0] for warning in rejected] == ["line 31", "line 33", "line 35"]
    assert all("kept as text of the answer to question 1" in w for w in rejected)
    steps = (deck / "reverse.md").read_text("utf-8")
    assert "**2)** Swap and move them inwards." in steps


def _report(tmp_path: Path, name: str) -> tuple[Path, list[str], list[str]]:
    deck = tmp_path / "content" / "imported"
    report = import_article(ARTICLES / name, deck, False)
    return deck, report.summary, report.warnings


def _tags(deck: Path) -> dict[str, tuple[str, ...]]:
    tags: dict[str, tuple[str, ...]] = {}
    for path in sorted(deck.glob("*.md")):
        note, problems = load_note(path)
        assert note is not None, problems
        tags[path.stem] = tuple(note.meta.tags)
    return tags


def test_bold_list_questions_answer_on_their_line_and_take_the_section_difficulty(
    tmp_path: Path,
) -> None:
    deck, summary, warnings = _report(tmp_path, "list-bold-inline.md")
    assert summary == ["found 8 questions, imported 8, rejected 0"]
    assert not [w for w in warnings if "rejected" in w]
    notes = _notes(deck)
    assert notes["what-does-a-pooling-layer-do.md"].endswith(
        "# What does a pooling layer do?\n\nIt shrinks the feature map and keeps the strongest "
        "responses.\n"
    )
    tags = _tags(deck)
    assert tags["what-does-a-pooling-layer-do"] == ("difficulty::easy", "topic::basics")
    assert tags["why-batch-normalisation"] == ("difficulty::medium", "topic::networks")
    assert tags["describe-anchor-boxes"] == ("difficulty::hard",)  # "## Advanced": a level only
    assert tags["design-a-barcode-reader-for-a-phone-camera"] == ("topic::design-exercises",)
    # The second exercise is a question of its own, not the end of the first one's answer.
    assert "counts cars" not in notes["design-a-barcode-reader-for-a-phone-camera.md"]


def test_numbered_questions_without_answers_are_imported_with_a_todo(tmp_path: Path) -> None:
    deck, summary, warnings = _report(tmp_path, "unanswered-run.md")
    assert summary == ["found 8 questions, imported 8, rejected 0"]
    assert [w for w in warnings if "no answer" in w] == [
        f"question {n} has no answer: the note says TODO" for n in range(3, 9)
    ]
    notes = _notes(deck)
    prompt = notes["find-the-customers-who-never-placed-an-order-without-a-subquery.md"]
    assert prompt.endswith("TODO: the article gives no answer to this question.\n")
    # The numbered steps inside answer 2 stay there: "3. Explain the plan…" is no question 3.
    assert "3. Explain the plan" in notes["how-do-you-remove-duplicate-rows-from-a-result.md"]
    # Every H1 is a section when there are several, the first one included.
    tags = _tags(deck)
    assert tags["what-is-a-primary-key"] == ("topic::database-basics",)
    assert tags["what-is-an-isolation-level"] == ("topic::transactions",)
    assert tags["list-three-ways-to-speed-up-a-slow-join"] == ("topic::practice-queries",)


def test_explicit_question_under_a_topic_heading_is_the_front(tmp_path: Path) -> None:
    deck, summary, warnings = _report(tmp_path, "topic-quiz.md")
    assert summary == ["found 3 questions, imported 3, rejected 0"]
    assert warnings == [
        "question 3: its scenario holds a table or a list: it opens the back; move it by hand"
    ]
    notes = _notes(deck)
    # The heading still names the id; the back holds the answer, not the question again.
    forest = notes["number-of-trees-in-a-forest.md"]
    assert forest.split("---\n", 2)[2].startswith(
        "# You train a random forest and the validation error stops falling after a while. "
    )
    assert "\n\n**Answer:** It roughly doubles\n" in forest
    assert "**Question:**" not in forest and "- It halves" not in forest
    table = notes["choosing-a-threshold.md"]
    assert (
        "# Choosing a threshold: Which threshold keeps recall above 0.9? (0.3 / 0.7)\n\n"
        "A classifier gives these scores on a validation set:\n| Threshold | Recall |" in table
    )


def test_unfenced_code_with_a_typo_is_fenced_for_the_linter(tmp_path: Path) -> None:
    article = write(
        tmp_path / "a.md",
        "# TF\n\n### 1. How do you make a trainable variable?\n\nUse a variable:\n\n"
        "W = tf.Variable([.3].dtype=tf.float32)\n\nIt starts at 0.3.\n",
    )
    deck = tmp_path / "content" / "t"
    import_article(article, deck, False)
    note = (deck / "how-do-you-make-a-trainable-variable.md").read_text("utf-8")
    assert "```python\nW = tf.Variable([.3].dtype=tf.float32)\n```" in note


def test_question_like_lines_after_the_article_end_are_reported(tmp_path: Path) -> None:
    article = write(
        tmp_path / "a.md",
        "# Q\n\n## What is A?\nA.\n\n## What is B?\nB.\n\n## Related posts\n\n**What is C?**\n",
    )
    report = import_article(article, tmp_path / "content" / "q", False)
    assert report.summary == ["found 3 questions, imported 2, rejected 1"]
    assert report.warnings == [
        "line 11: '**What is C?**' rejected: after the end of the questions (line 9), dropped"
    ]


def test_a_bare_bold_question_under_a_topic_heading_keeps_the_heading_as_prefix(
    tmp_path: Path,
) -> None:
    article = write(
        tmp_path / "a.md",
        "# Drills\n\n### 1. Leaf size\n\n"
        "**Why does a larger minimum leaf size speed training?**\n\n"
        "The tree stops splitting sooner.\n\n### 2. Depth\n\n**What limits the depth?**\n\n"
        "The max_depth setting.\n",
    )
    deck = tmp_path / "content" / "d"
    report = import_article(article, deck, False)
    assert report.summary == ["found 2 questions, imported 2, rejected 0"]
    notes = _notes(deck)
    assert notes["leaf-size.md"].split("---\n", 2)[2] == (
        "# Leaf size: Why does a larger minimum leaf size speed training?\n\n"
        "The tree stops splitting sooner.\n"
    )


def test_a_list_of_numbered_tasks_is_imported_and_a_closing_h1_is_no_section() -> None:
    tasks = parse_article(
        "# Tasks\n\n1. Write a query for the top row.\n2. List the indexes of a table.\n"
        "3. Find the slow joins.\n",
        markdown=True,
        stem="tasks",
    )
    assert [draft.question for draft in tasks.questions] == [
        "Write a query for the top row.",
        "List the indexes of a table.",
        "Find the slow joins.",
    ]
    # "# Title" over every question and a closing "# Conclusion": the title gives no topic.
    titled = parse_article(
        "# Vision Basics\n\n## 1. What is A?\nA.\n\n## 2. What is B?\nB.\n\n# Conclusion\nBye.\n",
        markdown=True,
        stem="v",
    )
    assert [draft.tags for draft in titled.questions] == [(), ()]
