"""Pages for part of a graph: one entity's neighbourhood, or some node types only."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import networkx as nx

from kg.errors import InputError, KgError
from kg.normalize import name_key


def load_graph(path: Path) -> nx.MultiDiGraph:
    """The node-link JSON that kg build writes (kg.json)."""
    if not path.is_file():
        raise InputError(path, "no such graph file; run kg build first (it writes kg.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    except (json.JSONDecodeError, KeyError, TypeError, nx.NetworkXError) as error:
        raise InputError(path, f"not a kg.json node-link graph ({error})") from error


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node whose name or alias is `name` (after normalization); papers by title."""
    key = name_key(name)
    for node, data in sorted(graph.nodes(data=True)):
        names = [data.get("label", ""), *str(data.get("aliases", "")).split("|")]
        if key in {name_key(n) for n in names if n}:
            return node
    raise KgError(f"no node named {name!r} in the graph")


def select(
    graph: nx.MultiDiGraph,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
) -> nx.MultiDiGraph:
    """The neighbourhood of `focus` within `depth` links (either direction), then only the
    nodes whose type is in `types` (the focus node always stays)."""
    keep = set(graph)
    centre = None
    if focus:
        centre = find_node(graph, focus)
        keep = set(nx.ego_graph(graph.to_undirected(as_view=True), centre, radius=depth))
    if types:
        wanted = {t.strip().lower() for t in types if t.strip()}
        known = {str(d.get("type", "")).lower() for _, d in graph.nodes(data=True)}
        unknown = wanted - known
        if unknown:
            raise KgError(f"unknown node type(s) {sorted(unknown)}; the graph has {sorted(known)}")
        keep = {n for n in keep if str(graph.nodes[n].get("type", "")).lower() in wanted}
        if centre is not None:
            keep.add(centre)
    return graph.subgraph(keep).copy()
