"""The error handler logs an update's ids and command, never what the person wrote."""
from __future__ import annotations

import logging
from types import SimpleNamespace

from telegram import Update
from telegram.error import Forbidden

from bot.handlers.errors import on_error

PRIVATE = {"id": 501, "type": "private", "first_name": "Ann"}
ANN = {"id": 501, "is_bot": False, "first_name": "Ann"}


def message_update(text: str) -> Update:
    return Update.de_json({"update_id": 77, "message": {
        "message_id": 5, "date": 0, "chat": PRIVATE, "from": ANN, "text": text}}, None)


async def test_a_command_is_logged_by_its_ids_and_command_word_only(caplog):
    update = message_update("/search my secret words phone +994 55 000")
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        await on_error(update, SimpleNamespace(error=Forbidden("blocked")))
    logged = caplog.records[-1].getMessage()
    assert logged == "error while handling update 77 chat 501 user 501 command /search"
    assert "secret" not in caplog.text and "Ann" not in caplog.text


async def test_plain_text_and_button_data_stay_out_of_the_log(caplog):
    text = message_update("my address is 1 Main St")
    button = Update.de_json({"update_id": 78, "callback_query": {
        "id": "q1", "from": ANN, "chat_instance": "1", "data": "st|tz|Europe/Berlin",
        "message": {"message_id": 6, "date": 0, "chat": PRIVATE, "text": "x"}}}, None)
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        await on_error(text, SimpleNamespace(error=Forbidden("blocked")))
        await on_error(button, SimpleNamespace(error=Forbidden("blocked")))
    assert [r.getMessage() for r in caplog.records] == [
        "error while handling update 77 chat 501 user 501 command None",
        "error while handling update 78 chat 501 user 501 command button st"]
    assert "Main St" not in caplog.text and "Berlin" not in caplog.text
