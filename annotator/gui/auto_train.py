"""Training the model again by itself after N new annotations (issue #15).

Once a model has been trained on the project (Annotate → Train Model…, `annotator train`), the
window counts the annotations made since (one query per session, then the change feed), and
after ``model.retrain_after`` of them (a project setting, 50 by default, 0 never) trains again
in a background thread, saying so in the status bar; the model in use is replaced only when the
new one is saved. Nothing starts without spaCy, or while another training runs.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

from annotator.gui.train_dialog import TrainWorker, describe_result, spacy_installed
from annotator.services.changes import Changes
from annotator.services.training import annotations_since_model, retrain_after

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

_log = logging.getLogger(__name__)


class AutoTrainer(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.since: int | None = None  # annotations since the model was trained (None: unknown)
        self.worker: TrainWorker | None = None
        window.feed.changed.connect(self.follow)

    def follow(self, changes: Changes) -> None:
        if changes.reloaded:
            self.since = None  # another project, or the same file restored
        if not changes.added or not self.window.projects.is_open:
            return
        if self.since is None:
            self.since = annotations_since_model(self.window.project)
            if self.since is None:
                return  # no model trained yet: the first training is asked for
        else:
            self.since += len(changes.added)
        threshold = retrain_after(self.window.project)
        if threshold and self.since >= threshold and self._free():
            self._start(self.since)

    def _free(self) -> bool:
        dialog = self.window.trainDialog
        busy = (dialog is not None and dialog.running) or (
            self.worker is not None and self.worker.isRunning()
        )
        return not busy and spacy_installed()

    def _start(self, count: int) -> None:
        message = f"Training the model again in the background: {count} new annotations"
        bar = self.window.statusBar()  # after the key's own "Saved …" line
        QTimer.singleShot(0, lambda: bar.showMessage(message, 10000))
        _log.info("%s", message)
        self.worker = worker = TrainWorker(self.window.project.path, self.window)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        self.since = 0
        worker.start()

    def _succeeded(self, result: Any) -> None:
        first = describe_result(result).splitlines()[1]
        self.window.statusBar().showMessage(f"The model was trained again. {first}", 10000)

    def _failed(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10000)

    def stop_and_wait(self) -> None:
        """The window closes: stop the training and wait for its thread."""
        if self.worker is not None:
            self.worker.stop.set()
            self.worker.wait()
