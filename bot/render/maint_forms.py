"""The guided forms' messages: one prompt per step, with its buttons, and the final preview."""
from __future__ import annotations

from bot.briefing.views import TopicView
from bot.maintenance import forms
from bot.render.html import esc, link
from bot.render.i18n import t
from bot.render.maint_callbacks import FormChoice, encode
from bot.render.maint_entries import draft_views, field_label, previews
from bot.render.reply import Button, Reply
from storage.models import Draft

TOPIC_BUTTONS_PER_ROW = 2


def _choice(text: str, draft: Draft, choice: str) -> Button:
    return Button(text, encode(FormChoice(draft.id, choice)))


def prompt(lang: str, draft: Draft, topics: list[TopicView]) -> Reply:
    """What the form asks at the draft's current step."""
    step = draft.step
    if draft.kind == forms.EDIT:
        return _edit_topics(lang, draft, topics)
    if step == "languages":
        return Reply(t(lang, "maint.ask.languages"), (tuple(
            _choice(t(lang, f"maint.languages.{c}"), draft, c) for c in forms.LANGUAGE_CHOICES),))
    if step == "topics":
        return _topics(lang, draft, topics, t(lang, "maint.ask.topics"))
    if step == "sources":
        return _sources(lang, draft)
    if step == "preview":
        return preview(lang, draft, topics)
    name, _, shown = step.rpartition("_")
    if shown in ("ru", "en") and name in ("title", "summary", "name", "tagline"):
        return Reply(t(lang, f"maint.ask.{name}", language=t(lang, f"maint.in_lang.{shown}")))
    return Reply(t(lang, f"maint.ask.{step}"))


def _topics(lang: str, draft: Draft, topics: list[TopicView], text: str) -> Reply:
    chosen = draft.data.get("topics", [])
    buttons = [_choice(("✓ " if tv.slug in chosen else "") + tv.name, draft, tv.slug) for tv in topics]
    rows = [tuple(buttons[i:i + TOPIC_BUTTONS_PER_ROW]) for i in range(0, len(buttons), TOPIC_BUTTONS_PER_ROW)]
    rows.append((_choice(t(lang, "maint.button.done"), draft, forms.DONE),))
    return Reply(text, tuple(rows))


def _edit_topics(lang: str, draft: Draft, topics: list[TopicView]) -> Reply:
    return _topics(lang, draft, topics, t(lang, "maint.ask.edit_topics", id=draft.data["ref"]))


def _sources(lang: str, draft: Draft) -> Reply:
    cited = draft.data.get("sources", [])
    if not cited:
        return Reply(t(lang, "maint.ask.sources"))
    lines = "\n".join(f"{n}. {link(s['outlet'], s['url'])}" + (f" — {esc(s['title'])}" if s["title"] else "")
                      for n, s in enumerate(cited, 1))
    return Reply(t(lang, "maint.ask.more_sources", sources=lines),
                 ((_choice(t(lang, "maint.button.done"), draft, forms.DONE),),))


def preview(lang: str, draft: Draft, topics: list[TopicView]) -> Reply:
    """The finished form as readers will see it, with Confirm and Cancel."""
    buttons = ((_choice(t(lang, "maint.button.confirm"), draft, forms.CONFIRM),
                _choice(t(lang, "maint.button.cancel"), draft, forms.CANCEL)),)
    if draft.kind == forms.ADD_EVENT:
        data = forms.event_input(draft.data)
        body = previews(lang, draft_views(data), data.untranslated)
        return Reply(t(lang, "maint.preview.event") + "\n\n" + body, buttons)
    data = forms.topic_input(draft.data)
    terms = ", ".join(term for group in data.keywords.values() for term in group)
    lines = [f"/{data.slug}"]
    lines += [f"{field_label(lang, f'name_{x}')}: {esc(data.names[x])}" for x in data.names]
    lines += [f"{field_label(lang, f'tagline_{x}')}: {esc(data.taglines[x])}" for x in data.taglines]
    lines.append(f"{field_label(lang, 'keywords')}: {esc(terms)}")
    return Reply(t(lang, "maint.preview.topic") + "\n\n" + "\n".join(lines), buttons)


def ask_value(lang: str, field: str, current: str, ref: str) -> Reply:
    """An edit's prompt: which field of what, and its current value to copy from."""
    shown = current if len(current) <= 3000 else current[:3000] + "…"
    return Reply(t(lang, "maint.ask.value", field=esc(field_label(lang, field)), ref=esc(ref),
                   current=esc(shown) or "—"))
