"""Which hosts the bot may fetch from: public addresses only, unless allow-listed.

A page or feed URL comes from a maintainer or from a feed's entries, so it
may name (or redirect to) the bot's own machine or network. Every connection
resolves its host once, checks every address, and connects to a checked
address (`guarded_transport`), so a name cannot resolve to something else
between the check and the connection. Allowed: globally routable unicast
addresses; the allow-list (FETCH_ALLOW_PRIVATE_HOSTS) adds host names,
addresses and networks for tests and private deployments.
"""
from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]
CGNAT = ipaddress.ip_network("100.64.0.0/10")


class BlockedAddress(Exception):
    """The host is, or resolves to, an address the policy refuses (the detail is for logs only)."""


async def system_resolver(host: str, port: int) -> list[str]:
    """The host's addresses from the system resolver (in a worker thread, as asyncio does)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in infos))


def is_public(address: IPAddress) -> bool:
    """A globally routable unicast address (IPv4-mapped IPv6 judged as the IPv4 it holds)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if (address.is_loopback or address.is_private or address.is_link_local or address.is_multicast
            or address.is_reserved or address.is_unspecified or address in CGNAT):
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return False
    return address.is_global


def parse_entry(entry: str) -> str | IPNetwork:
    """An allow-list entry: a network (an address is a /32 or /128) or a lower-case host name."""
    entry = entry.strip()
    try:
        return ipaddress.ip_network(entry.strip("[]"), strict=False)
    except ValueError:
        pass
    name = entry.lower().rstrip(".")
    if not name or any(c in name for c in "/:@ ") or name.startswith("."):
        raise ValueError(f"{entry!r} is neither a host name, an IP address nor a CIDR network")
    return name


@dataclass(frozen=True)
class HostPolicy:
    allowed_names: frozenset[str] = frozenset()
    allowed_networks: tuple[IPNetwork, ...] = ()
    resolver: Resolver = field(default=system_resolver, compare=False)

    @classmethod
    def allowing(cls, entries: Iterable[str] = (), *, resolver: Resolver = system_resolver) -> HostPolicy:
        parsed = [parse_entry(entry) for entry in entries if entry.strip()]
        return cls(frozenset(p for p in parsed if isinstance(p, str)),
                   tuple(p for p in parsed if not isinstance(p, str)), resolver)

    def address_allowed(self, address: IPAddress) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            mapped = address.ipv4_mapped
            if any(mapped in network for network in self.allowed_networks):
                return True
        return is_public(address) or any(address in network for network in self.allowed_networks)

    async def addresses(self, host: str, port: int) -> list[str]:
        """The addresses to connect to for `host`; BlockedAddress unless every one is allowed."""
        # A name may resolve to several addresses and the connection may use any: all must pass.
        name = host.lower().rstrip(".").strip("[]")
        try:
            literal = ipaddress.ip_address(name.split("%")[0])
        except ValueError:
            literal = None
        if literal is not None:
            if not self.address_allowed(literal):
                raise BlockedAddress(f"{host} is not a public address")
            return [str(literal)]
        found = await self.resolver(name, port)  # OSError: the name does not resolve
        if not found:
            raise OSError(f"{host} does not resolve")
        if name in self.allowed_names:
            return found
        refused = [a for a in found if not self.address_allowed(ipaddress.ip_address(a))]
        if refused:
            raise BlockedAddress(f"{host} resolves to non-public {', '.join(refused)}")
        return found


STRICT = HostPolicy()
