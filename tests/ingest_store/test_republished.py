"""A story republished with another headline, other furniture and an edited lead is a duplicate."""
from __future__ import annotations

import pytest
from sqlmodel import select

from bot.ingest.clean import clean_body
from bot.ingest.minhash import BANDS
from bot.ingest.scraped import parse_scraped
from bot.ingest.store import ingest
from storage.models import ArticleLshBand, ArticleSighting

MENU = "Главная\nПолитика\nЭкономика\nВ мире\nUSD 1.7000 EUR 1.9811\nБаку +12°C\n"
OTHER_MENU = "Azərbaycanca\nAZ\nОт редакции\nМнение\n"
LATEST = "\n\nПоделиться\n47\n\nПоследние новости\nВ Баку открылась новая станция метро\nЦены на нефть выросли на 2%\n"
OTHER_LATEST = "\n\nПоделиться в Facebook\n1203\n\nВыбор редакции\nПрезидент принял посла Франции\n"


def story(folder, number: str, words: int = 300) -> list[str]:
    """The paragraphs of a seed article's text, whole paragraphs up to about `words` words."""
    raw = parse_scraped(next(folder.glob(f"{number}_*.txt")).read_bytes())
    kept: list[str] = []
    for paragraph in clean_body(raw.body, title=raw.title).split("\n\n"):
        if sum(len(p.split()) for p in kept) >= words:
            break
        kept.append(paragraph)
    return kept


def page(headline: str, paragraphs: list[str], *, menu: str, latest: str) -> str:
    return f" date 2026-02-10 {menu}\n{headline}\n\nFirst News Media 15:35 - Сегодня\n{headline}\n\n" \
           + "\n\n".join(paragraphs) + latest


def edited(paragraphs: list[str]) -> list[str]:
    """Every fifth word of the first paragraph rewritten: SimHash drifts too far on ~300 words."""
    words = paragraphs[0].split()
    for i in range(0, len(words), 5):
        words[i] = "якобы"
    return [" ".join(words)] + paragraphs[1:]


@pytest.mark.parametrize("seed", ["000", "003", "004"])
async def test_a_republication_is_linked_to_the_original(shared_seeds_dir, seeded_session, rules, now, seed):
    paragraphs = story(shared_seeds_dir, seed)
    first = await ingest(seeded_session, parse_scraped(page("Визит Вэнса: что подписано", paragraphs,
                                                            menu=MENU, latest=LATEST)),
                         origin="first", now=now, rules=rules)
    again = await ingest(seeded_session, parse_scraped(page("Баку и Вашингтон: новый этап", edited(paragraphs),
                                                            menu=OTHER_MENU, latest=OTHER_LATEST)),
                         origin="again", now=now, rules=rules)
    await seeded_session.commit()
    assert first.status == "new"
    assert (again.status, again.duplicate_of, again.matched_by) == ("duplicate", first.article_id, "near")
    assert again.duplicate_title == "Визит Вэнса: что подписано"
    sighting = (await seeded_session.exec(select(ArticleSighting).where(ArticleSighting.origin == "again"))).one()
    assert (sighting.article_id, sighting.duplicate, sighting.matched_by) == (first.article_id, True, "near")
    bands = (await seeded_session.exec(select(ArticleLshBand).where(ArticleLshBand.article_id == first.article_id))).all()
    assert 10 <= len(bands) <= BANDS


async def test_two_stories_of_one_outlet_with_the_same_furniture_are_both_stored(
        shared_seeds_dir, seeded_session, rules, now):
    outcomes = [
        await ingest(seeded_session, parse_scraped(page(f"Новость номер {n}", story(shared_seeds_dir, seed),
                                                        menu=MENU, latest=LATEST)),
                     origin=f"story-{seed}", now=now, rules=rules)
        for n, seed in enumerate(("003", "004", "000"))
    ]
    await seeded_session.commit()
    assert [outcome.status for outcome in outcomes] == ["new", "new", "new"]
    assert len({outcome.article_id for outcome in outcomes}) == 3
