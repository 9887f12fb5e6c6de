"""An unhandled exception shows a dialog instead of ending the app (issue #14 item 6).

``install_crash_handler()`` (called by ``gui/app.py``) sets ``sys.excepthook`` (Python errors,
Qt slots included: PySide6 hands those to it) and ``threading.excepthook`` (worker threads). The
traceback goes to the log file (``annotator/logs.py``) and into ``crashDialog``: the report, a
"Copy Report" button (clipboard) and Close. The app keeps running: every change was committed
when it was made, so the dialog can say the annotations are saved. Reports from other threads
reach the dialog through a queued signal (widgets live on the GUI thread only).
"""

from __future__ import annotations

import sys
import threading
from types import TracebackType

import PySide6
from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.logs import crash_report, log_crash

SAVED_NOTE = (
    "Something went wrong inside Annotator. Your annotations are saved. (Every change is "
    "written to the project the moment you make it.) You can keep working; if this happens "
    "again, please send the report below (Copy Report) with what you were doing."
)


def qt_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": PySide6.__version__}


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("Annotator: unexpected error")
        self.report = report
        note = QLabel(SAVED_NOTE)
        note.setWordWrap(True)
        note.setObjectName("crashNote")
        self.reportView = QPlainTextEdit(report)
        self.reportView.setObjectName("crashReport")
        self.reportView.setReadOnly(True)
        self.reportView.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.reportView.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copyButton = buttons.addButton("Copy Report", QDialogButtonBox.ButtonRole.ActionRole)
        self.copyButton.setObjectName("copyReport")
        self.copyButton.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.reportView, 1)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)


class CrashReporter(QObject):
    """Logs a report and shows it; reports from any thread arrive on the GUI thread."""

    reported = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.dialogs: list[CrashDialog] = []
        self.reported.connect(self.show_report)

    def report(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in a terminal still ends it
            sys.__excepthook__(exc_type, exc, tb)
            return
        text = crash_report(exc_type, exc, tb, qt_versions())
        log_crash(text)
        self.reported.emit(text)

    def show_report(self, text: str) -> None:
        parent = QApplication.activeWindow()
        dialog = CrashDialog(text, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.dialogs.remove(dialog))
        self.dialogs.append(dialog)
        dialog.show()  # not modal: the window stays usable
        dialog.activateWindow()


def install_crash_handler() -> CrashReporter:
    """Route unhandled exceptions (GUI thread and others) to the log and ``crashDialog``."""
    reporter = CrashReporter()

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            reporter.report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = reporter.report
    threading.excepthook = thread_hook
    return reporter
