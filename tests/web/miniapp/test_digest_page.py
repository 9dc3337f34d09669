"""GET /digests/<key>: the whole of a digest sent to a channel, through the link under it."""
from __future__ import annotations

import datetime as dt
import re

from sqlmodel import select

from storage.db import open_session
from storage.models import Event, EventTopic, Topic
from tests.e2e.test_web_buttons import actions, channel_digest_of
from tests.e2e.test_pushes import news
from tests.web.pages.pages_html import read, text_of


async def test_the_link_under_a_channel_digest_shows_every_article(site):
    post = await channel_digest_of(site.bot, 13)
    shown = [line for line in post.plain.splitlines() if line.startswith("Article")]
    assert len(shown) == 10  # the post itself: the first ten
    [action] = actions(post)
    response = await site.client.get(site.path_of(action["url"]))
    assert response.status == 200
    assert response.headers["X-Robots-Tag"] == "noindex" and "no-store" in response.headers["Cache-Control"]
    text = text_of(await response.text())
    assert "Digest, 8 August 2026" in text and "13 new articles" in text
    titles = [f"Article {i:02d}" for i in range(13)]
    assert all(title in text for title in titles)
    # Most relevant first, as in the post.
    assert [text.index(title) for title in reversed(titles)] == sorted(text.index(title) for title in titles)


async def test_the_page_speaks_the_digests_language_unless_asked_otherwise(site):
    post = await channel_digest_of(site.bot, 12)
    path = site.path_of(actions(post)[0]["url"])
    english = text_of(await (await site.client.get(path, headers={"Accept-Language": "ru"})).text())
    assert "Digest, 8 August 2026" in english  # the channel's digest was in English
    russian = text_of(await (await site.client.get(path + "?lang=ru")).text())
    assert "Дайджест, 8 августа 2026" in russian and "12 новых статей" in russian


async def add_events(bot, count: int) -> None:
    """Events a maintainer added on TRIPP after the channel's schedule was made."""
    async with open_session(bot.engine) as session:
        tripp = (await session.exec(select(Topic.id).where(Topic.slug == "tripp"))).one()
        for i in range(count):
            event = Event(slug=f"new-event-{i}", date=dt.date(2026, 8, 1 + i), precision="day", title_ru=f"Событие {i}",
                          title_en=f"Event {i}", summary_ru="Кратко.", summary_en="In short.",
                          created_at=bot.clock.now + dt.timedelta(minutes=1))
            session.add(event)
            await session.flush()
            session.add(EventTopic(event_id=event.id, topic_id=tripp))
        await session.commit()


async def test_new_dossier_events_are_all_listed(site):
    await add_events(site.bot, 7)
    post = await channel_digest_of(site.bot, 11)
    assert "…and 2 more events" in post.plain
    text = text_of(await (await site.client.get(site.path_of(actions(post)[0]["url"]))).text())
    assert all(f"Event {i}" in text for i in range(7))


async def test_unknown_or_malformed_keys_are_404(site):
    for key in ("AAAAAAAAAAAAAAAAAAAAAA", "short", "x" * 200, "..%2F..%2Fetc"):
        response = await site.client.get(f"/digests/{key}")
        assert response.status == 404, key
        assert "No such digest" in text_of(await response.text()) or "Такого дайджеста нет" in text_of(
            await response.text())


async def test_the_digest_page_in_the_mini_app_links_under_app(site):
    post = await channel_digest_of(site.bot, 11)
    path = site.path_of(actions(post)[0]["url"])
    html = await (await site.client.get("/app" + path)).text()
    links = read(html).links
    assert 'class="in-app"' in html and "telegram-web-app.js" in html
    assert any(link.startswith("/app/topics/") for link in links) and "/app/pushes" in links


async def test_a_shared_digest_link_has_an_open_graph_preview(site):
    post = await channel_digest_of(site.bot, 13)
    html = await (await site.client.get(site.path_of(actions(post)[0]["url"]))).text()
    assert '<meta property="og:title" content="Digest, 8 August 2026">' in html
    [description] = re.findall(r'<meta property="og:description" content="([^"]*)">', html)
    assert description.startswith("13 new articles: Article ") and len(description) <= 200
    assert '<meta property="og:url" content="https://' in html
