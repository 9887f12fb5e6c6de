"""``annotator install-desktop``: the menu entry, the icon and the ``.annotator`` file type.

Copies the files of ``packaging/linux`` (shipped inside the wheel and the bundle) and the icon
sizes into the XDG data folder (``~/.local/share`` for the user, ``/usr/local/share`` for
everyone), then refreshes the desktop, MIME and icon caches with the tools that are installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import click

from annotator.bundled import APP_ICON_SIZES, app_icon_png, packaging_path, resource_path

DESKTOP = "annotator.desktop"
METAINFO = "io.github.annotator.Annotator.metainfo.xml"
MIME_XML = "annotator-mime.xml"
SYSTEM_DATA_HOME = Path("/usr/local/share")


def user_data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share when it is unset or empty (XDG Base Directory spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value else Path.home() / ".local" / "share"


def desktop_files() -> dict[Path, Path]:
    """Where each shipped file goes, relative to the data folder -> the shipped file."""
    files = {
        Path("applications", DESKTOP): packaging_path(DESKTOP),
        Path("metainfo", METAINFO): packaging_path(METAINFO),
        Path("mime", "packages", "annotator.xml"): packaging_path(MIME_XML),
        Path("icons/hicolor/scalable/apps/annotator.svg"): resource_path("icons", "annotator.svg"),
    }
    for size in APP_ICON_SIZES:
        files[Path("icons", "hicolor", f"{size}x{size}", "apps", "annotator.png")] = app_icon_png(
            size
        )
    return files


def install(data_home: Path) -> list[Path]:
    """Copy the files into ``data_home``; return the written paths. The desktop entry of a
    PyInstaller bundle starts the bundle's own executable (it is on no PATH)."""
    written = []
    for part, source in desktop_files().items():
        target = data_home / part
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    if getattr(sys, "frozen", False):
        _point_at(data_home / "applications" / DESKTOP, Path(sys.executable))
    return written


def _point_at(desktop: Path, executable: Path) -> None:
    lines = desktop.read_text("utf-8").splitlines()
    fixed = [
        f"Exec={executable} gui %f" if line.startswith("Exec=")
        else f"TryExec={executable}" if line.startswith("TryExec=")
        else line
        for line in lines
    ]  # fmt: skip
    desktop.write_text("\n".join(fixed) + "\n", "utf-8")


def refresh_caches(data_home: Path) -> list[str]:
    """Run the cache tools that are installed; return the commands run (those missing are
    skipped: the desktop finds the files anyway, a little later)."""
    commands = [
        ["update-desktop-database", str(data_home / "applications")],
        ["update-mime-database", str(data_home / "mime")],
        ["gtk-update-icon-cache", "-f", "-t", str(data_home / "icons" / "hicolor")],
    ]
    ran = []
    for command in commands:
        if shutil.which(command[0]):
            subprocess.run(command, check=False, capture_output=True)
            ran.append(command[0])
    return ran


@click.command(name="install-desktop")
@click.option(
    "--user/--system",
    default=True,
    help="For you in $XDG_DATA_HOME (~/.local/share, the default) or for everyone in"
    " /usr/local/share.",
)
def install_desktop(user: bool) -> None:
    """Add Annotator to the applications menu, with its icon, and open .annotator files with it."""
    data_home = user_data_home() if user else SYSTEM_DATA_HOME
    try:
        written = install(data_home)
    except OSError as exc:
        raise click.ClickException(f"could not install into {data_home}: {exc}") from exc
    click.echo(f"installed {len(written)} files into {data_home}")
    for tool in refresh_caches(data_home):
        click.echo(f"ran {tool}")
