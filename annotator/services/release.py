"""A dataset release (issue #13): an export split by document, reproducibly, plus a dataset card.

``--split train=0.8,dev=0.1,test=0.1 --seed N`` orders the exported documents by the SHA-256 of
their text (ties, i.e. the same text twice, by id), shuffles them with ``random.Random(N)`` and
cuts the list by the fractions (sizes by largest remainder, so they add up to the count). The
same documents and seed give the same split in any project, whatever order they were imported in.
Each split is written through the format's own (atomic) writer: a single-file format to
``data.train.jsonl`` … beside ``data.jsonl``, a folder format to ``OUT/train/`` …
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.formats.model import ExportOptions, ExportSummary
from annotator.services.dataset_card import CardSplit, export_command, write_card
from annotator.services.exporting import ExportError, export_project, writer_format
from annotator.store import Project

SPLIT_NAME = re.compile(r"[a-z0-9_-]+")
Fractions = tuple[tuple[str, float], ...]


class SplitError(ExportError):
    """``--split`` is malformed; the message says how."""


def parse_split(spec: str) -> Fractions:
    """``train=0.8,dev=0.1,test=0.1`` -> (("train", 0.8), …): names [a-z0-9_-]+, each once,
    fractions between 0 and 1 that sum to 1 (± 1e-9). A fraction of 0 is allowed (an empty
    split)."""
    parts: list[tuple[str, float]] = []
    for item in (p.strip() for p in spec.split(",")):
        name, equals, value = item.partition("=")
        if not equals or not SPLIT_NAME.fullmatch(name.strip()):
            raise SplitError(
                f"--split: {item!r} is not NAME=FRACTION with a name of a-z, 0-9, _ and -"
                " (e.g. train=0.8,dev=0.1,test=0.1)."
            )
        try:
            fraction = float(value)
        except ValueError:
            raise SplitError(f"--split: {value.strip()!r} is not a number.") from None
        if not 0 <= fraction <= 1:
            raise SplitError(f"--split: the fraction of {name.strip()} must be between 0 and 1.")
        parts.append((name.strip(), fraction))
    names = [n for n, _ in parts]
    if len(set(names)) < len(names):
        raise SplitError("--split: each split is named once.")
    total = sum(f for _, f in parts)
    if abs(total - 1) > 1e-9:
        raise SplitError(f"--split: the fractions add up to {total:g}, not 1.")
    return tuple(parts)


def split_sizes(total: int, fractions: Sequence[float]) -> list[int]:
    """How many of ``total`` documents each fraction gets: floors, then the rest one each to the
    largest remainders (the earlier split on ties)."""
    sizes = [int(total * f) for f in fractions]
    order = sorted(range(len(fractions)), key=lambda i: (-(total * fractions[i] - sizes[i]), i))
    for i in order[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def assign_splits(sha256s: Mapping[int, str], parts: Fractions, seed: int) -> dict[str, list[int]]:
    """Split name -> the ids of its documents (ascending); see the module's doc."""
    order = sorted(sha256s, key=lambda doc: (sha256s[doc], doc))
    random.Random(seed).shuffle(order)
    result: dict[str, list[int]] = {}
    start = 0
    for (name, _), size in zip(parts, split_sizes(len(order), [f for _, f in parts]), strict=True):
        result[name] = sorted(order[start : start + size])
        start += size
    return result


def split_output(output: Path, name: str, folder: bool) -> Path:
    """``data.jsonl`` -> ``data.train.jsonl``; a folder export -> ``OUT/train``."""
    if folder:
        return output / name
    return output.with_name(f"{output.stem}.{name}{output.suffix}")


def card_output(output: Path, folder_of_splits: bool) -> Path:
    """``DATASET_CARD.md`` in a folder of splits, else ``<OUT stem>.card.md`` beside the export
    (a brat folder holds brat files only: a re-export replaces it whole)."""
    if folder_of_splits:
        return output / "DATASET_CARD.md"
    return output.with_name(f"{output.stem}.card.md")


@dataclass(frozen=True)
class Release:
    splits: tuple[CardSplit, ...]  # one, named "", when not split
    card: Path | None


def _selected(project: Project, options: ExportOptions) -> dict[int, str]:
    sha256s = project.document_sha256s()
    if options.document_ids is None:
        return sha256s
    return {d: sha256s[d] for d in dict.fromkeys(options.document_ids) if d in sha256s}


def export_release(
    project: Project,
    format_name: str,
    output: Path,
    options: ExportOptions,
    split: str | None = None,
    seed: int = 0,
    card: bool = True,
) -> Release:
    """Export ``project`` (one file, or one per split) and write its dataset card unless
    ``card`` is False. Raises ExportError (SplitError) with a message for the user."""
    fmt = writer_format(format_name)
    if split is None:
        summary = export_project(project, format_name, output, options)
        ids = sorted(_selected(project, options))
        splits: tuple[CardSplit, ...] = (CardSplit("", output, ids, summary),)
    else:
        assigned = assign_splits(_selected(project, options), parse_split(split), seed)
        if fmt.folder:
            _make_folder(output)
        splits = tuple(
            _export_split(project, fmt.name, output, options, name, ids, fmt.folder)
            for name, ids in assigned.items()
        )
    path = card_output(output, fmt.folder and split is not None) if card else None
    if path is not None:
        command = export_command(fmt.name, output, options, split, seed)
        write_card(project, path, splits, options, command)
    return Release(splits, path)


def _export_split(
    project: Project,
    format_name: str,
    output: Path,
    options: ExportOptions,
    name: str,
    ids: list[int],
    folder: bool,
) -> CardSplit:
    path = split_output(output, name, folder)
    split_options = replace(options, document_ids=ids, split=name)
    summary: ExportSummary = export_project(project, format_name, path, split_options)
    return CardSplit(name, path, ids, summary)


def _make_folder(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise ExportError(f"{output} is a file; a split folder export needs a folder.")
    if not output.parent.is_dir():
        raise ExportError(f"The folder {output.parent} does not exist.")
    output.mkdir(exist_ok=True)
