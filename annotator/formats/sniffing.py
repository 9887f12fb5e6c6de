"""Tell JSON dialects apart by their first record (they share ``.jsonl`` and ``.json``)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import orjson


def first_record(path: Path) -> dict[str, Any]:
    """The file's first record: its first line, or the first element of a JSON array or the
    object of a pretty-printed file (exports often are); {} when there is none. Remembered for
    the file as it is now, so the sniffers of one file read a pretty-printed one once, not once
    each."""
    try:
        info = path.stat()
    except OSError:
        return {}
    return _first_record(path, (info.st_ino, info.st_size, info.st_mtime_ns))


@functools.lru_cache(maxsize=8)
def _first_record(path: Path, _version: tuple[int, int, int]) -> dict[str, Any]:
    from annotator.formats.jsonl import iter_json_lines  # jsonl sniffs with this module

    try:
        for _, _, record in iter_json_lines(path):
            return record if isinstance(record, dict) else {}
    except (OSError, ValueError, TypeError):  # FormatError (too long, not JSON), too deep
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
    """doccano JSONL (or a JSON array of doccano records: doccano's JSON export)."""
    record = first_record(path)
    return "text" in record and ("label" in record or "entities" in record)


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
