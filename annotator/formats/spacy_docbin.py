"""spaCy ``DocBin`` (``.spacy``): one ``Doc`` per document, tokens as in Prodigy JSONL.

Writing: all spans are in ``doc.spans["sc"]`` (the span categorizer's default key); the longest
non-overlapping ones are also ``doc.ents``. Title, metadata, span attributes, notes, fragments
and relations go into ``doc.user_data["annotator"]``, so our own reader takes back everything.

Reading a DocBin made elsewhere (``spacy convert``, a pipeline's output): ``doc.ents`` and every
span group become spans; a span found in several of them (same start, end and label) is imported
once, and its ``span_group`` attribute names its sources, ``ents`` for ``doc.ents`` (``"ents+sc"``).
``user_data`` "title" and "meta" become the title and meta, other JSON values go to meta
"user_data", ``doc._`` extension values to "extensions", ``doc.cats`` to "cats"; tokens and
sentences are kept as the document's token layer (:class:`~annotator.formats.tokens.TokenLayer`,
which the CoNLL export writes back). Token tags, lemmas, dependencies, morphology, span ids and
labelless spans are not kept, and are counted in the document's warnings.
spaCy is needed only for this format (``pip install spacy``); it is imported when used.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from annotator.core.actors import Actor
from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.plural import plural, verb
from annotator.core.spans import Annotation
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_binary
from annotator.formats.model import (
    ExportOptions,
    ExportSummary,
    FormatError,
    ImportedActor,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
    actor_fields,
    imported_actor,
    optional_span_fields,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.safe_read import DATASET_MAX_BYTES, read_capped
from annotator.formats.tokens import LAYER_KEY, TokenLayer, spacy_words

SPANS_KEY = "sc"
USER_KEY = "annotator"


def _spacy() -> Any:
    try:
        import spacy  # an optional dependency, needed only for this format
    except ImportError:
        raise FormatError("The spaCy format needs spaCy: pip install spacy") from None
    return spacy


def make_doc(
    vocab: Any, view: DocumentView, summary: ExportSummary, source: ExportSource | None = None
) -> Any:
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    words, spaces = spacy_words(
        view.text, {a.start for a in view.spans}, {a.end for a in view.spans}
    )
    doc = Doc(vocab, words=[w.text for w in words], spaces=spaces)
    assert doc.text == view.text, "tokens must tile the text"
    found = [doc.char_span(a.start, a.end, label=a.label) for a in view.spans]
    spans = [s for s in found if s is not None]
    if len(spans) < len(found):  # cannot happen: tokens are cut at every span boundary
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
    doc.user_data[USER_KEY] = _extras(view, source)
    return doc


def _extras(view: DocumentView, source: ExportSource | None) -> dict[str, Any]:
    index = {a.id: i for i, a in enumerate(view.spans)}
    return {
        "id": view.document.id,
        "title": view.document.title,
        "meta": view.document.meta,
        "spans": [_span_extras(a, source.actor_of(a) if source else None) for a in view.spans],
        "relations": [[r.type, index[r.source_id], index[r.target_id]] for r in view.relations],
    }


def _span_extras(ann: Annotation, actor: Actor | None) -> dict[str, Any]:
    extras = {"id": ann.id, **optional_span_fields(ann)}
    if actor is not None:
        extras["actor"] = actor_fields(actor)
    return extras


def write_docbin(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    spacy = _spacy()
    from spacy.tokens import DocBin

    vocab = spacy.vocab.Vocab()
    summary = ExportSummary()
    docbin = DocBin(store_user_data=True)
    for view in iter_views(source, options, summary):
        docbin.add(make_doc(vocab, view, summary, source))
        count_unwritten(summary, view, ("author",), "spaCy spans have no author")
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
    extras = doc.user_data.get(USER_KEY)
    if isinstance(extras, dict) and SPANS_KEY in doc.spans:
        return _own_document(path, number, doc, extras)
    return foreign_document(path, number, doc)


def _actor(where: str, index: int, record: Any) -> ImportedActor | None:
    try:
        return imported_actor(record)
    except ValueError as exc:
        raise FormatError(f"{where}: span {index} is malformed ({exc}).") from None


def _own_document(path: Path, number: int, doc: Any, extras: dict[str, Any]) -> ImportedDocument:
    """A Doc our writer made: every span in doc.spans["sc"], the rest in user_data."""
    where = f"{path.name}, doc {number}"
    group = list(doc.spans[SPANS_KEY])
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
            actor=_actor(where, i, more.get("actor")),
        )
        spans.append(checked_span(where, doc.text, imported, span.text))
    relations = [
        ImportedRelation(str(t), f"s{s}", f"s{o}") for t, s, o in extras.get("relations") or []
    ]
    title = str(extras.get("title") or f"{path.stem} {number}")
    meta = dict(extras.get("meta") or {"source_file": path.name})
    document = new_document(path, doc.text, title=title, meta=meta, renderer="spacy")
    return ImportedDocument(document, spans, relations)


# ------------------------------------------------------------- a DocBin made by anyone else
ENTS = "ents"  # the source name of doc.ents in a span's GROUP_ATTRIBUTE
GROUP_ATTRIBUTE = "span_group"  # where each span came from: "ents", "sc", "ents+sc" …
_TOKEN_ATTRS = (("TAG", "tag_", "tags"), ("POS", "pos_", "POS tags"), ("LEMMA", "lemma_", "lemmas"),
                ("DEP", "dep_", "dependencies"), ("MORPH", "morph", "morphology"))  # fmt: skip


def foreign_document(path: Path, number: int, doc: Any) -> ImportedDocument:
    """doc.ents and every span group, one span per (start, end, label) with its sources in
    the ``span_group`` attribute; user_data title/meta, cats, tokens and sentences in meta."""
    where = f"{path.name}, doc {number}"
    sources: dict[tuple[int, int, str], list[str]] = {}
    lost: Counter[str] = Counter()
    merged: Counter[str] = Counter()  # the same span twice in one group
    groups = [(ENTS, list(doc.ents)), *((name, list(g)) for name, g in doc.spans.items())]
    for name, group in groups:
        for span in group:
            if not span.label_:
                lost["spans without a label"] += 1
                continue
            if span.kb_id_ or span.id_:
                lost["knowledge-base ids and span ids"] += 1
            found = sources.setdefault((span.start_char, span.end_char, span.label_), [])
            if name in found:
                merged[name] += 1
            else:
                found.append(name)
    spans = [
        checked_span(
            where,
            doc.text,
            ImportedSpan(s, e, label, {GROUP_ATTRIBUTE: "+".join(names)}, id=f"s{i}"),
            None,
        )
        for i, ((s, e, label), names) in enumerate(sorted(sources.items()))
    ]
    title, meta = _user_data(path, number, doc, lost)
    lost.update(_token_attributes(doc))
    warnings = [f"{where}: not kept: {what} ({n})" for what, n in sorted(lost.items())]
    warnings += [
        f"{where}: {plural(n, 'duplicate span')} in {name} imported once"
        for name, n in sorted(merged.items())
    ]
    document = new_document(path, doc.text, title=title, meta=meta, renderer="spacy")
    return ImportedDocument(document, spans, warnings=warnings)


def _user_data(path: Path, number: int, doc: Any, lost: Counter[str]) -> tuple[str, dict[str, Any]]:
    """The title and meta: user_data "title" and "meta", other JSON values under
    "user_data", doc._ extension values under "extensions", doc.cats under "cats"."""
    data = doc.user_data
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    meta: dict[str, Any] = dict(data["meta"]) if isinstance(data.get("meta"), dict) else {}
    meta.setdefault("source_file", path.name)
    for key, value in data.items():
        if key in ("title", "meta"):
            continue
        if isinstance(key, tuple) and len(key) == 4 and key[0] == "._." and key[2] is None:
            _keep(meta.setdefault("extensions", {}), str(key[1]), value, lost)
        elif isinstance(key, str):
            _keep(meta.setdefault("user_data", {}), key, value, lost)
        else:
            lost["token and span extension values (doc.user_data)"] += 1
    if doc.cats:
        meta["cats"] = dict(doc.cats)
    meta[LAYER_KEY] = _layer(doc).to_meta()
    return title or f"{path.stem} {number}", {k: v for k, v in meta.items() if v != {}}


def _keep(target: dict[str, Any], key: str, value: Any, lost: Counter[str]) -> None:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        lost["user_data values that are not JSON"] += 1
        return
    target[key] = value


def _layer(doc: Any) -> TokenLayer:
    """The Doc's non-space tokens, and its sentences when it has them."""
    index: dict[int, int] = {}  # spaCy token index -> index among the kept tokens
    offsets: list[tuple[int, int]] = []
    for token in doc:
        index[token.i] = len(offsets)
        if not token.is_space:
            offsets.append((token.idx, token.idx + len(token.text)))
    starts: list[int] = [0]
    if doc.has_annotation("SENT_START"):
        starts = sorted(({index[s.start] for s in doc.sents} | {0}) - {len(offsets)})
    return TokenLayer(tuple(offsets), tuple(starts))


def _token_attributes(doc: Any) -> Counter[str]:
    lost: Counter[str] = Counter()
    for annotation, attr, what in _TOKEN_ATTRS:
        if doc.has_annotation(annotation):
            lost[f"token {what}"] = sum(1 for t in doc if str(getattr(t, attr)))
    if doc.has_annotation("HEAD") and not doc.has_annotation("DEP"):
        lost["token heads"] = len(doc)
    return +lost
