"""/search answers in one message, even when the events found have summaries too long to show whole."""
from __future__ import annotations

import datetime as dt

from storage.db import open_session
from storage.models import Event
from storage.indexing import index_event

FILLER_EN = "Delegations met for consultations on trade, energy routes and regional security. "
FILLER_RU = "Делегации провели консультации о торговле, энергетических маршрутах и безопасности. "


async def test_a_search_over_long_summaries_is_one_message_with_every_result(bot):
    async with open_session(bot.engine) as session:
        for i in range(5):
            event = Event(slug=f"quorvex-{i}", date=dt.date(2030, 1, 1 + i), title_ru=f"Встреча {i}",
                          title_en=f"Meeting {i}", origin="maintainer", edited_by=1,
                          summary_ru=FILLER_RU * 8 + "Стороны обсудили проект Quorvex. " + FILLER_RU * 8,
                          summary_en=FILLER_EN * 8 + "The sides discussed the Quorvex project. " + FILLER_EN * 8)
            session.add(event)
            await session.flush()
            await index_event(session, event)
        await session.commit()
    for lang, title in (("en", "Meeting"), ("ru", "Встреча")):
        user = bot.fake.create_user(language_code=lang)
        found = (await bot.ask(user, "/search Quorvex"))[0]
        await bot.ask(user, "/help")  # answered after the search: a second part would have come before it
        assert len(bot.fake.messages(user)) == 2
        assert all(f"{title} {i}" in found.plain for i in range(5))
        bold = [found.plain[e["offset"]:e["offset"] + e["length"]] for e in found.entities if e["type"] == "bold"]
        assert bold.count("Quorvex") == 5
        assert found.plain.count("…") >= 5  # the summaries' parts around the word found
