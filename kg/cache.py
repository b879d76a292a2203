"""The extraction cache: what each paper yielded, keyed by its text and the extractor's version,
so a rebuild extracts only the papers it has not seen with this version of kg.

Entries are JSON in a SQLite file. JSON, not pickle: a cache folder can come from anywhere (a
cloned repository, a shared drive) and reading it must never run code.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import spacy

from kg import resources
from kg.errors import KgError
from kg.records import EntityType, Evidence, Extraction, Link, Mention, Paper, Result, TaskMention

CACHE_FILE = "extractions.sqlite3"
DEFAULT_CACHE = Path(".kg-cache")
_PACKAGE = Path(__file__).resolve().parent


# Extraction starts from these modules; what they import from kg (found by reading the
# sources, so the set is the same in every process) is the extractor's code.
_ENTRY_MODULES = ("nlp", "extract", "cache")
# Ontology data that extraction reads; the ontology, shapes and queries only shape the export.
_DATA_FOLDERS = ("gazetteers", "lexicon")


def _kg_imports(path: Path) -> set[str]:
    """Names of the kg modules a source file imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "kg":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("kg."))
    return found


def extraction_modules() -> tuple[Path, ...]:
    """kg's source files that extraction depends on: the entry modules and, transitively, the
    kg modules they import. A change to resolution or export leaves the cache valid."""
    seen: set[str] = set()
    todo = list(_ENTRY_MODULES)
    while todo:
        name = todo.pop()
        path = _PACKAGE / f"{name}.py"
        if name in seen or not path.exists():
            continue
        seen.add(name)
        todo.extend(_kg_imports(path))
    return tuple(sorted(_PACKAGE / f"{name}.py" for name in seen))


@cache
def extractor_version() -> str:
    """A digest of everything extraction depends on: its code, the gazetteers and word lists,
    and spaCy's version. Any change there invalidates every entry."""
    digest = hashlib.sha256(spacy.__version__.encode())
    data = resources.ontology_dir()
    files = [(p.name, p) for p in extraction_modules()]
    for folder in _DATA_FOLDERS:
        files += [
            (p.relative_to(data).as_posix(), p)
            for p in sorted((data / folder).rglob("*"))
            if p.is_file()
        ]
    for name, path in files:
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def paper_digest(paper: Paper) -> str:
    """Extraction reads only the paper's text, so that is the key (with the version): the same
    paper read from another file or line is the same entry."""
    return hashlib.sha256(f"{extractor_version()}\0{paper.text}".encode()).hexdigest()


def _evidence(value: Sequence) -> Evidence:
    return Evidence(str(value[0]), int(value[1]), int(value[2]))


def encode(extraction: Extraction) -> str:
    """Mentions, links and results as compact JSON arrays (the paper itself is not stored)."""
    mentions = [
        [
            m.text,
            m.label.value,
            m.start,
            m.end,
            [m.sentence.sentence, m.sentence.start, m.sentence.end],
            m.rule,
            m.canonical,
            m.alias,
            m.proposed,
            m.typed_by_default,
            m.typed_by,
        ]
        for m in extraction.mentions
    ]
    links = [
        [link.url, link.is_repo, [link.evidence.sentence, link.evidence.start, link.evidence.end]]
        for link in extraction.links
    ]
    results = [
        [
            r.benchmark,
            r.value,
            r.unit,
            r.kind,
            [r.evidence.sentence, r.evidence.start, r.evidence.end],
            r.baseline,
            r.metric,
            r.model,
        ]
        for r in extraction.results
    ]
    tasks = [
        [
            t.name,
            t.text,
            t.start,
            t.end,
            [t.sentence.sentence, t.sentence.start, t.sentence.end],
            t.rule,
            t.main,
            t.slug,
            list(t.aliases),
            list(t.broader),
        ]
        for t in extraction.tasks
    ]
    return json.dumps(
        [mentions, links, results, tasks], ensure_ascii=False, separators=(",", ":")
    )


def decode(paper: Paper, text: str) -> Extraction:
    mentions, links, results, *rest = json.loads(text)
    tasks = rest[0] if rest else []
    return Extraction(
        paper,
        tuple(
            Mention(t, EntityType(label), s, e, _evidence(ev), rule, canonical, alias, p, d, by)
            for t, label, s, e, ev, rule, canonical, alias, p, d, by in mentions
        ),
        tuple(Link(url, bool(repo), _evidence(ev)) for url, repo, ev in links),
        tuple(
            Result(b, float(v), unit, kind, _evidence(ev), base, metric, model)
            for b, v, unit, kind, ev, base, metric, model in results
        ),
        tuple(
            TaskMention(n, t, s, e, _evidence(ev), rule, bool(main), slug, tuple(al), tuple(br))
            for n, t, s, e, ev, rule, main, slug, al, br in tasks
        ),
    )


def usable_cache(folder: Path) -> bool:
    """Whether the cache can live in `folder` (creating it if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    target = folder / CACHE_FILE
    return os.access(target if target.exists() else folder, os.W_OK)


class ExtractionCache:
    """A key-value table in one SQLite file under `folder`. A file SQLite cannot read (not a
    cache, truncated) is an error naming it, never silently replaced: it may not be ours."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS extraction "
                "(key TEXT PRIMARY KEY, version TEXT, value TEXT) WITHOUT ROWID"
            )
            # Entries of other versions can never be read again: drop them, keep the file small.
            with self._db:
                self._db.execute(
                    "DELETE FROM extraction WHERE version != ?", (extractor_version(),)
                )
        except (OSError, sqlite3.Error) as error:
            raise KgError(f"{self.path}: cannot use as extraction cache ({error})") from error

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        wanted = list(dict.fromkeys(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, value FROM extraction WHERE key IN ({marks})"
            try:
                found.update(self._db.execute(query, chunk).fetchall())
            except sqlite3.Error as error:
                raise KgError(f"{self.path}: unreadable extraction cache ({error})") from error
        return found

    def put_many(self, entries: Iterable[tuple[str, str]]) -> None:
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO extraction (key, version, value) VALUES (?, ?, ?)",
                    ((key, extractor_version(), value) for key, value in entries),
                )
        except sqlite3.Error as error:
            raise KgError(f"{self.path}: cannot write extraction cache ({error})") from error

    def close(self) -> None:
        self._db.close()
