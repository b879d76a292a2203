"""SPARQL over an exported graph with Oxigraph, printed as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import resources
from kg.errors import InputError, KgError

_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}


@dataclass(frozen=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def query_text(query: str) -> str:
    """The query itself, a path to a .rq file, or the name of a shipped query."""
    shipped = resources.queries_dir() / f"{query}.rq"
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8")
    if query.endswith(".rq"):
        path = Path(query)
        if not path.is_file():
            raise InputError(path, "no such query file")
        return path.read_text(encoding="utf-8")
    return query


def load_store(graph: Path) -> ox.Store:
    if not graph.is_file():
        raise InputError(graph, "no such graph file; run kg build first")
    store = ox.Store()
    fmt = _FORMATS.get(graph.suffix.lower(), ox.RdfFormat.TURTLE)
    try:
        store.bulk_load(path=str(graph), format=fmt)
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(graph, f"cannot load graph ({error})") from error
    return store


def _term(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal | ox.NamedNode):
        return term.value
    return str(term)


def run_query(query: str, graph: Path) -> QueryResult:
    store = load_store(graph)
    try:
        result = store.query(query_text(query))
    except SyntaxError as error:
        raise KgError(f"invalid SPARQL: {str(error).splitlines()[0]}") from error
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("result",), ((str(bool(result)).lower(),),))
    if not isinstance(result, ox.QuerySolutions):
        raise KgError("only SELECT and ASK queries print as tables")
    columns = tuple(v.value for v in result.variables)
    rows = tuple(tuple(_term(solution[c]) for c in columns) for solution in result)
    return QueryResult(columns, rows)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if fmt == "json":
        return (
            json.dumps(
                [dict(zip(result.columns, r, strict=True)) for r in result.rows],
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return out.getvalue()
    if fmt != "table":
        raise KgError(f"unknown format {fmt!r}; use table, csv or json")
    widths = [
        min(60, max([len(c)] + [len(r[i]) for r in result.rows]))
        for i, c in enumerate(result.columns)
    ]

    def line(values):
        return "  ".join(v[:60].ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(result.columns), line(["-" * w for w in widths])]
    out += [line(r) for r in result.rows]
    out.append(f"({len(result.rows)} rows)")
    return "\n".join(out) + "\n"
