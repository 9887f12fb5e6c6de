"""A small corpus with a registry for the actor and status GUI tests (issue #12)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from helpers import make_text_project

from annotator.store import Project

DOC_A = (
    "Kim Jong Un arrived in Moscow on Tuesday by armoured train. "
    "Officials said Vladimir Putin would meet him at the station.\n"
)
DOC_B = "Reports from Seoul say Kim Jong-un left Pyongyang at dawn.\n"
DOC_C = "Nothing about him in this one.\n"


def make_corpus(tmp_path: Path, *, linked: bool = True) -> Path:
    """Three documents; actors "Kim Jong Un" (alias "KJU"), "Kim Jong-un" and "Vladimir Putin";
    with ``linked``, Kim's spans in A and B are tagged and linked (A's to "Kim Jong Un", B's to
    the duplicate "Kim Jong-un")."""
    path = tmp_path / "kim.annotator"
    ids = make_text_project(
        path, {"a-moscow.txt": DOC_A, "b-seoul.txt": DOC_B, "c-other.txt": DOC_C}
    )
    with Project.open(path) as project:
        kim = project.add_actor("Kim Jong Un", aliases=["KJU"])
        dup = project.add_actor("Kim Jong-un")
        project.add_actor("Vladimir Putin")
        if linked:
            a = project.add_annotation(ids[0], 0, 11, "Actor")
            b = project.add_annotation(ids[1], DOC_B.index("Kim"), DOC_B.index(" left"), "Actor")
            project.link_annotation_to_actor(a.id, kim)
            project.link_annotation_to_actor(b.id, dup)
    return path


def tables(path: Path) -> dict[str, list[Any]]:
    """Every row of every table of the project file."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: sorted(map(repr, conn.execute(f'SELECT * FROM "{n}"'))) for n in names}


def query(path: Path, sql: str, *args: Any) -> list[Any]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, args).fetchall()
