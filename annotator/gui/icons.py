"""The toolbar and menu icons: stroke SVGs in ``resources/icons`` drawn in ``currentColor``.

At load time ``currentColor`` becomes the palette's text colour, so one set serves the light and
the dark theme. Icons are cached per (name, colour); a palette change gives fresh ones.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from annotator.bundled import APP_ICON_SIZES, app_icon_png, resource_path

ICON_NAMES = (
    "open", "save-copy", "import", "export", "undo", "redo", "search", "tag-all",
    "statistics", "claims", "registry", "preferences", "new-project",
)  # fmt: skip
SIZES = (16, 24, 32, 48)


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """The icon ``name`` (one of ICON_NAMES) in the palette's text colour (the app's by default);
    its disabled state in the palette's disabled text colour."""
    palette = palette or QGuiApplication.palette()
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    return _icon(name, text_color(palette).name(), disabled.name())


def app_icon() -> QIcon:
    """The application's own icon (coloured, not themed), from the checked-in PNG sizes."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        result.addFile(str(app_icon_png(size)))
    return result


@cache
def _icon(name: str, color: str, disabled: str) -> QIcon:
    svg = resource_path("icons", f"{name}.svg").read_text("utf-8")
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_render(svg, color, size), QIcon.Mode.Normal)
        result.addPixmap(_render(svg, disabled, size), QIcon.Mode.Disabled)
    return result


def _render(svg: str, color: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.replace("currentColor", color).encode("utf-8")))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return QPixmap.fromImage(image)


def text_color(palette: QPalette) -> QColor:
    """The colour the icons are drawn in for ``palette``."""
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
