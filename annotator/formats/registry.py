"""The one registry of formats (D6): the CLI and the GUI's dialogs are built from it.

Each format has a name (what ``--format`` takes), suffixes, a reader and/or a writer, and what it
keeps and loses. Formats that share a suffix (``.jsonl``) are told apart by ``sniff``, which
looks at the first record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from annotator.formats import (
    brat,
    brat_read,
    conll,
    conll_read,
    csv_export,
    doccano,
    docx,
    html,
    jsonl,
    label_studio,
    network,
    plain_text,
    prodigy,
    sniffing,
    spacy_docbin,
    w3c,
)
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
    sniff: Callable[[Path], bool] | None = None
    folder: bool = False  # the export is a folder, not a file
    in_folders: bool = False  # picked up when a folder is imported (articles, not datasets)

    @property
    def file_filter(self) -> str:
        """A Qt file-dialog filter, e.g. ``Annotator JSONL (*.jsonl)``."""
        return f"{self.title} ({' '.join('*' + s for s in self.suffixes)})"


_SPANS = "spans (labels, code-point offsets)"
# ``keeps`` names what a format holds (tests/formats/test_registry_truth.py checks that every kind
# it names -- attributes, notes, fragments, relations, authors, metadata -- is in the exported
# file, and that every kind it does not name is counted in the export summary); ``loses`` says
# what is not kept, and what an import reports per file. README's format table is made from both.
FORMATS: tuple[Format, ...] = (
    Format(
        "text", "Plain text", (".txt",), reader=plain_text.read_text,
        keeps="text (lines joined into paragraphs), title, byline source and date as metadata, "
        "boilerplate marked; the file's bytes are kept in the project",
        loses="nothing it has (plain text holds no annotations)", in_folders=True,
    ),
    Format(
        "markdown", "Markdown", (".md", ".markdown"), reader=plain_text.read_markdown,
        keeps="rendered text, headings, emphasis, links, lists, title; the file's bytes are kept "
        "in the project",
        loses="nothing it has (Markdown holds no annotations); a file nested too deep is read as "
        "plain text, and the import says so",
        in_folders=True,
    ),
    Format(
        "html", "HTML page", (".html", ".htm"), reader=html.read_html,
        keeps="article text, headings, emphasis, links (never loaded), page metadata",
        loses="page chrome (navigation, scripts, styles; images become their alt text)",
        in_folders=True,
    ),
    Format(
        "docx", "Word document", (".docx",), reader=docx.read_docx,
        keeps="paragraphs, headings, lists, tables (tab-separated rows), bold/italic, links, "
        "title/author/language/tags from the core properties",
        loses="images, comments, tracked changes, page layout", in_folders=True,
    ),
    Format(
        "jsonl", "Annotator JSONL", (".jsonl",), jsonl.read_jsonl, jsonl.write_jsonl,
        keeps=f"everything: text, title, metadata, styles, {_SPANS}, attributes, notes, "
        "fragments, span authors, relations",
        loses="relation authors (counted on export), times of creation and change, the "
        "imported file's original bytes",
        sniff=sniffing.is_native_jsonl,
    ),
    Format(
        "prodigy", "spaCy/Prodigy JSONL", (".jsonl",), prodigy.read_prodigy, prodigy.write_prodigy,
        keeps=f"text, title and metadata (in meta), {_SPANS} with tokens (token_end inclusive), "
        "relations; attributes, notes and fragments as extra span keys",
        loses="span authors, styles; spans are whole tokens (tokens are cut at span boundaries); "
        "on import: only accepted answers become spans, rejected and ignored ones are kept as "
        "suggestions (never exported) and counted per file; records with the same _input_hash "
        "are one document",
        sniff=sniffing.is_prodigy,
    ),
    Format(
        "spacy", "spaCy DocBin", (".spacy",), spacy_docbin.read_docbin, spacy_docbin.write_docbin,
        keeps=f"text, tokens, {_SPANS} (all in doc.spans['sc'], non-overlapping ones in "
        "doc.ents); title, metadata, attributes, notes, fragments, relations in doc.user_data",
        loses="span authors, styles (needs spaCy installed); on import: doc.ents and every span "
        "group are read, with the group's name, duplicates merged",
    ),
    Format(
        "doccano", "doccano JSONL", (".jsonl",), doccano.read_doccano, doccano.write_doccano,
        keeps=f"text, title, {_SPANS} as [start, end, label], notes as Comments",
        loses="attributes, fragments (the whole extent is written), relations (use doccano-rel), "
        "span authors, document metadata, styles: each counted on export; on import: meta is "
        "kept as document metadata, a JSON array or pretty-printed JSON is read and said so",
        sniff=sniffing.is_doccano,
    ),
    Format(
        "doccano-rel", "doccano JSONL with relations", (".jsonl",), doccano.read_doccano,
        doccano.write_doccano_relations,
        keeps=f"text, title, {_SPANS} as entities with ids, relations, notes as Comments",
        loses="attributes, fragments (the whole extent is written), span authors, document "
        "metadata, styles: each counted on export",
        sniff=sniffing.is_doccano,
    ),
    Format(
        "label-studio", "Label Studio JSON", (".json",), label_studio.read_label_studio,
        label_studio.write_label_studio,
        keeps=f"text, title and metadata (in data), {_SPANS}, relations, attributes (per-region "
        "choices), notes (per-region textarea)",
        loses="fragments (the extent is written; counted), span authors, styles; on import: every "
        "annotation of a task, each with its annotator; cancelled ones, relations to missing "
        "regions and predictions (kept as suggestions) are counted per file",
    ),
    Format(
        "brat", "brat standoff (folder)", (".ann",), brat_read.read_brat, brat.write_brat,
        keeps=f"text (.txt), {_SPANS}, fragments, attributes (A), notes (#), relations (R), "
        "annotation.conf from the schema and the data",
        loses="span authors, document title and metadata, styles; attribute values with spaces "
        "and line breaks in notes (counted); on import: normalisations become attributes, events "
        "their trigger spans and relations, equivalences relations; what is left is counted "
        "per file, and a bad .ann is named with its cause while the others are imported",
        folder=True,
    ),
    Format(
        "conll", "CoNLL IOB2", (".conll", ".iob2", ".iob", ".bio"), conll_read.read_conll,
        conll.write_conll,
        keeps="tokens and IOB tags, extra columns (POS, chunk), sentences, documents "
        "(-DOCSTART-); CoNLL-2003 files are written back byte for byte",
        loses="overlapping spans (policy: longest/first/error), attributes, notes, relations, "
        "fragments, span authors, document title and metadata, exact whitespace: each counted "
        "on export",
    ),
    Format(
        "csv", "CSV, one row per annotation", (".csv",), writer=csv_export.write_csv,
        keeps="document id and title, label, start, end, text, attributes (JSON), note, author",
        loses="document text and metadata, relations, fragments (the whole extent is written): "
        "counted (export only)",
    ),
    Format(
        "w3c", "W3C Web Annotation JSON-LD", (".jsonld",), writer=w3c.write_w3c,
        keeps="spans as TextPositionSelector + TextQuoteSelector (one target per fragment), "
        "labels, attributes, notes, authors, dates",
        loses="document text and title; document metadata (the url becomes the target's "
        "source) and relations are counted (export only)",
    ),
    Format(
        "graphml", "Actor–claim network (GraphML)", (".graphml",), writer=network.write_graphml,
        keeps="actors and claims as nodes, relations as weighted edges (Gephi)",
        loses="offsets, text; attributes, notes, fragments, authors and document metadata are "
        "counted (export only)",
    ),
    Format(
        "network-csv", "Actor–claim network (CSV edge list)", (".csv",),
        writer=network.write_edge_csv,
        keeps="weighted edges source,target,type,weight from relations",
        loses="offsets, text; unconnected spans, attributes, notes, fragments, authors and "
        "document metadata are counted (export only)",
    ),
)  # fmt: skip


def get_format(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    raise KeyError(name)


_FORCED: ContextVar[Format | None] = ContextVar("forced_reader", default=None)


@contextmanager
def forced_reader(name: str | None) -> Iterator[None]:
    """Within the block, read every file (and folder) as the format ``name`` (``--format``)."""
    fmt = get_format(name) if name else None
    if fmt is not None and fmt.reader is None:
        raise KeyError(name)
    token = _FORCED.set(fmt)
    try:
        yield
    finally:
        _FORCED.reset(token)


def reader_for(path: Path) -> Format | None:
    """The format to read ``path`` with: by suffix, by content when a suffix is shared."""
    forced = _FORCED.get()
    if forced is not None:
        return forced if not path.is_dir() or forced.folder else None
    if path.is_dir():
        return get_format("brat") if any(path.glob("*.ann")) else None
    suffix = path.suffix.lower()
    candidates = [f for f in FORMATS if f.reader is not None and suffix in f.suffixes]
    if len(candidates) > 1:
        for fmt in candidates:
            if fmt.sniff is not None and fmt.sniff(path):
                return fmt
    return candidates[0] if candidates else None


def folder_suffixes() -> tuple[str, ...]:
    """Suffixes of the files a folder import picks up (documents; datasets only when named)."""
    return tuple(s for f in FORMATS if f.reader is not None and f.in_folders for s in f.suffixes)


def export_formats() -> list[Format]:
    return [f for f in FORMATS if f.writer is not None]


def import_formats() -> list[Format]:
    return [f for f in FORMATS if f.reader is not None]
