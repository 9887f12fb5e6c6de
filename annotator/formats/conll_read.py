"""CoNLL/BIO reader: token-per-line files with a tag column (IOB2, IOB1, BIOES/BILOU).

Columns are split on whitespace; the tag is the last column that looks like one (``O``,
``B-X`` …). The token is the first column, or the second in CoNLL-U style files, whose first
column is a row ID: 10 columns, or IDs that follow CoNLL-U's rules in every sentence of the file
(``1..n``, plus ``1-2`` multiword ranges and ``1.1`` empty nodes, which are not tokens). A number
in the first column alone (CoNLL-2003: ``96 CD I-NP O``) is a token. Documents are separated by
``-DOCSTART-`` lines or ``# newdoc`` comments, sentences by blank lines. A sentence's text is its
``# text = …`` comment when the tokens are found in it in order (Chinese has no spaces between
tokens), else its tokens joined by single spaces; sentences are joined by ``\\n``. Spans get
code-point offsets into that text.

What the file brought besides spans is kept in the document's meta, so that an export writes it
back byte for byte while the spans still fall on the tokens: the tokens and sentences
(:class:`~annotator.formats.tokens.TokenLayer`), and under ``"conll"`` the other columns of each
token line (POS, chunk, IDs …), the column separator, the tag scheme, the ``-DOCSTART-`` line and
comment lines. What cannot be kept is reported in the document's warnings.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.plural import plural
from annotator.formats.model import FormatError, ImportedDocument, ImportedSpan
from annotator.formats.reading import new_document
from annotator.formats.safe_read import read_dataset_text
from annotator.formats.tokens import LAYER_KEY, TokenLayer

TAG = re.compile(r"^(?:O|[BIESLU]-\S+)$")
_COMMENT = re.compile(r"^#\s*(text|newdoc|newpar|sent_id|global\.columns)\b")
_ID = re.compile(r"^(\d+)(?:(-)(\d+)|(\.)\d+)?$")
CONLLU_COLUMNS = 10
CONLL_KEY = "conll"  # the meta key of the CoNLL columns, separator, scheme, header, comments


@dataclass(slots=True)
class _Sentence:
    rows: list[list[str]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # line numbers, for messages
    separators: list[str] = field(default_factory=list)  # " ", "\t" or "mixed" per line
    comments: list[str] = field(default_factory=list)
    text: str | None = None


@dataclass(slots=True)
class _Doc:
    header: str | None = None
    sentences: list[_Sentence] = field(default_factory=list)


def _is_token_line(line: str) -> bool:
    cols = line.split()
    return len(cols) >= 2 and bool(TAG.match(cols[-1]))


def _separator(line: str) -> str:
    cols = line.split()
    return next((sep for sep in (" ", "\t") if line.split(sep) == cols), "mixed")


def parse(content: str) -> list[_Doc]:
    """Documents of sentences of split token lines, as the file has them."""
    docs, sent = [_Doc()], _Sentence()

    def close_sentence() -> None:
        nonlocal sent
        if sent.rows:
            docs[-1].sentences.append(sent)
            sent = _Sentence()

    for number, raw in enumerate(content.splitlines(), start=1):
        line = raw.strip()
        if not line:
            close_sentence()
        elif line.startswith("-DOCSTART-") or line.startswith("# newdoc"):
            close_sentence()
            if docs[-1].sentences or docs[-1].header is not None:
                docs.append(_Doc())
            docs[-1].header = line
        elif _COMMENT.match(line) or (line.startswith("#") and not _is_token_line(line)):
            sent.comments.append(line)
            if line.startswith("# text ="):
                sent.text = raw.split("=", 1)[1].strip()
        else:
            sent.rows.append(line.split())
            sent.numbers.append(number)
            sent.separators.append(_separator(line))
    close_sentence()
    return [d for d in docs if d.sentences]


def _ids_follow_rules(rows: list[list[str]]) -> bool:
    """True when the first column is a CoNLL-U ID in every row: words ``1..n`` in order,
    ranges ``a-b`` with a ≤ b, empty nodes ``n.m``."""
    expected = 1
    for row in rows:
        match = _ID.match(row[0])
        if match is None or len(row) < 3:
            return False
        if match.group(2) and int(match.group(1)) > int(match.group(3)):
            return False
        if not match.group(2) and not match.group(4):
            if int(match.group(1)) != expected:
                return False
            expected += 1
    return True


def has_id_column(docs: list[_Doc]) -> bool:
    """CoNLL-U style: every sentence numbered by the ID rules, and 10 columns or sentences of
    more than one word (a file of one-number sentences is more likely CoNLL-2003)."""
    sentences = [s for d in docs for s in d.sentences]
    if not all(_ids_follow_rules(s.rows) for s in sentences):
        return False
    ten = all(len(row) == CONLLU_COLUMNS for s in sentences for row in s.rows)
    return ten or any(sum(1 for r in s.rows if r[0].isdigit()) > 1 for s in sentences)


def _tag_column(where: str, row: list[str], token_col: int) -> int:
    col = next((i for i in range(len(row) - 1, token_col, -1) if TAG.match(row[i])), None)
    if col is None:
        raise FormatError(f"{where}: no IOB tag (O, B-X, I-X …) in {' '.join(row)!r}.")
    return col


def token_offsets(tokens: list[str], text: str | None) -> tuple[str, list[tuple[int, int]]]:
    """The sentence's text and each token's ``(start, end)`` in it."""
    if text is not None:
        offsets, pos = [], 0
        for token in tokens:
            found = text.find(token, pos)
            if found < 0 or text[pos:found].strip():
                break
            offsets.append((found, found + len(token)))
            pos = found + len(token)
        else:
            return text, offsets
    offsets, pos = [], 0
    for token in tokens:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    return " ".join(tokens), offsets


def spans_of(tags: list[str], offsets: list[tuple[int, int]], base: int) -> list[ImportedSpan]:
    """Entities from tags, leniently: an ``I-`` that does not continue an entity starts one."""
    spans: list[ImportedSpan] = []
    current: list[Any] | None = None  # [start, end, label]
    for tag, (start, end) in zip(tags, offsets, strict=True):
        prefix, _, label = tag.partition("-")
        continues = current is not None and current[2] == label and prefix in "IEL"
        if prefix == "O" or not continues:
            if current is not None:
                spans.append(ImportedSpan(*current))
                current = None
            if prefix != "O":
                current = [base + start, base + end, label]
        else:
            current[1] = base + end  # type: ignore[index]
        if current is not None and prefix in "ESLU":
            spans.append(ImportedSpan(*current))
            current = None
    if current is not None:
        spans.append(ImportedSpan(*current))
    return spans


def tag_scheme(sentences: list[list[str]]) -> str:
    """The scheme tags follow: BILOU, IOBES, IOB1 (an ``I-`` starts an entity) or IOB2."""
    prefixes = {t[0] for tags in sentences for t in tags}
    if prefixes & {"L", "U"}:
        return "BILOU"
    if prefixes & {"E", "S"}:
        return "IOBES"
    for tags in sentences:
        for previous, tag in zip(["O", *tags], tags, strict=False):
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                return "IOB1"
    return "IOB2"


@dataclass(slots=True)
class _Word:
    token: str
    tag: str
    others: list[str]  # the other columns, in order
    shape: tuple[int, int, int]  # (columns, token column, tag column)
    separator: str  # " ", "\t" or "mixed"


def _words(name: str, sentence: _Sentence, id_column: bool, skipped: Counter[str]) -> list[_Word]:
    words = []
    for row, number, separator in zip(
        sentence.rows, sentence.numbers, sentence.separators, strict=True
    ):
        if id_column and not row[0].isdigit():
            skipped["CoNLL-U multiword-token or empty-node line"] += 1
            continue
        token_col = 1 if id_column else 0
        tag_col = _tag_column(f"{name}, line {number}", row, token_col)
        others = [c for i, c in enumerate(row) if i not in (token_col, tag_col)]
        shape = (len(row), token_col, tag_col)
        words.append(_Word(row[token_col], row[tag_col], others, shape, separator))
    return words


def read_conll(path: Path) -> list[ImportedDocument]:
    docs = parse(read_dataset_text(path))
    if not docs:
        raise FormatError(f"{path.name}: no tokens found; nothing to import.")
    id_column, skipped = has_id_column(docs), Counter[str]()
    imported = []
    for n, doc in enumerate(docs, start=1):
        words = [_words(path.name, s, id_column, skipped) for s in doc.sentences]
        title = path.stem if len(docs) == 1 else f"{path.stem} {n}"
        imported.append(_document(path, title, doc, words))
    imported[0].warnings[:0] = [
        f"{path.name}: {plural(n, what)} not kept" for what, n in sorted(skipped.items())
    ]
    return imported


def _layout(name: str, words: list[_Word]) -> tuple[dict[str, Any], list[str]]:
    """How a document's lines are laid out (for the export), and what of it cannot be kept."""
    shapes = {w.shape for w in words}
    separators = {w.separator for w in words}
    layout: dict[str, Any] = {
        "separator": next(iter(separators)) if separators in ({" "}, {"\t"}) else None,
        "shape": list(next(iter(shapes))) if len(shapes) == 1 else None,
    }
    warnings = []
    if layout["shape"] is None and any(columns > 2 for columns, _, _ in shapes):
        warnings.append(
            f"{name}: the token lines have different columns; columns other than the token "
            f"and its tag (POS, chunk …) not kept ({plural(len(words), 'token')})"
        )
    elif layout["shape"] is not None and layout["shape"][0] > 2:
        layout["columns"] = [w.others for w in words]
    if layout["separator"] is None and len(words) > 0:
        warnings.append(f"{name}: columns separated by mixed spaces and tabs; export uses spaces")
    return layout, warnings


def _document(path: Path, title: str, doc: _Doc, words: list[list[_Word]]) -> ImportedDocument:
    texts: list[str] = []
    spans: list[ImportedSpan] = []
    offsets: list[tuple[int, int]] = []
    starts: list[int] = []
    comments: dict[str, list[str]] = {}
    base = 0
    for sentence, sentence_words in zip(doc.sentences, words, strict=True):
        if not sentence_words:  # only multiword/empty-node lines, counted by _words
            continue
        if sentence.comments:
            comments[str(len(starts))] = sentence.comments
        starts.append(len(offsets))
        text, found = token_offsets([w.token for w in sentence_words], sentence.text)
        spans += spans_of([w.tag for w in sentence_words], found, base)
        offsets += [(base + s, base + e) for s, e in found]
        texts.append(text)
        base += len(text) + 1
    layout, warnings = _layout(f"{path.name} ({title})", [w for s in words for w in s])
    scheme = tag_scheme([[w.tag for w in s] for s in words])
    conll = {"scheme": scheme, "header": doc.header, "comments": comments, **layout}
    meta = {
        "source_file": path.name,
        LAYER_KEY: TokenLayer(tuple(offsets), tuple(starts)).to_meta(),
        CONLL_KEY: conll,
    }
    ids = [ImportedSpan(s.start, s.end, s.label, id=f"s{i}") for i, s in enumerate(spans)]
    document = new_document(path, "\n".join(texts), title=title, meta=meta, renderer="conll")
    return ImportedDocument(document, ids, warnings=warnings)
