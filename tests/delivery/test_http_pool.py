"""The sender's keep-alive HTTP client against scripted servers: what it reuses, what it reads, what it reports.

The fake Bot API answers as Telegram's servers do; these servers also answer as proxies and broken
networks do (an answer cut short, one that runs to the close, garbage, a silent close)."""
from __future__ import annotations

import asyncio
import json
import ssl
from dataclasses import dataclass, field

import pytest
import trustme

from bot.delivery import http_pool
from bot.delivery.api import BotApi, InDoubt, Sent, Transient, Unreachable
from bot.delivery.http_pool import AnswerLost, ConnectFailed, HttpPool

OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s'
SENT = b'{"ok":true,"result":{"message_id":%d,"date":1,"chat":{"id":5,"type":"private"},"text":"x"}}'


def ok(body: bytes, *extra: bytes) -> bytes:
    head, _, rest = (OK % (len(body), body)).partition(b"\r\n\r\n")
    return b"\r\n".join([head, *extra]) + b"\r\n\r\n" + rest


@dataclass
class Request:
    connection: int
    head: list[bytes]
    body: bytes


@dataclass
class ScriptedServer:
    """Loopback HTTP server: each request gets the next of `replies` (bytes to send, "close" to hang
    up without an answer, a float to wait that long first, a tuple of several), then keeps the
    connection open unless the reply says otherwise."""

    replies: list = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    connections: int = 0
    tls: ssl.SSLContext | None = None

    async def __aenter__(self) -> ScriptedServer:
        self._handlers: set[asyncio.Task] = set()
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.tls)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        self._server.close()
        for handler in self._handlers:  # connections still open: the client's, or a held answer's
            handler.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        number = self.connections
        self._handlers.add(asyncio.current_task())
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.split(b"\r\n")[:-2]
                length = next(int(line.split(b":")[1]) for line in lines if line.lower().startswith(b"content-length"))
                self.requests.append(Request(number, lines, await reader.readexactly(length)))
                reply = self.replies.pop(0)
                for step in reply if isinstance(reply, tuple) else (reply,):
                    if isinstance(step, float):
                        await asyncio.sleep(step)
                    elif step == "close":
                        writer.close()
                        return
                    else:
                        writer.write(step)
                        await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


async def test_requests_share_one_keep_alive_connection_and_say_what_they_carry():
    async with ScriptedServer([ok(b'{"n":1}'), ok(b'{"n":2}'), ok(b'{"n":3}')]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        try:
            answers = [await pool.post("/bot1:x/sendMessage", b'{"chat_id":%d}' % i, timeout=2) for i in range(3)]
        finally:
            pool.close()

    assert answers == [(200, b'{"n":1}'), (200, b'{"n":2}'), (200, b'{"n":3}')]
    assert server.connections == 1
    first = server.requests[0]
    assert first.head[0] == b"POST /bot1:x/sendMessage HTTP/1.1"
    assert {b"Host: 127.0.0.1:%d" % server.port, b"Content-Type: application/json",
            b"Content-Length: 13"} <= set(first.head)
    assert [r.body for r in server.requests] == [b'{"chat_id":0}', b'{"chat_id":1}', b'{"chat_id":2}']


async def test_requests_at_once_open_at_most_the_pools_size_and_wait_for_a_free_one():
    async with ScriptedServer([(0.2, ok(b"{}"))] * 7) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=3, connect_timeout=1)
        try:
            # Each gives its own answer 0.5 s, not counting its wait for a connection: the last one's turn
            # comes at 0.4 s, its answer at 0.6.
            answers = await asyncio.gather(*(pool.post("/m", b"{}", timeout=0.5) for _ in range(7)))
        finally:
            pool.close()
    assert answers == [(200, b"{}")] * 7
    assert server.connections == 3


async def test_a_connection_the_server_ends_is_not_reused():
    closing = ok(b'{"n":1}', b"Connection: close")  # said so, socket left open by the server
    async with ScriptedServer([closing, (ok(b'{"n":2}'), "close"), ok(b'{"n":3}')]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        try:
            first = await pool.post("/m", b"{}", timeout=2)
            second = await pool.post("/m", b"{}", timeout=2)
            await asyncio.sleep(0.05)  # the server's close of the idle connection arrives
            third = await pool.post("/m", b"{}", timeout=2)
        finally:
            pool.close()
    assert (first, second, third) == ((200, b'{"n":1}'), (200, b'{"n":2}'), (200, b'{"n":3}'))
    assert [r.connection for r in server.requests] == [1, 2, 3]


async def test_a_connection_idle_too_long_is_closed_rather_than_reused(monkeypatch):
    """A server drops idle connections after a while of its own: one idle longer than ours is not risked."""
    monkeypatch.setattr(http_pool, "KEEPALIVE_SECONDS", 0.1)
    async with ScriptedServer([ok(b'{"n":1}'), ok(b'{"n":2}'), ok(b'{"n":3}')]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        try:
            await pool.post("/m", b"{}", timeout=2)
            await pool.post("/m", b"{}", timeout=2)  # at once: the same connection
            await asyncio.sleep(0.2)
            assert await pool.post("/m", b"{}", timeout=2) == (200, b'{"n":3}')
        finally:
            pool.close()
    assert [r.connection for r in server.requests] == [1, 1, 2]


async def test_bodies_chunked_or_running_to_the_close_are_read_whole():
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"ok\r\n8\r\n\":false}\r\n0\r\n\r\n"
    proxy_page = (b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n\r\n<html>Bad", 0.02, b" Gateway</html>",
                  "close")
    async with ScriptedServer([chunked, proxy_page]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        try:
            assert await pool.post("/m", b"{}", timeout=2) == (200, b'{"ok":false}')
            assert await pool.post("/m", b"{}", timeout=2) == (502, b"<html>Bad Gateway</html>")
        finally:
            pool.close()


@pytest.mark.parametrize(("reply", "reason"), [
    ("close", "the server closed the connection before a whole answer"),
    ((b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\":true", "close"), "before a whole answer"),
    ((b"HTTP/1.1 502 Bad Gateway\r\nContent-Ty", "close"), "before a whole answer"),  # its head cut short
    (b"SMTP ready\r\n\r\n", "not an HTTP answer"),
])
async def test_answers_lost_cut_short_or_garbled_are_told_apart_from_a_refused_connection(reply, reason):
    async with ScriptedServer([reply, ok(SENT % 8)]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        try:
            with pytest.raises(AnswerLost, match=reason):
                await pool.post("/m", b"{}", timeout=2)
            assert await pool.post("/m", b"{}", timeout=2) == (200, SENT % 8)  # on a new connection
        finally:
            pool.close()
        assert server.connections == 2

        api = BotApi(api_url=f"http://127.0.0.1:{server.port}/bot", token="1:x", timeout=2)
        await api.start()
        server.replies = [reply]
        try:
            lost = await api.send_message(chat_id=5, text="x")
        finally:
            await api.close()
        # A cut-short 200 may have been sent: in doubt, never "sent again" as a Transient would be.
        assert isinstance(lost, InDoubt) and reason in lost.error


async def test_a_timed_out_request_leaves_its_connection_closed():
    async with ScriptedServer([(0.5, ok(b"{}")), ok(b'{"n":2}')]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=0.1)
        try:
            with pytest.raises(TimeoutError):
                await pool.post("/m", b"{}", timeout=0.2)
            assert await pool.post("/m", b"{}", timeout=2) == (200, b'{"n":2}')
        finally:
            pool.close()
    assert [r.connection for r in server.requests] == [1, 2]  # the late answer cannot be read as the next one's


async def test_a_refused_connection_never_left():
    async with ScriptedServer() as server:
        port = server.port
    pool = await HttpPool.open(f"http://127.0.0.1:{port}", size=10, connect_timeout=1)
    with pytest.raises(ConnectFailed, match=r"Connecting to 127\.0\.0\.1:\d+ failed: ConnectionRefusedError"):
        await pool.post("/m", b"{}", timeout=2)
    pool.close()


@pytest.fixture
def authority():
    return trustme.CA()


def server_tls(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("localhost").configure_cert(context)
    return context


async def test_https_is_verified_against_the_systems_authorities(authority, tmp_path, monkeypatch):
    """Telegram is reached over TLS: the host's certificate must check out, by the name in the URL."""
    async with ScriptedServer([ok(SENT % 41)], tls=server_tls(authority)) as server:
        url = f"https://localhost:{server.port}/bot"
        untrusted = BotApi(api_url=url, token="1:x", timeout=2)
        await untrusted.start()
        try:
            refused = await untrusted.send_message(chat_id=5, text="x")
        finally:
            await untrusted.close()
        assert isinstance(refused, Unreachable) and "CERTIFICATE_VERIFY_FAILED" in refused.error

        bundle = tmp_path / "ca.pem"
        authority.cert_pem.write_to_path(str(bundle))
        monkeypatch.setenv("SSL_CERT_FILE", str(bundle))  # as if the authority were the system's
        trusted = BotApi(api_url=url, token="1:x", timeout=2)
        await trusted.start()
        try:
            assert await trusted.send_message(chat_id=5, text="x") == Sent(41)
        finally:
            await trusted.close()
    assert server.requests[-1].head[:2] == [b"POST /bot1:x/sendMessage HTTP/1.1", b"Host: localhost:%d" % server.port]


async def test_a_proxy_page_instead_of_an_answer_is_transient():
    page = b"<html><body>502 Bad Gateway</body></html>"
    reply = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: %d\r\n\r\n%s" % (len(page), page)
    async with ScriptedServer([reply]) as server:
        api = BotApi(api_url=f"http://127.0.0.1:{server.port}/bot", token="1:x", timeout=2)
        await api.start()
        try:
            assert await api.send_message(chat_id=5, text="x") == Transient("HTTP 502 without a Bot API answer")
        finally:
            await api.close()


async def timed_posts(pool: HttpPool, count: int, *, timeout: float = 2) -> list[tuple[float, tuple[int, bytes]]]:
    """`count` posts at once: when each answer was read (seconds from the start) and the answer."""
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def one() -> tuple[float, tuple[int, bytes]]:
        answer = await pool.post("/m", b"{}", timeout=timeout)
        return loop.time() - start, answer

    return await asyncio.gather(*(one() for _ in range(count)))


async def test_answers_to_requests_sent_together_are_read_together_after_the_delay():
    """The answers come 0, 0.1 and 0.2 s after their requests; held for 0.4 s, all three are read at once,
    in one wake-up of the event loop, and each is the answer to its own request."""
    async with ScriptedServer([(0.0, ok(b'{"n":1}')), (0.1, ok(b'{"n":2}')), (0.2, ok(b'{"n":3}'))]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1, answer_delay=0.4)
        try:
            read = await timed_posts(pool, 3)
            server.replies.append(ok(b'{"n":4}'))
            again = await pool.post("/m", b"{}", timeout=2)
        finally:
            pool.close()
    times = [at for at, _ in read]
    assert min(times) >= 0.39 and max(times) - min(times) < 0.02
    assert sorted(answer for _, answer in read) == [(200, b'{"n":%d}' % n) for n in (1, 2, 3)]
    assert again == (200, b'{"n":4}')  # a held connection reads its next answers as before
    assert server.connections == 3


async def test_without_a_delay_each_answer_is_read_when_it_comes():
    async with ScriptedServer([(0.0, ok(b'{"n":1}')), (0.1, ok(b'{"n":2}')), (0.2, ok(b'{"n":3}'))]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        try:
            times = sorted(at for at, _ in await timed_posts(pool, 3))
        finally:
            pool.close()
    assert times[0] < 0.08 and 0.08 < times[1] < 0.18 and times[2] > 0.18


async def test_a_shorter_deadline_after_a_longer_one_still_ends_on_time():
    """The requests under way share one timer: a later request with less time moves it earlier."""
    async with ScriptedServer([(1.0, ok(b'{"n":1}')), (1.0, ok(b'{"n":2}'))]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        loop = asyncio.get_running_loop()
        try:
            patient = asyncio.create_task(pool.post("/m", b"{}", timeout=5))
            await asyncio.sleep(0.05)
            started = loop.time()
            with pytest.raises(TimeoutError):
                await pool.post("/m", b"{}", timeout=0.2)
            ended = loop.time() - started
            assert await patient == (200, b'{"n":1}')  # the timer moved for it did not end it
        finally:
            pool.close()
    assert 0.19 <= ended < 0.5


async def test_requests_after_a_timeout_keep_their_own_deadlines():
    """The timer, having ended one request, is set again for the next deadline of those still under way."""
    async with ScriptedServer([(0.6, ok(b'{"n":1}')), (5.0, ok(b'{"n":2}')), ok(b'{"n":3}')]) as server:
        pool = await HttpPool.open(f"http://127.0.0.1:{server.port}", size=10, connect_timeout=1)
        loop = asyncio.get_running_loop()
        try:
            first = asyncio.create_task(pool.post("/m", b"{}", timeout=0.3))
            await asyncio.sleep(0.05)
            started = loop.time()
            second = asyncio.create_task(pool.post("/m", b"{}", timeout=0.6))
            with pytest.raises(TimeoutError):
                await first
            with pytest.raises(TimeoutError):
                await second
            ended = loop.time() - started
            assert await pool.post("/m", b"{}", timeout=2) == (200, b'{"n":3}')  # on a new connection
        finally:
            pool.close()
    assert 0.59 <= ended < 0.9


async def test_a_keyboard_is_encoded_once_per_object_and_sent_as_given():
    """The sender's rows of one push share one keyboard object: its JSON is made once. Another object,
    even an equal one changed since, is encoded afresh."""
    keyboard = {"inline_keyboard": [[{"text": "Ещё", "callback_data": "more:1"}]]}
    changed = {"inline_keyboard": [[{"text": "Ещё", "callback_data": "more:2"}]]}
    async with ScriptedServer([ok(SENT % n) for n in (1, 2, 3)]) as server:
        api = BotApi(api_url=f"http://127.0.0.1:{server.port}/bot", token="1:x", timeout=2)
        await api.start()
        try:
            outcomes = [await api.send_message(chat_id=5, text="x", reply_markup=markup)
                        for markup in (keyboard, keyboard, changed)]
        finally:
            await api.close()
    assert outcomes == [Sent(1), Sent(2), Sent(3)]
    sent = [json.loads(request.body)["reply_markup"] for request in server.requests]
    assert sent == [keyboard, keyboard, changed]
    assert len(api._markups) == 2
