"""Fuzzing (hypothesis): importers never crash or store a broken span; offsets round-trip."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.decode import UnreadableTextError, decode_text
from annotator.core.offsets import Utf16Map
from annotator.services.importing import import_file
from annotator.store import Project
from annotator.store.integrity import find_problems

FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".json", ".conll", ".docx", ".spacy", ".ann"]
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200)  # includes astral and controls
NASTY = st.sampled_from(
    ["", "\x00", "\r\n", "\r", "\ufeff", "🇰🇷", "👨‍👩‍👧", "e\u0301", "\u2028", "<div>", "&amp;"]
)
TEXTISH = st.lists(st.one_of(ANY_TEXT, NASTY), max_size=8).map("".join)


@contextmanager
def scratch() -> Iterator[tuple[Path, Project]]:
    with (
        tempfile.TemporaryDirectory() as folder,
        Project.open(Path(folder) / "fuzz.annotator") as project,
    ):
        yield Path(folder), project


def spans(max_offset: int = 60) -> st.SearchStrategy[list[list[object]]]:
    offset = st.integers(-3, max_offset)
    label = st.sampled_from(["Claim", "Actor", "Nope"])
    return st.lists(st.tuples(offset, offset, label).map(list), max_size=4)


@st.composite
def annotated_file(draw: st.DrawFn) -> tuple[str, bytes, bytes]:
    """(suffix, content, companion .txt for brat) — random bytes or near-valid structure."""
    suffix = draw(st.sampled_from(SUFFIXES))
    text = draw(TEXTISH)
    kind = draw(st.sampled_from(["bytes", "text", "structured"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=300)), text.encode("utf-8", "surrogatepass")
    if kind == "text" or suffix not in (".jsonl", ".json", ".ann"):
        return suffix, text.encode("utf-8", "surrogatepass"), b""
    marks = draw(spans(len(text) + 3))
    if suffix == ".jsonl":
        record = {"text": text, "spans": [{"start": s, "end": e, "label": lab}
                                          for s, e, lab in marks]}  # fmt: skip
        return suffix, json.dumps(record).encode(), b""
    if suffix == ".json":
        results = [{"type": "labels", "value": {"start": s, "end": e, "labels": [lab]}}
                   for s, e, lab in marks]  # fmt: skip
        task = [{"data": {"text": text}, "annotations": [{"result": results}]}]
        return suffix, json.dumps(task).encode(), b""
    lines = [f"T{n}\t{lab} {s} {e}\t{text[s:e] if 0 <= s <= e else 'x'}"
             for n, (s, e, lab) in enumerate(marks, 1)]  # fmt: skip
    return suffix, "\n".join(lines).encode(), text.encode("utf-8", "surrogatepass")


@FUZZ
@given(st.lists(annotated_file(), min_size=1, max_size=4))
def test_importers_survive_anything_and_store_only_valid_spans(files) -> None:  # type: ignore[no-untyped-def]
    with scratch() as (folder, project):
        for n, (suffix, content, companion) in enumerate(files):
            path = folder / f"f{n}{suffix}"
            path.write_bytes(content)
            if suffix == ".ann":
                path.with_suffix(".txt").write_bytes(companion)
            outcomes = import_file(project, path)  # must not raise
            for outcome in outcomes:
                assert outcome.status in ("imported", "duplicate", "error")
                if outcome.status == "error":
                    assert outcome.message.strip()
        assert find_problems(project) == []
        assert project.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@FUZZ
@given(st.binary(max_size=400))
def test_decode_gives_clean_text_or_a_message(data: bytes) -> None:
    try:
        text = decode_text(data)
    except UnreadableTextError as exc:
        assert "byte" in str(exc)
    else:
        assert "\r" not in text and "\x00" not in text
    replaced = decode_text(data, errors="replace")  # the replacement import never fails
    assert "\r" not in replaced and "\x00" not in replaced


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8"), max_size=300))
def test_offsets_round_trip_between_code_points_and_utf16(text: str) -> None:
    offsets = Utf16Map(text)
    for cp in range(len(text) + 1):
        u16 = offsets.to_utf16(cp)
        assert u16 == len(text[:cp].encode("utf-16-le")) // 2
        assert offsets.to_code_point(u16) == cp
