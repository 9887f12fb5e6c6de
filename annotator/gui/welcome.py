"""The welcome screen, shown in the window when no project is open (File → Close Project, or
when a project could not be opened): New Project…, Open…, the sample article, and the recent
projects (Enter or a double-click opens one). Keyboard first: Tab walks the buttons and the
list, arrow keys move in the list, Enter activates what has the focus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.display import plain_label, plain_tip
from annotator.gui.recent_projects import recent_projects

PATH_ROLE = Qt.ItemDataRole.UserRole


def _big_button(text: str, name: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setAutoDefault(True)  # Enter presses the button that has the focus
    button.setMinimumSize(220, 44)
    button.setToolTip(tip)
    return button


class WelcomeScreen(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    sampleRequested = Signal()
    recentChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomeScreen")
        self.newButton = _big_button("New Project…", "welcomeNew", "Create an empty project")
        self.openButton = _big_button("Open…", "welcomeOpen", "Open a project file")
        self.sampleButton = _big_button(
            "Open the sample article", "welcomeSample", "The default project, with a sample"
        )
        self.recentList = QListWidget()
        self.recentList.setObjectName("recentProjects")
        self.recentList.setMinimumWidth(460)
        self.emptyNote = plain_label("No recent projects yet.")
        self.newButton.clicked.connect(self.newRequested)
        self.openButton.clicked.connect(self.openRequested)
        self.sampleButton.clicked.connect(self.sampleRequested)
        self.recentList.itemActivated.connect(self._chosen)
        self._lay_out()

    def _lay_out(self) -> None:
        title = QLabel("Annotator")
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        title.setFont(font)
        buttons = QVBoxLayout()
        for button in (self.newButton, self.openButton, self.sampleButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        recent = QVBoxLayout()
        recent.addWidget(QLabel("Recent projects"))
        recent.addWidget(self.recentList)
        recent.addWidget(self.emptyNote)
        row = QHBoxLayout()
        row.addLayout(buttons)
        row.addSpacing(24)
        row.addLayout(recent, 1)
        card = QVBoxLayout()
        card.addWidget(title)
        card.addWidget(QLabel("Read news articles, tag claims and actors, export datasets."))
        card.addSpacing(16)
        card.addLayout(row)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(card, 3)
        outer.addStretch(1)
        outer.setContentsMargins(24, 48, 24, 48)
        for first, second in (
            (self.newButton, self.openButton),
            (self.openButton, self.sampleButton),
            (self.sampleButton, self.recentList),
        ):
            QWidget.setTabOrder(first, second)

    def refresh(self) -> None:
        """Read the recent list again (missing files are pruned) and put the focus on it,
        on its newest entry; with no recent project, on New Project…"""
        self.recentList.clear()
        for path in recent_projects():
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(PATH_ROLE, str(path))
            item.setToolTip(plain_tip(str(path)))
            self.recentList.addItem(item)
        has_recent = self.recentList.count() > 0
        self.recentList.setVisible(has_recent)
        self.emptyNote.setVisible(not has_recent)
        if has_recent:
            self.recentList.setCurrentRow(0)
            self.recentList.setFocus()
        else:
            self.newButton.setFocus()

    def recent_paths(self) -> list[Path]:
        items = (self.recentList.item(row) for row in range(self.recentList.count()))
        return [Path(str(item.data(PATH_ROLE))) for item in items]

    def _chosen(self, item: QListWidgetItem) -> None:
        self.recentChosen.emit(str(item.data(PATH_ROLE)))
