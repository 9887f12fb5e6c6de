"""brat import (issue #10, item 5): a folder imports its good documents and names each bad file
with its real cause; CRLF, UTF-16 and byte offsets are converted and said so; events,
normalisations and equivalences are kept in the model's terms and the rest is counted."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.services.importing import ImportOutcome, import_paths
from annotator.store import Project

NEWS = Path(__file__).parent.parent / "fixtures" / "formats" / "brat" / "news"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.open(tmp_path / "p.annotator") as project:
        yield project


def folder(tmp_path: Path) -> Path:
    """A copy of the news collection (brat tutorial shape) to add bad files to."""
    return Path(shutil.copytree(NEWS, tmp_path / "collection"))


def crlf_pair(folder: Path, stem: str, *, counting_cr: bool) -> None:
    """news.txt with CRLF line ends; the .ann offsets count the \\r (as brat counts them) or not
    (git's autocrlf converted the .txt after it was annotated)."""
    text = (NEWS / "news.txt").read_text("utf-8").replace("\n", "\r\n")
    (folder / f"{stem}.txt").write_bytes(text.encode("utf-8"))
    lines = []
    for line in (NEWS / "news.ann").read_text("utf-8").splitlines():
        if line.startswith("T") and counting_cr:
            tid, head, quoted = line.split("\t")
            label, offsets = head.split(" ", 1)
            shifted = ";".join(
                " ".join(str(int(x) + 1) for x in frag.split()) for frag in offsets.split(";")
            )  # every span is on the second line: one \r before it
            line = f"{tid}\t{label} {shifted}\t{quoted}"
        lines.append(line)
    (folder / f"{stem}.ann").write_text("\n".join(lines) + "\n", "utf-8")


def by_file(outcomes: list[ImportOutcome]) -> dict[str, ImportOutcome]:
    return {o.path.name: o for o in outcomes}


def spans(project: Project, doc_id: int) -> list[tuple[str, str, dict]]:
    text = project.document(doc_id).text
    return sorted(
        (a.label, text[a.start : a.end], a.attributes)
        for a in project.iter_annotations()
        if a.document_id == doc_id
    )


def test_one_bad_ann_does_not_block_the_folder(project: Project, tmp_path: Path) -> None:
    coll = folder(tmp_path)
    (coll / "orphan.ann").write_text("T1\tPerson 0 3\tKim\n", "utf-8")  # its .txt is missing
    (coll / "broken.txt").write_text("Kim met Putin.\n", "utf-8")
    (coll / "broken.ann").write_text("T1\tPerson 0 3\tKim\nT2\tPerson 8 x\tPutin\n", "utf-8")
    (coll / "unknown.txt").write_text("Kim met Putin.\n", "utf-8")
    (coll / "unknown.ann").write_text("T1\tPerson 0 3\tKim\nX1\tsomething\n", "utf-8")
    outcomes = by_file(import_paths(project, [coll]))
    imported = [o for o in outcomes.values() if o.status == "imported"]
    assert [o.title for o in imported] == ["news"]
    assert outcomes["orphan.ann"].status == "error"
    assert outcomes["orphan.ann"].message.startswith(
        "orphan.ann: its text file orphan.txt is missing."
    )
    assert outcomes["broken.ann"].message.startswith("broken.ann, line 2: bad offsets '8 x'")
    assert outcomes["unknown.ann"].message.startswith(
        "unknown.ann, line 2: not a brat annotation line"
    )
    assert "code points" not in outcomes["broken.ann"].message
    assert len(project.document_ids()) == 1


def test_crlf_txt_with_lf_offsets_gets_lf_line_ends(project: Project, tmp_path: Path) -> None:
    coll = tmp_path / "crlf"
    coll.mkdir()
    crlf_pair(coll, "windows", counting_cr=False)
    [outcome] = import_paths(project, [coll])
    assert outcome.status == "imported", outcome.message
    assert (
        "windows.ann: the .txt has CRLF line ends but its offsets count LF line ends:"
        " line ends converted to LF" in outcome.message
    )
    doc_id = outcome.document_id
    assert project.document(doc_id).text == (NEWS / "news.txt").read_text("utf-8")
    with Project.open(tmp_path / "ref.annotator") as reference:
        [ref] = import_paths(reference, [NEWS])
        assert spans(project, doc_id) == spans(reference, ref.document_id)


def test_crlf_txt_with_offsets_counting_cr_is_read_as_lf_with_its_spans(
    project: Project, tmp_path: Path
) -> None:
    """brat counts the \r; the stored text has LF only (a CRLF is one position in Qt, design
    D1), so the offsets move with it and the report says so."""
    coll = tmp_path / "crlf"
    coll.mkdir()
    crlf_pair(coll, "windows", counting_cr=True)
    [outcome] = import_paths(project, [coll])
    assert outcome.status == "imported", outcome.message
    assert "CRLF line ends read as LF (offsets moved to match)" in outcome.message
    doc_id = outcome.document_id
    assert "\r" not in project.document(doc_id).text
    with Project.open(tmp_path / "ref.annotator") as reference:
        [ref] = import_paths(reference, [NEWS])
        assert spans(project, doc_id) == spans(reference, ref.document_id)


def test_crlf_text_whose_offsets_fit_nothing_names_the_line_ends(
    project: Project, tmp_path: Path
) -> None:
    coll = tmp_path / "crlf"
    coll.mkdir()
    (coll / "a.txt").write_bytes(b"Title\r\nKim met Putin.\r\n")
    (coll / "a.ann").write_text("T1\tPerson 9 12\tmet\n", "utf-8")  # wrong however counted
    [outcome] = import_paths(project, [coll])
    assert outcome.status == "error"
    assert outcome.message.startswith("a.ann, line 1: T1 says 'met' but its offsets cover")
    assert "the .txt has CRLF line ends" in outcome.message


@pytest.mark.parametrize(
    ("unit", "width", "said"),
    [("utf-16-le", 2, "UTF-16 code units"), ("utf-8", 1, "UTF-8 bytes")],
)
def test_offsets_in_utf16_or_bytes_are_converted(
    project: Project, tmp_path: Path, unit: str, width: int, said: str
) -> None:
    coll = tmp_path / unit
    coll.mkdir()
    text = (NEWS / "news.txt").read_text("utf-8")
    shutil.copy(NEWS / "news.txt", coll / "news.txt")
    lines = []
    for line in (NEWS / "news.ann").read_text("utf-8").splitlines():
        if line.startswith("T"):
            tid, head, quoted = line.split("\t")
            label, offsets = head.split(" ", 1)
            units = ";".join(
                " ".join(str(len(text[: int(x)].encode(unit)) // width) for x in frag.split())
                for frag in offsets.split(";")
            )
            line = f"{tid}\t{label} {units}\t{quoted}"
        lines.append(line)
    (coll / "news.ann").write_text("\n".join(lines) + "\n", "utf-8")
    [outcome] = import_paths(project, [coll])
    assert outcome.status == "imported", outcome.message
    assert f"news.ann: offsets count {said}, not code points; converted" in outcome.message
    with Project.open(tmp_path / "ref.annotator") as reference:
        [ref] = import_paths(reference, [NEWS])
        assert spans(project, outcome.document_id) == spans(reference, ref.document_id)


def test_events_normalisations_equivalences_are_kept(project: Project) -> None:
    [outcome] = import_paths(project, [NEWS])
    doc_id = outcome.document_id
    assert doc_id is not None
    text = project.document(doc_id).text
    rows = {(a.label, text[a.start : a.end]): a for a in project.iter_annotations()}
    obama = rows[("Person", "Barack Obama")]
    assert obama.attributes == {
        "Individual": True,
        "normalization": "Wikidata:Q76",
        "normalization_text": "Barack Obama",
    }
    meet = rows[("Meet", "met")]  # the event E1 is its trigger span...
    assert meet.attributes == {  # ...with the event's attribute and normalisation
        "Confidence": "High",
        "normalization": "Wikidata:Q2761147",
        "normalization_text": "meeting",
    }
    assert rows[("Statement", "said")].note == "Reported speech"  # note on E2
    by_id = {a.id: text[a.start : a.end] for a in project.iter_annotations()}
    relations = sorted(
        (r.type, by_id[r.source_id], by_id[r.target_id]) for r in project.iter_relations()
    )
    assert relations == [
        ("Equiv", "Angela Merkel", "The chancellor"),
        ("Located", "Angela Merkel", "Berlin"),
        ("Participant", "met", "Barack Obama"),
        ("Participant2", "met", "Angela Merkel"),  # role names as written
        ("Place", "met", "Berlin"),
        ("Speaker", "said", "The chancellor"),
        ("Topic", "said", "met"),  # an event as argument: its trigger
    ]
    for said in (
        "news.ann: 2 events kept as trigger spans with 5 role relations (trigger → argument)",
        "news.ann: 3 normalisations kept as span attributes",
        "news.ann: 1 equivalence kept as 1 relation between their members",
        "news.ann: 1 attribute of a relation not kept",
        "news.ann: 1 note of a relation not kept",
    ):
        assert said in outcome.message


def test_txt_without_ann_is_imported_unannotated(project: Project, tmp_path: Path) -> None:
    coll = folder(tmp_path)
    (coll / "plain.txt").write_text("Nobody annotated this yet.\n", "utf-8")
    outcomes = import_paths(project, [coll])
    assert [(o.status, o.title) for o in outcomes] == [("imported", "news"), ("imported", "plain")]
    assert "plain.txt: no plain.ann; imported unannotated" in outcomes[1].message
    assert project.document(outcomes[1].document_id).text == "Nobody annotated this yet.\n"


def test_bulk_import_names_the_bad_file_of_an_unannotated_folder(
    project: Project, tmp_path: Path
) -> None:
    """Library → Import Folder: a folder whose readable files have no spans still reports its
    unreadable ones."""
    from annotator.services.bulk_import import import_bulk

    coll = tmp_path / "texts"
    coll.mkdir()
    (coll / "plain.txt").write_text("Nobody annotated this yet.\n", "utf-8")
    (coll / "lost.ann").write_text("T1\tPerson 0 3\tKim\n", "utf-8")
    result = import_bulk(project, [tmp_path])
    assert [(o.status, o.path.name) for o in result.outcomes] == [
        ("error", "lost.ann"),
        ("imported", "texts"),
    ]
