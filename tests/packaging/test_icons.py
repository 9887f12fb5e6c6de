"""The icon set (issue #14 item 7): every icon exists, is a stroke drawing in currentColor, and
is drawn in the application palette's text colour, so the dark theme gets light icons."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from annotator.bundled import APP_ICON_SIZES, resource_path
from annotator.gui.icons import ACTION_ICONS, ICON_NAMES, app_icon, icon
from annotator.gui.reading import dark_palette


def colours(qicon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The opaque colours of the icon's 24-pixel image (anti-aliased edges left out)."""
    image = qicon.pixmap(QSize(24, 24), mode).toImage()
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() == 255:
                found.add(pixel.name())
    return found


@pytest.fixture
def palette_restored(qapp: QApplication):  # type: ignore[no-untyped-def]
    before = QPalette(qapp.palette())
    yield qapp
    qapp.setPalette(before)


@pytest.mark.parametrize("name", ICON_NAMES)
def test_each_icon_is_a_stroke_drawing_in_current_color(name: str) -> None:
    svg = resource_path("icons", f"{name}.svg").read_text("utf-8")
    assert 'stroke="currentColor"' in svg
    assert not re.search(r"#[0-9a-fA-F]{3,6}", svg), "a fixed colour would not follow the theme"


def test_every_mapped_action_icon_exists() -> None:
    assert set(ACTION_ICONS.values()) <= set(ICON_NAMES)


def test_icons_take_the_palettes_text_colour_and_follow_a_switch(palette_restored) -> None:  # type: ignore[no-untyped-def]
    app = palette_restored
    light = app.style().standardPalette()
    app.setPalette(light)
    icons = {name: icon(name) for name in ICON_NAMES}
    light_text = light.color(QPalette.ColorRole.WindowText).name()
    assert all(colours(i) == {light_text} for i in icons.values())

    dark = dark_palette()
    app.setPalette(dark)  # the same QIcon objects, as menus and the toolbar hold them
    dark_text = dark.color(QPalette.ColorRole.WindowText).name()
    assert dark_text != light_text
    assert all(colours(i) == {dark_text} for i in icons.values())
    disabled = dark.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    assert colours(icons["open"], QIcon.Mode.Disabled) == {disabled}


def test_the_app_icon_has_every_size_from_16_to_512(qapp: QApplication) -> None:
    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(n, n) for n in APP_ICON_SIZES} <= sizes
