"""What sending costs besides transactions: a fan-out's text encoded once, a sent answer read by its
id alone, the heap given back when a push drains, no Alembic in the sending process.
Counts and structure, never timings or memory figures (those are bench/fanout.py's)."""
from __future__ import annotations

import subprocess
import sys
import tracemalloc

from bot.delivery import api as api_module
from bot.delivery.api import BotApi, Forbidden, Sent, outcome_of
from bot.delivery.heap import release_free_memory
from bot.delivery.loader import Loader
from bot.delivery.policy import Settler, Stats
from bot.delivery.queue import ChatQueues
from tests.delivery.helpers import NOW, deliveries, digest, push, record_chats, running_sender

DIGEST = "<b>Дайджест</b> " + "переговоры по Хартии " * 100  # about 2 KB, as bench/fanout.py's
TEXT = '<b>Дайджест</b> «переговоры» \\ "цитата"\n<a href="https://example.com/?a=1&b=2">Читать</a> ✓'


async def test_a_fan_out_encodes_its_text_once_and_reads_sent_answers_by_their_id(fake, monkeypatch):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(3)]
    api = BotApi(api_url=fake.api_base_url, token=fake.token, timeout=5)
    await api.start()
    decoded = []
    real_loads = api_module._loads
    monkeypatch.setattr(api_module, "_loads", lambda raw: decoded.append(raw) or real_loads(raw))
    try:
        results = [await api.send_message(chat_id=u.id, text=TEXT, reply_markup={"inline_keyboard": [
            [{"text": "Ещё", "callback_data": "digest:more:1"}]]}, thread_id=None) for u in users]
    finally:
        await api.close()

    assert list(api._texts) == [TEXT]  # one JSON encoding for the three chats
    assert decoded == []  # three sent answers, none decoded in full
    for user, result in zip(users, results):
        [message] = fake.messages(user)
        assert result == Sent(message.message_id)
        assert message.text == fake.messages(users[0])[0].text and "«переговоры» \\ \"цитата\"" in message.text


def test_answers_other_than_a_sent_message_are_decoded_in_full():
    assert outcome_of(200, b'{"ok":true,"result":{"message_id":42,"date":1}}') == Sent(42)
    assert outcome_of(200, b'{"ok": true, "result": {"message_id": 7}}') == Sent(7)
    blocked = outcome_of(403, b'{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}')
    assert blocked == Forbidden("403: Forbidden: bot was blocked by the user")
    assert type(outcome_of(502, b"<html>Bad Gateway</html>")).__name__ == "Transient"


async def test_a_drained_push_gives_the_free_heap_back_once(fake, engine):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(5)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=30)
        trims = sender.stats.heap_trims
        await sender.wait_idle(timeout=30)  # idle again, nothing sent meanwhile: no second trim
        assert sender.stats.heap_trims == trims

    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
    assert trims == (1 if release_free_memory() else 0)


def test_the_sending_process_does_not_import_alembic():
    """bench/fanout.py migrates in a child; its own process (the engine's memory) never loads Alembic."""
    code = "import sys, bench.fanout, bot.delivery.lifecycle; print('alembic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


async def test_one_read_of_the_outbox_holds_a_bounded_share_of_a_fan_out(engine):
    """The loader reads a page at a time: the rows and their decoded payloads of one read are what
    the process's heap must hold at once (freed memory stays with the process)."""
    await record_chats(engine, [(chat, "private") for chat in range(1, 1201)])
    await push(engine, [digest(chat, text=DIGEST) for chat in range(1, 1201)])
    queues = ChatQueues(gap=lambda chat: 1.0)
    settler = Settler(queues=queues, pacer=None, stats=Stats(), max_attempts=5, backoff=None)
    loader = Loader(engine, queues, settler, clock=lambda: NOW, poll_interval=60.0, on_loaded=lambda: None)

    tracemalloc.start()
    try:
        await loader.top_up(0.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert 0 < len(queues) <= 500
    assert peak < 5.5 * 2**20  # 500 rows: 3.3 (PostgreSQL) to 4.7 MB (SQLite); 1,000 at once: 5.9 to 9.4 MB


def test_the_sending_process_loads_the_group_move_code_only_when_a_group_moves():
    """A group's upgrade to a supergroup is rare: its code (chat rights, schedules' pages, notices)
    stays out of the sender's memory until one happens."""
    code = ("import sys, bench.fanout, bot.delivery.engine; "
            "print(sorted(m for m in ('bot.briefing.chat_migration', 'bot.delivery.chat_moves', "
            "'bot.render.schedule_pages') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

