"""`briefbot seed`: load the curated dossier into the store and say what changed."""
from __future__ import annotations

import asyncio
import datetime as dt
import sys

from bot.config import Settings
from storage.db import make_engine, open_session
from storage.seed_files import SeedError, read_dossier
from storage.seed_loader import SeedReport, load_dossier


def run_seed(settings: Settings, *, seeds_dir: str | None, check_only: bool) -> int:
    try:
        dossier = read_dossier(seeds_dir or settings.seeds_dir)
    except SeedError as exc:
        print(f"The dossier is invalid: {exc}", file=sys.stderr)
        return 1
    counts = f"{len(dossier.topics)} topics, {len(dossier.events)} events, {len(dossier.sources)} sources"
    if check_only:
        print(f"The dossier is valid: {counts}.")
        return 0
    try:
        report = asyncio.run(_load(settings, dossier))
    except Exception as exc:  # noqa: BLE001 - the transaction rolled back; say why in one line
        print(f"Nothing was changed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", file=sys.stderr)
        print("Is the schema up to date? Run: briefbot db upgrade", file=sys.stderr)
        return 1
    print(describe(report, counts))
    return 0


async def _load(settings: Settings, dossier) -> SeedReport:
    engine = make_engine(settings.database_url)
    try:
        async with open_session(engine) as session:
            report = await load_dossier(session, dossier=dossier, now=dt.datetime.now(dt.timezone.utc))
            await session.commit()
            return report
    finally:
        await engine.dispose()


def describe(report: SeedReport, counts: str) -> str:
    lines = []
    if report.changed:
        lines.append(
            f"Dossier loaded ({counts}): {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.removed)} removed, {report.unchanged} unchanged."
        )
        lines += [f"  updated {name}" for name in report.updated]
        lines += [f"  removed {name}" for name in report.removed]
    else:
        lines.append(f"Nothing to change: the database already holds this dossier ({counts}).")
    if report.skipped:
        lines.append(f"Skipped {len(report.skipped)} entries kept as maintainers left them:")
        lines += [f"  {item}" for item in report.skipped]
    return "\n".join(lines)
