"""Benchmark: export 1,000,000 spans to native JSONL (goal ≤ 5 s) and to CoNLL (design D4).

Builds a project of ``--docs`` synthetic articles (English with emoji and CJK, so code points,
UTF-16 and bytes differ) holding ``--spans`` annotations in total (10 % nested inside another
span, so CoNLL has overlaps to drop), inserted with one ``executemany`` like the other
benchmarks. Then times ``export_project`` for each format (median of ``--repeats`` runs) and
prints spans per second. The project is built once and reused (``--keep PATH``).

Run:  .venv/bin/python benchmarks/bench_export.py [--spans N] [--docs N] [--repeats N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.store import NewDocument, Project
from annotator.store.project import now_iso

GOAL_JSONL_S = 5.0
WORDS = [
    "the",
    "government",
    "said",
    "on",
    "Tuesday",
    "that",
    "its",
    "new",
    "policy",
    "would",
    "reduce",
    "costs",
    "for",
    "families",
    "while",
    "critics",
    "argued",
    "the",
    "plan",
    "lacked",
    "detail",
    "🇰🇷",
    "officials",
    "declined",
    "to",
    "comment",
    "北朝鮮",
    "analysts",
    "expect",
    "growth",
    "to",
    "slow",
    "👨\u200d👩\u200d👧",
    "according",
    "to",
    "a",
    "statement",
    "released",
    "by",
    "the",
    "ministry",
]


def article(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def word_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for word in text.split(" "):
        spans.append((pos, pos + len(word)))
        pos += len(word) + 1
    return spans


def build(path: Path, n_spans: int, n_docs: int) -> None:
    rng = random.Random(5)
    per_doc = n_spans // n_docs
    with Project.open(path) as project:
        label_rows = {label.name: label.id for label in project.labels()}
        stamp = now_iso()
        for d in range(n_docs):
            text = article(rng, int(per_doc * 1.2) + 10)
            doc_id = project.add_document(NewDocument(f"Article {d}", StyledText(text)))
            words = word_spans(text)
            rows = []
            for i in range(per_doc):
                if i % 10 == 9:  # a nested span: two words around the previous one
                    start, end = words[i - 1][0], words[i][1]
                else:
                    start, end = words[i]
                label = "Claim" if i % 3 == 0 else "Actor"
                rows.append((doc_id, start, end, label_rows[label], text[start:end], "", stamp,
                             stamp))  # fmt: skip
            with project.transaction():
                project.db.conn.executemany(
                    'INSERT INTO annotations (document_id, start, "end", label_id, text, author,'
                    " created, updated) VALUES (?,?,?,?,?,?,?,?)",
                    rows,
                )


def measure(project: Project, fmt: str, out: Path, repeats: int) -> tuple[float, int]:
    times, spans = [], 0
    for _ in range(repeats):
        start = time.perf_counter()
        summary = export_project(project, fmt, out, ExportOptions())
        times.append(time.perf_counter() - start)
        spans = summary.spans
    return statistics.median(times), spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spans", type=int, default=1_000_000)
    parser.add_argument("--docs", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Build the project here (reused if present).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "bench.annotator"
        if not path.exists():
            start = time.perf_counter()
            build(path, args.spans, args.docs)
            print(f"build_project_s: {time.perf_counter() - start:.2f}")
        with Project.open(path) as project:
            for fmt, suffix in (("jsonl", ".jsonl"), ("conll", ".conll")):
                out = Path(tmp) / f"out{suffix}"
                seconds, spans = measure(project, fmt, out, args.repeats)
                print(f"{fmt}_spans_written: {spans}")
                print(f"{fmt}_median_s: {seconds:.2f}")
                print(f"{fmt}_spans_per_s: {spans / seconds:,.0f}")
                print(f"{fmt}_file_mb: {out.stat().st_size / 1e6:.1f}")
                if fmt == "jsonl":
                    verdict = "OK" if seconds <= GOAL_JSONL_S else "OVER"
                    print(f"goal jsonl <= {GOAL_JSONL_S} s for {args.spans:,} spans: {verdict}")


if __name__ == "__main__":
    main()
