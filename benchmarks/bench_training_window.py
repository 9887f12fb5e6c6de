"""Benchmark: the window stays responsive while Annotate → Train Model… runs (issue #15; goal:
event-loop stalls ≤ 50 ms), next to the same timer with no training (the reference).

A QTimer at 10 ms records the gaps between its ticks on the GUI thread; a stall is a gap beyond
the 10 ms asked for. Printed: ticks, max and p99 stall, idle and during a training run in the
dialog's thread (the window's own Train Model action), and the training's wall time. The corpus
is generated (``tests/training_corpus.py``: actor names in varied sentences, every name tagged).
Design D8: numbers are printed, no goal is asserted.

Run:  .venv/bin/python benchmarks/bench_training_window.py [--articles 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "benchmark")  # no first-edit name prompt (#13)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from training_corpus import NAMES, article

from annotator.services.importing import import_paths
from annotator.store import Project

TICK_MS = 10


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` generated articles, their actor names annotated as Actor."""
    rng = random.Random(15)
    files, gold = [], []
    for i in range(n):
        text, spans = article(rng, NAMES, sentences=6)
        files.append(folder / f"article{i:05}.txt")
        files[-1].write_text(text, encoding="utf-8")
        gold.append(spans)
    path = folder / "training.annotator"
    with Project.open(path) as project:
        ids = [o.document_id for o in import_paths(project, files)]
        for doc_id, spans in zip(ids, gold, strict=True):
            for start, end in spans:
                assert doc_id is not None
                project.add_annotation(doc_id, start, end, "Actor")
    return path


def stalls(app: QApplication, until: object, limit_s: float) -> list[float]:
    """Run the event loop with a 10 ms timer until ``until()`` is true (or ``limit_s``);
    return each tick's stall in ms (the gap beyond 10 ms)."""
    clock, gaps = QElapsedTimer(), []
    timer = QTimer()
    timer.setInterval(TICK_MS)
    last = [0]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append(max(0.0, (now - last[0]) / 1e6 - TICK_MS))
        last[0] = now

    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    start = time.perf_counter()
    while not until() and time.perf_counter() - start < limit_s:  # type: ignore[operator]
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    timer.stop()
    return gaps[1:]


def report(name: str, gaps: list[float]) -> None:
    ordered = sorted(gaps)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] if ordered else 0.0
    top = ordered[-1] if ordered else 0.0
    print(f"{name:<28} {len(gaps):>6} ticks   max stall {top:7.1f} ms   p99 {p99:6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    from annotator.gui import MainWindow

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        window = MainWindow(make_corpus(folder, args.articles))
        window.show()
        print(f"{args.articles} generated articles, every actor name tagged")
        idle = time.perf_counter()
        report("idle (reference)", stalls(app, lambda: time.perf_counter() - idle > 3, 5))
        window.actionRegistry["train"].trigger()
        dialog = window.trainDialog
        assert dialog is not None
        began = time.perf_counter()
        gaps = stalls(app, lambda: not dialog.running, 900)
        took = time.perf_counter() - began
        report("while training (thread)", gaps)
        print(f"training: {took:.1f} s; {dialog.status.text().splitlines()[0]}")
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
