"""aiohttp server of the fake Bot API, running in its own thread and event loop."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from typing import Any

from aiohttp import web

from .errors import ApiError, bad_request
from .faults import NGINX_502
from .methods_misc import ApiMethods
from .models import ApiCall
from .params import Params, UploadedFile
from .state import FakeState
from .webhook import WebhookDeliverer

GET_UPDATES_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)


class FakeServer(ApiMethods):
    def __init__(self, state: FakeState, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state
        self.host = host
        self.port: int | None = port or None
        self._site: web.SockSite | None = None
        self._registry = {
            name[4:].lower(): getattr(self, name) for name in dir(self) if name.startswith("api_")
        }
        self._registry["getupdates"] = self._get_updates
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._waiters: set[asyncio.Future[None]] = set()
        self._closing: asyncio.Event | None = None
        self._poll_generation = 0
        self.in_flight = 0
        self.webhook: WebhookDeliverer | None = None
        state.on_update = self._on_update

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> str:
        if self._thread is not None:
            raise RuntimeError("fake Bot API server already started")
        ready = threading.Event()
        errors: list[BaseException] = []
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            assert self._loop is not None
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._astart())
            except BaseException as exc:  # pragma: no cover - reported to start()
                errors.append(exc)
                ready.set()
                return
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=run, name="FakeBotApi", daemon=True)
        self._thread.start()
        ready.wait(10)
        if errors:
            raise errors[0]
        return f"http://{self.host}:{self.port}"

    def _on_update(self) -> None:
        self.wake_pollers()
        if self.webhook is not None:
            self.webhook.wake()

    async def _astart(self) -> None:
        self._closing = asyncio.Event()
        assert self._loop is not None
        self.webhook = WebhookDeliverer(self.state, self._loop)
        self.webhook.start()
        self.state.webhook_pending = self.webhook.pending
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await self._listen()

    async def _listen(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port or 0))
        self.port = sock.getsockname()[1]
        assert self._runner is not None
        self._site = web.SockSite(self._runner, sock)
        await self._site.start()

    async def _unlisten(self) -> None:
        if self._site is not None:
            await self._site.stop()
            self._site = None
        if self._runner is not None and self._runner.server is not None:
            for handler in self._runner.server.connections:  # kept-alive ones would still be answered
                handler.force_close()

    def refuse_connections(self) -> None:
        """Stop listening (clients get "connection refused"), as when Telegram is unreachable."""
        self._call(self._unlisten())

    def accept_connections(self) -> None:
        """Listen again on the same port."""
        self._call(self._listen())

    def _call(self, coro: Any) -> None:
        assert self._loop is not None, "fake Bot API server not started"
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=10)

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if loop.is_running():
            future = asyncio.run_coroutine_threadsafe(self._astop(), loop)
            try:
                future.result(timeout=10)
            finally:
                loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()
        self._loop = self._thread = None

    async def _astop(self) -> None:
        assert self._closing is not None
        self._closing.set()
        self._wake_all()
        if self.webhook is not None:
            await self.webhook.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- long polling --------------------------------------------------------
    def long_polls_waiting(self) -> int:
        """getUpdates calls now waiting for an update, so a test can act once a poll is in place."""
        return len(self._waiters)

    def wake_pollers(self) -> None:
        loop = self._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(self._wake_all)

    def _wake_all(self) -> None:
        for waiter in list(self._waiters):
            if not waiter.done():
                waiter.set_result(None)

    async def _get_updates(self, p: Params) -> Any:
        state = self.state
        offset, limit = p.int("offset"), p.int("limit", 100)
        timeout = max(0.0, p.float("timeout", 0.0) or 0.0)
        allowed = p.json("allowed_updates", what="allowed updates")
        with state.lock:
            if state.webhook.get("url"):
                raise ApiError(409, WEBHOOK_CONFLICT)
            if isinstance(allowed, list):
                state.allowed_updates = [str(a) for a in allowed]
            state.confirm_updates(offset)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake_all()  # an older long poll still waiting is terminated with 409
        deadline = time.monotonic() + timeout
        assert self._loop is not None and self._closing is not None
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, GET_UPDATES_CONFLICT)
            updates = state.take_updates(max(1, min(100, limit or 100)))
            remaining = deadline - time.monotonic()
            if updates or remaining <= 0 or self._closing.is_set():
                return updates
            waiter: asyncio.Future[None] = self._loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except asyncio.TimeoutError:
                pass
            finally:
                self._waiters.discard(waiter)

    # -- request handling ----------------------------------------------------
    async def _read_params(self, request: web.Request) -> Params:
        raw: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.method == "POST" and request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                body = await request.read()
                if body.strip():
                    try:
                        parsed = json.loads(body)
                    except ValueError:
                        raise bad_request("can't parse JSON encoded request body") from None
                    if not isinstance(parsed, dict):
                        raise bad_request("JSON object expected")
                    raw.update(parsed)
            elif ctype == "multipart/form-data":
                reader = await request.multipart()
                while (part := await reader.next()) is not None:
                    name = part.name or ""
                    if part.filename is not None:
                        data = bytes(await part.read(decode=False))
                        files[name] = UploadedFile(name, part.filename, part.headers.get("Content-Type"), data)
                    else:
                        raw[name] = await part.text()
            else:
                form = await request.post()
                for key, value in form.items():
                    if hasattr(value, "file"):
                        files[key] = UploadedFile(key, value.filename, value.content_type, value.file.read())
                    else:
                        raw[key] = value
        return Params(raw, files)

    def _check_token(self, token: str) -> None:
        if ":" not in token:
            raise ApiError(404, "Not Found")
        if token != self.state.token:
            raise ApiError(401, "Unauthorized")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        call = ApiCall(seq=self.state.next_call_seq(), method=method, params={})
        started = time.monotonic()
        self.in_flight += 1
        try:
            body, status = await self._dispatch(request, call)
        finally:
            self.in_flight -= 1
        call.duration = time.monotonic() - started
        if isinstance(body, bytes):
            call.status, call.response = status, {"raw": body.decode("utf-8", "replace")}
            return web.Response(body=body, status=status, content_type="text/html")
        call.status, call.response = status, body
        return web.json_response(body, status=status)

    async def _dispatch(self, request: web.Request, call: ApiCall) -> tuple[Any, int]:
        state = self.state
        try:
            self._check_token(request.match_info["token"])
            handler = self._registry.get(call.method.lower())
            if handler is None:  # Telegram answers 404 for unknown methods; name it for debugging
                raise ApiError(404, f"Not Found: method {call.method} is not implemented by the fake Bot API")
            params = await self._read_params(request)
            call.params = params.loggable()
        except ApiError as exc:
            with state.lock:
                state.calls.append(call)
            return self._error_body(exc), exc.status
        with state.lock:
            state.calls.append(call)
        chat_ref = call.params.get("chat_id")
        resolved = state.resolve_chat(chat_ref) if chat_ref is not None else None
        fault = state.faults.take(call.method, resolved.id if resolved else chat_ref, call.seq)
        if fault is not None:
            call.injected = True
            error = fault.error()
            if error is not None:
                await self._sleep(fault.delay)
                return self._error_body(error), error.status
            if not fault.deliver:
                await self._sleep(fault.delay)
                return NGINX_502, 502
        try:
            if asyncio.iscoroutinefunction(handler):
                result = await handler(params)
            else:
                with state.lock:
                    result = handler(params)
            body, status = {"ok": True, "result": result}, 200
        except ApiError as exc:
            body, status = self._error_body(exc), exc.status
        except Exception as exc:  # a bug in the fake: answer like Telegram's 500
            body, status = {"ok": False, "error_code": 500,
                            "description": f"Internal Server Error (fake: {exc!r})"}, 500
        if fault is not None and fault.delay:
            await self._sleep(fault.delay)
        return body, status

    @staticmethod
    def _error_body(exc: ApiError) -> Any:
        return exc.raw_body if exc.raw_body is not None else exc.to_json()

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0:
            return
        assert self._closing is not None
        try:
            await asyncio.wait_for(self._closing.wait(), seconds)
        except asyncio.TimeoutError:
            pass

    async def _download(self, request: web.Request) -> web.StreamResponse:
        try:
            self._check_token(request.match_info["token"])
        except ApiError as exc:
            return web.json_response(exc.to_json(), status=exc.status)
        record = self.state.files_by_path.get(request.match_info["path"])
        if record is None or record.data is None:
            return web.json_response({"ok": False, "error_code": 404, "description": "Not Found"}, status=404)
        return web.Response(body=record.data, content_type=record.mime_type or "application/octet-stream")
