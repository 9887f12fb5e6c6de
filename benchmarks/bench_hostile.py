"""Benchmark: 1,000 generated hostile inputs, each imported in a capped child (issue #17).

Inputs: every reader's valid sample mutated at byte level (flips, inserts, repeats, cuts) and
at structure level (deep nesting, huge numbers, wrong types, lone surrogates), plus the file
kinds of the issue: Markdown/HTML nesting and bracket bombs, DOCX paragraph bombs and XXE,
oversized JSONL lines, FIFOs and device links. Each runs in a forked child under a memory cap
(RLIMIT_AS) and a time cap (tests/safety/capped_run.py).

Run:  .venv/bin/python benchmarks/bench_hostile.py [--inputs 1000] [--seed 17]
Prints crashes, hangs, kills (over the memory cap), the peak RSS of any child, and the slowest
inputs. No assertion (shared, noisy machines, as D8 says); the fuzz suite asserts.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "safety"))

from capped_run import run_capped
from hostile_samples import docx_bytes, one_char_paragraphs, valid_samples, xxe_docx

HOSTILE_JSON = ['{"a":' * 1_000 + "1" + "}" * 1_000, "[" * 3_000, "1" + "0" * 400, "1e400",
                '"\\ud800"', "null", "true", "3.9", '"0"', "[]", "{}",
                '"' + "x" * 50_000 + '"']  # fmt: skip


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(max(len(out), 1))
        kind = rng.choice(["flip", "insert", "delete", "repeat", "truncate"])
        if kind == "flip" and out:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == "insert":
            out[at:at] = rng.randbytes(rng.randint(1, 8))
        elif kind == "delete":
            del out[at : at + rng.randint(1, 16)]
        elif kind == "repeat":
            out[at:at] = bytes(out[at : at + 64]) * rng.randint(2, 2_000)
        else:
            del out[at:]
    return bytes(out)


def mutate_structure(rng: random.Random, data: bytes) -> bytes:
    import re

    text = data.decode("utf-8", "replace")
    values = list(re.finditer(r'-?\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|\[\]|\{\}|null', text))
    if not values:
        return data
    target = rng.choice(values)
    return (text[: target.start()] + rng.choice(HOSTILE_JSON) + text[target.end() :]).encode()


def special(folder: Path, n: int) -> Path:
    """The issue's own hostile files, in turn."""
    kind = n % 9
    path = folder / f"special{n}"
    if kind == 0:
        return one_char_paragraphs(path.with_suffix(".docx"), 150_000)
    if kind == 1:
        return xxe_docx(path.with_suffix(".docx"))
    if kind == 2:
        path = path.with_suffix(".md")
        path.write_text("\n".join("    " * i + "- x" for i in range(2_000)))
    elif kind == 3:
        path = path.with_suffix(".md")
        path.write_text("[" * 50_000)
    elif kind == 4:
        path = path.with_suffix(".html")
        path.write_text("<div>" * 20_000 + "x")
    elif kind == 5:
        path = path.with_suffix(".txt")
        path.symlink_to("/dev/zero")
    elif kind == 6:
        path = path.with_suffix(".jsonl")
        os.mkfifo(path)
    elif kind == 7:
        path = path.with_suffix(".jsonl")
        path.write_bytes(b'{"text": "' + b"x" * 30_000_000)  # unterminated 30 MB line
    else:
        path = path.with_suffix(".docx")
        path.write_bytes(docx_bytes("<w:tbl><w:tr><w:tc>" * 5_000))
    return path


def generate(rng: random.Random, folder: Path, samples: dict[str, Path], n: int) -> Path:
    if n % 20 == 0:
        return special(folder, n // 20)
    name = rng.choice(sorted(samples))
    source = samples[name]
    data = source.read_bytes()
    structured = source.suffix in (".jsonl", ".json") and rng.random() < 0.5
    mutated = mutate_structure(rng, data) if structured else mutate_bytes(rng, data)
    if name == "brat":
        pair = folder / f"brat{n}"
        pair.mkdir()
        (pair / "doc.txt").write_bytes(source.with_suffix(".txt").read_bytes())
        path = pair / "doc.ann"
    else:
        path = folder / f"input{n}{source.suffix}"
    path.write_bytes(mutated)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds: Counter[str] = Counter()
    peak, slowest, bad = 0, [], []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        samples = valid_samples(folder / "samples")
        for n in range(args.inputs):
            path = generate(rng, folder, samples, n)
            begun = time.perf_counter()
            result = run_capped(path)
            slowest.append((time.perf_counter() - begun, path.name))
            peak = max(peak, result.peak_rss_kb)
            kinds[result.kind] += 1
            kinds.update(status for status, _ in result.outcomes)
            if result.problems():
                bad.append((path.name, result.problems()))
    print(f"inputs: {args.inputs}")
    print(f"crashes: {kinds['crash']}")
    print(f"hangs: {kinds['hang']}")
    print(f"killed (memory cap): {kinds['killed']}")
    print(f"outcomes: imported {kinds['imported']}, error messages {kinds['error']},"
          f" duplicates {kinds['duplicate']}")  # fmt: skip
    print(f"peak RSS of any child: {peak / 1024:.0f} MB")
    print(f"total: {time.perf_counter() - started:.0f} s")
    for seconds, name in sorted(slowest, reverse=True)[:5]:
        print(f"slowest: {seconds:.2f} s {name}")
    for name, problems in bad[:20]:
        print(f"PROBLEM {name}: {problems}")


if __name__ == "__main__":
    main()
