"""Channel and group admins link their chats: by adding the bot, /link, a forwarded post; every check."""
from __future__ import annotations

import pytest
from sqlmodel import select

from storage.db import open_session
from storage.models import Chat, ChatAdmin


async def links_of(bot, user) -> list[tuple[int, str, str]]:
    async with open_session(bot.engine) as session:
        rows = (await session.exec(select(ChatAdmin).where(ChatAdmin.user_id == user.id))).all()
    return sorted((r.chat_id, r.status, r.linked_via) for r in rows)


async def stored_chat(bot, chat) -> Chat | None:
    async with open_session(bot.engine) as session:
        return await session.get(Chat, chat.id)


async def test_adding_the_bot_to_a_channel_links_the_admin_and_says_what_next(bot):
    ann = bot.fake.create_user(first_name="Ann", language_code="en")
    channel = bot.fake.create_channel("Baku Brief", username="baku_brief", creator=ann)
    bot.fake.add_bot(channel, "administrator", by=ann)
    notice = (await bot.fake.wait_for_messages(ann, 1))[0]
    assert notice.plain.startswith("I was added to Baku Brief (channel, @baku_brief), and you are linked")
    assert "/schedule 1 digest daily 09:00" in notice.plain
    assert await links_of(bot, ann) == [(channel.id, "active", "added")]
    row = await stored_chat(bot, channel)
    assert (row.type, row.title, row.username, row.active, row.language) == (
        "channel", "Baku Brief", "baku_brief", True, "en")

    listing = (await bot.ask(ann, "/channels"))[0]
    assert listing.plain.startswith("Your channels and groups\n\n1. Baku Brief (channel, @baku_brief)")
    assert listing.button_texts == ["1. Baku Brief"]
    bot.fake.press_button(ann, listing, "1. Baku Brief")
    card = await bot.fake.wait_for_edit(listing)
    assert card.plain.startswith(f"Baku Brief\nchannel, @baku_brief · id {channel.id}\nYou are its administrator")
    assert "0 schedules, 0 paused." in card.plain and card.button_texts == ["« All chats"]
    bot.fake.press_button(ann, card, "« All chats")
    assert (await bot.fake.wait_for_edit(listing, count=2)).button_texts == ["1. Baku Brief"]


async def test_adding_the_bot_as_a_group_member_in_russian(bot):
    aygun = bot.fake.create_user(first_name="Айгюн", language_code="ru")
    group = bot.fake.create_supergroup("Клуб", creator=aygun)
    bot.fake.add_bot(group, "member", by=aygun)
    notice = (await bot.fake.wait_for_messages(aygun, 1))[0]
    assert notice.plain.startswith("Меня добавили в Клуб (группа), и вы подключены как администратор этого чата.")
    assert await links_of(bot, aygun) == [(group.id, "active", "added")]


async def test_a_member_who_adds_the_bot_to_a_group_is_not_linked(bot):
    owner, member = bot.fake.create_user(), bot.fake.create_user(language_code="en")
    group = bot.fake.create_group("Readers", creator=owner, members=[member])
    bot.fake.add_bot(group, "member", by=member)
    await bot.fake.wait_for_calls("getChatMember", 2)
    await bot.fake.assert_no_new_messages(member)
    assert await links_of(bot, member) == []
    assert (await stored_chat(bot, group)).title == "Readers"  # the chat is known all the same


async def test_the_adder_who_never_opened_the_bot_is_linked_anyway(bot):
    ann = bot.fake.create_user(language_code="en", started=False)
    channel = bot.fake.create_channel("Quiet", creator=ann)
    bot.fake.add_bot(channel, "administrator", by=ann)
    refused = await bot.fake.wait_for_calls("sendMessage", 1)
    assert refused[0].status == 403 and "initiate conversation" in refused[0].description
    assert await links_of(bot, ann) == [(channel.id, "active", "added")]
    assert (await bot.ask(ann, "/channels"))[0].plain.startswith("Your channels and groups\n\n1. Quiet (channel)")


async def test_added_without_the_right_to_post_says_what_is_missing(bot):
    ann = bot.fake.create_user(language_code="en")
    channel = bot.fake.create_channel("Mute", creator=ann)
    bot.fake.add_bot(channel, "administrator", by=ann, can_post_messages=False)
    notice = (await bot.fake.wait_for_messages(ann, 1))[0]
    assert notice.plain.startswith("I am in that chat but may not post there.")
    assert await links_of(bot, ann) == [] and await stored_chat(bot, channel) is None
    bot.fake.add_bot(channel, "administrator", by=ann)  # the right is granted: linked now
    assert (await bot.fake.wait_for_messages(ann, 2))[1].plain.startswith("I may now post in Mute (channel)")
    assert await links_of(bot, ann) == [(channel.id, "active", "added")]


@pytest.mark.parametrize("route", ["@username", "id", "t.me link", "forward"])
async def test_link_by_each_route(bot, route):
    ann = bot.fake.create_user(language_code="en")
    channel = bot.fake.create_channel("Dossier Daily", username="dossier_daily", creator=ann, bot="administrator")
    if route == "forward":
        sent = bot.fake.user_forwards(ann, bot.fake.channel_post(channel, "Charter signed", deliver=False))
        reply = await bot.fake.wait_for_reply(sent)
    else:
        ref = {"@username": "@dossier_daily", "id": str(channel.id), "t.me link": "https://t.me/dossier_daily"}[route]
        reply = (await bot.ask(ann, f"/link {ref}"))[0]
    assert reply.plain.startswith("Linked: Dossier Daily (channel, @dossier_daily). You manage my posts there.")
    assert "/schedule 1 digest daily 09:00" in reply.plain and reply.button_texts == ["Open"]
    assert await links_of(bot, ann) == [(channel.id, "active", "forward" if route == "forward" else "link")]


async def test_linking_twice_and_numbers_follow_the_order_of_linking(bot):
    ann = bot.fake.create_user(language_code="en")
    first = bot.fake.create_channel("First", username="first_ch", creator=ann, bot="administrator")
    second = bot.fake.create_supergroup("Second", creator=ann, bot="member")
    await bot.ask(ann, "/link @first_ch")
    await bot.ask(ann, f"/link {second.id}")
    again = (await bot.ask(ann, "/link 1"))[0]  # a number from /channels: checked again, still linked
    assert again.plain.startswith("Linked: First")
    listing = (await bot.ask(ann, "/channels"))[0].plain
    assert "1. First (channel, @first_ch)" in listing and "2. Second (group)" in listing
    assert [c for c, _, _ in await links_of(bot, ann)] == sorted([first.id, second.id])


@pytest.mark.parametrize(("lang", "setup", "ref", "expected"), [
    ("en", "none", "@no_such_channel", "I cannot find that chat."),
    ("ru", "none", "@no_such_channel", "Не нахожу такой чат."),
    ("en", "public_without_bot", "@open_channel", "I am not in that chat. Add me first"),
    ("ru", "public_without_bot", "@open_channel", "Меня нет в этом чате."),
    ("en", "bot_cannot_post", "@open_channel", "I am in that chat but may not post there."),
    ("ru", "bot_cannot_post", "@open_channel", "Я есть в этом чате, но не могу там публиковать."),
    ("en", "user_not_admin", "@open_channel", "You are not an administrator of that chat"),
    ("ru", "user_not_admin", "@open_channel", "Вы не администратор этого чата"),
    ("en", "bot_removed", "@open_channel", "I am not in that chat."),
    ("en", "none", "hello", "That does not name a chat. Examples: @channelname"),
    ("ru", "none", "hello", "Это не похоже на чат."),
    ("en", "none", "7", "I cannot find that chat."),  # no number 7 in /channels
])
async def test_each_failed_check_has_its_own_answer(bot, lang, setup, ref, expected):
    ann = bot.fake.create_user(language_code=lang)
    owner = bot.fake.create_user()
    if setup == "public_without_bot":
        bot.fake.create_channel("Open", username="open_channel", creator=ann)
    elif setup == "bot_cannot_post":
        bot.fake.create_channel("Open", username="open_channel", creator=ann, bot="administrator",
                                bot_rights={"can_post_messages": False})
    elif setup == "user_not_admin":
        bot.fake.create_channel("Open", username="open_channel", creator=owner, members=[ann], bot="administrator")
    elif setup == "bot_removed":
        channel = bot.fake.create_channel("Open", username="open_channel", creator=ann, bot="administrator")
        bot.fake.remove_bot(channel, emit=False)
    else:
        bot.fake.expect_rejection("getChat", "chat not found")  # asked on purpose: Telegram says no such chat
    reply = (await bot.ask(ann, f"/link {ref}"))[0]
    assert reply.plain.startswith(expected), reply.plain
    assert await links_of(bot, ann) == []


async def test_link_without_a_chat_and_forwards_that_name_no_channel(bot):
    ann, friend = bot.fake.create_user(language_code="en"), bot.fake.create_user(first_name="Friend")
    assert (await bot.ask(ann, "/link"))[0].plain.startswith("Name the channel or group: /link @channelname")
    assert (await bot.ask(ann, "/link a b"))[0].plain.startswith("Name the channel or group")
    note = bot.fake.user_sends(friend, "see you at 5")
    forwarded = bot.fake.user_forwards(ann, note)
    assert (await bot.fake.wait_for_reply(forwarded)).plain.startswith("To link a channel, forward me a post")


async def test_a_post_forwarded_from_a_private_channel_without_the_bot(bot):
    ann = bot.fake.create_user(language_code="en")
    secret = bot.fake.create_channel("Secret", creator=ann)  # no username, the bot was never there
    bot.fake.expect_rejection("getChat", "chat not found")
    forwarded = bot.fake.user_forwards(ann, secret, text="members only")
    assert (await bot.fake.wait_for_reply(forwarded)).plain.startswith("I am not in that chat. Add me first")


async def test_a_forged_card_button_reveals_nothing(bot):
    ann, eve = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="en")
    channel = bot.fake.create_channel("Ann's", username="anns_channel", creator=ann, bot="administrator")
    mine = bot.fake.create_channel("Eve's", username="eves_channel", creator=eve, bot="administrator")
    await bot.ask(eve, "/link @eves_channel")
    listing = (await bot.ask(eve, "/channels"))[0]
    listing.data["reply_markup"] = {"inline_keyboard": [[{"text": "x", "callback_data": f"ch|{channel.id}"}]]}
    bot.fake.press_button(eve, listing, "x")
    answer = await bot.fake.wait_for_edit(listing)
    assert answer.plain.startswith("You are not an administrator of that chat") and "Ann" not in answer.plain
    assert await links_of(bot, eve) == [(mine.id, "active", "link")]


async def test_group_admin_links_the_group_and_members_are_refused(bot):
    admin, member = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="en")
    elsewhere = bot.fake.create_channel("Admin's own channel", username="admins_own", creator=admin,
                                        bot="administrator")
    await bot.ask(admin, "/link @admins_own")
    group = bot.fake.create_supergroup("Club", creator=admin, members=[member], bot="member")
    assert (await bot.ask(member, "/link", group))[0].plain == "Only this group's administrators can do that."
    refused = (await bot.ask(member, "/channels", group))[0].plain
    assert refused.startswith("I list your channels and groups only in a private chat")
    hidden = bot.fake.user_sends(admin, "/link", group, anonymous=True)  # as the group: who is it?
    # Nobody's language is known (the sender is @GroupAnonymousBot): DEFAULT_LANGUAGE, Russian.
    assert (await bot.fake.wait_for_reply(hidden)).plain.startswith("Вы пишете анонимно от имени группы")
    assert await links_of(bot, admin) == [(elsewhere.id, "active", "link")]
    assert (await bot.ask(admin, "/link", group))[0].plain.startswith("Linked: this group.")
    shown = (await bot.ask(admin, "/channels", group))[0].plain
    assert "Admin's own channel" not in shown and "Club" not in shown  # nothing listed in a group
    assert await links_of(bot, member) == []
    assert sorted(await links_of(bot, admin)) == sorted([(elsewhere.id, "active", "link"), (group.id, "active", "group")])
