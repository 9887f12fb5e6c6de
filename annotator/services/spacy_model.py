"""What training and suggesting with a spaCy model share (issue #15): spaCy imported lazily,
where a project's model lives, its meta file, the atomic save and the spans a pipeline found.

spaCy is optional (``annotator[ml]``): nothing imports it at start; ``load_spacy`` does when a
model is trained or used, and raises ``ModelUnavailable`` with the install hint when absent.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from annotator.store import Project

SPACY_MISSING = "spaCy is not installed: pip install 'annotator[ml]'"
META_NAME = "annotator-model.json"
SPANS_KEY = "sc"  # the span categorizer's key in ``doc.spans``


class ModelUnavailable(Exception):
    """No model can be used: spaCy is absent, or no model was trained or installed."""


def load_spacy() -> Any:
    try:
        import spacy
    except ImportError:
        raise ModelUnavailable(SPACY_MISSING) from None
    return spacy


def model_path(project: Project) -> Path:
    """The project's trained model: ``<project>.model/`` beside the project file."""
    return project.path.with_name(project.path.name + ".model")


def read_meta(folder: Path) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads((folder / META_NAME).read_text("utf-8"))
    return meta


def save_atomically(nlp: Any, meta: dict[str, Any], target: Path) -> None:
    """Write the pipeline and its meta to a temporary folder beside ``target``, then rename it
    into place: ``target`` is the old model or the new one, never half of either."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        nlp.to_disk(tmp)
        (tmp / META_NAME).write_text(json.dumps(meta, indent=2, ensure_ascii=False), "utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.{uuid.uuid4().hex}.old")
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def found_spans(doc: Any) -> list[tuple[int, int, str, float]]:
    """``(start, end, label, score)`` in code points (spaCy's character offsets are code points,
    like ours) of the entities (score 1.0) and categorized spans (their score) in ``doc``."""
    spans = [(e.start_char, e.end_char, e.label_, 1.0) for e in doc.ents]
    group = doc.spans.get(SPANS_KEY)
    if group is not None:
        scores = group.attrs.get("scores")
        for i, span in enumerate(group):
            score = float(scores[i]) if scores is not None else 1.0
            spans.append((span.start_char, span.end_char, span.label_, score))
    return sorted(spans)
