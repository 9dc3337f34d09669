"""What a batch of prepared articles may repeat: stored articles and each other.

`DuplicateIndex.load` asks the store, in a handful of queries for the whole
batch, for every article sharing a URL key, a content hash or a SimHash band
probe with one of the batch's articles (for the bands, only id and
fingerprint, about store size / 1000 rows per article, checked here and
dropped unless within reach); the batch's own new articles are added as
they are decided, so the second of two equal files in one batch is a
duplicate of the first. Matching order, surest first:
1. the normalised URL: an article stored under it, or the one an earlier
   duplicate arriving from it was linked to ("url");
2. the exact content hash ("text");
3. SimHash within NEAR_DUPLICATE_DISTANCE bits, the closest, oldest first ("near");
4. MinHash similarity of at least minhash.NEAR_SIMILARITY, found through the
   stored LSH band keys, the most similar, oldest first ("near" too): short
   republications with an edited lead drift too many SimHash bits.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.fingerprint import MASK64, NEAR_DUPLICATE_DISTANCE, hamming, url_key
from bot.ingest.minhash import NEAR_SIMILARITY, SIGNATURE_BYTES, similarities, similarity
from bot.ingest.pipeline import PreparedArticle
from bot.ingest.probe_table import ProbeTable
from storage import articles as queries
from storage.models import Article

MatchedBy = Literal["url", "text", "near"]


@dataclass
class Known:
    """A stored article, or one of this batch (`id` None until inserted; `pending` its position).

    Near-duplicate candidates come with their fingerprint only; `DuplicateIndex.complete`
    fills in the rest for those that matched."""

    id: int | None
    title: str | None
    content_hash: str | None
    simhash: int
    relevant: bool | None
    article: Article | None = None  # loaded when found by URL: it may be updated
    pending: int | None = None
    minhash: bytes | None = None


def arrival_url_key(prepared: PreparedArticle) -> str | None:
    """The normalised URL the article arrived from (a feed's link), else its canonical one."""
    if prepared.url:
        try:
            return url_key(prepared.url)
        except ValueError:
            pass
    return prepared.canonical_url_key


def url_keys(prepared: PreparedArticle) -> list[str]:
    return list(dict.fromkeys(k for k in (prepared.canonical_url_key, arrival_url_key(prepared)) if k))


class DuplicateIndex:
    def __init__(self) -> None:
        self.by_url: dict[str, Known] = {}
        self.sighted: dict[str, Known] = {}
        self.by_hash: dict[str, Known] = {}
        self.near_stored: dict[int, list[Known]] = {}  # id(prepared) -> stored articles within reach
        self.similar_stored: dict[int, list[Known]] = {}  # id(prepared) -> MinHash-similar stored articles
        self.pending: list[Known] = []  # this batch's new and updated articles
        # Their fingerprints and signatures side by side, for comparing one article with all at once: each
        # article is checked against every earlier one of its batch (400 x 400 pairs in an import).
        self._pending_simhashes: list[int] = []  # unsigned
        self._pending_signatures = bytearray()  # SIGNATURE_BYTES each, zeros where an article has none
        self._pending_signed: list[bool] = []
        self._pending_at: dict[int, list[int]] = {}  # id(known) -> its positions in pending

    @classmethod
    async def load(cls, session: AsyncSession, batch: Sequence[PreparedArticle]) -> DuplicateIndex:
        index = cls()
        keys = {key for prepared in batch for key in url_keys(prepared)}
        for article in await queries.articles_by_url_keys(session, url_keys=keys):
            index.by_url[article.url_key] = Known(article.id, article.title, article.content_hash, article.simhash,
                                                  article.relevant, article=article, minhash=article.minhash)
        for key, found in (await queries.sighted_url_keys(session, url_keys=keys - set(index.by_url))).items():
            index.sighted[key] = _known(found)
        for found in await queries.articles_by_content_hashes(
                session, content_hashes={prepared.content_hash for prepared in batch}):
            index.by_hash.setdefault(found.content_hash, _known(found))
        await index._load_near(session, batch)
        await index._load_similar(session, batch)
        return index

    async def _load_near(self, session: AsyncSession, batch: Sequence[PreparedArticle]) -> None:
        """Stored articles sharing a band probe with some article of the batch, kept
        for the articles they are within NEAR_DUPLICATE_DISTANCE of (few or none)."""
        exact = {known.id: known for known in self.by_hash.values()}
        articles = list({id(prepared): prepared for prepared in batch}.values())
        if not articles:
            return
        table = ProbeTable.of(np.array([prepared.simhash & MASK64 for prepared in articles], dtype=np.uint64))
        # As many candidates as each article would have had looked up alone.
        ids, simhashes = await queries.near_duplicate_candidates(
            session, probes=table.probes(), limit=queries.MAX_NEAR_CANDIDATES * len(articles))
        # Any fingerprint within reach shares a band probe (pigeonhole), so the distance of those pairs
        # alone decides.
        unsigned = simhashes.view(np.uint64)
        rows, columns = table.sharing(unsigned)
        distances = np.bitwise_count(unsigned[rows] ^ table.fingerprints[columns])
        close = distances <= NEAR_DUPLICATE_DISTANCE
        for row, column in zip(rows[close].tolist(), columns[close].tolist()):  # oldest candidate first
            article_id, simhash = int(ids[row]), int(simhashes[row])
            known = exact.get(article_id) or Known(article_id, None, None, simhash, None)
            self.near_stored.setdefault(id(articles[column]), []).append(known)

    async def _load_similar(self, session: AsyncSession, batch: Sequence[PreparedArticle]) -> None:
        """Stored articles sharing an LSH band key with some article of the batch, kept
        for the articles whose MinHash they resemble enough."""
        owners: dict[int, list[PreparedArticle]] = defaultdict(list)
        for prepared in batch:
            for key in prepared.lsh_bands:
                owners[key].append(prepared)
        if not owners:
            return
        articles = len({id(prepared) for prepared in batch})
        for article_id, signature, keys in await queries.lsh_candidates(
                session, band_keys=owners, limit=queries.MAX_NEAR_CANDIDATES * articles):
            sharing = {id(p): p for key in keys for p in owners[key]}
            for key, prepared in sharing.items():
                if similarity(prepared.minhash, signature) >= NEAR_SIMILARITY:
                    self.similar_stored.setdefault(key, []).append(
                        Known(article_id, None, None, 0, None, minhash=signature))

    async def complete(self, session: AsyncSession, matches: Sequence[Known]) -> None:
        """Titles and relevance of the near-duplicate candidates that matched."""
        partial = {known.id: known for known in matches if known.title is None and known.id is not None}
        for found in await queries.candidates_by_ids(session, ids=partial):
            known = partial[found.id]
            known.title, known.content_hash, known.relevant = found.title, found.content_hash, found.relevant

    def add(self, known: Known, keys: Sequence[str]) -> None:
        """An article of this batch, new or updated, that later ones may repeat."""
        for key in keys:
            self.by_url.setdefault(key, known)
        self.by_hash.setdefault(known.content_hash, known)
        self.pending.append(known)
        self._pending_simhashes.append(0)
        self._pending_signatures += bytes(SIGNATURE_BYTES)
        self._pending_signed.append(False)
        self._pending_at.setdefault(id(known), []).append(len(self.pending) - 1)
        for position in self._pending_at[id(known)]:  # an article updated twice in a batch: its latest text
            self._compare_as(position, known)

    def _compare_as(self, position: int, known: Known) -> None:
        self._pending_simhashes[position] = known.simhash & MASK64
        signed = bool(known.minhash) and len(known.minhash) == SIGNATURE_BYTES
        start = position * SIGNATURE_BYTES
        self._pending_signatures[start:start + SIGNATURE_BYTES] = known.minhash if signed else bytes(SIGNATURE_BYTES)
        self._pending_signed[position] = signed

    def match(self, prepared: PreparedArticle) -> tuple[Known, MatchedBy] | None:
        keys = url_keys(prepared)
        for table in (self.by_url, self.sighted):
            for key in keys:
                if key in table:
                    return table[key], "url"
        if prepared.content_hash in self.by_hash:
            return self.by_hash[prepared.content_hash], "text"
        # Ties go to the oldest: stored articles by id, then this batch's in the order they came.
        stored = self.near_stored.get(id(prepared), [])
        near = [(distance, _age(known, number), known) for number, known in enumerate(stored)
                if (distance := hamming(known.simhash, prepared.simhash)) <= NEAR_DUPLICATE_DISTANCE]
        near += [(distance, _age(self.pending[position], len(stored) + position), self.pending[position])
                 for position, distance in self._near_pending(prepared.simhash)]
        if near:
            return min(near, key=lambda item: item[:2])[2], "near"
        stored = self.similar_stored.get(id(prepared), [])
        scores = similarities(prepared.minhash, [known.minhash for known in stored])
        similar = [(-score, _age(known, number), known) for number, (known, score) in enumerate(zip(stored, scores))
                   if score >= NEAR_SIMILARITY]
        similar += [(-score, _age(self.pending[position], len(stored) + position), self.pending[position])
                    for position, score in self._similar_pending(prepared.minhash)]
        return (min(similar, key=lambda item: item[:2])[2], "near") if similar else None

    def _near_pending(self, simhash: int) -> list[tuple[int, int]]:
        """(position, distance) of this batch's articles within NEAR_DUPLICATE_DISTANCE bits of `simhash`."""
        if not self.pending:
            return []
        distances = np.bitwise_count(np.array(self._pending_simhashes, dtype=np.uint64) ^ np.uint64(simhash & MASK64))
        close = np.flatnonzero(distances <= NEAR_DUPLICATE_DISTANCE)
        return list(zip(close.tolist(), distances[close].tolist()))

    def _similar_pending(self, signature: bytes | None) -> list[tuple[int, float]]:
        """(position, similarity) of this batch's articles at least NEAR_SIMILARITY similar to `signature`:
        what `similarities` gives, for all of them in one comparison."""
        if not self.pending:
            return []
        if not signature or len(signature) != SIGNATURE_BYTES:  # no signature of the usual size: one by one
            scores = similarities(signature, [known.minhash for known in self.pending])
            return [(position, score) for position, score in enumerate(scores) if score >= NEAR_SIMILARITY]
        matrix = np.frombuffer(bytes(self._pending_signatures), dtype="<u4").reshape(len(self.pending), -1)
        scores = np.count_nonzero(matrix == np.frombuffer(signature, dtype="<u4"), axis=1) / matrix.shape[1]
        close = np.flatnonzero((scores >= NEAR_SIMILARITY) & np.array(self._pending_signed))
        return list(zip(close.tolist(), scores[close].tolist()))


def _age(known: Known, number: int) -> int:
    """Sorts older first: a stored article by its id, one of this batch after all stored ones, in its order."""
    return known.id if known.id is not None else (1 << 62) + number


def _known(found: queries.Candidate) -> Known:
    return Known(found.id, found.title, found.content_hash, found.simhash, found.relevant, minhash=found.minhash)
