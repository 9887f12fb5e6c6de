"""Benchmark: key press to repainted viewport, the real window against a bare widget (issue #11).

Reuses what ``bench_open_and_tag.py`` builds (a ~5 MB article with emoji and CJK, 50,000 spans,
10 % overlapping, built in a child process). Then, headless, in the same process and run:

- **app**: the real ``MainWindow`` on that document. Text is selected and painted, then the real
  key event ``QTest.keyClick(view, "1")`` (the first label's key) is sent; the time runs until the
  document view's viewport receives its next Paint event (the highlight is painted).
- **reference**: a bare ``QPlainTextEdit`` holding the same text, shown the same size. A key that
  inserts a character is sent, timed the same way (key event until the viewport paints).

Prints p50/p99 of both, the ratios, and the peak RSS. No assertion on time (design D8).

Run:  .venv/bin/python benchmarks/bench_key_to_paint.py [--chars N] [--spans N] [--keys N]
      [--profile]
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "benchmark")  # no first-edit name prompt (#13)

import argparse
import cProfile
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_open_and_tag import (  # the shared data and measuring helpers
    PaintCounter,
    build_in_child,
    peak_rss_mb,
    percentile,
    print_profile,
    process_until_painted,
    select,
    settle,
    tag_targets,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from annotator.gui import MainWindow

GOAL_P99_MS = 10.0


Timing = tuple[float, float, float]  # ms: until settled, the key's handler, until the Paint


def key_to_paint(
    app: QApplication, target: QWidget, counter: PaintCounter, key: Qt.Key
) -> Timing | None:
    """Milliseconds from sending ``key`` to ``target``: until the viewport has painted and the
    event loop turned once more; of those, the key's handler (save, change feed); and until the
    viewport's Paint event arrived (the text's pixels, before the rest of the window's)."""
    before = counter.count
    t0 = time.perf_counter()
    QTest.keyClick(target, key)
    handled = time.perf_counter()
    if not process_until_painted(app, counter, before):
        return None
    ms = [(t - t0) * 1000 for t in (time.perf_counter(), handled, counter.stamps[before])]
    return ms[0], ms[1], ms[2]


def measure(
    app: QApplication,
    target: QWidget,
    counter: PaintCounter,
    key: Qt.Key,
    positions: list[tuple[int, int]],
    prepare: Callable[[int, int], None],
) -> list[Timing]:
    times = []
    for start, end in positions:
        prepare(start, end)
        settle(app)  # the selection (or the cursor) is painted before the key
        took = key_to_paint(app, target, counter, key)
        if took is not None:
            times.append(took)
    return times


def reference_widget(text: str, size: Any) -> tuple[QPlainTextEdit, PaintCounter]:
    bare = QPlainTextEdit()
    bare.setPlainText(text)
    bare.resize(size)
    counter = PaintCounter()
    bare.viewport().installEventFilter(counter)
    bare.show()
    return bare, counter


def place_cursor(edit: QPlainTextEdit, position: int) -> None:
    cursor = edit.textCursor()
    cursor.setPosition(min(position, edit.document().characterCount() - 1))
    edit.setTextCursor(cursor)


def summary(name: str, measured: list[Timing]) -> tuple[float, float]:
    def pct(values: list[float]) -> str:
        return f"p50 {percentile(values, 50):.1f} / p99 {percentile(values, 99):.1f} ms"

    times = [total for total, _, _ in measured]
    p50, p99 = percentile(times, 50), percentile(times, 99)
    print(
        f"{name}: p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(times):.1f} ms ({len(times)} keys)"
    )
    print(
        f"  of which the key's handler (save, change feed) {pct([h for _, h, _ in measured])};"
        f" event loop until painted {pct([t - h for t, h, _ in measured])}"
    )
    print(f"  until the text viewport's Paint event {pct([p for _, _, p in measured])}")
    return p50, p99


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=5_000_000, help="article size (code points)")
    parser.add_argument("--spans", type=int, default=50_000, help="annotations in the document")
    parser.add_argument("--keys", type=int, default=200, help="key presses timed per side")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument("--profile", action="store_true", help="cProfile 50 more key presses")
    parser.add_argument(
        "--docks", action="store_true", help="with the claims dock shown (View → Claims)"
    )
    return parser.parse_args(argv)


def run_app(app: QApplication, path: Path, args: argparse.Namespace) -> tuple[list[Timing], Any]:
    window = MainWindow(path)
    view = window.documentView
    counter = PaintCounter()
    view.viewport().installEventFilter(counter)
    window.show()
    if args.docks:
        window.claimsDock.show_claims()
        window.documentView.setFocus()
    process_until_painted(app, counter, 0)
    targets = tag_targets(view.text, args.keys)
    before = view.highlighter.span_count()
    times = measure(app, view, counter, Qt.Key.Key_1, targets, lambda s, e: select(view, s, e))
    added = view.highlighter.span_count() - before
    if added != len(targets):
        print(f"WARNING: {len(targets)} keys pressed, {added} spans added")
    if args.profile:
        profiler = cProfile.Profile()
        for start, end in tag_targets(view.text, 50):
            select(view, start + 1, end)
            settle(app)
            profiler.enable()
            key_to_paint(app, view, counter, Qt.Key.Key_1)
            profiler.disable()
        print_profile("50 x key 1 until painted", profiler, 30)
    return times, window


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        path = Path(tmp) / "bench.annotator"
        # A fresh window layout: docks a user left open on this machine would change the figure.
        os.environ["ANNOTATOR_SETTINGS_DIR"] = str(Path(tmp) / "settings")
        facts = build_in_child(path, args)
        print(f"platform: {os.environ.get('QT_QPA_PLATFORM')}, Python {sys.version.split()[0]}")
        print(f"article: {facts['code_points']:,} code points, {facts['spans']:,} spans")
        app_times, window = run_app(app, path, args)
        text, size = window.documentView.toPlainText(), window.documentView.size()
        rss_app = peak_rss_mb()
        window.close()
        settle(app)
        bare, counter = reference_widget(text, size)
        process_until_painted(app, counter, 0)
        positions = [(s, s) for s, _ in tag_targets(text, args.keys)]
        ref_times = measure(
            app, bare, counter, Qt.Key.Key_A, positions, lambda s, _: place_cursor(bare, s)
        )
        bare.close()
    p50, p99 = summary("app: key 1 on a selection -> tag saved and painted", app_times)
    r50, r99 = summary("reference: bare QPlainTextEdit, key inserts a char -> painted", ref_times)
    print(f"ratio app/reference: p50 {p50 / r50:.1f}x, p99 {p99 / r99:.1f}x")
    heavy = [m for m in ("pandas", "numpy") if m in sys.modules]
    note = f" ({' and '.join(heavy)} imported)" if heavy else ""
    print(f"peak RSS: {rss_app:.0f} MB with the window open, {peak_rss_mb():.0f} MB at end{note}")
    mark = "OK" if p99 <= GOAL_P99_MS else "OVER"
    print(f"goal key-to-paint p99 <= {GOAL_P99_MS:.0f} ms: {p99:.1f} ms {mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
