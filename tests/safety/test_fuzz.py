"""Fuzzing (hypothesis): importers never crash or store a broken span; offsets round-trip."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from capped_run import run_capped
from hostile_samples import docx_bytes, valid_samples
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


# ------------------------------------------------ every reader, capped (issue #17, "done means")
# Each input is imported in a forked child under a memory cap (RLIMIT_AS) and a time cap
# (tests/safety/capped_run.py); the only acceptable outcomes are a document or a clear message.
CAPPED = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
JSON_FORMATS = ("jsonl", "prodigy", "doccano", "label-studio")
HOSTILE_VALUES = [
    "[" * 5_000 + "]" * 5_000,  # deep nesting
    '{"a":' * 2_000 + "1" + "}" * 2_000,
    '{"a":' * 1_000 + "1" + "}" * 1_000,  # parses (orjson allows 1,024), too deep to store
    "1" + "0" * 400,  # huge numbers
    "-1e308",
    "1e400",
    str(2**70),
    '"\\ud800"',  # a lone surrogate
    "null",
    "true",
    "3.9",
    '"0"',
    "[]",
    "{}",
    '"' + "x" * 100_000 + '"',
]
TEXT_BOMBS = {
    ".md": ["> " * 3_000 + "x", "[" * 20_000, "\n".join("    " * n + "- x" for n in range(500))],
    ".html": ["<div>" * 5_000 + "x", "<b><i>" * 3_000 + "x", "<!--" * 10_000],
    ".txt": ["\u2028" * 10_000, "e\u0301" * 50_000, "\r" * 100_000],
}


DOCX_BOMBS = [
    docx_bytes("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 120_000),  # over the paragraph limit
    docx_bytes("<w:tbl><w:tr><w:tc>" * 3_000 + "<w:p/>"),  # nested tables, unclosed
    docx_bytes("<w:p><w:r><w:t>a &lol; b</w:t></w:r></w:p>", '<!DOCTYPE d [<!ENTITY lol "lol">]>'),
    docx_bytes("<w:p><w:r><w:t>" + "x" * 3_000_000 + "</w:t></w:r></w:p>"),
]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return valid_samples(tmp_path_factory.mktemp("samples"))


@st.composite
def byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    """Flip, insert, delete or repeat bytes of a valid file, or cut it short."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "truncate"]))
        if kind == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        elif kind == "repeat":
            out[at:at] = bytes(out[at : at + 64]) * draw(st.integers(2, 200))
        else:
            del out[at:]
    return bytes(out)


@st.composite
def structure_mutation(draw: st.DrawFn, name: str, data: bytes) -> bytes:
    """Replace one JSON value (a number, a string, a list, an object) by a hostile one."""
    if name == "docx":
        return draw(st.sampled_from(DOCX_BOMBS))
    if name not in JSON_FORMATS:
        suffix = {"markdown": ".md", "html": ".html"}.get(name, ".txt")
        return draw(st.sampled_from(TEXT_BOMBS[suffix])).encode("utf-8")
    text = data.decode("utf-8")
    values = list(re.finditer(r'-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|\[\]|\{\}|null', text))
    target = draw(st.sampled_from(values))
    hostile = draw(st.sampled_from(HOSTILE_VALUES))
    return (text[: target.start()] + hostile + text[target.end() :]).encode("utf-8")


def capped_import(path: Path) -> None:
    result = run_capped(path)
    assert result.problems() == [], (path.name, result)


@CAPPED
@given(data=st.data())
def test_every_reader_gives_a_document_or_a_message_under_caps(
    samples: dict[str, Path], data: st.DataObject
) -> None:
    name = data.draw(st.sampled_from(sorted(samples)), label="format")
    source = samples[name]
    content = source.read_bytes()
    level = data.draw(st.sampled_from(["bytes", "structure"]), label="level")
    if level == "bytes":
        mutated = data.draw(byte_mutation(content), label="mutated")
    else:
        mutated = data.draw(structure_mutation(name, content), label="mutated")
    with tempfile.TemporaryDirectory() as folder:
        if name == "brat":
            shutil.copy(source.with_suffix(".txt"), Path(folder) / "doc.txt")
            path = Path(folder) / "doc.ann"
        else:
            suffix = {"markdown": ".md", "html": ".html"}.get(name, source.suffix)
            path = Path(folder) / ("fuzzed" + (suffix if level == "structure" else source.suffix))
        path.write_bytes(mutated)
        capped_import(path)
