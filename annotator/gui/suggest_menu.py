"""Annotate → Suggest from Registry / Rules / Model (issue #15): fill the suggestion layer for
the open document or the whole corpus (the user chooses), then show them.

Registry and rule suggestions come from ``services/suggesting.suggest``, model ones from
``services/model_suggest.suggest_with_model`` (spaCy, a trained or installed model). Spans
already annotated, suggested or rejected are never suggested again. Suggesting adds evidence,
not annotations: nothing to undo (reject or accept them, one undo step each).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from annotator.core.plural import plural
from annotator.gui.dialog_focus import return_focus_to_text
from annotator.gui.display import message_text
from annotator.services import suggesting
from annotator.services.spacy_model import ModelUnavailable
from annotator.store.errors import ProjectError

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SOURCE_NAMES = {"registry": "the actor registry", "rules": "the label rules", "model": "the model"}


def ask_scope(window: MainWindow, source: str) -> list[int] | bool | None:
    """[the open document], None (every document), or False (cancelled)."""
    box = QMessageBox(window)
    box.setObjectName("suggestScope")
    box.setWindowTitle("Suggest")
    box.setText(message_text(f"Suggest spans from {SOURCE_NAMES[source]} for:"))
    this = box.addButton("This &Document", QMessageBox.ButtonRole.AcceptRole)
    every = box.addButton("&All Documents", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    this.setEnabled(window.document_id is not None)
    box.setDefaultButton(this if window.document_id is not None else every)
    box.exec()
    return_focus_to_text(window)
    clicked = box.clickedButton()
    if clicked is this and window.document_id is not None:
        return [window.document_id]
    return None if clicked is every else False


def run_source(window: MainWindow, source: str, document_ids: list[int] | None) -> int:
    """Fill the suggestion layer from one source; returns how many were added."""
    project = window.project
    if source == "model":
        from annotator.services.model_suggest import suggest_with_model

        counts: Mapping[Any, int] = suggest_with_model(project, document_ids)
        return sum(counts.values())
    return suggesting.suggest(project, [source], document_ids).total


def suggest_from(window: MainWindow, source: str) -> None:
    """The menu entry: ask where, suggest, show the open document's new suggestions."""
    if window.project_read_only():
        return
    scope = ask_scope(window, source)
    if scope is False:
        return
    try:
        added = run_source(window, source, scope if isinstance(scope, list) else None)
    except (ProjectError, ValueError) as exc:
        window.report_error(exc)
        return
    except ModelUnavailable as exc:  # spaCy absent, no model trained or installed
        window.statusBar().showMessage(str(exc), 10000)
        return
    window.suggestionsView.reload()
    window.statusBar().showMessage(
        f"{plural(added, 'suggestion')} added from {SOURCE_NAMES[source]}."
        " Tab goes to the next one.",
        8000,
    )
