"""The project store: one SQLite file, every write committed, foreign files left alone (D1, D4)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from annotator.core.spans import SpanError
from annotator.core.styled_text import StyledText, StyleRange
from annotator.store import NewDocument, Project, ProjectError, schema
from annotator.store.project import APPLICATION_ID

SENTENCE = "Kim Jong Un met Putin."
ACTOR = "Kim Jong Un"

# Text placed before a span: each one differs between code points, UTF-16 units and UTF-8 bytes.
PREFIXES = {
    "emoji": "😀 ",
    "flag": "🇰🇷🇷🇺 ",
    "zwj_family": "👨‍👩‍👧 ",
    "cjk": "北朝鮮と",
    "astral_cjk": "𠀋𠀋 ",
    "arabic": "كوريا الشمالية ",
    "combining_marks": "Cafe\u0301 n\u0303 ",
    "mixed": "🇰🇷 北 مرحبا e\u0301 👩🏽‍💻 ",
}


def new_doc(text: str, **kwargs: object) -> NewDocument:
    kwargs.setdefault("title", "A title")
    kwargs.setdefault("source_name", "a.txt")
    kwargs.setdefault("source_bytes", text.encode("utf-8"))
    kwargs.setdefault("renderer", "plain-1")
    styles = kwargs.pop("styles", [])
    return NewDocument(styled=StyledText(text, styles), **kwargs)  # type: ignore[arg-type]


def other_connection(path: Path) -> sqlite3.Connection:
    """A second, independent reader: sees only what has been committed."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def count_rows(path: Path, table: str) -> int:
    conn = other_connection(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def project(project_path: Path):
    with Project.open(project_path) as proj:
        yield proj


@pytest.fixture
def doc_id(project: Project) -> int:
    return project.add_document(new_doc(SENTENCE))


# ------------------------------------------------------------------------------ a new project
def test_new_project_file_is_a_sqlite_database(project: Project, project_path: Path) -> None:
    assert project_path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_new_project_uses_wal_full_sync_and_foreign_keys(project: Project) -> None:
    conn = project.db.conn
    assert project.journal_mode == "wal"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_wal_mode_is_recorded_in_the_file(project: Project, project_path: Path) -> None:
    conn = other_connection(project_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_new_project_records_schema_version_and_application_id(
    project: Project, project_path: Path
) -> None:
    conn = other_connection(project_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID != 0
    conn.close()


def test_new_project_has_claim_and_actor_labels(project: Project) -> None:
    labels = {label.name: label for label in project.labels()}
    assert list(labels) == ["Claim", "Actor"]
    assert labels["Claim"].keys == ("1", "C")
    assert labels["Actor"].keys == ("2", "A")
    for label in labels.values():
        assert label.color.startswith("#") and len(label.color) == 7
        int(label.color[1:], 16)
    assert labels["Claim"].color != labels["Actor"].color


def test_foreign_keys_are_enforced(project: Project, doc_id: int) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        project.db.execute(
            'INSERT INTO annotations (document_id, start, "end", label_id, text)'
            " VALUES (999, 0, 1, 1, 'K')"
        )


# ---------------------------------------------------------------------------------- documents
def test_add_document_stores_text_and_sha256_of_its_utf8(project: Project) -> None:
    text = "Café 🇰🇷 北朝鮮\n\nSecond paragraph."
    doc = project.document(project.add_document(new_doc(text)))
    assert doc.text == text
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_add_document_keeps_source_bytes_byte_for_byte(project: Project) -> None:
    raw = b"\xef\xbb\xbfTitle\r\n\r\nbroken\r\nline \xc3\xa9\x00\xff\r"
    doc_id = project.add_document(new_doc("Title\n\nbroken line é", source_bytes=raw))
    assert project.source_bytes(doc_id) == raw


def test_document_title_meta_source_and_renderer_round_trip(project: Project) -> None:
    meta = {"source_file": "北.txt", "nested": {"n": [1, 2]}, "emoji": "🇰🇷"}
    doc_id = project.add_document(
        new_doc("Some text", title="Título 🇰🇷", meta=meta, source_name="北.txt", renderer="x-9")
    )
    doc = project.document(doc_id)
    assert (doc.title, doc.meta, doc.source_name, doc.renderer) == (
        "Título 🇰🇷",
        meta,
        "北.txt",
        "x-9",
    )


def test_document_styles_round_trip(project: Project) -> None:
    text = "Heading\n\nSee the link and bold 🇰🇷 text."
    styles = [
        StyleRange(0, 7, "heading1"),
        StyleRange(9, len(text), "paragraph"),
        StyleRange(17, 21, "link", {"href": "https://example.org/?a=1&b=é"}),
        StyleRange(26, 30, "bold"),
    ]
    doc = project.document(project.add_document(new_doc(text, styles=styles)))
    assert doc.styles == styles


def test_style_outside_the_text_is_refused_and_nothing_written(
    project: Project, project_path: Path
) -> None:
    with pytest.raises(ValueError):
        project.add_document(new_doc("short", styles=[StyleRange(0, 99, "bold")]))
    assert count_rows(project_path, "documents") == 0


def test_unknown_document_raises_key_error(project: Project) -> None:
    with pytest.raises(KeyError):
        project.document(42)


def test_find_document_by_sha256(project: Project, doc_id: int) -> None:
    sha = hashlib.sha256(SENTENCE.encode()).hexdigest()
    assert project.find_document_by_sha256(sha) == doc_id
    assert project.find_document_by_sha256("0" * 64) is None


def test_document_list_counts_code_points_and_labels(project: Project) -> None:
    text = "🇰🇷 " + SENTENCE
    doc_id = project.add_document(new_doc(text))
    start = text.index(ACTOR)
    project.add_annotation(doc_id, start, start + len(ACTOR), "Actor")
    project.add_annotation(doc_id, start, len(text), "Claim")
    project.add_annotation(doc_id, start, start + 3, "Actor")
    [summary] = project.documents()
    assert summary.length == len(text)
    assert summary.annotation_count == 3
    assert summary.counts_by_label == {"Actor": 2, "Claim": 1}


# -------------------------------------------------------------------------------- annotations
@pytest.mark.parametrize("prefix", PREFIXES.values(), ids=PREFIXES.keys())
def test_annotation_offsets_are_code_points_of_the_text(
    project: Project, project_path: Path, prefix: str
) -> None:
    text = prefix + SENTENCE
    doc_id = project.add_document(new_doc(text))
    start = text.index(ACTOR)
    ann = project.add_annotation(doc_id, start, start + len(ACTOR), "Actor")
    assert (ann.start, ann.end, ann.text) == (len(prefix), len(prefix) + len(ACTOR), ACTOR)
    conn = other_connection(project_path)
    row = conn.execute(
        'SELECT start, "end", text FROM annotations WHERE id = ?', [ann.id]
    ).fetchone()
    conn.close()
    assert row == (start, start + len(ACTOR), ACTOR)
    assert text[row[0] : row[1]] == row[2]


@pytest.mark.parametrize("prefix", PREFIXES.values(), ids=PREFIXES.keys())
def test_sqlite_substr_agrees_with_stored_span_text(
    project: Project, project_path: Path, prefix: str
) -> None:
    """SQLite counts characters in code points too, so another tool reads the same spans."""
    text = prefix + SENTENCE
    doc_id = project.add_document(new_doc(text))
    project.add_annotation(doc_id, 0, len(prefix) + 3, "Claim")
    project.add_annotation(doc_id, len(prefix), len(text), "Claim")
    conn = other_connection(project_path)
    mismatches = conn.execute(
        "SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document_id"
        ' WHERE substr(d.text, a.start + 1, a."end" - a.start) != a.text'
    ).fetchone()[0]
    conn.close()
    assert mismatches == 0


def test_annotation_may_cover_astral_characters(project: Project) -> None:
    text = "Flags 🇰🇷🇷🇺 and 👨‍👩‍👧 family"
    doc_id = project.add_document(new_doc(text))
    start = text.index("🇰🇷")
    ann = project.add_annotation(doc_id, start, start + 4, "Actor")
    assert ann.text == "🇰🇷🇷🇺"
    family = text.index("👨")
    ann = project.add_annotation(doc_id, family, family + len("👨‍👩‍👧"), "Actor")
    assert project.annotation(ann.id).text == "👨‍👩‍👧"


def test_added_annotation_reads_back_equal(project: Project, doc_id: int) -> None:
    ann = project.add_annotation(doc_id, 0, len(ACTOR), "Actor", author="ana")
    assert project.annotation(ann.id) == ann
    assert project.annotations(doc_id) == [ann]
    assert ann.author == "ana" and ann.created == ann.updated != ""


def test_annotations_are_listed_by_start(project: Project, doc_id: int) -> None:
    late = project.add_annotation(doc_id, 16, 21, "Actor")
    early = project.add_annotation(doc_id, 0, 11, "Actor")
    whole = project.add_annotation(doc_id, 0, len(SENTENCE), "Claim")
    assert [a.id for a in project.annotations(doc_id)] == [early.id, whole.id, late.id]


@pytest.mark.parametrize(
    ("start", "end"),
    [(5, 5), (6, 5), (-1, 3), (0, len(SENTENCE) + 1), (len(SENTENCE), len(SENTENCE) + 1)],
    ids=["empty", "reversed", "negative", "past_end", "at_end"],
)
def test_invalid_span_raises_and_writes_nothing(
    project: Project, project_path: Path, doc_id: int, start: int, end: int
) -> None:
    with pytest.raises(SpanError):
        project.add_annotation(doc_id, start, end, "Claim")
    assert count_rows(project_path, "annotations") == 0


def test_non_integer_offsets_raise(project: Project, doc_id: int) -> None:
    with pytest.raises(SpanError):
        project.add_annotation(doc_id, 0.0, 3, "Claim")  # type: ignore[arg-type]


def test_unknown_label_raises_and_writes_nothing(
    project: Project, project_path: Path, doc_id: int
) -> None:
    with pytest.raises(ProjectError, match="Location"):
        project.add_annotation(doc_id, 0, 3, "Location")
    assert count_rows(project_path, "annotations") == 0
    assert not project.db.conn.in_transaction


def test_annotation_on_unknown_document_raises_and_writes_nothing(
    project: Project, project_path: Path
) -> None:
    with pytest.raises(ProjectError, match="no document 7"):
        project.add_annotation(7, 0, 1, "Claim")
    assert count_rows(project_path, "annotations") == 0


def test_delete_then_restore_gives_an_identical_row(
    project: Project, project_path: Path, doc_id: int
) -> None:
    ann = project.add_annotation(doc_id, 0, len(ACTOR), "Actor", author="ana")
    select = "SELECT * FROM annotations WHERE id = ?"
    conn = other_connection(project_path)
    before = conn.execute(select, [ann.id]).fetchone()

    deleted = project.delete_annotation(ann.id)
    assert deleted == ann
    assert conn.execute(select, [ann.id]).fetchone() is None

    project.restore_annotation(deleted)
    assert conn.execute(select, [ann.id]).fetchone() == before
    assert project.annotation(ann.id) == ann
    conn.close()


def test_deleting_an_unknown_annotation_raises(project: Project) -> None:
    with pytest.raises(KeyError):
        project.delete_annotation(123)


# ---------------------------------------------------------------------------------- durability
def test_each_write_is_visible_to_another_connection_at_once(
    project: Project, project_path: Path
) -> None:
    reader = other_connection(project_path)

    def count(table: str) -> int:
        return reader.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    doc_id = project.add_document(new_doc(SENTENCE))
    assert count("documents") == 1
    ann = project.add_annotation(doc_id, 0, 3, "Claim")
    assert count("annotations") == 1
    project.delete_annotation(ann.id)
    assert count("annotations") == 0
    project.restore_annotation(ann)
    assert count("annotations") == 1
    project.set_setting("last_document", str(doc_id))
    assert reader.execute("SELECT value FROM settings").fetchall() == [(str(doc_id),)]
    assert not project.db.conn.in_transaction
    reader.close()


def test_settings_round_trip_and_overwrite(project: Project) -> None:
    assert project.get_setting("theme", "light") == "light"
    project.set_setting("theme", "dark")
    project.set_setting("theme", "sepia")
    assert project.get_setting("theme") == "sepia"


def test_reopening_shows_the_same_data(project_path: Path) -> None:
    text = "🇰🇷 " + SENTENCE
    with Project.open(project_path) as proj:
        doc_id = proj.add_document(new_doc(text, styles=[StyleRange(0, len(text), "paragraph")]))
        proj.add_annotation(doc_id, 3, 14, "Actor")
        proj.add_annotation(doc_id, 3, len(text), "Claim")
        proj.set_setting("k", "v")
        expected = (
            proj.document(doc_id),
            proj.annotations(doc_id),
            proj.labels(),
            proj.documents(),
            proj.source_bytes(doc_id),
        )
    with Project.open(project_path, create=False) as proj:
        got = (
            proj.document(doc_id),
            proj.annotations(doc_id),
            proj.labels(),
            proj.documents(),
            proj.source_bytes(doc_id),
        )
        assert proj.get_setting("k") == "v"
    assert got == expected


# ---------------------------------------------------------------------- refusing foreign files
def sidecars(path: Path) -> list[Path]:
    return [p for p in path.parent.iterdir() if p != path]


def test_opening_a_text_file_raises_and_leaves_it_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.annotator"
    content = b"These are my notes, not a database.\n" * 3
    path.write_bytes(content)
    with pytest.raises(ProjectError, match=r"not an Annotator project \(not a SQLite database\)"):
        Project.open(path)
    assert path.read_bytes() == content
    assert sidecars(path) == []


def test_opening_a_short_binary_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "tiny.annotator"
    path.write_bytes(b"\x00\x01")
    with pytest.raises(ProjectError, match="not a SQLite database"):
        Project.open(path)
    assert path.read_bytes() == b"\x00\x01"


def test_opening_another_sqlite_database_raises_and_leaves_it_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (x)")
    conn.execute("INSERT INTO things VALUES (1)")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    with pytest.raises(ProjectError, match="not an Annotator project; nothing was changed"):
        Project.open(path)
    assert path.read_bytes() == content  # in particular, not switched to WAL
    assert sidecars(path) == []


def test_opening_a_database_of_another_application_raises(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(ProjectError, match="not an Annotator project"):
        Project.open(path)
    assert path.read_bytes() == content


def test_opening_a_project_from_a_newer_version_raises(project_path: Path) -> None:
    Project.open(project_path).close()
    conn = sqlite3.connect(project_path)
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    content = project_path.read_bytes()
    with pytest.raises(ProjectError, match="newer") as info:
        Project.open(project_path)
    assert "upgrade" in str(info.value)
    assert project_path.read_bytes() == content


def test_opening_a_missing_project_without_create_raises(project_path: Path) -> None:
    with pytest.raises(ProjectError, match="No project at"):
        Project.open(project_path, create=False)
    assert not project_path.exists()


def test_opening_a_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="is a folder"):
        Project.open(tmp_path)


def test_opening_in_a_missing_folder_raises_project_error(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="cannot be opened"):
        Project.open(tmp_path / "no" / "such" / "folder" / "p.annotator")


def test_empty_file_becomes_a_new_project(project_path: Path) -> None:
    project_path.write_bytes(b"")
    with Project.open(project_path) as proj:
        assert [label.name for label in proj.labels()] == ["Claim", "Actor"]


def test_opening_an_empty_database_of_another_application_raises(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")  # no tables, user_version 0
    conn.close()
    content = path.read_bytes()
    with pytest.raises(ProjectError, match="not an Annotator project"):
        Project.open(path)
    assert path.read_bytes() == content
