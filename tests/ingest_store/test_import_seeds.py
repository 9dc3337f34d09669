"""Importing the raw seed articles into the store, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.ingest.files import iter_files
from bot.ingest.importer import import_files
from storage.articles import article_topic_slugs
from storage.models import Article, ArticleSighting
from storage.search import search

EXPECTED = {
    # seed: (published, outlet, title start, first words of the body, last words of the body)
    "000": (dt.date(2026, 2, 7), "1news.az", "Визит Джей Ди Вэнса в Азербайджан: личная дипломатия Трампа",
            "Предстоящий визит вице-президента США", "устойчивости и предсказуемости на Южном Кавказе."),
    "001": (dt.date(2026, 1, 6), "1news.az", "Баку и Вашингтон перелистывают кризисную страницу отношений",
            "Первой официальной делегацией, принятой в Азербайджане",
            "долгосрочной геополитической и экономической значимостью для обеих стран."),
    "002": (dt.date(2025, 7, 22), None, "Азербайджано-американский политический диалог",
            "Азербайджано-американский политический диалог последнего времени",
            "углубления политического диалога между Баку и Вашингтоном."),
    "003": (dt.date(2026, 2, 10), "УНН", "Соединенные Штаты и Азербайджан официально заключили",
            "Соединенные Штаты и Азербайджан официально заключили соглашение",
            "подчеркивая важность Кавказа для американских интересов."),
    "004": (dt.date(2026, 2, 12), "Day.Az", "На фоне происходящих в последнее время трансформаций",
            "На фоне происходящих в последнее время трансформаций",
            "более эффективными и ценными на международном уровне\", - подчеркнул А. Гараев."),
}
TOPICS = {"amendment907": {"001", "002"}, "charter": {"003", "004"}, "tripp": {"003"}}
BOILERPLATE = ("Azərbaycanca", "Последние новости", "Выбор редакции", "Поделиться", "First News Media",
               "Фото: Reuters")


def seed_paths(folder):
    return sorted(folder.glob("*.txt"))


async def stored(session) -> dict[str, Article]:
    """Stored articles keyed by the seed number of the file they came from."""
    rows = (await session.exec(
        select(ArticleSighting.origin, Article).join(Article, Article.id == ArticleSighting.article_id)
        .where(ArticleSighting.duplicate == False)  # noqa: E712
    )).all()
    return {re.search(r"(\d{3})_[0-9a-f]+\.txt$", origin).group(1): article for origin, article in rows}


async def test_seed_articles_are_stored_dated_cleaned_and_tagged(
        shared_seeds_dir, seeded_engine, seeded_session, rules, now):
    report = await import_files(seeded_engine, seed_paths(shared_seeds_dir), now=now, rules=rules)
    assert (report.files, report.new, report.updated, report.duplicates, report.rejected) == (5, 5, [], [], [])
    articles = await stored(seeded_session)
    assert sorted(articles) == sorted(EXPECTED)
    topics = {seed: set(await article_topic_slugs(seeded_session, article_id=a.id)) for seed, a in articles.items()}
    for seed, (published, outlet, title, first, last) in EXPECTED.items():
        article = articles[seed]
        assert article.published_at == dt.datetime.combine(published, dt.time(12), dt.timezone.utc), seed
        assert article.date_flagged is False and article.date_source in ("metadata", "text")
        assert article.outlet == outlet and article.title.startswith(title), seed
        assert article.relevant, seed
        assert article.language == "ru" and article.ingested_at == now
        assert article.body.startswith(first) and article.body.endswith(last), seed
        assert not any(junk in article.body for junk in BOILERPLATE), seed
        # A sensible summary: the opening sentences, whole words, under 400 characters.
        assert 100 < len(article.summary) <= 400 and article.summary[-1] in ".!?…»\"", seed
        assert article.body.startswith(article.summary.rstrip("…")[:100]), seed
    for slug, seeds in TOPICS.items():
        assert {seed for seed, slugs in topics.items() if slug in slugs} >= seeds, slug
    assert "amendment907" not in topics["003"] | topics["004"] | topics["000"]
    assert "tripp" not in topics["000"] | topics["001"] | topics["002"] | topics["004"]
    # 001 names the Charter in passing; its subject, ranked first, is the amendment.
    assert (await article_topic_slugs(seeded_session, article_id=articles["001"].id))[0] == "amendment907"


async def test_importing_again_adds_nothing_and_reports_five_duplicates(
        shared_seeds_dir, seeded_engine, seeded_session, rules, now):
    first = await import_files(seeded_engine, seed_paths(shared_seeds_dir), now=now, rules=rules)
    again = await import_files(seeded_engine, iter_files([shared_seeds_dir]), now=now + dt.timedelta(hours=1),
                               rules=rules)
    assert (again.new, again.updated, again.rejected, len(again.duplicates)) == (0, [], [], 5)
    assert first.new == 5
    originals = await stored(seeded_session)
    for outcome in again.duplicates:
        seed = re.search(r"(\d{3})_", outcome.origin).group(1)
        assert outcome.duplicate_of == originals[seed].id
        assert outcome.duplicate_title == originals[seed].title
        assert outcome.matched_by == "text"
    assert (await seeded_session.exec(select(func.count()).select_from(Article))).one() == 5
    sightings = (await seeded_session.exec(select(ArticleSighting).where(ArticleSighting.duplicate == True))).all()  # noqa: E712
    assert len(sightings) == 5 and {s.matched_by for s in sightings} == {"text"}


def _with_other_boilerplate(text: str) -> str:
    """The 001 page as another site would wrap it: other navigation, other lists, other footer."""
    header, _, rest = text.partition("\n")
    return "\n".join([
        header, "Главная", "Политика", "Экономика", "Общество", "RU", "EN", "Поиск",
        "12:40 - Вчера", rest.replace("Azərbaycanca\n", ""),
        "Читайте также", "Курс маната на 7 января", "Погода в Баку: снег и гололёд",
        "Подписывайтесь на наш Telegram-канал", "© 2026 Другой сайт. Все права защищены.",
    ])


async def test_a_copy_with_different_boilerplate_is_a_duplicate_of_the_original(
        shared_seeds_dir, seeded_engine, seeded_session, rules, now, tmp_path):
    await import_files(seeded_engine, seed_paths(shared_seeds_dir), now=now, rules=rules)
    original = (await stored(seeded_session))["001"]
    source = next(shared_seeds_dir.glob("001_*.txt")).read_text(encoding="utf-8")
    copy = tmp_path / "copy_of_001.txt"
    copy.write_text(_with_other_boilerplate(source), encoding="utf-8")
    edited = tmp_path / "edited_001.txt"  # a lightly edited first paragraph, no date line
    lines = source.split("\n")[1:]
    first = next(i for i, line in enumerate(lines) if line.startswith("Первой официальной делегацией"))
    lines[first] = lines[first].replace("Первой официальной делегацией", "Самой первой делегацией", 1)
    edited.write_text("\n".join(lines).replace("Оклахома", "Оклахомы"), encoding="utf-8")
    report = await import_files(seeded_engine, [copy, edited], now=now, rules=rules)
    assert report.new == 0 and not report.rejected and len(report.duplicates) == 2
    for outcome in report.duplicates:
        assert (outcome.duplicate_of, outcome.duplicate_title) == (original.id, original.title)
    assert {o.matched_by for o in report.duplicates} <= {"text", "near"}
    assert report.duplicates[1].matched_by == "near"
    assert (await seeded_session.exec(select(func.count()).select_from(Article))).one() == 5


@pytest.mark.parametrize(("query", "seeds"), [
    ("907 поправка", {"001", "002"}),
    ("Хартия стратегическом партнерстве", {"001", "003", "004"}),
    ("Маллин", {"001"}),
])
async def test_imported_articles_are_searchable(
        shared_seeds_dir, seeded_engine, seeded_session, rules, now, query, seeds):
    await import_files(seeded_engine, seed_paths(shared_seeds_dir), now=now, rules=rules)
    by_id = {a.id: seed for seed, a in (await stored(seeded_session)).items()}
    hits = await search(seeded_session, query=query, kind="article")
    assert {by_id[hit.ref_id] for hit in hits} == seeds
