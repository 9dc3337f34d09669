"""Store prepared articles: deduplicate, insert and index, record every arrival.

For each article, in order (`dedup.DuplicateIndex` says what it repeats):
- nothing: a new article, inserted with its topics and search entry;
- the same URL with changed words: the outlet edited it, and the stored
  article takes the new version ("updated") unless the new text is under half
  as long (a teaser, a paywall), which counts as a duplicate;
- otherwise a duplicate, linked to the original and not stored again.
Every arrival is an ArticleSighting. Irrelevant articles are stored
(searchable) with relevant=False. A batch costs a handful of statements
whatever its size. Nothing here commits: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.dedup import DuplicateIndex, Known, MatchedBy, arrival_url_key, url_keys
from bot.ingest.pipeline import PreparedArticle, prepare
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.refusals import Refusal
from bot.ingest.tagging import TaggingRules
from storage import articles as queries

Status = Literal["new", "updated", "duplicate", "rejected"]
MIN_UPDATE_LENGTH_SHARE = 0.5


@dataclass(frozen=True)
class IngestOutcome:
    status: Status
    origin: str
    title: str | None = None
    article_id: int | None = None      # the stored article (the original, for a duplicate)
    duplicate_of: int | None = None    # set for duplicates
    duplicate_title: str | None = None
    matched_by: MatchedBy | None = None
    refusal: Refusal | None = None     # why it was rejected
    published: dt.date | None = None
    date_flagged: bool = False
    relevant: bool = False
    topics: tuple[str, ...] = ()

    @property
    def reason(self) -> str | None:
        """Why it was rejected, in English (the CLI report); handlers render `refusal` in the reader's language."""
        return self.refusal.reason if self.refusal else None

    @property
    def stored(self) -> bool:
        return self.status in ("new", "updated")


@dataclass(frozen=True)
class Incoming:
    article: PreparedArticle
    origin: str  # URL or file it came from, for the sighting
    feed_id: int | None = None


def rejected(origin: str, refusal: Refusal, *, title: str | None = None) -> IngestOutcome:
    return IngestOutcome(status="rejected", origin=origin, refusal=refusal, title=title)


async def ingest(
    session: AsyncSession, raw: RawArticle, *, origin: str, now: dt.datetime, rules: TaggingRules,
    feed_id: int | None = None,
) -> IngestOutcome:
    """Prepare `raw` and store it; RejectedArticle becomes a "rejected" outcome."""
    try:
        prepared = prepare(raw, now=now, rules=rules)
    except RejectedArticle as exc:
        return rejected(origin, exc.refusal, title=raw.title)
    return await store_prepared(session, prepared, origin=origin, now=now, feed_id=feed_id)


async def store_prepared(
    session: AsyncSession, prepared: PreparedArticle, *, origin: str, now: dt.datetime, feed_id: int | None = None,
) -> IngestOutcome:
    """Store one prepared article (the CPU work done elsewhere)."""
    return (await store_many(session, [Incoming(prepared, origin, feed_id)], now=now))[0]


def _is_update(known: Known, prepared: PreparedArticle) -> bool:
    stored = known.article
    return (stored is not None and stored.url_key == prepared.canonical_url_key
            and stored.content_hash != prepared.content_hash
            and len(prepared.body) >= MIN_UPDATE_LENGTH_SHARE * len(stored.body))


def _columns(prepared: PreparedArticle) -> dict[str, object]:
    bands = prepared.simhash_bands
    return dict(
        title=prepared.title, outlet=prepared.outlet, url=prepared.url, language=prepared.language,
        body=prepared.body, summary=prepared.summary, content_hash=prepared.content_hash,
        simhash=prepared.simhash, band0=bands[0], band1=bands[1], band2=bands[2], band3=bands[3],
        minhash=prepared.minhash or None, relevant=prepared.relevant,
    )


def _dates(prepared: PreparedArticle) -> dict[str, object]:
    return dict(published_at=prepared.published_at, date_flagged=prepared.date_flagged,
                date_source=prepared.date_source)


def _scores(prepared: PreparedArticle, ids: Mapping[str, int]) -> dict[int, float]:
    return {ids[topic.slug]: topic.score for topic in prepared.topics if topic.slug in ids}


async def store_many(
    session: AsyncSession, items: Sequence[Incoming], *, now: dt.datetime, topic_ids: Mapping[str, int] | None = None,
) -> list[IngestOutcome]:
    """Store a batch of prepared articles; one outcome per item, in order."""
    batch = [item.article for item in items]
    index = await DuplicateIndex.load(session, batch)
    if topic_ids is None:
        topic_ids = await queries.topic_ids(session, slugs={t.slug for p in batch for t in p.topics})
    decisions: list[tuple[Status, Known, MatchedBy | None]] = []
    new_rows, new_topics, new_known = [], [], []
    for position, item in enumerate(items):
        prepared = item.article
        found = index.match(prepared)
        if found is not None and found[1] == "url" and _is_update(found[0], prepared):
            known = found[0]
            changes = _columns(prepared) | (_dates(prepared) if known.article.date_flagged else {})
            await queries.replace_article(session, article=known.article, changes=changes,
                                          topics=_scores(prepared, topic_ids))
            await queries.replace_lsh_bands(session, bands={known.id: prepared.lsh_bands})
            known.title, known.content_hash, known.simhash = prepared.title, prepared.content_hash, prepared.simhash
            known.minhash = prepared.minhash
            known.relevant = prepared.relevant
            index.add(known, url_keys(prepared))
            decisions.append(("updated", known, "url"))
        elif found is not None:
            decisions.append(("duplicate", found[0], found[1]))
        else:
            known = Known(None, prepared.title, prepared.content_hash, prepared.simhash, prepared.relevant,
                          pending=position, minhash=prepared.minhash)
            index.add(known, url_keys(prepared))
            new_rows.append(dict(url_key=prepared.canonical_url_key, feed_id=item.feed_id, ingested_at=now,
                                 lsh_bands=prepared.lsh_bands, body_stems=prepared.body_stems,
                                 **_columns(prepared), **_dates(prepared)))
            new_topics.append(_scores(prepared, topic_ids))
            new_known.append(known)
            decisions.append(("new", known, None))
    for known, article_id in zip(new_known, await queries.insert_articles(session, rows=new_rows, topics=new_topics)):
        known.id = article_id
    await index.complete(session, [known for status, known, _ in decisions if status == "duplicate"])
    await queries.add_sightings(session, rows=[
        dict(article_id=known.id, origin=item.origin, url_key=arrival_url_key(item.article), seen_at=now,
             duplicate=matched_by is not None, matched_by=matched_by)
        for item, (_, known, matched_by) in zip(items, decisions)
    ])
    return [_outcome(status, item, known, matched_by) for item, (status, known, matched_by) in zip(items, decisions)]


def _outcome(status: Status, item: Incoming, known: Known, matched_by: MatchedBy | None) -> IngestOutcome:
    prepared = item.article
    if status == "duplicate":
        return IngestOutcome(
            status="duplicate", origin=item.origin, title=prepared.title, article_id=known.id,
            duplicate_of=known.id, duplicate_title=known.title, matched_by=matched_by,
            published=prepared.published, date_flagged=prepared.date_flagged, relevant=known.relevant,
        )
    return IngestOutcome(
        status=status, origin=item.origin, title=prepared.title, article_id=known.id,
        published=prepared.published, date_flagged=prepared.date_flagged, relevant=prepared.relevant,
        topics=tuple(topic.slug for topic in prepared.topics),
    )
