"""A large library starts without reading every article (#11): the document list's rows come
from one query without texts; a title's tooltip reads its one document's length when shown."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator.core.document import NewDocument
from annotator.core.styled_text import StyledText
from annotator.store import Project


def test_the_window_starts_reading_only_the_open_documents_text(tmp_path: Path, open_window):
    project = Project.open(tmp_path / "library.annotator", lock=True)
    texts = ["Kim met Putin.", "Rain in Seoul, 北京 dry 😀.", "Quiet day."]
    project.add_documents([NewDocument(f"Article {i}", StyledText(t)) for i, t in enumerate(texts)])
    statements: list[str] = []
    project.db.conn.set_trace_callback(statements.append)
    window = open_window(project)
    reads = [s for s in statements if re.search(r"\btext\b", s) and "FROM documents" in s]
    assert reads, "the open document's text is read"
    assert all(re.search(r"WHERE id = (\?|\d+)$", s) for s in reads), reads
    assert [window.documentList.model().index(i, 0).data() for i in range(3)] == [
        "Article 0", "Article 1", "Article 2",
    ]  # fmt: skip
    title = window.documentList.model().index(1, 0)
    tip = title.data(Qt.ItemDataRole.ToolTipRole)  # what hovering the title shows
    assert "Article 1" in tip and "24 characters" in tip  # code points, read on demand


def test_the_list_lays_out_rows_as_they_are_needed(tmp_path: Path, open_window) -> None:
    project = Project.open(tmp_path / "library.annotator", lock=True)
    project.add_documents(
        [NewDocument(f"Article {i}", StyledText(f"Text {i}.")) for i in range(2000)]
    )
    window = open_window(project)
    documents = window.documentList
    assert documents.model().rowCount() < 2000  # not 2,000 wrapped titles measured at start
    assert len(documents.document_ids()) == 2000
    documents.setFocus()
    QTest.keyClick(documents, Qt.Key.Key_End)  # the last article: the rows up to it are given
    assert window.documentView.text == "Text 1999."
    assert documents.model().rowCount() == 2000


def test_the_list_query_reads_an_index_not_the_texts(tmp_path: Path) -> None:
    with Project.open(tmp_path / "library.annotator") as project:
        project.add_documents([NewDocument("Article", StyledText("Text " * 2000))])
        statements: list[str] = []
        project.db.conn.set_trace_callback(statements.append)
        assert project.document_rows()[0][1] == "Article"
        project.db.conn.set_trace_callback(None)
        plan = project.db.execute(f"EXPLAIN QUERY PLAN {statements[-1]}").fetchall()
    assert "COVERING INDEX" in str(plan)  # columns after the text: no text page read


def test_a_status_change_does_not_rewrite_the_documents_text(tmp_path: Path) -> None:
    """The first annotation moves a document to "in progress" (and Ctrl+D steps it): the status
    lives in a table of its own, so changing it never rewrites the document's row, whose text
    is 5 MB in a large article (0.2 s and 5 MB of journal per change, #11)."""
    with Project.open(tmp_path / "library.annotator") as project:
        [doc] = project.add_documents([NewDocument("Article", StyledText("Text " * 2000))])
        statements: list[str] = []
        project.db.conn.set_trace_callback(statements.append)
        project.set_document_status(doc, "in_progress")
        assert project.document_statuses([doc]) == {doc: "in_progress"}
        project.db.conn.set_trace_callback(None)
    writes = [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))]
    assert writes and not any("documents " in w.split("(")[0] for w in writes), writes
