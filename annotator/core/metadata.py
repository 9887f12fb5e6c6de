"""Document metadata: the fields every document may carry, and how they are normalised.

Metadata lives in ``documents.meta`` (a JSON object). The library fields below are the ones the
GUI edits and the exporters carry; any other key an importer wrote (``source_file``, a JSONL
record's own keys) is kept untouched.

- ``date`` is an ISO date (``YYYY-MM-DD``) when it can be recognised, else the text as given.
- ``tags`` is a list of distinct, non-empty strings (a comma-separated string is split).
- Empty values are removed rather than stored as ``""``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

META_FIELDS: tuple[str, ...] = ("title", "source", "author", "date", "url", "language", "tags")
FIELD_LABELS: dict[str, str] = {
    "title": "Title",
    "source": "Source",
    "author": "Author",
    "date": "Date",
    "url": "URL",
    "language": "Language",
    "tags": "Tags",
}

_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: str) -> str:
    """An ISO ``YYYY-MM-DD`` for the usual news spellings; the stripped input otherwise."""
    text = value.strip()
    match = _ISO_PREFIX.match(text)
    if match:
        return _valid(*(int(g) for g in match.groups())) or text
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month, year = int(match.group(1)), _MONTHS[match.group(2).lower()], match.group(3)
        return _valid(int(year), month, day) or text
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in _MONTHS:
        month, day, year = _MONTHS[match.group(1).lower()], int(match.group(2)), match.group(3)
        return _valid(int(year), month, day) or text
    return text


_ISO_ANYWHERE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-][\d:]+)?)?\b")


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date written in ``text`` as (ISO date, start, end) of where it is written."""
    iso = _ISO_ANYWHERE.search(text)
    if iso:
        found = _valid(*(int(g) for g in iso.groups()))
        if found:
            return found, iso.start(), iso.end()
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match:
            found = normalize_date(match.group(0))
            if _ISO_PREFIX.fullmatch(found):
                return found, match.start(), match.end()
    return None


def date_from_ddmmyyyy(digits: str) -> str | None:
    """``"22102024"`` -> ``"2024-10-22"`` (the MENAFN ID line's form); None if not a date."""
    if len(digits) != 8 or not digits.isdigit():
        return None
    return _valid(int(digits[4:]), int(digits[2:4]), int(digits[:2]))


def normalize_tags(value: Any) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    tags: list[str] = []
    for item in items:
        tag = str(item).strip()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def normalize_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``meta`` with the library fields cleaned and empty ones removed."""
    result = dict(meta)
    for key in META_FIELDS:
        if key not in result:
            continue
        value = result[key]
        if key == "tags":
            value = normalize_tags(value)
        elif isinstance(value, datetime | date):
            value = value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
        elif value is None:
            value = ""
        else:
            value = str(value).strip()
            if key == "date":
                value = normalize_date(value)
        if value:
            result[key] = value
        else:
            del result[key]
    return result


def merge_meta(found: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """Recognised metadata (``found``) under what an importer or user gave explicitly."""
    merged = normalize_meta(found)
    merged.update({k: v for k, v in normalize_meta(given).items() if v not in ("", [], None)})
    return merged


def meta_for_display(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key, "")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def apply_edit(meta: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """The document's meta after a user edited the library fields (a cleared field is removed).

    Keys other than the library fields (``source_file``, a JSONL record's own keys) are kept.
    """
    result = {k: v for k, v in meta.items() if k not in values}
    result.update({k: v for k, v in values.items() if k in META_FIELDS})
    return normalize_meta(result)
