"""The most frequent entities of each type on real abstracts, to judge precision by eye.

    python bench/corpus_top.py [--corpus ../shared/corpus] [--size 2000] [--top 50]
    python bench/corpus_top.py --graph out/kg.json     # an existing build instead

The scored sets are small and were read while the rules were written; the entities that many
papers of the shared corpus share are where a wrong rule costs most (issue 13: at least 47 of the
top 50 of each type should be real entities). This builds the first --size corpus records with
`kg build` (or reads a build's kg.json, the node-link graph) and prints, per entity type, the
entities ranked by the number of papers linked to them, and how many papers got no entity at all.
It counts what the build wrote, so it measures the extraction exactly as shipped.
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
from collections import Counter
from itertools import islice
from pathlib import Path

import networkx as nx

from kg.records import EntityType
from kg.viz import load_graph

ROOT = Path(__file__).resolve().parent.parent


def first_records(corpus: Path, size: int, listing: Path) -> int:
    """Copy the first `size` lines of the corpus files (in name order) to `listing`, as they
    are: kg reads their title, abstract, id, url and date itself."""
    written = 0
    with listing.open("w", encoding="utf-8") as out:
        for path in sorted(corpus.glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                for line in islice(handle, size - written):
                    out.write(line)
                    written += 1
            if written >= size:
                break
    return written


def build(listing: Path, out: Path, jobs: int) -> Path:
    command = [sys.executable, "-m", "kg", "build", str(listing), "--out", str(out), "-q"]
    subprocess.run([*command, "--jobs", str(jobs)], check=True, stdout=subprocess.DEVNULL)
    return out / "kg.json"


def papers_per_entity(graph: nx.MultiDiGraph) -> tuple[dict[str, Counter[str]], int, int]:
    """Per entity type, the number of distinct papers linked to each entity (any role); then
    the number of papers and of papers linked to no entity."""
    types = {t.value for t in EntityType}
    linked: dict[str, set[str]] = {}
    for paper, node in graph.edges():
        if paper.startswith("paper:") and graph.nodes[node].get("type") in types:
            linked.setdefault(node, set()).add(paper)
    counts: dict[str, Counter[str]] = {t: Counter() for t in types}
    for node, papers in linked.items():
        data = graph.nodes[node]
        counts[data["type"]][data["label"]] = len(papers)
    papers = {n for n, d in graph.nodes(data=True) if d.get("type") == "Paper"}
    with_entity: set[str] = set().union(*linked.values())
    return counts, len(papers), len(papers - with_entity)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--size", type=int, default=2000, help="corpus records to build")
    parser.add_argument("--top", type=int, default=50, help="entities listed per type")
    parser.add_argument("--jobs", type=int, default=2, help="kg build --jobs (default 2)")
    parser.add_argument("--graph", type=Path, help="read this kg.json instead of building")
    parser.add_argument("--out", type=Path, help="build into this folder (default: a temp one)")
    args = parser.parse_args()
    path = args.graph
    if path is None:
        out = args.out or Path(tempfile.mkdtemp(prefix="kg-top-"))
        out.mkdir(parents=True, exist_ok=True)
        listing = out / f"first-{args.size}.jsonl"
        records = first_records(args.corpus, args.size, listing)
        path = build(listing, out, args.jobs)
        print(f"built {records} records of {args.corpus} into {out}")
    counts, papers, bare = papers_per_entity(load_graph(path))
    print(f"{papers} papers; {bare} ({bare / max(papers, 1):.1%}) with no entity")
    for kind in EntityType:
        ranked = sorted(counts[kind.value].items(), key=lambda item: (-item[1], item[0]))
        print(f"\n{kind.value}: {len(ranked)} entities; top {args.top} by papers")
        for rank, (name, n) in enumerate(ranked[: args.top], 1):
            print(f"  {rank:3} {n:5}  {name}")


if __name__ == "__main__":
    main()
