"""The project schema and its ordered migrations.

The schema version lives in ``PRAGMA user_version``. Each migration takes the database from
version ``n`` to ``n + 1`` and runs inside the caller's transaction, after a backup copy has been
made (see ``project.py``). Never edit a released migration: append a new one.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from annotator.core.labels import DEFAULT_LABELS, DEFAULT_RELATION_TYPES
from annotator.store.database import Database


def _v1_initial(db: Database) -> None:
    db.table("documents").create(
        {
            "id": int,
            "title": str,
            "text": str,
            "sha256": str,
            "styles": str,  # JSON list of [start, end, kind, data?]
            "meta": str,  # JSON object
            "source_name": str,
            "source_bytes": bytes,  # the original file, byte for byte
            "renderer": str,
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"title", "text", "sha256"},
        defaults={"styles": "[]", "meta": "{}", "source_name": "", "renderer": ""},
    )
    db.table("documents").create_index(["sha256"])
    db.table("labels").create(
        {"id": int, "name": str, "color": str, "keys": str, "position": int},
        pk="id",
        not_null={"name", "color"},
        defaults={"keys": "[]", "position": 0},
    )
    db.table("labels").create_index(["name"], unique=True)
    db.table("annotations").create(
        {
            "id": int,
            "document_id": int,
            "start": int,
            "end": int,
            "label_id": int,
            "text": str,
            "author": str,
            "created": str,
            "updated": str,
        },
        pk="id",
        not_null={"document_id", "start", "end", "label_id", "text"},
        defaults={"author": ""},
        foreign_keys=[("document_id", "documents", "id"), ("label_id", "labels", "id")],
    )
    db.table("annotations").create_index(["document_id", "start"])
    db.table("settings").create({"key": str, "value": str}, pk="key")
    for label in DEFAULT_LABELS:
        db.execute(
            "INSERT INTO labels (name, color, keys, position) VALUES (?, ?, ?, ?)",
            [label.name, label.color, _json_keys(label.keys), label.position],
        )


def _json_keys(keys: tuple[str, ...]) -> str:
    return json.dumps(list(keys))


def _v2_workbench(db: Database) -> None:
    """Attributes and notes on spans, discontinuous spans, label attributes, relations, FTS."""
    db.execute("ALTER TABLE annotations ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}'")
    db.execute("ALTER TABLE annotations ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE annotations ADD COLUMN fragments TEXT")  # JSON [[s, e], ...] or NULL
    db.execute("ALTER TABLE labels ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]'")
    for label in DEFAULT_LABELS:
        db.execute(
            "UPDATE labels SET attributes = ? WHERE name = ? AND attributes = '[]'",
            [json.dumps([a.to_json() for a in label.attributes]), label.name],
        )
    db.table("relation_types").create(
        {
            "id": int,
            "name": str,
            "source_labels": str,
            "target_labels": str,
            "color": str,
            "position": int,
        },
        pk="id",
        not_null={"name"},
        defaults={"source_labels": "[]", "target_labels": "[]", "color": "#888888", "position": 0},
    )
    db.table("relation_types").create_index(["name"], unique=True)
    for rtype in DEFAULT_RELATION_TYPES:
        db.execute(
            "INSERT INTO relation_types (name, source_labels, target_labels, color, position)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                rtype.name,
                json.dumps(list(rtype.source_labels)),
                json.dumps(list(rtype.target_labels)),
                rtype.color,
                rtype.position,
            ],
        )
    db.table("relations").create(
        {
            "id": int,
            "document_id": int,
            "type_id": int,
            "source_id": int,
            "target_id": int,
            "author": str,
            "created": str,
        },
        pk="id",
        not_null={"document_id", "type_id", "source_id", "target_id"},
        defaults={"author": ""},
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("type_id", "relation_types", "id"),
            ("source_id", "annotations", "id"),
            ("target_id", "annotations", "id"),
        ],
    )
    db.table("relations").create_index(["document_id"])
    db.table("relations").create_index(["source_id"])
    db.table("relations").create_index(["target_id"])
    # Full-text search over titles and texts, kept in sync by triggers. Written out rather than
    # sqlite-utils' enable_fts(), which runs executescript() and so commits mid-migration.
    for sql in _FTS_SQL:
        db.execute(sql)


_FTS_SQL = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',"
    " content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN"
    " INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN"
    " INSERT INTO documents_fts (documents_fts, rowid, title, text)"
    " VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER documents_au AFTER UPDATE ON documents BEGIN"
    " INSERT INTO documents_fts (documents_fts, rowid, title, text)"
    " VALUES ('delete', old.id, old.title, old.text);"
    " INSERT INTO documents_fts (rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO documents_fts (rowid, title, text) SELECT id, title, text FROM documents",
)


def _v3_span_order_index(db: Database) -> None:
    """Index spans in reading order, (document, start, end, id): a document's spans and a
    whole-project export then come out of the index already sorted, with no temporary sort
    (measured: the sort was most of a 1M-span export's read time)."""
    db.execute("DROP INDEX IF EXISTS idx_annotations_document_id_start")
    db.execute(
        'CREATE INDEX idx_annotations_reading_order ON annotations (document_id, start, "end")'
    )


def _v4_suggestions(db: Database) -> None:
    """Suggestions (issue #10): rejected/ignored Prodigy answers and Label Studio predictions,
    kept as evidence in their own table so that no export writes them as annotations."""
    db.execute(
        "CREATE TABLE suggestions ("
        " id INTEGER PRIMARY KEY,"
        " document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,"
        ' start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL,'
        " status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),"
        " source TEXT NOT NULL DEFAULT '', score REAL, author TEXT NOT NULL DEFAULT '',"
        " created TEXT)"
    )
    db.execute("CREATE INDEX idx_suggestions_document_id_start ON suggestions (document_id, start)")


def _v5_actors_and_status(db: Database) -> None:
    """Actor registry and document status (issue #12): canonical actors with aliases, an
    Actor span's link to its registry entry, and each document's progress."""
    db.execute(
        "CREATE TABLE actors ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
        " type TEXT NOT NULL DEFAULT 'person'"
        " CHECK (type IN ('person', 'organisation', 'state', 'group', 'other')),"
        " description TEXT NOT NULL DEFAULT '', external_id TEXT NOT NULL DEFAULT '',"
        " color TEXT NOT NULL DEFAULT '', created TEXT)"
    )
    db.execute(
        "CREATE TABLE actor_aliases ("
        " actor_id INTEGER NOT NULL REFERENCES actors(id), alias TEXT NOT NULL,"
        " PRIMARY KEY (actor_id, alias))"
    )
    db.execute("ALTER TABLE annotations ADD COLUMN actor_id INTEGER REFERENCES actors(id)")
    db.execute("CREATE INDEX idx_annotations_actor_id ON annotations (actor_id)")
    # A table of its own, not a column of documents: changing a column of a row rewrites the
    # whole row, its text too (a 5 MB article: 0.2 s and 5 MB of journal for a status change).
    # A document without a row here is new.
    db.execute(
        "CREATE TABLE document_status ("
        " document_id INTEGER PRIMARY KEY REFERENCES documents(id),"
        " status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')))"
    )


def _v6_document_list_index(db: Database) -> None:
    """The document list's columns in an index (issue #11): its one query then reads the index,
    not every row, whose 5 KB text sits before ``meta`` and ``source_name`` (100,000 articles:
    0.41 s reading 500 MB of text pages, 0.18 s from the index)."""
    db.execute("CREATE INDEX idx_documents_list ON documents (id, title, source_name, meta)")


def _v7_span_updated_by(db: Database) -> None:
    """Team annotation (issue #13): a span keeps its creator in ``author``; whoever last changed
    it (label, boundaries, attributes, note, actor link) is ``updated_by`` ('' = nobody since)."""
    db.execute("ALTER TABLE annotations ADD COLUMN updated_by TEXT NOT NULL DEFAULT ''")


def _v8_label_rules(db: Database) -> None:
    """Suggestion rules (issue #15): each label's regex and token patterns, a JSON list
    (``core/suggestion_rules.py``), in the label's row so that a rename keeps them."""
    db.execute("ALTER TABLE labels ADD COLUMN rules TEXT NOT NULL DEFAULT '[]'")


# MIGRATIONS[i] upgrades version i to i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_initial,
    _v2_workbench,
    _v3_span_order_index,
    _v4_suggestions,
    _v5_actors_and_status,
    _v6_document_list_index,
    _v7_span_updated_by,
    _v8_label_rules,
]
SCHEMA_VERSION = len(MIGRATIONS)
