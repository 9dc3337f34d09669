"""English catalog: schedules resumed when rights return, supergroup clashes, ingest refusals (merged into en.TEXTS)."""

TEXTS: dict[str, str | tuple[str, ...]] = {
    "notice.resumed": (
        "I may post in <b>{title}</b> ({kind}{username}) again, so I resumed {schedules} that I had paused "
        "when I could not; the next pushes come at their usual times."
    ),
    "notice.resumed_here": "I resumed {schedules} paused while I could not post there.",
    "notice.paused_by_rights": "I paused {schedules} there; they resume by themselves once I may post again.",
    "notice.migrated_clash": (
        "<b>{title}</b> became a supergroup that already had a “{push}” schedule{topic}. I kept the one changed "
        "last ({kept}) and removed the other ({dropped}). Check it with /schedules."
    ),
    "notice.migrated_topic": " in forum topic {thread}",
    # Why an input was turned away (codes of bot.ingest.refusals); plain text, no HTML.
    "ingest.reason.other": "{detail}",
    # Generic on purpose: a host, port or error text would make the bot a probe of networks it reaches.
    "ingest.reason.fetch_failed": "the address could not be fetched",
    "ingest.reason.fetch_blocked": "this address is not allowed (I fetch only public websites)",
    "ingest.reason.text_too_long": "text too long ({length} characters; the limit is {limit})",
    "ingest.reason.db_refused": "not stored, the database refused it: {detail}",
    "ingest.reason.unprocessable": "could not be processed ({detail})",
    "ingest.reason.unreadable": "unreadable ({detail})",
    "ingest.reason.feed_invalid": "{detail}",
    "ingest.reason.feed_no_entry": "the feed holds no usable entry",
    "ingest.reason.feed_without_entries": "feed without entries",
    "ingest.reason.feed_entry_empty": "feed entry without title or text",
    "ingest.reason.feed_entry_title_only": "feed entry '{title}' has no text (only a title)",
    "ingest.reason.file_too_large": "file too large ({size}; the limit is {limit})",
    "ingest.reason.file_too_large_over": "file too large (over {limit})",
    "ingest.reason.file_not_regular": "not a regular file",
    "ingest.reason.file_cannot_read": "cannot read the file ({detail})",
    "ingest.reason.file_empty": "empty file",
    "ingest.reason.html_binary": "binary data, not an HTML page (contains NUL bytes)",
    "ingest.reason.html_empty": "empty HTML page",
    "ingest.reason.html_unreadable": "unreadable HTML page ({detail})",
    "ingest.reason.html_no_text": "no article text found in the HTML page",
    "ingest.reason.html_too_large": "page too large to read ({size} of markup without scripts; the limit is {limit})",
    "ingest.reason.no_text_furniture": "no article text: everything looked like page furniture",
    "ingest.reason.too_short": "article text too short after cleaning ({length} characters, need {need})",
    "ingest.reason.text_binary_nul": "binary data, not text (contains NUL bytes)",
    "ingest.reason.text_not_utf8": "not UTF-8 text (undecodable byte at offset {offset})",
    "ingest.reason.text_empty": "empty input: no text at all",
    "ingest.reason.text_binary_controls": "binary data, not text ({count} control characters)",
    "ingest.reason.date_malformed": "malformed date '{value}' in the date line (expected YYYY-MM-DD)",
    "ingest.reason.date_impossible": "impossible date '{value}' in the date line ({detail})",
    "ingest.reason.date_line_without_date": "date line without a date",
    "ingest.reason.no_text_after_date": "no text after the date line",
}
