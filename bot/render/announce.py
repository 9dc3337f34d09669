"""What /announce shows: the announcement as subscribers see it, the confirmation, the running count."""
from __future__ import annotations

from bot.maintenance.announcements import Progress
from bot.render.callbacks import NUMBER, pack
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.reply import Button, Reply

ANNOUNCE_PATTERN = r"^mA\|"
ACTIONS = ("send", "cancel")


def announce_data(draft_id: int, action: str) -> str:
    return pack("mA", draft_id, action)


def decode_announce(data: str) -> tuple[int, str] | None:
    parts = data.split("|")
    if len(parts) != 3 or parts[0] != "mA" or not NUMBER.fullmatch(parts[1]) or parts[2] not in ACTIONS:
        return None
    return int(parts[1]), parts[2]


def announcement(lang: str, text: str) -> Reply:
    """The maintainer's words, shown as text (never as markup), under a heading in the reader's language."""
    return Reply(f"{t(lang, 'announce.heading')}\n\n{esc(text)}")


def confirm_reply(lang: str, draft_id: int, count: int, topic: str | None) -> Reply:
    key = "announce.confirm_topic" if topic else "announce.confirm"
    buttons = ((Button(t(lang, "announce.button_send", n=count), announce_data(draft_id, "send")),
                Button(t(lang, "announce.button_cancel"), announce_data(draft_id, "cancel"))),)
    return Reply(t(lang, key, n=count, topic=esc(topic or "")), buttons)


def progress_text(lang: str, progress: Progress) -> str:
    key = "announce.done" if progress.done else "announce.progress"
    return t(lang, key, sent=progress.sent, total=progress.total, blocked=progress.blocked, failed=progress.failed)
