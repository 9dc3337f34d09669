"""A forged digest "more" button (a huge id range) is refused politely instead of ranking the archive."""
from __future__ import annotations

from tests.e2e.test_pushes import digest_of_thirteen


def forge(message, data: str) -> None:
    """What a modified client could send: other data under the same button."""
    for row in message.reply_markup["inline_keyboard"]:
        for button in row:
            button["callback_data"] = data


async def test_a_forged_more_button_with_a_huge_range_gets_an_alert_and_no_page(bot):
    ann = bot.fake.create_user(language_code="en")
    digest = await digest_of_thirteen(bot, ann)
    for data in ("dg|0|999999999999|1|*", "dg|-5|10|1|*", "dg|10|3|1|*"):
        forge(digest, data)
        press = bot.fake.press_button(ann, digest, data)
        answer = await bot.fake.wait_for_callback_answer(press)
        assert answer.get("show_alert") and "out of date" in answer["text"]
    await bot.fake.assert_no_new_messages(ann, after=digest)
