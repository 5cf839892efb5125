"""Batch 12's misses of link-only (AG136) and python-code (AG122), fixed as classes, with
shapes in our own words and correct near misses linted together in one deck.

- link-only: a link whose label is itself a pointer ("[Read this excellent explainer](…)":
  a verb that sends the learner off, then "this"/"that", a word of praise, or a resource);
  a question about a thing named with an address word ("What does MLflow's model registry
  provide?") does not ask for an address, so a pointer under it is reported; a question
  that asks for the address itself ("Which URL …?", "What is the homepage of …?", "What is
  pip's default index URL?", "Name the endpoint …") still takes a link as its answer.
- python-code: a name read unbound in another case of a name assigned above it that nothing
  reads ("X, y = load_iris(…)" then "clf.fit(X, Y)"), whatever the names' length; near
  misses: the other case read as well, a class called next to an unread instance, a
  constant (``BATCH`` next to ``batch = 32``), the other case assigned only later or in the
  same statement.
- the evaluator: a case id that is no valid note id ("s12-py-undefined-Y") is wrapped in a
  valid one, so the wrapping gives no structural finding of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import load_script
from tests.rule_harness import lint_shapes

CODES = {"lo": "AG136", "py": "AG122"}

LINK = "https://example.org/some/page"


def _case(name: str, body: str, line: int = 0) -> dict[str, Any]:
    case: dict[str, Any] = {"id": name, "body": body}
    if line:
        case["line"] = line
    return case


def _py(question: str, *lines: str) -> str:
    return f"# {question}\n\n```python\n" + "\n".join(lines) + "\n```\n"


CASES: list[dict[str, Any]] = [
    # --- link-only: a label that is itself a pointer ---------------------------------------
    _case(
        "lo-label-watch-talk",
        "# Why does batch normalisation speed up training?\n\n"
        f"[Watch this brilliant talk]({LINK})\n",
        3,
    ),
    _case(
        "lo-label-visual-guide-by",
        "# How does self-attention weigh the tokens of a sentence?\n\n"
        f"[Check out the visual guide by Jay Alammar]({LINK})\n",
        3,
    ),
    _case(
        "lo-label-this-piece",
        f"# Why does dropout reduce overfitting?\n\n[Read this wonderful piece]({LINK})\n",
        3,
    ),
    _case(
        "lo-label-podcast",
        "# What problem does gradient clipping solve?\n\n"
        f"[Listen to this podcast episode]({LINK})\n",
        3,
    ),
    _case(
        "lo-label-list-thread",
        f"# Why is the median robust to outliers?\n\n- [Read that great thread]({LINK})\n",
        3,
    ),
    _case(
        "lo-label-primer",
        f"# How does beam search pick a sequence?\n\n[See the official primer]({LINK})\n",
        3,
    ),
    # near misses: the label is the answer, or a verb and what to do
    _case(
        "lo-ok-label-instruction",
        f"# How do you load a CSV file in pandas?\n\n[Read the file with `pd.read_csv`]({LINK})\n",
    ),
    _case(
        "lo-ok-label-check-assumptions",
        "# What should you do before trusting a t-test?\n\n"
        f"[Check the normality of each group]({LINK}).\n",
    ),
    _case(
        "lo-ok-label-name", f"# Which optimiser keeps two moments per weight?\n\n[Adam]({LINK})\n"
    ),
    _case(
        "lo-ok-pointer-after-answer",
        "# Why does dropout reduce overfitting?\n\nIt stops units from co-adapting, so the "
        f"network learns redundant features. [Read this wonderful piece]({LINK}) for more.\n",
    ),
    _case(
        "lo-ok-label-watch-out",
        "# What is the main pitfall of k-fold cross-validation on time series?\n\n"
        f"[Watch out for leakage from future folds]({LINK})\n",
    ),
    # --- link-only: a thing named with an address word is not an address asked for ---------
    _case(
        "lo-named-container-registry",
        "# What does a container registry store?\n\n"
        "It's all in the Docker documentation, go read it.\n",
        3,
    ),
    _case(
        "lo-named-schema-registry",
        "# What does the Kafka schema registry check?\n\n"
        "See https://docs.confluent.io/platform/current/schema-registry/\n",
        3,
    ),
    _case(
        "lo-named-health-endpoint",
        "# What does the health endpoint of a model server report?\n\n"
        "https://kserve.github.io/website/\n",
        3,
    ),
    _case(
        "lo-named-registry-definition",
        "# What is a container registry?\n\nhttps://docs.docker.com/registry/\n",
        3,
    ),
    _case(
        "lo-named-endpoint-why",
        "# Why put a model behind an HTTP endpoint?\n\nSee the FastAPI docs.\n",
        3,
    ),
    _case(
        "lo-named-domain-how",
        "# How does a feature store keep the training domain and serving domain apart?\n\n"
        "Explained well in the Feast documentation, have a look there.\n",
        3,
    ),
    # near misses: the question asks for the address itself
    _case(
        "lo-ok-which-url",
        "# Which URL serves the PyPI simple index?\n\nhttps://pypi.org/simple\n",
    ),
    _case(
        "lo-ok-homepage-of",
        "# What is the homepage of scikit-learn?\n\nhttps://scikit-learn.org\n",
    ),
    _case(
        "lo-ok-which-registry",
        "# Which registry does `docker pull` use by default?\n\nhttps://hub.docker.com\n",
    ),
    _case(
        "lo-ok-possessive-url",
        "# What is pip's default index URL?\n\nhttps://pypi.org/simple\n",
    ),
    _case(
        "lo-ok-name-endpoint",
        "# Name the endpoint that TensorFlow Serving answers predictions on.\n\n"
        "http://localhost:8501/v1/models/my_model:predict\n",
    ),
    _case(
        "lo-ok-registry-answered",
        "# What does MLflow's model registry provide?\n\nVersioned models with stages "
        "(staging, production), lineage back to the run, and annotations.\n",
    ),
    # --- python-code: a name in another case of an unread name -----------------------------
    _case(
        "py-case-fit-capital-y",
        _py(
            "How do you fit a classifier on the moons data?",
            "from sklearn.datasets import make_moons",
            "from sklearn.svm import SVC",
            "",
            "X, y = make_moons(n_samples=200, noise=0.2)",
            "model = SVC().fit(X, Y)",
        ),
        8,
    ),
    _case(
        "py-case-lower-x",
        _py(
            "How do you run a linear layer on a batch?",
            "import torch",
            "",
            "layer = torch.nn.Linear(3, 2)",
            "X = torch.randn(8, 3)",
            "out = layer(x)",
        ),
        8,
    ),
    _case(
        "py-case-function-local",
        _py(
            "How do you compute a mean squared error by hand?",
            "def mse(pred, target):",
            "    diff = pred - target",
            "    return (Diff ** 2).mean()",
        ),
        6,
    ),
    _case(
        "py-case-loss",
        _py(
            "How do you take one gradient step?",
            "import torch",
            "",
            "net = torch.nn.Linear(4, 1)",
            "Loss = net(torch.randn(2, 4)).pow(2).mean()",
            "loss.backward()",
        ),
        8,
    ),
    _case(
        "py-case-count",
        _py(
            "How do you average a list?",
            "values = [3, 5, 8]",
            "N = len(values)",
            "print(sum(values) / n)",
        ),
        6,
    ),
    _case(
        "py-case-frame",
        _py(
            "How do you look at the first rows of a CSV?",
            "import pandas as pd",
            "",
            'Df = pd.read_csv("sales.csv")',
            "print(df.head())",
        ),
        7,
    ),
    # near misses
    _case(
        "py-ok-both-read",
        _py(
            "How do you compare label shapes?",
            "from sklearn.datasets import load_iris",
            "",
            "X, y = load_iris(return_X_y=True)",
            "print(X.shape, y.shape, Y.shape)",
        ),
    ),
    _case(
        "py-ok-class-called",
        _py(
            "How do you wrap inputs and outputs in a model?",
            "import keras",
            "",
            "model = keras.Sequential()",
            "wrapped = Model(inputs, outputs)",
        ),
    ),
    _case(
        "py-ok-assigned-later",
        _py(
            "How do you turn one-hot labels into classes?",
            "import numpy as np",
            "",
            "labels = np.argmax(Y, axis=1)",
            "print(labels)",
            "y = labels",
        ),
    ),
    _case(
        "py-ok-same-statement",
        _py(
            "How do you turn one-hot labels into classes?",
            "import numpy as np",
            "",
            "y = np.argmax(Y, axis=1)",
        ),
    ),
    _case(
        "py-ok-constant",
        _py(
            "How do you batch a data set?",
            "import torch",
            "",
            "batch = 32",
            "loader = torch.utils.data.DataLoader(dataset, batch_size=BATCH)",
        ),
    ),
    _case(
        "py-ok-both-used",
        _py(
            "How do you fit on the iris data?",
            "from sklearn.datasets import load_iris",
            "from sklearn.linear_model import LogisticRegression",
            "",
            "X, y = load_iris(return_X_y=True)",
            "clf = LogisticRegression(max_iter=200).fit(X, y)",
        ),
    ),
]


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    return lint_shapes(tmp_path_factory.mktemp("batch12"), CASES, list(CODES.values()))


def test_each_class_has_five_wrong_shapes_and_near_misses() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids))
    for prefix in ("lo-label-", "lo-named-", "py-case-"):
        assert sum(case["id"].startswith(prefix) for case in CASES) >= 5, prefix
    for prefix in ("lo-ok-", "py-ok-"):
        assert sum(case["id"].startswith(prefix) for case in CASES) >= 5, prefix


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shape(case: dict[str, Any], findings: dict[str, list[tuple[int, str]]]) -> None:
    """A wrong shape gets its family's finding on its line only; a near miss gets neither."""
    got = findings[case["id"]]
    if case.get("line"):
        code = CODES[case["id"][:2]]
        assert {line for line, found in got if found == code} == {case["line"]}, got
    else:
        assert got == []


def test_the_evaluator_wraps_an_invalid_case_id_in_a_valid_note_id() -> None:
    """ "s12-py-undefined-Y" is no valid note id (AG012); the evaluator's wrapping must not
    turn that into a finding of the note, and its findings keep the case's own id."""
    evaluation: Any = load_script("evaluate_generalisation")
    body = _py(
        "How do you fit on the iris data?",
        "from sklearn.datasets import load_iris",
        "from sklearn.linear_model import LogisticRegression",
        "",
        "X, y = load_iris(return_X_y=True)",
        "clf = LogisticRegression(max_iter=200).fit(X, Y)",
    )
    cases = [
        evaluation.Case("python-code", "case-Undefined_Y", body, "code", 8),
        evaluation.Case("python-code", "case-fine", body.replace("X, Y)", "X, y)"), "code"),
    ]
    assert cases[0].note_id == "case-undefined-y"
    found = evaluation.lint_cases(cases, "python-code")
    python = {"AG120", "AG121", "AG122", "AG124", "AG011", "AG012"}
    got = {
        case: [(f.note, f.line, f.code) for f in found[case] if f.code in python] for case in found
    }
    assert got == {"case-Undefined_Y": [("case-Undefined_Y", 8, "AG122")], "case-fine": []}


def test_two_case_ids_of_one_note_id_are_refused(tmp_path: Path) -> None:
    evaluation: Any = load_script("evaluate_generalisation")
    body = "# What is 2 + 2?\n\n4\n"
    cases = [
        evaluation.Case("f", "same-ID", body),
        evaluation.Case("f", "same-id", body),
    ]
    with pytest.raises(ValueError, match="one note id"):
        evaluation.lint_cases(cases, "f")
