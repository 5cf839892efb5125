"""The command line: the only module that prints and chooses exit codes.

Exit codes: 0 success, 1 content errors (or the output cannot be written), 2 usage errors.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ankigen import __version__
from ankigen.diagnostics import Diagnostic, display_path, severity_counts
from ankigen.settings import Settings, SettingsError, load_settings
from ankigen.tools.report import FORMATTERS

# Commands import what they need when they run: `--help`, `lint` and an up-to-date build stay
# quick because genanki, Pygments, the renderer and the lint rules load only when used.
if TYPE_CHECKING:
    from ankigen.app.build import BuildOutcome
    from ankigen.lint.rule import LintConfig
    from ankigen.tools.importers.report import ImportReport

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
NOTE_TYPES = ("basic", "cloze", "code")  # ankigen.source.model.NoteType, without importing pydantic

_PATHS = click.argument(
    "paths", nargs=-1, type=click.Path(exists=True, file_okay=True, dir_okay=True, path_type=Path)
)
_NO_CACHE = click.option(
    "--no-cache",
    is_flag=True,
    help="Do not read or write the cache (<build folder>/.cache); results are the same.",
)


def _colour() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _verbosity() -> int:
    """-1 quiet, 0 normal, 1 verbose (from the group's options)."""
    context = click.get_current_context(silent=True)
    while context is not None and context.parent is not None:
        context = context.parent
    return int(context.obj or 0) if context is not None else 0


def _say(message: str, err: bool = False) -> None:
    """A progress or result line: silenced by --quiet. Diagnostics never are."""
    if _verbosity() >= 0:
        click.echo(message, err=err)


def _detail(message: str) -> None:
    """Shown with --verbose only, on standard error."""
    if _verbosity() > 0:
        click.echo(message, err=True)


def _summarise(diagnostics: list[Diagnostic]) -> None:
    if diagnostics:
        errors, warnings = severity_counts(diagnostics)
        files = len({d.path for d in diagnostics})
        _say(f"{errors} error(s), {warnings} warning(s) in {files} file(s)", err=True)


def _print(diagnostics: list[Diagnostic], output_format: str = "concise") -> None:
    click.echo(FORMATTERS[output_format](diagnostics, Path.cwd(), _colour()), nl=False)


def _targets(paths: tuple[Path, ...], settings: Settings) -> list[Path]:
    """PATHS, else the content folder, which must exist (a usage error, before anything is
    written: no stray build folder in a folder that is not a deck repository)."""
    if paths:
        return list(paths)
    _require_content(settings)
    return [settings.content]


def _require_content(settings: Settings) -> None:
    if not settings.content.is_dir():
        raise click.UsageError(
            f"no content folder: looked for {settings.content} ({settings.origin}). "
            "Start a deck repository here with 'ankigen init', give note files or deck "
            "folders as PATHS, or set content in [tool.ankigen] of pyproject.toml "
            "(see 'ankigen docs ci')."
        )


def _lint_config(settings: Settings) -> LintConfig:
    from ankigen.app.options import ConfigError, lint_config

    try:
        return lint_config(settings)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def _set_verbosity(context: click.Context, param: click.Parameter, value: bool) -> None:
    """-q/-v after a subcommand: the same as before it (the root context holds the level)."""
    if not value:
        return
    root = context.find_root()
    level = -1 if param.name == "quiet" else 1
    if root.obj not in (None, 0, level):
        raise click.UsageError("--quiet and --verbose exclude each other")
    root.obj = level


_VERBOSITY_OPTIONS = (
    click.Option(
        ["-q", "--quiet"],
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity,
        help="Print only diagnostics and errors.",
    ),
    click.Option(
        ["-v", "--verbose"],
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity,
        help="Also print what was found and timings.",
    ),
)


class _Group(click.Group):
    """A group whose every command (and subgroup's command) accepts -q/-v after its name."""

    group_class = type  # subgroups are _Group too

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        if not isinstance(cmd, click.Group):
            taken = {opt for param in cmd.params for opt in param.opts}
            cmd.params += [o for o in _VERBOSITY_OPTIONS if not taken & set(o.opts)]
        super().add_command(cmd, name)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ankigen")
@click.option("-q", "--quiet", is_flag=True, help="Print only diagnostics and errors.")
@click.option("-v", "--verbose", is_flag=True, help="Also print what was found and timings.")
@click.pass_context
def cli(context: click.Context, quiet: bool, verbose: bool) -> None:
    """Compile Markdown flashcards into Anki decks that update safely.

    Every note is a Markdown file with YAML front matter under content/<deck>/.
    `ankigen docs format` shows the format, `ankigen docs rules` the lint rules.
    -q/-v work before or after the command's name.

    \b
    Examples:
      ankigen init                       # start a deck repository here
      ankigen build                      # content/ -> build/<deck>.apkg
      ankigen lint --fix                 # check everything, apply safe fixes
      ankigen new dl-keras "What is X?"  # scaffold a note
      ankigen preview && open build/preview/index.html
    """
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose exclude each other")
    context.obj = -1 if quiet else (1 if verbose else 0)


@cli.command(name="validate")
@_PATHS
@_NO_CACHE
def validate_command(paths: tuple[Path, ...], no_cache: bool) -> int:
    """Check the format of notes and decks (no lint rules), writing nothing.

    PATHS are note files, deck folders or content folders (default: the content folder
    from [tool.ankigen] in pyproject.toml, else ./content).

    \b
    Examples:
      ankigen validate
      ankigen validate content/dl-keras/early-stopping-code.md
    """
    from ankigen.app.validate import run_validate

    settings = load_settings(Path.cwd())
    outcome = run_validate(settings, _targets(paths, settings), no_cache)
    _print(outcome.diagnostics)
    _summarise(outcome.diagnostics)
    for folder, notes in outcome.decks:
        _detail(f"{folder}: {notes} note(s)")
    if outcome.ok:
        _say(f"ok: {len(outcome.decks)} deck(s), {outcome.notes} note(s)", err=True)
    return EXIT_OK if outcome.ok else EXIT_CONTENT


@cli.command(name="build")
@_PATHS
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: [tool.ankigen] build, else ./build).",
)
@_NO_CACHE
def build_command(paths: tuple[Path, ...], out_dir: Path | None, no_cache: bool) -> int:
    """Validate and lint, then write one .apkg per deck into the build folder.

    Nothing is written while any error remains; packages are replaced atomically. Importing
    a newer build into Anki updates exactly the notes whose files changed.

    \b
    Examples:
      ankigen build
      ankigen build content/dl-keras --out dist
      ankigen build examples/sample
    """
    from ankigen.app.build import BuildStatus, PackagesNotWritten, run_build
    from ankigen.app.options import ConfigError

    settings = load_settings(Path.cwd())
    targets = _targets(paths, settings)
    progress = None
    if _verbosity() >= 0:
        from ankigen.pipeline.progress import (
            TerminalProgress,  # draws only on a terminal, after 1 s
        )

        progress = TerminalProgress(sys.stderr)
    try:
        outcome = run_build(settings, targets, out_dir or settings.build, no_cache, progress)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    except PackagesNotWritten as error:
        raise click.ClickException(str(error)) from error
    finally:
        if progress is not None:
            progress.close()
    if outcome.status is BuildStatus.UP_TO_DATE:
        _print(outcome.diagnostics)
        _summarise(outcome.diagnostics)
        _say_outputs(outcome)
        _detail(f"up to date in {outcome.seconds:.2f} s: nothing written")
        return EXIT_OK
    if outcome.status is BuildStatus.REFUSED_BY_POLICY:
        _detail(outcome.cache_use)
    else:
        _detail(f"built in {outcome.seconds:.2f} s ({outcome.cache_use})")
    _print(outcome.diagnostics)
    _summarise(outcome.diagnostics)
    if outcome.status in (BuildStatus.REFUSED, BuildStatus.REFUSED_BY_POLICY):
        click.echo("nothing written: fix the errors above", err=True)
        return EXIT_CONTENT
    if outcome.status is BuildStatus.NO_DECKS:
        click.echo("no decks found: a deck is a folder with a deck.yaml", err=True)
        return EXIT_CONTENT
    _say_outputs(outcome)
    for gone in outcome.removed:
        click.echo(
            f"removed from {gone.deck} since the previous build: {gone.text!r} (GUID {gone.guid}); "
            "Anki keeps it in learners' collections until they delete it"
        )
    for warning in outcome.warnings:
        click.echo(warning, err=True)
    return EXIT_OK


def _say_outputs(outcome: BuildOutcome) -> None:
    for output in outcome.outputs:
        verb = "up to date" if output.unchanged else "wrote"
        where = display_path(output.path, Path.cwd())
        _say(f"{verb} {where}: {output.notes} notes, {output.cards} cards")


@cli.command(name="lint")
@_PATHS
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="text (with source lines), concise, json, github (annotations) or sarif.",
)
@click.option("--select", default="", help="Only these rule codes or prefixes (comma-separated).")
@click.option("--ignore", default="", help="Skip these rule codes or prefixes (comma-separated).")
@click.option("--fix", "fix", is_flag=True, help="Apply safe fixes, re-linting until stable.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how often each code was found, most frequent first: only this table, unless "
    "--format is given too.",
)
@_NO_CACHE
def lint_command(
    paths: tuple[Path, ...],
    output_format: str,
    select: str,
    ignore: str,
    fix: bool,
    statistics: bool,
    no_cache: bool,
) -> int:
    """Check content against the rule catalog (see `ankigen rules`).

    The whole content folder is always linted, so that rules across files (duplicates) see
    everything; only problems in PATHS are reported when PATHS are given.

    \b
    Examples:
      ankigen lint
      ankigen lint content/dl-keras --select AG110,AG111 --fix
      ankigen lint --format github        # annotations in GitHub Actions
      ankigen lint --format sarif > ankigen.sarif
      ankigen lint --statistics           # which codes, how often
    """
    settings = load_settings(Path.cwd())
    if not paths:
        _require_content(settings)
    targets = [*paths, settings.content] if settings.content.is_dir() else list(paths)
    from ankigen.app.lint import LintRequest, run_lint
    from ankigen.app.options import ConfigError

    request = LintRequest(targets, paths, select, ignore, fix, no_cache)
    try:
        outcome = run_lint(settings, request)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    if outcome.run is not None:
        _detail(outcome.run.cache_use)
        for path, count in outcome.run.fixed:
            _say(f"fixed {count} problem(s) in {display_path(path, Path.cwd())}", err=True)
    reported = outcome.reported
    format_given = _given("output_format")
    if format_given or not statistics:
        _print(reported, output_format)
    if statistics:
        _print_statistics(reported)
    if output_format in ("text", "concise"):
        _summarise(reported)
    errors, _ = severity_counts(reported)
    return EXIT_CONTENT if errors else EXIT_OK


def _given(parameter: str) -> bool:
    """Whether the user gave ``parameter`` on the command line (not its default)."""
    from click.core import ParameterSource

    source = click.get_current_context().get_parameter_source(parameter)
    return source not in (None, ParameterSource.DEFAULT)


def _print_statistics(diagnostics: list[Diagnostic]) -> None:
    """How often each code was found: the most frequent first, then by code."""
    from ankigen.codes import check_label
    from ankigen.lint.registry import RULES_BY_CODE

    counts = Counter(d.code for d in diagnostics)
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        name = RULES_BY_CODE[code].name if code in RULES_BY_CODE else check_label(code)
        click.echo(f"{count:>5}  {code}  {name}")


@cli.command(name="rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown writes the page docs/rules.md is generated from.",
)
def rules_command(output_format: str) -> int:
    """List the lint rules: code, name, severity and summary."""
    from ankigen.lint.docs import rules_markdown
    from ankigen.lint.registry import ALL_RULES

    if output_format == "markdown":
        click.echo(rules_markdown(), nl=False)
        return EXIT_OK
    for rule in ALL_RULES:
        fix = " (fixable)" if rule.fixable else ""
        click.echo(f"{rule.code}  {rule.name:<30} {rule.severity.value:<8} {rule.summary}{fix}")
    return EXIT_OK


@cli.command(name="schema")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the schema files (default: schemas/ next to pyproject.toml).",
)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if files are out of date."
)
def schema_command(out_dir: Path | None, check_only: bool) -> int:
    """Export JSON Schemas of note front matter and deck.yaml for editors."""
    from ankigen.source.schema import stale_schemas, write_schemas

    folder = out_dir or load_settings(Path.cwd()).root / "schemas"
    if check_only:
        stale = stale_schemas(folder)
        for path in stale:
            click.echo(f"{display_path(path, Path.cwd())}: out of date; run 'ankigen schema'")
        return EXIT_CONTENT if stale else EXIT_OK
    for path in write_schemas(folder):
        _say(f"wrote {display_path(path, Path.cwd())}")
    return EXIT_OK


@cli.command(name="new")
@click.argument("deck", type=click.Path(file_okay=False, path_type=Path))
@click.argument("question")
@click.option(
    "--type",
    "note_type",
    type=click.Choice(NOTE_TYPES),
    default=NOTE_TYPES[0],
    show_default=True,
)
def new_command(deck: Path, question: str, note_type: str) -> int:
    """Scaffold a valid note in DECK (a deck folder, or a deck slug under the content folder).

    The id comes from the question and is made unique in the deck; the answer is a TODO
    that `ankigen lint` reports until it is written. A deck that does not exist yet is
    created, with a deck.yaml whose name comes from its slug. Inside a deck folder, DECK
    can be `.`.

    \b
    Examples:
      ankigen new dl-keras "What does model.summary() print?"
      ankigen new content/dl-fundamentals "GAN parts" --type cloze
      ankigen new . "What is an epoch?"
    """
    from ankigen.source.model import NoteType
    from ankigen.tools.scaffold import ScaffoldError, create_deck, new_note, remove_new_deck

    folder = _deck_folder(deck)
    cwd = Path.cwd()
    try:
        created = None if folder.exists() else create_deck(folder)
        try:
            path = new_note(folder, question, NoteType(note_type))
        except ScaffoldError:
            if created is not None:
                remove_new_deck(folder)  # nothing written half-way
            raise
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    if created is not None:
        _say(
            f"created deck {display_path(folder, cwd)}: {display_path(created, cwd)} names it "
            f"{_deck_name(created)!r}; edit its name and description"
        )
    _say(f"wrote {display_path(path, cwd)}")
    return EXIT_OK


def _deck_folder(deck: Path) -> Path:
    """DECK as a folder: itself when it exists or is a path, else a slug under the content
    folder."""
    if deck.is_dir() or len(deck.parts) > 1:
        return deck
    return load_settings(Path.cwd()).content / deck.name


def _deck_name(deck_yaml: Path) -> str:
    from ankigen.tools.scaffold import deck_name_from_slug

    return deck_name_from_slug(deck_yaml.parent.name)


@cli.command(name="init")
@click.argument(
    "folder",
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
)
@click.option(
    "--deck-name", help="The first deck's Anki name (default: from --deck, else My Deck)."
)
@click.option("--deck", "deck_slug", help="The first deck's folder slug (default: from the name).")
@click.option("--force", is_flag=True, help="Overwrite files that exist already.")
def init_command(folder: Path, deck_name: str | None, deck_slug: str | None, force: bool) -> int:
    """Start a deck repository in FOLDER (default: here): settings, a first deck, CI.

    Writes pyproject.toml ([tool.ankigen]), .gitignore (build/), content/<deck>/ with a
    deck.yaml and one example note, the GitHub Actions workflow and a pre-commit
    config. Existing files are listed and left alone (nothing is written) unless --force;
    an existing .gitignore gets build/ appended. `ankigen build` works right after.

    \b
    Examples:
      ankigen init
      ankigen init my-decks --deck-name "Deep Learning::Keras" --deck dl-keras
    """
    from ankigen.tools.init import InitError, deck_identity, init_repository

    try:
        slug, name = deck_identity(deck_name, deck_slug)
        result = init_repository(folder, slug, name, force)
    except InitError as error:
        raise click.ClickException(str(error)) from None
    cwd = Path.cwd()
    for path in result.written:
        _say(f"wrote {display_path(path.resolve(), cwd)}")
    if result.gitignore == "extended":
        _say("added /build/ to the existing .gitignore")
    for line in _next_steps(folder, slug):
        _say(line)
    return EXIT_OK


def _next_steps(folder: Path, slug: str) -> list[str]:
    steps = ["next:"]
    if folder.resolve() != Path.cwd().resolve():
        steps.append(f"  cd {shlex.quote(str(folder))}")
    resolved = folder.resolve()
    if not any((parent / ".git").exists() for parent in (resolved, *resolved.parents)):
        steps.append("  git init && git add -A && git commit -m 'Start the decks'")
    steps += [
        f'  ankigen new {slug} "Your question?"   # then write its answer',
        "  ankigen build                          # -> build/*.apkg, import into Anki",
        "  pip install pre-commit && pre-commit install   # lint on every commit",
        "  ankigen docs                           # the documentation, offline",
    ]
    return steps


@cli.command(name="docs")
@click.argument("topic", required=False)
def docs_command(topic: str | None) -> int:
    """Print ankigen's documentation (packaged, works offline); list the topics without TOPIC.

    \b
    Examples:
      ankigen docs
      ankigen docs format
      ankigen docs rules | less
    """
    from ankigen.tools.manual import NO_DOCS, doc_text, topics

    available = topics()
    if not available:
        raise click.ClickException(NO_DOCS)
    if topic is None:
        width = max(len(name) for name in available)
        for name, title in available.items():
            click.echo(f"{name:<{width}}  {title}")
        return EXIT_OK
    if topic not in available:
        raise click.UsageError(
            f"no documentation topic '{topic}': choose one of {', '.join(available)}"
        )
    click.echo(doc_text(topic), nl=False)
    return EXIT_OK


@cli.command(name="preview")
@_PATHS
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: <build folder>/preview).",
)
def preview_command(paths: tuple[Path, ...], out_dir: Path | None) -> int:
    """Write a static HTML preview of every card, rendered with the note types' templates.

    Cards look exactly as Anki renders them (one page per cloze deletion), with a search,
    tag filter and a light/night toggle. See docs/preview.md for MathJax.

    \b
    Examples:
      ankigen preview
      ankigen preview examples/sample --out /tmp/preview
    """
    from ankigen.pipeline.check import check
    from ankigen.tools.preview import write_preview

    settings = load_settings(Path.cwd())
    result = check(_targets(paths, settings))
    _print(result.diagnostics)
    if not result.ok:
        _summarise(result.diagnostics)
        return EXIT_CONTENT
    written = write_preview(result, out_dir or settings.build / "preview")
    _print(written.warnings)  # SVG images that vanish in night mode
    _say(f"wrote {display_path(written.index, Path.cwd())}")
    return EXIT_OK


@cli.command(name="changes")
@_PATHS
@click.option("--base", default="HEAD", show_default=True, help="Git revision to compare with.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
def changes_command(paths: tuple[Path, ...], base: str, output_format: str) -> int:
    """List notes added, changed and removed since a git revision, per deck.

    Removed notes come with an Anki search a learner can paste to find them.

    \b
    Examples:
      ankigen changes --base origin/main            # for a pull request comment
      ankigen changes --base v1.0 --format json
    """
    from ankigen.tools.changes import ChangesError, compare, to_json, to_markdown

    settings = load_settings(Path.cwd())
    try:
        report = compare(base, _targets(paths, settings))
    except ChangesError as error:
        raise click.UsageError(str(error)) from None
    click.echo(to_markdown(report) if output_format == "markdown" else to_json(report), nl=False)
    return EXIT_OK


F = TypeVar("F", bound=Callable[..., Any])


def _import_options(command: F) -> F:
    """FILE, --deck, --out and --force, shared by every importer."""
    decorators = (
        click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path)),
        click.option("--deck", "deck_slug", required=True, help="Deck folder slug to write into."),
        click.option(
            "--out",
            "out_dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Content folder (default: [tool.ankigen] content).",
        ),
        click.option("--force", is_flag=True, help="Overwrite notes edited since the import."),
    )
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


@cli.group(name="import")
def import_group() -> None:
    """Turn existing content (a Q&A article, an Anki deck) into ankigen notes."""


@import_group.command(name="article")
@_import_options
def import_article_command(file: Path, deck_slug: str, out_dir: Path | None, force: bool) -> int:
    """Write one draft note per question of a Markdown or text Q&A article, then lint them.

    \b
    Examples:
      ankigen import article interview-questions.md --deck dl-interview
    """
    from ankigen.tools.importers.article import import_article

    def import_and_summarise(file: Path, deck_folder: Path, force: bool) -> ImportReport:
        report = import_article(file, deck_folder, force)
        for line in report.summary:  # "found N questions, imported M, rejected K"
            click.echo(line, err=True)
        return report

    return _run_import(import_and_summarise, file, deck_slug, out_dir, force)


@import_group.command(name="apkg")
@_import_options
def import_apkg_command(file: Path, deck_slug: str, out_dir: Path | None, force: bool) -> int:
    """Write one note per note of an Anki package, keeping GUIDs, tags and media, then lint.

    \b
    Examples:
      ankigen import apkg "My Deck.apkg" --deck my-deck
    """
    from ankigen.tools.importers.apkg import import_apkg

    return _run_import(import_apkg, file, deck_slug, out_dir, force)


def _run_import(
    importer: Callable[[Path, Path, bool], ImportReport],
    file: Path,
    deck_slug: str,
    out_dir: Path | None,
    force: bool,
) -> int:
    from ankigen.lint.runner import lint
    from ankigen.pipeline.check import check
    from ankigen.source.discover import SLUG
    from ankigen.tools.importers.report import ImportError_

    if not SLUG.match(deck_slug):  # a path such as ../../x would write outside the content
        raise click.ClickException(
            f"--deck {deck_slug!r} is not a deck folder slug: use lowercase letters, digits "
            "and '-' (the folder is created inside the content folder)"
        )
    settings = load_settings(Path.cwd())
    deck_folder = (out_dir or settings.content) / deck_slug
    try:
        report = importer(file, deck_folder, force)
    except ImportError_ as error:
        raise click.ClickException(str(error)) from None
    cwd = Path.cwd()
    for path in report.written:
        _say(f"wrote {display_path(path, cwd)}")
    for path, reason in report.skipped:
        click.echo(f"skipped {display_path(path, cwd)}: {reason}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    result = lint(check([deck_folder]), _lint_config(settings))
    _print(result.diagnostics, "concise")
    _summarise(result.diagnostics)
    return EXIT_OK


@cli.command(name="sync")
@_PATHS
@click.option("--profile", help="Anki profile to sync into (needed when there are several).")
@click.option(
    "--base",
    type=click.Path(file_okay=False, path_type=Path),
    help="Anki's data folder (default: $ANKI_BASE, else the system's Anki2 folder).",
)
@click.option(
    "--collection",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A collection file to sync into, instead of a profile's.",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@click.option("--no-build", is_flag=True, help="Import the packages already in the build folder.")
@_NO_CACHE
@click.pass_context
def sync_command(
    context: click.Context,
    paths: tuple[Path, ...],
    profile: str | None,
    base: Path | None,
    collection: Path | None,
    dry_run: bool,
    no_build: bool,
    no_cache: bool,
) -> int:
    """Build, then import every deck into a local Anki profile (close Anki first).

    Needs the official anki package (pip install 'ankigen[sync]'). Notes are updated as
    File → Import updates them; a copy of the collection is kept next to it. See docs/sync.md.

    \b
    Examples:
      ankigen sync --dry-run
      ankigen sync --profile "User 1"
      ankigen sync content/dl-keras --collection ~/anki/collection.anki2
    """
    from ankigen.tools import sync

    settings = load_settings(Path.cwd())
    try:
        target = sync.prepare(base, profile, collection)
        if not no_build:
            built = context.invoke(build_command, paths=paths, out_dir=None, no_cache=no_cache)
            if built != EXIT_OK:
                return int(built)
        packages = sync.packages_for(_targets(paths, settings), settings.build)
        result = sync.sync_packages(packages, target, dry_run)
    except sync.SyncError as error:
        if error.usage:
            raise click.UsageError(str(error)) from None
        raise click.ClickException(str(error)) from None
    for line in sync.summary_lines(result):
        _say(line)
    for line in sync.warning_lines(result):
        click.echo(line, err=True)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (tests call this directly)."""
    from ankigen.app.options import collect_rarely, skip_exit_collection

    collect_rarely()  # before a command imports the rules
    try:
        return _run(argv)
    finally:
        if argv is None:  # the process ends next (tests call ``main`` with arguments)
            skip_exit_collection()


def _run(argv: list[str] | None) -> int:
    try:
        code = cli.main(args=argv, prog_name="ankigen", standalone_mode=False)
    except click.UsageError as error:
        error.show()
        return EXIT_USAGE
    except SettingsError as error:
        click.echo(f"Error: {error}", err=True)
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
