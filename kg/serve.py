"""A read-only SPARQL 1.1 Protocol endpoint over an export, served by the Oxigraph server
(PyPI package `oxigraph`): the export is loaded into a temporary store, then `oxigraph
serve-read-only` answers queries (with a time limit), serves its query page at / and refuses
updates. It listens on loopback only, behind a small forwarding layer of kg's that caps the size
of a request and of a result, which the Oxigraph server cannot do."""

from __future__ import annotations

import http.client
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


# Headers that belong to one connection, not to the message (RFC 9110, 7.6.1).
_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-connection",
    "transfer-encoding",
    "te",
    "trailer",
    "upgrade",
    "content-length",
    "host",
}
MAX_REQUEST = 1 << 20  # a SPARQL query of a megabyte is not a query


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _handler(upstream: int, max_result: int, timeout: int) -> type[BaseHTTPRequestHandler]:
    class Forward(BaseHTTPRequestHandler):
        """Passes each request to the Oxigraph server on loopback and its answer back, unless
        the request or the answer is over its limit."""

        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._forward(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_REQUEST:
                # Read what a client is still sending (up to a bound), so it gets the answer
                # rather than a broken connection.
                remaining = min(length, 16 * MAX_REQUEST)
                while remaining > 0:
                    chunk = self.rfile.read(min(65536, remaining))
                    if not chunk:
                        break
                    remaining -= len(chunk)
                self.close_connection = True
                self.send_error(413, "request over 1 MB")
                return
            self._forward(self.rfile.read(length))

        def _forward(self, body: bytes) -> None:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            connection = http.client.HTTPConnection("127.0.0.1", upstream, timeout=timeout + 30)
            try:
                connection.request(self.command, self.path, body or None, headers)
                answer = connection.getresponse()
                data = answer.read(max_result + 1)
            except OSError as error:
                self.send_error(502, f"SPARQL server unavailable ({error})")
                return
            finally:
                connection.close()
            if len(data) > max_result:
                self.send_error(
                    507, f"result over {max_result:,} bytes (--max-result-mb); add a LIMIT"
                )
                return
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            return  # the CLI prints the address; request logs would bury it

    return Forward


@contextmanager
def endpoint(
    graph: Path,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = 10,
    max_result_mb: float = 50,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run the read-only server until the block ends; the store is removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="kg-store-") as location:
        load_store(graph, Path(location))
        upstream = _free_port()
        try:
            front = ThreadingHTTPServer(
                (host, port), _handler(upstream, int(max_result_mb * 2**20), timeout)
            )
        except OSError as error:
            raise KgError(f"cannot listen on {host}:{port} ({error.strerror or error})") from error
        server = subprocess.Popen(
            [
                oxigraph_command(),
                "serve-read-only",
                "--location",
                location,
                "--bind",
                f"127.0.0.1:{upstream}",
                "--timeout-s",
                str(timeout),
            ]
        )
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        try:
            yield server
        finally:
            front.shutdown()
            front.server_close()
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
