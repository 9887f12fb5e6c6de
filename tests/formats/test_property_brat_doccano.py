"""Round-trip properties (issue #10): for generated documents (emoji, flags, ZWJ families, CJK,
Arabic, combining marks, line breaks) with attributes, notes, relations and fragments,
export → import gives back what the format keeps, and import → export → import is stable.

brat keeps spans, fragments, attributes, notes and relations; doccano-rel keeps spans (a
discontinuous span as its whole extent) and relations, and writes notes as document Comments."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.styled_text import StyledText
from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project

WORDS = ["Kim", "🇰🇷", "👨‍👩‍👧", "北京", "習近平", "مرحبا", "Schro\u0308der", "café", "😀", "Put-in"]
NORMALIZED = {"normalization": "Wikidata:Q42", "normalization_text": "Douglas Adams 北京"}
ATTRIBUTES = st.builds(
    lambda plain, linked: {**plain, **linked},
    st.dictionaries(
        st.sampled_from(["stance", "Mention", "Individual"]),
        st.one_of(st.just(True), st.sampled_from(["support", "Name", "ロシア"])),
        max_size=2,
    ),
    st.sampled_from([{}, NORMALIZED]),  # a brat N line, as the reader keeps it
)
NOTES = st.one_of(st.just(""), st.sampled_from(["check 😀", "مرحبا 北京", "é\u0301 note"]))
PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A text of words and its spans over whole words: (start, end, label, attributes, note,
    fragments) plus relations between span indexes."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))
    seps = draw(
        st.lists(st.sampled_from([" ", " ", "\n"]), min_size=len(words), max_size=len(words))
    )
    starts, text = [], ""
    for word, sep in zip(words, seps, strict=True):
        starts.append(len(text))
        text += word + sep
    bounds = [(s, s + len(w)) for s, w in zip(starts, words, strict=True)]
    spans = []
    for _ in range(draw(st.integers(1, 5))):
        i = draw(st.integers(0, len(words) - 1))
        j = draw(st.integers(i, min(i + 2, len(words) - 1)))
        fragments = None
        if j >= i + 2 and draw(st.booleans()):  # leave out the word between: a real gap
            fragments = (bounds[i], bounds[j])
        spans.append((bounds[i][0], bounds[j][1], draw(st.sampled_from(["Claim", "Actor"])),
                      draw(ATTRIBUTES), draw(NOTES), fragments))  # fmt: skip
    pairs = st.tuples(st.integers(0, len(spans) - 1), st.integers(0, len(spans) - 1))
    relations = draw(st.lists(pairs, max_size=3))
    return {"text": text, "spans": spans, "relations": relations}


def build(path: Path, doc: dict[str, Any]) -> Project:
    project = Project.open(path)
    doc_id = project.add_document(NewDocument(title="gen", styled=StyledText(doc["text"], [])))
    ids = []
    for start, end, label, attributes, note, fragments in doc["spans"]:
        ann = project.add_annotation(
            doc_id, start, end, label, attributes=attributes, note=note, fragments=fragments
        )
        ids.append(ann.id)
    for source, target in doc["relations"]:
        if source != target:  # a span cannot be linked to itself
            project.add_relation("claimant", ids[source], ids[target])
    return project


def round_trip(project: Project, fmt: str, folder: Path, name: str) -> Project:
    out = folder / f"{name}-{fmt}"
    export_project(project, fmt, out if fmt == "brat" else out.with_suffix(".jsonl"),
                   ExportOptions())  # fmt: skip
    copy = Project.open(folder / f"{name}.annotator")
    outcomes = import_paths(copy, [out if fmt == "brat" else out.with_suffix(".jsonl")])
    assert [o.status for o in outcomes] == ["imported"], outcomes
    return copy


def contents(project: Project, *, full: bool) -> tuple[list[str], list[Any], list[Any]]:
    """Texts, spans and relations in terms that do not depend on ids."""
    texts = [project.document(d).text for d in project.document_ids()]
    spans, keys = [], {}
    for ann in project.iter_annotations():
        key = (ann.start, ann.end, ann.label)
        if full:
            key += (tuple(sorted(ann.attributes.items())), ann.note, ann.fragments)
        keys[ann.id] = key
        spans.append(key)
    relations = [(r.type, keys[r.source_id], keys[r.target_id]) for r in project.iter_relations()]
    return texts, sorted(spans, key=repr), sorted(relations, key=repr)


@PROPERTY
@given(documents())
def test_brat_keeps_spans_attributes_notes_fragments_relations(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with (
            build(folder / "a.annotator", doc) as original,
            round_trip(original, "brat", folder, "b") as once,
        ):
            assert contents(once, full=True) == contents(original, full=True)
            with round_trip(once, "brat", folder, "c") as twice:
                assert contents(twice, full=True) == contents(once, full=True)


@PROPERTY
@given(documents())
def test_doccano_keeps_spans_relations_and_texts(doc: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with (
            build(folder / "a.annotator", doc) as original,
            round_trip(original, "doccano-rel", folder, "b") as once,
        ):
            assert contents(once, full=False) == contents(original, full=False)
            notes = [a.note for a in original.iter_annotations() if a.note]
            [doc_id] = once.document_ids()
            assert once.document(doc_id).meta.get("Comments", []) == notes
            with round_trip(once, "doccano-rel", folder, "c") as twice:
                assert contents(twice, full=False) == contents(once, full=False)
