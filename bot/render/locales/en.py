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
        "/onthisday — what happened on today's date in past years (if nothing, the nearest anniversaries ahead)\n"
        "<code>/onthisday 02-10</code> — that calendar day in every year up to today, this year's too once it has passed\n"
        "<code>/onthisday 2026-02-10</code> — that date's own events first, then the same day in earlier years\n"
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
    "search.left_out": ("<i>{n} more result does not fit in one message; add words to narrow the search.</i>",
                        "<i>{n} more results do not fit in one message; add words to narrow the search.</i>"),
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
    # --- end of channel and group admins ---

    # --- maintainers (issue 7): commands, forms, edits, audit, stats, feeds, articles ---
    "cmd.addevent": "Add a timeline entry",
    "cmd.editevent": "Edit an entry: /editevent id",
    "cmd.delevent": "Hide an entry: /delevent id",
    "cmd.undo": "Undo my last change",
    "cmd.editcard": "Edit a topic card: /editcard topic",
    "cmd.addtopic": "Add a topic with its keywords",
    "cmd.addarticle": "Ingest an article by URL or text",
    "cmd.feeds": "Feeds: status, pause, resume, add",
    "cmd.stats": "The bot's statistics and health",
    "cmd.audit": "Latest changes: /audit n",
    "cmd.cancel": "Leave the form in progress",
    "cmd.maintainers": "Maintainers: list, add, remove",
    "maint.denied": "This command is for maintainers.",
    "maint.owners_only": "Only the bot's owners grant and revoke maintainers.",
    "maint.private_only": (
        "Forms work in a private chat with me. Here, use the one-line form, e.g. "
        "<code>/addevent 2026-03-01 | Title | Summary | charter | https://example.org/news</code>."
    ),
    "maint.access.usage": (
        "Examples: <code>/maintainers</code> (the list), <code>/maintainers add 123456789</code>, "
        "<code>/maintainers remove 123456789</code>, or <code>/maintainers add</code> in reply to a message "
        "of that user (a forwarded one works too)."
    ),
    "maint.access.hidden": (
        "{name} hides their account in forwards, so I cannot see their id. "
        "Ask them for it and send <code>/maintainers add ID</code>."
    ),
    "maint.access.already_owner": "{id} is an owner already.",
    "maint.access.already_maintainer": "{id} is a maintainer already.",
    "maint.access.owner_not_revocable": "{id} is an owner (BOT_OWNERS); owners are set in the configuration.",
    "maint.access.not_maintainer": "{id} is not a maintainer.",
    "maint.access.granted": (
        "Done: {who} is a maintainer now; the maintainer commands appear in their menu "
        "(once they have opened a chat with me)."
    ),
    "maint.access.revoked": "Done: {who} is no longer a maintainer.",
    "maint.list.title": "<b>Maintainers</b>",
    "maint.list.owners": "Owners: {ids}",
    "maint.list.line": "• {who}, added by {by} on {at}",
    "maint.list.none": "No maintainers yet.",
    "maint.list.usage": "Add: <code>/maintainers add USER_ID</code>; remove: <code>/maintainers remove USER_ID</code>.",
    "maint.form.start_addevent": "<b>New timeline entry.</b> /cancel leaves at any step.",
    "maint.form.start_addtopic": "<b>New topic.</b> /cancel leaves at any step.",
    "maint.form.timed_out": (
        "Your form timed out after 30 minutes without an answer; nothing was saved. "
        "Start again with /addevent or /addtopic."
    ),
    "maint.form.cancelled": "Cancelled; nothing was saved.",
    "maint.form.nothing_to_cancel": "There is no form in progress to cancel.",
    "maint.ask.date": "Send the date: <code>2026-03-01</code>, <code>2026-03</code> (a month) or <code>2026</code> (a year).",
    "maint.ask.languages": "Which languages will you write in? A single language is marked for translation.",
    "maint.languages.both": "Russian and English",
    "maint.languages.ru": "Russian only",
    "maint.languages.en": "English only",
    "maint.ask.title": "Send the title {language} (up to 200 characters).",
    "maint.ask.summary": "Send the summary {language} (up to 2,000 characters).",
    "maint.ask.topics": "Choose the topics (none is fine), then press Done. Or type them: <code>charter, tripp</code>.",
    "maint.ask.edit_topics": "Topics of entry #{id}: press to choose, then Done to save.",
    "maint.ask.sources": (
        "Send the sources, one per line: <code>URL | outlet | title</code> "
        "(outlet and title are optional), e.g. <code>https://apa.az/news/1 | APA | Vance in Baku</code>."
    ),
    "maint.ask.more_sources": "Sources so far:\n{sources}\n\nSend more, or press Done.",
    "maint.ask.slug": (
        "Send the topic's short name, which becomes its command: lowercase Latin letters and digits, "
        "2–32 characters, e.g. <code>energy</code>."
    ),
    "maint.ask.name": "Send the topic's name {language}.",
    "maint.ask.tagline": "Send the topic's one-line description {language}.",
    "maint.ask.keywords": (
        "Send the keywords that tag articles with this topic, separated by commas, in any language, "
        "e.g. <code>energy, gas, газ, нефть</code>."
    ),
    "maint.ask.value": "<b>{field}</b> of {ref}: send the new value. Now:\n<code>{current}</code>\n\n/cancel leaves it as it is.",
    "maint.in.ru": "In Russian",
    "maint.in.en": "In English",
    "maint.in_lang.ru": "in Russian",
    "maint.in_lang.en": "in English",
    "maint.untranslated": "(awaiting translation: a copy of the other language)",
    "maint.button.done": "Done",
    "maint.button.confirm": "Confirm",
    "maint.button.cancel": "Cancel",
    "maint.button.pause": "Pause #{id}",
    "maint.button.resume": "Resume #{id}",
    "maint.button.remove": "Remove #{id}",
    "maint.preview.event": "<b>Preview</b>: readers will see the entry like this. Confirm to publish it.",
    "maint.preview.topic": "<b>Preview</b> of the new topic. Confirm to create it.",
    "maint.field.date": "Date",
    "maint.field.title_ru": "Title (ru)",
    "maint.field.title_en": "Title (en)",
    "maint.field.summary_ru": "Summary (ru)",
    "maint.field.summary_en": "Summary (en)",
    "maint.field.topics": "Topics",
    "maint.field.sources": "Sources",
    "maint.field.name_ru": "Name (ru)",
    "maint.field.name_en": "Name (en)",
    "maint.field.tagline_ru": "Tagline (ru)",
    "maint.field.tagline_en": "Tagline (en)",
    "maint.field.card_ru": "Card (ru)",
    "maint.field.card_en": "Card (en)",
    "maint.field.keywords": "Keywords",
    "maint.what.title": "The title",
    "maint.what.summary": "The summary",
    "maint.what.name": "The name",
    "maint.what.tagline": "The description",
    "maint.what.card": "The card",
    "maint.what.keywords": "The keyword list",
    "maint.what.outlet": "The outlet",
    "maint.what.source_title": "The source's title",
    "maint.invalid.date_format": (
        "“{value}” is not a date. Send <code>2026-03-01</code>, <code>2026-03</code> or <code>2026</code>."
    ),
    "maint.invalid.date_range": "“{value}” is out of range: years {low}–{high}. Example: <code>2026-03-01</code>.",
    "maint.invalid.date_impossible": "“{value}” does not exist in the calendar. Example: <code>2026-02-28</code>.",
    "maint.invalid.empty": "{field} must not be empty. Send some text.",
    "maint.invalid.too_long": "{field} is too long: {length} characters, at most {limit}. Please shorten it.",
    "maint.invalid.unknown_topics": "Unknown topics: {topics}. Topics: {known}.",
    "maint.invalid.url": (
        "“{value}” is not a web address. Send a full one, e.g. <code>https://apa.az/news/1</code>."
    ),
    "maint.invalid.source_format": "“{value}”: a source is <code>URL | outlet | title</code>.",
    "maint.invalid.no_sources": "An entry needs at least one source: send <code>URL | outlet | title</code>.",
    "maint.invalid.too_many_sources": "At most {limit} sources per entry.",
    "maint.invalid.slug": (
        "“{value}” cannot be a topic's command: use 2–32 lowercase Latin letters and digits, "
        "starting with a letter, e.g. <code>energy</code>."
    ),
    "maint.invalid.slug_taken": "/{value} is taken already (a topic or a command). Choose another name.",
    "maint.invalid.too_many_keywords": "At most {limit} keywords, please.",
    "maint.invalid.keyword": "“{value}” has no searchable word (only very common words). Use a more specific one.",
    "maint.invalid.languages": "Press one of the buttons, or send <code>both</code>, <code>ru</code> or <code>en</code>.",
    "maint.invalid.use_buttons": "Please use the buttons above, or /cancel.",
    "maint.invalid.event_line": (
        "One-line form: <code>/addevent 2026-03-01 | Title | Summary | charter,tripp | https://example.org/news</code>. "
        "Topics may be <code>-</code>; /addevent alone opens the guided form."
    ),
    "maint.invalid.topic_line": (
        "One-line form: <code>/addtopic energy | Энергетика | Energy | energy, gas, газ</code>; "
        "/addtopic alone opens the guided form."
    ),
    "maint.event.state": "<b>Entry #{id}</b> · version {version} · {origin} · <code>{slug}</code>",
    "maint.origin.seed": "from the dossier files",
    "maint.origin.maintainer": "kept by maintainers (never overwritten by seeding)",
    "maint.event.hidden": "<b>Hidden</b> from readers (/undo brings it back if you hid it last).",
    "maint.event.added": "Added entry #{id}. /editevent {id} changes it, /undo takes it back.",
    "maint.event.not_found": "There is no entry #{ref}. The ids are in /audit and in /editevent answers.",
    "maint.event.already_hidden": "Entry #{id} is hidden already.",
    "maint.event.hidden_done": "Entry #{id} is hidden from readers, search and digests. /undo brings it back.",
    "maint.topic.state": "<b>Topic /{slug}</b> · version {version}",
    "maint.topic.hidden": "<b>Hidden</b> from readers.",
    "maint.topic.not_found": "There is no topic “{ref}”. Example: <code>/editcard charter</code>.",
    "maint.topic.added": "Added the topic /{slug}; it is in the menus now. Write its card with <code>/editcard {slug}</code>.",
    "maint.editevent.usage": (
        "Examples: <code>/editevent 12</code> (the entry with a button per field), "
        "<code>/editevent 12 title_en New title</code>."
    ),
    "maint.fields": "There is no field “{field}”. Fields: {fields}.",
    "maint.delevent.usage": "Example: <code>/delevent 12</code> hides entry #12 (/undo brings it back).",
    "maint.editcard.usage": "Example: <code>/editcard charter</code>. Topics: {topics}.",
    "maint.conflict": (
        "<b>Not saved</b>: someone changed this since you opened it (you saw version {seen}, "
        "it is at version {current} now). Here it is as it stands; try again from here."
    ),
    "maint.saved": "Saved: {field}.",
    "maint.undo.nothing": "You have no change left to undo.",
    "maint.undo.gone": "Your last change cannot be undone: what it changed is gone.",
    "maint.undo.changed": (
        "Your last change cannot be undone: someone changed the same entry since (now version {version}). "
        "Look at it with /editevent or /editcard."
    ),
    "maint.undo.exists": "Your last change cannot be undone: it would recreate something that exists again.",
    "maint.undo.done": "Undone: {action} of {entity} {ref} (audit #{id}). /undo again steps further back.",
    "maint.audit.empty": "No changes recorded yet.",
    "maint.audit.title": "<b>Latest {n} changes</b>",
    "maint.audit.cli": "the command line",
    "maint.audit.line": "#{id} · {at} · {who}\n<b>{action}</b> {entity} {ref}",
    "maint.audit.usage": "Example: <code>/audit</code> or <code>/audit 20</code> (at most {max}).",
    "maint.stats": (
        "<b>Statistics</b>\n"
        "Chats by type: {by_type}\n"
        "By language: {by_language}\n"
        "Inactive (blocked, removed): {inactive}\n"
        "Active subscribers: {subscribers}\n"
        "Subscriptions by topic: {subscriptions}\n"
        "Deliveries in the last 24 hours: {deliveries}\n"
        "Outbox depth: {outbox}\n"
        "Feeds: {feeds} ({active} active, {paused} paused, {failing} failing), {items} items, "
        "last success {last_success}\n"
        "Timeline entries: {events}; articles: {articles}\n"
        "Database size: {size}"
    ),
    "maint.delivery.pending": "pending",
    "maint.delivery.sending": "sending",
    "maint.delivery.sent": "sent",
    "maint.delivery.failed": "failed",
    "maint.delivery.uncertain": "uncertain",
    "maint.delivery.skipped": "skipped",
    "maint.stats.whole": "whole dossier",
    "maint.feeds.empty": "No feeds yet. Add one: <code>/feeds add https://example.org/rss</code>.",
    "maint.feeds.title": "<b>Feeds</b>",
    "maint.feeds.line": "#{id} · {status} · {url}\n{title}\nitems: {items}; last success: {success}",
    "maint.feeds.status.active": "active",
    "maint.feeds.status.paused": "paused",
    "maint.feeds.error": "last error ({failures} in a row): {error}",
    "maint.feeds.usage": "Examples: <code>/feeds</code> (the list), <code>/feeds add https://example.org/rss</code>.",
    "maint.feeds.exists": "{url} is on the list already: see /feeds.",
    "maint.feeds.check_failed": "I could not use {url} as a feed: {reason}. Nothing was saved.",
    "maint.feeds.added": "Added {url} ({title}, {entries} entries now). It is polled every 15 minutes, first within a minute.",
    "maint.feeds.done.pause": "Feed #{id} paused.",
    "maint.feeds.done.resume": "Feed #{id} resumed.",
    "maint.feeds.done.remove": "Feed #{id} removed; its articles stay.",
    "maint.article.usage": (
        "Examples: <code>/addarticle https://apa.az/news/1</code>, or reply <code>/addarticle</code> "
        "to a forwarded post or pasted text."
    ),
    "maint.article.no_text": "That message has no text to ingest. Reply to a forwarded post or pasted text.",
    "maint.article.rejected": "Not stored: {reason}.",
    "maint.article.new": "Stored as a new article (#{id}).",
    "maint.article.updated": "The stored article #{id} was updated with this version.",
    "maint.article.duplicate": "A duplicate of #{id} “{original}”; not stored again.",
    "maint.article.result": "{status}\n<b>{title}</b>\nDate: {date}\nTopics: {topics}\n{relevant}",
    "maint.article.date_guessed": "(no date found: today's)",
    "maint.article.relevant": "Relevant to the dossier: it can reach digests.",
    "maint.article.irrelevant": "Not about the dossier: searchable, but never pushed.",
}

# Subscriptions, /settings and pushes live in their own catalog module.
from bot.render.locales.en_pushes import TEXTS as _PUSH_TEXTS, WEEKDAYS, WEEKDAYS_SHORT  # noqa: E402,F401

TEXTS.update(_PUSH_TEXTS)

# The catalogs of later areas, one module each (bot/render/locales/en_<area>.py), listed in AREAS.
from bot.render.locales import AREAS  # noqa: E402
from importlib import import_module  # noqa: E402

for _area in AREAS:
    TEXTS.update(import_module(f"bot.render.locales.en_{_area}").TEXTS)
