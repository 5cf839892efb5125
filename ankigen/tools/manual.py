"""`ankigen docs`: the documentation pages (docs/*.md), readable without a network.

docs/ is the one source. A wheel carries a copy made while it is built (setup.py copies the
pages into ankigen/data/docs); a checkout or an editable install reads docs/ itself.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # ankigen/, two levels up from tools/
PACKAGED = PACKAGE / "data" / "docs"
CHECKOUT = PACKAGE.parent / "docs"
NO_DOCS = (
    "the documentation is missing from this installation (no ankigen/data/docs and no docs/ "
    "next to the package): reinstall ankigen"
)


def docs_folder() -> Path | None:
    """Where the pages are: the packaged copy, else the checkout's docs/."""
    for folder in (PACKAGED, CHECKOUT):
        if any(folder.glob("*.md")):
            return folder
    return None


def topics() -> dict[str, str]:
    """Topic name (the page's file name without .md) -> its title, sorted by name."""
    folder = docs_folder()
    if folder is None:
        return {}
    return {page.stem: _title(page) for page in sorted(folder.glob("*.md"))}


def doc_text(topic: str) -> str:
    folder = docs_folder()
    assert folder is not None
    return (folder / f"{topic}.md").read_text(encoding="utf-8")


def _title(page: Path) -> str:
    """The page's first heading, without the '#'."""
    with page.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return ""
