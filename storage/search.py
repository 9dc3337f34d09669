"""Full-text search over events and articles, with Russian and English morphology.

Both databases index the Snowball stems computed in Python (`storage.stemming`:
Russian for Cyrillic words, English for ASCII ones, stop words of both left
out), so they split and stem words the same way and give the same results.
SQLite: an FTS5 table per kind over those stems, rowid = the event's or
article's id (migration 0010). PostgreSQL: a table per kind holding a tsvector
per document, written from the stems as a literal (`storage.tsvector_literals`,
migration 0020), with a GIN index (migration 0011); the query's tsquery is
written from its stems too. Both AND the query's non-stop words.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Float, Integer, String, TextualSelect, bindparam, text
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.search_bm25 import SIZES, STEMS, TERMS, add_documents, remove_documents, scored_ctes
from storage.stemming import stems
from storage.tsvector_literals import BODY, TITLE, query_literal, vector_literal

Kind = Literal["event", "article"]
# The search table of each kind: FTS5 on SQLite, tsvector on PostgreSQL.
FTS_TABLES: dict[str, str] = {"event": "search_events_fts", "article": "search_articles_fts"}
DOC_TABLES: dict[str, str] = {"event": "search_event_docs", "article": "search_article_docs"}
# Bumped by triggers with every commit that can change a search's results (migration 0019).
GENERATION = "search_generation"
SEARCH_TABLES = frozenset({*FTS_TABLES.values(), *DOC_TABLES.values(), STEMS, SIZES, *TERMS.values(), GENERATION})
# Title words weigh more than body words when ranking.
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
# Newest matches that get ranked; see ranked(). Ranking costs about 1 ms per 1,000 matches on SQLite
# (reading each document's word counts) and more on PostgreSQL (ts_rank reads each document's
# vector); 300 is a few months of news on a busy topic, more than a reader pages through.
SEARCH_WINDOW = 300
# PostgreSQL: how many of the newest documents are tried first to measure how common the query is; see
# _pg_window().
SEARCH_PROBE = 300


@dataclass(frozen=True)
class Part:
    """A piece of a document: its text and whether it is a title (either language: both are stemmed by
    script, see storage.stemming)."""

    text: str
    title: bool = False
    stems: str | None = None  # `stems(text)` joined by spaces, when the caller has them already

    def joined_stems(self) -> str:
        """The part's stems joined by spaces: as given, else computed from its text."""
        return self.stems if self.stems is not None else " ".join(stems(self.text))


@dataclass(frozen=True)
class Hit:
    kind: Kind
    ref_id: int
    rank: float  # higher is better


def _is_sqlite(session: AsyncSession) -> bool:
    return session.bind.dialect.name == "sqlite"


def is_search_table(name: str) -> bool:
    """Whether a table is the search index's (made by hand, not by the models), FTS5's own tables included."""
    return name in SEARCH_TABLES or name.startswith(tuple(f"{table}_" for table in FTS_TABLES.values()))


async def search_generation(session: AsyncSession) -> int:
    """The number triggers bump in every transaction that writes what a search reads (migration 0019).

    Read it before searching: under READ COMMITTED (PostgreSQL) and SQLite's snapshots alike, the
    search then sees at least every change this number counts, so results kept under it are never
    older than it says. Any later commit changes it.
    """
    return (await (await session.connection()).execute(_GENERATION_READ)).scalar_one()


_GENERATION_READ = text(f"SELECT value FROM {GENERATION} WHERE id = 1")


async def index_document(session: AsyncSession, *, kind: Kind, ref_id: int, parts: list[Part]) -> None:
    """Replace the search document of one event or article (caller commits)."""
    await remove_document(session, kind=kind, ref_id=ref_id)
    await index_new_documents(session, kind=kind, documents=[(ref_id, parts)])


async def index_new_documents(session: AsyncSession, *, kind: Kind, documents: list[tuple[int, list[Part]]]) -> None:
    """Index documents that have none yet, in one round trip (bulk loads; caller commits)."""
    if not documents:
        return
    if _is_sqlite(session):
        rows = [
            {"rowid": ref_id,
             "title": _stemmed([p for p in parts if p.title]),
             "body": _stemmed([p for p in parts if not p.title])}
            for ref_id, parts in documents
        ]
        await session.exec(text(f"INSERT INTO {FTS_TABLES[kind]}(rowid, title, body) VALUES (:rowid, :title, :body)"),
                           params=rows)
        await add_documents(session, kind=kind, documents=[(r["rowid"], r["title"], r["body"]) for r in rows])
        return
    rows = [{"ref_id": ref_id, "tsv": pg_vector(parts)} for ref_id, parts in documents]
    await session.exec(text(f"INSERT INTO {DOC_TABLES[kind]}(ref_id, tsv) VALUES (:ref_id, CAST(:tsv AS tsvector))"),
                       params=rows)


def pg_vector(parts: list[Part]) -> str:
    """The PostgreSQL tsvector literal of a document's parts, from the same stems as SQLite's entry."""
    return vector_literal((part.joined_stems(), TITLE if part.title else BODY) for part in parts)


def _stemmed(parts: list[Part]) -> str:
    joined = (part.joined_stems() for part in parts)
    return " ".join(text for text in joined if text)  # as one list of stems: no double spaces


async def remove_document(session: AsyncSession, *, kind: Kind, ref_id: int) -> None:
    if _is_sqlite(session):
        await remove_documents(session, kind=kind, ref_id=ref_id)
        await session.exec(text(f"DELETE FROM {FTS_TABLES[kind]} WHERE rowid = :rowid"), params={"rowid": ref_id})
    else:
        stmt = text(f"DELETE FROM {DOC_TABLES[kind]} WHERE ref_id = :ref_id")
        await session.exec(stmt, params={"ref_id": ref_id})


def query_terms(query: str) -> list[str]:
    """The stems a query searches for; empty when it has only stop words."""
    return list(dict.fromkeys(stems(query)))


@dataclass(frozen=True)
class Ranked:
    """A search to run: `statement` (columns `id` and `rank`, one per database and kind) with its `params`."""

    statement: TextualSelect
    params: dict[str, Any]


def ranked(session: AsyncSession, *, query: str, kind: Kind, limit: int = 20, offset: int = 0,
           with_generation: bool = False) -> Ranked | None:
    """The statement of `search` and its parameters, to run alone or to join to the documents' rows.

    None when the query has only stop words. `with_generation` adds the column
    `generation`: the search generation (see search_generation) as the same
    statement saw it, so results kept under it need no statement of their own to
    read it first. The statement then always returns a row: with no match, one
    whose `id` and `rank` are NULL. Ranking looks at the newest
    SEARCH_WINDOW matches only: a word that occurs in most of a large archive
    would otherwise make every search rank the whole archive, and for news the
    best of the recent matches is what readers want. Only matches that can
    still make the page (fewer than `places` others rank above them) are
    looked up in their table for the tie-break by date and for hidden events;
    hidden events count as places given away, so the page stays exact.
    """
    terms = query_terms(query)
    if not terms:
        return None
    if not _is_sqlite(session):
        # Only the words go as a parameter; see _pg_ranked_statement.
        return Ranked(_pg_ranked_statement(kind=kind, limit=int(limit), offset=int(offset), window=SEARCH_WINDOW,
                                           probe=SEARCH_PROBE, with_generation=with_generation),
                      {"q": query_literal(terms)})
    params: dict[str, Any] = {"limit": limit, "offset": offset, "window": SEARCH_WINDOW, "places": limit + offset,
                              "match": " AND ".join(f'"{t}"' for t in terms)}
    params |= {f"t{i}": term for i, term in enumerate(terms)}
    return Ranked(_sqlite_ranked_statement(kind=kind, terms=len(terms), with_generation=with_generation), params)


def _tables(kind: Kind) -> tuple[str, str, str, str]:
    """The documents' table, the filter of visible rows, the count of hidden rows and the newest-first column."""
    if kind == "event":
        # `= true`, not the bare column: SQLite then seeks ix_events_hidden_date instead of scanning it.
        return "events", "AND NOT t.hidden", " + (SELECT count(*) FROM events WHERE hidden = true)", "date"
    return "articles", "", "", "published_at"


def _with_generation(ctes: str, page: str, *, with_generation: bool) -> tuple[str, dict[str, type]]:
    """The statement `WITH ctes page`, or with the generation beside the page's rows (see `ranked`)."""
    if not with_generation:
        return f"WITH {ctes} {page}", {"id": Integer, "rank": Float}
    # One statement: under PostgreSQL's READ COMMITTED and in SQLite alike, it reads the generation and the
    # documents in one snapshot. The LEFT JOIN keeps the generation's row when nothing matches.
    return f"""WITH {ctes}, page AS ({page})
        SELECT page.id AS id, page.rank AS rank, g.value AS generation
        FROM {GENERATION} AS g LEFT JOIN page ON true WHERE g.id = 1""", {"id": Integer, "rank": Float,
                                                                          "generation": Integer}


@functools.lru_cache(maxsize=64)
def _sqlite_ranked_statement(*, kind: Kind, terms: int, with_generation: bool = False) -> TextualSelect:
    """Built once per kind and number of query words: SQLAlchemy then finds its compiled form by the
    statement's cache key at once."""
    table, visible, hidden, newest = _tables(kind)  # ties in rank: newest first
    fts = FTS_TABLES[kind]
    bound = [bindparam(name, type_=Integer) for name in ("limit", "offset", "window", "places")] + [
        bindparam(name, type_=String) for name in ("match", *(f"t{i}" for i in range(terms)))]
    ctes = scored_ctes(fts=fts, kind=kind, terms=terms, title_weight=TITLE_WEIGHT, body_weight=BODY_WEIGHT)
    # A match can make the page when fewer than `places` others score above it: when its score is at least
    # the places-th best (any score when there are fewer matches). The rows of rank() <= places, without
    # the window function, which cost SQLite about 0.5 ms of a 2 ms search.
    page = f"""
        SELECT t.id AS id, c.score AS rank FROM scored AS c JOIN {table} t ON t.id = c.id
        WHERE c.score >= coalesce((SELECT score FROM scored ORDER BY score DESC LIMIT 1
                                   OFFSET :places{hidden} - 1), -1e308) {visible}
        ORDER BY c.score DESC, t.{newest} DESC, t.id DESC LIMIT :limit OFFSET :offset"""
    sql, columns = _with_generation(ctes, page, with_generation=with_generation)
    return text(sql).bindparams(*bound).columns(**columns)


@functools.lru_cache(maxsize=64)
def _pg_ranked_statement(*, kind: Kind, limit: int, offset: int, window: int, probe: int,
                         with_generation: bool = False) -> TextualSelect:
    """Built once per kind and page (the bot asks for a few: 5, 10 or 20 from the first), with the query's
    words as the only parameter.

    The statement is prepared once per connection (no parsing, no extra round trip, and no place taken
    in the connection's cache of prepared statements for each new query, as when the words were written
    into the text). Its numbers are written in: PostgreSQL then estimates its generic plan as it does a
    plan made for the words, keeps that generic plan after five runs, and no longer plans each search
    (0.5-1 ms of a 2-3 ms statement at 100,000 articles). With `LIMIT $1` it guessed the generic plan
    dearer and planned every search. The generic plan suits a rare word and a common one alike: the way to
    read the window is chosen while running (see _pg_window), and the query's tsquery is made once (the
    CTE `tsq`, read by scalar subqueries); inlined into a generic plan, the tsquery was made for every
    row tested (then by plainto_tsquery(): 4.0 ms against 0.9 at 100,000 articles).
    """
    table, visible, hidden, newest = _tables(kind)
    # Each match is looked up by key (LATERAL … OFFSET 0 keeps the planner from hashing the whole table
    # of events instead, which it estimates cheaper and which costs several times more).
    page = f"""
        SELECT t.id AS id, c.score AS rank FROM (
            SELECT r.ref_id, r.score, rank() OVER (ORDER BY r.score DESC) AS place FROM (
                SELECT w.ref_id, ts_rank(w.tsv, {_PG_QUERY}) AS score
                FROM window_docs AS w) AS r  -- the window only
        ) AS c CROSS JOIN LATERAL (
            SELECT t.id, t.{newest} FROM {table} t WHERE t.id = c.ref_id {visible} OFFSET 0
        ) AS t
        WHERE c.place <= {limit + offset}{hidden}
        ORDER BY c.score DESC, t.{newest} DESC, t.id DESC LIMIT {limit} OFFSET {offset}"""
    sql, columns = _with_generation(_pg_window(DOC_TABLES[kind], window=window, probe=probe), page,
                                    with_generation=with_generation)
    return text(sql).bindparams(bindparam("q", type_=String)).columns(**columns)


# The query's tsquery as made once by _pg_window's CTE `tsq`, for any part of a statement WITH it.
_PG_QUERY = "(SELECT q FROM tsq)"


def _pg_window(docs: str, *, window: int, probe: int) -> str:
    """The CTEs `tsq` (the query's tsquery, made once) and `window_docs`: the newest SEARCH_WINDOW matches,
    read one of two ways chosen by a measurement.

    A GIN index finds the matches but not the newest first: for a common word, walking the newest
    documents until the window is full reads far fewer rows than all the matches; for a rare word it
    is the other way round. Left to itself, the planner chooses by its estimate of how common the
    words are, which is wrong before ANALYZE and for words that occur together ("поправка 907"):
    it then read every match of a word in 80 % of 100,000 articles, 400 ms. Here the query is tried
    on the newest SEARCH_PROBE documents (c matches of p), and the cheaper way is taken: walking
    reads about window·p/c rows, the index all c·n/p matches of n documents. `ts_match_vq` is `@@`
    the index cannot serve, so the walk is a walk; `ref_id + 0` is an order the primary key cannot
    give, so the other way is the index. The way not taken is never started (a one-time filter above
    its LIMIT, so no parallel workers either); both give the same window.

    The index way sorts its matches' ids and row addresses (ctid), not their vectors, and reads the
    window's vectors by address afterwards: copying a kilobyte or more of vector per match into the
    sort took up to half the statement for a word in a thousand events (an address found in this
    statement's snapshot stays that row's for the statement; OFFSET 0 keeps it a lookup per row, as in
    _pg_ranked_statement).
    """
    return f"""tsq AS MATERIALIZED (SELECT CAST(:q AS tsquery) AS q),
            choice AS (
                SELECT count(*) * count(*) * (SELECT coalesce(max(ref_id), 0) FROM {docs})
                       >= CAST({window} AS bigint) * {probe} * {probe} AS walk
                FROM (SELECT p.tsv FROM {docs} p ORDER BY p.ref_id DESC LIMIT {probe}) AS p
                WHERE ts_match_vq(p.tsv, {_PG_QUERY})),
            window_docs AS (
                SELECT * FROM (SELECT d.ref_id, d.tsv FROM {docs} d WHERE ts_match_vq(d.tsv, {_PG_QUERY})
                               ORDER BY d.ref_id DESC LIMIT {window}) AS walked
                WHERE (SELECT walk FROM choice)
                UNION ALL
                SELECT ids.ref_id, d.tsv FROM (SELECT i.ref_id, i.ctid FROM {docs} i WHERE i.tsv @@ {_PG_QUERY}
                                               ORDER BY i.ref_id + 0 DESC LIMIT {window}) AS ids
                CROSS JOIN LATERAL (SELECT d.tsv FROM {docs} d WHERE d.ctid = ids.ctid OFFSET 0) AS d
                WHERE NOT (SELECT walk FROM choice))
            """


async def search(session: AsyncSession, *, query: str, kind: Kind, limit: int = 20, offset: int = 0) -> list[Hit]:
    """Documents of `kind` matching every word of `query`, best first (hidden events excluded); see `ranked`."""
    found = ranked(session, query=query, kind=kind, limit=limit, offset=offset)
    if found is None:
        return []
    rows = (await session.exec(found.statement, params=found.params)).all()
    return [Hit(kind=kind, ref_id=row.id, rank=float(row.rank)) for row in rows]
