"""Build speed and memory on real abstracts (the shared corpus), in one run.

    python bench/build_scale.py [--corpus ../shared/corpus] [--sizes 1000 10000] [--all]

Reports, on the same texts: extraction throughput of kg's pipeline against spaCy's bare
tokenizer (the ratio is the figure to compare), then for each size the end-to-end `kg build`
time and peak memory (a child process each, measured with getrusage), and the shipped SPARQL
queries' times on the largest graph with rdflib and with Oxigraph. --all adds every corpus paper.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_rows(corpus: Path):
    for path in sorted(corpus.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                yield {
                    "title": row["title"],
                    "abstract": row["abstract"],
                    "url": row.get("url") or "",
                }


def throughput(rows: list[dict]) -> None:
    import spacy

    from kg.extract import extract
    from kg.nlp import shared_nlp
    from kg.records import Paper

    papers = [Paper(r["title"], r["abstract"]) for r in rows]
    texts = [p.text for p in papers]
    bare = spacy.blank("en")
    list(bare.pipe(texts[:50]))
    started = time.perf_counter()
    for _doc in bare.pipe(texts, batch_size=64):
        pass
    bare_rate = len(texts) / (time.perf_counter() - started)
    nlp = shared_nlp()
    list(nlp.pipe(texts[:50]))
    started = time.perf_counter()
    for paper, doc in zip(papers, nlp.pipe(texts, batch_size=64), strict=True):
        extract(paper, doc)
    kg_rate = len(texts) / (time.perf_counter() - started)
    print(
        f"extraction on {len(texts)} abstracts: bare tokenizer {bare_rate:.0f} papers/s, "
        f"kg {kg_rate:.0f} papers/s, ratio {kg_rate / bare_rate:.2f}"
    )


def timed_build(listing: Path, out: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "kg", "build", str(listing), "--out", str(out), "-q"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024  # MB (Linux reports KB)


_RDFLIB_QUERY = """
import sys, time
from rdflib import Graph
graph = Graph().parse(sys.argv[1], format="turtle")
text = open(sys.argv[2], encoding="utf-8").read()
started = time.perf_counter()
rows = len(list(graph.query(text)))
print(time.perf_counter() - started, rows)
"""


def rdflib_time(graph: Path, query_file: Path, limit: float) -> str:
    """rdflib's time for one query, in a child process stopped after `limit` seconds."""
    try:
        out = subprocess.run(
            [sys.executable, "-c", _RDFLIB_QUERY, str(graph), str(query_file)],
            capture_output=True,
            text=True,
            timeout=limit + 60,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return f"> {limit:.0f} s"
    seconds, rows = out.stdout.split()
    return f"{float(seconds):7.2f} s ({rows} rows)"


def query_times(graph: Path, limit: float) -> None:
    import pyoxigraph as ox

    store = ox.Store()
    started = time.perf_counter()
    store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
    print(f"  oxigraph load {time.perf_counter() - started:.1f} s")
    for query_file in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        text = query_file.read_text(encoding="utf-8")
        started = time.perf_counter()
        rows = len(list(store.query(text)))
        ox_s = time.perf_counter() - started
        print(
            f"  {query_file.stem:32} oxigraph {ox_s:6.3f} s ({rows} rows)   "
            f"rdflib {rdflib_time(graph, query_file, limit)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--all", action="store_true", help="also build every corpus paper")
    parser.add_argument("--graph", type=Path, help="only time the queries on this kg.ttl")
    parser.add_argument(
        "--rdflib-limit",
        type=float,
        default=60.0,
        help="seconds after which an rdflib query is reported as too slow",
    )
    args = parser.parse_args()
    if args.graph:
        query_times(args.graph, args.rdflib_limit)
        return
    sizes = sorted(args.sizes)
    rows = list(itertools.islice(corpus_rows(args.corpus), max(sizes)))
    throughput(rows[:2000])
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    if args.all:
        rows = list(corpus_rows(args.corpus))
        sizes.append(len(rows))
    graph = None
    for size in sizes:
        listing = work / f"papers-{size}.jsonl"
        with listing.open("w", encoding="utf-8") as handle:
            for row in rows[:size]:
                handle.write(json.dumps(row) + "\n")
        seconds, peak = timed_build(listing, work / f"out-{size}")
        print(f"kg build, {size} papers: {seconds:.1f} s, peak memory {peak:.0f} MB")
        graph = work / f"out-{size}" / "kg.ttl"
    print(f"SPARQL on the {sizes[-1]}-paper graph:")
    query_times(graph, args.rdflib_limit)


if __name__ == "__main__":
    main()
