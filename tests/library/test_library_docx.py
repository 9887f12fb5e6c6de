"""Word (.docx) import through python-docx: paragraphs, headings, lists, tables, metadata."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from annotator.formats.docx import read_docx
from annotator.formats.model import FormatError


def _sample(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.author = "Jane Doe"
    document.core_properties.keywords = "korea, russia"
    document.add_heading("Kim 😀 meets 習近平", 1)
    paragraph = document.add_paragraph("  The ")
    paragraph.add_run("alliance").bold = True
    paragraph.add_run(" between 🇰🇷 and ")
    paragraph.add_run("others").italic = True
    paragraph.add_run(" grew.  ")
    document.add_paragraph("")
    document.add_paragraph("مرحبا بالعالم — 👨‍👩‍👧")
    document.add_paragraph("北京 first", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "a", "b"
    table.cell(1, 0).text, table.cell(1, 1).text = "שלום", "c"
    document.save(str(path))
    return path


def test_docx_text_and_styles(tmp_path: Path) -> None:
    (item,) = read_docx(_sample(tmp_path / "sample.docx"))
    styled = item.document.styled
    assert styled.text == (
        "Kim 😀 meets 習近平\n\nThe alliance between 🇰🇷 and others grew.\n\n"
        "مرحبا بالعالم — 👨‍👩‍👧\n\n北京 first\n\na\tb\nשלום\tc"
    )
    spans = {(s.kind, styled.text[s.start : s.end]) for s in styled.styles}
    assert ("heading1", "Kim 😀 meets 習近平") in spans
    assert ("bold", "alliance") in spans and ("italic", "others") in spans
    assert ("list_item", "北京 first") in spans
    styled.validate()


def test_docx_metadata(tmp_path: Path) -> None:
    path = _sample(tmp_path / "sample.docx")
    (item,) = read_docx(path)
    assert item.document.title == "Kim 😀 meets 習近平"
    meta = item.document.meta
    assert meta["author"] == "Jane Doe"
    assert meta["tags"] == ["korea", "russia"]
    assert meta["source_file"] == "sample.docx"
    assert item.document.source_bytes == path.read_bytes()


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_broken_docx_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(content)
    with pytest.raises(FormatError, match=r"broken\.docx: not a readable \.docx"):
        read_docx(path)


def test_empty_docx_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(FormatError, match="no text"):
        read_docx(path)
