"""`briefbot run` killed with SIGKILL in the middle of a digest to many chats, then started again:
every chat gets its digest exactly once, except the few deliveries in flight at the kill
(marked uncertain, never resent, counted and logged at the restart)."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlmodel import select

from storage.db import make_engine, open_session
from storage.deliveries import count_by_status
from storage.models import Delivery
from tests.delivery.helpers import digest, push, record_chats
from tests.fakebot import FakeBotApi

CHATS = 1500
IN_FLIGHT = 20


def start_bot(fake: FakeBotApi, db_url: str, folder: Path, name: str) -> tuple[subprocess.Popen, Path]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TELEGRAM_", "DATABASE_", "DELIVERY_", "BOT_", "DEFAULT_"))}
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_URL=fake.api_base_url, DATABASE_URL=db_url,
               LOG_LEVEL="INFO", PYTHONUNBUFFERED="1",
               # the fake's limits run ten times faster; the sender keeps a little under them
               DELIVERY_RATE="200", DELIVERY_CHAT_INTERVAL="0.1", DELIVERY_GROUP_PER_MINUTE="200",
               DELIVERY_IN_FLIGHT=str(IN_FLIGHT))
    log = folder / f"{name}.log"
    with log.open("w") as out:  # the child keeps its own descriptor
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=folder, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    return process, log


async def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)


async def test_killed_sender_resumes_and_sends_nothing_twice(db_url, tmp_path):
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = 0.1
        users = [fake.create_user(first_name=f"Reader {i}") for i in range(CHATS)]
        db = make_engine(db_url)
        try:
            await record_chats(db, [(u.id, "private") for u in users])
            await push(db, [digest(u.id) for u in users])

            first, first_log = start_bot(fake, db_url, tmp_path, "first")
            try:
                async def some_sent() -> bool:
                    assert first.poll() is None, first_log.read_text()
                    return len(fake.sent_messages()) >= CHATS // 3

                await wait_until(some_sent, 60, "the first third of the digest")
            finally:
                os.kill(first.pid, signal.SIGKILL)
                first.wait(10)
            async with open_session(db) as session:
                at_kill = await count_by_status(session)
            assert at_kill.get("pending", 0) > CHATS // 3  # killed mid-run indeed
            in_flight = at_kill.get("sending", 0)
            assert in_flight <= IN_FLIGHT

            second, second_log = start_bot(fake, db_url, tmp_path, "second")
            try:
                async def drained() -> bool:
                    assert second.poll() is None, second_log.read_text()
                    async with open_session(db) as session:
                        counts = await count_by_status(session)
                    return not counts.get("pending") and not counts.get("sending")

                await wait_until(drained, 90, "the rest of the digest")
            finally:
                second.send_signal(signal.SIGTERM)
                assert second.wait(30) == 0, second_log.read_text()

            async with open_session(db) as session:
                rows = {row.chat_id: row for row in (await session.exec(select(Delivery))).all()}
        finally:
            await db.dispose()

        received = Counter(m.chat_id for m in fake.sent_messages())
        uncertain = {chat_id for chat_id, row in rows.items() if row.status == "uncertain"}
        assert len(uncertain) == in_flight  # exactly those left sending by the kill
        assert all(received[chat_id] <= 1 for chat_id in uncertain)  # reached the chat or not: never twice
        by_message = {(m.chat_id, m.message_id) for m in fake.sent_messages()}
        for user in users:
            if user.id not in uncertain:
                row = rows[user.id]
                assert (row.status, received[user.id]) == ("sent", 1), user.id
                assert (user.id, row.message_id) in by_message
        if in_flight:
            assert f"{in_flight} deliveries were in flight" in second_log.read_text()
        print(f"\nkilled after {CHATS - at_kill.get('pending', 0) - in_flight} of {CHATS} sent; {in_flight} in flight "
              f"at the kill (uncertain, {sum(received[c] for c in uncertain)} of them had reached the chat); "
              f"bound {IN_FLIGHT}")
