"""Bad files: each reported clearly, none crashing the import, nothing half-written."""
from __future__ import annotations

import multiprocessing
import os
import pathlib

import pytest
from sqlalchemy import func
from sqlmodel import select

from bot.ingest.files import MAX_FILE_BYTES, Item, PreparedFile, prepare_file
from bot.ingest.importer import prepared_files, import_files
from storage import articles
from storage.models import Article, ArticleSighting, ArticleTopic
from storage.search import search
from tests.ingest_store.http_server import FIXTURES

GOOD = (" date 2026-02-10 Вэнс и Алиев подписали Хартию | Example News | Политика\n"
        "Вице-президент США Джей Ди Вэнс и президент Азербайджана Ильхам Алиев подписали в Баку Хартию о "
        "стратегическом партнерстве между двумя странами.\n"
        "Документ охватывает сотрудничество в области безопасности, энергетики и транспорта.\n")

OTHER = ("Группа конгрессменов США предложила отменить поправку 907 к Акту в поддержку свободы, ограничивающую "
         "помощь Азербайджану. Законопроект H.R.6534 передан в профильный комитет Палаты представителей, "
         "где его рассмотрят после слушаний с участием представителей Государственного департамента.\n")


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


async def counts(session, query: str = "Хартия") -> tuple[int, int, int, int]:
    """Articles, sightings, topic links, and articles the search finds for `query`."""
    articles_ = (await session.exec(select(func.count()).select_from(Article))).one()
    sightings = (await session.exec(select(func.count()).select_from(ArticleSighting))).one()
    topics = (await session.exec(select(func.count()).select_from(ArticleTopic))).one()
    return articles_, sightings, topics, len(await search(session, query=query, kind="article"))


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


def fail_sightings_from(monkeypatch, marker: str) -> None:
    """Make the store fail after the articles are inserted, for batches holding `marker`."""
    real = articles.add_sightings

    async def add_sightings(session, *, rows):
        if any(marker in row["origin"] for row in rows):
            raise RuntimeError("disk full")
        return await real(session, rows=rows)

    monkeypatch.setattr(articles, "add_sightings", add_sightings)


async def test_a_file_whose_storing_fails_leaves_nothing_behind(seeded_engine, seeded_session, rules, now,
                                                              tmp_path, monkeypatch):
    feed = tmp_path / "feed.rss"  # two entries, inserted, then the database fails
    feed.write_bytes((FIXTURES / "feed_v1.rss").read_bytes())
    fail_sightings_from(monkeypatch, "caspian-courier")
    report = await import_files(seeded_engine, [feed], now=now, rules=rules)
    assert report.new == 0 and [(o.origin, o.reason) for o in report.rejected] == [
        (str(feed), "not stored, the database refused it: disk full")]
    assert await counts(seeded_session, "США") == (0, 0, 0, 0)
    monkeypatch.undo()
    again = await import_files(seeded_engine, [feed], now=now, rules=rules)
    assert again.new == 2 and await counts(seeded_session, "США") == (2, 2, 2, 2)


async def test_one_failing_file_does_not_cost_the_others_of_its_batch(seeded_engine, seeded_session, rules, now,
                                                                     tmp_path, monkeypatch):
    names = ("a_good.txt", "b_bad.txt", "c_good.html")
    (tmp_path / names[0]).write_text(GOOD, encoding="utf-8")
    (tmp_path / names[1]).write_text(GOOD.replace("Вэнс и Алиев подписали Хартию", "Хартия") + OTHER, encoding="utf-8")
    (tmp_path / names[2]).write_bytes((FIXTURES / "article.html").read_bytes())
    fail_sightings_from(monkeypatch, "b_bad")
    report = await import_files(seeded_engine, [tmp_path / name for name in names], now=now, rules=rules)
    assert report.new == 2 and [o.origin for o in report.rejected] == [str(tmp_path / "b_bad.txt")]
    articles_, sightings, _, indexed = await counts(seeded_session, "США")
    assert (articles_, sightings, indexed) == (2, 2, 2)


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


def die_in_worker(path: pathlib.Path) -> PreparedFile:
    """A stand-in for prepare_file whose worker process dies on the file named "die"."""
    if path.name == "die" and multiprocessing.parent_process() is not None:
        os._exit(3)
    return PreparedFile(str(path), ())


async def test_a_dying_worker_process_does_not_stop_the_import(tmp_path):
    paths = [tmp_path / str(n) for n in range(6)] + [tmp_path / "die"] + [tmp_path / str(n) for n in range(6, 30)]
    done = [prepared.path async for prepared in prepared_files(paths, die_in_worker, 2)]
    assert done == [str(path) for path in paths]
