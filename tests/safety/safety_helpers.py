"""Shared by the safety tests: a small real project, raw snapshots of files, other processes."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

REPO = Path(__file__).resolve().parents[2]
TEXT = "Kim Jong Un met Putin in Vladivostok. 🇰🇷 Seoul said the talks were a threat."
SPANS = [(0, 11, "Actor"), (16, 21, "Actor"), (38, 40, "Actor"), (41, 76, "Claim")]


def new_doc(text: str = TEXT, title: str = "Summit") -> NewDocument:
    return NewDocument(title=title, styled=StyledText(text, []), source_name="a.txt")


def make_project(path: Path, *, documents: int = 1) -> dict[int, tuple[int, int, str]]:
    """A closed project with ``documents`` copies of TEXT and SPANS; returns id → span."""
    saved: dict[int, tuple[int, int, str]] = {}
    with Project.open(path) as project:
        for n in range(documents):
            doc_id = project.add_document(new_doc(TEXT + " " * n, f"Summit {n}"))
            for start, end, label in SPANS:
                ann = project.add_annotation(doc_id, start, end, label)
                saved[ann.id] = (start, end, label)
    return saved


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    """What sits next to a project besides itself (WAL, SHM, lock, backups)."""
    return sorted(
        p.name
        for p in path.parent.iterdir()
        if p.name.startswith((f"{path.name}.", f"{path.name}-"))
    )


def raw(path: Path) -> sqlite3.Connection:
    """A plain connection that bypasses every check (to tamper with a project in tests)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def python(code: str, *args: str) -> subprocess.Popen[str]:
    """Run ``code`` in another Python process of this venv (stdout piped, line-buffered)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
