"""Kill test at scale: SIGKILL the app 100 times while it tags spans through the GUI code path.

    .venv/bin/python benchmarks/kill_test.py [--kills 100] [--seed 1] [--keep DIR]

After each kill the project must open, pass ``PRAGMA integrity_check`` and the invariants, and
hold every annotation the child reported saved (printed only after the commit returned). Prints
kills, annotations reported saved, annotations found. The CI runs the same harness with 10 kills
(``tests/safety/test_kill.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "safety"))

from kill_harness import kill_rounds, make_seed_project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-delay", type=float, default=1.0, help="seconds of tagging, max")
    parser.add_argument("--keep", type=Path, help="put the project in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="annotator-kill-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "killed.annotator"
    make_seed_project(path)
    started = time.perf_counter()
    report = kill_rounds(path, args.kills, seed=args.seed, max_delay_s=args.max_delay)
    print(report.summary())
    print(f"kills: {report.kills}")
    print(f"annotations reported saved: {len(report.reported)}")
    print(f"annotations found: {report.found}")
    print(f"time: {time.perf_counter() - started:.1f} s  project: {path}")
    for failure in report.failures:
        print(f"FAIL {failure}")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
