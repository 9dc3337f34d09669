"""Readers see sources titled in their language and the date a topic card speaks for."""
from __future__ import annotations

import re

UNN_EN = "Report on the signing of the Charter on Strategic Partnership in Baku (citing Reuters)"
UNN_RU = "Сообщение о подписании в Баку Хартии о стратегическом партнерстве (со ссылкой на Reuters)"
DAYAZ_EN = "Political analyst Azer Garayev (Trend) on the Charter on Strategic Partnership"
DAYAZ_RU = "Комментарий политолога Азера Гараева (Trend) о Хартии о стратегическом партнерстве"


async def test_english_card_gives_its_date_and_english_source_titles(bot):
    user = bot.fake.create_user(language_code="en")
    card = (await bot.ask(user, "/tripp"))[0]
    assert "As of 12 February 2026" in card.plain
    # Sources without a link are named by their title, in the reader's language; the others link to the article.
    assert UNN_EN in card.plain and DAYAZ_EN in card.plain
    assert not re.search("[а-яё]{4,}", card.plain.split("Sources")[-1], re.I)
    assert any(e["type"] == "text_link" and "azatutyun.am" in e["url"] for e in card.entities)


async def test_russian_card_gives_its_date_and_russian_source_titles(bot):
    user = bot.fake.create_user(language_code="ru")
    card = (await bot.ask(user, "/tripp"))[0]
    assert "По состоянию на 12 февраля 2026" in card.plain
    assert UNN_RU in card.plain and DAYAZ_RU in card.plain and UNN_EN not in card.plain


async def test_timeline_entries_name_unlinked_sources_in_the_readers_language(bot):
    en = bot.fake.create_user(language_code="en")
    page = (await bot.ask(en, "/timeline 2026-02"))[0]
    assert UNN_EN in page.plain and UNN_RU not in page.plain
    ru = bot.fake.create_user(language_code="ru")
    assert UNN_RU in (await bot.ask(ru, "/timeline 2026-02"))[0].plain


async def test_inline_results_name_sources_in_the_readers_language(bot):
    user = bot.fake.create_user(language_code="en")
    answer = await bot.fake.wait_for_inline_answer(bot.fake.inline_query(user, "Garayev"))
    texts = [r["input_message_content"]["message_text"] for r in answer["results"]]
    assert any(DAYAZ_EN in t for t in texts) and not any(DAYAZ_RU in t for t in texts)
