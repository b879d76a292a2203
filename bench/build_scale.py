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
import json
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


_RATE = """
import json, sys, time
kind, path, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [json.loads(line) for line in open(path, encoding="utf-8")]
if kind.startswith("bare"):
    import spacy
    nlp = spacy.blank("en")
    if kind == "bare-kg-cache":
        from kg.nlp import TOKENIZER_CACHE
        nlp.tokenizer.max_cache_size = TOKENIZER_CACHE
    texts = [f"{r['title']}\\n\\n{r['abstract']}" for r in rows]
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=64):
        pass
else:
    from kg.engines import extract_papers
    from kg.records import Paper
    papers = [Paper(r["title"], r["abstract"]) for r in rows]
    started = time.perf_counter()
    extract_papers(papers, jobs=jobs)
print(len(rows) / (time.perf_counter() - started))
"""


def _rate(kind: str, listing: Path, jobs: int = 1) -> float:
    """Papers per second in a fresh process: every pipeline starts cold, as `kg build` does
    (the vocabulary fills as it reads, which costs the bare tokenizer most)."""
    out = subprocess.run(
        [sys.executable, "-c", _RATE, kind, str(listing), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip())


def throughput(rows: list[dict], jobs: int, work: Path) -> None:
    """Papers per second of kg's extraction and of spaCy's bare tokenizer on the same texts,
    each in a fresh process; kg's pipeline is built inside the timing, the tokenizer's not.
    The ratio is to spaCy's tokenizer as it comes; kg gives its own a larger cache
    (kg.nlp.TOKENIZER_CACHE), so the bare tokenizer with that cache is shown too, for how much
    of the ratio the cache makes."""
    listing = work / "throughput.jsonl"
    with listing.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    bare = _rate("bare", listing)
    cached = _rate("bare-kg-cache", listing)
    one = _rate("kg", listing, 1)
    many = _rate("kg", listing, jobs)
    print(f"extraction on {len(rows)} abstracts, papers/s (fresh process each):")
    print(f"  spaCy bare tokenizer, 1 process  {bare:7.0f}")
    print(f"  the same with kg's cache size    {cached:7.0f}")
    print(f"  kg, 1 process                    {one:7.0f}   ratio {one / bare:.2f}")
    print(f"  kg, --jobs {jobs}                    {many:7.0f}   ratio {many / bare:.2f}")


def timed_build(listing: Path, out: Path, jobs: int) -> tuple[float, float, dict[str, float]]:
    """Wall time, peak memory and stage times of a `kg build` child process; the memory is
    that of the whole process tree, workers included (the sum of their resident sets, sampled
    every 50 ms)."""
    import psutil

    command = [sys.executable, "-m", "kg", "build", str(listing), "--out", str(out), "-q"]
    command += ["--no-cache", "--jobs", str(jobs), "--timings"]
    started = time.perf_counter()
    report = out.parent / f"{out.name}.log"
    with report.open("w", encoding="utf-8") as log:
        child = psutil.Popen(command, stdout=log)
    peak = 0
    while child.poll() is None:
        try:
            tree = [child, *child.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"kg build failed on {listing} (exit {child.returncode})")
    lines = report.read_text().splitlines()
    line = next(x for x in lines if x.startswith("timings: "))
    stages = {
        name: float(value.removesuffix(" s"))
        for name, value in (part.split(" ", 1) for part in line[9:].split(", "))
    }
    stages["papers"] = float(lines[0].split()[0])  # distinct papers, as extracted
    return seconds, peak / 2**20, stages


def huge_listing(rows: list[dict], path: Path, megabytes: int) -> int:
    """A JSON Lines file of `megabytes` made by repeating `rows` (a scraper's overlapping
    listings): what must stream, since its distinct papers are few."""
    lines = [json.dumps(row) + "\n" for row in rows]
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < megabytes * 2**20:
            for line in lines:
                handle.write(line)
                written += len(line.encode("utf-8"))
    return written


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


def query_times(graph: Path, limit: float, rdflib: bool = True) -> None:
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
        other = f"   rdflib {rdflib_time(graph, query_file, limit)}" if rdflib else ""
        print(f"  {query_file.stem:32} oxigraph {ox_s:6.3f} s ({rows} rows){other}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--all", action="store_true", help="also build every corpus paper")
    parser.add_argument("--jobs", type=int, default=2, help="kg build --jobs (default 2)")
    parser.add_argument(
        "--throughput", type=int, default=10000, help="abstracts for the throughput figures"
    )
    parser.add_argument(
        "--huge-mb", type=int, default=0, help="also build a listing of this many MB (streaming)"
    )
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
    rows = list(corpus_rows(args.corpus))
    work = Path(tempfile.mkdtemp(prefix="kg-scale-"))
    throughput(rows[: args.throughput], args.jobs, work)
    if args.all:
        sizes.append(len(rows))
    graphs: dict[int, Path] = {}
    for size in sizes:
        listing = work / f"papers-{size}.jsonl"
        with listing.open("w", encoding="utf-8") as handle:
            for row in rows[:size]:
                handle.write(json.dumps(row) + "\n")
        seconds, peak, stages = timed_build(listing, work / f"out-{size}", args.jobs)
        print(
            f"kg build --jobs {args.jobs}, {size} papers: {seconds:.1f} s, "
            f"peak memory {peak:.0f} MB; stages: "
            + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items() if k != "papers")
        )
        if size == sizes[-1]:
            bare = _rate("bare", listing)
            cached = _rate("bare-kg-cache", listing)
            built = stages["papers"] / stages["extract"]
            print(
                f"  its extraction stage: {built:.0f} papers/s; spaCy's bare tokenizer on the "
                f"same texts: {bare:.0f} papers/s (with kg's cache size {cached:.0f}); "
                f"ratio {built / bare:.2f}"
            )
        graphs[size] = work / f"out-{size}" / "kg.ttl"
    if args.huge_mb:
        listing = work / "huge.jsonl"
        hf = [r for r in rows if "huggingface.co" in r["url"]] or rows[:10000]
        written = huge_listing(hf, listing, args.huge_mb)
        seconds, peak, _stages = timed_build(listing, work / "out-huge", args.jobs)
        print(
            f"kg build --jobs {args.jobs}, one {written / 2**20:.0f} MB listing "
            f"({len(hf)} distinct papers, repeated): {seconds:.1f} s, peak memory {peak:.0f} MB"
        )
    largest = max(graphs)
    print(f"SPARQL on the {largest}-paper graph, Oxigraph:")
    query_times(graphs[largest], args.rdflib_limit, rdflib=False)
    # rdflib parses the Turtle into memory first: on the full corpus that alone takes longer
    # than every query together, so it is compared on the 10k graph.
    moderate = max((s for s in graphs if s <= 10000), default=min(graphs))
    print(f"SPARQL on the {moderate}-paper graph, Oxigraph and rdflib:")
    query_times(graphs[moderate], args.rdflib_limit)


if __name__ == "__main__":
    main()
