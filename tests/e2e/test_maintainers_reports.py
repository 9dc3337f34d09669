"""/stats and /audit as maintainers read them."""
from __future__ import annotations

import datetime as dt
import re

from bot.maintenance import stats
from storage.db import open_session
from storage.models import Chat, Delivery, DeliveryPayload, Feed, Subscription
from tests.maintainers.team import team  # noqa: F401


async def test_stats(team):
    now = team.bot.clock.now
    await team.say(team.outsider, "/start")
    async with open_session(team.bot.engine) as session:
        session.add_all([
            Chat(id=-100_001, type="supergroup", title="G", language="en"),
            Chat(id=-100_002, type="channel", title="C", language="ru", active=False, inactive_reason="kicked"),
        ])
        payload = DeliveryPayload(digest="digest", payload={"text": "Digest"})
        session.add(payload)
        await session.flush()
        session.add_all([
            Subscription(chat_id=team.outsider.id, topic_slug="*"),
            Subscription(chat_id=-100_001, topic_slug="charter"),
            Subscription(chat_id=-100_001, topic_slug="tripp"),
            Subscription(chat_id=-100_002, topic_slug="tripp"),  # an inactive chat does not count
            Delivery(dedup_key="a", chat_id=team.outsider.id, kind="digest", payload_id=payload.id, status="sent",
                     created_at=now - dt.timedelta(hours=2), sent_at=now - dt.timedelta(hours=1)),
            Delivery(dedup_key="b", chat_id=-100_002, kind="digest", payload_id=payload.id, status="failed",
                     created_at=now),
            Delivery(dedup_key="c", chat_id=-100_001, kind="digest", payload_id=payload.id, status="pending",
                     created_at=now),
            Delivery(dedup_key="d", chat_id=-100_001, kind="digest", payload_id=payload.id, status="sent",
                     created_at=now - dt.timedelta(days=3), sent_at=now - dt.timedelta(days=3)),
            Feed(url="https://example.org/rss", status="active", error_count=2, items_count=7,
                 last_error="HTTP 500", last_success_at=now - dt.timedelta(hours=5)),
            Feed(url="https://example.org/atom", status="paused", items_count=3),
        ])
        await session.commit()
    stats = await team.say(team.maintainer, "/stats")
    lines = dict(line.split(": ", 1) for line in stats.split("\n")[1:])
    assert stats.startswith("Statistics\n")
    assert lines["Chats by type"] == "private 3, supergroup 1"  # the outsider, the owner, the maintainer
    assert lines["Inactive (blocked, removed)"] == "1"
    assert lines["Active subscribers"] == "2"
    assert lines["Subscriptions by topic"] == "whole dossier 1, charter 1, tripp 1"
    assert lines["Deliveries in the last 24 hours"] == "failed 1, pending 1, sent 1"
    assert lines["Outbox depth"] == "1"
    assert lines["Feeds"] == ("2 (1 active, 1 paused, 1 failing), 10 items, last success "
                              f"{(now - dt.timedelta(hours=5)):%Y-%m-%d %H:%M} UTC")
    assert lines["Database size"].endswith(("KB", "MB"))
    ru = await team.say(team.owner, "/lang ru") and await team.say(team.owner, "/stats")
    assert ru.startswith("Статистика\nЧаты по типам:")


async def test_audit(team):
    await team.say(team.owner, "/start")  # names come from the maintainers list or the recorded chats
    await team.say(team.maintainer, "/addevent 2026-03-12 | Audit <test> | S. | - | https://apa.az/12")
    await team.say(team.owner, "/maintainers add 555")
    trail = (await team.say(team.maintainer, "/audit 2")).split("\n\n")
    assert trail[0] == "Latest 2 changes"
    assert "Olga (7000001)" in trail[1] and "grant maintainer 555" in trail[1]
    assert "user_id: — → 555" in trail[1]
    assert "Max (7000002)" in trail[2] and "create event" in trail[2]
    assert "title_en: — → Audit <test>" in trail[2]
    def twenty_entries(parts: list[str]) -> bool:
        return len(re.findall(r"^#\d+ · ", "\n".join(parts), re.MULTILINE)) >= 20
    parts = await team.say_all(team.maintainer, "/audit 20", complete=twenty_entries)
    assert len(parts) > 1 and parts[0].startswith("Latest 20 changes")  # split at entries, never inside one
    assert all(p.startswith(("Latest", "#")) for p in parts)
    assert "the command line\nseed event" in parts[-1]  # `briefbot seed` wrote the oldest entries
    for bad in ("/audit 0", "/audit 51", "/audit many", "/audit 1 2"):
        assert (await team.say(team.maintainer, bad)).startswith("Example: /audit or /audit 20 (at most 50)")


async def test_an_unexpected_error_is_one_apology(team, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(stats, "collect", broken)
    sent = team.fake.user_sends(team.maintainer, "/stats")
    reply = (await team.fake.wait_for_messages(team.maintainer, 1, after=sent))[0]
    assert reply.plain == "Sorry, something went wrong on my side. Please try again in a moment."
    await team.fake.assert_no_new_messages(team.maintainer, after=reply)  # no "I do not know /stats" after it


async def test_reports_asked_in_a_group_point_to_the_private_chat_and_show_no_data(team):
    member = team.fake.create_user(first_name="Mia", language_code="en")
    group = team.fake.create_supergroup("Club", creator=team.owner, members=[team.maintainer, member], bot="member")
    async with open_session(team.bot.engine) as session:
        session.add(Feed(url="https://example.org/secret-feed", status="paused", items_count=3))
        await session.commit()
    pointer = f"I show this only in a private chat: write the command to @{team.fake.bot.username}."
    for who, command in ((team.maintainer, "/stats"), (team.maintainer, "/audit"), (team.maintainer, "/feeds"),
                         (team.maintainer, "/feeds add https://example.org/x"), (team.owner, "/maintainers")):
        replies = await team.bot.ask(who, command, group)
        assert [r.plain for r in replies] == [pointer], command
        assert replies[0].buttons == [], command
    await team.fake.assert_no_new_messages(group, after=replies[0])
    assert "secret-feed" in await team.say(team.maintainer, "/feeds")  # in private, as before
