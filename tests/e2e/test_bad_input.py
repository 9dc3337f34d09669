"""Bad input gets a short, polite answer with an example; errors get an apology; the bot keeps running."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing import timeline
from storage.db import open_session
from storage.indexing import index_event
from storage.models import Event


@pytest.mark.parametrize(("lang", "command", "expected"), [
    ("en", "/timeline 2025-13", "I could not understand “2025-13”. Examples: /timeline 2025"),
    ("ru", "/timeline 2025-13", "Не понял «2025-13». Примеры: /timeline 2025"),
    ("en", "/onthisday 31-02", "“31-02” is not a calendar date. Examples: /onthisday (today)"),
    ("ru", "/onthisday 31-02", "«31-02» — не дата календаря."),
    ("en", "/search", "What should I look for? Example: /search amendment 907."),
    ("ru", "/search", "Что найти? Например: /search поправка 907."),
    ("en", "/search the of and", "only very common words"),
    ("en", "/search zzzqqq", "Nothing found for “zzzqqq”"),
    ("en", "/nonsense", "I do not know /nonsense. /help lists what I can do."),
    ("ru", "/nonsense", "Команды /nonsense нет."),
    ("en", "hello there", "I answer commands; /help lists them."),
    ("en", "/lang", "Choose a language: /lang ru or /lang en."),
    ("en", "/search <b>&amp;</b>", "Nothing found for “<b>&amp;</b>”"),
])
async def test_polite_answers(bot, lang, command, expected):
    user = bot.fake.create_user(language_code=lang)
    assert expected in (await bot.ask(user, command))[0].plain


@pytest.mark.parametrize("command", ["/timeline ", "/search ", "/onthisday ", "/topic ", ""])
async def test_thousands_of_characters_of_junk(bot, command):
    user = bot.fake.create_user(language_code="en")
    junk = "ж<&>" * 1000  # 4,000 characters, with HTML-special ones
    reply = (await bot.ask(user, (command + junk)[:4096]))[0]
    assert len(reply.plain) < 400  # short, not an echo of the junk
    assert "Traceback" not in reply.plain


async def test_unexpected_error_apologises_and_the_bot_keeps_running(bot, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(timeline, "timeline_page", broken)
    user = bot.fake.create_user(language_code="en")
    assert (await bot.ask(user, "/timeline"))[0].plain == (
        "Sorry, something went wrong on my side. Please try again in a moment.")
    monkeypatch.undo()
    assert (await bot.ask(user, "/timeline"))[0].plain.startswith("Timeline")


async def test_stale_or_forged_buttons_are_answered(bot):
    user = bot.fake.create_user(language_code="en")
    page = (await bot.ask(user, "/timeline"))[0]
    query = bot.fake.press_button(user, page, "Older »")
    await bot.fake.wait_for_callback_answer(query)
    # A message whose button came from an older version of the bot (or a forged client).
    page.data["reply_markup"] = {"inline_keyboard": [[{"text": "old", "callback_data": "v0:page:2"}]]}
    forged = bot.fake.press_button(user, page, "old")
    answer = await bot.fake.wait_for_callback_answer(forged)
    assert "out of date" in answer.get("text", "")


async def test_long_pages_are_split_at_paragraphs(bot):
    async with open_session(bot.engine) as session:
        for i in range(4):
            event = Event(slug=f"long-{i}", date=dt.date(2030, 1, 1 + i), title_ru=f"Длинное {i}",
                          title_en=f"Long {i}", summary_ru="слово & <тег> " * 160, summary_en="word & <tag> " * 160,
                          origin="maintainer", edited_by=1)
            session.add(event)
            await session.flush()
            await index_event(session, event)
        await session.commit()
    user = bot.fake.create_user(language_code="en")
    bot.fake.user_sends(user, "/timeline 2030")  # 4 entries of ~2,100 characters each

    def finished():  # the last part carries the buttons
        messages = bot.fake.messages(user)
        return messages if messages and messages[-1].buttons else None

    replies = await bot.fake.wait_for(finished)
    assert len(replies) >= 3 and all(len(r.text) <= 4096 for r in replies)
    assert [bool(r.buttons) for r in replies[:-1]] == [False] * (len(replies) - 1)
    assert "word & <tag>" in replies[0].plain
    text = "\n\n".join(r.plain for r in replies)
    assert all(f"Long {i}" in text for i in range(4))
    assert all(part.startswith(("Timeline", "1 January", "2 January", "3 January", "4 January")) for part in
               (r.plain for r in replies))  # cut between entries, never inside one
