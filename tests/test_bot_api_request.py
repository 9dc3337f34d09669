"""The bot's HTTP layer (aiohttp, JSON bodies) against the fake Bot API: what PTB's httpx layer does, and errors alike."""
from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.bot_api_request import AiohttpRequest
from tests.fakebot import FakeBotApi

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082")

LATE = 600.0  # seconds an answer is held: the fake cuts it short when it stops


@pytest.fixture
def fake():
    with FakeBotApi() as api:
        yield api


@pytest_asyncio.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    bot = Bot(fake.token, base_url=fake.api_base_url, request=AiohttpRequest(),
              get_updates_request=AiohttpRequest(connections=1))
    async with bot:
        yield bot


async def test_a_message_with_buttons_goes_as_json_and_arrives_as_sent(fake: FakeBotApi, bot: Bot) -> None:
    user = fake.create_user()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Older ›", callback_data="tl|1|||")]])
    sent = await bot.send_message(user.id, "<b>Хартия</b> &amp; 907", parse_mode=ParseMode.HTML,
                                  reply_markup=keyboard)
    message = fake.last_message(user)
    assert (message.text, message.entities) == ("Хартия & 907", [{"type": "bold", "offset": 0, "length": 6}])
    assert message.buttons == [[("Older ›", "tl|1|||")]]
    assert sent.message_id == message.message_id and sent.text == "Хартия & 907"
    call = next(c for c in fake.state.calls if c.method == "sendMessage")
    assert isinstance(call.params["reply_markup"], dict)  # a JSON body: objects stay objects
    fake.assert_no_rejected_calls()


async def test_a_photo_is_uploaded_as_multipart(fake: FakeBotApi, bot: Bot) -> None:
    user = fake.create_user()
    await bot.send_photo(user.id, photo=PNG, caption="<i>Events per month</i>", parse_mode=ParseMode.HTML)
    message = fake.last_message(user)
    assert message.photo == PNG and message.caption == "Events per month"


async def test_updates_come_by_long_polling(fake: FakeBotApi, bot: Bot) -> None:
    user = fake.create_user()
    fake.user_sends(user, "/start")
    updates = await bot.get_updates(timeout=1)
    assert [u.message.text for u in updates] == ["/start"]
    assert await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0) == ()


async def test_telegram_errors_surface_as_with_the_default_layer(fake: FakeBotApi, bot: Bot, monkeypatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # as bot.app sets it
    user = fake.create_user()
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(user.id, "<b>unclosed", parse_mode=ParseMode.HTML)
    fake.fail_next(429, "Too Many Requests: retry after 3", parameters={"retry_after": 3})
    with pytest.raises(RetryAfter):
        await bot.send_message(user.id, "x")
    fake.fail_next(500)
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(user.id, "x")
    await bot.send_message(user.id, "fine again")
    assert fake.last_message(user).text == "fine again"


async def test_no_answer_in_time_is_timed_out(fake: FakeBotApi, bot: Bot) -> None:
    user = fake.create_user()
    # The answer is held far longer than the client waits, so it times out however busy the machine is.
    fake.delay_next(LATE, method="sendMessage")
    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "slow", read_timeout=0.2)
    await fake.wait_for(lambda: fake.last_message(user), message="the slow call executed")
    assert fake.last_message(user).text == "slow"  # executed; only the answer was late
    fake.delay_next(LATE, method="sendMessage", deliver=False)
    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "lost", read_timeout=0.2)
    assert [m.text for m in fake.messages(user)] == ["slow"]


async def test_an_unreachable_server_is_a_network_error() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    request = AiohttpRequest(connect_timeout=1.0)
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match="aiohttp"):
            await request.post(f"http://127.0.0.1:{port}/bot1:x/getMe")
    finally:
        await request.shutdown()


async def test_a_request_layer_not_started_says_so() -> None:
    with pytest.raises(NetworkError, match="not initialized"):  # PTB wraps the layer's own errors
        await AiohttpRequest().post("http://127.0.0.1:9/bot1:x/getMe")
