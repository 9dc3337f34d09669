"""A /search reply is one message: whole summaries when they fit, else the part around the words found."""
import datetime as dt

import pytest

from bot.briefing.search import SearchResults
from bot.briefing.views import ArticleView, EventView, SourceView
from bot.render.entries import SNIPPET_CHARS, event_html, highlight_snippet
from bot.render.html import MAX_MESSAGE, split_message, visible_length
from bot.render.pages import search_reply
from storage.stemming import stem_word

FILLER = ("Delegations met for consultations on trade, energy routes and regional security, and agreed to meet "
          "again before the end of the year. ")
SOURCE = SourceView("Example News", "A report", "https://example.org/report", dt.date(2026, 2, 10))


def event(n: int, summary: str, title: str = "Talks in Baku") -> EventView:
    return EventView(n, f"e{n}", dt.date(2026, 2, n), "day", f"{title} {n}", summary, (), (SOURCE,))


def article(n: int) -> ArticleView:
    return ArticleView(n, f"Charter article {n}", "Example News", dt.datetime(2026, 2, 11, tzinfo=dt.timezone.utc),
                       FILLER * 2, f"https://example.org/a/{n}", ())


def results(events, articles=(), query="charter") -> SearchResults:
    return SearchResults(query, (stem_word(query),), tuple(events), tuple(articles))


def test_results_that_fit_keep_whole_summaries():
    found = results([event(1, "The charter was signed. " + FILLER)], [article(1)])
    text = search_reply("en", found).text
    assert event_html("en", found.events[0], terms=found.terms) in text
    assert "…" not in text.split("Articles")[0]


def test_long_summaries_are_cut_to_the_words_found_so_the_reply_is_one_message():
    summary = FILLER * 3 + "The sides signed the charter on strategic partnership in Baku. " + FILLER * 3
    found = results([event(n, summary) for n in range(1, 6)], [article(n) for n in range(1, 6)])
    whole = "\n\n".join(event_html("en", e, terms=found.terms) for e in found.events)
    assert visible_length(whole) > MAX_MESSAGE  # with whole summaries it would take two messages
    text = search_reply("en", found).text
    assert len(split_message(text)) == 1
    for n in range(1, 6):
        assert f"Talks in Baku {n}" in text and f"<b>Charter</b> article {n}" in text
    # Each snippet starts at the sentence with the word found, which is highlighted.
    assert text.count("…The sides signed the <b>charter</b> on strategic partnership in Baku.") == 5
    assert "more results" not in text


def test_a_snippet_without_the_word_starts_at_the_beginning():
    text = FILLER * 5
    snippet = highlight_snippet(text, ("zzz",))
    assert text.startswith(snippet.removesuffix("…")) and snippet.endswith("…")
    assert len(snippet) <= SNIPPET_CHARS + 1


def test_a_snippet_far_from_a_sentence_start_begins_at_a_word_before_the_hit():
    words = " ".join(f"word{n}" for n in range(200))
    snippet = highlight_snippet(words + " charter " + words, (stem_word("charter"),))
    assert snippet.startswith("…word") and "<b>charter</b>" in snippet and snippet.endswith("…")
    assert snippet.index("<b>charter") <= 61
    assert not snippet.removeprefix("…").startswith("ord")  # cut between words


@pytest.mark.parametrize(("lang", "note"), [("en", "6 more results do not fit in one message"),
                                            ("ru", "Ещё 6 результатов не поместились в сообщение")])
def test_results_that_still_do_not_fit_are_left_out_with_a_note(lang, note):
    long_title = "Charter " + "negotiations " * 60  # titles are shown whole
    found = results([event(n, FILLER, title=long_title) for n in range(1, 6)], [article(n) for n in range(1, 6)])
    text = search_reply(lang, found).text
    assert len(split_message(text)) == 1
    assert note in text
    assert "Charter article" not in text  # the last results go first: the articles, then the last events
    shown = [n for n in range(1, 6) if f"negotiations  {n}</i>" in text]
    assert shown == [1, 2, 3, 4]  # then the last events
