"""Benchmark: bulk import of many small articles, then full-text search latency (issue #4).

Writes N synthetic news articles of about 5 KB each (title line, MENAFN-style syndication
header, paragraphs with broken lines, some emoji/CJK, ID line and disclaimer: so reflow and
news clean-up do real work) into a temporary folder, imports the folder into a fresh project
with ``services.bulk_import.import_bulk`` (batched transactions, FTS5 kept in sync by the
schema's triggers), then runs FTS5 queries with snippets and hit offsets.

Run:  .venv/bin/python benchmarks/bench_import.py [--articles 10000] [--kb 5] [--batch 250]
Figures are printed as "name: value" lines; goals are marked OK or OVER (no assertion: shared,
noisy machines, as D8 says).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from annotator.services.bulk_import import import_bulk
from annotator.services.search import search_documents, to_fts_query
from annotator.store import Project

_WORD_LIST = (
    "the of and to in a is that for on with as was by at from his her it an be are this "
    "military alliance Pyongyang Moscow Seoul Kyiv troops deployment sanctions minister "
    "president parliament election economy inflation market report officials said claimed "
    "intelligence nuclear missile frontier border treaty summit agreement ceasefire 😀 北京 "
    "Zelenskyy Putin Yoon NATO analysts warned according statement"
)
WORDS = _WORD_LIST.split()
QUERIES = ("Pyongyang", "nuclear missile", '"military alliance"', "Zelenskyy", "treaty*", "北京")


def article(rng: random.Random, index: int, size: int) -> str:
    lines = [f"Article {index}: {' '.join(rng.choices(WORDS, k=6)).title()}", "", ""]
    body: list[str] = [f"(MENAFN- Wire {index % 7}) "]
    length = 0
    while length < size - 600:
        sentence = " ".join(rng.choices(WORDS, k=rng.randint(8, 20))).capitalize() + ". "
        body.append(sentence)
        length += len(sentence.encode("utf-8"))
        if rng.random() < 0.15:
            body.append("\n")  # a broken line inside a paragraph
        if rng.random() < 0.12:
            body.append("\n\n")
    lines.append("".join(body))
    day = 1 + index % 28
    lines += [
        "",
        f"MENAFN{day:02d}102024000159011032ID{1108807929 + index}",
        "",
        f"Wire {index % 7}",
    ]
    lines += ["", "Legal Disclaimer:", "MENAFN provides the information “as is” without warranty."]
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, size: int) -> int:
    rng = random.Random(4)
    total = 0
    for index in range(count):
        data = article(rng, index, size).encode("utf-8")
        (folder / f"a{index:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--kb", type=float, default=5)
    parser.add_argument("--batch", type=int, default=250)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        total = write_corpus(folder, args.articles, int(args.kb * 1024))
        print(f"articles: {args.articles}")
        print(f"corpus_mb: {total / 1e6:.1f}")
        with Project.open(Path(tmp) / "bench.annotator") as project:
            began = time.perf_counter()
            result = import_bulk(project, [folder], batch_size=args.batch)
            elapsed = time.perf_counter() - began
            imported = result.count("imported")
            print(
                f"imported: {imported}  duplicates: {result.count('duplicate')}  "
                f"errors: {result.count('error')}"
            )
            print(f"import_s: {elapsed:.2f}")
            print(f"import_docs_per_s: {imported / elapsed:.0f}")
            print(f"import_mb_per_s: {total / 1e6 / elapsed:.1f}")
            goal = "OK" if elapsed <= 10 else "OVER"
            print(f"goal import {args.articles} articles <= 10 s: {goal}")
            for query in QUERIES:
                times = []
                for _ in range(args.repeats):
                    began = time.perf_counter()
                    hits = search_documents(project, query, limit=20)
                    times.append(time.perf_counter() - began)
                count = project.search_count(to_fts_query(query))
                print(
                    f"query {query!r}: median {statistics.median(times) * 1000:.1f} ms, "
                    f"p95 {sorted(times)[int(len(times) * 0.95) - 1] * 1000:.1f} ms "
                    f"(top {len(hits)} of {count} with snippets and hit offsets)"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
