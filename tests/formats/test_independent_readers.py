"""Every export read back by the tool that owns its format, on a whole corpus (ours, and
../shared/corpus when it is there) plus the tricky texts: spaCy, seqeval, bratly,
label-studio-converter, the W3C JSON schemas."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from corpora import W3C_ORACLE

from annotator.formats.model import ExportOptions
from annotator.services.exporting import export_project
from annotator.store import Project


def export(project: Project, fmt: str, out: Path, **options: Any) -> Path:
    export_project(project, fmt, out, ExportOptions(**options))
    return out


def project_spans(project: Project) -> list[tuple[str, int, int, str]]:
    return [
        (project.document(a.document_id).text, a.start, a.end, a.label)
        for a in project.iter_annotations()
    ]


# ------------------------------------------------------------------------------------- spaCy
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_spacy_accepts_every_prodigy_span(everything: Project, tmp_path: Path, lang: str) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc
    from spacy.training import offsets_to_biluo_tags
    from spacy.util import filter_spans

    nlp = spacy.blank(lang)
    out = export(everything, "prodigy", tmp_path / "out.jsonl", include_boilerplate=True)
    checked = 0
    for line in out.read_text("utf-8").splitlines():
        task = json.loads(line)
        words = [t["text"] for t in task["tokens"]]
        doc = Doc(nlp.vocab, words=words, spaces=[t["ws"] for t in task["tokens"]])
        assert doc.text == task["text"]
        spans = []
        for s in task["spans"]:
            span = doc.char_span(s["start"], s["end"], label=s["label"])  # strict alignment
            assert span is not None and span.text == s["text"]
            assert (span.start, span.end - 1) == (s["token_start"], s["token_end"])
            spans.append(span)
            checked += 1
        ents = [(s.start_char, s.end_char, s.label_) for s in filter_spans(spans)]
        assert "-" not in offsets_to_biluo_tags(doc, ents)
    assert checked == sum(1 for _ in everything.iter_annotations())


def test_spacy_docbin_loads_with_all_spans(everything: Project, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    out = export(everything, "spacy", tmp_path / "out.spacy", include_boilerplate=True)
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    found = [(d.text, s.start_char, s.end_char, s.label_) for d in docs for s in d.spans["sc"]]
    assert sorted(found) == sorted(project_spans(everything))
    for doc in docs:
        ents = list(doc.ents)
        assert all(a.end <= b.start for a, b in itertools.pairwise(ents))


# ----------------------------------------------------------------------------------- seqeval
IOB = re.compile(r"^(?:O|[BI]-\S+)$")


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    sentences, current = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith(("-DOCSTART-", "# text", "# sent_id", "# newdoc")):
            cols = line.split()  # imported files keep their columns (POS, IDs …)
            current.append((cols[0], next(c for c in reversed(cols) if IOB.match(c))))
    return sentences


def test_conll_is_strict_iob2_for_seqeval(everything: Project, tmp_path: Path) -> None:
    from seqeval.metrics.sequence_labeling import get_entities
    from seqeval.scheme import IOB2, Entities

    out = tmp_path / "out.conll"
    summary = export_project(everything, "conll", out)
    sentences = read_conll(out)
    tags = [[t for _, t in s] for s in sentences]
    strict = Entities(tags, IOB2, suffix=False).entities
    strict_count = sum(len(s) for s in strict)
    assert strict_count == summary.spans  # every span written parses in strict mode
    assert len(get_entities(tags)) == strict_count  # and leniently the same: no broken I- tags
    assert summary.lost["overlapping span (CoNLL)"] > 0
    assert any("overlapping" in w for w in summary.warnings)


def test_conll_error_policy_refuses_overlaps(tricky: Project, tmp_path: Path) -> None:
    from annotator.services.exporting import ExportError

    with pytest.raises(ExportError, match="overlaps another span"):
        export_project(tricky, "conll", tmp_path / "x.conll", ExportOptions(conll_overlap="error"))
    assert not (tmp_path / "x.conll").exists()


# ------------------------------------------------------------------------------------ bratly
Key = tuple[str, int, int, str]  # document text, start, end, label: a span as bratly sees it


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # bratly's pydantic v1-style config
def test_bratly_reads_every_brat_file(everything: Project, tmp_path: Path) -> None:
    from bratly.io import parse_ann_file

    folder = export(everything, "brat", tmp_path / "brat", include_boilerplate=True)
    read = BratlyRead()
    for ann_path in sorted(folder.glob("*.ann")):
        content = ann_path.read_text("utf-8")
        text = ann_path.with_suffix(".txt").read_bytes().decode("utf-8")
        collection = parse_ann_file(content, str(ann_path), renumerotize=False)
        assert len(collection.annotations) == len(content.splitlines())  # bratly took every line
        read.add(text, collection.annotations)
    assert sorted(read.spans) == sorted(brat_spans(everything))
    assert sorted(read.relations) == sorted(brat_relations(everything))
    assert read.attributes == brat_attributes(everything)
    notes = {key(everything, a): a.note for a in everything.iter_annotations() if a.note}
    assert read.notes == notes
    assert read.relations and read.attributes and read.notes  # the fixtures do have them
    conf = (folder / "annotation.conf").read_text("utf-8")
    assert "[entities]" in conf and "claimant\tArg1:Claim, Arg2:Actor" in conf


class BratlyRead:
    """What bratly parsed from the exported files: spans, relations, attributes, notes."""

    def __init__(self) -> None:
        self.spans: list[Key] = []
        self.relations: list[tuple[str, Key, Key]] = []
        self.attributes: dict[Key, dict[str, Any]] = {}
        self.notes: dict[Key, str] = {}

    def add(self, text: str, annotations: list[Any]) -> None:
        from bratly.annotation_types import (
            AttributeAnnotation,
            EntityAnnotation,
            NormalizationAnnotation,
            NoteAnnotation,
            RelationAnnotation,
        )

        keys: dict[str, Key] = {}
        for ann in annotations:
            if isinstance(ann, EntityAnnotation):
                pieces = [text[f.start : f.end] for f in ann.fragments]
                assert " ".join(pieces) == ann.content  # offsets are code points
                keys[ann.id] = (text, ann.fragments[0].start, ann.fragments[-1].end, ann.label)
                self.spans.append(keys[ann.id])
        for ann in annotations:
            if isinstance(ann, RelationAnnotation):
                source, target = keys[ann.argument1[1].id], keys[ann.argument2[1].id]
                self.relations.append((ann.label, source, target))
            elif isinstance(ann, AttributeAnnotation):
                value = ann.values[0] if ann.values else True
                self.attributes.setdefault(keys[ann.component.id], {})[ann.label] = value
            elif isinstance(ann, NoteAnnotation):
                self.notes[keys[ann.component.id]] = ann.value
            elif isinstance(ann, NormalizationAnnotation):  # our normalization attributes
                kept = self.attributes.setdefault(keys[ann.component.id], {})
                name = f"normalization_{len(kept) // 2 + 1}" if "normalization" in kept else ""
                name = name or "normalization"
                kept[name] = ":".join(ann.external_resource)
                if ann.content:
                    kept[f"{name}_text"] = ann.content


def key(project: Project, ann: Any) -> Key:
    from annotator.formats.brat import brat_name

    return (project.document(ann.document_id).text, ann.start, ann.end, brat_name(ann.label))


def brat_spans(project: Project) -> list[Key]:
    return [key(project, a) for a in project.iter_annotations()]


def brat_relations(project: Project) -> list[tuple[str, Key, Key]]:
    from annotator.formats.brat import brat_name

    return [
        (brat_name(r.type), key(project, project.annotation(r.source_id)),
         key(project, project.annotation(r.target_id)))
        for r in project.iter_relations()
    ]  # fmt: skip


def brat_attributes(project: Project) -> dict[Key, dict[str, Any]]:
    """Every attribute brat can hold (a value without whitespace, '|' or ','; True as a flag;
    normalization attributes as N lines)."""
    from annotator.formats.brat import brat_name

    expected: dict[Key, dict[str, Any]] = {}
    for ann in project.iter_annotations():
        kept = {brat_name(name): value if value is True else str(value)
                for name, value in ann.attributes.items()
                if value not in (False, None, "") and (
                    name.startswith("normalization") or not re.search(r"[\s|,]", str(value)))
                }  # fmt: skip
        if kept:
            expected[key(project, ann)] = kept
    return expected


# ---------------------------------------------------------------------- label-studio-converter
def test_label_studio_converter_reads_our_json(tricky: Project, tmp_path: Path) -> None:
    from label_studio_converter import Converter
    from nltk.tokenize import TreebankWordTokenizer

    from annotator.formats.label_studio import label_config

    out = export(tricky, "label-studio", tmp_path / "tasks.json", include_boilerplate=True)
    config = label_config(tricky.labels(), tuple(t.name for t in tricky.relation_types()))
    Converter(config, str(tmp_path), download_resources=False).convert_to_conll2003(
        str(out), str(tmp_path / "conll"), is_dir=False
    )
    blocks = (tmp_path / "conll" / "result.conll").read_text("utf-8").split("\n\n")
    tasks = json.loads(out.read_text("utf-8"))
    # one block per annotation (we write one annotation per span author)
    annotations = [(t["data"]["text"], a) for t in tasks for a in t["annotations"]]
    assert len([b for b in blocks if b.strip()]) == len(annotations) >= len(tasks)
    exact = 0
    for (text, annotation), block in zip(annotations, blocks, strict=False):
        tags = [line.split(" ")[-1] for line in block.splitlines() if not line.startswith("-DOC")]
        offsets = list(TreebankWordTokenizer().span_tokenize(text))
        assert len(tags) == len(offsets)
        regions = [r["value"] for r in annotation["result"] if r["type"] == "labels"]
        for region in regions:
            assert text[region["start"] : region["end"]] == region["text"]
        found = entities(offsets, tags)
        for b_start, b_end, label in found:  # each entity the converter found is one of ours
            assert any(r["start"] < b_end and b_start < r["end"] and r["labels"][0] == label
                       for r in regions)  # fmt: skip
        ours = {(r["start"], r["end"], r["labels"][0]) for r in regions}
        bounds = {b for span in offsets for b in span}
        clean = all(r["start"] in bounds and r["end"] in bounds for r in regions)
        if clean and not overlapping(regions):  # then the converter must agree exactly
            assert set(found) == ours
            exact += 1
    assert exact >= 2


def entities(offsets: list[tuple[int, int]], tags: list[str]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for (start, end), tag in zip(offsets, tags, strict=True):
        if tag.startswith("B-"):
            found.append((start, end, tag[2:]))
        elif tag.startswith("I-") and found:
            found[-1] = (found[-1][0], end, found[-1][2])
    return found


def overlapping(regions: list[dict[str, Any]]) -> bool:
    spans = sorted((r["start"], r["end"]) for r in regions)
    return any(b[0] < a[1] for a, b in itertools.pairwise(spans))


# ------------------------------------------------------------------------------ W3C schemas
def w3c_validators() -> list[Any]:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    root = W3C_ORACLE
    resources = []
    for path in [*root.glob("definitions/*.json"), *root.glob("annotations/**/*.json")]:
        schema = json.loads(path.read_text("utf-8"))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    musts = json.loads((root / "annotations" / "annotationMusts.test").read_text("utf-8"))
    checker = jsonschema.Draft4Validator.FORMAT_CHECKER
    return [
        jsonschema.Draft4Validator(
            json.loads((root / a).read_text("utf-8")), registry=registry, format_checker=checker
        )
        for a in musts["assertions"]
    ]


@pytest.mark.skipif(
    not W3C_ORACLE.is_dir(), reason="../shared/oracles (W3C schemas) is not here (a user's clone)"
)
def test_w3c_annotations_pass_every_must_schema(everything: Project, tmp_path: Path) -> None:
    out = export(everything, "w3c", tmp_path / "out.jsonld", include_boilerplate=True)
    collection = json.loads(out.read_text("utf-8"))
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == sum(1 for _ in everything.iter_annotations())
    validators = w3c_validators()
    assert len(validators) > 40
    texts = {f"urn:annotator:document:{d}": everything.document(d).text
             for d in everything.document_ids()}  # fmt: skip
    for item in items:
        for validator in validators:
            errors = list(validator.iter_errors(item))
            assert not errors, (validator.schema.get("id"), errors[0].message)
        targets = item["target"] if isinstance(item["target"], list) else [item["target"]]
        for target in targets:
            quote, position = target["selector"]
            text = texts[target["source"]]
            assert text[position["start"] : position["end"]] == quote["exact"]
            assert text[: position["start"]].endswith(quote["prefix"])
            assert text[position["end"] :].startswith(quote["suffix"])
