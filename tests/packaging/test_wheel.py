"""The wheel (issue #14 item 1): ``python -m build`` makes one that installs into a fresh venv
(no system site-packages; pip resolves the dependencies, PySide6 included, from the registry or
its cache) and puts ``annotator`` on that venv's PATH, with the sample article, the icons and the
desktop files inside. About 35 s with a warm pip cache, so the suite runs it (marked slow)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def run(args: list[str | Path], cwd: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env={**clean, **env},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_wheel_installs_into_a_fresh_venv_and_runs(tmp_path: Path) -> None:
    pytest.importorskip("build", reason="the test extra's `build` builds the wheel")
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT], cwd=tmp_path)
    (wheel,) = dist.glob("annotator-*.whl")
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], cwd=tmp_path)

    assert run([bin_dir / "annotator", "--version"], cwd=tmp_path).startswith("annotator, version")
    sample = run(
        [bin_dir / "python", "-c",
         "from annotator.services.default_project import sample_article_path as p; print(p())"],
        cwd=tmp_path,
    ).strip()  # fmt: skip
    assert Path(sample).is_relative_to(venv), "the sample article must come from the wheel"
    data = tmp_path / "xdg"
    out = run([bin_dir / "annotator", "install-desktop"], cwd=tmp_path, XDG_DATA_HOME=str(data))
    assert f"installed 12 files into {data}" in out
    assert (data / "applications" / "annotator.desktop").is_file()
