"""CoNLL/BIO reader: token-per-line files with a tag column (IOB2, IOB1, BIOES/BILOU).

Columns are split on whitespace; the token is the first column (the second when the first is a
CoNLL-U style number and there are three or more columns), the tag is the last column that looks
like one. Documents are separated by ``-DOCSTART-`` lines or ``# newdoc`` comments, sentences by
blank lines. A sentence's text is its ``# text = …`` comment when the tokens are found in it in
order (Chinese has no spaces between tokens), else its tokens joined by single spaces;
sentences are joined by ``\\n``. Spans get code-point offsets into that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.formats.model import FormatError, ImportedDocument, ImportedSpan
from annotator.formats.reading import new_document
from annotator.formats.safe_read import read_dataset_text

TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
_COMMENT = re.compile(r"^#\s*(text|newdoc|newpar|sent_id|global\.columns)\b")


@dataclass(slots=True)
class _Sentence:
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    text: str | None = None


@dataclass(slots=True)
class _Doc:
    sentences: list[_Sentence] = field(default_factory=list)


def parse_token_line(where: str, line: str) -> tuple[str, str]:
    cols = line.split()
    tag_col = next((i for i in range(len(cols) - 1, 0, -1) if TAG.match(cols[i])), None)
    if tag_col is None:
        raise FormatError(f"{where}: no IOB tag (O, B-X, I-X …) in {line!r}.")
    token_col = 1 if len(cols) >= 3 and cols[0].isdigit() and tag_col > 1 else 0
    return cols[token_col], cols[tag_col]


def _is_token_line(line: str) -> bool:
    cols = line.split()
    return len(cols) >= 2 and bool(TAG.match(cols[-1]))


def parse(name: str, content: str) -> list[_Doc]:
    docs = [_Doc()]
    sent = _Sentence()

    def close_sentence() -> None:
        nonlocal sent
        if sent.tokens:
            docs[-1].sentences.append(sent)
        sent = _Sentence()

    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.strip()
        if not line:
            close_sentence()
        elif line.startswith("-DOCSTART-") or line.startswith("# newdoc"):
            close_sentence()
            if docs[-1].sentences:
                docs.append(_Doc())
        elif _COMMENT.match(line) or (line.startswith("#") and not _is_token_line(line)):
            if line.startswith("# text ="):
                sent.text = raw.split("=", 1)[1].strip()
        else:
            token, tag = parse_token_line(f"{name}, line {number}", line)
            sent.tokens.append(token)
            sent.tags.append(tag)
    close_sentence()
    return [d for d in docs if d.sentences]


def token_offsets(sentence: _Sentence) -> tuple[str, list[tuple[int, int]]]:
    """The sentence's text and each token's ``(start, end)`` in it."""
    text = sentence.text
    if text is not None:
        offsets, pos = [], 0
        for token in sentence.tokens:
            found = text.find(token, pos)
            if found < 0 or text[pos:found].strip():
                break
            offsets.append((found, found + len(token)))
            pos = found + len(token)
        else:
            return text, offsets
    offsets, pos = [], 0
    for token in sentence.tokens:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    return " ".join(sentence.tokens), offsets


def spans_of(tags: list[str], offsets: list[tuple[int, int]], base: int) -> list[ImportedSpan]:
    """Entities from tags, leniently: an ``I-`` that does not continue an entity starts one."""
    spans: list[ImportedSpan] = []
    current: list[object] | None = None  # [start, end, label]
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, label = tag.partition("-")
        continues = current is not None and current[2] == label and prefix in "IEL"
        if prefix == "O" or not continues:
            if current is not None:
                spans.append(ImportedSpan(*current))  # type: ignore[arg-type]
                current = None
            if prefix != "O":
                current = [base + start, base + end, label]
        else:
            current[1] = base + end  # type: ignore[index]
        if current is not None and prefix in "ESLU":
            spans.append(ImportedSpan(*current))  # type: ignore[arg-type]
            current = None
    if current is not None:
        spans.append(ImportedSpan(*current))  # type: ignore[arg-type]
    return spans


def read_conll(path: Path) -> list[ImportedDocument]:
    docs = parse(path.name, read_dataset_text(path))
    if not docs:
        raise FormatError(f"{path.name}: no tokens found; nothing to import.")
    imported = []
    for n, doc in enumerate(docs, start=1):
        texts, spans, base = [], [], 0
        for sentence in doc.sentences:
            text, offsets = token_offsets(sentence)
            spans += spans_of(sentence.tags, offsets, base)
            texts.append(text)
            base += len(text) + 1
        title = path.stem if len(docs) == 1 else f"{path.stem} {n}"
        ids = [ImportedSpan(s.start, s.end, s.label, id=f"s{i}") for i, s in enumerate(spans)]
        document = new_document(path, "\n".join(texts), title=title, renderer="conll")
        imported.append(ImportedDocument(document, ids))
    return imported
