"""Where the files shipped with the app live: one place for the wheel, the bundle and a checkout.

Installed (wheel or PyInstaller bundle) they sit in ``annotator/resources/``; in a source
checkout in ``resources/`` next to the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """The shipped file or folder ``resources/<parts>``; FileNotFoundError names what is missing."""
    for root in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{'/'.join(parts)} is missing from the installation")


def packaging_path(*parts: str) -> Path:
    """A desktop-integration file (``packaging/linux/…``): in the package's ``resources/linux``
    when installed, in ``packaging/linux`` in a checkout."""
    installed = _PACKAGE / "resources" / "linux"
    checkout = _PACKAGE.parent / "packaging" / "linux"
    for root in (installed, checkout):
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"linux/{'/'.join(parts)} is missing from the installation")


APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon_png(size: int) -> Path:
    """The app icon rendered at ``size`` pixels (packaging/render-icons.sh makes them)."""
    return resource_path("icons", "hicolor", f"{size}x{size}", "apps", "annotator.png")
