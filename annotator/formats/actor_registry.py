"""The actor registry as a file (issue #12): JSON (one object per actor) or CSV; JSON is read
back by :func:`read_registry_json` (``annotator actors import``).

Aliases are a list in JSON and joined by `` | `` in CSV (a name never starts or ends with a
space, see ``store/actors.py``). Mentions are the spans linked to each actor when written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from annotator.core.actors import Actor, check_actor_type

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


def read_registry_json(text: str) -> list[Actor]:
    """The actors of a registry JSON file (as ``registry_text(..., "json")`` writes it); ids and
    mentions are the exporting project's and are not read. Raises ValueError, naming the
    record, for anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(data, list):
        raise ValueError("expected a JSON array of actors (`annotator actors export`)")
    return [_registry_actor(n, record) for n, record in enumerate(data, start=1)]


def _registry_actor(number: int, record: Any) -> Actor:
    if not isinstance(record, dict) or not str(record.get("name") or "").strip():
        raise ValueError(f"actor {number}: expected an object with a name")
    aliases = record.get("aliases") or []
    if not isinstance(aliases, list):
        raise ValueError(f"actor {number}: aliases must be a list of names")
    try:
        kind = check_actor_type(str(record.get("type") or "person"))
    except ValueError as exc:
        raise ValueError(f"actor {number}: {exc}") from None
    return Actor(
        0, str(record["name"]), kind, tuple(str(a) for a in aliases),
        str(record.get("description") or ""), str(record.get("external_id") or ""),
        str(record.get("color") or ""),
    )  # fmt: skip
