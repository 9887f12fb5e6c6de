"""Every ``annotator …`` command the README shows runs and says something (issue #9, item 7).

The commands are read from README.md itself (fenced ``text``/``bash`` blocks and inline code),
never listed here, so an example that breaks, or a new one that does not work, fails a test.
Placeholders become real things: PROJECT/P a project with an article and spans, PATH/FILES/FILE
the article, FOLDER its folder, NAME a format, QUERY a word; ``[--option …]`` groups are left
out, ``[PROJECT]`` is filled in. GUI commands run the real window offscreen with
``--screenshot FILE --quit``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.store import Project

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
ARTICLE = (
    "Kim Jong-un met Putin in Moscow on Friday.\n\n"
    "Officials in Seoul said Kim Jong Un wants talks to resume soon.\n"
)
PROJECT_WORDS = {"PROJECT", "P", "PROJECT.annotator"}
INPUT_WORDS = {"PATH", "PATH…", "FILES", "FILES…", "FILE", "FILE…"}
FOLDER_WORDS = {"FOLDER", "FOLDER…"}
GUI = {"gui"}

_FENCE = re.compile(r"^```(?:text|bash)\n(.*?)^```", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`(annotator(?:\s[^`]*)?)`")
_PLACEHOLDER = re.compile(r"\b[A-Z]{1,}(?:\.annotator)?…?(?=[\s\]…]|$)")
_DESCRIPTION = re.compile(r"\s{2,}\S.*$")  # "annotator where      path of the default project"


def readme_commands() -> tuple[list[str], list[str]]:
    """(examples, mentions) in README.md, whitespace normalised, in order, each once.

    Examples: the ``annotator`` lines of fenced blocks, and inline code with a placeholder
    (``annotator import PROJECT PATH…``). Mentions: inline code naming a command in a sentence
    (``annotator import`` "is told …"): they are not a complete call, so they are checked with
    ``--help`` (the command and its options exist) instead of being run.
    """
    text = README.read_text(encoding="utf-8")
    examples: list[str] = []
    for block in _FENCE.findall(text):
        for line in block.splitlines():
            if line.startswith("annotator"):
                examples.append(_DESCRIPTION.sub("", line.rstrip()))
    inline = [" ".join(code.split()) for code in _INLINE.findall(text)]
    examples += [code for code in inline if _PLACEHOLDER.search(code)]
    examples = list(dict.fromkeys(" ".join(c.split()) for c in examples))
    mentions = [c for c in dict.fromkeys(inline) if c not in examples]
    return examples, mentions


def _drop_option_groups(command: str) -> str:
    """``[--label L…]`` goes, ``[PROJECT]`` / ``[FILES…]`` stay without their brackets."""
    command = re.sub(r"\[\s*--[^\]]*\]", " ", command)
    return re.sub(r"\[([^\]]*)\]", r"\1", command)


def concrete(command: str, project: Path, article: Path, out_dir: Path) -> list[str]:
    """The README's command with its placeholders replaced by real paths and values."""
    words = shlex.split(_drop_option_groups(command))[1:]
    args: list[str] = []
    for i, word in enumerate(words):
        if word == "…":
            continue
        if i and words[i - 1] in ("--output", "-o"):
            args.append(str(out_dir / f"export-{len(args)}"))
        elif word in PROJECT_WORDS:
            args.append(str(project))
        elif word in INPUT_WORDS:
            args.append(str(article))
        elif word in FOLDER_WORDS:
            args.append(str(article.parent))
        elif word == "NAME":
            args.append("jsonl")
        elif word == "QUERY":
            args.append("Putin")
        elif word in ("ID", "ID…"):
            args.append("1")  # the project made below has one document, id 1
        elif word.endswith(".annotator"):  # another annotator's file, or a team's: a copy
            copy = out_dir / word
            if not copy.exists():
                shutil.copyfile(project, copy)
            args.append(str(copy))
        else:
            args.append(word)
    return args


def make_project(path: Path, article: Path) -> None:
    assert CliRunner().invoke(main, ["import", str(path), str(article)]).exit_code == 0
    with Project.open(path) as project:
        [doc_id] = project.document_ids()
        text = project.document(doc_id).text
        for phrase, label, attributes in [
            ("Kim Jong Un", "Actor", {"type": "person"}),
            ("talks to resume soon", "Claim", {"stance": "support"}),
        ]:
            start = text.index(phrase)
            project.add_annotation(doc_id, start, start + len(phrase), label, attributes=attributes)
        # The registry the corpus examples use: an actor with an alias, and a duplicate to merge.
        project.add_actor("Kim Jong Un", aliases=["Kim Jong-un"])
        project.add_actor("KJU")


COMMANDS, MENTIONS = readme_commands()


def test_the_readme_has_command_examples() -> None:
    """The parser finds the examples (so an empty list cannot make every test pass)."""
    subcommands = {c.split()[1] for c in COMMANDS if len(c.split()) > 1}
    assert {"gui", "import", "export", "formats", "list", "search", "check", "where"} <= (
        subcommands
    )
    assert "annotator search PROJECT 'Kim NEAR/3 Putin' --fts" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str, tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    article = tmp_path / "articles" / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    project = tmp_path / "readme.annotator"
    make_project(project, article)
    args = concrete(command, project, article, tmp_path)
    if args[:1] == ["train"] or args[-2:] == ["--source", "model"]:
        # A model needs a corpus to learn from (tests/services/test_training.py trains one):
        # here the command and its options are checked to exist.
        args = [a for a in args if a != str(project)] + ["--help"]

    if not args or args[0] in GUI:
        output = run_gui(args, tmp_path)
    else:
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, f"{command}\n{args}\n{result.output}"
        output = result.stdout
    assert output.strip(), f"{command} printed nothing"
    if args and args[0] == "search":
        assert "talks" in output  # the title of the matching document
    if args and args[0] == "export" and "--split" in args:  # one line per split
        assert "train: wrote 1 document" in output or "wrote 1 document" in output
    elif args and args[0] == "export":
        assert output.startswith("wrote 1 document")


def run_gui(args: list[str], tmp_path: Path) -> str:
    """The real window, offscreen, in its own process: saved as a PNG, then closed."""
    shot = tmp_path / "window.png"
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "annotator", *args, "--screenshot", str(shot), "--quit"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    assert shot.exists() and shot.stat().st_size > 0
    return done.stdout


@pytest.mark.parametrize("mention", MENTIONS)
def test_readme_command_mention_names_a_real_command_and_options(mention: str) -> None:
    result = CliRunner().invoke(main, [*shlex.split(mention)[1:], "--help"])
    assert result.exit_code == 0, f"{mention}\n{result.output}"
    assert result.stdout.startswith("Usage:")


def test_placeholders_become_real_arguments(tmp_path: Path) -> None:
    project, article = tmp_path / "p.annotator", tmp_path / "articles" / "a.txt"
    args = concrete(
        "annotator export [PROJECT] --format NAME --output PATH [--label L…]",
        project,
        article,
        tmp_path,
    )
    assert args == ["export", str(project), "--format", "jsonl", "--output", args[-1]]
    assert Path(args[-1]).parent == tmp_path
    assert concrete("annotator import PROJECT FILE … [--format NAME]", project, article, tmp_path)[
        1:
    ] == [str(project), str(article)]
