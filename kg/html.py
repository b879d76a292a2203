"""The interactive page: pyvis with vis-network inlined, nothing fetched from the network.

pyvis 0.3.2 still links Bootstrap from a CDN and a local vis path even with in-line resources
(pyvis issues #228, #229); those tags are removed, as the page does not need them. Text from
papers goes into tooltips as plain strings, which vis-network shows as text, and into the
page's own markup only HTML-escaped.

Large graphs stay readable and fast: above SUMMARY_ABOVE nodes the page shows the summary view
(entities only, the most-mentioned MAX_SUMMARY_NODES of them, papers folded into co-occurrence
edge weights), and above PHYSICS_UP_TO nodes positions are computed here and physics is off.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import cache
from itertools import combinations
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from pyvis.network import Network

from kg.graph import papers_per_node

SUMMARY_ABOVE = 2000
MAX_SUMMARY_NODES = 1500
PHYSICS_UP_TO = 1000
EDGES_PER_NODE = 4

STYLE = {
    "Paper": ("#9e9e9e", "dot"),
    "Method": ("#1f77b4", "dot"),
    "Benchmark": ("#d62728", "diamond"),
    "Dataset": ("#ff7f0e", "square"),
    "Model": ("#2ca02c", "triangle"),
    "Metric": ("#9467bd", "star"),
    "Task": ("#e377c2", "triangleDown"),
    "Repository": ("#17becf", "hexagon"),
    "Link": ("#bcbd22", "hexagon"),
}
_EXTERNAL = re.compile(
    r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*\"(?:https?:|\.\./)[^\"]*\"[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
_CONTROLS = Path(__file__).parent / "page" / "controls.html"


def drawable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The nodes a page shows: everything but Result nodes, whose values live in the RDF."""
    keep = [n for n, d in graph.nodes(data=True) if d["type"] != "Result"]
    return graph.subgraph(keep).copy()


def summary(graph: nx.MultiDiGraph, limit: int = MAX_SUMMARY_NODES) -> nx.MultiDiGraph:
    """Entities only: the `limit` named in most papers, an edge between two entities weighted
    by the papers that name both, and variantOf links kept."""
    counts = papers_per_node(graph)
    entities = [n for n, d in graph.nodes(data=True) if n.startswith(("entity:", "task:"))]
    top = set(sorted(entities, key=lambda n: (-counts[n], n))[:limit])
    view = nx.MultiDiGraph()
    for node in sorted(top):
        view.add_node(node, **graph.nodes[node], papers=counts[node])
    weights: Counter[tuple[str, str]] = Counter()
    for paper in (n for n in graph if n.startswith("paper:")):
        named = sorted({t for _, t in graph.out_edges(paper) if t in top})
        weights.update(combinations(named, 2))
    # Each entity keeps its strongest links only, so the page stays light.
    strongest: set[tuple[str, str]] = set()
    by_node: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    for pair, weight in weights.items():
        for end in pair:
            by_node.setdefault(end, []).append((weight, pair))
    for links in by_node.values():
        strongest.update(
            pair for _w, pair in sorted(links, key=lambda x: (-x[0], x[1]))[:EDGES_PER_NODE]
        )
    for (a, b), weight in sorted(weights.items()):
        if (a, b) in strongest:
            view.add_edge(a, b, key="coOccurs", role="coOccurs", weight=weight)
    for a, b, role in graph.edges(keys=True):
        if role == "variantOf" and a in top and b in top:
            view.add_edge(a, b, key=role, role=role)
    view.graph["summary_of"] = graph.number_of_nodes()
    return view


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic positions, computed once here so the browser need not simulate."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph))
    for a, b, data in graph.edges(data=True):
        simple.add_edge(a, b, weight=float(data.get("weight", 1)))
    positions = nx.spring_layout(simple, seed=7, iterations=40, weight="weight")
    scale = 60.0 * max(1.0, len(simple) ** 0.5)
    return {
        n: (round(float(x) * scale, 1), round(float(y) * scale, 1))
        for n, (x, y) in positions.items()
    }


def _tooltip(data: dict, papers: int) -> str:
    """Plain text: vis-network shows a string title as text (never as markup), so a title such
    as '<script>...' is displayed, not run. Lines break on newlines (see controls.html CSS)."""
    lines = [data["label"], data["type"]]
    if data["type"] == "Paper":
        for field, name in (("date", "date"), ("arxiv_id", "arXiv"), ("url", "url")):
            if data.get(field):
                lines.append(f"{name}: {data[field]}")
        for source in filter(None, str(data.get("sources", "")).split("\t")):
            lines.append(f"from: {source}")
    else:
        if data.get("aliases"):
            lines.append("aliases: " + ", ".join(data["aliases"].split("|")))
        lines.append(f"papers: {papers}")
    return "\n".join(lines)


def _controls(types: list[str], note: str) -> str:
    filters = "".join(
        f'<label style="margin-right:10px"><input type="checkbox" value="{kind}" checked> '
        f'<span style="display:inline-block;width:10px;height:10px;background:{STYLE[kind][0]}">'
        f"</span> {kind}</label>"
        for kind in types
    )
    text = _CONTROLS.read_text(encoding="utf-8")
    return text.replace("__FILTERS__", filters).replace("__NOTE__", html.escape(note))


@cache
def _templates(folder: str) -> Environment:
    """One template environment per process: pyvis makes a new one per page, and compiling its
    template again takes most of a small page's time."""
    return Environment(loader=FileSystemLoader(folder))


def to_html(graph: nx.MultiDiGraph, title: str = "kg") -> str:
    """The page for a graph; large graphs get the summary view and precomputed positions."""
    view = drawable(graph)
    note = ""
    if view.number_of_nodes() > SUMMARY_ABOVE:
        total = view.number_of_nodes()
        view = summary(view)
        note = (
            f"Summary view: the {view.number_of_nodes()} most-mentioned entities of "
            f"{total} nodes; papers are folded into edge weights. Use kg viz for details."
        )
    counts = view.graph.get("papers") or papers_per_node(view)
    physics = view.number_of_nodes() <= PHYSICS_UP_TO
    positions = {} if physics else layout(view)
    net = Network(
        height="800px",
        width="100%",
        directed=True,
        cdn_resources="in_line",
        neighborhood_highlight=True,
        heading="",
    )
    net.templateEnv = _templates(net.template_dir)
    for node, data in sorted(view.nodes(data=True)):
        colour, shape = STYLE.get(data["type"], ("#777777", "dot"))
        papers = data.get("papers", counts.get(node, 0))
        label = data["label"] if data["type"] != "Paper" else data["label"][:40]
        extra = {"x": positions[node][0], "y": positions[node][1]} if positions else {}
        names = "|".join([data["label"], *filter(None, data.get("aliases", "").split("|"))])
        net.add_node(
            node,
            label=label,
            title=_tooltip(data, papers),
            color=colour,
            shape=shape,
            size=8 + min(papers, 40) * 1.5,
            group=data["type"],
            kgNames=names,
            physics=physics,
            **extra,
        )
    for source, target, role, data in sorted(view.edges(keys=True, data=True)):
        weight = data.get("weight")
        net.add_edge(
            source,
            target,
            title=role if weight is None else f"{role}: {weight} papers",
            label=role if weight is None else "",
            width=1 + min(weight or 1, 10) / 3,
            font={"size": 8},
        )
    net.toggle_physics(physics)
    if not physics:
        # Straight edges, hidden while dragging: drawing cost, not information.
        net.options.edges.smooth.enabled = False
        net.options.interaction.hideEdgesOnDrag = True
    page = net.generate_html(notebook=False)
    page = _EXTERNAL.sub("", page)
    types = [t for t in STYLE if any(d["type"] == t for _, d in view.nodes(data=True))]
    page = page.replace("<body>", "<body>\n" + _controls(types, note), 1)
    return page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
