"""The one registry of formats (D6): the CLI and the GUI's dialogs are built from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.formats import jsonl, plain_text
from annotator.formats.model import ExportOptions, ExportSummary, ImportedDocument
from annotator.store import Project

Reader = Callable[[Path], list[ImportedDocument]]
Writer = Callable[[Project, Path, ExportOptions], ExportSummary]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    title: str
    suffixes: tuple[str, ...]
    reader: Reader | None = None
    writer: Writer | None = None
    keeps: str = ""
    loses: str = ""


FORMATS: tuple[Format, ...] = (
    Format(
        "text",
        "Plain text",
        (".txt",),
        reader=plain_text.read_text,
        keeps="text (lines reflowed into paragraphs; original bytes kept in the project)",
        loses="annotations (plain text has none)",
    ),
    Format(
        "markdown",
        "Markdown",
        (".md", ".markdown"),
        reader=plain_text.read_markdown,
        keeps="rendered text, headings, emphasis, links, lists (original kept in the project)",
        loses="annotations (Markdown has none)",
    ),
    Format(
        "jsonl",
        "Annotator JSONL",
        (".jsonl",),
        writer=jsonl.write_jsonl,
        keeps="text, title, metadata, spans with labels and ids",
        loses="styles (headings, emphasis)",
    ),
)


def get_format(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def reader_for(path: Path) -> Format | None:
    suffix = path.suffix.lower()
    for fmt in FORMATS:
        if fmt.reader is not None and suffix in fmt.suffixes:
            return fmt
    return None


def export_formats() -> list[Format]:
    return [f for f in FORMATS if f.writer is not None]


def import_formats() -> list[Format]:
    return [f for f in FORMATS if f.reader is not None]
