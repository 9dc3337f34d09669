"""/announce: preview and count, confirm, delivery to every active subscriber, a running report."""
from __future__ import annotations

import re

from sqlmodel import select

from bot.briefing.subscriptions import subscribe
from storage.db import open_session
from storage.models import AuditEntry, Chat
from tests.maintainers.team import team  # noqa: F401

SUBSCRIBERS = 500


async def add_subscribers(bot, count: int, *, topic=None, language="en") -> list:
    users = [bot.fake.create_user(first_name=f"Reader {i}", language_code=language) for i in range(count)]
    async with open_session(bot.engine) as session:
        for user in users:
            session.add(Chat(id=user.id, type="private", language=language))
        await session.flush()
        for user in users:
            await subscribe(session, chat_id=user.id, topics=(topic,) if topic else None, now=bot.clock.now)
        await session.commit()
    return users


async def test_announce_to_500_subscribers_with_a_blocked_one(team):
    bot = team.bot
    readers = await add_subscribers(bot, SUBSCRIBERS - 2)
    readers += await add_subscribers(bot, 2, language="ru")
    bot.fake.block_bot(readers[17], emit=False)
    preview, confirm = await team.ask(team.maintainer, "/announce The dossier now covers <the 2026 talks> & more.",
                                      count=2)
    assert preview.plain == "📣 Announcement\n\nThe dossier now covers <the 2026 talks> & more."
    assert confirm.plain.endswith(f"It goes to {SUBSCRIBERS} active subscribers. Send it?")
    assert confirm.button_texts == [f"Send to {SUBSCRIBERS}", "Cancel"]
    asked = confirm.plain
    assert all(not bot.fake.messages(r) for r in readers[:3])  # nothing goes out before Confirm

    bot.fake.press_button(team.maintainer, confirm, f"Send to {SUBSCRIBERS}")
    final = await bot.fake.wait_for(
        lambda: (m := bot.fake.messages(team.maintainer)[-1]).plain.startswith("Done") and m, timeout=60)
    assert final.plain == (f"Done: {SUBSCRIBERS - 1} of {SUBSCRIBERS} delivered; 1 blocked the bot; 0 failed.")
    # Before the final count the same message showed the queue and the running count.
    earlier = [version.get("text", "") for version in final.edits]
    assert earlier[:2] == [asked, f"Sending to {SUBSCRIBERS} subscribers…"]
    assert any(re.fullmatch(r"Sending: \d+ of 500 delivered so far \(blocked: [01], failed: 0\)\.", e) for e in earlier)
    for reader in readers[:3] + readers[-2:]:
        [message] = bot.fake.messages(reader)
        assert message.plain.endswith("The dossier now covers <the 2026 talks> & more.")
    assert bot.fake.messages(readers[-1])[0].plain.startswith("📣 Объявление")
    assert bot.fake.messages(readers[17]) == []
    async with open_session(bot.engine) as session:
        assert (await session.get(Chat, readers[17].id)).active is False
        entry = (await session.exec(select(AuditEntry).where(AuditEntry.action == "announce"))).one()
    assert entry.actor_id == team.maintainer.id and entry.after["recipients"] == SUBSCRIBERS


async def test_announce_to_one_topic_cancel_and_bad_input(team):
    bot = team.bot
    await add_subscribers(bot, 3, topic="charter")
    tripp = await add_subscribers(bot, 2, topic="tripp")
    everything = await add_subscribers(bot, 1)
    _, confirm = await team.ask(team.owner, "/announce #charter Signing ceremony tomorrow", count=2)
    assert "the 4 active subscribers of “charter”" in confirm.plain
    bot.fake.press_button(team.owner, confirm, "Cancel")
    assert (await bot.fake.wait_for_edit(confirm)).plain == "Cancelled: nothing was sent."
    assert all(bot.fake.messages(u) == [] for u in tripp + everything)
    assert "Please use the buttons" not in await team.say(team.owner, "/announce")  # usage, not a form
    assert (await team.say(team.owner, "/announce")).startswith("Write the announcement after the command")
    assert "There is no topic “weather”" in await team.say(team.owner, "/announce #weather Hi")
    assert "at most 3500" in await team.say(team.owner, "/announce " + "x" * 3600)


async def test_a_topic_with_markup_in_it_is_quoted_back_as_text(team):
    # The fake Bot API rejects unbalanced HTML, as Telegram does: unescaped, this reply would never arrive.
    reply = await team.ask(team.maintainer, "/announce #<b>x&y Hello")
    assert reply[0].plain.startswith("There is no topic “<b>x&y”")
