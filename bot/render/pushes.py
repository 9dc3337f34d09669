"""The messages the bot pushes on schedule: digests and on-this-day."""
from __future__ import annotations

from bot.briefing.digests import Digest, DigestSection
from bot.briefing.onthisday import OnThisDay
from bot.render.entries import article_html, event_html
from bot.render.html import esc
from bot.render.i18n import format_date, format_day_month, plural, t
from bot.render.push_callbacks import DigestRef, encode_push
from bot.render.reply import Button, Reply


def _section_title(lang: str, section: DigestSection, topic_names: dict[str, str]) -> str:
    name = topic_names.get(section.topic or "", "") or t(lang, "digest.general")
    return f"<b>{esc(name)}</b>"


def _sections_html(lang: str, sections: tuple[DigestSection, ...], topic_names: dict[str, str]) -> list[str]:
    parts = []
    for section in sections:
        entries = [article_html(lang, a) for a in section.articles]
        # The topic heading shares a paragraph with its first article, so a split never orphans it.
        parts.append(f"{_section_title(lang, section, topic_names)}\n{entries[0]}")
        parts += entries[1:]
    return parts


def digest_reply(lang: str, digest: Digest, topic_names: dict[str, str], *, topic_ids: tuple[int, ...],
                 more_url: str | None = None) -> Reply:
    """Grouped by topic, most relevant first, at most MAX_ITEMS articles; new dossier events last.

    "More" pages the digest in the chat, or with `more_url` (channels and groups) opens its web page."""
    parts = [t(lang, "digest.title", date=esc(format_date(lang, digest.window.until.date())))]
    if digest.total:
        parts[0] += "\n" + plural(lang, "digest.articles", digest.total)
        parts += _sections_html(lang, digest.sections, topic_names)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if digest.more:
        parts.append(plural(lang, "digest.more", digest.more))
        if more_url:
            buttons = ((Button(t(lang, "digest.button_read_all"), url=more_url),),)
        else:
            ref = DigestRef(digest.window.after_id, digest.window.upto_id, 1, topic_ids)
            buttons = ((Button(t(lang, "digest.button_more"), encode_push(ref)),),)
    if digest.events:
        lines = [f"• {esc(format_date(lang, e.date, e.precision))} — {esc(e.title)}" for e in digest.events]
        if digest.more_events:
            lines.append(plural(lang, "digest.more_events", digest.more_events))
        parts.append(t(lang, "digest.new_events") + "\n" + "\n".join(lines) + "\n" + t(lang, "digest.timeline_hint"))
    return Reply("\n\n".join(parts), buttons)


def digest_page_reply(lang: str, sections: tuple[DigestSection, ...], topic_names: dict[str, str], *,
                      ref: DigestRef, pages: int) -> Reply:
    """A further page of a digest's articles, with a button to the next one."""
    if not sections:
        return Reply(t(lang, "digest.page_empty"))
    parts = [t(lang, "digest.page_title", page=ref.page + 1, pages=pages)]
    parts += _sections_html(lang, sections, topic_names)
    buttons: tuple[tuple[Button, ...], ...] = ()
    if ref.page + 1 < pages:
        following = DigestRef(ref.after_id, ref.upto_id, ref.page + 1, ref.topics)
        buttons = ((Button(t(lang, "digest.button_more"), encode_push(following)),),)
    return Reply("\n\n".join(parts), buttons)


def onthisday_push(lang: str, result: OnThisDay) -> Reply | None:
    """Only the day's own anniversaries, "N years ago" each; no events, no message."""
    if not result.today:
        return None
    parts = [t(lang, "onthisday.push_title", date=esc(format_day_month(lang, result.day)))]
    parts += [event_html(lang, a.event, label=plural(lang, "years_ago", a.years)) for a in result.today]
    if result.more:
        parts.append(t(lang, "onthisday.more", n=result.more))
    return Reply("\n\n".join(parts))
