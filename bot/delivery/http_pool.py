"""The sender's HTTP/1.1 client: POSTs over a pool of keep-alive connections, answers read by llhttp.

Why not aiohttp's client, which the sender used before: measured against the fake
Bot API on a 2-core 2.1 GHz machine, 100 requests at a time, aiohttp 3.14 cost
0.35-0.48 ms of CPU a request (with either event loop), BotApi on this pool 0.14-0.22
ms; the budget is 0.5 ms for a whole delivery (README, "Pushes"). The sender needs
little of a general client: POST a JSON body to one host, read the status and
the body. The HTTP parsing is httptools' (llhttp, the parser Node.js and
aiohttp's own C parser use); what is here is the connection glue.

What the sender must tell apart, as before:
- `ConnectFailed`: the request never left (refused, DNS, connect timeout);
- `AnswerLost`: it was written, and no whole answer came (reset, closed, bad HTTP);
- TimeoutError: the request's time ran out (connecting has a shorter limit of its own, so: written, no answer in time).
A connection is used by one request at a time, goes back to the pool only after a whole answer
the server did not mark as its last, and is dropped as soon as the server closes it while idle.

Waking the event loop costs more CPU than reading an answer: on a 2-core VM a wait in epoll that
sleeps costs the thread 30-85 us, reading a 100-byte answer far less. So the requests' deadlines
share one timer (the earliest), not one each, and with `answer_delay` answers are read in rounds:
a connection is not read until `answer_delay` after the first request since the last round went
out, so the answers to a group of requests sent together are read in one wake-up instead of one
each (the sender at 30/s). `answer_delay` must be far shorter than any request's timeout.
"""
from __future__ import annotations

import asyncio
import ssl
import time
from urllib.parse import urlsplit

import httptools

KEEPALIVE_SECONDS = 15.0  # an idle connection older than this is closed, not reused (aiohttp's default too)


class ConnectFailed(Exception):
    """No connection: the request surely never reached the server."""


class AnswerLost(Exception):
    """The request was written, and no whole answer came back."""


class _Connection(asyncio.Protocol):
    """One keep-alive connection, one request at a time: `answer` is the future of the current one."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.answer: asyncio.Future | None = None
        self.closed = False
        self.idle_since = 0.0
        self.deadline = 0.0  # the current request's, in the loop's time
        self._parser = httptools.HttpResponseParser(self)  # llhttp starts afresh after each whole answer
        self._body: list[bytes] = []
        self._head_read = False  # the status line and headers of the current answer are in
        self._length_known = False  # Content-Length or chunked: else the body ends when the server closes

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        if self.answer is None or self.answer.done():
            self.close()  # bytes nobody asked for: this connection can no longer be trusted
            return
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            self._fail(AnswerLost(f"not an HTTP answer: {exc}"))
            self.close()

    def eof_received(self) -> bool:
        self._ended(None)
        return False  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self._ended(exc)

    # httptools callbacks
    def on_header(self, name: bytes, value: bytes) -> None:
        if name.lower() in (b"content-length", b"transfer-encoding"):
            self._length_known = True

    def on_headers_complete(self) -> None:
        self._head_read = True

    def on_body(self, body: bytes) -> None:
        self._body.append(body)

    def on_message_complete(self) -> None:
        answer, body = self.answer, b"".join(self._body)
        if not self._parser.should_keep_alive():
            self.close()
        if answer is not None and not answer.done():
            answer.set_result((self._parser.get_status_code(), body))

    # the pool's side
    def send(self, request: bytes, body: bytes) -> asyncio.Future:
        self.answer = asyncio.get_running_loop().create_future()
        self._body = []
        self._head_read = self._length_known = False
        self.transport.writelines((request, body))
        return self.answer

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()

    def _ended(self, exc: Exception | None) -> None:
        self.closed = True
        if self.answer is None or self.answer.done():
            return
        if self._head_read and not self._length_known and exc is None:  # a body that runs to the close
            self.answer.set_result((self._parser.get_status_code(), b"".join(self._body)))
        else:
            reason = f"{type(exc).__name__}: {exc}" if exc else "the server closed the connection"
            self._fail(AnswerLost(f"{reason} before a whole answer"))

    def _fail(self, exc: Exception) -> None:
        if self.answer is not None and not self.answer.done():
            self.answer.set_exception(exc)


class HttpPool:
    """POSTs to one server (`base`: "http[s]://host[:port]"), at most `size` connections at once; `close` ends all."""

    def __init__(self, base: str, *, size: int, connect_timeout: float, tls: ssl.SSLContext | None = None,
                 answer_delay: float = 0.0) -> None:
        parts = urlsplit(base)
        self.secure = parts.scheme == "https"
        self.host = parts.hostname or ""
        self.port = parts.port or (443 if self.secure else 80)
        self.connect_timeout = connect_timeout
        host_header = self.host if parts.port is None else f"{self.host}:{parts.port}"
        self._head = f"Host: {host_header}\r\nContent-Type: application/json\r\nContent-Length: ".encode()
        if self.secure and tls is None:
            raise ValueError("an https pool needs its TLS context: HttpPool.open() makes the default one")
        self._tls = tls if self.secure else None
        self._slots = asyncio.Semaphore(size)
        self._idle: list[_Connection] = []  # most recently used last: reused first, while warm
        self._busy: set[_Connection] = set()
        self._timer: asyncio.TimerHandle | None = None  # at the earliest deadline of the requests under way
        self.answer_delay = answer_delay  # a round of answers is read this long after its first request went out
        self._held: list[_Connection] = []  # connections of this round, not read until `_read_held`
        self._release: asyncio.TimerHandle | None = None

    @classmethod
    async def open(cls, base: str, *, size: int, connect_timeout: float, answer_delay: float = 0.0) -> HttpPool:
        """A pool for `base`; for https with the system's certificate authorities, read off the event loop."""
        tls = await asyncio.to_thread(ssl.create_default_context) if base.startswith("https:") else None
        return cls(base, size=size, connect_timeout=connect_timeout, tls=tls, answer_delay=answer_delay)

    async def post(self, path: str, body: bytes, *, timeout: float) -> tuple[int, bytes]:
        """(HTTP status, body) of one POST of a JSON `body` to `path`.

        Raises ConnectFailed, AnswerLost, or TimeoutError when `timeout` (from the moment a connection
        is free, so waiting for one is not taken for a lost answer) ends before the whole answer; a
        connection left mid-request (a timeout, a cancellation) is closed, never reused."""
        request = b"POST %s HTTP/1.1\r\n%s%d\r\n\r\n" % (path.encode(), self._head, len(body))
        async with self._slots:
            connection, answered = None, False
            loop = asyncio.get_running_loop()
            deadline = loop.time() + timeout
            try:
                connection = self._reused()
                if connection is None:
                    async with asyncio.timeout_at(deadline):
                        connection = await self._connect()
                self._busy.add(connection)
                pending = connection.send(request, body)
                self._expire_at(connection, deadline, loop)
                if self.answer_delay:
                    self._hold(connection, loop)
                answer = await pending
                answered = True
                return answer
            finally:
                if connection is not None:
                    self._busy.discard(connection)
                    if answered and not connection.closed:
                        connection.idle_since = time.monotonic()
                        self._idle.append(connection)
                    else:
                        connection.close()

    def close(self) -> None:
        for timer in (self._timer, self._release):
            if timer is not None:
                timer.cancel()
        self._timer = self._release = None
        for connection in (*self._idle, *self._busy):
            connection.close()
        self._idle.clear()
        self._busy.clear()
        self._held.clear()

    def _expire_at(self, connection: _Connection, deadline: float, loop: asyncio.AbstractEventLoop) -> None:
        """The request on `connection` fails with TimeoutError at `deadline` (one timer for all requests)."""
        connection.deadline = deadline
        if self._timer is None or deadline < self._timer.when():
            if self._timer is not None:
                self._timer.cancel()
            self._timer = loop.call_at(deadline, self._expire)

    def _expire(self) -> None:
        self._timer = None
        loop = asyncio.get_running_loop()
        now, earliest = loop.time(), None
        for connection in self._busy:
            answer = connection.answer
            if answer is None or answer.done():
                continue
            if connection.deadline <= now:
                answer.set_exception(TimeoutError())  # post() closes the connection
            elif earliest is None or connection.deadline < earliest:
                earliest = connection.deadline
        if earliest is not None:
            self._timer = loop.call_at(earliest, self._expire)

    def _hold(self, connection: _Connection, loop: asyncio.AbstractEventLoop) -> None:
        """Read this connection's answer with the others sent within `answer_delay` (see the module's doc)."""
        connection.transport.pause_reading()
        self._held.append(connection)
        if self._release is None:
            self._release = loop.call_later(self.answer_delay, self._read_held)

    def _read_held(self) -> None:
        held, self._held, self._release = self._held, [], None
        for connection in held:
            if not connection.closed:
                connection.transport.resume_reading()

    def _reused(self) -> _Connection | None:
        now = time.monotonic()
        while self._idle:
            connection = self._idle.pop()
            if (not connection.closed and not connection.transport.is_closing()
                    and now - connection.idle_since < KEEPALIVE_SECONDS):
                return connection
            connection.close()
        return None

    async def _connect(self) -> _Connection:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.connect_timeout):
                _, connection = await loop.create_connection(
                    _Connection, self.host, self.port, ssl=self._tls,
                    server_hostname=self.host if self._tls else None)
        except TimeoutError:
            raise ConnectFailed(f"Connecting to {self.host}:{self.port} took over {self.connect_timeout:g} s") from None
        except OSError as exc:  # refused, unreachable, DNS (socket.gaierror), TLS handshake (ssl.SSLError)
            raise ConnectFailed(f"Connecting to {self.host}:{self.port} failed: {type(exc).__name__}: {exc}") from None
        return connection
