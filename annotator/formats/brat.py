"""brat standoff export: a folder with ``NAME.txt`` + ``NAME.ann`` per document, plus
``annotation.conf`` (the schema plus what the data uses, :mod:`annotator.formats.brat_conf`, so
brat's verifier accepts every line) and ``visual.conf`` (label colours).

- ``T`` lines: offsets are code points into the ``.txt``, which is written byte for byte (UTF-8,
  line endings untouched). A span that contains a line break is written as fragments
  (``s e;s e``) around the breaks, because ``.ann`` is line-oriented; the text field joins the
  fragments with one space, as brat does. Our reader joins such fragments back.
- ``A`` lines: attributes (``True`` → a binary attribute, ``False`` → none, other values →
  valued attribute; values with whitespace, ``|`` or ``,`` cannot be written or declared and are
  counted as lost).
- ``N`` lines: the ``normalization`` attributes (``DB:ID``, text in ``normalization_text``) that
  the reader makes of N lines; and a span linked to a registry actor gets
  ``N1\tReference T3 Annotator:ID\tCanonical name`` (ID: the actor's external id, else its id),
  which the reader turns back into a registry link.
- ``#`` lines: notes (``AnnotatorNotes``; line breaks become spaces).
- ``R`` lines: relations, ``TYPE Arg1:Tsource Arg2:Ttarget``.
The reader is :mod:`annotator.formats.brat_read`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from annotator.core.actors import Actor
from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.labels import Label
from annotator.core.spans import Annotation
from annotator.formats.brat_conf import BratUsage, annotation_conf, brat_name
from annotator.formats.brat_read import ACTOR_DB, NORMALIZATION
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_folder, atomic_text
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.formats.tokens import LINE_BREAKS

_UNDECLARABLE = re.compile(r"[\s|,]")  # an attribute value annotation.conf cannot list
_NORMALIZATION = re.compile(rf"^{NORMALIZATION}(_\d+)?$")


def split_at_line_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut into pieces that contain no line break (breaks themselves dropped)."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for pos in range(start, end):
        if text[pos] in LINE_BREAKS:
            if pos > piece_start:
                pieces.append((piece_start, pos))
            piece_start = pos + 1
    if end > piece_start:
        pieces.append((piece_start, end))
    return pieces


def _pieces(ann: Annotation, text: str) -> list[tuple[int, int]]:
    parts = ann.fragments or ((ann.start, ann.end),)
    return [p for s, e in parts for p in split_at_line_breaks(text, s, e)]


ActorOf = Callable[[Annotation], Actor | None]


def ann_lines(
    view: DocumentView,
    summary: ExportSummary,
    usage: BratUsage | None = None,
    actor_of: ActorOf | None = None,
) -> Iterator[str]:
    """The ``.ann`` lines of one document; ``usage`` collects what annotation.conf must declare;
    ``actor_of`` gives a span's registry actor (an ``N`` line)."""
    usage = usage if usage is not None else BratUsage()
    text = view.text
    t_ids: dict[int, str] = {}
    labels: dict[int, str] = {}
    counters = {"A": 0, "#": 0, "N": 0}
    for ann in view.spans:
        pieces = _pieces(ann, text)
        if not pieces:
            summary.lose("span of line breaks only (brat)")
            continue
        t_ids[ann.id] = tid = f"T{len(t_ids) + 1}"
        labels[ann.id] = label = brat_name(ann.label)
        usage.entity(label)
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        quoted = " ".join(text[s:e] for s, e in pieces)
        yield f"{tid}\t{label} {offsets}\t{quoted}"
        yield from _attribute_lines(ann, tid, label, counters, summary, usage)
        yield from _normalization_lines(ann, tid, counters, summary)
        actor = actor_of(ann) if actor_of is not None else None
        if actor is not None:
            counters["N"] += 1
            yield _actor_line(actor, tid, counters["N"], summary)
        if ann.note:
            counters["#"] += 1
            note = " ".join(ann.note.splitlines())
            if note != ann.note:
                summary.lose("line break in a note (written as a space)")
            yield f"#{counters['#']}\tAnnotatorNotes {tid}\t{note}"
    for n, rel in enumerate(
        (r for r in view.relations if r.source_id in t_ids and r.target_id in t_ids), start=1
    ):
        src, tgt = t_ids[rel.source_id], t_ids[rel.target_id]
        usage.relation(brat_name(rel.type), labels[rel.source_id], labels[rel.target_id])
        yield f"R{n}\t{brat_name(rel.type)} Arg1:{src} Arg2:{tgt}\t"


def _attribute_lines(
    ann: Annotation,
    tid: str,
    label: str,
    counters: dict[str, int],
    summary: ExportSummary,
    usage: BratUsage,
) -> Iterator[str]:
    for name, value in ann.attributes.items():
        if value is False or value is None or value == "" or _is_normalization(ann, name):
            continue
        if value is not True and _UNDECLARABLE.search(str(value)):
            summary.lose(f"attribute {name} with spaces, '|' or ',' in its value (brat)")
            continue
        counters["A"] += 1
        usage.attribute(brat_name(name), label, None if value is True else str(value))
        if value is True:
            yield f"A{counters['A']}\t{brat_name(name)} {tid}"
        else:
            yield f"A{counters['A']}\t{brat_name(name)} {tid} {value}"


def _is_normalization(ann: Annotation, name: str) -> bool:
    """``normalization`` (``DB:ID``) and its ``_text``, as the reader makes them of N lines."""
    key = name.removesuffix("_text")
    value = ann.attributes.get(key)
    return bool(_NORMALIZATION.match(key)) and isinstance(value, str) and _is_db_id(value)


def _is_db_id(value: str) -> bool:
    db, _, ident = value.partition(":")
    return bool(db and ident) and not re.search(r"\s", value)


def _normalization_lines(
    ann: Annotation, tid: str, counters: dict[str, int], summary: ExportSummary
) -> Iterator[str]:
    """``N1\tReference T1 Wikidata:Q42\tDouglas Adams`` per normalisation of the span."""
    for name, value in ann.attributes.items():
        if name.endswith("_text") or not _is_normalization(ann, name):
            continue
        counters["N"] += 1
        shown = " ".join(str(ann.attributes.get(f"{name}_text", "")).splitlines())
        yield f"N{counters['N']}\tReference {tid} {value}\t{shown}"


def _actor_line(actor: Actor, tid: str, number: int, summary: ExportSummary) -> str:
    """``N1\tReference T3 Annotator:Q56226\tKim Jong Un``: the span's registry actor."""
    name = " ".join(actor.name.split("\t"))
    if name != actor.name or any(ch in LINE_BREAKS for ch in name):
        summary.lose("tab or line break in an actor name (written as a space)")
        name = "".join(" " if ch in LINE_BREAKS else ch for ch in name)
    return f"N{number}\tReference {tid} {ACTOR_DB}:{actor_ref(actor)}\t{name}"


def actor_ref(actor: Actor) -> str:
    """The actor's external id (e.g. a Wikidata "Q56226"), else its registry id."""
    external = actor.external_id
    return external if external and not re.search(r"\s", external) else str(actor.id)


def visual_conf(labels: list[Label]) -> str:
    lines = ["[labels]", *(brat_name(label.name) for label in labels), "", "[drawing]"]
    lines += [f"{brat_name(label.name)}\tbgColor:{label.color}" for label in labels]
    return "\n".join(lines) + "\n"


def file_stem(view: DocumentView) -> str:
    slug = re.sub(r"[^\w-]+", "_", view.document.title, flags=re.ASCII).strip("_")[:40]
    return f"{view.document.id:05d}-{slug}" if slug else f"{view.document.id:05d}"


def _write(path: Path, content: str) -> None:
    with atomic_text(path) as fh:
        fh.write(content)


def write_brat(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    """Write the folder ``output``: written beside it and renamed into place once complete, so
    a failed or killed export leaves ``output`` as it was. An earlier brat export there is
    replaced whole; a folder holding anything else is refused (see :func:`is_brat_export`)."""
    with atomic_folder(output, is_brat_export, "brat export") as folder:
        return _write_folder(source, folder, options)


_OUR_FILE = re.compile(r"(\d{5,}(-[\w-]*)?\.(txt|ann)|annotation\.conf|visual\.conf)", re.ASCII)


def is_brat_export(folder: Path) -> bool:
    """Whether ``folder`` looks like one of our brat exports: ``annotation.conf`` and only
    regular files named as :func:`write_brat` names them (no links, no subfolders)."""
    with os.scandir(folder) as entries:
        ours = [e.is_file(follow_symlinks=False) and _OUR_FILE.fullmatch(e.name) for e in entries]
    return all(ours) and (folder / "annotation.conf").is_file()


def _write_folder(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary, usage = ExportSummary(), BratUsage()
    labels = [lab for lab in source.labels if options.labels is None or lab.name in options.labels]
    _write(output / "visual.conf", visual_conf(labels))
    for view in iter_views(source, options, summary):
        stem = file_stem(view)
        _write(output / f"{stem}.txt", view.text)
        lines: list[Any] = list(ann_lines(view, summary, usage, source.actor_of))
        _write(output / f"{stem}.ann", "".join(line + "\n" for line in lines))
        count_unwritten(summary, view, ("author", "meta"), "brat has no place for them")
        summary.documents += 1
        summary.spans += sum(1 for line in lines if line.startswith("T"))
    conf = annotation_conf(labels, source.relation_types, usage)
    _write(output / "annotation.conf", conf)
    _warn_renamed(source, summary)
    return summary


def _warn_renamed(source: ExportSource, summary: ExportSummary) -> None:
    names = [lab.name for lab in source.labels] + [t.name for t in source.relation_types]
    renamed = [f"{n!r} → {brat_name(n)!r}" for n in names if brat_name(n) != n]
    if renamed:
        summary.warnings.append("brat names cannot hold spaces: " + ", ".join(renamed))
