"""Editing the label schema as a whole: apply a new one, revert it exactly (undo).

``apply_label_schema`` matches labels and relation types by id: same id = keep (a new name is a
rename, the annotations stay); no id = insert; an id missing from the new schema = delete, with
its annotations and every relation touching them (or, for a relation type, its relations).
Everything happens in one transaction, and the returned ``SchemaChange`` holds the full rows it
replaced or deleted so that ``revert_label_schema`` puts the database back byte for byte.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from annotator.core.label_schema import LabelSchema
from annotator.core.labels import Label, RelationType
from annotator.store.base import Row
from annotator.store.errors import ProjectError
from annotator.store.suggestion_rules import SuggestionRulesMixin

_LABEL_COLUMNS = ("id", "name", "color", "keys", "position", "attributes")
_TYPE_COLUMNS = ("id", "name", "source_labels", "target_labels", "color", "position")


@dataclass(frozen=True, slots=True)
class SchemaChange:
    """What ``apply_label_schema`` did, with everything needed to undo it."""

    old: LabelSchema  # before, with ids
    new: LabelSchema  # after, with ids (new entries have theirs now)
    old_label_rows: tuple[Row, ...]  # the labels table before, full rows
    old_relation_type_rows: tuple[Row, ...]
    deleted_annotations: tuple[Row, ...]  # full annotation rows, ids and timestamps included
    deleted_relations: tuple[Row, ...]

    @property
    def added_labels(self) -> tuple[str, ...]:
        old_ids = {lab.id for lab in self.old.labels}
        return tuple(lab.name for lab in self.new.labels if lab.id not in old_ids)

    @property
    def deleted_labels(self) -> tuple[str, ...]:
        new_ids = {lab.id for lab in self.new.labels}
        return tuple(lab.name for lab in self.old.labels if lab.id not in new_ids)

    @property
    def renamed_labels(self) -> tuple[tuple[str, str], ...]:
        """(old name, new name) pairs."""
        new_names = {lab.id: lab.name for lab in self.new.labels}
        return tuple(
            (lab.name, new_names[lab.id])
            for lab in self.old.labels
            if lab.id in new_names and new_names[lab.id] != lab.name
        )

    @property
    def deleted_relation_types(self) -> tuple[str, ...]:
        new_ids = {rt.id for rt in self.new.relation_types}
        return tuple(rt.name for rt in self.old.relation_types if rt.id not in new_ids)

    @property
    def document_ids(self) -> tuple[int, ...]:
        """Documents that lost annotations or relations (their views need a refresh)."""
        ids = {r["document_id"] for r in self.deleted_annotations}
        ids.update(r["document_id"] for r in self.deleted_relations)
        return tuple(sorted(ids))


def _new_ids(items: Sequence[Label] | Sequence[RelationType], old: set[int]) -> list[int]:
    """Ids of the labels (or relation types) an edit added: stored, and not there before."""
    return [item.id for item in items if item.id is not None and item.id not in old]


def _number(rows: list[Row], taken: set[int]) -> None:
    next_id = max(taken, default=0) + 1
    for row in rows:
        if row["id"] is None:
            row["id"] = next_id
            next_id += 1


class SchemaEditMixin(SuggestionRulesMixin):
    def label_schema(self) -> LabelSchema:
        """The project's labels (with their suggestion rules) and relation types, in order,
        with their ids."""
        rules = self.rules()
        labels = (replace(lab, rules=rules.get(lab.name) or None) for lab in self.labels())
        return LabelSchema(tuple(labels), tuple(self.relation_types()))

    def label_usage(self, name: str) -> int:
        """How many annotations carry the label ``name`` (0 for an unknown name)."""
        row = self.db.execute(
            "SELECT count(*) FROM annotations a JOIN labels l ON l.id = a.label_id"
            " WHERE l.name = ?",
            [name],
        ).fetchone()
        return int(row[0])

    def relation_type_usage(self, name: str) -> int:
        """How many relations have the type ``name`` (0 for an unknown name)."""
        row = self.db.execute(
            "SELECT count(*) FROM relations r JOIN relation_types t ON t.id = r.type_id"
            " WHERE t.name = ?",
            [name],
        ).fetchone()
        return int(row[0])

    # ------------------------------------------------------------------ apply
    def apply_label_schema(
        self, new: LabelSchema, *, redo_of: SchemaChange | None = None
    ) -> SchemaChange:
        """Make ``new`` the project's schema in one transaction; see the module docstring.

        ``redo_of``: a change that was reverted. The entries it had added come back with the
        ids they had, so that redo after undo leaves the database exactly as the first time.
        """
        allowed_labels: set[int | None] = set()
        allowed_types: set[int | None] = set()
        if redo_of is not None:
            allowed_labels = {lab.id for lab in redo_of.new.labels} - {
                lab.id for lab in redo_of.old.labels
            }
            allowed_types = {rt.id for rt in redo_of.new.relation_types} - {
                rt.id for rt in redo_of.old.relation_types
            }
        with self.transaction():
            old = self.label_schema()
            old_label_rows = self._rows("SELECT * FROM labels ORDER BY id")
            old_type_rows = self._rows("SELECT * FROM relation_types ORDER BY id")
            old_label_ids = {r["id"] for r in old_label_rows}
            old_type_ids = {r["id"] for r in old_type_rows}
            for lab in new.labels:
                if lab.id is not None and lab.id not in old_label_ids | allowed_labels:
                    raise ProjectError(f"Label {lab.name!r} has id {lab.id}, unknown here.")
            for rt in new.relation_types:
                if rt.id is not None and rt.id not in old_type_ids | allowed_types:
                    raise ProjectError(f"Relation type {rt.name!r} has id {rt.id}, unknown here.")
            gone_labels = sorted(old_label_ids - {lab.id for lab in new.labels})
            gone_types = sorted(old_type_ids - {rt.id for rt in new.relation_types})

            deleted_annotations = self._rows(
                "SELECT * FROM annotations WHERE label_id IN (SELECT value FROM json_each(?))"
                " ORDER BY id",
                [json.dumps(gone_labels)],
            )
            ann_ids = json.dumps([r["id"] for r in deleted_annotations])
            deleted_relations = self._rows(
                "SELECT * FROM relations WHERE type_id IN (SELECT value FROM json_each(?))"
                " OR source_id IN (SELECT value FROM json_each(?))"
                " OR target_id IN (SELECT value FROM json_each(?))"
                " ORDER BY id",
                [json.dumps(gone_types), ann_ids, ann_ids],
            )
            self._delete_ids("relations", [r["id"] for r in deleted_relations])
            self._delete_ids("annotations", [r["id"] for r in deleted_annotations])
            self._delete_ids("relation_types", gone_types)
            self._delete_ids("labels", gone_labels)

            label_rows = [
                {
                    "id": lab.id,
                    "name": lab.name,
                    "color": lab.color,
                    "keys": json.dumps(list(lab.keys), ensure_ascii=False),
                    "position": i,
                    "attributes": json.dumps(
                        [a.to_json() for a in lab.attributes], ensure_ascii=False
                    ),
                }
                for i, lab in enumerate(new.labels)
            ]
            type_rows = [
                {
                    "id": rt.id,
                    "name": rt.name,
                    "source_labels": json.dumps(list(rt.source_labels), ensure_ascii=False),
                    "target_labels": json.dumps(list(rt.target_labels), ensure_ascii=False),
                    "color": rt.color,
                    "position": i,
                }
                for i, rt in enumerate(new.relation_types)
            ]
            # New entries get ids above every id this change saw, never a just-deleted one, so
            # that the change (and its undo) can tell entries apart by id.
            _number(label_rows, old_label_ids)
            _number(type_rows, old_type_ids)
            self._schema_write_rows("labels", _LABEL_COLUMNS, label_rows)
            self._write_rules(label_rows, new.labels)
            self._schema_write_rows("relation_types", _TYPE_COLUMNS, type_rows)
            applied = self.label_schema()
        return SchemaChange(
            old=old,
            new=applied,
            old_label_rows=tuple(old_label_rows),
            old_relation_type_rows=tuple(old_type_rows),
            deleted_annotations=tuple(deleted_annotations),
            deleted_relations=tuple(deleted_relations),
        )

    # ----------------------------------------------------------------- revert
    def revert_label_schema(self, change: SchemaChange) -> None:
        """Undo ``change`` exactly (same ids, rows and timestamps), in one transaction."""
        with self.transaction():
            old_label_ids = {r["id"] for r in change.old_label_rows}
            old_type_ids = {r["id"] for r in change.old_relation_type_rows}
            added_labels = _new_ids(change.new.labels, old_label_ids)
            added_types = _new_ids(change.new.relation_types, old_type_ids)
            try:
                self._delete_ids("relation_types", added_types)
                self._delete_ids("labels", added_labels)
            except sqlite3.IntegrityError as exc:
                raise ProjectError(
                    "The schema change cannot be undone: a label or relation type it added"
                    f" is in use ({exc})."
                ) from exc
            columns = tuple(change.old_label_rows[0]) if change.old_label_rows else _LABEL_COLUMNS
            self._schema_write_rows("labels", columns, change.old_label_rows)
            columns = (
                tuple(change.old_relation_type_rows[0])
                if change.old_relation_type_rows
                else _TYPE_COLUMNS
            )
            self._schema_write_rows("relation_types", columns, change.old_relation_type_rows)
            self._insert_rows("annotations", change.deleted_annotations)
            self._insert_rows("relations", change.deleted_relations)

    # ---------------------------------------------------------------- helpers
    def _write_rules(self, rows: Sequence[Row], labels: Sequence[Label]) -> None:
        """Store the rules of the labels that give them (None keeps the stored ones)."""
        for row, lab in zip(rows, labels, strict=True):
            if lab.rules is not None:
                rules = json.dumps([r.to_json() for r in lab.rules], ensure_ascii=False)
                self.db.execute("UPDATE labels SET rules = ? WHERE id = ?", [rules, row["id"]])

    def _schema_write_rows(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Update rows with an id, insert rows without; names are unique, so any row whose name
        changes is first parked under a placeholder (this allows swaps such as A<->B).

        Rows with an id not in the table are inserted with that id.
        """
        current = {r[0]: r[1] for r in self.db.execute(f"SELECT id, name FROM {table}").fetchall()}
        for row in rows:
            rid = row.get("id")
            if rid in current and current[rid] != row["name"]:
                self.db.execute(
                    f"UPDATE {table} SET name = ? WHERE id = ?", [f"\x00renaming {rid}", rid]
                )
        data_cols = [c for c in columns if c != "id"]
        for row in rows:
            rid = row.get("id")
            if rid in current:
                sets = ", ".join(f'"{c}" = ?' for c in data_cols)
                self.db.execute(
                    f"UPDATE {table} SET {sets} WHERE id = ?",
                    [row[c] for c in data_cols] + [rid],
                )
            else:
                cols = [c for c in columns if c != "id" or rid is not None]
                self._insert_rows(table, [{c: row[c] for c in cols}])
