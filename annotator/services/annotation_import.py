"""Store what a dataset reader found for one document: text, spans and relations, all or nothing.

Labels and relation types that the project does not have yet are added to its schema in the same
transaction (a brat or CoNLL file brings its own labels). Relations are matched to spans by the
file's span ids; a relation whose span id is missing from the file, or used by two spans (which
one was meant?), is not imported and is counted in the file's message (issue #17, item 18).
"""

from __future__ import annotations

from collections import Counter

from annotator.core.decode import find_lone_surrogate
from annotator.core.plural import plural, verb
from annotator.formats.model import FormatError, ImportedDocument
from annotator.store import Project
from annotator.store.document_import import RelationToStore, add_annotated_document

PALETTE = ("#8dd3c7", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bc80bd", "#ccebc5")


def store_document(project: Project, item: ImportedDocument) -> tuple[int, list[str]]:
    """Store ``item`` in one transaction; returns (document id, warnings for the report)."""
    _refuse_invalid_strings(item)
    relations, warnings = _resolve_relations(item)
    doc_id = add_annotated_document(
        project, item.document, item.spans, relations, new_labels(project, item), item.suggestions
    )
    return doc_id, warnings


def new_labels(project: Project, item: ImportedDocument) -> dict[str, str]:
    """The labels ``item`` uses that the project lacks, each with a colour."""
    have = {label.name for label in project.labels()}
    added: dict[str, str] = {}
    for span in item.spans:
        if span.label not in have and span.label not in added:
            added[span.label] = PALETTE[(len(have) + len(added)) % len(PALETTE)]
    return added


def _resolve_relations(item: ImportedDocument) -> tuple[list[RelationToStore], list[str]]:
    uses = Counter(span.id for span in item.spans if span.id)
    index = {span.id: n for n, span in enumerate(item.spans) if span.id}
    relations, missing, ambiguous = [], 0, 0
    for rel in item.relations:
        ends = (rel.source, rel.target)
        if any(end not in index for end in ends):
            missing += 1
        elif any(uses[end] > 1 for end in ends):
            ambiguous += 1
        else:
            relations.append(RelationToStore(rel.type, index[rel.source], index[rel.target]))
    warnings = []
    if missing:
        warnings.append(
            f"{plural(missing, 'relation')} {verb(missing, 'names', 'name')} a span id not in the"
            " file; not imported"
        )
    if ambiguous:
        doubled = sorted(i for i, n in uses.items() if n > 1)
        warnings.append(
            f"{plural(ambiguous, 'relation')} {verb(ambiguous, 'names', 'name')} a span id used"
            " by two spans"
            f" ({', '.join(doubled[:5])}); not imported"
        )
    return relations, warnings


def _refuse_invalid_strings(item: ImportedDocument) -> None:
    """A lone surrogate in a label, relation type, note or title cannot be stored (not Unicode)."""
    named = [("title", item.document.title)]
    named += [("label", span.label) for span in item.spans]
    named += [("note", span.note) for span in item.spans]
    named += [("relation type", rel.type) for rel in item.relations]
    for what, value in named:
        at = find_lone_surrogate(value)
        if at is not None:
            raise FormatError(
                f"the {what} {value!r} holds a lone surrogate (U+{ord(value[at]):04X}), which is"
                " not valid Unicode; nothing was imported from this document"
            )
