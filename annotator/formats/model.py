"""What importers produce and exporters report, independent of any one format."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.actors import Actor, check_actor_type
from annotator.core.document import NewDocument
from annotator.core.plural import plural
from annotator.core.spans import Annotation


class FormatError(ValueError):
    """A file cannot be read in its format; the message is meant for the user."""


class ExportCancelled(Exception):
    """Raised by a progress callback to stop an export; nothing half-written is left behind."""


@dataclass(frozen=True, slots=True)
class ImportedActor:
    """The registry actor an imported span names: on import it is matched by name or alias in
    the target project's registry, or created with this type and external id."""

    name: str
    type: str = "person"  # one of core.actors.ACTOR_TYPES
    external_id: str = ""


@dataclass(frozen=True, slots=True)
class ImportedSpan:
    start: int
    end: int
    label: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    fragments: tuple[tuple[int, int], ...] | None = None
    id: str = ""  # import-local id (e.g. brat "T3"), what ImportedRelation refers to
    author: str = ""
    actor: ImportedActor | None = None


@dataclass(frozen=True, slots=True)
class ImportedRelation:
    type: str
    source: str  # ImportedSpan.id
    target: str


@dataclass(slots=True)
class ImportedDocument:
    document: NewDocument
    spans: list[ImportedSpan] = field(default_factory=list)
    relations: list[ImportedRelation] = field(default_factory=list)
    # What the reader saw but could not keep (e.g. brat events), for the import report.
    warnings: list[str] = field(default_factory=list)
    # Evidence that is not an annotation (rejected answers, model predictions), never exported.
    suggestions: list[ImportedSuggestion] = field(default_factory=list)


# How CoNLL handles spans that overlap: keep the longest (earliest on ties) or refuse.
CONLL_OVERLAP_POLICIES = ("longest", "first", "error")

Progress = Callable[[int, int], None]  # (documents done, documents in total)


@dataclass(slots=True)
class ExportOptions:
    labels: frozenset[str] | None = None  # None: every label
    document_ids: list[int] | None = None  # None: every document
    author: str | None = None  # only this annotator's spans (issue #13); None: everyone's
    include_boilerplate: bool = False  # boilerplate marked by the importer is left out by default
    conll_overlap: str = "longest"  # one of CONLL_OVERLAP_POLICIES
    progress: Progress | None = None
    split: str = ""  # the dataset split being written (--split), for formats with a split column


@dataclass(slots=True)
class ExportSummary:
    documents: int = 0
    spans: int = 0
    warnings: list[str] = field(default_factory=list)
    lost: dict[str, int] = field(default_factory=dict)  # what was dropped, e.g. {"overlap": 3}

    def lose(self, what: str, count: int = 1) -> None:
        self.lost[what] = self.lost.get(what, 0) + count

    def describe(self) -> str:
        """One paragraph for the user: counts, then what was lost and why."""
        lines = [f"Wrote {plural(self.documents, 'document')} and {plural(self.spans, 'span')}."]
        lines += [f"Not written: {n} × {what}." for what, n in sorted(self.lost.items())]
        lines += self.warnings
        return "\n".join(lines)


def optional_span_fields(ann: Annotation) -> dict[str, Any]:
    """The fields a span carries only when set (attributes, note, fragments), in the JSON shape
    every JSON-based format uses for them."""
    fields: dict[str, Any] = {}
    if ann.attributes:
        fields["attributes"] = ann.attributes
    if ann.note:
        fields["note"] = ann.note
    if ann.fragments:
        fields["fragments"] = [list(f) for f in ann.fragments]
    return fields


def actor_fields(actor: Actor) -> dict[str, Any]:
    """A span's registry actor in the JSON shape every JSON-based format writes it in (a span's
    ``actor`` key): id, canonical name, type, and external id when set."""
    record: dict[str, Any] = {"id": actor.id, "name": actor.name, "type": actor.type}
    if actor.external_id:
        record["external_id"] = actor.external_id
    return record


def imported_actor(record: Any) -> ImportedActor | None:
    """A span's ``actor`` object as :func:`actor_fields` writes it; a malformed one raises
    ValueError (the reader reports the span as malformed)."""
    if record is None:
        return None
    if not isinstance(record, dict) or not str(record.get("name") or "").strip():
        raise ValueError("its actor needs a name")
    kind = check_actor_type(str(record.get("type") or "person"))
    return ImportedActor(str(record["name"]), kind, str(record.get("external_id") or ""))


@dataclass(frozen=True, slots=True)
class ImportedSuggestion:
    """A span kept as a suggestion, not an annotation (see ``core/suggestions.py``)."""

    start: int
    end: int
    label: str
    status: str  # "open", "accepted" or "rejected"
    source: str  # e.g. "prodigy:reject", "label-studio:prediction:v1"
    score: float | None = None
    author: str = ""


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file a reader could not read while it read the others (one bad ``.ann`` of a folder)."""

    path: Path
    message: str  # for the user; starts with the file's name


class ImportedDocuments(list[ImportedDocument]):
    """A reader's documents plus the files it skipped, each with its cause (``failures``); any
    code that wants only the documents can use it as the plain list it is."""

    def __init__(self, documents: Iterable[ImportedDocument] = ()) -> None:
        super().__init__(documents)
        self.failures: list[FileFailure] = []
