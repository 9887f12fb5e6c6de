"""``annotator claims``: the claims table (one row per Claim span, with its claimant) as CSV or
JSONL, written like an export: a file is replaced only once complete; ``-`` is standard output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import click

from annotator.core.plural import plural
from annotator.formats.files import atomic_binary, is_stream
from annotator.services.claims import CLAIM_FORMATS, claim_rows, write_claims

# ``--output`` of the commands that write one file through write_output (claims, actors export).
output_option = click.option(
    "--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
    help="File to write; - (the default) for standard output.",
)  # fmt: skip


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="csv",
              show_default=True)  # fmt: skip
@output_option
def claims(project: str, fmt: str, output: str) -> None:
    """Write PROJECT's claims: document, title, source, date, claim text, claimant (the
    registry's canonical name), stance, certainty, note and offsets."""
    from annotator.cli import _open  # cli.py imports this module

    with _open(project, read_only=True, lock=False) as proj, proj.snapshot():
        rows = claim_rows(proj)
    where = write_output(output, lambda fh: write_claims(rows, fmt, fh))
    click.echo(f"wrote {plural(len(rows), 'claim')} to {where}", err=output == "-")


def write_output(output: str, write: Callable[[IO[bytes]], None]) -> str:
    """Run ``write`` on standard output (``-``), a stream (FIFO, /dev/stdout) or a file that is
    replaced only once complete, as exports do; return where it went, for the summary line."""
    target = Path(output)
    if output == "-":
        sys.stdout.flush()
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return "standard output"
    if is_stream(target):
        with target.open("wb") as fh:
            write(fh)
        return output
    if not target.parent.exists():
        raise click.ClickException(f"The folder {target.parent} does not exist.")
    with atomic_binary(target) as fh:
        write(fh)
    return output
