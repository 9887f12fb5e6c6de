"""Round-trip properties for Prodigy and Label Studio (issue #10), on generated documents with
emoji, flags, ZWJ sequences, CJK, Arabic and combining marks: import → export → import gives the
same texts, spans and span authors; and no suggestion ever appears
in any export format of the registry."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.styled_text import StyledText
from annotator.core.suggestions import Suggestion
from annotator.formats.registry import export_formats
from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project

PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = st.sampled_from([
    "Seoul", "said", "🇰🇷", "👨‍👩‍👧", "😀", "北朝鮮", "金正恩", "ロシア", "الرئيس", "المحادثات",
    "Zoe\u0308", "cafe\u0301", "Schro\u0308der", "taxes", "rise", ",", ".", "«", "»", "1998",
])  # fmt: skip
LABELS = st.sampled_from(["Claim", "Actor", "ORG", "Person"])
AUTHORS = st.sampled_from(["", "alice@example.org", "label-studio user 7", "Zoë 🐙"])
SUFFIX = {"prodigy": "out.jsonl", "label-studio": "out.json"}


@st.composite
def documents(draw: st.DrawFn) -> list[tuple[str, list[tuple[int, int, str, str]]]]:
    """Texts of words joined by spaces, with spans over whole words (some overlapping)."""
    docs = []
    for n in range(draw(st.integers(1, 2))):
        words = [f"D{n}", *draw(st.lists(PIECES, min_size=1, max_size=12))]
        starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
        text = " ".join(words)
        spans = set()
        for _ in range(draw(st.integers(0, 5))):
            i = draw(st.integers(1, len(words) - 1))
            j = draw(st.integers(i, min(i + 3, len(words) - 1)))
            spans.add((starts[i], starts[j] + len(words[j]), draw(LABELS), draw(AUTHORS)))
        docs.append((text, sorted(spans)))
    return docs


@contextmanager
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


def fill(project: Project, docs: list[tuple[str, list[tuple[int, int, str, str]]]]) -> None:
    have = {label.name for label in project.labels()}
    for label in ("ORG", "Person"):
        if label not in have:
            project.add_label(label, "#80b1d3")
    for text, spans in docs:
        doc = project.add_document(NewDocument(text[:10], StyledText(text, [])))
        for start, end, label, author in spans:
            project.add_annotation(doc, start, end, label, author=author)


def contents(project: Project, *, authors: bool) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """Each document's text and its spans (offsets, label, covered text, author if asked)."""
    found = []
    for d in project.document_ids():
        spans = sorted((a.start, a.end, a.label, a.text, a.author if authors else "")
                       for a in project.annotations(d))  # fmt: skip
        found.append((project.document(d).text, spans))
    return sorted(found)


def reimport(project: Project, fmt: str, folder: Path) -> Project:
    out = folder / f"{fmt}-{len(list(folder.iterdir()))}-{SUFFIX[fmt]}"
    export_project(project, fmt, out)
    copy = Project.open(folder / f"{out.name}.annotator")
    outcomes = import_paths(copy, [out])
    assert all(o.status == "imported" for o in outcomes), [o.message for o in outcomes]
    return copy


@PROPERTY
@given(docs=documents())
def test_prodigy_import_export_import_keeps_texts_spans_and_authors(docs: Any) -> None:
    with scratch() as folder, Project.open(folder / "a.annotator") as project:
        fill(project, docs)
        with (
            reimport(project, "prodigy", folder) as first,
            reimport(first, "prodigy", folder) as again,
        ):
            assert contents(first, authors=True) == contents(project, authors=True)
            assert contents(again, authors=True) == contents(first, authors=True)


@PROPERTY
@given(docs=documents())
def test_label_studio_import_export_import_keeps_texts_spans_and_authors(docs: Any) -> None:
    with scratch() as folder, Project.open(folder / "a.annotator") as project:
        fill(project, docs)
        with (
            reimport(project, "label-studio", folder) as first,
            reimport(first, "label-studio", folder) as again,
        ):
            assert contents(first, authors=True) == contents(project, authors=True)
            assert contents(again, authors=True) == contents(first, authors=True)


def exported_bytes(path: Path) -> bytes:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return b"".join(p.read_bytes() for p in files)


def test_suggestions_never_appear_in_any_export(tmp_path: Path) -> None:
    text = "Apple ships the iPhone 15 in 東京 🇯🇵 today."
    with Project.open(tmp_path / "p.annotator") as project:
        doc = project.add_document(NewDocument("Apple", StyledText(text, [])))
        project.add_annotation(doc, 0, 5, "Actor")
        tokyo = text.index("東京")
        project.add_suggestions([
            Suggestion(doc, tokyo, tokyo + 2, "SuggestedOnlyGPE", "open",
                       "label-studio:prediction:v9", 0.9),
            Suggestion(doc, 16, 25, "RejectedOnlyPRODUCT", "rejected", "prodigy:reject"),
        ])  # fmt: skip
        for fmt in export_formats():
            out = tmp_path / f"out-{fmt.name}{'' if fmt.folder else fmt.suffixes[0]}"
            summary = export_project(project, fmt.name, out)
            written = exported_bytes(out)
            assert b"OnlyGPE" not in written and b"OnlyPRODUCT" not in written, fmt.name
            assert summary.spans in (0, 1), fmt.name  # the one annotation (none: network CSV)
