"""False errors found by linting documentation written by others (session 29, issue #12).

Package READMEs and manuals, cut into notes the way a card writer cuts a source (a heading as
the question, the section as the answer, a code note per example), gave error-level findings on
correct text. Each class fixed here has its twins in our own words: the correct look-alike is
silent, the real error next to it is still reported.

Each case is (id, body, code, body line of the error; 0 for a correct note).
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.rule_harness import FixtureNote, findings_by_note


def _py(question: str, *lines: str) -> str:
    return f"# {question}\n\n```python\n" + "\n".join(lines) + "\n```\n"


CASES: list[tuple[str, str, str, int]] = [
    # A console session pasted without its '...' prompts: the call goes on below '>>>'.
    (
        "session-call-without-continuation-prompts",
        _py(
            "How is a tensor saved with an option?",
            ">>> import pickle, numpy",
            ">>> pickle.dumps(",
            "        numpy.zeros((2, 3)),",
            "        protocol=5,",
            "    )",
            "b'...'",
        ),
        "AG124",
        0,
    ),
    (
        "session-dict-without-continuation-prompts",
        _py(
            "How is a nested setting written in a session?",
            ">>> settings = dict(depth=4)",
            ">>> settings['optimizer'] = {",
            "    'name': 'adamw',",
            "    'betas': (0.9, 0.95),",
            "}",
            ">>> settings['optimizer']['name']",
            "'adamw'",
        ),
        "AG120",
        0,
    ),
    (
        "session-call-really-cut-off",
        _py(
            "How are two arrays joined?",
            ">>> import numpy as np",
            ">>> np.concatenate([left, right],",
        ),
        "AG124",
        5,
    ),
    (
        "session-call-cut-off-before-next-prompt",
        _py(
            "How is a total printed?",
            ">>> import numpy as np",
            ">>> total = np.sum(",
            ">>> print(total)",
        ),
        "AG124",
        6,
    ),
    (
        "session-continuation-prompt-then-a-tab",
        _py(
            "How is a shape with two parts written?",
            ">>> w = writer.Writer('house')",
            ">>> w.multipatch([",
            "...\t\t [[0, 0, 0], [0, 0, 3]],",
            "...\t\t ],",
            "...\t\t part_types=[STRIP])",
            ">>> w.close()",
        ),
        "AG120",
        0,
    ),
    # A Python 2 builtin's name called with keyword arguments is another library's function.
    (
        "keyword-call-of-a-python2-builtin-name",
        _py(
            "How does a tensor library pool a feature map by a pattern?",
            "pooled = reduce(images, 'b c (h hp) (w wp) -> b c h w', 'max', hp=2, wp=2)",
        ),
        "AG121",
        0,
    ),
    (
        "python2-reduce-called-as-the-builtin",
        _py(
            "How is the product of a list computed?",
            "product = reduce(lambda a, b: a * b, [2, 3, 7])",
        ),
        "AG121",
        4,
    ),
    # A misspelt name that only starts or ends another name: a C++ library, a package.
    (
        "name-starts-a-camel-case-name",
        "# What is JsonCpp?\n\nJsonCpp reads and writes JSON.\n",
        "AG110",
        0,
    ),
    (
        "name-alone-misspelt",
        "# Which text format do web APIs use?\n\nJson, of objects and arrays.\n",
        "AG110",
        3,
    ),
    (
        "name-ends-a-hyphenated-package",
        "# Which package links LangChain to the Hub?\n\nInstall langchain-huggingface first.\n",
        "AG110",
        0,
    ),
    ("lower-case-name-alone", "# Where are open weights hosted?\n\nOn huggingface.\n", "AG110", 3),
    # A table whose rows do not close with a bar is a table on the card all the same.
    (
        "table-without-closing-bars-is-on-the-card",
        "# What do the distance scores mean?\n\nThis table summarizes the scores:\n\n"
        "| Score | Meaning | Example\n| ----: | :--- | :---\n| 0 | same language | en → en\n"
        "| 1-3 | regional variant | en-AU → en-GB\n",
        "AG132",
        0,
    ),
    (
        "table-without-any-bars-at-the-ends",
        "# Which tiers are there?\n\nThe table below lists them.\n\nTier | Promise\n--- | ---\n"
        "1 | full CI\n2 | best effort\n",
        "AG132",
        0,
    ),
    (
        "table-below-that-is-not-there",
        "# Which tiers are there?\n\nThe table below lists them.\n\n---\n\nTier 1 gets full CI.\n",
        "AG132",
        3,
    ),
    # An unread result computed from the unbound name: an input and its output, not a rename.
    (
        "unread-result-computed-from-the-unbound-input",
        _py(
            "How is a recording resampled to 16 kHz?",
            "import resampy",
            "",
            "y = resampy.resample(",
            "    x,       # the samples, mono or stereo",
            "    44100,   # their rate",
            "    16000,   # the rate wanted",
            ")",
        ),
        "AG122",
        0,
    ),
    (
        "unbound-name-beside-an-unread-other-name",
        _py(
            "How is a signal's energy computed?",
            "import numpy as np",
            "",
            "wave = np.sin(np.linspace(0.0, 6.28, 64))",
            "energy = np.sum(signal ** 2)",
            "print(energy)",
        ),
        "AG122",
        7,
    ),
    # Code marked as left out above the first read may have made the name.
    (
        "read-before-assignment-after-an-elision",
        _py(
            "How is a search index saved, then loaded memory-mapped?",
            "# build the index",
            "# ...",
            "docs = ['a long text', 'another long text']",
            "index.save('big_index', corpus=docs)",
            "index = search.Index.load('big_index', mmap=True)",
        ),
        "AG122",
        0,
    ),
    (
        "read-before-assignment-without-an-elision",
        _py(
            "How is a search index saved, then loaded?",
            "docs = ['a long text', 'another long text']",
            "index.save('big_index', corpus=docs)",
            "index = search.Index.load('big_index')",
        ),
        "AG122",
        5,
    ),
    (
        "read-before-assignment-after-a-stub-body",
        _py(
            "When does the script read its model?",
            "def build():",
            "    ...",
            "model.fit(data)",
            "model = build()",
        ),
        "AG122",
        6,
    ),
    # 'Download the latest version' in a library's docs installs it; a callback gets notified.
    (
        "download-the-latest-version-comment",
        _py(
            "How is a data set fetched with the hub client?",
            "import hubclient",
            "",
            "# Download the latest version.",
            "hubclient.dataset_download('owner/songs')",
        ),
        "AG131",
        0,
    ),
    (
        "download-the-printable-version",
        "# What is dropout?\n\nZeroing activations at random. Download the printable version!\n",
        "AG131",
        3,
    ),
    (
        "callback-gets-notified",
        "# What does a stream's finished() helper do?\n\n"
        "It is a function to get notified when a stream is no longer readable or writable.\n",
        "AG131",
        0,
    ),
    (
        "reader-gets-notified-of-new-posts",
        "# What is layer normalisation?\n\nNormalising over one example's features. "
        "Sign up to get notified of new tutorials.\n",
        "AG131",
        3,
    ),
    # "(C) 2006" opens a copyright line, not an answer that names option c.
    (
        "copyright-sign-is-no-option",
        "# Who wrote the SOCKS module?\n\nA SOCKS client for Python, by Jane Doe.\n\n"
        "(C) 2006 Jane Doe.\n",
        "AG133",
        0,
    ),
    ("option-c-named-alone", "# Which layer pools?\n\nc) Pooling\n", "AG133", 3),
    # "exhibits the bug" is the verb; "the following image backends" a list of libraries.
    (
        "exhibits-as-a-verb",
        "# What should a bug report contain?\n\nA short program that exhibits the behaviour.\n",
        "AG132",
        0,
    ),
    (
        "the-exhibit-below",
        "# Why is the loss low?\n\nAs the exhibit below shows, it falls fast.\n",
        "AG132",
        3,
    ),
    (
        "following-image-backends",
        "# Which image backends does the vision library read?\n\n"
        "It supports the following image backends:\n\n- tensors\n- PIL images\n",
        "AG132",
        0,
    ),
    (
        "following-image-shows",
        "# How does the loss fall?\n\nThe following image shows the loss curve.\n",
        "AG132",
        3,
    ),
    # A title that starts with "The", set in emphasis or a link after "the".
    (
        "the-then-a-title-in-emphasis",
        "# Who funds the project?\n\nSponsors at the *The Organization* tier and above.\n",
        "AG134",
        0,
    ),
    (
        "the-then-a-linked-title",
        "# Which corpus trained it?\n\nThe [The Pile](https://example.org/pile) corpus.\n",
        "AG134",
        0,
    ),
    (
        "the-the-slip",
        "# What does dropout do?\n\nIt zeroes a fraction of the the units.\n",
        "AG134",
        3,
    ),
]


@cache
def _findings() -> dict[str, list[tuple[int, str, str]]]:
    """(body line, code, message) of every error-level finding, per note id."""
    notes = [FixtureNote(name, body) for name, body, _, _ in CASES]
    return findings_by_note(notes, lambda diagnostic: str(diagnostic.severity) == "error")


@pytest.mark.parametrize(("name", "body", "code", "line"), CASES, ids=[case[0] for case in CASES])
def test_external_text_class(name: str, body: str, code: str, line: int) -> None:
    found = _findings()[name]
    if line == 0:
        assert [finding for finding in found if finding[1] == code] == []
    else:
        assert any(at == line and got == code for at, got, _ in found), found
