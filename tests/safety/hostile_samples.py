"""Hostile sample files, built in memory (shared by the safety tests and benchmarks/)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes(body: str, prolog: str = "") -> bytes:
    """A minimal Word package whose ``word/document.xml`` body is ``body`` (raw XML)."""
    document = f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    xml = f'<?xml version="1.0"?>{prolog}{document}'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _TYPES)
        zf.writestr("word/document.xml", xml)
    return buffer.getvalue()


def one_char_paragraphs(path: Path, count: int) -> Path:
    """The "1-character paragraph" bomb: a small file, ``count`` paragraphs."""
    path.write_bytes(docx_bytes("<w:p><w:r><w:t>x</w:t></w:r></w:p>" * count))
    return path


def xxe_docx(path: Path) -> Path:
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    body = "<w:p><w:r><w:t>before &xxe; after</w:t></w:r></w:p>"
    path.write_bytes(docx_bytes(body, prolog))
    return path


SAMPLE_TEXT = "Kim Jong Un met Putin in Vladivostok. 🇰🇷 Seoul said the talks were a threat."
_SAMPLE_SPANS = [(0, 11, "Actor"), (16, 21, "Actor"), (39, 44, "Actor"), (39, 76, "Claim")]
_ARTICLES = {
    "sample.txt": SAMPLE_TEXT + "\n\nA second paragraph.\n",
    "sample.md": f"# Summit\n\n{SAMPLE_TEXT}\n\n- a *list* item\n- [a link](https://x.org)\n",
    "sample.html": f"<html><head><title>Summit</title></head><body><h1>Summit</h1><p>"
    f"{SAMPLE_TEXT}</p><ul><li>item</li></ul></body></html>",
}


def valid_samples(folder: Path) -> dict[str, Path]:
    """One valid file per importable format (format name -> path), written into ``folder``."""
    from annotator.core.styled_text import StyledText
    from annotator.formats.registry import import_formats
    from annotator.services.exporting import export_project
    from annotator.store import NewDocument, Project

    folder.mkdir(parents=True, exist_ok=True)
    samples = {}
    for name, content in _ARTICLES.items():
        (folder / name).write_text(content, encoding="utf-8")
    samples |= {"text": folder / "sample.txt", "markdown": folder / "sample.md"}
    samples["html"] = folder / "sample.html"
    samples["docx"] = folder / "sample.docx"
    body = f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{SAMPLE_TEXT}</w:t></w:r></w:p>"
    samples["docx"].write_bytes(docx_bytes(body + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t>"
                                           "</w:r></w:p></w:tc></w:tr></w:tbl>"))  # fmt: skip
    with Project.open(folder / "source.annotator") as project:
        doc_id = project.add_document(NewDocument("Summit", StyledText(SAMPLE_TEXT)))
        anns = [project.add_annotation(doc_id, s, e, label) for s, e, label in _SAMPLE_SPANS]
        project.add_relation("claimant", anns[3].id, anns[2].id)
        for fmt in import_formats():
            if fmt.writer is None or fmt.name in samples or fmt.name == "doccano-rel":
                continue
            out = folder / ("brat" if fmt.folder else f"sample-{fmt.name}{fmt.suffixes[0]}")
            export_project(project, fmt.name, out)
            samples[fmt.name] = next(out.glob("*.ann")) if fmt.folder else out
    return samples
