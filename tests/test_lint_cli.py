"""`ankigen lint`: output formats, exit codes, selection, suppression, fixes, statistics."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from ankigen.cli import main
from ankigen.diagnostics import Fix
from ankigen.lint.document import Finding, LintDocument
from ankigen.lint.fix import apply_fixes
from ankigen.lint.rule import LintConfig, Rule
from ankigen.lint.runner import documents_of, run_rules
from ankigen.pipeline.check import check
from tests.conftest import write

LOREM = "---\nid: lorem\n---\n# What is dropout?\n\nLorem ipsum dolor.\n"
ADVERT = "---\nid: advert\n---\n# What is Keras?\n\nAn API. Enroll now!\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "pyproject.toml", "[tool.ankigen]\n")
    deck = tmp_path / "content" / "deck"
    write(deck / "deck.yaml", "name: Deck\n")
    write(deck / "lorem.md", LOREM)
    write(deck / "advert.md", ADVERT)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return deck


def test_text_format_shows_source_and_caret(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/deck/advert.md:6:9: AG131 call to action from an advert ('enroll now'): remove it",
        "   6 | An API. Enroll now!",
        "     |         ^^^^^^^^^^",
        "content/deck/lorem.md:6:1: AG130 placeholder text 'Lorem ipsum': replace it with real "
        "content",
        "   6 | Lorem ipsum dolor.",
        "     | ^^^^^^^^^^^^^^^^^",
    ]
    assert err == "2 error(s), 0 warning(s) in 2 file(s)\n"


def test_json_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    first = document["diagnostics"][0]
    assert first == {
        "path": "content/deck/advert.md",
        "line": 6,
        "column": 9,
        "end_line": 6,
        "end_column": 19,
        "code": "AG131",
        "rule": "promotional-text",
        "severity": "error",
        "message": "call to action from an advert ('enroll now'): remove it",
        "fix": None,
    }
    assert document["summary"] == {
        "errors": 2,
        "warnings": 0,
        "files": 2,
        "by_code": {"AG130": 1, "AG131": 1},
    }


def test_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--format", "github", "--select", "AG130"]) == 1
    assert capsys.readouterr().out == (
        "::error file=content/deck/lorem.md,line=6,col=1,endLine=6,endColumn=18,"
        "title=AG130 placeholder-text::placeholder text 'Lorem ipsum': replace it with real "
        "content\n"
    )


def test_sarif_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "ankigen"
    assert {rule["id"] for rule in run["tool"]["driver"]["rules"]} >= {"AG130", "AG131"}
    results = sorted(run["results"], key=lambda r: r["ruleId"])
    assert [r["ruleId"] for r in results] == ["AG130", "AG131"]
    region = results[0]["locations"][0]["physicalLocation"]
    assert region["artifactLocation"]["uri"] == "content/deck/lorem.md"
    assert region["region"] == {"startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 18}


def test_select_ignore_and_config(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--ignore", "AG13"]) == 0
    assert main(["lint", "--select", "AG130", "--format", "concise"]) == 1
    assert capsys.readouterr().out.count("AG131") == 0
    write(
        project.parent.parent / "pyproject.toml",
        '[tool.ankigen.lint]\nignore = ["AG130"]\nseverity = {AG131 = "warning"}\n',
    )
    assert main(["lint", "--format", "concise"]) == 0  # only a warning is left
    assert "warning(s)" in capsys.readouterr().err


def test_invalid_lint_config_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project.parent.parent / "pyproject.toml", "[tool.ankigen.lint]\nselcet = []\n")
    assert main(["lint"]) == 2
    assert "invalid [tool.ankigen.lint]" in capsys.readouterr().err


def test_build_refuses_lint_errors(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build"]) == 1
    assert "nothing written" in capsys.readouterr().err
    # No package; the cache (build/.cache) may hold what was checked, to be quicker next time.
    assert not list((project.parent.parent / "build").glob("*.apkg"))


def test_inline_suppression_is_invisible_on_the_card(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        project / "lorem.md",
        "---\nid: lorem\n---\n# What is dropout?\n\n<!-- ankigen: disable-next-line AG130 -->\n"
        "Lorem ipsum dolor.\n",
    )
    write(
        project / "advert.md", "---\nid: advert\nlint-ignore: [AG131]\n---\n# Q?\n\nEnroll now!\n"
    )
    assert main(["lint"]) == 0
    assert main(["build"]) == 0
    result = check([project])
    (lorem,) = [n for d in result.decks for n in d.notes if n.note.meta.id == "lorem"]
    assert lorem.fields[1] == "<p>Lorem ipsum dolor.</p>"


def test_only_named_files_are_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "content/deck/lorem.md", "--format", "concise"]) == 1
    out = capsys.readouterr().out
    assert "lorem.md" in out and "advert.md" not in out


def test_statistics_alone_prints_only_the_table_most_frequent_first(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(project / "todo.md", "---\nid: todo\n---\n# What is a tensor?\n\nTODO\n")

    assert main(["lint", "--statistics"]) == 1

    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "    2  AG130  placeholder-text",
        "    1  AG131  promotional-text",
    ]
    assert err == "3 error(s), 0 warning(s) in 3 file(s)\n"


def test_statistics_with_an_explicit_format_prints_both(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", "--statistics", "--format", "concise"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in out[:2]] == ["AG131", "AG130"]  # the diagnostics
    assert out[-2:] == ["    1  AG130  placeholder-text", "    1  AG131  promotional-text"]
    assert main(["lint", "--statistics", "--format", "text"]) == 1
    assert "   6 | An API. Enroll now!" in capsys.readouterr().out


class _Shout(Rule):
    """Test rule: 'lorem' must be upper case; fixable, and each fix enables the next."""

    code = "AG199"
    name = "shout"
    summary = "test"
    bad = good = ""
    fixable = True

    def check(self, document: LintDocument, config: LintConfig) -> Iterator[Finding]:
        start = document.text.find("Lorem", document.body_offset)
        if start >= 0:
            yield Finding(start, start + 5, "shout", Fix(start, start + 5, "LOREM"))


def test_fixes_apply_atomically_and_reach_a_fixed_point(project: Path) -> None:
    write(project / "lorem.md", LOREM.replace("dolor.", "dolor. Lorem again."))
    rounds = 0
    while True:
        found = run_rules(documents_of(check([project])), LintConfig(), [_Shout()])
        if not apply_fixes(found):
            break
        rounds += 1
    assert rounds == 2
    assert (project / "lorem.md").read_text() == LOREM.replace("Lorem", "LOREM").replace(
        "dolor.", "dolor. LOREM again."
    )
    assert sorted(p.name for p in project.iterdir()) == ["advert.md", "deck.yaml", "lorem.md"]


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "AG130  placeholder-text" in out
    assert main(["rules", "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# Lint rules")
