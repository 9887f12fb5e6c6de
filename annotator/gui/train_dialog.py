"""Annotate → Train Model… (issue #15): train the project's spaCy model in a background thread.

The training runs in a ``QThread`` on its own read-only connection to the project file (SQLite
connections stay in their thread); the window stays usable meanwhile. The dialog is not modal:
it shows the progress the trainer reports, Cancel stops it at the next batch, and at the end it
shows the held-out scores. With spaCy absent the menu entry says how to add it.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QVBoxLayout, QWidget

from annotator.gui.display import plain_label
from annotator.store import Project

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

INSTALL_HINT = "pip install 'annotator[ml]'"
STEPS = 1000  # the progress bar's resolution


def spacy_installed() -> bool:
    return importlib.util.find_spec("spacy") is not None


def train_action_text() -> str:
    """The menu entry: how to add spaCy when it is absent."""
    return "Train &Model…" if spacy_installed() else f"Train &Model (needs {INSTALL_HINT})"


class TrainWorker(QThread):
    """Runs ``services.training.train`` off the GUI thread; reports through queued signals."""

    progressed = Signal(float, str)
    succeeded = Signal(object)  # TrainResult
    failed = Signal(str)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.stop = threading.Event()

    def run(self) -> None:
        from annotator.services.training import TrainingCancelled, train

        try:
            with Project.open(self.path, create=False, read_only=True, check=False) as project:
                result = train(project, progress=self.progressed.emit, cancel=self.stop.is_set)
        except TrainingCancelled:
            self.failed.emit("Training cancelled; the model saved before (if any) is kept.")
        except Exception as exc:  # shown in the dialog, not lost in a thread
            self.failed.emit(f"Training failed: {exc}")
        else:
            self.succeeded.emit(result)


def describe_result(result: Any) -> str:
    """The scores on the held-out documents, one line per label."""
    lines = [
        f"Trained on {len(result.trained_on)} documents in {result.epochs} epochs;"
        f" saved as {result.path.name}.",
        f"Held-out documents ({len(result.held_out)}): precision {result.micro.precision:.2f},"
        f" recall {result.micro.recall:.2f}, F1 {result.micro.f1:.2f}",
    ]
    lines += [f"  {label}: F1 {score.f1:.2f}" for label, score in sorted(result.scores.items())]
    return "\n".join(lines)


class TrainDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("trainDialog")
        self.setWindowTitle("Train Model")
        self.status = plain_label("Starting…")
        self.status.setObjectName("trainStatus")
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.bar, self.buttons):
            layout.addWidget(widget)
        self.worker = TrainWorker(window.project.path, self)
        self.worker.progressed.connect(self._progress)
        self.worker.succeeded.connect(lambda result: self._done(describe_result(result)))
        self.worker.failed.connect(self._done)
        self.resize(460, 160)

    def start(self) -> None:
        self.show()
        self.worker.start()

    @property
    def running(self) -> bool:
        return self.worker.isRunning()

    def reject(self) -> None:
        """Cancel (Escape, the title bar) while it runs: it stops at the next batch; Close after."""
        if self.running:
            self.worker.stop.set()
            self.status.setText("Cancelling…")
        else:
            super().reject()

    def stop_and_wait(self) -> None:
        """The window closes: stop the training and wait for its thread."""
        self.worker.stop.set()
        self.worker.wait()

    def _progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(fraction * STEPS))
        self.status.setText(message)

    def _done(self, text: str) -> None:
        self.worker.wait()
        self.status.setText(text)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)


def show_training(window: MainWindow) -> None:
    """Annotate → Train Model…: one training at a time; without spaCy, say how to add it."""
    if not spacy_installed():
        window.statusBar().showMessage(f"Training needs spaCy: {INSTALL_HINT}", 10000)
        return
    if window.trainDialog is not None and window.trainDialog.running:
        window.trainDialog.raise_()
        return
    window.trainDialog = TrainDialog(window)
    window.trainDialog.start()
