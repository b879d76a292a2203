"""Where extraction runs: in this process, in a pool of local processes (`--jobs N`) or on a Dask
cluster (`--engine dask`). Papers go out in chunks and come back in order, so every engine
gives the same extractions, and the cache answers for papers already seen.

Extraction of one paper depends on its text alone, which is what makes the engines agree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from kg.cache import ExtractionCache, decode, encode, paper_digest
from kg.errors import KgError
from kg.records import Extraction, Paper

ENGINES = ("local", "dask")
CHUNK = 256


@dataclass(frozen=True)
class ExtractRun:
    extractions: list[Extraction]
    extracted: int
    cached: int


def extract_chunk(papers: Sequence[Paper]) -> list[Extraction]:
    """One chunk in the calling process; each worker builds the pipeline once."""
    from kg.extract import extract
    from kg.nlp import shared_nlp

    nlp = shared_nlp()
    docs = nlp.pipe((paper.text for paper in papers), batch_size=64)
    return [extract(paper, doc) for paper, doc in zip(papers, docs, strict=True)]


def encoded_chunk(papers: Sequence[Paper]) -> list[str]:
    """One chunk as a worker sends it back: the cache's compact JSON, without the papers, which
    the caller has. Pickled records cost the parent, which shares the cores with the workers,
    about three times as long to read back."""
    return [encode(extraction) for extraction in extract_chunk(papers)]


# Each chunk's extractions, with their cache entries when a worker sent them encoded.
Done = tuple[list[Extraction], list[str] | None]


def _decoded(chunks: list[list[Paper]], encoded: Iterable[list[str]]) -> Iterator[Done]:
    for chunk, texts in zip(chunks, encoded, strict=True):
        yield [decode(paper, text) for paper, text in zip(chunk, texts, strict=True)], texts


def _chunks(papers: Sequence[Paper], size: int) -> Iterator[list[Paper]]:
    it = iter(papers)
    while chunk := list(islice(it, size)):
        yield chunk


def _local(chunks: list[list[Paper]], jobs: int) -> Iterator[Done]:
    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            yield extract_chunk(chunk), None
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from _decoded(chunks, pool.map(encoded_chunk, chunks))


def _dask(chunks: list[list[Paper]], jobs: int, scheduler: str | None) -> Iterator[Done]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as error:
        raise KgError(
            "the dask engine needs Dask: pip install 'kg[dask]' (dask[distributed])"
        ) from error
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            cluster = LocalCluster(
                n_workers=max(jobs, 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = Client(cluster)
    except OSError as error:
        raise KgError(f"cannot reach the Dask scheduler {scheduler!r} ({error})") from error
    try:
        futures = client.map(encoded_chunk, chunks, pure=False)
        yield from _decoded(chunks, (future.result() for future in futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def jobs_count(jobs: int) -> int:
    """`--jobs 0` means one process per core."""
    if jobs < 0:
        raise KgError(f"--jobs must be 0 (one per core) or more, not {jobs}")
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def extract_papers(
    papers: Sequence[Paper],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> ExtractRun:
    """Extractions for `papers`, in their order: from the cache when it has them, the rest
    computed by the chosen engine and added to the cache."""
    if engine not in ENGINES:
        raise KgError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    jobs = jobs_count(jobs)
    store = ExtractionCache(cache_dir) if cache_dir is not None else None
    try:
        keys = [paper_digest(p) for p in papers] if store is not None else []
        hits = store.get_many(keys) if store is not None else {}
        todo = [p for i, p in enumerate(papers) if not keys or keys[i] not in hits]
        if progress is not None and len(todo) < len(papers):
            progress(len(papers) - len(todo))
        # Small chunks keep every worker busy; one chunk per job at most is the floor.
        size = min(CHUNK, max(1, -(-len(todo) // jobs))) if jobs > 1 else CHUNK
        chunks = list(_chunks(todo, size))
        runs = _dask(chunks, jobs, scheduler) if engine == "dask" else _local(chunks, jobs)
        fresh: dict[int, Extraction] = {}
        for chunk, (done, encoded) in zip(chunks, runs, strict=True):
            for paper, extraction in zip(chunk, done, strict=True):
                fresh[id(paper)] = extraction
            if store is not None:
                entries = encoded if encoded is not None else map(encode, done)
                store.put_many(
                    (paper_digest(p), entry) for p, entry in zip(chunk, entries, strict=True)
                )
            if progress is not None:
                progress(len(chunk))
        extractions = [
            fresh[id(p)] if id(p) in fresh else decode(p, hits[keys[i]])
            for i, p in enumerate(papers)
        ]
    finally:
        if store is not None:
            store.close()
    return ExtractRun(extractions, extracted=len(todo), cached=len(papers) - len(todo))
