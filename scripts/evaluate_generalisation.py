"""Measure the linter and the article importer on held-out material (issue #12).

Two sets, both written or collected by someone other than the rule authors:

* ``tests/fixtures/unseen/<family>.yml``: notes that each carry exactly one error of a family
  (with the body line of the error), and ``correct.yml``, ordinary notes that must get no
  error-level finding. Recall per family = positives with a finding of the family's codes on
  the expected line (±1).
* ``tests/fixtures/real/manifest.yml``: real interview Q&A documents from the web with the
  number of questions counted by hand. Each is imported with ``ankigen import article``; every
  lint finding on the imported notes goes to ``tests/fixtures/real/findings.yaml`` for a human
  to label (``true: yes/no``); labels already there are kept.

Usage::

    .venv/bin/python scripts/evaluate_generalisation.py [-v] [--no-real] [--no-write]

The output is deterministic: sorted, no timings, no temporary paths.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

REPO = Path(__file__).resolve().parent.parent
UNSEEN = REPO / "tests" / "fixtures" / "unseen"
REAL = REPO / "tests" / "fixtures" / "real"
FINDINGS = REAL / "findings.yaml"
CORRECT_FAMILY = "correct"
LINE_TOLERANCE = 1
DECK_YAML = (
    'name: "Held-out evaluation"\n'
    "sources:\n"
    "  src:\n"
    "    title: Held-out evaluation notes\n"
    "    publisher: ankigen\n"
)
# The smallest valid PNG (one pixel, transparent): what a local image reference gets in the deck.
PLACEHOLDER_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b4944415478da63"
    "6000020000050001e9fadcd80000000049454e44ae426082"
)


# --------------------------------------------------------------------------- unseen notes


@dataclass(frozen=True)
class Case:
    family: str
    id: str
    body: str
    type: str = "basic"
    line: int = 0  # 0 for correct notes
    also: tuple[int, ...] = ()

    @property
    def note_id(self) -> str:
        """The fixture's id as a valid note id (lowercase letters, digits and '-'): an
        evaluator may name a case 's12-py-undefined-Y', which ankigen rightly refuses as an
        id (AG012), a finding of the wrapping and not of the note's body."""
        return re.sub(r"[^a-z0-9]+", "-", self.id.lower()).strip("-") or "note"

    @property
    def header(self) -> str:
        return f"---\nid: {self.note_id}\ntype: {self.type}\n---\n"

    @property
    def accepted_lines(self) -> frozenset[int]:
        lines: set[int] = set()
        for target in (self.line, *self.also):
            lines.update(range(target - LINE_TOLERANCE, target + LINE_TOLERANCE + 1))
        return frozenset(lines)


@dataclass(frozen=True)
class Family:
    name: str
    title: str
    codes: tuple[str, ...]
    cases: tuple[Case, ...]


@dataclass(frozen=True)
class Finding:
    """One diagnostic, located by note id and body line (line 1 = the question heading)."""

    note: str
    line: int
    code: str
    severity: str
    message: str

    def format(self) -> str:
        return f"{self.note}:{self.line}: {self.code} [{self.severity}] {self.message}"


@dataclass
class FamilyResult:
    family: Family
    caught: list[Case] = field(default_factory=list)
    missed: list[tuple[Case, list[Finding]]] = field(default_factory=list)

    @property
    def positives(self) -> int:
        return len(self.family.cases)

    @property
    def recall(self) -> float:
        return len(self.caught) / self.positives if self.positives else 1.0


@dataclass
class CorrectResult:
    notes: int
    errors: list[Finding]
    warnings: list[Finding]


def load_families(folder: Path = UNSEEN) -> list[Family]:
    families = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = str(data["family"])
        cases = tuple(
            Case(
                family=name,
                id=str(case["id"]),
                body=str(case["body"]),
                type=str(case.get("type", "basic")),
                line=int(case.get("line", 0)),
                also=tuple(int(line) for line in case.get("also", ())),
            )
            for case in data["cases"]
        )
        families.append(Family(name, str(data["title"]), tuple(data["codes"]), cases))
    return families


def lint_cases(
    cases: Sequence[Case], deck: str, rules: Sequence[Any] | None = None
) -> dict[str, list[Finding]]:
    """Every finding (structural checks and lint rules) per note id, from a temporary deck
    (``rules``: the lint rules to run, all by default; scripts/stage_histogram.py wraps some)."""
    from ankigen.lint.registry import ALL_RULES
    from ankigen.lint.rule import LintConfig
    from ankigen.lint.runner import documents_of, run_rules
    from ankigen.pipeline.check import check

    with tempfile.TemporaryDirectory(prefix="ankigen-eval-") as temp:
        folder = Path(temp) / "content" / deck
        folder.mkdir(parents=True)
        (folder / "deck.yaml").write_text(DECK_YAML, encoding="utf-8")
        headers = {}
        case_of: dict[str, str] = {}  # note file name -> case id
        for case in cases:
            if case.note_id in case_of:
                raise ValueError(f"{case.id} and {case_of[case.note_id]}: one note id")
            case_of[case.note_id] = case.id
            (folder / f"{case.note_id}.md").write_text(case.header + case.body, encoding="utf-8")
            provide_local_images(case.body, folder)
            headers[case.id] = case.header.count("\n")
        result = check([Path(temp) / "content"])
        diagnostics = list(result.diagnostics)
        diagnostics += run_rules(documents_of(result), LintConfig(), rules or ALL_RULES)
        found: dict[str, list[Finding]] = {case.id: [] for case in cases}
        for diagnostic in diagnostics:
            note = case_of.get(diagnostic.path.stem, "")
            if note not in found:  # deck.yaml and the like
                continue
            found[note].append(
                Finding(
                    note,
                    diagnostic.line - headers[note],
                    diagnostic.code,
                    str(diagnostic.severity),
                    diagnostic.message,
                )
            )
    return {note: sorted(set(items), key=_finding_key) for note, items in found.items()}


def local_image_paths(body: str) -> list[str]:
    """The relative paths of the Markdown images a note shows (remote, absolute and escaping
    paths are left out: those stay errors, as in a real deck)."""
    from markdown_it import MarkdownIt

    paths = set()
    for block in MarkdownIt("commonmark").parse(body):
        for token in block.children or ():
            src = str(token.attrGet("src") or "") if token.type == "image" else ""
            relative = src.split("#", 1)[0].split("?", 1)[0]
            if not relative or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:|^[/\\]", relative):
                continue
            if ".." in Path(relative).parts or "\0" in relative:
                continue
            paths.add(unquote(relative))
    return sorted(paths)


def provide_local_images(body: str, folder: Path) -> None:
    """Put a placeholder file where each local image of the note points. A real deck ships the
    images its notes show; the evaluation deck has only the note text, so without this a
    correct note that shows its figure would get AG040 "image file not found" for the
    harness's missing file, not for anything in the note."""
    for relative in local_image_paths(body):
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(PLACEHOLDER_PNG)


def _finding_key(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.note, finding.line, finding.code, finding.message)


def evaluate_family(family: Family) -> FamilyResult:
    result = FamilyResult(family)
    found = lint_cases(family.cases, family.name)
    for case in family.cases:
        hits = [
            f for f in found[case.id] if f.code in family.codes and f.line in case.accepted_lines
        ]
        if hits:
            result.caught.append(case)
        else:
            result.missed.append((case, found[case.id]))
    return result


def evaluate_correct(family: Family) -> CorrectResult:
    found = lint_cases(family.cases, family.name)
    everything = [f for case in family.cases for f in found[case.id]]
    return CorrectResult(
        len(family.cases),
        [f for f in everything if f.severity == "error"],
        [f for f in everything if f.severity != "error"],
    )


def evaluate_unseen(
    folder: Path = UNSEEN,
) -> tuple[list[FamilyResult], CorrectResult | None]:
    results = []
    correct = None
    for family in load_families(folder):
        if family.name == CORRECT_FAMILY:
            correct = evaluate_correct(family)
        else:
            results.append(evaluate_family(family))
    return results, correct


# --------------------------------------------------------------------------- real articles


@dataclass(frozen=True)
class Article:
    name: str
    file: Path
    expected: int
    questions: tuple[str, ...]


@dataclass
class ArticleResult:
    article: Article
    imported: int
    headings: list[str]
    missing: list[str]
    findings: list[Finding]
    error: str = ""


def load_articles(folder: Path = REAL) -> list[Article]:
    manifest = folder / "manifest.yml"
    if not manifest.exists():
        return []
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    articles = []
    for entry in data["articles"]:
        questions = tuple(str(q) for q in entry["questions"])
        articles.append(
            Article(str(entry["name"]), folder / entry["file"], int(entry["expected"]), questions)
        )
    return sorted(articles, key=lambda a: a.name)


def _comparable(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()


def _heading_of(note_text: str) -> str:
    for line in note_text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _missing_questions(questions: Iterable[str], headings: Iterable[str]) -> list[str]:
    """Expected questions that no imported heading contains (or is contained in)."""
    imported = [_comparable(h) for h in headings]
    missing = []
    for question in questions:
        wanted = _comparable(question)
        if not any(wanted in h or (h and h in wanted) for h in imported):
            missing.append(question)
    return missing


def import_article_quietly(article: Article, content: Path) -> tuple[int, str]:
    """``ankigen import article`` of one document into ``content/<name>`` through the real
    CLI, its printing captured: the exit code and what it printed."""
    from ankigen.cli import main

    output = io.StringIO()
    with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
        code = main(
            ["import", "article", str(article.file), "--deck", article.name, "--out", str(content)]
        )
    return code, output.getvalue()


def evaluate_article(article: Article) -> ArticleResult:
    from ankigen.lint.rule import LintConfig
    from ankigen.lint.runner import documents_of, run_rules
    from ankigen.pipeline.check import check

    with tempfile.TemporaryDirectory(prefix="ankigen-eval-real-") as temp:
        content = Path(temp) / "content"
        deck = content / article.name
        code, printed = import_article_quietly(article, content)
        notes = sorted(deck.glob("*.md")) if deck.exists() else []
        headings = [_heading_of(path.read_text(encoding="utf-8")) for path in notes]
        findings: list[Finding] = []
        if notes:
            result = check([deck])
            diagnostics = list(result.diagnostics) + run_rules(documents_of(result), LintConfig())
            for d in diagnostics:
                if d.path.suffix == ".md":
                    findings.append(
                        Finding(d.path.stem, d.line, d.code, str(d.severity), d.message)
                    )
        error = "" if code == 0 else _last_line(printed)
    return ArticleResult(
        article,
        len(notes),
        headings,
        _missing_questions(article.questions, headings),
        sorted(set(findings), key=_finding_key),
        error,
    )


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "import failed"


def _label_key(entry: dict[str, Any]) -> tuple[str, str, int, str, str]:
    return (
        str(entry["article"]),
        str(entry["note"]),
        int(entry["line"]),
        str(entry["code"]),
        str(entry["message"]),
    )


def load_labels(path: Path = FINDINGS) -> dict[tuple[str, str, int, str, str], bool | None]:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {_label_key(entry): _label(entry) for entry in data.get("findings", [])}


def _label(entry: dict[Any, Any]) -> bool | None:
    """The ``true`` label; a hand-written ``true: yes`` makes YAML read the key as a boolean."""
    value = entry.get("true", entry.get(True))
    return None if value is None else bool(value)


def findings_document(
    results: Sequence[ArticleResult], labels: dict[tuple[str, str, int, str, str], bool | None]
) -> str:
    entries = []
    for result in results:
        for f in result.findings:
            entry: dict[str, Any] = {
                "article": result.article.name,
                "note": f.note,
                "line": f.line,
                "code": f.code,
                "severity": f.severity,
                "message": f.message,
            }
            entry["true"] = labels.get(_label_key(entry))
            entries.append(entry)
    header = (
        "# Every lint finding on the imported real articles (scripts/evaluate_generalisation.py).\n"
        "# Label each one by hand: true: yes (a real problem of the card) or no (a false\n"
        "# finding). Labels are kept when the script rewrites this file.\n"
    )
    body = yaml.safe_dump({"findings": entries}, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def labelled_share(
    results: Sequence[ArticleResult], labels: dict[tuple[str, str, int, str, str], bool | None]
) -> tuple[int, int]:
    """(true, labelled) over the current findings that carry a label."""
    true = labelled = 0
    for result in results:
        for f in result.findings:
            key = (result.article.name, f.note, f.line, f.code, f.message)
            label = labels.get(key)
            if label is None:
                continue
            labelled += 1
            true += bool(label)
    return true, labelled


# --------------------------------------------------------------------------- report


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "n/a"


def report_unseen(
    results: Sequence[FamilyResult], correct: CorrectResult | None, verbose: bool
) -> list[str]:
    lines = ["Unseen notes: recall per family (a finding of the family's codes on the line ±1)", ""]
    lines.append(f"| {'family':<18} | {'codes':<27} | positives | caught | recall |")
    lines.append(f"|{'-' * 20}|{'-' * 29}|-----------|--------|--------|")
    total = caught = 0
    for r in results:
        codes = ", ".join(r.family.codes)
        lines.append(
            f"| {r.family.name:<18} | {codes:<27} | {r.positives:>9} | {len(r.caught):>6} "
            f"| {_percent(len(r.caught), r.positives):>6} |"
        )
        total += r.positives
        caught += len(r.caught)
    lines.append(
        f"| {'all':<18} | {'':<27} | {total:>9} | {caught:>6} | {_percent(caught, total):>6} |"
    )
    missed = [(r.family, case, found) for r in results for case, found in r.missed]
    if missed:
        lines += ["", "Missed positives:"]
        for family, case, found in missed:
            seen = ", ".join(sorted({f"{f.code}@{f.line}" for f in found})) or "no finding"
            lines.append(f"  {family.name}/{case.id} (line {case.line}): found {seen}")
            if verbose:
                lines += [f"      {f.format()}" for f in found]
    if correct is not None:
        lines += [
            "",
            f"Correct notes: {correct.notes} notes, {len(correct.errors)} error-level findings, "
            f"{len(correct.warnings)} warnings",
        ]
        lines += [f"  ERROR {f.format()}" for f in correct.errors]
        if verbose:
            lines += [f"  warning {f.format()}" for f in correct.warnings]
        elif correct.warnings:
            by_code: dict[str, int] = {}
            for f in correct.warnings:
                by_code[f.code] = by_code.get(f.code, 0) + 1
            counts = ", ".join(f"{code} x{n}" for code, n in sorted(by_code.items()))
            lines.append(f"  warnings by code: {counts} (-v lists them)")
    return lines


def report_real(
    results: Sequence[ArticleResult],
    labels: dict[tuple[str, str, int, str, str], bool | None],
    verbose: bool,
) -> list[str]:
    lines = ["", "Real articles: questions imported (expected = counted by hand)", ""]
    lines.append(f"| {'article':<34} | expected | imported | findings | errors |")
    lines.append(f"|{'-' * 36}|----------|----------|----------|--------|")
    for r in results:
        errors = sum(f.severity == "error" for f in r.findings)
        lines.append(
            f"| {r.article.name:<34} | {r.article.expected:>8} | {r.imported:>8} "
            f"| {len(r.findings):>8} | {errors:>6} |"
        )
    for r in results:
        if r.error:
            lines.append(f"  {r.article.name}: import failed: {r.error}")
        for question in r.missing:
            lines.append(f"  {r.article.name}: not imported: {question}")
    codes: dict[str, int] = {}
    for r in results:
        for f in r.findings:
            codes[f.code] = codes.get(f.code, 0) + 1
    if codes:
        lines.append(
            "  findings by code: " + ", ".join(f"{c} x{n}" for c, n in sorted(codes.items()))
        )
    if verbose:
        for r in results:
            lines += [f"  {r.article.name}/{f.format()}" for f in r.findings]
    true, labelled = labelled_share(results, labels)
    if labelled:
        lines.append(f"  labelled findings: {labelled}, true: {true} ({_percent(true, labelled)})")
    else:
        lines.append(f"  no finding is labelled yet: label {FINDINGS.relative_to(REPO)}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every finding")
    parser.add_argument("--no-real", action="store_true", help="skip the real articles")
    parser.add_argument(
        "--unseen",
        type=Path,
        default=UNSEEN,
        help="folder of family files to evaluate (default: tests/fixtures/unseen)",
    )
    parser.add_argument("--no-write", action="store_true", help=f"do not rewrite {FINDINGS.name}")
    args = parser.parse_args(argv)
    results, correct = evaluate_unseen(args.unseen)
    lines = report_unseen(results, correct, args.verbose)
    if not args.no_real:
        articles = [evaluate_article(article) for article in load_articles()]
        labels = load_labels()
        if not args.no_write:
            FINDINGS.write_text(findings_document(articles, labels), encoding="utf-8")
        lines += report_real(articles, labels, args.verbose)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
