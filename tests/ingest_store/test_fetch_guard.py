"""Fetching reaches public hosts only: loopback, private and reserved addresses are refused,
on the first request and on every redirect, unless FETCH_ALLOW_PRIVATE_HOSTS allows them."""
from __future__ import annotations

import ipaddress

import pytest
from aiohttp import web

from bot.config import ConfigError, load_settings
from bot.ingest.feed_poller import BLOCKED_ERROR, poll_feed
from bot.ingest.host_policy import BlockedAddress, HostPolicy, is_public, system_resolver
from bot.ingest.http_fetch import FetchError, FetchLimits, fetch, new_client
from storage import feeds as store
from storage.models import Article

FAST = FetchLimits(max_bytes=256 * 1024, timeout=1.0, total=3.0)
SECRET = b"<html><body><p>internal admin page TOKEN=123456:SECRET</p></body></html>"


def resolving(names: dict[str, list[str]], calls: list[str] | None = None):
    """A resolver that answers for test names and asks the system for the rest."""
    async def resolve(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        return names[host] if host in names else await system_resolver(host, port)
    return resolve


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255", "192.0.2.1", "::1", "::", "fc00::1", "fd12::1",
    "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "2001:db8::1",
])
def test_non_public_addresses(address):
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses(address):
    assert is_public(ipaddress.ip_address(address))


async def test_every_address_a_name_resolves_to_must_be_public():
    policy = HostPolicy(resolver=resolving({"mixed.example.com": ["93.184.216.34", "10.0.0.7"],
                                            "public.example.com": ["93.184.216.34"]}))
    with pytest.raises(BlockedAddress):
        await policy.addresses("mixed.example.com", 80)
    assert await policy.addresses("public.example.com", 80) == ["93.184.216.34"]
    allowed = HostPolicy.allowing(["10.0.0.0/8"], resolver=policy.resolver)
    assert await allowed.addresses("mixed.example.com", 80) == ["93.184.216.34", "10.0.0.7"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433"])
async def test_loopback_is_refused_without_the_allow_list(server, host):
    server.content("/secret", SECRET, content_type="text/html")
    port = server.base.rsplit(":", 1)[1]
    async with new_client(FAST) as client:
        with pytest.raises(FetchError) as refused:
            await fetch(client, f"http://{host}:{port}/secret", limits=FAST)
    assert refused.value.kind == "blocked"
    assert server.requests == []  # refused before any connection


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret", "http://localhost:{port}/secret", "http://[::ffff:7f00:1]:{port}/secret",
    "http://0.0.0.0:{port}/secret",
])
async def test_a_public_host_redirecting_to_loopback_is_refused(server, target):
    """news.example.com stands for a public site: it resolves (in this test) to the local server
    and is allow-listed by name; the redirect it answers with names loopback directly."""
    port = server.base.rsplit(":", 1)[1]
    server.redirect("/story", target.format(port=port), status=302)
    server.content("/secret", SECRET, content_type="text/html")
    policy = HostPolicy.allowing(["news.example.com"], resolver=resolving({"news.example.com": ["127.0.0.1"]}))
    async with new_client(FAST, hosts=policy) as client:
        with pytest.raises(FetchError) as refused:
            await fetch(client, f"http://news.example.com:{port}/story", limits=FAST)
    assert refused.value.kind == "blocked"
    assert [seen.path for seen in server.requests] == ["/story"]


async def test_the_connection_goes_to_the_address_that_was_checked(server):
    """The name is resolved once, by the policy, and the socket opened to that address:
    no second lookup at connect time could answer with another one (DNS rebinding)."""
    server.content("/page", b"<html>hello</html>", content_type="text/html")
    port = server.base.rsplit(":", 1)[1]
    calls: list[str] = []
    policy = HostPolicy.allowing(["127.0.0.0/8"], resolver=resolving({"rebind.example.com": ["127.0.0.1"]}, calls))
    async with new_client(FAST, hosts=policy) as client:
        page = await fetch(client, f"http://rebind.example.com:{port}/page", limits=FAST)
    assert page.body == b"<html>hello</html>" and calls == ["rebind.example.com"]
    assert server.seen("/page")[0].headers["Host"] == f"rebind.example.com:{port}"


async def test_redirects_only_to_http_and_at_most_five(server):
    server.redirect("/ftp", "ftp://example.org/feed.rss")
    for hop in range(7):
        server.redirect(f"/hop{hop}", server.url(f"/hop{hop + 1}"))
    async with new_client(FAST, hosts=HostPolicy.allowing(["127.0.0.1"])) as client:
        with pytest.raises(FetchError, match="not http"):
            await fetch(client, server.url("/ftp"), limits=FAST)
        with pytest.raises(FetchError, match="more than 5 redirects"):
            await fetch(client, server.url("/hop0"), limits=FAST)


async def test_a_feed_on_a_private_address_fails_without_naming_it(seeded_session, rules, now, server):
    server.fixture("/feed.rss", "feed_v1.rss")
    feed = await store.add_feed(seeded_session, url=server.url("/feed.rss"), now=now)
    await seeded_session.commit()
    async with new_client(FAST) as client:
        result = await poll_feed(seeded_session, feed, client=client, now=now, rules=rules, limits=FAST,
                                 page_limits=FAST)
    assert (result.status, result.error) == ("failed", BLOCKED_ERROR)
    assert server.requests == [] and await seeded_session.get(Article, 1) is None


def test_the_allow_list_setting():
    settings = load_settings(_env_file=None, fetch_allow_private_hosts="127.0.0.1, intranet.example, 10.0.0.0/8")
    policy = settings.fetch_hosts
    assert policy.allowed_names == {"intranet.example"}
    assert [str(n) for n in policy.allowed_networks] == ["127.0.0.1/32", "10.0.0.0/8"]
    assert load_settings(_env_file=None).fetch_hosts.allowed_networks == ()
    with pytest.raises(ConfigError, match="FETCH_ALLOW_PRIVATE_HOSTS: 'http://x/' is neither"):
        load_settings(_env_file=None, fetch_allow_private_hosts="http://x/")
