"""From a RawArticle to everything storage needs: `prepare`.

clean → language → date (fallbacks) → title fallback → summary →
fingerprints → tagging. Pure: the caller passes `now` and the tagging rules
(compiled once with `tagging.compile_rules`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.ingest.clean import clean_body
from bot.ingest.dates import DateSource, resolve_published
from bot.ingest import minhash
from bot.ingest.fingerprint import band_keys, content_hash, simhash_of, url_key
from bot.ingest.language import Language, detect_language
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.summarise import headline, shorten, summarise
from bot.ingest.tagging import TaggingRules, TopicScore, tag_with_rules
from bot.ingest.word_stems import stems_of_words
from storage.stemming import WORD_RE

MIN_BODY_CHARS = 80  # about one full sentence: a feed summary can be all there is
MAX_TITLE_CHARS = 500  # the storage column's size


@dataclass(frozen=True)
class PreparedArticle:
    title: str
    published: dt.date
    published_at: dt.datetime  # timezone-aware; noon UTC when only the date is known
    date_source: DateSource    # metadata | text | import
    date_flagged: bool         # no date anywhere: published_at is the import time
    outlet: str | None
    section: str | None
    url: str | None
    canonical_url_key: str | None  # `fingerprint.url_key` of the canonical (else given) URL
    language: Language
    body: str
    summary: str
    simhash: int               # signed 64-bit
    simhash_bands: tuple[int, ...]  # four 16-bit bands, for the indexed lookup
    content_hash: str          # sha256 hex of the normalised words
    minhash: bytes             # MinHash signature of the body's shingles (b'' when it has no words)
    lsh_bands: tuple[int, ...]  # its LSH band keys, for the indexed lookup
    relevant: bool
    topics: tuple[TopicScore, ...]
    # The body's stems joined by spaces, for the SQLite search entry: stemmed here (a worker
    # process, for the fingerprints anyway) rather than again in the process that stores.
    body_stems: str | None = None


def _url_key(raw: RawArticle) -> str | None:
    for candidate in (raw.canonical_url, raw.url):
        if candidate:
            try:
                return url_key(candidate)
            except ValueError:
                continue
    return None


def prepare(
    raw: RawArticle,
    *,
    now: dt.datetime,
    rules: TaggingRules,
    min_body_chars: int = MIN_BODY_CHARS,
) -> PreparedArticle:
    """A cleaned, dated, summarised, fingerprinted and tagged article.

    Raises RejectedArticle when nothing like an article is left after cleaning.
    """
    body = clean_body(raw.body, title=raw.title)
    if not body:
        raise RejectedArticle("no_text_furniture")
    if len(body) < min_body_chars:
        raise RejectedArticle("too_short", length=len(body), need=min_body_chars)
    title = " ".join((raw.title or "").split()) or headline(body)
    published = resolve_published(
        stated=raw.published, stated_at=raw.published_at, text=body, raw=raw.body, now=now
    )
    found = WORD_RE.findall(body)  # one pass for the content hash, fingerprints, tags, summary and search entry
    words = stems_of_words(found)
    stems = [stem for _, stem in words]
    hashes = minhash.stem_shingle_hashes(stems)  # hashed once for SimHash and MinHash
    fingerprint = simhash_of(hashes)
    signature = minhash.signature_of(hashes)
    tagging = tag_with_rules(body, rules, title=raw.title, words=words)
    return PreparedArticle(
        title=shorten(title, MAX_TITLE_CHARS),
        published=published.date,
        published_at=published.at,
        date_source=published.source,
        date_flagged=published.flagged,
        outlet=raw.outlet,
        section=raw.section,
        url=raw.url or raw.canonical_url,
        canonical_url_key=_url_key(raw),
        language=detect_language(f"{raw.title or ''}\n{body}"),
        body=body,
        summary=summarise(body, stems=stems),
        simhash=fingerprint,
        simhash_bands=band_keys(fingerprint),
        content_hash=content_hash(body, words=found),
        minhash=signature,
        lsh_bands=minhash.band_keys(signature),
        relevant=tagging.relevant,
        topics=tagging.topics,
        body_stems=" ".join(stems),
    )
