"""Bulk import: folders and many files, in batches of one transaction each, cancellable.

One transaction per document costs a synced commit each (``synchronous=FULL``, D4); 10,000
articles would spend most of their time in fsync. So documents without annotations are stored
``batch_size`` at a time with ``Project.add_documents`` (one transaction per batch). Files whose
reader found annotations (JSONL, brat) go through ``importing.import_file``, the one path that
stores spans, relations, attributes and notes.

- Duplicates (same SHA-256 of the canonical text, in the project or earlier in this run) are
  skipped with a note. Unknown, unreadable or broken files give one error each; the run goes on.
- ``should_cancel`` is polled before every file; on cancel the batch read so far is committed,
  so everything reported as imported is in the project, and nothing after it.
- Outcomes are reported in file order, once their batch is committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.document import text_sha256
from annotator.formats.model import ImportedDocument
from annotator.services.importing import (
    ImportOutcome,
    expand_paths,
    failure,
    import_document,
    invalid_text,
    log_import_summary,
    read_file,
    skipped_files,
)
from annotator.store import NewDocument, Project, ProjectError

BATCH_SIZE = 250

OutcomeCallback = Callable[[ImportOutcome], None]
ProgressCallback = Callable[[int, int], None]  # (files done, files in total)


@dataclass(slots=True)
class BulkResult:
    outcomes: list[ImportOutcome] = field(default_factory=list)
    cancelled: bool = False
    files: int = 0  # files looked at (all of them unless cancelled)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass(slots=True)
class _Slot:
    """One entry of the pending batch: a document to store, or an outcome already known."""

    path: Path
    document: NewDocument | None = None
    outcome: ImportOutcome | None = None
    duplicate_of: _Slot | None = None  # same text as an earlier slot of this run
    document_id: int | None = None


class _BulkImporter:
    def __init__(self, project: Project, batch_size: int, on_outcome: OutcomeCallback | None):
        self.project = project
        self.batch_size = max(1, batch_size)
        self.on_outcome = on_outcome
        self.hashes = project.document_hashes()
        self.run_hashes: dict[str, _Slot] = {}
        self.pending: list[_Slot] = []
        self.result = BulkResult()

    def add_file(self, path: Path | ImportOutcome) -> None:
        read = path if isinstance(path, ImportOutcome) else read_file(path)
        if isinstance(read, ImportOutcome):
            self.pending.append(_Slot(read.path, outcome=read))
        elif isinstance(path, Path):  # always, when read_file gave documents
            self._add_documents(path, read)
        if sum(1 for s in self.pending if s.document is not None) >= self.batch_size:
            self.flush()

    def _add_documents(self, path: Path, read: list[ImportedDocument]) -> None:
        if any(_annotated(item) for item in read) or skipped_files(read):
            self.flush()  # annotated files take the one path that stores annotations
            for outcome in skipped_files(read):
                self._emit(outcome)
            for item in read:
                self._emit(import_document(self.project, path, item))
            self.hashes = self.project.document_hashes()
        else:
            for item in read:
                self._add_document(path, item.document)

    def _add_document(self, path: Path, doc: NewDocument) -> None:
        invalid = invalid_text(path, doc.styled.text)
        if invalid is not None:
            self.pending.append(_Slot(path, outcome=invalid))
            return
        sha = text_sha256(doc.styled.text)
        existing = self.hashes.get(sha)
        if existing is not None:
            message = f"{path.name}: same text as document {existing}, skipped"
            outcome = ImportOutcome(path, "duplicate", message, existing, doc.title)
            self.pending.append(_Slot(path, outcome=outcome))
        elif sha in self.run_hashes:
            self.pending.append(_Slot(path, doc, duplicate_of=self.run_hashes[sha]))
        else:
            slot = _Slot(path, doc)
            self.run_hashes[sha] = slot
            self.pending.append(slot)

    def flush(self) -> None:
        to_store = [s for s in self.pending if s.document is not None and s.duplicate_of is None]
        try:
            ids = self.project.add_documents([s.document for s in to_store])  # type: ignore[misc]
            for slot, doc_id in zip(to_store, ids, strict=True):
                slot.document_id = doc_id
        except Exception:  # e.g. ProjectError, RecursionError (deep meta), sqlite3.Error
            for slot in to_store:  # find the one that fails; store the others
                self._store_one(slot)
        for slot in self.pending:
            self._emit(self._outcome(slot))
        for slot in to_store:
            if slot.document_id is not None and slot.document is not None:
                self.hashes[text_sha256(slot.document.styled.text)] = slot.document_id
        self.pending = []
        self.run_hashes = {}

    def _store_one(self, slot: _Slot) -> None:
        assert slot.document is not None
        try:
            slot.document_id = self.project.add_document(slot.document)
        except (ProjectError, ValueError) as exc:
            slot.outcome = ImportOutcome(slot.path, "error", f"{slot.path.name}: {exc}")
        except Exception as exc:  # one file's failure is that file's message
            slot.outcome = failure(slot.path, "cannot be stored", exc)

    def _outcome(self, slot: _Slot) -> ImportOutcome:
        if slot.outcome is not None:
            return slot.outcome
        assert slot.document is not None
        title = slot.document.title
        if slot.duplicate_of is not None:
            first = slot.duplicate_of.document_id
            message = f"{slot.path.name}: same text as document {first}, skipped"
            return ImportOutcome(slot.path, "duplicate", message, first, title)
        doc_id = slot.document_id
        return ImportOutcome(slot.path, "imported", f"{doc_id}\t{title}", doc_id, title)

    def _emit(self, outcome: ImportOutcome) -> None:
        self.result.outcomes.append(outcome)
        if self.on_outcome is not None:
            self.on_outcome(outcome)


def _annotated(item: ImportedDocument) -> bool:
    """Whether the item brings more than a text (annotations, suggestions, warnings to show)."""
    return bool(item.spans or item.relations or item.suggestions or item.warnings)


def import_bulk(
    project: Project,
    paths: Iterable[Path],
    *,
    batch_size: int = BATCH_SIZE,
    on_outcome: OutcomeCallback | None = None,
    on_progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
) -> BulkResult:
    """Import files and folders (walked recursively) in batches; see the module notes."""
    files = list(expand_paths(paths))
    importer = _BulkImporter(project, batch_size, on_outcome)
    for index, path in enumerate(files):
        if should_cancel is not None and should_cancel():
            importer.result.cancelled = True
            break
        importer.add_file(path)
        importer.result.files = index + 1
        if on_progress is not None:
            on_progress(index + 1, len(files))
    importer.flush()
    log_import_summary(project, importer.result.outcomes)
    return importer.result
