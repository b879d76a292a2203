from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

from kg import resources
from kg.errors import InputError
from kg.sources import read_file, read_page, read_papers


def test_sample_pages_hold_256_entries_and_195_papers() -> None:
    pages = resources.sample_pages()
    assert len(pages) == 4
    entries = sum(len(read_file(p)) for p in pages)
    assert entries == 256
    papers = read_papers(pages)
    assert len(papers) == 195
    repeated = [p for p in papers if len(p.sources) > 1]
    assert repeated, "papers listed on several pages keep every source"
    assert all(p.abstract for p in papers)


def test_page_metadata_is_not_taken_for_papers() -> None:
    text = (
        "Daily Papers\n\nbyAK and the research community\n\nAug 14\n\n"
        "First Title: A Method\n\nAn abstract that is long enough to be one.\n\n"
        "  • 4 authors\n·\nJul 10, 2023 1\n\n"
        "Second Title\n\nAnother abstract.\n\nstanfordnlp Stanford NLP\n·\nSep 27 2\n\n"
        "Third Title\n\nThird abstract.\n"
    )
    papers = list(read_page(Path("page.txt"), text))
    assert [p.title for p in papers] == ["First Title: A Method", "Second Title", "Third Title"]
    assert [p.date for p in papers] == ["Jul 10, 2023", "Sep 27", None]
    assert papers[1].sources[0].line == 15


def test_jsonl_and_csv(data: Path) -> None:
    papers = read_papers([data / "small.jsonl", data / "small.csv"])
    titles = {p.title for p in papers}
    assert "GenoTEX: A Benchmark for Gene Expression" in titles
    curry = next(p for p in papers if p.title.startswith("Curry"))
    assert curry.paper_id == "2403.07230"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "file is empty"),
        ("binary.txt", "binary file"),
        ("no_papers.txt", "no papers found"),
        ("no_abstract.csv", "CSV has no 'abstract' column"),
        ("missing.txt", "no such file or folder"),
    ],
)
def test_bad_input_names_the_file(data: Path, name: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_papers([data / name])
    assert str(data / name) in str(caught.value)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_gzipped_listing(tmp_path: Path, data: Path) -> None:
    import gzip

    packed = tmp_path / "small.jsonl.gz"
    packed.write_bytes(gzip.compress((data / "small.jsonl").read_bytes()))
    assert [p.title for p in read_papers([packed])] == [
        p.title for p in read_papers([data / "small.jsonl"])
    ]
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"title": "x", "abstract": "y"}\n')[:-6])
    with pytest.raises(InputError, match="corrupt gzip"):
        read_papers([broken])


def _peak_mib(work) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_a_100_mb_line_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge-line.jsonl"
    record = json.dumps({"title": "A Title", "abstract": "x" * (100 * 2**20)})
    path.write_text('{"title": "First", "abstract": "Fine."}\n' + record + "\n", "utf-8")
    del record

    def read() -> None:
        with pytest.raises(InputError, match=r"huge-line\.jsonl:2: line over 16 MB"):
            read_papers([path])

    assert _peak_mib(read) < 40


def test_large_listings_stream(tmp_path: Path) -> None:
    """40 MB of JSON Lines, gzipped, with each of 200 papers repeated: memory follows the
    distinct papers, not the file."""
    lines = [
        json.dumps({"title": f"Paper {i}", "abstract": f"We propose Method{i}. " * 40})
        for i in range(200)
    ]
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for _ in range(45):
            handle.write("\n".join(lines) + "\n")
    papers: list = []
    peak = _peak_mib(lambda: papers.extend(read_papers([path])))
    assert len(papers) == 200
    assert len(papers[0].sources) == 45
    assert peak < 10


def test_a_page_with_cr_line_ends_reads_like_one_with_lf(tmp_path: Path) -> None:
    text = "First Title\n\nFirst abstract.\n\nSecond Title\n\nSecond abstract.\n"
    lf, cr = tmp_path / "lf.txt", tmp_path / "cr.txt"
    lf.write_text(text, "utf-8", newline="")
    cr.write_text(text.replace("\n", "\r"), "utf-8", newline="")
    assert [(p.title, p.abstract) for p in read_file(cr)] == [
        (p.title, p.abstract) for p in read_file(lf)
    ]
