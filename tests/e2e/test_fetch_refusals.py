"""/addarticle and /feeds add refuse addresses that are not public, and say so without
naming hosts, ports or errors (the bot must not serve as a probe of its own network)."""
from __future__ import annotations

import socket

from sqlmodel import func, select

from bot.render.maint_reports import article_reply
from bot.ingest.refusals import Refusal
from bot.ingest.store import rejected
from storage.db import open_session
from storage.models import Article, Feed
from tests.maintainers.team import local_server, team  # noqa: F401

SECRET = ("<html><body><article><p>" + "Internal admin page with TOKEN=123456:SECRET. " * 20
          + "</p></article></body></html>")
BLOCKED = "Not stored: this address is not allowed (I fetch only public websites)."
FAILED = "Not stored: the address could not be fetched."


async def count(team, model) -> int:
    async with open_session(team.bot.engine) as session:
        return (await session.exec(select(func.count()).select_from(model))).one()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens there once the probe is closed


async def test_addarticle_refuses_a_loopback_page(team, local_server):
    team.bot.settings.fetch_allow_private_hosts = ()  # production's default: no private hosts
    local_server.content("/admin", SECRET.encode(), content_type="text/html")
    assert await team.say(team.maintainer, f"/addarticle {local_server.url('/admin')}") == BLOCKED
    assert local_server.requests == [] and await count(team, Article) == 0


async def test_addarticle_refuses_a_redirect_to_loopback(team, local_server):
    """localhost is allow-listed by name here, standing for a public site; it redirects to 127.0.0.1."""
    team.bot.settings.fetch_allow_private_hosts = ("localhost",)
    port = local_server.base.rsplit(":", 1)[1]
    local_server.redirect("/story", local_server.url("/admin"), status=302)
    local_server.content("/admin", SECRET.encode(), content_type="text/html")
    assert await team.say(team.maintainer, f"/addarticle http://localhost:{port}/story") == BLOCKED
    assert [seen.path for seen in local_server.requests] == ["/story"] and await count(team, Article) == 0


async def test_fetch_failures_all_read_the_same(team, local_server):
    """A closed port, a 404 and a 500 cannot be told apart from chat (no port scanning)."""
    local_server.status("/gone", 404)
    local_server.status("/broken", 500, "Traceback: db at 10.0.0.5:5432")
    replies = {await team.say(team.maintainer, f"/addarticle {url}") for url in (
        f"http://127.0.0.1:{closed_port()}/x", local_server.url("/gone"), local_server.url("/broken"))}
    assert replies == {FAILED}


async def test_feeds_add_refuses_a_private_address(team, local_server):
    team.bot.settings.fetch_allow_private_hosts = ()
    local_server.fixture("/feed.rss", "feed_v1.rss")
    url = local_server.url("/feed.rss")
    assert await team.say(team.owner, f"/feeds add {url}") == (
        f"I could not use {url} as a feed: this address is not allowed (I fetch only public websites). "
        "Nothing was saved.")
    closed = f"http://127.0.0.1:{closed_port()}/feed.rss"
    team.bot.settings.fetch_allow_private_hosts = ("127.0.0.1",)
    assert await team.say(team.owner, f"/feeds add {closed}") == (
        f"I could not use {closed} as a feed: the address could not be fetched. Nothing was saved.")
    assert local_server.requests == [] and await count(team, Feed) == 0


def test_the_russian_replies():
    blocked = rejected("x", Refusal.of("fetch_blocked"))
    failed = rejected("x", Refusal.of("fetch_failed"))
    assert article_reply("ru", blocked).text == (
        "Не сохранено: этот адрес не разрешён (я загружаю только общедоступные сайты).")
    assert article_reply("ru", failed).text == "Не сохранено: адрес не удалось загрузить."
