"""What a reader sees of imported pages whose date line carries furniture, and of a republication."""
from __future__ import annotations

HEADLINE = "Вэнс и Алиев подписали хартию о партнерстве"


async def test_latest_shows_the_headline_once_for_a_republished_story(bot, shared_seeds_dir, tmp_path):
    from bot.ingest.importer import import_files
    from bot.ingest.rules import load_rules, relevance_groups
    from storage.db import open_session as session_of

    body = next(shared_seeds_dir.glob("003_*.txt")).read_text(encoding="utf-8").split("\n", 1)[1]
    first = tmp_path / "first.txt"
    first.write_text(f" date 2026-02-10 USD 1.7000 EUR 1.9811\nБаку +12°C\n\n{HEADLINE}\n\n{body}", encoding="utf-8")
    paragraphs = body.strip().split("\n\n")
    lead = paragraphs[0].split()
    lead[::5] = ["якобы"] * len(lead[::5])  # a rewritten first paragraph
    again = tmp_path / "again.txt"
    again.write_text(" date 2026-02-11 Погода в Баку +9°\nГлавная\nМнение\n\nХартия подписана: что дальше\n\n"
                     + "\n\n".join([" ".join(lead)] + paragraphs[1:])
                     + "\n\nПоделиться\n312\n\nПоследние новости\nВ Баку открылась новая станция метро\n",
                     encoding="utf-8")
    async with session_of(bot.engine) as session:
        rules = await load_rules(session, relevance_all_of=relevance_groups())
    report = await import_files(bot.engine, [first, again], now=bot.clock(), rules=rules)
    assert report.new == 1 and len(report.duplicates) == 1
    user = bot.fake.create_user(language_code="en")
    latest = (await bot.ask(user, "/latest"))[0]
    assert latest.plain.count(HEADLINE) == 1
    assert "Хартия подписана" not in latest.plain
