"""The project's label schema: span labels (with attribute definitions) and relation types."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from annotator.core.labels import AttributeDef, Label, RelationType
from annotator.store.base import StoreBase, inserted_id
from annotator.store.errors import ProjectError


class LabelsMixin(StoreBase):
    def labels(self) -> list[Label]:
        rows = self.db.execute(
            "SELECT id, name, color, keys, position, attributes FROM labels ORDER BY position, id"
        )
        return [
            Label(
                name=r[1],
                color=r[2],
                keys=tuple(json.loads(r[3] or "[]")),
                id=r[0],
                position=r[4],
                attributes=tuple(AttributeDef.from_json(a) for a in json.loads(r[5] or "[]")),
            )
            for r in rows
        ]

    def relation_types(self) -> list[RelationType]:
        rows = self.db.execute(
            "SELECT id, name, source_labels, target_labels, color, position"
            " FROM relation_types ORDER BY position, id"
        )
        return [
            RelationType(
                name=r[1],
                source_labels=tuple(json.loads(r[2] or "[]")),
                target_labels=tuple(json.loads(r[3] or "[]")),
                color=r[4],
                id=r[0],
                position=r[5],
            )
            for r in rows
        ]

    def label(self, name: str) -> Label:
        """One label with its attribute definitions (ProjectError if there is none)."""
        found = next((label for label in self.labels() if label.name == name), None)
        if found is None:
            raise ProjectError(f"There is no label called {name!r} in this project.")
        return found

    def _label_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM labels WHERE name = ?", [name]).fetchone()
        if row is None:
            raise ProjectError(f"There is no label called {name!r} in this project.")
        return int(row[0])

    def _relation_type_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM relation_types WHERE name = ?", [name]).fetchone()
        if row is None:
            raise ProjectError(f"There is no relation type called {name!r} in this project.")
        return int(row[0])

    def add_label(self, name: str, color: str, keys: tuple[str, ...] = ()) -> Label:
        """Append a label (e.g. one an imported file uses) at the end of the schema."""
        with self.transaction():
            position = self.db.execute("SELECT count(*) FROM labels").fetchone()[0]
            cursor = self.db.execute(
                "INSERT INTO labels (name, color, keys, position) VALUES (?, ?, ?, ?)",
                [name, color, json.dumps(list(keys)), position],
            )
        return Label(name, color, keys, id=inserted_id(cursor), position=position)

    def admit_attributes(self, name: str, seen: Iterable[dict[str, Any]]) -> Label:
        """Extend label ``name``'s attribute definitions so that ``seen`` fits them (an import
        brings attributes the schema lacks, as it brings labels) inside the caller's
        transaction; returns the label."""
        label = self.label(name)
        wider = label.admitting(seen)
        if wider != label:
            self.db.execute(
                "UPDATE labels SET attributes = ? WHERE id = ?",
                [json.dumps([a.to_json() for a in wider.attributes], ensure_ascii=False),
                 label.id],
            )  # fmt: skip
        return wider

    def add_relation_type(self, name: str) -> RelationType:
        """Append a relation type between any labels (e.g. one an imported file uses)."""
        with self.transaction():
            position = self.db.execute("SELECT count(*) FROM relation_types").fetchone()[0]
            cursor = self.db.execute(
                "INSERT INTO relation_types (name, position) VALUES (?, ?)", [name, position]
            )
        return RelationType(name, id=inserted_id(cursor), position=position)
