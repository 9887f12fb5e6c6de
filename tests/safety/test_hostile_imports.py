"""Hostile files at the file-system level (issue #17, items 5, 7, 8, 9): every failure is that
file's message, reads are capped, only regular files are read, folder walks stay inside."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from pathlib import Path

import pytest
from hostile_samples import docx_bytes, one_char_paragraphs, xxe_docx

from annotator.core.decode import decode_options
from annotator.services.bulk_import import import_bulk
from annotator.services.importing import ImportOutcome, import_paths
from annotator.store import Project

GOOD = "Kim Jong Un met Putin in Vladivostok, number {n}."


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        yield proj


def errors(outcomes: list[ImportOutcome]) -> dict[str, str]:
    return {o.path.name: o.message for o in outcomes if o.status == "error"}


def deep_meta_jsonl(path: Path, depth: int = 1_000) -> Path:
    meta = "1"
    for _ in range(depth):
        meta = '{"a":' + meta + "}"
    path.write_text('{"text": "Kim met Putin.", "spans": [], "meta": ' + meta + "}\n")
    return path


# ------------------------------------------------------------------------------ item 5
def test_one_bad_file_is_one_message_and_the_other_100_import(
    project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(100):
        (folder / f"good{n:03}.txt").write_text(GOOD.format(n=n), encoding="utf-8")
    deep = deep_meta_jsonl(folder / "deep.jsonl")
    bomb = one_char_paragraphs(folder / "bomb.docx", 300_000)
    result = import_bulk(project, [folder, deep])
    assert result.count("imported") == 100
    found = errors(result.outcomes)
    assert set(found) == {"deep.jsonl", "bomb.docx"}, found
    assert "nested too deep" in found["deep.jsonl"]
    assert "paragraphs" in found["bomb.docx"], found["bomb.docx"]
    assert len(project.document_ids()) == 100
    assert bomb.exists()


# ------------------------------------------------------------------------------ item 7
def test_a_jsonl_line_above_the_cap_is_refused_without_reading_it_whole(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "' + "x" * 5_000 + '", "spans": []}\n', encoding="utf-8")
    with decode_options(max_line_bytes=1_000):
        [outcome] = import_paths(project, [path])
    assert outcome.status == "error"
    assert outcome.message == (
        "long.jsonl, line 1: the line is longer than 1,000 bytes; nothing was imported from this"
        " file."
    )
    [outcome] = import_paths(project, [path])  # the default cap (64 MB) lets it through
    assert outcome.status == "imported", outcome.message


# ------------------------------------------------------------------------------ item 8
def test_a_link_to_dev_zero_is_refused_as_a_device(project: Project, tmp_path: Path) -> None:
    link = tmp_path / "x.txt"
    link.symlink_to("/dev/zero")
    [outcome] = import_paths(project, [link])
    assert outcome.status == "error"
    assert outcome.message == (
        "x.txt is a character device, not a regular file; nothing was read from it."
    )


@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.docx"])
def test_a_fifo_is_refused_without_hanging(project: Project, tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done: list[ImportOutcome] = []
    worker = threading.Thread(target=lambda: done.extend(import_paths(project, [fifo])))
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # unblock every open of the FIFO so the test run can end, then fail
        while worker.is_alive():
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            worker.join(timeout=0.1)
        pytest.fail("importing a FIFO hung")
    assert [o.message for o in done] == [
        f"{name} is a FIFO (named pipe), not a regular file; nothing was read from it."
    ]


def test_a_socket_is_refused(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        [outcome] = import_paths(project, [path])
    assert "s.txt is a socket, not a regular file" in outcome.message


def test_a_file_growing_past_the_cap_is_refused_whatever_its_size_said(
    project: Project, tmp_path: Path
) -> None:
    # /proc files report st_size 0 and hold more: the size is not trusted, the read is capped.
    source = Path("/proc/self/maps")
    if not source.exists():
        pytest.skip("needs /proc")
    link = tmp_path / "maps.txt"
    link.symlink_to(source)
    with decode_options(max_bytes=100):
        [outcome] = import_paths(project, [link])
    assert outcome.message == "maps.txt is larger than 100 bytes; nothing was imported."


# ------------------------------------------------------------------------------ item 9
def test_a_folder_walk_does_not_follow_links_out_of_the_folder(
    project: Project, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The secret plan.", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Kim met Putin.", encoding="utf-8")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "elsewhere").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "a.txt")  # inside: read (a duplicate)
    outcomes = import_paths(project, [folder])
    found = errors(outcomes)
    assert found == {
        "passwd.txt": "passwd.txt: a link to '/etc/passwd', outside the folder being imported"
        " (in); not followed",
        "elsewhere": f"elsewhere: a link to '{outside}', outside the folder being imported (in);"
        " not followed",
    }
    assert [project.document(i).text for i in project.document_ids()] == ["Kim met Putin."]


def test_link_loops_are_walked_once(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_text("Kim met Putin.", encoding="utf-8")
    for name in ("s1", "s2"):
        (folder / name).symlink_to(".")
        (folder / "sub" / name).symlink_to("..")
    outcomes = import_bulk(project, [folder]).outcomes
    assert [(o.path.name, o.status) for o in outcomes] == [("a.txt", "imported")]


# ------------------------------------------------------------------------------ item 6
def test_docx_entities_are_dropped_and_reported_with_the_text_after_kept(
    project: Project, tmp_path: Path
) -> None:
    [outcome] = import_paths(project, [xxe_docx(tmp_path / "xxe.docx")])
    assert outcome.status == "imported", outcome.message
    assert "xxe.docx: 1 entity reference(s) (&xxe;) dropped, never resolved" in outcome.message
    [doc_id] = project.document_ids()
    assert project.document(doc_id).text == "before  after"


def test_docx_limits_are_checked_before_inflating(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.formats import docx_xml

    path = tmp_path / "big.docx"
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>" + "x" * 200_000 + "</w:t></w:r></w:p>"))
    monkeypatch.setattr(docx_xml, "DOCX_MAX_XML_BYTES", 100_000)
    [outcome] = import_paths(project, [path])
    assert outcome.message == (
        "big.docx: its text (word/document.xml) is 200,167 bytes; the limit is 100,000 bytes;"
        " nothing was imported."
    )
