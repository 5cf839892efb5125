"""The stages' import contracts (``[tool.importlinter]`` in pyproject.toml) hold, checked by
import-linter itself: one package per stage, layered cli > app > tools > pipeline > package >
lint > render > source > cache; inside the pipeline the build over the check over its cache
records; the tools beside the pipeline independent; the shared core importing no stage; the
claim inventory never importing the rules it serves; rules blind to the rendering of notes for
a package. A second test shows the same tool fails on a
package that breaks a layer, so the first cannot pass by accident."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, write

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(config: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(LINT_IMPORTS) if LINT_IMPORTS.exists() else shutil.which("lint-imports") or ""]
    return subprocess.run(
        [*command, "--no-cache", str(config)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def test_the_project_keeps_its_import_contracts() -> None:
    completed = _lint_imports(REPO / "pyproject.toml", REPO)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "7 kept, 0 broken" in completed.stdout


def test_a_lower_layer_importing_a_higher_one_is_refused(tmp_path: Path) -> None:
    write(tmp_path / "shop" / "__init__.py", "")
    write(tmp_path / "shop" / "cli.py", "import shop.model\n")
    write(tmp_path / "shop" / "model.py", "import shop.cli  # the wrong way round\n")
    config = write(
        tmp_path / "contracts.toml",
        '[tool.importlinter]\nroot_package = "shop"\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "cli over model"\ntype = "layers"\nlayers = ["shop.cli", "shop.model"]\n',
    )
    completed = _lint_imports(config, tmp_path)
    assert completed.returncode == 1
    assert "0 kept, 1 broken" in completed.stdout and "shop.model -> shop.cli" in completed.stdout
