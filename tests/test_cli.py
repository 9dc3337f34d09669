"""The `briefbot` command line, run as a person would, on a fresh SQLite file."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.fixtures.mini_dossier import write_mini_dossier


def briefbot(tmp_path, *args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "SEEDS_"))}
    environ |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", "LOG_LEVEL": "WARNING", **env}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=tmp_path, env=environ, input=stdin,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("command", [[], ["db"], ["db", "upgrade"], ["seed"], ["doctor"], ["run"], ["console"]])
def test_every_command_has_help(tmp_path, command):
    result = briefbot(tmp_path, *command, "--help")
    assert result.returncode == 0 and "usage: briefbot" in result.stdout


def test_upgrade_seed_twice_and_doctor(tmp_path):
    assert "up to date" in briefbot(tmp_path, "db", "upgrade").stdout
    first = briefbot(tmp_path, "seed")
    assert first.returncode == 0 and first.stdout.startswith("Dossier loaded (3 topics")
    second = briefbot(tmp_path, "seed")
    assert second.returncode == 0 and second.stdout.startswith("Nothing to change")
    doctor = briefbot(tmp_path, "doctor")
    assert doctor.returncode == 1
    failing = [line for line in doctor.stdout.splitlines() if line.startswith("FAIL")]
    assert failing == ["FAIL TELEGRAM_BOT_TOKEN is not set: get one from @BotFather (/newbot) and put it in .env, "
                       "or try the bot without Telegram with `briefbot console`."]
    ok = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN="123456:" + "A" * 35)
    assert ok.returncode == 0 and "All checks passed." in ok.stdout


def test_doctor_on_an_empty_database_says_what_to_run(tmp_path):
    result = briefbot(tmp_path, "doctor", TELEGRAM_BOT_TOKEN="123456:" + "A" * 35)
    assert "run `briefbot db upgrade`" in result.stdout and result.returncode == 1


def test_seed_reports_invalid_files_in_one_line(tmp_path):
    folder = write_mini_dossier(tmp_path / "dossier")
    (folder / "timeline" / "bad.toml").write_text('[[event]]\nslug = "x"\ndate = "2025-02-30"\n', encoding="utf-8")
    result = briefbot(tmp_path, "seed", "--dir", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "bad.toml [x]:" in result.stderr


def test_seed_without_schema_changes_nothing_and_says_why(tmp_path):
    result = briefbot(tmp_path, "seed")
    assert result.returncode == 1 and "briefbot db upgrade" in result.stderr and "Traceback" not in result.stderr


def test_run_without_token_explains_botfather_and_console(tmp_path):
    result = briefbot(tmp_path, "run")
    assert result.returncode == 1
    assert "@BotFather" in result.stderr and "console" in result.stderr and "Traceback" not in result.stderr


def test_console_answers_commands_and_buttons(tmp_path):
    briefbot(tmp_path, "db", "upgrade")
    briefbot(tmp_path, "seed")
    result = briefbot(tmp_path, "console", "--lang", "en",
                      stdin="/start\n/timeline 2025-08\n/charter\n1\n/onthisday 31-02\n/search waiver\n\n")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Hello, Console!" in out
    assert "Page 1 of" in out and "8 August 2025" in out
    assert "*Charter on Strategic Partnership*" in out or "Charter" in out
    assert "(updated)" in out  # the Timeline button of the card was pressed
    assert "“31-02” is not a calendar date" in out
    assert "*waiver*" in out.lower() or "*Waiver*" in out


def test_run_on_an_empty_database_says_to_upgrade(tmp_path):
    result = briefbot(tmp_path, "run", TELEGRAM_BOT_TOKEN="123456:" + "A" * 35)
    assert result.returncode == 1 and "run `briefbot db upgrade`" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_against_an_unreachable_api_never_prints_the_token(tmp_path):
    """Run waits for an unreachable Bot API (tests/e2e/test_run_start.py); what it logs meanwhile, even at
    DEBUG, and when stopped, never holds the token."""
    import signal
    import socket
    import time

    assert briefbot(tmp_path, "db", "upgrade").returncode == 0
    assert briefbot(tmp_path, "seed").returncode == 0
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_", "SEEDS_"))}
    environ |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}", "LOG_LEVEL": "DEBUG", "PYTHONUNBUFFERED": "1",
                "TELEGRAM_BOT_TOKEN": f"123456789:{secret}", "TELEGRAM_API_URL": f"http://127.0.0.1:{port}/bot"}
    log = tmp_path / "run.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=environ,
                                   stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while log.read_text().count("Bot API unreachable, retrying in") < 2:  # two tries, two log lines
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(30)
    output = log.read_text()
    assert code == 0, output
    assert f"127.0.0.1:{port}" in output  # the failure is told, with the address but not the path
    assert secret not in output and "123456789%3A" not in output and "123456789:" not in output
    assert "Traceback" not in output


def test_invalid_api_port_stops_with_one_line_and_no_token(tmp_path):
    secret = "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    result = briefbot(tmp_path, "run", TELEGRAM_BOT_TOKEN=f"123456789:{secret}",
                      TELEGRAM_API_URL="http://127.0.0.1:99999/bot")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "Configuration error: TELEGRAM_API_URL: has an invalid port (a number from 1 to 65535), "
        "such as https://api.telegram.org/bot"]


def test_console_shows_where_web_buttons_lead(tmp_path):
    """With PUBLIC_URL, the console chat (a private chat) shows the Mini App address of the Open button."""
    briefbot(tmp_path, "db", "upgrade")
    briefbot(tmp_path, "seed")
    result = briefbot(tmp_path, "console", "--lang", "en", stdin="/timeline\n\n",
                      PUBLIC_URL="https://briefing.example.org")
    assert result.returncode == 0, result.stderr
    assert "Open <https://briefing.example.org/app/timeline>" in result.stdout
