"""The GitHub Actions workflow: its triggers and steps, and that every `ankigen …` command line in
it exists in the CLI with those options (checked with click, never run)."""

from __future__ import annotations

import re
import shlex
from typing import Any

import click
import pytest
import yaml

from ankigen.cli import cli
from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "ankigen.yml"
_EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
_OPERATOR = re.compile(r"^[;&|<>()]+$")  # shell operators and redirections end a command


def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return data


def triggers() -> dict[str, Any]:
    data = workflow()
    on: dict[str, Any] = data["on"] if "on" in data else data[True]  # YAML 1.1 reads `on` as true
    return on


def steps() -> list[dict[str, Any]]:
    job_steps: list[dict[str, Any]] = workflow()["jobs"]["decks"]["steps"]
    return job_steps


def step(uses: str) -> dict[str, Any]:
    found = [s for s in steps() if str(s.get("uses", "")).startswith(f"{uses}@")]
    assert len(found) == 1, f"expected one step using {uses}"
    return found[0]


def step_running(command: str) -> dict[str, Any]:
    found = [s for s in steps() if command in str(s.get("run", ""))]
    assert len(found) == 1, f"expected one step running {command!r}"
    return found[0]


def position(item: dict[str, Any]) -> int:
    return steps().index(item)


def commands(script: str) -> list[list[str]]:
    """The simple commands of a `run:` script, each cut at its first redirection."""
    script = _EXPRESSION.sub("EXPRESSION", script.replace("\\\n", " "))
    found: list[list[str]] = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.commenters = "#"
        lexer.wordchars += "$"  # keep "$?" one word
        current: list[str] = []
        cut = False
        for token in lexer:
            if token in (";", "&&", "||", "|", "&"):
                found.append(current)
                current, cut = [], False
            elif _OPERATOR.match(token) or cut:
                cut = True  # a redirection and its target are not arguments
            else:
                current.append(token)
        found.append(current)
    return [command for command in found if command]


def ankigen_commands() -> list[list[str]]:
    return [
        command[1:]
        for s in steps()
        if "run" in s
        for command in commands(str(s["run"]))
        if command[0] == "ankigen"
    ]


def check_command(args: list[str]) -> None:
    """Fail unless ``ankigen ARGS`` names a subcommand and only options it has, valid values."""
    assert args, "ankigen without a subcommand"
    name, *rest = args
    command = cli.commands.get(name)
    assert command is not None, f"ankigen has no command {name!r}"
    known = {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}
    for token in rest:
        if token.startswith("-"):
            assert token.split("=")[0] in known, f"ankigen {name} has no option {token}"
    # Parsing without invoking checks values too (e.g. a --format that is not a choice).
    command.make_context(f"ankigen {name}", list(rest))


def test_workflow_triggers_on_pushes_tags_and_pull_requests() -> None:
    on = triggers()

    assert "pull_request" in on
    assert "v*" in on["push"]["tags"]
    assert on["push"]["branches"]


def test_checkout_has_full_history_for_note_modification_times() -> None:
    checkout = step("actions/checkout")

    assert checkout["with"]["fetch-depth"] == 0
    assert position(checkout) == 0


def test_python_311_and_ankigen_are_installed_before_use() -> None:
    python = step("actions/setup-python")
    install = step_running("pip install")

    assert str(python["with"]["python-version"]) == "3.11"
    assert "pip install -e ." in install["run"]
    first_ankigen = min(position(s) for s in steps() if "ankigen " in str(s.get("run", "")))
    assert position(python) < position(install) < first_ankigen


def test_lint_reports_annotations_and_sarif_to_code_scanning() -> None:
    annotations = step_running("ankigen lint --format github")
    sarif = step_running("ankigen lint --format sarif > ankigen.sarif")
    upload = step("github/codeql-action/upload-sarif")
    permissions = workflow()["jobs"]["decks"]["permissions"]

    assert "if" not in annotations  # lint errors fail the job
    assert "always()" in sarif["if"]
    assert "always()" in upload["if"]
    assert upload["with"]["sarif_file"] == "ankigen.sarif"
    assert permissions["security-events"] == "write"
    assert position(annotations) < position(sarif) < position(upload)


def test_build_uploads_packages_and_attaches_them_to_tag_releases() -> None:
    lint = step_running("ankigen lint --format github")
    build = step_running("ankigen build")
    artifact = step("actions/upload-artifact")
    release = step("softprops/action-gh-release")

    assert "if" not in build  # only after a clean lint
    assert artifact["with"]["path"] == "build/*.apkg"
    assert release["with"]["files"] == "build/*.apkg"
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert workflow()["jobs"]["decks"]["permissions"]["contents"] == "write"
    assert position(lint) < position(build) < position(artifact) < position(release)


def test_pull_requests_get_the_changes_report_as_job_summary() -> None:
    summary = step_running("ankigen changes")

    assert summary["if"] == "github.event_name == 'pull_request'"
    assert (
        summary["run"]
        == 'ankigen changes --base "origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"'
    )


def test_every_ankigen_command_line_exists_in_the_cli() -> None:
    found = ankigen_commands()

    assert sorted(args[0] for args in found) == ["build", "changes", "lint", "lint"]
    for args in found:
        check_command(args)


def test_commands_are_split_at_operators_and_redirections() -> None:
    script = (
        "ankigen lint --format sarif > out.sarif || test $? -eq 1\n"
        'ankigen changes --base "origin/${{ x }}" >> "$S"  # comment\n'
    )

    assert commands(script) == [
        ["ankigen", "lint", "--format", "sarif"],
        ["test", "$?", "-eq", "1"],
        ["ankigen", "changes", "--base", "origin/EXPRESSION"],
    ]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["compile"], AssertionError),  # no such command
        (["lint", "--formt", "github"], AssertionError),  # no such option
        (["lint", "--format", "xml"], click.UsageError),  # not a choice
        (["build", "--out"], click.UsageError),  # option without its value
    ],
)
def test_the_command_check_catches_mistakes(args: list[str], error: type[Exception]) -> None:
    with pytest.raises(error):
        check_command(args)
