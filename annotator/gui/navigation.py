"""Moving around: next/previous annotation, next unannotated paragraph, find in document,
the label filter of the annotation list, and the remembered scroll position per document."""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from annotator.core.plural import plural

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

SCROLL_SETTING = "gui.scroll.{}"
MAX_MATCHES = 5_000


class FindBar(QWidget):
    """Ctrl+F: type to highlight every match; Enter / Shift+Enter go to the next / previous."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
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
        self.window_.documentView.mark_matches([])
        self.window_.documentView.setFocus()

    def search(self, needle: str) -> None:
        view = self.window_.documentView
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
        self.window_.documentView.select_span(start, end)
        self.count.setText(f"{self.index + 1} of {len(self.matches)}")


class NavigationMixin:
    """Mixed into MainWindow; ``self`` is the window."""

    def _build_label_filter(self: MainWindow) -> QComboBox:
        self._filter_active = False
        self.labelFilter = QComboBox()
        self.labelFilter.setObjectName("labelFilter")
        self.labelFilter.currentIndexChanged.connect(self._apply_label_filter)
        return self.labelFilter

    def _fill_label_filter(self: MainWindow) -> None:
        self.labelFilter.blockSignals(True)
        self.labelFilter.clear()
        self.labelFilter.addItem("All labels", None)
        for label in self.labels:
            self.labelFilter.addItem(label.name, label.name)
        self.labelFilter.blockSignals(False)

    def _apply_label_filter(self: MainWindow) -> None:
        wanted = self.labelFilter.currentData()
        model = self.annotationList.annotation_model
        if wanted is None and not self._filter_active:
            return  # nothing hidden: touching 50,000 rows would force a relayout per change
        self._filter_active = wanted is not None
        for row in range(model.rowCount()):
            hide = wanted is not None and model.annotation(row).label != wanted
            self.annotationList.setRowHidden(row, hide)

    def goto_annotation(self: MainWindow, direction: int) -> None:
        """Select the next (+1) or previous (-1) annotation after/before the caret."""
        anns = self.annotationList.annotation_model.annotations()
        if not anns:
            self.statusBar().showMessage("This document has no annotations yet.", 3000)
            return
        current = self.current_annotation()
        pos = current.start if current else self.documentView.cursor_offset()
        starts = [a.start for a in anns]
        if direction > 0:
            i = bisect_right(starts, pos) if current else bisect_right(starts, pos - 1)
            target = anns[i % len(anns)]
        else:
            i = next(
                (k for k in range(len(anns) - 1, -1, -1) if anns[k].start < pos), len(anns) - 1
            )
            target = anns[i]
        self.select_annotation(target.id)

    def goto_unannotated_paragraph(self: MainWindow) -> None:
        """Move to the next paragraph (after the caret) that has no annotation yet."""
        text = self.documentView.text
        anns = self.annotationList.annotation_model.annotations()  # sorted by start
        starts = [a.start for a in anns]
        reach = list(accumulate((a.end for a in anns), max))  # furthest end among the first i+1
        pos = self.documentView.cursor_offset()
        for match in re.finditer(r"[^\n]+", text):
            if match.start() <= pos or not match.group().strip():
                continue
            before = bisect_left(starts, match.end())  # spans starting inside or before it
            if before == 0 or reach[before - 1] <= match.start():
                self.documentView.select_span(match.start(), match.start())
                return
        self.statusBar().showMessage("No unannotated paragraph after the cursor.", 3000)

    def remember_scroll(self: MainWindow) -> None:
        if self.document_id is not None and not getattr(self.project, "read_only", False):
            value = self.documentView.verticalScrollBar().value()
            with contextlib.suppress(Exception):  # a setting is never worth an error dialog
                self.project.set_setting(SCROLL_SETTING.format(self.document_id), str(value))

    def restore_scroll(self: MainWindow) -> None:
        if self.document_id is None:
            return
        value = self.project.get_setting(SCROLL_SETTING.format(self.document_id))
        if value is not None:
            self.documentView.verticalScrollBar().setValue(int(value))
