"""Benchmark: tag all occurrences of a name across a large corpus (issue #12 item 2), each figure
next to a same-run reference and the ratio (design D8: no goal is asserted).

Generates N articles (~5 KB each) with ``bench_library.generate``, then 1,000 more articles of
the same words in which a 3-word name appears in its spellings ("Kim Jong Un", "Kim Jong-un",
"KIM JONG–UN") and, in half of them, an alias ("Chairman Kim"); a few hundred more hold the
name's words apart (FTS5 selects them, matching rejects them). Median of --repeats:

- finding the candidates of the name + alias across the corpus, with context (reference: the
  raw FTS5 query for the same words, ids only; and the same query reading the texts);
- applying 1,000 of them in one transaction (reference: raw sqlite3 executemany of the same
  rows in one transaction). Between runs the spans are removed again (not timed).

Run:  .venv/bin/python benchmarks/bench_tag_all.py [--articles 10000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from pathlib import Path

from bench_library import WORDS, generate, median_of, show

from annotator.core.document import NewDocument
from annotator.core.styled_text import StyledText
from annotator.services.tag_all import apply_candidates, find_candidates, remove_tagged
from annotator.store import Project

NEEDLES = ["Kim Jong Un", "Chairman Kim"]
SPELLINGS = ["Kim Jong Un", "Kim Jong-un", "KIM JONG–UN"]
RAW_FTS = '("Kim" AND "Jong" AND "Un") OR ("Chairman" AND "Kim")'
APPLY = 1_000


def add_mentions(path: Path, count: int, kb: float) -> None:
    rng = random.Random(12)
    docs = []
    for index in range(count + count // 4):
        words = rng.choices(WORDS, k=int(kb * 1024 / 7))
        if index < count:
            words.insert(rng.randrange(len(words)), rng.choice(SPELLINGS))
            if index % 2:
                words.insert(rng.randrange(len(words)), "Chairman Kim")
        else:  # the words apart: a candidate document without an occurrence
            words[10:10] = ["Kim", "met", "Jong", "and", "Un"]
        text = f"Mention {index}\n\n{' '.join(words)}."
        docs.append(NewDocument(f"Mention {index}", StyledText(text), f"m{index}.txt"))
    with Project.open(path) as project:
        project.add_documents(docs)


def bench_find(project: Project, path: Path, repeats: int) -> None:
    found = find_candidates(project, NEEDLES, label="Actor")
    print(f"candidates: {len(found)} in {len({c.document_id for c in found})} documents")
    app_s = median_of(repeats, lambda: find_candidates(project, NEEDLES, label="Actor"))
    with sqlite3.connect(path) as conn:
        ids_sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?"
        texts_sql = (
            "SELECT d.id, d.text FROM documents_fts f JOIN documents d ON d.id = f.rowid"
            " WHERE documents_fts MATCH ?"
        )
        ids_s = median_of(repeats, lambda: conn.execute(ids_sql, [RAW_FTS]).fetchall())
        texts_s = median_of(repeats, lambda: conn.execute(texts_sql, [RAW_FTS]).fetchall())
    show("find candidates (name + alias)", app_s, ids_s, "raw FTS5 ids")
    show("find candidates (name + alias)", app_s, texts_s, "raw FTS5 + texts")


def bench_apply(project: Project, path: Path, repeats: int) -> None:
    todo = [c for c in find_candidates(project, NEEDLES, label="Actor") if not c.already_tagged]
    todo = todo[:APPLY]

    def apply_app() -> None:
        result = apply_candidates(project, todo, "Actor")
        assert len(result.added) == len(todo)
        added.append([a.id for a in result.added])

    added: list[list[int]] = []
    times = []
    for _ in range(repeats):
        times.append(median_of(1, apply_app))
        remove_tagged(project, added.pop())
    app_s = sorted(times)[len(times) // 2]
    label_id = project.db.execute("SELECT id FROM labels WHERE name = 'Actor'").fetchone()[0]
    rows = [(c.document_id, c.start, c.end, label_id, c.text, "", "t", "t", "{}", "")
            for c in todo]  # fmt: skip
    ref_times = []
    with sqlite3.connect(path, isolation_level=None) as conn:
        for _ in range(repeats):
            ref_times.append(median_of(1, lambda: raw_insert(conn, rows)))
            conn.execute("DELETE FROM annotations")
    ref_s = sorted(ref_times)[len(ref_times) // 2]
    show(f"apply {len(todo)} in one transaction", app_s, ref_s, "raw sqlite3 executemany")


def raw_insert(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        'INSERT INTO annotations (document_id, start, "end", label_id, text, author, created,'
        " updated, attributes, note) VALUES (?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    conn.execute("COMMIT")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--mentions", type=int, default=1_000)
    parser.add_argument("--kb", type=float, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the corpus here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"tag-all-{args.articles}-{args.mentions}.annotator"
        if not path.exists():
            took = generate(path, args.articles - args.mentions, args.kb)
            add_mentions(path, args.mentions, args.kb)
            print(f"generated {args.articles} articles of ~{args.kb:g} KB in {took:.1f} s")
        with Project.open(path) as project:
            bench_find(project, path, args.repeats)
            bench_apply(project, path, args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
