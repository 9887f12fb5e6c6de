"""The toolbar and menu icons: stroke SVGs in ``resources/icons`` drawn in ``currentColor``.

An icon is drawn when Qt asks for it, with ``currentColor`` replaced by the application palette's
text colour (the disabled text colour for a disabled action), so one set serves the light and the
dark theme and a theme switch recolours every icon already in a menu or on the toolbar.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QIconEngine, QImage, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from annotator.bundled import APP_ICON_SIZES, app_icon_png, resource_path

ICON_NAMES = (
    "open", "save-copy", "import", "export", "undo", "redo", "search", "tag-all",
    "statistics", "claims", "registry", "preferences", "new-project",
)  # fmt: skip

# action id (gui/action_table.py) -> icon; the registry gives an action its icon from here.
ACTION_ICONS = {
    "new": "new-project", "open": "open", "savecopy": "save-copy", "import": "import",
    "export": "export", "undo": "undo", "redo": "redo", "find": "search", "search": "search",
    "tagall": "tag-all", "statistics": "statistics", "claims": "claims", "actors": "registry",
    "preferences": "preferences",
}  # fmt: skip


def icon(name: str) -> QIcon:
    """The icon ``name`` (one of ICON_NAMES), drawn in the application palette's text colour."""
    return QIcon(_ThemedIconEngine(name))


def action_icon(action_id: str) -> QIcon | None:
    """The icon of the action ``action_id``, or None for an action without one."""
    name = ACTION_ICONS.get(action_id)
    return icon(name) if name else None


def app_icon() -> QIcon:
    """The application's own icon (coloured, not themed), from the checked-in PNG sizes."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        result.addFile(str(app_icon_png(size)))
    return result


def ink(mode: QIcon.Mode, palette: QPalette | None = None) -> str:
    """The colour an icon is drawn in, in ``mode``, with ``palette`` (the application's)."""
    palette = palette or QGuiApplication.palette()
    group = (
        QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    )
    return palette.color(group, QPalette.ColorRole.WindowText).name()


class _ThemedIconEngine(QIconEngine):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return QPixmap.fromImage(_render(self.name, ink(mode), size.width(), size.height()))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.drawPixmap(rect, self.pixmap(rect.size(), mode, state))

    def clone(self) -> QIconEngine:
        return _ThemedIconEngine(self.name)


@cache
def _svg(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text("utf-8")


@cache
def _render(name: str, color: str, width: int, height: int) -> QImage:
    svg = _svg(name).replace("currentColor", color)
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    side = min(width, height)
    renderer.render(painter, QRectF((width - side) / 2, (height - side) / 2, side, side))
    painter.end()
    return image
