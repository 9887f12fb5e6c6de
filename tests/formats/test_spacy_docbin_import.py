"""A DocBin made by spaCy itself (as ``spacy convert`` or a pipeline writes one): doc.ents and every
span group are imported, de-duplicated, with their group kept; user_data title/meta, cats, tokens
and sentences are kept, the rest is counted (issue #10, item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

spacy = pytest.importorskip("spacy")
from spacy.tokens import Doc, DocBin  # noqa: E402

TEXT = "Apple hired Tim Cook in Cupertino. He met 🇰🇷 Samsung 😀 today."


def make_doc(nlp: Any) -> Doc:
    words = ["Apple", "hired", "Tim", "Cook", "in", "Cupertino", ".", "He", "met", "🇰🇷", "Samsung",
             "😀", "today", "."]  # fmt: skip
    spaces = [True, True, True, True, True, False, True, True, True, True, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=[i in (0, 7) for i in range(14)])
    assert doc.text == TEXT
    doc.ents = [doc.char_span(0, 5, "ORG"), doc.char_span(12, 20, "PERSON"), doc[10:11]]
    doc.ents = [*doc.ents[:2], doc.char_span(TEXT.index("Samsung"), TEXT.index(" 😀"), "ORG")]
    doc.spans["sc"] = [doc.char_span(0, 5, "ORG"), doc.char_span(24, 33, "GPE"),
                       doc.char_span(24, 33, "GPE")]  # fmt: skip
    doc.spans["roles"] = [doc.char_span(12, 20, "CEO"), doc.char_span(12, 20, "PERSON")]
    doc.user_data["title"] = "Apple news"
    doc.user_data["meta"] = {"source": "wire", "date": "2024-05-01"}
    doc.cats = {"BUSINESS": 1.0, "SPORT": 0.0}
    return doc


@pytest.fixture
def docbin(tmp_path: Path) -> Path:
    nlp = spacy.blank("en")
    tagged = nlp("Samsung hired Lee Jae-yong 李在鎔 today.")
    for token in tagged:
        token.pos_ = "PROPN" if token.text[0].isupper() else "X"
    bins = DocBin(store_user_data=True, docs=[make_doc(nlp), tagged])
    path = tmp_path / "train.spacy"
    bins.to_disk(path)
    return path


def test_ents_and_every_span_group_once_each_with_its_group(docbin: Path, tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        outcomes = import_paths(project, [docbin])
        assert [o.status for o in outcomes] == ["imported", "imported"], outcomes
        doc_id = outcomes[0].document_id
        rows = [(a.text, a.label, a.attributes) for a in project.annotations(doc_id)]
        assert sorted(rows, key=repr) == sorted(
            [
                ("Apple", "ORG", {"span_group": "ents+sc"}),
                ("Tim Cook", "PERSON", {"span_group": "ents+roles"}),
                ("Tim Cook", "CEO", {"span_group": "roles"}),
                ("Cupertino", "GPE", {"span_group": "sc"}),
                ("Samsung", "ORG", {"span_group": "ents"}),
            ],
            key=repr,
        )
        assert "doc 1: 1 duplicate span in sc imported once" in outcomes[0].message


def test_title_meta_cats_kept_and_token_attributes_counted(docbin: Path, tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        first, second = import_paths(project, [docbin])
        doc = project.document(first.document_id)
        assert doc.title == "Apple news"
        assert doc.meta["source"] == "wire" and doc.meta["date"] == "2024-05-01"
        assert doc.meta["cats"] == {"BUSINESS": 1.0, "SPORT": 0.0}
        assert "token POS" not in first.message
        assert "doc 2: not kept: token POS tags (9)" in second.message


def test_tokens_and_sentences_are_kept_for_conll(docbin: Path, tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        import_paths(project, [docbin])
        out = tmp_path / "out.conll"
        export_project(project, "conll", out)
        first = out.read_text("utf-8").split("-DOCSTART- -X- -X- O\n\n")[1]
        sentences = [s.splitlines() for s in first.strip("\n").split("\n\n")]
        assert [len(s) for s in sentences] == [7, 7]  # spaCy's sentences, spaCy's tokens
        assert sentences[1][2:4] == ["🇰🇷 O", "Samsung B-ORG"]
