"""How fast the graph page opens in headless Chromium for a graph of N nodes (default 20,000).

    python bench/page_load.py [--nodes 20000] [--graph outputs/kg.json]

Without --graph, a graph of papers and entities is generated with a Zipf-like popularity of
entities (a few named by many papers, most by one), the shape real listings give. The script
writes the page with kg's own writer and reports: the page size, the time kg takes to write it,
and in Chromium the time from navigation to the page being interactive (the network drawn and
kg's controls ready), plus the time a search takes once it is.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.html import to_html
from kg.viz import load_graph

TYPES = ["Method", "Benchmark", "Dataset", "Model", "Metric"]


def synthetic(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    papers = nodes // 3
    entities = nodes - papers
    for i in range(entities):
        graph.add_node(f"entity:e{i}", type=TYPES[i % len(TYPES)], label=f"Name{i}", aliases="")
    weights = [1.0 / (i + 1) for i in range(entities)]
    for p in range(papers):
        graph.add_node(
            f"paper:p{p}",
            type="Paper",
            label=f"Paper {p}",
            title=f"Paper {p}",
            date="",
            arxiv_id="",
            url="",
            sources="bench",
        )
        for e in set(rng.choices(range(entities), weights=weights, k=5)):
            graph.add_edge(f"paper:p{p}", f"entity:e{e}", key="usesMethod", role="usesMethod")
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=20000)
    parser.add_argument("--graph", type=Path, help="a kg.json to draw instead")
    args = parser.parse_args()
    graph = load_graph(args.graph) if args.graph else synthetic(args.nodes)
    started = time.perf_counter()
    page = to_html(graph, "bench")
    write_seconds = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    path = folder / "page.html"
    path.write_text(page, encoding="utf-8")
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
    print(f"page: {len(page) / 1e6:.1f} MB, written in {write_seconds:.1f} s")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium not found: browser timing skipped")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        timings = []
        for _ in range(3):
            tab = browser.new_page(viewport={"width": 1400, "height": 950})
            started = time.perf_counter()
            tab.goto(path.as_uri())
            tab.wait_for_function("window.kgReady === true && network.body.data.nodes.length > 0")
            tab.evaluate("new Promise(r => { network.once('afterDrawing', r); network.redraw(); })")
            opened = time.perf_counter() - started
            started = time.perf_counter()
            tab.fill("#kg-search", "Name1")
            tab.press("#kg-search", "Enter")
            searched = time.perf_counter() - started
            drawn = tab.evaluate("nodes.length")
            timings.append((opened, searched, drawn))
            tab.close()
        browser.close()
    opened = sorted(t[0] for t in timings)[1]
    searched = sorted(t[1] for t in timings)[1]
    print(f"drawn: {timings[0][2]} nodes (summary view above the page's cap)")
    print(f"interactive after: {opened:.2f} s (median of 3); search: {searched * 1000:.0f} ms")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
