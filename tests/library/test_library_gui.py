"""The library in the real window: corpus columns and filter, search dock, metadata, bulk import."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from library_helpers import SEED, SEED_TITLE, write_samples
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from reader_threads import log_reader_threads

from annotator.services.bulk_import import import_bulk
from annotator.store import Project


@pytest.fixture
def library_project(tmp_path: Path) -> Path:
    path = tmp_path / "library.annotator"
    with Project.open(path) as project:
        import_bulk(project, [write_samples(tmp_path / "samples")])
    return path


@pytest.fixture
def window(qtbot, library_project: Path):  # type: ignore[no-untyped-def]
    from annotator.gui import MainWindow

    win = MainWindow(library_project)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _row(window, title: str):  # type: ignore[no-untyped-def]
    documents = window.documentList
    for i in range(documents.model().rowCount()):
        if documents.model().index(i, 0).data() == title:
            return [documents.model().index(i, c).data() for c in range(4)]
    raise AssertionError(title)


def test_corpus_view_columns_and_sorting(window) -> None:  # type: ignore[no-untyped-def]
    documents = window.documentList
    header = [documents.model().headerData(i, Qt.Orientation.Horizontal) for i in range(4)]
    assert header == ["Title", "Source", "Date", "Spans"]
    seed = _row(window, SEED_TITLE)
    assert tuple(seed[1:]) == ("Asia Times", "2024-10-22", "0")
    html = _row(window, "Kim 😀 meets 習近平")  # fails if there is no such row
    assert tuple(html[1:3]) == ("Example News", "2024-10-22")
    documents.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert [documents.model().index(i, 1).data() for i in range(3)] == [
        "",
        "Asia Times",
        "Example News",
    ]


def test_corpus_filter(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = window.documentList
    qtbot.keyClicks(window.documentFilter, "asia times")
    assert len(documents.visible_document_ids()) == 1
    assert documents.visible_document_ids()[0] == next(
        d.id for d in window.project.documents() if d.title == SEED_TITLE
    )
    window.documentFilter.clear()
    assert len(documents.visible_document_ids()) == 3


def test_filtering_out_the_open_document_keeps_it_open(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    documents = window.documentList
    opened = window.document_id
    qtbot.keyClicks(window.documentFilter, "asia times")
    assert opened not in documents.visible_document_ids()  # filtered out of the list…
    assert window.document_id == opened  # …but still the document shown
    window.documentFilter.clear()
    assert window.document_id == opened
    current = documents.currentIndex()
    assert documents.visible_document_ids()[current.row()] == opened  # marked again


def test_search_opens_the_document_and_selects_the_hit(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.searchAction.trigger()
    panel = window.searchPanel
    assert window.searchDock.isVisible()
    qtbot.keyClicks(panel.query, "Kim Jong-un")
    QTest.keyClick(panel.query, Qt.Key.Key_Return)
    assert panel.results.count() == 1
    assert "«Kim» «Jong-un»" in panel.results.item(0).text()
    assert window.documentList.visible_document_ids() == [
        panel.results.item(0).data(256).document_id
    ]
    panel.open_result(panel.results.item(0))
    view = window.documentView
    assert view.document_id == panel.results.item(0).data(256).document_id
    assert view.textCursor().selectedText() == "Kim Jong-un"  # the phrase, not its first word
    panel.clear()
    assert len(window.documentList.visible_document_ids()) == 3


def test_search_cjk_hit_after_emoji_selects_right_text(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = window.searchPanel
    panel.query.setText("習近平")
    found = panel.run()
    assert len(found) == 2
    for row in range(panel.results.count()):
        panel.open_result(panel.results.item(row))
        assert window.documentView.textCursor().selectedText() == "習近平"


def test_filter_by_label(window) -> None:  # type: ignore[no-untyped-def]
    seed_id = next(d.id for d in window.project.documents() if d.title == SEED_TITLE)
    text = window.project.document(seed_id).text
    start = text.index("Kim Jong Un")
    window.project.add_annotation(seed_id, start, start + 11, "Actor")
    panel = window.searchPanel
    panel.refresh_labels()
    panel.spanText.setText("Kim Jong Un")
    panel.label.setCurrentText("Actor")  # runs the search
    assert [r.document_id for r in panel.run()] == [seed_id]
    assert window.documentList.visible_document_ids() == [seed_id]


def test_metadata_dialog_edits_and_saves(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    seed_id = next(d.id for d in window.project.documents() if d.title == SEED_TITLE)
    window.open_document(seed_id)

    def fill() -> None:
        dialog = window.metadataDialog
        assert dialog.fields["source"].text() == "Asia Times"
        assert dialog.fields["date"].text() == "2024-10-22"
        dialog.fields["author"].setText("Daniel Sneider")
        dialog.fields["tags"].setText("Korea, Russia, Korea")
        dialog.fields["url"].setText("https://asiatimes.com/2024/10/x")
        dialog.accept()

    QTimer.singleShot(0, fill)
    window.metadataAction.trigger()
    meta = window.project.document(seed_id).meta
    assert meta["author"] == "Daniel Sneider"
    assert meta["tags"] == ["Korea", "Russia"]
    assert meta["url"] == "https://asiatimes.com/2024/10/x"
    assert meta["source"] == "Asia Times" and meta["title"] == SEED_TITLE

    window.undoStack.undo()  # metadata edits are undoable like every other change
    assert "author" not in window.project.document(seed_id).meta
    window.undoStack.redo()
    assert window.project.document(seed_id).meta["author"] == "Daniel Sneider"


def test_bulk_import_runs_off_the_gui_thread(window, qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.library import start_bulk_import

    folder = tmp_path / "bulk"
    folder.mkdir()
    for index in range(40):
        (folder / f"n{index:02d}.txt").write_text(f"Story {index}\n\nBody {index}.", "utf-8")
    (folder / "dup.txt").write_bytes(SEED.read_bytes())
    (folder / "bad.docx").write_bytes(b"broken")
    reader_threads = log_reader_threads(monkeypatch)
    dialog = start_bulk_import(window, [folder])
    with qtbot.waitSignal(dialog.finishedImport, timeout=20000) as blocker:
        pass
    result = blocker.args[0]
    assert result.count("imported") == 40
    assert result.count("duplicate") == 1 and result.count("error") == 1
    assert window.documentList.model().rowCount() == 43
    assert "Imported 40 documents" in window.statusBar().currentMessage()
    assert "bad.docx" in window.bulkImportReport.detailedText()
    assert len(reader_threads) == 41  # every .txt file was read, none in the GUI thread
    assert threading.get_ident() not in reader_threads


def test_bulk_import_cancel_keeps_what_was_imported(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.library_dialogs import BulkImportDialog

    folder = tmp_path / "bulk"
    folder.mkdir()
    for index in range(30):
        (folder / f"n{index:02d}.txt").write_text(f"Story {index}\n\nBody {index}.", "utf-8")
    dialog = BulkImportDialog(window, [folder])
    # Cancel from inside the worker after 5 files (a queued slot could arrive after the end).
    dialog.thread_.progressed.connect(
        lambda done, _total: done >= 5 and dialog.thread_.cancel(),
        Qt.ConnectionType.DirectConnection,
    )
    with qtbot.waitSignal(dialog.finishedImport, timeout=20000) as blocker:
        dialog.start()
    result = blocker.args[0]
    imported = result.count("imported")
    assert result.cancelled and 5 <= imported < 30
    assert window.documentList.model().rowCount() == 3 + imported
    assert len(window.project.documents()) == 3 + imported


def test_hostile_html_shows_text_only(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "hostile.html"
    page.write_text(
        '<script>alert(1)</script><img src="file:///etc/passwd" alt="alt">'
        '<img src="http://evil.example/x.png"><p>Visible <b>text</b>'
        f'<span title="{"x" * 500_000}">.</span></p>',
        "utf-8",
    )
    with Project.open(window.project.path) as other:
        (outcome,) = import_bulk(other, [page]).outcomes
    window.refresh_documents()
    window.open_document(outcome.document_id)
    view = window.documentView
    assert view.toPlainText() == "alt\n\nVisible text."
    assert "<img" not in view.document().toHtml()  # no image, so Qt has nothing to load
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            assert not it.fragment().charFormat().isImageFormat()
            it += 1
        block = block.next()


def test_cancel_button_stops_the_worker(window, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from annotator.gui.library_dialogs import BulkImportDialog

    dialog = BulkImportDialog(window, [write_samples(tmp_path / "more")])
    dialog.show()
    (button,) = dialog.findChildren(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finishedImport, timeout=20000) as blocker:
        dialog.thread_.start()
    assert blocker.args[0].cancelled and blocker.args[0].outcomes == []
