"""Every button prefix the bot emits, pressed with forged data in each kind of chat by each kind of person.

Button data comes from the person's client: any data may arrive on any of the bot's messages. A press
where it does not belong is answered with a short alert to the presser, and nothing changes: no message
in the chat, no edit, not a row in the database.
"""
from __future__ import annotations

import asyncio
import datetime as dt

from sqlmodel import select

from storage.db import open_session
from storage.models import AuditEntry, Chat, Draft, Feed, Maintainer, Schedule, Subscription
from tests.maintainers.team import team  # noqa: F401

PRIVATE_ONLY = "This button works only in a private chat with the bot."
NOT_HERE = "This button does not work here."
ADMINS = "Only this chat's administrators can use this button."
DENIED = "This command is for maintainers."
STALE = "This button is out of date; send the command again."
REFUSALS = {PRIVATE_ONLY, NOT_HERE, ADMINS, DENIED, STALE}
OK = None  # let through: whatever the button does, it is not refused by who or where
ROLES = ("member", "admin", "maintainer")


def same(answer: str | None) -> dict[str, str | None]:
    return dict.fromkeys(ROLES, answer)


# data -> chat kind -> role -> the alert expected (OK: not refused). {group} and {channel} are the
# schedules of the group and of the channel; {feed} a feed. Rows are pressed in this order.
TABLE = {
    "tl|0|||": {"private": same(OK), "group": same(OK), "channel": same(NOT_HERE)},
    "tp|charter": {"private": same(OK), "group": same(OK), "channel": same(NOT_HERE)},
    "la|0|": {"private": same(OK), "group": same(OK), "channel": same(NOT_HERE)},
    "dg|0|9999|1|*": {"private": same(OK), "group": same(OK), "channel": same(OK)},
    "st|digest|off": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "st|time|03:00": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "st|tz|Europe/Berlin": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "st|lang|en": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "st|topics|": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "ch|list": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "ch|{channel_id}": {"private": same(OK), "group": same(PRIVATE_ONLY), "channel": same(PRIVATE_ONLY)},
    "sc|{group}|p|": {"private": same(OK),
                     "group": {"member": ADMINS, "admin": OK, "maintainer": ADMINS},
                     "channel": same(NOT_HERE)},
    "sc|{channel}|r|": {"private": same(OK), "group": same(NOT_HERE), "channel": same(NOT_HERE)},
    "mD|{feed}|pause": {kind: {"member": DENIED, "admin": DENIED, "maintainer": OK if kind == "private"
                               else PRIVATE_ONLY} for kind in ("private", "group", "channel")},
    "mA|999999|send": {kind: {"member": DENIED, "admin": DENIED, "maintainer": STALE}
                       for kind in ("private", "group", "channel")},
    "mF|999999|!ok": {kind: {"member": DENIED, "admin": DENIED, "maintainer": STALE if kind == "private"
                             else PRIVATE_ONLY} for kind in ("private", "group", "channel")},
    "mE|e|1|1|title_en": {kind: {"member": DENIED, "admin": DENIED, "maintainer": OK if kind == "private"
                                 else PRIVATE_ONLY} for kind in ("private", "group", "channel")},
}
# What a plain member or admin may do to their own private chat or their own chats changes the store;
# every other press in the table must leave it exactly as it was.
CHANGES = {("st|digest|off", "private"), ("st|time|03:00", "private"), ("st|tz|Europe/Berlin", "private"),
           ("sc|{group}|p|", "private"), ("sc|{group}|p|", "group"), ("sc|{channel}|r|", "private"),
           ("mD|{feed}|pause", "private"), ("mE|e|1|1|title_en", "private"), ("st|topics|", "private"),
           ("ch|{channel_id}", "private"), ("ch|list", "private"), ("dg|0|9999|1|*", "private"),
           ("tl|0|||", "private"), ("tp|charter", "private"), ("la|0|", "private"), ("st|lang|en", "private")}
# Malformed or out-of-range data, pressed in a private chat by everyone: the same polite alert, no traceback.
MALFORMED = ["st|colour|red", "st|time|25:00", "st|tz|Mars/Olympus", "st|topic|weather", "st|day|9",
             "tl|0|2026|13|", "tl|99999999999999999999|||", "tl|0||3|", "tp|<b>", "la|0|weather",
             "dg|0|99999999999999999999|1|*", "dg|0|5|0|*", "dg|0|5|1|x", "sc|²|p", "sc|1|T|", "ch|1e5"]
MALFORMED_MAINTAINER = ["mE|t|<b>|1|name_en", "mE|e|x|1|title_en", "mE|e|1|1|colour", "mD|-1|pause",
                        "mF|1|<i>", "mA|²|send"]


async def snapshot(engine) -> dict:
    """The rows a press could change (chats by their settings only: a Telegram check refreshes the rest)."""
    async with open_session(engine) as session:
        rows = {model.__name__: sorted(repr(r.model_dump()) for r in (await session.exec(select(model))).all())
                for model in (Schedule, Subscription, Feed, Draft, AuditEntry, Maintainer)}
        chats = (await session.exec(select(Chat))).all()
    rows["Chat"] = sorted((c.id, c.language, c.timezone, c.active) for c in chats)
    return rows


async def quiet(fake, chat, seconds: float = 0.25) -> int:
    """The number of messages in `chat` once none has arrived for `seconds`."""
    count = len(fake.messages(chat, include_user=True))
    while True:
        await asyncio.sleep(seconds)
        now = len(fake.messages(chat, include_user=True))
        if now == count:
            return count
        count = now


async def press(bot, who, message, data: str) -> str | None:
    """Press forged `data`; the alert shown (None: a quiet answer)."""
    query = bot.fake.press_data(who, message, data)
    answer = await bot.fake.wait_for_callback_answer(query, timeout=10)
    return answer.get("text") if answer.get("show_alert") else None


async def setting(team):
    """A group and a channel administered by Ada, with a schedule each; Otto and Max are plain members."""
    bot, fake = team.bot, team.fake
    people = {"member": team.outsider, "admin": fake.create_user(first_name="Ada", language_code="en"),
              "maintainer": team.maintainer}
    group = fake.create_supergroup("Club", creator=people["admin"], members=[team.outsider, team.maintainer],
                                   bot="member")
    channel = fake.create_channel("News", username="news_az", creator=people["admin"],
                                  members=[team.outsider, team.maintainer], bot="administrator")
    for person in people.values():
        await bot.ask(person, "/subscribe")
    await bot.ask(people["admin"], "/schedule digest daily 09:00", group)
    await bot.ask(people["admin"], "/schedule @news_az digest daily 10:00")
    async with open_session(bot.engine) as session:
        ids = {s.chat_id: s.id for s in (await session.exec(select(Schedule))).all()}
        feed = Feed(url="https://example.org/rss", status="active", next_poll_at=dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc))
        session.add(feed)
        await session.commit()
        values = {"group": ids[group.id], "channel": ids[channel.id], "feed": feed.id, "channel_id": channel.id}
    await bot.app.bot.send_message(channel.id, "A post with the bot's buttons")
    messages = {"group": (await bot.ask(people["admin"], "/help", group))[0],
                "channel": fake.messages(channel)[-1]}
    for role, person in people.items():
        messages[("private", role)] = (await bot.ask(person, "/help"))[0]
    return people, {"group": group, "channel": channel}, messages, values


async def test_every_button_prefix_in_every_chat_by_every_role(team):
    bot = team.bot
    bot.fake.expect_rejection("editMessageText", "message is not modified")  # the same page pressed twice
    people, chats, messages, values = await setting(team)
    wrong = []
    for template, by_kind in TABLE.items():
        data = template.format(**values)
        for kind, by_role in by_kind.items():
            for role, expected in by_role.items():
                person = people[role]
                message = messages[("private", role)] if kind == "private" else messages[kind]
                where = person if kind == "private" else chats[kind]
                shown = await quiet(bot.fake, where)
                edits, before = len(message.edits), await snapshot(bot.engine)
                seen = await press(bot, person, message, data)
                if seen != expected and not (expected is OK and seen not in REFUSALS):
                    wrong.append((data, kind, role, f"expected {expected!r}, saw {seen!r}"))
                if expected is not OK:  # refused: nothing shown in the chat, nothing stored
                    if await quiet(bot.fake, where) != shown or len(message.edits) != edits:
                        wrong.append((data, kind, role, "the chat changed"))
                    if await snapshot(bot.engine) != before:
                        wrong.append((data, kind, role, "the database changed"))
                elif (template, kind) not in CHANGES and await snapshot(bot.engine) != before:
                    wrong.append((data, kind, role, "the database changed"))
    assert wrong == [], "\n".join(map(str, wrong))


async def test_malformed_button_data_gets_a_polite_alert_and_changes_nothing(team):
    bot = team.bot
    people, _, messages, _ = await setting(team)
    wrong = []
    for role, person in people.items():
        for data in MALFORMED + (MALFORMED_MAINTAINER if role == "maintainer" else []):
            message = messages[("private", role)]
            shown, before = await quiet(bot.fake, person), await snapshot(bot.engine)
            seen = await press(bot, person, message, data)
            if seen != STALE:
                wrong.append((data, role, seen))
            if await quiet(bot.fake, person) != shown or await snapshot(bot.engine) != before:
                wrong.append((data, role, "changed"))
    assert wrong == []
