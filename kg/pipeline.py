"""kg.build: the stages in order, from listing files to written outputs."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx

from kg import resources
from kg.engines import extract_papers
from kg.graph import build_graph
from kg.html import to_html
from kg.jsonld import to_jsonld
from kg.rdf import EPOCH, to_rdf
from kg.records import Paper
from kg.resolve import resolve
from kg.resources import display_path
from kg.sources import expand_inputs, read_papers
from kg.write import write_all

OUTPUTS = ("kg.ttl", "kg.nt", "kg.jsonld", "kg.html", "kg.graphml", "kg.json")


@dataclass(frozen=True)
class BuildReport:
    papers: int
    entities: dict[str, int]
    edges: int
    seconds: float
    files: tuple[Path, ...] = field(default=())
    extracted: int = 0
    cached: int = 0

    def summary(self) -> str:
        plural = {"Repository": "repositories", "Link": "links", "Result": "results"}
        kinds = ", ".join(
            f"{n} {plural.get(k, k.lower() + 's')}" for k, n in sorted(self.entities.items())
        )
        reuse = f" ({self.cached} from the cache)" if self.cached else ""
        return (
            f"{self.papers} papers{reuse}; entities: {kinds or 'none'}; {self.edges} edges; "
            f"{self.seconds:.1f} s"
        )


def built_at(paths: Sequence[Path]) -> datetime:
    """The time recorded for a build: SOURCE_DATE_EPOCH when set (the reproducible-builds
    convention), else the newest input's modification time; never the clock, so a rebuild of
    the same files gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    times = [p.stat().st_mtime for p in paths if p.exists()]
    return datetime.fromtimestamp(int(max(times)), UTC) if times else EPOCH


def serialize(
    graph: nx.MultiDiGraph, when: datetime = EPOCH, inputs: tuple[str, ...] = ()
) -> dict[str, bytes]:
    """Every output format as bytes; the same graph always gives the same bytes."""
    rdf = to_rdf(graph, when, inputs)
    graphml = "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"
    node_link = nx.node_link_data(graph, edges="edges")
    return {
        "kg.ttl": rdf.serialize(format="turtle").encode("utf-8"),
        "kg.nt": "".join(sorted(rdf.serialize(format="nt").splitlines(keepends=True))).encode(),
        "kg.jsonld": to_jsonld(rdf).encode("utf-8"),
        "kg.html": to_html(graph).encode("utf-8"),
        "kg.graphml": graphml.encode("utf-8"),
        "kg.json": (
            json.dumps(node_link, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
        ).encode("utf-8"),
    }


def build_from_papers(papers: Sequence[Paper]) -> nx.MultiDiGraph:
    return build_graph(resolve(extract_papers(papers).extractions))


def build(
    inputs: Iterable[Path] | None = None,
    out_dir: Path = Path("outputs"),
    progress: Callable[[int], None] | None = None,
    on_papers: Callable[[int], None] | None = None,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | None = None,
) -> BuildReport:
    """Read listings (the bundled sample pages when `inputs` is empty), extract, write outputs.

    `jobs`, `engine` and `scheduler` choose where extraction runs (kg.engines); `cache_dir`
    keeps extractions between builds. None of them changes a byte of the outputs."""
    started = time.perf_counter()
    paths = list(inputs or []) or resources.sample_pages()
    files_read = expand_inputs(paths)
    papers = read_papers(files_read)
    if on_papers is not None:
        on_papers(len(papers))
    run = extract_papers(
        papers,
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
        cache_dir=cache_dir,
        progress=progress,
    )
    graph = build_graph(resolve(run.extractions))
    names = tuple(sorted({display_path(str(p)) for p in files_read}))
    files = write_all(out_dir, serialize(graph, built_at(files_read), names))
    kinds = Counter(d["type"] for _, d in graph.nodes(data=True) if d["type"] != "Paper")
    return BuildReport(
        papers=len(papers),
        entities=dict(kinds),
        edges=graph.number_of_edges(),
        seconds=time.perf_counter() - started,
        files=tuple(files),
        extracted=run.extracted,
        cached=run.cached,
    )
