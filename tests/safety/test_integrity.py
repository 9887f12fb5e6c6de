"""Invariants checked on open and by ``annotator check`` (issue #6, part 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from safety_helpers import TEXT, make_project, raw

from annotator.cli import main
from annotator.store import Project
from annotator.store.backups import default_backup_folder, list_backups
from annotator.store.integrity import REPAIR_NOTE


@pytest.fixture
def saved(project_path: Path) -> dict[int, tuple[int, int, str]]:
    return make_project(project_path)


def tamper(path: Path, *sql: str) -> None:
    conn = raw(path)
    for statement in sql:
        conn.execute(statement)
    conn.close()


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def kinds(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as project:
        return [p.kind for p in project.problems]


def test_a_healthy_project_passes(project_path: Path, saved) -> None:
    code, out = check(str(project_path))
    assert code == 0
    assert out.splitlines() == ["sqlite\tok", "ok\tthe project is healthy"]
    assert kinds(project_path) == []


def test_shifted_span_is_reported_on_open_and_moved_back_by_repair(project_path, saved):
    first = min(saved)
    tamper(project_path, f'UPDATE annotations SET start = start + 2, "end" = "end" + 2'
           f" WHERE id = {first}")  # fmt: skip
    assert kinds(project_path) == ["span_text"]
    code, out = check(str(project_path))
    assert code == 1 and "stored text “Kim Jong Un” differs" in out and "--repair" in out
    code, out = check(str(project_path), "--repair")
    assert code == 0, out
    assert f"repaired\tannotation {first}: moved from 2–13 to 0–11" in out
    with Project.open(project_path) as project:
        assert project.problems == []
        assert (project.annotation(first).start, project.annotation(first).end) == (0, 11)
    backups = list_backups(default_backup_folder(project_path), project_path.name)
    assert "before-repair" in [b.reason for b in backups]


def test_span_text_not_in_document_is_kept_and_noted(project_path: Path, saved) -> None:
    first = min(saved)
    tamper(project_path, f"UPDATE annotations SET text = 'Vladimir' WHERE id = {first}")
    code, out = check(str(project_path), "--repair")
    assert code == 0, out
    with Project.open(project_path) as project:
        ann = project.annotation(first)
        assert ann.text == TEXT[:11]
        assert REPAIR_NOTE in ann.note and "“Vladimir”" in ann.note


def test_span_outside_its_document_is_reported_never_dropped(project_path: Path, saved):
    first = min(saved)
    tamper(project_path, f"UPDATE annotations SET start = 500, \"end\" = 510, text = 'zzz'"
           f" WHERE id = {first}")  # fmt: skip
    code, out = check(str(project_path), "--repair")
    assert code == 1
    assert f"annotation {first} (document 1, 500–510) lies outside its document" in out
    assert "fix by hand" in out
    with Project.open(project_path) as project:
        assert project.annotation(first).start == 500  # left exactly as it was


def test_dangling_relation_and_bad_hash_are_repaired(project_path: Path, saved) -> None:
    ids = sorted(saved)
    with Project.open(project_path) as project:
        rel = project.add_relation("claimant", ids[3], ids[2])
    tamper(
        project_path,
        f"DELETE FROM annotations WHERE id = {ids[2]}",  # foreign keys off: the relation dangles
        "UPDATE documents SET sha256 = 'bad'",
    )
    assert kinds(project_path) == ["relation"]  # a text's hash: checked when it is read
    with Project.open(project_path, read_only=True) as project:
        project.document(1)
        assert [p.kind for p in project.problems] == ["relation", "hash"]
    code, out = check(str(project_path), "--repair")
    assert code == 0, out
    assert f"repaired\trelation {rel.id} (document 1, {ids[3]} → {ids[2]}): deleted" in out
    assert "repaired\tdocument 1: SHA-256 recomputed" in out


def test_span_whose_document_is_gone_is_reported(project_path: Path, saved) -> None:
    tamper(project_path, "DELETE FROM relations", "DELETE FROM documents")
    assert set(kinds(project_path)) == {"orphan_span"}
    code, out = check(str(project_path), "--repair")
    assert code == 1 and out.count("is missing (fix by hand)") == len(saved)


def test_fragment_outside_the_document_is_reported(project_path: Path, saved) -> None:
    fragments = json.dumps([[0, 3], [900, 901]])
    tamper(project_path, f"UPDATE annotations SET fragments = '{fragments}' WHERE id = 1")
    assert kinds(project_path) == ["fragment_range"]


def test_fragment_outside_its_span_is_reported_not_repaired(project_path: Path, saved) -> None:
    """brat writes the fragments, JSONL the extent: a fragment past the extent makes them differ."""
    ann_id, (start, end, _) = next(iter(saved.items()))
    fragments = json.dumps([[start, start + 1], [end, end + 2]])  # inside the text, past the span
    tamper(project_path, f"UPDATE annotations SET fragments = '{fragments}' WHERE id = {ann_id}")
    assert kinds(project_path) == ["fragment_range"]
    code, out = check(str(project_path), "--repair")
    assert code == 1
    assert f"fragment {end}–{end + 2} lies outside its span's extent {start}–{end}" in out
    assert "(fix by hand)" in out


def test_check_on_a_damaged_file_names_the_backups(project_path: Path, saved) -> None:
    with Project.open(project_path, lock=True):  # the writer makes a backup
        assert list_backups(default_backup_folder(project_path), project_path.name)
    project_path.write_bytes(project_path.read_bytes()[:5000])
    code, out = check(str(project_path))
    assert code == 1
    assert out.startswith("error\t") and "is damaged" in out
    assert "backup\t" in out and ".auto.annotator" in out
