"""CoNLL export: one token per line, a blank line between sentences and ``-DOCSTART- -X- -X- O``
before each document, as CoNLL-2003 does.

A document imported from a CoNLL file (or a spaCy DocBin) keeps the tokens and sentences it
came with (see :mod:`annotator.formats.conll_read`); while every written span still falls on
whole tokens of one sentence, the export writes those tokens and sentences back, with the file's
other columns (POS, chunk …), separator, tag scheme (IOB1, IOB2, IOBES, BILOU), ``-DOCSTART-``
line and comments, so CoNLL → import → export gives the same bytes. Otherwise tokens come from
:mod:`annotator.formats.tokens`, cut at the written spans' boundaries, ``TOKEN TAG`` per line in
IOB2 (or the imported scheme), and sentences end after ``. ! ? 。 ！ ？ …`` or at a line break,
never inside a span; the kept columns and sentences that could not be used are counted.

The format holds one label per token: overlapping spans cannot all be written, and
``ExportOptions.conll_overlap`` says which survive: ``"longest"`` (default), ``"first"``
(earliest start), or ``"error"`` (refuse to export). Attributes, notes, relations and
discontinuity cannot be written either; everything left out is counted in the summary.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.spans import Annotation
from annotator.formats.conll_read import CONLL_KEY
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_text
from annotator.formats.model import ExportOptions, ExportSummary, FormatError
from annotator.formats.tokens import (
    LAYER_KEY,
    LINE_BREAKS,
    SENTENCE_END,
    TokenLayer,
    index_ranges,
    word_tokens,
)

DOCSTART = "-DOCSTART- -X- -X- O"
# Metadata a CoNLL export writes (the imported layout and tokens) or that only names the file
# the document came from; any other key is counted as not written.
WRITTEN_META = (CONLL_KEY, LAYER_KEY, "source_file")
LAYER_UNUSED = (
    "imported tokens, sentences and columns of a document (its spans no longer fall on them;"
    " written from the tokenizer)"
)
_SINGLE = {"IOBES": "S-", "BILOU": "U-"}
_LAST = {"IOBES": "E-", "BILOU": "L-"}


def conll_label(label: str) -> str:
    return "_".join(label.split()) or "_"


def choose_spans(spans: list[Annotation], policy: str, where: str) -> list[Annotation]:
    """The spans that can be written without overlap, chosen by ``policy``."""
    if policy == "longest":
        order = sorted(spans, key=lambda a: (-a.length, a.start, a.id))
    elif policy in ("first", "error"):
        order = sorted(spans, key=lambda a: (a.start, -a.length, a.id))
    else:
        raise ValueError(f"unknown CoNLL overlap policy {policy!r}")
    chosen: list[Annotation] = []
    starts: list[int] = []  # chosen spans, sorted by start; they never overlap each other
    ends: list[int] = []
    for ann in order:
        i = bisect.bisect_left(starts, ann.end)  # chosen spans starting before ann ends
        if i == 0 or ends[i - 1] <= ann.start:
            chosen.append(ann)
            starts.insert(i, ann.start)
            ends.insert(i, ann.end)
        elif policy == "error":
            raise FormatError(
                f"{where}: the span {ann.text!r} [{ann.start}, {ann.end}) overlaps another span; "
                "CoNLL holds one label per token. Choose 'longest' or 'first' to drop overlaps."
            )
    return sorted(chosen, key=lambda a: a.start)


def entities(offsets: list[tuple[int, int]], spans: list[Annotation]) -> list[int]:
    """For each token, the index of the (sorted, non-overlapping) span covering it, or -1."""
    result = []
    si = 0
    for start, end in offsets:
        while si < len(spans) and spans[si].end <= start:
            si += 1
        inside = si < len(spans) and spans[si].start <= start and end <= spans[si].end
        result.append(si if inside else -1)
    return result


def scheme_tags(ents: list[int], spans: list[Annotation], scheme: str) -> list[str]:
    """One sentence's tags in ``scheme`` (IOB2 unless IOB1, IOBES or BILOU)."""
    tags = []
    for i, e in enumerate(ents):
        if e < 0:
            tags.append("O")
            continue
        before = ents[i - 1] if i > 0 else -1
        after = ents[i + 1] if i + 1 < len(ents) else -1
        first, last = before != e, after != e
        if scheme == "IOB1":
            same_type = before >= 0 and spans[before].label == spans[e].label
            prefix = "B-" if first and same_type else "I-"
        elif scheme in _SINGLE and first and last:
            prefix = _SINGLE[scheme]
        elif scheme in _LAST and last:
            prefix = _LAST[scheme]
        else:
            prefix = "B-" if first else "I-"
        tags.append(prefix + conll_label(spans[e].label))
    return tags


def split_sentences(
    view: DocumentView, offsets: list[tuple[int, int]], ents: list[int]
) -> list[range]:
    """Sentences of the tokenizer's tokens; a break never falls between two tokens of one span."""
    bounds = [0]
    for i in range(len(offsets) - 1):
        inside = ents[i] >= 0 and ents[i + 1] == ents[i]
        token = view.text[offsets[i][0] : offsets[i][1]]
        gap = view.text[offsets[i][1] : offsets[i + 1][0]]
        if not inside and (token in SENTENCE_END or any(c in LINE_BREAKS for c in gap)):
            bounds.append(i + 1)
    bounds.append(len(offsets))
    return index_ranges(bounds)


class _Writer:
    """One document's lines, from its kept token layer when it fits, else from the tokenizer."""

    def __init__(self, view: DocumentView, spans: list[Annotation], summary: ExportSummary):
        self.view, self.spans = view, spans
        self.kept: dict[str, Any] = view.document.meta.get(CONLL_KEY) or {}
        layer = TokenLayer.from_meta(view.document.meta)
        self.layer = layer if layer and layer.fits(view.text, self._bounds()) else None
        if layer is not None and self.layer is None:
            summary.lose(LAYER_UNUSED)
        if self.layer is not None:
            self.offsets = list(self.layer.offsets)
        else:
            bounds = [b for a in spans for b in (a.start, a.end)]
            self.offsets = [(t.start, t.end) for t in word_tokens(view.text, bounds)]
        self.ents = entities(self.offsets, spans)

    def _bounds(self) -> list[tuple[int, int]]:
        return [(a.start, a.end) for a in self.spans]

    def written(self) -> int:
        return len({e for e in self.ents if e >= 0})

    def lines(self) -> Iterator[str]:
        header = self.kept.get("header") or DOCSTART
        yield header
        if header.startswith("-DOCSTART-"):
            yield ""
        scheme = str(self.kept.get("scheme") or "IOB2")
        sentences = self.layer.sentences() if self.layer else split_sentences(
            self.view, self.offsets, self.ents
        )  # fmt: skip
        comments = (self.kept.get("comments") or {}) if self.layer else {}
        for n, sentence in enumerate(sentences):
            yield from comments.get(str(n), [])
            tags = scheme_tags([self.ents[i] for i in sentence], self.spans, scheme)
            for i, tag in zip(sentence, tags, strict=True):
                yield self._line(i, tag)
            yield ""

    def _line(self, i: int, tag: str) -> str:
        start, end = self.offsets[i]
        token = self.view.text[start:end]
        columns = self.kept.get("columns") if self.layer else None
        shape = self.kept.get("shape")
        if columns is None or shape is None or len(columns) != len(self.offsets):
            return f"{token}{self._separator()}{tag}"
        cols = list(columns[i])
        _, token_col, tag_col = shape
        for col, value in sorted(((token_col, token), (tag_col, tag))):
            cols.insert(col, value)
        return self._separator().join(cols)

    def _separator(self) -> str:
        separator = self.kept.get("separator") if self.layer else None
        return separator if separator in (" ", "\t") else " "


def count_losses(view: DocumentView, spans: list[Annotation], summary: ExportSummary) -> None:
    """What CoNLL has no place for: attributes, notes, relations, fragments."""
    attributes = sum(len(a.attributes) for a in spans)
    notes = sum(1 for a in spans if a.note)
    discontinuous = sum(1 for a in spans if a.fragments)
    for what, n in (
        ("attribute value of a span (CoNLL has no place for it)", attributes),
        ("note on a span (CoNLL has no place for it)", notes),
        ("relation (CoNLL has no place for it)", len(view.relations)),
        ("fragments of a discontinuous span (written as its extent)", discontinuous),
    ):
        if n:
            summary.lose(what, n)


def document_lines(view: DocumentView, policy: str, summary: ExportSummary) -> Iterator[str]:
    spans = choose_spans(view.spans, policy, view.document.title)
    if len(spans) < len(view.spans):
        summary.lose("overlapping span (CoNLL)", len(view.spans) - len(spans))
    count_losses(view, spans, summary)
    writer = _Writer(view, spans, summary)
    written = writer.written()
    if written < len(spans):
        summary.lose("span of whitespace only (CoNLL)", len(spans) - written)
    summary.spans += written
    yield from writer.lines()


def write_conll(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    with atomic_text(output) as fh:
        for view in iter_views(source, options, summary):
            fh.writelines(
                line + "\n" for line in document_lines(view, options.conll_overlap, summary)
            )
            count_unwritten(
                summary,
                view,
                ("author", "meta", "actor_id"),
                "CoNLL holds tokens and tags",
                WRITTEN_META,
            )
            summary.documents += 1
    if summary.lost.get("overlapping span (CoNLL)"):
        summary.warnings.append(
            "CoNLL holds one label per token: overlapping spans were left out "
            f"(policy: keep the {options.conll_overlap} span)."
        )
    return summary
