"""A forged digest "more" button (a huge id range) is refused politely instead of ranking the archive."""
from __future__ import annotations

import datetime as dt

from bot.scheduling.push_jobs import run_pushes
from tests.e2e.test_pushes import news

UTC = dt.timezone.utc


def forge(message, data: str) -> None:
    """What a modified client could send: other data under the same button."""
    for row in message.reply_markup["inline_keyboard"]:
        for button in row:
            button["callback_data"] = data


async def test_a_forged_more_button_with_a_huge_range_gets_an_alert_and_no_page(bot):
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")
    await news(bot, *((f"Article {i:02d}", {"tripp": i / 20}) for i in range(13)))
    bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    await run_pushes(bot.app)
    digest = (await bot.fake.wait_for_messages(ann, 2))[-1]
    for data in ("dg|0|999999999999|1|*", "dg|-5|10|1|*", "dg|10|3|1|*"):
        forge(digest, data)
        press = bot.fake.press_button(ann, digest, data)
        answer = await bot.fake.wait_for_callback_answer(press)
        assert answer.get("show_alert") and "out of date" in answer["text"]
    await bot.fake.assert_no_new_messages(ann, after=digest)
