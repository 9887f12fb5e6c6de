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
    for sql in _V1_SQL:
        db.execute(sql)
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
    for sql in _V2_RELATION_TYPES_SQL:
        db.execute(sql)
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
    for sql in _V2_RELATIONS_SQL:
        db.execute(sql)
    # Full-text search over titles and texts, kept in sync by triggers. Written out rather than
    # sqlite-utils' enable_fts(), which runs executescript() and so commits mid-migration.
    for sql in _FTS_SQL:
        db.execute(sql)


# Released migrations 1 and 2 created these tables with sqlite-utils' ``table().create``; this
# is the SQL it ran, byte for byte (the text SQLite keeps in ``sqlite_master``, which the schema
# check compares); ``tests/store/test_schema_sql.py`` checks them against what releases wrote.
def _table(name: str, *columns: str) -> str:
    return f'CREATE TABLE "{name}" (\n   ' + ",\n   ".join(columns) + "\n)"


def _index(table: str, *columns: str, unique: bool = False) -> str:
    name = "_".join(("idx", table, *columns))
    cols = ", ".join(f'"{c}"' for c in columns)
    kind = "UNIQUE INDEX" if unique else "INDEX"
    return f'CREATE {kind} "{name}"\n    ON "{table}" ({cols})'


_V1_SQL = (
    _table(
        "documents",
        '"id" INTEGER PRIMARY KEY',
        '"title" TEXT NOT NULL',
        '"text" TEXT NOT NULL',
        '"sha256" TEXT NOT NULL',
        "\"styles\" TEXT DEFAULT '[]'",  # JSON list of [start, end, kind, data?]
        "\"meta\" TEXT DEFAULT '{}'",  # JSON object
        "\"source_name\" TEXT DEFAULT ''",
        '"source_bytes" BLOB',  # the original file, byte for byte
        "\"renderer\" TEXT DEFAULT ''",
        '"created" TEXT',
        '"updated" TEXT',
    ),
    _index("documents", "sha256"),
    _table(
        "labels",
        '"id" INTEGER PRIMARY KEY',
        '"name" TEXT NOT NULL',
        '"color" TEXT NOT NULL',
        "\"keys\" TEXT DEFAULT '[]'",
        '"position" INTEGER DEFAULT 0',
    ),
    _index("labels", "name", unique=True),
    _table(
        "annotations",
        '"id" INTEGER PRIMARY KEY',
        '"document_id" INTEGER NOT NULL REFERENCES "documents"("id")',
        '"start" INTEGER NOT NULL',
        '"end" INTEGER NOT NULL',
        '"label_id" INTEGER NOT NULL REFERENCES "labels"("id")',
        '"text" TEXT NOT NULL',
        "\"author\" TEXT DEFAULT ''",
        '"created" TEXT',
        '"updated" TEXT',
    ),
    _index("annotations", "document_id", "start"),
    _table("settings", '"key" TEXT PRIMARY KEY', '"value" TEXT'),
)

_V2_RELATION_TYPES_SQL = (
    _table(
        "relation_types",
        '"id" INTEGER PRIMARY KEY',
        '"name" TEXT NOT NULL',
        "\"source_labels\" TEXT DEFAULT '[]'",
        "\"target_labels\" TEXT DEFAULT '[]'",
        "\"color\" TEXT DEFAULT '#888888'",
        '"position" INTEGER DEFAULT 0',
    ),
    _index("relation_types", "name", unique=True),
)

_V2_RELATIONS_SQL = (
    _table(
        "relations",
        '"id" INTEGER PRIMARY KEY',
        '"document_id" INTEGER NOT NULL REFERENCES "documents"("id")',
        '"type_id" INTEGER NOT NULL REFERENCES "relation_types"("id")',
        '"source_id" INTEGER NOT NULL REFERENCES "annotations"("id")',
        '"target_id" INTEGER NOT NULL REFERENCES "annotations"("id")',
        "\"author\" TEXT DEFAULT ''",
        '"created" TEXT',
    ),
    _index("relations", "document_id"),
    _index("relations", "source_id"),
    _index("relations", "target_id"),
)

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


# MIGRATIONS[i] upgrades version i to i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [
    _v1_initial,
    _v2_workbench,
    _v3_span_order_index,
    _v4_suggestions,
]
SCHEMA_VERSION = len(MIGRATIONS)
