"""A small load balancer for webhook tests: each POST goes to the next replica in turn, and the proxy
remembers which replica got which update and what it answered."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from bot.web.webhook import SECRET_HEADER


@dataclass
class Forwarded:
    update_id: int | None
    replica: int
    status: int | None = None  # the replica's answer (None: not yet); 502 when it could not be reached


@dataclass
class RoundRobinProxy:
    targets: list[str]  # each replica's webhook address
    path: str = "/telegram/webhook"
    turn: int = 0  # the replica the next POST goes to
    posts: list[Forwarded] = field(default_factory=list)

    async def __aenter__(self) -> "RoundRobinProxy":
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_post(self.path, self._forward)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc) -> None:
        await self._runner.cleanup()
        await self._http.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def answers_to(self, update_id: int) -> list[tuple[int, int]]:
        """(replica, status) of each answered POST of the update, in order."""
        return [(post.replica, post.status) for post in self.posts
                if post.update_id == update_id and post.status is not None]

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        index, self.turn = self.turn, (self.turn + 1) % len(self.targets)
        post = Forwarded(_update_id(body), index)
        self.posts.append(post)  # before forwarding: the replica may reply to the user before it answers us
        headers = {"Content-Type": request.headers.get("Content-Type", "application/json")}
        if SECRET_HEADER in request.headers:
            headers[SECRET_HEADER] = request.headers[SECRET_HEADER]
        try:
            async with self._http.post(self.targets[index], data=body, headers=headers) as resp:
                status, answer = resp.status, await resp.read()
        except aiohttp.ClientError:
            status, answer = 502, b"bad gateway\n"
        post.status = status
        return web.Response(status=status, body=answer)


def _update_id(body: bytes) -> int | None:
    try:
        return json.loads(body).get("update_id")
    except (ValueError, AttributeError):
        return None
