"""/addarticle by URL (a local HTTP server), pasted and forwarded text; /feeds with its buttons."""
from __future__ import annotations

from sqlmodel import select

from storage.db import open_session
from storage.models import Article, Feed
from tests.maintainers.team import local_server, team  # noqa: F401

PASTED = (" date 2026-01-05 В Конгрессе обсудили 907-ю поправку | Caspian Courier | Политика\n"
          "Группа конгрессменов США предложила отменить поправку 907 к Акту в поддержку свободы, "
          "ограничивающую помощь Азербайджану.\nЗаконопроект передан в профильный комитет.\n")


async def test_an_article_by_url_then_its_duplicate(team, local_server):
    local_server.fixture("/article.html", "article.html", content_type="text/html; charset=utf-8")
    url = local_server.url("/article.html")
    first = await team.say(team.maintainer, f"/addarticle {url}")
    assert first.startswith("Stored as a new article (#")
    assert "Вэнс и Алиев подписали Хартию о стратегическом партнерстве" in first
    assert "Date: 10 February 2026" in first
    topics = next(line for line in first.split("\n") if line.startswith("Topics: "))
    assert set(topics.removeprefix("Topics: ").split(", ")) == {"charter", "tripp"}
    assert "Relevant to the dossier" in first
    again = await team.say(team.maintainer, f"/addarticle {url}")
    assert again.startswith("A duplicate of #") and "not stored again" in again
    assert "Вэнс и Алиев подписали Хартию" in await team.say(team.outsider, "/latest")


async def test_unreachable_pages_and_bad_urls(team, local_server):
    local_server.status("/gone", 404)
    # Every fetch failure reads the same: no status, host or error text to probe a network with.
    assert await team.say(team.maintainer, f"/addarticle {local_server.url('/gone')}") == (
        "Not stored: the address could not be fetched.")
    assert "is not a web address" in await team.say(team.maintainer, "/addarticle ftp://example.org/x")
    assert (await team.say(team.maintainer, "/addarticle")).startswith("Examples: /addarticle https://")


async def test_pasted_and_forwarded_text(team):
    pasted = team.fake.user_sends(team.maintainer, PASTED)
    await team.fake.wait_for_messages(team.maintainer, 1, after=pasted)  # the readers' "I answer commands"
    command = team.fake.user_sends(team.maintainer, "/addarticle", reply_to=pasted)
    reply = (await team.fake.wait_for_messages(team.maintainer, 1, after=command))[0].plain
    assert reply.startswith("Stored as a new article") and "В Конгрессе обсудили 907-ю поправку" in reply
    assert "Date: 5 January 2026" in reply and "Topics: amendment907" in reply

    channel = team.fake.create_channel("Caspian Wire", username="caspianwire")
    post = ("Вэнс прибыл в Баку, где обсудил с Алиевым хартию о стратегическом партнерстве и маршрут TRIPP. "
            "Стороны договорились продолжить переговоры по поправке 907.")
    forwarded = team.fake.user_forwards(team.owner, channel, text=post)
    await team.fake.wait_for_messages(team.owner, 1, after=forwarded)
    command = team.fake.user_sends(team.owner, "/addarticle", reply_to=forwarded)
    reply = (await team.fake.wait_for_messages(team.owner, 1, after=command))[0].plain
    assert reply.startswith("Stored as a new article") and "(no date found: today's)" in reply
    async with open_session(team.bot.engine) as session:
        urls = set((await session.exec(select(Article.url))).all())
    assert f"https://t.me/caspianwire/{forwarded.data['forward_origin']['message_id']}" in urls


async def test_feeds_add_list_pause_resume_remove_undo(team, local_server):
    local_server.fixture("/feed.rss", "feed_v1.rss")
    local_server.content("/broken.xml", b"<rss><channel><item>", content_type="application/xml")
    url = local_server.url("/feed.rss")
    assert (await team.say(team.owner, "/feeds")).startswith("No feeds yet.")
    assert "I could not use" in await team.say(team.owner, f"/feeds add {local_server.url('/broken.xml')}")
    assert await team.say(team.owner, f"/feeds add {local_server.url('/none.rss')}") == (
        f"I could not use {local_server.url('/none.rss')} as a feed: the address could not be fetched. "
        "Nothing was saved.")
    added = await team.say(team.owner, f"/feeds add {url}")
    assert added.startswith(f"Added {url} (") and "polled every 15 minutes" in added
    assert "on the list already" in await team.say(team.owner, f"/feeds add {url}")
    listed = (await team.ask(team.owner, "/feeds"))[0]
    assert "· active ·" in listed.plain and "items: 0; last success: —" in listed.plain
    feed_id = listed.plain.split("#")[1].split(" ")[0]
    assert listed.button_texts == [f"Pause #{feed_id}", f"Remove #{feed_id}"]

    query = team.fake.press_button(team.owner, listed, f"Pause #{feed_id}")
    assert (await team.fake.wait_for_callback_answer(query))["text"] == f"Feed #{feed_id} paused."
    paused = await team.fake.wait_for_edit(listed)
    assert "· paused ·" in paused.plain and paused.button_texts[0] == f"Resume #{feed_id}"
    team.fake.press_button(team.owner, paused, f"Resume #{feed_id}")
    resumed = await team.fake.wait_for_edit(listed, count=2)
    assert "· active ·" in resumed.plain
    team.fake.press_button(team.owner, resumed, f"Remove #{feed_id}")
    assert (await team.fake.wait_for_edit(listed, count=3)).plain.startswith("No feeds yet.")

    assert (await team.say(team.owner, "/undo")).startswith(f"Undone: remove of feed {url}")
    async with open_session(team.bot.engine) as session:
        feed = (await session.exec(select(Feed).where(Feed.url == url))).one()
    assert feed.status == "active" and feed.title == "Caspian Courier"
    assert (await team.say(team.owner, "/undo")).startswith(f"Undone: resume of feed {url}")
    assert "· paused ·" in await team.say(team.owner, "/feeds")


async def test_refusals_come_in_the_maintainers_language(team, local_server):
    local_server.content("/front.html", b"<html><head><title>Home</title></head><body><nav>Menu</nav></body></html>",
                         content_type="text/html; charset=utf-8")
    url = local_server.url("/front.html")
    assert await team.say(team.owner, f"/addarticle {url}") == (
        "Not stored: no article text found in the HTML page.")
    await team.say(team.maintainer, "/lang ru")
    assert await team.say(team.maintainer, f"/addarticle {url}") == (
        "Не сохранено: на HTML-странице не найден текст статьи.")
    pasted = team.fake.user_sends(team.maintainer, " date 2026-02-30 Заголовок | Outlet | Раздел\nТекст статьи.")
    await team.fake.wait_for_messages(team.maintainer, 1, after=pasted)
    command = team.fake.user_sends(team.maintainer, "/addarticle", reply_to=pasted)
    reply = (await team.fake.wait_for_messages(team.maintainer, 1, after=command))[0].plain
    assert reply == "Не сохранено: невозможная дата «2026-02-30» в строке даты (day is out of range for month)."
    local_server.status("/gone", 404)
    assert await team.say(team.maintainer, f"/addarticle {local_server.url('/gone')}") == (
        "Не сохранено: адрес не удалось загрузить.")  # the status is the server's detail: not told
