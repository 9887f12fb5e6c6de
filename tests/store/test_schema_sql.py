"""The schema sqlite-utils writes stays the released one byte for byte, and opening a project
imports sqlite-utils without pandas/numpy (issue #11: 70 MB of the window's memory), which stay
importable for everything else."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.core.styled_text import StyledText
from annotator.store import NewDocument, Project, schema
from annotator.store.database import Database
from annotator.store.opening import APPLICATION_ID

# sqlite_master of a schema-4 project as written by the released code (sqlite-utils 3.x
# ``table().create``), byte for byte: the schema check compares the files users have with it.
RELEASED_V4 = Path(__file__).parent / "data" / "schema_v4.json"
REPO = Path(__file__).resolve().parents[2]


def test_migrations_write_the_released_schema_byte_for_byte() -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for step in schema.MIGRATIONS[:4]:
        step(Database(conn))
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    assert [list(r) for r in rows] == json.loads(RELEASED_V4.read_text(encoding="utf-8"))


def test_a_project_of_the_released_schema_opens_with_nothing_foreign(tmp_path: Path) -> None:
    path = tmp_path / "released.annotator"
    conn = sqlite3.connect(path, isolation_level=None)
    rows = json.loads(RELEASED_V4.read_text(encoding="utf-8"))
    for kind in ("table", "index", "trigger"):  # FTS makes its own documents_fts_* tables
        for row in rows:
            if row[0] == kind and row[3] and not row[1].startswith("documents_fts_"):
                conn.execute(row[3])
    conn.execute("PRAGMA user_version = 4")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    with Project.open(path) as project:
        assert project.foreign == []


OPEN_AND_REPORT = """
import sys
from pathlib import Path
from annotator.store import Project
with Project.open(Path(sys.argv[1])) as project:
    project.annotations_for_view(int(sys.argv[2]))
print(",".join(m for m in ("sqlite_utils", "pandas", "numpy") if m in sys.modules))
import importlib.util
print(",".join(m for m in ("pandas", "numpy") if importlib.util.find_spec(m) is not None))
"""


def test_opening_a_project_imports_no_dataframe_library(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    with Project.open(path) as project:
        new = NewDocument(
            styled=StyledText("Some text.", []), title="T", source_name="t.txt",
            source_bytes=b"Some text.", renderer="plain-1",
        )  # fmt: skip
        doc = project.add_document(new)
        project.add_annotation(doc, 0, 4, "Claim")
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_REPORT, str(path), str(doc)],
        capture_output=True, text=True, cwd=REPO, check=True,
    )  # fmt: skip
    imported, installed = done.stdout.splitlines()
    assert imported == "sqlite_utils"
    if installed:  # the test extras install them: they must still import after the store did
        check = f"{OPEN_AND_REPORT}\nimport {installed.replace(',', ', ')}"
        subprocess.run([sys.executable, "-c", check, str(path), str(doc)], cwd=REPO, check=True)
