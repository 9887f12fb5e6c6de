"""Kill the app while it tags spans, then check nothing reported saved was lost (issue #6, 1).

Child (``python kill_harness.py child PROJECT SEED``): a real ``MainWindow`` offscreen; in a loop
it selects a random span in ``window.documentView`` and calls ``window.tag_selection(label)``
(the GUI's own path: the store commits before the view is updated), then prints
``saved <id> <start> <end>`` and flushes. Parent (:func:`kill_rounds`): starts the child, lets it
tag for a random moment, sends ``SIGKILL``, then opens the project and checks that it passes
``PRAGMA integrity_check`` and holds every annotation ever reported saved, at its offsets.
Used by ``tests/safety/test_kill.py`` (a few kills) and ``benchmarks/kill_test.py`` (100).

A SIGKILL leaves the operating system's page cache intact: this checks that no action is ever
half-written (atomicity), not that it reached the disk (durability: ``test_kill.py`` counts the
fsyncs for that).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve()
REPO = HERE.parents[2]
SEED_ARTICLE = REPO / "resources" / "pyongyang-moscow-axis.txt"
READY_TIMEOUT_S = 60.0


@dataclass
class KillReport:
    kills: int = 0
    reported: dict[int, tuple[int, int]] = field(default_factory=dict)
    found: int = 0  # reported annotations present after the last kill
    failures: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"kills: {self.kills}  annotations reported saved: {len(self.reported)}"
            f"  found after the kills: {self.found}  failures: {len(self.failures)}"
        )


def make_seed_project(path: Path) -> None:
    from annotator.services.importing import import_paths
    from annotator.store import Project

    with Project.open(path) as project:
        import_paths(project, [SEED_ARTICLE])


def kill_rounds(path: Path, kills: int, *, seed: int = 0, max_delay_s: float = 0.8) -> KillReport:
    """Run ``kills`` rounds of tag-then-SIGKILL on the project at ``path`` (must exist)."""
    rng = random.Random(seed)
    report = KillReport()
    for round_no in range(kills):
        lines = _run_and_kill(path, seed * 1000 + round_no, rng.uniform(0.0, max_delay_s))
        report.kills += 1
        for line in lines:
            parts = line.split()
            if len(parts) == 4 and parts[0] == "saved":
                report.reported[int(parts[1])] = (int(parts[2]), int(parts[3]))
        report.failures += [f"round {round_no}: {f}" for f in verify(path, report.reported)]
        report.found = len(report.reported) - sum("missing" in f for f in report.failures)
    return report


def _run_and_kill(path: Path, child_seed: int, delay_s: float) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, str(HERE), "child", str(path), str(child_seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.endswith("\n"):  # a line cut by the kill is not a report
                lines.append(line.strip())
                if line.startswith("ready"):
                    ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(READY_TIMEOUT_S):
        proc.kill()
        raise RuntimeError(f"the child never became ready: {lines}")
    time.sleep(delay_s)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    reader.join(10)
    return lines


def verify(path: Path, reported: dict[int, tuple[int, int]]) -> list[str]:
    """Open the project as the user would and list anything wrong."""
    from annotator.store import Project

    failures = []
    with Project.open(path) as project:
        result = project.db.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            failures.append(f"integrity_check: {result}")
        failures += [f"invariant: {p.message}" for p in project.problems]
        stored = {
            a.id: (a.start, a.end)
            for doc_id in project.document_ids()
            for a in project.annotations(doc_id)
        }
    for ann_id, span in reported.items():
        if ann_id not in stored:
            failures.append(f"annotation {ann_id} reported saved is missing")
        elif stored[ann_id] != span:
            failures.append(f"annotation {ann_id} is at {stored[ann_id]}, reported {span}")
    return failures


def child(path: str, seed: int) -> None:  # pragma: no cover - runs in the killed process
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from annotator.gui import MainWindow

    window = MainWindow(path)

    def fail(exc: Exception) -> None:  # a modal dialog would hang the loop
        print(f"error {exc}", flush=True)
        os._exit(3)

    window.report_error = fail  # type: ignore[method-assign]
    window.show()
    rng = random.Random(seed)
    text = window.documentView.text
    labels = [label.name for label in window.project.labels()]
    print("ready", flush=True)
    while True:
        start = rng.randrange(len(text) - 1)
        window.documentView.select_span(start, min(len(text), start + rng.randint(1, 60)))
        ann = window.tag_selection(rng.choice(labels))
        if ann is not None:
            print(f"saved {ann.id} {ann.start} {ann.end}", flush=True)
        app.processEvents()


if __name__ == "__main__":
    child(sys.argv[2], int(sys.argv[3]))
