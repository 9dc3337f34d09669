"""Telegram's error answers surfacing as python-telegram-bot exceptions."""

from __future__ import annotations

import datetime as dtm
import warnings
from typing import Any, AsyncIterator, Iterator

import pytest
import pytest_asyncio
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from tests.fakebot import FakeBotApi
from tests.fakebot.demo_app import build_demo_application
from tests.fakebot.fixtures import running_application

LATE = 600.0  # seconds an answer is held: the fake cuts it short when it stops


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


@pytest_asyncio.fixture
async def app(fake: FakeBotApi) -> AsyncIterator[Application]:
    async with running_application(build_demo_application(fake)) as application:
        yield application


def retry_seconds(exc: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value: Any = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


@pytest.mark.asyncio
async def test_unknown_token_is_invalid_token(fake: FakeBotApi) -> None:
    bot = Bot("123:not-the-token", base_url=fake.api_base_url)
    try:
        with pytest.raises(InvalidToken):
            await bot.initialize()
    finally:
        await bot.shutdown()


@pytest.mark.asyncio
async def test_html_errors_surface_as_bad_request(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    cases = {
        "<b>unclosed": "can't find end tag corresponding to start tag b",
        "<div>x</div>": 'unsupported start tag "div" at byte offset 0',
        "1 < 2": 'unsupported start tag "" at byte offset 2',
        "<b>x</i>": "unmatched end tag",
        "Tom & Jerry": "character '&' is reserved",
        "a&nbsp;b": 'unsupported html entity "&nbsp;"',
    }
    for text, error in cases.items():
        with pytest.raises(BadRequest) as info:
            await app.bot.send_message(user.id, text, parse_mode=ParseMode.HTML)
        assert "can't parse entities" in info.value.message.lower()
        assert error in info.value.message.lower(), info.value.message
    assert len(fake.rejected_calls()) == len(cases)
    assert fake.messages(user) == []
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await app.bot.send_message(user.id, "<b> </b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="(?i)unsupported parse_mode"):
        await app.bot.send_message(user.id, "*x*", parse_mode=ParseMode.MARKDOWN_V2)
    await app.bot.send_message(user.id, "plain < & > text")
    assert fake.last_message(user).text == "plain < & > text"
    assert fake.last_message(user).html == "plain &lt; &amp; &gt; text"


@pytest.mark.asyncio
async def test_message_length_limit_counts_parsed_utf16(fake: FakeBotApi, app: Application) -> None:
    fake.rate_limits.enabled = False
    user = fake.create_user()
    await app.bot.send_message(user.id, "a" * 4096)
    await app.bot.send_message(user.id, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    await app.bot.send_message(user.id, "&lt;" * 4096, parse_mode="HTML")
    for text, mode in [("a" * 4097, None), ("\U0001F600" * 2049, None), ("<i>" + "b" * 4097 + "</i>", "HTML")]:
        with pytest.raises(BadRequest, match="(?i)message is too long"):
            await app.bot.send_message(user.id, text, parse_mode=mode)
    assert [len(m.text) for m in fake.messages(user)] == [4096, 4096, 4096]


@pytest.mark.asyncio
async def test_inline_keyboard_validation(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()

    def keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
        return InlineKeyboardMarkup([list(buttons)])

    await app.bot.send_message(user.id, "ok", reply_markup=keyboard(
        InlineKeyboardButton("64", callback_data="x" * 64), InlineKeyboardButton("ж", callback_data="ж" * 32)))
    assert fake.last_message(user).buttons == [[("64", "x" * 64), ("ж", "ж" * 32)]]
    bad = [
        (keyboard(InlineKeyboardButton("65", callback_data="x" * 65)), "button_data_invalid"),
        (keyboard(InlineKeyboardButton("66", callback_data="ж" * 33)), "button_data_invalid"),
        (keyboard(InlineKeyboardButton("url", url="notaurl")), "button_url_invalid"),
        (InlineKeyboardMarkup([[InlineKeyboardButton(str(i), callback_data=str(i)) for i in range(101)]]),
         "reply markup is too long"),
    ]
    for markup, error in bad:
        with pytest.raises(BadRequest) as info:
            await app.bot.send_message(user.id, "x", reply_markup=markup)
        assert error in info.value.message.lower()


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore:.*retry_after")
async def test_rate_limits_raise_retry_after(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    for i in range(3):
        await app.bot.send_message(user.id, f"burst {i}")
    with pytest.raises(RetryAfter) as info:
        await app.bot.send_message(user.id, "one too many")
    assert retry_seconds(info.value) == 1
    assert fake.throttled_count == 1 and len(fake.send_timestamps(user)) == 3
    assert fake.rejected_calls(429)[0].response["parameters"] == {"retry_after": 1}

    fake.rate_limits.time_scale = 0.05  # 20 messages per 3 s in groups
    group = fake.create_group("Busy", bot="member")
    for i in range(20):
        await app.bot.send_message(group.id, f"group {i}")
    with pytest.raises(RetryAfter):
        await app.bot.send_message(group.id, "21st")
    fake.flood_next(7, method="sendMessage")
    with pytest.raises(RetryAfter) as info:
        await app.bot.send_message(group.id, "injected")
    assert retry_seconds(info.value) == 7


@pytest.mark.asyncio
async def test_forbidden_errors_and_my_chat_member(fake: FakeBotApi, app: Application) -> None:
    blocker, ghost, owner = fake.create_user(), fake.create_user(), fake.create_user()
    fake.block_bot(blocker)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await app.bot.send_message(blocker.id, "hi")
    fake.deactivate_user(ghost)
    with pytest.raises(Forbidden, match="user is deactivated"):
        await app.bot.send_message(ghost.id, "hi")
    group = fake.create_group("G", creator=owner)
    fake.add_bot(group, "member", by=owner)
    await fake.wait_for(lambda: len(app.bot_data.get("my_chat_member", [])) >= 2)
    assert app.bot_data["my_chat_member"] == [(blocker.id, "kicked"), (group.id, "member")]
    await app.bot.send_message(group.id, "hello group")
    fake.remove_bot(group, by=owner)
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await app.bot.send_message(group.id, "still here?")
    supergroup = fake.create_supergroup("S", bot="kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await app.bot.send_message(supergroup.id, "x")
    fake.create_channel("C", username="briefs", bot="left")
    with pytest.raises(Forbidden, match="bot is not a member of the channel chat"):
        await app.bot.send_message("@briefs", "x")


@pytest.mark.asyncio
async def test_group_migration_raises_chat_migrated(fake: FakeBotApi, app: Application) -> None:
    group = fake.create_group("Old", bot="member")
    supergroup = fake.migrate_group(group)
    with pytest.raises(ChatMigrated) as info:
        await app.bot.send_message(group.id, "hi")
    assert info.value.new_chat_id == supergroup.id
    await app.bot.send_message(info.value.new_chat_id, "hi again")
    assert fake.last_message(supergroup).text == "hi again"


@pytest.mark.asyncio
async def test_timeouts_and_server_errors(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    # The answer is held far longer than the client waits, so it times out however busy the machine is.
    fake.delay_next(LATE, method="sendMessage")
    with pytest.raises(TimedOut):
        await app.bot.send_message(user.id, "slow", read_timeout=0.2)
    await fake.wait_for(lambda: fake.last_message(user), message="the slow call executed")
    assert fake.last_message(user).text == "slow"  # executed; only the answer was lost
    fake.delay_next(LATE, method="sendMessage", deliver=False)
    with pytest.raises(TimedOut):
        await app.bot.send_message(user.id, "lost", read_timeout=0.2)
    assert [m.text for m in fake.messages(user)] == ["slow"]
    fake.fail_next(500)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await app.bot.send_message(user.id, "x")
    fake.fail_next(502)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await app.bot.send_message(user.id, "x")
    await app.bot.send_message(user.id, "fine again")
    fake.assert_no_rejected_calls()
