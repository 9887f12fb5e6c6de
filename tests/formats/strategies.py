"""Hypothesis strategies for round-trip property tests of any format (issue #10).

``documents()`` draws documents as a user's data would have them: texts with emoji, flags, ZWJ
sequences, CJK, Arabic, combining marks and line breaks (CRLF normalised to LF unless asked),
spans with labels, attributes, notes, fragments and authors, and relations between spans. Each
kind can be switched off for a format that cannot hold it (``documents(fragments=False)``).
``store()`` puts drawn documents into a project, ``snapshot()`` reads a project back as
comparable values, so a round-trip test is: store, export, import, compare snapshots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from annotator.core.spans import Annotation
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

ATOMS = (
    "Seoul", "Kim", "said", "talks", "rise", " ", " ", " ", ", ", ".", "\n", "\n\n", "\r\n",
    "😀", "🇰🇷", "🇷🇺", "👨‍👩‍👧", "👍🏽", "北朝鮮", "金正恩", "ロシア", "한국", "قال", "الرئيس",
    "e\u0301", "Zoe\u0308", "n\u0303o", "\u2028", "\t", "'", '"',
)  # fmt: skip
LABELS = ("Claim", "Actor", "Ort", "人物", "Q 😀")
AUTHORS = ("", "alice", "bob", "金")
RELATION_TYPES = ("claimant", "addressee", "target")
ATTRIBUTE_NAMES = ("certainty", "kind", "wikidata")


@dataclass(slots=True)
class GenSpan:
    start: int
    end: int
    label: str
    attributes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    fragments: tuple[tuple[int, int], ...] | None = None
    author: str = ""


@dataclass(slots=True)
class GenDocument:
    title: str
    text: str
    meta: dict[str, Any]
    spans: list[GenSpan]
    relations: list[tuple[str, int, int]]  # (type, index of source span, index of target span)


def texts(*, crlf: bool = False, min_atoms: int = 1, max_atoms: int = 30) -> st.SearchStrategy:
    """Texts of tricky pieces; never blank. CRLF becomes LF unless ``crlf``."""
    pieces = st.lists(st.sampled_from(ATOMS), min_size=min_atoms, max_size=max_atoms)
    text = pieces.map("".join)
    if not crlf:
        text = text.map(lambda t: t.replace("\r\n", "\n"))
    return text.filter(lambda t: t.strip())


def short_texts() -> st.SearchStrategy:
    """Values for notes, attributes and titles: tricky, never blank."""
    return texts(max_atoms=5).map(str.strip).filter(bool)


@st.composite
def spans(draw: st.DrawFn, text: str, *, attributes: bool = True, notes: bool = True,
          fragments: bool = True, authors: bool = True) -> GenSpan:  # fmt: skip
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    span = GenSpan(start, end, draw(st.sampled_from(LABELS)))
    if attributes:
        values = st.one_of(short_texts(), st.booleans())
        span.attributes = draw(st.dictionaries(st.sampled_from(ATTRIBUTE_NAMES), values,
                                                max_size=2))  # fmt: skip
    if notes:
        span.note = draw(st.one_of(st.just(""), short_texts()))
    if fragments and end - start >= 3 and draw(st.booleans()):
        gap_start = draw(st.integers(start + 1, end - 2))
        gap_end = draw(st.integers(gap_start + 1, end - 1))
        span.fragments = ((start, gap_start), (gap_end, end))
    if authors:
        span.author = draw(st.sampled_from(AUTHORS))
    return span


@st.composite
def documents(draw: st.DrawFn, *, crlf: bool = False, max_spans: int = 6,
              relations: bool = True, **span_kinds: bool) -> GenDocument:  # fmt: skip
    """One document; ``span_kinds`` switch attributes/notes/fragments/authors off."""
    text = draw(texts(crlf=crlf))
    drawn = draw(st.lists(spans(text, **span_kinds), max_size=max_spans))
    links: list[tuple[str, int, int]] = []
    if relations and len(drawn) >= 2:
        index = st.integers(0, len(drawn) - 1)
        pairs = st.tuples(st.sampled_from(RELATION_TYPES), index, index)
        pairs = pairs.filter(lambda r: r[1] != r[2])
        links = draw(st.lists(pairs, max_size=3, unique=True))
    meta = draw(st.dictionaries(st.sampled_from(("lang", "source")), short_texts(), max_size=2))
    return GenDocument(draw(short_texts()), text, meta, drawn, links)


def corpora(**kw: Any) -> st.SearchStrategy:
    """1-3 documents with different texts (the same text twice would be one document)."""
    return st.lists(documents(**kw), min_size=1, max_size=3, unique_by=lambda d: d.text)


def store(project: Project, docs: list[GenDocument]) -> None:
    for doc in docs:
        doc_id = project.add_document(
            NewDocument(title=doc.title, styled=StyledText(doc.text, []), meta=dict(doc.meta))
        )
        ids = []
        for s in doc.spans:
            if s.label not in {label.name for label in project.labels()}:
                project.add_label(s.label, "#8dd3c7")
            ann = project.add_annotation(
                doc_id, s.start, s.end, s.label, author=s.author, attributes=s.attributes,
                note=s.note, fragments=s.fragments,
            )  # fmt: skip
            ids.append(ann.id)
        for rtype, source, target in doc.relations:
            project.add_relation(rtype, ids[source], ids[target])


def span_values(ann: Annotation) -> tuple[Any, ...]:
    attributes = repr(sorted(ann.attributes.items()))
    return (ann.start, ann.end, ann.label, ann.text, ann.author, attributes, ann.note,
            ann.fragments)  # fmt: skip


def snapshot(project: Project) -> list[dict[str, Any]]:
    """Each document's title, text, meta, spans and relations as plain values (no ids)."""
    found = []
    for doc_id in project.document_ids():
        doc = project.document(doc_id)
        values = {a.id: span_values(a) for a in project.annotations(doc_id)}
        relations = [(r.type, values[r.source_id], values[r.target_id])
                     for r in project.relations(doc_id)]  # fmt: skip
        found.append({
            "title": doc.title, "text": doc.text, "meta": doc.meta,
            "spans": sorted(values.values(), key=repr), "relations": sorted(relations, key=repr),
        })  # fmt: skip
    return found
