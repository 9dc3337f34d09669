"""Chat references, the posting rule, and the linked-chat store, on both databases."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.briefing.chat_rights import (
    BAD_REF, BOT_CANNOT_POST, BOT_NOT_IN_CHAT, NO_CHAT, NOT_ADMIN, ChatFacts, MemberFacts, bot_can_post, failure,
    record_check,
)
from bot.briefing.linked_chats import ListNumber, list_linked_chats, parse_chat_ref, resolve_chat_ref
from bot.render.callbacks import MAX_CALLBACK_BYTES
from bot.render.channel_pages import LIST_DATA, card_data, parse_card_data
from storage.chat_admins import (
    chats_due_for_check, confirm_admin, mark_lost, pause_chat_schedules, schedule_counts,
)
from storage.models import Chat, Schedule

NOW = dt.datetime(2026, 8, 8, 6, 0, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(("text", "expected"), [
    ("@baku_brief", "@baku_brief"),
    (" https://t.me/baku_brief ", "@baku_brief"),
    ("t.me/baku_brief/123", "@baku_brief"),
    ("https://t.me/s/baku_brief", "@baku_brief"),
    ("https://t.me/c/2100000001/55", -1002100000001),
    ("-1002100000001", -1002100000001),
    ("-4100000001", -4100000001),
    ("3", ListNumber(3)),
    ("0", None),
    ("baku_brief", None),  # a bare word is not a chat: /schedule's kinds and days must stay words
    ("@abc", None),  # usernames have at least 4 characters
    ("@1abc", None),
    ("12345", None),
    ("", None),
    ("-", None),
])
def test_parse_chat_ref(text, expected):
    assert parse_chat_ref(text) == expected


@pytest.mark.parametrize(("chat_type", "member", "members_may_send", "expected"), [
    ("channel", MemberFacts("administrator", can_post_messages=True), True, True),
    ("channel", MemberFacts("administrator", can_post_messages=False), True, False),
    ("channel", MemberFacts("member"), True, False),
    ("channel", MemberFacts("left"), True, False),
    ("supergroup", MemberFacts("member"), True, True),
    ("supergroup", MemberFacts("member"), False, False),  # members may not write in this group
    ("supergroup", MemberFacts("administrator"), False, True),  # admins may all the same
    ("group", MemberFacts("restricted", is_member=True, can_send_messages=False), True, False),
    ("group", MemberFacts("restricted", is_member=True, can_send_messages=True), True, True),
    ("group", MemberFacts("restricted", is_member=False, can_send_messages=True), True, False),
    ("group", MemberFacts("kicked"), True, False),
])
def test_when_the_bot_may_post(chat_type, member, members_may_send, expected):
    assert bot_can_post(chat_type, member, members_may_send=members_may_send) is expected


def test_a_non_admin_learns_nothing_about_the_bots_rights():
    assert failure(bot_present=True, user_is_admin=False, can_post=False) == NOT_ADMIN
    assert failure(bot_present=True, user_is_admin=True, can_post=False) == BOT_CANNOT_POST
    assert failure(bot_present=True, user_is_admin=None, can_post=False) == BOT_CANNOT_POST
    assert failure(bot_present=False, user_is_admin=None, can_post=False) == BOT_NOT_IN_CHAT
    assert failure(bot_present=True, user_is_admin=True, can_post=True) is None


def test_card_buttons_fit_and_round_trip():
    data = card_data(-1009999999999999)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES and parse_card_data(data) == -1009999999999999
    assert parse_card_data(LIST_DATA) == LIST_DATA
    assert parse_card_data("ch|nonsense") is None and parse_card_data("tl|0|||") is None


async def _channel(session, chat_id: int, title: str) -> None:
    await record_check(session, chat=ChatFacts(chat_id, "channel", title, None), bot_present=True, can_post=True,
                       user_id=1, user_is_admin=True, via="link", now=NOW, language="en", timezone="Asia/Baku")


async def test_links_numbers_and_lost_admins(session):
    await _channel(session, -1001, "One")
    await _channel(session, -1002, "Two")
    chats = await list_linked_chats(session, user_id=1)
    assert [(c.number, c.chat_id, c.title) for c in chats] == [(1, -1001, "One"), (2, -1002, "Two")]
    assert (await resolve_chat_ref(session, text="2", user_id=1)).target == -1002
    assert (await resolve_chat_ref(session, text="3", user_id=1)).reason == NO_CHAT
    assert (await resolve_chat_ref(session, text="2", user_id=99)).reason == NO_CHAT  # numbers are per person
    assert (await resolve_chat_ref(session, text="what", user_id=1)).reason == BAD_REF
    await mark_lost(session, chat_id=-1001, user_id=1, now=NOW)
    assert [c.chat_id for c in await list_linked_chats(session, user_id=1)] == [-1002]
    await confirm_admin(session, chat_id=-1001, user_id=1, via="verify", now=NOW)
    linked = await list_linked_chats(session, user_id=1)
    assert [c.chat_id for c in linked] == [-1001, -1002]  # the original order: the link was kept, not remade
    await session.commit()


async def test_a_failed_check_creates_nothing(session):
    stranger = ChatFacts(-1003, "channel", "Stranger", "stranger")
    chat = await record_check(session, chat=stranger, bot_present=True, can_post=False, user_id=5,
                              user_is_admin=True, via="link", now=NOW, language="en", timezone="Asia/Baku")
    assert chat is None and await list_linked_chats(session, user_id=5) == []
    assert await session.get(Chat, -1003) is None


async def test_due_checks_and_pausing(session):
    await _channel(session, -1001, "One")
    await _channel(session, -1002, "Two")
    for user_id in (1, 2):  # both of Two's admins were asked about two hours later than One's
        await confirm_admin(session, chat_id=-1002, user_id=user_id, via="link", now=NOW + dt.timedelta(hours=2))
    for paused in (False, False, True):
        session.add(Schedule(chat_id=-1001, kind="digest", paused=paused))
    await session.flush()
    day = dt.timedelta(days=1)
    assert await chats_due_for_check(session, checked_before=NOW, limit=10) == []
    assert await chats_due_for_check(session, checked_before=NOW + dt.timedelta(hours=1), limit=10) == [-1001]
    assert await chats_due_for_check(session, checked_before=NOW + day, limit=10) == [-1001, -1002]
    assert await chats_due_for_check(session, checked_before=NOW + day, limit=1) == [-1001]  # the longest waiting
    assert await schedule_counts(session, chat_id=-1001) == (3, 1)
    assert await pause_chat_schedules(session, chat_id=-1001, now=NOW) == 2
    assert await pause_chat_schedules(session, chat_id=-1001, now=NOW) == 0
    assert await schedule_counts(session, chat_id=-1001) == (3, 3) and await schedule_counts(session, chat_id=-1002) == (0, 0)
    await session.commit()
