"""CoNLL-U rows are told from CoNLL-2003 by their columns and ID rules, not by a digit; and the
CoNLL export counts what it cannot write (attributes, notes, relations, overlaps) where the CLI
prints it (issue #10, items 1 and 7)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project

CONLLU = (
    Path(__file__).resolve().parent.parent / "fixtures" / "formats" / "conll" / "conllu_ner.conll"
)


def test_conllu_rows_give_the_form_column_and_the_skipped_lines_are_said(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.annotator") as project:
        (outcome,) = import_paths(project, [CONLLU])
        assert outcome.status == "imported"
        assert "1 CoNLL-U multiword-token or empty-node line not kept" in outcome.message
        doc = project.document(outcome.document_id)
        assert doc.text == "Vamos nos a Madrid .\n2 de mayo"
        labels = [(a.text, a.label) for a in project.annotations(doc.id)]
        assert labels == [("Madrid", "LOC"), ("2 de mayo", "DATE")]


def test_cli_export_prints_what_conll_cannot_hold(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    text = "Putin said that taxes must rise. Lavrov agreed."
    with Project.open(path) as project:
        doc = project.add_document(NewDocument(title="t", styled=StyledText(text, [])))
        actor = project.add_annotation(doc, 0, 5, "Actor", attributes={"type": "person"}).id
        claim = project.add_annotation(
            doc, 16, 31, "Claim", attributes={"stance": "support", "certainty": "certain"},
            note="check",
        ).id  # fmt: skip
        project.add_annotation(doc, 16, 21, "Actor")  # inside the claim: overlaps
        project.add_relation("claimant", claim, actor)
    out = tmp_path / "out.conll"
    result = CliRunner().invoke(main, ["export", str(path), "--format", "conll", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "wrote 1 document, 2 spans to " + str(out) in lines
    assert "not written: 3 x attribute value of a span (CoNLL has no place for it)" in lines
    assert "not written: 1 x note on a span (CoNLL has no place for it)" in lines
    assert "not written: 1 x relation (CoNLL has no place for it)" in lines
    assert "not written: 1 x overlapping span (CoNLL)" in lines
