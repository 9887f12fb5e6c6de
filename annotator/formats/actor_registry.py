"""The actor registry as a file (issue #12): JSON (one object per actor) or CSV.

Aliases are a list in JSON and joined by `` | `` in CSV (a name never starts or ends with a
space, see ``store/actors.py``). Mentions are the spans linked to each actor when written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from annotator.core.actors import Actor

REGISTRY_FORMATS = ("json", "csv")
CSV_COLUMNS = ("id", "name", "type", "aliases", "description", "external_id", "color", "mentions")
ALIAS_SEPARATOR = " | "


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "aliases": list(actor.aliases),
        "description": actor.description,
        "external_id": actor.external_id,
        "color": actor.color,
        "mentions": actor.mentions,
    }


def registry_text(actors: Sequence[Actor], fmt: str) -> str:
    """The registry in ``fmt`` (json or csv), ready to write as UTF-8."""
    records = [actor_record(a) for a in actors]
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt != "csv":
        raise ValueError(f"unknown registry format {fmt!r}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        record["aliases"] = ALIAS_SEPARATOR.join(record["aliases"])
        writer.writerow([record[c] for c in CSV_COLUMNS])
    return out.getvalue()
