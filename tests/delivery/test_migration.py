"""A group upgraded to a supergroup: its settings, subscriptions, schedules and pushes follow it."""
from __future__ import annotations

from sqlmodel import select

from storage.chats import deactivate_chat, move_chat
from storage.db import open_session
from storage.models import Chat, Delivery, Schedule, Subscription
from tests.delivery.helpers import NOW, chat_row, deliveries, digest, push, record_chats, running_sender


async def _subscribe(db, chat_id: int, topics: list[str], kinds: list[str]) -> None:
    async with open_session(db) as session:
        session.add_all(Subscription(chat_id=chat_id, topic_slug=t, created_at=NOW) for t in topics)
        session.add_all(Schedule(chat_id=chat_id, kind=k, time_local="08:30", timezone="Europe/Berlin",
                                 created_at=NOW, updated_at=NOW) for k in kinds)
        await session.commit()


async def _holdings(db, chat_id: int) -> tuple[list[str], list[tuple[str, str]]]:
    async with open_session(db) as session:
        topics = (await session.exec(select(Subscription.topic_slug).where(Subscription.chat_id == chat_id)
                                     .order_by(Subscription.topic_slug))).all()
        schedules = (await session.exec(select(Schedule).where(Schedule.chat_id == chat_id)
                                        .order_by(Schedule.kind))).all()
    return list(topics), [(s.kind, s.time_local) for s in schedules]


async def test_migrated_group_gets_its_pushes_in_the_supergroup(fake, engine):
    owner = fake.create_user(first_name="Owner")
    group = fake.create_group("Readers", creator=owner, bot="member")
    await record_chats(engine, [(group.id, "group")], title="Readers", language="en", timezone="Europe/Berlin")
    await _subscribe(engine, group.id, ["charter", "tripp"], ["digest", "onthisday"])
    await push(engine, [digest(group.id, part) for part in range(3)])
    supergroup = fake.migrate_group(group, emit=False)

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)

    assert [m.text for m in fake.messages(supergroup)] == [f"Digest part {p}" for p in range(3)]
    assert [m.text for m in fake.sent_messages()] == [f"Digest part {p}" for p in range(3)]
    rows = await deliveries(engine)
    assert {(r.chat_id, r.status) for r in rows.values()} == {(supergroup.id, "sent")}
    old, new = await chat_row(engine, group.id), await chat_row(engine, supergroup.id)
    assert (old.active, old.migrated_to) == (False, supergroup.id)
    assert (new.type, new.title, new.language, new.timezone, new.active) == (
        "supergroup", "Readers", "en", "Europe/Berlin", True)
    assert await _holdings(engine, supergroup.id) == (["charter", "tripp"], [("digest", "08:30"), ("onthisday", "08:30")])
    assert await _holdings(engine, group.id) == ([], [])
    assert sender.stats.moved_chats == 1

    # A push enqueued for the old id later still reaches the supergroup, without a refused call.
    calls = len(fake.calls("sendMessage"))
    await push(engine, [digest(group.id, 9)])
    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)
    assert fake.messages(supergroup)[-1].text == "Digest part 9"
    assert len(fake.calls("sendMessage")) == calls + 1
    assert (await deliveries(engine))[f"digest:1:{group.id}:9"].chat_id == supergroup.id


async def test_move_chat_keeps_what_the_supergroup_already_has(engine):
    await record_chats(engine, [(-100, "group")], language="en", timezone="Europe/Berlin")
    await record_chats(engine, [(-1002, "supergroup")], language="ru", timezone="Asia/Baku")
    await _subscribe(engine, -100, ["charter", "tripp"], ["digest", "onthisday"])
    await _subscribe(engine, -1002, ["charter"], ["digest"])
    await push(engine, [digest(-100), digest(-100, 1)])

    for _ in range(2):  # idempotent: the /start handler or a service message may move it first
        async with open_session(engine) as session:
            await move_chat(session, old_id=-100, new_id=-1002, now=NOW)
            await session.commit()

    new = await chat_row(engine, -1002)
    assert (new.language, new.timezone) == ("ru", "Asia/Baku")
    topics, schedules = await _holdings(engine, -1002)
    assert topics == ["charter", "tripp"]
    assert [kind for kind, _ in schedules] == ["digest", "onthisday"]
    assert await _holdings(engine, -100) == ([], [])
    async with open_session(engine) as session:
        assert set((await session.exec(select(Delivery.chat_id))).all()) == {-1002}
        assert (await session.get(Chat, -100)).migrated_to == -1002


async def test_deactivate_chat(engine):
    await record_chats(engine, [(7, "private")])
    async with open_session(engine) as session:
        assert await deactivate_chat(session, chat_id=7, reason="403: Forbidden: bot was blocked by the user", now=NOW)
        assert not await deactivate_chat(session, chat_id=8, reason="unknown", now=NOW)
        await session.commit()
    chat = await chat_row(engine, 7)
    assert (chat.active, chat.inactive_reason) == (False, "403: Forbidden: bot was blocked by the user")


async def test_a_push_to_a_migrated_group_settles_a_clashing_schedule_and_tells_its_admins(fake, engine):
    """The sender learns of the upgrade from Telegram's 400: the newer schedule stays, each admin gets a notice."""
    import datetime as dt

    from storage.models import ChatAdmin

    owner = fake.create_user(first_name="Owner", language_code="en")
    group = fake.create_group("Readers", creator=owner, bot="member")
    supergroup = fake.migrate_group(group, emit=False)
    await record_chats(engine, [(group.id, "group"), (owner.id, "private")], title="Readers", language="en")
    await record_chats(engine, [(supergroup.id, "supergroup")], title="Readers", language="en")
    later = NOW + dt.timedelta(minutes=5)
    async with open_session(engine) as session:
        session.add(ChatAdmin(chat_id=group.id, user_id=owner.id, linked_via="group"))
        session.add(Schedule(chat_id=group.id, kind="digest", time_local="09:00", timezone="UTC",
                             created_at=NOW, updated_at=later))
        session.add(Schedule(chat_id=supergroup.id, kind="digest", time_local="18:00", timezone="UTC",
                             created_at=NOW, updated_at=NOW))
        await session.commit()
    await push(engine, [digest(group.id)])
    moves = []

    async with running_sender(fake, engine) as sender:
        sender.on_chat_moved = moves.append
        await sender.wait_idle(timeout=10)
        await fake.wait_for_messages(owner, 1)

    assert [m.text for m in fake.messages(supergroup)] == ["Digest part 0"]
    assert fake.messages(owner)[0].text.startswith(
        "Readers became a supergroup that already had a “Digest” schedule. I kept the one changed last "
        "(daily at 09:00, UTC) and removed the other (daily at 18:00, UTC).")
    assert await _holdings(engine, supergroup.id) == ([], [("digest", "09:00")])
    assert [(m.old_id, m.chat.id, len(m.clashes)) for m in moves] == [(group.id, supergroup.id, 1)]
    async with open_session(engine) as session:
        links = (await session.exec(select(ChatAdmin.chat_id))).all()
    assert links == [supergroup.id]
