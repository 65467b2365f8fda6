"""A real threaded HTTP server on 127.0.0.1 for the fetcher tests, misbehaving on request.

Why a real server rather than mocks: politeness (the observed request rate), timeouts,
resets and early cut-offs are properties of real sockets; the server records when each
request arrived (monotonic clock) and how many bytes it managed to send, so the tests
assert on what the fetcher actually did on the wire.

Routes are callables ``(handler) -> None`` keyed by path (query string included, or
the bare path as a fallback); helpers below build the usual and the misbehaving ones.
Only loopback is ever bound or contacted.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Hit:
    """One request as the server saw it."""

    path: str
    at: float
    headers: dict[str, str]


class Handler(BaseHTTPRequestHandler):
    """Dispatches to the server's routes; quiet; tolerant of clients that hang up."""

    server: FixtureServer
    protocol_version = "HTTP/1.0"  # bodies may end at connection close (streaming routes)

    def do_GET(self) -> None:
        self.server.record(self)
        route = self.server.routes.get(self.path) or self.server.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.reply(404, b"not found", "text/plain")
        else:
            route(self)

    def reply(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = HTML,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        """A complete response with a Content-Length."""
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def handle(self) -> None:
        with suppress(OSError):
            super().handle()

    def finish(self) -> None:
        with suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read ``server.hits`` instead."""


class FixtureServer(ThreadingHTTPServer):
    """``ThreadingHTTPServer`` on 127.0.0.1, an ephemeral port, with a request log."""

    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.sent: dict[str, int] = {}
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        """Absolute URL of ``path`` on this server (``host`` lets a test name another loopback host)."""
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url(path)

    def page(self, path: str, body: bytes | str, content_type: str | None = HTML, status: int = 200,
             headers: Iterable[tuple[str, str]] = ()) -> str:
        """A fixed response at ``path``; returns its URL."""
        data = body.encode() if isinstance(body, str) else body
        fixed = tuple(headers)
        return self.route(path, lambda h: h.reply(status, data, content_type, fixed))

    def record(self, handler: Handler) -> None:
        hit = Hit(handler.path, time.monotonic(), {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.hits.append(hit)

    def add_sent(self, path: str, count: int) -> None:
        with self._lock:
            self.sent[path] = self.sent.get(path, 0) + count

    def hits_for(self, path: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path == path]

    def count(self, path: str) -> int:
        return len(self.hits_for(path))

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up on purpose are part of the tests; no tracebacks on stderr."""

    def start(self) -> FixtureServer:
        self._thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes the slow routes
        self.shutdown()
        self.server_close()


@contextmanager
def running_server() -> Iterator[FixtureServer]:
    server = FixtureServer().start()
    try:
        yield server
    finally:
        server.stop()


# -- routes ---------------------------------------------------------------------------------


def sequence(*routes: Route) -> Route:
    """The n-th request gets the n-th route; the last one repeats."""
    lock = threading.Lock()
    calls = [0]

    def route(handler: Handler) -> None:
        with lock:
            index = min(calls[0], len(routes) - 1)
            calls[0] += 1
        routes[index](handler)

    return route


def status(code: int, body: bytes = b"", content_type: str | None = HTML,
           headers: Iterable[tuple[str, str]] = ()) -> Route:
    fixed = tuple(headers)
    return lambda h: h.reply(code, body, content_type, fixed)


def redirect(location: str, code: int = 302) -> Route:
    return status(code, b"", None, [("Location", location)])


def slow(seconds: float, then: Route) -> Route:
    """Answer after ``seconds`` (woken early when the server stops)."""

    def route(handler: Handler) -> None:
        handler.server.stopping.wait(seconds)
        then(handler)

    return route


def hold(event: threading.Event, then: Route, limit: float = 10.0) -> Route:
    """Answer once ``event`` is set (or after ``limit`` seconds)."""

    def route(handler: Handler) -> None:
        event.wait(limit)
        then(handler)

    return route


def reset() -> Route:
    """Close the socket abruptly (RST, not FIN), before any response byte."""

    def route(handler: Handler) -> None:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True

    return route


def stream(total: int, chunk: int = 64 * 1024, content_type: str = HTML, declare_length: bool = False,
           headers: Iterable[tuple[str, str]] = ()) -> Route:
    """Send ``total`` bytes in chunks, counting in ``server.sent[path]`` what got out."""
    fixed = tuple(headers)

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        if declare_length:
            handler.send_header("Content-Length", str(total))
        for name, value in fixed:
            handler.send_header(name, value)
        handler.end_headers()
        block = b"x" * chunk
        left = total
        try:
            while left > 0 and not handler.server.stopping.is_set():
                piece = block[: min(chunk, left)]
                handler.wfile.write(piece)
                handler.wfile.flush()
                handler.server.add_sent(handler.path, len(piece))
                left -= len(piece)
        except OSError:
            handler.close_connection = True

    return route


def drip(interval: float, count: int) -> Route:
    """A body that arrives one byte every ``interval`` seconds (slow loris)."""

    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/plain")
        handler.end_headers()
        try:
            for _ in range(count):
                if handler.server.stopping.wait(interval):
                    return
                handler.wfile.write(b".")
                handler.wfile.flush()
        except OSError:
            handler.close_connection = True

    return route


def conditional(body: bytes, etag: str, last_modified: str, content_type: str = HTML) -> Route:
    """200 with validators, or 304 when the request carries a matching one."""

    def route(handler: Handler) -> None:
        validators = [("ETag", etag), ("Last-Modified", last_modified)]
        asked = (handler.headers.get("If-None-Match"), handler.headers.get("If-Modified-Since"))
        if asked[0] == etag or asked[1] == last_modified:
            handler.reply(304, b"", None, validators)
        else:
            handler.reply(200, body, content_type, validators)

    return route


def gzipped(body: bytes, content_type: str = HTML) -> Route:
    return status(200, gzip.compress(body), content_type, [("Content-Encoding", "gzip")])


def gzip_bomb(expanded: int) -> bytes:
    """A gzip stream of ``expanded`` zero bytes (about a thousandth of that on the wire)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(expanded // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


def drip_head(interval: float, count: int) -> Route:
    """A status line and headers that arrive one byte every ``interval`` seconds (slow loris)."""

    def route(handler: Handler) -> None:
        head = b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"x" * count + b"\r\n\r\nok"
        try:
            for byte in head:
                if handler.server.stopping.wait(interval):
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        except OSError:
            handler.close_connection = True

    return route
