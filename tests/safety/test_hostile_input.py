"""Hostile input: every importer and the view survive, each file gets a clear message (#6, 4)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.decode import decode_options
from annotator.services.importing import ImportOutcome, import_file
from annotator.store import Project


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        yield proj


def imported(project: Project, path: Path) -> ImportOutcome:
    (outcome,) = import_file(project, path)
    return outcome


def refused(project: Project, path: Path, message: str) -> None:
    outcome = imported(project, path)
    assert outcome.status == "error", outcome
    assert outcome.message.startswith(path.name), outcome.message
    assert message in outcome.message, outcome.message
    assert project.document_ids() == []


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ---------------------------------------------------------------------------------- bytes
def test_binary_file(project: Project, tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
    refused(project, write(tmp_path, "photo.txt", png), "NUL byte at byte 8; this looks like")


def test_binary_file_as_markdown_and_html(project: Project, tmp_path: Path) -> None:
    blob = bytes(range(256)) * 4
    refused(project, write(tmp_path, "blob.md", blob), "NUL byte at byte 0")
    refused(project, write(tmp_path, "blob.html", blob), "NUL byte at byte 0")


def test_nul_bytes_inside_text(project: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "nul.txt", b"Kim met\x00 Putin.")
    refused(project, path, "NUL byte at byte 7")
    with decode_options(errors="replace"):
        assert imported(project, path).status == "imported"
    assert project.document(project.document_ids()[0]).text == "Kim met\ufffd Putin."


def test_invalid_utf8_reports_the_byte_offset_and_offers_replacement(
    project: Project, tmp_path: Path
) -> None:
    path = write(tmp_path, "latin1.txt", "Café Zürich".encode("latin-1"))
    refused(project, path, "not valid UTF-8 at byte 3 (0xe9)")
    assert "U+FFFD" in imported(project, path).message
    with decode_options(errors="replace"):
        assert imported(project, path).status == "imported"
    assert project.document(project.document_ids()[0]).text == "Caf\ufffd Z\ufffdrich"


def test_replacement_import_from_the_cli(tmp_path: Path) -> None:
    path = write(tmp_path, "latin1.txt", "Café".encode("latin-1"))
    target = str(tmp_path / "p.annotator")
    result = CliRunner().invoke(main, ["import", target, str(path)])
    assert result.exit_code == 1 and "latin1.txt: not valid UTF-8 at byte 3" in result.output
    result = CliRunner().invoke(main, ["import", "--replace-invalid", target, str(path)])
    assert result.exit_code == 0 and result.output.startswith("imported"), result.output


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(project: Project, tmp_path: Path, codec: str) -> None:
    text = "Kim 🇰🇷 met Putin.\r\n\r\nSecond paragraph."
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert imported(project, write(tmp_path, "wide.txt", data)).status == "imported"
    assert (
        project.document(project.document_ids()[0]).text == "Kim 🇰🇷 met Putin.\n\nSecond paragraph."
    )


def test_zero_byte_file(project: Project, tmp_path: Path) -> None:
    for name in ("empty.txt", "empty.md", "empty.html"):
        refused(project, write(tmp_path, name, b""), "empty")


def test_a_100_mb_file_is_refused_with_its_size_before_reading(
    project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 100 MB written to disk
        fh.truncate(100 * 1024 * 1024)
    refused(project, path, "the file is 100.0 MB; the largest text import is 20 MB")
    with decode_options(max_bytes=200 * 1024 * 1024):  # a raised limit lets it through to…
        refused(project, path, "NUL byte at byte 0")  # …the next check; no crash either way


def test_a_10_mb_line_without_newline_imports(project: Project, tmp_path: Path) -> None:
    line = ("claim " * 1_800_000)[: 10 * 1000 * 1000]
    outcome = imported(project, write(tmp_path, "long.txt", line))
    assert outcome.status == "imported", outcome
    assert len(project.document(project.document_ids()[0]).text) == len(line.rstrip())


def test_the_view_shows_a_1_mb_line(qtbot, project: Project, tmp_path: Path) -> None:
    from annotator.gui.document_view import DocumentView

    imported(project, write(tmp_path, "line.txt", "x" * 1_000_000))
    view = DocumentView()
    qtbot.addWidget(view)
    view.show_document(project.document(project.document_ids()[0]), [])
    assert view.document().characterCount() == 1_000_001


# ------------------------------------------------------------------------------------ HTML
def test_deeply_nested_html(project: Project, tmp_path: Path) -> None:
    depth = 3_000  # the HTML renderer is quadratic in depth (20,000 levels: ~17 s)
    page = "<div>" * depth + "<p>Kim met Putin.</p>" + "</div>" * depth
    outcome = imported(project, write(tmp_path, "nested.html", page))
    assert outcome.status == "imported", outcome  # deep, but valid: the reader gets the text
    assert project.document(outcome.document_id or 0).text == "Kim met Putin."


def test_html_with_scripts_frames_and_remote_things_fetches_nothing(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the importer tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    secret = write(tmp_path, "secret.txt", "TOP SECRET")
    page = f"""<html><head><script>alert("pwned")</script>
      <style>body {{ background: url(http://example.com/bg.png) }}</style></head>
      <body><p>Kim met Putin.</p>
      <iframe src="http://example.com/frame"></iframe><iframe src="file://{secret}"></iframe>
      <img src="http://example.com/track.gif"><img src="file://{secret}">
      <object data="file://{secret}"></object><a href="javascript:alert(1)">link</a>
      <p onclick="alert(2)">Seoul said so.</p></body></html>"""
    outcome = imported(project, write(tmp_path, "page.html", page))
    assert outcome.status == "imported", outcome
    text = project.document(outcome.document_id or 0).text
    assert "Kim met Putin." in text and "Seoul said so." in text
    for leaked in ("alert", "pwned", "TOP SECRET", "example.com", "background"):
        assert leaked not in text


# ------------------------------------------------------------------------- annotated files
@pytest.mark.parametrize("surrogate", ["\\ud800", "\\udc00", "\\udbff\\u0041"])
def test_lone_surrogates_in_jsonl(project: Project, tmp_path: Path, surrogate: str) -> None:
    line = '{"text": "Kim ' + surrogate + ' met Putin.", "spans": []}\n'
    path = write(tmp_path, "bad.jsonl", line)
    outcome = imported(project, path)
    assert outcome.status == "error" and outcome.message.startswith("bad.jsonl")
    assert "surrogate" in outcome.message, outcome.message
    assert project.document_ids() == []


def test_lone_surrogate_in_label_studio_json(project: Project, tmp_path: Path) -> None:
    task = [{"id": 1, "data": {"text": "Kim \ud800 met Putin."}, "annotations": []}]
    path = write(tmp_path, "tasks.json", json.dumps(task))  # json escapes it as \ud800
    outcome = imported(project, path)
    assert outcome.status == "error", outcome
    assert "surrogate" in outcome.message, outcome.message
    assert project.document_ids() == []


def test_brat_offsets_outside_the_text(project: Project, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Kim met Putin.\n")
    ann = write(tmp_path, "a.ann", "T1\tActor 0 3\tKim\nT2\tActor 50 60\tfoo\n")
    refused(project, ann, "line 2: span [50, 60) is outside the text")


def test_brat_text_that_does_not_match(project: Project, tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Kim met Putin.\n")
    ann = write(tmp_path, "b.ann", "T1\tActor 0 3\tPut\n")
    refused(project, ann, "T1 says 'Put' but its offsets cover 'Kim'")


def test_a_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Kim met Putin.")
    bad = write(tmp_path, "bad.txt", b"\xff\xfe\x00")
    empty = write(tmp_path, "empty.txt", b"")
    target = str(tmp_path / "p.annotator")
    result = CliRunner().invoke(main, ["import", target, str(bad), str(empty), str(good)])
    assert result.exit_code == 1
    assert "imported\t1\tgood" in result.output
    assert "2 files could not be imported" in result.output
