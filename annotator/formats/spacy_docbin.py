"""spaCy ``DocBin`` (``.spacy``): one ``Doc`` per document, tokens as in Prodigy JSONL.

All spans are in ``doc.spans["sc"]`` (the span categorizer's default key); the longest
non-overlapping ones are also ``doc.ents``. Title, metadata, span attributes, notes, fragments
and relations go into ``doc.user_data["annotator"]``, so our own reader takes back everything.
spaCy is needed only for this format (``pip install spacy``); it is imported when used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.core.plural import plural, verb
from annotator.core.spans import Annotation
from annotator.formats.export_view import DocumentView, iter_views
from annotator.formats.files import atomic_binary
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    optional_span_fields,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.safe_read import DATASET_MAX_BYTES, read_capped
from annotator.formats.tokens import spacy_words
from annotator.store import Project

SPANS_KEY = "sc"
USER_KEY = "annotator"


def _spacy() -> Any:
    try:
        import spacy  # an optional dependency, needed only for this format
    except ImportError:
        raise FormatError("The spaCy format needs spaCy: pip install spacy") from None
    return spacy


def make_doc(vocab: Any, view: DocumentView, summary: ExportSummary) -> Any:
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    words, spaces = spacy_words(
        view.text, {a.start for a in view.spans}, {a.end for a in view.spans}
    )
    doc = Doc(vocab, words=[w.text for w in words], spaces=spaces)
    assert doc.text == view.text, "tokens must tile the text"
    spans = [doc.char_span(a.start, a.end, label=a.label) for a in view.spans]
    if any(s is None for s in spans):  # cannot happen: tokens are cut at every span boundary
        raise FormatError(f"{view.document.title}: a span does not fall on token boundaries.")
    doc.spans[SPANS_KEY] = spans
    ents = filter_spans(spans)
    if len(ents) < len(spans):
        summary.warnings.append(
            f"{view.document.title}: {plural(len(spans) - len(ents), 'overlapping span')}"
            f" {verb(len(spans) - len(ents), 'is', 'are')} in "
            f"doc.spans[{SPANS_KEY!r}] but not in doc.ents."
        )
    doc.ents = sorted(ents, key=lambda s: s.start)
    doc.user_data[USER_KEY] = _extras(view)
    return doc


def _extras(view: DocumentView) -> dict[str, Any]:
    index = {a.id: i for i, a in enumerate(view.spans)}
    return {
        "id": view.document.id,
        "title": view.document.title,
        "meta": view.document.meta,
        "spans": [_span_extras(a) for a in view.spans],
        "relations": [[r.type, index[r.source_id], index[r.target_id]] for r in view.relations],
    }


def _span_extras(ann: Annotation) -> dict[str, Any]:
    return {"id": ann.id, **optional_span_fields(ann)}


def write_docbin(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    spacy = _spacy()
    from spacy.tokens import DocBin

    vocab = spacy.vocab.Vocab()
    summary = ExportSummary()
    docbin = DocBin(store_user_data=True)
    for view in iter_views(project, options, summary):
        docbin.add(make_doc(vocab, view, summary))
        summary.documents += 1
        summary.spans += len(view.spans)
    with atomic_binary(output) as fh:
        fh.write(docbin.to_bytes())
    return summary


# ------------------------------------------------------------------------------------ reading
def read_docbin(path: Path) -> list[ImportedDocument]:
    spacy = _spacy()
    from spacy.tokens import DocBin

    data = read_capped(path, DATASET_MAX_BYTES)
    try:
        docs = list(DocBin().from_bytes(data).get_docs(spacy.vocab.Vocab()))
    except Exception as exc:  # spaCy raises many kinds on a broken file
        raise FormatError(f"{path.name}: not a spaCy DocBin ({exc}).") from None
    return [_document(path, number, doc) for number, doc in enumerate(docs, start=1)]


def _document(path: Path, number: int, doc: Any) -> ImportedDocument:
    where = f"{path.name}, doc {number}"
    extras = doc.user_data.get(USER_KEY) or {}
    group = list(doc.spans[SPANS_KEY]) if SPANS_KEY in doc.spans else list(doc.ents)
    span_extras = extras.get("spans") or []
    if len(span_extras) != len(group):
        span_extras = [{} for _ in group]
    spans = []
    for i, (span, more) in enumerate(zip(group, span_extras, strict=True)):
        fragments = more.get("fragments")
        imported = ImportedSpan(
            span.start_char,
            span.end_char,
            span.label_,
            attributes=dict(more.get("attributes") or {}),
            note=str(more.get("note") or ""),
            fragments=tuple((int(a), int(b)) for a, b in fragments) if fragments else None,
            id=f"s{i}",
        )
        spans.append(checked_span(where, doc.text, imported, span.text))
    relations = [
        ImportedRelation(str(t), f"s{s}", f"s{o}") for t, s, o in extras.get("relations") or []
    ]
    title = str(extras.get("title") or f"{path.stem} {number}")
    meta = dict(extras.get("meta") or {"source_file": path.name})
    document = new_document(path, doc.text, title=title, meta=meta, renderer="spacy")
    return ImportedDocument(document, spans, relations)
