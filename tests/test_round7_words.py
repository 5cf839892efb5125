"""Round 7 on prose, markup and names (issue #12): the classes behind sealed batch 7's misses.

A "-full" slip in a code comment, a name with a site suffix ("Nepture.ai"), a tag opened in
prose and never closed, a pointer to another note, an arrow to a bare URL under a product
whose name holds an address word, and a pointer to a named guide. Each class is checked on
whole notes through the real linter, with its near misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.lint.rule import LintConfig
from ankigen.lint.rules.names import name_typo
from ankigen.lint.rules.spelling import speller
from tests.rule_harness import FixtureNote, lint_rule, write_notes


def _findings(tmp_path: Path, code: str, body: str, kind: str = "basic") -> list[str]:
    """The messages ``code`` gives for one note whose body is ``body``."""
    write_notes(tmp_path, [FixtureNote("round7", body, kind, "deck", "")])
    return [diagnostic.message for diagnostic in lint_rule(tmp_path, code)]


@pytest.mark.parametrize(
    ("word", "fix"),
    [("usefull", "useful"), ("carefull", "careful"), ("successfull", "successful")],
)
def test_ful_written_with_two_ls_is_one_word(word: str, fix: str) -> None:
    unknown = speller(LintConfig()).problem(word)
    assert unknown is not None and unknown.suggestion == fix and unknown.close


def test_words_run_together_are_still_split() -> None:
    unknown = speller(LintConfig()).problem("andmaximum")
    assert unknown is not None and unknown.suggestion == "and maximum"


def test_ful_slip_in_a_long_code_comment(tmp_path: Path) -> None:
    body = (
        "# How do you drop duplicate rows in pandas?\n\n```python\nimport pandas as pd\n\n"
        'rows = pd.DataFrame({"a": [1, 1, 2]})\n'
        "# keeping the first copy of each row is powerfull when the order carries meaning\n"
        "rows = rows.drop_duplicates()\n```\n"
    )
    assert any("'powerful'" in message for message in _findings(tmp_path, "AG111", body))


@pytest.mark.parametrize(("token", "name"), [("Nepture.ai", "Neptune.ai"), ("Fastt.ai", "fast.ai")])
def test_suffixed_name_typo(token: str, name: str) -> None:
    typo = name_typo(token)
    assert typo is not None and typo.names == (name,)


@pytest.mark.parametrize("token", ["Neptune.ai", "TensorFlow.js", "llama.cpp"])
def test_suffixed_names_written_right(token: str) -> None:
    assert name_typo(token) is None


def test_suffixed_name_typo_in_the_extra_section(tmp_path: Path) -> None:
    body = (
        "# Which tools log ML experiments?\n\nTrackers record runs and their metrics.\n\n"
        "***\nTeams often pick Comet or Nepture.ai.\n"
    )
    assert _findings(tmp_path, "AG112", body) == [
        "'Nepture.ai' looks like a misspelling of 'Neptune.ai'; if it is a name of its own, "
        "add it to [tool.ankigen.lint] words"
    ]


def test_dotted_code_names_are_no_suffixed_names(tmp_path: Path) -> None:
    body = "# Which calls build arrays?\n\nnp.array and np.zeros do, as does torch.tensor.\n"
    assert _findings(tmp_path, "AG112", body) == []


def test_tag_opened_in_prose_and_never_closed(tmp_path: Path) -> None:
    body = "# What does GROUP BY do?\n\nIt collects rows <em with equal keys into one group.\n"
    assert [m.split(" is ")[0] for m in _findings(tmp_path, "AG170", body)] == ["'<em'"]


def test_comparisons_of_short_names_are_no_open_tags(tmp_path: Path) -> None:
    body = "# When does the loop end?\n\nIt ends once j <i fails or k <b holds for all k.\n"
    assert _findings(tmp_path, "AG170", body) == []


def test_pointer_to_another_note_in_a_list(tmp_path: Path) -> None:
    body = (
        "# Name two ensemble methods.\n\n- Bagging, as described in the preceding note\n"
        "- Boosting, which fits each learner to the last one's errors\n"
    )
    assert len(_findings(tmp_path, "AG137", body)) == 1


def test_notes_that_are_not_cards(tmp_path: Path) -> None:
    body = (
        "# What does an audio model predict?\n\nThe next pitch after the last note heard; "
        "the release notes list the changes.\n"
    )
    assert _findings(tmp_path, "AG137", body) == []


@pytest.mark.parametrize(
    "body",
    [
        "# What is the Feature Registry used for?\n\n→ https://example.com/feature-registry\n",
        "# Which join types does SQL have?\n\nHave a look at the PostgreSQL manual, it has them "
        "all.\n",
    ],
)
def test_answer_that_only_points_away(tmp_path: Path, body: str) -> None:
    assert len(_findings(tmp_path, "AG136", body)) == 1


def test_question_asking_for_an_address_may_be_answered_by_a_link(tmp_path: Path) -> None:
    body = "# Which URL serves the PyPI simple index?\n\n→ https://pypi.org/simple\n"
    assert _findings(tmp_path, "AG136", body) == []
