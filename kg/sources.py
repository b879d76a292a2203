"""Listing files to papers: format detection and one reader per format.

Readers yield `Paper` values; `read_papers` merges the same paper seen in several files (or
several times in one) into one, keeping every source. Anything unreadable raises `InputError`
naming the file, so the CLI can report it on one line.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import AnyStr, BinaryIO

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


# One line of a listing is one record at most; a longer line is not a listing, and reading it
# whole could exhaust memory (a 1 GB file with no newline).
MAX_LINE = 16 * 2**20
# Formats that are parsed as one document (a JSON array, UTF-16 text) are read whole, so they
# have a size limit; JSON Lines, CSV and pages stream line by line at any size.
MAX_WHOLE = 256 * 2**20


def _open_bytes(path: Path) -> BinaryIO:
    try:
        raw = path.open("rb")
        if raw.read(2) == _GZIP_MAGIC:
            raw.seek(0)
            return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
        raw.seek(0)
        return raw
    except OSError as error:
        raise InputError(path, f"cannot read file ({error.strerror or error})") from error


def _byte_lines(path: Path, stream: BinaryIO) -> Iterator[bytes]:
    """Lines of at most MAX_LINE bytes; a corrupt gzip stream is an input error."""
    number = 0
    while True:
        try:
            line = stream.readline(MAX_LINE + 1)
        except (OSError, EOFError, zlib.error) as error:
            kind = "corrupt gzip file" if isinstance(stream, gzip.GzipFile) else "cannot read file"
            raise InputError(path, f"{kind} ({error})") from error
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE:
            raise InputError(path, f"line over {MAX_LINE // 2**20} MB; not a paper listing", number)
        yield line


def read_lines(path: Path) -> Iterator[str]:
    """The file's text line by line (line ends kept), decoded as UTF-8 with or without BOM, or
    as UTF-16 when it starts with a UTF-16 BOM; binary content and empty files are refused.

    Memory stays bounded by the longest line, whatever the size of the file."""
    with _open_bytes(path) as stream:
        lines = _byte_lines(path, stream)
        first = next(lines, b"")
        if first.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = first + b"".join(_bounded(path, lines, len(first)))
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as error:
                raise InputError(path, "invalid UTF-16 text") from error
            if not text.strip():
                raise InputError(path, "file is empty")
            yield from text.splitlines(keepends=True)
            return
        if first.startswith(b"\xef\xbb\xbf"):
            first = first[3:]
        offset = 0
        content = False
        for raw in itertools.chain([first], lines):
            if offset < 8192 and b"\x00" in raw[: 8192 - offset]:
                raise InputError(path, "binary file, not a text listing")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise InputError(
                    path,
                    f"not UTF-8 text (invalid byte at offset {offset + error.start}); "
                    "convert it to UTF-8",
                ) from error
            offset += len(raw)
            content = content or bool(line.strip())
            yield line
        if not content:
            raise InputError(path, "file is empty")


def _bounded(path: Path, lines: Iterable[AnyStr], size: int = 0) -> Iterator[AnyStr]:
    """The lines of a format read whole, refused once they pass MAX_WHOLE in all."""
    for line in lines:
        size += len(line)
        if size > MAX_WHOLE:
            raise InputError(
                path, f"over {MAX_WHOLE // 2**20} MB in a format read whole; use JSON Lines"
            )
        yield line


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


Lines = str | Iterable[str]


def _lines(text: Lines) -> Iterable[str]:
    """Readers take a whole text (tests, small inputs) or a stream of lines (files)."""
    return text.splitlines(keepends=True) if isinstance(text, str) else text


def _blocks(text: Lines) -> Iterator[tuple[int, list[str]]]:
    """Blank-line separated blocks of stripped lines, with the 1-based line each starts on."""
    block: list[str] = []
    start = 0
    # Lines as str.splitlines sees them ('\r' and '\u2028' end lines too), whether the text
    # came whole or as a file's '\n'-separated lines.
    pieces = (p for raw in _lines(text) for p in (raw.splitlines() or [raw]))
    for number, raw in enumerate(pieces, 1):
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


def read_page(path: Path, text: Lines) -> Iterator[Paper]:
    """Hugging Face Daily Papers page text: title line, abstract paragraph, optional metadata.

    Metadata blocks (author count, organization, '·', date with upvotes) follow the abstract
    they describe; a title whose abstract is missing still makes a paper. A paper is yielded
    once the next title shows its metadata is complete, so a page of any size streams.
    """
    pending: tuple[int, str] | None = None
    done: list | None = None  # [title_line, title, abstract, date], awaiting its metadata
    for line, block in _blocks(text):
        if _is_meta(block):
            if done is not None and done[3] is None:
                done[3] = _meta_date(block)
            continue
        paragraph = clean_text(" ".join(block))
        if not paragraph:
            continue  # only control characters: nothing to read
        if pending is None:
            if done is not None:
                yield _page_paper(path, *done)
                done = None
            pending = (line, paragraph)
            continue
        done = [pending[0], pending[1], paragraph, None]
        pending = None
    if done is not None:
        yield _page_paper(path, *done)
    if pending is not None:
        yield _page_paper(path, pending[0], pending[1], "", None)


def _page_paper(path: Path, title_line: int, title: str, abstract: str, date: str | None) -> Paper:
    if len(title) > _MAX_TITLE:
        raise InputError(
            path, "not a paper listing (a title line is over 400 characters)", title_line
        )
    return Paper(
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


def read_jsonl(path: Path, text: Lines) -> Iterator[Paper]:
    for number, line in enumerate(_lines(text), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
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


def read_csv(path: Path, text: Lines, delimiter: str = ",") -> Iterator[Paper]:
    reader = csv.DictReader(_lines(text), delimiter=delimiter)
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


def iter_file(path: Path) -> Iterator[Paper]:
    """Every paper in one file, read as it streams; a file that yields none is an input error."""
    lines = read_lines(path)
    head: list[str] = []
    for line in lines:
        head.append(line)
        if sum(map(len, head)) >= 512:
            break
    kind = detect_format(path, "".join(head))
    stream = itertools.chain(head, lines)
    if kind == "page":
        papers = read_page(path, stream)
    elif kind == "jsonl":
        papers = read_jsonl(path, stream)
    elif kind == "json":
        papers = read_json(path, "".join(_bounded(path, stream)))
    else:
        papers = read_csv(path, stream, "\t" if kind == "tsv" else ",")
    count = 0
    for paper in papers:
        count += 1
        yield paper
    if not count:
        raise InputError(path, "no papers found")


def read_file(path: Path) -> list[Paper]:
    return list(iter_file(path))


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """One paper per normalized title, keeping every source; sorted so output is order-free.
    Sources are gathered in a set and sorted once: a listing that repeats a paper many times
    costs linear time."""
    merged: dict[str, Paper] = {}
    sources: dict[str, set[Source]] = {}
    for paper in papers:
        key = paper_key(paper.title)
        seen = merged.get(key)
        if seen is None:
            merged[key] = paper
            sources[key] = set(paper.sources)
            continue
        sources[key].update(paper.sources)
        if (
            len(paper.abstract) > len(seen.abstract)
            or (not seen.url and paper.url)
            or (not seen.date and paper.date)
            or (not seen.authors and paper.authors)
            or (not seen.paper_id and paper.paper_id)
        ):
            merged[key] = Paper(
                title=seen.title,
                abstract=seen.abstract
                if len(seen.abstract) >= len(paper.abstract)
                else paper.abstract,
                url=seen.url or paper.url,
                date=seen.date or paper.date,
                authors=seen.authors or paper.authors,
                paper_id=seen.paper_id or paper.paper_id,
            )
    return [
        replace(
            merged[key],
            sources=tuple(sorted(sources[key], key=lambda s: (s.path, s.line))),
        )
        for key in sorted(merged)
    ]


def read_papers(inputs: Iterable[Path]) -> list[Paper]:
    """Papers from files and folders, merged across files. Files stream: memory grows with the
    number of distinct papers, not with the size of the files."""
    return merge_papers(paper for path in expand_inputs(inputs) for paper in iter_file(path))
