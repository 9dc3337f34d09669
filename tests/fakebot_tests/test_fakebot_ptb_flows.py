"""End-to-end flows through a real python-telegram-bot Application running against the fake."""

from __future__ import annotations

from typing import AsyncIterator, Iterator

import pytest
import pytest_asyncio
from telegram import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat, \
    InlineQueryResultArticle, InputTextMessageContent
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application

from tests.fakebot import FakeBotApi, WaitTimeout
from tests.fakebot.errors import FakeUsageError
from tests.fakebot.demo_app import MANUAL_QUERY, build_demo_application, make_png
from tests.fakebot.fixtures import running_application


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


@pytest_asyncio.fixture
async def app(fake: FakeBotApi) -> AsyncIterator[Application]:
    async with running_application(build_demo_application(fake)) as application:
        yield application


@pytest.mark.asyncio
async def test_command_round_trip_and_privacy_mode(fake: FakeBotApi, app: Application) -> None:
    ann = fake.create_user(first_name="Ann <3", language_code="ru")
    sent = fake.user_sends(ann, "/start")
    assert sent.entities == [{"type": "bot_command", "offset": 0, "length": 6}]
    reply = await fake.wait_for_reply(sent)
    assert reply.text == "Привет, Ann <3!"
    assert reply.html == "<b>Привет</b>, Ann &lt;3!"
    assert reply.data["from"]["id"] == fake.bot.id and reply.data["chat"]["type"] == "private"

    group = fake.create_group("Team", members=[ann], bot="member")
    fake.user_sends(ann, "just chatting", chat=group)  # privacy mode: not delivered
    command = fake.user_sends(ann, "/start@briefing_test_bot", chat=group)
    group_reply = await fake.wait_for_reply(command)
    assert group_reply.text == "Привет, Ann <3!"
    assert [m.text for m in fake.messages(group)] == ["Привет, Ann <3!"]
    await fake.assert_no_new_messages(group, after=group_reply, within=0.1)
    fake.assert_no_rejected_calls()


@pytest.mark.asyncio
async def test_button_press_answer_and_edit(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    request = fake.user_sends(user, "/menu")
    menu_message = await fake.wait_for_reply(request)
    assert menu_message.buttons == [[("Today", "brief:today"), ("Site", "https://example.com")]]
    query = fake.press_button(user, menu_message, "Today")
    assert (await fake.wait_for_callback_answer(query))["text"] == "Loading…"
    await fake.wait_for_edit(menu_message)
    assert menu_message.html == "<i>You chose</i> brief:today"
    assert menu_message.reply_markup is None and menu_message.edits[0]["text"] == "Choose a briefing"
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await app.bot.answer_callback_query(query.id)
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await app.bot.edit_message_text("<i>You chose</i> brief:today", user.id, menu_message.message_id,
                                        parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await app.bot.edit_message_text("x", user.id, 999)


@pytest.mark.asyncio
async def test_press_data_no_button_carries(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    menu_message = await fake.wait_for_reply(fake.user_sends(user, "/menu"))
    query = fake.press_data(user, menu_message, "brief:forged")  # the keyboard only has brief:today
    assert query.data == "brief:forged"
    await fake.wait_for_callback_answer(query)
    await fake.wait_for_edit(menu_message)
    assert menu_message.html == "<i>You chose</i> brief:forged"
    with pytest.raises(FakeUsageError, match="1-64 bytes"):
        fake.press_data(user, menu_message, "x" * 65)
    with pytest.raises(FakeUsageError, match="bot's own messages"):
        fake.press_data(user, fake.user_sends(user, "hi"), "brief:today")


@pytest.mark.asyncio
async def test_unknown_chat_and_chat_info(fake: FakeBotApi, app: Application) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await app.bot.send_message(987654321, "hello?")
    admin = fake.create_user(first_name="Admin")
    group = fake.create_supergroup("News", creator=admin, bot="administrator")
    chat = await app.bot.get_chat(group.id)
    assert chat.title == "News" and chat.type == "supergroup"
    admins = await app.bot.get_chat_administrators(group.id)
    assert {a.user.id for a in admins} == {admin.id, fake.bot.id}
    assert (await app.bot.get_chat_member(group.id, admin.id)).status == "creator"


@pytest.mark.asyncio
async def test_send_photo_upload(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    png = make_png(40, 30)
    message = await app.bot.send_photo(user.id, photo=png, caption="<b>Chart</b> of the day",
                                       parse_mode=ParseMode.HTML)
    assert message.photo[-1].width == 40 and message.caption == "Chart of the day"
    stored = fake.last_message(user)
    assert stored.photo == png and stored.photo.startswith(b"\x89PNG")
    assert stored.html == "<b>Chart</b> of the day"
    again = await app.bot.send_photo(user.id, photo=message.photo[-1].file_id)
    assert fake.last_message(user).photo == png and again.photo
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await app.bot.send_photo(user.id, photo=png, caption="c" * 1025, read_timeout=5)


@pytest.mark.asyncio
async def test_answer_inline_query(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    query = fake.inline_query(user, "markets")
    answer = await fake.wait_for_inline_answer(query)
    content = answer["results"][0]["input_message_content"]
    assert content["parsed_text"] == "markets" and content["parsed_entities"][0]["type"] == "bold"
    article = InlineQueryResultArticle(id="x", title="t", input_message_content=InputTextMessageContent("t"))
    with pytest.raises(BadRequest, match="(?i)result_id_duplicate"):
        await app.bot.answer_inline_query(fake.inline_query(user, MANUAL_QUERY).id, [article, article])
    too_many = [InlineQueryResultArticle(id=str(i), title="t", input_message_content=InputTextMessageContent("t"))
                for i in range(51)]
    with pytest.raises(BadRequest, match="(?i)results_too_much"):
        await app.bot.answer_inline_query(fake.inline_query(user, MANUAL_QUERY).id, too_many)
    broken = InlineQueryResultArticle(id="b", title="t", input_message_content=InputTextMessageContent(
        "<b>oops", parse_mode="HTML"))
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await app.bot.answer_inline_query(fake.inline_query(user, MANUAL_QUERY).id, [broken])


@pytest.mark.asyncio
async def test_set_my_commands_per_scope_and_language(fake: FakeBotApi, app: Application) -> None:
    bot = app.bot
    ru_user = fake.create_user(language_code="ru")
    await bot.set_my_commands([BotCommand("start", "Start"), BotCommand("today", "Today's briefing")])
    await bot.set_my_commands([BotCommand("start", "Начать")], scope=BotCommandScopeAllPrivateChats(),
                              language_code="ru")
    group = fake.create_group("G", bot="member")
    await bot.set_my_commands([BotCommand("digest", "Group digest")], scope=BotCommandScopeChat(group.id))
    assert [c.command for c in await bot.get_my_commands()] == ["start", "today"]
    ru = await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="ru")
    assert [(c.command, c.description) for c in ru] == [("start", "Начать")]
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()
    assert fake.commands("all_private_chats", "ru") == [{"command": "start", "description": "Начать"}]
    assert fake.commands({"type": "chat", "chat_id": group.id})[0]["command"] == "digest"
    assert fake.effective_commands(ru_user, ru_user)[0]["description"] == "Начать"
    assert fake.effective_commands(group)[0]["command"] == "digest"
    for command, description, error in [("Start", "x", "bot_command_invalid"),
                                        ("a" * 33, "x", "bot_command_invalid"),
                                        ("ok", "", "description must be non-empty"),
                                        ("ok", "d" * 257, "bot_command_description_invalid")]:
        with pytest.raises(BadRequest) as info:
            await bot.set_my_commands([BotCommand(command, description)])
        assert error in info.value.message.lower()
    await bot.delete_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="ru")
    assert fake.commands("all_private_chats", "ru") == []


@pytest.mark.asyncio
async def test_channel_post_forward_and_forum_topics(fake: FakeBotApi, app: Application) -> None:
    user = fake.create_user()
    channel = fake.create_channel("Daily", username="daily_news", bot="administrator")
    post = fake.channel_post(channel, "Breaking news")
    await fake.wait_for(lambda: app.bot_data.get("channel_posts"))
    assert app.bot_data["channel_posts"] == ["Breaking news"]
    sent = await app.bot.send_message(channel.id, "from the bot")
    assert sent.sender_chat.id == channel.id and sent.from_user is None

    forwarded = fake.user_forwards(user, post)
    assert forwarded.data["forward_from_chat"]["id"] == channel.id
    reply = await fake.wait_for_reply(forwarded)
    assert reply.text == f"forwarded from {channel.id}/{post.message_id}"

    forum = fake.create_supergroup("Forum", is_forum=True, bot="member")
    topic = fake.create_forum_topic(forum, "Markets")
    msg = await app.bot.send_message(forum.id, "in topic", message_thread_id=topic.message_thread_id)
    assert msg.message_thread_id == topic.message_thread_id and msg.is_topic_message
    assert fake.last_message(forum).message_thread_id == topic.message_thread_id
    with pytest.raises(BadRequest, match="(?i)message thread not found"):
        await app.bot.send_message(forum.id, "x", message_thread_id=424242)


@pytest.mark.asyncio
async def test_wait_timeout_reports_diagnostics(fake: FakeBotApi) -> None:
    user = fake.create_user()
    with pytest.raises(WaitTimeout, match="bot message"):
        await fake.wait_for_messages(user, timeout=0.05)
