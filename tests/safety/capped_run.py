"""Run one import in a forked child with a memory cap (RLIMIT_AS) and a time cap.

Shared by the fuzz suite and ``benchmarks/bench_hostile.py``. The child imports one path into a
fresh project and sends back (status, message) per document; the parent sees one of:
``ok`` (with those outcomes), ``crash`` (an exception escaped: its traceback), ``killed`` (a
signal, e.g. the memory cap's) or ``hang`` (over the time cap; the child is killed).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

MEMORY_CAP = 1024 * 1024 * 1024  # address space above what the parent already has mapped
TIME_CAP = 20.0  # seconds per input (the machine is shared and slow)
ACCEPTED = ("imported", "duplicate", "error")


@dataclass(slots=True)
class CappedResult:
    kind: str  # "ok", "crash", "killed", "hang"
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    detail: str = ""
    peak_rss_kb: int = 0

    def problems(self) -> list[str]:
        """What is not "a document or a clear per-file message"."""
        if self.kind != "ok":
            return [f"{self.kind}: {self.detail[-2000:]}"]
        return [
            f"{status}: {message!r}"
            for status, message in self.outcomes
            if status not in ACCEPTED or not message.strip() or "Traceback" in message
        ]


def _import_in_child(path: Path) -> list[tuple[str, str]]:
    from annotator.services.importing import import_paths
    from annotator.store import Project

    with (
        tempfile.TemporaryDirectory() as folder,
        Project.open(Path(folder) / "fuzz.annotator") as project,
    ):
        return [(o.status, o.message) for o in import_paths(project, [path])]


def _vm_size() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def run_capped(path: Path, *, memory: int = MEMORY_CAP, seconds: float = TIME_CAP) -> CappedResult:
    limit = _vm_size() + memory
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: cap, import, report, leave without running the parent's cleanup
        os.close(read_end)
        code = 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            payload = json.dumps({"outcomes": _import_in_child(path)})
        except BaseException:
            payload, code = json.dumps({"crash": traceback.format_exc()[-4000:]}), 1
        with os.fdopen(write_end, "w") as fh:
            fh.write(payload)
        os._exit(code)
    os.close(write_end)
    return _wait(pid, read_end, seconds)


def _wait(pid: int, read_end: int, seconds: float) -> CappedResult:
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    os.set_blocking(read_end, False)
    while True:
        try:
            while chunk := os.read(read_end, 65536):
                chunks.append(chunk)
        except BlockingIOError:
            pass
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            os.close(read_end)
            return CappedResult("hang", detail=f"over {seconds} s", peak_rss_kb=usage.ru_maxrss)
        time.sleep(0.01)
    os.set_blocking(read_end, True)
    chunks.append(os.read(read_end, 1 << 20))
    os.close(read_end)
    rss = usage.ru_maxrss
    if os.WIFSIGNALED(status):
        return CappedResult("killed", detail=f"signal {os.WTERMSIG(status)}", peak_rss_kb=rss)
    data = json.loads(b"".join(chunks) or b"{}")
    if "crash" in data or "outcomes" not in data:
        return CappedResult("crash", detail=data.get("crash", "no report"), peak_rss_kb=rss)
    outcomes = [(s, m) for s, m in data["outcomes"]]
    return CappedResult("ok", outcomes, peak_rss_kb=rss)
