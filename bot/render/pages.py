"""Whole replies for the reader commands: timeline pages, topic cards, anniversaries, search, articles."""
from __future__ import annotations

from bot.briefing.articles import ArticlePage
from bot.briefing.onthisday import ANNIVERSARIES, DATE, Anniversary, OnThisDay
from bot.briefing.search import SearchResults
from bot.briefing.timeline import TimelinePage
from bot.briefing.topics import TopicCard
from bot.briefing.views import TopicView
from bot.render.callbacks import LatestRef, TimelineRef, TopicRef, encode
from bot.render.entries import article_html, esc, event_html, source_html
from bot.render.html import MAX_MESSAGE, visible_length
from bot.render.i18n import format_date, format_day_month, plural, t
from bot.render.reply import Button, Reply

TOPIC_BUTTONS_PER_ROW = 3


def timeline_reply(lang: str, page: TimelinePage, topics: list[TopicView]) -> Reply:
    f = page.filter
    names = {tv.slug: tv.name for tv in topics}
    header = [t(lang, "timeline.title")]
    if f.topic:
        header.append(t(lang, "timeline.filter_topic", topic=esc(names.get(f.topic, f.topic))))
    if f.year:
        period = f"{f.year}-{f.month:02d}" if f.month else str(f.year)
        header.append(t(lang, "timeline.filter_period", period=period))
    header.append(t(lang, "timeline.page", page=page.page + 1, pages=page.pages, total=page.total))
    body = [event_html(lang, e) for e in page.entries] or [t(lang, "timeline.empty")]
    ref = TimelineRef(page.page, f.year, f.month, f.topic)
    nav = []
    if page.page > 0:
        nav.append(Button(t(lang, "button.newer"), encode(_with_page(ref, page.page - 1))))
    if page.page < page.pages - 1:
        nav.append(Button(t(lang, "button.older"), encode(_with_page(ref, page.page + 1))))
    topic_buttons = [
        Button(("• " if tv.slug == f.topic else "") + tv.name, encode(TimelineRef(0, f.year, f.month, tv.slug)))
        for tv in topics
    ]
    if f.topic:
        topic_buttons.append(Button(t(lang, "button.all_topics"), encode(TimelineRef(0, f.year, f.month, None))))
    rows = [tuple(nav)] if nav else []
    rows += [tuple(topic_buttons[i:i + TOPIC_BUTTONS_PER_ROW])
             for i in range(0, len(topic_buttons), TOPIC_BUTTONS_PER_ROW)]
    return Reply("\n".join(header) + "\n\n" + "\n\n".join(body), tuple(rows))


def _with_page(ref: TimelineRef, page: int) -> TimelineRef:
    return TimelineRef(page, ref.year, ref.month, ref.topic)


def topics_reply(lang: str, topics: list[TopicView]) -> Reply:
    lines = [t(lang, "topics.line", slug=tv.slug, name=esc(tv.name), tagline=esc(tv.tagline)) for tv in topics]
    buttons = tuple((Button(tv.name, encode(TopicRef(tv.slug))),) for tv in topics)
    return Reply(t(lang, "topics.title") + "\n\n" + "\n".join(lines), buttons)


def topic_card_reply(lang: str, card: TopicCard) -> Reply:
    parts = [f"<b>{esc(card.name)}</b>\n<i>{esc(card.tagline)}</i>"]
    parts += [esc(p.strip()) for p in card.card.split("\n\n") if p.strip()]
    if card.as_of:
        parts.append(f"<i>{t(lang, 'card.as_of', date=esc(format_date(lang, card.as_of)))}</i>")
    if card.key_events:
        lines = [f"• {esc(format_date(lang, e.date, e.precision))} — {esc(e.title)}" for e in card.key_events]
        parts.append(f"<b>{t(lang, 'key_dates')}</b>\n" + "\n".join(lines))
    if card.sources:
        parts.append(f"<b>{t(lang, 'sources')}</b>\n" + "\n".join(f"• {source_html(lang, s)}" for s in card.sources))
    buttons = ((Button(t(lang, "button.timeline"), encode(TimelineRef(0, topic=card.slug))),
                Button(t(lang, "button.latest"), encode(LatestRef(0, card.slug)))),)
    return Reply("\n\n".join(parts), buttons)


def on_this_day_reply(lang: str, result: OnThisDay) -> Reply:
    day = format_date(lang, result.day) if result.asked == DATE else format_day_month(lang, result.day)
    if result.today:
        parts = [t(lang, "onthisday.title", date=esc(day))]
        parts += [event_html(lang, a.event, label=_since(lang, result, a)) for a in result.today]
        if result.more:
            parts.append(t(lang, "onthisday.more", n=result.more))
        return Reply("\n\n".join(parts))
    if not result.upcoming:
        return Reply(t(lang, "onthisday.empty"))
    none = "onthisday.none" if result.asked == ANNIVERSARIES else "onthisday.none_any_year"
    parts = [t(lang, "onthisday.title", date=esc(day)), t(lang, none, date=esc(format_day_month(lang, result.day)))]
    for a in result.upcoming:
        label = f"{format_day_month(lang, a.on)}, {plural(lang, 'in_years', a.years)}"
        parts.append(event_html(lang, a.event, label=label))
    if result.more:
        parts.append(t(lang, "onthisday.more", n=result.more))
    return Reply("\n\n".join(parts))


def _since(lang: str, result: OnThisDay, a: Anniversary) -> str:
    """How long before the reply's reference an event was: years, else months, else "this year" (or "today")."""
    if result.asked == DATE:  # counted back from the date asked, not from today
        return plural(lang, "onthisday.years_earlier", a.years) if a.years else t(lang, "onthisday.that_day")
    if a.years:
        return plural(lang, "years_ago", a.years)
    if a.months:
        return plural(lang, "onthisday.months_ago", a.months)
    return t(lang, "onthisday.today" if a.event.date == result.as_of else "onthisday.this_year")


def search_reply(lang: str, results: SearchResults) -> Reply:
    """The results in one message: events with whole summaries when they fit, else the part of each around
    the words found; results that would still not fit are left out, with a word on how to narrow the search."""
    articles = [article_html(lang, a, terms=results.terms) for a in results.articles]
    for snippet in (False, True):  # only the events' summaries change: the articles are rendered once
        sections = [("search.events", [event_html(lang, e, terms=results.terms, snippet=snippet)
                                       for e in results.events]), ("search.articles", articles)]
        text = _search_text(lang, results, sections)
        if visible_length(text) <= MAX_MESSAGE:
            return Reply(text)
    left_out = 0
    while visible_length(text) > MAX_MESSAGE and any(entries for _, entries in sections):
        next(entries for _, entries in reversed(sections) if entries).pop()  # the last shown result
        left_out += 1
        text = _search_text(lang, results, sections, left_out)
    return Reply(text)


def _search_text(lang: str, results: SearchResults, sections: list[tuple[str, list[str]]], left_out: int = 0) -> str:
    parts = [t(lang, "search.title", query=esc(results.query))]
    for key, entries in sections:
        if entries:
            # The section title shares a paragraph with its first entry, so a split never orphans it.
            parts.append(f"{t(lang, key)}\n{entries[0]}")
            parts += entries[1:]
    if left_out:
        parts.append(plural(lang, "search.left_out", left_out))
    return "\n\n".join(parts)


def latest_reply(lang: str, page: ArticlePage, topic_name: str | None = None) -> Reply:
    title = t(lang, "latest.title_topic", topic=esc(topic_name)) if topic_name else t(lang, "latest.title")
    if not page.entries:
        return Reply(f"{title}\n\n{t(lang, 'latest.empty')}")
    parts = [f"{title}\n{t(lang, 'latest.page', page=page.page + 1, pages=page.pages)}"]
    parts += [article_html(lang, a) for a in page.entries]
    nav = []
    if page.page > 0:
        nav.append(Button(t(lang, "button.newer"), encode(LatestRef(page.page - 1, page.topic))))
    if page.page < page.pages - 1:
        nav.append(Button(t(lang, "button.older"), encode(LatestRef(page.page + 1, page.topic))))
    return Reply("\n\n".join(parts), (tuple(nav),) if nav else ())
