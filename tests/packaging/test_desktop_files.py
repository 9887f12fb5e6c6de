"""Desktop integration (issue #14 item 2): the freedesktop validators accept the files, and
``annotator install-desktop`` puts them where the desktop looks for them."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.bundled import APP_ICON_SIZES as SIZES
from annotator.cli import main

LINUX = Path(__file__).resolve().parents[2] / "packaging" / "linux"


def validator(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (packaging/setup.sh installs it with apt)")
    return path


def test_desktop_file_validate_accepts_the_desktop_entry() -> None:
    run = subprocess.run(
        [validator("desktop-file-validate"), str(LINUX / "annotator.desktop")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error" not in run.stdout


def test_appstreamcli_validates_the_metainfo() -> None:
    run = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net",
         str(LINUX / "io.github.annotator.Annotator.metainfo.xml")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_desktop_entry_opens_project_files() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(LINUX / "annotator.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "annotator gui %f"
    assert section["MimeType"] == "application/x-annotator-project;"
    mime = (LINUX / "annotator-mime.xml").read_text("utf-8")
    assert 'type="application/x-annotator-project"' in mime
    assert '<glob pattern="*.annotator"/>' in mime


def test_install_desktop_writes_the_files_into_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    result = CliRunner().invoke(main, ["install-desktop", "--user"])
    assert result.exit_code == 0, result.output
    assert f"installed {len(SIZES) + 4} files into {data}" in result.output
    desktop = data / "applications" / "annotator.desktop"
    assert desktop.read_bytes() == (LINUX / "annotator.desktop").read_bytes()
    assert (data / "metainfo" / "io.github.annotator.Annotator.metainfo.xml").is_file()
    assert (data / "icons/hicolor/scalable/apps/annotator.svg").is_file()
    for size in SIZES:
        png = data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "annotator.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (data / "mime" / "packages" / "annotator.xml").is_file()


def test_install_desktop_registers_the_file_type_when_the_mime_tools_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    validator("update-mime-database")
    validator("update-desktop-database")
    data = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    result = CliRunner().invoke(main, ["install-desktop"])
    assert "ran update-mime-database" in result.output
    globs = (data / "mime" / "globs2").read_text("utf-8")
    assert "application/x-annotator-project:*.annotator" in globs
    cache = (data / "applications" / "mimeinfo.cache").read_text("utf-8")
    assert "application/x-annotator-project=annotator.desktop;" in cache


def test_the_menu_entry_without_a_file_opens_the_default_project(tmp_path: Path) -> None:
    """``Exec=annotator gui %f`` started from the menu passes no file: the default project."""
    shot = tmp_path / "window.png"
    env = {**os.environ, "PYTHONPATH": str(LINUX.parents[1]), "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-m", "annotator", "gui", "--screenshot", str(shot), "--quit"],
        env=env, capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert Path(os.environ["ANNOTATOR_DEFAULT_PROJECT"]).is_file()
