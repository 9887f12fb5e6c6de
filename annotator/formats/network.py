"""Actor–claim network for Gephi: GraphML, or a CSV edge list (export only).

Nodes are spans grouped by label and normalised text (case and whitespace folded), so the same
actor named in ten articles is one node; node attributes: ``label`` (shown text), ``kind`` (the
span label), ``mentions``. Edges come from relations and are weighted by how often the same
pair is linked the same way. A ``claimant`` relation (Claim → Actor) becomes the edge
``actor —claims→ claim``; other relation types keep their direction and name.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from annotator.core.export_document import ExportSource
from annotator.core.spans import Annotation
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_binary, atomic_text
from annotator.formats.model import ExportOptions, ExportSummary

REVERSED = {"claimant": "claims"}  # relation type -> edge name, drawn target -> source
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NOT_IN_A_NETWORK = ("attributes", "note", "fragments", "author", "meta")


def node_id(ann: Annotation) -> str:
    return f"{ann.label}: {' '.join(ann.text.split()).casefold()}"


@dataclass(slots=True)
class Network:
    names: dict[str, str] = field(default_factory=dict)  # node id -> shown text
    kinds: dict[str, str] = field(default_factory=dict)
    mentions: Counter[str] = field(default_factory=Counter)
    edges: Counter[tuple[str, str, str]] = field(default_factory=Counter)


def build(source: ExportSource, options: ExportOptions, summary: ExportSummary) -> Network:
    net = Network()
    for view in iter_views(source, options, summary):
        by_id = {a.id: a for a in view.spans}
        for ann in view.spans:
            nid = node_id(ann)
            net.names.setdefault(nid, " ".join(ann.text.split()))
            net.kinds[nid] = ann.label
            net.mentions[nid] += 1
        for rel in view.relations:
            src, tgt = node_id(by_id[rel.source_id]), node_id(by_id[rel.target_id])
            if rel.type in REVERSED:
                net.edges[(tgt, src, REVERSED[rel.type])] += 1
            else:
                net.edges[(src, tgt, rel.type)] += 1
        summary.documents += 1
        summary.spans += len(view.spans)
        count_unwritten(summary, view, NOT_IN_A_NETWORK, "a network has nodes and edges only")
    return net


def graphml(net: Network) -> bytes:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    keys = [("label", "node", "string"), ("kind", "node", "string"),
            ("mentions", "node", "int"), ("type", "edge", "string"),
            ("weight", "edge", "double")]  # fmt: skip
    for name, owner, kind in keys:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=name, attrib={
            "for": owner, "attr.name": name, "attr.type": kind})  # fmt: skip
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="G", edgedefault="directed")
    for nid, name in net.names.items():
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", id=nid)
        for key, value in (("label", name), ("kind", net.kinds[nid]),
                           ("mentions", str(net.mentions[nid]))):  # fmt: skip
            ET.SubElement(node, f"{{{GRAPHML_NS}}}data", key=key).text = value
    for n, ((src, tgt, kind), weight) in enumerate(sorted(net.edges.items())):
        edge = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", id=f"e{n}", source=src, target=tgt)
        ET.SubElement(edge, f"{{{GRAPHML_NS}}}data", key="type").text = kind
        ET.SubElement(edge, f"{{{GRAPHML_NS}}}data", key="weight").text = str(float(weight))
    graphml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return graphml


def write_graphml(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    net = build(source, options, summary)
    with atomic_binary(output) as fh:
        fh.write(graphml(net))
    return summary


def write_edge_csv(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    """Gephi's edge-list columns: Source, Target, Type (Directed), Weight, Label."""
    summary = ExportSummary()
    net = build(source, options, summary)
    with atomic_text(output) as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["Source", "Target", "Type", "Weight", "Label"])
        for (src, tgt, kind), weight in sorted(net.edges.items()):
            writer.writerow([net.names[src], net.names[tgt], "Directed", weight, kind])
    linked = {node for src, tgt, _ in net.edges for node in (src, tgt)}
    unlinked = [nid for nid in net.names if nid not in linked]
    if unlinked:
        summary.lose("span without a relation (not an edge)", len(unlinked))
    return summary
