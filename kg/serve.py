"""A read-only SPARQL 1.1 Protocol endpoint over an export, served by the Oxigraph server
(PyPI package `oxigraph`) rather than an HTTP layer of our own: the export is loaded into a
temporary store, then `oxigraph serve-read-only` answers queries (with a time limit), serves its
query page at /, and refuses updates."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import InputError, KgError

LOADABLE = {".ttl", ".nt", ".jsonld"}


def oxigraph_command() -> str:
    """The `oxigraph` executable installed beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise KgError("the oxigraph server is not installed (pip install oxigraph)")
    return found


def load_store(graph: Path, location: Path) -> None:
    if not graph.is_file():
        raise InputError(graph, "no such graph file; run kg build first")
    if graph.suffix.lower() not in LOADABLE:
        raise InputError(graph, "serve loads .ttl, .nt or .jsonld files")
    result = subprocess.run(
        [oxigraph_command(), "load", "--location", str(location), "--file", str(graph)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        message = (result.stderr.strip().splitlines() or ["load failed"])[-1]
        raise InputError(graph, f"cannot load graph ({message})")


@contextmanager
def endpoint(
    graph: Path, host: str = "127.0.0.1", port: int = 7878, timeout: int = 10
) -> Iterator[subprocess.Popen[bytes]]:
    """Run the read-only server until the block ends; the store is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="kg-store-") as location:
        load_store(graph, Path(location))
        server = subprocess.Popen(
            [
                oxigraph_command(),
                "serve-read-only",
                "--location",
                location,
                "--bind",
                f"{host}:{port}",
                "--timeout-s",
                str(timeout),
            ]
        )
        try:
            yield server
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
