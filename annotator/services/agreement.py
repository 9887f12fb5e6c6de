"""A project's inter-annotator agreement (issue #13): what ``annotator agreement`` prints.

Spans are read by author (``Project.spans_by_author``; spans with no author are the annotator
"") and handed to the Qt-free :func:`annotator.core.agreement.agreement` with each shared
document's length and tokens. A discontinuous span counts as its extent (start to end).
"""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.agreement import AgreementReport, AuthorSpans, agreement, shape_of
from annotator.store import Project


class UnknownLabelError(ValueError):
    """A label asked for is not in the project's schema."""


def project_agreement(
    project: Project, labels: Sequence[str] | None = None, document_ids: Sequence[int] | None = None
) -> AgreementReport:
    """Agreement between every pair of the project's annotators and overall; only ``labels``'
    spans when given (each must be a label of the project), only on ``document_ids`` when given."""
    if labels is not None:
        known = {label.name for label in project.labels()}
        unknown = [name for name in labels if name not in known]
        if unknown:
            raise UnknownLabelError(f"No label named {', '.join(unknown)} in this project.")
        labels = list(dict.fromkeys(labels))
    by_author = project.spans_by_author(document_ids)
    spans: AuthorSpans = {
        author: {doc: [(a.start, a.end, a.label) for a in anns] for doc, anns in docs.items()}
        for author, docs in by_author.items()
    }
    authors_per_doc: dict[int, int] = {}
    for docs in by_author.values():
        for doc in docs:
            authors_per_doc[doc] = authors_per_doc.get(doc, 0) + 1
    shapes = {
        doc: shape_of(project.document(doc).text)
        for doc, count in sorted(authors_per_doc.items())
        if count > 1
    }
    return agreement(spans, shapes, labels)
