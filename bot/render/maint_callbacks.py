"""Callback data of maintainers' buttons: forms, field edits, feeds; within Telegram's 64 bytes.

A form's buttons name their draft, so a button of a finished or replaced
form is recognised as stale; an edit button carries the version it showed.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.maintenance import events, forms, topics
from bot.render.callbacks import SEP, number, pack, slug

PATTERN = r"^m[FED]\|"


@dataclass(frozen=True)
class FormChoice:
    draft_id: int
    choice: str  # a language choice, a topic slug, or forms.DONE / CONFIRM / CANCEL


@dataclass(frozen=True)
class EditField:
    entity: str  # event | topic
    ref: str  # event id or topic slug
    version: int
    field: str


@dataclass(frozen=True)
class FeedAction:
    feed_id: int
    action: str  # pause | resume | remove


MaintRef = FormChoice | EditField | FeedAction
FORM_WORDS = (*forms.LANGUAGE_CHOICES, forms.DONE, forms.CONFIRM, forms.CANCEL)  # else a choice is a topic slug
ENTITY_CODES = {"event": "e", "topic": "t"}


def encode(ref: MaintRef) -> str:
    if isinstance(ref, FormChoice):
        fields = ["mF", ref.draft_id, ref.choice]
    elif isinstance(ref, EditField):
        fields = ["mE", ENTITY_CODES[ref.entity], ref.ref, ref.version, ref.field]
    else:
        fields = ["mD", ref.feed_id, ref.action]
    return pack(*fields)


def decode(data: str) -> MaintRef | None:
    """The reference a button carries, or None when it is malformed: every field is checked, since
    button data comes from the client (ids are numbers, names come from fixed sets, slugs look like slugs)."""
    fields = data.split(SEP)
    entities = {code: name for name, code in ENTITY_CODES.items()}
    try:
        if fields[0] == "mF" and len(fields) == 3 and (fields[2] in FORM_WORDS or slug(fields[2])):
            return FormChoice(number(fields[1]), fields[2])
        if fields[0] == "mE" and len(fields) == 5 and fields[1] in entities:
            entity = entities[fields[1]]
            ref = str(number(fields[2])) if entity == "event" else slug(fields[2])
            if fields[4] not in (events.FIELDS if entity == "event" else topics.FIELDS):
                return None
            return EditField(entity, ref, number(fields[3]), fields[4])
        if fields[0] == "mD" and len(fields) == 3 and fields[2] in ("pause", "resume", "remove"):
            return FeedAction(number(fields[1]), fields[2])
    except ValueError:
        return None
    return None
