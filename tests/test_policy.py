"""[tool.ankigen] is validated (unknown keys, wrong types: exit 2) and its note requirements
(`required`, `required-tag-prefixes`) give located errors in validate, lint and build."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.settings import load_settings
from ankigen.source.policy import Policy, check_policy
from tests.conftest import CONTENT, REPO, write

POLICY = (
    '[tool.ankigen]\nrequired = ["source"]\nrequired-tag-prefixes = ["topic::", "difficulty::"]\n'
)
DECK = "name: Deck\nsources:\n  book:\n    title: A book\n    publisher: P\n"
GOOD = (
    "---\nid: good\ntags: [topic::training, difficulty::easy]\nsource: {doc: book, question: 1}\n"
    "---\n# What is an epoch?\n\nOne pass over the training data.\n"
)
NO_SOURCE = (
    "---\nid: no-source\ntags: [topic::training, difficulty::easy]\n---\n"
    "# What is a batch?\n\nThe samples of one gradient step.\n"
)
NO_TOPIC = (
    "---\nid: no-topic\ntags: [difficulty::easy]\nsource: {doc: book, question: 2}\n---\n"
    "# What does dropout zero?\n\nRandom activations, during training only.\n"
)
NO_TAGS = (
    "---\nid: no-tags\nsource: {doc: book, question: 3}\n---\n"
    "# What does a learning rate scale?\n\nThe size of each update step.\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "pyproject.toml", POLICY)
    deck = tmp_path / "content" / "deck"
    write(deck / "deck.yaml", DECK)
    write(deck / "good.md", GOOD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return deck


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_notes_that_follow_the_policy_pass(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "lint", "--no-cache")[0] == 0
    assert run(capsys, "validate", "--no-cache")[0] == 0
    assert run(capsys, "build", "--no-cache")[0] == 0


def test_missing_source_and_tags_are_located_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "no-source.md", NO_SOURCE)
    write(project / "no-topic.md", NO_TOPIC)
    write(project / "no-tags.md", NO_TAGS)

    code, out, _ = run(capsys, "lint", "--no-cache", "--format", "concise")

    assert code == 1
    assert out.splitlines() == [
        "content/deck/no-source.md:2:1: AG011 'source' is missing: [tool.ankigen] required "
        "(pyproject.toml) asks every note for it; add 'source: {doc: <key of sources in "
        "deck.yaml>, question: <number>}'",
        # No tags at all: reported where the front matter starts, once per prefix.
        "content/deck/no-tags.md:2:1: AG011 no tag starts with 'difficulty::': [tool.ankigen] "
        "required-tag-prefixes (pyproject.toml) asks every note for one; add a 'difficulty::…' "
        "tag to 'tags'",
        "content/deck/no-tags.md:2:1: AG011 no tag starts with 'topic::': [tool.ankigen] "
        "required-tag-prefixes (pyproject.toml) asks every note for one; add a 'topic::…' tag "
        "to 'tags'",
        # Tags without a topic: reported at the tags value.
        "content/deck/no-topic.md:3:7: AG012 no tag starts with 'topic::': [tool.ankigen] "
        "required-tag-prefixes (pyproject.toml) asks every note for one; add a 'topic::…' tag "
        "to 'tags'",
    ]


def test_validate_and_build_refuse_too(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(project / "no-source.md", NO_SOURCE)

    validated = run(capsys, "validate", "--no-cache")
    built = run(capsys, "build")

    assert validated[0] == 1 and "no-source.md:2:1: AG011" in validated[1]
    assert built[0] == 1 and "no-source.md:2:1: AG011" in built[1]
    assert "nothing written" in built[2]
    assert not list((project.parent.parent / "build").glob("*.apkg"))


def test_a_changed_policy_is_not_answered_from_the_cache(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pyproject = project.parent.parent / "pyproject.toml"
    write(project / "no-source.md", NO_SOURCE)
    pyproject.write_text("[tool.ankigen]\n")
    assert run(capsys, "lint")[0] == 0
    assert run(capsys, "build")[0] == 0

    pyproject.write_text(POLICY)

    assert run(capsys, "lint")[0] == 1
    assert run(capsys, "build")[0] == 1


def test_deck_tags_count_towards_the_prefixes(project: Path) -> None:
    write(project / "deck.yaml", DECK + "tags: [topic::deck-wide]\n")
    write(project / "no-topic.md", NO_TOPIC)

    assert check_policy([project], Policy((), ("topic::",)), project.parent) == []


def test_decks_outside_the_content_folder_are_not_bound(project: Path) -> None:
    other = project.parent.parent / "examples" / "sample"
    write(other / "deck.yaml", DECK)
    write(other / "no-source.md", NO_SOURCE)

    assert check_policy([other], Policy(("source",), ()), project.parent) == []
    assert len(check_policy([project.parent], Policy(("source",), ()), project.parent)) == 0


def test_no_policy_reads_nothing(tmp_path: Path) -> None:
    assert check_policy([tmp_path / "missing"], Policy(), tmp_path) == []


def test_this_repository_enforces_contributing_rules_and_its_content_follows_them() -> None:
    settings = load_settings(REPO)

    assert settings.required == ("source",)
    assert settings.required_tag_prefixes == ("difficulty::", "topic::")
    policy = Policy(settings.required, settings.required_tag_prefixes)
    assert check_policy([CONTENT], policy, settings.content) == []


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            'requried = ["source"]',
            "unknown key 'requried' in [tool.ankigen] (did you mean 'required'?); the known "
            "keys are build, content, lint, required, required-tag-prefixes",
        ),
        ('required = "source"', 'required must be a list of strings, e.g. required = ["source"]'),
        ('required = ["answer"]', "required lists 'answer', which is not a front matter key"),
        ("required-tag-prefixes = [1]", "required-tag-prefixes must be a list of strings"),
        ('required-tag-prefixes = ["a b"]', "'a b' cannot start a tag"),
        ("content = 3", "[tool.ankigen] content must be a string"),
        ("lint = 1", "[tool.ankigen] lint must be a table"),
        ("content = ", "not valid TOML"),
    ],
)
def test_invalid_settings_are_usage_errors(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, message: str
) -> None:
    pyproject = project.parent.parent / "pyproject.toml"
    pyproject.write_text(f"[tool.ankigen]\n{table}\n")

    for command in ("lint", "build", "validate"):
        code, _, err = run(capsys, command)
        assert code == 2, command
        assert message in err
        assert str(pyproject) in err
        assert "Traceback" not in err
    assert not (project.parent.parent / "build").exists()
