"""Where extraction runs and what the cache keeps must never change the outputs."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kg import resources
from kg.cache import CACHE_FILE, decode, encode, extraction_modules
from kg.engines import extract_chunk, extract_papers
from kg.errors import KgError
from kg.export import SHARD_FOLDER
from kg.pipeline import OUTPUTS, build
from kg.sources import read_papers


def _same_outputs(left: Path, right: Path) -> None:
    for name in OUTPUTS:
        assert (left / name).read_bytes() == (right / name).read_bytes(), name


def test_dask_local_cluster_gives_the_local_graph(sample_build: Path, tmp_path: Path) -> None:
    report = build(resources.sample_pages(), tmp_path, engine="dask", jobs=2)
    assert report.extracted == report.papers == 195
    _same_outputs(sample_build, tmp_path)


def test_process_pool_gives_the_local_graph(sample_build: Path, tmp_path: Path) -> None:
    build(resources.sample_pages(), tmp_path, jobs=2)
    _same_outputs(sample_build, tmp_path)


def test_unknown_engine_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match="unknown engine 'spark'"):
        build(resources.sample_pages(), tmp_path, engine="spark")


def test_incremental_rebuild_extracts_only_new_papers(sample_build: Path, tmp_path: Path) -> None:
    pages = resources.sample_pages()
    cache = tmp_path / "cache"
    first = build(pages[:3], tmp_path / "a", cache_dir=cache)
    assert first.cached == 0
    new_papers = {p.title for p in read_papers(pages)} - {p.title for p in read_papers(pages[:3])}
    assert new_papers
    second = build(pages, tmp_path / "b", cache_dir=cache)
    assert second.extracted == len(new_papers)
    assert second.cached == first.papers
    _same_outputs(sample_build, tmp_path / "b")


def test_edited_abstract_is_extracted_again(sample_build: Path, tmp_path: Path) -> None:
    pages = resources.sample_pages()
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in pages:
        shutil.copy(page, folder / page.name)
    cache = tmp_path / "cache"
    build([folder], tmp_path / "a", cache_dir=cache)
    page = folder / pages[0].name
    paper = read_papers([page])[0]
    text = page.read_text(encoding="utf-8")
    assert text.count(paper.abstract) == 1
    page.write_text(text.replace(paper.abstract, paper.abstract + " We use PPO."), "utf-8")
    again = build([folder], tmp_path / "b", cache_dir=cache)
    assert (again.extracted, again.cached) == (1, 194)
    clean = build([folder], tmp_path / "c")
    assert clean.cached == 0
    _same_outputs(tmp_path / "b", tmp_path / "c")


def test_cache_entries_round_trip_every_sample_extraction() -> None:
    papers = read_papers(resources.sample_pages())
    extractions = extract_chunk(papers)
    assert sum(len(e.mentions) for e in extractions) > 500
    assert sum(len(e.results) for e in extractions) > 20
    for extraction in extractions:
        assert decode(extraction.paper, encode(extraction)) == extraction


def test_stale_versions_are_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papers = read_papers(resources.sample_pages()[:1])
    extract_papers(papers, cache_dir=tmp_path)
    monkeypatch.setattr("kg.cache.extractor_version", lambda: "another version")
    run = extract_papers(papers, cache_dir=tmp_path)
    assert run.cached == 0
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        versions = {v for (v,) in db.execute("SELECT DISTINCT version FROM extraction")}
    assert versions == {"another version"}


def test_a_file_that_is_not_a_cache_is_an_error(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"not a database, " * 100)
    papers = read_papers(resources.sample_pages()[:1])
    with pytest.raises(KgError, match=r"extractions\.sqlite3: cannot use as extraction cache"):
        extract_papers(papers, cache_dir=tmp_path)


def test_ntriples_shards_hold_every_triple_once(sample_build: Path, tmp_path: Path) -> None:
    build(resources.sample_pages(), tmp_path, shards=3)
    whole = (sample_build / "kg.nt").read_text(encoding="utf-8").splitlines()
    shards = sorted((tmp_path / SHARD_FOLDER).glob("part-*-of-00003.nt"))
    assert len(shards) == 3
    parts = [p.read_text(encoding="utf-8").splitlines() for p in shards]
    assert sorted(line for part in parts for line in part) == sorted(whole)
    subjects = [{line.split(" ", 1)[0] for line in part} for part in parts]
    assert all(len(a & b) == 0 for i, a in enumerate(subjects) for b in subjects[i + 1 :])
    assert all(parts), "every shard holds triples"
    build(resources.sample_pages(), tmp_path, shards=2)
    left = sorted(p.name for p in (tmp_path / SHARD_FOLDER).iterdir())
    assert left == ["part-00001-of-00002.nt", "part-00002-of-00002.nt"]


def test_cache_version_follows_extraction_code_only() -> None:
    names = {p.name for p in extraction_modules()}
    assert {"extract.py", "names.py", "gazetteer.py", "acronyms.py", "results.py"} <= names
    assert not names & {"resolve.py", "variants.py", "rdf.py", "export.py", "pipeline.py"}


@pytest.mark.parametrize(
    ("options", "message"),
    [({"jobs": -1}, "--jobs must be 0"), ({"shards": -2}, "--nt-shards must be 0")],
)
def test_negative_counts_are_errors(tmp_path: Path, options: dict, message: str) -> None:
    with pytest.raises(KgError, match=message):
        build(resources.sample_pages(), tmp_path, **options)
    assert not list(tmp_path.iterdir())


def test_unwritable_default_cache_builds_without_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("kg.cache.usable_cache", lambda folder: False)
    result = CliRunner().invoke(app, ["build", "-q", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "not writable; building without a cache" in result.output
    assert not (tmp_path / ".kg-cache" / CACHE_FILE).exists()
    assert (tmp_path / "out" / "kg.ttl").stat().st_size > 0
