"""The `kg` command: a thin shell over the library; a KgError becomes one line and exit 1."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg import __version__
from kg.errors import KgError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Knowledge graphs of ML methods, benchmarks, datasets and models.",
)


def _fail(error: Exception) -> None:
    typer.echo(f"Error: {error}", err=True)
    raise typer.Exit(1)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@app.command("build")
def build_cli(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(help="Listing files or folders; the bundled sample pages when none."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Extraction processes; 0 for one per core.")
    ] = 1,
    engine: Annotated[
        str, typer.Option("--engine", help="Where extraction runs: local or dask.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address; a local cluster when absent."),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            "--cache-dir",
            help="Extractions kept between builds, keyed by paper text [default: .kg-cache].",
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Extract every paper; read and write no cache.")
    ] = False,
    timings: Annotated[
        bool, typer.Option("--timings", help="Print the seconds each stage took.")
    ] = False,
    nt_shards: Annotated[
        int,
        typer.Option(
            "--nt-shards", help="Also write N-Triples split into N files (kg-nt/) for bulk loads."
        ),
    ] = 0,
) -> None:
    """Build the graph and write kg.ttl, kg.nt, kg.jsonld, kg.html, kg.graphml and kg.json."""
    from kg.cache import DEFAULT_CACHE, usable_cache
    from kg.pipeline import build

    # SIGTERM ends a build like Ctrl-C: temporary files are removed, finished outputs stay.
    signal.signal(signal.SIGTERM, _interrupt)
    bar = None

    def start(total: int) -> None:
        nonlocal bar
        if not quiet and sys.stderr.isatty():
            bar = typer.progressbar(length=total, label="extracting", file=sys.stderr)
            bar.__enter__()

    def advance(n: int) -> None:
        if bar is not None:
            bar.update(n)

    cache = None if no_cache else (cache_dir or DEFAULT_CACHE)
    if cache is not None and cache_dir is None and not usable_cache(cache):
        # The default place is only a convenience: a read-only folder builds without a cache.
        typer.echo(f"warning: {cache} is not writable; building without a cache", err=True)
        cache = None
    try:
        report = build(
            inputs or None,
            out,
            progress=advance,
            on_papers=start,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            cache_dir=cache,
            shards=nt_shards,
        )
    except KgError as error:
        _fail(error)
    except KeyboardInterrupt:
        typer.echo(
            "Error: interrupted; outputs already written are complete, none is partial", err=True
        )
        raise typer.Exit(130) from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    typer.echo(report.summary())
    if timings:
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
        typer.echo(f"timings: {stages}")
    typer.echo(f"wrote {', '.join(str(p) for p in report.files)}")


@app.command("query")
def query_cli(
    query: Annotated[
        str, typer.Argument(help="A SPARQL query, a .rq file, or a shipped query name.")
    ],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Exported graph.")] = Path(
        "outputs/kg.ttl"
    ),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL SELECT or ASK query over an exported graph."""
    from kg.query import format_result, run_query

    try:
        result = run_query(query, graph)
        typer.echo(format_result(result, fmt), nl=False)
    except KgError as error:
        _fail(error)


@app.command("evaluate")
def evaluate_cli(
    gold: Annotated[Path, typer.Option("--gold", help="Annotated papers (JSON Lines).")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="Exported graph.")] = Path(
        "outputs/kg.ttl"
    ),
    errors: Annotated[int, typer.Option("--errors", help="List up to N misses per line.")] = 20,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Precision, recall and F1 per entity type and role against hand-annotated papers."""
    from kg.evaluate import evaluate, report

    try:
        scores = evaluate(gold, graph)
    except KgError as error:
        _fail(error)
    if fmt == "json":
        data = {
            n: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
                "errors": s.errors[:errors],
            }
            for n, s in sorted(scores.items())
        }
        typer.echo(json.dumps(data, indent=1, ensure_ascii=False))
    else:
        typer.echo(report(scores, errors), nl=False)


@app.command("viz")
def viz_cli(
    graph: Annotated[Path, typer.Option("--graph", "-g", help="kg.json from kg build.")] = Path(
        "outputs/kg.json"
    ),
    focus: Annotated[
        str | None, typer.Option("--focus", help="Entity or paper to centre on.")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="Links from the focus to include.")] = 1,
    types: Annotated[
        str | None, typer.Option("--types", help="Comma-separated node types to keep.")
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Page to write.")] = Path(
        "outputs/kg-viz.html"
    ),
) -> None:
    """Write a page for one entity's neighbourhood or a subset of node types."""
    from kg.html import to_html
    from kg.viz import load_graph, select
    from kg.write import write_all

    try:
        part = select(load_graph(graph), focus, depth, types.split(",") if types else None)
        if part.number_of_nodes() == 0:
            raise KgError("nothing left to draw with these options")
        title = f"kg: {focus}" if focus else "kg"
        write_all(
            out.parent if str(out.parent) else Path("."),
            {out.name: to_html(part, title).encode("utf-8")},
        )
    except KgError as error:
        _fail(error)
    typer.echo(f"wrote {out} ({part.number_of_nodes()} nodes, {part.number_of_edges()} edges)")


@app.command("validate")
def validate_cli(
    graph: Annotated[Path, typer.Argument(help="Exported graph (.ttl, .nt, .jsonld).")] = Path(
        "outputs/kg.ttl"
    ),
) -> None:
    """Check an export against the SHACL shapes in ontology/shapes.ttl; exit 1 if it fails."""
    from kg.validate import validate

    try:
        report = validate(graph)
    except KgError as error:
        _fail(error)
    typer.echo(report.summary())
    if not report.conforms:
        raise typer.Exit(1)


@app.command("serve")
def serve_cli(
    graph: Annotated[Path, typer.Argument(help="Exported graph (.ttl, .nt, .jsonld).")] = Path(
        "outputs/kg.ttl"
    ),
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 7878,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    timeout: Annotated[int, typer.Option("--timeout", help="Query time limit, seconds.")] = 10,
    max_result_mb: Annotated[
        float, typer.Option("--max-result-mb", help="Larger results are refused (HTTP 507).")
    ] = 50,
) -> None:
    """Serve a read-only SPARQL endpoint (Oxigraph) at http://HOST:PORT/query until Ctrl-C."""
    from kg.serve import endpoint

    # SIGTERM ends the command like Ctrl-C, so the server and its temporary store go too.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with endpoint(graph, host, port, timeout, max_result_mb) as server:
            typer.echo(f"SPARQL endpoint: http://{host}:{port}/query (read-only; Ctrl-C stops)")
            try:
                code = server.wait()
            except KeyboardInterrupt:
                code = 0
            if code not in (0, -15):
                _fail(KgError(f"oxigraph server stopped with code {code}"))
    except KgError as error:
        _fail(error)


@app.command("version")
def version_cli() -> None:
    """Print the version."""
    typer.echo(__version__)
