"""The project's numbers (issue #12): a few grouped queries, never reading a document's text.

Counts per label, per registry actor, per document and claims per stance and month (by the
article date ``meta.date``). ``services/statistics.py`` puts them together.
"""

from __future__ import annotations

from annotator.store.base import StoreBase

_PER_LABEL = """
SELECT l.name, count(a.id) FROM labels l LEFT JOIN annotations a ON a.label_id = l.id
GROUP BY l.id ORDER BY l.position, l.id
"""
_PER_ACTOR = """
SELECT r.name, r.type, count(a.id) AS n FROM actors r JOIN annotations a ON a.actor_id = r.id
GROUP BY r.id ORDER BY n DESC, r.name COLLATE NOCASE, r.id LIMIT ?
"""
_PER_DOCUMENT = """
SELECT d.id, d.title, coalesce(s.status, 'new'), count(a.id) FROM documents d
LEFT JOIN document_status s ON s.document_id = d.id
LEFT JOIN annotations a ON a.document_id = d.id GROUP BY d.id ORDER BY d.id
"""
# The month is the first seven characters of an ISO date ("2024-10"); anything else is undated.
_CLAIMS_BY_MONTH = """
SELECT CASE WHEN json_extract(d.meta, '$.date') GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'
            THEN substr(json_extract(d.meta, '$.date'), 1, 7) ELSE '' END AS month,
       coalesce(json_extract(a.attributes, '$.stance'), '') AS stance, count(*)
FROM annotations a JOIN labels l ON l.id = a.label_id JOIN documents d ON d.id = a.document_id
WHERE l.name = ? GROUP BY month, stance ORDER BY month, stance
"""


class StatisticsMixin(StoreBase):
    def spans_per_label(self) -> list[tuple[str, int]]:
        """(label, spans) for every label in schema order, unused labels with 0."""
        return [(str(n), int(c)) for n, c in self.db.execute(_PER_LABEL)]

    def mentions_per_actor(self, top: int) -> list[tuple[str, str, int]]:
        """(canonical name, type, linked spans) of the ``top`` most mentioned actors."""
        rows = self.db.execute(_PER_ACTOR, [top])
        return [(str(n), str(t), int(c)) for n, t, c in rows]

    def spans_per_document(self) -> list[tuple[int, str, str, int]]:
        """(id, title, status, spans) of every document by id."""
        rows = self.db.execute(_PER_DOCUMENT)
        return [(int(i), str(t), str(s), int(c)) for i, t, s, c in rows]

    def claims_per_month(self, claim_label: str) -> list[tuple[str, str, int]]:
        """(month "YYYY-MM" or "" when undated, stance or "", claims) of ``claim_label`` spans."""
        rows = self.db.execute(_CLAIMS_BY_MONTH, [claim_label])
        return [(str(m), str(s), int(c)) for m, s, c in rows]


_CLAIMS = """
SELECT a.id, a.document_id, d.title,
       CASE WHEN json_valid(d.meta) THEN json_extract(d.meta, '$.source') END,
       CASE WHEN json_valid(d.meta) THEN json_extract(d.meta, '$.date') END,
       a.text, a.attributes, a.note, a.start, a."end"
FROM annotations a JOIN labels l ON l.id = a.label_id JOIN documents d ON d.id = a.document_id
WHERE l.name = ? ORDER BY a.document_id, a.start, a."end", a.id
"""
# A claim's claimants: the Actor spans its relations of this type point to, with the registry
# name when the span is linked (in relation order, as the side panel lists them).
_CLAIMANTS = """
SELECT r.source_id, t.text, ac.name FROM relations r
JOIN relation_types rt ON rt.id = r.type_id JOIN annotations t ON t.id = r.target_id
LEFT JOIN actors ac ON ac.id = t.actor_id
WHERE rt.name = ? ORDER BY r.id
"""

ClaimRecord = tuple[int, int, str, object, object, str, str, str, int, int]


class ClaimsReadMixin(StoreBase):
    def claim_records(self, label: str) -> list[ClaimRecord]:
        """(span id, document id, title, meta source, meta date, text, attributes JSON, note,
        start, end) of every span of ``label``, in reading order; no document text is read (the
        documents' columns come from the list's index)."""
        return [tuple(row) for row in self.db.execute(_CLAIMS, [label])]

    def claimants(self, relation_type: str) -> list[tuple[int, str, str | None]]:
        """(claim span id, the target span's text, its registry actor's name or None)."""
        return [(int(s), str(t), n) for s, t, n in self.db.execute(_CLAIMANTS, [relation_type])]


class TrainingCountsMixin(StoreBase):
    def annotations_created_since(self, moment: str) -> int:
        """Annotations made after ``moment`` (an ISO time in UTC, as stored): how many a model
        trained then has not seen. One scan, asked once per window session."""
        row = self.db.execute(
            "SELECT count(*) FROM annotations WHERE created > ?", [moment]
        ).fetchone()
        return int(row[0])
