"""Listing files to papers: format detection and one reader per format.

Readers yield `Paper` values; `read_papers` merges the same paper seen in several files (or
several times in one) into one, keeping every source. Anything unreadable raises `InputError`
naming the file, so the CLI can report it on one line.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.normalize import clean_text, paper_key
from kg.records import Paper, Source

LISTING_SUFFIXES = {".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
_GZIP_MAGIC = b"\x1f\x8b"

# Lines of the Hugging Face Daily Papers page that are site chrome, not papers.
_PAGE_CHROME = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "daily papers",
    "byak and the research community",
}
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE_LINE = re.compile(rf"^(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)(?:\s+(?P<votes>\d+))?$")
_AUTHORS_LINE = re.compile(r"^•\s*\d+\s+authors?$")
_SEPARATOR = "·"
_ARXIV_URL = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})")
_HF_PAPER_URL = re.compile(r"huggingface\.co/papers/(\d{4}\.\d{4,5})")
_ARXIV_ID = re.compile(r"^\d{4}\.\d{4,5}$")
_MAX_TITLE = 400


def listing_suffix(path: Path) -> str:
    """The format suffix, looking through a .gz: 'papers.jsonl.gz' -> '.jsonl'."""
    if path.suffix.lower() == ".gz":
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def expand_inputs(inputs: Iterable[Path]) -> list[Path]:
    """Files to read, folders expanded in sorted order; a missing path is an input error."""
    files: list[Path] = []
    for path in inputs:
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in LISTING_SUFFIXES
                )
            except OSError as error:
                raise InputError(path, f"cannot list folder ({error.strerror or error})") from error
            if not found:
                raise InputError(path, "folder holds no listing file (.txt, .jsonl, .json, .csv)")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError(path, "not a regular file or folder")
        else:
            raise InputError(path, "no such file or folder")
    return files


def read_text(path: Path) -> str:
    """Decode a listing file as UTF-8 (with or without BOM), refusing binary content."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror or error})") from error
    if data.startswith(_GZIP_MAGIC):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise InputError(path, f"corrupt gzip file ({error})") from error
    if not data.strip():
        raise InputError(path, "file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(path, "invalid UTF-16 text") from error
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file, not a text listing")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            path, f"not UTF-8 text (invalid byte at offset {error.start}); convert it to UTF-8"
        ) from error


def detect_format(path: Path, text: str) -> str:
    """One of 'page', 'jsonl', 'json', 'csv', 'tsv' from the extension, else from the content."""
    suffix = listing_suffix(path)
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".json":
        return "json" if text.lstrip().startswith("[") else "jsonl"
    if suffix in {".csv", ".tsv"}:
        return suffix[1:]
    head = text.lstrip()[:512]
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        return "jsonl"
    if head.lower().startswith(("<!doctype", "<html")):
        raise InputError(path, "HTML page; save the listing as text or export it as JSON/CSV")
    first = head.splitlines()[0].lower() if head else ""
    if "title" in first and "abstract" in first and ("," in first or "\t" in first):
        return "tsv" if "\t" in first else "csv"
    return "page"


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks of stripped lines, with the 1-based line each starts on."""
    block: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line:
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _is_meta(block: list[str]) -> bool:
    return all(
        line.lower() in _PAGE_CHROME
        or line == _SEPARATOR
        or _AUTHORS_LINE.match(line)
        or _DATE_LINE.match(line)
        for line in block
    ) or (_SEPARATOR in block)


def _meta_date(block: list[str]) -> str | None:
    for line in block:
        match = _DATE_LINE.match(line)
        if match:
            return match.group("date")
    return None


def read_page(path: Path, text: str) -> Iterator[Paper]:
    """Hugging Face Daily Papers page text: title line, abstract paragraph, optional metadata.

    Metadata blocks (author count, organization, '·', date with upvotes) follow the abstract
    they describe; a title whose abstract is missing still makes a paper.
    """
    pending: tuple[int, str] | None = None
    abstract: str | None = None
    papers: list[list] = []
    for line, block in _blocks(text):
        if _is_meta(block):
            if papers and papers[-1][3] is None:
                papers[-1][3] = _meta_date(block)
            continue
        paragraph = clean_text(" ".join(block))
        if not paragraph:
            continue  # only control characters: nothing to read
        if pending is None:
            pending = (line, paragraph)
            continue
        title_line, title = pending
        abstract = paragraph
        papers.append([title_line, title, abstract, None])
        pending = None
    if pending is not None:
        papers.append([pending[0], pending[1], "", None])
    for title_line, title, abstract, date in papers:
        if len(title) > _MAX_TITLE:
            raise InputError(
                path, "not a paper listing (a title line is over 400 characters)", title_line
            )
        yield Paper(
            title=title, abstract=abstract, sources=(Source(str(path), title_line),), date=date
        )


def _paper_from_record(path: Path, number: int, record: object) -> Paper:
    if not isinstance(record, dict):
        raise InputError(path, "record is not an object", number)
    fields = {}
    for name in ("title", "abstract"):
        if name not in record:
            raise InputError(path, f"record has no {name!r} field", number)
        value = record[name]
        if not isinstance(value, str):
            raise InputError(path, f"{name!r} is not a string", number)
        fields[name] = clean_text(value)
    if not fields["title"]:
        raise InputError(path, "empty 'title'", number)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    date = record.get("date") or record.get("published") or record.get("listing_date")
    authors = record.get("authors") or ()
    if isinstance(authors, str):
        authors = tuple(a.strip() for a in re.split(r"[;,]", authors) if a.strip())
    elif isinstance(authors, list):
        authors = tuple(str(a) for a in authors if isinstance(a, str | int))
    else:
        authors = ()
    raw_id = record.get("id") or record.get("arxiv_id")
    return Paper(
        title=fields["title"],
        abstract=fields["abstract"],
        sources=(Source(str(path), number),),
        url=url,
        date=str(date) if isinstance(date, str | int) else None,
        authors=authors,
        paper_id=_paper_id(url, raw_id),
    )


def _paper_id(url: str | None, raw_id: object) -> str | None:
    """An arXiv id from the record's id or URL, so papers keep their IRI across listings."""
    if isinstance(raw_id, str) and _ARXIV_ID.match(raw_id.strip()):
        return raw_id.strip()
    for pattern in (_ARXIV_URL, _HF_PAPER_URL):
        match = pattern.search(url or "")
        if match:
            return match.group(1)
    return None


def read_jsonl(path: Path, text: str) -> Iterator[Paper]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(path, f"invalid JSON ({error.msg})", number) from error
        yield _paper_from_record(path, number, record)


def read_json(path: Path, text: str) -> Iterator[Paper]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"invalid JSON ({error.msg})", error.lineno) from error
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        data = data["papers"]
    if not isinstance(data, list):
        raise InputError(path, "JSON is not an array of paper records")
    for index, record in enumerate(data, 1):
        yield _paper_from_record(path, index, record)


def read_csv(path: Path, text: str, delimiter: str = ",") -> Iterator[Paper]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = {c.strip().lower() for c in (reader.fieldnames or []) if c}
    for needed in ("title", "abstract"):
        if needed not in columns:
            raise InputError(path, f"CSV has no {needed!r} column", 1)
    try:
        for row in reader:
            record = {(k or "").strip().lower(): v for k, v in row.items() if k}
            record = {k: v if v is not None else "" for k, v in record.items()}
            yield _paper_from_record(path, reader.line_num, record)
    except csv.Error as error:
        raise InputError(path, f"malformed CSV ({error})", reader.line_num) from error


def read_file(path: Path) -> list[Paper]:
    """Every paper in one file; a file that yields none is an input error."""
    text = read_text(path)
    kind = detect_format(path, text)
    if kind == "page":
        papers = list(read_page(path, text))
    elif kind == "jsonl":
        papers = list(read_jsonl(path, text))
    elif kind == "json":
        papers = list(read_json(path, text))
    else:
        papers = list(read_csv(path, text, "\t" if kind == "tsv" else ","))
    if not papers:
        raise InputError(path, "no papers found")
    return papers


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """One paper per normalized title, keeping every source; sorted so output is order-free."""
    merged: dict[str, Paper] = {}
    for paper in papers:
        key = paper_key(paper.title)
        seen = merged.get(key)
        if seen is None:
            merged[key] = paper
            continue
        merged[key] = Paper(
            title=seen.title,
            abstract=seen.abstract if len(seen.abstract) >= len(paper.abstract) else paper.abstract,
            sources=tuple(
                sorted(set(seen.sources) | set(paper.sources), key=lambda s: (s.path, s.line))
            ),
            url=seen.url or paper.url,
            date=seen.date or paper.date,
            authors=seen.authors or paper.authors,
            paper_id=seen.paper_id or paper.paper_id,
        )
    return [merged[key] for key in sorted(merged)]


def read_papers(inputs: Iterable[Path]) -> list[Paper]:
    """Papers from files and folders, merged across files."""
    papers: list[Paper] = []
    for path in expand_inputs(inputs):
        papers.extend(read_file(path))
    return merge_papers(papers)
