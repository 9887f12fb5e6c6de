"""The session applies the window's operations without Qt and says what each one changed."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from annotator.services.changes import Changes
from annotator.services.session import Session
from annotator.store import Project

TEXT = "Kim met Putin in Moscow.\n\nThe talks ended."


def make_session(tmp_path: Path, count: int = 1) -> tuple[Session, list[int]]:
    for i in range(count):
        (tmp_path / f"a{i}.txt").write_text(f"{TEXT} ({i})", "utf-8")
    project = Project.open(tmp_path / "p.annotator")
    session = Session(project, "tester")
    outcomes, _ = session.import_files(sorted(tmp_path.glob("a*.txt")))
    return session, [o.document_id for o in outcomes if o.document_id is not None]


def test_the_session_module_does_not_import_qt() -> None:
    code = "import sys, annotator.services.session; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_tagging_the_open_document_updates_its_spans_and_tells_subscribers(tmp_path):
    session, (doc,) = make_session(tmp_path)
    heard: list[Changes] = []
    session.subscribe(heard.append)
    session.open_document(doc)

    changes = session.tag(doc, 0, 3, "Actor")

    (ann,) = changes.added
    assert heard == [changes]
    assert changes.document_id == doc and changes.in_open_document
    assert (ann.text, ann.author) == ("Kim", "tester")
    assert session.spans.annotations() == [ann]
    assert session.project.annotations(doc) == [ann]
    assert changes.touched() == (0, 3) and changes.focus() == ann.id


def test_an_update_returns_before_and_after_and_moves_the_span(tmp_path):
    session, (doc,) = make_session(tmp_path)
    session.open_document(doc)
    late = session.tag(doc, 17, 23, "Actor").added[0]
    early = session.tag(doc, 8, 13, "Actor").added[0]

    changes = session.update_annotation(late.id, start=0, end=3)

    ((old, new),) = changes.updated
    assert (old.start, new.start, new.text) == (17, 0, "Kim")
    assert [a.id for a in session.spans.annotations()] == [late.id, early.id]
    assert changes.touched() == (0, 23)


def test_delete_returns_the_links_and_restore_puts_back_the_same_rows(tmp_path):
    session, (doc,) = make_session(tmp_path)
    session.open_document(doc)
    claim = session.tag(doc, 0, 13, "Claim").added[0]
    actor = session.tag(doc, 0, 3, "Actor").added[0]
    (rel,) = session.link("claimant", claim.id, actor.id).relations
    before = (session.project.annotations(doc), session.project.relations(doc))

    deleted = session.delete_annotation(actor.id)
    assert deleted.removed[0].id == actor.id and deleted.relations == (rel,)
    assert session.spans.by_id(actor.id) is None and session.project.relations(doc) == []

    session.restore_annotation(deleted.removed[0], deleted.relations)
    assert (session.project.annotations(doc), session.project.relations(doc)) == before
    assert session.spans.by_id(actor.id) == actor


def test_a_change_in_a_document_that_is_not_open_leaves_the_open_spans(tmp_path):
    session, (first, second) = make_session(tmp_path, 2)
    session.open_document(first)

    changes = session.tag(second, 0, 3, "Actor")

    assert changes.document_id == second and not changes.in_open_document
    assert len(session.spans) == 0 and session.spans.document_id == first


def test_a_recolour_changes_the_one_colour_table(tmp_path):
    session, (doc,) = make_session(tmp_path)
    session.open_document(doc)
    session.tag(doc, 0, 3, "Actor")
    schema = session.project.label_schema()
    actor = next(label for label in schema.labels if label.name == "Actor")
    labels = tuple(replace(lab, color="#2a9d8f") if lab is actor else lab for lab in schema.labels)
    recoloured = replace(schema, labels=labels)

    change, changes = session.change_schema(recoloured)

    assert changes.labels and session.spans.color("Actor") == "#2a9d8f"
    session.revert_schema(change)
    assert session.spans.color("Actor") == actor.color
    assert len(session.spans) == 1


def test_removal_and_restore_name_the_documents(tmp_path):
    session, (first, second) = make_session(tmp_path, 2)
    session.open_document(first)
    removed, changes = session.remove_documents([first])
    assert changes.documents == {first} and session.spans.document_id is None
    restored = session.restore_documents(removed)
    assert restored.document_id == first and restored.documents == {first}
    assert session.project.document_ids() == [first, second]
