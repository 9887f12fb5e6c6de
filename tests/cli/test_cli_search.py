"""``annotator search --fts`` takes the NEAR/N form the README shows (issue #9, item 7)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.services.search import fts5_near


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_near_slash_n_finds_words_at_most_n_apart(tmp_path: Path) -> None:
    close = tmp_path / "close.txt"
    close.write_text("Kim met Putin in Moscow.\n", encoding="utf-8")
    far = tmp_path / "far.txt"
    far.write_text("Kim spoke first; many hours later and far away, Putin replied.\n")
    project = tmp_path / "p.annotator"
    assert run("import", project, close, far).exit_code == 0

    result = run("search", project, "Kim NEAR/3 Putin", "--fts")

    assert result.exit_code == 0, result.output
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == ["close"]
    assert "[Kim] met [Putin]" in result.stdout


def test_near_forms_become_fts5_near_groups() -> None:
    assert fts5_near("Kim NEAR/3 Putin") == "NEAR(Kim Putin, 3)"
    assert fts5_near('"Kim Jong" NEAR Putin OR Seoul') == 'NEAR("Kim Jong" Putin, 10) OR Seoul'
    assert fts5_near("a NEAR/2 b NEAR/5 c") == "NEAR(a b c, 5)"
    assert fts5_near("NEAR(a b, 3) AND c") == "NEAR(a b, 3) AND c"
