"""Bad files: each reported clearly, none crashing the import, nothing half-written."""
from __future__ import annotations

import os
import pathlib

import pytest
from sqlalchemy import func, text
from sqlmodel import select

import bot.ingest.importer as importer
from bot.ingest.files import MAX_FILE_BYTES, Item, prepare_file
from bot.ingest.importer import import_files
from storage.models import Article, ArticleSighting, ArticleTopic
from tests.ingest_store.http_server import FIXTURES

GOOD = (" date 2026-02-10 Вэнс и Алиев подписали Хартию | Example News | Политика\n"
        "Вице-президент США Джей Ди Вэнс и президент Азербайджана Ильхам Алиев подписали в Баку Хартию о "
        "стратегическом партнерстве между двумя странами.\n"
        "Документ охватывает сотрудничество в области безопасности, энергетики и транспорта.\n")


def write_bad_files(folder: pathlib.Path) -> dict[str, pathlib.Path]:
    folder.mkdir()
    files = {
        "junk": folder / "junk.bin",
        "empty": folder / "empty.txt",
        "huge": folder / "huge.txt",
        "no_article": folder / "no_article.html",
        "impossible_date": folder / "impossible_date.txt",
        "broken_feed": folder / "broken.xml",
        "good": folder / "good.txt",
    }
    files["junk"].write_bytes(bytes(range(256)) * 64)
    files["empty"].write_bytes(b"")
    with files["huge"].open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    files["no_article"].write_bytes((FIXTURES / "no_article.html").read_bytes())
    files["impossible_date"].write_text(GOOD.replace("2026-02-10", "2026-02-30"), encoding="utf-8")
    files["broken_feed"].write_bytes((FIXTURES / "broken.xml").read_bytes())
    files["good"].write_text(GOOD, encoding="utf-8")
    return files


async def counts(session) -> tuple[int, int, int, int]:
    articles = (await session.exec(select(func.count()).select_from(Article))).one()
    sightings = (await session.exec(select(func.count()).select_from(ArticleSighting))).one()
    topics = (await session.exec(select(func.count()).select_from(ArticleTopic))).one()
    table = ("search_fts WHERE rowid % 8 = 2" if session.bind.dialect.name == "sqlite"  # see storage.search
             else "search_docs WHERE kind = 'article'")
    indexed = (await session.exec(text(f"SELECT count(*) FROM {table}"))).one()[0]
    return articles, sightings, topics, indexed


async def test_each_bad_file_is_reported_and_the_good_one_stored(seeded_engine, seeded_session, rules, now, tmp_path):
    files = write_bad_files(tmp_path / "in")
    report = await import_files(seeded_engine, sorted(files.values()), now=now, rules=rules)
    reasons = {pathlib.Path(o.origin).name: o.reason for o in report.rejected}
    assert report.files == 7 and report.new == 1 and not report.duplicates
    assert reasons == {
        "junk.bin": "binary data, not text (contains NUL bytes)",
        "empty.txt": "empty file",
        "huge.txt": "file too large (50.0 MB; the limit is 10.0 MB)",
        "no_article.html": "no article text found in the HTML page",
        "impossible_date.txt": "impossible date '2026-02-30' in the date line (day is out of range for month)",
        "broken.xml": reasons["broken.xml"],
    }
    assert reasons["broken.xml"].startswith("malformed feed XML")
    assert await counts(seeded_session) == (1, 1, 1, 1)  # the good article, its sighting, topic, index entry


def test_a_file_over_the_limit_is_rejected_without_being_read(tmp_path, monkeypatch, rules, now):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1024 * 1024)
    opened = []
    real_open = pathlib.Path.open
    monkeypatch.setattr(pathlib.Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    prepared = prepare_file(huge, now=now, rules=rules)
    assert [item.reason for item in prepared.items] == ["file too large (11.0 MB; the limit is 10.0 MB)"]
    assert opened == []


def test_undecodable_text_and_a_directory_entry_are_rejected(tmp_path, rules, now):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Вэнс прибыл в Баку".encode("cp1251"))
    assert prepare_file(latin1, now=now, rules=rules).items[0].reason.startswith("not UTF-8 text")
    assert prepare_file(tmp_path / "missing.txt", now=now, rules=rules).items[0].reason.startswith(
        "cannot read the file")


async def test_a_file_whose_storing_fails_leaves_nothing_behind(seeded_engine, seeded_session, rules, now,
                                                              tmp_path, monkeypatch):
    feed = tmp_path / "feed.rss"  # two good entries: the second fails to store
    feed.write_bytes((FIXTURES / "feed_v1.rss").read_bytes())
    real_store = importer.store_prepared
    calls = []

    async def failing_store(session, article, **kwargs):
        calls.append(article.title)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return await real_store(session, article, **kwargs)

    monkeypatch.setattr(importer, "store_prepared", failing_store)
    report = await import_files(seeded_engine, [feed], now=now, rules=rules)
    assert len(calls) == 2 and report.new == 0
    assert [(o.origin, o.reason) for o in report.rejected] == [
        (str(feed), "not stored, the database refused it: disk full")]
    assert await counts(seeded_session) == (0, 0, 0, 0)
    monkeypatch.setattr(importer, "store_prepared", real_store)
    again = await import_files(seeded_engine, [feed], now=now, rules=rules)
    assert again.new == 2 and await counts(seeded_session) == (2, 2, 2, 2)


def test_prepare_file_gives_one_item_per_feed_entry(rules, now, tmp_path):
    feed = tmp_path / "feed"  # no extension: recognised by its first bytes
    feed.write_bytes((FIXTURES / "feed_v2.rss").read_bytes())
    items = prepare_file(feed, now=now, rules=rules).items
    assert [type(item) for item in items] == [Item, Item, Item]
    assert [item.label for item in items] == [f"{feed} [entry {n}]" for n in (1, 2, 3)]
    assert items[0].origin == "http://caspian-courier.example/news/charter-signed?utm_source=rss"
    assert [item.article.relevant for item in items] == [True, True, False]


@pytest.mark.parametrize("name", ["article.html", "summary_feed.atom"])
def test_html_and_atom_files_are_recognised(rules, now, tmp_path, name):
    path = tmp_path / name
    path.write_bytes((FIXTURES / name).read_bytes())
    (item,) = prepare_file(path, now=now, rules=rules).items
    assert isinstance(item, Item) and item.article.title.startswith("Вэнс и Алиев подписали Хартию")


def test_sparse_file_really_is_sparse(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert path.stat().st_size == 50 * 1024 * 1024 and os.stat(path).st_blocks * 512 < 1024 * 1024
