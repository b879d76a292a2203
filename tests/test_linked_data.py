"""The export as linked data: three independent SPARQL engines agree on the shipped queries,
Raptor parses it, SHACL validates it, the formats agree, and `kg serve` answers over HTTP."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF

from kg import resources
from kg.pipeline import build
from kg.rdf import KG
from kg.validate import validate, validate_graph

ENGINES = Path(__file__).parent / "engines"
COMUNICA = ENGINES / "node_modules" / ".bin" / "comunica-sparql-file"
QUERIES = sorted(resources.queries_dir().glob("*.rq"))


def require(tool: str | None, what: str) -> str:
    """CI installs every engine (.ci/run); elsewhere a missing one skips its test."""
    if tool:
        return tool
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed; .ci/run should have installed it")
    pytest.skip(f"{what} not installed")


def cell(value: str) -> str:
    """Engines write the same decimal differently ("5.0", "5"): compare numbers as numbers."""
    try:
        return repr(float(value)) if value[:1] in tuple("+-.0123456789") else value
    except ValueError:
        return value


def rows_rdflib(graph: Graph, query: str) -> list[tuple[str, ...]]:
    result = graph.query(query)
    return sorted(tuple(cell("" if v is None else str(v)) for v in row) for row in result)


def rows_oxigraph(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    solutions = store.query(query)
    names = [v.value for v in solutions.variables]
    return sorted(tuple(cell("" if s[n] is None else s[n].value) for n in names) for s in solutions)


def rows_comunica(path: Path, query_file: Path) -> list[tuple[str, ...]]:
    out = subprocess.run(
        [str(COMUNICA), str(path), "-f", str(query_file), "-t", "application/sparql-results+json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data = json.loads(out.stdout)
    names = data["head"]["vars"]
    return sorted(
        tuple(cell(b.get(n, {}).get("value", "")) for n in names)
        for b in data["results"]["bindings"]
    )


@pytest.fixture(scope="module")
def engines(sample_build: Path) -> tuple[Graph, ox.Store]:
    graph = Graph().parse(sample_build / "kg.ttl", format="turtle")
    store = ox.Store()
    store.load(path=str(sample_build / "kg.ttl"), format=ox.RdfFormat.TURTLE)
    return graph, store


@pytest.mark.parametrize("query_file", QUERIES, ids=[q.stem for q in QUERIES])
def test_shipped_query_agrees_in_three_engines(
    sample_build: Path, engines: tuple[Graph, ox.Store], query_file: Path
) -> None:
    require(str(COMUNICA) if COMUNICA.exists() else None, "Comunica (npm ci in tests/engines)")
    query = query_file.read_text(encoding="utf-8")
    graph, store = engines
    expected = rows_rdflib(graph, query)
    assert expected, f"{query_file.name} has no answers on the sample pages"
    assert rows_oxigraph(store, query) == expected
    assert rows_comunica(sample_build / "kg.ttl", query_file) == expected


def test_paper_count_is_the_number_of_papers_naming_the_entity(
    engines: tuple[Graph, ox.Store],
) -> None:
    """kg:paperCount is stored so rankings skip an aggregation; it must equal that aggregation."""
    _graph, store = engines
    prefix = "PREFIX kg: <https://w3id.org/mlkg/ontology#>"
    stored = rows_oxigraph(store, f"{prefix} SELECT ?e ?n WHERE {{ ?e kg:paperCount ?n }}")
    counted = rows_oxigraph(
        store,
        f"""{prefix} SELECT ?e (COUNT(DISTINCT ?paper) AS ?n) WHERE {{
            ?e kg:paperCount ?stored .
            OPTIONAL {{ ?paper ?role ?e . ?paper a kg:Paper }}
        }} GROUP BY ?e""",
    )
    entities = rows_oxigraph(
        store,
        f"""{prefix} SELECT ?e WHERE {{
            VALUES ?class {{ kg:Method kg:Benchmark kg:Dataset kg:Model kg:Metric kg:Task }}
            ?e a ?class }}""",
    )
    assert len(stored) == len(entities) > 300
    assert stored == counted
    assert max(float(n) for _e, n in stored) > 20  # RLHF, DPO: named by many sample papers


def test_raptor_parses_the_turtle(sample_build: Path) -> None:
    rapper = require(shutil.which("rapper"), "rapper (Debian raptor2-utils)")
    result = subprocess.run(
        [rapper, "-i", "turtle", "-c", str(sample_build / "kg.ttl")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()
    count = Graph().parse(sample_build / "kg.ttl", format="turtle").__len__()
    assert f"returned {count} triples" in result.stderr


def test_formats_hold_the_same_graph(sample_build: Path) -> None:
    turtle = Graph().parse(sample_build / "kg.ttl", format="turtle")
    assert isomorphic(turtle, Graph().parse(sample_build / "kg.nt", format="nt"))
    assert isomorphic(turtle, Graph().parse(sample_build / "kg.jsonld", format="json-ld"))


def test_export_conforms_to_the_shapes(sample_build: Path) -> None:
    report = validate(sample_build / "kg.ttl")
    assert report.conforms, report.summary()


def test_broken_graph_is_reported(sample_build: Path) -> None:
    graph = Graph().parse(sample_build / "kg.ttl", format="turtle")
    paper = next(graph.subjects(RDF.type, KG.Paper))
    graph.remove((paper, DCTERMS.title, None))
    mention = next(graph.subjects(RDF.type, KG.Mention))
    graph.remove((mention, KG.sentence, None))
    entity = URIRef("https://w3id.org/mlkg/id/entity/madeup")
    graph.add((entity, RDF.type, KG.Method))
    graph.add((paper, KG.usesMethod, entity))
    graph.add((URIRef("https://github.com/a/b/tree/x"), RDF.type, KG.Repository))
    report = validate_graph(graph)
    assert not report.conforms
    text = report.summary(limit=100)
    assert str(paper) in text and "title" in text
    assert str(mention) in text and "sentence" in text.lower()
    assert "no kg:Mention" in text  # the statement without evidence
    assert "prefLabel" in text  # the entity without a name
    assert "github.com/a/b/tree/x" in text


def test_validate_cli(sample_build: Path, tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "kg", "validate", str(sample_build / "kg.ttl")],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0 and "conforms" in ok.stdout
    broken = tmp_path / "broken.ttl"
    graph = Graph().parse(sample_build / "kg.ttl", format="turtle")
    graph.add((URIRef("https://w3id.org/mlkg/id/entity/x"), RDF.type, KG.Model))
    graph.serialize(broken, format="turtle")
    bad = subprocess.run(
        [sys.executable, "-m", "kg", "validate", str(broken)], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "does not conform" in bad.stdout


def test_iris_are_stable_across_inputs(sample_build: Path, tmp_path: Path, data: Path) -> None:
    build([data / "small.jsonl"], tmp_path)
    small = Graph().parse(tmp_path / "kg.ttl", format="turtle")
    full = Graph().parse(sample_build / "kg.ttl", format="turtle")
    dpo = URIRef("https://w3id.org/mlkg/id/entity/dpo")
    assert (dpo, RDF.type, KG.Method) in small and (dpo, RDF.type, KG.Method) in full
    arxiv = URIRef("https://w3id.org/mlkg/id/paper/arxiv-2403.07230")
    assert (arxiv, RDF.type, KG.Paper) in small
    assert (arxiv, KG.arxivId, Literal("2403.07230")) in small


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_answers_queries_and_refuses_updates(sample_build: Path) -> None:
    from SPARQLWrapper import JSON, POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", str(sample_build / "kg.ttl"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        endpoint = SPARQLWrapper(f"http://127.0.0.1:{port}/query")
        endpoint.setReturnFormat(JSON)
        endpoint.setQuery(
            "SELECT (COUNT(?p) AS ?n) WHERE { ?p a <https://w3id.org/mlkg/ontology#Paper> }"
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                result = endpoint.queryAndConvert()
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        assert result["results"]["bindings"][0]["n"]["value"] == "195"
        update = SPARQLWrapper(f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update")
        update.setMethod(POST)
        update.setQuery("INSERT DATA { <http://x.org/a> <http://x.org/b> <http://x.org/c> }")
        with pytest.raises((SPARQLWrapperException, OSError)):
            update.query()
        endpoint.setQuery("ASK { <http://x.org/a> ?p ?o }")
        assert endpoint.queryAndConvert()["boolean"] is False
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert subprocess.run(["pgrep", "-f", f"127.0.0.1:{port}"], capture_output=True).returncode


def test_serve_caps_result_size_and_binds_loopback(sample_build: Path) -> None:
    import urllib.error
    import urllib.parse
    import urllib.request

    from kg.serve import endpoint

    port = free_port()
    with endpoint(sample_build / "kg.ttl", port=port, max_result_mb=0.05):
        base = f"http://127.0.0.1:{port}/query?query="
        small = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        everything = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + urllib.parse.quote(small)) as answer:
                    assert answer.status == 200
                    assert b"results" in answer.read()
                break
            except urllib.error.URLError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + urllib.parse.quote(everything))
        assert refused.value.code == 507
        assert b"add a LIMIT" in refused.value.read()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/query",
            data=b"query=" + b"x" * (2 << 20),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with pytest.raises(urllib.error.HTTPError) as too_long:
            urllib.request.urlopen(request)
        assert too_long.value.code == 413
        # Loopback only: the machine's other addresses do not answer.
        with socket.socket() as probe:
            probe.settimeout(1)
            outside = socket.gethostbyname(socket.gethostname())
            if not outside.startswith("127."):
                assert probe.connect_ex((outside, port)) != 0
