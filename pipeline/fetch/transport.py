"""The guarded transport: urllib3 connections pinned to addresses the policy has checked.

Why a module of its own: this is the only code that reaches into urllib3 and requests
internals (connection classes, pool classes, the adapter, wrapped exceptions). The
address policy must hold at connect time, on the address actually dialled, not on a
second DNS lookup; keeping that machinery here leaves the client to deal only in URLs,
responses and outcomes.
"""

from __future__ import annotations

import http.client
import io
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError

from pipeline.fetch.policy import FetchSettings, RefusedError, Resolver, checked_addresses


@dataclass(slots=True)
class AddressGuard:
    """Resolves a host once, checks every address, and connects only to those addresses."""

    settings: FetchSettings
    resolver: Resolver

    def open(self, conn: HTTPConnection, open_socket: Callable[[], Any]) -> Any:
        original = conn._dns_host
        try:
            port = conn.port or conn.default_port
            addresses = checked_addresses(original, port, self.settings, self.resolver)
        except OSError as error:
            raise NameResolutionError(original, conn, error) from error  # type: ignore[arg-type]
        last_error: Exception | None = None
        for address in addresses:
            conn._dns_host = address  # connect to the checked address; TLS still verifies conn.host
            try:
                return open_socket()
            except (NewConnectionError, ConnectTimeoutError) as error:
                last_error = error
            finally:
                conn._dns_host = original
        assert last_error is not None
        raise last_error


class _DeadlineReader(io.RawIOBase):
    """Reads a socket, each ``recv`` bounded by what is left of a wall-clock deadline.

    Why: a read timeout bounds the gap between two bytes, not the whole response, so a
    server sending its status line one byte a second would hold the fetcher forever. The
    socket timeout of every read is cut to the time left, and a read after the deadline
    raises ``TimeoutError`` at once, which urllib3 reports as a read timeout. Reads go
    through the socket's own unbuffered file (``makefile``), so the socket is really
    closed only when this reader is, as with the file ``http.client`` would have made.
    """

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        super().__init__()
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("response deadline passed")
        before = self._sock.gettimeout()
        self._sock.settimeout(left if before is None else min(before, left))
        try:
            return self._raw.readinto(buffer)
        finally:
            if self._sock.fileno() != -1:
                self._sock.settimeout(before)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineSocket:
    """What ``http.client.HTTPResponse`` is given instead of the socket: only ``makefile``."""

    def __init__(self, sock: socket.socket, deadline: float) -> None:
        self._sock = sock
        self._deadline = deadline

    def makefile(self, mode: str = "rb", *args: Any, **kwargs: Any) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))


def deadline_response_class(seconds: float) -> type[http.client.HTTPResponse]:
    """An ``http.client`` response class whose reads all end ``seconds`` after it is created.

    The connection creates its response right after sending the request, so the deadline
    covers the status line, the headers and the body of one try.
    """

    class DeadlineResponse(http.client.HTTPResponse):
        def __init__(self, sock: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(_DeadlineSocket(sock, time.monotonic() + seconds), *args, **kwargs)  # type: ignore[arg-type]

    return DeadlineResponse


def guarded_adapter(guard: AddressGuard, pool_size: int) -> HTTPAdapter:
    """An adapter whose connections go through ``guard`` (classes are per client: no global state)."""
    response_class = deadline_response_class(guard.settings.response_seconds())

    class GuardedHTTPConnection(HTTPConnection):
        def _new_conn(self) -> Any:
            return guard.open(self, lambda: HTTPConnection._new_conn(self))

    class GuardedHTTPSConnection(HTTPSConnection):
        def _new_conn(self) -> Any:
            return guard.open(self, lambda: HTTPSConnection._new_conn(self))

    GuardedHTTPConnection.response_class = response_class
    GuardedHTTPSConnection.response_class = response_class

    class GuardedHTTPConnectionPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSConnectionPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    class GuardedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = {
                "http": GuardedHTTPConnectionPool,
                "https": GuardedHTTPSConnectionPool,
            }

    return GuardedAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)


def connection_reason(error: requests.exceptions.ConnectionError) -> str:
    """``dns_error`` when the name did not resolve, else ``connection_error``."""
    first = error.args[0] if error.args else None
    cause = first if isinstance(first, BaseException) else None
    reason = getattr(cause, "reason", None)
    if isinstance(reason, NameResolutionError) or isinstance(cause, NameResolutionError):
        return "dns_error"
    return "connection_error"


def refusal_in(error: BaseException) -> RefusedError | None:
    """The :class:`RefusedError` raised by the address guard, wherever urllib3 wrapped it."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, RefusedError):
            return current
        seen.add(id(current))
        nested = getattr(current, "reason", None)
        current = nested if isinstance(nested, BaseException) else (current.__cause__ or current.__context__)
    return None
