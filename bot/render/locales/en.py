"""English catalog. Values are str.format templates; tuples are plural forms (one, other)."""

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
MONTHS_STANDALONE = MONTHS

TEXTS: dict[str, str | tuple[str, ...]] = {
    "start": (
        "Hello, {name}! I keep you briefed on <b>{dossier}</b>.\n\n"
        "• /timeline — every contact and milestone, newest first\n"
        "• /topics — topic cards: {topic_commands}\n"
        "• /onthisday, /search, /latest — anniversaries, search, fresh articles\n\n"
        "/help lists everything; /lang ru switches to Russian."
    ),
    "help": (
        "<b>What I can do</b>\n"
        "/timeline — the timeline, newest first. Narrow it: <code>/timeline 2025</code>, "
        "<code>/timeline 2025-08</code>, <code>/timeline charter</code>, <code>/timeline charter 2026</code>\n"
        "/timeline chart — a chart of events per month by topic\n"
        "/topics — all topics; /topic &lt;name&gt; opens one\n"
        "{topic_lines}\n"
        "/onthisday — what happened on this day in past years; <code>/onthisday 02-10</code> for another day\n"
        "/search &lt;words&gt; — search events and articles, e.g. <code>/search amendment 907</code>\n"
        "/latest — the newest articles\n"
        "/subscribe — digests of new articles and anniversaries, pushed to you; "
        "<code>/subscribe charter</code> for one topic; /unsubscribe stops them\n"
        "/settings — what I push, when, your time zone and language\n"
        "/lang ru|en — language\n\n"
        "Inline: type <code>@{bot_username} charter</code> in any chat to share an event."
    ),
    "cmd.start": "Start and a short tour",
    "cmd.help": "What the bot can do",
    "cmd.timeline": "Timeline, newest first",
    "cmd.topics": "All topics",
    "cmd.topic": "Open a topic by name",
    "cmd.onthisday": "On this day in past years",
    "cmd.search": "Search events and articles",
    "cmd.latest": "Newest articles",
    "cmd.lang": "Language: ru or en",
    "lang.changed": "Done: I will speak English here.",
    "lang.usage": "Choose a language: <code>/lang ru</code> or <code>/lang en</code>.",
    "timeline.title": "<b>Timeline</b>",
    "timeline.filter_topic": "topic: {topic}",
    "timeline.filter_period": "period: {period}",
    "timeline.page": "Page {page} of {pages} · {total} events",
    "timeline.empty": "No events match. Try <code>/timeline</code> without filters.",
    "timeline.usage": (
        "I could not understand “{arg}”. Examples: <code>/timeline 2025</code>, "
        "<code>/timeline 2025-08</code>, <code>/timeline charter</code>, <code>/timeline charter 2025-08</code>."
    ),
    "button.newer": "« Newer",
    "button.older": "Older »",
    "button.all_topics": "All topics",
    "button.timeline": "Timeline",
    "button.latest": "Latest articles",
    "sources": "Sources",
    "key_dates": "Key dates",
    "topics.title": "<b>Topics</b>",
    "topics.line": "/{slug} — {name}: {tagline}",
    "topic.unknown": "There is no topic “{slug}”. Topics: {topics}.",
    "topic.usage": "Name a topic, e.g. <code>/topic {example}</code>. Topics: {topics}.",
    "onthisday.title": "<b>On this day, {date}</b>",
    "onthisday.none": "Nothing in the dossier happened on {date} in past years. The nearest anniversaries ahead:",
    "onthisday.empty": "The dossier has no anniversaries to show yet.",
    "onthisday.more": "…and {n} more: see /timeline.",
    "onthisday.on": "<b>{date}</b>",
    "onthisday.usage": (
        "“{arg}” is not a calendar date. Examples: <code>/onthisday</code> (today), "
        "<code>/onthisday 02-10</code>, <code>/onthisday 2026-02-10</code>."
    ),
    "years_ago": ("{n} year ago", "{n} years ago"),
    "in_years": ("{n} year", "{n} years"),
    "search.usage": "What should I look for? Example: <code>/search amendment 907</code>.",
    "search.too_long": "That is too long to search ({length} characters). Use a few words, e.g. <code>/search charter</code>.",
    "search.stopwords": "“{query}” has only very common words. Try something more specific, e.g. <code>/search charter</code>.",
    "search.none": "Nothing found for “{query}”. Try other words or fewer of them.",
    "search.title": "<b>Search: {query}</b>",
    "search.events": "<b>Timeline</b>",
    "search.articles": "<b>Articles</b>",
    "latest.title": "<b>Latest articles</b>",
    "latest.title_topic": "<b>Latest articles: {topic}</b>",
    "latest.empty": "No articles have been collected yet.",
    "latest.page": "Page {page} of {pages}",
    "chart.caption": "Events per month by topic, {start} – {end}. Milestones: {milestones}.",
    "chart.empty": "There are no dated events to chart yet.",
    "unknown_command": "I do not know {command}. /help lists what I can do.",
    "not_a_command": "I answer commands; /help lists them. To search, send <code>/search {example}</code>.",
    "error": "Sorry, something went wrong on my side. Please try again in a moment.",
    "stale_button": "This button is out of date; send the command again.",
    "inline.no_results": "Nothing found",
    "inline.hint": "Type words to search the timeline",
    "topic.general": "General",
    # --- channel and group admins: linking and access (issue 6) ---
    "cmd.channels": "Your linked channels and groups",
    "cmd.link": "Link a channel or group",
    "kind.channel": "channel",
    "kind.group": "group",
    "kind.supergroup": "group",
    "schedules_n": ("{n} schedule", "{n} schedules"),
    "channels.title": "<b>Your channels and groups</b>",
    "channels.line": "{number}. <b>{title}</b> ({kind}{username})",
    "channels.cannot_post_mark": "⚠️ I cannot post there now",
    "channels.footer": "Tap one for details. In commands, name a chat by its number, e.g. <code>/schedule {number} digest daily 09:00</code>.",
    "channels.empty": (
        "You have no linked channels or groups yet. To link one:\n"
        "• add me to it as an administrator (in a channel, with the right to post messages), or\n"
        "• send <code>/link @channelname</code> or <code>/link -1001234567890</code>, or\n"
        "• forward me any post from the channel."
    ),
    "channels.private_only": "I list your channels and groups only in a private chat: write /channels to @{bot_username}.",
    "channels.card": (
        "<b>{title}</b>\n{kind}{username} · id <code>{chat_id}</code>\n"
        "You are its administrator and I may post there (checked with Telegram just now).\n"
        "{schedules}, {paused} paused."
    ),
    "channels.next_steps": (
        "Next: <code>/schedule {number} digest daily 09:00</code> for a daily digest there; "
        "/schedules {number} to manage them, /preview {number} to see the next digest."
    ),
    "button.all_chats": "« All chats",
    "button.open_chat": "Open",
    "link.usage": (
        "Name the channel or group: <code>/link @channelname</code> or <code>/link -1001234567890</code>, "
        "or forward me any post from the channel. Add me to it first, as an administrator who may post messages."
    ),
    "link.done": "Linked: <b>{title}</b> ({kind}{username}). You manage my posts there.",
    "link.done_group": "Linked: this group. Its administrators manage my posts here from a private chat with me: /channels.",
    "link.group_not_admin": "Only this group's administrators can do that.",
    "link.anonymous": (
        "You are writing anonymously as the group, so I cannot check that you are an administrator. "
        "Send me <code>/link</code> with this group's id in a private chat instead."
    ),
    "link.forward_hint": "To link a channel, forward me a post from the channel itself; this message was forwarded from a person.",
    "access.no_chat": (
        "I cannot find that chat. Check the @username or the id (e.g. <code>/link @channelname</code>) "
        "or use a number from /channels. If the chat is private, add me to it first."
    ),
    "access.bot_not_in_chat": (
        "I am not in that chat. Add me first: to a channel as an administrator with the right to post "
        "messages, to a group as a member. Then try again."
    ),
    "access.bot_cannot_post": (
        "I am in that chat but may not post there. In a channel, make me an administrator with the "
        "“Post messages” right; in a group, allow me to send messages. Then try again."
    ),
    "access.not_admin": "You are not an administrator of that chat, so you cannot manage my posts there.",
    "access.bad_ref": (
        "That does not name a chat. Examples: <code>@channelname</code>, <code>-1001234567890</code> "
        "or a number from /channels."
    ),
    "access.unavailable": "Telegram did not answer just now, so I could not check. Please try again in a minute.",
    "notice.added": "I was added to <b>{title}</b> ({kind}{username}), and you are linked as its administrator.",
    "notice.can_post": "I may now post in <b>{title}</b> ({kind}{username}), and you are linked as its administrator.",
    "notice.still_paused": "Still paused there from before: {schedules}; resume them with /schedules.",
    "notice.removed": "I was removed from <b>{title}</b> ({kind}{username}).",
    "notice.demoted": "I may no longer post in <b>{title}</b> ({kind}{username}).",
    "notice.paused": "I paused {schedules} there; once I may post again, resume them with /schedules.",
    # --- end of channel and group admins ---
}

# Subscriptions, /settings and pushes live in their own catalog module.
from bot.render.locales.en_pushes import TEXTS as _PUSH_TEXTS, WEEKDAYS, WEEKDAYS_SHORT  # noqa: E402,F401

TEXTS.update(_PUSH_TEXTS)
