"""Train a spaCy pipeline on the project's annotations (issue #15), Qt-free, on CPU.

* Data: every document with at least one annotation (of the chosen labels); its spans are the
  gold standard, and a label it does not hold is taken to be absent there. Documents are split
  with a fixed seed: ``holdout`` (20 %) held out for evaluation, the rest trained on (a tenth of
  those kept aside to stop early: after MIN_EPOCHS, once their macro F1 has not improved for
  PATIENCE epochs while every label scores above zero — a span categorizer starts late).
* Pipeline: ``spacy.blank(lang)`` (the documents' ``language`` metadata, else English), so
  nothing is downloaded. A label whose spans are short — **mean length ≤ 6 tokens**, e.g. Actor
  — is learned by the entity recognizer (``ner``; overlapping spans: the longest is kept); a
  longer one, e.g. Claim, by the span categorizer (``spancat``, n-gram suggester over the span
  lengths seen in training, at most 40 tokens).
* ``progress(fraction, message)`` is called and ``cancel()`` polled between batches: the GUI
  runs training in a thread. A cancelled run writes nothing.
* The model is saved atomically as ``<project>.model/`` with ``annotator-model.json`` (labels,
  trained_at, documents used, scores).
* Evaluation on the held-out documents: precision, recall and F1 per label and micro-averaged,
  a predicted span counting only when start, end and label match a gold span exactly.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.services.spacy_model import (
    META_NAME,
    SPANS_KEY,
    found_spans,
    load_spacy,
    model_path,
    read_meta,
    save_atomically,
)
from annotator.store import Project

SHORT_SPAN_TOKENS = 6.0  # mean span length (tokens) up to which a label is learned by NER
MAX_NGRAM = 40
MIN_EPOCHS, MAX_EPOCHS = 5, 12
PATIENCE = 2  # epochs without a better held-aside score before stopping (after MIN_EPOCHS)
BATCH_SIZE = 8

Progress = Callable[[float, str], None]
Gold = tuple[int, int, str]


class TrainingError(Exception):
    """Training cannot start: too few annotated documents."""


class TrainingCancelled(Exception):
    """``cancel()`` returned true: training stopped and nothing was written."""


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_json(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "support": self.true_positives + self.false_negatives}  # fmt: skip


@dataclass(frozen=True, slots=True)
class TrainResult:
    path: Path
    trained_at: str
    ner_labels: tuple[str, ...]
    span_labels: tuple[str, ...]
    trained_on: tuple[int, ...]  # document ids
    held_out: tuple[int, ...]
    epochs: int
    scores: dict[str, Score] = field(default_factory=dict)  # per label, held-out documents
    micro: Score = Score()


@dataclass(frozen=True, slots=True)
class _Doc:
    id: int
    text: str
    spans: tuple[Gold, ...]


def split_documents(ids: Sequence[int], seed: int, holdout: float) -> tuple[list[int], list[int]]:
    """(trained on, held out): ``holdout`` of the documents (at least one when there are two or
    more and ``holdout`` > 0), drawn with ``seed``; each list in id order."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    n = min(max(round(len(order) * holdout), 1 if holdout > 0 else 0), len(order) - 1)
    return sorted(order[n:]), sorted(order[:n])


def _documents(project: Project, labels: Iterable[str] | None) -> list[_Doc]:
    wanted = set(labels) if labels else None
    docs = []
    for doc_id in project.document_ids():
        spans = {(a.start, a.end, a.label) for a in project.annotations(doc_id)
                 if wanted is None or a.label in wanted}  # fmt: skip
        if spans:
            docs.append(_Doc(doc_id, project.document(doc_id).text, tuple(sorted(spans))))
    return docs


def _language(project: Project, ids: Iterable[int]) -> str:
    spacy = load_spacy()
    langs = Counter(str(project.document(i).meta.get("language") or "").lower() for i in ids)
    for lang, _ in langs.most_common():
        try:
            spacy.util.get_lang_class(lang)
            return lang
        except Exception:  # not a language code spaCy knows ("", "English", "de-AT")
            continue
    return "en"


def _tokens(nlp: Any, text: str, start: int, end: int) -> int:
    span = nlp.make_doc(text).char_span(start, end, alignment_mode="expand")
    return len(span) if span is not None else 1


def _split_labels(nlp: Any, docs: Sequence[_Doc]) -> tuple[list[str], list[str], list[int]]:
    """(NER labels, spancat labels, spancat n-gram sizes) by the mean-length rule."""
    lengths: dict[str, list[int]] = {}
    for doc in docs:
        for start, end, label in doc.spans:
            lengths.setdefault(label, []).append(_tokens(nlp, doc.text, start, end))
    ner = sorted(k for k, v in lengths.items() if sum(v) / len(v) <= SHORT_SPAN_TOKENS)
    cat = sorted(k for k in lengths if k not in ner)
    sizes = sorted({min(n, MAX_NGRAM) for k in cat for n in lengths[k]})
    return ner, cat, sizes


def _example(nlp: Any, doc: _Doc, ner: set[str]) -> Any:
    from spacy.tokens import Span
    from spacy.training import Example
    from spacy.util import filter_spans

    ref = nlp.make_doc(doc.text)
    found = [
        ref.char_span(s, e, label=label, alignment_mode="contract") for s, e, label in doc.spans
    ]
    spans: list[Span] = [s for s in found if s is not None]
    ref.ents = filter_spans([s for s in spans if s.label_ in ner])
    ref.spans[SPANS_KEY] = [s for s in spans if s.label_ not in ner]
    return Example(nlp.make_doc(doc.text), ref)


def _pipeline(lang: str, ner: list[str], cat: list[str], sizes: list[int]) -> Any:
    nlp = load_spacy().blank(lang)
    if ner:
        component = nlp.add_pipe("ner")
        for label in ner:
            component.add_label(label)
    if cat:
        suggester = {"@misc": "spacy.ngram_suggester.v1", "sizes": sizes}
        component = nlp.add_pipe("spancat", config={"spans_key": SPANS_KEY, "suggester": suggester})
        for label in cat:
            component.add_label(label)
    return nlp


def evaluate(nlp: Any, docs: Sequence[_Doc]) -> tuple[dict[str, Score], Score]:
    """Exact-match precision, recall and F1 per label and micro over ``docs``."""
    counts: dict[str, list[int]] = {}
    for doc, parsed in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        gold = set(doc.spans)
        found = {(s, e, label) for s, e, label, _ in found_spans(parsed)}
        for s, e, label in gold | found:
            row = counts.setdefault(label, [0, 0, 0])
            row[0 if (s, e, label) in gold & found else 1 if (s, e, label) in found else 2] += 1
    scores = {label: Score(*row) for label, row in sorted(counts.items())}
    micro = Score(*(sum(r[i] for r in counts.values()) for i in range(3)))
    return scores, micro


def _train_loop(
    nlp: Any,
    train: list[Any],
    dev: Sequence[_Doc],
    seed: int,
    progress: Progress,
    cancel: Callable[[], bool],
) -> int:
    """Epochs over ``train`` until ``dev`` stops improving (at least MIN_EPOCHS, at most
    MAX_EPOCHS); the best weights are kept. Returns the number of epochs run."""
    from spacy.util import minibatch

    optimizer = nlp.initialize(lambda: train)
    rng = random.Random(seed)
    best, best_bytes, stale, epoch = -1.0, None, 0, 0
    batches = max(1, -(-len(train) // BATCH_SIZE))
    for epoch in range(1, MAX_EPOCHS + 1):
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for i, batch in enumerate(minibatch(train, size=BATCH_SIZE)):  # type: ignore[no-untyped-call]
            if cancel():
                raise TrainingCancelled("Training was cancelled; no model was saved.")
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
            progress((epoch - 1 + (i + 1) / batches) / MAX_EPOCHS, f"epoch {epoch}")
        if not dev:
            continue
        scores = evaluate(nlp, dev)[0]  # macro F1: a rare or slow label counts as much
        f1 = sum(score.f1 for score in scores.values()) / max(len(scores), 1)
        learning = all(score.f1 > 0 for score in scores.values())  # no label still at zero
        stale = 0 if f1 > best or not learning else stale + 1
        if f1 >= best:  # on a tie the later, longer trained weights
            best, best_bytes = f1, nlp.to_bytes()
        if stale >= PATIENCE and epoch >= MIN_EPOCHS:
            break
    if best_bytes is not None:
        nlp.from_bytes(best_bytes)
    return epoch


def train(
    project: Project,
    *,
    labels: Iterable[str] | None = None,
    seed: int = 0,
    holdout: float = 0.2,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> TrainResult:
    """Train on the project's annotated documents, evaluate on the held-out ones, save the
    model as ``<project>.model/`` and return the scores (see the module's docstring)."""
    spacy = load_spacy()
    report = progress or (lambda fraction, message: None)
    docs = _documents(project, labels)
    if len(docs) < 2:
        raise TrainingError(
            "Training needs at least two annotated documents (one to learn from, one to check"
            f" on); this project has {len(docs)}."
        )
    trained_ids, held_ids = split_documents([d.id for d in docs], seed, holdout)
    by_id = {d.id: d for d in docs}
    train_docs = [by_id[i] for i in trained_ids]
    fit_ids, dev_ids = split_documents(trained_ids, seed, 0.1 if len(trained_ids) >= 20 else 0)
    spacy.util.fix_random_seed(seed)
    probe = spacy.blank(_language(project, trained_ids))
    ner, cat, sizes = _split_labels(probe, train_docs)
    nlp = _pipeline(probe.lang, ner, cat, sizes)
    examples = [_example(nlp, by_id[i], set(ner)) for i in fit_ids]
    report(0.0, f"training on {len(fit_ids)} documents")
    epochs = _train_loop(
        nlp, examples, [by_id[i] for i in dev_ids], seed, report, cancel or (lambda: False)
    )
    scores, micro = evaluate(nlp, [by_id[i] for i in held_ids])
    trained_at = datetime.now(UTC).isoformat(timespec="seconds")
    result = TrainResult(
        model_path(project), trained_at, tuple(ner), tuple(cat), tuple(trained_ids),
        tuple(held_ids), epochs, scores, micro,
    )  # fmt: skip
    save_atomically(nlp, _meta(result, seed), result.path)
    report(1.0, f"saved {result.path.name}")
    return result


def _meta(result: TrainResult, seed: int) -> dict[str, Any]:
    return {
        "labels": {"ner": list(result.ner_labels), "spancat": list(result.span_labels)},
        "trained_at": result.trained_at,
        "seed": seed,
        "epochs": result.epochs,
        "documents": {"trained_on": list(result.trained_on), "held_out": list(result.held_out)},
        "scores": {label: s.as_json() for label, s in result.scores.items()},
        "micro": result.micro.as_json(),
    }


RETRAIN_SETTING = "model.retrain_after"  # project setting: annotations; "0" never
DEFAULT_RETRAIN_AFTER = 50


def retrain_after(project: Project) -> int:
    """After how many new annotations the window trains the model again (0: never)."""
    raw = project.get_setting(RETRAIN_SETTING) or ""
    return int(raw) if raw.strip().isdigit() else DEFAULT_RETRAIN_AFTER


def annotations_since_model(project: Project) -> int | None:
    """Annotations made since the project's model was trained; None without a trained model
    (the first training is asked for, never started by itself)."""
    folder = model_path(project)
    if not (folder / META_NAME).is_file():
        return None
    trained_at = str(read_meta(folder).get("trained_at", ""))[:19]  # YYYY-MM-DDTHH:MM:SS
    return project.annotations_created_since(trained_at) if trained_at else None
