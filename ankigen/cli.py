"""The command line: the only module that prints and chooses exit codes.

Exit codes: 0 success, 1 content errors (or the output cannot be written), 2 usage errors.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from ankigen import __version__
from ankigen.build import BuildResult, CheckResult, build, check
from ankigen.diagnostics import Severity, display_path
from ankigen.model import NoteType
from ankigen.project import load_settings
from ankigen.schema import stale_schemas, write_schemas

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2

_PATHS = click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path)
)


def _report(result: CheckResult) -> None:
    cwd = Path.cwd()
    for diagnostic in result.diagnostics:
        click.echo(diagnostic.format(cwd))
    counts = Counter(d.severity for d in result.diagnostics)
    if counts:
        files = len({d.path for d in result.diagnostics})
        click.echo(
            f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s) "
            f"in {files} file(s)",
            err=True,
        )


def _targets(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [load_settings(Path.cwd()).content]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ankigen")
def cli() -> None:
    """Compile Markdown flashcards into Anki decks that update safely.

    Every note is a Markdown file with YAML front matter under content/<deck>/.
    See docs/format.md for the format.
    """


@cli.command(name="validate")
@_PATHS
def validate_command(paths: tuple[Path, ...]) -> int:
    """Check notes and decks without writing anything.

    PATHS are note files, deck folders or content folders (default: the content folder
    from [tool.ankigen] in pyproject.toml, else ./content).
    """
    result = check(_targets(paths))
    _report(result)
    if result.ok:
        notes = sum(len(deck.notes) for deck in result.decks)
        click.echo(f"ok: {len(result.decks)} deck(s), {notes} note(s)", err=True)
    return EXIT_OK if result.ok else EXIT_CONTENT


def _card_count(result: BuildResult, slug: str) -> tuple[int, int]:
    for checked in result.check.decks:
        if checked.deck.slug == slug:
            cards = sum(
                len(n.cloze_numbers) if n.note.meta.type is NoteType.CLOZE else 1
                for n in checked.notes
            )
            return len(checked.notes), cards
    return 0, 0


@cli.command(name="build")
@_PATHS
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: [tool.ankigen] build, else ./build).",
)
def build_command(paths: tuple[Path, ...], out_dir: Path | None) -> int:
    """Validate, then write one .apkg per deck into the build folder.

    Nothing is written while any error remains; packages are replaced atomically.
    """
    settings = load_settings(Path.cwd())
    try:
        result = build(_targets(paths), out_dir or settings.build)
    except OSError as error:
        raise click.ClickException(f"cannot write the packages: {error}") from error
    _report(result.check)
    if not result.check.ok:
        click.echo("nothing written: fix the errors above", err=True)
        return EXIT_CONTENT
    if not result.outputs:
        click.echo("no decks found: a deck is a folder with a deck.yaml", err=True)
        return EXIT_CONTENT
    for output in result.outputs:
        notes, cards = _card_count(result, output.stem)
        click.echo(f"wrote {display_path(output, Path.cwd())}: {notes} notes, {cards} cards")
    return EXIT_OK


@cli.command(name="schema")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the schema files (default: schemas/ next to pyproject.toml).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if the files are missing or out of date.",
)
def schema_command(out_dir: Path | None, check_only: bool) -> int:
    """Export JSON Schemas of note front matter and deck.yaml for editors."""
    folder = out_dir or load_settings(Path.cwd()).root / "schemas"
    if check_only:
        stale = stale_schemas(folder)
        for path in stale:
            click.echo(f"{display_path(path, Path.cwd())}: out of date; run 'ankigen schema'")
        return EXIT_CONTENT if stale else EXIT_OK
    for path in write_schemas(folder):
        click.echo(f"wrote {display_path(path, Path.cwd())}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    try:
        code = cli.main(args=argv, prog_name="ankigen", standalone_mode=False)
    except click.UsageError as error:
        error.show()
        return EXIT_USAGE
    except click.ClickException as error:
        error.show()
        return EXIT_CONTENT
    except click.exceptions.Exit as error:
        return int(error.exit_code)
    except click.Abort:
        click.echo("aborted", err=True)
        return EXIT_CONTENT
    return code if isinstance(code, int) else EXIT_OK
