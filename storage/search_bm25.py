"""SQLite's search ranking: FTS5's bm25() computed in SQL from counts kept at indexing.

FTS5's bm25() learns how many documents hold each query word by walking that
word's whole list of documents: 1-6 ms per common word at 100,000 articles,
20-40 ms at 1,000,000, although only the newest SEARCH_WINDOW matches are
ranked. Here the same formula (fts5_aux.c, fts5Bm25Function: k1 = 1.2,
b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)) or 1e-6 when not positive, a
document's length over all its columns) reads
- n, the documents holding a stem, from `search_stems` (which also numbers the stems),
- N and the total of tokens from `search_sizes`,
- each window document's length and word counts from its row in
  `search_event_terms` / `search_article_terms`: ",id:n,id:n," with
  n = title count << 20 | body count, a few hundred bytes that instr() scans
  (the stemmed text itself is ten times longer, and 35-65 ms to count words in with SQL).
All are kept by add_documents and remove_documents (migration 0018 fills them
from the FTS tables). Scores equal bm25()'s, negated. PostgreSQL ranks with
ts_rank and uses none of this.
"""
from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

STEMS, SIZES = "search_stems", "search_sizes"
TERMS: dict[str, str] = {"event": "search_event_terms", "article": "search_article_terms"}
K1, B = 1.2, 0.75
SHIFT = 20  # a word's title count sits above its body count (at most 2**20 - 1 times in a body)


def terms_entry(ids: dict[str, int], title: Counter, body: Counter) -> str:
    """A document's row text: ",id:n," per stem, n = title count << SHIFT | body count, by id: common stems
    have the low numbers (migration 0018 numbers them so, and they come first in any archive), so instr()
    finds the words people search for near the start."""
    # .get, not [ ]: a Counter's missing key goes through Python (__missing__), and most stems are in one part only.
    title_count, body_count = title.get, body.get
    numbered = sorted([(ids[stem], title_count(stem, 0) << SHIFT | body_count(stem, 0))
                       for stem in title.keys() | body.keys()])
    return "," + "".join([f"{i}:{n}," for i, n in numbered])


async def add_documents(session: AsyncSession, *, kind: str, documents: list[tuple[int, str, str]]) -> None:
    """Count new documents, given as (id, title stems, body stems), into the tables of `kind`."""
    if not documents:
        return
    counted = [(ref_id, Counter(title.split()), Counter(body.split())) for ref_id, title, body in documents]
    docs = Counter()
    for _, title, body in counted:
        docs.update(title.keys() | body.keys())
    lengths = [title.total() + body.total() for _, title, body in counted]
    await _resize(session, kind, len(documents), sum(lengths))
    ids: dict[str, int] = {}
    if docs:
        await session.exec(text(
            f"INSERT INTO {STEMS}(kind, stem, docs) VALUES (:kind, :stem, :docs) ON CONFLICT(kind, stem) "
            "DO UPDATE SET docs = docs + excluded.docs"),
            params=[{"kind": kind, "stem": stem, "docs": n} for stem, n in docs.most_common()])  # new: common first
        ids = dict((await session.exec(text(
            f"SELECT stem, id FROM {STEMS} WHERE kind = :kind AND stem IN (SELECT value FROM json_each(:stems))"),
            params={"kind": kind, "stems": json.dumps(list(docs), ensure_ascii=False)})).all())
    await session.exec(text(f"INSERT INTO {TERMS[kind]}(doc_id, length, terms) VALUES (:doc_id, :length, :terms)"),
                       params=[{"doc_id": ref_id, "length": length, "terms": terms_entry(ids, title, body)}
                               for (ref_id, title, body), length in zip(counted, lengths)])


async def remove_documents(session: AsyncSession, *, kind: str, ref_id: int) -> None:
    """Take a document out of the counts of `kind` (nothing when it has none)."""
    table = TERMS[kind]
    row = (await session.exec(text(f"SELECT length, terms FROM {table} WHERE doc_id = :id"),
                              params={"id": ref_id})).first()
    if row is None:
        return
    await _resize(session, kind, -1, -row.length)
    ids = [{"id": int(entry.partition(":")[0])} for entry in row.terms.split(",") if entry]
    if ids:
        await session.exec(text(f"UPDATE {STEMS} SET docs = docs - 1 WHERE id = :id"), params=ids)
        await session.exec(text(f"DELETE FROM {STEMS} WHERE id = :id AND docs <= 0"), params=ids)
    await session.exec(text(f"DELETE FROM {table} WHERE doc_id = :id"), params={"id": ref_id})


async def _resize(session: AsyncSession, kind: str, docs: int, tokens: int) -> None:
    await session.exec(text(
        f"INSERT INTO {SIZES}(kind, docs, tokens) VALUES (:kind, :docs, :tokens) ON CONFLICT(kind) "
        "DO UPDATE SET docs = docs + excluded.docs, tokens = tokens + excluded.tokens"),
        params={"kind": kind, "docs": docs, "tokens": tokens})


def scored_ctes(*, fts: str, kind: str, terms: int, title_weight: float, body_weight: float) -> str:
    """Common table expressions ending in `scored(id, score)`: the newest :window documents of `fts` matching
    :match, with their scores (best highest); materialized, so a query may read it twice.

    The query's stems are :t0, :t1, ... in the order of :match (bm25 adds the words' parts in that order).
    """
    stem = [f"{STEMS} WHERE kind = '{kind}' AND stem = :t{i}" for i in range(terms)]
    n = [f"coalesce((SELECT docs FROM {s}), 0)" for s in stem]
    idf = [f"ln((s.docs - {c} + 0.5) / ({c} + 0.5))" for c in n]
    stats = ", ".join([f"CASE WHEN {x} <= 0.0 THEN 1e-6 ELSE {x} END AS idf{i}" for i, x in enumerate(idf)]
                      + [f"CAST(',' || (SELECT id FROM {s}) || ':' AS BLOB) AS key{i}" for i, s in enumerate(stem)])
    # As BLOBs, instr() and substr() count bytes; on TEXT they count characters, so substr() walks the row
    # from its start once more to find the count instr() found (the row is ASCII: same positions, same
    # counts). The bench's 16 statements: 0.84 -> 0.74 ms each at 100,000 articles, 0.94 -> 0.84 at 1,000,000.
    row = "CAST(d.terms AS BLOB)"
    counts = ", ".join(f"CAST(substr({row}, instr({row}, q.key{i}) + length(q.key{i}), 20) AS INTEGER) AS n{i}"
                       for i in range(terms))
    parts = []
    for i in range(terms):
        freq = f"({title_weight!r} * (f.n{i} >> {SHIFT}) + {body_weight!r} * (f.n{i} & {(1 << SHIFT) - 1}))"
        parts.append(f"q.idf{i} * (({freq} * ({K1!r} + 1.0)) / ({freq} + {K1!r} * (1 - {B!r} + {B!r} * f.d / q.avgdl)))")
    return f"""
            q AS MATERIALIZED (
                SELECT CAST(s.tokens AS REAL) / s.docs AS avgdl, {stats} FROM {SIZES} s WHERE s.kind = '{kind}'),
            w AS MATERIALIZED (SELECT rowid AS id FROM {fts} WHERE {fts} MATCH :match ORDER BY rowid DESC LIMIT :window),
            f AS MATERIALIZED (SELECT w.id, d.length AS d, {counts} FROM w JOIN {TERMS[kind]} d ON d.doc_id = w.id, q),
            scored AS MATERIALIZED (SELECT f.id AS id, {" + ".join(parts)} AS score FROM f, q)"""
