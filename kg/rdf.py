"""The graph as RDF following ontology/kg.ttl. Every IRI is minted here, from normalized keys or
percent-encoded URLs, never from raw text."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg import __version__
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
    return URIRef(safe_iri(node))


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Edges whose evidence is not a kg:Mention: links, variants, and results (which hold their own).
_NO_EVIDENCE_NODE = {"variantOf", "hasRepository", "link", "reportedIn", "onBenchmark", "withModel"}


def to_rdf(
    graph: nx.MultiDiGraph, built_at: datetime = EPOCH, inputs: tuple[str, ...] = ()
) -> Graph:
    """The export. `built_at` is the time recorded for the build: the pipeline passes the
    newest input's modification time (or SOURCE_DATE_EPOCH), so a rebuild of the same files is
    byte-identical."""
    rdf = Graph()
    for prefix, ns in (
        ("kg", KG),
        ("id", ID),
        ("dcterms", DCTERMS),
        ("skos", SKOS),
        ("prov", PROV),
    ):
        rdf.bind(prefix, ns)
    for node, data in sorted(graph.nodes(data=True)):
        iri = node_iri(node)
        kind = data["type"]
        if kind == "Paper":
            rdf.add((iri, RDF.type, KG.Paper))
            rdf.add((iri, DCTERMS.title, Literal(data["title"])))
            if data.get("abstract"):
                rdf.add((iri, DCTERMS.abstract, Literal(data["abstract"])))
            if data.get("date"):
                rdf.add((iri, KG.listedDate, Literal(data["date"])))
            if data.get("arxiv_id"):
                rdf.add((iri, KG.arxivId, Literal(data["arxiv_id"])))
            for source in data.get("sources", "").split("\t"):
                if source:
                    rdf.add((iri, KG.sourceFile, Literal(source)))
        elif kind == "Repository":
            rdf.add((iri, RDF.type, KG.Repository))
        elif kind == "Link":
            continue
        elif kind == "Result":
            rdf.add((iri, RDF.type, KG.Result))
            rdf.add((iri, KG.value, Literal(Decimal(str(data["value"])))))
            if data["baseline"] != "":
                rdf.add((iri, KG.baselineValue, Literal(Decimal(str(data["baseline"])))))
            rdf.add((iri, KG.resultKind, Literal(data["kind"])))
            if data["unit"]:
                rdf.add((iri, KG.unit, Literal(data["unit"])))
            if data["metric"]:
                rdf.add((iri, KG.metricName, Literal(data["metric"])))
            rdf.add((iri, KG.sentence, Literal(data["sentence"])))
            rdf.add((iri, KG.charStart, Literal(data["start"], datatype=XSD.integer)))
            rdf.add((iri, KG.charEnd, Literal(data["end"], datatype=XSD.integer)))
        else:
            rdf.add((iri, RDF.type, KG[kind]))
            rdf.add((iri, RDFS.label, Literal(data["label"])))
            rdf.add((iri, SKOS.prefLabel, Literal(data["label"])))
            for alias in filter(None, data.get("aliases", "").split("|")):
                rdf.add((iri, SKOS.altLabel, Literal(alias)))
    for source, target, role, data in sorted(graph.edges(keys=True, data=True)):
        subject, obj = node_iri(source), node_iri(target)
        rdf.add((subject, KG[role], obj))
        if role in _NO_EVIDENCE_NODE:
            continue
        mention = ID[f"mention/{source.partition(':')[2]}.{target.partition(':')[2]}.{role}"]
        rdf.add((mention, RDF.type, KG.Mention))
        rdf.add((mention, KG.statedIn, subject))
        rdf.add((mention, KG.about, obj))
        rdf.add((mention, KG.role, KG[role]))
        rdf.add((mention, KG.sentence, Literal(data["sentence"])))
        rdf.add((mention, KG.charStart, Literal(data["start"], datatype=XSD.integer)))
        rdf.add((mention, KG.charEnd, Literal(data["end"], datatype=XSD.integer)))
        rdf.add((mention, KG.rule, Literal(data["rule"])))
        rdf.add((mention, PROV.wasGeneratedBy, ID["build"]))
    build, software = ID["build"], ID[f"software/kg-{__version__}"]
    rdf.add((build, RDF.type, KG.Build))
    rdf.add((build, RDFS.label, Literal("kg build")))
    stamp = Literal(built_at.astimezone(UTC).isoformat(), datatype=XSD.dateTime)
    rdf.add((build, PROV.endedAtTime, stamp))
    rdf.add((build, PROV.wasAssociatedWith, software))
    rdf.add((software, RDF.type, PROV.SoftwareAgent))
    rdf.add((software, RDFS.label, Literal(f"kg {__version__}")))
    for path in inputs:
        rdf.add((build, KG.inputFile, Literal(path)))
    return rdf
