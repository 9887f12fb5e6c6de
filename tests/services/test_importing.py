"""Importing files and folders: one document each, duplicates skipped, errors reported per file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotator.formats.registry import reader_for
from annotator.services.importing import ImportOutcome, import_paths
from annotator.store import Project

SEED = Path(__file__).resolve().parents[2] / "resources" / "pyongyang-moscow-axis.txt"
SEED_TITLE = "The Danger Of The Pyongyang-Moscow Axis Is Becoming Clearer"
SEED_JOINED_LINES = "(NIS) reported on Friday that some 1,500 North Korean special forces"


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        yield proj


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def only_text(project: Project) -> str:
    [doc_id] = project.document_ids()
    return project.document(doc_id).text


# ------------------------------------------------------------------------------------ the seed
def test_seed_imports_as_one_document_with_its_title(project: Project) -> None:
    [outcome] = import_paths(project, [SEED])
    assert outcome.status == "imported" and outcome.ok
    assert project.document_ids() == [outcome.document_id]
    assert project.document(outcome.document_id).title == SEED_TITLE
    assert outcome.title == SEED_TITLE


def test_seed_broken_lines_are_joined_into_paragraphs(project: Project) -> None:
    import_paths(project, [SEED])
    text = only_text(project)
    assert SEED_JOINED_LINES in text
    assert text.startswith(SEED_TITLE + "\n\n")
    assert "\n\n\n" not in text and "\r" not in text


def test_seed_original_bytes_are_kept(project: Project) -> None:
    [outcome] = import_paths(project, [SEED])
    assert project.source_bytes(outcome.document_id) == SEED.read_bytes()
    doc = project.document(outcome.document_id)
    assert doc.source_name == SEED.name
    assert doc.renderer


def test_seed_styles_lie_inside_the_text(project: Project) -> None:
    import_paths(project, [SEED])
    [doc_id] = project.document_ids()
    doc = project.document(doc_id)
    assert doc.styles
    assert all(0 <= s.start <= s.end <= len(doc.text) for s in doc.styles)


def test_importing_the_same_file_twice_reports_a_duplicate(project: Project) -> None:
    [first] = import_paths(project, [SEED])
    [second] = import_paths(project, [SEED])
    assert second.status == "duplicate" and second.ok
    assert second.document_id == first.document_id
    assert "same text as document" in second.message
    assert len(project.document_ids()) == 1


def test_same_text_under_another_name_is_a_duplicate(project: Project, tmp_path: Path) -> None:
    copy = write(tmp_path / "copy.txt", SEED.read_bytes())
    statuses = [o.status for o in import_paths(project, [SEED, copy])]
    assert statuses == ["imported", "duplicate"]


# ------------------------------------------------------------------------------------ folders
def test_folder_import_finds_txt_and_md_recursively(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write(folder / "a.txt", "Alpha article.")
    write(folder / "sub" / "b.md", "# Beta\n\nBeta **body**.")
    write(folder / "sub" / "deeper" / "c.markdown", "Gamma article.")
    write(folder / "sub" / "D.TXT", "Delta article.")
    write(folder / "ignored.csv", "x,y")
    write(folder / "ignored.jsonl", "{}")
    outcomes = import_paths(project, [folder])
    assert {o.path.name for o in outcomes} == {"a.txt", "b.md", "c.markdown", "D.TXT"}
    assert all(o.status == "imported" for o in outcomes)
    assert len(project.document_ids()) == 4


def test_empty_folder_imports_nothing(project: Project, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert import_paths(project, [tmp_path / "empty"]) == []


# ------------------------------------------------------------------------------------- errors
def test_unknown_suffix_is_an_error_and_the_rest_still_imports(
    project: Project, tmp_path: Path
) -> None:
    bad = write(tmp_path / "table.csv", "a,b\n1,2\n")
    good = write(tmp_path / "good.txt", "Good article.")
    outcomes = import_paths(project, [bad, good])
    assert [o.status for o in outcomes] == ["error", "imported"]
    assert not outcomes[0].ok
    assert "table.csv" in outcomes[0].message
    assert "unknown file type" in outcomes[0].message and ".txt" in outcomes[0].message


def test_invalid_utf8_is_an_error_naming_the_byte(project: Project, tmp_path: Path) -> None:
    bad = write(tmp_path / "latin1.txt", "Caf\xe9 au lait".encode("latin-1"))
    good = write(tmp_path / "good.txt", "Good article.")
    outcomes = import_paths(project, [bad, good])
    assert [o.status for o in outcomes] == ["error", "imported"]
    message = outcomes[0].message
    assert "latin1.txt" in message and "UTF-8" in message and "byte 3" in message
    assert len(project.document_ids()) == 1


def test_missing_file_is_an_error(project: Project, tmp_path: Path) -> None:
    outcomes = import_paths(project, [tmp_path / "gone.txt", tmp_path / "gone", SEED])
    assert [o.status for o in outcomes] == ["error", "error", "imported"]
    assert all("no such file" in o.message for o in outcomes[:2])


def test_unreadable_file_is_an_error(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = write(tmp_path / "locked.txt", "Secret.")
    real_open = os.open

    def deny(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path).name == "locked.txt":  # as chmod 000 would (the tests may run as root)
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", deny)
    outcomes = import_paths(project, [locked, SEED])
    assert [o.status for o in outcomes] == ["error", "imported"]
    assert "cannot be read (Permission denied)" in outcomes[0].message


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file_is_an_error(project: Project, tmp_path: Path, content: bytes) -> None:
    [outcome] = import_paths(project, [write(tmp_path / "empty.txt", content)])
    assert outcome.status == "error"
    assert "empty" in outcome.message
    assert project.document_ids() == []


def test_each_outcome_is_reported_as_it_happens(project: Project, tmp_path: Path) -> None:
    seen: list[ImportOutcome] = []
    bad = write(tmp_path / "bad.csv", "x")
    outcomes = import_paths(project, [SEED, bad, SEED], on_outcome=seen.append)
    assert seen == outcomes
    assert [o.status for o in seen] == ["imported", "error", "duplicate"]


# ------------------------------------------------------------------------------ normalisation
def test_crlf_line_endings_are_normalised(project: Project, tmp_path: Path) -> None:
    raw = b"Title line\r\n\r\nFirst line\r\nsecond line.\r\n\r\nNext one.\r\n"
    [outcome] = import_paths(project, [write(tmp_path / "crlf.txt", raw)])
    assert only_text(project) == "Title line\n\nFirst line second line.\n\nNext one."
    assert outcome.title == "Title line"
    assert project.source_bytes(outcome.document_id) == raw


def test_lone_cr_line_endings_are_normalised(project: Project, tmp_path: Path) -> None:
    import_paths(project, [write(tmp_path / "mac.txt", b"One\rtwo.\r\rThree.\r")])
    assert only_text(project) == "One two.\n\nThree."


def test_utf8_bom_is_stripped_but_kept_in_the_source(project: Project, tmp_path: Path) -> None:
    raw = "\ufeffPlain words here.".encode()
    [outcome] = import_paths(project, [write(tmp_path / "bom.txt", raw)])
    assert only_text(project) == "Plain words here."
    assert project.source_bytes(outcome.document_id) == raw


def test_utf16_with_bom_is_decoded(project: Project, tmp_path: Path) -> None:
    raw = "\ufeffKim Jong Un 🇰🇷.\r\n".encode("utf-16-le")
    import_paths(project, [write(tmp_path / "wide.txt", raw)])
    assert only_text(project) == "Kim Jong Un 🇰🇷."


def test_characters_are_not_normalised(project: Project, tmp_path: Path) -> None:
    text = "Cafe\u0301 and caf\u00e9 and \u00a0NBSP 🇰🇷."
    import_paths(project, [write(tmp_path / "nfc.txt", text)])
    assert only_text(project) == text


def test_markdown_is_imported_as_rendered_text(project: Project, tmp_path: Path) -> None:
    md = write(tmp_path / "post.md", "# The Heading\n\nSome **bold** and a [link](http://x.org).\n")
    [outcome] = import_paths(project, [md])
    text = only_text(project)
    assert "The Heading" in text and "Some bold and a link." in text
    assert "#" not in text and "**" not in text and "http" not in text
    assert project.source_bytes(outcome.document_id) == md.read_bytes()


def test_title_falls_back_to_the_file_name(project: Project, tmp_path: Path) -> None:
    [outcome] = import_paths(project, [write(tmp_path / "my-notes.txt", "Just one sentence.")])
    assert outcome.title == "my-notes"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.TXT", "text"), ("a.md", "markdown"), ("a.markdown", "markdown")],
)
def test_registry_picks_the_reader_by_suffix(name: str, fmt: str) -> None:
    found = reader_for(Path(name))
    assert found is not None and found.name == fmt


def test_registry_has_no_reader_for_unknown_suffixes() -> None:
    assert reader_for(Path("a.pdf")) is None
    assert reader_for(Path("README")) is None
