"""The project's invariants, checked on open and by ``annotator check`` (issue #6).

1. Every annotation (and each of its fragments) lies within its document, and its stored text
   equals the document's slice ``text[start:end]`` (code points, D1).
2. Every annotation's document and label exist.
3. Every relation links two existing annotations of its own document.
4. Every document's SHA-256 matches its text.
5. Every annotation's attributes are ones its label defines, with a value the definition allows
   (reported only: which value was meant is the user's call, so ``repair`` never drops one).
6. Every suggestion's document exists, its status is a known one, and it lies within its text
   (reported only: a suggestion is evidence, ``repair`` never drops one).
7. Every annotation's actor exists (reported only: which actor was meant is the user's call).
   A document's status is kept known by its table's CHECK (``quick_check`` refuses a file
   that breaks it).

Problems are reported, and :func:`repair` fixes what can be fixed without guessing, in one
transaction (the caller makes a backup first). Nothing is dropped silently: each change made is
returned as a line of the report, and what cannot be repaired is left exactly as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.core.document import text_sha256
from annotator.core.suggestions import SUGGESTION_STATUSES

if TYPE_CHECKING:
    from annotator.store.project import Project

REPAIR_NOTE = "[annotator check]"


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str  # "hash", "span_range", "span_text", "fragment_range", "orphan_span", "relation",
    # "attribute", "suggestion", "actor"
    table: str
    row_id: int
    message: str
    repairable: bool


_ORPHAN_SPANS = """
SELECT a.id, a.document_id, a.label_id FROM annotations a
LEFT JOIN documents d ON d.id = a.document_id LEFT JOIN labels l ON l.id = a.label_id
WHERE d.id IS NULL OR l.id IS NULL ORDER BY a.id
"""
_DANGLING_RELATIONS = """
SELECT r.id, r.source_id, r.target_id FROM relations r
LEFT JOIN annotations s ON s.id = r.source_id LEFT JOIN annotations t ON t.id = r.target_id
WHERE s.id IS NULL OR t.id IS NULL
   OR s.document_id IS NOT r.document_id OR t.document_id IS NOT r.document_id
ORDER BY r.id
"""


def find_problems(project: Project, *, hashes: bool = True) -> list[Problem]:
    """Every invariant violation, in a stable order (documents, spans, relations).

    ``hashes=False`` (opening a project) skips hashing every text, which grows with the
    corpus (100,000 articles: 500 MB read); each document's hash is then checked when it is
    read (:func:`hash_problem`), and ``annotator check`` still hashes them all."""
    db = project.db
    problems: list[Problem] = []
    if hashes:
        for doc_id, text, sha in db.execute("SELECT id, text, sha256 FROM documents ORDER BY id"):
            problems.extend(hash_problem(doc_id, text, sha))
    problems.extend(_all_span_problems(project))
    for ann_id, doc_id, label_id in db.execute(_ORPHAN_SPANS):
        problems.append(
            Problem("orphan_span", "annotations", ann_id,
                    f"annotation {ann_id}: its document {doc_id} or label {label_id} is missing",
                    False)
        )  # fmt: skip
    if "relations" in db.table_names():
        for rel_id, source, target in db.execute(_DANGLING_RELATIONS):
            problems.append(
                Problem("relation", "relations", rel_id,
                        f"relation {rel_id} ({source} → {target}) does not link two existing"
                        " spans of its document", True)
            )  # fmt: skip
        problems.extend(_attribute_problems(project))
    if "suggestions" in db.table_names():
        problems.extend(_suggestion_problems(project))
    if "actors" in db.table_names():
        problems.extend(_actor_problems(project))
    return problems


_MISSING_ACTORS = """
SELECT n.id, n.actor_id FROM annotations n LEFT JOIN actors a ON a.id = n.actor_id
WHERE n.actor_id IS NOT NULL AND a.id IS NULL ORDER BY n.id
"""


def _actor_problems(project: Project) -> list[Problem]:
    """Spans linked to an actor that is not in the registry."""
    return [
        Problem("actor", "annotations", ann_id,
                f"annotation {ann_id}: its actor {actor_id} is not in the registry", False)
        for ann_id, actor_id in project.db.execute(_MISSING_ACTORS)
    ]  # fmt: skip


def hash_problem(doc_id: int, text: str, sha256: str) -> list[Problem]:
    """The "hash" problem of one document, if its SHA-256 does not match its text."""
    if text_sha256(text) == sha256:
        return []
    message = f"document {doc_id}: its SHA-256 does not match its text"
    return [Problem("hash", "documents", doc_id, message, True)]


_STATUSES = ", ".join(f"'{s}'" for s in SUGGESTION_STATUSES)
# Each text's length is counted once (a materialized table), not once per suggestion, and only
# for documents that have suggestions (a text is read whole to count it).
_BAD_SUGGESTIONS = f"""
WITH d AS MATERIALIZED (SELECT id, length(text) AS n FROM documents
                       WHERE id IN (SELECT document_id FROM suggestions))
SELECT s.id, s.document_id, s.start, s."end", s.status, d.id IS NULL FROM suggestions s
LEFT JOIN d ON d.id = s.document_id
WHERE d.id IS NULL OR s.status NOT IN ({_STATUSES})
   OR s.start < 0 OR s.start >= s."end" OR s."end" > d.n
ORDER BY s.id
"""


def _suggestion_problems(project: Project) -> list[Problem]:
    """Suggestions without their document, with an unknown status, or outside their text."""
    problems = []
    for sug_id, doc_id, start, end, status, orphan in project.db.execute(_BAD_SUGGESTIONS):
        where = f"suggestion {sug_id} (document {doc_id}, {start}–{end})"
        if orphan:
            why = "its document is missing"
        elif status not in SUGGESTION_STATUSES:
            why = f"its status {status!r} is not open, accepted or rejected"
        else:
            why = "it lies outside its document"
        problems.append(Problem("suggestion", "suggestions", sug_id, f"{where}: {why}", False))
    return problems


def _attribute_problems(project: Project) -> list[Problem]:
    """Attributes the span's label does not define, or values its definition refuses."""
    labels = {label.name: label for label in project.labels()}
    rows = project.db.execute(
        "SELECT a.id, l.name, a.attributes FROM annotations a JOIN labels l ON l.id = a.label_id"
        " WHERE a.attributes NOT IN ('{}', '') ORDER BY a.id"
    )
    problems = []
    for ann_id, label, stored in rows:
        try:
            attributes = json.loads(stored)
        except ValueError:
            attributes = None
        if not isinstance(attributes, dict):
            problems.append(
                Problem("attribute", "annotations", ann_id,
                        f"annotation {ann_id}: its attributes are not a JSON object", False)
            )  # fmt: skip
            continue
        for name in labels[label].disallowed_attributes(attributes):
            definition = labels[label].attribute(name)
            why = "is not defined for" if definition is None else "has a value not allowed by"
            problems.append(
                Problem("attribute", "annotations", ann_id,
                        f"annotation {ann_id}: attribute {name} = {attributes[name]!r} {why}"
                        f" the label {label}", False)
            )  # fmt: skip
    return problems


def _all_span_problems(project: Project) -> list[Problem]:
    """Compare each span with its document's text, in Python (one pass per document).

    SQLite's substr() walks UTF-8 from the start of the text for every span: 3.5 s for 1M spans
    on 2,000 articles, against about a second here, where each text is fetched once.
    """
    db = project.db
    fragments = "fragments" if "fragments" in db["annotations"].columns_dict else "NULL"
    rows = db.execute(
        f'SELECT id, document_id, start, "end", text, {fragments} FROM annotations'
        " ORDER BY document_id"
    )
    problems: list[Problem] = []
    current, text = None, None
    for ann_id, doc_id, start, end, stored, frags in rows:
        if doc_id != current:
            current = doc_id
            found = db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
            text = found[0] if found else None
        if text is None:
            continue  # reported as an orphan span
        if frags or not 0 <= start < end <= len(text) or text[start:end] != stored:
            problems.extend(_span_problems((ann_id, doc_id, start, end, stored, text, frags)))
    return sorted(problems, key=lambda p: p.row_id)


def _span_problems(row: tuple[Any, ...]) -> list[Problem]:
    ann_id, doc_id, start, end, stored, text, fragments = row
    where = f"annotation {ann_id} (document {doc_id}, {start}–{end})"
    certain = certain_start(text, stored) is not None
    unsure = "" if certain or not stored or stored not in text else _ambiguous(text, stored)
    if not 0 <= start < end <= len(text):
        return [
            Problem(
                "span_range",
                "annotations",
                ann_id,
                f"{where} lies outside its document (0–{len(text)}){unsure}",
                certain,
            )
        ]
    problems = []
    if text[start:end] != stored:
        problems.append(
            Problem(
                "span_text",
                "annotations",
                ann_id,
                f"{where}: its stored text {_quote(stored)} differs from the document's"
                f" {_quote(text[start:end])}{unsure}",
                not unsure,
            )
        )
    for f_start, f_end in json.loads(fragments) if fragments else ():
        outside = _fragment_outside(f_start, f_end, start, end, len(text))
        if outside:
            problems.append(
                Problem(
                    "fragment_range",
                    "annotations",
                    ann_id,
                    f"{where}: fragment {f_start}–{f_end} lies outside {outside}",
                    False,
                )
            )
    return problems  # fmt: skip


def _fragment_outside(f_start: int, f_end: int, start: int, end: int, length: int) -> str:
    """What a fragment lies outside of ("its document", "its span's extent"), or ""."""
    if not 0 <= f_start < f_end <= length:
        return "its document"
    if not start <= f_start < f_end <= end:  # brat would write another span than JSONL
        return f"its span's extent {start}–{end}"
    return ""


def repair(project: Project, problems: list[Problem]) -> list[str]:
    """Fix the repairable problems in one transaction; returns one line per change made."""
    done: list[str] = []
    with project.transaction():
        for problem in problems:
            if problem.repairable:
                line = _REPAIRS[problem.kind](project, problem.row_id)
                if line:
                    done.append(line)
    return done


def _repair_hash(project: Project, doc_id: int) -> str:
    (text,) = project.db.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    project.db.execute("UPDATE documents SET sha256 = ? WHERE id = ?", [text_sha256(text), doc_id])
    return f"document {doc_id}: SHA-256 recomputed from its text (the text is kept as it is)"


def _repair_span(project: Project, ann_id: int) -> str:
    """Move the span to the occurrence of its stored text nearest to where it was; if there is
    none, keep its place, take the document's text there, and keep the old text in its note."""
    row = project.db.execute(
        'SELECT a.start, a."end", a.text, a.note, d.text FROM annotations a'
        " JOIN documents d ON d.id = a.document_id WHERE a.id = ?",
        [ann_id],
    ).fetchone()
    start, end, stored, note, text = row
    new_start = certain_start(text, stored)
    if new_start is None and stored and stored in text:
        return ""  # where it belongs is not certain: left as it was, and listed
    if new_start is not None:
        new_end = new_start + len(stored)
        project.db.execute(
            'UPDATE annotations SET start = ?, "end" = ? WHERE id = ?', [new_start, new_end, ann_id]
        )
        return f"annotation {ann_id}: moved from {start}–{end} to {new_start}–{new_end}"
    if not 0 <= start < end <= len(text):
        return ""
    kept = f"{REPAIR_NOTE} stored text was {_quote(stored, 200)} at {start}–{end}"
    project.db.execute(
        "UPDATE annotations SET text = ?, note = ? WHERE id = ?",
        [text[start:end], f"{note}\n{kept}".strip(), ann_id],
    )
    return f"annotation {ann_id}: text replaced by the document's; the old text is in its note"


def _repair_relation(project: Project, rel_id: int) -> str:
    row = project.db.execute(
        "SELECT document_id, source_id, target_id FROM relations WHERE id = ?", [rel_id]
    ).fetchone()
    project.db.execute("DELETE FROM relations WHERE id = ?", [rel_id])
    return f"relation {rel_id} (document {row[0]}, {row[1]} → {row[2]}): deleted, it linked nothing"


_REPAIRS = {
    "hash": _repair_hash,
    "span_range": _repair_span,
    "span_text": _repair_span,
    "relation": _repair_relation,
}


def certain_start(text: str, needle: str) -> int | None:
    """Where a shifted span certainly belongs: its text occurs exactly once in the document, and
    there it does not cut a word (so "he" never moves into the middle of "The")."""
    at = text.find(needle) if needle else -1
    if at == -1 or text.find(needle, at + 1) != -1:
        return None
    end = at + len(needle)
    inside = (at > 0 and text[at - 1].isalnum() and text[at].isalnum()) or (
        end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    )
    return None if inside else at


def _ambiguous(text: str, needle: str) -> str:
    count = text.count(needle)
    where = f"occurs {count} times" if count > 1 else "occurs only inside a word"
    return f"; its text {where} in the document, so where it belongs is not certain"


def _quote(text: str, limit: int = 40) -> str:
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"“{text}”"
