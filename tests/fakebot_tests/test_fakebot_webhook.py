"""The fake posts updates to a webhook as Telegram does: secret header, retries, order per chat, 409 for getUpdates."""
from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from telegram.error import BadRequest, Conflict

from tests.e2e.test_run_start import free_port
from tests.fakebot import FakeBotApi

SECRET = "a-secret_0123456789abcdefghijklmnop"


class Receiver:
    """A webhook endpoint on 127.0.0.1 recording what it was posted; `answers` decides each status."""

    def __init__(self) -> None:
        self.posts: list[tuple[int, str | None, float]] = []  # (update_id, secret header, time)
        self.answers: list[int] = []  # statuses for the next posts (then 200)
        self.delay = 0.0

    async def handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.posts.append((update["update_id"], request.headers.get("X-Telegram-Bot-Api-Secret-Token"),
                           time.monotonic()))
        await asyncio.sleep(self.delay)
        return web.Response(status=self.answers.pop(0) if self.answers else 200)


@contextlib.asynccontextmanager
async def receiving() -> AsyncIterator[tuple[Receiver, str]]:
    receiver = Receiver()
    app = web.Application()
    app.router.add_post("/hook", receiver.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield receiver, f"http://127.0.0.1:{port}/hook"
    finally:
        await runner.cleanup()


@pytest.fixture
def fake():
    with FakeBotApi() as api:
        api.state.webhook_retry_delay = 0.05
        yield api


async def test_http_is_refused_unless_the_host_is_loopback(fake):
    fake.expect_rejection("setWebhook", "https url must be provided")
    async with fake.make_bot() as bot:
        with pytest.raises(BadRequest, match="(?i)https url must be provided"):
            await bot.set_webhook("http://bot.example.org/hook", secret_token=SECRET)
        assert await bot.set_webhook("https://bot.example.org/hook", secret_token=SECRET, max_connections=7)
        info = await bot.get_webhook_info()
        assert (info.url, info.max_connections) == ("https://bot.example.org/hook", 7)


async def test_get_updates_is_409_while_a_webhook_is_set(fake):
    fake.expect_rejection("getUpdates", "can't use getupdates method while webhook is active")
    async with fake.make_bot() as bot:
        await bot.set_webhook("https://bot.example.org/hook")
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        await bot.delete_webhook()
        assert await bot.get_updates(timeout=0) == ()


async def test_updates_are_posted_with_the_secret_and_retried_until_taken(fake):
    async with receiving() as (receiver, url), fake.make_bot() as bot:
        receiver.answers = [500, 403]
        await bot.set_webhook(url, secret_token=SECRET, allowed_updates=["message"])
        ann = fake.create_user(first_name="Ann")
        fake.user_sends(ann, "/start")
        await fake.wait_for(lambda: len(receiver.posts) == 3, 10, message="three posts")
        assert {secret for _, secret, _ in receiver.posts} == {SECRET}
        assert len({update_id for update_id, _, _ in receiver.posts}) == 1
        info = await bot.get_webhook_info()
        assert info.last_error_message == "Wrong response from the webhook: 403" and info.pending_update_count == 0
        assert [error for _, error in fake.webhook_posts()] == ["Wrong response from the webhook: 500",
                                                               "Wrong response from the webhook: 403", None]


async def test_a_slow_answer_is_a_timeout_and_the_update_comes_again(fake):
    fake.state.webhook_timeout = 0.3
    async with receiving() as (receiver, url), fake.make_bot() as bot:
        receiver.delay = 0.5
        await bot.set_webhook(url, secret_token=SECRET)
        fake.user_sends(fake.create_user(first_name="Ann"), "hello")
        await fake.wait_for(lambda: len(receiver.posts) >= 2, 10, message="posted again")
        receiver.delay = 0
        await fake.wait_for(lambda: fake.webhook_posts() and fake.webhook_posts()[-1][1] is None, 10)
        assert fake.webhook_posts()[0][1] == "Read timeout expired"
        assert receiver.posts[0][0] == receiver.posts[1][0]


async def test_a_chat_waits_for_its_previous_update_other_chats_do_not(fake):
    async with receiving() as (receiver, url), fake.make_bot() as bot:
        receiver.delay = 0.3
        await bot.set_webhook(url, secret_token=SECRET)
        ann, bob = fake.create_user(first_name="Ann"), fake.create_user(first_name="Bob")
        fake.user_sends(ann, "one")
        fake.user_sends(ann, "two")
        fake.user_sends(bob, "three")
        await fake.wait_for(lambda: len(receiver.posts) == 3, 10, message="three posts")
        times = [t for _, _, t in receiver.posts]
        ids = [u for u, _, _ in receiver.posts]
        # Bob's update went out beside Ann's first; Ann's second only after her first was answered.
        one, two, three = sorted(ids)
        assert set(ids[:2]) == {one, three} and ids[2] == two and times[1] - times[0] < 0.2 and times[2] - times[0] >= 0.25
