"""The argparse definitions of `briefbot import` and `briefbot feeds`."""
from __future__ import annotations

import argparse


def add_ingest_commands(commands) -> None:
    """`import` and `feeds` with their options, on the top-level subparsers."""
    imp = commands.add_parser(
        "import", help="import articles from files and folders (scraped text, HTML pages, RSS/Atom files)",
        description="Import articles: files and folders (recursively) of scraped text, HTML pages and RSS/Atom "
        "files. Each file is stored whole or not at all; the summary lists new, updated, duplicate (and of what) "
        "and rejected articles (with the reason). Exits 0 when the run completed, rejections included.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder")
    imp.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="show a progress bar (default: when stderr is a terminal)")
    imp.add_argument("--jobs", type=int, default=None, help="worker processes for parsing (default: automatic)")
    imp.add_argument("--max-size", type=float, default=10.0, metavar="MB",
                     help="reject files larger than this many megabytes (default: 10)")

    feeds = commands.add_parser("feeds", help="RSS/Atom feeds the bot polls: add, list, remove, pause, resume, poll")
    actions = feeds.add_subparsers(dest="feeds_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a feed (polled from the next minute on)")
    add.add_argument("url", metavar="URL")
    add.add_argument("--interval", type=int, default=15, metavar="MINUTES", help="minutes between polls (default 15)")
    add.add_argument("--full-text", action="store_true",
                     help="fetch each new entry's page and extract its text (for feeds carrying only summaries)")
    add.add_argument("--title", help="a name for the feed (default: the feed's own title)")
    actions.add_parser("list", help="every feed: status, last success, last error, items, next poll")
    for name, text in (("remove", "remove a feed (its articles stay)"), ("pause", "stop polling a feed"),
                       ("resume", "poll a paused feed again, from the next minute")):
        actions.add_parser(name, help=text).add_argument("url", metavar="URL")
    poll = actions.add_parser("poll", help="poll now, whatever the schedule: the feeds named, or every active one")
    poll.add_argument("urls", nargs="*", metavar="URL")
