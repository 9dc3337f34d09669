"""Maintainers' views of entries and topics: previews exactly as readers see them, field buttons."""
from __future__ import annotations

from bot.briefing.views import EventView, SourceView
from bot.maintenance.events import FIELDS as EVENT_FIELDS
from bot.maintenance.events import EventInput
from bot.maintenance.topics import FIELDS as TOPIC_FIELDS
from bot.render.entries import event_html
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.maint_callbacks import EditField, encode
from bot.render.reply import Button, Reply
from storage.models import Event, Topic
from storage.seed_schema import LANGS

BUTTONS_PER_ROW = 2


def field_label(lang: str, field: str) -> str:
    return t(lang, f"maint.field.{field}")


def language_heading(lang: str, shown: str, *, untranslated: bool = False) -> str:
    mark = " " + t(lang, "maint.untranslated") if untranslated else ""
    return f"<b>{t(lang, f'maint.in.{shown}')}</b>{mark}"


def draft_views(data: EventInput) -> dict[str, EventView]:
    """The new entry as readers of each language will see it."""
    title = data.text("title", "en")
    sources = tuple(SourceView(s.outlet, s.title or title, s.url, None) for s in data.sources)
    return {lang: EventView(0, "", data.date.value, data.date.precision, data.text("title", lang),
                            data.text("summary", lang), data.topics, sources) for lang in LANGS}


def previews(lang: str, views: dict[str, EventView], untranslated: str | None) -> str:
    """One paragraph per reader language, each headed with the language."""
    return "\n\n".join(f"{language_heading(lang, shown, untranslated=shown == untranslated)}\n"
                       f"{event_html(shown, view)}" for shown, view in views.items())


def _field_rows(lang: str, entity: str, ref: str, version: int, fields: tuple[str, ...]) -> tuple:
    buttons = [Button(field_label(lang, f), encode(EditField(entity, ref, version, f))) for f in fields]
    return tuple(tuple(buttons[i:i + BUTTONS_PER_ROW]) for i in range(0, len(buttons), BUTTONS_PER_ROW))


def event_reply(lang: str, event: Event, views: dict[str, EventView], *, note: str = "") -> Reply:
    """/editevent: the entry with its state, both languages, and a button per field."""
    origin = "seed" if event.origin == "seed" and event.edited_by is None else "maintainer"
    state = t(lang, "maint.event.state", id=event.id, version=event.version, slug=esc(event.slug),
              origin=t(lang, f"maint.origin.{origin}"))
    if event.hidden:
        state += "\n" + t(lang, "maint.event.hidden", id=event.id)
    head = f"{note}\n\n{state}" if note else state
    body = previews(lang, views, event.needs_translation)
    return Reply(f"{head}\n\n{body}", _field_rows(lang, "event", str(event.id), event.version, EVENT_FIELDS))


def topic_reply(lang: str, topic: Topic, *, note: str = "") -> Reply:
    """/editcard: the editable part of the card in both languages, the keywords, a button per field."""
    state = t(lang, "maint.topic.state", slug=topic.slug, version=topic.version)
    if topic.hidden:
        state += "\n" + t(lang, "maint.topic.hidden")
    parts = [f"{note}\n\n{state}" if note else state]
    for shown in LANGS:
        card = getattr(topic, f"card_{shown}")
        # One paragraph per language, so a long reply is split between the languages, not inside one.
        lines = [language_heading(lang, shown), f"<b>{esc(getattr(topic, f'name_{shown}'))}</b>",
                 f"<i>{esc(getattr(topic, f'tagline_{shown}'))}</i>", *(esc(p) for p in card.split("\n") if p.strip())]
        parts.append("\n".join(lines))
    terms = ", ".join(term for group in topic.keywords.values() for term in group)
    parts.append(f"<b>{field_label(lang, 'keywords')}</b>: {esc(terms) or '—'}")
    return Reply("\n\n".join(parts), _field_rows(lang, "topic", topic.slug, topic.version, TOPIC_FIELDS))
