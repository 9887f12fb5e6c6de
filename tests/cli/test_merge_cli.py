"""``annotator merge`` (issue #13): what it prints per input, and its refusals."""

from __future__ import annotations

from click.testing import CliRunner
from team_projects import make_ann, make_ben

from annotator.cli import main


def test_merge_prints_per_input_documents_spans_and_conflicts(tmp_path):
    ann, ben = make_ann(tmp_path / "ann.annotator"), make_ben(tmp_path / "ben.annotator")
    out = tmp_path / "team.annotator"
    result = CliRunner().invoke(main, ["merge", str(out), str(ann), str(ben)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "input\tann.annotator",
        "documents\t0 matched, 2 added",
        "spans\t2 added, 0 skipped as duplicates",
        "relations\t1 added, 0 skipped as duplicates",
        "actors\t0 matched, 1 added",
        "conflicts\t0",
        "input\tben.annotator",
        "documents\t2 matched, 0 added",
        "spans\t4 added, 0 skipped as duplicates",
        "relations\t0 added, 0 skipped as duplicates",
        "actors\t1 matched, 0 added",
        "authors\t1 span(s) had no author and are filed under 'ben'",
        "conflicts\t1",
        "conflict\tdocument 1 'one', ben at 4-28 'said the talks went well': Claim"
        ' {"stance": "oppose"} / Claim note \'second thoughts\' (both kept)',
        "merged\t2 project(s) into team.annotator",
    ]
    again = CliRunner().invoke(main, ["merge", str(out), str(ben)])
    assert "spans\t0 added, 4 skipped as duplicates" in again.output.splitlines()


def test_merge_refuses_to_overwrite_a_file_that_is_not_a_project(tmp_path):
    ann = make_ann(tmp_path / "ann.annotator")
    out = tmp_path / "notes.txt"
    out.write_text("keep me")
    result = CliRunner().invoke(main, ["merge", str(out), str(ann)])
    assert result.exit_code == 1 and "Error:" in result.output
    assert out.read_text() == "keep me"
    itself = CliRunner().invoke(main, ["merge", str(ann), str(ann)])
    assert itself.exit_code == 1 and "cannot be merged into itself" in itself.output


def test_a_span_linked_to_a_missing_actor_is_merged_unlinked_and_said_so(tmp_path):
    import sqlite3

    ben = make_ben(tmp_path / "ben.annotator")
    conn = sqlite3.connect(ben)  # a damaged link: actor 42 is not in the registry
    conn.execute("UPDATE annotations SET actor_id = 42 WHERE text = 'The DPRK'")
    conn.commit()
    conn.close()
    out = tmp_path / "team.annotator"
    result = CliRunner().invoke(main, ["merge", str(out), str(ben)])
    assert result.exit_code == 0, result.output
    assert (
        "actors\t1 span(s) linked to an actor missing from the input's registry were merged"
        " without the link"
    ) in result.output.splitlines()
