"""/addarticle: one article by URL, or the text of the message it replies to (forwarded or pasted)."""
from __future__ import annotations

from telegram import Message, MessageOriginChannel, Update
from telegram.constants import ChatAction
from telegram.ext import ContextTypes

from bot.handlers.common import db_session, now, send, settings_of
from bot.handlers.maintainers_common import command_text
from bot.ingest.http_fetch import PAGE_LIMITS, new_client
from bot.ingest.rules import load_rules
from bot.maintenance import validation
from bot.maintenance.articles import add_article
from bot.maintenance.validation import Invalid
from bot.render.i18n import t
from bot.render.maint_reports import article_reply
from bot.render.maint_text import invalid_text
from bot.render.reply import Reply


def _post_link(message: Message) -> str | None:
    """A forwarded public channel post's address, which identifies the article for deduplication."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel) and origin.chat.username:
        return f"https://t.me/{origin.chat.username}/{origin.message_id}"
    return None


async def addarticle_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """Ingest through the pipeline and say what was detected, or why it was not stored."""
    argument = command_text(update)
    replied = update.effective_message.reply_to_message
    url = text = None
    if replied is not None and not argument:
        text, url = replied.text or replied.caption, _post_link(replied)
        if not text:
            await send(update, Reply(t(lang, "maint.article.no_text")))
            return
    elif argument and len(argument.split()) == 1 and "://" in argument:
        try:
            url = validation.url(argument)
        except Invalid as exc:
            await send(update, Reply(invalid_text(lang, exc)))
            return
    elif argument:
        text = argument  # pasted in the command's own message
    else:
        await send(update, Reply(t(lang, "maint.article.usage")))
        return
    await update.effective_chat.send_action(ChatAction.TYPING)
    dossier = context.bot_data["dossier"]
    hosts = settings_of(context).fetch_hosts
    async with db_session(context) as session, new_client(PAGE_LIMITS, hosts=hosts) as client:
        rules = await load_rules(session, relevance_all_of=[list(g) for g in dossier.relevance.all_of])
        await session.commit()  # no transaction stays open while the page is fetched
        outcome = await add_article(session, client=client, rules=rules, actor_id=update.effective_user.id,
                                    now=now(context), url=url, text=text)
    await send(update, article_reply(lang, outcome))
