"""Actor–claim networks for Gephi (after Discourse Network Analyzer): GraphML, a CSV edge list,
and DNA's one-mode actor networks (congruence, conflict).

Nodes:

- an actor: a span linked to a registry actor is its actor's node, by canonical name (so "Kim
  Jong-un" and "Kim Jong Un" linked to one actor are ONE node), with the actor's ``type``; an
  unlinked span is a node by its label and normalised text (case and whitespace folded), its
  ``type`` attribute as its type. ``mentions``: the spans it stands for. A span's actor link is
  written as its node; a linked span a network leaves out (not in an edge of the CSV, no
  claimant of the one-mode networks, a Claim span) is counted as a lost "actor link".
- a claim concept (DNA's "statement" level): when the schema gives Claim a ``concept``
  attribute, a Claim span is the node of its concept (case and whitespace folded); otherwise,
  or for a claim without one, the node of the claim's document (kind "Document", its title).
  ``mentions``: the claims it stands for.

Edges come from relations, weighted by how many link the same pair the same way with the same
stance (a claim's ``stance`` attribute: support, oppose, neutral, or empty). A ``claimant``
relation (Claim → Actor) becomes the edge ``actor —claims→ concept``; other relation types keep
their direction and name.

One-mode (undirected, actors only, each actor that is the claimant of a claim with a stance):
two actors are tied in the *congruence* network once per concept on which they made claims with
the same stance, and in the *conflict* network once per concept on which one supports and the
other opposes; the weight is that number of concepts.
"""

from __future__ import annotations

import csv
import itertools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from annotator.core.document import Document
from annotator.core.export_document import DocumentView, ExportSource
from annotator.core.spans import Annotation
from annotator.formats.export_view import count_unwritten, iter_views
from annotator.formats.files import atomic_binary, atomic_text
from annotator.formats.model import ExportOptions, ExportSummary

REVERSED = {"claimant": "claims"}  # relation type -> edge name, drawn target -> source
CLAIMANT, CLAIM, CONCEPT = "claimant", "Claim", "concept"
OPPOSED = {frozenset(("support", "oppose"))}
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NOT_IN_A_NETWORK = ("attributes", "note", "fragments", "author", "meta")
Edge = tuple[str, str, str, str]  # source node, target node, type, stance


def fold(text: str) -> str:
    return " ".join(text.split())


def node_id(ann: Annotation) -> str:
    return f"{ann.label}: {fold(ann.text).casefold()}"


@dataclass(slots=True)
class Network:
    names: dict[str, str] = field(default_factory=dict)  # node id -> shown text
    kinds: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)  # an actor's type
    mentions: Counter[str] = field(default_factory=Counter)
    edges: Counter[Edge] = field(default_factory=Counter)
    # concept node -> claimant actor node -> the stances of its claims on that concept
    positions: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    linked: Counter[str] = field(default_factory=Counter)  # node -> spans linked to its actor
    unplaced_links: int = 0  # linked spans that are no actor node (e.g. a Claim span)

    def count_dropped_links(self, written: set[str], summary: ExportSummary, why: str) -> None:
        """Count the actor links of spans whose node is not in ``written``."""
        dropped = self.unplaced_links + sum(
            n for nid, n in self.linked.items() if nid not in written
        )
        if dropped:
            summary.lose(f"actor link of a span ({why})", dropped)


@dataclass(frozen=True, slots=True)
class _Nodes:
    """Which node a span stands for (see the module doc)."""

    source: ExportSource
    by_concept: bool

    def add(self, net: Network, ann: Annotation, doc: Document) -> str:
        nid, name, kind, kind_of_actor = self._node(ann, doc)
        if ann.actor_id is not None:
            if ann.label != CLAIM and self.source.actor_of(ann) is not None:
                net.linked[nid] += 1
            else:
                net.unplaced_links += 1
        net.names.setdefault(nid, name)
        net.kinds.setdefault(nid, kind)
        if kind_of_actor:
            net.types.setdefault(nid, kind_of_actor)
        net.mentions[nid] += 1
        return nid

    def _node(self, ann: Annotation, doc: Document) -> tuple[str, str, str, str]:
        if ann.label == CLAIM:
            concept = ann.attributes.get(CONCEPT) if self.by_concept else None
            if isinstance(concept, str) and concept.strip():
                return f"Concept: {fold(concept).casefold()}", fold(concept), "Concept", ""
            return f"Document: {doc.id}", doc.title or f"Document {doc.id}", "Document", ""
        actor = self.source.actor_of(ann)
        if actor is not None:
            return f"{ann.label}: {actor.name.casefold()}", actor.name, ann.label, actor.type
        kind = ann.attributes.get("type")
        return node_id(ann), fold(ann.text), ann.label, kind if isinstance(kind, str) else ""


def has_concepts(source: ExportSource) -> bool:
    """Whether the schema gives Claim a ``concept`` attribute."""
    return any(lab.name == CLAIM and lab.attribute(CONCEPT) for lab in source.labels)


def build(source: ExportSource, options: ExportOptions, summary: ExportSummary) -> Network:
    net, nodes = Network(), _Nodes(source, has_concepts(source))
    for view in iter_views(source, options, summary):
        _add_view(net, nodes, view)
        summary.documents += 1
        summary.spans += len(view.spans)
        count_unwritten(summary, view, NOT_IN_A_NETWORK, "a network has nodes and edges only")
    return net


def _add_view(net: Network, nodes: _Nodes, view: DocumentView) -> None:
    by_id = {a.id: a for a in view.spans}
    node_of = {a.id: nodes.add(net, a, view.document) for a in view.spans}
    for rel in view.relations:
        src, tgt = node_of[rel.source_id], node_of[rel.target_id]
        stance = _stance(by_id[rel.source_id], by_id[rel.target_id])
        if rel.type in REVERSED:
            net.edges[(tgt, src, REVERSED[rel.type], stance)] += 1
        else:
            net.edges[(src, tgt, rel.type, stance)] += 1
        if rel.type == CLAIMANT and stance:
            net.positions.setdefault(src, {}).setdefault(tgt, set()).add(stance)


def _stance(*ends: Annotation) -> str:
    """The stance of the claim among a relation's ends, or ""."""
    for ann in ends:
        stance = ann.attributes.get("stance") if ann.label == CLAIM else None
        if isinstance(stance, str):
            return stance
    return ""


def actor_ties(net: Network, *, conflict: bool) -> Counter[tuple[str, str]]:
    """(actor, actor) -> the number of concepts on which they agree (or, with ``conflict``,
    on which one supports what the other opposes)."""
    ties: Counter[tuple[str, str]] = Counter()
    for by_actor in net.positions.values():
        for a, b in itertools.combinations(sorted(by_actor), 2):
            pairs = {frozenset((x, y)) for x in by_actor[a] for y in by_actor[b]}
            if (pairs & OPPOSED) if conflict else (by_actor[a] & by_actor[b]):
                ties[(a, b)] += 1
    return ties


# ------------------------------------------------------------------------------------ writing
def _graphml(
    nodes: list[str], net: Network, edges: list[tuple[Edge, int]], directed: bool
) -> bytes:
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    keys = [("label", "node", "string"), ("kind", "node", "string"), ("type", "node", "string"),
            ("mentions", "node", "int"), ("edge_type", "edge", "string"),
            ("stance", "edge", "string"), ("weight", "edge", "double")]  # fmt: skip
    for name, owner, kind in keys:
        attr_name = "type" if name == "edge_type" else name
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", id=name, attrib={
            "for": owner, "attr.name": attr_name, "attr.type": kind})  # fmt: skip
    edgedefault = "directed" if directed else "undirected"
    graph = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="G", edgedefault=edgedefault)
    for nid in nodes:
        node = ET.SubElement(graph, f"{{{GRAPHML_NS}}}node", id=nid)
        for key, value in (("label", net.names[nid]), ("kind", net.kinds[nid]),
                           ("type", net.types.get(nid, "")),
                           ("mentions", str(net.mentions[nid]))):  # fmt: skip
            ET.SubElement(node, f"{{{GRAPHML_NS}}}data", key=key).text = value
    for n, ((src, tgt, kind, stance), weight) in enumerate(edges):
        edge = ET.SubElement(graph, f"{{{GRAPHML_NS}}}edge", id=f"e{n}", source=src, target=tgt)
        for key, value in (("edge_type", kind), ("stance", stance), ("weight", str(float(weight)))):
            ET.SubElement(edge, f"{{{GRAPHML_NS}}}data", key=key).text = value
    graphml: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return graphml


def graphml(net: Network) -> bytes:
    return _graphml(list(net.names), net, sorted(net.edges.items()), directed=True)


def write_graphml(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    summary = ExportSummary()
    net = build(source, options, summary)
    with atomic_binary(output) as fh:
        fh.write(graphml(net))
    net.count_dropped_links(set(net.names), summary, "a Claim span's node is its concept")
    return summary


def write_edge_csv(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    """Gephi's edge-list columns: Source, Target, Type (Directed), Weight, Label; then Stance."""
    summary = ExportSummary()
    net = build(source, options, summary)
    with atomic_text(output) as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["Source", "Target", "Type", "Weight", "Label", "Stance"])
        for (src, tgt, kind, stance), weight in sorted(net.edges.items()):
            writer.writerow([net.names[src], net.names[tgt], "Directed", weight, kind, stance])
    linked = {node for src, tgt, _, _ in net.edges for node in (src, tgt)}
    unlinked = [nid for nid in net.names if nid not in linked]
    if unlinked:
        summary.lose("span without a relation (not an edge)", len(unlinked))
    net.count_dropped_links(linked, summary, "the span is in no edge, or is a Claim")
    return summary


def _write_one_mode(
    source: ExportSource, output: Path, options: ExportOptions, *, conflict: bool
) -> ExportSummary:
    summary = ExportSummary()
    net = build(source, options, summary)
    actors = sorted({actor for by_actor in net.positions.values() for actor in by_actor})
    name = "conflict" if conflict else "congruence"
    edges = [
        ((a, b, name, ""), w) for (a, b), w in sorted(actor_ties(net, conflict=conflict).items())
    ]
    with atomic_binary(output) as fh:
        fh.write(_graphml(actors, net, edges, directed=False))
    others = sum(n for (_, _, kind, _), n in net.edges.items() if kind != REVERSED[CLAIMANT])
    if others:
        summary.lose("relation other than a claimant (an actor–actor network)", others)
    silent = sum(
        n for (_, _, kind, stance), n in net.edges.items() if kind == "claims" and not stance
    )
    if silent:
        summary.lose("claim without a stance (no tie)", silent)
    net.count_dropped_links(set(actors), summary, "the span is no claimant with a stance")
    return summary


def write_congruence(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    return _write_one_mode(source, output, options, conflict=False)


def write_conflict(source: ExportSource, output: Path, options: ExportOptions) -> ExportSummary:
    return _write_one_mode(source, output, options, conflict=True)
