"""How a batch reaches the database: the statements it costs and the indexes they read."""
from __future__ import annotations

import dataclasses
import datetime as dt
import random

from sqlalchemy import event, insert, text

from bench.ingest_data import SyntheticArticles
from bot.ingest.dedup import DuplicateIndex
from bot.ingest.fingerprint import MASK64, NEAR_DUPLICATE_DISTANCE, band_probes, hamming, to_signed
from bot.ingest.importer import BATCH_ITEMS
from bot.ingest.pipeline import prepare
from bot.ingest.scraped import parse_scraped
from bot.ingest.store import Incoming, store_many
from storage import articles as queries
from storage import simhash_candidates
from storage.models import Article, ArticleLshBand


class Statements:
    """The SQL a session's engine runs, for counting and for asking the planner about it: what goes
    through SQLAlchemy, and the SimHash lookup that SQLite runs straight on sqlite3's connection."""

    def __init__(self, engine) -> None:
        self.seen: list[str] = []
        self.params: list = []
        self.engine = engine.sync_engine
        event.listen(self.engine, "before_cursor_execute", self._record)
        self._direct = simhash_candidates._sqlite_candidates

        def recorded(connection, sql, params):
            self._record(None, None, sql, params, None, False)
            return self._direct(connection, sql, params)

        simhash_candidates._sqlite_candidates = recorded

    def _record(self, conn, cursor, statement, params, context, executemany) -> None:
        self.seen.append(" ".join(statement.split()))
        self.params.append(params)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)
        simhash_candidates._sqlite_candidates = self._direct

    def starting(self, prefix: str) -> list[str]:
        return [statement for statement in self.seen if statement.startswith(prefix)]


def batch(rules, now: dt.datetime, count: int, seed: int = 7):
    synthetic = SyntheticArticles(seed=seed)
    return [prepare(parse_scraped(synthetic.text(n)), now=now, rules=rules) for n in range(count)]


async def test_a_batch_of_new_articles_is_one_insert_and_each_gets_its_own_id(seeded_session, rules, now):
    articles = batch(rules, now, 30)
    statements = Statements(seeded_session.bind)
    try:
        outcomes = await store_many(seeded_session, [Incoming(p, f"file-{n}") for n, p in enumerate(articles)], now=now)
    finally:
        statements.close()
    await seeded_session.commit()
    assert [o.status for o in outcomes] == ["new"] * 30
    assert len(statements.starting("INSERT INTO articles")) == 1
    stored = dict((await seeded_session.exec(text("SELECT id, content_hash FROM articles"))).all())
    assert [stored[o.article_id] for o in outcomes] == [p.content_hash for p in articles]


async def test_rows_with_equal_content_hashes_still_get_their_ids_in_order(seeded_session, rules, now):
    first, second = batch(rules, now, 2)
    rows = [dict(title=p.title, outlet=p.outlet, url=None, url_key=key, published_at=p.published_at,
                 date_flagged=False, date_source="metadata", language="ru", body=p.body, summary=p.summary,
                 content_hash=first.content_hash, simhash=p.simhash, band0=0, band1=0, band2=0, band3=0,
                 minhash=None, relevant=p.relevant, ingested_at=now)
             for p, key in ((first, "a.example/1"), (second, "a.example/2"))]
    ids = await queries.insert_articles(seeded_session, rows=rows, topics=[{}, {}])
    await seeded_session.commit()
    titles = dict((await seeded_session.exec(text("SELECT id, title FROM articles"))).all())
    assert [titles[i] for i in ids] == [first.title, second.title]


def _article_row(n: int, simhash: int, now: dt.datetime) -> dict:
    unsigned = simhash & ((1 << 64) - 1)
    return dict(title=f"t{n}", body="b", summary="s", content_hash=f"{n:064x}", simhash=simhash,
                band0=unsigned >> 48, band1=(unsigned >> 32) & 0xFFFF, band2=(unsigned >> 16) & 0xFFFF,
                band3=unsigned & 0xFFFF, published_at=now, ingested_at=now, date_flagged=False,
                date_source="metadata", language="ru", relevant=True)


async def _stored_at_random(session, count: int, rng: random.Random, now: dt.datetime) -> list[Article]:
    """`count` stored articles with random fingerprints."""
    rows = [Article(**_article_row(n, rng.getrandbits(64) - (1 << 63), now)) for n in range(count)]
    session.add_all(rows)
    await session.flush()
    return rows


async def test_simhash_candidates_are_read_from_the_covering_band_indexes(seeded_session, now):
    rows = await _stored_at_random(seeded_session, 400, random.Random(2), now)
    probes = [frozenset()] * 4
    for row in rows[:50]:
        probes = [mine | theirs for mine, theirs in zip(probes, band_probes(row.simhash))]
    statements = Statements(seeded_session.bind)
    try:
        found = await queries.near_duplicate_candidates(seeded_session, probes=probes)
    finally:
        statements.close()
    assert {row.id for row in rows[:50]} <= set(found[0].tolist())
    (position,) = [n for n, statement in enumerate(statements.seen) if statement.startswith("SELECT id, simhash")]
    query, params = statements.seen[position], statements.params[position]
    connection = await seeded_session.connection()
    if connection.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in (await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}", params)).all())
        for band in range(4):
            assert f"COVERING INDEX ix_articles_band{band}_simhash" in plan
        assert "SCAN articles" not in plan
    else:
        # The settings the lookup made for its statement (a small table: the planner would scan it).
        (settings,) = [statement for statement in statements.seen[:position] if "enable_seqscan" in statement]
        await connection.exec_driver_sql(settings)
        plan = " ".join(row[0] for row in (await connection.exec_driver_sql(f"EXPLAIN {query}", params)).all())
        for band in range(4):
            assert f"ix_articles_band{band}_simhash" in plan
        assert "Seq Scan" not in plan and "Parallel" not in plan


async def test_the_simhash_probes_of_the_importer_s_largest_batch_fit_one_statement(seeded_session, now):
    """A full batch's probes, tens of thousands of values, go to either database in one statement."""
    rng = random.Random(5)
    rows = await _stored_at_random(seeded_session, 3, rng, now)
    # A whole batch of unrelated articles: as many distinct probes as such a batch can have.
    fingerprints = [rng.getrandbits(64) - (1 << 63) for _ in range(BATCH_ITEMS - len(rows))]
    probes = [set() for _ in range(4)]
    for fingerprint in [*fingerprints, *(row.simhash for row in rows)]:
        for mine, theirs in zip(probes, band_probes(fingerprint)):
            mine |= theirs
    assert sum(len(values) for values in probes) > 40_000
    found = await queries.near_duplicate_candidates(seeded_session, probes=probes)
    assert {row.id for row in rows} <= set(found[0].tolist())


async def test_every_batch_s_simhash_lookup_is_the_same_statement(seeded_session):
    """The probes and the limit are parameters: the drivers prepare the statement once, and sqlite3's
    cache of statements does not fill with one large text per batch."""
    statements = Statements(seeded_session.bind)
    try:
        for seed, limit in ((1, 20_000), (2, 40_000)):
            rng = random.Random(seed)
            probes = [frozenset(rng.randrange(1 << 16) for _ in range(50)) for _ in range(4)]
            await queries.near_duplicate_candidates(seeded_session, probes=probes, limit=limit)
    finally:
        statements.close()
    lookups = statements.starting("SELECT id, simhash")
    assert len(lookups) == 2 and lookups[0] == lookups[1]
    assert len(lookups[0]) < 1000


async def test_a_batch_gets_as_many_simhash_candidates_as_its_articles_would_alone(seeded_session, rules, now):
    """One article of a batch has more candidates than one lookup keeps; another's near duplicate, stored
    after them, is still found."""
    crowded, other = batch(rules, now, 2)
    crowded_hash, other_hash = 0x0123_4567_89AB_CDEF, -0x1122_3344_5566_7788
    crowded = dataclasses.replace(crowded, simhash=crowded_hash)
    other = dataclasses.replace(other, simhash=other_hash)
    rng = random.Random(9)
    # Decoys share the crowded article's first band and differ from it everywhere else.
    decoys = [_article_row(n, (crowded_hash & ~0xFFFF_FFFF_FFFF) | (rng.getrandbits(48) ^ 0xFFFF_FFFF_FFFF), now)
              for n in range(queries.MAX_NEAR_CANDIDATES + 10)]
    for start in range(0, len(decoys), 5000):
        await seeded_session.exec(insert(Article), params=decoys[start:start + 5000])
    near = _article_row(len(decoys), other_hash ^ 0b1011, now)  # 3 bits away: a republication
    await seeded_session.exec(insert(Article), params=[near])
    near_id = (await seeded_session.exec(text("SELECT max(id) FROM articles"))).one()[0]
    index = await DuplicateIndex.load(seeded_session, [crowded, other])
    found = index.match(other)
    assert found is not None and (found[0].id, found[1]) == (near_id, "near")
    assert index.match(crowded) is None


async def test_the_postgresql_planner_settings_last_only_for_the_lookup(seeded_session):
    connection = await seeded_session.connection()
    if connection.dialect.name != "postgresql":
        return
    await queries.near_duplicate_candidates(seeded_session, probes=[frozenset({1, 2})] * 4)
    assert (await connection.exec_driver_sql("SHOW enable_seqscan")).scalar() == "on"
    assert (await connection.exec_driver_sql("SHOW max_parallel_workers_per_gather")).scalar() != "0"


async def test_a_batch_keeps_exactly_the_stored_articles_within_reach_oldest_first(seeded_session, rules, now):
    """Against stored fingerprints near each article (0-12 bits), sharing one band with it, or unrelated:
    each article keeps the stored ones within NEAR_DUPLICATE_DISTANCE bits, by id, as a check of every
    stored article against every article would."""
    rng = random.Random(21)
    articles = [dataclasses.replace(article, simhash=rng.getrandbits(64) - (1 << 63))
                for article in batch(rules, now, 12)]
    fingerprints = [rng.getrandbits(64) for _ in range(200)]
    for _ in range(300):
        mine = rng.choice(articles).simhash & MASK64
        if rng.random() < 0.7:
            for bit in rng.sample(range(64), rng.randrange(13)):
                mine ^= 1 << bit
        else:
            band = 0xFFFF << 16 * rng.randrange(4)
            mine = (mine & band) | (rng.getrandbits(64) & ~band & MASK64)
        fingerprints.append(mine)
    rng.shuffle(fingerprints)
    await seeded_session.exec(insert(Article), params=[_article_row(n, to_signed(value), now)
                                                       for n, value in enumerate(fingerprints)])
    stored = (await seeded_session.exec(text("SELECT id, simhash FROM articles ORDER BY id"))).all()
    index = await DuplicateIndex.load(seeded_session, articles)
    for article in articles:
        expected = [(article_id, simhash) for article_id, simhash in stored
                    if hamming(simhash, article.simhash) <= NEAR_DUPLICATE_DISTANCE]
        kept = [(known.id, known.simhash) for known in index.near_stored.get(id(article), [])]
        assert kept == expected
    assert sum(len(kept) for kept in index.near_stored.values()) > 50


async def test_the_lsh_lookup_finds_the_shared_keys_in_one_unchanging_statement(seeded_session, now):
    """The band keys are one parameter: any number of them, the same statement text (as an IN list, each
    batch's keys made a new one), and each stored article comes back with the keys it shares, oldest first."""
    rows = await _stored_at_random(seeded_session, 3, random.Random(4), now)
    for row in rows:
        row.minhash = bytes(range(4)) * 64
    seeded_session.add_all(rows)
    keys = {rows[0].id: [-(1 << 63), 5, 6], rows[1].id: [6, 7], rows[2].id: [(1 << 63) - 1]}
    await seeded_session.exec(insert(ArticleLshBand), params=[
        {"article_id": article_id, "band_key": key} for article_id, owned in keys.items() for key in owned])
    await seeded_session.flush()
    statements = Statements(seeded_session.bind)
    try:
        found = await queries.lsh_candidates(seeded_session, band_keys=[6, -(1 << 63), 99, (1 << 63) - 1])
        unrelated = await queries.lsh_candidates(seeded_session, band_keys=range(100, 3100))
        first_only = await queries.lsh_candidates(seeded_session, band_keys=[5, 6, 7], limit=1)
    finally:
        statements.close()
    assert [(article_id, shared) for article_id, _, shared in found] == [
        (rows[0].id, {6, -(1 << 63)}), (rows[1].id, {6}), (rows[2].id, {(1 << 63) - 1})]
    assert unrelated == [] and [article_id for article_id, _, _ in first_only] == [rows[0].id]
    lookups = [n for n, statement in enumerate(statements.seen)
               if statement.startswith("SELECT") and "FROM article_lsh_bands" in statement]
    texts = {statements.seen[n] for n in lookups}
    assert len(lookups) == 3 and len(texts) == 1 and len(texts.pop()) < 1000
    # It reads the primary key (band_key, article_id), never the whole table of 16 rows an article.
    query, params = statements.seen[lookups[0]], statements.params[lookups[0]]
    connection = await seeded_session.connection()
    if connection.dialect.name == "sqlite":
        plan = " ".join(str(row[-1]) for row in (await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}", params)).all())
        assert "SEARCH article_lsh_bands USING PRIMARY KEY" in plan and "SCAN article_lsh_bands" not in plan
    else:
        # With the settings the lookup made for it: the planner prices thousands of keys above a scan.
        (settings,) = [statement for statement in statements.seen[:lookups[0]] if "enable_seqscan" in statement]
        await connection.exec_driver_sql(settings)
        plan = " ".join(row[0] for row in (await connection.exec_driver_sql(f"EXPLAIN {query}", params)).all())
        assert "article_lsh_bands_pkey" in plan and "Seq Scan" not in plan and "Parallel" not in plan
