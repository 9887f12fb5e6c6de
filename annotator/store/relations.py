"""Relations between two annotations of one document (e.g. Claim -claimant-> Actor)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from annotator.core.relations import Relation
from annotator.core.spans import Annotation
from annotator.store.annotations import AnnotationsMixin
from annotator.store.base import inserted_id, now_iso
from annotator.store.errors import ProjectError

_SELECT = """
SELECT r.id, r.document_id, t.name, r.source_id, r.target_id, r.author, r.created
FROM relations r JOIN relation_types t ON t.id = r.type_id
"""


def _relation(row: tuple[Any, ...]) -> Relation:
    return Relation(*row)


class RelationsMixin(AnnotationsMixin):
    def add_relation(
        self, relation_type: str, source_id: int, target_id: int, *, author: str = ""
    ) -> Relation:
        source, target = self.annotation(source_id), self.annotation(target_id)
        if source.document_id != target.document_id:
            raise ProjectError("A relation links two spans of the same document.")
        if source_id == target_id:
            raise ProjectError("A span cannot be linked to itself.")
        stamp = now_iso()
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO relations (document_id, type_id, source_id, target_id, author,"
                " created) VALUES (?,?,?,?,?,?)",
                [source.document_id, self._relation_type_id(relation_type), source_id,
                 target_id, author, stamp],
            )  # fmt: skip
        return Relation(
            inserted_id(cursor), source.document_id, relation_type, source_id, target_id,
            author, stamp,
        )  # fmt: skip

    def restore_relation(self, rel: Relation) -> Relation:
        with self.transaction():
            self._insert_relation(rel)
        return rel

    def restore_annotation_with_relations(
        self, ann: Annotation, relations: Sequence[Relation]
    ) -> Annotation:
        """Undo of a delete: the span (attributes and note included) and its links, exactly as
        they were, in ONE transaction: a failure restores none of them."""
        with self.transaction():
            self._insert_exact(ann)
            for rel in relations:
                self._insert_relation(rel)
        return ann

    def _insert_relation(self, rel: Relation) -> None:
        self.db.execute(
            "INSERT INTO relations (id, document_id, type_id, source_id, target_id, author,"
            " created) VALUES (?,?,?,?,?,?,?)",
            [rel.id, rel.document_id, self._relation_type_id(rel.type), rel.source_id,
             rel.target_id, rel.author, rel.created],
        )  # fmt: skip

    def relation(self, relation_id: int) -> Relation:
        row = self.db.execute(_SELECT + " WHERE r.id = ?", [relation_id]).fetchone()
        if row is None:
            raise KeyError(f"no relation {relation_id}")
        return _relation(row)

    def delete_relation(self, relation_id: int) -> Relation:
        rel = self.relation(relation_id)
        with self.transaction():
            self.db.execute("DELETE FROM relations WHERE id = ?", [relation_id])
        return rel

    def relations(self, document_id: int) -> list[Relation]:
        rows = self.db.execute(_SELECT + " WHERE r.document_id = ? ORDER BY r.id", [document_id])
        return [_relation(r) for r in rows]

    def relations_of(self, annotation_id: int) -> list[Relation]:
        rows = self.db.execute(
            _SELECT + " WHERE r.source_id = ? OR r.target_id = ? ORDER BY r.id",
            [annotation_id, annotation_id],
        )
        return [_relation(r) for r in rows]

    def iter_relations(self) -> Iterator[Relation]:
        for row in self.db.execute(_SELECT + " ORDER BY r.document_id, r.id"):
            yield _relation(row)
