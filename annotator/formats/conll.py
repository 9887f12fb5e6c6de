"""CoNLL IOB2 export: ``TOKEN TAG`` per line (one space), a blank line between sentences and
``-DOCSTART- -X- -X- O`` before each document, as CoNLL-2003 does.

Tokens come from :mod:`annotator.formats.tokens`, cut at the written spans' boundaries. Sentences
end after ``. ! ? 。 ！ ？ …`` or at a line break, never inside a span. The format holds one
label per token: overlapping spans cannot all be written, and ``ExportOptions.conll_overlap``
says which survive: ``"longest"`` (default), ``"first"`` (earliest start), or ``"error"`` (refuse
to export). What is dropped is counted in the summary. Attributes, notes, relations and
discontinuity are lost (a discontinuous span is written as its extent).
The reader is :mod:`annotator.formats.conll_read`.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from pathlib import Path

from annotator.core.spans import Annotation
from annotator.formats.export_view import DocumentView, iter_views
from annotator.formats.files import atomic_text
from annotator.formats.model import ExportOptions, ExportSummary, FormatError
from annotator.formats.tokens import LINE_BREAKS, SENTENCE_END, Token, word_tokens
from annotator.store import Project

DOCSTART = "-DOCSTART- -X- -X- O"


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


def tagged_tokens(view: DocumentView, spans: list[Annotation]) -> list[tuple[Token, str]]:
    bounds = [b for a in spans for b in (a.start, a.end)]
    tokens = word_tokens(view.text, bounds)
    tags = ["O"] * len(tokens)
    si = 0
    for i, tok in enumerate(tokens):
        while si < len(spans) and spans[si].end <= tok.start:
            si += 1
        if si < len(spans) and spans[si].start <= tok.start and tok.end <= spans[si].end:
            label = conll_label(spans[si].label)
            first = i == 0 or tokens[i - 1].end <= spans[si].start
            tags[i] = ("B-" if first else "I-") + label
    return list(zip(tokens, tags, strict=True))


def sentences(view: DocumentView, tagged: list[tuple[Token, str]]) -> Iterator[list[str]]:
    """Lines of each sentence; a break never falls between two tokens of one span."""
    lines: list[str] = []
    for i, (tok, tag) in enumerate(tagged):
        lines.append(f"{tok.text} {tag}")
        nxt = tagged[i + 1] if i + 1 < len(tagged) else None
        if nxt is None:
            break
        inside = nxt[1].startswith("I-")
        gap = view.text[tok.end : nxt[0].start]
        if not inside and (tok.text in SENTENCE_END or any(c in LINE_BREAKS for c in gap)):
            yield lines
            lines = []
    if lines:
        yield lines


def document_lines(view: DocumentView, policy: str, summary: ExportSummary) -> Iterator[str]:
    where = view.document.title
    spans = choose_spans(view.spans, policy, where)
    if len(spans) < len(view.spans):
        summary.lose("overlapping span (CoNLL)", len(view.spans) - len(spans))
    discontinuous = sum(1 for a in spans if a.fragments)
    if discontinuous:
        summary.lose("fragments of a discontinuous span (written as its extent)", discontinuous)
    tagged = tagged_tokens(view, spans)
    written = sum(1 for _, tag in tagged if tag.startswith("B-"))
    if written < len(spans):
        summary.lose("span of whitespace only (CoNLL)", len(spans) - written)
    summary.spans += written
    yield DOCSTART
    yield ""
    for lines in sentences(view, tagged):
        yield from lines
        yield ""


def write_conll(project: Project, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    with atomic_text(output) as fh:
        for view in iter_views(project, options, summary):
            fh.writelines(
                line + "\n" for line in document_lines(view, options.conll_overlap, summary)
            )
            summary.documents += 1
    if summary.lost.get("overlapping span (CoNLL)"):
        summary.warnings.append(
            "CoNLL holds one label per token: overlapping spans were left out "
            f"(policy: keep the {options.conll_overlap} span)."
        )
    return summary
