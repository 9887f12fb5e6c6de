"""brat standoff reader: a folder of ``.txt`` + ``.ann`` pairs, or one ``.ann`` file.

Kept: ``T`` (text-bound spans, fragments included; fragments that only a line break separates are
joined back into one span, undoing what the writer had to do), ``R`` (relations), ``A``/``M``
(attributes of spans) and ``#`` (notes on spans). Not supported, and reported per document:
``E`` (events; their trigger spans are kept), ``N`` (normalisations), ``*`` (equivalences), and
attributes or notes on events or relations.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.plural import plural
from annotator.formats.model import (
    FormatError,
    ImportedDocument,
    ImportedRelation,
    ImportedSpan,
)
from annotator.formats.reading import checked_span, new_document
from annotator.formats.safe_read import read_dataset_text, read_document_bytes
from annotator.formats.tokens import LINE_BREAKS

UNSUPPORTED = {"E": "event", "N": "normalisation", "*": "equivalence"}


@dataclass(slots=True)
class _Parsed:
    spans: dict[str, ImportedSpan] = field(default_factory=dict)
    relations: list[ImportedRelation] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def read_brat(path: Path) -> list[ImportedDocument]:
    if path.is_dir():
        anns = sorted(path.glob("*.ann"))
        if not anns:
            raise FormatError(f"{path.name}: no .ann files in this folder.")
        return [read_pair(ann) for ann in anns]
    return [read_pair(path.with_suffix(".ann"))]


def read_pair(ann_path: Path) -> ImportedDocument:
    txt_path = ann_path.with_suffix(".txt")
    if not txt_path.exists():
        raise FormatError(f"{ann_path.name}: its text file {txt_path.name} is missing.")
    source = read_document_bytes(txt_path)
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(f"{txt_path.name}: not UTF-8 (byte {exc.start}).") from exc
    parsed = parse_ann(ann_path.name, text, read_dataset_text(ann_path))
    warnings = [
        f"{ann_path.name}: {plural(n, f'{UNSUPPORTED.get(kind, kind)} line')} not supported,"
        " skipped"
        for kind, n in sorted(parsed.skipped.items())
    ]
    doc = new_document(txt_path, text, source=source, renderer="brat")
    return ImportedDocument(doc, list(parsed.spans.values()), parsed.relations, warnings)


def ann_lines(content: str) -> list[str]:
    """Lines split on ``\\n`` only: a text field may hold U+2028 and other breaks."""
    return [line.removesuffix("\r") for line in content.split("\n") if line.strip()]


def parse_ann(name: str, text: str, content: str) -> _Parsed:
    parsed = _Parsed()
    lines = ann_lines(content)
    for number, line in enumerate(lines, start=1):
        if line.startswith("T"):
            _text_bound(f"{name}, line {number}", text, line, parsed)
    for number, line in enumerate(lines, start=1):
        where = f"{name}, line {number}"
        kind = line[0]
        if kind == "R":
            _relation(where, line, parsed)
        elif kind in "AM":
            _attribute(where, line, parsed)
        elif kind == "#":
            _note(where, line, parsed)
        elif kind != "T":
            parsed.skipped[kind] += 1
    return parsed


def _fields(where: str, line: str, count: int) -> list[str]:
    parts = line.split("\t")
    if len(parts) < count:
        raise FormatError(f"{where}: expected {count} tab-separated fields in {line!r}.")
    return parts


def _text_bound(where: str, text: str, line: str, parsed: _Parsed) -> None:
    tid, head, quoted = _fields(where, line, 3)[:3]
    label, _, offsets = head.partition(" ")
    try:
        pieces = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
        frags = [(p[0], p[1]) for p in pieces if len(p) == 2]
    except ValueError:
        raise FormatError(f"{where}: bad offsets {offsets!r}.") from None
    if not frags or len(frags) != len(pieces):
        raise FormatError(f"{where}: bad offsets {offsets!r}.")
    for s, e in frags:
        checked_span(where, text, ImportedSpan(s, e, label), None)
    if " ".join(text[s:e] for s, e in frags) != quoted:
        raise FormatError(
            f"{where}: {tid} says {quoted!r} but its offsets cover "
            f"{' '.join(text[s:e] for s, e in frags)!r} (offsets must count code points)."
        )
    if tid in parsed.spans:
        raise FormatError(f"{where}: the id {tid} is used twice.")
    merged = join_line_breaks(text, frags)
    fragments = tuple(merged) if len(merged) > 1 else None
    span = ImportedSpan(merged[0][0], merged[-1][1], label, fragments=fragments, id=tid)
    parsed.spans[tid] = checked_span(where, text, span, None)


def join_line_breaks(text: str, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join fragments separated only by line breaks (how spans with breaks are written)."""
    merged = [frags[0]]
    for start, end in frags[1:]:
        gap = text[merged[-1][1] : start]
        if start >= merged[-1][1] and gap and all(ch in LINE_BREAKS for ch in gap):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _relation(where: str, line: str, parsed: _Parsed) -> None:
    head = _fields(where, line, 2)[1]
    rtype, *args = head.split()
    ids = [arg.partition(":")[2] for arg in args]
    if len(ids) != 2 or not all(i in parsed.spans for i in ids):
        parsed.skipped["relation between non-span annotations"] += 1
        return
    parsed.relations.append(ImportedRelation(rtype, ids[0], ids[1]))


def _attribute(where: str, line: str, parsed: _Parsed) -> None:
    head = _fields(where, line, 2)[1].split()
    if len(head) < 2:
        raise FormatError(f"{where}: an attribute needs a name and a target.")
    name, target, *value = head
    span = parsed.spans.get(target)
    if span is None:
        parsed.skipped["attribute of an event or relation"] += 1
        return
    attributes = {**span.attributes, name: value[0] if value else True}
    parsed.spans[target] = replace(span, attributes=attributes)


def _note(where: str, line: str, parsed: _Parsed) -> None:
    fields = _fields(where, line, 2)
    target = fields[1].split()[-1]
    note = fields[2] if len(fields) > 2 else ""
    span = parsed.spans.get(target)
    if span is None:
        parsed.skipped["note on an event or relation"] += 1
        return
    parsed.spans[target] = replace(span, note=f"{span.note}\n{note}" if span.note else note)
