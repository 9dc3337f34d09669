"""`briefbot import` and `briefbot feeds`, run as a person would, on a fresh SQLite file."""
from __future__ import annotations

import functools
import sqlite3
import http.server
import threading

import pytest

from tests.ingest_store.http_server import FIXTURES
from tests.test_cli import briefbot

BAD_DATE = " date 2026-02-30 Вэнс в Баку | Example | Политика\nВице-президент США Джей Ди Вэнс прибыл в Баку.\n"


@pytest.fixture
def store(tmp_path):
    assert briefbot(tmp_path, "db", "upgrade").returncode == 0
    assert briefbot(tmp_path, "seed").returncode == 0
    return tmp_path


def test_import_the_seeds_twice(store, shared_seeds_dir):
    first = briefbot(store, "import", str(shared_seeds_dir))
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == ["5 files read: 5 new, 0 updated, 0 duplicates, 0 rejected."]
    again = briefbot(store, "import", "--jobs", "2", *sorted(str(p) for p in shared_seeds_dir.glob("*.txt")))
    lines = again.stdout.splitlines()
    assert again.returncode == 0, again.stderr
    assert lines[:2] == ["5 files read: 0 new, 0 updated, 5 duplicates, 0 rejected.", "Duplicates:"]
    assert len(lines) == 7 and all(" duplicate of #" in line and line.endswith("(same text)") for line in lines[2:])
    (line,) = [line for line in lines if "/001_" in line]
    assert line.endswith(": duplicate of #2 “Баку и Вашингтон перелистывают кризисную страницу отношений” (same text)")


def test_bad_files_are_listed_with_their_reasons(store):
    folder = store / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "junk.bin").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "nested" / "bad_date.txt").write_text(BAD_DATE, encoding="utf-8")
    (folder / "nested" / "feed.rss").write_bytes((FIXTURES / "feed_v2.rss").read_bytes())
    (folder / ".hidden.txt").write_text("ignored", encoding="utf-8")
    result = briefbot(store, "import", "--progress", str(folder))
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        "3 files read: 3 new, 0 updated, 0 duplicates, 2 rejected.",
        "Rejected:",
        f"  {folder}/junk.bin: binary data, not text (contains NUL bytes)",
        f"  {folder}/nested/bad_date.txt: impossible date '2026-02-30' in the date line "
        "(day is out of range for month)",
    ]


def test_usage_errors_exit_non_zero(store, tmp_path):
    missing = briefbot(store, "import", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "No such file or folder" in missing.stderr
    assert briefbot(store, "import").returncode == 2
    assert briefbot(store, "import", "--max-size", "0", str(tmp_path)).returncode == 2


def test_import_without_schema_says_what_to_run(tmp_path):
    (tmp_path / "a.txt").write_text(BAD_DATE, encoding="utf-8")
    result = briefbot(tmp_path, "import", str(tmp_path / "a.txt"))
    assert result.returncode == 1 and "briefbot db upgrade" in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def feed_site():
    handler = functools.partial(QuietHandler, directory=str(FIXTURES))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_feeds_add_list_poll_pause_resume_remove(store, feed_site):
    url = f"{feed_site}/feed_v1.rss"
    added = briefbot(store, "feeds", "add", url, "--interval", "30", "--full-text")
    assert added.returncode == 0 and "every 30 minutes, fetching full text" in added.stdout
    assert briefbot(store, "feeds", "add", url).returncode == 1
    assert briefbot(store, "feeds", "add", "ftp://x.example/feed").returncode == 2
    listed = briefbot(store, "feeds", "list").stdout
    assert f"#1 active {url}  (every 30 min, full text)" in listed and "next poll: due now" in listed
    polled = briefbot(store, "feeds", "poll", FETCH_ALLOW_PRIVATE_HOSTS="127.0.0.1")
    assert polled.returncode == 0 and f"{url}: 2 new, 0 updated, 0 duplicate, 0 rejected" in polled.stdout
    listed = briefbot(store, "feeds", "list").stdout
    assert "title: Caspian Courier" in listed and "items: 2; last success: 20" in listed
    assert "paused" in briefbot(store, "feeds", "pause", url).stdout.lower()
    assert "next poll: none while paused" in briefbot(store, "feeds", "list").stdout
    assert briefbot(store, "feeds", "resume", url).returncode == 0
    assert briefbot(store, "feeds", "remove", url).returncode == 0
    gone = briefbot(store, "feeds", "remove", url)
    assert gone.returncode == 1 and "No such feed" in gone.stderr
    assert "No feeds yet" in briefbot(store, "feeds", "list").stdout


def test_a_failing_feed_shows_its_error(store, feed_site):
    url = f"{feed_site}/missing.rss"
    briefbot(store, "feeds", "add", url)
    polled = briefbot(store, "feeds", "poll", url, FETCH_ALLOW_PRIVATE_HOSTS="127.0.0.1")
    assert f"{url}: failed: HTTP 404 File not found" in polled.stdout
    listed = briefbot(store, "feeds", "list").stdout
    assert "last error (1 failure in a row): HTTP 404 File not found" in listed


GOOD = (" date 2026-02-10 Вэнс в Баку | Example | Политика\n"
        "Вице-президент США Джей Ди Вэнс прибыл в Баку, где обсудил с Алиевым хартию о стратегическом "
        "партнерстве и маршрут TRIPP.\n")
LEAKED = ("TELEGRAM_BOT_TOKEN=123456789:AAFakeTokenForTheSymlinkTest_0123456789\n"
          "Вице-президент США Джей Ди Вэнс прибыл в Баку и обсудил с Алиевым хартию о стратегическом партнерстве.\n")


def test_links_out_of_the_folder_are_skipped_and_reported(store):
    """A link to ../.env in an imported folder must not become a public article with the token."""
    (store / ".env").write_text(LEAKED, encoding="utf-8")
    (store / "private").mkdir()
    (store / "private" / "notes.txt").write_text(LEAKED, encoding="utf-8")
    folder = store / "in"
    folder.mkdir()
    (folder / "article.txt").write_text(GOOD, encoding="utf-8")
    (folder / "leak.txt").symlink_to(store / ".env")
    (folder / "relative.txt").symlink_to("../.env")
    (folder / "private").symlink_to(store / "private", target_is_directory=True)
    (folder / "alias.txt").symlink_to("article.txt")  # inside the folder: read like the file
    result = briefbot(store, "import", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "2 files read: 1 new, 0 updated, 1 duplicate, 0 rejected."
    assert result.stdout.splitlines()[-4:] == [
        "Skipped (3):",
        f"  {folder}/private: symbolic link to a folder outside the folder: not followed",
        f"  {folder}/leak.txt: symbolic link to a file outside the folder: not followed",
        f"  {folder}/relative.txt: symbolic link to a file outside the folder: not followed",
    ]
    with sqlite3.connect(store / "bot.db") as db:
        assert db.execute("select count(*) from articles where body like '%FakeToken%'").fetchone() == (0,)
        assert db.execute("select count(*) from articles").fetchone() == (1,)
