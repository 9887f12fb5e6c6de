"""A project made by the previous version: the read-only commands upgrade it (after a backup
copy) and then read it, instead of telling the user to "open it once normally"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project, schema
from annotator.store.lock import ProjectLock


@pytest.fixture
def old_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "old.annotator"
    with monkeypatch.context() as m:  # the schema one version back
        m.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:-1])
        m.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION - 1)
        with Project.open(path) as old:
            doc = old.add_document(NewDocument("Talks", StyledText("Kim met Putin.", [])))
            old.add_annotation(doc, 8, 13, "Actor")
    return path


@pytest.mark.parametrize("command", [["list"], ["export", "--format", "jsonl", "--output", "-"]])
def test_a_read_only_command_upgrades_an_older_project_then_reads_it(
    old_project: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(main, [*command[:1], str(old_project), *command[1:]])
    assert result.exit_code == 0, result.output
    version = schema.SCHEMA_VERSION
    assert f"upgraded old.annotator to this version's schema ({version})" in result.stderr
    assert "Putin" in result.stdout or "Talks" in result.stdout
    assert (old_project.parent / f"old.annotator.before-v{version}.bak").exists()


def test_an_upgrade_that_cannot_be_made_now_says_why(old_project: Path) -> None:
    """The previous version's window has it open (holds the lock): nothing is changed."""
    before = old_project.read_bytes()
    lock = ProjectLock.acquire(old_project)
    try:
        result = CliRunner().invoke(main, ["list", str(old_project)])
    finally:
        lock.release()
    assert result.exit_code == 1
    assert "was made by an earlier Annotator and needs an upgrade" in result.output
    assert "in use" in result.output
    assert old_project.read_bytes() == before
