"""The library in the window (issue #4): corpus filter, full-text search, metadata, bulk import.

``Library(window)`` adds to a ``MainWindow``:

- a filter line above the document list (``documentFilter``: title, source, date);
- a search dock (``searchDock``): FTS5 query with context snippets, optional span filters
  (label, covered text, attribute); activating a result opens the document and selects the hit;
  "Filter the document list" limits the list to the matching documents;
- a Library menu: Search (Ctrl+Shift+F), Edit Metadata (Ctrl+Shift+M), Remove Document…
  (undoable), Import Folder and Bulk Import Files (both off the GUI thread, with a cancellable
  progress dialog);
- the document list's context menu: Rename… and Remove Document… (both undoable).

No SQL here: the window's ``project`` and the services do the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.display import plain_label, plain_tip
from annotator.gui.library_dialogs import (
    BulkImportDialog,
    edit_metadata,
    remove_document,
    rename_document,
)
from annotator.services.changes import Changes
from annotator.services.importing import supported_suffixes
from annotator.services.search import (
    SearchResult,
    hit_ranges,
    parse_attribute,
    search_page,
)
from annotator.store import ProjectError
from annotator.store.search import SpanFilter

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow

ANY_LABEL = "Any label"
SEARCH_WIDTH = 220  # the dock's first width (then the user's, restored by gui/pane_state.py)
RESULT_ROLE = Qt.ItemDataRole.UserRole


class SearchPanel(QWidget):
    """Query, span filters and results; lives in the window's search dock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.setObjectName("searchPanel")
        self.window_ = window
        self.query = self._line("searchQuery", "Search all documents (Enter)")
        self.label = QComboBox()
        self.label.setObjectName("searchLabel")
        self.spanText = self._line("searchSpanText", "…with a span reading, e.g. Kim Jong Un")
        self.attribute = self._line("searchAttribute", "…and attribute, e.g. stance=support")
        self.restrict = QCheckBox("Filter the document list")
        self.restrict.setObjectName("searchRestrictList")
        self.restrict.setChecked(True)
        self.restrict.toggled.connect(lambda _checked: self.run())
        self.status = plain_label()  # may repeat the query (a user's string): never HTML
        self.status.setObjectName("searchStatus")
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self.open_result)
        self.results.itemClicked.connect(self.open_result)
        self.label.currentIndexChanged.connect(lambda _index: self.run())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.query, self.label, self.spanText, self.attribute, self.restrict):
            layout.addWidget(widget)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.refresh_labels()

    def sizeHint(self) -> QSize:  # narrow by default: the article keeps its room
        return QSize(SEARCH_WIDTH, super().sizeHint().height())

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setClearButtonEnabled(True)
        edit.returnPressed.connect(self.run)
        return edit

    def follow(self, changes: Changes) -> None:
        """The feed's ``changed``: labels for the filter; results may name a removed document."""
        if changes.labels:
            self.refresh_labels()
        if changes.documents and self.isVisible():
            self.run()

    def refresh_labels(self) -> None:
        current = self.label.currentText()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem(ANY_LABEL)
        self.label.addItems([label.name for label in self.window_.project.labels()])
        index = self.label.findText(current)
        self.label.setCurrentIndex(max(index, 0))
        self.label.blockSignals(False)

    def span_filter(self) -> SpanFilter | None:
        label = self.label.currentText()
        key, value = parse_attribute(self.attribute.text().strip())
        span_filter = SpanFilter(
            None if label == ANY_LABEL else label, self.spanText.text().strip() or None, key, value
        )
        if span_filter.label or span_filter.text or span_filter.attribute:
            return span_filter
        return None

    def run(self) -> list[SearchResult]:
        """Search now; fill the results and (optionally) filter the document list."""
        query = self.query.text().strip()
        span_filter = self.span_filter()
        self.results.clear()
        documents = self.window_.documentList
        if not query and span_filter is None:
            documents.set_allowed_ids(None)
            self.status.setText("")
            self.window_.documentView.mark_matches([])
            return []
        try:
            page = search_page(self.window_.project, query, span_filter=span_filter)
        except ProjectError as exc:
            self.status.setText(str(exc))
            return []
        found = page.results  # hits: for the document shown only (_phrases)
        for result in found:
            snippet = " ".join(result.snippet_marked("«", "»").split())
            item = QListWidgetItem(f"{result.title}\n{snippet}" if snippet else result.title)
            item.setData(RESULT_ROLE, result)
            item.setToolTip(plain_tip(result.title))
            self.results.addItem(item)
        self.status.setText(page.summary())
        ids = {r.document_id for r in found}
        documents.set_allowed_ids(ids if self.restrict.isChecked() else None)
        self._follow_results()
        return found

    def _follow_results(self) -> None:
        """Keep the open document in step with the results: mark this query's hits in it, or
        (when the list is filtered and it is no longer listed) open the first result."""
        view = self.window_.documentView
        view.mark_matches([])  # the last query's marks are stale now
        for row in range(self.results.count()):
            item = self.results.item(row)
            if item.data(RESULT_ROLE).document_id == self.window_.document_id:
                view.mark_matches(self._phrases(item.data(RESULT_ROLE)))
                return
        if self.restrict.isChecked() and self.results.count():
            self.open_result(self.results.item(0))

    def _phrases(self, result: SearchResult) -> list[tuple[int, int]]:
        query = self.query.text()
        hits = result.hits or hit_ranges(self.window_.project, result.document_id, query)
        return phrase_hits(self.window_.documentView.text, hits, len(query.split()))

    def open_result(self, item: QListWidgetItem) -> None:
        """Open the hit's document and select the whole matched phrase."""
        result: SearchResult = item.data(RESULT_ROLE)
        window = self.window_
        if window.document_id != result.document_id:
            window.open_document(result.document_id)
        view = window.documentView
        phrases = self._phrases(result)
        view.mark_matches(phrases)
        if phrases:
            view.select_span(*phrases[0])

    def clear(self) -> None:
        for edit in (self.query, self.spanText, self.attribute):
            edit.clear()
        self.label.setCurrentIndex(0)
        self.run()


def phrase_hits(text: str, hits: list[tuple[int, int]], words: int) -> list[tuple[int, int]]:
    """FTS5 marks each query word on its own ("Kim", "Jong", "Un"): join runs of up to
    ``words`` hits separated only by spaces or hyphens into the phrase a reader sees."""
    phrases: list[tuple[int, int]] = []
    run = 0
    for start, end in hits:
        gap = text[phrases[-1][1] : start] if phrases else ""
        if phrases and run < words and start >= phrases[-1][1] and _joins(gap):
            phrases[-1] = (phrases[-1][0], end)
            run += 1
        else:
            phrases.append((start, end))
            run = 1
    return phrases


def _joins(gap: str) -> bool:
    """Words of one phrase: only spaces or hyphens between them, never a line break."""
    return "\n" not in gap and not gap.strip(" \t\u00a0-\u2010\u2011")


def _install_filter_bar(window: MainWindow) -> QLineEdit:
    """Put a filter line above the document list, in the list's place in the splitter."""
    documents = window.documentList
    splitter = documents.parentWidget()
    edit = QLineEdit()
    edit.setObjectName("documentFilter")
    edit.setPlaceholderText("Filter documents (title, source, date)")
    edit.setClearButtonEnabled(True)
    edit.textChanged.connect(documents.set_filter)
    if isinstance(splitter, QSplitter):
        sizes = splitter.sizes()
        container = QWidget()
        container.setObjectName("documentListPane")
        layout = QVBoxLayout(container)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        splitter.insertWidget(splitter.indexOf(documents), container)
        layout.addWidget(edit)
        layout.addWidget(documents)
        documents.show()
        splitter.setSizes(sizes)
    return edit


def _ask_bulk_import(window: MainWindow, folder: bool) -> BulkImportDialog | None:
    if folder:
        name = QFileDialog.getExistingDirectory(window, "Import a folder of articles")
        paths = [Path(name)] if name else []
    else:
        patterns = " ".join(f"*{s}" for s in supported_suffixes())
        names, _ = QFileDialog.getOpenFileNames(
            window, "Import articles", "", f"Articles ({patterns});;All files (*)"
        )
        paths = [Path(n) for n in names]
    return start_bulk_import(window, paths) if paths else None


def start_bulk_import(window: MainWindow, paths: list[Path]) -> BulkImportDialog:
    """Import files and folders off the GUI thread, with a cancellable progress dialog."""
    dialog = BulkImportDialog(window, paths)
    window.bulkImportDialog = dialog
    dialog.finishedImport.connect(lambda _result: window.searchPanel.refresh_labels())
    dialog.start()
    return dialog


def _remove(window: MainWindow, document_id: int | None) -> None:
    if document_id is None:
        window.statusBar().showMessage("Open a document first.", 3000)
    elif not window.project_read_only():
        remove_document(window, document_id)


def _rename(window: MainWindow, document_id: int) -> None:
    if not window.project_read_only():
        rename_document(window, document_id)


class Library:
    """The corpus filter, the search dock, metadata, removal and bulk import of a MainWindow;
    its actions are in the window's action table (``gui/action_table.py``)."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.documentFilter = _install_filter_bar(window)
        self.searchPanel = SearchPanel(window)
        self.searchDock = QDockWidget("Search", window)
        self.searchDock.setObjectName("searchDock")
        self.searchDock.setWidget(self.searchPanel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.searchDock)
        self.searchDock.hide()
        window.feed.changed.connect(self.searchPanel.follow)
        window.documentList.renameRequested.connect(lambda doc_id: _rename(window, doc_id))
        window.documentList.removeRequested.connect(lambda doc_id: _remove(window, doc_id))

    def show_search(self) -> None:
        self.searchPanel.refresh_labels()
        self.searchDock.show()
        self.searchDock.raise_()
        self.searchPanel.query.setFocus()
        self.searchPanel.query.selectAll()

    def edit_metadata(self) -> bool:
        return edit_metadata(self.window)

    def remove_current(self) -> None:
        _remove(self.window, self.window.document_id)

    def ask_bulk_import(self, folder: bool) -> BulkImportDialog | None:
        return _ask_bulk_import(self.window, folder)
