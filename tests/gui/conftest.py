"""Fixtures for GUI tests: a real MainWindow on a real project file, driven with qtbot."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import SEED, make_project


@pytest.fixture
def seed_project(tmp_path: Path) -> Path:
    path = tmp_path / "seed.annotator"
    make_project(path, [SEED])
    return path


@pytest.fixture
def open_window(qtbot):  # type: ignore[no-untyped-def]
    """Open a MainWindow on a project path, shown and registered with qtbot."""
    from annotator.gui import MainWindow

    def _open(path: Path) -> MainWindow:
        window = MainWindow(path)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return _open


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):  # type: ignore[no-untyped-def]
    """A message box nobody expected fails the test instead of blocking it forever.

    Tests that expect one patch the same static method again (their patch wins)."""
    from PySide6.QtWidgets import QMessageBox

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def dialog(_parent, title, text="", *args, **kwargs):  # type: ignore[no-untyped-def]
            raise AssertionError(f"unexpected {name} dialog: {title}: {text}")

        return dialog

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse(name))
