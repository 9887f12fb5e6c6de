"""The model is trained again by itself after N new annotations (issue #15): the window counts
the annotations made since the model's training and starts a background training at the
project's ``model.retrain_after``; without a trained model nothing starts by itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import make_text_project, select_with_keyboard
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.services.spacy_model import META_NAME, model_path
from annotator.services.training import RETRAIN_SETTING
from annotator.store import Project

pytest.importorskip("spacy", reason="training needs spaCy (the ml extra)")

TEXT = "Kim Jong Un met Vladimir Putin in Moscow. Yoon Suk Yeol stayed in Seoul."


def project_with_a_model(tmp_path: Path, *, trained: bool) -> Path:
    path = tmp_path / "p.annotator"
    make_text_project(path, {"moscow.txt": TEXT})
    with Project.open(path) as project:
        project.set_setting(RETRAIN_SETTING, "2")
        if trained:  # a model trained before any of this session's annotations
            folder = model_path(project)
            folder.mkdir()
            meta = {"trained_at": "2000-01-01T00:00:00+00:00", "labels": {}}
            (folder / META_NAME).write_text(json.dumps(meta), "utf-8")
    return path


def tag_two(window) -> None:  # type: ignore[no-untyped-def]
    view = window.documentView
    for name in ("Kim Jong Un", "Vladimir Putin"):
        select_with_keyboard(view, name)
        QTest.keyClick(view, Qt.Key.Key_2)


def test_the_second_new_annotation_starts_a_background_training(
    qtbot, open_window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project_with_a_model(tmp_path, trained=True))
    said: list[str] = []
    window.statusBar().messageChanged.connect(said.append)
    window.documentView.setFocus()
    select_with_keyboard(window.documentView, "Kim Jong Un")
    QTest.keyClick(window.documentView, Qt.Key.Key_2)
    assert window.autoTrainer.worker is None  # one new annotation: not yet
    select_with_keyboard(window.documentView, "Vladimir Putin")
    QTest.keyClick(window.documentView, Qt.Key.Key_2)
    worker = window.autoTrainer.worker
    assert worker is not None
    qtbot.waitUntil(lambda: not worker.isRunning(), timeout=60_000)
    qtbot.waitUntil(lambda: any(m.startswith("Training failed") for m in said))
    # one annotated document is too few to learn from: the window said so, nothing crashed
    assert "Training the model again in the background: 2 new annotations" in said


def test_without_a_trained_model_nothing_starts_by_itself(open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(project_with_a_model(tmp_path, trained=False))
    window.documentView.setFocus()
    tag_two(window)
    assert window.autoTrainer.worker is None
