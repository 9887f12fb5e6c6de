"""``annotator tag-all PROJECT --label L --text T…`` (issue #12 item 2): both spellings of a name
tagged, those already tagged skipped, a dry run writes nothing, an unknown label nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project

SEED = (
    "North Korean leader Kim Jong-un said on Tuesday that talks had failed.\n\n"
    "Analysts doubt that Kim Jong Un will return to the table."
)
OTHER = "Seoul said KIM JONG–UN met envoys.\r\nKimchi prices rose."


def make(path: Path) -> tuple[int, int]:
    with Project.open(path) as project:
        seed = project.add_document(NewDocument("Seed", StyledText(SEED, [])))
        other = project.add_document(NewDocument("Other", StyledText(OTHER, [])))
        project.add_document(NewDocument("Third", StyledText("Markets rose.", [])))
        start = SEED.index("Kim Jong Un")
        project.add_annotation(seed, start, start + len("Kim Jong Un"), "Actor")
        return seed, other


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def actors(path: Path) -> list[str]:
    with Project.open(path, read_only=True) as project:
        return sorted(a.text for d in project.document_ids() for a in project.annotations(d))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_both_spellings_are_tagged_and_the_tagged_one_skipped(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    make(path)
    result = run("tag-all", str(path), "--label", "Actor", "--text", "Kim Jong-un")
    assert result.exit_code == 0, result.output
    assert result.output == "tagged 2 occurrences in 2 documents; 1 already tagged\n"
    assert actors(path) == ["KIM JONG–UN", "Kim Jong Un", "Kim Jong-un"]
    again = run("tag-all", str(path), "--label", "Actor", "--text", "kim jong un")
    assert again.output == "tagged 0 occurrences in 0 documents; 3 already tagged\n"


def test_exact_and_one_document(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    _, other = make(path)
    exact = ["--label", "Actor", "--text", "Kim Jong-un", "--exact", "--document", str(other)]
    assert run("tag-all", str(path), *exact).output == "tagged 0 occurrences in 0 documents\n"
    result = run("tag-all", str(path), "--label", "Actor", "--text", "Kim Jong-un", "--exact")
    assert result.output == "tagged 1 occurrence in 1 document\n"
    assert actors(path) == ["Kim Jong Un", "Kim Jong-un"]


def test_a_dry_run_prints_the_occurrences_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    seed, other = make(path)
    before = digest(path)
    result = run("tag-all", str(path), "--label", "Actor", "--text", "Kim Jong Un", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{seed}\t20\t31\tnew\t…North Korean leader [Kim Jong-un] said on Tuesday that talks"
        r" had failed.\n…",
        f"{seed}\t92\t103\talready tagged\t… talks had failed." + r"\n\nAnalysts doubt that"
        " [Kim Jong Un] will return to the table.…",
        f"{other}\t11\t22\tnew\t…Seoul said [KIM JONG–UN] met envoys." + r"\r\nKimchi prices"
        " rose.…",
        "would tag 2 occurrences in 2 documents; 1 already tagged",
    ]  # line breaks in the context are shown as \n, one occurrence per line
    assert digest(path) == before


def test_an_unknown_label_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    make(path)
    result = run("tag-all", str(path), "--label", "Akteur", "--text", "Kim Jong Un")
    assert result.exit_code == 1
    assert "There is no label called 'Akteur'" in result.output
    assert actors(path) == ["Kim Jong Un"]


def test_a_name_is_required(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    make(path)
    result = run("tag-all", str(path), "--label", "Actor")
    assert result.exit_code == 2 and "Give --text TEXT or --actor NAME" in result.output


def test_an_actor_brings_its_aliases_and_every_span_links_to_it(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    make(path)
    with Project.open(path) as project:
        kim = project.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
    result = run("tag-all", str(path), "--label", "Actor", "--actor", "kim jong-un", "--exact")
    assert result.output == "tagged 1 occurrence in 1 document; 1 already tagged\n"
    with Project.open(path, read_only=True) as project:
        linked = [(a.text, project.annotation_actor(a.id)) for a in project.annotations(1)]
    assert sorted(linked) == [("Kim Jong Un", None), ("Kim Jong-un", kim)]
    unknown = run("tag-all", str(path), "--label", "Actor", "--actor", "Kim Il-sung")
    assert unknown.exit_code == 1 and "There is no actor called 'Kim Il-sung'" in unknown.output
