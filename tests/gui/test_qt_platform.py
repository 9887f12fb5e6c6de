"""Platform facts that bite (shared/design.md D7), checked so a bad upgrade fails CI, not users."""

from __future__ import annotations

import PySide6
from PySide6.QtWidgets import QWidget


def test_pyside_version_is_below_the_broken_612():
    major, minor = (int(x) for x in PySide6.__version__.split(".")[:2])
    assert (major, minor) < (6, 12), "PySide6 6.12.0 aborts on Python 3.11 (D7)"


def test_ten_thousand_void_qt_calls_do_not_abort(qtbot):
    # PySide6 6.12.0 dropped a reference to None on every void call and aborted after ~5,200.
    widget = QWidget()
    qtbot.addWidget(widget)
    for i in range(10_000):
        widget.setToolTip(str(i % 10))
    assert widget.toolTip() == "9"
