"""An httpx transport that connects only to addresses a HostPolicy allows.

httpcore hands each new connection's host to the network backend; this
backend resolves it once, checks every address, and opens the socket to a
checked address itself, so DNS cannot answer differently between the check
and the connection (rebinding). TLS still verifies the certificate against
the host name: httpcore passes the URL's host as the server name, not the
address connected to. Redirects open new connections, so every hop is checked.

httpx has no public parameter for the network backend yet (encode/httpx
PR #3749), so the transport's pool is replaced by an httpcore pool (public
API) built with it.
"""
from __future__ import annotations

import asyncio
import typing

import httpcore
import httpx

from bot.ingest.host_policy import HostPolicy


class GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):  # the lookup counts against the connect timeout
                addresses = await self.policy.addresses(host, port)  # BlockedAddress goes up as it is
        except OSError as exc:
            raise httpcore.ConnectError(f"{host} does not resolve") from exc
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"{host} did not resolve in time") from None
        error: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                    socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error  # type: ignore[misc] - addresses is never empty

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # pragma: no cover
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


def guarded_transport(policy: HostPolicy) -> httpx.AsyncHTTPTransport:
    """A plain httpx transport (no proxies from the environment) whose connections pass `policy`."""
    transport = httpx.AsyncHTTPTransport(trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(  # noqa: SLF001 - see the module docstring
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0,
        network_backend=GuardedBackend(policy),
    )
    return transport
