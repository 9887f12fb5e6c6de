"""Regenerate the README's screenshots from the real window (offscreen or under Xvfb).

    .venv/bin/python docs/make_screenshots.py

Builds a throwaway project with the sample article and two short made-up articles
(docs/samples: Markdown and HTML, each with a byline), tags a few spans the way a user would
(select, then the label's action), and saves ``docs/images/main-window.png``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Remembered pane sizes of the person running this must not shape the README's pictures.
os.environ["ANNOTATOR_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="annotator-screenshots-")

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.gui import MainWindow
from annotator.services.default_project import sample_article_path
from annotator.services.importing import import_paths
from annotator.store import Project

HERE = Path(__file__).resolve().parent
TAGS = [
    (
        "some 1,500 North Korean special forces had been sent already to the Russian Far East",
        "Claim",
    ),
    ("South Korea's National Intelligence Service (NIS)", "Actor"),
    ("North Korean", "Actor"),
    ("South Korean President Yoon Suk Yeol", "Actor"),
    ("a significant security threat not only to our country", "Claim"),
]


def tag(window: MainWindow, phrase: str, label: str):  # type: ignore[no-untyped-def]
    view = window.documentView
    start = view.text.index(phrase)
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_utf16(start))
    cursor.setPosition(view.offsets.to_utf16(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return window.tag_selection(label)


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Asia Times sample.annotator"
        with Project.open(path) as project:
            samples = sorted((HERE / "samples").iterdir())  # a Markdown and an HTML article
            import_paths(project, [*samples, sample_article_path()])
        window = MainWindow(path)
        window.resize(1280, 760)
        window.show()
        seed = sample_article_path().name
        [seed_id] = [d.id for d in window.project.documents() if d.source_name == seed]
        window.open_document(seed_id)
        made = {phrase: tag(window, phrase, label) for phrase, label in TAGS}
        claim, actor = made[TAGS[0][0]], made[TAGS[1][0]]
        window.select_annotation(claim.id)
        window.link_to(actor.id)
        window.set_attribute("stance", "support")
        window.set_attribute("certainty", "probable")
        window.set_note("NIS assessment, not independently confirmed")
        window.select_annotation(claim.id)
        window.documentView.moveCursor(QTextCursor.MoveOperation.Start)
        for _ in range(5):
            app.processEvents()
        save(window, "main-window.png")
        save(window.annotationPanel.parentWidget(), "side-panel.png")
        window.close()


def save(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    out = HERE / "images" / name
    widget.grab().save(str(out))
    print(f"saved {out}")


if __name__ == "__main__":
    main()
