"""The PyInstaller bundle (issue #14 item 1): built and smoke-tested only with ANNOTATOR_SLOW=1
(the build takes minutes); its excludes are checked against the app's imports every run."""

from __future__ import annotations

import ast
import os
import runpy
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMON = runpy.run_path(str(ROOT / "packaging" / "annotator_spec_common.py"))
OPTIONAL = {"spacy"}  # the .spacy export imports it when used and asks to `pip install spacy`


def imported_by_the_app() -> set[str]:
    names = set()
    for path in (ROOT / "annotator").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
                names.add(node.module)
    return names


def test_the_bundle_excludes_nothing_the_app_imports() -> None:
    imported = imported_by_the_app()
    excluded = set(COMMON["EXCLUDES"]) - OPTIONAL
    clashes = {
        name for name in imported
        if any(name == x or name.startswith(x + ".") for x in excluded)
    }  # fmt: skip
    assert clashes == set()
    assert "matplotlib" not in COMMON["EXCLUDES"], "the statistics dialog draws with matplotlib"


def test_the_specs_ship_the_resources_and_desktop_files() -> None:
    sources = {Path(source).relative_to(ROOT).as_posix() for source, _ in COMMON["DATAS"]}
    assert sources == {"resources", "packaging/linux"}
    for os_name in ("linux", "windows", "macos"):
        spec = (ROOT / "packaging" / f"annotator-{os_name}.spec").read_text("utf-8")
        assert "annotator_spec_common.py" in spec
        compile(spec, f"annotator-{os_name}.spec", "exec")


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("ANNOTATOR_SLOW") != "1",
    reason="builds the PyInstaller bundle (minutes): run with ANNOTATOR_SLOW=1",
)
def test_the_bundle_builds_and_passes_the_smoke_test() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    for script in ("build-bundle.sh", "smoke-bundle.sh"):
        done = subprocess.run(
            ["bash", str(ROOT / "packaging" / script)], cwd=ROOT, env=env,
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"
    assert "smoke: passed" in done.stdout
