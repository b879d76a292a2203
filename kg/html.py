"""The interactive page: pyvis with vis-network inlined, nothing fetched from the network.

pyvis 0.3.2 still links Bootstrap from a CDN and a local vis path even with in-line resources
(pyvis issues #228, #229); those tags are removed, as the page does not need them. Text from
papers goes into tooltips that the page sets with innerHTML, so it is HTML-escaped here.
"""

from __future__ import annotations

import html
import re

import networkx as nx
from pyvis.network import Network

from kg.graph import papers_per_node

STYLE = {
    "Paper": ("#9e9e9e", "dot"),
    "Method": ("#1f77b4", "dot"),
    "Benchmark": ("#d62728", "diamond"),
    "Dataset": ("#ff7f0e", "square"),
    "Model": ("#2ca02c", "triangle"),
    "Metric": ("#9467bd", "star"),
    "Repository": ("#17becf", "hexagon"),
    "Link": ("#bcbd22", "hexagon"),
}
_EXTERNAL = re.compile(
    r"<(?:script|link)\b[^>]*(?:src|href)\s*=\s*\"(?:https?:|\.\./)[^\"]*\"[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)


def _tooltip(node: str, data: dict, papers: int) -> str:
    lines = [f"<b>{html.escape(data['label'])}</b>", html.escape(data["type"])]
    if data["type"] == "Paper":
        if data.get("date"):
            lines.append(f"date: {html.escape(data['date'])}")
        if data.get("arxiv_id"):
            lines.append(f"arXiv: {html.escape(data['arxiv_id'])}")
        if data.get("url"):
            lines.append(f"url: {html.escape(data['url'])}")
    else:
        if data.get("aliases"):
            lines.append("aliases: " + html.escape(", ".join(data["aliases"].split("|"))))
        lines.append(f"papers: {papers}")
    return "<br>".join(lines)


def _legend() -> str:
    items = "".join(
        f'<span style="margin-right:12px"><span style="display:inline-block;width:10px;'
        f'height:10px;background:{colour};margin-right:4px"></span>{kind}</span>'
        for kind, (colour, _shape) in STYLE.items()
    )
    return f'<div id="kg-legend" style="font:13px sans-serif;padding:6px">{items}</div>'


def to_html(graph: nx.MultiDiGraph, title: str = "kg") -> str:
    net = Network(
        height="850px",
        width="100%",
        directed=True,
        cdn_resources="in_line",
        neighborhood_highlight=True,
        heading="",
    )
    counts = papers_per_node(graph)
    for node, data in sorted(graph.nodes(data=True)):
        if data["type"] == "Result":
            continue  # results are in the RDF and the JSON; the page shows what they link
        colour, shape = STYLE.get(data["type"], ("#777777", "dot"))
        label = data["label"] if data["type"] != "Paper" else data["label"][:40]
        net.add_node(
            node,
            label=label,
            title=_tooltip(node, data, counts[node]),
            color=colour,
            shape=shape,
            size=8 + min(counts[node], 40) * 1.5,
        )
    for source, target, role in sorted(graph.edges(keys=True)):
        if source.startswith("result:"):
            continue
        net.add_edge(source, target, title=role, label=role if role == "variantOf" else "")
    net.toggle_physics(graph.number_of_nodes() <= 2000)
    page = net.generate_html(notebook=False)
    page = _EXTERNAL.sub("", page)
    page = page.replace("<body>", "<body>\n" + _legend(), 1)
    return page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
