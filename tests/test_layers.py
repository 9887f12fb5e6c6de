"""The import rules of the layers (issue #16): core ⟂ Qt ⟂ SQL, formats ⟂ store.

A plain ``ast`` walk over ``annotator/`` (every import, also those inside functions and
``TYPE_CHECKING`` blocks), so the rules need no extra tool and run with the suite.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "annotator"
LAYERS = ("core", "store", "formats", "services", "gui", "cli")
QT = "PySide6"
SQL = ("sqlite3", "sqlite_utils")

# layer -> what it must not import: other layers ("annotator.<layer>") and libraries.
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "core": (*tuple(f"annotator.{layer}" for layer in LAYERS if layer != "core"), QT, *SQL),
    "store": ("annotator.formats", "annotator.services", "annotator.gui", "annotator.cli", QT),
    "formats": ("annotator.store", "annotator.gui", "annotator.services", "annotator.cli", QT,
                *SQL),
    "services": ("annotator.gui", "annotator.cli", QT, *SQL),
    "cli": (QT, *SQL),
    "gui": SQL,
    "app": SQL,  # cli_*.py, logs.py, desktop_install.py: through the store
}  # fmt: skip


def layer_of(path: Path, root: Path = PACKAGE) -> str:
    """``annotator/formats/brat.py`` -> "formats", ``annotator/cli.py`` -> "cli"."""
    parts = path.relative_to(root).with_suffix("").parts
    return parts[0] if parts[0] in LAYERS else "app"  # __init__, __main__


def module_name(path: Path, root: Path) -> str:
    parts = ("annotator", *path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute name) of everything ``path`` imports, relative imports resolved
    (``from a import b`` gives "a.b": b may be a module)."""
    package = module_name(path, root).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names)


def is_within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def violations(root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        forbidden = FORBIDDEN.get(layer_of(path, root), ())
        for line, module in imported_modules(path, root):
            if any(is_within(module, prefix) for prefix in forbidden):
                found.append(f"{path.relative_to(root.parent)}:{line} imports {module}")
    return found


def test_every_layer_keeps_to_its_imports() -> None:
    assert violations() == []


def test_the_walk_sees_every_layer() -> None:
    """The rules would pass in silence if the walk missed files: each layer has modules."""
    seen = {layer_of(p) for p in PACKAGE.rglob("*.py")}
    assert set(LAYERS) <= seen


@pytest.mark.parametrize(
    ("layer", "source", "bad"),
    [
        ("core", "from PySide6.QtCore import Qt\n", "PySide6.QtCore.Qt"),
        ("core", "import sqlite3\n", "sqlite3"),
        ("formats", "from annotator.store import Project\n", "annotator.store.Project"),
        ("formats", "from ..store import Project\n", "annotator.store.Project"),
        ("store", "def f():\n    from annotator.formats import brat\n", "annotator.formats.brat"),
        ("services", "from annotator import gui\n", "annotator.gui"),
    ],
)
def test_a_forbidden_import_is_found(layer: str, source: str, bad: str, tmp_path: Path) -> None:
    root = tmp_path / "annotator"
    (root / layer).mkdir(parents=True)
    (root / layer / "bad.py").write_text(source, "utf-8")
    assert [v.split(" imports ")[1] for v in violations(root)] == [bad]


def test_sqlite_utils_is_imported_in_one_place() -> None:
    """Only store/database.py imports sqlite-utils (with pandas/numpy hidden, #11): an import
    anywhere else would load them again, 70 MB in the window."""
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "store" / "database.py"
        for line, module in imported_modules(path, PACKAGE)
        if is_within(module, "sqlite_utils")
    ]
    assert found == []
