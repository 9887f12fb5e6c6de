"""Suggestions from a spaCy model (issue #15): the one trained on the project
(``services/training.py``, saved as ``<project>.model/``) or a pipeline the user has installed
(``spacy.load(NAME)``) whose labels are mapped to ours, e.g. ``{"PERSON": "Actor"}``.

The choice of an installed pipeline is kept in the project's settings (``model.installed``).
Suggestions carry the source ``model:<trained_at>`` (``model:<NAME>`` for an installed
pipeline) and a score (the span categorizer's; 1.0 for an entity). Spans already annotated,
already suggested or rejected are skipped (``suggesting.known_spans``, as for every source).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.suggestions import Suggestion
from annotator.services.spacy_model import (
    ModelUnavailable,
    found_spans,
    load_spacy,
    model_path,
    read_meta,
)
from annotator.services.suggesting import known_spans
from annotator.store import Project
from annotator.store.occurrence_reads import document_texts

INSTALLED_SETTING = "model.installed"


@dataclass(frozen=True, slots=True)
class _Model:
    nlp: Any
    source: str
    mapping: dict[str, str] | None  # spaCy label -> ours; None: the labels are ours


def use_installed_model(project: Project, name: str, mapping: dict[str, str]) -> None:
    """Suggest with the installed pipeline ``name`` from now on, its labels mapped by
    ``mapping`` (labels it does not map are not suggested)."""
    project.set_setting(INSTALLED_SETTING, json.dumps({"name": name, "mapping": mapping}))


def use_trained_model(project: Project) -> None:
    """Suggest with the model trained on the project again (the default)."""
    project.set_setting(INSTALLED_SETTING, "")


def installed_model(project: Project) -> tuple[str, dict[str, str]] | None:
    raw = project.get_setting(INSTALLED_SETTING) or ""
    if not raw:
        return None
    chosen = json.loads(raw)
    return str(chosen["name"]), {str(k): str(v) for k, v in chosen["mapping"].items()}


def _load(project: Project) -> _Model:
    spacy = load_spacy()
    chosen = installed_model(project)
    if chosen is not None:
        name, mapping = chosen
        try:
            return _Model(spacy.load(name), f"model:{name}", mapping)
        except OSError:
            raise ModelUnavailable(
                f"The spaCy pipeline {name!r} is not installed: pip install it, or use the model"
                " trained on this project."
            ) from None
    folder = model_path(project)
    if not folder.is_dir():
        raise ModelUnavailable("No model has been trained yet: run `annotator train PROJECT`.")
    return _Model(spacy.load(folder), f"model:{read_meta(folder)['trained_at']}", None)


def _proposed(model: _Model, document_id: int, doc: Any) -> list[Suggestion]:
    found = []
    for start, end, label, score in found_spans(doc):
        ours = label if model.mapping is None else model.mapping.get(label)
        if ours:
            found.append(Suggestion(document_id, start, end, ours, source=model.source,
                                    score=round(score, 4)))  # fmt: skip
    return found


def suggest_with_model(project: Project, document_ids: Sequence[int] | None = None) -> Counter[str]:
    """Run the model over the documents (all when None) and store its new suggestions in one
    transaction; returns how many were added per label."""
    model = _load(project)
    ids = list(document_ids) if document_ids is not None else project.document_ids()
    known = known_spans(project, ids)
    pairs = ((text, doc_id) for doc_id, text in document_texts(project, ids))
    todo: list[Suggestion] = []
    for doc, doc_id in model.nlp.pipe(pairs, as_tuples=True):
        for found in _proposed(model, doc_id, doc):
            key = (doc_id, found.start, found.end, found.label)
            if key not in known:
                known.add(key)
                todo.append(found)
    project.add_suggestions(todo)
    return Counter(s.label for s in todo)
