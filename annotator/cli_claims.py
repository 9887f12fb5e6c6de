"""``annotator claims``: the claims table (one row per Claim span, with its claimant) as CSV or
JSONL, written like an export: a file is replaced only once complete; ``-`` is standard output."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.core.plural import plural
from annotator.formats.files import atomic_binary, is_stream
from annotator.services.claims import CLAIM_FORMATS, claim_rows, write_claims


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="csv",
              show_default=True)  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="File to write; - (the default) for standard output.")  # fmt: skip
def claims(project: str, fmt: str, output: str) -> None:
    """Write PROJECT's claims: document, title, source, date, claim text, claimant (the
    registry's canonical name), stance, certainty, note and offsets."""
    from annotator.cli import _open  # cli.py imports this module

    with _open(project, read_only=True, lock=False) as proj, proj.snapshot():
        rows = claim_rows(proj)
    target = Path(output)
    if output == "-":
        sys.stdout.flush()
        write_claims(rows, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elif is_stream(target):
        with target.open("wb") as fh:
            write_claims(rows, fmt, fh)
    else:
        if not target.parent.exists():
            raise click.ClickException(f"The folder {target.parent} does not exist.")
        with atomic_binary(target) as fh:
            write_claims(rows, fmt, fh)
    where = "standard output" if output == "-" else output
    click.echo(f"wrote {plural(len(rows), 'claim')} to {where}", err=True)
