"""Edit → Preferences… (Ctrl+,; issue #14 item 4). Every change applies at once, no restart.

Per machine (QSettings, ``gui/pane_state.py``): the annotator's name (``identity/annotator``),
theme, text font and size, the default export folder. Per project (the project's settings
table): snap to words and the automatic backups (every N minutes, keep M). Theme, font, size
and snap are the View/Annotate menus' own actions: the dialog triggers them, so the menus,
the window and the dialog never disagree (one source of truth).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.dialog_focus import show_one
from annotator.gui.identity import current_annotator, set_current_annotator
from annotator.gui.pane_state import window_settings
from annotator.gui.reading import BASE_POINT_SIZE, THEMES, ZOOM_STEPS, save_settings
from annotator.services.training import DEFAULT_RETRAIN_AFTER, RETRAIN_SETTING, retrain_after
from annotator.store.backups import (
    DEFAULT_EVERY_MINUTES,
    DEFAULT_KEEP,
    EVERY_SETTING,
    KEEP_SETTING,
)

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

EXPORT_FOLDER_KEY = "export/folder"
FONTS = (("serif", "Serif"), ("sans", "Sans-serif"))


def machine_value(key: str, default: str = "") -> str:
    value = window_settings().value(key)
    return value if isinstance(value, str) else default


def set_machine_value(key: str, value: str) -> None:
    settings = window_settings()
    settings.setValue(key, value)
    settings.sync()


def default_export_folder() -> Path | None:
    folder = machine_value(EXPORT_FOLDER_KEY)
    return Path(folder) if folder else None


class PreferencesDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(480)
        form = QFormLayout()
        form.addRow("Annotator name:", self._name_edit())
        form.addRow("Theme:", self._theme_combo())
        form.addRow("Text font:", self._font_combo())
        form.addRow("Text size:", self._size_combo())
        form.addRow("", self._snap_box())
        form.addRow("Back up every:", self._backup_every())
        form.addRow("Keep backups:", self._backup_keep())
        form.addRow("Train the model again:", self._retrain_after())
        form.addRow("Export folder:", self._export_row())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.finished.connect(self._store_texts)  # Esc right after typing keeps what was typed
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    # --------------------------------------------------------------- machine
    def _store_texts(self, _result: int) -> None:
        self._name_changed()
        self._export_folder_changed()

    def _name_edit(self) -> QLineEdit:
        self.nameEdit = QLineEdit(current_annotator())
        self.nameEdit.setObjectName("annotatorName")
        self.nameEdit.setPlaceholderText("Your name, recorded with your annotations")
        self.nameEdit.editingFinished.connect(self._name_changed)
        return self.nameEdit

    def _name_changed(self) -> None:
        name = " ".join(self.nameEdit.text().split())
        if name:  # the next edits are recorded under it (a blank name is asked at the next edit)
            set_current_annotator(name)
            self.window_.identity.use(name)

    def _theme_combo(self) -> QComboBox:
        self.themeCombo = QComboBox()
        self.themeCombo.setObjectName("themeChoice")
        for theme in THEMES:
            self.themeCombo.addItem(theme.title(), theme)
        self.themeCombo.setCurrentIndex(THEMES.index(self.window_.theme))
        self.themeCombo.activated.connect(lambda i: self.window_.themeActions[THEMES[i]].trigger())
        for action in self.window_.themeActions.values():
            action.toggled.connect(self._follow_menus)  # disconnected when the dialog goes
        return self.themeCombo

    def _follow_menus(self) -> None:
        """A choice made in the View menu while the dialog is open shows in the dialog too."""
        for combo, actions in (
            (self.themeCombo, self.window_.themeActions),
            (self.fontCombo, self.window_.fontActions),
        ):
            checked = [i for i, action in enumerate(actions.values()) if action.isChecked()]
            if checked:
                combo.setCurrentIndex(checked[0])

    def _font_combo(self) -> QComboBox:
        self.fontCombo = QComboBox()
        self.fontCombo.setObjectName("fontChoice")
        for style, text in FONTS:
            self.fontCombo.addItem(text, style)
        styles = [style for style, _text in FONTS]
        self.fontCombo.setCurrentIndex(styles.index(self.window_.reading.font_style))
        self.fontCombo.activated.connect(lambda i: self.window_.fontActions[styles[i]].trigger())
        for action in self.window_.fontActions.values():
            action.toggled.connect(self._follow_menus)
        return self.fontCombo

    def _size_combo(self) -> QComboBox:
        """The zoom steps as point sizes: the same setting as View → Zoom In/Out."""
        self.sizeCombo = QComboBox()
        self.sizeCombo.setObjectName("textSize")
        for step in ZOOM_STEPS:
            self.sizeCombo.addItem(f"{BASE_POINT_SIZE * step:g} pt ({step:.0%})")
        self.sizeCombo.setCurrentIndex(self.window_.reading.zoom_index)
        self.sizeCombo.activated.connect(self._size_changed)
        return self.sizeCombo

    def _size_changed(self, index: int) -> None:
        step = index - self.window_.reading.zoom_index
        if step:
            self.window_.zoom(step)

    def _export_row(self) -> QWidget:
        folder = default_export_folder()
        self.exportFolderEdit = QLineEdit(str(folder) if folder else "")
        self.exportFolderEdit.setObjectName("exportFolder")
        self.exportFolderEdit.setPlaceholderText("Next to the project")
        self.exportFolderEdit.editingFinished.connect(self._export_folder_changed)
        browse = QPushButton("Choose…")
        browse.setObjectName("chooseExportFolder")
        browse.setAutoDefault(False)  # Return in the folder box stores it, not browse
        browse.clicked.connect(self._choose_export_folder)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.exportFolderEdit, 1)
        box.addWidget(browse)
        return row

    def _choose_export_folder(self) -> None:
        start = self.exportFolderEdit.text() or str(self.window_.project.path.parent)
        chosen = QFileDialog.getExistingDirectory(self, "Default export folder", start)
        if chosen:
            self.exportFolderEdit.setText(chosen)
            self._export_folder_changed()

    def _export_folder_changed(self) -> None:
        set_machine_value(EXPORT_FOLDER_KEY, self.exportFolderEdit.text().strip())

    # --------------------------------------------------------------- project
    def _snap_box(self) -> QCheckBox:
        action = self.window_.snapAction
        self.snapBox = QCheckBox("Snap selections to whole words (this project)")
        self.snapBox.setObjectName("snapToWords")
        self.snapBox.setChecked(action.isChecked())
        self.snapBox.toggled.connect(action.setChecked)  # the action saves it
        action.toggled.connect(self.snapBox.setChecked)
        return self.snapBox

    def _backup_spin(self, key: str, default: int, suffix: str, top: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, top)
        spin.setSuffix(suffix)
        spin.setValue(int(self.window_.project.get_setting(key) or default))
        spin.setEnabled(not self.window_.project.read_only)
        spin.valueChanged.connect(lambda v: save_settings(self.window_.session, {key: str(v)}))
        return spin

    def _backup_every(self) -> QSpinBox:
        self.backupEvery = self._backup_spin(
            EVERY_SETTING, DEFAULT_EVERY_MINUTES, " minutes (this project)", 24 * 60
        )
        self.backupEvery.setObjectName("backupEvery")
        return self.backupEvery

    def _backup_keep(self) -> QSpinBox:
        self.backupKeep = self._backup_spin(KEEP_SETTING, DEFAULT_KEEP, " (this project)", 1000)
        self.backupKeep.setObjectName("backupKeep")
        return self.backupKeep

    def _retrain_after(self) -> QSpinBox:
        """After how many new annotations a trained model is trained again (0: never; #15)."""
        self.retrainAfter = spin = self._backup_spin(
            RETRAIN_SETTING, DEFAULT_RETRAIN_AFTER, " new annotations (this project)", 100_000
        )
        spin.setMinimum(0)
        spin.setSpecialValueText("never by itself (this project)")
        spin.setValue(retrain_after(self.window_.project))
        spin.setObjectName("retrainAfter")
        return spin


def show_preferences(window: MainWindow) -> PreferencesDialog:
    """Edit → Preferences… (Ctrl+,): ``window.preferencesDialog``; Esc closes it."""
    return show_one(window, "preferencesDialog", PreferencesDialog(window))
