"""How an update ends is what briefbot_updates_total counts: handled, throttled, error (raised or reported)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from telegram import Chat, Message, Update, User

from bot import metrics
from bot.handlers.errors import on_error

ANN = User(id=5, first_name="Ann", is_bot=False)


def message_update(update_id: int = 1) -> Update:
    chat = Chat(id=5, type="private")
    return Update(update_id, message=Message(1, dt.datetime(2026, 8, 8, tzinfo=dt.timezone.utc), chat, from_user=ANN,
                                             text="/help"))


def count(outcome: str, kind: str = "message") -> float:
    return metrics.UPDATES.labels(kind, outcome)._value.get()


def test_the_kind_is_the_update_payload():
    assert metrics.update_kind(message_update()) == "message"
    assert metrics.update_kind(Update(2, my_chat_member=None)) == "other"


@pytest.mark.parametrize("outcome", ["throttled", "error"])
def test_a_marked_update_is_counted_once_with_its_mark(outcome):
    before = {name: count(name) for name in ("handled", "throttled", "error")}
    with metrics.tracking_update(message_update()):
        metrics.mark_update(outcome)
    after = {name: count(name) for name in before}
    assert {name: after[name] - before[name] for name in before} == {
        "handled": 0, "throttled": outcome == "throttled", "error": outcome == "error"}


def test_an_escaping_exception_is_an_error():
    before = count("error")
    with pytest.raises(RuntimeError), metrics.tracking_update(message_update()):
        raise RuntimeError("boom")
    assert count("error") == before + 1


async def test_the_error_handler_marks_the_update_it_reports():
    update = Update(3, message=None)  # no chat: nobody to apologise to
    context = SimpleNamespace(error=RuntimeError("boom"))
    before = count("error", "other")
    with metrics.tracking_update(update):
        await on_error(update, context)
    assert count("error", "other") == before + 1
