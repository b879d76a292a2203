"""kg.build: the stages in order, from listing files to written outputs."""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx

from kg import resources
from kg.engines import extract_papers
from kg.errors import KgError
from kg.export import OUTPUTS, outputs
from kg.graph import build_graph
from kg.rdf import EPOCH
from kg.records import Paper
from kg.resolve import resolve
from kg.resources import display_path
from kg.sources import expand_inputs, read_papers
from kg.write import write_outputs

__all__ = ["OUTPUTS", "BuildReport", "build", "build_from_papers", "serialize"]


@dataclass(frozen=True)
class BuildReport:
    papers: int
    entities: dict[str, int]
    edges: int
    seconds: float
    files: tuple[Path, ...] = field(default=())
    extracted: int = 0
    cached: int = 0
    timings: dict[str, float] = field(default_factory=dict)

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
    """Every output format as bytes, for small graphs and tests; builds stream to files."""
    with tempfile.TemporaryDirectory(prefix="kg-") as folder:
        paths = write_outputs(Path(folder), outputs(graph, when, inputs))
        return {p.name: p.read_bytes() for p in paths}


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
    shards: int = 0,
) -> BuildReport:
    """Read listings (the bundled sample pages when `inputs` is empty), extract, write outputs.

    `jobs`, `engine` and `scheduler` choose where extraction runs (kg.engines); `cache_dir`
    keeps extractions between builds. None of them changes a byte of the outputs."""
    if shards < 0:
        raise KgError(f"--nt-shards must be 0 (none) or more, not {shards}")
    started = time.perf_counter()
    timings: dict[str, float] = {}
    mark = started

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        timings[stage] = now - mark
        mark = now

    paths = list(inputs or []) or resources.sample_pages()
    files_read = expand_inputs(paths)
    papers = read_papers(files_read)
    lap("read")
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
    lap("extract")
    graph = build_graph(resolve(run.extractions))
    extracted, cached = run.extracted, run.cached
    del run  # the graph holds what is needed; the extractions can go before writing
    lap("resolve")
    names = tuple(sorted({display_path(str(p)) for p in files_read}))
    files = write_outputs(out_dir, outputs(graph, built_at(files_read), names, shards))
    lap("write")
    kinds = Counter(d["type"] for _, d in graph.nodes(data=True) if d["type"] != "Paper")
    return BuildReport(
        papers=len(papers),
        entities=dict(kinds),
        edges=graph.number_of_edges(),
        seconds=time.perf_counter() - started,
        files=tuple(files),
        extracted=extracted,
        cached=cached,
        timings=timings,
    )
