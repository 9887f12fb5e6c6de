"""Benchmark: a large library in the real window (issue #11), each figure next to a same-run
reference and the ratio (design D8: no goal is asserted, the machine is shared and noisy).

Generates a project of N articles (~5 KB each) through the store's bulk path
(``Project.add_documents``, one transaction per batch), timing it next to raw sqlite3
executemany of the same rows into a table with an FTS5 index; then measures, median of --repeats:

- window start until the first paint (reference: a bare QMainWindow with an empty QTreeWidget);
- filtering the document list by a word (reference: the same filter in Python over the titles);
- FTS search in the window's search panel (reference: the raw sqlite3 FTS5 query);
- opening one document (reference: reading its text with raw sqlite3);
- importing one native JSONL document with --spans spans (reference: raw sqlite3
  executemany of the same rows in one transaction).

Run:  .venv/bin/python benchmarks/bench_library.py [--articles 100000] [--spans 50000]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "benchmark")  # no first-edit name prompt (#13)

import orjson
from PySide6.QtWidgets import QApplication, QMainWindow, QTreeWidget

from annotator.core.document import NewDocument
from annotator.core.styled_text import StyledText
from annotator.store import Project

_WORD_LIST = (
    "the of and to in a is that for on with as was by at from military alliance Pyongyang "
    "Moscow Seoul Kyiv troops sanctions minister president election economy market report "
    "officials nuclear missile border treaty summit ceasefire 😀 北京 analysts warned"
)
WORDS = _WORD_LIST.split()
FILTER_WORD = "treaty"
QUERY = "nuclear missile"


def generate(path: Path, count: int, kb: float, batch: int = 2000) -> tuple[float, float]:
    """Store ``count`` articles through ``Project.add_documents`` (the bulk import's path, one
    transaction per batch); returns its time and, as the reference, raw sqlite3 executemany of
    the same rows into a table with an FTS5 index, one transaction per batch (synchronous=FULL).
    Making up the articles is timed by neither."""
    rng = random.Random(11)
    app_s = ref_s = 0.0
    raw = sqlite3.connect(path.with_suffix(".reference.sqlite"))
    raw.executescript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        " CREATE TABLE d (id INTEGER PRIMARY KEY, title TEXT, text TEXT, meta TEXT);"
        " CREATE VIRTUAL TABLE f USING fts5(title, text, content='d', content_rowid='id');"
    )
    with Project.open(path) as project:
        for first in range(0, count, batch):
            docs = []
            for index in range(first, min(count, first + batch)):
                title = f"Article {index}: {' '.join(rng.choices(WORDS, k=5)).title()}"
                words = rng.choices(WORDS, k=int(kb * 1024 / 7))
                meta = {"source": f"Wire {index % 7}", "date": f"2024-10-{1 + index % 28:02d}"}
                text = f"{title}\n\n{' '.join(words)}."
                docs.append(NewDocument(title, StyledText(text), f"a{index}.txt", meta=meta))
            began = time.perf_counter()
            project.add_documents(docs)
            app_s += time.perf_counter() - began
            rows = [(first + i + 1, d.title, d.styled.text, orjson.dumps(d.meta).decode())
                    for i, d in enumerate(docs)]  # fmt: skip
            began = time.perf_counter()
            with raw:
                raw.executemany("INSERT INTO d VALUES (?, ?, ?, ?)", rows)
                raw.executemany("INSERT INTO f (rowid, title, text) VALUES (?, ?, ?)",
                                [r[:3] for r in rows])  # fmt: skip
            ref_s += time.perf_counter() - began
    raw.close()
    path.with_suffix(".reference.sqlite").unlink()
    return app_s, ref_s


def median_of(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def show(name: str, app_s: float, ref_s: float, ref_name: str) -> None:
    ratio = app_s / ref_s if ref_s > 0 else float("inf")
    print(
        f"{name}: {app_s * 1000:9.1f} ms   {ref_name}: {ref_s * 1000:8.1f} ms   ratio {ratio:7.1f}x"
    )


def painted(app: QApplication, widget: QMainWindow) -> None:
    widget.show()
    app.processEvents()
    widget.grab()  # forces a paint of the whole window


def bench_window(app: QApplication, path: Path, repeats: int) -> None:
    from annotator.gui import MainWindow

    def start_app() -> None:
        window = MainWindow(path)
        painted(app, window)
        window.close()
        window.deleteLater()
        app.processEvents()

    def start_bare() -> None:
        window = QMainWindow()
        window.setCentralWidget(QTreeWidget())
        painted(app, window)
        window.close()
        window.deleteLater()
        app.processEvents()

    start_app()  # warm imports and caches
    show("window start to first paint", median_of(repeats, start_app),
         median_of(repeats, start_bare), "bare QMainWindow+QTreeWidget")  # fmt: skip

    window = MainWindow(path)
    painted(app, window)
    titles = [r[0] for r in sqlite3.connect(path).execute("SELECT title FROM documents")]

    def filter_app() -> None:
        window.documentFilter.setText(FILTER_WORD)
        app.processEvents()
        window.documentFilter.setText("")
        app.processEvents()

    def filter_ref() -> None:
        for word in (FILTER_WORD, ""):
            [t for t in titles if word in t.lower()]

    show("filter document list", median_of(repeats, filter_app) / 2,
         median_of(repeats, filter_ref) / 2, "Python filter over titles")  # fmt: skip

    panel = window.searchPanel
    raw = sqlite3.connect(path)
    ranked_sql = (
        "SELECT rowid, snippet(documents_fts, -1, '[', ']', '…', 12) FROM documents_fts"
        " WHERE documents_fts MATCH ? ORDER BY rank LIMIT 50"
    )
    newest_sql = ranked_sql.replace("ORDER BY rank", "ORDER BY rowid DESC")
    rare = f"article {len(titles) // 2}"  # the words of one title: a query few documents match
    for query, label, sql in (
        (QUERY, "every article matches; newest first", newest_sql),
        (rare, "one article matches; ranked", ranked_sql),
    ):
        panel.query.setText(query)

        def search_app() -> None:
            panel.run()
            app.processEvents()

        def search_ref(sql: str = sql, query: str = query) -> None:
            raw.execute(sql, [query]).fetchall()

        show(f"FTS search in window ({label})", median_of(repeats, search_app),
             median_of(repeats, search_ref), "raw sqlite3 FTS query, same order")  # fmt: skip
        print(f"  the window's line: {panel.status.text()}")
    ranked_all = median_of(repeats, lambda: raw.execute(ranked_sql, [QUERY]).fetchall())
    print(f"  (ranking every match of {QUERY!r} in raw sqlite3: {ranked_all * 1000:.1f} ms)")
    panel.query.setText("")
    panel.run()
    ids = [len(titles) // 2, len(titles) // 3]

    def open_app() -> None:
        window.open_document(ids.reverse() or ids[0])
        app.processEvents()

    def open_ref() -> None:
        raw.execute("SELECT text FROM documents WHERE id = ?", [ids[0]]).fetchone()

    show("open one document", median_of(repeats, open_app),
         median_of(repeats, open_ref), "raw sqlite3 read of its text")  # fmt: skip
    window.close()
    window.deleteLater()
    app.processEvents()


def bench_annotated_import(folder: Path, spans: int) -> None:
    from annotator.services.importing import import_file

    rng = random.Random(5)
    words = rng.choices(WORDS, k=spans * 3)
    text = " ".join(words)
    starts, position = [], 0
    for word in words:
        starts.append((position, position + len(word)))
        position += len(word) + 1
    chosen = starts[:: max(1, len(starts) // spans)][:spans]
    records = [
        {"id": i + 1, "start": s, "end": e, "label": "Claim", "text": text[s:e]}
        for i, (s, e) in enumerate(chosen)
    ]
    source = folder / "annotated.jsonl"
    record = {"id": 1, "title": "Annotated", "text": text, "meta": {}, "spans": records}
    source.write_bytes(orjson.dumps(record) + b"\n")
    with Project.open(folder / "import.annotator") as project:
        began = time.perf_counter()
        outcome = import_file(project, source)
        app_s = time.perf_counter() - began
    stored = (
        sqlite3.connect(folder / "import.annotator")
        .execute("SELECT count(*) FROM annotations")
        .fetchone()[0]
    )
    raw = sqlite3.connect(folder / "raw.sqlite")
    raw.execute('CREATE TABLE a (id INTEGER PRIMARY KEY, doc INT, start INT, "end" INT,'
                " label INT, text TEXT)")  # fmt: skip
    raw.execute("PRAGMA synchronous=FULL")
    began = time.perf_counter()
    with raw:
        raw.executemany(
            'INSERT INTO a (doc, start, "end", label, text) VALUES (1, ?, ?, 1, ?)',
            [(r["start"], r["end"], r["text"]) for r in records],
        )
    ref_s = time.perf_counter() - began
    print(f"annotated import: {len(outcome)} outcome(s), {stored} spans stored")
    show(f"import JSONL, {spans} spans", app_s, ref_s, "raw sqlite3 executemany")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--kb", type=float, default=5)
    parser.add_argument("--spans", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the library here")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("ANNOTATOR_SETTINGS_DIR", str(Path(tmp)))
        path = folder / f"library-{args.articles}.annotator"
        if not path.exists():
            app_s, ref_s = generate(path, args.articles, args.kb)
            show(f"import {args.articles} articles of ~{args.kb:g} KB", app_s, ref_s,
                 "raw sqlite3 executemany + FTS5")  # fmt: skip
        bench_window(app, path, args.repeats)
        bench_annotated_import(Path(tmp), args.spans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
