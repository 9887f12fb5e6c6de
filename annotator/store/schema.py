"""The project schema and its ordered migrations.

The schema version lives in ``PRAGMA user_version``. Each migration takes the database from
version ``n`` to ``n + 1`` and runs inside the caller's transaction, after a backup copy has been
made (see ``project.py``). Never edit a released migration: append a new one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database

from annotator.core.labels import DEFAULT_LABELS


def _v1_initial(db: Database) -> None:
    db["documents"].create(
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
    db["documents"].create_index(["sha256"])
    db["labels"].create(
        {"id": int, "name": str, "color": str, "keys": str, "position": int},
        pk="id",
        not_null={"name", "color"},
        defaults={"keys": "[]", "position": 0},
    )
    db["labels"].create_index(["name"], unique=True)
    db["annotations"].create(
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
    db["annotations"].create_index(["document_id", "start"])
    db["settings"].create({"key": str, "value": str}, pk="key")
    for label in DEFAULT_LABELS:
        db.execute(
            "INSERT INTO labels (name, color, keys, position) VALUES (?, ?, ?, ?)",
            [label.name, label.color, _json_keys(label.keys), label.position],
        )


def _json_keys(keys: tuple[str, ...]) -> str:
    import json

    return json.dumps(list(keys))


# MIGRATIONS[i] upgrades version i to i + 1.
MIGRATIONS: list[Callable[[Database], None]] = [_v1_initial]
SCHEMA_VERSION = len(MIGRATIONS)
