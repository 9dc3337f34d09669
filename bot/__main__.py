"""`briefbot` command line: run, console, db upgrade, seed, import, feeds, doctor."""
from __future__ import annotations

import argparse
import logging
import sys

from bot.cli.ingest_parsers import add_ingest_commands
from bot.config import ConfigError, Settings, load_settings
from bot.log_redaction import install_token_filter
from bot.scheduling.cancelled_jobs import quiet_cancelled_jobs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot", description="Briefing Bot: a Telegram bot that keeps people briefed on a news dossier."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    db = commands.add_parser("db", help="database schema (Alembic migrations)")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations to DATABASE_URL", description="Apply all pending migrations.")
    db_commands.add_parser("current", help="show the schema revision of DATABASE_URL")

    seed = commands.add_parser(
        "seed", help="load the curated dossier from seeds/ (idempotent)",
        description="Load the dossier from seeds/. A second run changes nothing; entries a maintainer "
        "added or edited are never overwritten, and are reported when the seed would have changed them.",
    )
    seed.add_argument("--dir", help="dossier folder (default: SEEDS_DIR or the shipped seeds/)")
    seed.add_argument("--check", action="store_true", help="only validate the files, do not touch the database")

    commands.add_parser(
        "run", help="run the bot (long polling, or a webhook when WEBHOOK_URL is set)",
        description="Run the bot: long polling, or webhook mode when WEBHOOK_URL is set. Needs TELEGRAM_BOT_TOKEN; "
        "apply `db upgrade` and `seed` first.",
    )
    console = commands.add_parser(
        "console", help="chat with the bot in this terminal, no Telegram needed",
        description="Type commands as in Telegram; replies are printed with their buttons, pressable by number.",
    )
    console.add_argument("--lang", choices=("ru", "en"), help="the console user's language")

    add_ingest_commands(commands)
    commands.add_parser(
        "doctor", help="check configuration, database and migrations, and say how to fix what is wrong",
        description="Check configuration, database reachability, migrations and the dossier.",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "doctor":
        from bot.cli.doctor import run_doctor

        return run_doctor()
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    _configure_logging(settings)
    return _dispatch(args, settings)


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "db":
        from bot.cli.database import db_current, db_upgrade

        return db_upgrade(settings) if args.db_command == "upgrade" else db_current(settings)
    if args.command in ("run", "console"):
        from bot.cli.run import run_bot, run_console

        return run_bot(settings) if args.command == "run" else run_console(settings, args.lang)
    if args.command == "seed":
        from bot.cli.seed import run_seed

        return run_seed(settings, seeds_dir=args.dir, check_only=args.check)
    if args.command == "import":
        from bot.cli.ingest import run_import

        return run_import(settings, paths=args.paths, progress=args.progress, jobs=args.jobs, max_mb=args.max_size)
    if args.command == "feeds":
        from bot.cli.feeds import run_feeds

        return run_feeds(settings, args)
    raise AssertionError(args.command)


def _configure_logging(settings: Settings) -> None:
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Alembic and httpx are chatty at INFO.
    for name in ("httpx", "alembic"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger().level))
    install_token_filter(settings.telegram_bot_token)
    quiet_cancelled_jobs()  # every process: PTB's JobQueue runs on replicas that do not lead too


if __name__ == "__main__":
    sys.exit(main())
