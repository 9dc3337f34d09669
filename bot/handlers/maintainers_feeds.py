"""/feeds: the feeds with their health, buttons to pause, resume or remove; /feeds add <url>."""
from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import db_session, edit, now, send, settings_of
from bot.handlers.maintainers_common import answer
from bot.ingest.feed_items import FeedError
from bot.ingest.http_fetch import new_client
from bot.maintenance import feeds, validation
from bot.maintenance.validation import Invalid
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.maint_callbacks import FeedAction, decode
from bot.render.maint_reports import feeds_reply
from bot.render.maint_text import invalid_text
from bot.render.reply import Reply
from storage import feeds as store


async def feeds_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/feeds lists; /feeds add <url> checks the feed once, then saves it."""
    args = context.args
    if not args:
        async with db_session(context) as session:
            await send(update, feeds_reply(lang, await store.list_feeds(session)))
        return
    if len(args) != 2 or args[0].lower() != "add":
        await send(update, Reply(t(lang, "maint.feeds.usage")))
        return
    try:
        url = validation.url(args[1])
    except Invalid as exc:
        await send(update, Reply(invalid_text(lang, exc)))
        return
    async with db_session(context) as session:
        if await store.get_feed(session, url=url) is not None:
            await send(update, Reply(t(lang, "maint.feeds.exists", url=esc(url))))
            return
    try:
        async with new_client(hosts=settings_of(context).fetch_hosts) as client:
            checked = await feeds.check_feed(client, url)
    except FeedError as exc:
        reason = t(lang, f"fetch.{exc.kind}") if isinstance(exc, feeds.FeedUnreachable) else esc(str(exc))
        await send(update, Reply(t(lang, "maint.feeds.check_failed", url=esc(url), reason=reason)))
        return
    async with db_session(context) as session:
        try:
            await feeds.add_checked(session, checked=checked, actor_id=update.effective_user.id, now=now(context))
            await session.commit()
        except store.FeedExists:
            await send(update, Reply(t(lang, "maint.feeds.exists", url=esc(url))))
            return
    await send(update, Reply(t(lang, "maint.feeds.added", url=esc(url), title=esc(checked.title or "—"),
                               entries=checked.entries)))


async def feed_button(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """Pause, resume or remove, then the list again in place."""
    ref = decode(update.callback_query.data or "")
    if not isinstance(ref, FeedAction):
        await answer(update, lang, "stale_button")
        return
    async with db_session(context) as session:
        feed = await feeds.change_feed(session, feed_id=ref.feed_id, action=ref.action,
                                       actor_id=update.effective_user.id, now=now(context))
        if feed is None:
            await answer(update, lang, "stale_button")
            return
        await session.commit()
        await update.callback_query.answer(t(lang, f"maint.feeds.done.{ref.action}", id=ref.feed_id))
        await edit(update, feeds_reply(lang, await store.list_feeds(session)))
