"""0021 moves the outbox's payloads into `delivery_payloads`, one row per distinct payload; down and up
again on both databases, the rows' payloads kept."""
from __future__ import annotations

import asyncio
import datetime as dt
import json

from alembic import command
from sqlalchemy import inspect, text

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade_async

NOW = dt.datetime(2026, 8, 8, 5, 0, tzinfo=dt.timezone.utc)
DIGEST = {"text": "<b>Дайджест</b>", "buttons": [[{"text": "Ещё", "callback": "digest:more:1"}]]}
NOTICE = {"text": "Notice", "buttons": []}
CHATS = 5_100  # 0021 copies 5,000 rows at a time


async def _columns(engine, table: str) -> set[str]:
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: {col["name"] for col in inspect(c).get_columns(table)})


async def _payloads_by_key(engine) -> dict[str, dict]:
    async with engine.connect() as conn:
        if "payload" in await _columns(engine, "deliveries"):
            found = await conn.execute(text("SELECT dedup_key, CAST(payload AS TEXT) FROM deliveries"))
        else:
            found = await conn.execute(text(
                "SELECT d.dedup_key, CAST(p.payload AS TEXT) FROM deliveries d "
                "JOIN delivery_payloads p ON p.id = d.payload_id"))
        return {key: json.loads(payload) for key, payload in found.all()}


async def test_payloads_move_out_of_the_rows_and_back(db_url):
    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0020")
        # More rows than the upgrade copies at a time (CHUNK): a payload met in both chunks is stored once.
        rows = [{"key": f"digest:1:{chat}:0", "chat": chat, "payload": json.dumps(DIGEST, ensure_ascii=False)}
                for chat in range(1, CHATS + 1)]
        rows.insert(3, {"key": "notice:1", "chat": 1, "payload": json.dumps(NOTICE)})
        rows += [{"key": f"own:{n}", "chat": n, "payload": json.dumps({"text": f"Only for {n}", "buttons": []})}
                 for n in range(3)]  # payloads of one row each
        async with engine.begin() as conn:
            await conn.execute(text(
                "INSERT INTO deliveries (dedup_key, chat_id, kind, payload, status, attempts, created_at) "
                "VALUES (:key, :chat, 'digest', :payload, 'pending', 0, :now)"),
                [{**row, "now": NOW} for row in rows])
        before = await _payloads_by_key(engine)

        await upgrade_async(db_url)
        up = await _columns(engine, "deliveries")
        moved = await _payloads_by_key(engine)
        async with engine.connect() as conn:
            stored = (await conn.execute(text("SELECT count(*) FROM delivery_payloads"))).scalar_one()

        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0020")
        down = await _columns(engine, "deliveries")
        back = await _payloads_by_key(engine)
        await upgrade_async(db_url)
    finally:
        await engine.dispose()
    assert before == {**{f"digest:1:{chat}:0": DIGEST for chat in range(1, CHATS + 1)}, "notice:1": NOTICE,
                      **{f"own:{n}": {"text": f"Only for {n}", "buttons": []} for n in range(3)}}
    assert "payload" not in up and "payload_id" in up
    assert moved == before and stored == 5
    assert "payload" in down and "payload_id" not in down
    assert back == before
