"""ingest(): deduplication by URL, text and near text; updates; sightings; one transaction."""
from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func
from sqlmodel import select

from bot.ingest.raw_article import RawArticle
from bot.ingest.store import ingest
from storage.articles import article_topic_slugs, near_duplicate_candidates
from storage.models import Article, ArticleSighting
from storage.indexing import index_article
from storage.search import search

CHARTER = RawArticle(
    title="Вэнс и Алиев подписали Хартию о стратегическом партнерстве",
    body=("Вице-президент США Джей Ди Вэнс и президент Азербайджана Ильхам Алиев подписали в Баку Хартию о "
          "стратегическом партнерстве между двумя странами.\n"
          "Документ охватывает сотрудничество в области безопасности, энергетики, транспорта и цифровых "
          "технологий, а также предусматривает регулярный политический диалог на высшем уровне.\n"
          "Стороны отдельно отметили значение Маршрута Трампа для международного мира и процветания (TRIPP), "
          "который должен связать основную территорию Азербайджана с Нахчываном."),
    published=dt.date(2026, 2, 10), outlet="Example News",
    url="https://www.example-news.az/politics/charter/?utm_source=rss",
)
FLU = RawArticle(
    title="Сезон гриппа в Баку",
    body=("В Баку отмечается широкое распространение гриппа. Министерство здравоохранения Азербайджана "
          "рекомендует вакцинацию и призывает граждан соблюдать меры предосторожности в общественных местах."),
)


async def count(session, model) -> int:
    return (await session.exec(select(func.count()).select_from(model))).one()


async def test_new_article_with_topics_sighting_and_index(seeded_session, rules, now):
    outcome = await ingest(seeded_session, CHARTER, origin="test", now=now, rules=rules)
    await seeded_session.commit()
    assert outcome.status == "new" and outcome.stored
    assert outcome.published == dt.date(2026, 2, 10) and outcome.relevant and not outcome.date_flagged
    assert set(outcome.topics) == {"charter", "tripp"}
    article = await seeded_session.get(Article, outcome.article_id)
    assert article.url_key == "example-news.az/politics/charter" and article.date_source == "metadata"
    assert set(await article_topic_slugs(seeded_session, article_id=article.id)) == {"charter", "tripp"}
    sighting = (await seeded_session.exec(select(ArticleSighting))).one()
    assert (sighting.article_id, sighting.duplicate, sighting.matched_by, sighting.url_key) == (
        article.id, False, None, "example-news.az/politics/charter")
    assert [h.ref_id for h in await search(seeded_session, query="маршрут Трампа", kind="article")] == [article.id]


async def test_same_url_same_text_is_a_duplicate(seeded_session, rules, now):
    first = await ingest(seeded_session, CHARTER, origin="feed", now=now, rules=rules)
    again = await ingest(seeded_session, dataclasses.replace(CHARTER, url="http://example-news.az/politics/charter#top"),
                         origin="feed again", now=now, rules=rules)
    assert (again.status, again.duplicate_of, again.matched_by) == ("duplicate", first.article_id, "url")
    assert again.duplicate_title == CHARTER.title
    assert await count(seeded_session, Article) == 1 and await count(seeded_session, ArticleSighting) == 2


async def test_same_url_with_edited_text_updates_the_article(seeded_session, rules, now):
    first = await ingest(seeded_session, CHARTER, origin="a", now=now, rules=rules)
    edited = dataclasses.replace(CHARTER, body=CHARTER.body + "\nПо словам Алиева, отношения вступили в новую фазу.",
                                 title="Хартия подписана")
    updated = await ingest(seeded_session, edited, origin="b", now=now, rules=rules)
    assert (updated.status, updated.article_id) == ("updated", first.article_id)
    article = await seeded_session.get(Article, first.article_id)
    assert article.title == "Хартия подписана" and article.body.endswith("новую фазу.")
    assert [h.ref_id for h in await search(seeded_session, query="новую фазу", kind="article")] == [article.id]
    teaser = dataclasses.replace(CHARTER, body=CHARTER.body[:200] + ".")  # much shorter: not an update
    assert (await ingest(seeded_session, teaser, origin="c", now=now, rules=rules)).status == "duplicate"
    assert (await seeded_session.get(Article, first.article_id)).body.endswith("новую фазу.")


async def test_same_text_elsewhere_is_a_duplicate_and_its_url_is_remembered(seeded_session, rules, now):
    first = await ingest(seeded_session, CHARTER, origin="a", now=now, rules=rules)
    copy = dataclasses.replace(CHARTER, url="https://mirror.example/charter", title="Хартия")
    dup = await ingest(seeded_session, copy, origin="https://mirror.example/charter", now=now, rules=rules)
    assert (dup.status, dup.duplicate_of, dup.matched_by) == ("duplicate", first.article_id, "text")
    # The mirror's URL now leads to the original, whatever its text.
    changed = dataclasses.replace(copy, body=FLU.body)
    again = await ingest(seeded_session, changed, origin="mirror", now=now, rules=rules)
    assert (again.status, again.duplicate_of, again.matched_by) == ("duplicate", first.article_id, "url")


async def test_lightly_edited_text_is_a_near_duplicate(seeded_session, rules, now):
    first = await ingest(seeded_session, CHARTER, origin="a", now=now, rules=rules)
    edited = RawArticle(body=CHARTER.body.replace("между двумя странами", "между странами"), title="Хартия")
    outcome = await ingest(seeded_session, edited, origin="b", now=now, rules=rules)
    assert (outcome.status, outcome.duplicate_of, outcome.matched_by) == ("duplicate", first.article_id, "near")


async def test_irrelevant_articles_are_kept_and_searchable(seeded_session, rules, now):
    outcome = await ingest(seeded_session, FLU, origin="flu", now=now, rules=rules)
    assert outcome.status == "new" and not outcome.relevant and outcome.topics == ()
    assert outcome.date_flagged  # no date anywhere: filed under the import time
    article = await seeded_session.get(Article, outcome.article_id)
    assert (article.relevant, article.published_at, article.date_source) == (False, now, "import")
    assert [h.ref_id for h in await search(seeded_session, query="грипп", kind="article")] == [article.id]


async def test_rejections_touch_nothing(seeded_session, rules, now):
    outcome = await ingest(seeded_session, RawArticle(body="Главная\nПоделиться\n348"), origin="x", now=now,
                           rules=rules)
    assert outcome.status == "rejected" and "no article text" in outcome.reason
    assert await count(seeded_session, Article) == 0 and await count(seeded_session, ArticleSighting) == 0


async def test_a_rolled_back_ingest_leaves_no_trace(seeded_engine, seeded_session, rules, now):
    await ingest(seeded_session, CHARTER, origin="a", now=now, rules=rules)
    await seeded_session.rollback()
    assert await count(seeded_session, Article) == 0
    assert await search(seeded_session, query="маршрут Трампа", kind="article") == []


async def test_near_duplicate_lookup_is_bounded_to_band_matches(seeded_session, rules, now):
    stored = await ingest(seeded_session, CHARTER, origin="a", now=now, rules=rules)
    article = await seeded_session.get(Article, stored.article_id)
    exact = ({article.band0}, set(), set(), set())
    ids, simhashes = await near_duplicate_candidates(seeded_session, probes=exact)
    assert (ids.tolist(), simhashes.tolist()) == ([article.id], [article.simhash])
    other = ({(article.band0 + 1) % 65536}, {(article.band1 + 1) % 65536}, set(), set())
    ids, simhashes = await near_duplicate_candidates(seeded_session, probes=other)
    assert (ids.tolist(), simhashes.tolist()) == ([], [])


async def test_bulk_index_entries_equal_those_of_index_article(seeded_session, rules, now):
    """Inserts index in bulk; storage.indexing.index_article must give the very same entry."""
    outcome = await ingest(seeded_session, CHARTER, origin="a", now=now, rules=rules)
    before = await search(seeded_session, query="партнерстве Вэнс", kind="article")
    await index_article(seeded_session, await seeded_session.get(Article, outcome.article_id))
    after = await search(seeded_session, query="партнерстве Вэнс", kind="article")
    assert before == after and [hit.ref_id for hit in after] == [outcome.article_id]
