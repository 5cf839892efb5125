"""The GitHub Actions workflow: its triggers, jobs, permissions and steps, that every `ankigen …`
command line in it exists in the CLI with those options (checked with click, never run), and
that the template `ankigen init` writes is the same file apart from the install step."""

from __future__ import annotations

import re
import shlex
from typing import Any

import click
import pytest
import yaml

from ankigen import __version__
from ankigen.cli import cli
from ankigen.tools.init import template
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


def steps(job: str = "decks") -> list[dict[str, Any]]:
    job_steps: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return job_steps


def step(uses: str, job: str = "decks") -> dict[str, Any]:
    found = [s for s in steps(job) if str(s.get("uses", "")).startswith(f"{uses}@")]
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
    # upload-sarif reads the run's details: without actions: read it fails on private repos.
    assert permissions == {"contents": "read", "actions": "read", "security-events": "write"}
    assert position(annotations) < position(sarif) < position(upload)


def test_build_uploads_the_packages_as_an_artifact() -> None:
    lint = step_running("ankigen lint --format github")
    build = step_running("ankigen build")
    artifact = step("actions/upload-artifact")

    assert "if" not in build  # only after a clean lint
    assert artifact["with"] == {
        "name": "decks",
        "path": "build/*.apkg",
        "if-no-files-found": "error",
    }
    assert position(lint) < position(build) < position(artifact)


def test_only_a_separate_job_on_tags_may_write_and_it_attaches_the_built_packages() -> None:
    jobs = workflow()["jobs"]
    release = jobs["release"]
    download = step("actions/download-artifact", job="release")
    attach = step("softprops/action-gh-release", job="release")

    assert workflow()["permissions"] == {"contents": "read"}
    assert release["if"] == "startsWith(github.ref, 'refs/tags/')"
    assert release["needs"] == "decks"  # only packages that passed lint and built
    assert release["permissions"] == {"contents": "write"}
    writers = [
        name for name, job in jobs.items() if "write" in job["permissions"].get("contents", "")
    ]
    assert writers == ["release"]
    assert download["with"] == {"name": "decks", "path": "build"}
    assert attach["with"]["files"] == "build/*.apkg"
    assert steps("release").index(download) < steps("release").index(attach)
    assert not [s for s in steps("release") if "run" in s]  # no checkout, no code of the repo


def test_pull_requests_get_the_changes_report_as_job_summary() -> None:
    summary = step_running("ankigen changes")

    assert summary["if"] == "github.event_name == 'pull_request'"
    assert (
        summary["run"]
        == 'ankigen changes --base "origin/${{ github.base_ref }}" >> "$GITHUB_STEP_SUMMARY"'
    )


REPO_INSTALL = "run: pip install -e ."
TEMPLATE_INSTALL = 'run: pip install "ankigen=={version}"'


def test_init_template_is_this_workflow_with_ankigen_from_pypi() -> None:
    ours = WORKFLOW.read_text("utf-8")
    packaged = template("workflow.yml")

    assert ours.count(REPO_INSTALL) == 1
    assert packaged.count(TEMPLATE_INSTALL) == 1
    assert ours.replace(REPO_INSTALL, TEMPLATE_INSTALL) == packaged, (
        "edit .github/workflows/ankigen.yml and ankigen/templates/workflow.yml together"
    )


def test_template_renders_a_pinned_install_and_valid_yaml() -> None:
    from ankigen.tools.init import WORKFLOW as INIT_WORKFLOW
    from ankigen.tools.init import planned_files

    rendered = planned_files("my-deck", "My Deck")[INIT_WORKFLOW]
    data = yaml.safe_load(rendered)

    install = [s for s in data["jobs"]["decks"]["steps"] if s.get("name") == "Install ankigen"]
    assert install[0]["run"] == f'pip install "ankigen=={__version__}"'
    assert data["jobs"].keys() == workflow()["jobs"].keys()


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
