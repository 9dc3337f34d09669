"""Real `briefbot run` processes against the fake Bot API: a second process on one SQLite file is
refused; SIGTERM during an announcement stops a replica within 15 s with exit code 0, the sends
under way recorded, nothing left `sending`, leadership released."""
from __future__ import annotations

import asyncio
import signal
import time

from bot.briefing.subscriptions import subscribe
from storage.db import make_engine, open_session
from storage.deliveries import count_by_status
from storage.models import Chat
from tests.fakebot import FakeBotApi
from tests.fleet.conftest import NOW, OWNER_ID
from tests.fleet.processes import start_bot, stop

READERS = 300


async def test_a_second_process_on_one_sqlite_file_is_refused(request, db_templates, tmp_path):
    url = db_templates.clone("sqlite", True, request)
    with FakeBotApi() as fake:
        ann = fake.create_user(first_name="Ann", language_code="en")
        first, first_log = start_bot(fake, url, tmp_path, "first")
        try:
            assert (await fake.wait_for_reply(fake.user_sends(ann, "/start"), timeout=60)).plain
            second, second_log = start_bot(fake, url, tmp_path, "second")
            code = await asyncio.to_thread(second.wait, 30)
            refused = second_log.read_text()
            assert code != 0, refused
            assert "Another briefbot process is already running on the SQLite database" in refused
            assert "SQLite serves one process" in refused and "PostgreSQL" in refused
            assert "Traceback" not in refused and len(refused.strip().splitlines()) == 1, refused
            # The first one serves on, untouched.
            assert first.poll() is None
            assert (await fake.wait_for_reply(fake.user_sends(ann, "/help"), timeout=30)).plain
        finally:
            assert stop(first) == 0, first_log.read_text()


async def test_sigterm_during_an_announcement_stops_within_15_seconds(request, db_templates, tmp_path):
    url = db_templates.clone("postgresql", True, request)
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = 0.1
        owner = fake.create_user(OWNER_ID, "Olga", language_code="en")
        readers = [fake.create_user(first_name=f"Reader {i}", language_code="en") for i in range(READERS)]
        engine = make_engine(url)
        try:
            async with open_session(engine) as session:
                session.add_all([Chat(id=u.id, type="private", language="en") for u in [owner, *readers]])
                await session.flush()
                for user in readers:
                    await subscribe(session, chat_id=user.id, topics=None, now=NOW)
                await session.commit()
            # Ten a second: the announcement takes half a minute, far longer than a stop may.
            bot, log = start_bot(fake, url, tmp_path, "replica", BOT_OWNERS=str(OWNER_ID), DELIVERY_RATE="10")
            try:
                sent = fake.user_sends(owner, "/announce The fleet stops cleanly.")
                confirm = (await fake.wait_for_messages(owner, 2, after=sent, timeout=60))[1]
                fake.press_button(owner, confirm, f"Send to {READERS}")
                await fake.wait_for(lambda: len(fake.sent_messages()) >= 40, timeout=60,
                                    message="some of the announcement to go out")
                stopped = time.monotonic()
                bot.send_signal(signal.SIGTERM)
                code = await asyncio.to_thread(bot.wait, 30)
                took = time.monotonic() - stopped
            finally:
                if bot.poll() is None:
                    bot.kill()
            output = log.read_text()
            assert code == 0 and took < 15, (took, output)
            assert "Traceback" not in output, output
            assert "leadership: this replica no longer leads: the replica is stopping" in output
            async with open_session(engine) as session:
                counts = await count_by_status(session)
            delivered = sum(1 for m in fake.sent_messages() if m.chat_id != owner.id)
            assert "sending" not in counts, counts  # every send under way was recorded
            assert counts["sent"] == delivered and counts["pending"] == READERS - delivered > 0, counts
        finally:
            await engine.dispose()
