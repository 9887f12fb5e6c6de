"""Issue #10 item 6: a second file with the same text adds its annotations to the existing
document (with the file's author), skips exact duplicates, and says so, naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.store import Project

TEXT = "Président Yoon 🇰🇷 said 👨‍👩‍👧 families will get support, Kim Jong Un denied it."
TITLE = "Yoon on support"


def span(phrase: str, label: str, author: str = "", **extra: Any) -> dict[str, Any]:
    start = TEXT.index(phrase)
    record = {"id": f"{label}:{phrase}:{author}", "start": start, "end": start + len(phrase),
              "label": label, "text": phrase, **extra}  # fmt: skip
    if author:
        record["author"] = author
    return record


def jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def doc(spans: list[dict[str, Any]], relations: list[dict[str, Any]] | None = None, **kw: Any):
    return {"title": kw.get("title", TITLE), "text": TEXT, "spans": spans,
            "relations": relations or []}  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


ALICE = [
    span("Président Yoon", "Actor", "alice"),
    span("families will get support", "Claim", "alice"),
]
YOON = span("Président Yoon", "Actor", "bob", attributes={"type": "person"}, note="the president")
SUPPORT = span("said 👨‍👩‍👧 families will get support", "Claim", "bob",
               fragments=[[TEXT.index("said"), TEXT.index("said") + 4],
                          [TEXT.index("families"), TEXT.index(", Kim")]])  # fmt: skip
KIM = span("Kim Jong Un", "Actor", "bob")
CLAIMANT = {"id": "r1", "type": "claimant", "source": SUPPORT["id"], "target": YOON["id"]}


@pytest.fixture
def first(tmp_path: Path) -> Path:
    """A project holding the text once, with alice's two spans."""
    project = tmp_path / "p.annotator"
    result = run("import", str(project), str(jsonl(tmp_path / "alice.jsonl", doc(ALICE))))
    assert result.exit_code == 0 and result.output == f"imported\t1\t{TITLE}\n"
    return project


def rows(project_path: Path) -> list[tuple[Any, ...]]:
    with Project.open(project_path, read_only=True) as project:
        [doc_id] = project.document_ids()
        return sorted(
            (a.label, a.text, a.author, a.attributes, a.note, a.fragments)
            for a in project.annotations(doc_id)
        )


def relations(project_path: Path) -> list[tuple[str, str, str, str]]:
    with Project.open(project_path, read_only=True) as project:
        out = []
        for rel in project.iter_relations():
            src, tgt = project.annotation(rel.source_id), project.annotation(rel.target_id)
            out.append((rel.type, src.text, tgt.text, src.author))
        return out


def test_second_file_adds_its_annotations_with_its_author(first: Path, tmp_path: Path) -> None:
    bob = jsonl(tmp_path / "bob.jsonl",
                doc([YOON, SUPPORT, KIM, ALICE[0]], [CLAIMANT], title="another title"))  # fmt: skip
    result = run("import", str(first), str(bob))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"merged\tbob.jsonl: same text as document 1 '{TITLE}':"
        " added 3 annotations and 1 relation, 1 already there\n"
    )
    fragments = tuple(tuple(f) for f in SUPPORT["fragments"])
    assert rows(first) == sorted([
        ("Actor", "Président Yoon", "alice", {}, "", None),
        ("Claim", "families will get support", "alice", {}, "", None),
        ("Actor", "Président Yoon", "bob", {"type": "person"}, "the president", None),
        ("Claim", SUPPORT["text"], "bob", {}, "", fragments),
        ("Actor", "Kim Jong Un", "bob", {}, "", None),
    ])  # fmt: skip
    assert relations(first) == [("claimant", SUPPORT["text"], "Président Yoon", "bob")]


def test_same_file_again_adds_nothing_and_says_so(first: Path, tmp_path: Path) -> None:
    again = jsonl(tmp_path / "alice again.jsonl", doc(ALICE))
    result = run("import", str(first), str(again))
    assert result.exit_code == 0
    assert result.output == (
        f"skipped\talice again.jsonl: same text as document 1 '{TITLE}':"
        " added 0 annotations, 2 already there\n"
    )
    assert [r[2] for r in rows(first)] == ["alice", "alice"]


def test_relations_already_there_are_not_added_twice(first: Path, tmp_path: Path) -> None:
    bob = jsonl(tmp_path / "bob.jsonl", doc([YOON, SUPPORT], [CLAIMANT]))
    run("import", str(first), str(bob))
    result = run("import", str(first), str(bob))
    assert result.output.endswith("added 0 annotations and 0 relations, 3 already there\n")
    assert len(relations(first)) == 1 and len(rows(first)) == 4


def test_a_file_without_authors_adds_spans_without_one(first: Path, tmp_path: Path) -> None:
    plain = span("Kim Jong Un", "Actor")
    result = run("import", str(first), str(jsonl(tmp_path / "plain.jsonl", doc([plain]))))
    assert "plain.jsonl: same text as document 1" in result.output
    assert "added 1 annotation\n" in result.output
    assert ("Actor", "Kim Jong Un", "", {}, "", None) in rows(first)


def test_same_text_twice_in_one_file_is_one_document(tmp_path: Path) -> None:
    project = tmp_path / "p.annotator"
    both = jsonl(tmp_path / "both.jsonl", doc(ALICE), doc([KIM]))
    result = run("import", str(project), str(both))
    assert result.output.splitlines() == [
        f"imported\t1\t{TITLE}",
        f"merged\tboth.jsonl: same text as document 1 '{TITLE}': added 1 annotation",
    ]
    assert len(rows(project)) == 3


def test_a_text_file_with_the_same_text_is_still_skipped(first: Path, tmp_path: Path) -> None:
    text = tmp_path / "same.txt"
    with Project.open(first, read_only=True) as project:
        text.write_text(project.document(1).text, "utf-8")
    result = run("import", str(first), str(text))
    assert result.output == "skipped\tsame.txt: same text as document 1, skipped\n"
