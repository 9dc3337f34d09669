"""Chats and members as Telegram shows them: public chats by username, channel member lists, anonymous admins."""

from __future__ import annotations

from typing import Iterator

import pytest
from telegram.error import BadRequest

from tests.fakebot import FakeBotApi
from tests.fakebot.errors import FakeUsageError


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


@pytest.mark.asyncio
async def test_public_chats_resolve_without_the_bot_private_ones_do_not(fake: FakeBotApi) -> None:
    owner = fake.create_user()
    public = fake.create_channel("Open", username="open_news", creator=owner)
    hidden = fake.create_channel("Hidden", creator=owner)
    async with fake.make_bot() as bot:
        chat = await bot.get_chat("@open_news")
        assert (chat.id, chat.title, chat.type) == (public.id, "Open", "channel")
        assert (await bot.get_chat_member(public.id, fake.bot.id)).status == "left"
        with pytest.raises(BadRequest, match="(?i)member list is inaccessible"):
            await bot.get_chat_member(public.id, owner.id)  # only a channel's admins see its members
        with pytest.raises(BadRequest, match="(?i)chat not found"):
            await bot.get_chat(hidden.id)


@pytest.mark.asyncio
async def test_channel_members_are_visible_to_an_admin_bot_only(fake: FakeBotApi) -> None:
    owner = fake.create_user()
    channel = fake.create_channel("News", creator=owner, bot="administrator")
    async with fake.make_bot() as bot:
        assert (await bot.get_chat_member(channel.id, owner.id)).status == "creator"
        fake.set_member_status(channel, fake.bot, "member", emit=False)
        with pytest.raises(BadRequest, match="(?i)member list is inaccessible"):
            await bot.get_chat_member(channel.id, owner.id)


@pytest.mark.asyncio
async def test_expected_rejections_are_left_out_of_the_check(fake: FakeBotApi) -> None:
    async with fake.make_bot() as bot:
        with pytest.raises(BadRequest):
            await bot.get_chat("@nobody_here")
        with pytest.raises(AssertionError, match="chat not found"):
            fake.assert_no_rejected_calls()
        fake.expect_rejection("getChat", "chat not found")
        fake.assert_no_rejected_calls()
        with pytest.raises(BadRequest):
            await bot.send_message("@nobody_here", "hi")
        with pytest.raises(AssertionError, match="sendMessage"):
            fake.assert_no_rejected_calls()  # only the declared method is excused


def test_an_anonymous_admin_writes_as_the_group(fake: FakeBotApi) -> None:
    admin, member = fake.create_user(), fake.create_user()
    group = fake.create_supergroup("Club", creator=admin, members=[member], bot="member")
    sent = fake.user_sends(admin, "/link", group, anonymous=True)
    assert sent.data["from"]["username"] == "GroupAnonymousBot" and sent.data["sender_chat"]["id"] == group.id
    assert fake.pending_updates()[-1]["message"]["sender_chat"]["id"] == group.id
    with pytest.raises(FakeUsageError):
        fake.user_sends(member, "/link", group, anonymous=True)
