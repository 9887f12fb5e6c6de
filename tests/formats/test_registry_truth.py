"""`annotator formats` tells the truth (issue #10): for every format with a writer, each kind of
thing its ``keeps`` names is in the exported file, and each kind it does not name is counted in
the export summary (``ExportSummary.lost``, printed by the CLI and shown by the dialog). A test
that fails when an exporter drops something silently.

The kinds: attributes, notes, fragments, relations, authors (of spans), metadata (of documents),
actor links (a span's registry actor, issue #12), and spans inside boilerplate (left out by
default, always counted). A kind is "named" when its word is in ``keeps``; a loss is "counted"
when a key of ``lost`` has the word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_fixtures import fill_tricky

from annotator.core.styled_text import StyledText
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.formats.registry import FORMATS, Format, export_formats
from annotator.store import NewDocument, Project
from annotator.store.export_documents import export_source

MARK = "7731"
TEXT = "x" * 1000 + " Minister Kim said that taxes must rise soon."
WORDS = {  # kind -> the word that names it, in `keeps` and in the keys of `lost`
    "attributes": r"\battributes?\b",
    "notes": r"\bnotes?\b",
    "fragments": r"\bfragments?\b",
    "relations": r"\brelations?\b",
    "authors": r"\bauthors?\b",
    "meta": r"\bmetadata\b",
    "actor links": r"\bactor links?\b",
}
KINDS = [*WORDS, "boilerplate"]


def fragments() -> tuple[tuple[int, int], ...]:
    taxes, rise = TEXT.index("taxes"), TEXT.index("rise")
    return ((taxes, taxes + 5), (rise, rise + 4))


def fill_markers(project: Project) -> None:
    """One document carrying one of each kind, with values found nowhere else."""
    doc = project.add_document(
        NewDocument(title="Markers", styled=StyledText(TEXT, []), meta={"marker": f"meta{MARK}"})
    )
    (start, _), (_, end) = fragments()
    claim = project.add_annotation(
        doc, start, end, "Claim", attributes={"marker": f"attr{MARK}"}, note=f"note{MARK}",
        author=f"author{MARK}", fragments=fragments(),
    )  # fmt: skip
    actor_start = TEXT.index("Minister")
    actor = project.add_annotation(doc, actor_start, actor_start + len("Minister Kim"), "Actor")
    project.link_annotation_to_actor(actor.id, project.add_actor(f"registry{MARK}"))
    project.add_relation_type(f"rel{MARK}")
    project.add_relation(f"rel{MARK}", claim.id, actor.id, author=f"relauthor{MARK}")


def in_file(kind: str, content: str) -> bool:
    if kind == "fragments":  # each piece's own offsets, not only the whole extent
        return all(re.search(rf"\b{s}\D{{1,40}}{e}\b", content) for s, e in fragments())
    marker = {"attributes": "attr", "notes": "note", "relations": "rel", "authors": "author",
              "meta": "meta", "actor links": "registry"}[kind]  # fmt: skip
    return f"{marker}{MARK}" in content


def file_content(fmt: Format, out: Path) -> str:
    if fmt.folder:
        return "\n".join(p.read_text("utf-8") for p in sorted(out.iterdir()))
    if fmt.name == "spacy":
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        docs = DocBin().from_disk(out).get_docs(Vocab())
        return "\n".join(json.dumps(d.user_data.get("annotator"), default=str) for d in docs)
    if fmt.name == "parquet":
        import pyarrow.parquet as pq

        return json.dumps(pq.read_table(out).to_pylist())
    return out.read_text("utf-8")


def kept(fmt: Format, kind: str) -> bool:
    return kind != "boilerplate" and re.search(WORDS[kind], fmt.keeps) is not None


def counted(kind: str, summary: ExportSummary) -> bool:
    word = "boilerplate" if kind == "boilerplate" else WORDS[kind]
    return any(re.search(word, key) for key in summary.lost)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """Every export format written once from the same project (tricky texts plus markers)."""
    folder = tmp_path_factory.mktemp("truth")
    found: dict[str, object] = {}
    with Project.open(folder / "truth.annotator") as project:
        fill_tricky(project)
        fill_markers(project)
        for fmt in export_formats():
            out = folder / f"out-{fmt.name}"
            assert fmt.writer is not None
            summary = fmt.writer(export_source(project), out, ExportOptions())
            found[fmt.name] = (file_content(fmt, out), summary)
        yield found


# (format, kind) pairs an exporter still drops without a word: none since issue #10.
SILENT: dict[tuple[str, str], str] = {}
# Kept, but not always: where the format cannot hold it, the loss is counted instead. Label
# Studio links regions of one annotation only, so a span linked to another author's span is
# written under that author (the markers document has exactly that case). The one-mode networks
# have a node for claimants only (the markers' actor is none).
PARTIAL = {
    ("label-studio", "authors"),
    ("graphml-congruence", "actor links"),
    ("graphml-conflict", "actor links"),
}


def cases() -> Iterator[object]:
    for fmt in export_formats():
        for kind in KINDS:
            reason = SILENT.get((fmt.name, kind))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(fmt.name, kind, marks=marks, id=f"{fmt.name}-{kind}")


@pytest.mark.parametrize(("name", "kind"), list(cases()))
def test_kept_is_written_and_the_rest_is_counted(
    exports: dict[str, object], name: str, kind: str
) -> None:
    fmt = next(f for f in FORMATS if f.name == name)
    content, summary = exports[name]  # type: ignore[misc]
    if kept(fmt, kind) and (name, kind) in PARTIAL:
        assert in_file(kind, content) or counted(kind, summary), f"{name} drops {kind} silently"
    elif kept(fmt, kind):
        assert in_file(kind, content), f"{name} says it keeps {kind}, but the file has none"
    else:
        assert counted(kind, summary), (
            f"{name} does not keep {kind} and does not count it: {summary.describe()}"
        )


def test_every_format_says_what_it_keeps_and_loses() -> None:
    for fmt in FORMATS:
        assert fmt.keeps and fmt.loses, fmt.name


def test_jsonl_counts_relation_authors(exports: dict[str, object]) -> None:
    content, summary = exports["jsonl"]  # type: ignore[misc]
    assert f"relauthor{MARK}" not in content
    assert summary.lost["author of a relation (JSONL keeps span authors only)"] == 1


# ------------------------------------------------------------------------- README's table
README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- formats-table:start -->", "<!-- formats-table:end -->"


def readme_table() -> str:
    """README's format table, made from the registry (run this module to print it)."""
    lines = [
        "| Format | Files | Import / export | Keeps (import and export) "
        "| Not kept: counted on export, reported on import |",
        "|---|---|---|---|---|",
    ]
    for fmt in FORMATS:
        files = "folder of .txt + .ann" if fmt.folder else " ".join(fmt.suffixes)
        way = " / ".join(w for w, f in (("import", fmt.reader), ("export", fmt.writer)) if f)
        lines.append(f"| `{fmt.name}` | {files} | {way} | {fmt.keeps} | {fmt.loses} |")
    return "\n".join(lines)


def test_readme_table_is_the_registry() -> None:
    text = README.read_text("utf-8")
    table = text[text.index(START) + len(START) : text.index(END)].strip()
    assert table == readme_table(), "README's format table is stale; paste:\n" + readme_table()


if __name__ == "__main__":
    print(readme_table())
