"""Annotate → Train Model… (#15): the training runs in a thread with progress and Cancel; with
spaCy absent the menu entry says how to add it."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from helpers import make_project
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from training_corpus import NAMES, article

from annotator.store import Project


def _corpus(tmp_path: Path, n: int = 12) -> Path:
    """A project of ``n`` short generated articles with their Actor spans annotated."""
    rng = random.Random(7)
    files, gold = [], []
    for i in range(n):
        text, spans = article(rng, NAMES, sentences=4)
        files.append(tmp_path / f"a{i:02}.txt")
        files[-1].write_text(text, encoding="utf-8")
        gold.append(spans)
    path = tmp_path / "corpus.annotator"
    ids = make_project(path, files)
    with Project.open(path) as project:
        for doc_id, spans in zip(ids, gold, strict=True):
            for start, end in spans:
                project.add_annotation(doc_id, start, end, "Actor")
    return path


def _train_action(window):  # type: ignore[no-untyped-def]
    return window.actionRegistry["train"]


def test_training_runs_in_the_background_and_cancel_stops_it(tmp_path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("spacy")
    window = open_window(_corpus(tmp_path))
    _train_action(window).trigger()
    dialog = window.trainDialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.running
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Cancel
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    qtbot.waitUntil(lambda: "cancelled" in dialog.status.text(), timeout=5_000)
    assert dialog.isVisible()  # says so; a second Escape closes it
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not Path(str(window.project.path) + ".model").exists()


def test_training_finishes_with_held_out_scores(tmp_path, open_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("spacy")
    window = open_window(_corpus(tmp_path, 6))
    _train_action(window).trigger()
    dialog = window.trainDialog
    qtbot.waitUntil(lambda: not dialog.running, timeout=120_000)
    qtbot.waitUntil(lambda: "F1" in dialog.status.text(), timeout=5_000)
    assert "Held-out documents" in dialog.status.text()
    assert Path(str(window.project.path) + ".model").is_dir()


def test_without_spacy_the_menu_entry_says_how_to_add_it(
    seed_project, open_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(sys.modules, "spacy", None)  # as if it were not installed
    window = open_window(seed_project)
    action = _train_action(window)
    assert "pip install 'annotator[ml]'" in action.text()
    action.trigger()
    assert window.trainDialog is None
    assert "pip install 'annotator[ml]'" in window.statusBar().currentMessage()
