"""One article from a URL or pasted text (the maintainers' /addarticle), through the same pipeline."""
from __future__ import annotations

import datetime as dt

from bot.ingest.fetch_one import PASTED_ORIGIN, ingest_text, ingest_url
from bot.ingest.http_fetch import new_client
from tests.ingest_store.http_server import LIMITS, LOCAL_HOSTS

PASTED = (" date 2026-01-05 В Конгрессе обсудили 907-ю поправку | Caspian Courier | Политика\n"
          "Группа конгрессменов США предложила отменить поправку 907 к Акту в поддержку свободы, "
          "ограничивающую помощь Азербайджану.\nЗаконопроект передан в профильный комитет.\n")


async def test_an_article_page_by_url(seeded_session, rules, now, server):
    server.fixture("/article.html", "article.html", content_type="text/html; charset=utf-8")
    async with new_client(LIMITS, hosts=LOCAL_HOSTS) as client:
        first = await ingest_url(seeded_session, server.url("/article.html"), client=client, now=now, rules=rules,
                                 limits=LIMITS)
        await seeded_session.commit()
        again = await ingest_url(seeded_session, server.url("/article.html"), client=client, now=now, rules=rules,
                                 limits=LIMITS)
    assert first.status == "new" and first.title == "Вэнс и Алиев подписали Хартию о стратегическом партнерстве"
    assert first.published == dt.date(2026, 2, 10) and first.relevant
    assert set(first.topics) == {"charter", "tripp"}
    assert (again.status, again.duplicate_of, again.matched_by) == ("duplicate", first.article_id, "url")


async def test_unreachable_or_empty_pages_are_rejected_with_the_reason(seeded_session, rules, now, server):
    server.status("/gone", 404)
    server.fixture("/front.html", "no_article.html", content_type="text/html")
    async with new_client(LIMITS, hosts=LOCAL_HOSTS) as client:
        gone = await ingest_url(seeded_session, server.url("/gone"), client=client, now=now, rules=rules, limits=LIMITS)
        front = await ingest_url(seeded_session, server.url("/front.html"), client=client, now=now, rules=rules,
                                 limits=LIMITS)
        bad = await ingest_url(seeded_session, "ftp://example.org/x", client=client, now=now, rules=rules)
    # The status stays in the log: what a maintainer reads names no server detail.
    assert (gone.status, gone.reason) == ("rejected", "the address could not be fetched")
    assert (front.status, front.reason) == ("rejected", "no article text found in the HTML page")
    assert (bad.status, bad.reason) == ("rejected", "the address could not be fetched")


async def test_pasted_text(seeded_session, rules, now):
    outcome = await ingest_text(seeded_session, PASTED, now=now, rules=rules)
    assert (outcome.status, outcome.origin, outcome.published) == ("new", PASTED_ORIGIN, dt.date(2026, 1, 5))
    assert outcome.title == "В Конгрессе обсудили 907-ю поправку" and outcome.topics == ("amendment907",)
    assert (await ingest_text(seeded_session, PASTED, now=now, rules=rules)).status == "duplicate"
    short = await ingest_text(seeded_session, "Вэнс прибыл в Баку с коротким визитом.", now=now, rules=rules)
    assert short.status == "rejected" and "too short" in short.reason
    assert (await ingest_text(seeded_session, "  ", now=now, rules=rules)).reason == "empty input: no text at all"
