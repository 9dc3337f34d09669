"""The sender's outcomes and Telegram's 429s reach the metrics (briefbot_deliveries_total, briefbot_telegram_429_total)."""
from __future__ import annotations

from bot import metrics
from tests.delivery.helpers import digest, push, record_chats, running_sender


def counts() -> dict[str, float]:
    found = {name: metrics.DELIVERIES.labels(name)._value.get()
             for name in ("sent", "failed", "retried", "skipped", "uncertain")}
    found["429"] = metrics.TELEGRAM_429._value.get()
    return found


async def test_outcomes_and_429s_are_counted_once_committed(fake, engine):
    ann, bob, cem = (fake.create_user(first_name=n) for n in ("Ann", "Bob", "Cem"))
    blocker = fake.create_user(first_name="Blocker")
    await record_chats(engine, [(u.id, "private") for u in (ann, bob, cem, blocker)])
    fake.block_bot(blocker, emit=False)
    fake.flood_next(retry_after=1, chat=ann)
    fake.fail_next(400, "Bad Request: chat not found", chat=cem)
    fake.expect_rejection("sendMessage", "chat not found")
    before = counts()
    await push(engine, [digest(ann.id), digest(bob.id), digest(cem.id), digest(blocker.id, 0), digest(blocker.id, 1)])

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)

    after = counts()
    delta = {name: after[name] - before[name] for name in after}
    assert delta == {"sent": 2, "failed": 2, "retried": 1, "skipped": 1, "uncertain": 0, "429": 1}, delta
