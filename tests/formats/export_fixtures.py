"""What the export tests share: tricky texts (emoji, flags, ZWJ, CJK, Arabic, combining marks,
line breaks, U+2028, boilerplate) with overlapping, line-crossing and discontinuous spans,
attributes, notes and relations; and a whole corpus imported (ours, or ../shared/corpus when it
is there)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corpora import SEED, brat_folder, datasets

from annotator.core.styled_text import StyledText, StyleRange
from annotator.services.importing import import_paths
from annotator.store import NewDocument, Project

EMOJI = "🇰🇷 Seoul: President Yoon said 👨‍👩‍👧 families will get support.\nKim Jong Un denied it 😀."
CJK = "北朝鮮の金正恩総書記は、ロシアを訪問すると述べた。"
ARABIC = "قال الرئيس إن المحادثات ستستمر."
COMBINING = "Zoe\u0308 Schro\u0308der claimed that cafe\u0301 prices rose."
# Line breaks as an import stores them: LF only (a CRLF file is read as LF, design D1), plus a
# U+2028 LINE SEPARATOR, which is kept (it is no line end for the store, one for some readers).
BREAKS = 'First line\nSecond line: Putin\u2028and Lavrov said "no".'
BOILER = "SYNDICATED BY WIRE\n\nThe minister said taxes must rise.\n\nDisclaimer: not advice."


def tag(project: Project, doc_id: int, text: str, phrase: str, label: str, **kw: Any) -> int:
    start = text.index(phrase)
    return project.add_annotation(doc_id, start, start + len(phrase), label, **kw).id


def add(project: Project, text: str, title: str, styles: list[StyleRange] | None = None) -> int:
    styled = StyledText(text, styles or [])
    return project.add_document(NewDocument(title=title, styled=styled, meta={"lang": "x"}))


def fill_tricky(project: Project) -> None:
    doc = add(project, EMOJI, "Emoji 🇰🇷")
    phrase = "President Yoon said 👨‍👩‍👧 families will get support"
    claim = tag(project, doc, EMOJI, phrase, "Claim",
                attributes={"stance": "support", "certainty": "certain"}, note="check the date",
                author="alice")  # fmt: skip
    yoon = tag(project, doc, EMOJI, "President Yoon", "Actor", attributes={"type": "person"})
    tag(project, doc, EMOJI, "🇰🇷", "Actor", attributes={"type": "state"})
    tag(project, doc, EMOJI, "support.\nKim Jong Un", "Claim")  # crosses a line break
    project.add_relation("claimant", claim, yoon)
    doc = add(project, CJK, "CJK")
    tag(project, doc, CJK, "金正恩総書記", "Actor")
    tag(project, doc, CJK, "ロシアを訪問する", "Claim", attributes={"quoted": True})
    doc = add(project, ARABIC, "Arabic")
    tag(project, doc, ARABIC, "الرئيس", "Actor")
    doc = add(project, COMBINING, "Combining")
    s = COMBINING.index("Schro")
    project.add_annotation(doc, 0, s + len("Schro\u0308der"), "Actor")
    c = COMBINING.index("cafe")
    project.add_annotation(doc, c, COMBINING.index(" rose") + 5, "Claim",
                           fragments=((c, c + 5), (COMBINING.index("rose"), c + 17)))  # fmt: skip
    doc = add(project, BREAKS, "Line breaks")
    tag(project, doc, BREAKS, "line\nSecond", "Claim")
    tag(project, doc, BREAKS, "Putin\u2028and Lavrov", "Actor")
    boiler_end = BOILER.index("The")
    tail = BOILER.index("Disclaimer")
    styles = [
        StyleRange(0, boiler_end, "boilerplate"),
        StyleRange(tail, len(BOILER), "boilerplate"),
    ]
    doc = add(project, BOILER, "Boilerplate", styles)
    tag(project, doc, BOILER, "The minister", "Actor")
    tag(project, doc, BOILER, "taxes must rise", "Claim")
    tag(project, doc, BOILER, "WIRE", "Actor")  # inside boilerplate: left out by default


def fill_corpus(project: Project, corpus: Path) -> None:
    """Import the brat folder and the CoNLL/IOB2 files of ``corpus``, and the seed article."""
    outcomes = import_paths(project, [brat_folder(corpus), *datasets(corpus), SEED])
    assert all(o.ok for o in outcomes), [o.message for o in outcomes if not o.ok]


def span_rows(project: Project, *, full: bool = True) -> list[tuple[Any, ...]]:
    """Every span as comparable values, per document in order (ids left out)."""
    rows = []
    for n, doc_id in enumerate(project.document_ids()):
        for a in project.annotations(doc_id):
            row: tuple[Any, ...] = (n, a.label, a.start, a.end, a.text)
            if full:
                row += (a.attributes, a.note, a.fragments)
            rows.append(row)
    return sorted(rows, key=repr)


def relation_rows(project: Project) -> list[tuple[Any, ...]]:
    rows = []
    for rel in project.iter_relations():
        src, tgt = project.annotation(rel.source_id), project.annotation(rel.target_id)
        rows.append((rel.type, src.label, src.text, tgt.label, tgt.text))
    return sorted(rows)
