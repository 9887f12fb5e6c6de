"""Moving around: next/previous annotation, next unannotated paragraph, find in document,
the label filter of the annotation list, and the remembered scroll position per document."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from annotator.core.plural import plural
from annotator.gui.reading import save_settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from annotator.core.labels import Label
    from annotator.gui.annotating import Annotating
    from annotator.gui.annotation_list import AnnotationList
    from annotator.gui.document_view import DocumentView
    from annotator.services.session import Session

SCROLL_SETTING = "gui.scroll.{}"
MAX_MATCHES = 5_000


class FindBar(QWidget):
    """Ctrl+F: type to highlight every match; Enter / Shift+Enter go to the next / previous."""

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.matches: list[tuple[int, int]] = []
        self.index = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("Find:"))
        self.edit = QLineEdit()
        self.edit.setObjectName("findBar")
        self.edit.setPlaceholderText("text in this document (Enter: next, Shift+Enter: previous)")
        self.edit.textChanged.connect(self.search)
        self.edit.returnPressed.connect(lambda: self.step(1))
        layout.addWidget(self.edit, 1)
        self.count = QLabel("")
        layout.addWidget(self.count)
        close = QPushButton("✕")
        close.setFlat(True)
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.step(-1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self.search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self.view.mark_matches([])
        self.view.setFocus()

    def search(self, needle: str) -> None:
        view = self.view
        self.matches = []
        if needle:
            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            for match in pattern.finditer(view.text):
                self.matches.append((match.start(), match.end()))
                if len(self.matches) >= MAX_MATCHES:
                    break
        view.mark_matches(self.matches)
        self.index = -1
        self.count.setText(plural(len(self.matches), "match") if needle else "")
        if self.matches:
            self.step(1)

    def step(self, direction: int) -> None:
        if not self.matches:
            return
        self.index = (self.index + direction) % len(self.matches)
        start, end = self.matches[self.index]
        self.view.select_span(start, end)
        self.count.setText(f"{self.index + 1} of {len(self.matches)}")


class Navigation:
    """Next/previous annotation, next unannotated paragraph, the annotation list's label filter
    and the remembered scroll position per document."""

    def __init__(
        self, session: Session, view: DocumentView, annotations: AnnotationList,
        selection: Annotating, status: QStatusBar,
    ) -> None:  # fmt: skip
        self.session = session
        self.view = view
        self.annotations = annotations
        self.selection = selection
        self.status = status
        self._filter_active = False
        self.labelFilter = QComboBox()
        self.labelFilter.setObjectName("labelFilter")
        self.labelFilter.currentIndexChanged.connect(lambda _index: self.apply_label_filter())

    def fill_label_filter(self, labels: list[Label]) -> None:
        self.labelFilter.blockSignals(True)
        self.labelFilter.clear()
        self.labelFilter.addItem("All labels", None)
        for label in labels:
            self.labelFilter.addItem(label.name, label.name)
        self.labelFilter.blockSignals(False)

    def apply_label_filter(self) -> None:
        wanted = self.labelFilter.currentData()
        model = self.annotations.annotation_model
        if wanted is None and not self._filter_active:
            return  # nothing hidden: touching 50,000 rows would force a relayout per change
        self._filter_active = wanted is not None
        for row in range(model.rowCount()):
            hide = wanted is not None and model.annotation(row).label != wanted
            self.annotations.setRowHidden(row, hide)

    def goto_annotation(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) annotation after/before the caret."""
        anns = self.annotations.annotation_model.annotations()
        if not anns:
            self.status.showMessage("This document has no annotations yet.", 3000)
            return
        current = self.selection.current_annotation()
        pos = current.start if current else self.view.cursor_offset()
        starts = [a.start for a in anns]
        if direction > 0:
            i = bisect_right(starts, pos) if current else bisect_right(starts, pos - 1)
            target = anns[i % len(anns)]
        else:
            i = next(
                (k for k in range(len(anns) - 1, -1, -1) if anns[k].start < pos), len(anns) - 1
            )
            target = anns[i]
        self.selection.select_annotation(target.id)

    def goto_unannotated_paragraph(self) -> None:
        """Move to the next paragraph (after the caret) that has no annotation yet."""
        text = self.view.text
        anns = self.annotations.annotation_model.annotations()  # sorted by start
        starts = [a.start for a in anns]
        reach = list(accumulate((a.end for a in anns), max))  # furthest end among the first i+1
        pos = self.view.cursor_offset()
        for match in re.finditer(r"[^\n]+", text):
            if match.start() <= pos or not match.group().strip():
                continue
            before = bisect_left(starts, match.end())  # spans starting inside or before it
            if before == 0 or reach[before - 1] <= match.start():
                self.view.select_span(match.start(), match.start())
                return
        self.status.showMessage("No unannotated paragraph after the cursor.", 3000)

    def remember_scroll(self) -> None:
        save_settings(self.session, self.scroll_setting())

    def scroll_setting(self) -> dict[str, str]:
        """The open document's scroll position as a project setting ({} with none open)."""
        if self.view.document_id is None:
            return {}
        value = self.view.verticalScrollBar().value()
        return {SCROLL_SETTING.format(self.view.document_id): str(value)}

    def restore_scroll(self) -> None:
        if self.view.document_id is None:
            return
        value = self.session.project.get_setting(SCROLL_SETTING.format(self.view.document_id))
        if value is not None:
            self.view.verticalScrollBar().setValue(int(value))
