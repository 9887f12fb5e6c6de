"""Tell JSONL dialects apart by their first record (they share the ``.jsonl`` suffix)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from annotator.formats.safe_read import iter_lines


def first_record(path: Path) -> dict[str, Any]:
    try:
        for _, line in iter_lines(path):
            if line.strip():
                record = orjson.loads(line)
                return record if isinstance(record, dict) else {}
    except (OSError, ValueError):  # FormatError (too long, not a file) and JSONDecodeError
        pass
    return {}


# Keys only Prodigy writes: a record with one of them is a Prodigy answer, tokens or not.
PRODIGY_KEYS = ("answer", "_input_hash", "_task_hash")


def is_native_jsonl(path: Path) -> bool:
    record = first_record(path)
    foreign = ("tokens", "label", "entities", *PRODIGY_KEYS)
    return "text" in record and "spans" in record and not any(k in record for k in foreign)


def is_prodigy(path: Path) -> bool:
    record = first_record(path)
    if "text" not in record:
        return False
    if any(k in record for k in PRODIGY_KEYS):
        return True
    return ("tokens" in record or "spans" in record) and "title" not in record


def is_doccano(path: Path) -> bool:
    """doccano JSONL, or pretty-printed JSON (which the doccano reader reads when it holds
    doccano records and otherwise explains)."""
    record = first_record(path)
    doccano = "text" in record and ("label" in record or "entities" in record)
    return doccano or (not record and looks_like_pretty_json(path))


def looks_like_pretty_json(path: Path) -> bool:
    """A JSON array or a pretty-printed (multi-line) object where JSONL is expected: the file
    starts with ``[`` or ``{`` and its first line is not a JSON value of its own (doccano and
    Label Studio exports, or ``json.dump(..., indent=2)``)."""
    try:
        with path.open("rb") as fh:
            for line in fh:
                if line.strip():
                    if line.lstrip()[:1] not in (b"[", b"{"):
                        return False
                    return isinstance(orjson.loads(line), list)  # an array on one line
    except orjson.JSONDecodeError:
        return True
    except OSError:
        pass
    return False
