"""The graph as RDF following ontology/kg.ttl. Every IRI is minted here, from normalized keys or
percent-encoded URLs, never from raw text."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import __version__
from kg.graph import papers_per_node
from kg.urls import safe_iri

KG = Namespace("https://w3id.org/mlkg/ontology#")
ID = Namespace("https://w3id.org/mlkg/id/")


def node_iri(node: str) -> URIRef:
    """IRI of a graph node: papers and entities in our namespace, links as their own URL."""
    kind, _, rest = node.partition(":")
    if kind == "paper":
        return ID[f"paper/{rest}"]
    if kind == "entity":
        return ID[f"entity/{rest}"]
    if kind == "result":
        return ID[f"result/{rest}"]
    if kind == "task":
        return ID[f"task/{rest}"]
    return URIRef(safe_iri(node))


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Edges whose evidence is not a kg:Mention: links, variants, and results (which hold their own).
# Task links between entities keep their evidence on the graph's edge, as variants do.
_NO_EVIDENCE_NODE = {
    "variantOf",
    "hasRepository",
    "link",
    "reportedIn",
    "onBenchmark",
    "withModel",
    "forTask",
    "broaderTask",
}
PWC_TASK = "https://paperswithcode.com/task/"


PREFIXES = {
    "kg": str(KG),
    "id": str(ID),
    "paper": f"{ID}paper/",
    "entity": f"{ID}entity/",
    "mention": f"{ID}mention/",
    "result": f"{ID}result/",
    "task": f"{ID}task/",
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def _node_triples(iri: URIRef, data: dict, papers: int) -> Iterator[Triple]:
    kind = data["type"]
    if kind == "Paper":
        yield iri, RDF.type, KG.Paper
        yield iri, DCTERMS.title, Literal(data["title"])
        if data.get("abstract"):
            yield iri, DCTERMS.abstract, Literal(data["abstract"])
        if data.get("date"):
            yield iri, KG.listedDate, Literal(data["date"])
        if data.get("arxiv_id"):
            yield iri, KG.arxivId, Literal(data["arxiv_id"])
        for source in data.get("sources", "").split("\t"):
            if source:
                yield iri, KG.sourceFile, Literal(source)
    elif kind == "Repository":
        yield iri, RDF.type, KG.Repository
    elif kind == "Link":
        return
    elif kind == "Result":
        yield iri, RDF.type, KG.Result
        yield iri, KG.value, Literal(Decimal(str(data["value"])))
        if data["baseline"] != "":
            yield iri, KG.baselineValue, Literal(Decimal(str(data["baseline"])))
        yield iri, KG.resultKind, Literal(data["kind"])
        if data["unit"]:
            yield iri, KG.unit, Literal(data["unit"])
        if data["metric"]:
            yield iri, KG.metricName, Literal(data["metric"])
        yield iri, KG.sentence, Literal(data["sentence"])
        yield iri, KG.charStart, Literal(data["start"], datatype=XSD.integer)
        yield iri, KG.charEnd, Literal(data["end"], datatype=XSD.integer)
    else:
        yield iri, RDF.type, KG[kind]
        yield iri, RDFS.label, Literal(data["label"])
        yield iri, SKOS.prefLabel, Literal(data["label"])
        yield iri, KG.paperCount, Literal(papers, datatype=XSD.integer)
        for alias in filter(None, data.get("aliases", "").split("|")):
            yield iri, SKOS.altLabel, Literal(alias)
        if data.get("pwc"):
            yield iri, RDFS.seeAlso, URIRef(safe_iri(PWC_TASK + data["pwc"]))


def _mention_triples(source: str, target: str, role: str, data: dict) -> Iterator[Triple]:
    mention = ID[f"mention/{source.partition(':')[2]}.{target.partition(':')[2]}.{role}"]
    yield mention, RDF.type, KG.Mention
    yield mention, KG.statedIn, node_iri(source)
    yield mention, KG.about, node_iri(target)
    yield mention, KG.role, KG[role]
    yield mention, KG.sentence, Literal(data["sentence"])
    yield mention, KG.charStart, Literal(data["start"], datatype=XSD.integer)
    yield mention, KG.charEnd, Literal(data["end"], datatype=XSD.integer)
    yield mention, KG.rule, Literal(data["rule"])
    yield mention, PROV.wasGeneratedBy, ID["build"]


def triples(
    graph: nx.MultiDiGraph, built_at: datetime = EPOCH, inputs: tuple[str, ...] = ()
) -> Iterator[Triple]:
    """The export as a stream of triples, each subject's triples together and every subject in
    a fixed order, so writers can stream them (the full corpus does not fit rdflib's in-memory
    store in 4 GB) and the same graph always gives the same bytes.

    `built_at` is the time recorded for the build: the pipeline passes the newest input's
    modification time (or SOURCE_DATE_EPOCH), so a rebuild of the same files is identical."""
    papers = papers_per_node(graph)
    for node in sorted(graph.nodes):
        iri = node_iri(node)
        yield from _node_triples(iri, graph.nodes[node], papers[node])
        for _source, target, role in sorted(graph.out_edges(node, keys=True)):
            yield iri, KG[role], node_iri(target)
    for node in sorted(graph.nodes):
        for source, target, role, data in sorted(
            graph.out_edges(node, keys=True, data=True), key=lambda e: e[:3]
        ):
            if role not in _NO_EVIDENCE_NODE:
                yield from _mention_triples(source, target, role, data)
    build, software = ID["build"], ID[f"software/kg-{__version__}"]
    yield build, RDF.type, KG.Build
    yield build, RDFS.label, Literal("kg build")
    stamp = Literal(built_at.astimezone(UTC).isoformat(), datatype=XSD.dateTime)
    yield build, PROV.endedAtTime, stamp
    yield build, PROV.wasAssociatedWith, software
    for path in inputs:
        yield build, KG.inputFile, Literal(path)
    yield software, RDF.type, PROV.SoftwareAgent
    yield software, RDFS.label, Literal(f"kg {__version__}")


def to_rdf(
    graph: nx.MultiDiGraph, built_at: datetime = EPOCH, inputs: tuple[str, ...] = ()
) -> Graph:
    """The export as an rdflib Graph, for validation (pySHACL) and for library users."""
    rdf = Graph()
    for prefix, namespace in PREFIXES.items():
        rdf.bind(prefix, namespace)
    for triple in triples(graph, built_at, inputs):
        rdf.add(triple)
    return rdf
