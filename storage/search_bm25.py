"""SQLite's search ranking: FTS5's bm25() computed in SQL, with document counts kept in a table of our own.

FTS5's bm25() learns how many documents hold each query word by walking that
word's whole list of documents: 3-8 ms per common word at 100,000 articles,
20-40 ms at 1,000,000, although only the newest SEARCH_WINDOW matches are
ranked. Here the same formula (fts5_aux.c, fts5Bm25Function: k1 = 1.2,
b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)) or 1e-6 when not positive,
document lengths over all columns) takes n from `search_stem_docs`, N and the
total of tokens from `search_sizes`, both kept by index_new_documents and
remove_document (migration 0018 fills them from the FTS tables), and counts
each word in the window's stored stems. Scores equal bm25()'s (negated) to
the last bits. PostgreSQL ranks with ts_rank and uses neither table.
"""
from __future__ import annotations

from collections import Counter

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

STEM_DOCS, SIZES = "search_stem_docs", "search_sizes"
K1, B = 1.2, 0.75


def tokens(stemmed: str) -> int:
    """Tokens of a column as FTS5 counts them: the stems, one space apart."""
    return stemmed.count(" ") + 1 if stemmed else 0


async def count_documents(session: AsyncSession, *, kind: str, columns: list[tuple[str, str]], sign: int) -> None:
    """Add (sign 1) or take away (sign -1) documents, given as (title, body) stems, to the counts of `kind`."""
    if not columns:
        return
    docs = Counter()
    for title, body in columns:
        docs.update(set(title.split()) | set(body.split()))
    size = {"kind": kind, "docs": sign * len(columns), "tokens": sign * sum(tokens(t) + tokens(b) for t, b in columns)}
    await session.exec(text(
        f"INSERT INTO {SIZES}(kind, docs, tokens) VALUES (:kind, :docs, :tokens) ON CONFLICT(kind) "
        "DO UPDATE SET docs = docs + excluded.docs, tokens = tokens + excluded.tokens"), params=size)
    rows = [{"kind": kind, "stem": stem, "docs": sign * n} for stem, n in docs.items()]
    if not rows:  # documents with no words
        return
    await session.exec(text(
        f"INSERT INTO {STEM_DOCS}(kind, stem, docs) VALUES (:kind, :stem, :docs) ON CONFLICT(kind, stem) "
        "DO UPDATE SET docs = docs + excluded.docs"), params=rows)
    if sign < 0:
        await session.exec(text(f"DELETE FROM {STEM_DOCS} WHERE kind = :kind AND stem = :stem AND docs <= 0"),
                           params=rows)


def ranked_window(*, fts: str, kind: str, terms: int, title_weight: float, body_weight: float) -> str:
    """SELECT id, score of the newest :window documents of `fts` matching :match, best score highest.

    The query's stems are :t0, :t1, ... in the order of :match (bm25 adds the
    words' parts in that order). A column's stems are padded and their spaces
    doubled, so every occurrence of " stem " is counted, next to each other too.
    """
    n = [f"coalesce((SELECT docs FROM {STEM_DOCS} WHERE kind = '{kind}' AND stem = :t{i}), 0)" for i in range(terms)]
    idf = [f"ln((s.docs - {c} + 0.5) / ({c} + 0.5))" for c in n]
    stats = ", ".join(f"CASE WHEN {x} <= 0.0 THEN 1e-6 ELSE {x} END AS idf{i}" for i, x in enumerate(idf))

    def count(column: str, i: int) -> str:
        return f"((length(w.{column}) - length(replace(w.{column}, ' ' || :t{i} || ' ', ''))) / (length(:t{i}) + 2))"

    parts = []
    for i in range(terms):
        freq = f"({title_weight!r} * {count('t', i)} + {body_weight!r} * {count('b', i)})"
        parts.append(f"q.idf{i} * (({freq} * ({K1!r} + 1.0)) / ({freq} + {K1!r} * (1 - {B!r} + {B!r} * w.d / q.avgdl)))")
    score = " + ".join(parts)
    padded = "' ' || replace({0}, ' ', '  ') || ' '"
    length = "(length({0}) - length(replace({0}, ' ', '')) + ({0} <> ''))"
    return f"""
        SELECT w.id AS id, {score} AS score
        FROM (SELECT rowid AS id, {padded.format('title')} AS t, {padded.format('body')} AS b,
                     {length.format('title')} + {length.format('body')} AS d
              FROM {fts} WHERE {fts} MATCH :match ORDER BY rowid DESC LIMIT :window) AS w,
             (SELECT CAST(s.tokens AS REAL) / s.docs AS avgdl, {stats} FROM {SIZES} s WHERE s.kind = '{kind}') AS q"""
