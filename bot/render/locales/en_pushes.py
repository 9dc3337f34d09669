"""English catalog: subscriptions, /settings and the pushes (merged into en.TEXTS)."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

TEXTS: dict[str, str | tuple[str, ...]] = {
    "cmd.subscribe": "Subscribe to digests and anniversaries",
    "cmd.unsubscribe": "Stop pushes (all or some topics)",
    "cmd.settings": "What I push, when, time zone, language",
    "settings.title": "<b>Your pushes</b>",
    "settings.topics": "Topics: {value}",
    "settings.digest": "Digest of new articles: {value}",
    "settings.onthisday": "On this day: {value}",
    "settings.tz": "Time zone: {value}",
    "settings.lang": "Language: {value}",
    "settings.off": "off",
    "settings.daily_at": "daily at {time}",
    "settings.weekly_at": "weekly on {day} at {time}",
    "settings.not_subscribed": "not subscribed",
    "settings.all_topics": "the whole dossier",
    "settings.next": "Next push: {what}, {when} ({tz}).",
    "settings.next_none_unsubscribed": "You are not subscribed, so nothing is pushed. Send /subscribe to start.",
    "settings.next_none_off": "Both pushes are off, so nothing is pushed.",
    "settings.kind_digest": "the digest",
    "settings.kind_onthisday": "on this day",
    "settings.hint": (
        "Change with the buttons or in one line: <code>/settings digest weekly</code>, "
        "<code>/settings day mon</code>, <code>/settings time 08:30</code>, "
        "<code>/settings tz Europe/Berlin</code>, <code>/settings onthisday off</code>, "
        "<code>/settings topics charter,tripp</code>, <code>/settings lang ru</code>."
    ),
    "settings.button_digest": "Digest",
    "settings.button_day": "Day",
    "settings.button_time": "Time",
    "settings.button_tz": "Time zone",
    "settings.button_topics": "Topics",
    "settings.button_onthisday_off": "On this day: turn off",
    "settings.button_onthisday_on": "On this day: turn on",
    "settings.button_back": "« Back",
    "settings.button_all_topics": "The whole dossier",
    "settings.freq_daily": "Daily",
    "settings.freq_weekly": "Weekly",
    "settings.freq_off": "Off",
    "settings.choose_digest": "How often should the digest of new articles come?",
    "settings.choose_day": "On which day should the weekly digest come?",
    "settings.choose_time": (
        "At what time should pushes come? For another time send e.g. <code>/settings time 08:30</code>; "
        "<code>/settings time digest 08:30</code> sets one push only."
    ),
    "settings.choose_tz": "Your time zone? Any other: send e.g. <code>/settings tz America/Chicago</code>.",
    "settings.choose_topics": "Tap a topic to add or remove it.",
    "settings.changed_digest": "✅ Digest: {value}.",
    "settings.changed_time": "✅ Digest: {digest}; on this day: {onthisday}.",
    "settings.changed_onthisday": "✅ On this day: {value}.",
    "settings.changed_tz": "✅ Time zone: {value}.",
    "settings.changed_lang": "✅ Language: {value}.",
    "settings.changed_topics": "✅ Topics: {value}.",
    "settings.private_only": (
        "Subscriptions and their settings live in a private chat with me. "
        "In groups and channels, admins schedule pushes with /schedule."
    ),
    "settings.bad_field": (
        "“{arg}” is not a setting. Settings: digest, day, time, tz, onthisday, topics, lang; "
        "for example <code>/settings time 08:30</code>."
    ),
    "settings.bad_time": "“{arg}” is not a time of day. Use HH:MM, for example <code>/settings time 08:30</code>.",
    "settings.bad_topics": (
        "“{arg}” is not a topic. /topics lists them; for example <code>/subscribe charter</code> "
        "or <code>/settings topics charter,tripp</code> (or <code>all</code>)."
    ),
    "settings.bad_tz": "“{arg}” is not a time zone I know. Use an IANA name, e.g. <code>/settings tz Europe/Berlin</code>.",
    "settings.tz_suggestions": "Did you mean: {names}?",
    "settings.usage_digest": "Choose daily, weekly or off: <code>/settings digest weekly</code>.",
    "settings.usage_day": "Choose a day, mon to sun: <code>/settings day mon</code>.",
    "settings.usage_time": "Give one time: <code>/settings time 08:30</code>.",
    "settings.usage_tz": "Give one time zone: <code>/settings tz Europe/Berlin</code>.",
    "settings.usage_onthisday": "Choose on or off: <code>/settings onthisday off</code>.",
    "settings.usage_topics": "Give topics or all: <code>/settings topics charter,tripp</code>.",
    "settings.usage_lang": "Choose ru or en: <code>/settings lang en</code>.",
    "digest.title": "<b>Digest, {date}</b>",
    "digest.articles": ("{n} new article", "{n} new articles"),
    "digest.more": ("…and {n} more article.", "…and {n} more articles."),
    "digest.button_more": "Show more",
    "digest.general": "The dossier in general",
    "digest.new_events": "<b>New in the dossier</b>",
    "digest.more_events": ("…and {n} more event", "…and {n} more events"),
    "digest.timeline_hint": "See them in /timeline.",
    "digest.page_title": "<b>Digest, continued</b> (page {page} of {pages})",
    "digest.page_empty": "These articles are no longer available.",
    "digest.start_bot_first": "Open a chat with @{bot} first, then tap again: I will send the rest there.",
    "digest.sent_privately": "Sent to you in a private chat.",
    "onthisday.push_title": "<b>On this day, {date}</b>",
    "cmd.schedule": "Schedule pushes into your channel or group",
    "cmd.schedules": "Your chats' schedules: pause, time, delete",
    "cmd.preview": "Preview a chat's next digest",
    "schedule.usage": (
        "Tell me what to schedule, e.g. <code>/schedule 1 digest daily 09:00</code> or "
        "<code>/schedule @channel onthisday weekly mon 08:00 Europe/Berlin charter,tripp en</code> "
        "(the chat as @username, id or its number in /channels; inside a group just "
        "<code>/schedule digest daily 09:00</code>)."
    ),
    "schedule.bad_word": (
        "I did not understand “{arg}”. Example: <code>/schedule 1 digest weekly mon 09:00 Europe/Berlin "
        "charter,tripp en</code>: kind, daily or weekly, day, time, time zone, topics (or all), language."
    ),
    "schedule.twice": "“{arg}” repeats something already given. Example: <code>/schedule 1 digest daily 09:00</code>.",
    "schedule.day_needs_weekly": "A day goes with weekly, e.g. <code>/schedule 1 digest weekly fri 09:00</code>.",
    "schedule.no_topics": "Forum topics exist only in supergroups with topics; leave thread out for this chat.",
    "schedule.kind_digest": "Digest",
    "schedule.kind_onthisday": "On this day",
    "schedule.line": "<b>{kind}</b> · {timing} ({tz}) · {topics} · {language}",
    "schedule.thread": " · forum topic {thread}",
    "schedule.paused": "⏸ paused",
    "schedule.next": "next: {when}",
    "schedule.created": "✅ Scheduled for <b>{title}</b> ({kind}{username}):",
    "schedule.updated": "✅ Updated the schedule for <b>{title}</b> ({kind}{username}):",
    "schedule.button_all": "All schedules of this chat",
    "schedule.list_title": "<b>Schedules of {title}</b> ({kind}{username})",
    "schedule.none": "No schedules yet. Add one: <code>/schedule {chat_id} digest daily 09:00</code>.",
    "schedule.button_pause": "Pause",
    "schedule.button_resume": "Resume",
    "schedule.button_time": "Time",
    "schedule.button_delete": "Delete",
    "schedule.button_preview": "Preview",
    "schedule.button_confirm_delete": "Yes, delete",
    "schedule.choose_time": "New time for this schedule? Any other: <code>/schedule</code> it again with the time.",
    "schedule.confirm_delete": "Delete this schedule?",
    "schedule.gone": "This schedule no longer exists.",
    "schedule.paused_done": "⏸ Paused.",
    "schedule.resumed_done": "▶️ Resumed; the next push comes at its usual time.",
    "schedule.time_done": "✅ The time is now {time}.",
    "schedule.deleted": "🗑 Deleted.",
    "preview.usage": "Which chat? For example <code>/preview 1</code> (its number in /channels) or <code>/preview @channel</code>.",
    "preview.head_digest": "👁 Preview: the next digest for <b>{title}</b>, exactly as it would appear there.",
    "preview.head_onthisday": "👁 Preview: the next “on this day” post for <b>{title}</b>, exactly as it would appear there.",
    "preview.nothing_digest": "Nothing new since its last digest, so right now no digest would be posted.",
    "preview.nothing_onthisday": "The dossier has no anniversaries that day, so nothing would be posted.",
    "cmd.announce": "Announce to all subscribers",
    "announce.usage": (
        "Write the announcement after the command, e.g. <code>/announce The dossier now covers the 2026 "
        "talks.</code>; <code>/announce #charter …</code> sends it to one topic's subscribers only. "
        "Or reply <code>/announce</code> to a message with the text."
    ),
    "announce.bad_topic": "There is no topic “{topic}”. Topics: {topics}. Example: <code>/announce #charter …</code>",
    "announce.too_long": "That is {n} characters; an announcement may have at most {max}.",
    "announce.heading": "📣 <b>Announcement</b>",
    "announce.confirm": "Above is the announcement as subscribers will see it. It goes to {n} active subscribers. Send it?",
    "announce.confirm_topic": (
        "Above is the announcement as subscribers will see it. It goes to the {n} active subscribers of "
        "“{topic}”. Send it?"
    ),
    "announce.button_send": "Send to {n}",
    "announce.button_cancel": "Cancel",
    "announce.cancelled": "Cancelled: nothing was sent.",
    "announce.queued": "Sending to {n} subscribers…",
    "announce.progress": "Sending: {sent} of {total} delivered so far (blocked: {blocked}, failed: {failed}).",
    "announce.done": "Done: {sent} of {total} delivered; {blocked} blocked the bot; {failed} failed.",
}
