"""Batches as an import stores them: duplicates inside one batch, near duplicates of stored
articles found for a whole batch at once, one bad file refused alone."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from bot.ingest.files import Item, PreparedFile
from bot.ingest.importer import store_files
from bot.ingest.minhash import signature, similarities, similarity
from bot.ingest.pipeline import prepare
from bot.ingest.scraped import parse_scraped
from bot.ingest.store import Incoming, ingest, store_many
from storage.models import Article, ArticleLshBand, ArticleSighting
from storage.stemming import stems
from tests.ingest_store.test_republished import LATEST, MENU, OTHER_LATEST, OTHER_MENU, edited, page, story
from tests.ingest_store.test_store import CHARTER, FLU


def prepared_story(folder, seed: str, rules, now, *, republished: bool = False):
    paragraphs = story(folder, seed)
    text = (page("Баку и Вашингтон: новый этап", edited(paragraphs), menu=OTHER_MENU, latest=OTHER_LATEST)
            if republished else page(f"История {seed}", paragraphs, menu=MENU, latest=LATEST))
    return prepare(parse_scraped(text), now=now, rules=rules)


async def test_a_republication_in_the_same_batch_is_a_near_duplicate(shared_seeds_dir, seeded_session, rules, now):
    batch = [prepared_story(shared_seeds_dir, "003", rules, now),
             prepared_story(shared_seeds_dir, "000", rules, now),
             prepared_story(shared_seeds_dir, "000", rules, now, republished=True),
             prepared_story(shared_seeds_dir, "004", rules, now)]
    outcomes = await store_many(seeded_session, [Incoming(p, f"file-{n}") for n, p in enumerate(batch)], now=now)
    await seeded_session.commit()
    assert [o.status for o in outcomes] == ["new", "new", "duplicate", "new"]
    assert (outcomes[2].duplicate_of, outcomes[2].matched_by) == (outcomes[1].article_id, "near")
    assert (await seeded_session.exec(select(func.count()).select_from(Article))).one() == 3


async def test_near_duplicates_of_stored_articles_are_found_for_the_whole_batch(seeded_session, rules, now):
    stored = [await ingest(seeded_session, CHARTER, origin="charter", now=now, rules=rules),
              await ingest(seeded_session, FLU, origin="flu", now=now, rules=rules)]
    charter = dataclasses.replace(CHARTER, body=CHARTER.body.replace("между двумя странами", "между странами"),
                                  url=None, title="Хартия")
    flu = dataclasses.replace(FLU, body=FLU.body.replace("широкое", "очень широкое"), title="Грипп")
    batch = [prepare(raw, now=now, rules=rules) for raw in (flu, charter)]
    outcomes = await store_many(seeded_session, [Incoming(p, f"edited-{n}") for n, p in enumerate(batch)], now=now)
    assert [(o.status, o.duplicate_of, o.matched_by) for o in outcomes] == [
        ("duplicate", stored[1].article_id, "near"), ("duplicate", stored[0].article_id, "near")]
    assert outcomes[1].duplicate_title == CHARTER.title


async def test_a_file_the_database_refuses_costs_only_itself(seeded_engine, seeded_session, rules, now):
    good = [prepare(raw, now=now, rules=rules) for raw in (CHARTER, FLU)]
    broken = dataclasses.replace(prepare(dataclasses.replace(FLU, body=FLU.body + " Другой текст о вакцинах."),
                                         now=now, rules=rules), title=None)  # NOT NULL: the insert fails
    files = [PreparedFile(name, (Item(name, name, article),))
             for name, article in (("a.txt", good[0]), ("bad.txt", broken), ("b.txt", good[1]))]
    outcomes = await store_files(seeded_engine, files, now=now)
    assert [[o.status for o in found] for found in outcomes] == [["new"], ["rejected"], ["new"]]
    assert outcomes[1][0].refusal.code == "db_refused" and outcomes[1][0].origin == "bad.txt"
    titles = (await seeded_session.exec(select(Article.title).order_by(Article.id))).all()
    assert titles == [CHARTER.title, FLU.title]
    assert (await seeded_session.exec(select(func.count()).select_from(ArticleSighting))).one() == 2


def test_similarities_of_a_batch_equal_each_pair_s_similarity():
    texts = ["один два три четыре пять шесть семь восемь девять десять",
             "один два три четыре пять шесть семь восемь девять одиннадцать",
             "совсем другой текст о погоде в Баку и ценах на нефть"]
    signatures = [signature(text) for text in texts]
    others = signatures + [None, b"", signatures[0][:-4]]
    for mine in signatures + [b""]:
        assert similarities(mine, others) == [similarity(mine, other) for other in others]
    assert similarities(signatures[0], []) == []


async def test_the_search_entry_of_an_import_holds_the_stems_its_worker_computed(seeded_session, rules, now):
    prepared = prepare(CHARTER, now=now, rules=rules)
    assert prepared.body_stems == " ".join(stems(prepared.body))
    outcome = (await store_many(seeded_session, [Incoming(prepared, "a")], now=now))[0]
    if seeded_session.bind.dialect.name == "sqlite":
        entry = (await seeded_session.exec(text("SELECT title, body FROM search_articles_fts WHERE rowid = :id"),
                                           params={"id": outcome.article_id})).one()
        assert tuple(entry) == (" ".join(stems(prepared.title)), prepared.body_stems)
        return
    # PostgreSQL: the same stems, numbered on from the title's, the title's weighing more.
    title = stems(prepared.title)
    body = prepared.body_stems.split()
    stored, expected = (await seeded_session.exec(text(
        "SELECT tsv::text, CAST(:expected AS tsvector)::text FROM search_article_docs WHERE ref_id = :id"),
        params={"id": outcome.article_id, "expected": " ".join(
            [f"'{stem}':{n}A" for n, stem in enumerate(title, 1)]
            + [f"'{stem}':{n}B" for n, stem in enumerate(body, len(title) + 1)])})).one()
    assert stored == expected


async def test_each_article_of_a_batch_keeps_its_own_band_keys(seeded_session, rules, now):
    batch = [prepare(CHARTER, now=now, rules=rules), prepare(FLU, now=now, rules=rules)]
    outcomes = await store_many(seeded_session, [Incoming(p, f"o{i}") for i, p in enumerate(batch)], now=now)
    await seeded_session.commit()
    stored = (await seeded_session.exec(select(ArticleLshBand.article_id, ArticleLshBand.band_key))).all()
    assert sorted(stored) == sorted((outcome.article_id, key) for outcome, prepared in zip(outcomes, batch)
                                    for key in set(prepared.lsh_bands))
    assert len({outcome.article_id for outcome in outcomes}) == 2 and all(p.lsh_bands for p in batch)
