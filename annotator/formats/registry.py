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

from annotator.core.export_document import ExportSource
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
    label_studio_read,
    network,
    parquet,
    plain_text,
    prodigy,
    prodigy_read,
    sniffing,
    spacy_docbin,
    w3c,
)
from annotator.formats.model import ExportOptions, ExportSummary, ImportedDocument

Reader = Callable[[Path], list[ImportedDocument]]
Writer = Callable[[ExportSource, Path, ExportOptions], ExportSummary]


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
# it names -- attributes, notes, fragments, relations, authors, metadata, actor links -- is in the
# exported file, and that every kind it does not name is counted in the export summary); ``loses``
# says what is not kept, and what an import reports per file. README's format table is made from
# both.
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
        "fragments, span authors, relations, actor links (each span's registry actor: id, "
        "canonical name, type, external id; on import matched by name or alias, or created, "
        "and linked)",
        loses="relation authors, registry actors no exported span names, actors' aliases, "
        "descriptions and colours (all counted on export: `annotator actors export` writes the "
        "registry), times of creation and change, the imported file's original bytes",
        sniff=sniffing.is_native_jsonl,
    ),
    Format(
        "parquet", "Parquet (one row per document)", (".parquet",), writer=parquet.write_parquet,
        keeps=f"text, title, metadata (JSON), {_SPANS} as a list of structs with attributes "
        "(JSON), notes, fragments, span authors, actor links (canonical name, id); relations "
        "as a list of structs; the split column (--split); read by datasets, DuckDB, Spark; "
        "needs pyarrow (annotator[parquet])",
        loses="styles, relation authors, registry actors no exported span names, actors' "
        "aliases, descriptions and colours (all counted; export only)",
    ),
    Format(
        "prodigy", "spaCy/Prodigy JSONL", (".jsonl",), prodigy_read.read_prodigy,
        prodigy.write_prodigy,
        keeps=f"text, title and metadata (in meta), {_SPANS}, tokens (token_end inclusive), "
        "relations; attributes, notes, fragments, authors and actor links (the span's registry "
        "actor, as in JSONL) as extra span keys; on import: "
        "accepted spans merged per text (authors from _annotator_id/_session_id), rejected and "
        "ignored spans as rejected suggestions (counted)",
        loses="styles, suggestions; spans are whole tokens (tokens are cut at span "
        "boundaries); on import: the meta of records repeating a text, Prodigy's hashes and "
        "tokens (rebuilt on export)",
        sniff=sniffing.is_prodigy,
    ),
    Format(
        "spacy", "spaCy DocBin", (".spacy",), spacy_docbin.read_docbin, spacy_docbin.write_docbin,
        keeps=f"text, tokens, all {_SPANS} in doc.spans['sc'], non-overlapping ones in "
        "doc.ents; title, metadata, attributes, notes, fragments, relations, actor links (as in "
        "JSONL) in doc.user_data; on "
        "import: doc.ents and "
        "every span group (once each, group in the span_group attribute), user_data title/meta, "
        "cats, tokens, sentences",
        loses="span authors (counted), styles (needs spaCy installed); on import: token tags, "
        "lemmas, dependencies, "
        "span ids (counted)",
    ),
    Format(
        "doccano", "doccano JSONL", (".jsonl", ".json"), doccano.read_doccano,
        doccano.write_doccano,
        keeps=f"text, {_SPANS} as [start, end, label], notes as document Comments; on import: "
        "meta and other record keys (as the document's meta), pretty-printed JSON arrays",
        loses="attributes, relations, fragments (whole extent written), span authors, actor "
        "links, document metadata (each counted), styles",
        sniff=sniffing.is_doccano,
    ),
    Format(
        "doccano-rel", "doccano JSONL with relations", (".jsonl",), doccano.read_doccano,
        doccano.write_doccano_relations,
        keeps=f"text, {_SPANS} as entities with ids, relations, notes as document Comments",
        loses="attributes, fragments (whole extent written), span authors, actor links, document "
        "metadata (each counted), styles",
        sniff=sniffing.is_doccano,
    ),
    Format(
        "label-studio", "Label Studio JSON", (".json",), label_studio_read.read_label_studio,
        label_studio.write_label_studio,
        keeps=f"text, title and metadata (in data), {_SPANS}, relations, attributes (per-region "
        "choices), notes (textarea), "
        "authors (one annotation per completed_by); on import: every annotation, one span per "
        "label, predictions as open suggestions (counted)",
        loses="fragments (written as the extent), actor links (counted), styles, suggestions, "
        "authors of spans linked to another author's span (counted); on import: cancelled "
        "annotations, relations to missing regions, results of other types (counted)",
    ),
    Format(
        "brat", "brat standoff (folder)", (".ann",), brat_read.read_brat, brat.write_brat,
        keeps=f"text (.txt), {_SPANS}, fragments, attributes (A), notes (#), relations (R), "
        "normalisations (N, as span attributes), actor links (N Annotator:ID "
        "with the canonical name; on import matched by name or alias, or created, and linked; "
        "an Actor span's first other N links it too), annotation.conf from schema and data; on "
        "import: events as trigger spans + role relations, equivalences as relations",
        loses="span authors, document title and metadata, attribute values with spaces, line "
        "breaks in notes, spaces in label names (each counted), styles; on import (counted per "
        "file): attributes and notes of relations",
        folder=True,
    ),
    Format(
        "conll", "CoNLL IOB2", (".conll", ".iob2", ".iob", ".bio"), conll_read.read_conll,
        conll.write_conll,
        keeps="tokens and tags (IOB2, or the imported file's IOB1/IOBES/BILOU), sentences, "
        "documents (-DOCSTART-); an imported file's tokens, columns (POS, chunk) and comments, "
        "written back byte for byte while spans fall on its tokens",
        loses="overlapping spans (policy: longest/first/error), attributes, notes, relations, "
        "fragments, span authors, actor links, document title and metadata (all counted), "
        "exact whitespace",
    ),
    Format(
        "csv", "CSV, one row per annotation", (".csv",), writer=csv_export.write_csv,
        keeps="document, label, start, end, text, attributes (JSON), note, author, actor links "
        "(columns actor: canonical name, actor_id)",
        loses="document text, relations, fragments (whole extent written); counted (export only)",
    ),
    Format(
        "w3c", "W3C Web Annotation JSON-LD", (".jsonld",), writer=w3c.write_w3c,
        keeps="spans as TextPositionSelector + TextQuoteSelector (one target per fragment), "
        "labels, attributes, notes, authors, dates, actor links (an identifying body: canonical "
        "name, id urn:annotator:actor:ID)",
        loses="document text and title; document metadata (the url becomes the target's "
        "source) and relations are counted (export only)",
    ),
    Format(
        "graphml", "Actor–claim network (GraphML)", (".graphml",), writer=network.write_graphml,
        keeps="actors (actor links: a linked span is its registry actor's node, by canonical "
        "name; unlinked spans by their text) and "
        "claim concepts (a Claim's concept, else its document) as nodes with type and mentions; "
        "relations as edges weighted by count, with the claim's stance (Gephi)",
        loses="offsets, text; attributes, notes, fragments, authors, document metadata and "
        "actor links of Claim spans are counted (export only)",
    ),
    Format(
        "network-csv", "Actor–claim network (CSV edge list)", (".csv",),
        writer=network.write_edge_csv,
        keeps="weighted edges source,target,type,weight,stance from relations (actors and "
        "concepts as in graphml; actor links of spans in an edge)",
        loses="offsets, text; unconnected spans (and their actor links), attributes, notes, "
        "fragments, authors and document metadata are counted (export only)",
    ),
    Format(
        "graphml-congruence", "Actor congruence network (GraphML)", (".graphml",),
        writer=network.write_congruence,
        keeps="actors as in graphml (actor links of claimants); an undirected tie per pair of "
        "claimants with the same "
        "stance on a concept, weighted by the number of such concepts",
        loses="offsets, text, claims without a stance, relations other than claimant, "
        "other spans and their actor links, attributes, notes, fragments, authors and document "
        "metadata (counted; export only)",
    ),
    Format(
        "graphml-conflict", "Actor conflict network (GraphML)", (".graphml",),
        writer=network.write_conflict,
        keeps="actors as in graphml (actor links of claimants); an undirected tie per pair of "
        "claimants where one supports "
        "and the other opposes a concept, weighted by the number of such concepts",
        loses="offsets, text, claims without a stance, relations other than claimant, "
        "other spans and their actor links, attributes, notes, fragments, authors and document "
        "metadata (counted; export only)",
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
        unsniffed = [f for f in candidates if f.sniff is None]  # e.g. Label Studio for .json
        return unsniffed[0] if unsniffed else candidates[0]
    return candidates[0] if candidates else None


def folder_suffixes() -> tuple[str, ...]:
    """Suffixes of the files a folder import picks up (documents; datasets only when named)."""
    return tuple(s for f in FORMATS if f.reader is not None and f.in_folders for s in f.suffixes)


def export_formats() -> list[Format]:
    return [f for f in FORMATS if f.writer is not None]


def import_formats() -> list[Format]:
    return [f for f in FORMATS if f.reader is not None]
