"""An announcement to many subscribers is written in batches, never every row in memory at once."""
from __future__ import annotations

from bot.maintenance import announcements
from bot.maintenance.announcements import Recipient, enqueue_announcement
from storage.db import open_session
from tests.delivery.helpers import NOW, deliveries, record_chats


async def test_an_announcement_is_written_a_batch_of_recipients_at_a_time(engine, monkeypatch):
    to = [Recipient(chat_id, "en" if chat_id % 2 else "ru") for chat_id in range(1, 251)]
    await record_chats(engine, [(r.chat_id, "private") for r in to])
    parts = {"en": ["Hello", "and more"], "ru": ["Привет"]}
    batches = []
    real_enqueue = announcements.enqueue

    async def counting_enqueue(session, *, drafts, now):
        batches.append({draft.chat_id for draft in drafts})
        return await real_enqueue(session, drafts=drafts, now=now)

    monkeypatch.setattr(announcements, "BATCH", 100)
    monkeypatch.setattr(announcements, "enqueue", counting_enqueue)
    async with open_session(engine) as session:
        written = await enqueue_announcement(session, announcement_id=7, parts_by_language=parts, to=to, now=NOW)
        await session.commit()

    assert [len(chats) for chats in batches] == [100, 100, 50]  # recipients per INSERT
    assert written == 125 * 2 + 125
    rows = await deliveries(engine)
    assert {key for key in rows if key.startswith("announce:7:")} == {
        f"announce:7:{r.chat_id}:{i}" for r in to for i in range(len(parts[r.language]))}
    assert rows["announce:7:2:0"].payload["text"] == "Привет" and rows["announce:7:1:1"].payload["text"] == "and more"

    async with open_session(engine) as session:  # written again (a retried confirmation): nothing new
        assert await enqueue_announcement(session, announcement_id=7, parts_by_language=parts, to=to, now=NOW) == 0
