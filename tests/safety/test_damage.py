"""Damage the checks exist to diagnose: reported with a way back, never a traceback
(issue #17, items 12 and 15)."""

from __future__ import annotations

import os
import signal
import sqlite3
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from safety_helpers import REPO, make_project, new_doc, raw

from annotator.cli import main
from annotator.store import Project
from annotator.store.backups import default_backup_folder, list_backups, make_backup


def wal_path(project: Path) -> Path:
    return project.with_name(project.name + "-wal")


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def saved(project_path: Path) -> dict[int, tuple[int, int, str]]:
    return make_project(project_path)


def flip_text_byte(path: Path) -> None:
    """Break the UTF-8 of the flag in the document's text, as a bad disk sector would."""
    data = bytearray(path.read_bytes())
    at = data.find("🇰🇷".encode())
    data[at + 1] = 0xFF
    path.write_bytes(bytes(data))


def break_index(path: Path) -> None:
    """Point one entry of the reading-order index at a row that does not exist."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'idx_annotations_reading_order'"
    ).fetchone()
    conn.close()
    data = bytearray(path.read_bytes())
    page = (root - 1) * size
    cell = struct.unpack(">H", data[page + 10 : page + 12])[0]  # the second cell
    length = data[page + cell]
    data[page + cell + length] = 0x63  # its row id (the record's last byte)
    path.write_bytes(bytes(data))


READERS = [["list"], ["check"], ["check", "--repair"], ["export", "-o", "OUT"], ["import", "TXT"]]


@pytest.mark.parametrize("damage", [flip_text_byte, break_index])
@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c))
def test_damage_is_reported_never_a_traceback(project_path, saved, tmp_path, damage, command):
    damage(project_path)
    txt = tmp_path / "x.txt"
    txt.write_text("A new article.\n")
    args = [str(tmp_path / "out.jsonl") if a == "OUT" else str(txt) if a == "TXT" else a
            for a in command]  # fmt: skip
    result = run(args[0], str(project_path), *args[1:])
    assert "Traceback" not in result.output
    if command == ["check", "--repair"] and damage is break_index:
        assert result.exit_code == 0, result.output  # an index is rebuilt: that is certain
        assert "repaired\tindex idx_annotations_reading_order: rebuilt" in result.output
    else:
        assert result.exit_code == 1, result.output
        assert "damaged" in result.output


def test_check_names_the_damaged_text_and_offers_recovery(project_path: Path, saved) -> None:
    with Project.open(project_path, lock=True):
        pass  # an automatic backup of the good project
    flip_text_byte(project_path)
    result = run("check", str(project_path))
    assert result.exit_code == 1
    assert "damage\tdocuments row 1: its text has a damaged byte" in result.output
    assert "recover\trestore the newest good backup" in result.output
    assert ".auto.annotator" in result.output


def test_repair_checks_before_rotating_backups(project_path: Path, saved) -> None:
    with Project.open(project_path, lock=True) as project:
        project.set_setting("backup.every_minutes", "0")
        project.set_setting("backup.keep", "1")
    (good,) = list_backups(default_backup_folder(project_path), project_path.name)
    flip_text_byte(project_path)
    run("check", "--repair", str(project_path))
    autos = [b for b in list_backups(default_backup_folder(project_path), project_path.name)
             if b.reason == "auto"]  # fmt: skip
    assert [b.path for b in autos] == [good.path]  # the good one was not rotated out
    with Project.open(good.path, read_only=True) as copy:
        assert copy.problems == []


def test_repair_does_not_move_a_span_where_it_is_not_certain(project_path: Path) -> None:
    with Project.open(project_path) as project:
        doc_id = project.add_document(new_doc("The talks: he said no."))
        ann = project.add_annotation(doc_id, 11, 13, "Actor")  # "he"
    conn = raw(project_path)
    conn.execute(f'UPDATE annotations SET start = 10, "end" = 12 WHERE id = {ann.id}')
    conn.close()
    result = run("check", "--repair", str(project_path))
    assert result.exit_code == 1
    assert "occurs 2 times in the document, so where it belongs is not certain" in result.output
    assert "fix by hand" in result.output and "healthy" not in result.output
    with Project.open(project_path, check=False) as project:
        assert (project.annotation(ann.id).start, project.annotation(ann.id).end) == (10, 12)


# ------------------------------------------------------------ item 15: a vanished journal
WRITER = """
import sys
from annotator.store import Project, ProjectError
project = Project.open(sys.argv[1], lock=True)
doc = project.document_ids()[0]
for line in sys.stdin:
    try:
        ann = project.add_annotation(doc, 4, 8, "Actor")
    except ProjectError as exc:
        print("error", exc, flush=True)
    else:
        print("saved", ann.id, flush=True)
"""


def test_a_deleted_journal_is_detected_before_saying_saved(project_path: Path, saved) -> None:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(project_path)], stdin=subprocess.PIPE,
        stdout=subprocess.PIPE, text=True, env=env, cwd=REPO,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    reported = []
    try:
        for _ in range(5):
            proc.stdin.write("add\n")
            proc.stdin.flush()
            reported.append(proc.stdout.readline().split())
        wal_path(project_path).unlink()  # another program deletes the journal
        for _ in range(2):
            proc.stdin.write("add\n")
            proc.stdin.flush()
            reported.append(proc.stdout.readline().split())
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        proc.kill()
    assert [r[0] for r in reported] == ["saved"] * 5 + ["error"] * 2
    assert "deleted or replaced" in " ".join(reported[5])
    saved_ids = {int(r[1]) for r in reported if r[0] == "saved"}
    with Project.open(project_path, read_only=True) as project:
        assert saved_ids <= {a.id for a in project.iter_annotations()}


def test_make_backup_still_copies_a_damaged_project_before_repair(project_path, saved):
    flip_text_byte(project_path)
    with Project.open(project_path, check=False) as project:
        assert make_backup(project, "before-repair").exists()
