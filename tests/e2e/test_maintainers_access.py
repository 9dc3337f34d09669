"""Who may maintain: the permission matrix, /maintainers, and the maintainers' own menus."""
from __future__ import annotations

from sqlmodel import select

from storage.db import open_session
from storage.models import Draft, Feed, Maintainer
from tests.maintainers.team import team  # noqa: F401

MAINTAINER_COMMANDS = [
    "/addevent", "/addevent 2026-03-01 | T | S | - | https://example.org/x", "/editevent 1",
    "/editevent 1 title_en Hacked", "/delevent 1", "/undo", "/editcard charter", "/editcard charter card_en x",
    "/addtopic", "/addtopic energy | Энергетика | Energy | energy", "/addarticle https://example.org/a",
    "/feeds", "/feeds add https://example.org/rss", "/stats", "/audit", "/audit 5",
    "/announce", "/announce Hello everyone", "/announce #charter Hello",
]
DENIED = "This command is for maintainers."


async def test_outsiders_get_the_same_short_answer_and_nothing_changes(team):
    before = await team.audit_count()
    for command in [*MAINTAINER_COMMANDS, "/maintainers", "/maintainers add 42", "/maintainers remove 7000002"]:
        outsider = team.fake.create_user(first_name="Otto", language_code="en")  # a chat each: no rate limit
        assert await team.say(outsider, command) == DENIED, command
    russian = team.fake.create_user(language_code="ru")
    assert await team.say(russian, "/undo") == "Эта команда — для редакторов."
    assert await team.audit_count() == before
    async with open_session(team.bot.engine) as session:
        assert (await session.exec(select(Draft))).all() == []


async def test_the_permission_matrix(team):
    for command in ("/stats", "/audit", "/feeds", "/editevent", "/delevent", "/undo", "/editcard", "/announce"):
        for who in (team.maintainer, team.owner):
            assert await team.say(who, command) != DENIED, (command, who.first_name)
    assert await team.say(team.maintainer, "/maintainers") == (
        "Only the bot's owners grant and revoke maintainers.")
    assert (await team.say(team.owner, "/maintainers")).startswith("Maintainers\nOwners: 7000001")


async def test_owner_grants_and_revokes_by_id_and_menus_follow(team):
    newcomer = team.fake.create_user(first_name="Nina", language_code="ru")
    await team.say(newcomer, "/start")  # her private chat exists, so her menu can be set
    assert await team.say(newcomer, "/stats") == "Эта команда — для редакторов."
    granted = await team.say(team.owner, f"/maintainers add {newcomer.id}")
    assert granted.startswith(f"Done: Nina ({newcomer.id}) is a maintainer now; the maintainer commands appear")
    assert "Статистика" in await team.say(newcomer, "/stats")
    menu = [c["command"] for c in team.fake.effective_commands(newcomer, newcomer)]
    assert {"addevent", "undo", "feeds", "timeline", "charter"} <= set(menu) and "maintainers" not in menu
    assert "Nina" in await team.say(team.owner, "/maintainers")
    assert "already" in await team.say(team.owner, f"/maintainers add {newcomer.id}")

    revoked = await team.say(team.owner, f"/maintainers remove {newcomer.id}")
    assert revoked == f"Done: Nina ({newcomer.id}) is no longer a maintainer."
    assert await team.say(newcomer, "/stats") == "Эта команда — для редакторов."
    menu = [c["command"] for c in team.fake.effective_commands(newcomer, newcomer)]
    assert "addevent" not in menu and "timeline" in menu
    assert "not a maintainer" in await team.say(team.owner, f"/maintainers remove {newcomer.id}")
    assert "owner" in await team.say(team.owner, f"/maintainers remove {team.owner.id}")


async def test_owner_and_maintainer_menus_are_set_at_start_up(team):
    owner_menu = {c["command"] for c in team.fake.effective_commands(team.owner, team.owner)}
    maintainer_menu = {c["command"] for c in team.fake.effective_commands(team.maintainer, team.maintainer)}
    reader_menu = {c["command"] for c in team.fake.effective_commands(team.outsider, team.outsider)}
    assert {"maintainers", "addevent", "stats", "timeline"} <= owner_menu
    assert "addevent" in maintainer_menu and "maintainers" not in maintainer_menu
    assert "addevent" not in reader_menu and "timeline" in reader_menu
    ru = {c["command"]: c["description"] for c in team.fake.commands(
        {"type": "chat", "chat_id": team.maintainer.id}, language_code="ru")}
    assert ru["addevent"] == "Добавить запись в хронологию"


async def test_a_maintainer_who_never_opened_the_bot_gets_the_menu_at_their_first_start(team):
    stranger = team.fake.create_user(first_name="Sam", language_code="en")
    assert (await team.say(team.owner, f"/maintainers add {stranger.id}")).startswith(f"Done: {stranger.id} is")
    assert "addevent" not in {c["command"] for c in team.fake.effective_commands(stranger, stranger)}
    assert (await team.say(stranger, "/start")).startswith("Hello, Sam!")  # the readers' greeting as usual
    assert "addevent" in {c["command"] for c in team.fake.effective_commands(stranger, stranger)}


async def test_grant_in_reply_to_a_message_in_a_group_and_to_a_forward(team):
    colleague = team.fake.create_user(first_name="Kamran", language_code="en")
    group = team.fake.create_group("Editors", members=[team.owner, colleague], bot="administrator")
    said = team.fake.user_sends(colleague, "hello all", group)
    team.fake.user_sends(team.owner, "/maintainers add", group, reply_to=said)
    reply = (await team.fake.wait_for_messages(group, 1, after=said))[0]
    assert reply.plain.startswith(f"Done: Kamran ({colleague.id}) is a maintainer now")

    friend = team.fake.create_user(first_name="Leyla", language_code="en")
    chat = team.fake.create_group("Friends", members=[friend, team.owner])
    original = team.fake.user_sends(friend, "hi", chat)
    forwarded = team.fake.user_forwards(team.owner, original)
    await team.fake.wait_for_messages(team.owner, 1, after=forwarded)  # the readers' "I answer commands"
    command = team.fake.user_sends(team.owner, "/maintainers add", reply_to=forwarded)
    reply = (await team.fake.wait_for_messages(team.owner, 1, after=command))[0]
    assert reply.plain.startswith(f"Done: Leyla ({friend.id}) is a maintainer now")
    async with open_session(team.bot.engine) as session:
        ids = set((await session.exec(select(Maintainer.user_id))).all())
    assert {colleague.id, friend.id, team.maintainer.id} <= ids

    private = team.fake.create_user(first_name="Rashad", language_code="en")
    private.hides_forwards = True
    others = team.fake.create_group("Others", members=[private])
    original = team.fake.user_sends(private, "hi", others)
    forwarded = team.fake.user_forwards(team.owner, original)
    await team.fake.wait_for_messages(team.owner, 1, after=forwarded)
    command = team.fake.user_sends(team.owner, "/maintainers add", reply_to=forwarded)
    reply = (await team.fake.wait_for_messages(team.owner, 1, after=command))[0]
    assert reply.plain.startswith("Rashad hides their account in forwards, so I cannot see their id.")


async def test_maintainers_usage(team):
    for command in ("/maintainers add", "/maintainers add abc", "/maintainers promote 5", "/maintainers add 1 2"):
        assert (await team.say(team.owner, command)).startswith("Examples: /maintainers (the list)"), command


async def test_outsiders_cannot_press_maintainer_buttons(team):
    async with open_session(team.bot.engine) as session:
        feed = Feed(url="https://example.org/rss")
        session.add(feed)
        await session.commit()
    group = team.fake.create_group("Mixed", members=[team.owner, team.outsider], bot="member")
    sent = team.fake.user_sends(team.owner, "/feeds", group)
    listed = (await team.fake.wait_for_messages(group, 1, after=sent))[0]
    assert listed.buttons == []  # the feeds are listed only in private chats now; the button data is forged
    query = team.fake.press_data(team.outsider, listed, f"mD|{feed.id}|pause")
    answer = await team.fake.wait_for_callback_answer(query)
    assert (answer["text"], answer["show_alert"]) == (DENIED, True)
    async with open_session(team.bot.engine) as session:
        assert (await session.exec(select(Feed))).one().status == "active"
