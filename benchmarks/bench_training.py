"""Benchmark: training the project's model and suggesting with it (issue #15), each figure next
to a same-run reference and the ratio (design D8: no goal is asserted).

Generates --articles annotated articles (``tests/training_corpus.py``: person names in varied
sentences, Actor spans; with --claims the reporting sentences are Claim spans too) and as many
unannotated ones naming people never seen in training. Then:

- ``train`` (CPU, blank pipeline, early stop; evaluation on the held-out fifth and the atomic
  save included) — reference: spaCy's own ``nlp.pipe`` of the blank pipeline (tokenizing) over
  the same texts, i.e. the floor any pass over the corpus costs;
- ``suggest_with_model`` over the unannotated articles (load, read, run, filter, store) —
  references: the blank pipeline's ``nlp.pipe`` and the trained pipeline's own ``nlp.pipe``
  over the same texts (what spaCy alone needs).

Run:  .venv/bin/python benchmarks/bench_training.py [--articles 1000] [--claims]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_library import median_of, show
from training_corpus import UNSEEN, claimed_article, fill

from annotator.core.styled_text import StyledText
from annotator.services.model_suggest import suggest_with_model
from annotator.services.training import train
from annotator.store import NewDocument, Project


def bench(folder: Path, articles: int, claims: bool) -> None:
    import spacy

    project = Project.open(folder / "bench.annotator")
    fill(project, articles, claims=claims)
    texts = [project.document(i).text for i in project.document_ids()]
    blank = spacy.blank("en")
    began = time.perf_counter()
    result = train(project)
    train_s = time.perf_counter() - began
    ref_s = median_of(3, lambda: list(blank.pipe(texts)))
    print(f"trained on {len(result.trained_on)} articles in {result.epochs} epochs;"
          f" held-out micro F1 {result.micro.f1:.3f}"
          + "".join(f", {k} {v.f1:.3f}" for k, v in result.scores.items()))  # fmt: skip
    show(f"train on {articles} articles", train_s, ref_s, "blank nlp.pipe")

    rng = random.Random(articles)
    new = [claimed_article(rng, UNSEEN)[0] for _ in range(articles)]
    ids = project.add_documents([NewDocument("new", StyledText(t, [])) for t in new])
    began = time.perf_counter()
    counts = suggest_with_model(project, ids)
    suggest_s = time.perf_counter() - began
    trained = spacy.load(result.path)
    print(f"suggested {dict(counts)} in {articles} unseen articles")
    name = f"suggest over {articles} articles"
    show(name, suggest_s, median_of(3, lambda: list(blank.pipe(new))), "blank nlp.pipe")
    show(name, suggest_s, median_of(3, lambda: list(trained.pipe(new))), "trained nlp.pipe")
    project.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--claims", action="store_true", help="annotate Claim sentences too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bench(Path(folder), args.articles, args.claims)
    return 0


if __name__ == "__main__":
    sys.exit(main())
