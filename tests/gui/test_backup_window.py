"""Backups seen from the window (issue #9, item 15 a and e)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from annotator.gui import safety
from annotator.store.backups import choose_backup_folder


def article(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.txt"
    path.write_text(f"{name.title()}\n\n{text}\n", "utf-8")
    return path


def test_after_a_restore_a_new_document_shows_its_own_text(
    tmp_path: Path, open_window, monkeypatch: pytest.MonkeyPatch
):  # type: ignore[no-untyped-def]
    window = open_window(tmp_path / "p.annotator")  # a new, empty project
    monkeypatch.setattr(
        safety, "choose_backup", lambda _w, found: next(b for b in found if b.reason == "manual")
    )
    monkeypatch.setattr(safety, "confirm", lambda *_a: True)
    window.safety.backupAction.trigger()  # File → Back Up Now (no documents yet)
    window.import_files([article(tmp_path, "alpha", "Alpha says the talks failed.")])
    assert "Alpha says" in window.documentView.toPlainText()

    window.safety.restoreAction.trigger()  # File → Restore from Backup…: alpha is gone
    assert window.documentList.model().rowCount() == 0
    window.import_files([article(tmp_path, "beta", "Beta reports a ceasefire.")])

    assert window.documentView.toPlainText() == "Beta\n\nBeta reports a ceasefire."
    assert window.project.document(window.document_id).text.startswith("Beta")


def test_a_failing_automatic_backup_is_shown_once_and_logged(
    seed_project: Path, open_window, monkeypatch: pytest.MonkeyPatch, caplog
):  # type: ignore[no-untyped-def]
    blocker = seed_project.parent / "not-a-folder"
    blocker.write_text("a file where the backup folder should be", "utf-8")
    choose_backup_folder(seed_project, blocker / "backups")  # chosen on this machine
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a, **k: warnings.append(text)
    )
    caplog.set_level(logging.WARNING, logger="annotator.store.backups")

    window = open_window(seed_project)  # opening for writing makes an automatic backup

    assert len(warnings) == 1 and "could not be written" in warnings[0]
    assert "Every change is still saved" in warnings[0]
    assert "Automatic backup failed" in window.statusBar().currentMessage()
    assert any("automatic backup failed" in r.getMessage() for r in caplog.records)

    window.statusBar().clearMessage()
    window.safety.tick()  # the next due backup (each minute) fails again
    assert "Automatic backup failed" in window.statusBar().currentMessage()
    assert len(warnings) == 1  # the warning is not repeated


def test_closing_the_window_stops_the_backup_timer(seed_project: Path, open_window) -> None:  # type: ignore[no-untyped-def]
    """A tick after close would query a closed database (seen as a stray error in a later test)."""
    window = open_window(seed_project)
    assert window.safety.timer.isActive()
    window.close()
    assert not window.safety.timer.isActive()
