"""Fixtures for the ingestion tests: the raw seed articles and tagging rules."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.ingest.clean import clean_body
from bot.ingest.raw_article import RawArticle
from bot.ingest.scraped import parse_scraped_file
from bot.ingest.tagging import TaggingRules, compile_rules

SEEDS_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_IDS = ("000", "001", "002", "003", "004")

# The relevance and topic rules the dossier will carry (a subset, as plain data).
RELEVANCE_ALL_OF = [
    ["Азербайджан", "азербайджанский", "Баку", "Алиев", "Azerbaijan", "Baku", "Aliyev",
     "Azərbaycan", "Bakı", "Əliyev"],
    ["США", "Соединенные Штаты", "американский", "Вашингтон", "Трамп", "Вэнс", "Конгресс",
     "United States", "US", "Washington", "Trump", "Vance", "Congress", "ABŞ", "Vaşinqton", "Tramp"],
]
TOPIC_TERMS = {
    "amendment907": ["907", "поправка 907", "Freedom Support Act", "Акт в поддержку свободы",
                     "H.R.6534", "Section 907", "907-ci düzəliş"],
    "charter": ["Хартия о стратегическом партнерстве", "Хартия", "Charter on Strategic Partnership",
                "strategic partnership charter", "Strateji Tərəfdaşlıq Xartiyası", "Xartiya"],
    "tripp": ["TRIPP", "Маршрут Трампа", "Trump Route", "Зангезурский коридор", "Сюник", "Syunik",
              "Нахчыван", "Nakhchivan"],
}


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS_DIR.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SEEDS_DIR} not found (CI=true: the seed tests must run)", pytrace=False)
        pytest.skip("…/shared/seeds not found")
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> dict[str, Path]:
    files = {path.name[:3]: path for path in sorted(seeds_dir.glob("*.txt"))}
    missing = set(SEED_IDS) - set(files)
    assert not missing, f"seed articles missing from {seeds_dir}: {sorted(missing)}"
    return files


@pytest.fixture(scope="session")
def seed_raw(seed_files: dict[str, Path]) -> dict[str, RawArticle]:
    return {key: parse_scraped_file(path) for key, path in seed_files.items()}


@pytest.fixture(scope="session")
def seed_clean(seed_raw: dict[str, RawArticle]) -> dict[str, str]:
    return {key: clean_body(raw.body, title=raw.title) for key, raw in seed_raw.items()}


@pytest.fixture(scope="session")
def rules() -> TaggingRules:
    return compile_rules(RELEVANCE_ALL_OF, TOPIC_TERMS)


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)
