"""/editcard and /addtopic: topic cards, new topics in menus and in article tagging."""
from __future__ import annotations

from sqlmodel import select

from storage.db import open_session
from storage.models import Topic
from tests.maintainers.team import team  # noqa: F401


async def _topic(team, slug: str) -> Topic | None:
    async with open_session(team.bot.engine) as session:
        return (await session.exec(select(Topic).where(Topic.slug == slug))).first()


async def test_edit_a_card_by_button_and_in_one_line(team):
    shown = (await team.ask(team.maintainer, "/editcard charter"))[0]
    assert shown.plain.startswith("Topic /charter · version 1")
    assert "In Russian\n" in shown.plain and "Keywords: " in shown.plain
    assert shown.button_texts[:2] == ["Name (ru)", "Name (en)"] and "Card (en)" in shown.button_texts
    asked = (await team.press(team.maintainer, shown, "Card (en)"))[0].plain
    assert asked.startswith("Card (en) of charter: send the new value. Now:")
    saved = await team.say(team.maintainer, "First paragraph of the <b>new</b> card.\n\nSecond paragraph.")
    assert saved.startswith("Saved: Card (en).\n\nTopic /charter · version 2")
    card = await team.say(team.outsider, "/charter")
    assert "First paragraph of the <b>new</b> card.\n\nSecond paragraph." in card

    assert "Saved: Name (en)." in await team.say(team.owner, "/editcard charter name_en The Charter")
    menu = {c["command"]: c["description"] for c in team.fake.commands("all_private_chats", language_code="en")}
    assert menu["charter"] == "The Charter"  # names are the topic commands' descriptions
    assert "The Charter" in await team.say(team.outsider, "/topics")
    assert "has no searchable word" in await team.say(team.owner, "/editcard charter keywords the, of")
    assert "There is no topic “nato”" in await team.say(team.owner, "/editcard nato")
    assert "Fields: name_ru, name_en" in await team.say(team.owner, "/editcard charter colour red")
    assert (await team.say(team.owner, "/undo")).startswith("Undone: update of topic charter")
    assert "The Charter" not in await team.say(team.outsider, "/topics")


async def test_add_a_topic_in_one_line(team):
    added = await team.say(team.maintainer, "/addtopic energy | Энергетика | Energy | energy, gas pipeline, газ")
    assert added == "Added the topic /energy; it is in the menus now. Write its card with /editcard energy."
    topic = await _topic(team, "energy")
    assert topic.keywords == {"ru": ["газ"], "en": ["energy", "gas pipeline"], "az": []}
    assert (topic.origin, topic.edited_by) == ("maintainer", team.maintainer.id)
    assert "/energy — Energy" in await team.say(team.outsider, "/topics")
    assert (await team.say(team.outsider, "/energy")).startswith("Energy")
    menu = [c["command"] for c in team.fake.commands("all_private_chats", language_code="ru")]
    assert "energy" in menu
    assert "energy" in [c["command"] for c in team.fake.effective_commands(team.maintainer, team.maintainer)]
    added = await team.say(team.maintainer, "/addevent 2026-03-11 | Gas deal | A gas deal. | energy | "
                                            "https://apa.az/11")
    assert "In Russian (awaiting translation" in added
    assert "Gas deal" in await team.say(team.outsider, "/timeline energy")


async def test_add_topic_bad_input(team):
    for line, answer in (
        ("charter | Хартия | Charter | charter", "/charter is taken already"),
        ("help | Помощь | Help | help", "/help is taken already"),
        ("Energy! | Э | E | energy", "cannot be a topic's command"),
        ("energy | Энергетика | Energy | the, of", "has no searchable word"),
        ("energy | Энергетика | Energy", "One-line form: /addtopic energy"),
    ):
        assert answer in await team.say(team.owner, f"/addtopic {line}"), line
    assert await _topic(team, "energy") is None


async def test_add_a_topic_with_the_guided_form(team):
    owner = team.owner
    assert (await team.say(owner, "/addtopic")).startswith("New topic. /cancel leaves at any step.")
    assert "taken already" in await team.say(owner, "tripp")
    assert (await team.say(owner, "climate")).startswith("Send the topic's name in Russian")
    await team.say(owner, "Климат")
    await team.say(owner, "Climate")
    await team.say(owner, "Климатическая повестка")
    assert (await team.say(owner, "The climate agenda")).startswith("Send the keywords")
    preview = (await team.ask(owner, "climate, COP29, климат"))[0]
    assert preview.plain.startswith("Preview of the new topic.") and "/climate" in preview.plain
    assert "Keywords: климат, climate, COP29" in preview.plain
    added = (await team.press(owner, preview, "Confirm"))[0].plain
    assert added.startswith("Added the topic /climate")
    assert (await _topic(team, "climate")).tagline_en == "The climate agenda"
    assert (await team.say(owner, "/undo")).startswith("Undone: create of topic climate")
    assert "/climate" not in await team.say(team.outsider, "/topics")
