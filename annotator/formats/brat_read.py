"""brat standoff reader: a folder of ``.txt`` + ``.ann`` pairs, or one ``.ann`` file.

Kept: ``T`` (text-bound spans, fragments included; fragments that only a line break separates are
joined back into one span, undoing what the writer had to do), ``R`` (relations), ``A``/``M``
(attributes) and ``#`` (notes). Kept in the model's terms, and reported per file:
``E`` (an event is its trigger span plus one relation per argument, typed by the role, from the
trigger to the argument), ``N`` (normalisations become the span attributes ``normalization`` =
``Wikidata:Q42`` and ``normalization_text``; a second one on a span ``normalization_2``…) and
``*`` (equivalences become ``Equiv`` relations chaining the members). Attributes, notes and
normalisations of an event go to its trigger span. An ``N`` line naming an actor links the span
to the target project's registry actor of that name or alias (created when none answers to it,
the ID kept as its external id): every ``Annotator:ID`` line (what our export writes, kept only
as the link), and the first normalisation of an ``Actor`` span from another database (kept as
the attributes too, its ``DB:ID`` as the external id). What the model cannot hold (attributes or
notes of relations, references to missing ids) is counted per file.

A folder is read file by file: a bad ``.ann`` is named with its cause in
``ImportedDocuments.failures`` and the folder's other documents are read. A CRLF ``.txt`` whose
offsets count LF line ends gets LF line ends; offsets in UTF-16 code units or UTF-8 bytes are
converted (both reported; see :mod:`annotator.formats.brat_offsets`). A ``.txt`` without its
``.ann`` is a document without annotations, as brat shows it. In an INCEpTION-style project
export (``annotation/<document>/<user>.ann``, the text in ``source/<document>``) each user's
file is read against that text, its spans authored by the user (issue #13).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.actors import ACTOR_TYPES
from annotator.core.plural import plural
from annotator.formats.brat_offsets import TextBound, align
from annotator.formats.model import (
    FileFailure,
    FormatError,
    ImportedActor,
    ImportedDocument,
    ImportedDocuments,
    ImportedRelation,
    ImportedSpan,
)
from annotator.formats.reading import new_document
from annotator.formats.safe_read import read_dataset_text, read_document_bytes
from annotator.formats.tokens import LINE_BREAKS

NORMALIZATION = "normalization"  # span attribute holding a brat N line's "DB:ID"
ACTOR_DB = "Annotator"  # the DB of the N lines our export writes for registry actors
ACTOR_LABEL = "Actor"


@dataclass(slots=True)
class _Parsed:
    spans: dict[str, ImportedSpan] = field(default_factory=dict)
    relations: list[ImportedRelation] = field(default_factory=list)
    triggers: dict[str, str] = field(default_factory=dict)  # event id -> trigger span id
    relation_ids: set[str] = field(default_factory=set)
    actors: dict[str, tuple[str, str]] = field(default_factory=dict)  # span id -> (name, ext id)
    kept: Counter[str] = field(default_factory=Counter)  # kept in another form, by kind
    skipped: Counter[str] = field(default_factory=Counter)

    def target(self, ann_id: str, what: str) -> str | None:
        """The span an A/N/# line or an argument refers to (an event's is its trigger)."""
        tid = self.triggers.get(ann_id, ann_id)
        if tid in self.spans:
            return tid
        owner = "a relation" if ann_id in self.relation_ids else "a missing annotation"
        self.skipped[f"{what} of {owner}"] += 1
        return None


def read_brat(path: Path) -> list[ImportedDocument]:
    if not path.is_dir():
        return [read_pair(path.with_suffix(".ann"))]
    anns = sorted(path.glob("*.ann"))
    if not anns:
        raise FormatError(f"{path.name}: no .ann files in this folder.")
    documents = ImportedDocuments()
    for ann in anns:
        try:
            documents.append(read_pair(ann))
        except FormatError as exc:
            documents.failures.append(FileFailure(ann, f"{exc} Not imported."))
    for txt in sorted(path.glob("*.txt")):
        if not txt.with_suffix(".ann").exists():
            documents.append(_unannotated(txt))
    return documents


def _read_txt(txt_path: Path) -> tuple[str, bytes]:
    """A brat document's text (UTF-8, a BOM dropped) and its bytes, read with the size cap."""
    source = read_document_bytes(txt_path)
    try:
        return source.decode("utf-8-sig"), source
    except UnicodeDecodeError as exc:
        raise FormatError(f"{txt_path.name}: not UTF-8 (byte {exc.start}).") from exc


def _unannotated(txt_path: Path) -> ImportedDocument:
    text, source = _read_txt(txt_path)
    doc = new_document(txt_path, text, source=source, renderer="brat")
    warning = f"{txt_path.name}: no {txt_path.with_suffix('.ann').name}; imported unannotated"
    return ImportedDocument(doc, warnings=[warning])


def read_pair(ann_path: Path) -> ImportedDocument:
    txt_path, author = _text_of(ann_path)
    if not txt_path.exists():
        raise FormatError(f"{ann_path.name}: its text file {txt_path.name} is missing.")
    raw, source = _read_txt(txt_path)
    text, parsed, notes = parse_ann(ann_path.name, raw, read_dataset_text(ann_path))
    doc = new_document(txt_path, text, source=source, renderer="brat")
    warnings = notes + _report(ann_path.name, parsed)
    spans = [s if s.author else replace(s, author=author) for s in parsed.spans.values()]
    return ImportedDocument(doc, spans, parsed.relations, warnings)


def _text_of(ann_path: Path) -> tuple[Path, str]:
    """The ``.txt`` beside an ``.ann`` (no author), or, in an INCEpTION-style project export
    (``annotation/<document>/<user>.ann`` with the text in ``source/<document>``), that text
    and the user the file is named after (the author of its spans, issue #13)."""
    beside = ann_path.with_suffix(".txt")
    folder = ann_path.parent
    if beside.exists() or folder.parent.name != "annotation":
        return beside, ""
    source = folder.parent.parent / "source" / folder.name
    return (source, ann_path.stem) if source.is_file() else (beside, "")


def _report(name: str, parsed: _Parsed) -> list[str]:
    """What was kept in another form, then what was not kept, with counts."""
    n = parsed.kept
    kept = []
    if n["event"]:
        kept.append(
            f"{plural(n['event'], 'event')} kept as trigger spans with"
            f" {plural(n['role'], 'role relation')} (trigger → argument)"
        )
    if n["normalisation"]:
        kept.append(
            f"{plural(n['normalisation'], 'normalisation')} kept as span attributes"
            f" ({NORMALIZATION} = DB:ID, {NORMALIZATION}_text)"
        )
    if n["actor"]:
        kept.append(f"{plural(n['actor'], 'span')} linked to registry actors (N lines)")
    if n["equivalence"]:
        kept.append(
            f"{plural(n['equivalence'], 'equivalence')} kept as"
            f" {plural(n['equivalence relation'], 'relation')} between their members"
        )
    kept = [f"{name}: {what}" for what in kept]
    skipped = [f"{name}: {plural(n, what)} not kept" for what, n in sorted(parsed.skipped.items())]
    return kept + skipped


def ann_lines(content: str) -> list[tuple[int, str]]:
    """(line number, line), split on ``\\n`` only: a text field may hold U+2028 and other
    breaks; blank lines skipped."""
    lines = [line.removesuffix("\r") for line in content.split("\n")]
    return [(n, line) for n, line in enumerate(lines, start=1) if line.strip()]


def parse_ann(name: str, raw: str, content: str) -> tuple[str, _Parsed, list[str]]:
    """(the LF text, what the lines hold, what was converted) of one ``.ann`` and its text."""
    lines = [(f"{name}, line {n}", line) for n, line in ann_lines(content)]
    for where, line in lines:
        if line[0] not in "TREAMN#*":
            raise FormatError(f"{where}: not a brat annotation line ({line[:40]!r}).")
    bounds = [_text_bound(where, line) for where, line in lines if line[0] == "T"]
    text, bounds, notes = align(name, raw, bounds)
    parsed = _Parsed()
    for bound in bounds:
        if bound.tid in parsed.spans:
            raise FormatError(f"{bound.where}: the id {bound.tid} is used twice.")
        merged = join_line_breaks(text, list(bound.frags))
        fragments = tuple(merged) if len(merged) > 1 else None
        span = ImportedSpan(merged[0][0], merged[-1][1], bound.label, fragments=fragments)
        parsed.spans[bound.tid] = replace(span, id=bound.tid)
    parsed.relation_ids = {_fields(w, ln, 2)[0] for w, ln in lines if ln[0] == "R"}
    _events(lines, parsed)
    for where, line in lines:
        _HANDLERS.get(line[0], _ignore)(where, line, parsed)
    _link_actors(parsed)
    return text, parsed, notes


def _fields(where: str, line: str, count: int) -> list[str]:
    parts = line.split("\t")
    if len(parts) < count:
        raise FormatError(f"{where}: expected {count} tab-separated fields in {line!r}.")
    return parts


def _text_bound(where: str, line: str) -> TextBound:
    tid, head, quoted = _fields(where, line, 3)[:3]
    label, _, offsets = head.partition(" ")
    try:
        pieces = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
    except ValueError:
        raise FormatError(f"{where}: bad offsets {offsets!r}.") from None
    frags = tuple((p[0], p[1]) for p in pieces if len(p) == 2)
    if not frags or len(frags) != len(pieces):
        raise FormatError(f"{where}: bad offsets {offsets!r}.")
    return TextBound(where, tid, label, frags, quoted)


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


def _events(lines: list[tuple[str, str]], parsed: _Parsed) -> None:
    """``E1\\tType:T5 Role:T2 Role2:E3``: triggers first (an argument may be another event)."""
    events = []
    for where, line in lines:
        if line[0] == "E":
            eid, head = _fields(where, line, 2)[:2]
            (_, trigger), *args = (arg.partition(":")[::2] for arg in head.split())
            if trigger in parsed.spans:
                parsed.triggers[eid] = trigger
                events.append((trigger, args))
            else:
                parsed.skipped["event without its trigger span"] += 1
    for trigger, args in events:
        for role, arg in args:
            target = parsed.target(arg, "event argument")
            if target is not None:
                parsed.relations.append(ImportedRelation(role, trigger, target))
                parsed.kept["role"] += 1
    parsed.kept["event"] += len(events)


def _relation(where: str, line: str, parsed: _Parsed) -> None:
    rtype, *args = _fields(where, line, 2)[1].split()
    ids = [arg.partition(":")[2] for arg in args]
    if len(ids) != 2:
        raise FormatError(f"{where}: a relation needs two arguments (Arg1:T1 Arg2:T2).")
    source, target = (parsed.target(i, "relation argument") for i in ids)
    if source is not None and target is not None:
        parsed.relations.append(ImportedRelation(rtype, source, target))


def _attribute(where: str, line: str, parsed: _Parsed) -> None:
    head = _fields(where, line, 2)[1].split()
    if len(head) < 2:
        raise FormatError(f"{where}: an attribute needs a name and a target.")
    name, target, *value = head
    tid = parsed.target(target, "attribute")
    if tid is not None:
        _set_attributes(parsed, tid, {name: value[0] if value else True})


def _set_attributes(parsed: _Parsed, tid: str, new: dict[str, object]) -> None:
    span = parsed.spans[tid]
    parsed.spans[tid] = replace(span, attributes={**span.attributes, **new})


def _note(where: str, line: str, parsed: _Parsed) -> None:
    fields = _fields(where, line, 2)
    note = fields[2] if len(fields) > 2 else ""
    tid = parsed.target(fields[1].split()[-1], "note")
    if tid is not None:
        span = parsed.spans[tid]
        parsed.spans[tid] = replace(span, note=f"{span.note}\n{note}" if span.note else note)


def _normalization(where: str, line: str, parsed: _Parsed) -> None:
    """``N1\\tReference T1 Wikidata:Q42\\tDouglas Adams`` → attributes of T1."""
    fields = _fields(where, line, 2)
    head = fields[1].split()
    if len(head) != 3 or ":" not in head[2]:
        raise FormatError(f"{where}: a normalisation reads 'Reference T1 DB:ID'.")
    tid = parsed.target(head[1], "normalisation")
    if tid is None:
        return
    name = fields[2].strip() if len(fields) > 2 else ""
    db, _, ident = head[2].partition(":")
    if name and db == ACTOR_DB:  # our export's registry link: an actor id is not kept
        parsed.actors[tid] = (name, "" if ident.isdigit() else ident)
        return
    if name and parsed.spans[tid].label == ACTOR_LABEL:
        parsed.actors.setdefault(tid, (name, head[2]))
    key, n = NORMALIZATION, 1
    while key in parsed.spans[tid].attributes:
        n += 1
        key = f"{NORMALIZATION}_{n}"
    new: dict[str, object] = {key: head[2]}
    if len(fields) > 2 and fields[2]:
        new[f"{key}_text"] = fields[2]
    _set_attributes(parsed, tid, new)
    parsed.kept["normalisation"] += 1


def _link_actors(parsed: _Parsed) -> None:
    """Each span an N line names an actor for gets it (type: its ``type`` attribute if that is
    an actor type, else "person")."""
    for tid, (name, external_id) in parsed.actors.items():
        span = parsed.spans[tid]
        kind = span.attributes.get("type")
        kind = kind if isinstance(kind, str) and kind in ACTOR_TYPES else "person"
        parsed.spans[tid] = replace(span, actor=ImportedActor(name, kind, external_id))
        parsed.kept["actor"] += 1


def _equivalence(where: str, line: str, parsed: _Parsed) -> None:
    """``*\\tEquiv T1 T2 T3`` → relations T1→T2, T2→T3 of the line's type."""
    etype, *ids = _fields(where, line, 2)[1].split()
    members = [tid for i in ids if (tid := parsed.target(i, "equivalence member")) is not None]
    for source, target in itertools.pairwise(members):
        parsed.relations.append(ImportedRelation(etype, source, target))
        parsed.kept["equivalence relation"] += 1
    parsed.kept["equivalence"] += 1


def _ignore(where: str, line: str, parsed: _Parsed) -> None:
    """T and E lines were read before the others."""


_HANDLERS = {
    "R": _relation,
    "A": _attribute,
    "M": _attribute,
    "#": _note,
    "N": _normalization,
    "*": _equivalence,
}
