"""``annotator suggest`` and ``annotator suggestions`` (issue #15): counts per source and label,
idempotent, a listing, accept-all and reject-all in one transaction, the model source's message
when it is not there."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.core.suggestion_rules import Rule
from annotator.store import NewDocument, Project

SEED = "Kim Jong-un met Moon Jae-in. Kim Jong Un left at 10:30."
OTHER = "KIM JONG–UN stayed home."


def make(path: Path) -> tuple[int, int]:
    with Project.open(path) as project:
        seed = project.add_document(NewDocument("Seed", StyledText(SEED, [])))
        other = project.add_document(NewDocument("Other", StyledText(OTHER, [])))
        project.add_actor("Kim Jong Un")
        project.add_actor("Moon Jae-in")
        label = project.labels()[-1].name
        project.set_rules(label, [Rule("regex", (r"\d\d:\d\d",))])
        return seed, other


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def annotations(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as project:
        return sorted(a.text for d in project.document_ids() for a in project.annotations(d))


def test_suggest_prints_counts_per_source_and_label_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    make(path)
    with Project.open(path, read_only=True) as project:
        label = project.labels()[-1].name
    result = run("suggest", path)
    assert result.exit_code == 0, result.output
    assert result.output == f"registry\tActor\t4\nrules\t{label}\t1\n5 suggestions added\n"
    assert run("suggest", path).output == "0 suggestions added\n"


def test_one_source_and_one_document(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    _, other = make(path)
    result = run("suggest", path, "--source", "registry", "--document", other)
    assert result.output == "registry\tActor\t1\n1 suggestion added\n"
    listing = run("suggestions", path, "--status", "open").stdout.splitlines()
    assert [line.split("\t")[-1] for line in listing] == ["KIM JONG–UN"]


def test_accept_all_and_reject_all(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    seed, _ = make(path)
    run("suggest", path, "--source", "registry")
    result = run("suggestions", path, "--accept-all", "--document", seed)
    assert result.output == "accepted 3 suggestions (3 new annotations)\n"
    assert annotations(path) == ["Kim Jong Un", "Kim Jong-un", "Moon Jae-in"]
    assert run("suggestions", path, "--reject-all").output == "rejected 1 suggestion\n"
    assert run("suggest", path, "--source", "registry").output == "0 suggestions added\n"
    statuses = [line.split("\t")[5] for line in run("suggestions", path).stdout.splitlines()]
    assert statuses == ["accepted", "accepted", "accepted", "rejected"]


def test_min_score_leaves_lower_scores_open(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    make(path)
    run("suggest", path, "--source", "rules")
    result = run("suggestions", path, "--accept-all", "--min-score", "2")
    assert result.output == "accepted 0 suggestions (0 new annotations)\n"
    assert len(run("suggestions", path, "--status", "open").stdout.splitlines()) == 1
