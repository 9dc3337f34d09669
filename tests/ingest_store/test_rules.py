"""Tagging rules: the dossier's relevance groups plus the topics' keywords as stored in the database."""
from __future__ import annotations

import dataclasses

from sqlmodel import select

from bot.ingest.raw_article import RawArticle
from bot.ingest.rules import build_rules, load_rules
from bot.ingest.store import ingest
from storage.models import Topic

ARTICLE = RawArticle(
    title="Азербайджан и США обсудили поставки каспийской нефти",
    body=("Министр энергетики Азербайджана и представители Госдепартамента США обсудили в Баку поставки "
          "каспийской нефти по трубопроводу Баку-Тбилиси-Джейхан и перспективы Среднего коридора."),
)


async def test_topics_added_by_maintainers_count(seeded_session, relevance, now):
    seeded_session.add(Topic(slug="oil", origin="maintainer", name_ru="Нефть", name_en="Oil", tagline_ru="-",
                             tagline_en="-", card_ru="-", card_en="-",
                             keywords={"ru": ["каспийская нефть", "Баку-Тбилиси-Джейхан"], "en": ["BTC pipeline"]}))
    await seeded_session.commit()
    rules = await load_rules(seeded_session, relevance_all_of=relevance)
    assert {slug for slug, _ in rules.topics} == {"amendment907", "charter", "tripp", "oil"}
    outcome = await ingest(seeded_session, ARTICLE, origin="t", now=now, rules=rules)
    assert outcome.relevant and outcome.topics == ("oil",)


async def test_hidden_topics_do_not_tag(seeded_session, relevance, now):
    charter = (await seeded_session.exec(select(Topic).where(Topic.slug == "charter"))).one()
    charter.hidden = True
    seeded_session.add(charter)
    await seeded_session.commit()
    rules = await load_rules(seeded_session, relevance_all_of=relevance)
    assert "charter" not in [slug for slug, _ in rules.topics]
    text = dataclasses.replace(ARTICLE, title="Хартия о стратегическом партнерстве подписана в Баку")
    assert "charter" not in (await ingest(seeded_session, text, origin="t", now=now, rules=rules)).topics


def test_unmatchable_terms_are_skipped_not_fatal(caplog):
    rules = build_rules([["Баку", "и"]], {"x": {"ru": ["и", "хартия"]}, "empty": {"ru": ["в"]}})
    assert [term.text for term in rules.relevance_all_of[0]] == ["Баку"]
    assert [(slug, [t.text for t in terms]) for slug, terms in rules.topics] == [("x", ["хартия"])]
    assert "has no searchable word" in caplog.text
