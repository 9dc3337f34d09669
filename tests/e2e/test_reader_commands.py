"""Every reader command end to end, in both languages, as a person sees it."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from storage.db import open_session
from storage.models import Chat


async def test_start_greets_in_the_users_language_and_records_the_chat(bot):
    ru = bot.fake.create_user(first_name="Айгюн", language_code="ru")
    en = bot.fake.create_user(first_name="Ann", language_code="en-GB")
    de = bot.fake.create_user(first_name="Jonas", language_code="de")
    assert (await bot.ask(ru, "/start"))[0].plain.startswith("Здравствуйте, Айгюн!")
    reply = (await bot.ask(en, "/start"))[0]
    assert reply.plain.startswith("Hello, Ann!") and "/charter" in reply.plain and "/timeline" in reply.plain
    assert (await bot.ask(de, "/start"))[0].plain.startswith("Здравствуйте")  # DEFAULT_LANGUAGE
    async with open_session(bot.engine) as session:
        chats = {c.id: c for c in (await session.exec(select(Chat))).all()}
    assert chats[ru.id].language == "ru" and chats[en.id].language == "en" and chats[en.id].type == "private"


async def test_help_and_lang(bot):
    user = bot.fake.create_user(language_code="ru")
    help_text = (await bot.ask(user, "/help"))[0].plain
    assert "/timeline" in help_text and "/amendment907" in help_text and "/search" in help_text
    assert (await bot.ask(user, "/lang en"))[0].plain.startswith("Done")
    assert (await bot.ask(user, "/help"))[0].plain.startswith("What I can do")
    assert "/lang ru" in (await bot.ask(user, "/lang fr"))[0].plain


async def test_command_menus_per_language_and_scope(bot):
    for lang, word in (("ru", "Хронология"), ("en", "Timeline")):
        for scope in ("all_private_chats", "all_group_chats", "all_chat_administrators"):
            commands = {c["command"]: c["description"] for c in bot.fake.commands(scope, language_code=lang)}
            assert {"start", "timeline", "search", "charter", "amendment907", "tripp"} <= set(commands)
            assert word in commands["timeline"]


async def test_timeline_pages_and_filters_by_button(bot):
    user = bot.fake.create_user(language_code="en")
    page1 = (await bot.ask(user, "/timeline"))[0]
    assert page1.plain.startswith("Timeline\nPage 1 of")
    assert "10 February 2026" in page1.plain and "Sources:" in page1.plain
    assert any(e["type"] == "text_link" for e in page1.entities)  # sources are links
    labels = [text for row in page1.buttons for text, _ in row]
    assert labels == ["Older »", "Charter on Strategic Partnership", "Section 907", "TRIPP route"]

    bot.fake.press_button(user, page1, "Older »")
    page2 = await bot.fake.wait_for_edit(page1)
    assert page2.plain.startswith("Timeline\nPage 2 of") and "« Newer" in str(page2.buttons)

    topic_button = next(text for row in page2.buttons for text, _ in row if text.startswith("Section 907")
                        or "907" in text)
    bot.fake.press_button(user, page2, topic_button)
    filtered = await bot.fake.wait_for_edit(page1, count=2)
    assert "topic:" in filtered.plain and "Page 1 of" in filtered.plain
    assert "All topics" in str(filtered.buttons)


@pytest.mark.parametrize(("args", "header", "date_suffix"), [
    ("2025", "period: 2025", " 2025"),
    ("2025-08", "period: 2025-08", "August 2025"),
    ("charter", "topic: Charter on Strategic Partnership", ""),
    ("charter 2026-02", "topic: Charter on Strategic Partnership\nperiod: 2026-02", "February 2026"),
])
async def test_timeline_arguments(bot, args, header, date_suffix):
    user = bot.fake.create_user(language_code="en")
    reply = (await bot.ask(user, f"/timeline {args}"))[0]
    head, body = reply.plain.split("\n\n", 1)
    assert header in head
    entry_dates = [entry.split("\n")[0] for entry in body.split("\n\n")]
    assert entry_dates and all(d.endswith(date_suffix) for d in entry_dates), entry_dates


async def test_timeline_in_russian(bot):
    user = bot.fake.create_user(language_code="ru")
    reply = (await bot.ask(user, "/timeline 2025-10"))[0]
    assert reply.plain.startswith("Хронология") and "октябрь 2025" in reply.plain  # month precision


@pytest.mark.parametrize("command", ["/charter", "/amendment907", "/tripp", "/topic tripp"])
async def test_topic_cards(bot, command):
    user = bot.fake.create_user(language_code="en")
    card = (await bot.ask(user, command))[0]
    assert "Key dates" in card.plain and "Sources" in card.plain
    assert [text for text, _ in card.buttons[0]] == ["Timeline", "Latest articles"]
    bot.fake.press_button(user, card, "Timeline")
    timeline = await bot.fake.wait_for_edit(card)
    assert "topic:" in timeline.plain


async def test_topics_list_and_unknown_topic(bot):
    user = bot.fake.create_user(language_code="ru")
    listing = (await bot.ask(user, "/topics"))[0]
    assert "/charter" in listing.plain and "/tripp" in listing.plain
    bot.fake.press_button(user, listing, listing.buttons[1][0][0])
    card = (await bot.fake.wait_for_messages(user, 1, after=listing))[0]
    assert "Ключевые даты" in card.plain
    assert "Темы «nope» нет" in (await bot.ask(user, "/topic nope"))[0].plain
    assert "/topic charter" in (await bot.ask(user, "/topic"))[0].plain


async def test_on_this_day(bot):
    bot.clock.now = dt.datetime(2026, 8, 7, 21, 30, tzinfo=dt.timezone.utc)  # already 8 August in Baku
    user = bot.fake.create_user(language_code="en")
    today = (await bot.ask(user, "/onthisday"))[0]
    assert today.plain.startswith("On this day, 8 August") and "1 year ago" in today.plain
    ru = bot.fake.create_user(language_code="ru")
    other = (await bot.ask(ru, "/onthisday 10-24"))[0]
    assert "34 года назад" in other.plain or "33 года назад" in other.plain
    none = (await bot.ask(user, "/onthisday 11-21"))[0]
    assert "nearest anniversaries ahead" in none.plain and "25 November" in none.plain


async def test_search_highlights_every_form(bot):
    user = bot.fake.create_user(language_code="ru")
    reply = (await bot.ask(user, "/search поправку"))[0]
    bold = [reply.plain[e["offset"]:e["offset"] + e["length"]].lower() for e in reply.entities if e["type"] == "bold"]
    assert {"поправка", "поправки"} & set(bold) or any(b.startswith("поправк") for b in bold)
    en = bot.fake.create_user(language_code="en")
    english = (await bot.ask(en, "/search waivers"))[0]
    assert "Search: waivers" in english.plain and "waiver" in english.plain.lower()


async def test_latest_articles_empty_then_listed(bot):
    user = bot.fake.create_user(language_code="en")
    assert "No articles have been collected yet." in (await bot.ask(user, "/latest"))[0].plain


async def test_chart_is_a_png_photo_with_caption(bot):
    user = bot.fake.create_user(language_code="en")
    reply = (await bot.ask(user, "/timeline chart"))[0]
    assert reply.photo and reply.photo.startswith(b"\x89PNG")
    assert reply.caption.startswith("Events per month by topic")


async def test_inline_mode_offers_events(bot):
    user = bot.fake.create_user(language_code="en")
    query = bot.fake.inline_query(user, "charter")
    answer = await bot.fake.wait_for_inline_answer(query)
    assert answer["results"] and all(r["type"] == "article" for r in answer["results"])
    assert any("Charter" in r["title"] for r in answer["results"])
    empty = await bot.fake.wait_for_inline_answer(bot.fake.inline_query(user, ""))
    assert empty["results"]  # the newest events


async def test_group_commands_with_the_bots_name(bot):
    admin = bot.fake.create_user(language_code="en")
    group = bot.fake.create_group("Readers", admins=[admin], bot="member")
    reply = (await bot.ask(admin, "/timeline@briefing_test_bot 2026", chat=group))[0]
    assert "2026" in reply.plain
    sent = bot.fake.user_sends(admin, "/unknown", group)
    await bot.fake.assert_no_new_messages(group, after=sent)


async def test_buttons_keep_working_after_a_restart(bot):
    from bot.app import build_application
    from storage.seed_files import read_dossier
    from tests.fakebot.fixtures import running_application

    user = bot.fake.create_user(language_code="en")
    page = (await bot.ask(user, "/timeline charter"))[0]
    await bot.app.updater.stop()
    await bot.app.stop()  # the bot goes down; its memory is gone
    restarted = build_application(bot.settings, engine=bot.engine, dossier=read_dossier().meta, clock=bot.clock)
    async with running_application(restarted):
        bot.fake.press_button(user, page, "Older »")
        older = await bot.fake.wait_for_edit(page)
        assert "Page 2 of 2" in older.plain and "topic:" in older.plain


async def test_imported_articles_in_latest_and_search(bot, shared_seeds_dir):
    from bot.ingest.importer import import_files
    from bot.ingest.rules import load_rules, relevance_groups
    from storage.db import open_session as session_of

    async with session_of(bot.engine) as session:
        rules = await load_rules(session, relevance_all_of=relevance_groups())
    report = await import_files(bot.engine, sorted(shared_seeds_dir.glob("*.txt")), now=bot.clock(), rules=rules)
    assert report.files == 5
    user = bot.fake.create_user(language_code="en")
    latest = (await bot.ask(user, "/latest"))[0]
    assert latest.plain.startswith("Latest articles\nPage 1 of 1")
    assert "1news.az" in latest.plain and "12 February 2026" in latest.plain
    # Events come first, then the articles section, in the same message.
    articles = (await bot.ask(user, "/search Хартия"))[0]
    section = articles.plain.split("Articles\n", 1)[1]
    assert any(outlet in section for outlet in ("1news.az", "Day.Az", "УНН"))
    card = (await bot.ask(user, "/charter"))[0]
    bot.fake.press_button(user, card, "Latest articles")
    listed = await bot.fake.wait_for_edit(card)
    assert listed.plain.startswith("Latest articles: Charter on Strategic Partnership")


async def test_a_bot_run_alone_leaves_its_startup_heap_out_of_collections(bot):
    """`briefbot run` builds the bot alone_in_process: a full collection then skips the libraries' objects, and
    aiosqlite's threads get the interpreter back from the event loop within SWITCH_INTERVAL."""
    import gc
    import sys

    from bot.app import SWITCH_INTERVAL, build_application
    from storage.seed_files import read_dossier
    from tests.fakebot.fixtures import running_application

    await bot.app.updater.stop()
    await bot.app.stop()
    alone = build_application(bot.settings, engine=bot.engine, dossier=read_dossier().meta, clock=bot.clock,
                              alone_in_process=True)
    gc.unfreeze()
    interval = sys.getswitchinterval()
    try:
        async with running_application(alone):
            await alone.post_init(alone)  # as run_polling does
            try:
                assert gc.get_freeze_count() > 10_000
                assert SWITCH_INTERVAL < interval  # the default, 5 ms
                assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)
                user = bot.fake.create_user(language_code="en")
                assert "/timeline" in (await bot.ask(user, "/help"))[0].plain
            finally:
                await alone.post_stop(alone)
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
        sys.setswitchinterval(interval)


async def test_many_searches_at_once_all_get_answers(bot):
    """More /search commands at once than the connection pool holds: none waits for ever on a second connection."""
    users = [bot.fake.create_user(language_code="en") for _ in range(30)]
    sent = [(user, bot.fake.user_sends(user, "/search Azerbaijan")) for user in users]
    for user, message in sent:
        reply = (await bot.fake.wait_for_messages(user, 1, after=message, timeout=60))[0]  # 30 at once, on a busy machine
        assert reply.plain.startswith("Search: Azerbaijan")
