"""Who is annotating (issue #13): one name per machine, asked once, shown, switchable.

The name lives in the user's settings (QSettings ``identity/annotator``, beside the window's
layout: it belongs to the person at this machine, not to a project). Read and write it only
through :func:`current_annotator` and :func:`set_current_annotator` (the Preferences dialog
edits the same key). The window gives it to its Session, which records it on every edit.

It is asked at the first edit, not at start: reading a project needs no name. The prompt is
prefilled with the login name, so Enter is enough. ``ANNOTATOR_USER`` names the annotator when
none is saved (scripts, benchmarks and tests, which must not stop at a prompt).
"""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from annotator.gui.dialog_focus import focus_text_when_closed
from annotator.gui.pane_state import window_settings
from annotator.gui.static_label import StaticLabel

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ANNOTATOR_KEY = "identity/annotator"
USER_ENV = "ANNOTATOR_USER"  # the name when none is saved: scripts, benchmarks and tests


def current_annotator() -> str:
    """This machine's annotator name; else ``$ANNOTATOR_USER``; "" when neither is given."""
    value = window_settings().value(ANNOTATOR_KEY, "") or os.environ.get(USER_ENV, "")
    return " ".join(str(value or "").split())


def set_current_annotator(name: str) -> None:
    settings = window_settings()
    settings.setValue(ANNOTATOR_KEY, " ".join(name.split()))
    settings.sync()


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class IdentityDialog(QDialog):
    """One line: the annotator's name (OK only when it is not blank)."""

    def __init__(self, name: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle("Annotator")
        self.nameEdit = QLineEdit(name)
        self.nameEdit.setObjectName("annotatorName")
        self.nameEdit.selectAll()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.nameEdit.textChanged.connect(lambda t: self._ok.setEnabled(bool(t.strip())))
        self._ok.setEnabled(bool(name.strip()))
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (intro_label, self.nameEdit, buttons):
            layout.addWidget(widget)
        self.nameEdit.setFocus()

    def name(self) -> str:
        return " ".join(self.nameEdit.text().split())


class Identity:
    """The window's annotator: the status bar label, the first-edit prompt and the switch."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.label = StaticLabel(expanding=False)
        self.label.setObjectName("annotatorLabel")
        window.statusBar().addPermanentWidget(self.label)
        self.dialog: IdentityDialog | None = None  # the last prompt (tests read it)
        self._apply(current_annotator())

    @property
    def name(self) -> str:
        return self.window.session.author

    def use(self, name: str) -> None:
        """Record the next edits under ``name`` (Preferences changed it)."""
        self._apply(name)

    def _apply(self, name: str) -> None:
        self.window.session.set_author(name)
        self.label.setText(f"Annotator: {name or '(not set)'}")

    def ensure(self) -> bool:
        """Before an edit: True when an annotator is named (asked once per machine)."""
        if not self.name:
            self._apply(current_annotator())  # Preferences may have set it meanwhile
        if self.name:
            return True
        intro = (
            "Your edits are recorded under your name, so a team's work can be merged and"
            " compared. Asked once on this machine; Edit → Switch Annotator… changes it."
        )
        if self._ask(login_name(), intro):
            return True
        self.window.statusBar().showMessage("No annotator named: nothing was saved.", 5000)
        return False

    def switch(self) -> bool:
        """Edit → Switch Annotator…: the next edits are the new name's; undo still works."""
        return self._ask(self.name or login_name(), "Annotate as:")

    def _ask(self, prefill: str, intro: str) -> bool:
        self.dialog = dialog = IdentityDialog(prefill, intro, self.window)
        focus_text_when_closed(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.name():
            return False
        set_current_annotator(dialog.name())
        self._apply(dialog.name())
        self.window.statusBar().showMessage(f"Annotating as {dialog.name()}.", 4000)
        self.window.layers.refresh_status()
        return True
