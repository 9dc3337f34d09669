"""/addevent: the guided form through every step, cancel, timeouts, the one-line form, bad input."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from bot.handlers.maintainers_forms import sweep_expired_forms
from storage.db import open_session
from storage.models import Draft, Event
from tests.maintainers.team import team  # noqa: F401

LONG_TITLE = "Ж" * 210


async def _event(team, event_id: int) -> Event:
    async with open_session(team.bot.engine) as session:
        return await session.get(Event, event_id)


async def test_the_guided_form_through_every_step(team):
    owner = team.owner
    first = await team.say(owner, "/addevent")
    assert first.startswith("New timeline entry. /cancel leaves at any step.\n\nSend the date:")
    assert "does not exist in the calendar" in await team.say(owner, "2026-02-30")
    assert "is not a date" in await team.say(owner, "next tuesday")
    languages = (await team.ask(owner, "2026-03"))[0]
    assert languages.button_texts == ["Russian and English", "Russian only", "English only"]

    asked = await team.press(owner, languages, "Russian and English")
    assert asked[0].plain == "Send the title in Russian (up to 200 characters)."
    assert languages.buttons == []  # the answered question loses its buttons
    assert "too long: 210 characters, at most 200" in await team.say(owner, LONG_TITLE)
    assert (await team.say(owner, "Визит <b>Занзибарова</b> в Баку")).startswith("Send the summary in Russian")
    assert (await team.say(owner, "Первый абзац.\n\nВторой абзац.")).startswith("Send the title in English")
    assert (await team.say(owner, "Zanzibarov visits <b>Baku</b> & more")).startswith("Send the summary in English")
    topics = (await team.ask(owner, "A short summary of the visit."))[0]
    assert topics.plain.startswith("Choose the topics")
    team.fake.press_button(owner, topics, "Charter on Strategic Partnership")
    toggled = await team.fake.wait_for_edit(topics)
    assert "✓ Charter on Strategic Partnership" in toggled.button_texts
    sources = await team.press(owner, toggled, "Done")
    assert sources[0].plain.startswith("Send the sources, one per line")
    assert "is not a web address" in await team.say(owner, "apa.az news")
    more = (await team.ask(owner, "https://apa.az/news/1 | APA | Zanzibarov in Baku"))[0]
    assert more.plain.startswith("Sources so far:\n1. APA — Zanzibarov in Baku") and more.button_texts == ["Done"]

    preview = (await team.press(owner, more, "Done"))[0]
    assert preview.plain.startswith("Preview: readers will see the entry like this.")
    assert "In Russian\nмарт 2026\nВизит <b>Занзибарова</b> в Баку\nПервый абзац. Второй абзац." in preview.plain
    assert "In English\nMarch 2026\nZanzibarov visits <b>Baku</b> & more" in preview.plain
    assert "Sources: APA" in preview.plain
    assert preview.button_texts == ["Confirm", "Cancel"]

    added = (await team.press(owner, preview, "Confirm"))[0].plain
    assert added.startswith("Added entry #") and "/undo takes it back" in added
    event = await _event(team, int(added.split("#")[1].split(".")[0]))
    assert (event.origin, event.edited_by, event.precision, event.date) == (
        "maintainer", owner.id, "month", dt.date(2026, 3, 1))
    assert event.created_at == team.bot.clock.now and event.needs_translation is None
    found = await team.say(team.outsider, "/search Zanzibarov")
    assert "Zanzibarov visits <b>Baku</b> & more" in found  # readers see the HTML as text


async def test_one_language_is_marked_for_translation(team):
    owner = team.owner
    await team.say(owner, "/addevent")
    languages = (await team.ask(owner, "2026-03-02"))[0]
    await team.press(owner, languages, "English only")
    await team.say(owner, "Quietus Vance call")
    assert (await team.say(owner, "They spoke by phone.")).startswith("Choose the topics")
    assert (await team.say(owner, "tripp")).startswith("Send the sources")  # typed instead of pressed
    sources = (await team.ask(owner, "https://apa.az/n/2"))[0]
    preview = (await team.press(owner, sources, "Done"))[0]
    assert "In Russian (awaiting translation: a copy of the other language)\n2 марта 2026\nQuietus Vance call" \
        in preview.plain
    added = (await team.press(owner, preview, "Confirm"))[0].plain
    event = await _event(team, int(added.split("#")[1].split(".")[0]))
    assert (event.title_ru, event.needs_translation) == ("Quietus Vance call", "ru")


async def test_cancel_at_any_step(team):
    for steps in ([], ["2026-03-01"]):
        await team.say(team.maintainer, "/addevent")
        for text in steps:
            await team.say(team.maintainer, text)
        assert await team.say(team.maintainer, "/cancel") == "Cancelled; nothing was saved."
    assert await team.say(team.maintainer, "/cancel") == "There is no form in progress to cancel."
    assert (await team.say(team.maintainer, "hello")).startswith("I answer commands")  # the form is gone

    await team.say(team.maintainer, "/addevent")
    languages = (await team.ask(team.maintainer, "2026"))[0]
    await team.press(team.maintainer, languages, "English only")
    await team.say(team.maintainer, "Cancelled entry")
    await team.say(team.maintainer, "Nothing.")
    topics = (await team.ask(team.maintainer, "-"))[0]
    preview = (await team.press(team.maintainer, (await team.ask(team.maintainer, "https://apa.az/3"))[0], "Done"))
    assert topics.plain.startswith("Send the sources")  # "-": no topics
    assert (await team.press(team.maintainer, preview[0], "Cancel"))[0].plain == "Cancelled; nothing was saved."
    async with open_session(team.bot.engine) as session:
        assert (await session.exec(select(Event).where(Event.title_en == "Cancelled entry"))).first() is None
        assert (await session.exec(select(Draft))).all() == []
    assert preview[0].buttons == []  # a closed form keeps no buttons


async def test_buttons_of_a_replaced_form_are_stale(team):
    await team.say(team.maintainer, "/addevent")
    old = (await team.ask(team.maintainer, "2026"))[0]
    await team.say(team.maintainer, "/addevent")  # starts over: one form per chat
    query = team.fake.press_button(team.maintainer, old, "English only")
    assert (await team.fake.wait_for_callback_answer(query))["text"] == (
        "This button is out of date; send the command again.")
    assert (await team.say(team.maintainer, "2026-01")).startswith("Which languages")


async def test_an_abandoned_form_times_out_and_says_so(team):
    clock = team.bot.clock
    await team.say(team.maintainer, "/addevent")
    clock.now += dt.timedelta(minutes=29)
    assert (await team.say(team.maintainer, "2026-03-01")).startswith("Which languages")  # still open
    clock.now += dt.timedelta(minutes=31)
    timed_out = await team.say(team.maintainer, "Title")
    assert timed_out.startswith("Your form timed out after 30 minutes without an answer; nothing was saved.")
    assert (await team.say(team.maintainer, "Title")).startswith("I answer commands")

    await team.say(team.owner, "/addevent")
    last = team.fake.messages(team.owner)[-1]
    assert await sweep_expired_forms(team.bot.app) == 0
    clock.now += dt.timedelta(minutes=30)
    assert await sweep_expired_forms(team.bot.app) == 1  # the job the scheduler runs every minute
    notice = (await team.fake.wait_for_messages(team.owner, 1, after=last))[0]
    assert notice.plain.startswith("Your form timed out")


async def test_the_one_line_form(team):
    reply = await team.say(team.maintainer, "/addevent 2026-03-05 | Министр Вэнс-Занзибаров в Баку | "
                                            "Встреча прошла в <i>Баку</i>. | charter, tripp | "
                                            "https://apa.az/5 https://report.az/6")
    assert reply.startswith("Added entry #")
    assert "Entry #" in reply and "version 1 · kept by maintainers" in reply
    assert "In English (awaiting translation: a copy of the other language)" in reply
    assert "Встреча прошла в <i>Баку</i>." in reply
    event = await _event(team, int(reply.split("#")[1].split(".")[0]))
    assert (event.needs_translation, event.created_at) == ("en", team.bot.clock.now)
    timeline = await team.say(team.outsider, "/timeline tripp 2026-03")
    assert "Министр Вэнс-Занзибаров в Баку" in timeline and "apa.az" in timeline


BAD_LINES = [
    ("2026-02-30 | T | S | - | https://apa.az/1", "“2026-02-30” does not exist in the calendar"),
    ("1850 | T | S | - | https://apa.az/1", "out of range: years 1900–2100"),
    ("2026-03-01 |  | S | - | https://apa.az/1", "The title must not be empty"),
    (f"2026-03-01 | {'t' * 201} | S | - | https://apa.az/1", "The title is too long: 201 characters, at most 200"),
    (f"2026-03-01 | T | {'s' * 2001} | - | https://apa.az/1", "The summary is too long: 2001 characters"),
    ("2026-03-01 | T | S | charter, nato | https://apa.az/1", "Unknown topics: nato. Topics: charter, "),
    ("2026-03-01 | T | S | - | javascript:alert(1)", "is not a web address"),
    ("2026-03-01 | T | S | - | ", "An entry needs at least one source"),
    ("2026-03-01 | T | S", "One-line form: /addevent 2026-03-01 | Title | Summary"),
    ("<b>2026</b> | T | S | - | https://apa.az/1", "“<b>2026</b>” is not a date"),
]


async def test_one_line_bad_input_is_answered_and_nothing_stored(team):
    before = await team.audit_count()
    for line, answer in BAD_LINES:
        assert answer in await team.say(team.maintainer, f"/addevent {line}"), line
    assert await team.audit_count() == before


async def test_forms_need_a_private_chat(team):
    group = team.fake.create_group("Editors", members=[team.maintainer], bot="member")
    sent = team.fake.user_sends(team.maintainer, "/addevent", group)
    reply = (await team.fake.wait_for_messages(group, 1, after=sent))[0]
    assert reply.plain.startswith("Forms work in a private chat with me.")
