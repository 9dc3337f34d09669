"""The one-line forms for power users: /addevent and /addtopic with `|` between the fields."""
from __future__ import annotations

import re

from bot.ingest.language import detect_language
from bot.maintenance import validation
from bot.maintenance.events import EventInput
from bot.maintenance.topics import TopicInput
from bot.maintenance.validation import Invalid
from storage.seed_schema import LANGS


def parse_event(text: str, *, known_topics: list[str]) -> EventInput:
    """`date | title | summary | topics | source URL(s)` in one language, the other left for translation.

    The last field is one or more URLs, or a single `URL | outlet | title`.
    """
    parts = [p.strip() for p in text.split("|")]
    if len(parts) < 5 or len(parts) > 7:
        raise Invalid("event_line")
    date = validation.parse_date(parts[0])
    title, summary = validation.title(parts[1]), validation.summary(parts[2])
    topics = validation.topic_list(parts[3], known_topics)
    if len(parts) > 5:
        sources = [validation.source(" | ".join(parts[4:]))]
    else:
        sources = validation.sources("\n".join(w for w in re.split(r"[\s,]+", parts[4]) if w))
    lang = "ru" if detect_language(f"{title}\n{summary}", default="en") == "ru" else "en"
    return EventInput(date, {lang: title}, {lang: summary}, tuple(topics), tuple(sources))


def parse_topic(text: str, *, taken: set[str]) -> TopicInput:
    """`slug | name ru | name en | keywords, comma-separated`; the taglines repeat the names."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) != 4:
        raise Invalid("topic_line")
    slug = validation.topic_slug(parts[0], taken=taken)
    names = {lang: validation.one_line_text(part, field="name", limit=validation.NAME_MAX)
             for lang, part in zip(LANGS, parts[1:3])}
    return TopicInput(slug, names, dict(names), validation.keywords(parts[3]))
