"""Maintainers' reports: who maintains, the audit trail, stats, feeds, ingested articles, undo."""
from __future__ import annotations

import datetime as dt

from bot.ingest.store import IngestOutcome
from bot.maintenance.audit import AuditLine
from bot.maintenance.stats import Stats
from bot.maintenance.undo import Undone
from bot.render.html import esc
from bot.render.i18n import CATALOGS, format_date, t
from bot.render.maint_callbacks import FeedAction, encode
from bot.render.reply import Button, Reply
from storage.models import Feed, Maintainer

VALUE_CHARS = 80  # how much of a changed value the audit shows


def when(moment: dt.datetime | None) -> str:
    return "—" if moment is None else moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def _who(user_id: int | None, name: str | None) -> str:
    return f"{esc(name)} ({user_id})" if name else str(user_id)


def maintainers_reply(lang: str, owners: tuple[int, ...], rows: list[Maintainer]) -> Reply:
    lines = [t(lang, "maint.list.title"), t(lang, "maint.list.owners", ids=", ".join(map(str, owners)) or "—")]
    lines += [t(lang, "maint.list.line", who=_who(m.user_id, m.name), by=m.added_by or "—", at=when(m.added_at))
              for m in rows] or [t(lang, "maint.list.none")]
    return Reply("\n".join(lines) + "\n\n" + t(lang, "maint.list.usage"))


def _value(value) -> str:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = "—" if value is None or value == "" else " ".join(str(value).split())
    return esc(text if len(text) <= VALUE_CHARS else text[:VALUE_CHARS - 1] + "…")


def audit_reply(lang: str, lines: list[AuditLine]) -> Reply:
    if not lines:
        return Reply(t(lang, "maint.audit.empty"))
    parts = [t(lang, "maint.audit.title", n=len(lines))]
    for line in lines:
        who = _who(line.actor_id, line.actor_name) if line.actor_id is not None else t(lang, "maint.audit.cli")
        head = t(lang, "maint.audit.line", id=line.id, at=when(line.at), who=who, action=esc(line.action),
                 entity=esc(line.entity), ref=esc(line.key))
        diffs = [f"  {esc(name)}: {_value(before)} → {_value(after)}" for name, before, after in line.changes[:8]]
        parts.append("\n".join([head, *diffs]))
    return Reply("\n\n".join(parts))


def _counts(counts) -> str:
    return ", ".join(f"{esc(k)} {n}" for k, n in counts) or "—"


def _status(lang: str, status: str) -> str:
    """A delivery's status in the reader's language (an unknown one as stored)."""
    key = f"maint.delivery.{status}"
    return t(lang, key) if key in CATALOGS[lang].TEXTS else status


def _size(n: int | None) -> str:
    if n is None:
        return "—"
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def stats_reply(lang: str, stats: Stats) -> Reply:
    f = stats.feeds
    topics = [(t(lang, "maint.stats.whole") if k == "*" else k, n) for k, n in stats.subscriptions_by_topic]
    return Reply(t(
        lang, "maint.stats", by_type=_counts(stats.chats_by_type), by_language=_counts(stats.chats_by_language),
        inactive=stats.inactive_chats, subscribers=stats.active_subscribers, subscriptions=_counts(topics),
        deliveries=_counts((_status(lang, k), n) for k, n in stats.deliveries_24h), outbox=stats.outbox_depth, feeds=f.total, active=f.active,
        paused=f.paused, failing=f.failing, items=f.items, last_success=when(f.last_success), events=stats.events,
        articles=stats.articles, size=_size(stats.database_bytes)))


def feeds_reply(lang: str, feeds: list[Feed]) -> Reply:
    """Each feed with its state and its buttons: pause or resume, remove."""
    if not feeds:
        return Reply(t(lang, "maint.feeds.empty"))
    parts, rows = [t(lang, "maint.feeds.title")], []
    for feed in feeds:
        lines = [t(lang, "maint.feeds.line", id=feed.id, status=t(lang, f"maint.feeds.status.{feed.status}"),
                   url=esc(feed.url), title=esc(feed.title or "—"), items=feed.items_count,
                   success=when(feed.last_success_at))]
        if feed.last_error:
            lines.append(t(lang, "maint.feeds.error", failures=feed.error_count, error=esc(feed.last_error[:200])))
        parts.append("\n".join(lines))
        toggle = "resume" if feed.status == "paused" else "pause"
        rows.append((Button(t(lang, f"maint.button.{toggle}", id=feed.id), encode(FeedAction(feed.id, toggle))),
                     Button(t(lang, "maint.button.remove", id=feed.id), encode(FeedAction(feed.id, "remove")))))
    return Reply("\n\n".join(parts), tuple(rows))


def article_reply(lang: str, outcome: IngestOutcome) -> Reply:
    if outcome.status == "rejected":
        reason = t(lang, f"fetch.{outcome.fetch_failure}") if outcome.fetch_failure else esc(outcome.reason or "")
        return Reply(t(lang, "maint.article.rejected", reason=reason))
    date = format_date(lang, outcome.published) if outcome.published else "—"
    if outcome.date_flagged:
        date += " " + t(lang, "maint.article.date_guessed")
    status = t(lang, f"maint.article.{outcome.status}", id=outcome.duplicate_of or outcome.article_id or "—",
               original=esc(outcome.duplicate_title or ""))
    relevant = t(lang, "maint.article.relevant" if outcome.relevant else "maint.article.irrelevant")
    return Reply(t(lang, "maint.article.result", status=status, title=esc(outcome.title or "—"), date=date,
                   topics=esc(", ".join(outcome.topics)) or "—", relevant=relevant))


def undo_reply(lang: str, undone: Undone) -> Reply:
    return Reply(t(lang, "maint.undo.done", action=esc(undone.action), entity=esc(undone.entity),
                   ref=esc(undone.key), id=undone.entry_id))
