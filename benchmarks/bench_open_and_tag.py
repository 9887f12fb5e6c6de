"""Benchmark: open a big annotated article in the real window, then tag spans (design D3).

Builds a synthetic article (~5 MB of English paragraphs with some emoji and CJK, so positions
differ between code points and UTF-16) and a project holding it with 50,000 annotations
(10 % overlapping another span), then measures with the real ``MainWindow``, headless:

- constructing the window (which opens the last document), and showing it until painted;
- re-opening the document (``open_document``) until the view has painted, several times;
- tagging one more span with ``tag_selection`` (saved to SQLite, highlight and list updated),
  200 times at positions spread over the document, each followed by one event-loop turn;
- peak RSS of the process (the data is built in a child process, so it is the window's).

Run:  .venv/bin/python benchmarks/bench_open_and_tag.py [--chars N] [--spans N] [--repeats N]
      [--tags N] [--no-check] [--profile]
Figures are printed as "name: value" lines; the goals at the end are marked OK or OVER. No
assertion on time (shared, noisy machines: design D8). See benchmarks/README.md.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ANNOTATOR_USER", "benchmark")  # no first-edit name prompt (#13)

import argparse
import cProfile
import gc
import io
import json
import pstats
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.core.reflow import RENDERER_VERSION, reflow_plain_text
from annotator.gui import MainWindow
from annotator.store import Project
from annotator.store.project import NewDocument, now_iso

GOAL_OPEN_S = 0.5
GOAL_TAG_P99_MS = 10.0
GOAL_RSS_MB = 250.0
TAG_COUNT = 200
OVERLAP_SHARE = 0.10
PAINT_TIMEOUT_S = 10.0

_SENTENCES = (
    "the government said on Tuesday that its new policy would reduce costs for families "
    "while critics argued the plan lacked detail and officials declined to comment further "
    "according to a statement released by the ministry analysts expect growth to slow "
    "as inflation remains high and the central bank weighs another rate increase "
    "opposition leaders accused the president of ignoring parliament in a heated debate "
    "residents of the northern province reported flooding after days of heavy rain "
    "the company announced record profits despite supply chain disruptions and strikes "
    "experts warned that the agreement could collapse unless both sides make concessions "
    "police arrested several protesters near the embassy late on Friday evening "
    "negotiators from both countries met in Geneva to discuss a possible ceasefire "
    "the report found that emissions rose sharply last year across most industrial sectors "
    "a spokesperson for the union described the offer as unacceptable and vowed to continue"
)
WORDS = _SENTENCES.split()
NAMES = ("Reuters", "Ms. Tanaka", "Mr. Okafor", "the United Nations", "Beijing", "the EU")
EMOJI = ("😀", "🚀", "🌍", "📈", "🔥", "👍🏽", "🇯🇵", "🇺🇦", "🤔", "📰")
CJK = ("北京", "東京都", "中华人民共和国", "日本語の記事", "서울", "𠀋𡈽", "記者会見", "经济增长")


# ------------------------------------------------------------------------------- data
def synthetic_article(chars: int, rng: random.Random) -> str:
    """Plain text: a title line, then paragraphs of sentences, blank lines between."""
    paragraphs = ["Synthetic benchmark article on a busy week in world news"]
    size = len(paragraphs[0])
    while size < chars:
        sentences = []
        for _ in range(rng.randint(3, 9)):
            words = rng.choices(WORDS, k=rng.randint(8, 26))
            if rng.random() < 0.25:
                words.insert(rng.randrange(len(words)), rng.choice(NAMES))
            if rng.random() < 0.06:
                words.insert(rng.randrange(len(words)), rng.choice(EMOJI))
            if rng.random() < 0.05:
                words.insert(rng.randrange(len(words)), rng.choice(CJK))
            sentence = " ".join(words)
            sentences.append(sentence[0].upper() + sentence[1:] + rng.choice(".....?!"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def synthetic_spans(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """``count`` word-aligned spans in code points; OVERLAP_SHARE of them overlap another."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    n_overlap = int(count * OVERLAP_SHARE)
    n_base = count - n_overlap
    step = len(words) / n_base
    base: list[tuple[int, int]] = []
    for k in range(n_base):
        first = int(k * step)
        last = min(first + rng.randint(1, max(1, int(step) - 1)), len(words)) - 1
        start, end = words[first][0], words[last][1]
        gap = text.find("\n\n", start, end)  # keep a span inside its paragraph
        if gap != -1:
            end = gap
        base.append((start, end))
    overlapping = []
    for k in rng.sample(range(n_base), n_overlap):
        start, end = base[k]
        i = bisect_left(words, (start, 0))
        if rng.random() < 0.5:  # nested: the tail of the span
            j = min(i + rng.randint(1, 3), len(words) - 1)
            s, e = words[j][0], end
            if s >= e:
                s = start
        else:  # crossing: from inside the span to a few words past its end
            j = bisect_left(words, (end, 0))
            s = words[max(i, j - 1)][0]
            e = words[min(j + rng.randint(1, 4), len(words) - 1)][1]
            gap = text.find("\n\n", s, e)
            if gap != -1:
                e = gap
        overlapping.append((s, max(e, s + 1)))
    return sorted(base + overlapping)


def build_project(path: Path, chars: int, span_count: int, seed: int) -> dict[str, int]:
    """Write the project file; returns a few facts about the article."""
    rng = random.Random(seed)
    styled = reflow_plain_text(synthetic_article(chars, rng))
    spans = synthetic_spans(styled.text, span_count, rng)
    text = styled.text
    with Project.open(path) as project:
        doc_id = project.add_document(
            NewDocument(
                title="Synthetic benchmark article",
                styled=styled,
                source_name="synthetic.txt",
                renderer=RENDERER_VERSION,
            )
        )
        label_ids = [
            project.db.execute("SELECT id FROM labels WHERE name = ?", [n]).fetchone()[0]
            for n in ("Claim", "Actor")
        ]
        stamp = now_iso()
        rows = [
            (doc_id, s, e, label_ids[i % 2], text[s:e], "bench", stamp, stamp)
            for i, (s, e) in enumerate(spans)
        ]
        with project.transaction():
            project.db.conn.executemany(
                'INSERT INTO annotations (document_id, start, "end", label_id, text, author,'
                " created, updated) VALUES (?,?,?,?,?,?,?,?)",
                rows,
            )
    return {
        "document_id": doc_id,
        "code_points": len(text),
        "utf8_bytes": len(text.encode("utf-8")),
        "astral": len(text.encode("utf-16-le")) // 2 - len(text),
        "paragraphs": text.count("\n\n") + 1,
        "spans": len(spans),
        "overlapping": int(span_count * OVERLAP_SHARE),
    }


def stored_spans(path: Path) -> list[tuple[int, int]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute('SELECT start, "end" FROM annotations ORDER BY start, "end"').fetchall()
    finally:
        conn.close()


def build_in_child(path: Path, args: argparse.Namespace) -> dict[str, int]:
    """Build the project in a child process, so the peak RSS measured is the window's alone."""
    command = [sys.executable, __file__, "--build-only", str(path)]
    command += ["--chars", str(args.chars), "--spans", str(args.spans), "--seed", str(args.seed)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------- measuring
class PaintCounter(QObject):
    """Counts paint events of a widget (the document view's viewport); ``stamps[i]`` is the
    ``perf_counter()`` at which the (i + 1)-th arrived."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.stamps: list[float] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            self.stamps.append(time.perf_counter())
        return False


def settle(app: QApplication) -> None:
    """What one turn of the real event loop does: posted events, then deferred deletes.

    ``processEvents`` alone never runs ``deleteLater`` (that needs the loop ``exec`` runs), so
    without the second call widgets replaced on every tag would pile up here and nowhere else.
    """
    app.processEvents()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def process_until_painted(app: QApplication, counter: PaintCounter, before: int) -> bool:
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while counter.count <= before:
        settle(app)
        if time.perf_counter() > deadline:
            return False
    settle(app)  # whatever the paint queued (e.g. a second pass)
    return True


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def check_highlights(
    window: Any, spans: list[tuple[int, int]], sample: int = 1000
) -> tuple[int, int, int]:
    """(blocks with spans checked, of those with formats, span-free blocks with formats)."""
    view = window.documentView
    offsets = view.offsets
    starts = [s for s, _ in spans]
    max_len = max((e - s for s, e in spans), default=0)
    with_spans, without = [], []
    block = view.document().begin()
    while block.isValid():
        b0 = offsets.to_code_point(block.position())
        b1 = b0 + len(block.text())
        lo, hi = bisect_left(starts, b0 - max_len), bisect_left(starts, b1)
        if b1 > b0 and any(spans[i][1] > b0 for i in range(lo, hi)):
            with_spans.append(block)
        elif b1 > b0:
            without.append(block)
        block = block.next()
    step = max(1, len(with_spans) // sample)
    checked = with_spans[::step]
    formatted = sum(1 for b in checked if b.layout().formats())
    stray = sum(1 for b in without[:: max(1, len(without) // sample)] if b.layout().formats())
    return len(checked), formatted, stray


def tag_targets(text: str, count: int) -> list[tuple[int, int]]:
    """``count`` selections of a few words, spread evenly over the text (code points)."""
    phrase, word = re.compile(r"\S+(?:\s+\S+){2,4}"), re.compile(r"\S+")
    targets = []
    for i in range(count):
        m = phrase.search(text, int((i + 0.5) * len(text) / count)) or word.search(text)
        assert m is not None
        targets.append((m.start(), m.end()))
    return targets


def select(view: Any, start: int, end: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(start))
    cursor.setPosition(view.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def print_profile(title: str, profiler: cProfile.Profile, top: int) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    print(f"--- profile: {title} (cumulative) ---")
    print(out.getvalue())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(top)
    print(f"--- profile: {title} (own time) ---")
    print(out.getvalue())


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def open_breakdown(window: Any, doc_id: int) -> str:
    """Where an open spends its time: some of the calls open_document makes, one by one."""
    project = window.project
    t_doc = timed(lambda: project.document(doc_id))
    annotations = project.annotations_for_view(doc_id)
    t_anns = timed(lambda: project.annotations_for_view(doc_id))
    model = window.annotationList.annotation_model
    t_reset = timed(lambda: model.reset(annotations))
    t_setting = timed(lambda: project.set_setting("bench.dummy", "1"))
    return (
        f"read document {t_doc * 1000:.0f} ms, read annotations {t_anns * 1000:.0f} ms,"
        f" annotation list reset {t_reset * 1000:.0f} ms,"
        f" one setting write (commit) {t_setting * 1000:.1f} ms"
    )


def bare_open_median(
    app: QApplication, window: Any, repeats: int, spans: list[tuple[int, int]] | None = None
) -> float:
    """The same-run reference for an open: a bare QPlainTextEdit of the view's size given the
    view's text, from setPlainText until its viewport painted; with ``spans``, each is then
    given a background with a QTextCursor (the plain Qt way to show highlights)."""
    text, size = window.documentView.toPlainText(), window.documentView.size()
    fmt = QTextCharFormat()
    fmt.setBackground(QColor("#ffe08a"))
    bare = QPlainTextEdit()
    bare.resize(size)
    counter = PaintCounter()
    bare.viewport().installEventFilter(counter)
    bare.show()
    times = []
    for _ in range(repeats):
        bare.setPlainText("")
        settle(app)
        gc.collect()
        before = counter.count
        t0 = time.perf_counter()
        bare.setPlainText(text)
        if spans:
            cursor = QTextCursor(bare.document())
            cursor.beginEditBlock()
            for start, end in spans:  # UTF-16 positions: close enough for a timing reference
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)
            cursor.endEditBlock()
        process_until_painted(app, counter, before)
        times.append(time.perf_counter() - t0)
    bare.close()
    return statistics.median(times)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def mark(ok: bool) -> str:
    return "OK" if ok else "OVER"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=5_000_000, help="article size (code points)")
    parser.add_argument("--spans", type=int, default=50_000, help="annotations in the document")
    parser.add_argument("--repeats", type=int, default=5, help="re-opens of the document")
    parser.add_argument("--tags", type=int, default=TAG_COUNT, help="spans tagged one by one")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    parser.add_argument(
        "--profile", action="store_true", help="then run cProfile over one open and 50 tags"
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="open the project with check=False (skip the integrity checks on open)",
    )
    parser.add_argument("--build-only", metavar="PATH", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.build_only:  # the child process of build_in_child
        print(json.dumps(build_project(Path(args.build_only), args.chars, args.spans, args.seed)))
        return 0

    with tempfile.TemporaryDirectory(prefix="annotator-bench-") as tmp:
        path = Path(tmp) / "bench.annotator"
        # A fresh window layout: docks a user left open on this machine would change the figure.
        os.environ["ANNOTATOR_SETTINGS_DIR"] = str(Path(tmp) / "settings")
        t0 = time.perf_counter()
        facts = build_in_child(path, args)
        setup = time.perf_counter() - t0
        doc_id = facts["document_id"]
        size = f"{args.chars / 1e6:g} MB, {args.spans / 1000:g}k spans"
        print(f"platform: {os.environ.get('QT_QPA_PLATFORM')}, Python {sys.version.split()[0]}")
        print(
            f"article: {facts['code_points']:,} code points, {facts['utf8_bytes']:,} UTF-8 bytes,"
            f" {facts['astral']:,} astral characters, {facts['paragraphs']:,} paragraphs"
        )
        print(f"annotations: {facts['spans']:,} ({facts['overlapping']:,} overlapping another)")
        print(f"setup (build text + project in a child process, not measured): {setup:.2f} s")
        spans = stored_spans(path)  # read with sqlite3 alone: the check stays independent

        app = QApplication.instance() or QApplication(sys.argv[:1])
        rss_base = peak_rss_mb()
        heavy = [m for m in ("pandas", "numpy") if sys.modules.get(m) is not None]
        if heavy:
            print(f"note: {' and '.join(heavy)} imported (the application imports neither)")
        gc.collect()
        t0 = time.perf_counter()
        if args.no_check:  # the window gets a project opened without the integrity checks
            window = MainWindow(Project.open(path, lock=True, check=False))
        else:
            window = MainWindow(path)
        construct = time.perf_counter() - t0
        counter = PaintCounter()
        window.documentView.viewport().installEventFilter(counter)
        window.show()
        painted = process_until_painted(app, counter, 0)
        construct_shown = time.perf_counter() - t0
        what = "Project.open without checks" if args.no_check else "Project.open with its checks"
        print(f"MainWindow construction ({what}, opens the document): {construct * 1000:.0f} ms")
        print(f"MainWindow construction + show until painted: {construct_shown * 1000:.0f} ms")
        if not painted:
            print("WARNING: the view did not paint within the timeout")
        rss_window = peak_rss_mb()

        opens = []
        for _ in range(args.repeats):
            gc.collect()
            before = counter.count
            t0 = time.perf_counter()
            window.open_document(doc_id)
            painted = process_until_painted(app, counter, before)
            opens.append(time.perf_counter() - t0)
            if not painted:
                print("WARNING: the view did not paint within the timeout")
        open_median = statistics.median(opens)
        print(
            f"open document ({size}, all highlights applied): "
            f"median {open_median * 1000:.0f} ms, max {max(opens) * 1000:.0f} ms "
            f"over {len(opens)} opens ({', '.join(f'{t * 1000:.0f}' for t in opens)})"
        )
        bare_median = bare_open_median(app, window, args.repeats)
        print(
            f"reference: a bare QPlainTextEdit of the same size given the same text, until"
            f" painted: median {bare_median * 1000:.0f} ms; ratio app/reference"
            f" {open_median / bare_median:.2f}x"
        )
        marked = bare_open_median(app, window, 1, spans)
        print(
            f"reference: the same bare widget, then every span given a background with a"
            f" QTextCursor, until painted: {marked * 1000:.0f} ms (1 run); ratio app/reference"
            f" {open_median / marked:.2f}x"
        )
        checked, formatted, stray = check_highlights(window, spans)
        print(
            f"highlights applied: {formatted}/{checked} sampled blocks with spans have formats"
            f"; {stray} sampled span-free blocks have formats"
        )
        del spans
        rss_opens = peak_rss_mb()  # before the breakdown, which holds extra copies of its own
        print(f"open breakdown: {open_breakdown(window, doc_id)}")

        view = window.documentView
        tags = []
        failed = 0
        for start, end in tag_targets(view.text, args.tags):
            select(view, start, end)
            settle(app)  # the selection is painted before the key press
            t0 = time.perf_counter()
            ann = window.tag_selection("Claim")
            settle(app)
            tags.append((time.perf_counter() - t0) * 1000)
            failed += ann is None
        p50, p99 = percentile(tags, 50), percentile(tags, 99)
        print(
            f"tag one span ({len(tags)} tags, save + highlight + list + paint): "
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(tags):.1f} ms"
        )
        if failed:
            print(f"WARNING: {failed} tags were not saved")
        print(f"spans shown after tagging: {view.highlighter.span_count():,}")
        rss_tags = peak_rss_mb()

        if args.profile:
            profiler = cProfile.Profile()
            before = counter.count
            profiler.enable()
            window.open_document(doc_id)
            process_until_painted(app, counter, before)
            profiler.disable()
            print_profile("open_document + paint", profiler, 25)
            profiler = cProfile.Profile()
            for start, end in tag_targets(view.text, 50):
                select(view, start + 1, end)
                settle(app)
                profiler.enable()
                window.tag_selection("Actor")
                settle(app)
                profiler.disable()
            print_profile("50 x tag_selection + processEvents", profiler, 25)

        window.close()
        app.processEvents()

    rss_mb = peak_rss_mb()
    print(
        f"peak RSS stages: imports + QApplication {rss_base:.0f} MB,"
        f" window shown {rss_window:.0f} MB, after re-opens {rss_opens:.0f} MB,"
        f" after tagging {rss_tags:.0f} MB"
    )
    print(f"peak RSS: {rss_mb:.0f} MB")
    print(
        f"goal open <= {GOAL_OPEN_S} s: {open_median:.3f} s (median) "
        f"{mark(open_median <= GOAL_OPEN_S)}"
    )
    print(f"goal tag p99 <= {GOAL_TAG_P99_MS:.0f} ms: {p99:.1f} ms {mark(p99 <= GOAL_TAG_P99_MS)}")
    print(f"goal peak RSS <= {GOAL_RSS_MB:.0f} MB: {rss_mb:.0f} MB {mark(rss_mb <= GOAL_RSS_MB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
