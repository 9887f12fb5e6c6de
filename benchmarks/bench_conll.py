"""Benchmark: a CoNLL-2003-sized dataset in and out (issue #11), next to same-run references.

Generates a CoNLL-2003-shaped file (``TOKEN POS CHUNK TAG``, ``-DOCSTART-`` documents, blank
lines between sentences, IOB1 tags as the original uses them) of about --tokens tokens with
about --entities entities, then measures, median of --repeats:

- import into a new project (``annotator import`` path: read, one transaction per document);
  reference: splitting the same file into sentences and tag lists in plain Python;
- export of that project back to CoNLL (byte-identical to the input: checked, not timed);
  reference: writing the same lines with plain Python.

Prints the app's median, the reference's median and the ratio (design D8: no goal asserted).

Run:  .venv/bin/python benchmarks/bench_conll.py [--tokens 300000] [--entities 35000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from annotator.services.exporting import export_project
from annotator.services.importing import import_paths
from annotator.store import Project

WORDS = "the of and to in said that on for with was by at from talks army would".split()  # noqa: SIM905
NAMES = {"PER": ["Kim", "Putin", "Yoon", "Lavrov"], "LOC": ["Seoul", "Moscow", "Kursk"],
         "ORG": ["NIS", "Reuters", "Kremlin"], "MISC": ["Korean", "Russian"]}  # fmt: skip


def generate(tokens: int, entities: int, seed: int = 2003) -> str:
    """CoNLL-2003-shaped text: numbers as tokens (``96 CD I-NP O``), IOB1 entity tags."""
    rng = random.Random(seed)
    p_entity = entities / tokens
    lines, written, document = [], 0, 0
    while written < tokens:
        if written == 0 or rng.random() < 0.02:
            document += 1
            lines += ["-DOCSTART- -X- -X- O", ""]
        for _ in range(rng.randint(8, 30)):
            if rng.random() < p_entity:
                kind = rng.choice(list(NAMES))
                for word in rng.sample(NAMES[kind], k=rng.randint(1, 2)):
                    lines.append(f"{word} NNP I-NP I-{kind}")
                    written += 1
            elif rng.random() < 0.05:
                lines.append(f"{rng.randint(1, 2000)} CD I-NP O")
                written += 1
            else:
                lines.append(f"{rng.choice(WORDS)} NN I-NP O")
                written += 1
        lines.append("")
    return "\n".join(lines) + "\n"


def median_ms(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def plain_parse(text: str) -> list[list[str]]:
    sentences, current = [], []
    for line in text.split("\n"):
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        else:
            current.append(line.split(" ")[-1])
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=300_000)
    parser.add_argument("--entities", type=int, default=35_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "conll2003.conll"
        source.write_text(generate(args.tokens, args.entities), encoding="utf-8")
        runs = iter(range(10_000))

        def import_once() -> None:
            with Project.open(folder / f"p{next(runs)}.annotator") as project:
                import_paths(project, [source])

        import_ms = median_ms(import_once, args.repeats)
        text = source.read_text("utf-8")
        parse_ms = median_ms(lambda: plain_parse(text), args.repeats)
        with Project.open(folder / "p0.annotator") as project:
            out = folder / "out.conll"
            spans = sum(1 for _ in project.iter_annotations())
            export_ms = median_ms(lambda: export_project(project, "conll", out), args.repeats)
            identical = out.read_bytes() == source.read_bytes()
        write_ms = median_ms(lambda: (folder / "plain.conll").write_text(text), args.repeats)
    print(f"tokens: ~{args.tokens:,}, entities imported as spans: {spans:,}")
    print(f"import: {import_ms:8.0f} ms | plain Python parse {parse_ms:6.0f} ms | "
          f"ratio {import_ms / parse_ms:5.1f}x")  # fmt: skip
    print(f"export: {export_ms:8.0f} ms | plain Python write {write_ms:6.0f} ms | "
          f"ratio {export_ms / write_ms:5.1f}x")  # fmt: skip
    print(f"export byte-identical to the input: {identical}")


if __name__ == "__main__":
    main()
