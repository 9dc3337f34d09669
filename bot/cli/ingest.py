"""`briefbot import PATH...`: files and folders of articles into the store, with a summary."""
from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
from pathlib import Path

from bot.cli.preflight import ready_engine
from bot.config import Settings
from bot.ingest.files import Skipped, iter_files
from bot.ingest.importer import ImportReport, default_jobs, import_files
from bot.ingest.rules import load_rules, relevance_groups
from bot.ingest.store import IngestOutcome
from storage.db import open_session
from storage.seed_files import SeedError

MATCHED = {"url": "same URL", "text": "same text", "near": "nearly the same text"}
LISTED_DUPLICATES = 100


def run_import(settings: Settings, *, paths: list[str], progress: bool | None, jobs: int | None,
               max_mb: float) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print("\n".join(f"No such file or folder: {p}" for p in missing), file=sys.stderr)
        return 2
    if max_mb <= 0:
        print("--max-size must be a positive number of megabytes", file=sys.stderr)
        return 2
    try:
        relevance = relevance_groups(settings.seeds_dir)
    except SeedError as exc:
        print(f"The dossier is invalid: {exc}", file=sys.stderr)
        return 1
    show = sys.stderr.isatty() if progress is None else progress
    return asyncio.run(_import(settings, paths, relevance, show, jobs, int(max_mb * 1024 * 1024)))


async def _import(settings: Settings, paths: list[str], relevance, show: bool, jobs: int | None,
                  max_bytes: int) -> int:
    async with ready_engine(settings.database_url) as engine:
        if engine is None:
            return 1
        async with open_session(engine) as session:
            rules = await load_rules(session, relevance_all_of=relevance)
        if not rules.topics:
            print("No topics in the database (run `briefbot seed`): articles are stored without topics.",
                  file=sys.stderr)
        skipped: list[Skipped] = []
        files = list(iter_files(paths, skipped=skipped))
        workers = jobs if jobs else default_jobs(len(files), os.cpu_count())
        now = dt.datetime.now(dt.timezone.utc)
        if show:
            report = await _with_progress(engine, files, now=now, rules=rules, max_bytes=max_bytes, jobs=workers)
        else:
            report = await import_files(engine, files, now=now, rules=rules, max_bytes=max_bytes, jobs=workers)
    report.skipped = skipped
    print(describe(report))
    return 0


async def _with_progress(engine, files, **kwargs) -> ImportReport:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("Importing"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("import", total=len(files))
        return await import_files(engine, files, on_file=lambda *_: progress.advance(task), **kwargs)


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def describe(report: ImportReport) -> str:
    """The summary: counts, then the updated, duplicate and rejected articles one per line."""
    lines = [
        f"{_plural(report.files, 'file')} read: {report.new} new, {len(report.updated)} updated, "
        f"{_plural(len(report.duplicates), 'duplicate')}, {len(report.rejected)} rejected."
    ]
    if report.updated:
        lines.append("Updated:")
        lines += [f"  {o.origin}: #{o.article_id} {_quote(o.title)}" for o in report.updated]
    if report.duplicates:
        lines.append("Duplicates:")
        lines += [f"  {_duplicate(o)}" for o in report.duplicates[:LISTED_DUPLICATES]]
        if len(report.duplicates) > LISTED_DUPLICATES:
            lines.append(f"  … and {len(report.duplicates) - LISTED_DUPLICATES} more")
    if report.rejected:
        lines.append("Rejected:")
        lines += [f"  {o.origin}: {o.reason}" for o in report.rejected]
    if report.skipped:
        lines.append(f"Skipped ({len(report.skipped)}):")
        lines += [f"  {s.path}: {s.reason}" for s in report.skipped]
    return "\n".join(lines)


def _duplicate(outcome: IngestOutcome) -> str:
    how = MATCHED.get(outcome.matched_by or "", "duplicate")
    return f"{outcome.origin}: duplicate of #{outcome.duplicate_of} {_quote(outcome.duplicate_title)} ({how})"


def _quote(title: str | None, limit: int = 80) -> str:
    title = title or ""
    return f"“{title if len(title) <= limit else title[:limit - 1].rstrip() + '…'}”"
