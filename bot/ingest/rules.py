"""Tagging rules as the store holds them: the dossier's relevance groups plus
every visible topic's keyword terms (maintainers' topics included).

A term that cannot be matched (only stop words) is skipped with a warning
rather than stopping ingestion: topic keywords are edited by people.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.tagging import TaggingRules, Term, compile_term
from storage.models import Topic
from storage.seed_files import read_dossier

log = logging.getLogger(__name__)
KEYWORD_LANGUAGES = ("ru", "en", "az")


def relevance_groups(seeds_dir: str | Path | None = None) -> list[list[str]]:
    """The dossier's relevance rule (`dossier.toml` [relevance] all_of); SeedError if invalid."""
    return [list(group) for group in read_dossier(Path(seeds_dir) if seeds_dir else None).meta.relevance.all_of]


def _compile(terms: Iterable[str], where: str) -> tuple[Term, ...]:
    compiled = []
    for text in dict.fromkeys(t.strip() for t in terms if t and t.strip()):
        try:
            compiled.append(compile_term(text))
        except ValueError as exc:
            log.warning("%s: %s; the term is skipped", where, exc)
    return tuple(compiled)


def build_rules(relevance_all_of: Sequence[Iterable[str]], topic_keywords: Mapping[str, Mapping]) -> TaggingRules:
    """Rules from plain data: `topic_keywords` maps a slug to {"ru": [...], "en": [...], "az": [...]}."""
    groups = tuple(_compile(group, "relevance rule") for group in relevance_all_of)
    topics = tuple(
        (slug, _compile((t for lang in KEYWORD_LANGUAGES for t in keywords.get(lang, ()) or ()), f"topic {slug}"))
        for slug, keywords in topic_keywords.items()
    )
    return TaggingRules(relevance_all_of=groups, topics=tuple((slug, terms) for slug, terms in topics if terms))


async def topic_keywords(session: AsyncSession) -> dict[str, dict]:
    """Keyword rules of every topic readers can see, in menu order."""
    rows = await session.exec(
        select(Topic.slug, Topic.keywords).where(Topic.hidden == False).order_by(Topic.position, Topic.slug)  # noqa: E712
    )
    return {slug: dict(keywords or {}) for slug, keywords in rows.all()}


async def load_rules(session: AsyncSession, *, relevance_all_of: Sequence[Iterable[str]]) -> TaggingRules:
    """The rules to tag new articles with, as of now."""
    return build_rules(relevance_all_of, await topic_keywords(session))
