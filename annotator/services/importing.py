"""Import files and folders into a project, one document (one transaction) at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.document import text_sha256
from annotator.formats.model import FormatError
from annotator.formats.registry import import_formats, reader_for
from annotator.store import Project, ProjectError


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    path: Path
    status: str  # "imported", "duplicate" or "error"
    message: str
    document_id: int | None = None
    title: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "error"


def supported_suffixes() -> tuple[str, ...]:
    return tuple(s for fmt in import_formats() for s in fmt.suffixes)


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders walked recursively for files with a supported suffix."""
    suffixes = supported_suffixes()
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
        else:
            yield path


def import_file(project: Project, path: Path) -> list[ImportOutcome]:
    if not path.exists():  # before the type check: "missing" beats "unknown type" for "notes"
        return [ImportOutcome(path, "error", f"{path}: no such file")]
    fmt = reader_for(path)
    if fmt is None or fmt.reader is None:
        known = ", ".join(supported_suffixes())
        return [ImportOutcome(path, "error", f"{path.name}: unknown file type (known: {known})")]
    try:
        imported = fmt.reader(path)
    except FileNotFoundError:
        return [ImportOutcome(path, "error", f"{path}: no such file")]
    except OSError as exc:
        return [ImportOutcome(path, "error", f"{path}: cannot be read ({exc.strerror})")]
    except FormatError as exc:
        return [ImportOutcome(path, "error", str(exc))]
    outcomes = []
    for item in imported:
        doc = item.document
        existing = project.find_document_by_sha256(text_sha256(doc.styled.text))
        if existing is not None:
            outcomes.append(
                ImportOutcome(
                    path,
                    "duplicate",
                    f"{path.name}: same text as document {existing}, skipped",
                    existing,
                    doc.title,
                )
            )
            continue
        try:
            doc_id = project.add_document(doc)
            for span in item.spans:
                project.add_annotation(doc_id, span.start, span.end, span.label)
        except (ProjectError, ValueError) as exc:
            outcomes.append(ImportOutcome(path, "error", f"{path.name}: {exc}"))
            continue
        outcomes.append(
            ImportOutcome(path, "imported", f"{doc_id}\t{doc.title}", doc_id, doc.title)
        )
    return outcomes


def import_paths(
    project: Project,
    paths: Iterable[Path],
    on_outcome: Callable[[ImportOutcome], None] | None = None,
) -> list[ImportOutcome]:
    outcomes: list[ImportOutcome] = []
    for path in expand_paths(paths):
        for outcome in import_file(project, path):
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return outcomes
