"""Round 8 classes: a self-contained snippet reading one unbound name (AG122), a formatting
tag opened before a word and never closed (AG170), TeX that lost its backslash (AG171), a slip
of an English-word library name in its technical context (AG112) and brands AG111 accepts.

Each shape has a failing note and a correct near miss, in other topics and positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.rule_harness import FixtureNote, lint_rule, write_notes


def _found(tmp_path: Path, code: str, body: str) -> list[tuple[int, str]]:
    note = FixtureNote("note", body, "code" if "```" in body else "basic")
    write_notes(tmp_path, [note])
    header = note.header.count("\n")
    return [(d.line - header, d.message) for d in lint_rule(tmp_path, code)]


def _snippet(*lines: str) -> str:
    return "# What does this snippet print?\n\n```python\n" + "\n".join(lines) + "\n```\n"


# --- AG122: one value under two names in a self-contained snippet -----------------------------

UNDEFINED_BAD = [
    pytest.param(
        _snippet(
            "import numpy as np",
            "",
            "xs = np.linspace(0, 1, 50)",
            "noise = np.random.normal(0, 0.1, xs.shape)",
            "print(np.std(noisy))",
        ),
        8,
        id="stats-other-name-as-argument",
    ),
    pytest.param(
        _snippet(
            "from collections import Counter",
            "",
            "words = 'to be or not to be'.split()",
            "counts = Counter(words)",
            "print(count.most_common(2))",
        ),
        8,
        id="plural-dropped-with-attribute",
    ),
    pytest.param(
        _snippet(
            "import torch",
            "",
            "logits = torch.randn(4, 3)",
            "probabilities = torch.softmax(logits, dim=1)",
            "for row in probs:",
            "    print(row.sum())",
        ),
        8,
        id="short-form-as-loop-iterable",
    ),
    pytest.param(
        _snippet(
            "import pandas as pd",
            "",
            "sales = pd.Series([3, 5, 8], index=['a', 'b', 'c'])",
            "share = sales / sales.sum()",
            "result = (percent * 100).round(1)",
            "print(result)",
        ),
        8,
        id="value-read-inside-expression",
    ),
]

UNDEFINED_GOOD = [
    pytest.param(
        _snippet(
            "import numpy as np",
            "",
            "xs = np.linspace(0, 1, 50)",
            "noise = np.random.normal(0, 0.1, xs.shape)",
            "print(np.std(noise))",
        ),
        id="same-name-read",
    ),
    pytest.param(
        _snippet(
            "import numpy as np",
            "",
            "scores = model.predict(X_test)",
            "print(np.mean(scores == y_test))",
        ),
        id="several-names-from-off-the-card",
    ),
    pytest.param(
        _snippet(
            "import torch",
            "",
            "out = net(batch)",
        ),
        id="assignment-reads-its-own-inputs",
    ),
    pytest.param(
        _snippet(
            "import os",
            "",
            "root = os.getcwd()",
            "handler = signal.getsignal(2)",
        ),
        id="module-used-through-attribute",
    ),
    pytest.param(
        _snippet(
            "value = 3",
            "print(total)",
        ),
        id="no-imports-not-self-contained",
    ),
    pytest.param(
        _snippet(
            "import numpy as np",
            "",
            "first = np.zeros(2)",
            "second = np.ones(2)",
            "print(third)",
        ),
        id="two-unread-values-which-one",
    ),
]


@pytest.mark.parametrize(("body", "line"), UNDEFINED_BAD)
def test_one_value_under_two_names_is_reported(tmp_path: Path, body: str, line: int) -> None:
    found = _found(tmp_path, "AG122", body)
    assert [at for at, _ in found] == [line]
    assert "never read" in found[0][1] or "use one spelling" in found[0][1]


@pytest.mark.parametrize("body", UNDEFINED_GOOD)
def test_names_that_may_come_from_off_the_card_stay_silent(tmp_path: Path, body: str) -> None:
    assert _found(tmp_path, "AG122", body) == []


# --- AG170: a formatting tag opened before a word and never closed ---------------------------

HTML_BAD = [
    pytest.param("# What does GROUP BY do?\n\nWith <b>GROUP BY rows are merged.\n", 3, id="bold"),
    pytest.param(
        "# How do you list files?\n\n- run <kbd>ls -la in a shell\n- read the output\n",
        3,
        id="list-item-kbd",
    ),
    pytest.param(
        "# Which call pads a batch?\n\n| call | use |\n|---|---|\n| <code>pad_sequences | pads |\n",
        5,
        id="table-cell-code",
    ),
    pytest.param(
        "# Why use dropout?\n\n(<i>Regularisation) it keeps units from co-adapting.\n",
        3,
        id="after-bracket-italic",
    ),
]
HTML_GOOD = [
    pytest.param("# Is a less than b?\n\nIf a<b>c holds, b is the middle.\n", id="comparison"),
    pytest.param("# Which tag?\n\nThe <code> element marks code in HTML.\n", id="mention"),
    pytest.param("# Compare?\n\nWhen x <b> y the test fails.\n", id="spaced-comparison"),
    pytest.param(
        "# Tokens?\n\nThe tokenizer puts <s>before the first word.\n", id="nlp-start-token"
    ),
]


@pytest.mark.parametrize(("body", "line"), HTML_BAD)
def test_unclosed_formatting_tag_is_reported(tmp_path: Path, body: str, line: int) -> None:
    assert [at for at, _ in _found(tmp_path, "AG170", body)] == [line]


@pytest.mark.parametrize("body", HTML_GOOD)
def test_tag_like_text_that_is_no_html_stays_silent(tmp_path: Path, body: str) -> None:
    assert _found(tmp_path, "AG170", body) == []


# --- AG171: TeX that lost its backslash (or its backslash and first letter) -------------------

MATH_BAD = [
    pytest.param("# Map?\n\n$f: A ightarrow B$ maps sets.\n", "'\\rightarrow'", id="arrow"),
    pytest.param("# Half?\n\n$$\nrac{a}{2}\n$$\n", "'\\frac'", id="display-frac"),
    pytest.param("# Step?\n\n- learning rate $lpha = 0.1$\n", "'\\alpha'", id="list-alpha"),
    pytest.param("# Angle?\n\n| $heta$ | angle |\n|---|---|\n", "'\\theta'", id="table-theta"),
    pytest.param("# Decay?\n\nMomentum $eta = 0.9$.\n", "'\\beta'", id="eta-or-beta"),
    pytest.param("# Total?\n\n$S = um_{i=1}^{n} x_i$\n", "'\\sum'", id="sum-limit"),
    pytest.param("# Tanh?\n\n$y = anh(x)$ squashes.\n", "'\\tanh'", id="tanh"),
]
MATH_GOOD = [
    pytest.param("# Map?\n\n$f: A \\rightarrow B$ and $\\frac{a}{2}$.\n", id="written-right"),
    pytest.param("# Rate?\n\n$\\text{beta} = \\beta$ and $\\mathrm{eta}$\n", id="text-args"),
    pytest.param("# Similar?\n\n$sim(a, b) = \\cos\\theta$ and $acc = 0.9$\n", id="variables"),
    pytest.param("# Env?\n\n$\\begin{aligned} a &= b \\end{aligned}$\n", id="environment"),
    pytest.param("# Words?\n\nThe letters ightarrow and eta outside math.\n", id="prose"),
]


@pytest.mark.parametrize(("body", "command"), MATH_BAD)
def test_tex_without_its_backslash_is_reported(tmp_path: Path, body: str, command: str) -> None:
    found = _found(tmp_path, "AG171", body)
    assert len(found) == 1 and command in found[0][1]


@pytest.mark.parametrize("body", MATH_GOOD)
def test_tex_written_right_stays_silent(tmp_path: Path, body: str) -> None:
    assert _found(tmp_path, "AG171", body) == []


# --- AG112: an English-word library name slipped where its technical sense is clear ----------

CONTEXT_BAD = [
    pytest.param(
        "# What does env.step() return?\n\nIn Gymnaisum it returns five values.\n",
        "Gymnasium",
        id="gymnasium-with-env-step",
    ),
    pytest.param(
        "# How is a SparkSession made?\n\nCall the Sprak builder once per application.\n",
        "Spark",
        id="spark-with-session",
    ),
    pytest.param(
        "# How is speech transcribed?\n\nRun Whsiper on the audio file.\n",
        "Whisper",
        id="whisper-with-speech",
    ),
]
CONTEXT_GOOD = [
    pytest.param("# Where do pupils train?\n\nIn the Gymnasium hall.\n", id="word-itself"),
    pytest.param(
        "# What is a sample space?\n\nThe Gymnaisum of outcomes.\n", id="no-technical-context"
    ),
    pytest.param("# What does env.step() return?\n\nIn Gymnasium 0.29 five values.\n", id="right"),
]


@pytest.mark.parametrize(("body", "name"), CONTEXT_BAD)
def test_context_name_slip_is_a_name_typo(tmp_path: Path, body: str, name: str) -> None:
    found = _found(tmp_path, "AG112", body)
    assert len(found) == 1 and f"'{name}'" in found[0][1]


@pytest.mark.parametrize("body", CONTEXT_GOOD)
def test_context_name_outside_its_context_is_not_a_name_typo(tmp_path: Path, body: str) -> None:
    assert _found(tmp_path, "AG112", body) == []


# --- AG111: well-known brands are names, not spelling mistakes ---------------------------------


def test_brands_are_known_words(tmp_path: Path) -> None:
    body = (
        "# Which companies publish recommender research?\n\n"
        "Pinterest, Etsy, Lyft, Wayfair and Zalando publish theirs; Mixpanel tracks events.\n"
    )
    assert _found(tmp_path, "AG111", body) == []
