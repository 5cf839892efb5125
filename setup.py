"""Build hook (the metadata is in pyproject.toml): a wheel carries docs/*.md in
ankigen/data/docs, so that `ankigen docs` works offline after `pip install ankigen`.

docs/ stays the one source: the pages are copied while the wheel is built, never committed
twice. A checkout or an editable install reads docs/ directly (ankigen/tools/manual.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DOCS = Path(__file__).resolve().parent / "docs"


class BuildPyWithDocs(build_py):
    """build_py, then the documentation pages into the built package."""

    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "ankigen" / "data" / "docs"
        target.mkdir(parents=True, exist_ok=True)
        for page in sorted(DOCS.glob("*.md")):
            shutil.copyfile(page, target / page.name)


setup(cmdclass={"build_py": BuildPyWithDocs})
