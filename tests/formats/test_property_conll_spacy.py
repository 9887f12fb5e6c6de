"""Round-trip properties (hypothesis) for CoNLL and spaCy DocBin: import → export → import gives
the same texts and spans (and, for spaCy, titles and attributes), on generated documents with
emoji, flags, ZWJ sequences, CJK, Arabic, combining marks and numbers (issue #10)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

PROPERTY = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = ["Seoul", "🇰🇷", "👨‍👩‍👧", "😀", "金正恩", "ロシア", "الرئيس", "Zoe\u0308", "cafe\u0301",
         "96", "1", "1996-08-30", "U.N.", "-", ".", "#", "d'Arc", "Ω"]  # fmt: skip
LABELS = ["PER", "LOC", "ORG", "MISC", "B-X"]

word = st.sampled_from(WORDS)
# A sentence: chunks of (number of tokens, label or None), so entities are whole tokens.
chunk = st.tuples(st.integers(1, 3), st.none() | st.sampled_from(LABELS))
sentence = st.lists(
    st.tuples(chunk, st.lists(word, min_size=3, max_size=3)), min_size=1, max_size=4
)


@contextmanager
def project_in(folder: Path, name: str) -> Iterator[Project]:
    with Project.open(folder / name) as project:
        yield project


def rows(project: Project, *, titles: bool = True) -> list[tuple[Any, ...]]:
    return [
        (
            doc.text,
            doc.title if titles else "",
            [(a.start, a.end, a.label, a.attributes) for a in project.annotations(d)],
        )
        for d in project.document_ids()
        for doc in [project.document(d)]
    ]


def conll_line(token: str, tag: str, columns: int) -> str:
    return " ".join([token, "NN", "I-NP", tag] if columns == 4 else [token, tag])


def conll_file(docs: list[list[list[Any]]], columns: int) -> str:
    lines = []
    for doc in docs:
        lines += ["-DOCSTART- -X- -X- O", ""]
        for sent in doc:
            for (length, label), words in sent:
                for i, token in enumerate(words[:length]):
                    tag = "O" if label is None else ("B-" if i == 0 else "I-") + label
                    lines.append(conll_line(token, tag, columns))
            lines.append("")
    return "\n".join(lines) + "\n"


@PROPERTY
@given(
    docs=st.lists(st.lists(sentence, min_size=1, max_size=3), min_size=1, max_size=3),
    columns=st.sampled_from([2, 4]),
)
def test_conll_import_export_import(docs: list[list[list[Any]]], columns: int) -> None:
    docs[0][0][0] = ((1, None), ["Seoul"] * 3)  # a word first: a file of numbers could be CoNLL-U
    # Two documents of the same text are one document (merged by hash, #10): keep one.
    texts = [[[w for _, words in sentence for w in words] for sentence in doc] for doc in docs]
    docs = [doc for i, doc in enumerate(docs) if texts[i] not in texts[:i]]
    content = conll_file(docs, columns)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in.conll").write_text(content, "utf-8")
        with project_in(folder, "a.annotator") as a, project_in(folder, "b.annotator") as b:
            assert all(o.status == "imported" for o in import_paths(a, [folder / "in.conll"]))
            export_project(a, "conll", folder / "out.conll")
            assert (folder / "out.conll").read_text("utf-8") == content  # the same bytes
            assert all(o.status == "imported" for o in import_paths(b, [folder / "out.conll"]))
            assert rows(b, titles=False) == rows(a, titles=False)  # titles: the file's name


@PROPERTY
@given(
    texts=st.lists(
        st.lists(word, min_size=1, max_size=12), min_size=1, max_size=3, unique_by=tuple
    ),
    picks=st.lists(
        st.tuples(
            st.integers(0, 11),
            st.integers(1, 3),
            st.sampled_from(LABELS),
            st.sampled_from(["ents", "sc", "extra"]),
        ),
        max_size=6,
    ),
)
def test_spacy_import_export_import(texts: list[list[str]], picks: list[tuple[Any, ...]]) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc, DocBin
    from spacy.util import filter_spans

    vocab = spacy.vocab.Vocab()
    docs = []
    for n, words in enumerate(texts):
        doc = Doc(vocab, words=words, spaces=[True] * len(words))
        groups: dict[str, list[Any]] = {"ents": [], "sc": [], "extra": []}
        for start, length, label, group in picks:
            if start < len(words):
                groups[group].append(doc[start : min(start + length, len(words))])
                groups[group][-1].label_ = label
        doc.ents = filter_spans(groups.pop("ents"))
        for name, spans in groups.items():
            doc.spans[name] = spans
        doc.user_data["title"] = f"doc {n} 🇰🇷"
        docs.append(doc)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        DocBin(store_user_data=True, docs=docs).to_disk(folder / "in.spacy")
        with project_in(folder, "a.annotator") as a, project_in(folder, "b.annotator") as b:
            assert all(o.status == "imported" for o in import_paths(a, [folder / "in.spacy"]))
            export_project(a, "spacy", folder / "out.spacy")
            assert all(o.status == "imported" for o in import_paths(b, [folder / "out.spacy"]))
            assert rows(b) == rows(a)
            for _, _, spans in rows(a):  # de-duplicated
                assert len({(s, e, label) for s, e, label, _ in spans}) == len(spans)
