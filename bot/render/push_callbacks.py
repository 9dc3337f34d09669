"""Callback data of push buttons (digest pages) and of the /settings keyboard, within 64 bytes.

Like the reader buttons, each carries all it needs, so they work after a restart.
"""
from __future__ import annotations

from dataclasses import dataclass

from bot.render.callbacks import MAX_PAGE, SEP, number, pack


@dataclass(frozen=True)
class DigestRef:
    """Page `page` of the articles a digest covered: ids in (after_id, upto_id], for `topics`
    (topic ids; empty: the whole dossier). Ids keep the data short whatever the slugs."""

    after_id: int
    upto_id: int
    page: int
    topics: tuple[int, ...] = ()


@dataclass(frozen=True)
class SettingsRef:
    """A /settings button: `field` to `value` ("" opens the field's choices; field "" shows the overview)."""

    field: str = ""
    value: str = ""


def encode_push(ref: DigestRef | SettingsRef) -> str:
    if isinstance(ref, DigestRef):
        fields = ["dg", ref.after_id, ref.upto_id, ref.page, ".".join(str(i) for i in ref.topics) or "*"]
    else:
        fields = ["st", ref.field, ref.value]
    return pack(*fields)


def decode_push(data: str) -> DigestRef | SettingsRef | None:
    fields = data.split(SEP)
    try:
        if fields[0] == "dg" and len(fields) == 5:
            topics = () if fields[4] == "*" else tuple(number(i) for i in fields[4].split("."))
            return DigestRef(number(fields[1]), number(fields[2]), number(fields[3], low=1, high=MAX_PAGE), topics)
        if fields[0] == "st" and len(fields) == 3 and fields[1] in SETTINGS_FIELDS and (fields[1] or not fields[2]):
            return SettingsRef(fields[1], fields[2])
    except ValueError:
        return None
    return None


# The fields a /settings button may name ("topic" toggles one topic; "" is the overview); values are
# checked by the same parser as typed settings.
SETTINGS_FIELDS = ("", "digest", "day", "time", "tz", "onthisday", "topics", "topic", "lang")
DIGEST_PATTERN = r"^dg\|"
SETTINGS_PATTERN = r"^st\|"
