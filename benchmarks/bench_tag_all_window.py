"""Benchmark: in the window, from Ctrl+T on a tagged "Kim Jong Un" to the tag-all review list
shown and painted, over the whole corpus (issue #12 item 2; goal ≤ 1 s at 10,000 articles),
next to same-run references (design D8: no goal is asserted):

- the raw FTS5 query for the same words (ids only), and
- ``find_candidates`` alone (the service the review calls), so the window's own share shows.

The corpus is ``bench_tag_all``'s (10,000 articles of ~5 KB, 1,000 naming him). Median of
--repeats; each run closes the review (Esc) before the next.

Run:  .venv/bin/python benchmarks/bench_tag_all_window.py [--articles 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "benchmark")  # no first-edit name prompt (#13)

from bench_library import generate, median_of, show
from bench_tag_all import RAW_FTS, add_mentions
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.services.tag_all import find_candidates
from annotator.store import Project

NAME = "Kim Jong Un"


def first_mention(project: Project) -> int:
    """A document that names him with exactly this spelling."""
    row = project.db.execute(
        "SELECT id FROM documents WHERE instr(text, ?) > 0 ORDER BY id LIMIT 1", [NAME]
    ).fetchone()
    return int(row[0])


def bench_window(app: QApplication, path: Path, repeats: int) -> None:
    from annotator.gui import MainWindow
    from annotator.gui.tag_all_review import SCOPE_SETTING

    with Project.open(path) as project:
        doc = first_mention(project)
        project.set_setting(SCOPE_SETTING, "corpus")
    window = MainWindow(path)
    window.show()
    window.open_document(doc)
    view = window.documentView
    cursor = view.document().find(NAME)  # plain ASCII before it: UTF-16 = code points
    view.setTextCursor(QTextCursor(cursor))
    assert window.tag_selection("Actor") is not None
    app.processEvents()

    def key_to_review() -> None:
        QTest.keyClick(view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        review = window.tagAll.review
        assert review is not None and review.isVisible()
        app.processEvents()
        review.grab()  # painted, rows and all
        rows.append(review.list.topLevelItemCount())
        QTest.keyClick(review.list, Qt.Key.Key_Escape)
        app.processEvents()

    rows: list[int] = []
    key_to_review()  # warm
    app_s = median_of(repeats, key_to_review)
    print(f"review rows: {rows[-1]}")
    project = window.project
    find_s = median_of(repeats, lambda: find_candidates(project, [NAME], label="Actor"))
    with sqlite3.connect(path) as conn:
        sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
        fts_s = median_of(repeats, lambda: conn.execute(sql, [RAW_FTS]).fetchall())
    show("Ctrl+T to review shown (corpus)", app_s, fts_s, "raw FTS5 ids")
    show("Ctrl+T to review shown (corpus)", app_s, find_s, "find_candidates alone")
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--mentions", type=int, default=1_000)
    parser.add_argument("--kb", type=float, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the corpus here")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"tag-all-{args.articles}-{args.mentions}.annotator"
        if not path.exists():
            took = generate(path, args.articles - args.mentions, args.kb)
            add_mentions(path, args.mentions, args.kb)
            print(f"generated {args.articles} articles of ~{args.kb:g} KB in {took:.1f} s")
        bench_window(app, path, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
