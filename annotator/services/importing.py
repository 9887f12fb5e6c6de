"""Import files and folders into a project, one document (one transaction) at a time."""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.core.decode import UnreadableTextError, find_lone_surrogate
from annotator.core.document import text_sha256
from annotator.formats.model import FormatError, ImportedDocument, ImportedDocuments
from annotator.formats.reading import with_lf_line_ends
from annotator.formats.registry import folder_suffixes, import_formats, reader_for
from annotator.formats.safe_read import not_regular
from annotator.services.annotation_import import store_document
from annotator.services.same_text import add_to_existing
from annotator.store import Project, ProjectError

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    path: Path
    status: str  # "imported", "merged" (annotations added to a same-text document), "duplicate"
    # (same text, nothing added) or "error"
    message: str
    document_id: int | None = None
    title: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "error"


def invalid_text(path: Path, text: str) -> ImportOutcome | None:
    """An error outcome if ``text`` cannot be stored (a lone surrogate is not valid Unicode)."""
    surrogate = find_lone_surrogate(text)
    if surrogate is None:
        return None
    message = (
        f"{path.name}: the text holds a lone surrogate (U+{ord(text[surrogate]):04X}) at"
        f" character {surrogate}, which is not valid Unicode; nothing was imported from it"
    )
    return ImportOutcome(path, "error", message)


def supported_suffixes() -> tuple[str, ...]:
    return tuple(s for fmt in import_formats() for s in fmt.suffixes)


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | ImportOutcome]:
    """Files as given; folders walked recursively for article files, in name order.

    A folder holding ``.ann`` files (brat standoff) is one unit, read by the brat reader, at any
    depth: its ``.txt`` files are not imported again as plain text. A walk never leaves the
    folder through a symlink (refused with a message) and visits each real folder once, so
    ``ln -s . loop`` ends (issue #17, item 9).
    """
    for path in paths:
        if path.is_dir() and reader_for(path) is None:
            root = path.resolve()
            yield from _walk(path, root, folder_suffixes(), set())
        else:
            yield path


def _walk(
    folder: Path, root: Path, suffixes: tuple[str, ...], seen: set[tuple[int, int]]
) -> Iterator[Path | ImportOutcome]:
    try:
        info = folder.stat()
        entries = sorted(folder.iterdir())
    except OSError:
        yield folder  # reported as unreadable by read_file
        return
    if (info.st_dev, info.st_ino) in seen:
        return  # a folder reached again through a link: visited once
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if entry.is_symlink() and not _inside(entry, root):
            if entry.is_dir() or entry.suffix.lower() in suffixes:
                yield _outside(entry, root)
        elif entry.is_dir() and reader_for(entry) is not None:
            yield entry
        elif entry.is_dir():
            yield from _walk(entry, root, suffixes, seen)
        elif entry.is_file() and entry.suffix.lower() in suffixes:
            yield entry


def _inside(entry: Path, root: Path) -> bool:
    try:
        return entry.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def _outside(entry: Path, root: Path) -> ImportOutcome:
    message = (
        f"{entry.name}: a link to {os.readlink(entry)!r}, outside the folder being imported"
        f" ({root.name}); not followed"
    )
    return ImportOutcome(entry, "error", message)


_DEFAULT_AUTHOR: ContextVar[str] = ContextVar("default_author", default="")


@contextmanager
def default_author(name: str) -> Iterator[None]:
    """Within the block, imported spans whose file names no author are ``name``'s
    (``annotator import --author``); a file's own authors are kept."""
    token = _DEFAULT_AUTHOR.set(" ".join(name.split()))
    try:
        yield
    finally:
        _DEFAULT_AUTHOR.reset(token)


def _with_default_author(item: ImportedDocument) -> ImportedDocument:
    name = _DEFAULT_AUTHOR.get()
    if name:
        item.spans = [s if s.author else replace(s, author=name) for s in item.spans]
    return item


def read_file(path: Path) -> list[ImportedDocument] | ImportOutcome:
    """The file's documents, or an error outcome with a message for the user (the one place
    that reads a file for import: single files and bulk runs alike)."""
    if not path.exists():  # before the type check: "missing" beats "unknown type" for "notes"
        return ImportOutcome(path, "error", f"{path}: no such file")
    problem = not_regular(path)  # before sniffing opens it: a FIFO must not hang the import
    if problem and not path.is_dir():
        return ImportOutcome(path, "error", problem)
    fmt = reader_for(path)
    if fmt is None or fmt.reader is None:
        known = ", ".join(supported_suffixes())
        return ImportOutcome(path, "error", f"{path.name}: unknown file type (known: {known})")
    try:
        documents = fmt.reader(path)
        # keeps the reader's list type
        documents[:] = [_with_default_author(with_lf_line_ends(d)) for d in documents]
        return documents
    except FileNotFoundError:
        return ImportOutcome(path, "error", f"{path}: no such file")
    except OSError as exc:
        return ImportOutcome(path, "error", f"{path}: cannot be read ({exc.strerror or exc})")
    except FormatError as exc:
        return ImportOutcome(path, "error", str(exc))
    except UnreadableTextError as exc:  # too large, binary, invalid encoding (core/decode.py)
        return ImportOutcome(path, "error", f"{path.name}: {exc}.")
    except Exception as exc:  # a broken file must not stop an import of many
        return failure(path, f"cannot be read as {fmt.title}", exc)


def failure(path: Path, doing: str, exc: BaseException) -> ImportOutcome:
    """Any per-file failure (RecursionError, MemoryError, sqlite3 errors...) as its message."""
    if isinstance(exc, RecursionError):
        detail = "nested too deep"
    elif isinstance(exc, MemoryError):
        detail = "out of memory"
    else:
        detail = str(exc) or type(exc).__name__
    return ImportOutcome(path, "error", f"{path.name}: {doing} ({detail}); nothing was imported")


def import_file(project: Project, path: Path) -> list[ImportOutcome]:
    imported = read_file(path)
    if isinstance(imported, ImportOutcome):
        return [imported]
    return [*skipped_files(imported), *(import_document(project, path, item) for item in imported)]


def import_document(project: Project, path: Path, item: ImportedDocument) -> ImportOutcome:
    """Store one document with its spans and relations (one transaction), or say why not."""
    doc = item.document
    invalid = invalid_text(path, doc.styled.text)
    if invalid is not None:
        return invalid
    existing = project.find_document_by_sha256(text_sha256(doc.styled.text))
    if existing is not None:
        return same_text(project, path, existing, item)
    try:
        doc_id, warnings = store_document(project, item)
    except (ProjectError, ValueError) as exc:
        return ImportOutcome(path, "error", f"{path.name}: {exc}")
    except Exception as exc:  # one file's failure is that file's message
        return failure(path, "cannot be stored", exc)
    message = "; ".join([f"{doc_id}\t{doc.title}", *item.warnings, *warnings])
    return ImportOutcome(path, "imported", message, doc_id, doc.title)


def skipped_files(imported: list[ImportedDocument]) -> list[ImportOutcome]:
    """An error outcome per file a reader skipped while it read the others (a brat folder)."""
    if not isinstance(imported, ImportedDocuments):
        return []
    return [ImportOutcome(f.path, "error", f.message) for f in imported.failures]


def same_text(project: Project, path: Path, existing: int, item: ImportedDocument) -> ImportOutcome:
    """The outcome of a document whose text the project has: its annotations are added to the
    existing document ("merged"); a file without any is skipped ("duplicate")."""
    title = item.document.title
    if not (item.spans or item.relations):
        message = "; ".join([f"{path.name}: same text as document {existing}, skipped",
                             *item.warnings])  # fmt: skip
        return ImportOutcome(path, "duplicate", message, existing, title)
    where = f"{path.name}: same text as document {existing} '{project.document(existing).title}'"
    try:
        count = add_to_existing(project, existing, item)
    except (ProjectError, ValueError) as exc:
        return ImportOutcome(path, "error", f"{where}: {exc}")
    status = "merged" if count.added else "duplicate"
    message = "; ".join([f"{where}: {count.describe()}", *item.warnings])
    return ImportOutcome(path, status, message, existing, title)


def import_paths(
    project: Project,
    paths: Iterable[Path],
    on_outcome: Callable[[ImportOutcome], None] | None = None,
) -> list[ImportOutcome]:
    outcomes: list[ImportOutcome] = []
    for path in expand_paths(paths):
        found = [path] if isinstance(path, ImportOutcome) else import_file(project, path)
        for outcome in found:
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    log_import_summary(project, outcomes)
    return outcomes


def log_import_summary(project: Project, outcomes: list[ImportOutcome]) -> None:
    counts = Counter(outcome.status for outcome in outcomes)
    said = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing"
    _log.info("import into %s: %s", project.path.name, said)
    for outcome in outcomes:
        if not outcome.ok:
            _log.warning("import of %s failed: %s", outcome.path, outcome.message)
