"""brat standoff export: a folder with ``NAME.txt`` + ``NAME.ann`` per document, plus
``annotation.conf`` (generated from the label schema) and ``visual.conf`` (label colours).

- ``T`` lines: offsets are code points into the ``.txt``, which is written byte for byte (UTF-8,
  line endings untouched). A span that contains a line break is written as fragments
  (``s e;s e``) around the breaks, because ``.ann`` is line-oriented; the text field joins the
  fragments with one space, as brat does. Our reader joins such fragments back.
- ``A`` lines: attributes (``True`` → a binary attribute, ``False`` → none, other values →
  valued attribute; values with whitespace cannot be written and are counted as lost).
- ``#`` lines: notes (``AnnotatorNotes``; line breaks become spaces).
- ``R`` lines: relations, ``TYPE Arg1:Tsource Arg2:Ttarget``.
The reader is :mod:`annotator.formats.brat_read`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.labels import Label, RelationType
from annotator.core.spans import Annotation
from annotator.formats.export_view import DocumentView, iter_views
from annotator.formats.files import atomic_folder, atomic_text
from annotator.formats.model import ExportOptions, ExportSummary
from annotator.formats.tokens import LINE_BREAKS
from annotator.store import Project

_UNSAFE = re.compile(r"[\s:;|,=<>!]+")  # what cannot appear in a brat type or attribute name


def brat_name(name: str) -> str:
    """A label, relation or attribute name as brat accepts it (no whitespace or separators)."""
    return _UNSAFE.sub("_", name.strip()) or "_"


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


def ann_lines(view: DocumentView, summary: ExportSummary) -> Iterator[str]:
    """The ``.ann`` lines of one document."""
    text, t_ids = view.text, {}
    counters = {"A": 0, "#": 0}
    for ann in view.spans:
        pieces = _pieces(ann, text)
        if not pieces:
            summary.lose("span of line breaks only (brat)")
            continue
        t_ids[ann.id] = tid = f"T{len(t_ids) + 1}"
        offsets = ";".join(f"{s} {e}" for s, e in pieces)
        quoted = " ".join(text[s:e] for s, e in pieces)
        yield f"{tid}\t{brat_name(ann.label)} {offsets}\t{quoted}"
        yield from _attribute_lines(ann, tid, counters, summary)
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
        yield f"R{n}\t{brat_name(rel.type)} Arg1:{src} Arg2:{tgt}\t"


def _attribute_lines(
    ann: Annotation, tid: str, counters: dict[str, int], summary: ExportSummary
) -> Iterator[str]:
    for name, value in ann.attributes.items():
        if value is False or value is None or value == "":
            continue
        counters["A"] += 1
        if value is True:
            yield f"A{counters['A']}\t{brat_name(name)} {tid}"
        elif re.search(r"\s", str(value)):
            counters["A"] -= 1
            summary.lose("attribute value with whitespace (brat)")
        else:
            yield f"A{counters['A']}\t{brat_name(name)} {tid} {value}"


def annotation_conf(labels: list[Label], relation_types: list[RelationType]) -> str:
    """``annotation.conf`` for the schema: entities, relations and span attributes."""
    names = [brat_name(label.name) for label in labels]
    lines = ["[entities]", *names, "", "[relations]"]
    for rtype in relation_types:
        arg1 = "|".join(brat_name(n) for n in rtype.source_labels) or "<ENTITY>"
        arg2 = "|".join(brat_name(n) for n in rtype.target_labels) or "<ENTITY>"
        lines.append(f"{brat_name(rtype.name)}\tArg1:{arg1}, Arg2:{arg2}")
    lines += ["", "[events]", "", "[attributes]"]
    lines += [f"{name}\t{spec}" for name, spec in _attribute_specs(labels).items()]
    return "\n".join(lines) + "\n"


def _attribute_specs(labels: list[Label]) -> dict[str, str]:
    owners: dict[str, list[str]] = {}
    values: dict[str, list[str]] = {}
    for label in labels:
        for attr in label.attributes:
            if attr.kind == "text":
                continue  # free text has no brat declaration
            name = brat_name(attr.name)
            owners.setdefault(name, []).append(brat_name(label.name))
            if attr.kind == "enum":
                values.setdefault(name, [])
                values[name] += [v for v in attr.values if v not in values[name]]
    specs = {}
    for name, args in owners.items():
        spec = f"Arg:{'|'.join(args)}"
        if values.get(name):
            spec += f", Value:{'|'.join(values[name])}"
        specs[name] = spec
    return specs


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


def write_brat(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    """Write the folder ``output``: written beside it and renamed into place once complete, so
    a failed or killed export leaves ``output`` as it was. An earlier brat export there is
    replaced whole; a folder holding anything else is refused (see :func:`is_brat_export`)."""
    with atomic_folder(output, is_brat_export, "brat export") as folder:
        return _write_folder(project, folder, options)


_OUR_FILE = re.compile(r"(\d{5,}(-[\w-]*)?\.(txt|ann)|annotation\.conf|visual\.conf)", re.ASCII)


def is_brat_export(folder: Path) -> bool:
    """Whether ``folder`` looks like one of our brat exports: ``annotation.conf`` and only
    regular files named as :func:`write_brat` names them (no links, no subfolders)."""
    with os.scandir(folder) as entries:
        ours = [e.is_file(follow_symlinks=False) and _OUR_FILE.fullmatch(e.name) for e in entries]
    return all(ours) and (folder / "annotation.conf").is_file()


def _write_folder(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    labels = [
        lab for lab in project.labels() if options.labels is None or lab.name in options.labels
    ]
    _write(output / "annotation.conf", annotation_conf(labels, project.relation_types()))
    _write(output / "visual.conf", visual_conf(labels))
    for view in iter_views(project, options, summary):
        stem = file_stem(view)
        _write(output / f"{stem}.txt", view.text)
        lines: list[Any] = list(ann_lines(view, summary))
        _write(output / f"{stem}.ann", "".join(line + "\n" for line in lines))
        summary.documents += 1
        summary.spans += sum(1 for line in lines if line.startswith("T"))
    _warn_renamed(project, summary)
    return summary


def _warn_renamed(project: Project, summary: ExportSummary) -> None:
    names = [lab.name for lab in project.labels()] + [t.name for t in project.relation_types()]
    renamed = [f"{n!r} → {brat_name(n)!r}" for n in names if brat_name(n) != n]
    if renamed:
        summary.warnings.append("brat names cannot hold spaces: " + ", ".join(renamed))
