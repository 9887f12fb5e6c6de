"""The icon set (issue #14 item 7): every icon exists, is a stroke drawing in currentColor, and
is drawn in the palette's text colour, so the dark theme gets light icons."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from annotator.bundled import resource_path
from annotator.gui.icons import ICON_NAMES, app_icon, icon
from annotator.gui.reading import dark_palette


def ink(qicon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The opaque colours of the icon's 24-pixel image."""
    image = qicon.pixmap(QSize(24, 24), mode).toImage()
    colors = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                colors.add(pixel.name())
    return colors


@pytest.mark.parametrize("name", ICON_NAMES)
def test_each_icon_is_a_stroke_drawing_in_current_color(name: str) -> None:
    svg = resource_path("icons", f"{name}.svg").read_text("utf-8")
    assert 'stroke="currentColor"' in svg
    assert not re.search(r"#[0-9a-fA-F]{3,6}", svg), "a fixed colour would not follow the theme"


def test_icons_take_the_palettes_text_colour(qapp: QApplication) -> None:
    light = QPalette(qapp.style().standardPalette())
    light.setColor(QPalette.ColorRole.WindowText, QColor("#101010"))
    dark = dark_palette()
    dark_text = dark.color(QPalette.ColorRole.WindowText).name()
    for name in ICON_NAMES:
        assert ink(icon(name, light)) == {"#101010"}, name
        assert ink(icon(name, dark)) == {dark_text}, name
    disabled = dark.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    assert ink(icon("open", dark), QIcon.Mode.Disabled) == {disabled}


def test_the_default_palette_is_the_applications(qapp: QApplication) -> None:
    before = qapp.palette()
    try:
        qapp.setPalette(dark_palette())
        text = dark_palette().color(QPalette.ColorRole.WindowText).name()
        assert ink(icon("undo")) == {text}
    finally:
        qapp.setPalette(before)


def test_the_app_icon_has_every_size_from_16_to_512(qapp: QApplication) -> None:
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(n, n) for n in (16, 24, 32, 48, 64, 128, 256, 512)} <= sizes
