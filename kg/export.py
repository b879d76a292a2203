"""The output files, each written to a stream as it is produced, so a build of the whole corpus
never holds a whole file (or rdflib's in-memory store of millions of triples) in memory.

RDF terms are minted by rdflib (kg.rdf); Oxigraph's streaming serializers write them as Turtle,
N-Triples and JSON-LD. GraphML is written incrementally through lxml.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import BinaryIO

import networkx as nx
import pyoxigraph as ox
from rdflib import Literal, URIRef

from kg.html import to_html
from kg.rdf import EPOCH, PREFIXES, Triple, triples

Writer = Callable[[Sequence[BinaryIO]], None]

OUTPUTS = ("kg.ttl", "kg.nt", "kg.jsonld", "kg.html", "kg.graphml", "kg.json")
SHARD_FOLDER = "kg-nt"


@dataclass(frozen=True)
class Output:
    """Files written together by one writer (one file, or a set of N-Triples shards)."""

    names: tuple[str, ...]
    write: Writer


@lru_cache(maxsize=1 << 16)
def _named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _term(term: URIRef | Literal) -> ox.NamedNode | ox.Literal:
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=_named(str(term.datatype)))
        return ox.Literal(str(term))
    return _named(str(term))


def ox_triples(stream: Iterable[Triple]) -> Iterator[ox.Triple]:
    for s, p, o in stream:
        yield ox.Triple(_named(str(s)), _named(str(p)), _term(o))


def _rdf_writer(
    graph: nx.MultiDiGraph, when: datetime, inputs: tuple[str, ...], shards: int
) -> Writer:
    """N-Triples from the graph, then Turtle, JSON-LD and the shards from the N-Triples file:
    the triples are made in Python once, the other formats come from Oxigraph's parser and
    serializers in the same order. Streams must be files (their `name` is read back)."""

    def write(streams: Sequence[BinaryIO]) -> None:
        nt, ttl, jsonld, *parts = streams
        ox.serialize(ox_triples(triples(graph, when, inputs)), nt, ox.RdfFormat.N_TRIPLES)
        nt.flush()
        for stream, fmt, prefixes in (
            (ttl, ox.RdfFormat.TURTLE, PREFIXES),
            (jsonld, ox.RdfFormat.JSON_LD, None),
        ):
            parsed = ox.parse(path=nt.name, format=ox.RdfFormat.N_TRIPLES)
            ox.serialize(parsed, stream, fmt, prefixes=prefixes)
        if parts:
            with open(nt.name, "rb") as lines:
                for line in lines:
                    subject = line.split(b" ", 1)[0][1:-1].decode("utf-8")
                    parts[shard_of(subject, len(parts))].write(line)

    return write


def shard_of(subject: str, count: int) -> int:
    """A subject's shard: a stable hash, so every triple of a subject lands in one file and the
    same graph always gives the same shards."""
    return zlib.crc32(subject.encode("utf-8")) % count


def shard_names(count: int) -> tuple[str, ...]:
    return tuple(f"{SHARD_FOLDER}/part-{i + 1:05d}-of-{count:05d}.nt" for i in range(count))


def _graphml(graph: nx.MultiDiGraph) -> Writer:
    def write(streams: Sequence[BinaryIO]) -> None:
        nx.write_graphml_lxml(graph, streams[0], prettyprint=True)

    return write


def _node_link(graph: nx.MultiDiGraph) -> Writer:
    def write(streams: Sequence[BinaryIO]) -> None:
        data = nx.node_link_data(graph, edges="edges")
        encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, indent=1)
        for chunk in encoder.iterencode(data):
            streams[0].write(chunk.encode("utf-8"))
        streams[0].write(b"\n")

    return write


def _html(graph: nx.MultiDiGraph) -> Writer:
    def write(streams: Sequence[BinaryIO]) -> None:
        streams[0].write(to_html(graph).encode("utf-8"))

    return write


def outputs(
    graph: nx.MultiDiGraph,
    when: datetime = EPOCH,
    inputs: tuple[str, ...] = (),
    shards: int = 0,
) -> list[Output]:
    """Every output of a build; `shards` > 0 adds the N-Triples split into that many files."""
    names = ("kg.nt", "kg.ttl", "kg.jsonld", *(shard_names(shards) if shards > 0 else ()))
    return [
        Output(names, _rdf_writer(graph, when, inputs, shards)),
        Output(("kg.html",), _html(graph)),
        Output(("kg.graphml",), _graphml(graph)),
        Output(("kg.json",), _node_link(graph)),
    ]
