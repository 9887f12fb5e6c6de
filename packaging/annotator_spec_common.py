"""What the three PyInstaller specs share: the entry script, the shipped files, the excludes.

Loaded by ``annotator-{linux,windows,macos}.spec`` (PyInstaller runs a spec as Python with
SPECPATH set); kept free of PyInstaller imports so it can be read and checked on its own.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "annotator" / "__main__.py")
NAME = "Annotator"

# (source, folder inside the bundle): annotator/bundled.py finds them next to the package.
DATAS = [
    (str(ROOT / "resources"), "annotator/resources"),
    (str(ROOT / "packaging" / "linux"), "annotator/resources/linux"),
]

# sqlite_utils is imported through importlib (store/database.py), so the graph does not see it.
HIDDEN_IMPORTS = ["sqlite_utils"]

# What the app does not import: the test extra (spaCy is optional, only for the .spacy export,
# and stays out: the export says to `pip install spacy`), other Qt bindings matplotlib would
# probe, Tk, notebooks. matplotlib and numpy stay (the statistics dialog, imported lazily).
EXCLUDES = [
    "tkinter", "_tkinter", "matplotlib.backends._backend_tk", "matplotlib.backends.backend_tkagg",
    "PyQt5", "PyQt6", "PySide2", "IPython", "jupyter", "notebook",
    "pytest", "pytestqt", "_pytest", "hypothesis", "mypy", "ruff", "build",
    "spacy", "thinc", "cymem", "preshed", "blis", "srsly", "pydantic", "torch",
    "seqeval", "sklearn", "scipy", "pandas", "networkx", "krippendorff", "docx",
    "label_studio_converter", "bratly", "jsonschema", "nltk",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtNetwork", "PySide6.QtOpenGL",
    "PySide6.QtDBus", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtConcurrent",
]  # fmt: skip
